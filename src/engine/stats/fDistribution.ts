import { betainc } from "./special";

/**
 * Upper tail of the central F distribution: P(F(d1, d2) > f), computed directly as
 * I_{d2/(d2 + d1 f)}(d2/2, d1/2) so that tiny p-values keep their digits.
 *
 * @example
 * fUpperP(3.708, 3, 10); // => 0.0500
 */
export function fUpperP(f: number, d1: number, d2: number): number {
  if (!(d1 > 0) || !(d2 > 0) || Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (!Number.isFinite(f)) return 0;
  return betainc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2, true, false);
}
