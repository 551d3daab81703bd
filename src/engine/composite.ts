import { CoordError } from "./errors";
import { assertFinite, finiteMatrix } from "./validate";
import { assertKnownOptions, checkColumnNames, columnRef, columnText } from "./standardize";

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
