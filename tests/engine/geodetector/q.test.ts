import { qFromCodes } from "../../../src/engine/geodetector/q";

describe("qFromCodes (M8)", () => {
  it("matches 1 - SSW/SST by hand", () => {
    // y = 1,2 | 10,11: ȳ = 6, SST = 25+16+16+25 = 82, SSW = 0.5 + 0.5 = 1, q = 81/82
    expect(qFromCodes([1, 2, 10, 11], Int32Array.from([0, 0, 1, 1]), 2)).toBeCloseTo(81 / 82, 14);
  });
  it("is 0 when strata means are equal and 1 when strata are the distinct values", () => {
    expect(qFromCodes([1, 3, 1, 3], Int32Array.from([0, 0, 1, 1]), 2)).toBeCloseTo(0, 14);
    expect(qFromCodes([5, 5, 7, 9], Int32Array.from([0, 0, 1, 2]), 3)).toBeCloseTo(1, 14);
  });
});

import { encodeStrata } from "../../../src/engine/geodetector/strata";

describe("encodeStrata", () => {
  it("codes distinct values in sorted order, numbers before text", () => {
    const s = encodeStrata(["b", 3, "a", 1, 3], "x");
    expect(s.levels).toEqual([1, 3, "a", "b"]);
    expect(Array.from(s.codes)).toEqual([3, 1, 2, 0, 1]);
    expect(s.L).toBe(4);
  });
  it("names the row of a missing value", () => {
    expect(() => encodeStrata([1, null, 2], "x")).toThrow("x row 2: the value is missing");
  });
});
