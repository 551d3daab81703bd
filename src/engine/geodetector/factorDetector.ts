import { CoordError, cellLabel } from "../errors";
import { assertFinite, assertOption, assertSameLength } from "../validate";
import { ncfUpperP } from "../stats/noncentralF";
import { StratumSums, stratumSums } from "./q";
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

/** One stratum of a factor. */
export interface StratumSummary {
  level: string | number;
  n: number;
  mean: number;
}

/** Factor detector result: q and its non-central F test. */
export interface FactorDetectorResult {
  /** q = 1 - SSW/SST. */
  q: number;
  /** F = (N - L)/(L - 1) · q/(1 - q); Infinity when q = 1 (see notes); null when N = L. */
  F: number | null;
  /** Non-centrality λ = [Σ ȳ_h² - (Σ √N_h ȳ_h)²/N] / σ². */
  lambda: number;
  /** P(F'(L - 1, N - L; λ) > F), the upper tail computed directly; null when N = L. */
  pValue: number | null;
  /** Rows used. */
  N: number;
  /** Strata used. */
  L: number;
  /** One-observation strata found (kept or dropped according to the option). */
  singletons: number;
  /** Rows dropped: missing values (missing: 'drop') plus dropped singletons. */
  droppedRows: number;
  /** The strata used, in level order. */
  strata: StratumSummary[];
  /** Anything the user should know (q = 1, N = L, rows dropped). */
  notes: string[];
}

/** Core numbers of the F test from per-stratum tallies (no strata list). */
export interface QTest {
  q: number;
  F: number | null;
  lambda: number;
  pValue: number | null;
  N: number;
  L: number;
  singletons: number;
  /** Rows in dropped singleton strata. */
  droppedSingletonRows: number;
  /** SSW over the strata used. */
  ssw: number;
  /** SST over the rows used. */
  sst: number;
  notes: string[];
}

/**
 * Geodetector factor detector (METHODS.md M8): q = 1 - SSW/SST of y over the strata of x, with
 * F = (N - L)/(L - 1) · q/(1 - q) tested against the non-central F(L - 1, N - L; λ).
 *
 * @example
 * factorDetector([1, 2, 3, 10, 11, 12], ["a", "a", "a", "b", "b", "b"]); // =>
 * // { q: 0.96813, F: 121.5, lambda: 1.61355, pValue: 0.0018888, N: 6, L: 2, singletons: 0, ... } (q = 121.5/125.5)
 */
export function factorDetector(y: ArrayLike<unknown>, x: FactorValues, options: DetectorOptions & { xName?: string } = {}): FactorDetectorResult {
  const opts = readOptions(options);
  const xName = options.xName ?? "x";
  const yv = readY(y, opts.yName, opts.missing);
  assertSameLength(y, x, opts.yName, xName);
  const rows = completeRows(yv, [x], [xName], opts.missing, opts.yName);
  const f = prepareFactor(x, xName, rows);
  const ys = subsetY(yv.values, rows);
  return factorResult(ys, f, opts, yv.values.length - ys.length);
}

/**
 * Fast factor detector on precomputed codes (0..L-1) and y, for large data: one pass over the
 * rows (tallies about a provisional mean, checking codes and y), no per-row allocation. Same
 * numbers as factorDetector (to rounding); strata are reported by code.
 *
 * @example
 * factorDetectorCodes(Float64Array.from([1, 2, 10, 11]), Int32Array.from([0, 0, 1, 1]), 2).q; // => 0.9878
 */
export function factorDetectorCodes(y: Float64Array, codes: Int32Array, L: number, options: DetectorOptions = {}): FactorDetectorResult {
  const opts = readOptions(options);
  assertSameLength(y, codes, opts.yName, "codes");
  const n = y.length;
  if (n === 0) throw new CoordError("EMPTY", `${opts.yName} is empty`, { argument: opts.yName });
  if (n < 2) throw new CoordError("TOO_FEW", `${opts.yName} has 1 value; at least 2 are needed`, { argument: opts.yName });
  // one pass, centred at a provisional mean K (of the first 1024 values) so that Σ(y - K)² keeps
  // its digits: qTest recentres with T = Σ(y - K) (SST = Σ(y - K)² - T²/N)
  let K = 0;
  const m0 = Math.min(n, 1024);
  for (let i = 0; i < m0; i++) K += y[i];
  K /= m0;
  if (!Number.isFinite(K)) K = 0; // a bad value among them: reported below
  const count = new Float64Array(L);
  const sum = new Float64Array(L);
  const sst = tallyCodes(y, codes, L, K, count, sum);
  if (sst < 0) {
    const i = codes.findIndex((h) => h >>> 0 >= L);
    throw new CoordError("OPTION", `${cellLabel("codes", i)}: code ${codes[i]} is outside 0..${L - 1}`, { argument: "codes", row: i });
  }
  // a NaN or ±Infinity in y makes the sum of squares non-finite: find its row
  if (!Number.isFinite(sst)) for (let i = 0; i < n; i++) assertFinite(y[i], opts.yName, i);
  const mean = K;
  const levels = new Array<number>(L);
  for (let h = 0; h < L; h++) levels[h] = h;
  return fromTallies({ n, mean, sst, count, sum }, { name: "codes", codes, levels, L }, opts, 0);
}

/**
 * The hot loop of factorDetectorCodes, one pass: count[h] += 1, sum[h] += y - K and the return
 * value Σ (y - K)², or -1 when a code lies outside 0..L-1 (checked without a branch: (L - 1 - h) | h
 * is negative exactly then; the caller finds the row). A top-level function with typed-array
 * parameters and no throw inside keeps V8's optimised loop tight (about 3x faster).
 *
 * @example
 * const count = new Float64Array(2), sum = new Float64Array(2);
 * tallyCodes(Float64Array.from([1, 2, 10, 11]), Int32Array.from([0, 0, 1, 1]), 2, 6, count, sum); // => 82
 * [count, sum]; // => [Float64Array [2, 2], Float64Array [-9, 9]]
 */
function tallyCodes(y: Float64Array, codes: Int32Array, L: number, K: number, count: Float64Array, sum: Float64Array): number {
  const n = y.length;
  let sst = 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const h = codes[i];
    bad |= (L - 1 - h) | h;
    const d = y[i] - K;
    count[h] += 1;
    sum[h] += d;
    sst += d * d;
  }
  return bad < 0 ? -1 : sst;
}

// ---------------------------------------------------------------------------------------
// Shared by the detectors (not re-exported from index.ts).

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

/** Encode a factor (values or Int32Array codes) on the given rows. */
export function prepareFactor(x: FactorValues, name: string, rows: Int32Array | null): EncodedFactor {
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
 * false the p-value (the one costly step) is skipped and reported as NaN, for callers that only
 * need q.
 */
export function qTest(
  count: Float64Array,
  sum: Float64Array,
  mean: number,
  sumSq: number,
  opts: ResolvedOptions,
  argument: string,
  withP = true,
): QTest {
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
    throw new CoordError(
      "TOO_FEW",
      `${argument} has ${L} stratum${drop && singletons ? " after dropping one-observation strata" : ""}; q needs at least 2`,
      { argument },
    );
  // SST and SSB about the mean of the rows used (T/N corrects the centring)
  const sst = sumSq - singleSq - (T * T) / N;
  let ssb = ssbRaw - (T * T) / N;
  // constant y: SST is 0, or only the rounding of the mean (a few ulps of |ȳ| per row)
  const ulp = 4 * Number.EPSILON * Math.abs(mean + T / N);
  if (!(sst > N * ulp * ulp))
    throw new CoordError("CONSTANT", `${opts.yName} is constant${drop && singletons ? " after dropping one-observation strata" : ""} (SST = 0): q is undefined`, {
      argument: opts.yName,
    });
  if (ssb > sst) ssb = sst;
  if (ssb < 0) ssb = 0;
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

  let F: number | null;
  let pValue: number | null;
  if (N === L) {
    F = null;
    pValue = null;
    notes.push("every stratum has one observation (N = L): the F test has no degrees of freedom");
  } else if (ssw === 0) {
    F = Infinity;
    pValue = 0;
    notes.push("q = 1: y is constant within every stratum, so F is infinite and p = 0");
  } else {
    F = ((N - L) / (L - 1)) * (ssb / ssw);
    pValue = withP ? ncfUpperP(F, L - 1, N - L, lambda) : NaN;
  }
  return { q, F, lambda, pValue, N, L, singletons, droppedSingletonRows: drop ? singletons : 0, ssw, sst, notes };
}

/** The factor detector result for y and one encoded factor. */
export function factorResult(y: Float64Array, f: EncodedFactor, opts: ResolvedOptions, droppedMissing: number): FactorDetectorResult {
  if (y.length < 2)
    throw new CoordError("TOO_FEW", `${opts.yName} has ${y.length} value${y.length === 1 ? "" : "s"}${droppedMissing ? " after dropping missing rows" : ""}; at least 2 are needed`, {
      argument: opts.yName,
    });
  return fromTallies(stratumSums(y, f.codes, f.L), f, opts, droppedMissing);
}

function fromTallies(t: StratumSums, f: EncodedFactor, opts: ResolvedOptions, droppedMissing: number): FactorDetectorResult {
  const r = qTest(t.count, t.sum, t.mean, t.sst, opts, f.name);
  const strata: StratumSummary[] = [];
  for (let h = 0; h < f.L; h++) {
    const c = t.count[h];
    if (c === 0 || (opts.singletons === "drop" && c === 1)) continue;
    strata.push({ level: f.levels[h], n: c, mean: t.mean + t.sum[h] / c });
  }
  const notes = r.notes.slice();
  if (droppedMissing) notes.push(`${droppedMissing} row${droppedMissing === 1 ? "" : "s"} with a missing value dropped`);
  if (r.droppedSingletonRows) notes.push(`${r.singletons} one-observation strat${r.singletons === 1 ? "um" : "a"} dropped`);
  return {
    q: r.q,
    F: r.F,
    lambda: r.lambda,
    pValue: r.pValue,
    N: r.N,
    L: r.L,
    singletons: r.singletons,
    droppedRows: droppedMissing + r.droppedSingletonRows,
    strata,
    notes,
  };
}
