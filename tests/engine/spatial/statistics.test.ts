/**
 * Properties of the statistics (M12) on random weights and values: I, Geary's C, the LISA values
 * and Gi* are invariant to a joint permutation of units and weights; Σ I_i = n·I for
 * row-standardised W (spdep scaling) and (n − 1)·I for PySAL's; permutation tests are
 * reproducible by seed with p = (M + 1)/(R + 1); isolates and constant values; the normal tail.
 */
import fc from "fast-check";
import { gearyC, moranI } from "../../../src/engine/spatial/moran";
import { localMoran } from "../../../src/engine/spatial/localMoran";
import { getisOrdGiStar, hotSpotOf } from "../../../src/engine/spatial/getisOrd";
import { spatialLag } from "../../../src/engine/spatial/lag";
import { SpatialWeights, subsetWeights, transformWeights, weightsFromEdges, weightsFromMatrix } from "../../../src/engine/spatial/weights";
import { normalTwoSidedP, normalUpperP } from "../../../src/engine/stats/normal";
import { expectCoordErrorExact } from "../../helpers";

/** Random symmetric contiguity-like weights on n units, every unit with a neighbour (a ring plus chords). */
const arbWeights = fc.integer({ min: 5, max: 14 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    chords: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.double({ min: 0.2, max: 3, noNaN: true })), {
      maxLength: 2 * n,
    }),
    x: fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: n, maxLength: n }),
    order: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
  }),
);

function build(n: number, chords: [number, number, number][]): SpatialWeights {
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) m[i][(i + 1) % n] = m[(i + 1) % n][i] = 1;
  for (const [a, b, w] of chords) if (a !== b) m[a][b] = w; // asymmetric chords allowed
  return weightsFromMatrix(
    m,
    m.map((_, i) => `u${i}`),
  );
}

/** At least 4 distinct values, well apart (a single outlier on a ring has Var(I) = 0: refused, tested below). */
const varied = (x: number[]) => new Set(x.map((v) => Math.round(v * 1e3))).size >= 4;
const near = (a: number | null, b: number | null, tol = 1e-9) => {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
};

describe("invariance to a joint permutation of units and weights", () => {
  test("global I, C, their z; local I_i, z, quadrants; Gi*; lag", () => {
    fc.assert(
      fc.property(arbWeights, fc.constantFrom("row", "binary", "none" as const), ({ n, chords, x, order }, t) => {
        if (!varied(x)) return;
        const W = transformWeights(build(n, chords), t);
        const P = subsetWeights(W, order); // rows and columns permuted together
        const px = order.map((i) => x[i]);
        const a = moranI(x, W, { permutations: 0 });
        const b = moranI(px, P, { permutations: 0 });
        expect(near(a.I, b.I) && near(a.z, b.z) && near(a.variance, b.variance)).toBe(true);
        expect(near(gearyC(x, W).C, gearyC(px, P).C)).toBe(true);
        const la = localMoran(x, W, { moments: "total" });
        const lb = localMoran(px, P, { moments: "total" });
        const ca = localMoran(x, W);
        const cb = localMoran(px, P);
        const ga = getisOrdGiStar(x, W);
        const gb = getisOrdGiStar(px, P);
        const lagA = spatialLag(x, W);
        const lagB = spatialLag(px, P);
        order.forEach((i, k) => {
          expect(near(la.Ii[i], lb.Ii[k]) && near(la.z[i], lb.z[k]) && near(ca.z[i], cb.z[k]) && near(ga.z[i], gb.z[k]) && near(lagA[i], lagB[k])).toBe(true);
          // (a centred value or lag within rounding of 0 may flip its sign: skip those)
          if (Math.abs(ca.standardized[i]) > 1e-9 && Math.abs(ca.standardizedLag[i]) > 1e-9) expect(ca.quadrant[i]).toBe(cb.quadrant[k]);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe("sums", () => {
  test("Σ I_i = n·I (spdep) and (n − 1)·I (PySAL) for row-standardised weights", () => {
    fc.assert(
      fc.property(arbWeights, ({ n, chords, x }) => {
        if (!varied(x)) return;
        const W = transformWeights(build(n, chords), "row");
        const I = moranI(x, W, { permutations: 0 }).I;
        const sum = (v: number[]) => v.reduce((s, q) => s + q, 0);
        expect(near(sum(localMoran(x, W).Ii), n * I, 1e-9)).toBe(true);
        expect(near(sum(localMoran(x, W, { scaling: "pysal" }).Ii), (n - 1) * I, 1e-9)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
  test("PySAL scaling scales I_i, E and Var together: z unchanged", () => {
    const W = transformWeights(build(8, [[0, 4, 1]]), "row");
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const a = localMoran(x, W);
    const b = localMoran(x, W, { scaling: "pysal" });
    a.z.forEach((z, i) => expect(b.z[i]).toBeCloseTo(z as number, 12));
    expect(b.Ii[0] / a.Ii[0]).toBeCloseTo(7 / 8, 14);
  });
});

describe("permutation tests", () => {
  const W = transformWeights(
    build(12, [
      [0, 6, 1],
      [3, 9, 1],
    ]),
    "row",
  );
  const x = [5.5, 6, 7, 8, 7, 6, 5, 4, 3, 2, 3, 4.2]; // no value equal to the mean

  test("global: same seed same p, p = (M + 1)/(R + 1), another seed another stream", () => {
    const a = moranI(x, W, { permutations: 499, seed: 42 });
    const b = moranI(x, W, { permutations: 499, seed: 42 });
    const c = moranI(x, W, { permutations: 499, seed: 43 });
    expect(a.permutation).toEqual(b.permutation);
    expect(a.permutation!.pValue).toBe((a.permutation!.atLeastObserved + 1) / 500);
    expect(c.permutation!.mean).not.toBe(a.permutation!.mean);
    // a strongly autocorrelated pattern: the observed I beats (almost) every permutation
    expect(a.I).toBeGreaterThan(0.5);
    expect(a.permutation!.pValue).toBeLessThan(0.01);
    // the permutation distribution is centred near E[I] = -1/(n - 1) with the analytic variance
    expect(Math.abs(a.permutation!.mean - a.expectation)).toBeLessThan(4 * Math.sqrt(a.variance / 499));
    expect(a.permutation!.variance / a.variance).toBeGreaterThan(0.6);
    expect(a.permutation!.variance / a.variance).toBeLessThan(1.5);
    expect(moranI(x, W, { permutations: 0 }).permutation).toBeNull();
    expect(moranI(x, W).permutation!.permutations).toBe(999);
    expect(moranI(x, W).permutation!.seed).toBe(1);
  });

  test("local: pseudo p reproducible, in (0, 1], clusters from it when permutations are run", () => {
    const a = localMoran(x, W, { permutations: 999, seed: 7 });
    const b = localMoran(x, W, { permutations: 999, seed: 7 });
    expect(a.permutation).toEqual(b.permutation);
    expect(a.clusterBy).toBe("permutation");
    for (const p of a.permutation!.pValue) expect(p! * 1000).toBeCloseTo(Math.round(p! * 1000), 9);
    a.cluster.forEach((c, i) => expect(c).toBe(a.permutation!.pValue[i]! < 0.05 ? a.quadrant[i] : "not significant"));
    for (const p of a.permutation!.pValue) expect(p! >= 1 / 1000 && p! <= 1).toBe(true);
    // analytic and permutation p agree roughly for the strongest unit
    const k = a.z.map((z) => Math.abs(z!)).indexOf(Math.max(...a.z.map((z) => Math.abs(z!))));
    expect(a.permutation!.pValue[k]!).toBeLessThan(0.2);
  });

  test("the clusters at α from the analytic p", () => {
    const r = localMoran(x, W, { alpha: 0.2 });
    expect(r.clusterBy).toBe("analytic");
    r.cluster.forEach((c, i) => expect(c).toBe((r.pValue[i] as number) < 0.2 ? r.quadrant[i] : "not significant"));
    expect(r.cluster.some((c) => c !== "not significant")).toBe(true);
  });
});

describe("isolates, constants, bad input", () => {
  const W = weightsFromEdges(
    [
      { from: "a", to: "b" },
      { from: "b", to: "c" },
      { from: "c", to: "d" },
    ],
    { labels: ["a", "b", "c", "d", "e"], symmetric: true },
  );
  test("an isolate: an error naming it; with the zero policy lag 0, I_i = 0, z null with its reason", () => {
    expectCoordErrorExact(
      () => moranI([1, 2, 3, 4, 5], W),
      "UNDEFINED",
      "weights: unit 'e' has no neighbours (an isolate); link it, drop it, or set the zero policy (its lag is then 0)",
    );
    expect(() => localMoran([1, 2, 3, 4, 5], W)).toThrow("unit 'e' has no neighbours");
    const R = transformWeights(W, "row");
    const l = localMoran([1, 2, 3, 4, 5], R, { zeroPolicy: true });
    expect([l.Ii[4], l.z[4], l.pValue[4], l.cluster[4], l.lag[4]]).toEqual([0, null, null, "not significant", 0]);
    expect(l.reasons[4]).toMatch(/isolate/);
    expect(spatialLag([1, 2, 3, 4, 5], R, { zeroPolicy: true })[4]).toBe(0);
    expect(moranI([1, 2, 3, 4, 5], R, { zeroPolicy: true, permutations: 0 }).n).toBe(4);
  });
  test("a variance of 0 is an error, not NaN (one outlier on a ring: every permutation gives the same I)", () => {
    const ring = transformWeights(build(6, []), "row");
    expect(() => moranI([0, 0, 0, 1, 0, 0], ring)).toThrow(/the variance of Moran's I is .* z is undefined/);
  });
  test("constant values, a length mismatch, text", () => {
    const R = transformWeights(
      weightsFromEdges(
        [
          { from: "a", to: "b" },
          { from: "b", to: "c" },
          { from: "c", to: "d" },
          { from: "d", to: "e" },
        ],
        { symmetric: true },
      ),
      "row",
    );
    expectCoordErrorExact(() => moranI([2, 2, 2, 2, 2], R), "CONSTANT", "values: all 5 values are equal (2); spatial autocorrelation is undefined");
    expectCoordErrorExact(
      () => localMoran([1, 2, 3], R),
      "LENGTH",
      "values has 3 values but the weights have 5 units; give one value per unit, in the weights' order",
    );
    expect(() => getisOrdGiStar([1, 2, "x", 4, 5], R)).toThrow(/values/);
    expect(() => moranI([1, 2, 3, 4, 5], R, { permutations: -1 })).toThrow("permutations must be a whole number from 0 to 10,000,000; got -1");
    expect(() => localMoran([1, 2, 3, 4, 5], R, { alpha: 5 })).toThrow("alpha must be a number between 0 and 1 (e.g. 0.05); got 5");
  });
  test("hot and cold spots at 90, 95, 99 %", () => {
    expect([
      hotSpotOf(3, 0.0027),
      hotSpotOf(2, 0.0455),
      hotSpotOf(1.7, 0.089),
      hotSpotOf(-1.7, 0.089),
      hotSpotOf(-2.6, 0.0093),
      hotSpotOf(1, 0.32),
      hotSpotOf(null, null),
    ]).toEqual(["hot spot 99%", "hot spot 95%", "hot spot 90%", "cold spot 90%", "cold spot 99%", "not significant", "not significant"]);
  });
});

describe("normal tail", () => {
  test("R's pnorm values in both tails (relative 1e-13)", () => {
    const cases: Array<[number, number]> = [
      [0, 0.5],
      [1, 0.15865525393145707],
      [-1, 0.8413447460685429],
      [1.959963984540054, 0.025],
      [3, 0.0013498980316301035],
      [5, 2.866515718791939e-7],
      [8.5, 9.47953482220332e-18],
      [37, 5.725571222524e-300],
    ];
    for (const [z, p] of cases) expect(Math.abs(normalUpperP(z) - p) / p).toBeLessThan(1e-12);
    expect(normalTwoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 15);
    expect(normalUpperP(Infinity)).toBe(0);
  });
});
