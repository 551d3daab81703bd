/**
 * The paper tables (issue 16) and the print setup, read from the written workbook of the
 * sample panel: Table 1 (grades), Table 2 (indicators, units), descriptive statistics equal to
 * statistics computed here from the CSV, Table 5 (group x period rows, factor columns, stars
 * by the p), Table 6 (lower-triangular q12 matrices with type letters), risk and ecological
 * Y/N matrices, a page setup on every sheet, and (when LibreOffice is installed) at most 40
 * pages of PDF.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseCsv } from "../../src/report/csv";
import { defaultOptions } from "../../src/report/options";
import { runReport } from "../../src/report/pipeline";
import { significanceStars, unitOf, factorCode } from "../../src/report/paperTables";
import { writeReportXlsx } from "../../src/writer/xlsx";

const ROOT = path.resolve(__dirname, "..", "..");
const CSV = fs.readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8");
const ROLES = JSON.parse(fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8"));

type Grid = Array<Array<ExcelJS.CellValue>>;

/** The cells of a sheet as rows of values (1-based rows dropped to 0-based). */
function grid(ws: ExcelJS.Worksheet): Grid {
  const out: Grid = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const line: ExcelJS.CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => (line[col - 1] = c.value));
    out[r - 1] = line;
  });
  for (let i = 0; i < out.length; i++) if (!out[i]) out[i] = [];
  return out;
}

/** Tables of a sheet: a title row, a header row, data rows until a blank row. */
function tables(g: Grid): Array<{ title: string; header: string[]; rows: ExcelJS.CellValue[][] }> {
  const out: Array<{ title: string; header: string[]; rows: ExcelJS.CellValue[][] }> = [];
  const blank = (r: ExcelJS.CellValue[] | undefined) => !r || r.every((v) => v === null || v === undefined || v === "");
  let i = 0;
  while (i < g.length) {
    if (blank(g[i])) {
      i++;
      continue;
    }
    const title = String(g[i][0]);
    const header = (g[i + 1] ?? []).map((v) => String(v ?? ""));
    const rows: ExcelJS.CellValue[][] = [];
    let j = i + 2;
    while (j < g.length && !blank(g[j])) rows.push(g[j++]);
    if (rows.length > 0 && header.filter((h) => h !== "").length > 1) out.push({ title, header, rows }); // not the lines of a sheet note
    i = j;
  }
  return out;
}

async function workbook(language: "en" | "zh"): Promise<ExcelJS.Workbook> {
  const { report } = await runReport(parseCsv(CSV), JSON.stringify(ROLES), { ...defaultOptions(), language });
  const bytes = await writeReportXlsx(report);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

describe("small rules", () => {
  test("stars at 0.01 / 0.05 / 0.1 of the p given", () => {
    expect([0.001, 0.01, 0.03, 0.05, 0.07, 0.1, 0.5, null].map(significanceStars)).toEqual(["***", "**", "**", "*", "*", "", "", ""]);
  });
  test("units from headers, factor codes", () => {
    expect(unitOf("Urbanization rate (%)")).toBe("%");
    expect(unitOf("人均GDP（万元）")).toBe("万元");
    expect(unitOf("Forest coverage")).toBe("");
    expect(factorCode("X1 GDP per capita (RMB/person)")).toBe("X1");
    expect(factorCode("Openness")).toBe("Openness");
  });
});

describe("paper tables of the sample report", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await workbook("en");
  }, 120000);

  test("Table 1: ten grades with interval, names in both languages, number and broad class", () => {
    const [t] = tables(grid(wb.getWorksheet("T1 Grade standard")!));
    expect(t.header).toEqual(["D interval", "Grade (English)", "Grade (Chinese)", "Grade no.", "Broad class"]);
    expect(t.rows.length).toBe(10);
    expect(t.rows[0].slice(0, 4)).toEqual(["[0.0, 0.1)", "Extreme disorder", "极度失调", 1]);
    expect(t.rows[9].slice(0, 4)).toEqual(["[0.9, 1.0]", "Quality coordination", "优质协调", 10]);
  });

  test("Table 2: every indicator with its unit, direction and a weight summing to 1 per subsystem", () => {
    const [t] = tables(grid(wb.getWorksheet("T2 Indicator system")!));
    expect(t.header.slice(0, 6)).toEqual(["Target layer", "Subsystem", "Indicator", "Unit", "Direction", "Weight"]);
    const subs = Object.entries(ROLES.subsystems as Record<string, Array<{ column: string; direction: string } | string>>);
    const n = subs.reduce((a, [, l]) => a + l.length, 0);
    expect(t.rows.length).toBe(n);
    for (const r of t.rows) expect(r[3]).toBe(unitOf(String(r[2])));
    expect(t.rows.some((r) => r[3] === "%")).toBe(true);
    const sum = t.rows.slice(0, subs[0][1].length).reduce((a, r) => a + Number(r[5]), 0);
    expect(sum).toBeCloseTo(1, 9);
  });

  test("descriptive statistics equal those computed from the CSV", () => {
    const [t] = tables(grid(wb.getWorksheet("Descriptive statistics")!));
    expect(t.header).toEqual(["Variable", "Role", "N", "Mean", "SD", "Min", "Max"]);
    const cells = parseCsv(CSV);
    const head = cells[0].map(String);
    for (const r of t.rows) {
      const j = head.indexOf(String(r[0]));
      expect(j).toBeGreaterThanOrEqual(0);
      const xs = cells
        .slice(1)
        .map((row) => Number(String(row[j]).replace(/,/g, "")))
        .filter((x) => Number.isFinite(x));
      const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
      expect(r[2]).toBe(xs.length);
      expect(Number(r[3])).toBeCloseTo(mean, 8);
      expect(Number(r[4])).toBeCloseTo(sd, 8);
      expect(r[5]).toBe(Math.min(...xs));
      expect(r[6]).toBe(Math.max(...xs));
    }
    expect(t.rows.length).toBe(Object.values(ROLES.subsystems as Record<string, unknown[]>).reduce((a, l) => a + l.length, 0) + ROLES.factors.length);
  });

  test("Table 5: rows group x period, columns the factors, q to 3 decimals with stars from the Geodetector sheet's p", () => {
    const [t] = tables(grid(wb.getWorksheet("T5 Factor detector")!));
    const factors: string[] = ROLES.factors;
    expect(t.header).toEqual(["Region", "Year", ...factors.map((f) => f.split(" ")[0])]);
    expect(t.rows.length).toBe(4 * 3); // All, East, Central, West x first, middle, last
    expect(t.rows.map((r) => r[1])).toEqual(Array(4).fill(["2011", "2015", "2020"]).flat());
    expect(t.rows[0][0]).toBe("All");
    // against the Geodetector sheet's full-precision q and p
    const geo = tables(grid(wb.getWorksheet("Geodetector")!))[0];
    const qCol = geo.header.indexOf("q All 2011");
    const x1 = geo.rows.find((r) => r[0] === factors[0])!;
    // the Geodetector sheet: q, its stars by the chosen test (geoTest), p, central p
    expect(geo.header[qCol + 1]).toBe("sig. All 2011");
    const q = Number(x1[qCol]);
    expect(t.rows[0][2]).toBe(`${q.toFixed(3)}${x1[qCol + 1] ?? ""}`);
    // every cell of All 2011: q to 3 decimals and the stars of its p
    factors.forEach((f, j) => {
      const r = geo.rows.find((x) => x[0] === f)!;
      expect(t.rows[0][2 + j]).toBe(`${Number(r[qCol]).toFixed(3)}${r[qCol + 1] ?? ""}`);
    });
    const notes = grid(wb.getWorksheet("T5 Factor detector")!).flat().map(String);
    expect(notes.some((s) => s.includes("*** p < 0.01") && s.includes("F test"))).toBe(true);
  });

  test("Table 6: per group and period a lower-triangular q12 matrix with a matrix of type letters", () => {
    const ts = tables(grid(wb.getWorksheet("T6 Interaction detector")!));
    const k = ROLES.factors.length;
    expect(ts.length).toBe(12);
    for (const t of ts) {
      expect(t.header.length).toBe(1 + 2 * k);
      expect(t.rows.length).toBe(k);
      t.rows.forEach((r, i) => {
        for (let j = 0; j < k; j++) {
          const q = r[1 + j];
          const type = r[1 + k + j] ?? "";
          if (j > i) expect(q ?? null).toBeNull();
          else expect(typeof q).toBe("number");
          if (j < i) expect(String(type)).toMatch(/^[a-e]$/);
          else expect(type).toBe("");
        }
      });
    }
    // q12 >= max(q1, q2) whenever the type is an enhancement
    const t = ts[0];
    t.rows.forEach((r, i) =>
      r.slice(1, 1 + i).forEach((q, j) => {
        if (r[1 + k + j] === "a" || r[1 + k + j] === "b")
          expect(Number(q)).toBeGreaterThanOrEqual(Math.max(Number(r[1 + i]), Number(ts[0].rows[j][1 + j])) - 1e-12);
      }),
    );
  });

  test("risk (stratum x stratum) and ecological (factor x factor) Y/N matrices, the untested pairs said once", () => {
    const risk = tables(grid(wb.getWorksheet("Risk detector")!));
    expect(risk.length).toBe(12 * ROLES.factors.length);
    for (const t of risk.slice(0, 7)) {
      expect(t.header.length).toBe(2 + t.rows.length);
      t.rows.forEach((r, i) => r.slice(2).forEach((v, j) => (j < i ? expect(["Y", "N", ""]).toContain(v ?? "") : expect(v ?? "").toBe(""))));
    }
    const riskText = grid(wb.getWorksheet("Risk detector")!) // the note's lines (wrapped at spaces to the tables' width) joined again
      .flat()
      .filter((v) => typeof v === "string")
      .join(" ");
    expect((riskText.match(/pairs could not be tested|Every pair was tested/g) ?? []).length).toBe(1);
    const eco = tables(grid(wb.getWorksheet("Ecological detector")!));
    expect(eco.length).toBe(12);
    for (const t of eco) {
      expect(t.rows.length).toBe(ROLES.factors.length);
      t.rows.forEach((r, i) => r.slice(1).forEach((v, j) => (j < i ? expect(["Y", "N", ""]).toContain(v ?? "") : expect(v ?? "").toBe(""))));
    }
  });

  test("Table 3 (Coordination by group) has no colour scale; D on Scores keeps it", () => {
    const cf = (name: string) => (wb.getWorksheet(name) as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings.length;
    expect(cf("Coordination by group")).toBe(0);
    expect(cf("Scores")).toBeGreaterThan(0);
  });

  test("every sheet has a page setup: A4, one page wide, a header title; the Summary on one page", () => {
    for (const ws of wb.worksheets) {
      expect({ sheet: ws.name, fit: ws.pageSetup.fitToPage, wide: ws.pageSetup.fitToWidth, paper: ws.pageSetup.paperSize }).toEqual({
        sheet: ws.name,
        fit: true,
        wide: 1,
        paper: 9,
      });
      expect(ws.headerFooter.oddHeader).toMatch(/^&C&B.+/);
    }
    expect(wb.getWorksheet("Summary")!.pageSetup.fitToHeight).toBe(1);
    expect(wb.getWorksheet("T6 Interaction detector")!.pageSetup.orientation).toBe("landscape");
    expect(wb.getWorksheet("Scores")!.pageSetup.printTitlesRow).toBe("1:1");
  });

  test("a zh report: the paper tables' titles and headers are Chinese", async () => {
    const zh = await workbook("zh");
    const [t5] = tables(grid(zh.getWorksheet("表5 因子探测")!));
    expect(t5.title).toMatch(/^表5/);
    expect(t5.header.slice(0, 2)).toEqual(["区域", "年份"]);
    expect(t5.rows[0][0]).toBe("全国");
    for (const name of ["表1 等级划分标准", "表2 指标体系", "描述性统计", "表6 交互探测", "风险探测", "生态探测"]) {
      const ts = tables(grid(zh.getWorksheet(name)!));
      expect(ts[0].title).toMatch(/[\u4e00-\u9fff]/);
    }
  }, 120000);
});

const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" });
const haveSoffice = soffice.status === 0;

(haveSoffice ? describe : describe.skip)("printing the sample report (LibreOffice)", () => {
  test.each(["en", "zh"] as const)(
    "the PDF has at most 40 pages (%s)",
    async (language) => {
      const { report } = await runReport(parseCsv(CSV), JSON.stringify(ROLES), { ...defaultOptions(), language });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-pdf-"));
      const xlsx = path.join(dir, "report.xlsx");
      fs.writeFileSync(xlsx, await writeReportXlsx(report));
      execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx], {
        stdio: "ignore",
        timeout: 170000,
      });
      const pdf = fs.readFileSync(path.join(dir, "report.pdf")).toString("latin1");
      const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThan(10);
      expect(pages).toBeLessThanOrEqual(40);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    180000,
  );
});
if (!haveSoffice) test.skip("printing the sample report: skipped because LibreOffice (soffice) is not installed", () => undefined);

describe("the density charts", () => {
  test("scatter with smooth lines, a numeric x axis fitted to D with a margin, at most five periods, y labels in General", async () => {
    const JSZip = (await import("jszip")).default;
    const { report, analysis } = (await runReport(parseCsv(CSV), JSON.stringify(ROLES))) as unknown as {
      report: Parameters<typeof writeReportXlsx>[0];
      analysis: unknown;
    };
    void analysis;
    const zip = await JSZip.loadAsync(await writeReportXlsx(report));
    const charts = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))
        .map((n) => zip.file(n)!.async("string")),
    );
    const dens = charts.filter((x) => x.includes("Kernel density of D") && x.includes("<c:scatterChart>")); // the line charts (the 3-D surfaces: tests/report/figures.test.ts)
    expect(dens.length).toBe(4); // All and three groups
    for (const x of dens) {
      expect(x).toContain('<c:scatterStyle val="smoothMarker"/>');
      expect(x).toContain('<c:smooth val="1"/>');
      expect((x.match(/<c:ser>/g) ?? []).length).toBe(5);
      expect(x).toMatch(/<c:xVal><c:numRef>/);
      const min = Number(/<c:valAx><c:axId val="\d+"\/><c:scaling><c:orientation val="minMax"\/><c:max val="([\d.]+)"\/><c:min val="([\d.]+)"\/>/.exec(x)![2]);
      const max = Number(/<c:valAx><c:axId val="\d+"\/><c:scaling><c:orientation val="minMax"\/><c:max val="([\d.]+)"\/>/.exec(x)![1]);
      expect(min).toBeGreaterThan(0);
      expect(max).toBeLessThanOrEqual(1);
      expect(max - min).toBeLessThan(1);
      expect(x).toMatch(/<c:numFmt formatCode="General" sourceLinked="0"\/>/);
      // the first, middle and last period are drawn
      for (const p of ["2011", "2015", "2020"]) expect(x).toContain(`<c:v>${p}</c:v>`);
    }
  }, 120000);
});
