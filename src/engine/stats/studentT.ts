import { betainc } from "./special";

/**
 * Two-sided p-value of Student's t: P(|T| > |t|) with `df` degrees of freedom (df may be
 * fractional, as Welch's df is). Computed as the regularized incomplete beta
 * I_{df/(df+t²)}(df/2, 1/2), accurate in the far tail (never 1 - cdf).
 *
 * @example
 * tTwoSidedP(2, 10); // => 0.073388
 */
export function tTwoSidedP(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return 0;
  return betainc(df / (df + t * t), df / 2, 0.5, true, false);
}
