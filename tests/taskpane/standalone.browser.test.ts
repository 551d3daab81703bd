/**
 * @jest-environment node
 *
 * The standalone page (no Office) in headless chromium: open the sample CSV, load the sample
 * roles, run, compare the preview's numbers with the pipeline run in Node, download the
 * workbook; no request leaves localhost; data is never parsed as HTML. The file is read in the
 * report worker (issue 17, src/taskpane/ui/reportClient.ts): an XLSX workbook's sheets offered
 * and another read on request, the report run on the sheet held there; a data error of a run on
 * the held file named in the page's language (zh) with its cell.
 * Skips (with a message) only when /usr/bin/chromium is absent.
 */
import { createHash } from "crypto";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { parseCsv } from "../../src/report/csv";
import { Analysis } from "../../src/report/analysis";
import { runReport } from "../../src/report/pipeline";
import { buildSnapshot, guardNetwork, hasChromium, launch, ROOT, screenshot, screenshotPart, serveDir, StaticServer, watchErrors } from "./browser/harness";

const CSV = path.join(ROOT, "samples", "sample-panel.csv");
const ROLES = path.join(ROOT, "samples", "sample-panel.roles.json");

const run = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn("standalone.browser.test: /usr/bin/chromium is missing; skipped (apt-get install -y chromium)");

run("standalone page (no Office)", () => {
  let server: StaticServer;
  let browser: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    server = await serveDir(buildSnapshot(), true);
    browser = await launch({ width: 900, height: 1000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPage(
    lang: "en" | "zh" = "en",
  ): Promise<{ page: Page; requests: Awaited<ReturnType<typeof guardNetwork>>; errors: string[]; dialogs: string[] }> {
    const page = await browser.context.newPage();
    const requests = await guardNetwork(page);
    const errors = watchErrors(page);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/taskpane.html?lang=${lang}`);
    await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
    return { page, requests, errors, dialogs };
  }

  async function runAndWait(page: Page): Promise<void> {
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 60_000 });
    const error = await page.$('[data-part="errors"] .cl-error');
    if (error) throw new Error(`the run failed in the page: ${await error.textContent()}`);
  }

  test("open the sample CSV, guess and load roles, run, check values, download the workbook", async () => {
    const { page, requests, errors } = await openPage();
    expect(await page.getAttribute("body", "data-ready")).toMatch(/no-office-js|browser/);

    await page.setInputFiles('input[data-action="data-file"]', CSV);
    await page.waitForSelector('[data-part="roles-section"]:not([hidden])');
    expect(await page.textContent('[data-part="data-info"]')).toContain("310 data rows");

    // the guess: Province = id, Year = period, Region = group, X1... = factors
    const roleOf = (header: string) => page.$eval(`tr:has(td.cl-colname[title="${header}"]) select[data-column]`, (s) => (s as HTMLSelectElement).value);
    expect(await roleOf("Province")).toBe("id");
    expect(await roleOf("Year")).toBe("time");
    expect(await roleOf("Region")).toBe("group");
    expect(await roleOf("X3 Patents granted")).toBe("factor");

    // load the sample roles file through "Load roles JSON"
    await page.setInputFiles('input[data-action="roles-file"]', ROLES);
    await page.waitForSelector("text=Roles loaded from sample-panel.roles.json");
    expect(await roleOf("Forest coverage rate (%)")).toBe("sub1");
    const dirOf = (header: string) => page.$eval(`tr:has(td.cl-colname[title="${header}"]) select[data-direction]`, (s) => (s as HTMLSelectElement).value);
    expect(await dirOf("Urban registered unemployment rate (%)")).toBe("-");
    await page.setViewportSize({ width: 420, height: 900 });
    await screenshot(page, "standalone-roles.png", false);
    await page.setViewportSize({ width: 900, height: 1000 });

    await runAndWait(page);
    expect(await page.$$eval('[data-part="errors"] .cl-error', (e) => e.length)).toBe(0);

    // the same run in Node
    const result = await runReport(parseCsv(fs.readFileSync(CSV, "utf8")), fs.readFileSync(ROLES, "utf8"));
    const a = result.analysis as Analysis;
    const lastPeriod = a.data.periods[a.data.periods.length - 1];
    const meanLast = a.groupMeans.find((m) => m.group === "All" && m.period === lastPeriod)!.D;
    const beijing = a.observations.find((x) => x.id === "Beijing" && x.period === lastPeriod)!;

    const value = (sel: string) => page.$eval(sel, (td) => Number(td.getAttribute("data-value")));
    const shownMean = await value(`table[data-sheet="Coordination by group"][data-table="1"] tr[data-label="${lastPeriod}"] td[data-col="All"]`);
    expect(Math.abs(shownMean - meanLast)).toBeLessThan(1e-9);
    const shownBeijing = await value(`table[data-sheet="Coordination by group"][data-table="0"] tr[data-label="East / Beijing"] td[data-col="${lastPeriod}"]`);
    expect(Math.abs(shownBeijing - beijing.D!)).toBeLessThan(1e-9);
    // the same row shown with the sheet's 3 decimals
    expect(
      await page.textContent(`table[data-sheet="Coordination by group"][data-table="0"] tr[data-label="East / Beijing"] td[data-col="${lastPeriod}"]`),
    ).toBe(beijing.D!.toFixed(3));

    // summary: headline findings and warnings; density chart: one curve per period
    const findings = await page.$$eval('[data-part="summary"] .cl-findings li', (li) => li.map((x) => x.textContent ?? ""));
    expect(findings[0]).toContain(`${meanLast.toFixed(3)} in ${lastPeriod}`);
    expect(await page.$$eval('[data-part="density"] svg polyline', (p) => p.length)).toBe(a.data.periods.length);

    // download the workbook and open it with exceljs
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('button[data-action="download-xlsx"]')]);
    expect(download.suggestedFilename()).toBe("sample-panel-coordlab.xlsx");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-dl-")), "report.xlsx");
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([...result.report.sheets.map((s) => s.name), "Notes"]);
    expect(names).toEqual(expect.arrayContaining(["Summary", "Coordination by group", "Density", "Geodetector", "Haken"]));

    // and the JSON
    const [jsonDl] = await Promise.all([page.waitForEvent("download"), page.click('button[data-action="download-json"]')]);
    const jsonFile = path.join(path.dirname(file), "report.json");
    await jsonDl.saveAs(jsonFile);
    const json = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
    expect(Math.abs(json.observations.find((x: { id: string; period: string }) => x.id === "Beijing" && x.period === lastPeriod).D - beijing.D!)).toBeLessThan(
      1e-12,
    );
    // the Reproduce record (M16): the page hashed the file it read; the equivalent command names the files to save
    expect(json.reproduce.origin).toBe("page");
    expect(json.reproduce.input).toMatchObject({
      file: "sample-panel.csv",
      sha256: createHash("sha256").update(fs.readFileSync(CSV)).digest("hex"),
      hashOf: "file",
    });
    expect(json.reproduce.command).toBe("npx coordlab sample-panel.csv --roles sample-panel.roles.json --out sample-panel-coordlab.xlsx");
    expect(names).toContain("Reproduce");

    await screenshotPart(page, '[data-part="result"]', "standalone-result.png");
    expect(errors).toEqual([]);
    expect(requests.blocked.every((u) => u.startsWith("https://appsforoffice.microsoft.com/"))).toBe(true);
    await page.close();
  });

  test("no request leaves localhost; the page works with office.js blocked", async () => {
    const { page, requests, errors } = await openPage();
    await page.setInputFiles('input[data-action="data-file"]', CSV);
    await page.setInputFiles('input[data-action="roles-file"]', ROLES);
    await page.waitForSelector("text=Roles loaded from sample-panel.roles.json");
    await runAndWait(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('button[data-action="download-xlsx"]')]);
    expect(await download.failure()).toBeNull();

    const origin = new URL(server.url);
    const offsite = requests.all.filter((u) => {
      const h = new URL(u).hostname;
      return !(h === "127.0.0.1" || h === "localhost") && !u.startsWith("data:") && !u.startsWith("blob:");
    });
    // the only request that tried to leave was office.js from Microsoft's CDN, and it was aborted
    expect(offsite).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
    expect(requests.blocked).toEqual(offsite);
    // everything else came from the page's own origin, including the on-demand exceljs chunk
    expect(requests.all.filter((u) => u.startsWith(origin.origin)).map((u) => new URL(u).pathname)).toEqual(
      expect.arrayContaining(["/taskpane.html", "/taskpane.js", "/taskpane.css", "/chunks/xlsx.js"]),
    );
    expect(await page.getAttribute("body", "data-ready")).toBe("no-office-js");
    expect(await page.$$eval('[data-part="density"] svg polyline', (p) => p.length)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("markup in a header or a cell is shown as text, never run", async () => {
    const { page, dialogs, errors } = await openPage();
    const evil = "<img src=x onerror=alert(1)>";
    const unitEvil = "<script>alert(2)</script>";
    const lines = [`Province,Year,A_gdp,A_jobs,B_forest,B_water,"${evil}"`];
    const units = ["North", "South", unitEvil, "West", "East"];
    units.forEach((u, i) => {
      for (let y = 0; y < 4; y++) {
        const v = (k: number) => (1 + ((i * 7 + y * 3 + k * 5) % 11) + y * 0.5 + k).toFixed(2);
        lines.push(`"${u}",${2018 + y},${v(1)},${v(2)},${v(3)},${v(4)},${v(5)}`);
      }
    });
    await page.setInputFiles('input[data-action="data-file"]', { name: "evil.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    await page.waitForSelector('[data-part="roles-section"]:not([hidden])');
    // the header is listed literally
    await expect(page.getByText(evil, { exact: true }).first().isVisible()).resolves.toBe(true);
    // the guess put every indicator in one subsystem (the odd header has no prefix): split them
    // by hand, with the odd column as an indicator so that it flows through the run
    for (const [header, role] of [
      ["B_forest", "sub1"],
      ["B_water", "sub1"],
      [evil, "sub0"],
    ])
      await page.selectOption(`tr:has(td.cl-colname[title="${header}"]) select[data-column]`, role);
    await runAndWait(page);
    await expect(page.locator(`td:text-is("${unitEvil}")`).first().isVisible()).resolves.toBe(true);
    expect(await page.locator("img[src='x']").count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll("main script, main img").length)).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await screenshotPart(page, '[data-part="roles-section"]', "standalone-escaped.png");
    await page.close();
  });

  test("an XLSX workbook: read in the worker, another sheet on request, the report on the sheet held", async () => {
    const rows = parseCsv(fs.readFileSync(CSV, "utf8"));
    const wb = new ExcelJS.Workbook();
    const panel = wb.addWorksheet("Panel");
    rows.forEach((r) => panel.addRow(r));
    // a second sheet: the first 3 provinces of 2011 under a title row
    const small = wb.addWorksheet("Small");
    small.addRow(["Three provinces"]);
    rows.slice(0, 4).forEach((r) => small.addRow(r));
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const { page, errors } = await openPage();
    await page.setInputFiles('input[data-action="data-file"]', { name: "panel.xlsx", mimeType: "application/octet-stream", buffer });
    await page.waitForSelector('[data-part="roles-section"]:not([hidden])');
    expect(await page.textContent('[data-part="data-info"]')).toBe(`panel.xlsx [Panel]: 310 data rows, ${rows[0].length} columns (header row 1).`);
    expect(await page.$$eval('select[data-action="sheet"] option', (o) => o.map((x) => x.textContent))).toEqual(["Panel", "Small"]);
    await page.selectOption('select[data-action="sheet"]', "Small");
    await page.waitForSelector("text=panel.xlsx [Small]: 3 data rows");
    // the header row under the title
    expect(await page.textContent('[data-part="data-info"]')).toContain("(header row 2)");
    await page.selectOption('select[data-action="sheet"]', "Panel");
    await page.waitForSelector("text=panel.xlsx [Panel]: 310 data rows");
    await page.setInputFiles('input[data-action="roles-file"]', ROLES);
    await page.waitForSelector("text=Roles loaded from sample-panel.roles.json");
    await runAndWait(page);
    const a = (await runReport(rows, fs.readFileSync(ROLES, "utf8"))).analysis as Analysis;
    const last = a.data.periods[a.data.periods.length - 1];
    const beijing = a.observations.find((x) => x.id === "Beijing" && x.period === last)!;
    const shown = await page.$eval(`table[data-sheet="Coordination by group"][data-table="0"] tr[data-label="East / Beijing"] td[data-col="${last}"]`, (td) =>
      Number(td.getAttribute("data-value")),
    );
    expect(Math.abs(shown - beijing.D!)).toBeLessThan(1e-9);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a data error of the run on the held file, in Chinese, naming the cell", async () => {
    const text = fs.readFileSync(CSV, "utf8").split("\n");
    // row 3 of the file (Beijing 2012): its 4th column (Urbanization rate) left empty
    const cells = text[2].split(",");
    cells[3] = "";
    text[2] = cells.join(",");
    const { page, errors } = await openPage("zh");
    await page.setInputFiles('input[data-action="data-file"]', { name: "gap.csv", mimeType: "text/csv", buffer: Buffer.from(text.join("\n")) });
    await page.setInputFiles('input[data-action="roles-file"]', ROLES);
    await page.waitForSelector('[data-part="roles-section"]:not([hidden])');
    await page.waitForSelector("text=sample-panel.roles.json");
    await page.click('button[data-action="run"]');
    await page.waitForSelector('#cl-app[data-done], [data-part="errors"] .cl-error', { state: "attached", timeout: 60_000 });
    const error = (await page.textContent('[data-part="errors"] .cl-error')) ?? "";
    expect(error).toContain("单元格为空");
    expect(error).toContain("D3");
    expect(await page.$("#cl-app[data-done]")).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
