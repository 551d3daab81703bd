import {
  addSheet,
  chart,
  column,
  columnLetter,
  createReport,
  quoteSheetName,
  reportProblems,
  sanitizeSheetName,
  sheet,
  table,
  tableFromColumns,
  tableFromMatrix,
  uniqueSheetNames,
} from "../../src/report/model";
import { reportToJson } from "../../src/writer/xlsx";

describe("table builders", () => {
  test("column and table", () => {
    expect(column("d", "D", "0.000", { colorScale: true })).toEqual({ key: "d", label: "D", format: "0.000", colorScale: true });
    expect(column("id")).toEqual({ key: "id", label: "id" });
    const t = table([column("a")], [{ a: 1 }], { title: "T", groupRows: [0] });
    expect(t).toEqual({ title: "T", columns: [{ key: "a", label: "a" }], rows: [{ a: 1 }], groupRows: [0] });
  });

  test("tableFromColumns transposes typed arrays into rows", () => {
    const t = tableFromColumns(
      [
        { key: "unit", label: "Province", format: "text", values: ["Beijing", "Tianjin"] },
        { key: "d", label: "D", format: "0.000", colorScale: true, values: Float64Array.from([0.51, 0.47]) },
      ],
      { title: "D" },
    );
    expect(t.columns).toEqual([
      { key: "unit", label: "Province", format: "text" },
      { key: "d", label: "D", format: "0.000", colorScale: true },
    ]);
    expect(t.rows).toEqual([
      { unit: "Beijing", d: 0.51 },
      { unit: "Tianjin", d: 0.47 },
    ]);
    expect(() =>
      tableFromColumns([
        { key: "a", label: "a", values: [1] },
        { key: "b", label: "b", values: [] },
      ]),
    ).toThrow('tableFromColumns: column "b" has 0 values; column "a" has 1');
  });

  test("tableFromMatrix: row labels, column labels, values", () => {
    const t = tableFromMatrix(["East", "West"], [2011, 2012], [Float64Array.from([0.4, 0.5]), [0.3, NaN]], { corner: "Region", format: "0.000" });
    expect(t.columns.map((c) => [c.key, c.label, c.format])).toEqual([
      ["row", "Region", "text"],
      ["c0", "2011", "0.000"],
      ["c1", "2012", "0.000"],
    ]);
    expect(t.rows[1]).toEqual({ row: "West", c0: 0.3, c1: NaN });
    expect(() => tableFromMatrix(["a"], [1, 2], [[1]])).toThrow("tableFromMatrix: row 1 has 1 values but there are 2 column labels");
  });

  test("a report is plain JSON data; non-finite numbers become null in JSON", () => {
    const r = createReport("CCD", { tool: "CoordLab", created: "2025-01-01T00:00:00Z" });
    const s = addSheet(r, sheet("D", [tableFromMatrix(["A"], ["x"], [[NaN]])], [chart("line", "D", { sheet: "D", table: 0 }, "row", ["c0"], { y: "D" })]));
    s.notes = ["h = 0.1"];
    r.warnings.push("gap");
    const back = JSON.parse(reportToJson(r));
    expect(back.sheets[0].tables[0].rows[0]).toEqual({ row: "A", c0: null });
    expect(back.sheets[0].charts[0]).toEqual({ type: "line", title: "D", tableRef: { sheet: "D", table: 0 }, x: "row", series: ["c0"], yAxisTitle: "D" });
    expect(back.meta).toEqual({ tool: "CoordLab", created: "2025-01-01T00:00:00Z" });
    expect(back.warnings).toEqual(["gap"]);
  });
});

describe("reportProblems", () => {
  test("duplicate keys, bad group rows, dangling chart references", () => {
    const r = createReport("x");
    addSheet(r, sheet("S", [table([column("a"), column("a")], [{ a: 1 }], { groupRows: [3] })]));
    addSheet(
      r,
      sheet(
        "C",
        [],
        [
          chart("line", "one", { sheet: "Nope", table: 0 }, "a", ["b"]),
          chart("line", "two", { sheet: "S", table: 2 }, "a", ["b"]),
          chart("column", "three", { sheet: "S", table: 0 }, "a", ["zz"]),
        ],
      ),
    );
    expect(reportProblems(r)).toEqual([
      'sheet "S", table 1: two columns have the key "a"',
      'sheet "S", table 1: group row 3 is not a row of the table',
      'chart "one" on sheet "C": no sheet named "Nope"',
      'chart "two" on sheet "C": sheet "S" has no table 3',
      'chart "three" on sheet "C": the table has no column "zz"',
    ]);
  });
});

describe("sheet names", () => {
  test.each([
    ["Coupling: D [all]", "Coupling_ D _all_"],
    ["a/b\\c?d*e", "a_b_c_d_e"],
    ["'quoted'", "quoted"],
    ["", "Sheet"],
    ["   ", "Sheet"],
    ["History", "History_"],
    ["Kernel density of the coupling coordination degree", "Kernel density of the coupling"],
    ["耦合协调度", "耦合协调度"],
  ])("%j -> %j", (raw, safe) => {
    const s = sanitizeSheetName(raw);
    expect(s).toBe(safe);
    expect(s.length).toBeLessThanOrEqual(31);
    expect(s).not.toMatch(/[[\]:*?/\\]/);
  });

  test("unique, case-insensitively, within 31 characters", () => {
    const long = "Coupling coordination by province";
    expect(uniqueSheetNames(["D", "d", "D", long, long, "Notes"])).toEqual([
      "D",
      "d (2)",
      "D (3)",
      "Coupling coordination by provin",
      "Coupling coordination by pr (2)",
      "Notes",
    ]);
  });

  test("columnLetter", () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
});

describe("quoteSheetName", () => {
  test("plain names as they are; others quoted with apostrophes doubled", () => {
    expect(quoteSheetName("Data")).toBe("Data");
    expect(quoteSheetName("CL_Summary.2")).toBe("CL_Summary.2");
    expect(quoteSheetName("数据")).toBe("数据");
    expect(quoteSheetName("My data")).toBe("'My data'");
    expect(quoteSheetName("Kernel's density")).toBe("'Kernel''s density'");
    expect(quoteSheetName("2011")).toBe("'2011'");
    expect(quoteSheetName("a-b")).toBe("'a-b'");
  });

  test("names that read as cell references are quoted", () => {
    for (const name of ["A1", "XFD1048576", "ab12", "R1C1", "RC", "r2c"]) expect(quoteSheetName(name)).toBe(`'${name}'`);
    expect(quoteSheetName("ABCD1")).toBe("ABCD1"); // four letters: not a column
  });

  test("always: every name quoted (chart formulas)", () => {
    expect(quoteSheetName("Density", { always: true })).toBe("'Density'");
    expect(quoteSheetName("It's", { always: true })).toBe("'It''s'");
  });
});
