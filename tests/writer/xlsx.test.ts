import ExcelJS from "exceljs";
import { Report, chart, column, createReport, sheet, table, tableFromColumns } from "../../src/report/model";
import { excelNumFmt, reportToJson, writeReportXlsx } from "../../src/writer/xlsx";
import { loadWorkbook } from "./workbooks";

const D = [0.512345678901, 0.47, 0.33, 0.61];
const units = ["Beijing", "Tianjin", "Hebei", "Shanxi"];

function sampleReport(): Report {
  const r = createReport("Coupling coordination: sample", { tool: "CoordLab", version: "0.1.0", created: "2025-03-01T08:00:00Z", source: "sample-panel.csv" });
  const dTable = tableFromColumns(
    [
      { key: "unit", label: "Province", format: "text", values: [...units, "Mean"] },
      { key: "year", label: "Year", format: "0", values: [2011, 2011, 2011, 2011, 2011] },
      { key: "d", label: "D", format: "0.000", colorScale: true, values: [...D, 0.48] },
      { key: "p", label: "p", format: "0.00E+00", values: [1.5e-9, 0.02, NaN, 1, null] },
      { key: "ok", label: "Coordinated", values: [true, false, false, true, null] },
    ],
    { title: "Table 1. Coupling coordination degree", groupRows: [4] },
  );
  const weights = table(
    [column("ind", "Indicator", "text"), column("w", "Entropy weight", "0.0000")],
    [
      { ind: "Urbanization rate (%)", w: 0.0612345 },
      { ind: "GDP per capita (RMB/person)", w: 0.0934 },
    ],
    { title: "Weights" },
  );
  r.sheets.push(
    sheet("Coupling: D [2011]", [dTable, weights], [chart("column", "D by province", { sheet: "Coupling: D [2011]", table: 0 }, "unit", ["d"], { y: "D" })]),
  );
  r.sheets.push(
    sheet("Kernel density estimates of D by region and year", [tableFromColumns([{ key: "x", label: "x", values: [0, 0.5, 1] }])], [], {
      freeze: { rows: 1, columns: 1 },
      notes: ["Bandwidth: Silverman"],
    }),
  );
  r.sheets.push(sheet("coupling: d [2011]", [table([column("a", "A")], [{ a: "dup name" }])], [], { freeze: false }));
  r.notes.push("Weights: entropy (M2), global min-max (M1).");
  r.warnings.push('unit "Tianjin" has no row for period 2013');
  return r;
}

const load = loadWorkbook;

describe("writeReportXlsx", () => {
  let wb: ExcelJS.Workbook;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await writeReportXlsx(sampleReport());
    wb = await load(bytes);
  });

  test("returns the bytes of a zip (xlsx)", () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes[0]).toBe(0x50);
    expect(bytes[1]).toBe(0x4b);
  });

  test("one sheet per report sheet, in order, names sanitized and unique, then Notes", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Coupling_ D _2011_", "Kernel density estimates of D b", "coupling_ d _2011_ (2)", "Notes"]);
    for (const w of wb.worksheets) expect(w.name.length).toBeLessThanOrEqual(31);
  });

  test("title row, bold header row, values at full precision, stacked tables with one blank row", () => {
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("Table 1. Coupling coordination degree");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(2, c).value)).toEqual(["Province", "Year", "D", "p", "Coordinated"]);
    for (let c = 1; c <= 5; c++) expect(ws.getCell(2, c).font?.bold).toBe(true);
    expect(ws.getCell("A3").value).toBe("Beijing");
    expect(ws.getCell("C3").value).toBe(0.512345678901);
    expect(ws.getCell("D3").value).toBe(1.5e-9);
    expect(ws.getCell("E3").value).toBe(true);
    expect(ws.getCell("D5").value).toEqual({ error: "#N/A" }); // NaN
    expect(ws.getCell("D7").value).toBeNull(); // null
    // group row (Mean) bold
    expect(ws.getCell("A7").value).toBe("Mean");
    expect(ws.getCell("C7").font?.bold).toBe(true);
    // row 8 blank, second table from row 9
    expect(ws.getRow(8).hasValues).toBe(false);
    expect(ws.getCell("A9").value).toBe("Weights");
    expect(ws.getCell("A10").value).toBe("Indicator");
    expect(ws.getCell("B11").value).toBe(0.0612345);
  });

  test("number formats from the column formats", () => {
    const ws = wb.worksheets[0];
    expect(ws.getCell("A3").numFmt).toBe("@");
    expect(ws.getCell("B3").numFmt).toBe("0");
    expect(ws.getCell("C3").numFmt).toBe("0.000");
    expect(ws.getCell("D3").numFmt).toBe("0.00E+00");
    expect(ws.getCell("B11").numFmt).toBe("0.0000");
    expect(ws.getCell("E3").numFmt).toBeFalsy(); // General
    expect(excelNumFmt("general")).toBeUndefined();
  });

  test("frozen panes: default down to the first header row; explicit; none", () => {
    const v0 = wb.worksheets[0].views[0];
    expect(v0.state).toBe("frozen");
    expect((v0 as ExcelJS.WorksheetViewFrozen).ySplit).toBe(2);
    expect((v0 as ExcelJS.WorksheetViewFrozen).xSplit ?? 0).toBe(0);
    const v1 = wb.worksheets[1].views[0] as ExcelJS.WorksheetViewFrozen;
    expect(v1.state).toBe("frozen");
    expect(v1.ySplit).toBe(1);
    expect(v1.xSplit).toBe(1);
    const v2 = (wb.worksheets[2].views ?? [])[0];
    expect(v2 === undefined || v2.state !== "frozen").toBe(true);
  });

  test("3-colour scale on the colorScale column, the group row left out", () => {
    const ws = wb.worksheets[0] as ExcelJS.Worksheet & { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] };
    expect(ws.conditionalFormattings).toHaveLength(1);
    const cf = ws.conditionalFormattings[0];
    expect(cf.ref).toBe("C3:C6");
    const rule = cf.rules[0] as ExcelJS.ColorScaleRuleType;
    expect(rule.type).toBe("colorScale");
    expect(rule.cfvo?.map((c) => c.type)).toEqual(["min", "percentile", "max"]);
    expect(rule.color).toHaveLength(3);
    expect((wb.worksheets[1] as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toHaveLength(0);
  });

  test("autofilter on the first table; automatic column widths", () => {
    const ws = wb.worksheets[0];
    expect(ws.autoFilter).toBe("A2:E7");
    const wA = ws.getColumn(1).width!;
    const wD = ws.getColumn(4).width!;
    expect(wA).toBeGreaterThanOrEqual("GDP per capita (RMB/person)".length); // widest in column A
    expect(wD).toBeGreaterThanOrEqual(8);
    expect(wD).toBeLessThan(wA);
  });

  test("sheet notes under the tables", () => {
    const ws = wb.worksheets[1];
    expect(ws.getCell("A6").value).toBe("Bandwidth: Silverman");
    expect(ws.getCell("A6").font?.italic).toBe(true);
  });

  test("Notes sheet: title, meta, notes, warnings, chart specs with final sheet names", () => {
    const ws = wb.getWorksheet("Notes")!;
    const texts: string[] = [];
    ws.eachRow((row) => texts.push((row.values as ExcelJS.CellValue[]).filter((v) => v !== undefined && v !== null).join(" | ")));
    expect(texts[0]).toBe("Coupling coordination: sample");
    expect(texts).toContain("tool | CoordLab");
    expect(texts).toContain("source | sample-panel.csv");
    expect(texts).toContain("Weights: entropy (M2), global min-max (M1).");
    expect(texts).toContain('unit "Tianjin" has no row for period 2013');
    expect(texts).toContain("Coupling_ D _2011_ | D by province | column | Coupling_ D _2011_ | 1 | unit | d | D");
  });

  test("a report with problems lists them as warnings; an empty report still makes a valid workbook", async () => {
    const r = createReport("x");
    r.sheets.push(sheet("S", [], [chart("line", "c", { sheet: "Nope", table: 0 }, "a", ["b"])]));
    const w1 = await load(await writeReportXlsx(r));
    const notes: string[] = [];
    w1.getWorksheet("Notes")!.eachRow((row) => notes.push(String(row.getCell(1).value)));
    expect(notes).toContain('chart "c" on sheet "S": no sheet named "Nope"');
    const w2 = await load(await writeReportXlsx(createReport("empty"), { notesSheet: false }));
    expect(w2.worksheets.map((w) => w.name)).toEqual(["Report"]);
  });

  test("a group row inside a table splits the colour-scale range", async () => {
    const r = createReport("x");
    const t = table(
      [column("g", "Group", "text"), column("d", "D", "0.000", { colorScale: true })],
      [
        { g: "a", d: 0.1 },
        { g: "b", d: 0.2 },
        { g: "East mean", d: 0.15 },
        { g: "c", d: 0.3 },
        { g: "d", d: 0.4 },
      ],
      { groupRows: [2] },
    );
    r.sheets.push(sheet("S", [t]));
    const w = await load(await writeReportXlsx(r));
    const cfs = (w.worksheets[0] as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toEqual(["B2:B3 B5:B6"]);
  });

  test("reportToJson round-trips finite data", () => {
    const r = sampleReport();
    const back = JSON.parse(reportToJson(r));
    expect(back.sheets[0].tables[0].rows[2].p).toBeNull(); // NaN
    back.sheets[0].tables[0].rows[2].p = NaN;
    expect(back).toEqual(r);
  });
});
