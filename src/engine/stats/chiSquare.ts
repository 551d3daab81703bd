import { gammaln } from "./special";

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a): the power series of P for
 * x < a + 1 (then Q = 1 − P, which is not small there), else the continued fraction of Q by the
 * modified Lentz method, so that tiny upper tails keep their digits.
 *
 * @example
 * gammaQ(1, 2); // => 0.1353352832366127
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const lnPrefix = -x + a * Math.log(x) - gammaln(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let k = 0; k < 10000; k++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
    }
    return 1 - sum * Math.exp(lnPrefix);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-17) break;
  }
  return Math.exp(lnPrefix) * h;
}

/**
 * Upper tail P(χ²_dof > x) of the chi-square distribution, computed directly as Q(dof/2, x/2)
 * (not 1 − cdf): the p-value of the Q and LR homogeneity tests (M14).
 *
 * @example
 * chiSquareUpperP(3.841458820694124, 1); // => 0.05
 */
export function chiSquareUpperP(x: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(x)) return NaN;
  return gammaQ(dof / 2, x / 2);
}
