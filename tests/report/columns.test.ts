/**
 * The CSV read by column (issue 17): the same cells as parseCsv, the same errors, and the
 * geodetector-only run on columns gives the run on rows.
 */
import fc from "fast-check";
import { CoordError } from "../../src/engine/errors";
import { parseCell, parseCsv } from "../../src/report/csv";
import { asRows, ColumnCells, dataRowCount, headerOf, parseCsvColumns, plainNumber } from "../../src/report/columns";
import * as fs from "fs";
import * as path from "path";
import { buildPanel } from "../../src/report/panel";
import { runReport } from "../../src/report/pipeline";

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CoordError);
    return `${(e as CoordError).code}: ${(e as CoordError).message}`;
  }
  return "no error";
}

describe("plainNumber", () => {
  test.each(["12", "-0.5", "+3", ".5", "5.", "0", "-0", "0.25", "1e-3", "2.5E+04", "3.14159265358979", "123456789012345", "0.000123", "-7.5e-300"])(
    "%s is Number(s) or left to parseCell",
    (s) => {
      const v = plainNumber(s, ".");
      if (v !== undefined) expect(Object.is(v, Number(s))).toBe(true);
      expect(v ?? parseCell(s)).toEqual(parseCell(s));
    },
  );
  test.each(["007", "00", "1,234", " 12", "12 ", "1e", "e5", ".", "-", "+", "1.2.3", "0x10", "Infinity", "NaN", "12%", "1e400", "1,5"])(
    "%s is not plain (parseCell decides)",
    (s) => expect(plainNumber(s, ".")).toBeUndefined(),
  );
  it("equals Number(s) for any double printed by JavaScript, and for decimals up to 15 digits", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = String(x);
        const v = plainNumber(s, ".");
        return v === undefined || Object.is(v, Number(s));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (m, k) => {
        const s = (m / 10 ** k).toFixed(k);
        const v = plainNumber(s, ".");
        return v !== undefined && Object.is(v, Number(s)) ? true : parseCell(s) === v || v === undefined;
      }),
      { numRuns: 3000 },
    );
  });
});

describe("parseCsvColumns gives parseCsv's cells", () => {
  test.each([
    ["plain", "y,x,landuse\n1.5,2,forest\n-3,007,crop\n,4,\n"],
    ["blank lines and trailing blanks", "\n\ny,x\n1,2\n\n3,4\n\n\n"],
    ["short rows, trailing empty columns", "a,b,c,,\n1,,\n2\n3,4,5,,\n"],
    ["CRLF", "a,b\r\n1,2\r\n3,x y \r\n"],
    ["quotes", 'a,b\n"1,5",2\n"he said ""hi""",3\n"multi\nline",4\n'],
    ["thousands and spaces", "a;b\n1 234,5;2\n 7 ;n/a\n"],
    ["decimal comma", "a;b\n1,5;2,25\n3;4\n"],
    ["semicolon, decimal point", "a;b\n1.5;2\n3,5;4\n"],
    ["tab", "a\tb\n1\t2\n"],
    ["text and numbers mixed", "id,v\nA,1\nB,NaN\nC,Infinity\nD,1e999\nE,−5\nF,12%\nG,0.1\n"],
    ["BOM", "\ufeffa,b\n1,2\n"],
    ["Chinese", "省份,年份\n北京,2011\n 上海 ,2012\n"],
  ])("%s", (_name, text) => {
    const c = parseCsvColumns(text);
    expect(c.toRows()).toEqual(parseCsv(text));
    expect(headerOf(c)).toEqual(headerOf(parseCsv(text)));
    expect(dataRowCount(c)).toBe(dataRowCount(parseCsv(text)));
  });

  it("random CSV text: the same cells (fast-check)", () => {
    const field = fc.oneof(
      fc.constantFrom("", " ", "1", "-2.5", "007", "1,234", "abc", "n/a", "1e5", ".5", '"q"', "x y", "3.0", "12 345"),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    );
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }), fc.constantFrom(",", ";", "\t"), (rows, d) => {
        const text = ["h1" + d + "h2" + d + "h3" + d + "h4" + d + "h5", ...rows.map((r) => r.join(d))].join("\n");
        let expected: unknown;
        try {
          expected = parseCsv(text);
        } catch (e) {
          expected = (e as Error).message;
        }
        let got: unknown;
        try {
          got = parseCsvColumns(text).toRows();
        } catch (e) {
          got = (e as Error).message;
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    ["an unclosed quote", 'a,b\n"1,2\n3,4\n'],
    ["a record wider than the header", "a,b\n1,2\n3,4,5\n"],
    ["a NUL byte", "a,b\n1,\u00002\n"],
    ["an empty file", "  \n "],
  ])("%s: the same error as parseCsv", (_name, text) => {
    expect(errorOf(() => parseCsvColumns(text))).toBe(errorOf(() => parseCsv(text)));
  });

  it("a numeric column is a Float64Array; texts repeated share one string", () => {
    const c = parseCsvColumns("y,kind\n1,forest\n2,forest\n3,crop\n");
    expect(c.get(1, 0)).toBe(1);
    expect(c.get(3, 1)).toBe("crop");
    expect(c.get(9, 9)).toBeNull();
    expect(c.isBlank(0)).toBe(false);
    expect(asRows(c)).toBe(c.toRows()); // built once
    expect(ColumnCells.fromRows(parseCsv("a,b\n1,x\n")).toRows()).toEqual([
      ["a", "b"],
      [1, "x"],
    ]);
  });
});

describe("the geodetector-only report on columns", () => {
  it("equals the report on rows (cells, analysis, the Reproduce size)", async () => {
    const lines = ["y,soil,landuse,elev"];
    for (let i = 0; i < 400; i++) lines.push(`${((i * 37) % 101) / 10 + (i % 4)},${(i % 4) + 1},${["forest", "crop", "water"][i % 3]},${(i * 7.3) % 97}`);
    lines.push(",1,forest,3"); // an empty y: dropped
    const text = lines.join("\n");
    const roles = JSON.stringify({ y: "y", factors: ["soil", "landuse", "elev"] });
    const meta = { panel: { dropIncomplete: true }, created: "2026-12-04T00:00:00.000Z" };
    const byRows = await runReport(parseCsv(text), roles, undefined, {}, meta);
    const byColumns = await runReport(parseCsvColumns(text), roles, undefined, {}, meta);
    expect(byColumns.analysis).toEqual(byRows.analysis);
    expect(byColumns.report.sheets).toEqual(byRows.report.sheets);
    expect(byColumns.analysis.reproduce?.input).toMatchObject({ rows: 401, columns: 4 });
    const soil = (byRows.analysis as { geodetector: { factors: Array<{ factor: string; method: string; n: number }> } }).geodetector.factors[0];
    expect(soil).toMatchObject({ factor: "soil", method: "categorical", n: 400 });
  });
});

describe("the panel on columns", () => {
  const sample = fs.readFileSync(path.join(__dirname, "../../samples/sample-panel.csv"), "utf8");
  const sampleRoles = fs.readFileSync(path.join(__dirname, "../../samples/sample-panel.roles.json"), "utf8");
  it("the sample's report equals the report on rows (panel, analysis, sheets)", async () => {
    const meta = { created: "2026-12-04T00:00:00.000Z" };
    const byRows = await runReport(parseCsv(sample), sampleRoles, undefined, {}, meta);
    const byColumns = await runReport(parseCsvColumns(sample), sampleRoles, undefined, {}, meta);
    expect(byColumns.analysis).toEqual(byRows.analysis);
    expect(byColumns.report.sheets).toEqual(byRows.report.sheets);
  });
  // rows shuffled, a row of blanks, a number as text, an empty cell, a text in an indicator, a duplicate
  const lines = sample.trim().split(/\r?\n/);
  const [header, ...body] = lines;
  const shuffled = [
    header,
    ...body
      .map((l, i) => [l, (i * 7919) % body.length] as const)
      .sort((a, b) => a[1] - b[1])
      .map((x) => x[0]),
  ];
  const withCell = (k: number, j: number, v: string) => {
    const out = [...lines];
    const f = out[k].split(",");
    f[j] = v;
    out[k] = f.join(",");
    return out;
  };
  const cases: Array<[string, string[], Record<string, unknown>, RegExp | null]> = [
    ["rows in any order", shuffled, {}, null],
    ["a row of blanks between the data", [...lines.slice(0, 5), ", ,  ,", ...lines.slice(5)], {}, null],
    ["a text in an indicator", withCell(3, 4, "n/a"), {}, /is not a number/],
    ["an empty indicator, interpolated", withCell(3, 4, ""), { missing: "interpolate" }, null],
    ["an empty indicator, dropped", withCell(3, 4, ""), { dropIncomplete: true }, null],
    ["an empty id", withCell(6, 0, ""), {}, /MISSING/],
    ["a duplicate row", [...lines, lines[9]], {}, /are both unit/],
  ];
  test.each(cases)("%s: the same panel or the same error", (_, text, options, error) => {
    const csv = text.join("\n");
    const run = (cells: Parameters<typeof buildPanel>[0]) => {
      try {
        return buildPanel(cells, sampleRoles, options);
      } catch (e) {
        return errorOf(() => {
          throw e;
        });
      }
    };
    const byRows = run(parseCsv(csv));
    expect(run(parseCsvColumns(csv))).toEqual(byRows);
    if (error) expect(byRows).toMatch(error);
    else expect(typeof byRows === "string" ? byRows : byRows.units.length).toBe(31);
  });
});

describe("buildPanel on columns (no row arrays) gives buildPanel on rows", () => {
  const lines = ["id,year,region,a1,a2,b1,code"];
  for (const id of ["北京", "上海", "广州", "深圳"])
    for (let year = 2011; year <= 2015; year++)
      lines.push(`${id},${year},${id === "北京" ? "North" : "South"},${year - 2000 + id.length},${(year * 7) % 13},${((year * 3) % 11) + 0.5},007`);
  const base = lines.join("\n");
  const roles = JSON.stringify({
    id: "id",
    time: "year",
    group: "region",
    subsystems: {
      A: [
        { column: "a1", direction: "+" },
        { column: "code", direction: "+" },
      ],
      B: [
        { column: "a2", direction: "-" },
        { column: "b1", direction: "+" },
      ],
    },
  });
  const outcome = (cells: Parameters<typeof buildPanel>[0], options: Parameters<typeof buildPanel>[2]) => {
    try {
      return buildPanel(cells, roles, options);
    } catch (e) {
      expect(e).toBeInstanceOf(CoordError);
      return `${(e as CoordError).code}: ${(e as CoordError).message} ${JSON.stringify((e as CoordError).where)}`;
    }
  };
  test.each([
    ["plain (a leading-zero code read as a number)", base, {}, null],
    ["an empty cell", base.replace("北京,2013,North,15,", "北京,2013,North,,"), {}, /MISSING: row 4, column "a1"/],
    ["an empty cell dropped", base.replace("北京,2013,North,15,", "北京,2013,North,,"), { dropIncomplete: true }, null],
    ["an empty cell interpolated", base.replace("北京,2013,North,15,", "北京,2013,North,,"), { missing: "interpolate" as const }, null],
    ["text in an indicator", base.replace("上海,2012,South,14,", "上海,2012,South,n/a,"), {}, /NOT_NUMERIC: row 8, column "a1": .*n\/a/],
    ["an empty group cell", base.replace("2014,North", "2014,"), {}, /MISSING: row 5, column "region"/],
    ["text years", base.replace(/,(20\d\d),/g, ",Y$1,"), {}, null],
    ["a repeated unit and period", `${base}\n北京,2011,North,1,2,3,4`, {}, /UNDEFINED: rows 2 and 22 are both unit "北京"/],
  ] as Array<[string, string, Parameters<typeof buildPanel>[2], RegExp | null]>)("%s", (_name, text, options, error) => {
    const byRows = outcome(parseCsv(text), options);
    const byColumns = outcome(parseCsvColumns(text), options);
    expect(byColumns).toEqual(byRows);
    if (error) expect(byRows).toMatch(error);
    else if (typeof byRows === "string") throw new Error(byRows);
    else expect(byRows.indicators[1].values[0]).toBe(7);
  });
});

describe("parseCsvColumns without quotes (the split in place)", () => {
  test.each([
    ["one column", "y\n1\n2\n\n3\n"],
    ["CR line ends", "a,b\r1,2\r3,4"],
    ["mixed line ends", "a,b\n1,2\r\n3,x\r\n"],
    ["a trailing delimiter and empty fields", "a,b,c\n1,,\n,,\n,2,\n"],
    ["pipe", "a|b\n1|2\n"],
    ["no final line end", "a,b\n1,2"],
  ])("%s", (_name, text) => {
    expect(parseCsvColumns(text).toRows()).toEqual(parseCsv(text));
  });
});
