import { standardize, StandardizeOptions } from "../../src/engine/standardize";
import { expectAllClose, expectCoordError, loadFixture, Panel } from "./weights/fixtures";

const TOL = 1e-9;
const small = loadFixture("small_cases.json");
const std = loadFixture("standardization.json");
const panelA: Panel = loadFixture("inputs_panel_a.json");

describe("standardize (M1): small hand-checkable cases (small_cases.json)", () => {
  // the third column is constant (5, 5, 5): the reference sets its z to 0
  const x: number[][] = small.minmax_input;
  const directions = small.minmax_dirs;

  it("min-max with a cost column", () => {
    const r = standardize(x, { directions, constant: 0 });
    expectAllClose(r.z, small.minmax, TOL, "z");
    expect(r.min).toEqual([1, 10, 5]);
    expect(r.max).toEqual([4, 30, 5]);
    expect(r.pools).toHaveLength(1);
    expect(r.pools[0].constantColumns).toEqual([2]);
  });

  it("shift δ = 0.0001", () => {
    const r = standardize(x, { directions, constant: 0, shift: 0.0001 });
    expectAllClose(r.z, small["minmax_shift_0.0001"], TOL, "z shifted");
    expectAllClose(r.zUnshifted, small.minmax, TOL, "z unshifted");
  });

  it("rescale to [0.01, 0.99] (SPSSAU)", () => {
    const r = standardize(x, { directions, constant: 0, rescale: [0.01, 0.99] });
    expectAllClose(r.z, small["minmax_interval_0.01_0.99"], TOL, "z rescaled");
  });

  it("constant column rule 1", () => {
    const r = standardize(x, { directions, constant: 1 });
    expect(r.z.map((row) => row[2])).toEqual([1, 1, 1]);
  });
});

/** Map a standardization.json variant key to our options (fail loudly on an unknown key). */
function variantOptions(key: string): StandardizeOptions {
  if (key === "plain") return {};
  let m = /^shift_([0-9.eE-]+)$/.exec(key);
  if (m) return { shift: Number(m[1]) };
  m = /^interval_([0-9.]+)_([0-9.]+)$/.exec(key);
  if (m) return { rescale: [Number(m[1]), Number(m[2])] };
  throw new Error(`standardization.json: unknown variant '${key}'`);
}

function scopeOptions(key: string): StandardizeOptions {
  if (key === "global") return { scope: "global" };
  if (key === "per_year") return { scope: "per-period", periods: panelA.years };
  throw new Error(`standardization.json: unknown scope block '${key}'`);
}

describe("standardize (M1): panel a against standardization.json", () => {
  const blocks = Object.keys(std).filter((k) => k !== "note");
  it("has the blocks we expect to map", () => {
    expect(blocks.sort()).toEqual(["global", "per_year"]);
  });
  let count = 0;
  for (const scopeKey of blocks) {
    for (const variant of Object.keys(std[scopeKey])) {
      count++;
      it(`${scopeKey} / ${variant}`, () => {
        const r = standardize(panelA.X, {
          directions: panelA.directions,
          ...scopeOptions(scopeKey),
          ...variantOptions(variant),
        });
        const expected: number[][] = std[scopeKey][variant];
        expect(r.z).toHaveLength(expected.length);
        expectAllClose(r.z, expected, TOL, `${scopeKey}/${variant}`);
      });
    }
  }
  it("covers all 8 option blocks", () => expect(count).toBe(8));

  it("per-period pools are the 10 years with 31 rows each", () => {
    const r = standardize(panelA.X, { directions: panelA.directions, scope: "per-period", periods: panelA.years });
    expect(r.pools.map((p) => p.period)).toEqual([2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    expect(r.pools.every((p) => p.rows.length === 31)).toBe(true);
    // every year reaches 0 and 1 in every column (min-max within the year)
    for (const p of r.pools)
      for (let j = 0; j < 12; j++) {
        const col = p.rows.map((i) => r.z[i][j]);
        expect(Math.min(...col)).toBe(0);
        expect(Math.max(...col)).toBe(1);
      }
  });
});

describe("standardize: bad input", () => {
  const names = ["GDP", "Forest", "Income"];
  it("empty matrix", () => {
    expectCoordError(() => standardize([]), "EMPTY", "data is empty");
  });
  it("ragged rows", () => {
    expectCoordError(() => standardize([[1, 2], [3]]), "LENGTH", "data row 2 has 1 values; row 1 has 2");
  });
  it("text cell names row and column", () => {
    const x = [
      [1, 2, 3],
      [2, 3, 4],
      ["n/a", 4, 5],
    ];
    expectCoordError(() => standardize(x, { columnNames: names }), "NOT_NUMERIC", `data row 3, column "GDP": text 'n/a' is not a number`);
  });
  it("null cell is MISSING, naming row and column", () => {
    expectCoordError(
      () =>
        standardize([
          [1, 2],
          [null, 3],
        ]),
      "MISSING",
      "data row 2, column 1: an empty cell is not a number",
    );
  });
  it("NaN cell", () => {
    expectCoordError(
      () =>
        standardize([
          [1, 2],
          [3, NaN],
        ]),
      "NOT_NUMERIC",
      "data row 2, column 2: NaN is not a number",
    );
  });
  it("constant column is named (by name when given)", () => {
    const x = [
      [1, 7, 3],
      [2, 7, 4],
    ];
    expectCoordError(() => standardize(x, { columnNames: names }), "CONSTANT", `data column "Forest" is constant`);
    expectCoordError(() => standardize(x), "CONSTANT", "data column 2 is constant");
  });
  it("constant column within a period names the period", () => {
    const x = [
      [1, 7],
      [2, 8],
      [3, 9],
      [4, 9],
    ];
    expectCoordError(() => standardize(x, { scope: "per-period", periods: [2011, 2011, 2012, 2012] }), "CONSTANT", "data column 2 is constant in period 2012");
  });
  it("directions length mismatch", () => {
    expectCoordError(
      () =>
        standardize(
          [
            [1, 2],
            [3, 4],
          ],
          { directions: ["+"] },
        ),
      "LENGTH",
      "directions has 1 values but data has 2 columns",
    );
  });
  it("bad direction value", () => {
    expectCoordError(
      () =>
        standardize(
          [
            [1, 2],
            [3, 4],
          ],
          { directions: ["+", "cost"] },
        ),
      "OPTION",
      "directions, column 2: must be '+' (benefit) or '-' (cost); got 'cost'",
    );
  });
  it("unknown option", () => {
    expectCoordError(() => standardize([[1], [2]], { scale: 2 } as unknown as StandardizeOptions), "OPTION", "unknown option 'scale'");
  });
  it("unknown scope / constant value", () => {
    expectCoordError(
      () => standardize([[1], [2]], { scope: "yearly" } as unknown as StandardizeOptions),
      "OPTION",
      "scope must be one of global, per-period; got 'yearly'",
    );
    expectCoordError(() => standardize([[1], [2]], { constant: 0.5 } as unknown as StandardizeOptions), "OPTION", "constant must be one of 'error', 0, 1");
  });
  it("per-period without periods, and periods length mismatch", () => {
    expectCoordError(() => standardize([[1], [2]], { scope: "per-period" }), "OPTION", "scope 'per-period' needs periods");
    expectCoordError(() => standardize([[1], [2], [3]], { scope: "per-period", periods: [2011, 2012] }), "LENGTH", "periods has 2 labels but data has 3 rows");
  });
  it("missing period label names the row", () => {
    expectCoordError(
      () => standardize([[1], [2], [3]], { scope: "per-period", periods: [2011, null, 2011] as unknown as number[] }),
      "MISSING",
      "periods row 2: the period label is missing",
    );
  });
  it("bad shift / rescale", () => {
    expectCoordError(() => standardize([[1], [2]], { shift: NaN }), "NOT_NUMERIC", "shift: NaN is not a number");
    expectCoordError(() => standardize([[1], [2]], { rescale: [0.99, 0.01] }), "OPTION", "rescale [a, b] needs a < b");
    expectCoordError(() => standardize([[1], [2]], { rescale: [0.01, 0.99], shift: 0.01 }), "OPTION", "shift and rescale cannot be combined");
  });
  it("columnNames length mismatch", () => {
    expectCoordError(
      () =>
        standardize(
          [
            [1, 2],
            [3, 4],
          ],
          { columnNames: ["a"] },
        ),
      "LENGTH",
      "columnNames has 1 names but data has 2 columns",
    );
  });
});
