/**
 * χ² upper tail: closed forms (dof 2: e^(−x/2); dof 1: erfc(√(x/2)) via the normal tail at known
 * quantiles), scipy's chi2.sf values from the inequality reference (Q and LR p-values, 1e-12), the
 * far tail without 1 − cdf cancellation, and edge cases.
 */
import { chiSquareUpperP, gammaQ } from "../../../src/engine/stats/chiSquare";

describe("chiSquareUpperP", () => {
  it("dof 2 is exp(−x/2) exactly in form, across the range", () => {
    for (const x of [0.01, 0.5, 2, 7.3, 40, 300, 1400]) expect(Math.abs(chiSquareUpperP(x, 2) / Math.exp(-x / 2) - 1)).toBeLessThan(1e-13);
  });
  it("known quantiles: χ²(1) 3.841458820694124 → 0.05; χ²(10) 23.209251158954356 → 0.01; χ²(18) 28.869299430392623 → 0.05", () => {
    expect(Math.abs(chiSquareUpperP(3.841458820694124, 1) - 0.05)).toBeLessThan(1e-14);
    expect(Math.abs(chiSquareUpperP(23.209251158954356, 10) - 0.01)).toBeLessThan(1e-14);
    expect(Math.abs(chiSquareUpperP(28.869299430392623, 18) - 0.05)).toBeLessThan(1e-14);
  });
  it("scipy chi2.sf of the reference's homogeneity tests", () => {
    const cases: Array<[number, number, number]> = [
      [25.651896270092127, 18, 0.10798769115520741],
      [28.79241245232972, 18, 0.05097585668462531],
      [28.58317175046838, 24, 0.23621328794533628],
      [33.8120018433141, 22, 0.051328481777234786],
      [38.924535684155565, 22, 0.01439547119470067],
    ];
    for (const [x, k, p] of cases) expect(Math.abs(chiSquareUpperP(x, k) - p)).toBeLessThan(1e-12);
  });
  it("the far tail keeps relative accuracy (no 1 − cdf): dof 4 has the closed form e^(−x/2)(1 + x/2)", () => {
    const x = 1200;
    expect(Math.abs(chiSquareUpperP(x, 4) / (Math.exp(-x / 2) * (1 + x / 2)) - 1)).toBeLessThan(1e-12);
    expect(chiSquareUpperP(x, 4)).toBeGreaterThan(0);
  });
  it("edges: x ≤ 0 gives 1, ∞ gives 0, invalid dof NaN (callers never pass it)", () => {
    expect(chiSquareUpperP(0, 3)).toBe(1);
    expect(chiSquareUpperP(Infinity, 3)).toBe(0);
    expect(chiSquareUpperP(1, 0)).toBeNaN();
    expect(gammaQ(1, 2)).toBeCloseTo(Math.exp(-2), 15);
  });
});
