/**
 * COORD.STANDARDIZE against tests/fixtures/indices/standardization.json (panel a, global scope:
 * plain, shifts, rescale to [0.01, 0.99]) and small_cases.json, through impl and wrapper.
 */
import { standardizeImpl } from "../../src/functions/impl/standardize";
import { standardize } from "../../src/functions/functions";
import { excelRange, expectClose, expectErrorValue, expectExcelSafe, expectThrows, loadFixture } from "./support";

const ref = loadFixture("standardization.json");
const small = loadFixture("small_cases.json");
const panel = loadFixture("inputs_panel_a.json");
const TOL = 1e-9;

describe("STANDARDIZE: reference values", () => {
  const cases: Array<[string, unknown[]]> = [
    ["plain", []],
    ["shift_0.0001", [0.0001]],
    ["shift_0.01", ["0.01"]],
    ["interval_0.01_0.99", [null, 0.01, 0.99]],
  ];
  it.each(cases)("global %s: the z matrix under the echoed header row", (key, extra) => {
    const data = excelRange(panel.X, panel.indicators);
    const z = standardizeImpl(data, [panel.directions], ...extra);
    expectExcelSafe(z);
    expect(z).toHaveLength(311);
    expect(z[0]).toEqual(panel.indicators);
    expectClose((z.slice(1) as number[][]).flat(), (ref.global[key] as number[][]).flat(), TOL, key);
    expect(standardize(data, [panel.directions], ...(extra as [unknown, unknown, unknown]))).toEqual(z);
  });

  it("small cases: + - + with a constant column is an error naming the column", () => {
    expectThrows(() => standardizeImpl(small.minmax_input, [small.minmax_dirs]), "CONSTANT", /^data column 3 is constant \(every value is 5\)/);
    const z = standardizeImpl(
      small.minmax_input.map((r: number[]) => r.slice(0, 2)),
      [["+", "-"]],
    );
    expectClose(z.flat() as number[], small.minmax.map((r: number[]) => r.slice(0, 2)).flat(), TOL, "minmax");
  });

  it("reproduces the help page example, and lower/upper", () => {
    const data = [
      [5.2, 62, 0.45],
      [7.9, 55, 0.7],
      [4.1, 49, 0.52],
      [9.6, 71, 0.38],
    ];
    const z = standardizeImpl(data, "+ + -");
    expectClose(z[0] as number[], [0.2, 0.5909090909090909, 0.78125], 1e-12, "row A");
    const r = standardizeImpl(data, "+ + -", 0, 0.01, 0.99);
    expectClose(r[0] as number[], [0.206, 0.5890909090909091, 0.775625], 1e-12, "rescaled row A");
  });
});

describe("STANDARDIZE: bad input", () => {
  const data = [
    [1, 2],
    [3, 5],
    [2, 4],
  ];
  it("shift together with lower/upper", () => {
    expectErrorValue(
      standardize(data, null as never, 0.01, 0.01, 0.99),
      "#VALUE!",
      "shift and lower/upper cannot be combined: leave shift empty (or 0) to rescale",
    );
  });
  it("lower not below upper", () => {
    expectErrorValue(standardize(data, null as never, null, 0.9, 0.1), "#VALUE!", "lower must be below upper; got lower 0.9 and upper 0.1");
  });
  it("a shift that is text", () => {
    expectErrorValue(standardize(data, null as never, "small"), "#VALUE!", "shift: text 'small' is not a number");
  });
  it("an error value in data", () => {
    expectErrorValue(
      standardize([
        [1, 2],
        [{ code: "#DIV/0!" }, 3],
      ]),
      "#VALUE!",
      "data row 2, column 1 holds #DIV/0!",
    );
  });
});

describe("STANDARDIZE: issue 11", () => {
  it("a negative shift is refused, as ENTROPYWEIGHT refuses it", () => {
    expectErrorValue(standardize([["a"], [1], [2]], null as never, -0.1), "#VALUE!", "shift must be at least 0; got -0.1");
  });
});
