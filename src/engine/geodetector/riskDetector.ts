import { CoordError } from "../errors";
import { DEFAULT_GEO_ALPHA } from "./constants";
import { assertOption } from "../validate";
import { welchFromMoments } from "../stats/welch";
import { stratumSums } from "./q";
import { FactorValues, completeRows, encodeFactor, readY, subsetY } from "./detectorCore";

export interface RiskDetectorOptions {
  /** Significance level of the Welch t-tests (default 0.05). */
  alpha?: number;
  /** Missing y or x: 'error' (default) or 'drop' incomplete rows. */
  missing?: "error" | "drop";
  yName?: string;
  xName?: string;
}

/** One stratum: its code (index into the levels), level, size, mean and sample variance (null if n < 2). */
export interface RiskStratum {
  code: number;
  level: string | number;
  n: number;
  mean: number;
  variance: number | null;
}

/** One pair of strata: Welch t-test of their means, or the reason there is none. */
export interface RiskPair {
  /** Codes of the two strata (index into `strata` by `code`). */
  a: number;
  b: number;
  levelA: string | number;
  levelB: string | number;
  /** meanA - meanB. */
  difference: number;
  t: number | null;
  /** Welch–Satterthwaite df, not rounded. */
  df: number | null;
  /** Two-sided p. */
  pValue: number | null;
  /** p < alpha; null when no test was possible. */
  significant: boolean | null;
  reason?: string;
}

export interface RiskDetectorResult {
  strata: RiskStratum[];
  pairs: RiskPair[];
  alpha: number;
  /** Rows dropped for missing values (missing: 'drop'). */
  droppedRows: number;
}

/**
 * Geodetector risk detector (METHODS.md M8): the mean of y in each stratum of x and, for each
 * pair of strata, Welch's t = (ȳ1 - ȳ2)/√(s1²/n1 + s2²/n2) with unrounded Welch–Satterthwaite
 * df and two-sided p, significant if p < α. A pair with a stratum of n < 2, or with zero
 * variance in both, is not tested and says why.
 *
 * @example
 * riskDetector([1, 2, 3, 7, 8, 9], ["a", "a", "a", "b", "b", "b"]).pairs[0]; // =>
 * // { a: 0, b: 1, levelA: "a", levelB: "b", difference: -6, t: -7.34847, df: 4, pValue: 0.0018263, significant: true }
 */
export function riskDetector(y: ArrayLike<unknown>, x: FactorValues, options: RiskDetectorOptions = {}): RiskDetectorResult {
  const alpha = options.alpha ?? DEFAULT_GEO_ALPHA;
  if (!(typeof alpha === "number" && alpha > 0 && alpha < 1))
    throw new CoordError("OPTION", `alpha must be a number between 0 and 1; got '${alpha}'`, { argument: "alpha" });
  const missing = assertOption(options.missing ?? "error", ["error", "drop"] as const, "missing");
  const yName = options.yName ?? "y";
  const xName = options.xName ?? "x";
  const yv = readY(y, yName, missing);
  const rows = completeRows(yv, [x], [xName], missing, yName);
  const ys = subsetY(yv.values, rows);
  if (ys.length < 2)
    throw new CoordError("TOO_FEW", `${yName} has ${ys.length} value${ys.length === 1 ? "" : "s"}; at least 2 are needed`, { argument: yName });
  const f = encodeFactor(x, xName, rows);

  // means from the tallies, then a second pass for the within-stratum sums of squares
  const t = stratumSums(ys, f.codes, f.L);
  const means = new Float64Array(f.L);
  for (let h = 0; h < f.L; h++) means[h] = t.count[h] > 0 ? t.mean + t.sum[h] / t.count[h] : NaN;
  const ss = new Float64Array(f.L);
  for (let i = 0; i < ys.length; i++) {
    const h = f.codes[i];
    const e = ys[i] - means[h];
    ss[h] += e * e;
  }
  const strata: RiskStratum[] = [];
  for (let h = 0; h < f.L; h++) {
    const n = t.count[h];
    if (n === 0) continue;
    strata.push({ code: h, level: f.levels[h], n, mean: means[h], variance: n > 1 ? ss[h] / (n - 1) : null });
  }
  if (strata.length < 2) throw new CoordError("TOO_FEW", `${xName} has ${strata.length} stratum; the risk detector needs at least 2`, { argument: xName });

  const pairs: RiskPair[] = [];
  for (let i = 0; i < strata.length; i++)
    for (let j = i + 1; j < strata.length; j++) {
      const s1 = strata[i];
      const s2 = strata[j];
      const w = welchFromMoments({ n: s1.n, mean: s1.mean, variance: s1.variance ?? 0 }, { n: s2.n, mean: s2.mean, variance: s2.variance ?? 0 });
      const pair: RiskPair = {
        a: s1.code,
        b: s2.code,
        levelA: s1.level,
        levelB: s2.level,
        difference: s1.mean - s2.mean,
        t: w.t,
        df: w.df,
        pValue: w.pValue,
        significant: w.pValue === null ? null : w.pValue < alpha,
      };
      if (w.reason)
        pair.reason = w.reason
          .replace("the first group", `stratum '${s1.level}'`)
          .replace("the second group", `stratum '${s2.level}'`)
          .replace("both groups have", `strata '${s1.level}' and '${s2.level}' both have`);
      pairs.push(pair);
    }
  return { strata, pairs, alpha, droppedRows: yv.values.length - ys.length };
}
