/**
 * @jest-environment node
 *
 * Step 3 of the pane, "Spatial weights" (src/taskpane/ui/weightsStep.ts), in the standalone page
 * at 360 px in English and Chinese: each source writes the `weights` / `coords` options, a hand
 * edit of the options shows in the step, the coordinate columns are guessed from 经度/纬度, every
 * chosen label fits its select, the run uses what the step says (k nearest neighbours from the two
 * columns: the JSON's mean number of neighbours is k), and a loaded file gives way to a preset.
 * Skips (with a message) when /usr/bin/chromium is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { buildSnapshot, hasChromium, launch, openWithFile, ROOT, screenshot, serveDir, StaticServer } from "./browser/harness";

const run = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn("weightsStep.browser.test: /usr/bin/chromium is missing; skipped (apt-get install -y chromium)");

const PROVINCES: Array<[string, number, number]> = [
  ["北京", 116.4, 39.9],
  ["天津", 117.2, 39.1],
  ["河北", 114.5, 38.0],
  ["山西", 112.5, 37.9],
  ["上海", 121.5, 31.2],
  ["江苏", 118.8, 32.1],
  ["浙江", 120.2, 30.3],
  ["安徽", 117.3, 31.9],
];
const MATRIX = path.join(ROOT, "assets", "presets", "china-provinces", "china-provinces-W-queen-hainan-guangdong.csv");

/** A small provincial panel with Chinese headers and lon/lat columns. */
function geoPanel(): string {
  const lines = ["省份,年份,经度,纬度,人均GDP,城镇化率,森林覆盖率,单位GDP能耗"];
  PROVINCES.forEach(([name, lon, lat], i) => {
    for (let k = 0; k < 4; k++) {
      const v = (a: number) => (a + ((i * 7 + k * 3) % 5) * 0.37 + k * 0.11).toFixed(3);
      lines.push([name, 2016 + k, lon, lat, v(3), v(40), v(20), v(1)].join(","));
    }
  });
  return lines.join("\n") + "\n";
}

run("the Spatial weights step", () => {
  let server: StaticServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let dir: string;
  let csv: string;
  let roles: string;

  beforeAll(async () => {
    server = await serveDir(buildSnapshot(), true);
    browser = await launch({ width: 360, height: 900 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-ws-"));
    csv = path.join(dir, "省级面板.csv");
    fs.writeFileSync(csv, geoPanel());
    roles = path.join(dir, "省级面板.roles.json");
    fs.writeFileSync(
      roles,
      JSON.stringify({
        id: "省份",
        time: "年份",
        subsystems: {
          经济: [
            { column: "人均GDP", direction: "+" },
            { column: "城镇化率", direction: "+" },
          ],
          生态: [
            { column: "森林覆盖率", direction: "+" },
            { column: "单位GDP能耗", direction: "-" },
          ],
        },
      }),
    );
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = (lang: "en" | "zh") => openWithFile(browser.context, server.url, lang, csv, '[data-part="weights-section"]:not([hidden])');
  const options = (page: Page) =>
    page.evaluate(() => ({
      weights: (document.querySelector('input[name="weights"]') as HTMLInputElement).value,
      coords: (document.querySelector('input[name="coords"]') as HTMLInputElement).value,
    }));
  const summary = (page: Page) => page.textContent('[data-part="weights-summary"]');
  const setText = (page: Page, selector: string, value: string) =>
    page.evaluate(
      ([s, v]) => {
        const input = document.querySelector(s) as HTMLInputElement;
        input.value = v;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      },
      [selector, value],
    );
  /** Selects of the step whose chosen label does not fit (measured in the select's font, plus the arrow). */
  const cutSelects = (page: Page) =>
    page.$$eval('[data-part="weights-section"] select:not([hidden])', (ss) => {
      const ctx = document.createElement("canvas").getContext("2d")!;
      return (ss as HTMLSelectElement[])
        .filter((s) => s.offsetParent !== null)
        .filter((s) => {
          const cs = getComputedStyle(s);
          ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          return ctx.measureText(s.options[s.selectedIndex].text).width > s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 18;
        })
        .map((s) => s.options[s.selectedIndex].text);
    });

  test("each source sets the options, and the options show in the step (en)", async () => {
    const { page, errors } = await open("en");
    expect(await options(page)).toEqual({ weights: "", coords: "" });
    expect(await summary(page)).toBe("No spatial weights: the Spatial autocorrelation section is left out.");
    await page.selectOption('select[data-action="weights-kind"]', "knn");
    // the coordinate columns guessed from 经度 / 纬度, k 6 by default, great-circle for lon/lat
    expect(await options(page)).toEqual({ weights: "knn:6", coords: "经度,纬度" });
    expect(await summary(page)).toBe("The 6 nearest neighbours of each unit, from columns 经度, 纬度 (great-circle distance in km).");
    await setText(page, "#cl-ws-param", "3");
    expect((await options(page)).weights).toBe("knn:3");
    await page.selectOption('select[data-action="weights-kind"]', "idw");
    await setText(page, "#cl-ws-cutoff", "500");
    expect(await options(page)).toEqual({ weights: "idw:1:500", coords: "经度,纬度" });
    expect(await summary(page)).toBe("Inverse distance to the power 1 within 500, from columns 经度, 纬度 (great-circle distance in km).");
    await page.selectOption('select[data-action="weights-kind"]', "china-provinces");
    expect(await options(page)).toEqual({ weights: "china-provinces", coords: "" });
    for (const kind of ["none", "china-provinces", "china-provinces-island", "knn", "band", "idw", "file"]) {
      await page.selectOption('select[data-action="weights-kind"]', kind);
      expect([kind, await cutSelects(page)]).toEqual([kind, []]);
    }
    // typed in the options: the step follows
    await setText(page, 'input[name="weights"]', "band:300");
    await setText(page, 'input[name="coords"]', "经度,纬度");
    expect(await page.$eval('select[data-action="weights-kind"]', (s) => (s as HTMLSelectElement).value)).toBe("band");
    expect(await page.$eval("#cl-ws-param", (s) => (s as HTMLInputElement).value)).toBe("300");
    expect(await summary(page)).toBe("Neighbours within 300 of each unit, from columns 经度, 纬度 (great-circle distance in km).");
    await page.selectOption('select[data-action="weights-kind"]', "none");
    expect(await options(page)).toEqual({ weights: "", coords: "" });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  test("the run uses the step's k nearest neighbours; a loaded file gives way to a preset", async () => {
    const { page, errors } = await open("en");
    await page.setInputFiles('input[data-action="roles-file"]', roles);
    await page.waitForSelector("text=Roles loaded from 省级面板.roles.json");
    await page.selectOption('select[data-action="weights-kind"]', "knn");
    await setText(page, "#cl-ws-param", "3");
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 60_000 });
    const error = await page.$('[data-part="errors"] .cl-error');
    if (error) throw new Error(`the run failed in the page: ${await error.textContent()}`);
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click('button[data-action="download-json"]')]);
    const file = path.join(dir, "r.json");
    await dl.saveAs(file);
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(json.spatial.weights).toMatchObject({ n: PROVINCES.length, meanNeighbours: 3, transform: "row" });
    expect(json.spatial.weights.source).toMatch(/from columns 经度, 纬度/);
    // a file, then the preset: the file is dropped
    await page.selectOption('select[data-action="weights-kind"]', "file");
    await page.setInputFiles('input[data-action="weights-file"]', MATRIX);
    await page.waitForSelector("text=Spatial weights: china-provinces-W-queen-hainan-guangdong.csv, 31 units (matrix).");
    await page.selectOption('select[data-action="weights-kind"]', "china-provinces");
    expect(await summary(page)).toMatch(/^China's 31 provinces, queen contiguity, Hainan linked to Guangdong/);
    await page.selectOption('select[data-action="weights-kind"]', "file");
    expect(await summary(page)).toBe("Load a weights file, or select the range in a sheet and use it.");
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  test.each(["en", "zh"] as const)(
    "at 360 px (%s): the step with k nearest neighbours, nothing cut, nothing wider than the pane",
    async (lang) => {
      const { page, errors } = await open(lang);
      await page.selectOption('select[data-action="weights-kind"]', "knn");
      expect(await cutSelects(page)).toEqual([]);
      const wide = await page.$$eval('[data-part="weights-section"] *', (els) =>
        els.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((e) => e.outerHTML.slice(0, 60)),
      );
      expect(wide).toEqual([]);
      if (lang === "zh") expect(await summary(page)).toBe("每个单元的 6 个最近邻，坐标列 经度、纬度（大圆距离，千米）。");
      await page.locator('[data-part="weights-section"]').scrollIntoViewIfNeeded();
      await screenshot(page, `weights-360-${lang}.png`, false);
      expect(errors).toEqual([]);
      await page.close();
    },
    120_000,
  );
});
