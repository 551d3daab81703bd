/**
 * @jest-environment node
 *
 * The pane "inside Excel", in headless chromium: dist/taskpane.test.html loads the recording
 * fake of the Excel object model (tests/doubles/fakeExcel.ts, bundled as test-fake-office.js)
 * instead of office.js. The test seeds a workbook with the sample panel on "Data" and a user
 * sheet, selects one cell inside the panel, presses "Use selection", loads the sample roles,
 * changes two roles, runs, and checks what was written (sheets, headers, values, tables,
 * charts, settings), that the user's sheets are untouched, that a second run asks before
 * replacing, and that a bad cell is named (Data!F12) with a working "Select cell".
 * Skips (with a message) only when /usr/bin/chromium is absent.
 */
import * as fs from "fs";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { Analysis } from "../../src/report/analysis";
import { Cell, parseCsv } from "../../src/report/csv";
import { cellsToCsv } from "../../src/report/reproduce";
import { sha256Hex } from "../../src/report/sha256";
import { runReport } from "../../src/report/pipeline";
import { RolesFile } from "../../src/report/roles";
import {
  buildSnapshot,
  guardNetwork,
  hasChromium,
  hasFakeExcel,
  launch,
  ROOT,
  screenshot,
  screenshotPart,
  serveDir,
  StaticServer,
  watchErrors,
} from "./browser/harness";
import type { SheetDump } from "./browser/fakeOfficeEntry";

const CSV = path.join(ROOT, "samples", "sample-panel.csv");
const ROLES = path.join(ROOT, "samples", "sample-panel.roles.json");
const IGNORED = "X7 Foreign enterprise investment (USD 100 million)";
const FLIPPED = "Forest coverage rate (%)";

const ready = hasChromium() && hasFakeExcel();
const run = ready ? describe : describe.skip;
if (!hasChromium()) console.warn("excel.browser.test: /usr/bin/chromium is missing; skipped (apt-get install -y chromium)");
else if (!hasFakeExcel()) console.warn("excel.browser.test: tests/doubles/fakeExcel.ts is missing; skipped");

type Dump = { sheets: SheetDump[]; settings: Record<string, unknown>; selection: string | null };

run("taskpane in Excel (fake Office.js)", () => {
  let server: StaticServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let errors: string[];
  let requests: Awaited<ReturnType<typeof guardNetwork>>;
  const cells: Cell[][] = parseCsv(fs.readFileSync(CSV, "utf8"));

  beforeAll(async () => {
    server = await serveDir(buildSnapshot(), true);
    browser = await launch({ width: 400, height: 900 });
    page = await browser.context.newPage();
    requests = await guardNetwork(page);
    errors = watchErrors(page);
    page.on("dialog", (d) => {
      errors.push(`native dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`${server.url}/taskpane.test.html?lang=en`);
    await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const dump = (): Promise<Dump> => page.evaluate(() => (window as unknown as { __fakeDump(): Dump }).__fakeDump());
  const sheetOf = (d: Dump, name: string) => {
    const s = d.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}; sheets: ${d.sheets.map((x) => x.name).join(", ")}`);
    return s;
  };

  async function runAndWait(): Promise<void> {
    await page.evaluate(() => document.getElementById("cl-app")!.removeAttribute("data-done"));
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 60_000 });
    const error = await page.$('[data-part="errors"] .cl-error');
    if (error) throw new Error(`the run failed in the pane: ${await error.textContent()}`);
  }

  test("the page runs as the Excel pane", async () => {
    expect(await page.getAttribute("body", "data-ready")).toBe("excel");
    expect(await page.textContent("#cl-status")).toContain("Connected to Excel");
  });

  test("Chinese labels when Office's display language is zh-*", async () => {
    const zh = await browser.context.newPage();
    await guardNetwork(zh);
    await zh.goto(`${server.url}/taskpane.test.html?displayLanguage=zh-CN`);
    await zh.waitForSelector("body[data-ready]");
    expect(await zh.textContent('button[data-action="use-selection"]')).toBe("使用所选区域");
    expect(await zh.textContent('button[data-action="run"]')).toBe("运行分析");
    expect(await zh.getAttribute("html", "lang")).toBe("zh-CN");
    await zh.close();
  });

  test("an older Excel (ExcelApi 1.6): the pane says at start what it cannot do", async () => {
    const old = await browser.context.newPage();
    await guardNetwork(old);
    await old.goto(`${server.url}/taskpane.test.html?lang=en&excelApi=1.6`);
    await old.waitForSelector("body[data-ready]");
    const notice = await old.textContent('[data-role="capability-notice"]');
    expect(notice).toContain("the report is written without: native charts (ExcelApi 1.7)");
    expect(notice).toContain("frozen header rows (ExcelApi 1.7)");
    expect(notice).not.toContain("colour scales");
    await old.close();
    // a current Excel shows no notice
    expect(await page.$('[data-role="capability-notice"]')).toBeNull();
  });

  test("use selection, change roles, run: the report sheets are written; the user's sheets are untouched", async () => {
    await page.evaluate((data) => {
      const f = (
        window as unknown as {
          __fake: {
            addSheet(n: string, v: unknown[][]): unknown;
            select(s: string, a: string): void;
            sheet(n: string): unknown;
            storeValue(s: unknown, r: number, c: number, v: unknown): void;
          };
        }
      ).__fake;
      f.storeValue(f.sheet("Sheet1"), 0, 0, "my notes");
      f.storeValue(f.sheet("Sheet1"), 1, 1, 42);
      f.addSheet("Data", data);
      f.select("Data", "C5"); // one cell: the pane reads its current region
    }, cells as unknown[][]);

    await page.click('button[data-action="use-selection"]');
    await page.waitForSelector('[data-part="roles-section"]:not([hidden])');
    expect(await page.textContent('[data-part="data-info"]')).toContain("Data!A1:AL311: 310 data rows, 38 columns");
    await page.setInputFiles('input[data-action="roles-file"]', ROLES);
    await page.waitForSelector("text=Roles loaded from sample-panel.roles.json");
    // the user's changes: one factor ignored, one indicator turned into a cost indicator
    await page.selectOption(`tr:has(td.cl-colname[title="${IGNORED}"]) select[data-column]`, "ignore");
    await page.selectOption(`tr:has(td.cl-colname[title="${FLIPPED}"]) select[data-direction]`, "-");
    await screenshot(page, "excel-roles.png", false);

    await runAndWait();
    const d = await dump();

    // the same run in Node, with the same changes
    const roles = JSON.parse(fs.readFileSync(ROLES, "utf8")) as { factors: string[]; subsystems: Record<string, Array<{ column: string; direction: string }>> };
    roles.factors = roles.factors.filter((f) => f !== IGNORED);
    for (const list of Object.values(roles.subsystems)) for (const ind of list) if (ind.column === FLIPPED) ind.direction = "-";
    const node = await runReport(cells, roles as unknown as RolesFile);
    const a = node.analysis as Analysis;

    const expectedSheets = [...node.report.sheets.map((s) => `CL ${s.name}`), "CL Notes"];
    expect(d.sheets.map((s) => s.name)).toEqual(["Sheet1", "Data", ...expectedSheets]);

    // the Reproduce sheet (M16): the SHA-256 of the selected values as CSV text, the range, the equivalent command
    const reproduce = sheetOf(d, "CL Reproduce");
    const fact = (label: RegExp) => reproduce.values.find((r) => label.test(String(r[0])))?.[1];
    expect(fact(/^SHA-256 of the selected values as CSV text/)).toBe(sha256Hex(cellsToCsv(cells)));
    expect(fact(/^Range$/)).toBe("Data!A1:AL311");
    expect(fact(/^Command line$/)).toBe("npx coordlab Data.csv --roles Data.roles.json");

    // user sheets untouched
    const sheet1 = sheetOf(d, "Sheet1");
    expect(sheet1.values[0][0]).toBe("my notes");
    expect(sheet1.values[1][1]).toBe(42);
    expect(sheet1.tables).toEqual([]);
    expect(sheet1.charts).toEqual([]);
    const data = sheetOf(d, "Data");
    expect(data.values.length).toBe(cells.length);
    expect(data.values[0]).toEqual(cells[0]);
    expect(data.values[310][6]).toBe(cells[310][6]);

    // headers and values: Scores (one table, header row 1)
    const scores = sheetOf(d, "CL Scores");
    const header = scores.values[0];
    expect(header.slice(0, 3)).toEqual(["Unit", "Period", "Group"]);
    const jD = header.indexOf("D");
    expect(jD).toBeGreaterThan(0);
    expect(scores.values.length).toBe(1 + a.observations.length);
    for (const obs of [a.observations[0], a.observations.find((x) => x.id === "Beijing" && x.period === "2020")!, a.observations[a.observations.length - 1]]) {
      const row = scores.values.find((r) => r[0] === obs.id && String(r[1]) === obs.period)!;
      expect(Math.abs((row[jD] as number) - obs.D!)).toBeLessThan(1e-9);
    }
    expect(scores.tables).toEqual([
      { name: expect.any(String), address: `A1:${String.fromCharCode(64 + header.length)}${1 + a.observations.length}`, hasHeaders: true },
    ]);
    expect(scores.conditionalFormats).toBeGreaterThan(0); // the colour scale on D

    // the changed roles reached the sheets: the flipped indicator is "-", the ignored factor is gone
    const weights = sheetOf(d, "CL Weights");
    expect(weights.values.find((r) => r[0] === FLIPPED)?.[1]).toBe("-");
    const geo = sheetOf(d, "CL Geodetector");
    expect(geo.values.some((r) => r[0] === IGNORED)).toBe(false);
    expect(geo.values.some((r) => r[0] === "X1 GDP per capita (RMB/person)")).toBe(true);

    // coordination by group: the last period's overall mean
    const byGroup = sheetOf(d, "CL Coordination by group");
    const allMean = a.groupMeans.find((m) => m.group === "All" && m.period === "2020")!.D;
    const meanRow = byGroup.values.find((r) => r[0] === "All" && r[1] === "Mean value")!;
    expect(Math.abs((meanRow[byGroup.values[1].indexOf("2020")] as number) - allMean)).toBeLessThan(1e-9);

    // tables on every report sheet but the notes; charts where the report has them
    for (const s of node.report.sheets) expect(sheetOf(d, `CL ${s.name}`).tables.length).toBe(s.tables.length);
    expect(byGroup.charts.map((c) => c.type)).toEqual(["Line"]);
    expect(byGroup.charts[0].series.map((s) => s.name)).toEqual([...a.data.groups, "All"]);
    // one smooth-scatter density chart and one 3-D surface per group
    const densityGroups = new Set(a.density.map((x) => x.group)).size;
    const densityTypes = sheetOf(d, "CL Density").charts.map((c) => c.type);
    expect(densityTypes.filter((c) => c === "XYScatterSmoothNoMarkers").length).toBe(densityGroups);
    expect(densityTypes.filter((c) => c === "Surface").length).toBe(densityGroups);
    expect(densityTypes.length).toBe(2 * densityGroups);
    expect(sheetOf(d, "CL Grades").charts.map((c) => c.type)).toEqual(["BarClustered"]); // horizontal bars (issue 16)

    // roles and options remembered in the workbook
    const saved = d.settings["coordlab.roles"] as { factors: string[]; subsystems: Record<string, Array<{ column: string; direction: string }>> };
    expect(saved.factors).not.toContain(IGNORED);
    expect(saved.subsystems["Ecological environment"].find((i) => i.column === FLIPPED)?.direction).toBe("-");
    expect(d.settings["coordlab.options"]).toEqual({});

    // the pane shows the summary too
    expect(await page.$$eval('[data-part="summary"] .cl-findings li', (li) => li.length)).toBeGreaterThan(0);
    await screenshotPart(page, '[data-part="result"]', "excel-result.png");
  });

  test("a second run asks (in the pane) before replacing the CoordLab sheets", async () => {
    const before = (await dump()).sheets.map((s) => s.name);
    await page.evaluate(() => document.getElementById("cl-app")!.removeAttribute("data-done"));
    await page.click('button[data-action="run"]');
    const dialog = await page.waitForSelector('[data-part="confirm"]', { timeout: 30_000 });
    expect(await dialog.textContent()).toContain("CL Summary");
    expect(await page.textContent('[data-part="progress"] .cl-progress-label')).toContain("Writing sheets");
    await screenshot(page, "excel-progress.png", false);
    await page.click('button[data-action="confirm-ok"]');
    await page.waitForSelector("#cl-app[data-done]", { state: "attached", timeout: 60_000 });
    const after = await dump();
    expect(after.sheets.map((s) => s.name)).toEqual(before); // replaced, not duplicated
    expect(sheetOf(after, "Sheet1").values[0][0]).toBe("my notes");
    expect(errors).toEqual([]);
  });

  test("a bad cell is named with its address, and Select cell selects it", async () => {
    await page.evaluate(() => {
      const f = (
        window as unknown as {
          __fake: { sheet(n: string): unknown; storeValue(s: unknown, r: number, c: number, v: unknown): void; select(s: string, a: string): void };
        }
      ).__fake;
      f.storeValue(f.sheet("Data"), 11, 5, "n/a"); // F12
      f.select("Data", "A1:AL311");
    });
    await page.click('button[data-action="use-selection"]');
    await page.waitForSelector("text=Roles and options restored from this workbook.");
    // the restored roles keep the user's changes
    expect(await page.$eval(`tr:has(td.cl-colname[title="${IGNORED}"]) select[data-column]`, (s) => (s as HTMLSelectElement).value)).toBe("ignore");
    await page.click('button[data-action="run"]');
    const box = await page.waitForSelector('[data-part="errors"] .cl-error', { timeout: 30_000 });
    const text = (await box.textContent()) ?? "";
    expect(text).toContain(`Data!F12: text 'n/a' is not a number, in column "Urban registered unemployment rate (%)"`);
    await page.click('button[data-action="select-cell"]');
    await page.waitForFunction(() => (window as unknown as { __fakeDump(): { selection: string | null } }).__fakeDump().selection === "Data!F12", undefined, {
      timeout: 10_000,
    });
    expect((await dump()).selection).toBe("Data!F12");
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, "excel-error.png", false);
    expect(errors).toEqual([]);
    // no request left localhost (the test page has no office.js at all)
    expect(requests.blocked).toEqual([]);
  });
});
