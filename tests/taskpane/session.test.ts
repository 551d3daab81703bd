/**
 * The report worker's session (src/taskpane/worker/session.ts), in Node: what the standalone
 * page's worker does with a file (parse it by column once, answer with the header, the roles
 * guess and the row count) and with Run after it (the report on the data it holds; the page
 * gets only what it shows, `previewOf`). The numbers are checked against the independent
 * reference values of tests/fixtures/indices (as tests/report/pipeline.test.ts does for the
 * pipeline on cells). The browser wiring is covered by standalone.browser.test.ts and
 * worker.browser.test.ts.
 */
import { createHash } from "crypto";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { CoordError } from "../../src/engine/errors";
import type { Analysis, Observation } from "../../src/report/analysis";
import { parseCsv } from "../../src/report/csv";
import { DEFAULT_OPTIONS } from "../../src/report/options";
import { parseRoles, type Roles } from "../../src/report/roles";
import { fromWire, PREVIEW_ROWS, previewOf, toWire, type LoadedFile } from "../../src/taskpane/worker/protocol";
import { ReportSession } from "../../src/taskpane/worker/session";
import { expectAllClose, loadFixture } from "../helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "samples", "sample-panel.csv");
const TOL = 1e-9;

/** The bytes of a text or a file as an ArrayBuffer of their own (what the page transfers). */
function buffer(data: string | Buffer): ArrayBuffer {
  const b = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Reference panel a (inputs_panel_a.json) as CSV text, its roles and the fixture. */
function referenceCsv(): { csv: string; roles: Roles; P: any } {
  const P = loadFixture("inputs_panel_a.json");
  const header = ["unit", "year", "group", ...P.indicators];
  const lines = [header.join(",")];
  P.X.forEach((row: number[], i: number) => lines.push([P.units[i], P.years[i], P.region[i], ...row.map(String)].join(",")));
  const subsystems: Record<string, Array<{ column: string; direction: "+" | "-" }>> = {};
  P.indicators.forEach((ind: string, j: number) => (subsystems[P.subsystem[j]] ??= []).push({ column: ind, direction: P.directions[j] }));
  return { csv: lines.join("\n") + "\n", roles: parseRoles({ id: "unit", time: "year", group: "group", subsystems }, header), P };
}

/** Observations in the reference's row order. */
function inInputOrder(a: Analysis, P: any): Observation[] {
  const m = new Map(a.observations.map((o) => [`${o.id}\u0000${o.time}`, o]));
  return P.units.map((u: string, i: number) => m.get(`${u}\u0000${P.years[i]}`)!);
}

describe("load: the file parsed once, what the page shows before Run", () => {
  test("the sample CSV: header, roles guess, data rows, SHA-256 of the bytes", async () => {
    const bytes = fs.readFileSync(SAMPLE);
    const loaded: LoadedFile = await new ReportSession().load({ bytes: buffer(bytes), file: "sample-panel.csv" });
    const header = parseCsv(bytes.toString("utf8"))[0];
    expect(loaded.headerIndex).toBe(0);
    expect(loaded.headers).toEqual(header);
    expect(loaded.rows).toBe(310);
    expect(loaded.sheetName).toBe("sample-panel.csv");
    expect(loaded.sheetNames).toEqual([]);
    expect(loaded.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const g = loaded.guess.roles;
    expect([g.id, g.time, g.group]).toEqual(["Province", "Year", "Region"]);
    expect(g.factors.map((f) => f.column)).toContain("X3 Patents granted");
    // the answer is plain data: it survives a structured clone unchanged
    expect(structuredClone(loaded)).toEqual(loaded);
  });

  test("a title row above the header of a sheet is skipped (headerIndex 1), and Run reads from the header down", async () => {
    const { csv, roles, P } = referenceCsv();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    ws.addRow(["Reference panel a"]);
    parseCsv(csv).forEach((r) => ws.addRow(r));
    const s = new ReportSession();
    const loaded = await s.load({ bytes: buffer(Buffer.from(await wb.xlsx.writeBuffer())), file: "a.xlsx" });
    expect(loaded.headerIndex).toBe(1);
    expect(loaded.headers.slice(0, 3)).toEqual(["unit", "year", "group"]);
    expect(loaded.rows).toBe(310);
    const result = await s.run({ roles, options: DEFAULT_OPTIONS, meta: {} });
    const D = inInputOrder(result.analysis as Analysis, P).map((o) => o.D as number);
    expectAllClose(D, loadFixture("ccd.json").global_shift0.standard.D, TOL, "D");
  });

  test("an XLSX file: the first sheet read in the session, the sheet names listed", async () => {
    const rows = parseCsv(fs.readFileSync(SAMPLE, "utf8"));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["not the data"]);
    const ws = wb.addWorksheet("Panel");
    rows.forEach((r) => ws.addRow(r));
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const loaded = await new ReportSession().load({ bytes: buffer(xlsx), file: "panel.xlsx", sheet: "Panel" });
    expect(loaded.sheetName).toBe("Panel");
    expect(loaded.sheetNames).toEqual(["Notes", "Panel"]);
    expect(loaded.headers).toEqual(rows[0]);
    expect(loaded.rows).toBe(310);
  });

  test("an empty file is the CSV reader's error, code and message kept across the wire", async () => {
    const e = await new ReportSession().load({ bytes: buffer(""), file: "empty.csv" }).catch((x) => x);
    expect(e).toBeInstanceOf(CoordError);
    const back = fromWire(structuredClone(toWire(e)));
    expect(back).toBeInstanceOf(CoordError);
    expect((back as CoordError).code).toBe("EMPTY");
    expect(back.message).toBe("the CSV file is empty");
  });

  test("Run before any file is an error naming what to do", async () => {
    await expect(new ReportSession().run({ roles: referenceCsv().roles, options: DEFAULT_OPTIONS, meta: {} })).rejects.toThrow("open a file first");
  });
});

describe("Run after load: the report on the data the session holds", () => {
  const { csv, roles, P } = referenceCsv();
  const s = new ReportSession();
  let a: Analysis;
  let preview: ReturnType<typeof previewOf>;
  beforeAll(async () => {
    await s.load({ bytes: buffer(csv), file: "a.csv" });
    const result = await s.run({ roles, options: DEFAULT_OPTIONS, meta: { source: "a.csv" } });
    a = result.analysis as Analysis;
    preview = previewOf(result);
  });

  test("weights equal entropy.json global_shift0", () => {
    const e = loadFixture("entropy.json").global_shift0;
    expectAllClose(
      a.weights.filter((x) => x.subsystem === "U1").map((x) => x.weight),
      e.U1_subsystem.w,
      TOL,
      "U1 w",
    );
    expectAllClose(
      a.weights.filter((x) => x.subsystem === "U2").map((x) => x.weight),
      e.U2_subsystem.w,
      TOL,
      "U2 w",
    );
  });

  test("C, T, D equal ccd.json global_shift0 (standard), the group means D_mean_by_year", () => {
    const c = loadFixture("ccd.json").global_shift0;
    const obs = inInputOrder(a, P);
    for (const k of ["C", "T", "D"] as const)
      expectAllClose(
        obs.map((o) => o[k] as number),
        c.standard[k],
        TOL,
        k,
      );
    expectAllClose(
      a.groupMeans.filter((m) => m.group === "All").map((m) => m.D),
      Object.values(c.D_mean_by_year) as number[],
      TOL,
      "mean D",
    );
  });

  test("the same D as a run given its cells (the Excel pane's way) and as the pipeline on parsed cells", async () => {
    const cells = parseCsv(csv);
    const other = await new ReportSession().run({ cells, roles, options: DEFAULT_OPTIONS, meta: {} });
    expect((other.analysis as Analysis).observations.map((o) => o.D)).toEqual(a.observations.map((o) => o.D));
  });

  test("the preview: the Summary and the coordination by group, the warnings and the density curves, plain data", () => {
    expect(preview.kind).toBe("panel");
    expect(preview.sheets.map((x) => x.name)).toEqual(["Summary", "Coordination by group"]);
    expect(preview.density).toEqual(a.density);
    expect(preview.warnings).toEqual(a.warnings);
    // 31 units: every row shown
    const byUnit = preview.sheets[1].tables[0];
    expect(byUnit.rows.length).toBe(byUnit.totalRows);
    const kde = loadFixture("kde.json");
    expectAllClose(preview.density.find((d) => d.group === "All" && d.period === "2011")!.f, kde.national["2011"].density_silverman, TOL, "density 2011");
    expect(structuredClone(preview)).toEqual(preview);
  });

  test("json(): the analysis of the last run, as --json writes it", () => {
    const json = JSON.parse(s.json());
    const c = loadFixture("ccd.json").global_shift0;
    const d = new Map(json.observations.map((o: { id: string; time: number; D: number }) => [`${o.id}\u0000${o.time}`, o.D]));
    expectAllClose(
      P.units.map((u: string, i: number) => d.get(`${u}\u0000${P.years[i]}`) as number),
      c.standard.D,
      TOL,
      "json D",
    );
  });

  test("xlsx(): the workbook of the last run", async () => {
    const bytes = await s.xlsx();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Summary", "Coordination by group", "Scores", "Reproduce"]));
  });
});

test("the preview of a large panel shows the first PREVIEW_ROWS rows of a table and says how many there are", async () => {
  const units = PREVIEW_ROWS + 50;
  const lines = ["unit,year,a,b"];
  for (let u = 0; u < units; u++) for (const y of [2019, 2020]) lines.push(`U${u},${y},${1 + ((u * 7 + y) % 13)},${2 + ((u * 5 + y * 3) % 11)}`);
  const s = new ReportSession();
  await s.load({ bytes: buffer(lines.join("\n")), file: "big.csv" });
  const roles = parseRoles({ id: "unit", time: "year", subsystems: { A: [{ column: "a", direction: "+" }], B: [{ column: "b", direction: "+" }] } }, [
    "unit",
    "year",
    "a",
    "b",
  ]);
  const result = await s.run({ roles, options: DEFAULT_OPTIONS, meta: {} });
  const full = result.report.sheets.find((x) => x.name === "Coordination by group")!.tables[0];
  const shown = previewOf(result).sheets[1].tables[0];
  expect(full.rows.length).toBeGreaterThan(PREVIEW_ROWS);
  expect(shown.rows).toEqual(full.rows.slice(0, PREVIEW_ROWS));
  expect(shown.totalRows).toBe(full.rows.length);
});
