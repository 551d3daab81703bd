import { CoordError } from "../errors";
import { finiteVector } from "../validate";

/** Natural breaks (Jenks) of x into k classes: the exact optimum, with its fit. */
export interface NaturalBreaksResult {
  /** k + 1 values: the minimum, the upper value of classes 1..k-1, the maximum (BAMMtools/GD). */
  breaks: number[];
  /** Number of values in each class (classes right-closed, the lowest value included). */
  counts: number[];
  /** Number of classes. */
  k: number;
  /** Σ over classes of Σ (x - class mean)²: the minimised objective. */
  withinSS: number;
  /** Σ (x - mean)². */
  totalSS: number;
  /** Goodness of variance fit, 1 - withinSS / totalSS. */
  gvf: number;
}

export interface NaturalBreaksOptions {
  /** Argument name used in error messages (default "x"). */
  argument?: string;
}

/**
 * Distinct sorted values with their multiplicities: the DP works on these, so that equal values
 * can never be split between classes (an optimal 1-D k-means partition never needs to split them).
 */
export interface ValueRuns {
  values: Float64Array;
  weights: Float64Array;
  /** Number of observations (Σ weights). */
  n: number;
}

/**
 * Natural breaks (Jenks): the partition of x into k classes of consecutive values with the
 * least within-class sum of squares — the exact optimal 1-D k-means (METHODS.md M9), computed by
 * dynamic programming over the distinct sorted values with divide-and-conquer row minima
 * (O(k·N·log N) after the sort; Wang & Song 2011, Ckmeans.1d.dp). No sampling at any N.
 * Breaks follow BAMMtools::getJenksBreaks (used by GD): min, class upper values, max.
 *
 * @example
 * naturalBreaks([1, 2, 3, 10, 11, 12, 30], 3).breaks; // => [1, 3, 12, 30]
 */
export function naturalBreaks(x: ArrayLike<unknown>, k: number, options: NaturalBreaksOptions = {}): NaturalBreaksResult {
  const argument = options.argument ?? "x";
  const v = finiteVector(x, argument);
  assertClassCount(k, "k");
  const runs = valueRuns(v.sort()); // v is finiteVector's own copy: sorted in place
  checkDistinct(runs, k, argument);
  return naturalBreaksOfRuns(runs, [k])[0];
}

/** Throw OPTION unless k is an integer ≥ 2. */
export function assertClassCount(k: unknown, argument: string): number {
  if (typeof k !== "number" || !Number.isInteger(k) || k < 2)
    throw new CoordError("OPTION", `${argument} must be an integer of at least 2; got ${String(k)}`, { argument });
  return k;
}

/** CONSTANT when x has one distinct value; TOO_FEW when k exceeds the number of distinct values. */
export function checkDistinct(runs: ValueRuns, k: number, argument: string): void {
  const m = runs.values.length;
  if (m < 2)
    throw new CoordError("CONSTANT", `${argument} is constant (every value is ${runs.values[0]}); it cannot be divided into classes`, {
      argument,
    });
  if (k > m) throw new CoordError("TOO_FEW", `k = ${k} but ${argument} has only ${m} distinct values`, { argument });
}

/** Collapse ascending sorted values into distinct values and counts. */
export function valueRuns(sorted: ArrayLike<number>): ValueRuns {
  const n = sorted.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) m++;
  const values = new Float64Array(m);
  const weights = new Float64Array(m);
  let j = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) values[++j] = sorted[i];
    weights[j] += 1;
  }
  return { values, weights, n };
}

/**
 * Natural breaks for several class counts from one DP run (the layers for c classes are shared
 * by every k ≥ c). `ks` must be integers in 2..number of distinct values (callers check).
 *
 * @example
 * naturalBreaksOfRuns(valueRuns([1, 2, 3, 10, 11, 12, 30]), [2, 3]).map((r) => r.breaks); // =>
 * // [[1, 12, 30], [1, 3, 12, 30]]
 */
export function naturalBreaksOfRuns(runs: ValueRuns, ks: readonly number[]): NaturalBreaksResult[] {
  const { values, weights } = runs;
  const m = values.length;
  const kMax = ks.reduce((a, k) => Math.max(a, k), -Infinity);
  // Prefix sums of w, w·d, w·d² with d = x - centre (centring limits cancellation in S2 - S1²/W).
  let centre = 0;
  for (let i = 0; i < m; i++) centre += weights[i] * values[i];
  centre /= runs.n;
  const W = new Float64Array(m + 1);
  const S1 = new Float64Array(m + 1);
  const S2 = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    const d = values[i] - centre;
    const w = weights[i];
    W[i + 1] = W[i] + w;
    S1[i + 1] = S1[i] + w * d;
    S2[i + 1] = S2[i] + w * d * d;
  }
  // values near the floating-point limits: the sums of squares overflow (or the centre does)
  if (!Number.isFinite(S2[m]) || !Number.isFinite(centre))
    throw new CoordError(
      "UNDEFINED",
      `natural breaks: the values (${values[0]} to ${values[m - 1]}) are too large to compute with (their sum of squares overflows)`,
      { argument: "x" },
    );

  // Layer c (c classes over runs 0..j): cost[j]; start[c][j] = first run of the last class.
  let prev = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const s = S1[j + 1];
    const ss = S2[j + 1] - (s * s) / W[j + 1];
    prev[j] = ss > 0 ? ss : 0;
  }
  const starts: Int32Array[] = [new Int32Array(0), new Int32Array(m)]; // index = number of classes
  let cur = new Float64Array(m);
  for (let c = 2; c <= kMax; c++) {
    const start = new Int32Array(m);
    // Last layer: only j = m - 1 is needed.
    const jLo = c === kMax ? m - 1 : c - 1;
    rowMinima(W, S1, S2, prev, cur, start, starts[c - 1], c > 2, jLo, m - 1, c - 1, m - 1);
    starts[c] = start;
    const t = prev;
    prev = cur;
    cur = t;
  }

  // Total SS (two-pass, for gvf).
  let totalSS = 0;
  for (let i = 0; i < m; i++) {
    const d = values[i] - centre;
    totalSS += weights[i] * d * d;
  }
  return ks.map((k) => resultFor(runs, starts, k, totalSS));
}

function resultFor(runs: ValueRuns, starts: Int32Array[], k: number, totalSS: number): NaturalBreaksResult {
  const { values, weights } = runs;
  const m = values.length;
  // Backtrack the first run of each class.
  const first = new Int32Array(k + 1);
  first[k] = m;
  let j = m - 1;
  for (let c = k; c >= 2; c--) {
    first[c - 1] = starts[c][j];
    j = first[c - 1] - 1;
  }
  first[0] = 0;
  const breaks = new Array<number>(k + 1);
  breaks[0] = values[0];
  const counts = new Array<number>(k);
  let withinSS = 0;
  for (let c = 0; c < k; c++) {
    const a = first[c];
    const b = first[c + 1]; // exclusive
    breaks[c + 1] = values[b - 1];
    let w = 0;
    let s = 0;
    for (let i = a; i < b; i++) {
      w += weights[i];
      s += weights[i] * values[i];
    }
    const mean = s / w;
    let ss = 0;
    for (let i = a; i < b; i++) {
      const d = values[i] - mean;
      ss += weights[i] * d * d;
    }
    counts[c] = w;
    withinSS += ss;
  }
  return { breaks, counts, k, withinSS, totalSS, gvf: totalSS > 0 ? 1 - withinSS / totalSS : 1 };
}

/**
 * Layer c of the DP for rows j in jLo..jHi: cur[j] = min over i in iLo..min(iHi, j) of
 * prev[i-1] + SS(runs i..j), start[j] = the leftmost argmin. The argmin is monotone in j (the
 * cost is Monge), so divide and conquer on j narrows the range of i: O(m log m) per layer.
 * With useLow, J(c-1, j) ≤ J(c, j) (Ckmeans.1d.dp) also bounds i from below.
 * A top-level function with plain parameters (not a closure) keeps V8's hot loop fast.
 */
function rowMinima(
  W: Float64Array,
  S1: Float64Array,
  S2: Float64Array,
  prev: Float64Array,
  cur: Float64Array,
  start: Int32Array,
  prevStart: Int32Array,
  useLow: boolean,
  jLo: number,
  jHi: number,
  iLo: number,
  iHi: number,
): void {
  while (jLo <= jHi) {
    const j = (jLo + jHi) >> 1;
    let lo = iLo;
    if (useLow && prevStart[j] > lo) lo = prevStart[j];
    const hi = iHi < j ? iHi : j;
    if (lo > hi) lo = hi; // guard: rounding could break the monotone bounds
    const Wj = W[j + 1];
    const S1j = S1[j + 1];
    const S2j = S2[j + 1];
    let best = Infinity;
    let arg = lo;
    for (let i = lo; i <= hi; i++) {
      const s = S1j - S1[i];
      let ss = S2j - S2[i] - (s * s) / (Wj - W[i]);
      if (ss < 0) ss = 0;
      const v = prev[i - 1] + ss;
      if (v < best) {
        best = v;
        arg = i;
      }
    }
    cur[j] = best;
    start[j] = arg;
    // Left half by recursion (depth log2 m), right half by iteration.
    if (jLo <= j - 1) rowMinima(W, S1, S2, prev, cur, start, prevStart, useLow, jLo, j - 1, iLo, arg);
    jLo = j + 1;
    iLo = arg;
  }
}
