import { CoordError } from "./errors";
import { assertFinite, finiteMatrix } from "./validate";
import { assertKnownOptions, checkColumnNames, columnRef, columnText, poolMinMax } from "./standardize";

/** What a weighting method (entropyWeights, criticWeights) returns that M4 scoring needs. */
export interface Weighting {
  /** z the weights were computed on (after shift or rescale). */
  z: number[][];
  /** z before shift or rescale. */
  zUnshifted: number[][];
  /** The weights (per-period scope: the mean over periods). */
  weights: number[];
  /** Pools of rows with their own weights (one pool for global scope). */
  pools: { rows: number[]; weights: number[] }[];
}

export interface CompositeOptions {
  /** Column names for messages. */
  columnNames?: ArrayLike<string>;
}

export interface CompositeFromWeightingOptions {
  /** Score on the z the weights were computed on ("shifted", default, METHODS.md M4) or on z before shift/rescale. */
  scoreOn?: "shifted" | "unshifted";
  /** Per-period scope: score each period with its own weights ("own", default) or with their mean. */
  periodWeights?: "own" | "mean";
}

export interface CompositeResult {
  /** U(i) = Σ_j w_j z_ij, one per row. */
  U: number[];
  /** The weights applied to each row (one vector per row, shared between rows of a pool). */
  rowWeights: number[][];
}

/** How far the sum of given weights may be from 1: typed weights rounded to 6 decimals pass. */
export const WEIGHT_SUM_TOL = 1e-6;

/**
 * Given weights must be non-negative and sum to 1 (M4; else U leaves [0, 1] and the coupling
 * of the report and of COORD.CCD refuses it): a sum off by more than WEIGHT_SUM_TOL is refused,
 * naming the sum. Weights are not rescaled silently.
 */
export function checkWeightSum(w: ArrayLike<number>, argument: string): void {
  let sum = 0;
  for (let j = 0; j < w.length; j++) sum += w[j];
  if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOL))
    throw new CoordError(
      "OPTION",
      `${argument} sum to ${sum}; weights must sum to 1 (divide each by their sum${sum > 0 ? `, ${sum}` : ""}), so that U lies in [0, 1]`,
      { argument },
    );
}

function isWeighting(x: unknown): x is Weighting {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "weights" in x && "z" in x && "pools" in x;
}

function weightedSum(z: number[][], rows: number[], w: number[], U: number[], rowWeights: number[][]): void {
  for (const i of rows) {
    let s = 0;
    for (let j = 0; j < w.length; j++) s += w[j] * z[i][j]; // M4: U = Σ_j w_j z_ij
    U[i] = s;
    rowWeights[i] = w;
  }
}

/**
 * Composite index of a subsystem (METHODS.md M4): U(i) = Σ_j w_j z_ij over its indicators.
 * Either pass z and weights, or the result of entropyWeights / criticWeights (then each period
 * is scored with its own weights, on the shifted z unless `scoreOn: "unshifted"`).
 *
 * @example
 * compositeIndex([[0, 1], [0.5, 0.2]], [0.75, 0.25]).U; // => [0.25, 0.425]
 * // import { entropyWeights } from "./weights/entropy";
 * // compositeIndex(entropyWeights(x, { shift: 0.0001 }), { scoreOn: "unshifted" }).U: U on the unshifted z
 */
export function compositeIndex(z: ArrayLike<ArrayLike<unknown>>, weights: ArrayLike<unknown>, options?: CompositeOptions): CompositeResult;
export function compositeIndex(weighting: Weighting, options?: CompositeFromWeightingOptions): CompositeResult;
export function compositeIndex(
  a: ArrayLike<ArrayLike<unknown>> | Weighting,
  b?: ArrayLike<unknown> | CompositeFromWeightingOptions,
  c?: CompositeOptions,
): CompositeResult {
  if (isWeighting(a)) {
    const options = (b ?? {}) as CompositeFromWeightingOptions;
    assertKnownOptions(options, ["scoreOn", "periodWeights"], "compositeIndex");
    const scoreOn = options.scoreOn ?? "shifted";
    if (scoreOn !== "shifted" && scoreOn !== "unshifted")
      throw new CoordError("OPTION", `scoreOn must be one of shifted, unshifted; got '${String(scoreOn)}'`, {
        argument: "scoreOn",
      });
    const periodWeights = options.periodWeights ?? "own";
    if (periodWeights !== "own" && periodWeights !== "mean")
      throw new CoordError("OPTION", `periodWeights must be one of own, mean; got '${String(periodWeights)}'`, {
        argument: "periodWeights",
      });
    const z = scoreOn === "shifted" ? a.z : a.zUnshifted;
    const U = new Array<number>(z.length);
    const rowWeights = new Array<number[]>(z.length);
    for (const pool of a.pools) weightedSum(z, pool.rows, periodWeights === "own" ? pool.weights : a.weights, U, rowWeights);
    return { U, rowWeights };
  }

  const options = c ?? {};
  assertKnownOptions(options, ["columnNames"], "compositeIndex");
  if (!a || a.length === 0) throw new CoordError("EMPTY", `z is empty`, { argument: "z" });
  const cols = a[0] ? a[0].length : 0;
  const names = checkColumnNames(options.columnNames, cols);
  const z = finiteMatrix(a, "z", names);
  const wIn = b as ArrayLike<unknown> | undefined;
  if (!wIn || typeof wIn !== "object" || wIn.length === undefined) throw new CoordError("EMPTY", `weights are missing`, { argument: "weights" });
  if (wIn.length !== cols) throw new CoordError("LENGTH", `weights has ${wIn.length} values but z has ${cols} columns`, { argument: "weights" });
  const w = new Array<number>(cols);
  for (let j = 0; j < cols; j++) {
    w[j] = assertFinite(wIn[j], "weights", undefined, columnRef(names, j));
    if (w[j] < 0)
      throw new CoordError("NEGATIVE", `weights, ${columnText(names, j)}: ${w[j]} is negative`, {
        argument: "weights",
        column: columnRef(names, j),
      });
  }
  checkWeightSum(w, "weights");
  const U = new Array<number>(z.length);
  const rowWeights = new Array<number[]>(z.length);
  weightedSum(
    z,
    z.map((_, i) => i),
    w,
    U,
    rowWeights,
  );
  return { U, rowWeights };
}

/**
 * compositeIndex(entropyWeights(x, options)).U without the z matrix (METHODS.md M1, M4): for each
 * pool of rows its column min and max (`ranges`, or poolMinMax), then U(i) = Σ_j w_j z_ij with z
 * computed on the fly as standardize computes it — benefit (x - min)/(max - min), cost
 * (max - x)/(max - min), then + shift — and each pool's own weights: the same operations in the
 * same order, so the same U for the same weights. For a weighting that has checked x already
 * (entropyWeightsOnly: rows of finite numbers, no constant column): 10⁵ x 30 without 10⁵ row
 * arrays of z.
 *
 * @example
 * compositeOfRows([[1, 10], [2, 30], [4, 20]], ["+", "-"], [{ rows: [0, 1, 2], weights: [0.5, 0.5] }], 0); // =>
 * // [0.5, 0.16666666666666666, 0.75]
 */
export function compositeOfRows(
  x: ArrayLike<ArrayLike<number>>,
  directions: ArrayLike<string>,
  pools: { rows: number[]; weights: number[] }[],
  shift: number,
  ranges?: Array<{ min: ArrayLike<number>; max: ArrayLike<number> }>,
): number[] {
  const cols = directions.length;
  const U = new Array<number>(x.length).fill(0);
  pools.forEach((pool, p) => {
    const { min, max } = ranges ? ranges[p] : poolMinMax(x, pool.rows, cols);
    // z = (x - lo)/range for a benefit column, (hi - x)/range for a cost one: sign·(x - lo)/range
    // with (lo, sign) = (min, +1) or (max, -1) computes max - x as -(x - max), the same number
    const lo = new Float64Array(cols);
    const sign = new Float64Array(cols);
    const range = new Float64Array(cols);
    const w = Float64Array.from(pool.weights);
    for (let j = 0; j < cols; j++) {
      const benefit = directions[j] === "+";
      lo[j] = benefit ? min[j] : max[j];
      sign[j] = benefit ? 1 : -1;
      range[j] = max[j] - min[j];
    }
    weightedRows(x, pool.rows, lo, sign, range, w, shift, U);
  });
  return U;
}

/** U[i] = Σ_j w_j (sign_j·(x_ij - lo_j)/range_j + shift) over the rows (compositeOfRows' loop). */
function weightedRows(
  x: ArrayLike<ArrayLike<number>>,
  rows: number[],
  lo: Float64Array,
  sign: Float64Array,
  range: Float64Array,
  w: Float64Array,
  shift: number,
  U: number[],
): void {
  const cols = lo.length;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const row = x[i];
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const z = (sign[j] * (row[j] - lo[j])) / range[j] + shift; // M1 (+ δ); x + 0 = x
      s += w[j] * z; // M4: U = Σ_j w_j z_ij
    }
    U[i] = s;
  }
}
