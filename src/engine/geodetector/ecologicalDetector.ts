import { CoordError } from "../errors";
import { DEFAULT_GEO_ALPHA } from "./constants";
import { assertOption } from "../validate";
import { fUpperP } from "../stats/fDistribution";
import { fQuantile } from "../stats/fQuantile";
import { DetectorOptions, completeRows, encodeFactor, qTest, readOptions, readY, subsetY } from "./detectorCore";
import { NamedFactor, checkFactors } from "./interactionDetector";
import { stratumSums } from "./q";

export interface EcologicalDetectorOptions extends DetectorOptions {
  /** Significance level (default 0.05). */
  alpha?: number;
  /**
   * 'f-test' (default, Wang 2010): F = N1(N2 - 1)SSW1 / [N2(N1 - 1)SSW2] ~ F(N1 - 1, N2 - 1),
   * significant if p < α. 'gd': the R geodetector / GD rule max(q1/q2, q2/q1) > F_0.9(N - 1, N - 1).
   */
  rule?: "f-test" | "gd";
  /** p of the F test: 'greater' (default, upper tail) or 'two-sided' (PyPI geodetector). */
  alternative?: "greater" | "two-sided";
}

/** One ordered pair (a, b): is the SSW of a significantly larger than that of b? */
export interface EcologicalPair {
  a: string;
  b: string;
  /** N1(N2 - 1)SSW_a / [N2(N1 - 1)SSW_b]; on one data set SSW_a/SSW_b. null when SSW_b = 0 (F infinite if SSW_a > 0, undefined if both are 0): see reason. */
  F: number | null;
  df1: number;
  df2: number;
  /** p of the F test (upper tail, or two-sided); 0 when only SSW_b = 0; null when both SSW are 0. */
  pValue: number | null;
  /** By the chosen rule ('Y' when true). */
  significant: boolean | null;
  q1: number;
  q2: number;
  /** Rule 'gd': max(q1/q2, q2/q1) (null when a q is 0) and the critical value F_0.9(N1 - 1, N2 - 1). */
  qRatio?: number | null;
  critical?: number;
  reason?: string;
}

export interface EcologicalDetectorResult {
  pairs: EcologicalPair[];
  rule: "f-test" | "gd";
  alpha: number;
}

/**
 * Geodetector ecological detector (METHODS.md M8): for each ordered pair of factors (a, b),
 * F = N1(N2 - 1)SSW_a / [N2(N1 - 1)SSW_b] ~ F(N1 - 1, N2 - 1) with its upper-tail p;
 * significant ('Y') if p < α, i.e. a's within-strata sum of squares is significantly larger.
 * Option rule 'gd' gives the R geodetector / GD verdict max(q1/q2, q2/q1) > F_0.9(N - 1, N - 1).
 *
 * @example
 * ecologicalDetector([0, 1, 2, 3, 4, 5], [
 *   { name: "a", values: ["p", "p", "p", "q", "q", "q"] }, // SSW = 4
 *   { name: "b", values: ["p", "p", "q", "q", "r", "r"] }, // SSW = 1.5
 * ]).pairs[0]; // =>
 * // { a: "a", b: "b", F: 2.6667, df1: 5, df2: 5, pValue: 0.1528, significant: false, ... }
 */
export function ecologicalDetector(y: ArrayLike<unknown>, factors: NamedFactor[], options: EcologicalDetectorOptions = {}): EcologicalDetectorResult {
  const opts = readOptions(options);
  const alpha = options.alpha ?? DEFAULT_GEO_ALPHA;
  if (!(typeof alpha === "number" && alpha > 0 && alpha < 1))
    throw new CoordError("OPTION", `alpha must be a number between 0 and 1; got '${alpha}'`, { argument: "alpha" });
  const rule = assertOption(options.rule ?? "f-test", ["f-test", "gd"] as const, "rule");
  const alternative = assertOption(options.alternative ?? "greater", ["greater", "two-sided"] as const, "alternative");
  const xs = checkFactors(factors);
  const yv = readY(y, opts.yName, opts.missing);

  // per factor (its own complete rows under missing 'drop'): N, SSW and q
  const stats = xs.map((x, k) => {
    const rows = completeRows(yv, [x], [factors[k].name], opts.missing, opts.yName);
    const ys = subsetY(yv.values, rows);
    if (ys.length < 2)
      throw new CoordError(
        "TOO_FEW",
        `${opts.yName} has ${ys.length} complete row${ys.length === 1 ? "" : "s"} with ${factors[k].name}; at least 2 are needed`,
        {
          argument: opts.yName,
        },
      );
    const f = encodeFactor(x, factors[k].name, rows);
    const t = stratumSums(ys, f.codes, f.L);
    const r = qTest(t.count, t.sum, t.mean, t.sst, opts, f.name);
    return { name: f.name, N: r.N, ssw: r.ssw, q: r.q };
  });

  const pairs: EcologicalPair[] = [];
  for (let i = 0; i < stats.length; i++)
    for (let j = 0; j < stats.length; j++) {
      if (i === j) continue;
      const s1 = stats[i];
      const s2 = stats[j];
      const df1 = s1.N - 1;
      const df2 = s2.N - 1;
      const pair: EcologicalPair = { a: s1.name, b: s2.name, F: null, df1, df2, pValue: null, significant: null, q1: s1.q, q2: s2.q };
      if (s2.ssw > 0) {
        // M8: F = N1(N2 - 1)SSW1 / [N2(N1 - 1)SSW2]
        const F = (s1.N * df2 * s1.ssw) / (s2.N * df1 * s2.ssw);
        if (!Number.isFinite(F))
          throw new CoordError("UNDEFINED", `ecological detector, ${s1.name} vs ${s2.name}: F is not finite (SSW too large or too small to compute with)`, {
            argument: s1.name,
          });
        pair.F = F;
        const upper = fUpperP(F, df1, df2);
        pair.pValue = alternative === "greater" ? upper : Math.min(1, 2 * Math.min(upper, F > 0 ? fUpperP(1 / F, df2, df1) : 0));
      } else if (s1.ssw > 0) {
        pair.pValue = 0;
        pair.reason = `SSW of '${s2.name}' is 0 (q = 1): F is infinite`;
      } else pair.reason = `SSW is 0 for both '${s1.name}' and '${s2.name}' (q = 1): F is undefined`;
      if (rule === "f-test") pair.significant = pair.pValue === null ? null : pair.pValue < alpha;
      else {
        const lo = Math.min(s1.q, s2.q);
        const hi = Math.max(s1.q, s2.q);
        pair.critical = fQuantile(0.9, df1, df2);
        pair.qRatio = lo > 0 ? hi / lo : null;
        pair.significant = lo > 0 ? hi / lo > pair.critical : hi > 0;
      }
      pairs.push(pair);
    }
  return { pairs, rule, alpha };
}
