import { tTwoSidedP } from "../../../src/engine/stats/studentT";
import { fUpperP } from "../../../src/engine/stats/fDistribution";

// Known values from scipy.stats 1.17 (t.sf, f.sf), relative tolerance 1e-9.
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("Student t two-sided p", () => {
  it.each([
    [2, 10, 0.07338803477074037],
    [12.5, 3.7, 0.00036806031760225143],
    [0.3, 7.25, 0.7725968337639473],
    [-2, 10, 0.07338803477074037],
  ])("t=%p df=%p", (t, df, p) => expect(rel(tTwoSidedP(t, df), p)).toBeLessThan(1e-9));
  it("is 1 at t = 0 and NaN for df <= 0", () => {
    expect(tTwoSidedP(0, 5)).toBeCloseTo(1, 15);
    expect(tTwoSidedP(1, 0)).toBeNaN();
  });
});

describe("F upper tail", () => {
  it.each([
    [3.708, 3, 10, 0.05000878160454242],
    [250, 2, 40, 2.473572420909867e-23],
  ])("F=%p (%p, %p)", (f, d1, d2, p) => expect(rel(fUpperP(f, d1, d2), p)).toBeLessThan(1e-9));
  it("is 1 at F <= 0", () => expect(fUpperP(0, 2, 3)).toBe(1));
});
