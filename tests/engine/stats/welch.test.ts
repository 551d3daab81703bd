import { welchTTest, welchFromMoments } from "../../../src/engine/stats/welch";
import { CoordError } from "../../../src/engine/errors";

// Independent values: scipy.stats.ttest_ind(equal_var=False) 1.17.1.
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CoordError) return e.code;
    throw e;
  }
  throw new Error("did not throw");
}

describe("Welch t-test (METHODS.md M8, risk detector)", () => {
  it("matches scipy on unequal variances (df not rounded)", () => {
    const r = welchTTest([2.1, 3.4, 1.9, 5.6, 4.4], [7.7, 6.1, 9.3]);
    expect(rel(r.t!, -3.6445276335516983)).toBeLessThan(1e-12);
    expect(rel(r.df!, 4.244762216373525)).toBeLessThan(1e-12);
    expect(rel(r.pValue!, 0.019738897792808168)).toBeLessThan(1e-10);
  });
  it("matches scipy on equal variances (df = 4)", () => {
    const r = welchTTest([1, 2, 3], [4, 5, 6]);
    expect(rel(r.pValue!, 0.021311641128756713)).toBeLessThan(1e-10);
    expect(r.df).toBeCloseTo(4, 12);
  });
  it("gives a reason instead of a test for n < 2 or zero variance", () => {
    expect(welchFromMoments({ n: 1, mean: 1, variance: NaN }, { n: 3, mean: 2, variance: 1 })).toEqual({
      t: null,
      df: null,
      pValue: null,
      reason: "the first group has 1 observation; at least 2 are needed",
    });
    expect(welchFromMoments({ n: 2, mean: 1, variance: 0 }, { n: 3, mean: 2, variance: 0 }).reason).toBe(
      "both groups have zero variance: the standard error is 0",
    );
  });
  it("rejects bad samples with typed errors", () => {
    expect(codeOf(() => welchTTest([1], [1, 2]))).toBe("TOO_FEW");
    expect(() => welchTTest([1], [1, 2])).toThrow("x1 has 1 values; at least 2 are needed");
    expect(codeOf(() => welchTTest([1, "a"], [1, 2]))).toBe("NOT_NUMERIC");
    expect(() => welchTTest([1, "a"], [1, 2])).toThrow("x1 row 2: text 'a' is not a number");
    expect(codeOf(() => welchTTest([2, 2], [3, 3]))).toBe("CONSTANT");
    expect(() => welchTTest([2, 2], [3, 3])).toThrow("x1 and x2 are both constant: the standard error is 0");
  });
});
