import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock imports office-addin-manifest only for its OfficeApp enum; the real module
// pulls in an ES-module dependency that Jest (CommonJS) cannot load.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));
import { Report, chart, column, createReport, sheet, table, tableFromColumns } from "../../src/report/model";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../doubles/fakeExcel";
import { rectAddress } from "../../src/taskpane/excel/a1";
import {
  Capabilities,
  ReportWriteError,
  SETTINGS_KEY,
  capabilities,
  excelValue,
  readSelection,
  selectCell,
  selectionCellName,
  writeReportToExcel,
} from "../../src/taskpane/excelWriter";

const units = ["Beijing", "Tianjin", "Hebei", "Shanxi"];
const D = [0.512345678901234, 0.47, 0.33, 0.61];

function sampleReport(): Report {
  const r = createReport("Coupling coordination: sample", { tool: "CoordLab", version: "0.1.0", source: "sample-panel.csv" });
  const dTable = tableFromColumns(
    [
      { key: "unit", label: "Province", format: "text", values: [...units, "Mean"] },
      { key: "year", label: "Year", format: "0", values: [2011, 2011, 2011, 2011, 2011] },
      { key: "d", label: "D", format: "0.000", colorScale: true, values: [...D, 0.48] },
      { key: "p", label: "p", format: "0.00E+00", values: [1.5e-9, 0.02, NaN, 1, null] },
    ],
    { title: "Table 1. Coupling coordination degree", groupRows: [4] },
  );
  const weights = table(
    [column("ind", "Indicator", "text"), column("w", "Entropy weight", "0.0000")],
    [
      { ind: "Urbanization rate (%)", w: 0.0612345 },
      { ind: "GDP per capita", w: 0.0934 },
    ],
  );
  r.sheets.push(
    sheet("Summary", [dTable, weights], [chart("column", "D by province", { sheet: "Summary", table: 0 }, "unit", ["d"], { y: "D" })], {
      notes: ["Grades after Liao (1999)."],
    }),
  );
  const dens = tableFromColumns([
    { key: "x", label: "x", values: [0, 0.25, 0.5, 0.75, 1] },
    { key: "east", label: "East", values: [0.1, 0.9, 1.5, 0.8, 0.1] },
    { key: "west", label: "West", values: [0.3, 1.1, 1.2, 0.5, 0.2] },
  ]);
  r.sheets.push(
    sheet(
      "Density",
      [dens],
      [{ ...chart("scatter", "Kernel density of D", { sheet: "Density", table: 0 }, "x", ["east", "west"], { x: "D", y: "Density" }), smooth: true }],
      {
        freeze: { rows: 1, columns: 1 },
      },
    ),
  );
  r.notes.push("Weights: entropy.");
  return r;
}

let fake: FakeExcel;
beforeEach(() => {
  fake = installFakeOffice(globalThis, new FakeExcel({ sheets: ["Data"] }));
  fake.sheet("Data").cells.set("0,0", { value: "user data" });
});
afterEach(() => uninstallFakeOffice(globalThis));

const never = async () => {
  throw new Error("confirmReplace should not be asked");
};

describe("writeReportToExcel", () => {
  test("writes prefixed sheets with values, formats, tables, freeze, colour scale, charts and notes", async () => {
    const progress: number[] = [];
    const res = await writeReportToExcel(sampleReport(), { confirmReplace: never, onProgress: (f) => void progress.push(f) });
    expect(res).toEqual({ sheets: ["CL Summary", "CL Density", "CL Notes"], replaced: false, warnings: [] });
    expect(fake.sheetNames()).toEqual(["Data", "CL Summary", "CL Density", "CL Notes"]);
    expect(fake.cell("Data", "A1").value).toBe("user data");

    // title row, header row, data (numbers at full precision), group row
    expect(fake.cell("CL Summary", "A1")).toMatchObject({ value: "Table 1. Coupling coordination degree", bold: true });
    expect(fake.values("CL Summary", "A2:D2")).toEqual([["Province", "Year", "D", "p"]]);
    expect(fake.cell("CL Summary", "A2").bold).toBe(true);
    expect(fake.values("CL Summary", "A3:D3")).toEqual([["Beijing", 2011, 0.512345678901234, 1.5e-9]]);
    expect(fake.cell("CL Summary", "D5")).toMatchObject({ value: "#N/A", formula: "=NA()", error: true });
    expect(fake.cell("CL Summary", "D7").value).toBeUndefined(); // null -> empty
    expect(fake.cell("CL Summary", "A7")).toMatchObject({ value: "Mean", bold: true, fill: "#EAF1FB" });
    // number formats per column
    expect(fake.cell("CL Summary", "A3").numberFormat).toBe("@");
    expect(fake.cell("CL Summary", "B3").numberFormat).toBe("0");
    expect(fake.cell("CL Summary", "C4").numberFormat).toBe("0.000");
    expect(fake.cell("CL Summary", "D3").numberFormat).toBe("0.00E+00");
    // second table after one blank row, no title: header at row 9
    expect(fake.values("CL Summary", "A8:B10")).toEqual([
      ["", ""],
      ["Indicator", "Entropy weight"],
      ["Urbanization rate (%)", 0.0612345],
    ]);
    // sheet notes in italics after the tables
    expect(fake.cell("CL Summary", "A13")).toMatchObject({ value: "Grades after Liao (1999).", italic: true });

    const s = fake.sheet("CL Summary");
    expect(s.tables.map((t) => [t.name, t.rect])).toEqual([
      ["CL_Summary_1", { r0: 1, r1: 6, c0: 0, c1: 3 }], // title row stays above the table
      ["CL_Summary_2", { r0: 8, r1: 10, c0: 0, c1: 1 }],
    ]);
    expect(s.freeze).toEqual({ rows: 2, columns: 0 }); // default: down to the first header row
    expect(fake.sheet("CL Density").freeze).toEqual({ rows: 1, columns: 1 });
    // colour scale on the D column, group row left out
    expect(s.conditionalFormats).toHaveLength(1);
    expect(s.conditionalFormats[0]).toMatchObject({ type: "ColorScale", rects: [{ r0: 2, r1: 5, c0: 2, c1: 2 }] });
    expect(s.conditionalFormats[0].criteria).toMatchObject({
      minimum: { type: "LowestValue" },
      midpoint: { type: "Percentile", formula: "50" },
      maximum: { type: "HighestValue" },
    });
    expect(s.autofit.has(0)).toBe(true);

    // charts with the right series, beside the tables
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0]).toMatchObject({ type: "ColumnClustered", title: "D by province", valueAxisTitle: "D", position: { start: "F2", end: "M17" } });
    expect(fake.seriesAddresses(s.charts[0])).toEqual([{ name: "D", values: "'CL Summary'!C3:C7", xValues: "'CL Summary'!A3:A7" }]);
    const dc = fake.sheet("CL Density").charts[0];
    expect(dc).toMatchObject({ type: "XYScatterSmoothNoMarkers", categoryAxisTitle: "D", valueAxisTitle: "Density" });
    expect(fake.seriesAddresses(dc)).toEqual([
      { name: "East", values: "'CL Density'!B2:B6", xValues: "'CL Density'!A2:A6" },
      { name: "West", values: "'CL Density'!C2:C6", xValues: "'CL Density'!A2:A6" },
    ]);
    // notes sheet
    expect(fake.cell("CL Notes", "A1").value).toBe("Coupling coordination: sample");
    // calculation suspended in every writing batch, recorded in settings, progress to 1
    expect(fake.syncs.filter((x) => x.calculationSuspended).length).toBeGreaterThan(0);
    const rec = fake.savedSettings[SETTINGS_KEY] as { sheets: Array<{ id: string; name: string }>; pending: unknown[] };
    expect(rec.sheets.map((x) => x.name)).toEqual(["CL Summary", "CL Density", "CL Notes"]);
    expect(rec.sheets.every((x) => typeof x.id === "string")).toBe(true);
    expect(rec.pending).toEqual([]);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1])).toBe(true);
  });

  test("a user sheet with a prefixed name is never touched", async () => {
    fake.addSheet("CL Summary", [["mine"]]);
    const res = await writeReportToExcel(sampleReport(), { confirmReplace: never });
    expect(res.sheets).toEqual(["CL Summary (2)", "CL Density", "CL Notes"]);
    expect(fake.values("CL Summary", "A1:B1")).toEqual([["mine", ""]]);
    expect(fake.sheet("CL Summary").tables).toHaveLength(0);
    expect(fake.sheetNames()).toEqual(["Data", "CL Summary", "CL Summary (2)", "CL Density", "CL Notes"]);
  });

  test("a second run asks, replaces only our sheets when confirmed, writes (2) names when declined", async () => {
    fake.addSheet("CL Other", [["user"]]);
    await writeReportToExcel(sampleReport(), { confirmReplace: never });
    const firstIds = fake.sheets.map((s) => s.id);

    const asked: string[][] = [];
    const declined = await writeReportToExcel(sampleReport(), { confirmReplace: async (n) => (asked.push(n), false) });
    expect(asked).toEqual([["CL Summary", "CL Density", "CL Notes"]]);
    expect(declined).toMatchObject({ sheets: ["CL Summary (2)", "CL Density (2)", "CL Notes (2)"], replaced: false });
    expect(fake.sheets.slice(0, 5).map((s) => s.id)).toEqual(firstIds);

    const report = sampleReport();
    report.sheets[0].tables[0].rows[0].d = 0.99;
    const replaced = await writeReportToExcel(report, { confirmReplace: async () => true });
    expect(replaced).toMatchObject({ sheets: ["CL Summary", "CL Density", "CL Notes"], replaced: true });
    expect(fake.cell("CL Summary", "C3").value).toBe(0.99);
    expect(fake.sheetNames()).toEqual(["Data", "CL Other", "CL Summary (2)", "CL Density (2)", "CL Notes (2)", "CL Summary", "CL Density", "CL Notes"]);
    expect(fake.values("CL Other", "A1")).toEqual([["user"]]);
    expect(fake.sheetNames().some((n) => n.startsWith("~"))).toBe(false);
    // the old sheets are gone, the record names the new ones and the (2) ones
    const rec = fake.savedSettings[SETTINGS_KEY] as { sheets: Array<{ name: string }> };
    expect(rec.sheets.map((x) => x.name).sort()).toEqual(["CL Density", "CL Density (2)", "CL Notes", "CL Notes (2)", "CL Summary", "CL Summary (2)"]);
    // tables keep workbook-unique names
    const names = fake.allTables().map((t) => t.table.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  test("the sample report takes several syncs (so that the failure tests below hit the writing)", async () => {
    const twin = installFakeOffice(globalThis, new FakeExcel({ sheets: ["Data"] }));
    await writeReportToExcel(sampleReport(), { confirmReplace: never, maxCellsPerSync: 12 });
    expect(twin.syncCount).toBeGreaterThanOrEqual(8);
  });

  test.each([3, 1, 2, 6, 8])("a failure at sync %i leaves no CoordLab sheets and rethrows", async (n) => {
    const before = fake.syncCount;
    fake.failAtSync(before + n);
    const err = await writeReportToExcel(sampleReport(), { confirmReplace: never, maxCellsPerSync: 12 }).catch((e) => e);
    expect(err).toBeInstanceOf(ReportWriteError);
    expect(err.message).toMatch(/injected failure/);
    expect(fake.sheetNames()).toEqual(["Data"]);
    expect(fake.cell("Data", "A1").value).toBe("user data");
  });

  test("a failure while putting the sheets in place restores the replaced sheets", async () => {
    // find the rename batch on a twin workbook: the first batch after the last writing batch
    const twin = installFakeOffice(globalThis, new FakeExcel({ sheets: ["Data"] }));
    await writeReportToExcel(sampleReport(), { confirmReplace: never });
    const start = twin.syncCount;
    await writeReportToExcel(sampleReport(), { confirmReplace: async () => true });
    const second = twin.syncs.slice(start);
    const lastWrite = second.map((x) => x.calculationSuspended).lastIndexOf(true);
    const renameOffset = lastWrite + 2; // 1-based within the second run
    expect(second[renameOffset - 1].calculationSuspended).toBe(false);

    installFakeOffice(globalThis, fake);
    await writeReportToExcel(sampleReport(), { confirmReplace: never });
    const ids = fake.sheets.map((s) => s.id);
    fake.failAtSync(fake.syncCount + renameOffset, { applied: 4 }); // old sheets renamed away, one new sheet renamed
    const err = await writeReportToExcel(sampleReport(), { confirmReplace: async () => true }).catch((e) => e);
    expect(err).toBeInstanceOf(ReportWriteError);
    expect(fake.syncs.some((x) => x.failed?.startsWith("injected"))).toBe(true);
    expect(fake.sheetNames()).toEqual(["Data", "CL Summary", "CL Density", "CL Notes"]);
    expect(fake.sheets.map((s) => s.id)).toEqual(ids);
  });

  test("cancellation removes what was written", async () => {
    const signal = { aborted: false };
    const err = await writeReportToExcel(sampleReport(), {
      confirmReplace: never,
      signal,
      onProgress: (f) => void (f > 0 ? (signal.aborted = true) : 0),
      maxCellsPerSync: 10,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ReportWriteError);
    expect(err.cancelled).toBe(true);
    expect(fake.sheetNames()).toEqual(["Data"]);
  });

  test("a 100,000-row table is written in chunks below the payload limit", async () => {
    const n = 100000;
    const r = createReport("big");
    r.sheets.push(
      sheet("Scores", [
        tableFromColumns([
          { key: "unit", label: "Unit", format: "text", values: Array.from({ length: n }, (_, i) => `Unit number ${i}`) },
          { key: "a", label: "A", format: "0.0000", values: Array.from({ length: n }, (_, i) => Math.sin(i) / 3) },
          { key: "b", label: "B", format: "0.0000", colorScale: true, values: Array.from({ length: n }, (_, i) => Math.cos(i) * 1e-3) },
        ]),
      ]),
    );
    const res = await writeReportToExcel(r, { confirmReplace: never, notesSheet: false });
    expect(res.sheets).toEqual(["CL Scores"]);
    const max = Math.max(...fake.syncs.map((s) => s.bytes));
    expect(max).toBeLessThan(fake.payloadLimit);
    expect(max).toBeLessThan(1.2e6);
    expect(fake.syncs.length).toBeGreaterThan(15);
    expect(fake.values("CL Scores", `A${n + 1}:C${n + 1}`)).toEqual([[`Unit number ${n - 1}`, Math.sin(n - 1) / 3, Math.cos(n - 1) * 1e-3]]);
    expect(fake.sheet("CL Scores").tables[0].rect.r1).toBe(n);
  }, 60000);

  test("missing requirement sets give warnings, not failures", async () => {
    uninstallFakeOffice(globalThis);
    fake = installFakeOffice(globalThis, { sheets: ["Data"], excelApi: "1.5" });
    const caps = capabilities();
    expect(caps).toMatchObject({ full: false, charts: false, conditionalFormats: false, freezePanes: false, suspendCalculation: false, autofit: true });
    const res = await writeReportToExcel(sampleReport(), { confirmReplace: never });
    expect(res.sheets).toEqual(["CL Summary", "CL Density", "CL Notes"]);
    expect(res.warnings.join("\n")).toMatch(/Charts were not drawn/);
    expect(res.warnings.join("\n")).toMatch(/Colour scales/);
    expect(res.warnings.join("\n")).toMatch(/frozen/);
    expect(fake.sheet("CL Summary").charts).toHaveLength(0);
    expect(fake.syncs.every((s) => !s.calculationSuspended)).toBe(true);
    expect(fake.values("CL Summary", "A3")).toEqual([["Beijing"]]);
  });

  test("category fills (LISA clusters): one format per category over RangeAreas; per run of rows before ExcelApi 1.9", async () => {
    const fills = [
      { text: "HH", color: "F07A6E" },
      { text: "LL", color: "7FA6E0" },
    ];
    const r = createReport("Fills");
    const rows = [
      { u: "A", a: "HH", b: "LL" },
      { u: "mean", a: "", b: "" },
      { u: "B", a: "LL", b: "not significant" },
    ];
    r.sheets.push(
      sheet("Clusters", [
        table([column("u", "Unit", "text"), column("a", "2011", "text", { fills }), column("b", "2012", "text", { fills })], rows, { groupRows: [1] }),
      ]),
    );
    const looks = async () => {
      await writeReportToExcel(r, { confirmReplace: never });
      return fake
        .sheet("CL Clusters")
        .conditionalFormats.map((cf) => ({ type: cf.type, at: cf.rects.map(rectAddress).join(" "), rule: cf.rule, fill: cf.fill }));
    };
    const rule = (text: string) => ({ formula1: `="${text}"`, operator: "EqualTo" });
    expect(await looks()).toEqual([
      { type: "CellValue", at: "B2:C2 B4:C4", rule: rule("HH"), fill: "#F07A6E" },
      { type: "CellValue", at: "B2:C2 B4:C4", rule: rule("LL"), fill: "#7FA6E0" },
    ]);
    uninstallFakeOffice(globalThis);
    fake = installFakeOffice(globalThis, { sheets: ["Data"], excelApi: "1.8" });
    expect(await looks()).toEqual([
      { type: "CellValue", at: "B2:C2", rule: rule("HH"), fill: "#F07A6E" },
      { type: "CellValue", at: "B4:C4", rule: rule("HH"), fill: "#F07A6E" },
      { type: "CellValue", at: "B2:C2", rule: rule("LL"), fill: "#7FA6E0" },
      { type: "CellValue", at: "B4:C4", rule: rule("LL"), fill: "#7FA6E0" },
    ]);
  });

  test("without settings nothing is ever replaced", async () => {
    uninstallFakeOffice(globalThis);
    fake = installFakeOffice(globalThis, { sheets: ["Data"], noSettings: true });
    await writeReportToExcel(sampleReport(), { confirmReplace: never });
    const res = await writeReportToExcel(sampleReport(), { confirmReplace: never });
    expect(res.sheets[0]).toBe("CL Summary (2)");
    expect(res.warnings.join(" ")).toMatch(/recorded/);
  });

  test("the pipeline's report on the sample panel (when the pipeline is available)", async () => {
    let built: Report | undefined;
    try {
      const fs = await import("fs");
      const { runReport } = await import("../../src/report/pipeline");
      const { parseCsv } = await import("../../src/report/csv");
      const cells = parseCsv(fs.readFileSync("samples/sample-panel.csv", "utf8"));
      const roles = fs.readFileSync("samples/sample-panel.roles.json", "utf8");
      built = (await runReport(cells, roles)).report;
    } catch (e) {
      console.warn(`pipeline not available, skipped: ${(e as Error).message}`);
    }
    if (!built) return;
    const res = await writeReportToExcel(built, { confirmReplace: never });
    expect(res.sheets.length).toBe(built.sheets.length + 1);
    for (const n of res.sheets) expect(n.startsWith("CL ")).toBe(true);
    expect(fake.syncs.every((s) => !s.failed)).toBe(true);
    expect(res.warnings).toEqual([]);
    const specs = built.sheets.reduce((a, s) => a + s.charts.length, 0);
    const drawn = res.sheets.reduce((a, n) => a + fake.sheet(n).charts.length, 0);
    expect(drawn).toBe(specs);
    built.sheets.forEach((s, i) => {
      const first = s.tables[0];
      if (!first || first.columns.length === 0) return;
      const headerRow = first.title ? 2 : 1;
      expect(fake.values(res.sheets[i], `A${headerRow}`)[0][0]).toBe(first.columns[0].label === "" ? "Column1" : first.columns[0].label);
    });
  }, 120000);
});

describe("helpers", () => {
  test("excelValue keeps text as text and numbers at full precision", () => {
    expect(excelValue(0.1 + 0.2)).toBe(0.30000000000000004);
    expect(excelValue("2011")).toBe("'2011");
    expect(excelValue("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(excelValue("-")).toBe("'-");
    expect(excelValue("TRUE")).toBe("'TRUE");
    expect(excelValue("Beijing")).toBe("Beijing");
    expect(excelValue(Infinity)).toBe("=NA()");
    expect(excelValue(null)).toBe("");
  });
  test("selectionCellName", () => {
    expect(selectionCellName({ sheetName: "Data", rowOffset: 4, columnOffset: 2 }, 7, 3)).toBe("Data!F12");
    expect(selectionCellName({ sheetName: "My data", rowOffset: 0, columnOffset: 0 }, 0, 0)).toBe("'My data'!A1");
  });
});

describe("readSelection / selectCell with the fake", () => {
  test("a range, a single cell in a region, a single cell in a table", async () => {
    fake.addSheet("Panel", [
      ["", "", ""],
      ["", "province", "year"],
      ["", "Beijing", 2011],
      ["", "Tianjin", 2011],
    ]);
    fake.select("Panel", "B2:C3");
    expect(await readSelection()).toMatchObject({
      address: "Panel!B2:C3",
      sheetName: "Panel",
      values: [
        ["province", "year"],
        ["Beijing", 2011],
      ],
      rowOffset: 1,
      columnOffset: 1,
      source: "selection",
    });
    fake.select("Panel", "C3");
    const region = await readSelection();
    expect(region).toMatchObject({ address: "Panel!B2:C4", rowOffset: 1, columnOffset: 1, source: "region" });
    expect(selectionCellName(region, 2, 1)).toBe("Panel!C4");
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Panel").tables.add("Panel!B2:C3", true);
      t.name = "Obs";
    });
    expect(await readSelection()).toMatchObject({ address: "Panel!B2:C3", source: "table", tableName: "Obs" });
  });

  test("selectCell", async () => {
    fake.addSheet("My data");
    await selectCell("'My data'!F12");
    expect(fake.activeSheetId).toBe(fake.sheet("My data").id);
    expect(fake.selection?.rect).toEqual({ r0: 11, r1: 11, c0: 5, c1: 5 });
    await expect(selectCell("not an address!!")).rejects.toThrow(/not a cell address/);
  });
});

describe("with office-addin-mock", () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Excel;
    delete (globalThis as Record<string, unknown>).Office;
  });

  test("readSelection reads the selected range", async () => {
    uninstallFakeOffice(globalThis);
    const range = {
      address: "Data!B3:C4",
      rowCount: 2,
      columnCount: 2,
      values: [
        ["x", "y"],
        [1, 2],
      ],
      worksheet: { name: "Data" },
    };
    const excelMock = new OfficeMockObject({
      context: {
        workbook: {
          range,
          getSelectedRange: function () {
            return (this as unknown as { range: unknown }).range;
          },
        },
      },
      run: async function (cb: (ctx: unknown) => Promise<unknown>) {
        return cb((this as unknown as { context: unknown }).context);
      },
    });
    (globalThis as Record<string, unknown>).Excel = excelMock;
    (globalThis as Record<string, unknown>).Office = { context: { requirements: { isSetSupported: () => true } } };
    const sel = await readSelection();
    expect(sel).toMatchObject({
      address: "Data!B3:C4",
      sheetName: "Data",
      values: [
        ["x", "y"],
        [1, 2],
      ],
      rowOffset: 2,
      columnOffset: 1,
    });
  });

  test("a write path: writeReportToExcel on a mocked workbook names, fills and formats the sheet", async () => {
    uninstallFakeOffice(globalThis);
    const written: Record<string, { values?: unknown; numberFormat?: unknown }> = {};
    const added: string[] = [];
    const ranges: Record<string, unknown>[] = [];
    const mkRange = (address: string) => {
      const r: Record<string, unknown> = {
        address,
        format: { font: {}, fill: {}, autofitColumns: () => undefined },
        conditionalFormats: { add: () => ({ colorScale: {} }) },
      };
      ranges.push(r);
      written[address] = r as { values?: unknown };
      return r;
    };
    const mkSheet = (name: string) => ({
      name,
      id: `id-${name}`,
      getRange: (a: string) => mkRange(a),
      tables: { add: () => ({}) },
      charts: { add: () => ({}) },
      freezePanes: { freezeRows: () => undefined },
      load: () => undefined,
      activate: () => undefined,
      delete: () => undefined,
    });
    const ctx = {
      workbook: {
        worksheets: {
          items: [mkSheet("Data")],
          load: () => undefined,
          add: (name: string) => (added.push(name), mkSheet(name)),
        },
        tables: { items: [], load: () => undefined },
      },
      application: { suspendApiCalculationUntilNextSync: () => undefined },
      sync: async () => undefined,
    };
    const mock = new OfficeMockObject({ run: async (cb: (c: unknown) => Promise<unknown>) => cb(ctx) });
    (globalThis as Record<string, unknown>).Excel = mock;
    const settings: Record<string, unknown> = {};
    (globalThis as Record<string, unknown>).Office = {
      context: {
        requirements: { isSetSupported: () => true },
        document: {
          settings: {
            get: (k: string) => settings[k] ?? null,
            set: (k: string, v: unknown) => (settings[k] = v),
            saveAsync: (cb: (r: unknown) => void) => cb({ status: "succeeded" }),
          },
        },
      },
    };
    const caps: Capabilities = { ...capabilities(), charts: false, pageLayout: false }; // office-addin-mock has no pageLayout
    const r = createReport("t");
    r.sheets.push(sheet("Weights", [table([column("ind", "Indicator", "text"), column("w", "w", "0.0000")], [{ ind: "GDP", w: 0.25 }])]));
    const res = await writeReportToExcel(r, { confirmReplace: never, notesSheet: false, capabilities: caps });
    expect(res.sheets).toEqual(["CL Weights"]);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^~CL new /);
    expect(written["A1:B1"].values).toEqual([["Indicator", "w"]]);
    expect(written["A2:B2"].values).toEqual([["GDP", 0.25]]);
    expect(written["A2:B2"].numberFormat).toEqual([["@", "0.0000"]]);
    expect((settings[SETTINGS_KEY] as { sheets: Array<{ name: string }> }).sheets).toEqual([
      { id: "id-~CL new " + added[0].split(" ").slice(2).join(" "), name: "CL Weights" },
    ]);
  });
});
