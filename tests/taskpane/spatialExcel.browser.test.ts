/**
 * @jest-environment node
 *
 * Spatial weights from a sheet range in the Excel pane (office.js replaced by the recording fake):
 * the panel from one sheet, the China matrix from another through "Use selection as spatial
 * weights"; the written Spatial autocorrelation sheet holds the Moran's I of the Node run.
 * Skips (with a message) when chromium or the fake is absent.
 */
import * as fs from "fs";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { parseCsv } from "../../src/report/csv";
import type { Cell } from "../../src/report/csv";
import { defaultOptions, parseOptions } from "../../src/report/options";
import { runReport } from "../../src/report/pipeline";
import { buildSnapshot, guardNetwork, hasChromium, hasFakeExcel, launch, ROOT, serveDir, StaticServer, watchErrors } from "./browser/harness";
import type { SheetDump } from "./browser/fakeOfficeEntry";

const CSV = path.join(ROOT, "samples", "sample-panel.csv");
const ROLES = path.join(ROOT, "samples", "sample-panel.roles.json");
const MATRIX = path.join(ROOT, "assets", "presets", "china-provinces", "china-provinces-W-queen-hainan-guangdong.csv");

const ready = hasChromium() && hasFakeExcel();
const run = ready ? describe : describe.skip;
if (!ready) console.warn("spatialExcel.browser.test: chromium or tests/doubles/fakeExcel.ts is missing; skipped");

type Fake = { addSheet(n: string, v: unknown[][]): unknown; select(s: string, a: string): void };

run("spatial weights from a sheet range (Excel pane, fake Office.js)", () => {
  let server: StaticServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await serveDir(buildSnapshot(), true);
    browser = await launch({ width: 400, height: 900 });
    page = await browser.context.newPage();
    await guardNetwork(page);
    errors = watchErrors(page);
    await page.goto(`${server.url}/taskpane.test.html?lang=en`);
    await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the matrix range of another sheet gives the preset's Moran's I", async () => {
    const data: Cell[][] = parseCsv(fs.readFileSync(CSV, "utf8"));
    const matrix: Cell[][] = parseCsv(fs.readFileSync(MATRIX, "utf8"));
    await page.evaluate(
      ([d, m]) => {
        const f = (window as unknown as { __fake: Fake }).__fake;
        f.addSheet("Data", d);
        f.addSheet("W", m);
        f.select("Data", "C5");
      },
      [data, matrix] as unknown[][][],
    );
    await page.click('button[data-action="use-selection"]');
    await page.waitForSelector('[data-part="roles-section"]:not([hidden])');
    await page.setInputFiles('input[data-action="roles-file"]', ROLES);
    await page.waitForSelector("text=Roles loaded from sample-panel.roles.json");
    await page.evaluate(() => (window as unknown as { __fake: Fake }).__fake.select("W", "A1:AF32"));
    // step 3: weights from a sheet range
    await page.selectOption('select[data-action="weights-kind"]', "file");
    await page.click('button[data-action="use-weights-selection"]');
    await page.waitForSelector("text=Spatial weights: W!A1:AF32, 31 units (matrix)");
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 60_000 });
    const error = await page.$('[data-part="errors"] .cl-error');
    if (error) throw new Error(`the run failed in the pane: ${await error.textContent()}`);

    const r = await runReport(data, fs.readFileSync(ROLES, "utf8"), parseOptions({ weights: "china-provinces" }, defaultOptions()));
    const I2011 = (r.analysis as unknown as { spatial: { global: Array<{ I: number }> } }).spatial.global[0].I;
    const d = await page.evaluate(() => (window as unknown as { __fakeDump(): { sheets: SheetDump[] } }).__fakeDump());
    const sheet = d.sheets.find((s) => s.name === "CL Spatial autocorrelation");
    expect(sheet).toBeDefined();
    const numbers = sheet!.values.flat().filter((v): v is number => typeof v === "number");
    expect(numbers.some((v) => Math.abs(v - I2011) < 1e-12)).toBe(true);
    expect(sheet!.charts.map((c) => c.type)).toContain("XYScatter");
    expect(errors).toEqual([]);
  });
});
