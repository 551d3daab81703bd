/**
 * Global Moran's I (M12; Moran 1950, Cliff & Ord 1981) with its moments under randomisation
 * (default, as spdep's moran.test) or normality, z, one-sided (greater) and two-sided p, and a
 * seeded permutation test, p = (M + 1)/(R + 1).
 */
import { CoordError } from "../errors";
import { normalTwoSidedP, normalUpperP } from "../stats/normal";
import { centred, permutationCount, prepare, seedValue } from "./common";
import { DEFAULT_SEED, Shuffler } from "./random";
import { SpatialWeights, isolateIndices, weightsSummary } from "./weights";

/** Variance of I (and of Geary's C): under randomisation (default) or normality (M12). */
export type MomentRule = "randomisation" | "normality";
export const MOMENT_RULES: readonly MomentRule[] = ["randomisation", "normality"];

export interface GlobalOptions {
  /** Variance rule (default "randomisation"). */
  variance?: MomentRule;
  /** Isolates allowed (spdep zero.policy): lag 0, n adjusted. Default false: an isolate is an error. */
  zeroPolicy?: boolean;
  /** With zeroPolicy: n = units with neighbours in I, E and Var (spdep adjust.n, default true). */
  adjustN?: boolean;
  /** Name of the variable in messages (default "values"). */
  argument?: string;
}

export interface MoranOptions extends GlobalOptions {
  /** Random permutations R of the permutation test (default 999; 0 skips it). */
  permutations?: number;
  /** Seed of the permutation stream (default 1): the same seed gives the same p. */
  seed?: number;
}

export interface PermutationTest {
  permutations: number;
  seed: number;
  /** M = permutations with a statistic ≥ the observed one. */
  atLeastObserved: number;
  /** (M + 1)/(R + 1), one-sided (greater). */
  pValue: number;
  /** Mean and variance of the permuted statistics. */
  mean: number;
  variance: number;
}

/** The moments and normal test of a global statistic (Moran's I, Geary's C). */
export interface GlobalTest {
  expectation: number;
  variance: number;
  /** Positive for positive autocorrelation (Geary: (E[C] − C)/√V, spdep's sign). */
  z: number;
  /** One-sided, alternative "greater" (positive autocorrelation). */
  pValue: number;
  pTwoSided: number;
  rule: MomentRule;
  /** n used in the statistic, E and Var (units with neighbours under zeroPolicy + adjustN). */
  n: number;
  S0: number;
}

export interface MoranResult extends GlobalTest {
  I: number;
  permutation: PermutationTest | null;
}

interface Prepared {
  z: Float64Array;
  sumSq: number;
  /** n in the formulas (adjusted for isolates). */
  n: number;
  /** Σz⁴ n_all / (Σz²)² (spdep: over all units). */
  K: number;
  S0: number;
  S1: number;
  S2: number;
  rule: MomentRule;
}

function prepareGlobal(x: ArrayLike<unknown>, W: SpatialWeights, options: GlobalOptions): Prepared {
  const argument = options.argument ?? "values";
  const rule = options.variance ?? "randomisation";
  if (!(MOMENT_RULES as readonly string[]).includes(rule))
    throw new CoordError("OPTION", `variance must be one of ${MOMENT_RULES.join(", ")}; got '${String(rule)}'`, { argument: "variance" });
  const v = prepare(x, W, argument, options.zeroPolicy);
  const { z, sumSq } = centred(v, argument);
  const all = v.length;
  const isolates = isolateIndices(W).length;
  const n = options.zeroPolicy && (options.adjustN ?? true) ? all - isolates : all;
  if (n < 4) throw new CoordError("TOO_FEW", `${argument}: ${n} units with neighbours; the moments of I need at least 4`, { argument });
  let z4 = 0;
  for (let i = 0; i < all; i++) z4 += z[i] ** 4;
  const s = weightsSummary(W);
  if (!(s.S0 > 0)) throw new CoordError("UNDEFINED", "weights: every weight is 0 (S0 = 0)", { argument: "weights" });
  return { z, sumSq, n, K: (all * z4) / (sumSq * sumSq), S0: s.S0, S1: s.S1, S2: s.S2, rule };
}

/** Σ_i z_i Σ_j w_ij z_j. */
function crossProduct(W: SpatialWeights, z: ArrayLike<number>): number {
  const { offsets, neighbours, weights } = W;
  let s = 0;
  for (let i = 0; i < W.n; i++) {
    let l = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) l += weights[p] * z[neighbours[p]];
    s += z[i] * l;
  }
  return s;
}

/**
 * The cross product for the permutation loop: when every row has one weight (binary and
 * row-standardised contiguity or kNN), Σ_i w_i z_i Σ_j z_j saves the multiplications.
 */
function crossProductFor(W: SpatialWeights): (z: Float64Array) => number {
  const { n, offsets, neighbours, weights } = W;
  const rowWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = offsets[i];
    for (let p = a; p < offsets[i + 1]; p++) if (weights[p] !== weights[a]) return (z) => crossProduct(W, z);
    rowWeight[i] = a < offsets[i + 1] ? weights[a] : 0;
  }
  return (z) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let l = 0;
      const b = offsets[i + 1];
      for (let p = offsets[i]; p < b; p++) l += z[neighbours[p]];
      s += rowWeight[i] * z[i] * l;
    }
    return s;
  };
}

/** An analytic z: (stat − E)/√V, or an error when V ≤ 0 (degenerate weights). */
function zScore(stat: number, E: number, V: number, what: string): number {
  if (!(V > 0)) throw new CoordError("UNDEFINED", `the variance of ${what} is ${V} for these weights and values; z is undefined`);
  return (stat - E) / Math.sqrt(V);
}

/**
 * Global Moran's I = (n/S0) Σ_i Σ_j w_ij z_i z_j / Σ z_i² (M12), E[I] = −1/(n − 1), the
 * Cliff–Ord variance, z, p, and (by default) a permutation test with 999 permutations, seed 1.
 *
 * @example
 * import { transformWeights, weightsFromEdges } from "./weights";
 * const W = transformWeights(weightsFromEdges([{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "d" }, { from: "d", to: "e" }], { symmetric: true }), "row");
 * const r = moranI([1, 2, 3, 4, 5], W, { permutations: 0 });
 * r.I; // => 0.6
 * r.expectation; // => -0.25
 */
export function moranI(x: ArrayLike<unknown>, W: SpatialWeights, options: MoranOptions = {}): MoranResult {
  const P = prepareGlobal(x, W, options);
  const R = permutationCount(options.permutations, 999);
  const seed = seedValue(options.seed, DEFAULT_SEED);
  const { z, sumSq, n, K, S0, S1, S2, rule } = P;
  const scale = n / (S0 * sumSq);
  const I = scale * crossProduct(W, z);
  const E = -1 / (n - 1);
  const S02 = S0 * S0;
  const nn = n * n;
  let V: number;
  if (rule === "randomisation") {
    const a = n * (S1 * (nn - 3 * n + 3) - n * S2 + 3 * S02);
    const b = K * (S1 * (nn - n) - 2 * n * S2 + 6 * S02);
    V = (a - b) / ((n - 1) * (n - 2) * (n - 3) * S02) - E * E;
  } else {
    V = (nn * S1 - n * S2 + 3 * S02) / (S02 * (nn - 1)) - E * E;
  }
  const zI = zScore(I, E, V, "Moran's I");
  let permutation: PermutationTest | null = null;
  if (R > 0) {
    const shuffler = new Shuffler(seed);
    const cross = crossProductFor(W);
    const zp = Float64Array.from(z);
    // ties within rounding count as "at least the observed" (a permutation equal to it in exact arithmetic)
    const threshold = scale * cross(z) - 1e-12 * Math.abs(I);
    let M = 0;
    let sum = 0;
    let sum2 = 0;
    for (let r = 0; r < R; r++) {
      shuffler.shuffle(zp);
      const Ip = scale * cross(zp);
      if (Ip >= threshold) M++;
      sum += Ip;
      sum2 += Ip * Ip;
    }
    const mean = sum / R;
    permutation = { permutations: R, seed, atLeastObserved: M, pValue: (M + 1) / (R + 1), mean, variance: R > 1 ? (sum2 - R * mean * mean) / (R - 1) : 0 };
  }
  return { I, expectation: E, variance: V, z: zI, pValue: normalUpperP(zI), pTwoSided: normalTwoSidedP(zI), rule, n, S0, permutation };
}

/** Geary's C with E[C] = 1 and its test (C < 1: positive autocorrelation). */
export interface GearyResult extends GlobalTest {
  C: number;
}

/**
 * Geary's C = (n − 1) Σ_i Σ_j w_ij (x_i − x_j)² / (2 S0 Σ z_i²) (M12) with E[C] = 1, the
 * variance under randomisation (default) or normality, z = (1 − C)/√V and its p (spdep geary.test).
 *
 * @example
 * import { transformWeights, weightsFromEdges } from "./weights";
 * const W = transformWeights(weightsFromEdges([{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "d" }, { from: "d", to: "e" }], { symmetric: true }), "row");
 * gearyC([1, 2, 3, 4, 5], W).C; // => 0.2
 */
export function gearyC(x: ArrayLike<unknown>, W: SpatialWeights, options: GlobalOptions = {}): GearyResult {
  const P = prepareGlobal(x, W, options);
  const { z, sumSq, n, K, S0, S1, S2, rule } = P;
  const { offsets, neighbours, weights } = W;
  let s = 0;
  for (let i = 0; i < W.n; i++)
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const d = z[i] - z[neighbours[p]];
      s += weights[p] * d * d;
    }
  const C = ((n - 1) / (2 * S0)) * (s / sumSq);
  const S02 = S0 * S0;
  const nn = n * n;
  const n1 = n - 1;
  let V: number;
  if (rule === "randomisation") {
    V = n1 * S1 * (nn - 3 * n + 3 - K * n1);
    V -= 0.25 * (n1 * S2 * (nn + 3 * n - 6 - K * (nn - n + 2)));
    V += S02 * (nn - 3 - K * n1 * n1);
    V /= n * (n - 2) * (n - 3) * S02;
  } else {
    V = ((2 * S1 + S2) * n1 - 4 * S02) / (2 * (n + 1) * S02);
  }
  const zC = zScore(1, C, V, "Geary's C");
  return { C, expectation: 1, variance: V, z: zC, pValue: normalUpperP(zC), pTwoSided: normalTwoSidedP(zC), rule, n, S0 };
}
