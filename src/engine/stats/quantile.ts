import { CoordError } from "../errors";
import { finiteVector } from "../validate";

/** Quantile definitions (Hyndman & Fan): 7 = R's default / numpy "linear"; 2 = R type 2 / numpy "averaged_inverted_cdf". */
export type QuantileType = 7 | 2;

export interface QuantileOptions {
  /** Hyndman–Fan type (default 7). */
  type?: QuantileType;
  /** Argument name used in error messages (default "values"). */
  argument?: string;
}

/**
 * Sample quantile at probability p in [0, 1]; type 7 (default) interpolates linearly between
 * order statistics at h = (n - 1)p, as R's `quantile` and numpy's "linear" method do (M7, M9).
 *
 * @example
 * quantile([1, 2, 3, 4], 0.25); // => 1.75
 * quantile([1, 2, 3, 4], 0.25, { type: 2 }); // => 1.5
 */
export function quantile(values: ArrayLike<unknown>, p: number, options: QuantileOptions = {}): number {
  const x = finiteVector(values, options.argument ?? "values");
  x.sort();
  return quantileSorted(x, p, options.type ?? 7);
}

/**
 * Quantile of already sorted, finite values (ascending; no copy, no validation of the values).
 *
 * @example
 * quantileSorted(Float64Array.from([1, 2, 3, 4]), 0.5); // => 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, type: QuantileType = 7): number {
  const n = sorted.length;
  if (n === 0) throw new CoordError("EMPTY", "values is empty", { argument: "values" });
  if (!(typeof p === "number" && p >= 0 && p <= 1)) throw new CoordError("OPTION", `p must be a probability in [0, 1]; got ${String(p)}`, { argument: "p" });
  if (type === 7) {
    // R's own arithmetic: index = 1 + (n - 1)p, then (1 - h)·x[lo] + h·x[hi], so that results
    // (e.g. quantile breaks) equal R's and GD's to the last bit.
    const index = 1 + (n - 1) * p;
    const lo = Math.floor(index);
    const a = sorted[lo - 1];
    const h = index - lo;
    if (lo >= n || h === 0) return a;
    const b = sorted[lo];
    return b === a ? a : (1 - h) * a + h * b;
  }
  if (type === 2) {
    // R type 2: inverse of the empirical cdf, averaging at the jumps.
    const np = n * p;
    const j = Math.floor(np);
    if (j <= 0) return sorted[0];
    if (j >= n) return sorted[n - 1];
    return np > j ? sorted[j] : (sorted[j - 1] + sorted[j]) / 2;
  }
  throw new CoordError("OPTION", `quantile type must be 7 or 2; got ${String(type)}`, { argument: "type" });
}
