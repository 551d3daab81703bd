/**
 * @jest-environment node
 *
 * The output choice "beside the data" in the Excel pane (office.js replaced by the recording
 * fake): the sample panel on "Data" from B3 under a title, "Use selection", the sample roles,
 * "Result sheets, and C, T, D and the grade ..." chosen, Run. Checked: the four columns AN3:AQ313
 * hold the Node run's C, T, D and grade row by row, the report sheets are written as usual, and
 * nothing else of the user's sheets changed. Then a value typed into the target: the next run is
 * refused naming that cell (Select cell selects it) and nothing at all is written. The same in
 * Chinese (Office's display language zh-CN): Chinese headers and message. Screenshots at 360 px.
 * Skips (with a message) when chromium or the fake is absent.
 */
import * as fs from "fs";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import type { Observation } from "../../src/report/analysis";
import { Cell, parseCsv } from "../../src/report/csv";
import { runReport } from "../../src/report/pipeline";
import { buildSnapshot, guardNetwork, hasChromium, hasFakeExcel, launch, ROOT, screenshot, serveDir, StaticServer, watchErrors } from "./browser/harness";
import type { SheetDump } from "./browser/fakeOfficeEntry";

const CSV = path.join(ROOT, "samples", "sample-panel.csv");
const ROLES = path.join(ROOT, "samples", "sample-panel.roles.json");

const ready = hasChromium() && hasFakeExcel();
const run = ready ? describe : describe.skip;
if (!ready) console.warn("besideExcel.browser.test: chromium or tests/doubles/fakeExcel.ts is missing; skipped");

type Dump = { sheets: SheetDump[]; settings: Record<string, unknown>; selection: string | null };
type Fake = {
  addSheet(n: string, v: unknown[][]): unknown;
  sheet(n: string): unknown;
  storeValue(s: unknown, r: number, c: number, v: unknown): void;
  select(s: string, a: string): void;
};

run("C, T, D and the grade beside the data (Excel pane, fake Office.js)", () => {
  let server: StaticServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  const cells: Cell[][] = parseCsv(fs.readFileSync(CSV, "utf8"));
  // the data from B3 with a title in B1: the new columns start right of AM (the 38th column from B)
  const sheetData: unknown[][] = [["", "Provincial panel"], [], ...cells.map((r) => ["", ...r])];

  beforeAll(async () => {
    server = await serveDir(buildSnapshot(), true);
    browser = await launch({ width: 360, height: 900 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(lang: "en" | "zh"): Promise<{ page: Page; errors: string[]; dump: () => Promise<Dump> }> {
    const page = await browser.context.newPage();
    await guardNetwork(page);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/taskpane.test.html?displayLanguage=${lang === "zh" ? "zh-CN" : "en-US"}`);
    await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
    await page.evaluate((data) => {
      const f = (window as unknown as { __fake: Fake }).__fake;
      f.storeValue(f.sheet("Sheet1"), 0, 0, "my notes");
      f.addSheet("Data", data);
      f.select("Data", "C5");
    }, sheetData);
    await page.click('button[data-action="use-selection"]');
    await page.waitForSelector('[data-part="roles-section"]:not([hidden])');
    await page.setInputFiles('input[data-action="roles-file"]', ROLES);
    await page.waitForSelector('[data-part="roles"] .cl-notes li');
    const dump = (): Promise<Dump> => page.evaluate(() => (window as unknown as { __fakeDump(): Dump }).__fakeDump());
    return { page, errors, dump };
  }

  async function runAndWait(page: Page): Promise<void> {
    await page.evaluate(() => document.getElementById("cl-app")!.removeAttribute("data-done"));
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 90_000 });
  }

  const data = (d: Dump) => d.sheets.find((s) => s.name === "Data")!;

  test.each(["en", "zh"] as const)("%s: new columns written; a non-empty target refused by name; nothing else touched", async (lang) => {
    const { page, errors, dump } = await open(lang);
    // new sheets is the default
    expect(await page.isChecked('input[data-output="sheets"]')).toBe(true);
    await page.check('input[data-output="beside"]');
    const before = await dump();
    await runAndWait(page);
    expect(await page.textContent('[data-part="errors"]')).toBe("");
    const after = await dump();

    const node = await runReport(cells, fs.readFileSync(ROLES, "utf8"), {
      ...(await runReport(cells, fs.readFileSync(ROLES, "utf8"))).analysis.options,
      language: lang,
    });
    const obs = (node.analysis as { observations: Observation[] }).observations;
    const d = data(after);
    // header row 3, columns AN..AQ (0-based 39..42)
    expect(d.values[2].slice(39, 43)).toEqual(
      lang === "en"
        ? ["Coupling degree C", "Coordination index T", "Coupling coordination degree D", "Coordination grade"]
        : ["耦合度C", "综合协调指数T", "耦合协调度D", "协调等级"],
    );
    for (const r of [1, 10, 155, cells.length - 1]) {
      const o = obs.find((x) => x.id === cells[r][0] && x.period === String(cells[r][2]))!;
      const row = d.values[2 + r];
      expect(Math.abs((row[39] as number) - o.C!)).toBeLessThan(1e-12);
      expect(Math.abs((row[40] as number) - o.T)).toBeLessThan(1e-12);
      expect(Math.abs((row[41] as number) - o.D!)).toBeLessThan(1e-12);
      expect(row[42]).toBe(o.grade);
    }
    expect(d.values.length).toBe(2 + cells.length);
    // nothing else of the user's sheets changed: Data outside AN3:AQ313 and Sheet1 as before
    const outside = (s: SheetDump) => s.values.map((row) => row.slice(0, 39));
    expect(outside(d)).toEqual(outside(data(before)));
    expect(d.values.every((row) => row.length <= 43)).toBe(true);
    expect(after.sheets.find((s) => s.name === "Sheet1")!.values).toEqual(before.sheets.find((s) => s.name === "Sheet1")!.values);
    // the report sheets were written as with "New result sheets"
    const notes = lang === "en" ? "CL Notes" : "CL 说明";
    expect(after.sheets.map((s) => s.name)).toEqual(["Sheet1", "Data", ...node.report.sheets.map((s) => `CL ${s.name}`), notes]);
    expect(await page.textContent("#cl-status")).toContain(
      lang === "en" ? "C, T, D and the grade written to Data!AN3:AQ313." : "C、T、D 与协调等级已写入 Data!AN3:AQ313。",
    );

    // a value in the way
    await page.evaluate(() => {
      const f = (window as unknown as { __fake: Fake }).__fake;
      // clear the columns just written, then type one number into AO40
      for (let r = 2; r <= 312; r++) for (let c = 39; c <= 42; c++) f.storeValue(f.sheet("Data"), r, c, "");
      f.storeValue(f.sheet("Data"), 39, 40, 7);
    });
    const blocked = await dump();
    await runAndWait(page);
    const box = await page.waitForSelector('[data-part="errors"] .cl-error');
    const text = (await box.textContent()) ?? "";
    expect(text).toContain(
      lang === "en"
        ? "C, T, D and the grade go to Data!AN3:AQ313, to the right of the data, but Data!AO40 is not empty (7). Nothing was written"
        : "C、T、D 与协调等级将写入数据右侧的 Data!AN3:AQ313，但 Data!AO40 不为空（7）。未写入任何内容",
    );
    // nothing at all was written: no sheet replaced or added, the data as it was
    const refused = await dump();
    expect(refused.sheets.map((s) => [s.name, s.values])).toEqual(blocked.sheets.map((s) => [s.name, s.values]));
    await page.click('button[data-action="select-cell"]');
    await page.waitForFunction(() => (window as unknown as { __fakeDump(): Dump }).__fakeDump().selection === "Data!AO40", undefined, { timeout: 10_000 });
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, `excel-beside-refused-${lang}.png`, false);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
