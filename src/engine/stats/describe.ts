import { CoordError } from "../errors";
import { finiteVector } from "../validate";

export interface Description {
  n: number;
  mean: number;
  variance: number;
  sd: number;
  min: number;
  max: number;
  ddof: number;
}

export interface DescribeOptions {
  /** Delta degrees of freedom of the variance denominator n - ddof (default 1). */
  ddof?: number;
  /** Argument name used in error messages (default "values"). */
  argument?: string;
}

/**
 * Sample description of a numeric vector: n, mean, variance and standard deviation with a
 * chosen ddof (delta degrees of freedom: 1 = sample, R's `sd`; 0 = population), min and max.
 * Uses the corrected two-pass algorithm, so large offsets (e.g. years, GDP) keep their digits.
 *
 * @example
 * describe([2, 4, 4, 4, 5, 5, 7, 9]); // =>
 * // { n: 8, mean: 5, variance: 4.571428571428571, sd: 2.138089935299395, min: 2, max: 9, ddof: 1 }
 * describe([2, 4, 4, 4, 5, 5, 7, 9], { ddof: 0 }).sd; // => 2
 */
export function describe(values: ArrayLike<unknown>, options: DescribeOptions = {}): Description {
  const argument = options.argument ?? "values";
  const ddof = options.ddof ?? 1;
  if (!Number.isInteger(ddof) || ddof < 0) throw new CoordError("OPTION", `ddof must be a non-negative integer; got ${ddof}`, { argument: "ddof" });
  const x = finiteVector(values, argument);
  if (x.length - ddof <= 0)
    throw new CoordError("TOO_FEW", `${argument} has ${x.length} value${x.length === 1 ? "" : "s"}; a variance with ddof ${ddof} needs at least ${ddof + 1}`, {
      argument,
    });
  let min = x[0];
  let max = x[0];
  for (let i = 1; i < x.length; i++) {
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
  }
  const m = mean(x);
  const v = variance(x, ddof, m);
  return { n: x.length, mean: m, variance: v, sd: Math.sqrt(v), min, max, ddof };
}

/**
 * Arithmetic mean (no validation: the caller passes finite numbers, at least one).
 * One refinement pass removes most of the rounding of the plain sum.
 *
 * @example
 * mean([1, 2, 3, 4]); // => 2.5
 */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  let m = s / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += x[i] - m;
  m += c / n;
  return m;
}

/**
 * Variance Σ(x - x̄)² / (n - ddof) by the corrected two-pass formula (no validation: the caller
 * passes finite numbers and n > ddof). `m` may pass a precomputed mean.
 *
 * @example
 * variance([2, 4, 4, 4, 5, 5, 7, 9], 0); // => 4
 */
export function variance(x: ArrayLike<number>, ddof = 1, m: number = mean(x)): number {
  const n = x.length;
  let ss = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    ss += d * d;
    c += d;
  }
  const v = (ss - (c * c) / n) / (n - ddof);
  return v < 0 ? 0 : v;
}

/**
 * Standard deviation √variance (no validation, as `variance`).
 *
 * @example
 * sd([2, 4, 4, 4, 5, 5, 7, 9], 0); // => 2
 */
export function sd(x: ArrayLike<number>, ddof = 1, m?: number): number {
  return Math.sqrt(variance(x, ddof, m));
}
