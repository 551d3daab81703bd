/**
 * @jest-environment node
 *
 * Spatial weights in the standalone page (headless chromium): the Spatial weights option set to
 * the China preset, and a weights file loaded with "Load spatial weights"; the downloaded JSON's
 * spatial key equals the pipeline run in Node. Skips (with a message) when /usr/bin/chromium is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { parseCsv } from "../../src/report/csv";
import { defaultOptions, parseOptions } from "../../src/report/options";
import { runReport } from "../../src/report/pipeline";
import { buildSnapshot, guardNetwork, hasChromium, launch, ROOT, serveDir, StaticServer, watchErrors } from "./browser/harness";

const CSV = path.join(ROOT, "samples", "sample-panel.csv");
const ROLES = path.join(ROOT, "samples", "sample-panel.roles.json");
const MATRIX = path.join(ROOT, "assets", "presets", "china-provinces", "china-provinces-W-queen-hainan-guangdong.csv");

const run = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn("spatial.browser.test: /usr/bin/chromium is missing; skipped (apt-get install -y chromium)");

type Json = any;

run("spatial weights in the standalone page", () => {
  let server: StaticServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let expected: Json;

  beforeAll(async () => {
    server = await serveDir(buildSnapshot(), true);
    browser = await launch({ width: 900, height: 1000 });
    const r = await runReport(
      parseCsv(fs.readFileSync(CSV, "utf8")),
      fs.readFileSync(ROLES, "utf8"),
      parseOptions({ weights: "china-provinces" }, defaultOptions()),
    );
    expected = (r.analysis as Json).spatial;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openWithData(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.context.newPage();
    await guardNetwork(page);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/taskpane.html?lang=en`);
    await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
    await page.setInputFiles('input[data-action="data-file"]', CSV);
    await page.setInputFiles('input[data-action="roles-file"]', ROLES);
    await page.waitForSelector("text=Roles loaded from sample-panel.roles.json");
    return { page, errors };
  }

  async function runAndDownloadJson(page: Page): Promise<Json> {
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 60_000 });
    const error = await page.$('[data-part="errors"] .cl-error');
    if (error) throw new Error(`the run failed in the page: ${await error.textContent()}`);
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click('button[data-action="download-json"]')]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-sp-")), "r.json");
    await dl.saveAs(file);
    return JSON.parse(fs.readFileSync(file, "utf8"));
  }

  test("the Spatial weights option: china-provinces", async () => {
    const { page, errors } = await openWithData();
    await page.evaluate(() => {
      const d = document.querySelector('[data-part="options"]') as HTMLDetailsElement;
      d.open = true;
    });
    await page.fill('input[name="weights"]', "china-provinces");
    const json = await runAndDownloadJson(page);
    expect(json.spatial.weights).toEqual(expected.weights);
    json.spatial.global.forEach((g: Json, k: number) => {
      expect(Math.abs(g.I - expected.global[k].I)).toBeLessThan(1e-12);
      expect(g.pPermutation).toBe(expected.global[k].pPermutation);
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  test("Load spatial weights: a matrix CSV replaces the option", async () => {
    const { page, errors } = await openWithData();
    await page.setInputFiles('input[data-action="weights-file"]', MATRIX);
    await page.waitForSelector("text=Spatial weights: china-provinces-W-queen-hainan-guangdong.csv, 31 units (matrix)");
    const json = await runAndDownloadJson(page);
    expect(json.spatial.weights.source).toBe("china-provinces-W-queen-hainan-guangdong.csv");
    json.spatial.global.forEach((g: Json, k: number) => expect(Math.abs(g.I - expected.global[k].I)).toBeLessThan(1e-12));
    expect(json.spatial.local).toHaveLength(310);
    expect(errors).toEqual([]);
    await page.close();
  });
});
