/**
 * What the four detectors share (METHODS.md M8): their options, reading y, the complete rows,
 * encoding a factor as stratum codes (encodeFactor; not to be confused with discretize's
 * prepareNumericFactor, which sorts a numeric factor for M9) and the q test with both p-values.
 * Not re-exported from index.ts.
 */
import { CoordError, cellLabel } from "../errors";
import { assertFinite, assertOption, assertSameLength } from "../validate";
import { ncfUpperP } from "../stats/noncentralF";
import { fUpperP } from "../stats/fDistribution";
import { encodeStrata } from "./strata";

/** Options shared by the four detectors (METHODS.md M8). */
export interface DetectorOptions {
  /** σ² in λ: var(y) with ddof 1 (default, R geodetector, py-geodetector) or 0 (GD, gdverse, PyPI geodetector). */
  ddof?: 0 | 1;
  /** One-observation strata: 'keep' (default; they add 0 to SSW) or 'drop' and recompute N, L, SST (gdverse). */
  singletons?: "keep" | "drop";
  /** Missing y or x: 'error' (default, naming the row) or 'drop' incomplete rows (per factor, per pair). */
  missing?: "error" | "drop";
  /** Name of y in messages (default "y"). */
  yName?: string;
}

/** A factor: categorical values (numbers or text), or precomputed integer codes 0..L-1. */
export type FactorValues = ArrayLike<unknown> | Int32Array;

/** The reason given when every stratum holds one unit (N = L): q = 1 trivially, never a finding (M8). */
export const ONE_UNIT_PER_STRATUM = "each stratum holds one unit";

/**
 * The q test of a stratification (METHODS.md M8), shared by the factor and interaction
 * detectors: q, the F statistic and both p-values. Fields that are undefined are null and
 * `reason` says why; no field is NaN or infinite.
 */
export interface QTest {
  q: number;
  /**
   * F = (N - L)/(L - 1) · q/(1 - q), also the one-way ANOVA statistic of y on the strata. null
   * when N = L (no residual degrees of freedom) or q = 1 (F would be infinite): see reason.
   */
  F: number | null;
  lambda: number;
  /** Non-central p = P(F'(L - 1, N - L; λ) > F); 0 when q = 1; null when N = L. */
  pValue: number | null;
  /** Central p = P(F(L - 1, N - L) > F), the test of H0: q = 0; 0 when q = 1; null when N = L. */
  pCentral: number | null;
  N: number;
  L: number;
  singletons: number;
  /** True when every stratum holds one unit (N = L): q = 1 trivially, never a finding. */
  oneUnitPerStratum: boolean;
  /** Why F (and the p-values) are null or degenerate, when they are. */
  reason?: string;
  /** Rows in dropped singleton strata. */
  droppedSingletonRows: number;
  /** SSW over the strata used. */
  ssw: number;
  /** SST over the rows used. */
  sst: number;
  notes: string[];
}

/** Options with defaults applied. */
export interface ResolvedOptions {
  ddof: 0 | 1;
  singletons: "keep" | "drop";
  missing: "error" | "drop";
  yName: string;
}

/** A factor encoded for the detectors. */
export interface EncodedFactor {
  name: string;
  codes: Int32Array;
  levels: Array<string | number>;
  L: number;
}

/** Validate and default the shared options. */
export function readOptions(o: DetectorOptions): ResolvedOptions {
  const ddof = o.ddof ?? 1;
  if (ddof !== 0 && ddof !== 1) throw new CoordError("OPTION", `ddof must be 0 or 1; got '${ddof}'`, { argument: "ddof" });
  return {
    ddof,
    singletons: assertOption(o.singletons ?? "keep", ["keep", "drop"] as const, "singletons"),
    missing: assertOption(o.missing ?? "error", ["error", "drop"] as const, "missing"),
    yName: o.yName ?? "y",
  };
}

/** A missing cell: empty, null, undefined or NaN. */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));
}

/**
 * y as numbers; with missing 'drop', missing cells become NaN and are flagged. Text is always an
 * error. A Float64Array of finite values (the fast path for large data) is used as it is, not
 * copied (the detectors only read it), with `missing` null.
 *
 * @example
 * readY([1, "", 3], "y", "drop"); // => { values: [1, NaN, 3], missing: [0, 1, 0] }
 */
export function readY(y: ArrayLike<unknown>, name: string, missing: "error" | "drop"): { values: Float64Array; missing: Uint8Array | null } {
  if (!y || y.length === 0) throw new CoordError("EMPTY", `${name} is empty`, { argument: name });
  if (y instanceof Float64Array && allFinite(y)) return { values: y, missing: null };
  const values = new Float64Array(y.length);
  if (missing === "error") {
    for (let i = 0; i < y.length; i++) values[i] = assertFinite(y[i], name, i);
    return { values, missing: null };
  }
  const flags = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) {
    if (isMissing(y[i])) {
      flags[i] = 1;
      values[i] = NaN;
    } else values[i] = assertFinite(y[i], name, i);
  }
  return { values, missing: flags };
}

/**
 * True when every value is finite: v - v is 0 for a finite v and NaN for NaN and ±Infinity, so
 * one sum tells (without overflow, unlike Σ v).
 *
 * @example
 * allFinite(Float64Array.from([1, 2, Infinity])); // => false
 */
export function allFinite(v: Float64Array): boolean {
  let acc = 0;
  for (let i = 0; i < v.length; i++) acc += v[i] - v[i];
  return acc === 0;
}

/**
 * Indices of the complete rows (y and every factor present), or null when all rows are used.
 * With missing 'error' a missing factor value throws MISSING naming the factor and row.
 */
export function completeRows(
  y: { values: Float64Array; missing: Uint8Array | null },
  xs: FactorValues[],
  names: string[],
  missing: "error" | "drop",
  yName = "y",
): Int32Array | null {
  const n = y.values.length;
  xs.forEach((x, k) => assertSameLength(y.values, x, yName, names[k]));
  if (missing === "error") {
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k];
      if (x instanceof Int32Array) continue;
      for (let i = 0; i < n; i++)
        if (isMissing(x[i])) throw new CoordError("MISSING", `${cellLabel(names[k], i)}: the value is missing`, { argument: names[k], row: i });
    }
    return null;
  }
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if (y.missing && y.missing[i]) continue;
    let ok = true;
    for (const x of xs) if (!(x instanceof Int32Array) && isMissing(x[i])) ok = false;
    if (ok) keep.push(i);
  }
  return keep.length === n ? null : Int32Array.from(keep);
}

/** y restricted to the given rows (or y itself when rows is null). */
export function subsetY(y: Float64Array, rows: Int32Array | null): Float64Array {
  if (!rows) return y;
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]];
  return out;
}

/** Encode a categorical factor (values or Int32Array codes) on the given rows as stratum codes for the detectors. */
export function encodeFactor(x: FactorValues, name: string, rows: Int32Array | null): EncodedFactor {
  if (x instanceof Int32Array) {
    const L = codeCount(x, name);
    const codes = rows ? Int32Array.from(rows, (i) => x[i]) : x;
    return { name, codes, levels: Array.from({ length: L }, (_, h) => h), L };
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!isMissing(v) && typeof v !== "number" && typeof v !== "string" && typeof v !== "boolean")
      throw new CoordError("NOT_NUMERIC", `${cellLabel(name, i)}: unsupported value (${typeof v})`, { argument: name, row: i });
  }
  const vals = rows ? Array.from(rows, (i) => x[i]) : x;
  const s = encodeStrata(vals, name);
  return { name, codes: s.codes, levels: s.levels, L: s.L };
}

/**
 * Number of strata L = max code + 1 of precomputed codes; a negative code is an OPTION error
 * naming its row. A function of its own so that the scan stays monomorphic (Int32Array only).
 *
 * @example
 * codeCount(Int32Array.from([0, 2, 1]), "x"); // => 3
 */
export function codeCount(codes: Int32Array, name: string): number {
  let min = 0;
  let max = -1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c > max) max = c;
    if (c < min) min = c;
  }
  if (min < 0) {
    const i = codes.findIndex((c) => c < 0);
    throw new CoordError("OPTION", `${cellLabel(name, i)}: code ${codes[i]} is negative`, { argument: name, row: i });
  }
  return max + 1;
}

/**
 * q, F, λ and p from per-stratum tallies (count[h], centred sum[h]) around `mean`, with `sumSq`
 * = Σ (y_i - mean)² over all rows (METHODS.md M8). Strata with count 0 are ignored; with
 * singletons 'drop', one-observation strata are removed and N, L, SST recomputed. With withP
 * false the p-values (the one costly step) are skipped and reported as NaN, for internal callers
 * that only need q (never returned to a user).
 */
export function qTest(count: Float64Array, sum: Float64Array, mean: number, sumSq: number, opts: ResolvedOptions, argument: string, withP = true): QTest {
  const drop = opts.singletons === "drop";
  let singletons = 0;
  let singleSq = 0;
  let N = 0;
  let L = 0;
  let T = 0; // Σ of centred sums over the strata used
  let ssbRaw = 0; // Σ S_h² / N_h
  for (let h = 0; h < count.length; h++) {
    const c = count[h];
    if (c === 0) continue;
    if (c === 1) {
      singletons++;
      if (drop) {
        singleSq += sum[h] * sum[h];
        continue;
      }
    }
    N += c;
    L += 1;
    T += sum[h];
    ssbRaw += (sum[h] * sum[h]) / c;
  }
  const notes: string[] = [];
  if (L < 2)
    throw new CoordError("TOO_FEW", `${argument} has ${L} stratum${drop && singletons ? " after dropping one-observation strata" : ""}; q needs at least 2`, {
      argument,
    });
  // SST and SSB about the mean of the rows used (T/N corrects the centring)
  const sst = sumSq - singleSq - (T * T) / N;
  let ssb = ssbRaw - (T * T) / N;
  // constant y: SST is 0, or only the rounding of the mean (a few ulps of |ȳ| per row)
  const ulp = 4 * Number.EPSILON * Math.abs(mean + T / N);
  if (!(sst > N * ulp * ulp))
    throw new CoordError(
      "CONSTANT",
      `${opts.yName} is constant${drop && singletons ? " after dropping one-observation strata" : ""} (SST = 0): q is undefined`,
      {
        argument: opts.yName,
      },
    );
  if (ssb > sst) ssb = sst;
  if (ssb < 0) ssb = 0;
  if (N === L) ssb = sst; // one unit per stratum: SSW = 0 exactly (q = 1, not 1 - 1e-16)
  const q = ssb / sst;
  const ssw = sst - ssb;

  // λ = [Σ ȳ_h² - (Σ √N_h ȳ_h)²/N] / σ², with ȳ_h = m + e_h expanded so that a large mean m
  // does not cancel: m²(L - R²/N) + 2m(Σ e_h - R E/N) + Σ e_h² - E²/N, R = Σ √N_h, E = Σ √N_h e_h,
  // and L - R²/N = (L/N) Σ (√N_h - R/L)² (exactly 0 for equal strata, never negative)
  const m = mean + T / N;
  let R = 0;
  let E = 0;
  let se = 0;
  let se2 = 0;
  for (let h = 0; h < count.length; h++) {
    const c = count[h];
    if (c === 0 || (drop && c === 1)) continue;
    const e = sum[h] / c - T / N;
    const r = Math.sqrt(c);
    R += r;
    E += r * e;
    se += e;
    se2 += e * e;
  }
  let spread = 0;
  for (let h = 0; h < count.length; h++) {
    const c = count[h];
    if (c === 0 || (drop && c === 1)) continue;
    const dr = Math.sqrt(c) - R / L;
    spread += dr * dr;
  }
  const sigma2 = sst / (N - opts.ddof);
  let lambda = (m * m * (L / N) * spread + 2 * m * (se - (R * E) / N) + se2 - (E * E) / N) / sigma2;
  if (lambda < 0) lambda = 0; // rounding only: the bracket is a variance-like sum ≥ 0

  let F: number | null = null;
  let pValue: number | null = null;
  let pCentral: number | null = null;
  let reason: string | undefined;
  if (N === L) {
    reason = `${ONE_UNIT_PER_STRATUM} (N = L = ${N}): q = 1 trivially and the F test has no degrees of freedom`;
    notes.push(reason);
  } else if (ssw === 0) {
    reason = "q = 1: y is constant within every stratum, so F is infinite and both p-values are 0";
    pValue = 0;
    pCentral = 0;
    notes.push(reason);
  } else {
    F = ((N - L) / (L - 1)) * (ssb / ssw);
    if (!Number.isFinite(F) || !Number.isFinite(lambda))
      throw new CoordError("UNDEFINED", `${argument}: the F statistic of q is not finite (y is too large or too close to constant to compute with)`, {
        argument,
      });
    // M8: the non-central F(L - 1, N - L; λ) test, and the central F(L - 1, N - L) test of H0: q = 0
    pValue = withP ? ncfUpperP(F, L - 1, N - L, lambda) : NaN;
    pCentral = withP ? fUpperP(F, L - 1, N - L) : NaN;
  }
  const out: QTest = {
    q,
    F,
    lambda,
    pValue,
    pCentral,
    N,
    L,
    singletons,
    oneUnitPerStratum: N === L,
    droppedSingletonRows: drop ? singletons : 0,
    ssw,
    sst,
    notes,
  };
  if (reason) out.reason = reason;
  return out;
}
