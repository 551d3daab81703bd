import { CoordError } from "../errors";
import { finiteVector } from "../validate";
import { tTwoSidedP } from "./studentT";

/** Size, mean and sample variance (ddof 1) of one group. */
export interface GroupMoments {
  n: number;
  mean: number;
  variance: number;
}

/** Welch's two-sample t-test, or why it cannot be run. */
export interface WelchResult {
  /** t = (mean1 - mean2) / √(s1²/n1 + s2²/n2); null when `reason` is set. */
  t: number | null;
  /** Welch–Satterthwaite degrees of freedom, not rounded; null when no test is possible (see `reason`). */
  df: number | null;
  /** Two-sided p-value; null when `reason` is set. */
  pValue: number | null;
  /** Why no test was possible (a group of n < 2, both variances zero, values too large to compute with); absent otherwise. */
  reason?: string;
}

/**
 * Welch's unequal-variance t-test from group moments (METHODS.md M8, risk detector):
 * t = (ȳ1 - ȳ2)/√(s1²/n1 + s2²/n2), df = (s1²/n1 + s2²/n2)² / [(s1²/n1)²/(n1-1) + (s2²/n2)²/(n2-1)],
 * two-sided p. A group with n < 2, or a zero standard error, gives no test and a `reason`.
 *
 * @example
 * welchFromMoments({ n: 3, mean: 2, variance: 1 }, { n: 3, mean: 5, variance: 1 }); // =>
 * // { t: -3.674235, df: 4, pValue: 0.021312 }
 */
export function welchFromMoments(g1: GroupMoments, g2: GroupMoments): WelchResult {
  if (g1.n < 2 || g2.n < 2) {
    const which = g1.n < 2 ? "first" : "second";
    const n = g1.n < 2 ? g1.n : g2.n;
    return { t: null, df: null, pValue: null, reason: `the ${which} group has ${n} observation${n === 1 ? "" : "s"}; at least 2 are needed` };
  }
  const v1 = g1.variance / g1.n;
  const v2 = g2.variance / g2.n;
  const se2 = v1 + v2;
  if (!Number.isFinite(se2) || !Number.isFinite(g1.mean) || !Number.isFinite(g2.mean))
    return { t: null, df: null, pValue: null, reason: "the values are too large to compute with: the variance overflows" };
  if (!(se2 > 0)) return { t: null, df: null, pValue: null, reason: "both groups have zero variance: the standard error is 0" };
  const t = (g1.mean - g2.mean) / Math.sqrt(se2);
  // df from the variances scaled by the larger one, so that (s²/n)² can neither overflow nor
  // underflow (it made df NaN for spreads beyond ~1e±77)
  const s = Math.max(v1, v2);
  const r1 = v1 / s;
  const r2 = v2 / s;
  const df = ((r1 + r2) * (r1 + r2)) / ((r1 * r1) / (g1.n - 1) + (r2 * r2) / (g2.n - 1));
  if (!Number.isFinite(t)) return { t: null, df, pValue: null, reason: "the standard error is too small against the difference of the means to compute t" };
  return { t, df, pValue: tTwoSidedP(t, df) };
}

/**
 * Welch's t-test on two samples (numbers only; errors name the sample and row).
 *
 * @example
 * welchTTest([1, 2, 3], [4, 5, 6]); // => { t: -3.674235, df: 4, pValue: 0.021312 }
 */
export function welchTTest(x1: ArrayLike<unknown>, x2: ArrayLike<unknown>): WelchResult {
  const a = finiteVector(x1, "x1", 2);
  const b = finiteVector(x2, "x2", 2);
  const r = welchFromMoments(moments(a), moments(b));
  if (r.reason) throw new CoordError("CONSTANT", "x1 and x2 are both constant: the standard error is 0", { argument: "x1" });
  return r;
}

/** Two-pass mean and sample variance. */
export function moments(x: ArrayLike<number>): GroupMoments {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
  return { n, mean, variance: n > 1 ? ss / (n - 1) : NaN };
}
