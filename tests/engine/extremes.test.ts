/**
 * Issue 11: the engine at the limits of double precision. Values near ±1e308 are named as too
 * large to compute with (the cell), not "NaN is not a number" / "all values are equal" /
 * "column is all zero" / "singular"; and fast-check, 10^4 cases per entry point (standardize,
 * entropy and CRITIC weights, composite, coupling, grade, KDE, Haken fit) with values up to
 * ±1e308 and spreads down to 1e-300: every call either returns a result whose every number is
 * finite, or throws a CoordError — never another exception, never NaN/Infinity in a result.
 * A hang would be caught by the test timeout (a bound, not a speed assertion).
 */
import fc from "fast-check";
import { CoordError } from "../../src/engine/errors";
import { standardize } from "../../src/engine/standardize";
import { criticWeights, entropyWeights } from "../../src/engine/weights";
import { compositeIndex } from "../../src/engine/composite";
import { coupling } from "../../src/engine/coupling";
import { gradeD } from "../../src/engine/grade";
import { kernelDensity } from "../../src/engine/kde";
import { hakenFit } from "../../src/engine/haken/fit";
import { ols } from "../../src/engine/stats/ols";
import { expectCoordError } from "../helpers";

describe("values near ±1e308 are too large to compute with, naming the cell", () => {
  it("standardize / entropy / CRITIC: the column's range overflows", () => {
    for (const f of [(m: number[][]) => standardize(m), (m: number[][]) => entropyWeights(m), (m: number[][]) => criticWeights(m)])
      expectCoordError(
        () =>
          f([
            [1, 1e308],
            [2, -1e308],
            [3, 5],
          ]),
        "RANGE",
        "data row 1, column 2: 1e+308 is too large to compute with",
      );
  });

  it("KDE: the spread overflows (it said 'all values are equal')", () => {
    expectCoordError(() => kernelDensity([1e308, 9e307, 0, 5]), "RANGE", "values row 1: 1e+308 is too large to compute with");
    expectCoordError(() => kernelDensity([1, 2, 3], { bandwidth: 1e308 }), "OPTION", "too large to compute with");
  });

  it("Haken fit: the series is squared (it said 'singular')", () => {
    const q1 = [0.1, 0.2, 1e308, 0.4, 0.5, 0.3, 0.2, 0.3];
    const q2 = [0.2, 0.1, 0.3, 0.5, 0.2, 0.1, 0.3, 0.3];
    expectCoordError(
      () => hakenFit(q1, q2, ["a", "a", "a", "a", "b", "b", "b", "b"], [1, 2, 3, 4, 1, 2, 3, 4]),
      "RANGE",
      "q1 row 3: 1e+308 is too large to compute with",
    );
  });

  it("OLS: y whose squares overflow is named; an X column near 1e308 is fitted", () => {
    expectCoordError(() => ols([1, 2, 1e308, 4], [[1], [2], [3], [5]]), "RANGE", "y row 3: 1e+308 is too large to compute with");
    // an X column near 1e308 is scaled (Householder on the column-scaled design): a finite fit
    const r = ols([1, 2, 3, 4], [[1], [2], [1e308], [5]]);
    expect([...r.coef, ...r.se, r.rss].every(Number.isFinite)).toBe(true);
  });

  it("coupling: a score above 1 (e.g. 1e308) is out of range", () => {
    expectCoordError(() => coupling([[1e308, 1e308]]), "RANGE", "U row 1, column 1: 1e+308 is above 1");
  });
});

// ---------------------------------------------------------------------------------------------
// fast-check

const RUNS = 10_000;

/** Every number in a result (nested objects, arrays, typed arrays) is finite; null is allowed. */
function nonFinitePath(v: unknown, path = "result", seen = new Set<unknown>()): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? null : `${path} = ${v}`;
  if (v === null || typeof v !== "object" || seen.has(v)) return null;
  seen.add(v);
  if (ArrayBuffer.isView(v)) {
    const a = v as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return `${path}[${i}] = ${a[i]}`;
    return null;
  }
  for (const [k, x] of Object.entries(v)) {
    const p = nonFinitePath(x, `${path}.${k}`, seen);
    if (p) return p;
  }
  return null;
}

/** Call f: a CoordError is fine, any other exception or a non-finite number in the result fails. */
function check(f: () => unknown): void {
  let r: unknown;
  try {
    r = f();
  } catch (e) {
    if (e instanceof CoordError) return;
    throw e;
  }
  const bad = nonFinitePath(r);
  if (bad) throw new Error(`non-finite number in the result: ${bad}`);
}

/** A value anywhere in the double range, at the limits, or near a base with a tiny spread. */
const extreme = fc.oneof(
  fc.double({ min: -1.7e308, max: 1.7e308, noNaN: true }),
  fc.constantFrom(1e308, -1e308, 1.7976931348623157e308, 0, 5e-324, -5e-324, 1e-300, 1),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }),
);
/** A column: independent extremes, or base + i·spread with spreads down to 1e-300. */
const column = (n: number) =>
  fc.oneof(
    fc.array(extreme, { minLength: n, maxLength: n }),
    fc
      .tuple(extreme, fc.constantFrom(1e-300, 1e-200, 1e-162, 1e-16, 1e154, 1e300))
      .map(([base, s]) => Array.from({ length: n }, (_, i) => base + ((i * 7) % n) * s)),
  );
const matrix = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 3 }))
  .chain(([n, k]) => fc.array(column(n), { minLength: k, maxLength: k }).map((cols) => Array.from({ length: n }, (_, i) => cols.map((c) => c[i]))));
const direction = fc.constantFrom<"+" | "-">("+", "-");

describe(`fast-check: ${RUNS} cases per engine entry point at the limits of double precision`, () => {
  it("standardize", () => {
    fc.assert(
      fc.property(matrix, fc.constantFrom(0, 1e-4, 1e308), direction, (m, shift, d) => check(() => standardize(m, { shift, directions: m[0].map(() => d) }))),
      { numRuns: RUNS, seed: 11 },
    );
  });

  it("entropy weights", () => {
    fc.assert(
      fc.property(matrix, fc.constantFrom(0, 1e-4), (m, shift) => check(() => entropyWeights(m, { shift }))),
      { numRuns: RUNS, seed: 12 },
    );
  });

  it("CRITIC weights", () => {
    fc.assert(
      fc.property(matrix, (m) => check(() => criticWeights(m))),
      { numRuns: RUNS, seed: 13 },
    );
  });

  it("composite index (given weights and from entropy weights)", () => {
    fc.assert(
      fc.property(matrix, fc.array(extreme, { minLength: 1, maxLength: 3 }), (m, w) => {
        check(() => compositeIndex(m, w.slice(0, m[0].length).concat(Array(Math.max(0, m[0].length - w.length)).fill(0))));
        check(() => compositeIndex(entropyWeights(m)));
      }),
      { numRuns: RUNS, seed: 14 },
    );
  });

  it("coupling (every form)", () => {
    fc.assert(
      fc.property(
        matrix,
        fc.constantFrom("standard", "modified", "fan") as fc.Arbitrary<"standard" | "modified" | "fan">,
        fc.constantFrom<"error" | "null">("error", "null"),
        (m, form, onUndefined) => {
          const u = m.map((r) => (r.length >= 2 ? r : [...r, r[0]]));
          check(() => coupling(u, { form, onUndefined }));
          check(() =>
            coupling(
              u.map((r) => r.map((x) => Math.abs(x) % 1)),
              { form, onUndefined },
            ),
          );
        },
      ),
      { numRuns: RUNS, seed: 15 },
    );
  });

  it("grade", () => {
    fc.assert(
      fc.property(extreme, fc.constantFrom<"left" | "right">("left", "right"), fc.constantFrom<number | undefined>(undefined, 2, 300), (d, closure, decimals) =>
        check(() => gradeD(d, { closure, decimals })),
      ),
      {
        numRuns: RUNS,
        seed: 16,
      },
    );
  });

  it("kernel density (rules and a fixed bandwidth)", () => {
    fc.assert(
      fc.property(column(6), fc.constantFrom<"silverman" | "scott" | number>("silverman", "scott", 1e-300, 1e300, 0.5), (x, bandwidth) =>
        check(() => kernelDensity(x, { bandwidth, gridSize: 16 })),
      ),
      { numRuns: RUNS, seed: 17 },
    );
  });

  it("Haken fit", () => {
    const units = ["a", "a", "a", "a", "b", "b", "b", "b"];
    const times = [1, 2, 3, 4, 1, 2, 3, 4];
    fc.assert(
      fc.property(column(8), column(8), fc.boolean(), (q1, q2, intercept) => check(() => hakenFit(q1, q2, units, times, { intercept, cluster: true }))),
      { numRuns: RUNS, seed: 18 },
    );
  });
});
