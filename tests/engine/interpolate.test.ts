/**
 * interpolateWithinUnits (the report's --missing interpolate): linear in time inside a unit's
 * series, the nearest value at the ends, every filled cell listed; by hand.
 */
import { interpolateWithinUnits } from "../../src/engine/interpolate";
import { CoordError } from "../../src/engine/errors";

describe("interpolateWithinUnits", () => {
  it("a gap inside the series is linear in time; the ends take the nearest value; rows in any order", () => {
    // unit a: 2011 1, 2012 -, 2013 -, 2014 7 (gap of two: 3, 5); unit b: 2011 -, 2012 4, 2013 6, 2014 - (ends)
    const units = ["a", "b", "a", "b", "a", "b", "a", "b"];
    const times = [2011, 2011, 2012, 2012, 2013, 2013, 2014, 2014];
    const v = [1, null, null, 4, null, 6, 7, null];
    const r = interpolateWithinUnits(v, units, times, { column: "GDP" });
    expect(Array.from(r.values)).toEqual([1, 4, 3, 4, 5, 6, 7, 6]);
    expect(r.filled).toEqual([
      { row: 1, value: 4, how: "nearest" },
      { row: 2, value: 3, how: "linear" },
      { row: 4, value: 5, how: "linear" },
      { row: 7, value: 6, how: "nearest" },
    ]);
  });
  it("uneven periods: weights by time, not by position", () => {
    const r = interpolateWithinUnits([10, null, 20], [1, 1, 1], [2010, 2011, 2015]);
    expect(r.values[1]).toBeCloseTo(12, 14);
  });
  it("a unit with no value at all is an error naming it", () => {
    expect(() => interpolateWithinUnits([1, null, null], ["a", "b", "b"], [1, 1, 2], { column: "GDP" })).toThrow(
      new CoordError("MISSING", "GDP: unit 'b' has no value in any period; there is nothing to interpolate from"),
    );
  });
});
