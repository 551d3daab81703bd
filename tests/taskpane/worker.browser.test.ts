/**
 * @jest-environment node
 *
 * The standalone page runs the pipeline in a Web Worker (src/taskpane/worker): on a county-scale
 * panel with k-nearest-neighbour weights and conditional permutations, the progress bar moves
 * inside the spatial section (one step per period, posted by the worker), the page's own timers
 * keep firing during it (the main thread is free), the result equals the pipeline in Node, and
 * Cancel during the spatial section stops the run (and Run again loads the file into a new worker). Skips (with a message) without chromium.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { parseCsv } from "../../src/report/csv";
import { defaultOptions, parseOptions } from "../../src/report/options";
import { runReport } from "../../src/report/pipeline";
import { parseRoles, type PanelRoles } from "../../src/report/roles";
import { spatialWeightsRequest } from "../../src/report/spatialWeights";
import { buildSnapshot, guardNetwork, hasChromium, launch, StaticServer, serveDir, watchErrors } from "./browser/harness";

const run = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn("worker.browser.test: /usr/bin/chromium is missing; skipped (apt-get install -y chromium)");

type Json = any;

const UNITS = 1200;
const YEARS = [2016, 2017, 2018, 2019, 2020];

/** A seeded panel: units on a jittered grid, two subsystems of two indicators, values with a spatial trend. */
function countyPanel(): string {
  let s = 12345;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ["county,year,x,y,a1,a2,b1,b2"];
  const side = Math.ceil(Math.sqrt(UNITS));
  for (let u = 0; u < UNITS; u++) {
    const x = (u % side) + rnd() * 0.5;
    const y = Math.floor(u / side) + rnd() * 0.5;
    YEARS.forEach((year, k) => {
      const trend = (x + y) / side + 0.1 * k;
      const v = () => (10 + 5 * trend + rnd() * 2).toFixed(4);
      lines.push([`C${String(u).padStart(4, "0")}`, year, x.toFixed(4), y.toFixed(4), v(), v(), v(), v()].join(","));
    });
  }
  return lines.join("\n") + "\n";
}

const ROLES = {
  id: "county",
  time: "year",
  subsystems: {
    Economy: [
      { column: "a1", direction: "+" },
      { column: "a2", direction: "+" },
    ],
    Ecology: [
      { column: "b1", direction: "+" },
      { column: "b2", direction: "-" },
    ],
  },
};
const OPTIONS = { weights: "knn:6", coords: "x,y", lisaPermutations: "499" };

run("the pipeline in a Web Worker (standalone page)", () => {
  let server: StaticServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let dir: string;
  let csv: string;
  let rolesFile: string;

  beforeAll(async () => {
    server = await serveDir(buildSnapshot(), true);
    browser = await launch({ width: 900, height: 1000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-worker-"));
    csv = path.join(dir, "county.csv");
    rolesFile = path.join(dir, "county.roles.json");
    fs.writeFileSync(csv, countyPanel());
    fs.writeFileSync(rolesFile, JSON.stringify(ROLES));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The page with the panel, roles and options loaded, and watchers of the progress bar and of the page's timers. */
  async function ready(options: Record<string, string> = OPTIONS): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.context.newPage();
    await guardNetwork(page);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/taskpane.html?lang=en`);
    await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
    await page.setInputFiles('input[data-action="data-file"]', csv);
    await page.setInputFiles('input[data-action="roles-file"]', rolesFile);
    await page.waitForSelector("text=Roles loaded from county.roles.json");
    await page.evaluate((o) => {
      (document.querySelector('[data-part="options"]') as HTMLDetailsElement).open = true;
      for (const [name, value] of Object.entries(o)) {
        const input = document.querySelector(`input[name="${name}"]`) as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      // what the page shows of the spatial stage, and how often its own timer fired meanwhile
      const w = window as unknown as { __seen: number[]; __timerTicks: number };
      w.__seen = [];
      w.__timerTicks = 0;
      const bar = document.querySelector('[role="progressbar"]')!;
      const label = document.querySelector(".cl-progress-label")!;
      new MutationObserver(() => {
        if (label.getAttribute("data-stage") === "spatial") w.__seen.push(Number(bar.getAttribute("aria-valuenow")));
      }).observe(bar, { attributes: true });
      setInterval(() => {
        if (label.getAttribute("data-stage") === "spatial") w.__timerTicks++;
      }, 10);
    }, options);
    return { page, errors };
  }

  test("progress inside the spatial section, timers firing, the Node result", async () => {
    const { page, errors } = await ready();
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 120_000 });
    const error = await page.$('[data-part="errors"] .cl-error');
    if (error) throw new Error(`the run failed in the page: ${await error.textContent()}`);
    const { seen, ticks } = await page.evaluate(() => {
      const w = window as unknown as { __seen: number[]; __timerTicks: number };
      return { seen: w.__seen, ticks: w.__timerTicks };
    });
    // one step a period: more than the stage's start value, rising
    expect(new Set(seen).size).toBeGreaterThanOrEqual(YEARS.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(ticks).toBeGreaterThan(0);
    // the worker's result is the pipeline's
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click('button[data-action="download-json"]')]);
    const file = path.join(dir, "r.json");
    await dl.saveAs(file);
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    // the page's way: the weights built from the coordinate columns, then the run
    const cells = parseCsv(fs.readFileSync(csv, "utf8"));
    const weights = spatialWeightsRequest({ weights: OPTIONS.weights, coords: OPTIONS.coords, cells, idColumn: ROLES.id })!;
    const roles = parseRoles(JSON.stringify(ROLES), cells[0]) as PanelRoles;
    const expected = ((await runReport(cells, { ...roles, inputs: { weights } }, parseOptions(OPTIONS, defaultOptions()))).analysis as Json).spatial;
    expect(json.spatial.weights).toEqual(expected.weights);
    json.spatial.global.forEach((g: Json, k: number) => {
      expect(Math.abs(g.I - expected.global[k].I)).toBeLessThan(1e-12);
      expect(g.pPermutation).toBe(expected.global[k].pPermutation);
    });
    expect(json.spatial.local.length).toBe(UNITS * YEARS.length);
    expect(errors).toEqual([]);
  }, 180_000);

  test("Cancel during the spatial section stops the run", async () => {
    // 99,999 conditional permutations: the spatial section takes minutes, so that it is still
    // running when it is seen, however fast the machine (499 took ~1 s: the run was done first)
    const { page, errors } = await ready({ ...OPTIONS, lisaPermutations: "99999" });
    await page.click('button[data-action="run"]');
    const seen = await page.waitForSelector('.cl-progress-label[data-stage="spatial"], #cl-app[data-done], [data-part="errors"] .cl-error', {
      state: "attached",
      timeout: 120_000,
    });
    // the run must still be in the spatial section here (it takes seconds there), not done or failed
    expect(await seen.evaluate((e) => `${e.className}: ${e.textContent ?? ""}`.slice(0, 200))).toMatch(/^cl-progress-label/);
    await page.click('button[data-action="cancel"]');
    await page.waitForSelector("#cl-app:not([data-running])", { state: "attached", timeout: 30_000 });
    expect(await page.textContent("#cl-status")).toBe("Cancelled.");
    expect(await page.$("#cl-app[data-done]")).toBeNull();
    expect(await page.isEnabled('button[data-action="run"]')).toBe(true);
    // Run again: the worker went with the file it held; the page loads the file into a new one
    await page.evaluate(() => {
      const input = document.querySelector('input[name="lisaPermutations"]') as HTMLInputElement;
      input.value = "0";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 120_000 });
    expect(await page.$$eval('[data-part="errors"] .cl-error', (e) => e.map((x) => x.textContent))).toEqual([]);
    expect(await page.$$eval('table[data-sheet="Coordination by group"] tr[data-label]', (r) => r.length)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 240_000);
});
