/**
 * Every registered wrapper in src/functions/functions.ts: whatever Excel passes (odd shapes,
 * error values, text, booleans, huge or empty ranges), the result is a rectangular spill of
 * safe cells or an Excel error value with a message — never an exception, never NaN or null.
 */
import fc from "fast-check";
import * as F from "../../src/functions/functions";
import { expectExcelSafe } from "./support";

const WRAPPERS: Array<[string, (...args: any[]) => unknown, number]> = [
  ["ENTROPYWEIGHT", F.entropyweight, 4],
  ["CRITICWEIGHT", F.criticweight, 4],
  ["STANDARDIZE", F.standardize, 5],
  ["COMPOSITE", F.composite, 4],
  ["CCD", F.ccd, 4],
  ["CCDGRADE", F.ccdgrade, 5],
  ["DISCRETIZE", F.discretize, 4],
  ["BREAKS", F.breaks, 4],
  ["KDENSITY", F.kdensity, 3],
  ["HAKENFIT", F.hakenfit, 5],
  ["GEOQ", F.geoq, 6],
  ["GEODETECTOR", F.geodetector, 5],
  ["MORANI", F.morani, 6],
  ["LISA", F.lisa, 4],
  ["GISTAR", F.gistar, 2],
  ["SPATIALLAG", F.spatiallag, 3],
];

const cell = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.double({ noNaN: false }),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom("+", "-", "n/a", "0.5", "12%", "#N/A", "all", "table", "zh", "natural", "TRUE"),
  fc.boolean(),
  fc.constant({ code: "#DIV/0!" }),
);
const range = fc.oneof(
  cell,
  fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
  fc
    .integer({ min: 1, max: 3 })
    .chain((w) => fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 })),
);

function checkResult(r: unknown): void {
  if (Array.isArray(r)) expectExcelSafe(r);
  else {
    const e = r as { code?: unknown; message?: unknown };
    expect(["#VALUE!", "#N/A"]).toContain(e.code);
    expect(typeof e.message).toBe("string");
    expect(String(e.message)).not.toMatch(/^internal error/);
  }
}

describe.each(WRAPPERS)("%s never throws and never returns unsafe cells", (_, fn, arity) => {
  it("on random Excel-shaped arguments", () => {
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: arity }), (args) => {
        checkResult(fn(...args));
      }),
      { numRuns: 300 },
    );
  });
  it("with every argument omitted", () => {
    checkResult(fn());
    checkResult(fn(...new Array(arity).fill(null)));
  });
});
