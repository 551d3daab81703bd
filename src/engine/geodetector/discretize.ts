import { CoordError, cellLabel } from "../errors";
import { assertOption, describeValue, finiteVector } from "../validate";
import { encodeStrata } from "./strata";
import { quantileSorted } from "../stats/quantile";
import { DEFAULT_K } from "./constants";
import { FactorKindDecision, factorKind, textInNumericFactor } from "./factorKind";
import { NaturalBreaksResult, ValueRuns, assertClassCount, checkDistinct, naturalBreaksOfRuns, valueRuns } from "./naturalBreaks";

/** Discretization methods of METHODS.md M9, in GD's grid order. */
export type DiscretizeMethod = "equal" | "natural" | "quantile" | "geometric" | "sd";
export const DISCRETIZE_METHODS: readonly DiscretizeMethod[] = ["equal", "natural", "quantile", "geometric", "sd"];

export interface DiscretizeOptions {
  /** Default "natural" (as GEOQ and the report use). */
  method?: DiscretizeMethod;
  /** Number of classes asked for (default DEFAULT_K = 6). */
  k?: number;
  /** Argument name used in error messages (default "x"). */
  argument?: string;
}

/** A numeric factor cut into classes. */
export interface Discretization {
  method: DiscretizeMethod;
  /** The k asked for. */
  kRequested: number;
  /** The number of classes made (quantile and sd can differ from kRequested; see warnings). */
  k: number;
  /** k + 1 strictly increasing values; breaks[0] = min(x), breaks[k] = max(x). */
  breaks: number[];
  /** Class of each row, 0..k-1 (right-closed classes, the lowest value included). */
  codes: Int32Array;
  /** Number of rows in each class (may be 0 for equal and geometric). */
  counts: number[];
  warnings: string[];
}

/**
 * Cut a numeric factor into classes by one of the M9 methods: equal intervals, type-7
 * quantiles, natural breaks (exact Jenks), geometric intervals or standard deviations. Classes
 * are right-closed with the lowest value included, as R's cut(..., include.lowest = TRUE) in GD.
 *
 * @example
 * discretize([1, 2, 3, 4, 5, 6, 7, 8, 9], { method: "equal", k: 2 }); // =>
 * // { breaks: [1, 5, 9], codes: [0, 0, 0, 0, 0, 1, 1, 1, 1], counts: [5, 4], k: 2, ... }
 */
export function discretize(x: ArrayLike<unknown>, options: DiscretizeOptions = {}): Discretization {
  const argument = options.argument ?? "x";
  const method = assertOption(options.method ?? "natural", DISCRETIZE_METHODS, "method");
  const k = assertClassCount(options.k ?? DEFAULT_K, "k");
  const factor = prepareNumericFactor(x, argument);
  checkDistinct(factor.runs, k, argument);
  const cut = breaksFor(factor, method, k);
  const { codes, counts } = classify(factor.x, cut.breaks, { argument });
  const warnings = cut.warnings.slice();
  counts.forEach((c, h) => {
    if (c === 0) warnings.push(`${method}, k = ${k}: class ${h + 1} (${intervalLabel(cut.breaks, h)}) is empty`);
  });
  return { method, kRequested: k, k: cut.breaks.length - 1, breaks: cut.breaks, codes, counts, warnings };
}

/** Class codes and counts from breaks. */
export interface Classification {
  codes: Int32Array;
  counts: number[];
  k: number;
}

/**
 * Class of each value for increasing breaks b0 ≤ b1 < ... < bk: class 0 is [b0, b1] (just
 * the minimum when b1 = b0), class h is (bh, bh+1] (right-closed, the lowest value included: R's
 * cut(x, breaks, include.lowest = TRUE), as GD does, M9). Binary search per value. A value
 * outside [b0, bk] is an error naming its row (R would give NA).
 *
 * @example
 * classify([0, 1, 1.5, 2, 3], [0, 1, 2, 3]).codes; // => Int32Array [0, 0, 1, 1, 2]
 */
export function classify(x: ArrayLike<unknown>, breaks: ArrayLike<number>, options: { argument?: string } = {}): Classification {
  const argument = options.argument ?? "x";
  const b = checkBreaks(breaks);
  const k = b.length - 1;
  const n = x.length;
  const codes = new Int32Array(n);
  const counts = new Array<number>(k).fill(0);
  const lo = b[0];
  const hi = b[k];
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      const missing = v === null || v === undefined || v === "";
      throw new CoordError(missing ? "MISSING" : "NOT_NUMERIC", `${cellLabel(argument, i)}: ${describeValue(v)} is not a number`, {
        argument,
        row: i,
      });
    }
    if (v < lo || v > hi)
      throw new CoordError("UNDEFINED", `${cellLabel(argument, i)}: ${v} is outside the breaks [${lo}, ${hi}]; it has no class`, {
        argument,
        row: i,
      });
    // Smallest h in 1..k with v ≤ b[h]; class h - 1.
    let a = 1;
    let c = k;
    while (a < c) {
      const mid = (a + c) >> 1;
      if (v <= b[mid]) c = mid;
      else a = mid + 1;
    }
    codes[i] = a - 1;
    counts[a - 1]++;
  }
  return { codes, counts, k };
}

/** Breaks as a Float64Array after checking them: finite, increasing (b1 = b0 allowed), at least 2. */
function checkBreaks(breaks: ArrayLike<number>): Float64Array {
  const k = breaks.length - 1;
  if (k < 1) throw new CoordError("OPTION", `breaks must have at least 2 values; got ${breaks.length}`, { argument: "breaks" });
  const b = new Float64Array(breaks.length);
  for (let h = 0; h <= k; h++) {
    const v = breaks[h];
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new CoordError("NOT_NUMERIC", `breaks value ${h + 1}: ${describeValue(v)} is not a number`, { argument: "breaks", row: h });
    // b1 = b0 is allowed: class 0 is the closed [b0, b0], the minimum alone (natural breaks).
    if (h > 0 && !(v > b[h - 1]) && !(h === 1 && v === b[0]))
      throw new CoordError("OPTION", `breaks must be strictly increasing; value ${h + 1} (${v}) is not above value ${h} (${b[h - 1]})`, {
        argument: "breaks",
        row: h,
      });
    b[h] = v;
  }
  return b;
}

/** Classes of a prepared factor's runs of equal values (see classifyRuns). */
export interface RunClassification {
  /** Class of each run (index into f.runs.values), 0..k-1. */
  runClass: Int32Array;
  /** Number of rows in each class. */
  counts: number[];
  k: number;
}

/**
 * classify(f.x, breaks) for a prepared factor, through its distinct sorted values (M9): each run
 * of equal values gets its class (a binary search per break, then a fill); the class of row i is
 * runClass[runRanks(f)[i]] (codesOfRuns builds the codes). Same classes, counts and errors as
 * classify, without a binary search per row: what the optimal-discretization grid needs, 30
 * classifications per factor.
 *
 * @example
 * const f = prepareNumericFactor([0, 1, 1.5, 2, 3], "x");
 * codesOfRuns(f, classifyRuns(f, [0, 1, 2, 3]).runClass); // => Int32Array [0, 0, 1, 1, 2]
 */
export function classifyRuns(f: PreparedFactor, breaks: ArrayLike<number>): RunClassification {
  const b = checkBreaks(breaks);
  const k = b.length - 1;
  const { values } = f.runs;
  const m = values.length;
  // a value outside [b0, bk]: classify throws the error naming its row
  if (!(values[0] >= b[0] && values[m - 1] <= b[k])) classify(f.x, breaks, { argument: f.argument });
  const cumulative = cumulativeWeights(f);
  const runClass = new Int32Array(m);
  const counts = new Array<number>(k);
  // class h - 1 holds the runs with b[h-1] < value ≤ b[h] (right-closed; the first class from b0 on)
  let start = 0;
  for (let h = 1; h <= k; h++) {
    const end = h === k ? m : firstAbove(values, b[h], start);
    runClass.fill(h - 1, start, end);
    counts[h - 1] = cumulative[end] - cumulative[start]; // whole numbers: exact
    start = end;
  }
  return { runClass, counts, k };
}

/** The first index from `from` on whose value is above v (values ascending), or values.length. */
function firstAbove(values: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] > v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Rows in the runs before each run: cumulative[r] = Σ weights[0..r-1]; computed once per factor. */
function cumulativeWeights(f: PreparedFactor): Float64Array {
  if (f.cumulative) return f.cumulative;
  const { weights } = f.runs;
  const cumulative = new Float64Array(weights.length + 1);
  for (let r = 0; r < weights.length; r++) cumulative[r + 1] = cumulative[r] + weights[r];
  f.cumulative = cumulative;
  return cumulative;
}

/**
 * The class code of every row from the classes of the runs.
 *
 * @example
 * const f = prepareNumericFactor([3, 1, 2], "x");
 * codesOfRuns(f, Int32Array.from([0, 0, 1])); // => Int32Array [1, 0, 0]
 */
export function codesOfRuns(f: PreparedFactor, runClass: Int32Array): Int32Array {
  const rank = runRanks(f);
  const codes = new Int32Array(f.n);
  for (let i = 0; i < f.n; i++) codes[i] = runClass[rank[i]];
  return codes;
}

/**
 * The run (index into f.runs.values) of each row, by binary search; computed once per factor.
 *
 * @example
 * runRanks(prepareNumericFactor([3, 1, 3, 2], "x")); // => Int32Array [2, 0, 2, 1]
 */
export function runRanks(f: PreparedFactor): Int32Array {
  if (f.rank) return f.rank;
  const { values } = f.runs;
  const rank = new Int32Array(f.n);
  for (let i = 0; i < f.n; i++) {
    const v = f.x[i];
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  f.rank = rank;
  return rank;
}

/** Strata for GEOQ and GEODETECTOR's "auto": categorical levels, or natural-breaks classes. */
export interface AutoStrata {
  codes: Int32Array;
  L: number;
  kind: "categorical" | "natural";
  /** Natural breaks (kind "natural"). */
  breaks?: number[];
  /** levels[code] (kind "categorical"). */
  levels?: Array<string | number>;
  /** The kind decision (factorKind, M8) and why. */
  decision: FactorKindDecision;
  warnings: string[];
}

/**
 * Strata of a factor by the M8 kind rule (factorKind: declared kind, text, then whole numbers
 * with at most 10 levels and fewer than n/2 levels are categorical): each distinct value a
 * stratum (encodeStrata), or natural breaks into k classes (M9), k lowered to the number of
 * distinct values if needed. Text cells in a numeric factor (`n/a`) are an error naming them.
 *
 * @example
 * autoStrata(["a", "b", "a"]).kind; // => "categorical"
 * autoStrata(Array.from({ length: 50 }, (_, i) => i), { k: 3 }).breaks; // => [0, 15, 32, 49]
 */
export function autoStrata(
  x: ArrayLike<unknown>,
  options: { k?: number; argument?: string; declared?: "numeric" | "categorical" | null; rowLabel?: (row: number) => string } = {},
): AutoStrata {
  const argument = options.argument ?? "x";
  let k = assertClassCount(options.k ?? DEFAULT_K, "k");
  if (!x || x.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const decision = factorKind(x, { declared: options.declared, argument });
  if (decision.kind === "numeric") {
    if (decision.textRows.length > 0) throw textInNumericFactor(x, decision.textRows, argument, options.rowLabel);
    const v = finiteVector(x, argument);
    const runs = valueRuns(v.slice().sort());
    checkDistinct(runs, 2, argument);
    const warnings: string[] = [];
    const m = runs.values.length;
    if (k > m) {
      warnings.push(`k = ${k} lowered to ${m}: ${argument} has only ${m} distinct values`);
      k = m;
    }
    const nb = naturalBreaksOfRuns(runs, [k])[0];
    const { codes } = classify(v, nb.breaks, { argument });
    return { codes, L: k, kind: "natural", breaks: nb.breaks, decision, warnings };
  }
  const s = encodeStrata(x, argument);
  return { codes: s.codes, L: s.L, kind: "categorical", levels: s.levels, decision, warnings: [] };
}

// ---------------------------------------------------------------------------------------------
// Shared by discretize and optimalDiscretization: a factor validated and sorted once.

/** A numeric factor validated and sorted once, reused across methods and k. */
export interface PreparedFactor {
  argument: string;
  x: Float64Array;
  sorted: Float64Array;
  runs: ValueRuns;
  n: number;
  min: number;
  max: number;
  /** R's mean(x) and sd(x) (n - 1), for the sd method. */
  mean: number;
  sd: number;
  /** Natural breaks already computed, by k. */
  natural: Map<number, NaturalBreaksResult>;
  /** The run of each row (runRanks), once computed. */
  rank?: Int32Array;
  /** Rows before each run (classifyRuns), once computed. */
  cumulative?: Float64Array;
}

/**
 * Validate (finite numbers, not constant) and sort a numeric factor once.
 *
 * @example
 * prepareNumericFactor([3, 1, 2], "x").sorted; // => Float64Array [1, 2, 3]
 */
export function prepareNumericFactor(x: ArrayLike<unknown>, argument: string): PreparedFactor {
  const v = finiteVector(x, argument);
  const sorted = v.slice().sort();
  const runs = valueRuns(sorted);
  const n = v.length;
  if (runs.values.length < 2)
    throw new CoordError("CONSTANT", `${argument} is constant (every value is ${runs.values[0]}); it cannot be divided into classes`, {
      argument,
    });
  // Mean as R computes it: sum / n, then one refinement pass; Neumaier sums stand in for R's
  // long double accumulator.
  const m0 = neumaier(v, 0) / n;
  const mean = m0 + neumaier(v, m0) / n;
  // sd with the deviations scaled by a power of two (exact: the same bits as unscaled wherever
  // that does not overflow or underflow), so that a value ~1e154 from the mean or a spread
  // ~1e-162 still gives a finite, positive sd (unscaled, d² overflows to NaN or underflows to 0)
  const reach = Math.max(mean - sorted[0], sorted[n - 1] - mean);
  const scale = Number.isFinite(reach) && reach > 0 ? Math.pow(2, Math.floor(Math.log2(reach))) : 1;
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = (v[i] - mean) / scale;
    const t = ss + d * d;
    comp += Math.abs(ss) >= d * d ? ss - t + d * d : d * d - t + ss;
    ss = t;
  }
  const sd = n > 1 ? Math.sqrt((ss + comp) / (n - 1)) * scale : 0;
  return { argument, x: v, sorted, runs, n, min: sorted[0], max: sorted[n - 1], mean, sd, natural: new Map() };
}

/** Σ (x - shift) with Neumaier compensation. */
function neumaier(x: Float64Array, shift: number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] - shift;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Breaks of one method, with notes; `repeated` when distinct breaks had to be dropped. */
export interface MethodBreaks {
  breaks: number[];
  warnings: string[];
  repeated: boolean;
}

/**
 * Breaks of a prepared factor for one method and k (k already checked against the number of
 * distinct values). Throws CoordError for a method that cannot apply (geometric with x ≤ 0).
 *
 * @example
 * breaksFor(prepareNumericFactor([1, 2, 3, 4, 5], "x"), "equal", 2).breaks; // => [1, 3, 5]
 */
export function breaksFor(f: PreparedFactor, method: DiscretizeMethod, k: number): MethodBreaks {
  switch (method) {
    case "equal":
      return { breaks: equalBreaks(f.min, f.max, k, f.argument), warnings: [], repeated: false };
    case "quantile":
      return quantileBreaks(f, k);
    case "natural": {
      let nb = f.natural.get(k);
      if (!nb) {
        nb = naturalBreaksOfRuns(f.runs, [k])[0];
        f.natural.set(k, nb);
      }
      // BAMMtools' convention (breaks = class upper values) repeats the minimum when the first
      // class holds only the minimum; GD::optidisc skips such a candidate as repeated breaks.
      const repeated = nb.breaks[1] === nb.breaks[0];
      const warnings = repeated ? [`natural, k = ${k}: class 1 holds only the minimum ${nb.breaks[0]} (the first two breaks repeat)`] : [];
      return { breaks: nb.breaks.slice(), warnings, repeated };
    }
    case "geometric":
      return { breaks: geometricBreaks(f, k), warnings: [], repeated: false };
    case "sd":
      return sdBreaks(f, k);
  }
}

/** R's seq(min, max, length.out = k + 1): min + i·((max - min)/k), the last one exactly max. */
function equalBreaks(min: number, max: number, k: number, argument = "x"): number[] {
  const by = (max - min) / k;
  if (!Number.isFinite(by) || !(by > 0))
    throw new CoordError(
      "UNDEFINED",
      `${argument}: the range ${min} to ${max} is too ${Number.isFinite(by) ? "narrow" : "large"} to compute equal intervals with`,
      { argument },
    );
  const b = new Array<number>(k + 1);
  b[0] = min;
  for (let i = 1; i < k; i++) b[i] = min + i * by;
  b[k] = max;
  return b;
}

/** Distinct type-7 quantiles at probabilities seq(0, 1, length.out = m + 1). */
function distinctQuantiles(sorted: Float64Array, m: number): number[] {
  const by = 1 / m;
  const out: number[] = [sorted[0]];
  for (let i = 1; i <= m; i++) {
    const q = i === m ? sorted[sorted.length - 1] : quantileSorted(sorted, i * by);
    if (q !== out[out.length - 1]) out.push(q);
  }
  return out;
}

/** Finest probability grid GD's repeated-quantile rule may try before giving up. */
const QUANTILE_MAX_GRID = 2000;

/**
 * Type-7 quantile breaks at probabilities 0, 1/k, ..., 1 (M9). When breaks repeat (many equal
 * values), GD's rule (MethodQuantile, GD 10.8): the distinct quantiles of the first finer grid
 * 1/m, m = k+1, k+2, ..., that gives at least k + 1 distinct breaks; failing that, the distinct
 * breaks of the k grid.
 */
function quantileBreaks(f: PreparedFactor, k: number): MethodBreaks {
  const first = distinctQuantiles(f.sorted, k);
  if (first.length === k + 1) return { breaks: first, warnings: [], repeated: false };
  const limit = Math.min(QUANTILE_MAX_GRID, Math.max(k + 1, f.n - 1));
  for (let m = k + 1; m <= limit; m++) {
    const b = distinctQuantiles(f.sorted, m);
    if (b.length >= k + 1) {
      const got = b.length - 1;
      return {
        breaks: b,
        warnings: [
          `quantile, k = ${k}: the quantiles at 0, 1/${k}, ..., 1 repeat (${f.argument} has many equal values); ` +
            `used the ${b.length} distinct quantiles at steps of 1/${m} instead (GD's rule), giving ${got} classes`,
        ],
        repeated: false,
      };
    }
  }
  return {
    breaks: first,
    warnings: [
      `quantile, k = ${k}: the quantiles repeat (${f.argument} has many equal values); used the ${first.length} distinct ones, ` +
        `giving ${first.length - 1} classes`,
    ],
    repeated: true,
  };
}

/**
 * Geometric intervals: breaks min·r^i, r = (max/min)^(1/k), so each class is r times wider
 * than the one below (M9). Needs every x > 0. (GD 10.8 instead spaces x + 1 geometrically with
 * k - 1 classes, and mirrors negative ranges; see the report.)
 */
function geometricBreaks(f: PreparedFactor, k: number): number[] {
  if (f.min <= 0) {
    let row = 0;
    while (f.x[row] > 0) row++;
    throw new CoordError(
      "NEGATIVE",
      `${cellLabel(f.argument, row)}: ${f.x[row]} is not positive; geometric intervals need every value > 0 ` +
        `(the breaks are min·r^i with r = (max/min)^(1/k)). Shift the factor or use another method`,
      { argument: f.argument, row },
    );
  }
  const r = Math.pow(f.max / f.min, 1 / k);
  if (!Number.isFinite(r) || !(r > 1))
    throw new CoordError(
      "UNDEFINED",
      `${f.argument}: the ratio max/min (${f.max}/${f.min}) is too large to compute geometric intervals with; use another method`,
      {
        argument: f.argument,
      },
    );
  const b = new Array<number>(k + 1);
  b[0] = f.min;
  for (let i = 1; i < k; i++) b[i] = f.min * Math.pow(r, i);
  b[k] = f.max;
  // Rounding can never push an inner break out of order for r > 1, but guard anyway.
  for (let i = 1; i <= k; i++) if (!(b[i] > b[i - 1])) b[i] = b[i - 1];
  return b;
}

/**
 * Standard-deviation breaks, GD 10.8's rule (MethodSd): breaks at mean ± j·sd/2 (m ≤ 7) or at
 * mean ± j·sd/4 (m ≥ 8), offsets j from the lattice of the trial m, kept strictly inside
 * (min, max); m = k + 1, k + 2, ... until there are at least k + 1 breaks with min and max.
 * The result can have more classes than k (a finer lattice adds two breaks at once).
 */
function sdBreaks(f: PreparedFactor, k: number): MethodBreaks {
  const { mean, sd, min, max } = f;
  const reach = Math.max(mean - min, max - mean);
  // non-finite intermediates (values near ±1e308: the mean or the range overflows) are an error,
  // never an endless search for breaks
  if (!Number.isFinite(mean) || !Number.isFinite(reach) || !Number.isFinite(sd) || !(sd > 0))
    throw new CoordError(
      "UNDEFINED",
      `${f.argument}: the values (${min} to ${max}) are too large to compute standard-deviation breaks with ` +
        `(the ${Number.isFinite(mean) ? (Number.isFinite(reach) ? "standard deviation" : "range") : "mean"} is not a finite positive number); use another method`,
      { argument: f.argument },
    );
  let itv: number[] = [];
  // m = k + 1, k + 2, ...: bounded (SD_MAX_TRIALS); the lattice leaves the data range long before
  for (let m = k + 1; m <= k + SD_MAX_TRIALS; m++) {
    // seqb = (m - 1) - seq(2000, 2, -2), kept ≥ 0: m - 3, m - 5, ..., ascending.
    const seqb: number[] = [];
    for (let s = (m - 1) % 2 === 0 ? 0 : 1; s <= m - 3; s += 2) seqb.push(s);
    const div = m <= 7 ? 2 : 4;
    const lower: number[] = [];
    for (let t = seqb.length - 1; t >= 0; t--) {
      const v = mean - (seqb[t] / div) * sd;
      if (v > min) lower.push(v);
    }
    const upper: number[] = [];
    for (let t = 0; t < seqb.length; t++) {
      const v = mean + (seqb[t] / div) * sd;
      if (v < max) upper.push(v);
    }
    const inner: number[] = [];
    for (const v of lower.concat(upper)) if (inner.length === 0 || inner[inner.length - 1] !== v) inner.push(v);
    itv = [min, ...inner, max];
    if (itv.length >= k + 1) {
      const warnings: string[] = [];
      if (itv.length !== k + 1) warnings.push(`sd, k = ${k}: GD's standard-deviation rule gives ${itv.length - 1} classes (steps of sd/${m <= 7 ? 2 : 4})`);
      return { breaks: itv, warnings, repeated: false };
    }
    // GD loops for ever when the quarter-sd lattice cannot supply k + 1 breaks; stop once the
    // lattice of both parities has left the data range.
    if (m > 8 && ((m - 4) / 4) * sd > reach) break;
  }
  return {
    breaks: itv,
    warnings: [`sd, k = ${k}: steps of sd/4 inside the range of ${f.argument} give only ${itv.length - 1} classes`],
    repeated: false,
  };
}

/** Upper bound of the trial lattices of sdBreaks (the range-exit stops it far earlier on any data). */
const SD_MAX_TRIALS = 4096;

/** "[a, b]" for the first class, "(a, b]" for the others. */
export function intervalLabel(breaks: ArrayLike<number>, h: number): string {
  return `${h === 0 ? "[" : "("}${breaks[h]}, ${breaks[h + 1]}]`;
}
