/**
 * @jest-environment node
 *
 * The role editor in headless chromium (standalone page): subsystem names typed with Tab
 * between them are both kept (the editor does not redraw while typing); several rows selected
 * with click / shift-click / ctrl-click get a role and a direction at once; cost indicators
 * guessed from Chinese names are marked "-" for review; screenshots at 360 px in en and zh.
 * Skips (with a message) only when /usr/bin/chromium is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { buildSnapshot, guardNetwork, hasChromium, launch, openWithFile, ROOT, screenshot, serveDir, StaticServer, watchErrors } from "./browser/harness";

const run = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn("roleEditor.browser.test: /usr/bin/chromium is missing; skipped (apt-get install -y chromium)");

/** A small panel with Chinese headers, no prefixes: the guess puts every indicator in one subsystem. */
function panelCsv(): string {
  const headers = ["省份", "所属区域", "年份", "人均GDP", "城镇化率", "城镇登记失业率", "森林覆盖率", "工业废水排放量", "单位GDP能耗"];
  const rows: string[] = [headers.join(",")];
  const provinces = [
    ["北京", "东部"],
    ["河南", "中部"],
    ["四川", "西部"],
    ["上海", "东部"],
  ];
  provinces.forEach(([p, r], i) => {
    for (let y = 2011; y <= 2013; y++) {
      const k = i * 3 + (y - 2011) + 1;
      rows.push(
        [p, r, y, 5 + ((k * 7) % 11), 50 + ((k * 5) % 13), 3 + ((k * 3) % 4), 20 + ((k * 11) % 9), 10 - ((k * 2) % 7), 0.5 + 0.1 * ((k * 5) % 6)].join(","),
      );
    }
  });
  return rows.join("\n") + "\n";
}

run("role editor (standalone page)", () => {
  let server: StaticServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let csv: string;

  beforeAll(async () => {
    server = await serveDir(buildSnapshot(), true);
    browser = await launch({ width: 360, height: 900 });
    csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-roles-")), "省级面板.csv");
    fs.writeFileSync(csv, panelCsv(), "utf8");
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = (lang: "en" | "zh") => openWithFile(browser.context, server.url, lang, csv, '[data-part="roles-section"]:not([hidden])');
  const roleOf = (page: Page, header: string) =>
    page.$eval(`tr:has(td.cl-colname[title="${header}"]) select[data-column]`, (s) => (s as HTMLSelectElement).value);
  const dirOf = (page: Page, header: string) =>
    page.$eval(`tr:has(td.cl-colname[title="${header}"]) select[data-direction]`, (s) => (s as HTMLSelectElement).value);

  /** Role selects whose chosen label does not fit (its text measured in the select's font, plus the arrow). */
  const cutSelects = (page: Page) =>
    page.$$eval("select[data-column]", (ss) => {
      const ctx = document.createElement("canvas").getContext("2d")!;
      return (ss as HTMLSelectElement[])
        .filter((s) => {
          const cs = getComputedStyle(s);
          ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          const text = ctx.measureText(s.options[s.selectedIndex].text).width;
          const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 18; // the drop-down arrow
          return text > room;
        })
        .map((s) => `${s.getAttribute("aria-label")} = ${s.options[s.selectedIndex].text}`);
    });

  test("360 and 320 px, the sample's long English headers: no role label is cut, nothing wider than the pane", async () => {
    const page = await browser.context.newPage();
    await guardNetwork(page);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/taskpane.html?lang=en`);
    await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
    await page.setInputFiles('input[data-action="data-file"]', path.join(ROOT, "samples", "sample-panel.csv"));
    await page.waitForSelector('[data-part="roles-section"]:not([hidden])');
    expect(await page.$eval('tr:has(td.cl-colname[title="Region"]) select[data-column]', (s) => (s as HTMLSelectElement).value)).toBe("group");
    for (const width of [360, 320]) {
      await page.setViewportSize({ width, height: 900 });
      expect([width, await cutSelects(page)]).toEqual([width, []]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect([width, overflow]).toEqual([width, 0]);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  test("two subsystem names typed with Tab between them are both kept, and shown in the rows", async () => {
    const { page, errors } = await open("en");
    await page.fill('input[data-subsystem="0"]', "");
    await page.click('input[data-subsystem="0"]');
    await page.keyboard.type("新型城镇化");
    await page.keyboard.press("Tab");
    // Tab lands in the second name field (select its text, as a browser does) and typing goes there
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-subsystem"))).toBe("1");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("生态环境");
    await page.keyboard.press("Tab");
    expect(await page.$eval('input[data-subsystem="0"]', (i) => (i as HTMLInputElement).value)).toBe("新型城镇化");
    expect(await page.$eval('input[data-subsystem="1"]', (i) => (i as HTMLInputElement).value)).toBe("生态环境");
    // the guess put every indicator in subsystem 1: its rows show the whole new name
    expect(await page.textContent('tr:has(td.cl-colname[title="人均GDP"]) .cl-subname')).toBe("新型城镇化");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("click, shift-click and ctrl-click select rows; role and direction set at once; costs guessed", async () => {
    const { page, errors } = await open("en");
    // the guess: 所属区域 is the group, costs from their names are "-" and marked
    expect(await roleOf(page, "所属区域")).toBe("group");
    expect(await dirOf(page, "城镇登记失业率")).toBe("-");
    expect(await dirOf(page, "工业废水排放量")).toBe("-");
    expect(await dirOf(page, "单位GDP能耗")).toBe("-");
    expect(await dirOf(page, "森林覆盖率")).toBe("+");
    expect(await page.$$eval('[data-review="true"]', (m) => m.length)).toBe(3);

    // 森林覆盖率 .. 单位GDP能耗 to subsystem 2 by click + shift-click
    await page.click('td.cl-colname[title="森林覆盖率"]');
    await page.click('td.cl-colname[title="单位GDP能耗"]', { modifiers: ["Shift"] });
    expect(await page.textContent('[data-part="selected-count"]')).toBe("3 selected");
    await page.selectOption('select[data-bulk="role"]', "sub1");
    for (const h of ["森林覆盖率", "工业废水排放量", "单位GDP能耗"]) expect(await roleOf(page, h)).toBe("sub1");
    for (const h of ["人均GDP", "城镇化率", "城镇登记失业率"]) expect(await roleOf(page, h)).toBe("sub0");
    expect(await page.textContent('[data-part="selected-count"]')).toBe("0 selected");

    // ctrl-click two rows apart and set them "+"
    await page.click('td.cl-colname[title="城镇登记失业率"]');
    await page.click('td.cl-colname[title="单位GDP能耗"]', { modifiers: ["Control"] });
    expect(await page.textContent('[data-part="selected-count"]')).toBe("2 selected");
    await page.selectOption('select[data-bulk="direction"]', "+");
    expect(await dirOf(page, "城镇登记失业率")).toBe("+");
    expect(await dirOf(page, "单位GDP能耗")).toBe("+");
    expect(await dirOf(page, "工业废水排放量")).toBe("-");
    expect(await page.$$eval('[data-review="true"]', (m) => m.length)).toBe(1);

    // the roles run: two subsystems, the report is written
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 60_000 });
    expect(await page.textContent('[data-part="errors"]')).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("in Chinese: the guess's notes, the subsystems' default names and a roles error", async () => {
    const { page, errors } = await open("zh");
    const notes = await page.$$eval('[data-part="roles"] .cl-notes li', (li) => li.map((x) => x.textContent));
    expect(notes).toEqual([
      "全部 6 个指标都放在了一个子系统中：运行前请将它们分到至少两个子系统，并核对指标方向",
      "根据名称推测为成本型（负向，方向“-”）指标，请核对：“城镇登记失业率”、“工业废水排放量”、“单位GDP能耗”",
    ]);
    expect(await page.$eval('input[data-subsystem="1"]', (i) => (i as HTMLInputElement).value)).toBe("子系统 2");
    expect(await page.textContent('tr:has(td.cl-colname[title="人均GDP"]) .cl-subname')).toBe("子系统 1");
    // run the guess as it is: one subsystem, said in Chinese
    await page.click('button[data-action="run"]');
    const box = await page.waitForSelector('[data-part="errors"] .cl-error', { timeout: 30_000 });
    expect(await box.textContent()).toBe("错误：角色设置：耦合需要至少两个子系统，目前只有 1 个（“子系统 1”）。请把指标分到两个或更多子系统");
    expect(errors).toEqual([]);
    await page.close();
  });

  test.each(["en", "zh"] as const)("360 px, %s: nothing wider than the pane, role selects not truncated", async (lang) => {
    const { page, errors } = await open(lang);
    await page.fill('input[data-subsystem="0"]', "新型城镇化高质量发展水平");
    await page.press('input[data-subsystem="0"]', "Tab");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // every role select is wide enough for its chosen label
    expect(await cutSelects(page)).toEqual([]);
    expect(await page.textContent('tr:has(td.cl-colname[title="人均GDP"]) .cl-subname')).toBe("新型城镇化高质量发展水平");
    await screenshot(page, `roles-360-${lang}.png`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
