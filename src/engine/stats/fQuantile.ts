import { betainc } from "./special";
import { gammaln } from "./special";
import { CoordError } from "../errors";

/**
 * Quantile of the central F distribution: the f with P(F(d1, d2) ≤ f) = prob (R's qf), e.g.
 * F_0.9(N - 1, N - 1), the critical value of the GD ecological rule (METHODS.md M8).
 *
 * Computed by inverting the regularized incomplete beta that fUpperP uses: the lower tail is
 * I_z(d1/2, d2/2) with z = d1 f / (d1 f + d2). We solve for z when prob ≤ 1/2 and for
 * 1 - z = d2 / (d1 f + d2) otherwise (so that neither tail loses digits), by Newton steps
 * safeguarded by a shrinking bisection bracket; the result is accurate to a few ulps.
 *
 * @example
 * fQuantile(0.9, 184, 184); // => 1.2085 (R: qf(0.9, 184, 184))
 */
export function fQuantile(prob: number, d1: number, d2: number): number {
  if (!(prob >= 0 && prob <= 1)) throw new CoordError("OPTION", `prob must be a probability in [0, 1]; got ${prob}`, { argument: "prob" });
  if (!(d1 > 0) || !Number.isFinite(d1)) throw new CoordError("OPTION", `d1 must be a positive number of degrees of freedom; got ${d1}`, { argument: "d1" });
  if (!(d2 > 0) || !Number.isFinite(d2)) throw new CoordError("OPTION", `d2 must be a positive number of degrees of freedom; got ${d2}`, { argument: "d2" });
  if (prob === 0) return 0;
  if (prob === 1) return Infinity;
  const a = d1 / 2;
  const b = d2 / 2;
  // z = d1 f / (d1 f + d2) has P(F ≤ f) = I_z(a, b) and P(F > f) = I_{1-z}(b, a): solve for z, or
  // for w = 1 - z when z > 1/2, so that the small one of the two carries the digits
  const lowerTail = prob <= 0.5;
  const target = lowerTail ? prob : 1 - prob;
  const z = invertBeta(target, a, b, !lowerTail);
  if (z <= 0.5) return (d2 * z) / (d1 * (1 - z));
  const w = invertBeta(target, b, a, lowerTail);
  return (d2 * (1 - w)) / (d1 * w);
}

/** The z in (0, 1) with I_z(a, b) = target (upper: 1 - I_z(a, b) = target): safeguarded Newton. */
function invertBeta(target: number, a: number, b: number, upper: boolean): number {
  const lnB = gammaln(a) + gammaln(b) - gammaln(a + b);
  const sign = upper ? -1 : 1; // the lower tail increases in z, the upper decreases
  let lo = 0;
  let hi = 1;
  let z = a / (a + b); // the mean: a sensible start
  for (let it = 0; it < 2000; it++) {
    const F = sign * (betainc(z, a, b, true, upper) - target);
    if (F === 0) return z;
    if (F > 0) hi = z;
    else lo = z;
    const density = Math.exp((a - 1) * Math.log(z) + (b - 1) * Math.log1p(-z) - lnB);
    let next = z - F / density;
    // outside the bracket: bisect (geometrically near 0 or 1, where the root can be tiny)
    if (!(next > lo && next < hi)) {
      if (lo === 0) next = hi < 1e-3 ? hi * 1e-3 : hi / 2;
      else if (hi === 1) next = lo > 1 - 1e-3 ? 1 - (1 - lo) * 1e-3 : (1 + lo) / 2;
      else next = lo > 0 && hi / lo > 4 ? Math.sqrt(lo * hi) : (lo + hi) / 2;
    }
    if (Math.abs(next - z) <= 2 * Number.EPSILON * z) return next;
    z = next;
  }
  return z;
}
