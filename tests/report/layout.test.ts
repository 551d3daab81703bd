/**
 * The sheet layout both writers render (src/report/layout.ts) and the chart plans over it
 * (src/report/chartPlan.ts). Row numbers follow from the layout rule: an optional title row, a
 * header row, the data rows, one blank row before the next table.
 */
import { CHART_COLS, CHART_ROWS, planCharts } from "../../src/report/chartPlan";
import { displayWidth, fittedColumnWidths, layoutSheet, nonGroupRuns, notesSheetRows, reportSheetNames, textWidth } from "../../src/report/layout";
import { chart, column, createReport, reportProblems, sheet, table } from "../../src/report/model";

const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ a: i, b: i / 10 }));

describe("layoutSheet", () => {
  const titled = table([column("a", "A"), column("b", "B", "0.00", { colorScale: true })], rowsOf(5), { title: "First", groupRows: [1, 1, 4, 7] });
  const plain = table(
    [column("x", "X"), column("y", "Y"), column("z", "Z")],
    rowsOf(3).map((r) => ({ x: r.a, y: r.b, z: 1 })),
  );
  const empty = table([column("a", "A", undefined, { colorScale: true })], [], { title: "Empty" });

  test("tables stack from row 1: title, header, data rows, one blank row between", () => {
    const l = layoutSheet(sheet("S", [titled, plain, empty], [], { notes: ["n"] }));
    const n1 = titled.rows.length;
    const t1 = { titleRow: 1, headerRow: 2, firstRow: 3, lastRow: 2 + n1 };
    expect(l.tables[0]).toMatchObject(t1);
    const start2 = t1.lastRow + 2; // one blank row
    expect(l.tables[1]).toMatchObject({ headerRow: start2, firstRow: start2 + 1, lastRow: start2 + plain.rows.length });
    expect(l.tables[1].titleRow).toBeUndefined();
    const start3 = l.tables[1].lastRow + 2;
    // a table without rows: its last row is its header row
    expect(l.tables[2]).toMatchObject({ titleRow: start3, headerRow: start3 + 1, firstRow: start3 + 2, lastRow: start3 + 1 });
    expect(l.notesRow).toBe(l.tables[2].lastRow + 2);
    expect(l.width).toBe(plain.columns.length);
  });

  test("group rows: those that exist, once each, in order; colour-scale runs leave them out", () => {
    const l = layoutSheet(sheet("S", [titled, empty]));
    const p = l.tables[0];
    expect(p.groupRows).toEqual([1, 4]); // 7 is past the 5 rows; 1 is given twice
    expect(p.colorScales).toEqual([
      {
        column: 2,
        runs: [
          { firstRow: p.firstRow, lastRow: p.firstRow }, // row 0
          { firstRow: p.firstRow + 2, lastRow: p.firstRow + 3 }, // rows 2..3
        ],
      },
    ]);
    expect(l.tables[1].colorScales).toEqual([]); // no rows, no scale
    expect(nonGroupRuns(6, new Set([0, 5]))).toEqual([[1, 4]]);
    expect(nonGroupRuns(3, new Set([0, 1, 2]))).toEqual([]);
  });

  test("category fills: adjacent columns with the same categories in one block, group rows left out", () => {
    const a = [{ text: "HH", color: "F07A6E" }];
    const b = [{ text: "hot", color: "E8604C" }];
    const t = table(
      [
        column("u", "U"),
        column("p1", "1", "text", { fills: a }),
        column("p2", "2", "text", { fills: a }),
        column("n", "n"),
        column("p3", "3", "text", { fills: a }),
        column("q", "q", "text", { fills: b }),
      ],
      rowsOf(4),
      { groupRows: [2] },
    );
    const p = layoutSheet(sheet("S", [t, table([column("p", "p", "text", { fills: a })], [])])).tables;
    const runs = [
      { firstRow: p[0].firstRow, lastRow: p[0].firstRow + 1 },
      { firstRow: p[0].firstRow + 3, lastRow: p[0].firstRow + 3 },
    ];
    expect(p[0].categoryFills).toEqual([
      { firstColumn: 2, lastColumn: 3, runs, fills: a },
      { firstColumn: 5, lastColumn: 5, runs, fills: a },
      { firstColumn: 6, lastColumn: 6, runs, fills: b },
    ]);
    expect(p[1].categoryFills).toEqual([]); // no rows, no fills
  });

  test("frozen panes: down to the first header row by default; explicit; none", () => {
    expect(layoutSheet(sheet("S", [titled])).freeze).toEqual({ rows: 2, columns: 0 });
    expect(layoutSheet(sheet("S", [plain])).freeze).toEqual({ rows: 1, columns: 0 });
    expect(layoutSheet(sheet("S", [plain], [], { freeze: { columns: 2 } })).freeze).toEqual({ rows: 1, columns: 2 });
    expect(layoutSheet(sheet("S", [plain], [], { freeze: { rows: 0, columns: 0 } })).freeze).toBeNull();
    expect(layoutSheet(sheet("S", [plain], [], { freeze: false })).freeze).toBeNull();
    expect(layoutSheet(sheet("S", [])).freeze).toBeNull();
  });
});

describe("column widths", () => {
  test("CJK characters count double; formats decide the digits shown", () => {
    expect(textWidth("Beijing")).toBe(7);
    expect(textWidth("北京市")).toBe(6);
    expect(displayWidth(0.123456, "0.000")).toBe("0.123".length);
    expect(displayWidth(0.5, "0.0%")).toBe("50.0%".length);
    expect(displayWidth(1.5e-9, "0.00E+00")).toBe("1.50E-09".length);
    expect(displayWidth(Math.PI, "general")).toBe(11);
    expect(displayWidth(NaN, "0.000")).toBe("#N/A".length);
  });

  test("widest header or value plus 2, within 6..60; an explicit width replaces the values", () => {
    const long = "x".repeat(80);
    const t = table(
      [column("a", "A"), column("b", "Label of b"), column("c", "C", undefined, { width: 20 }), column("d", "D")],
      [{ a: 1, b: 2, c: long, d: long }],
    );
    expect(fittedColumnWidths(sheet("S", [t]))).toEqual([6, "Label of b".length + 2, 22, 60]);
  });
});

describe("reportSheetNames", () => {
  test("prefixed, sanitized, unique; the notes sheet last; a map from report names", () => {
    const r = createReport("R");
    r.sheets.push(sheet("Data", []), sheet("Data", []), sheet("a/b", []));
    const n = reportSheetNames(r, { prefix: "CL " });
    expect(n.sheets).toEqual(["CL Data", "CL Data (2)", "CL a_b"]);
    expect(n.notes).toBe("CL Notes");
    expect(n.byReportName.get("Data")).toBe("CL Data");
    expect(reportSheetNames(r, { notesSheet: false }).notes).toBeUndefined();
    expect(reportSheetNames(r, { notesSheet: "Data" }).notes).toBe("Data (3)");
  });
});

describe("notesSheetRows", () => {
  const r = createReport("Title", { tool: "CoordLab", version: undefined, source: "x.csv" });
  r.notes.push("a note");
  r.warnings.push("a warning");
  r.sheets.push(
    sheet("S", [table([column("x", "X"), column("y", "Y")], [{ x: 1, y: 2 }])], [chart("line", "L", { sheet: "S", table: 0 }, "x", ["y"], { y: "Y axis" })]),
  );

  test("title, meta, (sheets), notes, warnings with problems, (charts)", () => {
    const rows = notesSheetRows(r, ["a problem"], { sheets: ["CL S"] });
    expect(rows).toEqual([
      { values: ["Title"], style: "title" },
      { values: [] },
      { values: ["About this report"], style: "heading" },
      { values: ["tool", "CoordLab"] },
      { values: ["source", "x.csv"] },
      { values: [] },
      { values: ["Sheets"], style: "heading" },
      { values: ["CL S"] },
      { values: [] },
      { values: ["Notes"], style: "heading" },
      { values: ["a note"] },
      { values: [] },
      { values: ["Warnings"], style: "heading" },
      { values: ["a warning"] },
      { values: ["a problem"] },
      { values: [] },
    ]);
    const withCharts = notesSheetRows(r, reportProblems(r), { charts: new Map([["S", "Sheet S"]]) });
    expect(withCharts.some((x) => x.values[0] === "Sheets")).toBe(false);
    expect(withCharts[withCharts.length - 1].values).toEqual(["Sheet S", "L", "line", "Sheet S", 1, "x", "y", null, "Y axis"]);
  });
});

describe("planCharts over the layout", () => {
  test("drawn right of the widest table (one blank column), stacked with one blank row; ranges are the layout's rows", () => {
    const r = createReport("R");
    const t = table(
      [column("x", "X"), column("y", "Y", "0.000"), column("z", "Z")],
      rowsOf(4).map((q) => ({ x: q.a, y: q.b, z: -q.b })),
      { title: "T" },
    );
    const narrow = table([column("k", "K")], [{ k: "a" }]);
    r.sheets.push(
      sheet(
        "Data",
        [narrow, t],
        [chart("line", "one", { sheet: "Data", table: 1 }, "x", ["y", "z"]), chart("scatter", "two", { sheet: "Data", table: 1 }, "x", ["y"])],
      ),
    );
    r.sheets.push(sheet("Other", [narrow], [chart("column", "three", { sheet: "Data", table: 1 }, "x", ["z"])]));
    const layouts = r.sheets.map((s) => layoutSheet(s));
    const plans = planCharts(
      r,
      layouts.map((l) => l.tables),
    );
    const placed = layouts[0].tables[1];
    expect(plans.map((p) => [p.title, p.sheetIndex, p.anchor])).toEqual([
      ["one", 0, { col: t.columns.length + 1, row: 1, cols: CHART_COLS, rows: CHART_ROWS }],
      ["two", 0, { col: t.columns.length + 1, row: 1 + CHART_ROWS + 1, cols: CHART_COLS, rows: CHART_ROWS }],
      ["three", 1, { col: narrow.columns.length + 1, row: 1, cols: CHART_COLS, rows: CHART_ROWS }],
    ]);
    expect(plans[0].x).toMatchObject({
      sheetIndex: 0,
      column: 1,
      headerRow: placed.headerRow,
      firstRow: placed.firstRow,
      lastRow: placed.lastRow,
      header: "X",
    });
    expect(plans[0].series.map((s) => [s.column, s.numFmt, s.values])).toEqual([
      [2, "0.000", t.rows.map((q) => q.y)],
      [3, "General", t.rows.map((q) => q.z)],
    ]);
    expect(plans[2].x.sheetIndex).toBe(0); // data from another sheet
  });
});
