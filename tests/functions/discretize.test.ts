/**
 * COORD.DISCRETIZE and COORD.BREAKS: the help page example, GD's breaks and class counts on
 * R GD's ndvi_40 data (read at run time from ../shared/reference/geodetector; skipped with a
 * message when absent), the optimal method, and bad input.
 */
import * as fs from "fs";
import * as path from "path";
import { breaksImpl, discretizeImpl } from "../../src/functions/impl/discretize";
import { breaks, discretize } from "../../src/functions/functions";
import { optimalDiscretization } from "../../src/engine/geodetector/optimal";
import { excelColumn, expectClose, expectErrorValue, expectExcelSafe, expectThrows, numbersInColumn } from "./support";

const X = [2.1, 2.4, 2.9, 3.2, 5.0, 5.3, 5.9, 6.1, 8.4, 8.8, 9.5, 12.0];

describe("DISCRETIZE and BREAKS: help page example", () => {
  it.each([
    ["equal", [1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3], [2.1, 5.4, 8.7, 12]],
    ["quantile", [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], [2.1, 4.4, 6.866666666666667, 12]],
    ["natural", [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], [2.1, 3.2, 6.1, 12]],
  ])("%s, k = 3", (method, classes, b) => {
    const d = discretizeImpl(excelColumn(X), method, 3);
    expectExcelSafe(d);
    expect(d).toEqual(classes.map((c) => [c]));
    expect(discretize(excelColumn(X), method, "3")).toEqual(d);
    const br = breaksImpl(excelColumn(X), method, 3);
    expect(br).toHaveLength(4);
    expectClose(numbersInColumn(br, 0), b, 1e-12, `${method} breaks`);
    expect(breaks(excelColumn(X), method, 3)).toEqual(br);
  });

  it("keeps the orientation and the header of x; default natural k = 6", () => {
    const row = discretizeImpl([["x", ...X]], "equal", 3);
    expect(row).toEqual([["class", 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3]]);
    const col = discretizeImpl(excelColumn(X, "x"));
    expect(col[0]).toEqual(["class"]);
    expect(new Set(col.slice(1).flat()).size).toBe(6);
    expect(breaksImpl(excelColumn(X))).toHaveLength(7);
  });

  it("optimal: the grid winner's classes and breaks", () => {
    const y = X.map((v) => (v < 4 ? 1 : v < 7 ? 5 : 9) + (v % 1) / 10);
    const best = optimalDiscretization(y, X).best;
    expect(discretizeImpl(excelColumn(X, "x"), "optimal", null, excelColumn(y, "y"))).toEqual([["class"], ...Array.from(best.codes, (c) => [c + 1])]);
    expect(breaksImpl(excelColumn(X), "optimal", null, excelColumn(y))).toEqual(best.breaks.map((b) => [b]));
  });
});

// GD's breaks on the reference data (R GD 10.8 on ndvi_40.csv), read from ../shared.
const REF = path.resolve(__dirname, "..", "..", "..", "shared", "reference", "geodetector");
const CSV = path.join(REF, "data", "ndvi_40.csv");
const JSON_FILE = path.join(REF, "expected", "ndvi_40.json");
const present = fs.existsSync(CSV) && fs.existsSync(JSON_FILE);
if (!present) console.warn(`discretize (functions) test: GD reference skipped: ${CSV} not found (../shared is not beside the repo)`);
(present ? describe : describe.skip)("DISCRETIZE and BREAKS: GD's breaks on ndvi_40 (equal, quantile, natural)", () => {
  const lines = present ? fs.readFileSync(CSV, "utf8").trim().split(/\r?\n/) : [];
  const head = present ? lines[0].split(",").map((s) => s.replace(/"/g, "")) : [];
  const column = (name: string): number[] => lines.slice(1).map((l) => Number(l.split(",")[head.indexOf(name)]));
  const cases = present
    ? (
        JSON.parse(fs.readFileSync(JSON_FILE, "utf8")).discretized.GD_disc as Array<{
          variable: string;
          method: string;
          k: number;
          breaks: number[];
          n_breaks_unique: number;
          counts: number[];
        }>
      ).filter((c) => ["equal", "quantile", "natural"].includes(c.method) && c.n_breaks_unique === c.k + 1)
    : [];
  it("has cases", () => expect(cases.length).toBeGreaterThan(30));
  it.each(cases.map((c) => [`${c.variable} ${c.method} k = ${c.k}`, c] as const))("%s", (_, c) => {
    const x = excelColumn(column(c.variable), c.variable);
    const b = numbersInColumn(breaksImpl(x, c.method, c.k), 0);
    b.forEach((v, h) => expect(Math.abs(v - c.breaks[h])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.breaks[h]))));
    const classes = numbersInColumn(discretizeImpl(x, c.method, c.k), 0, 1);
    const counts = new Array(c.k).fill(0);
    classes.forEach((h) => counts[h - 1]++);
    expect(counts).toEqual(c.counts);
  });
});

describe("DISCRETIZE and BREAKS: bad input", () => {
  it("unknown method", () => {
    const msg = "method must be one of equal, natural, quantile, geometric, sd, optimal; got 'jenks'";
    expectThrows(() => discretizeImpl(excelColumn(X), "jenks"), "OPTION", msg);
    expectErrorValue(discretize(excelColumn(X), "jenks"), "#VALUE!", msg);
  });
  it("k not a whole number, or below 2", () => {
    expectErrorValue(discretize(excelColumn(X), "equal", 2.5), "#VALUE!", "k must be a whole number; got 2.5");
    expectErrorValue(breaks(excelColumn(X), "equal", 1), "#VALUE!", "k must be at least 2; got 1");
  });
  it("optimal without y; y with another method; y of another length", () => {
    expectErrorValue(discretize(excelColumn(X), "optimal"), "#VALUE!", 'method "optimal" needs y: the variable the geodetector explains');
    expectErrorValue(
      discretize(excelColumn(X), "equal", 3, excelColumn(X)),
      "#VALUE!",
      'y is used by method "optimal" only; leave it empty for method "equal"',
    );
    expectErrorValue(breaks(excelColumn(X), "optimal", null, excelColumn([1, 2, 3])), "#VALUE!", "y has 3 values but x has 12; give one y per x");
  });
  it("text and blanks in x", () => {
    expectErrorValue(discretize([[1], ["low"], [3]]), "#VALUE!", "x row 2: text 'low' is not a number");
    expectErrorValue(breaks([[1], [""], [3]]), "#VALUE!", "x row 2 is empty");
  });
  it("a constant x", () => {
    expectErrorValue(breaks(excelColumn([4, 4, 4])), "#VALUE!", /^x is constant/);
  });
});
