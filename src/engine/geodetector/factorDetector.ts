import { CoordError, cellLabel } from "../errors";
import { assertFinite, assertSameLength } from "../validate";
import { StratumSums, stratumSums } from "./q";
import { DetectorOptions, EncodedFactor, FactorValues, ResolvedOptions, completeRows, encodeFactor, qTest, readOptions, readY, subsetY } from "./detectorCore";

export type { DetectorOptions, FactorValues } from "./detectorCore";

/** One stratum of a factor. */
export interface StratumSummary {
  level: string | number;
  n: number;
  mean: number;
}

/**
 * Factor detector result: q and its two F tests (METHODS.md M8). Undefined fields are null with
 * `reason`; no field is NaN or infinite.
 */
export interface FactorDetectorResult {
  /** q = 1 - SSW/SST. */
  q: number;
  /** F = (N - L)/(L - 1) · q/(1 - q) (the one-way ANOVA statistic); null when q = 1 (F infinite) or N = L: see reason. */
  F: number | null;
  /** Non-centrality λ = [Σ ȳ_h² - (Σ √N_h ȳ_h)²/N] / σ². */
  lambda: number;
  /** Non-central p = P(F'(L - 1, N - L; λ) > F), the upper tail computed directly; 0 when q = 1; null when N = L. */
  pValue: number | null;
  /** Central p = P(F(L - 1, N - L) > F): the test of H0: q = 0 (M8); 0 when q = 1; null when N = L. */
  pCentral: number | null;
  /** Every stratum holds one unit (N = L): q = 1 trivially; never a finding (M8). */
  oneUnitPerStratum: boolean;
  /** Why F or the p-values are null or degenerate (q = 1, N = L), when they are. */
  reason?: string;
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

/**
 * Geodetector factor detector (METHODS.md M8): q = 1 - SSW/SST of y over the strata of x, with
 * F = (N - L)/(L - 1) · q/(1 - q) tested against the non-central F(L - 1, N - L; λ).
 *
 * @example
 * factorDetector([1, 2, 3, 10, 11, 12], ["a", "a", "a", "b", "b", "b"]); // =>
 * // { q: 0.96813, F: 121.5, lambda: 1.61355, pValue: 0.0018888, pCentral: 0.00038507, N: 6, L: 2, singletons: 0, ... } (q = 121.5/125.5)
 */
export function factorDetector(y: ArrayLike<unknown>, x: FactorValues, options: DetectorOptions & { xName?: string } = {}): FactorDetectorResult {
  const opts = readOptions(options);
  const xName = options.xName ?? "x";
  const yv = readY(y, opts.yName, opts.missing);
  assertSameLength(y, x, opts.yName, xName);
  const rows = completeRows(yv, [x], [xName], opts.missing, opts.yName);
  const f = encodeFactor(x, xName, rows);
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

/** The factor detector result for y and one encoded factor. */
export function factorResult(y: Float64Array, f: EncodedFactor, opts: ResolvedOptions, droppedMissing: number): FactorDetectorResult {
  if (y.length < 2)
    throw new CoordError(
      "TOO_FEW",
      `${opts.yName} has ${y.length} value${y.length === 1 ? "" : "s"}${droppedMissing ? " after dropping missing rows" : ""}; at least 2 are needed`,
      {
        argument: opts.yName,
      },
    );
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
  const out: FactorDetectorResult = {
    q: r.q,
    F: r.F,
    lambda: r.lambda,
    pValue: r.pValue,
    pCentral: r.pCentral,
    oneUnitPerStratum: r.oneUnitPerStratum,
    N: r.N,
    L: r.L,
    singletons: r.singletons,
    droppedRows: droppedMissing + r.droppedSingletonRows,
    strata,
    notes,
  };
  if (r.reason) out.reason = r.reason;
  return out;
}
