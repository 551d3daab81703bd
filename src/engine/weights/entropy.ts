import { CoordError } from "../errors";
import { assertFinite } from "../validate";
import { MIN_NORMAL, ln, lnNormal } from "../stats/ln";
import { PeriodLabel, StandardizeOptions, assertKnownOptions, columnRef, columnText, poolMinMax, standardizeInputs } from "../standardize";
import { prepareZ } from "./prepare";
import { WeightPool, WeightsGlobal, WeightsPerPeriod, WeightsResult } from "./result";

export interface EntropyOptions extends StandardizeOptions {
  /**
   * true (default): `matrix` is raw data, standardized by M1 with the options above.
   * false: `matrix` is used as z as it is (must be ≥ 0; directions must all be "+"); e.g. to
   * reproduce pymcdm / scikit-criteria, which normalise the raw matrix.
   */
  standardize?: boolean;
  /** p_ij + ε before p·ln p (blog Stata recipe, e.g. 1e-10). */
  pEpsilon?: number;
  /** p·ln(p + ε) (pyDecision recipe, e.g. 1e-9). */
  logEpsilon?: number;
}

/** Entropy statistics of one pool of rows (all rows, or one period). */
export interface EntropyPool extends WeightPool {
  /** k = 1/ln(n). */
  k: number;
  /** Entropy e_j, divergence d_j = 1 - e_j; weights w_j = d_j / Σ d. */
  e: number[];
  d: number[];
  /** 0-based columns whose z sum to 0 in this pool: no information, e = 1, d = 0. */
  uninformative: number[];
}

/** Scope "global": one pool of all N·T rows. */
export type EntropyGlobalResult = WeightsGlobal<EntropyPool>;

/** Scope "per-period": weights per period; `weights` is their mean (the mean-of-periods option). */
export type EntropyPerPeriodResult = WeightsPerPeriod<EntropyPool>;

export type EntropyResult = WeightsResult<EntropyPool>;

const ENTROPY_KEYS = ["directions", "scope", "periods", "shift", "rescale", "constant", "columnNames", "standardize", "pEpsilon", "logEpsilon"] as const;

function entropyPool(
  z: number[][],
  rows: number[],
  period: PeriodLabel | null,
  pEps: number,
  logEps: number | null,
  zName: string,
  names: string[] | undefined,
): EntropyPool {
  const n = rows.length;
  const cols = z[rows[0]].length;
  const inPeriod = period === null ? "" : ` (period ${period})`;
  if (n < 2) throw new CoordError("TOO_FEW", `entropy weights need at least 2 rows per pool; ${n} row${inPeriod}`, { argument: "data", row: rows[0] });
  const k = 1 / Math.log(n); // M2: k = 1/ln(n), n = rows pooled
  if (pEps === 0 && logEps === null) {
    // Σ p ln p = (Σ z ln z)/S - ln S with S = Σ z (0·ln0 = 0): one pass, one log and no
    // division per cell (as entropyWeightsOnly); equal to the p-by-p sum up to rounding
    const sums = new Float64Array(cols);
    const zlnz = new Float64Array(cols);
    if (!zLogRows(z, rows, sums, zlnz)) throw negativeZ(z, rows, cols, zName, names);
    const h = new Float64Array(cols);
    for (let j = 0; j < cols; j++) h[j] = sums[j] === 0 ? 0 : zlnz[j] / sums[j] - Math.log(sums[j]);
    return finishPool(period, rows, k, sums, h);
  }
  const sums = columnSums(z, rows, cols);
  if (sums === null) throw negativeZ(z, rows, cols, zName, names);
  const h = entropySums(z, rows, sums, pEps, logEps);
  return finishPool(period, rows, k, sums, h);
}

/**
 * S_j += z and L_j += z ln z (0·ln0 = 0) over the pool's rows of z, row by row; false if some z
 * is negative (then the sums are incomplete).
 */
function zLogRows(z: ArrayLike<ArrayLike<number>>, rows: number[], sums: Float64Array, zlnz: Float64Array): boolean {
  const cols = sums.length;
  for (let r = 0; r < rows.length; r++) {
    const zi = z[rows[r]];
    for (let j = 0; j < cols; j++) {
      const v = zi[j];
      if (v < 0) return false;
      sums[j] += v;
      if (v > 0) zlnz[j] += v * ln(v);
    }
  }
  return true;
}

/** e, d and w of one pool from Σ z and Σ p ln p per column (M2); UNDEFINED when Σ d = 0. */
function finishPool(period: PeriodLabel | null, rows: number[], k: number, sums: Float64Array, h: Float64Array): EntropyPool {
  const n = rows.length;
  const cols = sums.length;
  const inPeriod = period === null ? "" : ` (period ${period})`;
  const e = new Array<number>(cols);
  const d = new Array<number>(cols);
  const uninformative: number[] = [];
  for (let j = 0; j < cols; j++) {
    if (sums[j] === 0) {
      // all z = 0: no information (treated as uniform p: e = 1, d = 0) instead of 0/0
      e[j] = 1;
      d[j] = 0;
      uninformative.push(j);
      continue;
    }
    e[j] = -k * h[j]; // M2: e_j = -k Σ p ln p
    // d_j = 1 - e_j; e ≤ 1 in exact arithmetic, so a negative d (rounding, or the ε options on a
    // near-uniform column) is clamped to 0 rather than giving a negative weight
    d[j] = Math.max(0, 1 - e[j]);
  }
  let sumD = 0;
  for (const v of d) sumD += v;
  if (!(sumD > 0))
    throw new CoordError("UNDEFINED", `entropy weights are undefined${inPeriod}: every indicator has e = 1 (no variation), so Σ d = 0`, { argument: "data" });
  const weights = d.map((v) => v / sumD); // M2: w_j = d_j / Σ d
  return { period, rows, n, k, e, d, weights, uninformative };
}

/**
 * Σ_i z_ij per column over the pool's rows (M2), row by row (each row is one array; the same
 * additions in the same row order as column by column); null if some z is negative.
 */
function columnSums(z: number[][], rows: number[], cols: number): Float64Array | null {
  const sums = new Float64Array(cols);
  let negative = false;
  for (const i of rows) {
    const zi = z[i];
    for (let j = 0; j < cols; j++) {
      const v = zi[j];
      if (v < 0) negative = true;
      sums[j] += v;
    }
  }
  return negative ? null : sums;
}

/**
 * Σ_i p_ij ln p_ij per column, p_ij = z_ij / Σ_i z_ij (M2; + ε with pEps; ln(p + ε) with logEps;
 * 0·ln0 = 0), row by row in row order; columns with Σ z = 0 are left at 0 (the caller sets e = 1).
 */
function entropySums(z: number[][], rows: number[], sums: Float64Array, pEps: number, logEps: number | null): Float64Array {
  const cols = sums.length;
  const h = new Float64Array(cols);
  // Σ z = 0 (no information) gives 0/0: those columns are skipped; 1/0 marks them for the loops
  const divisor = sums.map((s) => (s === 0 ? Infinity : s));
  for (const i of rows) {
    const zi = z[i];
    if (logEps === null) plnp(zi, divisor, pEps, h);
    else plnpEps(zi, divisor, pEps, logEps, h);
  }
  for (let j = 0; j < cols; j++) if (sums[j] === 0) h[j] = 0;
  return h;
}

/** h_j += p ln p for one row, p = z/Σz + pEps, 0·ln0 = 0 (M2); the hot loop (3M logs for 10⁵ x 30). */
function plnp(zi: ArrayLike<number>, divisor: Float64Array, pEps: number, h: Float64Array): void {
  for (let j = 0; j < divisor.length; j++) {
    const p = zi[j] / divisor[j] + pEps; // M2: p_ij = z_ij / Σ_i z_ij (option: + ε)
    if (p > 0) h[j] += p * Math.log(p); // 0·ln0 = 0
  }
}

/** h_j += p ln(p + ε) for one row (the logEpsilon option). */
function plnpEps(zi: ArrayLike<number>, divisor: Float64Array, pEps: number, logEps: number, h: Float64Array): void {
  for (let j = 0; j < divisor.length; j++) {
    const p = zi[j] / divisor[j] + pEps;
    h[j] += p * Math.log(p + logEps); // option: p ln(p + ε)
  }
}

/** The NEGATIVE error for the first negative z, column by column (the order the message has always used). */
function negativeZ(z: number[][], rows: number[], cols: number, zName: string, names: string[] | undefined): CoordError {
  for (let j = 0; j < cols; j++)
    for (const i of rows) {
      const v = z[i][j];
      if (v < 0)
        return new CoordError("NEGATIVE", `${zName} row ${i + 1}, ${columnText(names, j)}: ${v} is negative; entropy weights need z ≥ 0`, {
          argument: zName,
          row: i,
          column: columnRef(names, j),
        });
    }
  return new CoordError("NEGATIVE", `${zName}: a value is negative; entropy weights need z ≥ 0`, { argument: zName });
}

/** The pEpsilon / logEpsilon options checked: pEps (0 when unset) and logEps (null when unset). */
function checkEpsilons(options: EntropyOptions): { pEps: number; logEps: number | null } {
  let pEps = 0;
  let logEps: number | null = null;
  if (options.pEpsilon !== undefined) {
    pEps = assertFinite(options.pEpsilon, "pEpsilon");
    if (!(pEps > 0)) throw new CoordError("OPTION", `pEpsilon must be > 0; got ${pEps}`, { argument: "pEpsilon" });
  }
  if (options.logEpsilon !== undefined) {
    logEps = assertFinite(options.logEpsilon, "logEpsilon");
    if (!(logEps > 0)) throw new CoordError("OPTION", `logEpsilon must be > 0; got ${logEps}`, { argument: "logEpsilon" });
    if (pEps !== 0) throw new CoordError("OPTION", `pEpsilon and logEpsilon cannot be combined: choose one`, { argument: "logEpsilon" });
  }
  return { pEps, logEps };
}

/**
 * Entropy weights (METHODS.md M2): p_ij = z_ij / Σ_i z_ij, e_j = -k Σ_i p_ij ln p_ij with
 * 0·ln0 = 0 and k = 1/ln(n) (n = rows pooled: N·T global, N per period), d_j = 1 - e_j,
 * w_j = d_j / Σ d. z is M1 min-max with directions (or the matrix itself, standardize: false).
 *
 * @example
 * entropyWeights([[0, 1], [0.5, 0.2], [1, 0.6]], { standardize: false }).weights; // =>
 * // [0.740753, 0.259247]
 */
export function entropyWeights(matrix: ArrayLike<ArrayLike<unknown>>, options: EntropyOptions = {}): EntropyResult {
  assertKnownOptions(options, ENTROPY_KEYS, "entropyWeights");
  const { pEps, logEps } = checkEpsilons(options);
  const prep = prepareZ(matrix, options, "entropyWeights");
  const zName = options.standardize === false ? "data" : "z";
  const pools = prep.pools.map((g) => entropyPool(prep.z, g.rows, g.period, pEps, logEps, zName, prep.names));
  const base = { z: prep.z, zUnshifted: prep.zUnshifted, directions: prep.directions, pools };
  if (prep.scope === "global") {
    const p = pools[0];
    return { ...base, scope: "global", n: p.n, k: p.k, e: p.e, d: p.d, weights: p.weights, uninformative: p.uninformative };
  }
  return { ...base, scope: "per-period", weights: meanWeights(pools) };
}

/** Mean over periods of the per-period weights (the mean-of-periods option). */
function meanWeights(pools: EntropyPool[]): number[] {
  const cols = pools[0].weights.length;
  const weights = new Array<number>(cols).fill(0);
  for (const p of pools) for (let j = 0; j < cols; j++) weights[j] += p.weights[j];
  for (let j = 0; j < cols; j++) weights[j] /= pools.length; // option: mean of per-period weights
  return weights;
}

/** entropyWeights' result without the z matrices: weights, e, d, k, n and the pools. */
export type EntropyWeightsOnlyResult = Omit<EntropyGlobalResult, "z" | "zUnshifted"> | Omit<EntropyPerPeriodResult, "z" | "zUnshifted">;

/**
 * Entropy weights without materialising z: the same options, checks and messages as
 * `entropyWeights`, and its numbers up to rounding (within 1e-12 relative in the tests), minus the
 * `z` and `zUnshifted` matrices, for callers that only need the weights (and e, d). For 10⁵ x 30
 * this avoids 2·10⁵ row arrays (and their GC) and all per-cell divisions.
 *
 * With S_j = Σ_i z_ij and p = z/S, Σ_i p ln p = (1/S_j) Σ_i z ln z - ln S_j (0·ln0 = 0), so two
 * row-by-row passes over the raw rows per pool suffice: the finite check with min and max, then
 * S and Σ z ln z with z = (x - min)/r (benefit) or (max - x)/r (cost) computed on the fly as
 * (x - lo)·(±1/r), one log per cell. S ≥ 1 (the row at the max has z = 1), so ln S does not
 * cancel Σ p ln p away. The identity needs plain min-max z: with shift, rescale, pEpsilon,
 * logEpsilon, standardize: false, a constant column, a pool of < 2 rows, rows that are not arrays
 * of finite numbers, or a column range outside [2^-1000, 2^1000], this is `entropyWeights` itself
 * (minus z), which also throws the errors. The option checks are the same, in the same order.
 * `checked`: the column minima and maxima of rows already known to be arrays of finite numbers
 * (readMatrix's `range`), which saves the first pass; with their column-major copy
 * (CheckedRows.columns) the second pass reads that instead of the rows (the same sums, bit for
 * bit; ~2x faster for 10⁵ x 30, bench/NOTES.md).
 *
 * @example
 * entropyWeightsOnly([[1, 10], [2, 30], [4, 20]], { directions: ["+", "-"] }).weights; // =>
 * // [0.5, 0.5] (entropyWeights' weights, without z)
 */
export function entropyWeightsOnly(matrix: ArrayLike<ArrayLike<unknown>>, options: EntropyOptions = {}, checked?: CheckedRows): EntropyWeightsOnlyResult {
  return entropyWeightsWithRanges(matrix, options, checked).result;
}

/**
 * What a reader already knows of the rows (readMatrix's MatrixRead.range): every row is an array
 * of `cols` finite numbers with these column minima and maxima; `columns`, when given, holds the
 * same numbers column by column (column j of row i at j·rows + i; at least rows·cols values), the
 * order the entropy sums read fastest.
 */
export interface CheckedRows {
  min: Float64Array;
  max: Float64Array;
  columns?: Float64Array;
}

/** Column minima and maxima of one pool of rows. */
export interface PoolRange {
  min: ArrayLike<number>;
  max: ArrayLike<number>;
}

/**
 * @internal entropyWeightsOnly, with the column minima and maxima of each pool it found on the
 * way (null when it took entropyWeights' path), e.g. for the composite index on the fly
 * (compositeOfRows) without another pass for them.
 */
export function entropyWeightsWithRanges(
  matrix: ArrayLike<ArrayLike<unknown>>,
  options: EntropyOptions = {},
  checked?: CheckedRows,
): { result: EntropyWeightsOnlyResult; ranges: PoolRange[] | null } {
  const fullPath = (m: ArrayLike<ArrayLike<unknown>>, o: EntropyOptions) => ({ result: weightsOfFullPath(m, o), ranges: null });
  assertKnownOptions(options, ENTROPY_KEYS, "entropyWeights");
  const { pEps, logEps } = checkEpsilons(options);
  const plain =
    (options.standardize === undefined || options.standardize === true) &&
    pEps === 0 &&
    logEps === null &&
    options.rescale === undefined &&
    (options.shift === undefined || options.shift === 0);
  if (!plain || !matrix || matrix.length === 0) return fullPath(matrix, options);
  const cols = matrix[0] ? matrix[0].length : 0;
  // first the cells (the first check of standardize that reads them), with the global min and max
  // `checked` (the reader's MatrixRead.range): every row is known to be an array of `cols` finite
  // numbers with these column minima and maxima, so the pass that finds them is saved
  const global: CheckedRows | null = checked && checked.min.length === cols && cols > 0 ? checked : finiteMinMax(matrix, cols);
  if (global === null) return fullPath(matrix, options); // the NOT_NUMERIC / MISSING / LENGTH error
  const inp = standardizeInputs(matrix, options, true);
  const x = inp.x;
  const pools: EntropyPool[] = [];
  const ranges: PoolRange[] = [];
  for (const g of inp.groups) {
    const { min, max } = inp.groups.length === 1 ? global : poolMinMax(x, g.rows, cols);
    ranges.push({ min, max });
    if (g.rows.length < 2) return fullPath(matrix, options); // TOO_FEW (or CONSTANT first)
    const lo = new Float64Array(cols);
    const scale = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      const range = max[j] - min[j];
      if (range === 0) return fullPath(matrix, options); // CONSTANT, or constant 0/1 columns
      // 1/r must be finite and normal (a range of Infinity, or beyond 2^±1000: the full path)
      if (!(range >= Z_MIN_RANGE && range <= Z_MAX_RANGE)) return fullPath(matrix, options);
      const benefit = inp.directions[j] === "+";
      lo[j] = benefit ? min[j] : max[j];
      scale[j] = benefit ? 1 / range : -1 / range; // (x - max)·(-1/r) = (max - x)/r up to rounding
    }
    const sums = new Float64Array(cols); // S_j = Σ z
    const zlnz = new Float64Array(cols); // Σ z ln z
    // the column-major copy serves the one pool of all rows (the same sums, bit for bit)
    const columns = inp.groups.length === 1 && global.columns && global.columns.length >= x.length * cols ? global.columns : null;
    if (columns) zLogColumns(columns, x.length, lo, scale, sums, zlnz);
    else zLogSums(x, g.rows, lo, scale, sums, zlnz);
    const h = new Float64Array(cols);
    for (let j = 0; j < cols; j++) h[j] = zlnz[j] / sums[j] - Math.log(sums[j]); // Σ p ln p; S ≥ 1 (max z = 1)
    pools.push(finishPool(g.period, g.rows, 1 / Math.log(g.rows.length), sums, h));
  }
  const directions = inp.directions;
  if (inp.scope === "global") {
    const p = pools[0];
    return {
      result: { directions, pools, scope: "global", n: p.n, k: p.k, e: p.e, d: p.d, weights: p.weights, uninformative: p.uninformative },
      ranges,
    };
  }
  return { result: { directions, pools, scope: "per-period", weights: meanWeights(pools) }, ranges };
}

/** Bounds on a column's range for z = (x - min)·(1/r) (see entropyWeightsOnly). */
const Z_MIN_RANGE = 2 ** -1000;
const Z_MAX_RANGE = 2 ** 1000;

function weightsOfFullPath(matrix: ArrayLike<ArrayLike<unknown>>, options: EntropyOptions): EntropyWeightsOnlyResult {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { z, zUnshifted, ...rest } = entropyWeights(matrix, options);
  return rest;
}

/**
 * Column minima and maxima row by row (the comparisons of poolMinMax, in its order), or null
 * unless every row is an array of `cols` (≥ 1) finite numbers.
 */
function finiteMinMax(matrix: ArrayLike<ArrayLike<unknown>>, cols: number): { min: Float64Array; max: Float64Array } | null {
  if (cols === 0) return null;
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  for (let i = 0; i < matrix.length; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== cols) return null;
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== "number" || v - v !== 0) return null; // v - v = 0 only for finite v
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  return { min, max };
}

/**
 * S_j += z and L_j += z ln z (0·ln0 = 0) over the pool's rows, z = (x - lo_j)·scale_j; the hot
 * loop: one log and no division per cell. Two rows at a time (two independent logarithms per
 * step, and one load and store of S_j and L_j for both; the terms are added in row order, so
 * the sums are those of the row-by-row loop, bit for bit). The loop takes lnNormal and skips
 * z below MIN_NORMAL (no call of Math.log in it: see lnNormal); a column that may have subnormal
 * z (normalBound) and has one is then summed again on its own with ln.
 */
function zLogSums(x: ArrayLike<ArrayLike<number>>, rows: number[], lo: Float64Array, scale: Float64Array, sums: Float64Array, zlnz: Float64Array): void {
  const cols = lo.length;
  const minNormal = MIN_NORMAL;
  let r = 0;
  for (; r + 1 < rows.length; r += 2) {
    const xi = x[rows[r]];
    const xk = x[rows[r + 1]];
    for (let j = 0; j < cols; j++) {
      const l = lo[j];
      const c = scale[j];
      const z = (xi[j] - l) * c;
      const y = (xk[j] - l) * c;
      const lz = z >= minNormal ? z * lnNormal(z) : 0;
      const ly = y >= minNormal ? y * lnNormal(y) : 0;
      // added one row after the other, as row by row: the same sums, bit for bit
      sums[j] = sums[j] + z + y;
      zlnz[j] = zlnz[j] + lz + ly;
    }
  }
  for (; r < rows.length; r++) {
    const xi = x[rows[r]];
    for (let j = 0; j < cols; j++) {
      const z = (xi[j] - lo[j]) * scale[j];
      sums[j] += z;
      if (z >= minNormal) zlnz[j] += z * lnNormal(z);
    }
  }
  for (let j = 0; j < cols; j++)
    if (!normalBound(lo[j], scale[j]) && subnormalZ(x, rows, j, lo[j], scale[j])) zLogColumnOfRows(x, rows, j, lo[j], scale[j], sums, zlnz);
}

/** True when some z = (x - l)·c of column j over the rows is subnormal (0 < z < MIN_NORMAL). */
function subnormalZ(x: ArrayLike<ArrayLike<number>>, rows: number[], j: number, l: number, c: number): boolean {
  for (let r = 0; r < rows.length; r++) {
    const z = (x[rows[r]][j] - l) * c;
    if (z !== 0 && z < MIN_NORMAL) return true;
  }
  return false;
}

/** S_j and Σ z ln z of column j over the rows, in row order, with ln (any z). */
function zLogColumnOfRows(x: ArrayLike<ArrayLike<number>>, rows: number[], j: number, l: number, c: number, sums: Float64Array, zlnz: Float64Array): void {
  let s = 0;
  let t = 0;
  for (let r = 0; r < rows.length; r++) {
    const z = (x[rows[r]][j] - l) * c;
    s += z;
    if (z > 0) t += z * ln(z);
  }
  sums[j] = s;
  zlnz[j] = t;
}

/**
 * True when every z = (x - l)·c ≠ 0 is at least MIN_NORMAL whatever x ≠ l of the column: a
 * double x ≠ l differs from l by at least the spacing of the doubles at l, more than |l|·2^-54
 * (|l| normal), so z ≥ |l|·2^-54·|c| (the roundings are monotone and the scaling by 2^-54 is
 * exact for |l| ≥ 2^-900). False for l = 0 or tiny, or a huge range: then the cells tell.
 */
function normalBound(l: number, c: number): boolean {
  const a = Math.abs(l);
  return a >= 2 ** -900 && a * 2 ** -54 * Math.abs(c) >= MIN_NORMAL;
}

/**
 * zLogSums over the column-major copy of all rows (CheckedRows.columns): each column's S and
 * Σ z ln z in scalars, the terms added in row order (the same sums as zLogSums, bit for bit). A
 * column whose z are all 0 or normal numbers (nearly every column: see normalTerms) takes
 * lnNormal, with no call of Math.log in its loop; any other, ln.
 */
function zLogColumns(columns: Float64Array, rows: number, lo: Float64Array, scale: Float64Array, sums: Float64Array, zlnz: Float64Array): void {
  for (let j = 0; j < lo.length; j++) {
    const start = j * rows;
    if (normalTerms(columns, start, start + rows, lo[j], scale[j])) zLogColumnNormal(columns, start, start + rows, lo[j], scale[j], sums, zlnz, j);
    else zLogColumnAny(columns, start, start + rows, lo[j], scale[j], sums, zlnz, j);
  }
}

/** True when every z = (x - l)·c of the column (columns[start..end)) is 0 or at least MIN_NORMAL (normalBound, else the cells). */
function normalTerms(columns: Float64Array, start: number, end: number, l: number, c: number): boolean {
  if (normalBound(l, c)) return true;
  for (let i = start; i < end; i++) {
    const z = (columns[i] - l) * c;
    if (z !== 0 && z < MIN_NORMAL) return false;
  }
  return true;
}

/** S_j and Σ z ln z of one column whose z are 0 or normal (normalTerms): lnNormal, z = 0 skipped (0·ln0 = 0). */
function zLogColumnNormal(columns: Float64Array, start: number, end: number, l: number, c: number, sums: Float64Array, zlnz: Float64Array, j: number): void {
  const minNormal = MIN_NORMAL;
  let s = 0;
  let t = 0;
  for (let i = start; i < end; i++) {
    const z = (columns[i] - l) * c;
    s += z;
    if (z >= minNormal) t += z * lnNormal(z);
  }
  sums[j] = s;
  zlnz[j] = t;
}

/** zLogColumnNormal for any column (subnormal z: ln, which hands them to Math.log). */
function zLogColumnAny(columns: Float64Array, start: number, end: number, l: number, c: number, sums: Float64Array, zlnz: Float64Array, j: number): void {
  let s = 0;
  let t = 0;
  for (let i = start; i < end; i++) {
    const z = (columns[i] - l) * c;
    s += z;
    if (z > 0) t += z * ln(z);
  }
  sums[j] = s;
  zlnz[j] = t;
}
