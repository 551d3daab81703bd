/**
 * The standalone page on a county-scale file (issue 17, group 17): headless chromium opens
 * taskpane.html from a local server, the CSV and its roles are opened as a user opens them, Run,
 * and the time until the report is shown (the result preview, `#cl-app[data-done]`). Printed
 * beside the time on stderr: how many distinct values the progress bar showed and the longest
 * gap between two ticks of a 50 ms page timer during the run (the page's responsiveness: the
 * pipeline runs in a Web Worker). Peak RSS: all chromium processes together, sampled every 100 ms.
 * Skipped (a line on stderr) without chromium. `COORDLAB_PAGE_DIST=DIR` serves that built dist/
 * (e.g. another commit's `webpack --mode development` output) instead of this tree's, so that two
 * versions of the page can be timed by the same harness, interleaved.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BrowserContext } from "playwright-core";
import { buildSnapshot, CHROMIUM, launch, serveDir, StaticServer } from "../tests/taskpane/browser/harness";

export interface StandaloneBench {
  csv: string;
  roles: string;
  options: Record<string, string>;
  server?: StaticServer;
  browser?: { context: BrowserContext; close(): Promise<void> };
}

let peakMB = 0;
/** Peak RSS of the chromium processes seen by the sampler, MB. */
export function chromiumPeakRssMB(): number {
  return peakMB;
}

/** Total RSS of the running chromium processes, MB (ps; 0 when ps is missing). */
function chromiumRssMB(): number {
  try {
    const out = execFileSync("ps", ["-C", "chromium", "-o", "rss="], { encoding: "utf8" });
    return (
      out
        .split("\n")
        .map(Number)
        .filter((v) => v > 0)
        .reduce((a, b) => a + b, 0) / 1024
    );
  } catch {
    return 0;
  }
}

/** The files of one case in a fresh directory (outside the timed region). */
export function standaloneSetup(csvText: string, rolesJson: string, options: Record<string, string> = {}): StandaloneBench {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-bench-page-"));
  const csv = path.join(dir, "panel.csv");
  const roles = path.join(dir, "panel.roles.json");
  fs.writeFileSync(csv, csvText);
  fs.writeFileSync(roles, rolesJson);
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return { csv, roles, options };
}

/** One run: a new page, open the files, set the options, Run, until the report is shown. Returns ms from opening the file. */
export async function standaloneRun(b: StandaloneBench): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    process.stderr.write(`standalone page: ${CHROMIUM} is missing; not timed (apt-get install -y chromium)\n`);
    return NaN;
  }
  const dist = process.env.COORDLAB_PAGE_DIST;
  b.server ??= dist ? await serveDir(dist) : await serveDir(buildSnapshot(), true);
  b.browser ??= await launch({ width: 900, height: 1000 });
  const sampler = setInterval(() => (peakMB = Math.max(peakMB, chromiumRssMB())), 100);
  const page = await b.browser.context.newPage();
  try {
    await page.goto(`${b.server.url}/taskpane.html?lang=en`);
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    const t0 = process.hrtime.bigint();
    await page.setInputFiles('input[data-action="data-file"]', b.csv);
    await page.waitForSelector('[data-part="roles-section"]:not([hidden])', { timeout: 120_000 });
    const tRoles = process.hrtime.bigint();
    await page.setInputFiles('input[data-action="roles-file"]', b.roles);
    await page.waitForSelector("text=Roles loaded from panel.roles.json", { timeout: 60_000 });
    await page.evaluate((o) => {
      for (const [name, value] of Object.entries(o)) {
        const input = document.querySelector(`input[name="${name}"]`) as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      const w = window as unknown as { __bar: Set<string>; __gap: number; __last: number };
      w.__bar = new Set();
      w.__gap = 0;
      w.__last = performance.now();
      const bar = document.querySelector('[role="progressbar"]')!;
      new MutationObserver(() => w.__bar.add(String(bar.getAttribute("aria-valuenow")))).observe(bar, { attributes: true });
      setInterval(() => {
        const now = performance.now();
        if (document.querySelector("#cl-app[data-running]")) w.__gap = Math.max(w.__gap, now - w.__last);
        w.__last = now;
      }, 50);
    }, b.options);
    const tRun = process.hrtime.bigint();
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 600_000 });
    const tDone = process.hrtime.bigint();
    const ms = Number(tDone - t0) / 1e6;
    const error = await page.$('[data-part="errors"] .cl-error');
    if (error) throw new Error(`the run failed in the page: ${await error.textContent()}`);
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __bar: Set<string>; __gap: number };
      return { values: w.__bar.size, gap: w.__gap };
    });
    const s = (a: bigint, z: bigint) => (Number(z - a) / 1e9).toFixed(1);
    process.stderr.write(
      `standalone page: ${(ms / 1000).toFixed(1)} s (file to roles shown ${s(t0, tRoles)} s, Run to report shown ${s(tRun, tDone)} s), progress bar ${seen.values} values, longest timer gap ${seen.gap.toFixed(0)} ms\n`,
    );
    return ms;
  } finally {
    clearInterval(sampler);
    await page.close();
  }
}

/** Close the browser and the server of a case. */
export async function standaloneClose(b: StandaloneBench): Promise<void> {
  await b.browser?.close();
  await b.server?.close();
}
