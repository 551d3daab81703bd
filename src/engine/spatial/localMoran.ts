/**
 * Local Moran's I (LISA, M12; Anselin 1995) with spdep 1.2's conditional moments (default) or
 * total randomisation, z and two-sided p, the quadrant of each unit and its cluster at α, and
 * an optional conditional permutation test (seeded; PySAL's folded pseudo p-value).
 */
import { CoordError } from "../errors";
import { normalTwoSidedP } from "../stats/normal";
import { centred, lagOf, permutationCount, prepare, seedValue } from "./common";
import { DEFAULT_SEED, randomBelow, seededUint32 } from "./random";
import { SpatialWeights } from "./weights";

/** spdep: I_i = z_i·lag(z)_i/m2, m2 = Σz²/n; PySAL (esda): (n − 1)/n times that. */
export type LocalScaling = "spdep" | "pysal";
/** spdep 1.2's conditional moments (each unit its own E, Var), or total randomisation (Anselin 1995). */
export type LocalMoments = "conditional" | "total";
/** "pysal": sign of z_i vs sign of lag(z)_i (default); "mean": x_i vs x̄ and lag(x)_i vs mean of the lags (spdep quadr$mean). */
export type QuadrantRule = "pysal" | "mean";
/** Quadrant: first letter the unit (High/Low), second its neighbours. */
export type Quadrant = "HH" | "LL" | "HL" | "LH";
export type Cluster = Quadrant | "not significant";

export const LOCAL_SCALINGS: readonly LocalScaling[] = ["spdep", "pysal"];
export const LOCAL_MOMENTS: readonly LocalMoments[] = ["conditional", "total"];
export const QUADRANT_RULES: readonly QuadrantRule[] = ["pysal", "mean"];
/** Quadrant codes of PySAL (HH=1, LH=2, LL=3, HL=4) and GeoDa (HH=1, LL=2, LH=3, HL=4). */
export const QUADRANT_CODES: Record<"pysal" | "geoda", Record<Quadrant, number>> = {
  pysal: { HH: 1, LH: 2, LL: 3, HL: 4 },
  geoda: { HH: 1, LL: 2, LH: 3, HL: 4 },
};

export interface LocalMoranOptions {
  scaling?: LocalScaling;
  moments?: LocalMoments;
  quadrant?: QuadrantRule;
  /** Significance level of the clusters (default 0.05). */
  alpha?: number;
  /** Conditional permutations per unit (default 0: none). With R > 0 the clusters use the permutation p. */
  permutations?: number;
  seed?: number;
  zeroPolicy?: boolean;
  argument?: string;
}

export interface LocalMoranResult {
  Ii: number[];
  expectation: number[];
  variance: number[];
  /** (I_i − E)/√Var; null (with a reason) where Var = 0: an isolate, or a value equal to the mean. */
  z: (number | null)[];
  /** Two-sided normal p of z. */
  pValue: (number | null)[];
  quadrant: Quadrant[];
  /** The quadrant where p < α, else "not significant". */
  cluster: Cluster[];
  /** Spatial lag of the variable (Σ_j w_ij x_j). */
  lag: number[];
  /** Standardised value z_i/√m2 and its lag: the Moran scatter plot's axes. */
  standardized: number[];
  standardizedLag: number[];
  reasons: (string | null)[];
  /** Pseudo p per unit (null for an isolate). */
  permutation: { permutations: number; seed: number; pValue: (number | null)[] } | null;
  /** Which p the clusters use. */
  clusterBy: "analytic" | "permutation";
  scaling: LocalScaling;
  moments: LocalMoments;
  alpha: number;
  n: number;
}

function option<T extends string>(value: T | undefined, allowed: readonly T[], fallback: T, name: string): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v))
    throw new CoordError("OPTION", `${name} must be one of ${allowed.join(", ")}; got '${String(v)}'`, { argument: name });
  return v;
}

/** α in (0, 1). */
export function alphaValue(alpha: number | undefined): number {
  const a = alpha ?? 0.05;
  if (!(a > 0 && a < 1)) throw new CoordError("OPTION", `alpha must be a number between 0 and 1 (e.g. 0.05); got ${String(alpha)}`, { argument: "alpha" });
  return a;
}

/**
 * Local Moran's I_i = z_i Σ_j w_ij z_j / m2 (M12), its moments, z, p, quadrant and cluster.
 *
 * @example
 * import { transformWeights, weightsFromEdges } from "./weights";
 * const W = transformWeights(weightsFromEdges([{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "d" }, { from: "d", to: "e" }], { symmetric: true }), "row");
 * const r = localMoran([1, 2, 3, 4, 5], W);
 * r.Ii; // => [1, 0.5, 0, 0.5, 1]
 * r.quadrant; // => ["LL", "LL", "LL", "HH", "HH"]
 */
export function localMoran(x: ArrayLike<unknown>, W: SpatialWeights, options: LocalMoranOptions = {}): LocalMoranResult {
  const argument = options.argument ?? "values";
  const scaling = option(options.scaling, LOCAL_SCALINGS, "spdep", "scaling");
  const moments = option(options.moments, LOCAL_MOMENTS, "conditional", "moments");
  const quadrantRule = option(options.quadrant, QUADRANT_RULES, "pysal", "quadrant");
  const alpha = alphaValue(options.alpha);
  const R = permutationCount(options.permutations, 0);
  const seed = seedValue(options.seed, DEFAULT_SEED);
  const v = prepare(x, W, argument, options.zeroPolicy);
  const n = v.length;
  const { z, sumSq } = centred(v, argument);
  const m2 = sumSq / n;
  const lz = lagOf(W, z);
  const lx = lagOf(W, v);
  const factor = scaling === "pysal" ? (n - 1) / n : 1;
  let z4 = 0;
  for (let i = 0; i < n; i++) z4 += z[i] ** 4;
  const b2 = z4 / n / (m2 * m2);
  let meanLag = 0;
  for (let i = 0; i < n; i++) meanLag += lx[i];
  meanLag /= n;
  const Ii: number[] = new Array(n);
  const E: number[] = new Array(n);
  const V: number[] = new Array(n);
  const Z: (number | null)[] = new Array(n);
  const P: (number | null)[] = new Array(n);
  const quadrant: Quadrant[] = new Array(n);
  const reasons: (string | null)[] = new Array(n).fill(null);
  const sd = Math.sqrt(m2);
  const { offsets, weights } = W;
  for (let i = 0; i < n; i++) {
    let Wi = 0;
    let Wi2 = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      Wi += weights[p];
      Wi2 += weights[p] * weights[p];
    }
    const zi = z[i];
    const I = (zi / m2) * lz[i];
    let e: number;
    let va: number;
    if (moments === "conditional") {
      e = -(zi * zi * Wi) / ((n - 1) * m2);
      va = (zi / m2) ** 2 * (n / (n - 2)) * (Wi2 - (Wi * Wi) / (n - 1)) * (m2 - (zi * zi) / (n - 1));
    } else {
      e = -Wi / (n - 1);
      va = (Wi2 * (n - b2)) / (n - 1) + ((Wi * Wi - Wi2) * (2 * b2 - n)) / ((n - 1) * (n - 2)) - e * e;
    }
    Ii[i] = factor * I;
    E[i] = factor * e;
    V[i] = factor * factor * va;
    if (va > 0) {
      Z[i] = (I - e) / Math.sqrt(va);
      P[i] = normalTwoSidedP(Z[i] as number);
    } else {
      Z[i] = null;
      P[i] = null;
      reasons[i] =
        offsets[i + 1] === offsets[i]
          ? "an isolate (no neighbours): I_i = 0, no variance"
          : "the variance of I_i is 0 (the value equals the mean, or its neighbours' weights are degenerate)";
    }
    const high = zi > 0; // x_i above the mean, in both rules (zero counts as Low, as spdep)
    const highLag = quadrantRule === "pysal" ? lz[i] > 0 : lx[i] - meanLag > 0;
    quadrant[i] = ((high ? "H" : "L") + (highLag ? "H" : "L")) as Quadrant;
  }
  let permutation: LocalMoranResult["permutation"] = null;
  if (R > 0) permutation = { permutations: R, seed, pValue: conditionalPermutationP(W, z, m2, Ii, factor, R, seed) };
  const clusterBy = permutation ? "permutation" : "analytic";
  const pc = permutation ? permutation.pValue : P;
  const cluster: Cluster[] = quadrant.map((q, i) => {
    const p = pc[i];
    return p !== null && p < alpha ? q : "not significant";
  });
  return {
    Ii,
    expectation: E,
    variance: V,
    z: Z,
    pValue: P,
    quadrant,
    cluster,
    lag: Array.from(lx),
    standardized: Array.from(z, (zi) => zi / sd),
    standardizedLag: Array.from(lz, (l) => l / sd),
    reasons,
    permutation,
    clusterBy,
    scaling,
    moments,
    alpha,
    n,
  };
}

/**
 * Conditional permutation pseudo p-values of I_i (PySAL's crand): for unit i its value is held
 * and its k_i neighbours' values drawn without replacement from the other n − 1 units, R times;
 * p = (min(M≥, M≤) + 1)/(R + 1), folded as PySAL's p_sim. One table of R random k_max-subsets of
 * 0..n − 2 is drawn from the seed and shared by all units (index j ≥ i shifted by one to skip
 * unit i), as PySAL does: fast, and the same seed gives the same p.
 */
function conditionalPermutationP(W: SpatialWeights, z: Float64Array, m2: number, Ii: number[], factor: number, R: number, seed: number): (number | null)[] {
  const n = W.n;
  const { offsets, weights } = W;
  let kmax = 0;
  for (let i = 0; i < n; i++) kmax = Math.max(kmax, offsets[i + 1] - offsets[i]);
  const next = seededUint32(seed);
  const pool = new Int32Array(n - 1);
  for (let j = 0; j < n - 1; j++) pool[j] = j;
  const draws = new Int32Array(R * kmax);
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < kmax; k++) {
      const j = k + randomBelow(next, n - 1 - k);
      const t = pool[k];
      pool[k] = pool[j];
      pool[j] = t;
      draws[r * kmax + k] = pool[k];
    }
  }
  const out: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const a = offsets[i];
    const k = offsets[i + 1] - a;
    if (k === 0) {
      out[i] = null;
      continue;
    }
    const scale = (factor * z[i]) / m2;
    const obs = Ii[i];
    const tol = 1e-12 * Math.abs(obs); // ties within rounding count on both sides
    let ge = 0;
    let le = 0;
    for (let r = 0; r < R; r++) {
      const base = r * kmax;
      let s = 0;
      for (let q = 0; q < k; q++) {
        const d = draws[base + q];
        s += weights[a + q] * z[d < i ? d : d + 1];
      }
      const Ip = scale * s;
      if (Ip >= obs - tol) ge++;
      if (Ip <= obs + tol) le++;
    }
    out[i] = (Math.min(ge, le) + 1) / (R + 1);
  }
  return out;
}
