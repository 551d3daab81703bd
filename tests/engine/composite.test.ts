import fc from "fast-check";
import { compositeIndex, compositeOfRows } from "../../src/engine/composite";
import { entropyWeights } from "../../src/engine/weights";
import { entropyWeightsWithRanges } from "../../src/engine/weights/entropy";
import { columns, expectAllClose, expectCoordError, loadFixture, Panel, subsystemColumns } from "./weights/fixtures";

const TOL = 1e-9;
const std = loadFixture("standardization.json");
const entropyRef = loadFixture("entropy.json");
const panelA: Panel = loadFixture("inputs_panel_a.json");

describe("compositeIndex (M4)", () => {
  it("U = Σ w z by hand", () => {
    // 0.75·0 + 0.25·1 = 0.25 ; 0.75·0.5 + 0.25·0.2 = 0.425
    expectAllClose(
      compositeIndex(
        [
          [0, 1],
          [0.5, 0.2],
        ],
        [0.75, 0.25],
      ).U,
      [0.25, 0.425],
      1e-15,
      "U",
    );
  });

  it("reference z (standardization.json) x reference w (entropy.json) = reference U", () => {
    // inputs and expected output all from the independent reference: tests M4 alone
    for (const sub of ["U1", "U2"]) {
      const [from, to] = subsystemColumns(panelA, sub);
      const z = columns(std.global.plain, from, to);
      const expected = entropyRef.global_shift0[`${sub}_subsystem`];
      expectAllClose(compositeIndex(z, expected.w).U, expected.U, TOL, sub);
      const zs = columns(std.global["shift_0.01"], from, to);
      const es = entropyRef["global_shift0.01"][`${sub}_subsystem`];
      expectAllClose(compositeIndex(zs, es.w).U, es.U, TOL, `${sub} shifted`);
    }
  });

  it("from a weighting: shifted (default) vs unshifted z differ by δ·Σw", () => {
    const [from, to] = subsystemColumns(panelA, "U1");
    const w = entropyWeights(columns(panelA.X, from, to), { directions: panelA.directions.slice(from, to), shift: 0.01 });
    const shifted = compositeIndex(w).U;
    const unshifted = compositeIndex(w, { scoreOn: "unshifted" }).U;
    expectAllClose(
      shifted.map((u, i) => u - unshifted[i]),
      shifted.map(() => 0.01),
      1e-12,
      "difference",
    );
    expectAllClose(shifted, entropyRef["global_shift0.01"].U1_subsystem.U, TOL, "U shifted");
  });

  it("per-period weighting: own weights by default, or the mean of the periods' weights", () => {
    const [from, to] = subsystemColumns(panelA, "U1");
    const w = entropyWeights(columns(panelA.X, from, to), {
      directions: panelA.directions.slice(from, to),
      scope: "per-period",
      periods: panelA.years,
    });
    const expected = entropyRef.per_year_shift0.U1_subsystem;
    expectAllClose(compositeIndex(w).U, expected.U, TOL, "own");
    // mean weights on the per-year z: reference z (per_year/plain) x reference w_mean
    const zYear = columns(std.per_year.plain, from, to);
    const uMean = compositeIndex(zYear, expected.w_mean).U;
    expectAllClose(compositeIndex(w, { periodWeights: "mean" }).U, uMean, TOL, "mean");
    expect(compositeIndex(w, { periodWeights: "mean" }).rowWeights[0]).toBe(w.weights);
  });

  describe("bad input", () => {
    it("empty, ragged, text cell, NaN", () => {
      expectCoordError(() => compositeIndex([], [1]), "EMPTY", "z is empty");
      expectCoordError(() => compositeIndex([[0, 1], [1]], [0.5, 0.5]), "LENGTH", "z row 2 has 1 values; row 1 has 2");
      expectCoordError(
        () =>
          compositeIndex(
            [
              [0, 1],
              [0.2, 0.3],
              ["n/a", 1],
            ],
            [0.5, 0.5],
            { columnNames: ["GDP", "Forest"] },
          ),
        "NOT_NUMERIC",
        `z row 3, column "GDP": text 'n/a' is not a number`,
      );
      expectCoordError(() => compositeIndex([[0, NaN]], [0.5, 0.5]), "NOT_NUMERIC", "z row 1, column 2: NaN is not a number");
    });
    it("weights: length mismatch, non-numeric, negative", () => {
      expectCoordError(() => compositeIndex([[0, 1]], [1]), "LENGTH", "weights has 1 values but z has 2 columns");
      expectCoordError(() => compositeIndex([[0, 1]], [0.5, "x"]), "NOT_NUMERIC", "weights column 2: text 'x' is not a number");
      expectCoordError(
        () => compositeIndex([[0, 1]], [1.5, -0.5], { columnNames: ["GDP", "Forest"] }),
        "NEGATIVE",
        `weights, column "Forest": -0.5 is negative`,
      );
    });
    it("unknown options and option values", () => {
      const w = entropyWeights([
        [1, 2],
        [2, 1],
        [3, 5],
      ]);
      expectCoordError(
        () => compositeIndex(w, { scoreOn: "raw" } as unknown as { scoreOn: "shifted" }),
        "OPTION",
        "scoreOn must be one of shifted, unshifted; got 'raw'",
      );
      expectCoordError(
        () => compositeIndex(w, { periodWeights: "median" } as unknown as { periodWeights: "own" }),
        "OPTION",
        "periodWeights must be one of own, mean",
      );
      expectCoordError(() => compositeIndex(w, { score_on: "unshifted" } as never), "OPTION", "compositeIndex: unknown option 'score_on'");
      expectCoordError(() => compositeIndex([[0, 1]], [0.5, 0.5], { shift: 1 } as never), "OPTION", "unknown option 'shift'");
    });
  });
});

describe("compositeOfRows (M4 without z)", () => {
  it("is compositeIndex(entropyWeights(x, options)).U bit for bit, for the same weights", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((cols) =>
            fc.tuple(
              fc.array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: cols, maxLength: cols }), { minLength: 8, maxLength: 40 }),
              fc.array(fc.constantFrom("+", "-"), { minLength: cols, maxLength: cols }),
              fc.constantFrom(0, 0.0001, 0.01),
              fc.boolean(),
            ),
          ),
        ([x, directions, shift, perPeriod]) => {
          const periods = x.map((_, i) => 2000 + (i % 2));
          const options = { directions, shift, scope: perPeriod ? ("per-period" as const) : ("global" as const), periods: perPeriod ? periods : undefined };
          let r;
          try {
            r = entropyWeights(x, options);
          } catch {
            return; // a constant column, e = 1 everywhere: no weights to score with
          }
          expect(compositeOfRows(x, r.directions, r.pools, shift)).toEqual(compositeIndex(r).U);
          const ranges = r.pools.map((p) => ({ min: p.rows.length ? minOf(x, p.rows) : [], max: maxOf(x, p.rows) }));
          expect(compositeOfRows(x, r.directions, r.pools, shift, ranges)).toEqual(compositeIndex(r).U);
          // the ranges entropyWeightsOnly found on the way (none when it took entropyWeights' path, e.g. with a shift)
          const only = entropyWeightsWithRanges(x, options);
          if (only.ranges) expect(compositeOfRows(x, r.directions, r.pools, shift, only.ranges)).toEqual(compositeIndex(r).U);
          only.result.weights.forEach((w, j) => expect(Math.abs(w - r.weights[j])).toBeLessThanOrEqual(1e-12 * Math.max(1e-3, r.weights[j])));
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });
});

function minOf(x: number[][], rows: number[]): number[] {
  return x[0].map((_, j) => rows.reduce((m, i) => (x[i][j] < m ? x[i][j] : m), Infinity));
}

function maxOf(x: number[][], rows: number[]): number[] {
  return x[0].map((_, j) => rows.reduce((m, i) => (x[i][j] > m ? x[i][j] : m), -Infinity));
}
