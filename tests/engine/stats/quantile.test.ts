import { quantile, quantileSorted } from "../../../src/engine/stats/quantile";
import { describe as describeValues, mean, sd, variance } from "../../../src/engine/stats/describe";
import { expectCoordErrorExact } from "../../helpers";

describe("quantile", () => {
  const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3.5];
  const ps = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
  it("type 7 equals numpy.percentile(method='linear') (numpy 2.4)", () => {
    const expected = [1.0, 1.0, 2.25, 3.75, 5.0, 6.299999999999999, 9.0];
    ps.forEach((p, i) => expect(Math.abs(quantile(x, p) - expected[i])).toBeLessThanOrEqual(1e-12));
  });
  it("type 2 equals numpy.percentile(method='averaged_inverted_cdf')", () => {
    const expected = [1.0, 1.0, 2.0, 3.75, 5.0, 7.5, 9.0];
    ps.forEach((p, i) => expect(quantile(x, p, { type: 2 })).toBe(expected[i]));
    // n = 8: averaging at the jumps (np = 2, 4, 6, 1)
    expect([0.25, 0.5, 0.75, 0.125].map((p) => quantile([1, 2, 3, 4, 5, 6, 7, 8], p, { type: 2 }))).toEqual([2.5, 4.5, 6.5, 1.5]);
  });
  it("does not modify its input and works on typed arrays", () => {
    const y = Float64Array.from([3, 1, 2]);
    expect(quantile(y, 0.5)).toBe(2);
    expect(Array.from(y)).toEqual([3, 1, 2]);
    expect(quantileSorted(Float64Array.from([1, 2, 3, 4]), 0.5)).toBe(2.5);
  });
  it("errors: empty, non-numeric with row, bad p, bad type", () => {
    expectCoordErrorExact(() => quantile([], 0.5), "EMPTY", "values is empty");
    expectCoordErrorExact(() => quantile([1, "x", 3], 0.5), "NOT_NUMERIC", "values row 2: text 'x' is not a number");
    expectCoordErrorExact(() => quantile([1, 2, undefined], 0.5), "MISSING", "values row 3: an empty cell is not a number");
    expectCoordErrorExact(() => quantile([1, 2], 1.5), "OPTION", "p must be a probability in [0, 1]; got 1.5");
    expectCoordErrorExact(() => quantile([1, 2], NaN), "OPTION", "p must be a probability in [0, 1]; got NaN");
    expectCoordErrorExact(() => quantile([1, 2], 0.5, { type: 6 as 7 }), "OPTION", "quantile type must be 7 or 2; got 6");
  });
});

describe("describe / mean / variance / sd", () => {
  it("matches hand values (ddof 1 and 0)", () => {
    const d = describeValues([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(d).toEqual({ n: 8, mean: 5, variance: 32 / 7, sd: Math.sqrt(32 / 7), min: 2, max: 9, ddof: 1 });
    expect(describeValues([2, 4, 4, 4, 5, 5, 7, 9], { ddof: 0 }).sd).toBe(2);
    expect(variance([2, 4, 4, 4, 5, 5, 7, 9], 0)).toBe(4);
    expect(sd(Float64Array.from([1, 2, 3, 4]))).toBeCloseTo(1.2909944487358056, 15);
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
  it("keeps digits with a large offset (two-pass)", () => {
    // var([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) = 30 exactly
    expect(variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBe(30);
  });
  it("errors", () => {
    expectCoordErrorExact(() => describeValues([]), "EMPTY", "values is empty");
    expectCoordErrorExact(() => describeValues([1]), "TOO_FEW", "values has 1 value; a variance with ddof 1 needs at least 2");
    expectCoordErrorExact(() => describeValues([1, NaN], { argument: "U1" }), "NOT_NUMERIC", "U1 row 2: NaN is not a number");
    expectCoordErrorExact(() => describeValues([1, 2], { ddof: -1 }), "OPTION", "ddof must be a non-negative integer; got -1");
  });
});
