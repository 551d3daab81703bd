/**
 * Stratified heterogeneity q of y over integer stratum codes 0..L-1 (METHODS.md M8):
 * q = 1 - SSW/SST = SSB/SST, with SSB = Σ_h N_h (ȳ_h - ȳ)², computed from centred y in one
 * pass per statistic on typed arrays (the hot loop of every detector and of the grid search).
 * Returns NaN only if SST = 0; callers validate and report that as an error.
 *
 * @example
 * qFromCodes([1, 2, 10, 11], Int32Array.from([0, 0, 1, 1]), 2); // => 0.9878
 */
export function qFromCodes(y: ArrayLike<number>, codes: ArrayLike<number>, L: number): number {
  const s = stratumSums(y, codes, L);
  return qFromTallies(s.count, s.sum, s.sst);
}

/**
 * qFromCodes with each row's code looked up as classOf[rank[i]] — in the optimal-discretization
 * grid rank[i] is the run of equal x values row i falls in and classOf the class of each run
 * (METHODS.md M9), so no code array is built per candidate. The same arithmetic in the same row
 * order as qFromCodes(y, codes, L) with codes[i] = classOf[rank[i]]: the same q to the last bit.
 *
 * @example
 * qFromRankedCodes(Float64Array.from([1, 2, 10, 11]), Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 0, 1, 1]), 2); // => 0.9878
 */
export function qFromRankedCodes(y: Float64Array, rank: Int32Array, classOf: Int32Array, L: number): number {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  const count = new Float64Array(L);
  const sum = new Float64Array(L);
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - mean;
    const h = classOf[rank[i]];
    count[h] += 1;
    sum[h] += d;
    sst += d * d;
  }
  return qFromTallies(count, sum, sst);
}

/** q = SSB/SST from the tallies (M8), SSB = Σ_h sum[h]²/count[h] over non-empty strata, at most 1. */
function qFromTallies(count: Float64Array, sum: Float64Array, sst: number): number {
  let ssb = 0;
  for (let h = 0; h < count.length; h++) if (count[h] > 0) ssb += (sum[h] * sum[h]) / count[h];
  const q = ssb / sst;
  return q > 1 ? 1 : q;
}

/** Per-stratum tallies of y over codes 0..L-1, from one pass (plus the pass for the mean). */
export interface StratumSums {
  /** Rows. */
  n: number;
  /** Mean of y. */
  mean: number;
  /** SST = Σ (y_i - ȳ)². */
  sst: number;
  /** count[h] = N_h. */
  count: Float64Array;
  /** sum[h] = Σ_{i in h} (y_i - ȳ): sums of the centred values (ȳ_h = mean + sum[h]/count[h]). */
  sum: Float64Array;
}

/**
 * Companion of qFromCodes that keeps what the detectors need besides q (METHODS.md M8): the
 * per-stratum counts and centred sums and SST, in the same passes; SSB_h = sum[h]²/count[h],
 * SSW = SST - Σ SSB_h. Codes must lie in 0..L-1 (callers validate).
 *
 * @example
 * stratumSums([1, 2, 10, 11], Int32Array.from([0, 0, 1, 1]), 2); // =>
 * // { n: 4, mean: 6, sst: 82, count: [2, 2], sum: [-9, 9] }
 */
export function stratumSums(y: ArrayLike<number>, codes: ArrayLike<number>, L: number): StratumSums {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  const count = new Float64Array(L);
  const sum = new Float64Array(L);
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - mean;
    const h = codes[i];
    count[h] += 1;
    sum[h] += d;
    sst += d * d;
  }
  return { n, mean, sst, count, sum };
}
