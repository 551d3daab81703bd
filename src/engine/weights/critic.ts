import { CoordError } from "../errors";
import { PeriodLabel, StandardizeOptions, assertKnownOptions, columnRef, columnText } from "../standardize";
import { prepareZ } from "./prepare";
import { WeightPool, WeightsGlobal, WeightsPerPeriod, WeightsResult } from "./result";

export interface CriticOptions extends StandardizeOptions {
  /** Standard deviation divisor n - ddof: 1 (default, sample sd) or 0; it cancels in w. */
  ddof?: 0 | 1;
  /** Conflict R_j = Σ_k (1 - r_jk) ("r", default) or Σ_k (1 - |r_jk|) ("abs-r"). */
  conflict?: "r" | "abs-r";
  /** Contrast: σ_j ("sd", default) or σ_j / mean_j ("cv", coefficient of variation). */
  contrast?: "sd" | "cv";
  /** Correlation: "pearson" (default) or "spearman" (Pearson on average ranks). */
  correlation?: "pearson" | "spearman";
  /** true (default): M1 min-max with directions first; false: raw data as it is (SPSSAU). */
  standardize?: boolean;
}

/** CRITIC statistics of one pool of rows (all rows, or one period). */
export interface CriticPool extends WeightPool {
  /** Standard deviation σ_j of z with the chosen ddof. */
  sigma: number[];
  /** Contrast entering C_j: σ_j, or σ_j / mean_j with contrast "cv". */
  contrast: number[];
  /** Conflict R_j = Σ_k (1 - r_jk) (or 1 - |r_jk|). */
  conflict: number[];
  /** Information C_j = contrast_j · R_j; weights w_j = C_j / Σ C. */
  information: number[];
  /** Correlation matrix r_jk (Pearson or Spearman). */
  r: number[][];
}

/** Scope "global": one pool of all N·T rows. */
export type CriticGlobalResult = WeightsGlobal<CriticPool>;

/** Scope "per-period": weights per period in `pools`; `weights` is their mean. */
export type CriticPerPeriodResult = WeightsPerPeriod<CriticPool>;

export type CriticResult = WeightsResult<CriticPool>;

const CRITIC_KEYS = [
  "directions",
  "scope",
  "periods",
  "shift",
  "rescale",
  "constant",
  "columnNames",
  "standardize",
  "ddof",
  "conflict",
  "contrast",
  "correlation",
] as const;

/** Average ranks (1-based, ties share their mean rank), as scipy.stats.rankdata. */
function averageRanks(v: number[]): number[] {
  const idx = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const ranks = new Array<number>(v.length);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && v[idx[j + 1]] === v[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Pearson correlation matrix of the columns (each a vector of equal length, none constant). */
function pearsonMatrix(columns: number[][]): number[][] {
  const m = columns.length;
  const n = columns[0].length;
  const centred = columns.map((c) => {
    let mean = 0;
    for (const v of c) mean += v;
    mean /= n;
    return c.map((v) => v - mean);
  });
  const ss = centred.map((c) => {
    let s = 0;
    for (const v of c) s += v * v;
    return s;
  });
  const r: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(1));
  for (let a = 0; a < m; a++)
    for (let b = a + 1; b < m; b++) {
      let s = 0;
      const ca = centred[a];
      const cb = centred[b];
      for (let i = 0; i < n; i++) s += ca[i] * cb[i];
      let v = s / Math.sqrt(ss[a] * ss[b]);
      if (v > 1) v = 1;
      else if (v < -1) v = -1;
      r[a][b] = v;
      r[b][a] = v;
    }
  return r;
}

function criticPool(
  z: number[][],
  rows: number[],
  period: PeriodLabel | null,
  o: { ddof: 0 | 1; conflict: "r" | "abs-r"; contrast: "sd" | "cv"; correlation: "pearson" | "spearman" },
  names: string[] | undefined,
): CriticPool {
  const n = rows.length;
  const cols = z[rows[0]].length;
  const inPeriod = period === null ? "" : ` in period ${period}`;
  if (n < 2)
    throw new CoordError("TOO_FEW", `CRITIC weights need at least 2 rows per pool; ${n} row${inPeriod}`, {
      argument: "data",
      row: rows[0],
    });
  const columns: number[][] = Array.from({ length: cols }, (_, j) => rows.map((i) => z[i][j]));
  const sigma = new Array<number>(cols);
  const contrast = new Array<number>(cols);
  for (let j = 0; j < cols; j++) {
    const c = columns[j];
    let mean = 0;
    for (const v of c) mean += v;
    mean /= n;
    let ss = 0;
    for (const v of c) ss += (v - mean) * (v - mean);
    sigma[j] = Math.sqrt(ss / (n - o.ddof)); // M3: σ_j, ddof 1 or 0
    if (!(sigma[j] > 0))
      throw new CoordError("CONSTANT", `data ${columnText(names, j)} is constant${inPeriod}: CRITIC needs variation (its correlations are undefined)`, {
        argument: "data",
        column: columnRef(names, j),
      });
    if (o.contrast === "cv") {
      if (!(mean > 0))
        throw new CoordError("UNDEFINED", `data ${columnText(names, j)} has mean ${mean}${inPeriod}: the coefficient of variation needs a positive mean`, {
          argument: "data",
          column: columnRef(names, j),
        });
      contrast[j] = sigma[j] / mean; // M3 option: σ/mean
    } else contrast[j] = sigma[j];
  }
  const r = pearsonMatrix(o.correlation === "spearman" ? columns.map(averageRanks) : columns); // M3: r_jk
  const conflict = r.map((row) => row.reduce((s, v) => s + (1 - (o.conflict === "abs-r" ? Math.abs(v) : v)), 0)); // M3: R_j
  const information = contrast.map((c, j) => c * conflict[j]); // M3: C_j = σ_j R_j
  let sumC = 0;
  let sumContrast = 0;
  for (let j = 0; j < cols; j++) {
    sumC += information[j];
    sumContrast += contrast[j];
  }
  // conflicts of perfectly correlated columns are 0 up to rounding (~1e-16): treat that as 0
  if (!(sumC > 1e-12 * cols * sumContrast))
    throw new CoordError(
      "UNDEFINED",
      `CRITIC weights are undefined${inPeriod}: every indicator has conflict 0 (all correlations are ${o.conflict === "abs-r" ? "±1" : "1"}), so Σ C = 0`,
      { argument: "data" },
    );
  const weights = information.map((c) => c / sumC); // M3: w_j = C_j / Σ C
  return { period, rows, n, sigma, contrast, conflict, information, r, weights };
}

/**
 * CRITIC weights (METHODS.md M3): z = M1 min-max with directions, σ_j its sd, r_jk Pearson,
 * conflict R_j = Σ_k (1 - r_jk), information C_j = σ_j R_j, w_j = C_j / Σ C. Options: ddof,
 * conflict Σ(1 - |r|), contrast σ/mean, Spearman r, no standardization (SPSSAU).
 *
 * @example
 * criticWeights([[1, 3], [2, 1], [4, 2]]).weights; // =>
 * // [0.504546, 0.495454] (z = [[0, 1], [1/3, 0], [1, 0.5]], σ = [0.50918, 0.5],
 * // r_12 = -0.32733, R = [1.32733, 1.32733])
 */
export function criticWeights(matrix: ArrayLike<ArrayLike<unknown>>, options: CriticOptions = {}): CriticResult {
  assertKnownOptions(options, CRITIC_KEYS, "criticWeights");
  const ddof = options.ddof ?? 1;
  if (ddof !== 0 && ddof !== 1) throw new CoordError("OPTION", `ddof must be 0 or 1; got '${String(ddof)}'`, { argument: "ddof" });
  const conflict = options.conflict ?? "r";
  if (conflict !== "r" && conflict !== "abs-r")
    throw new CoordError("OPTION", `conflict must be one of r, abs-r; got '${String(conflict)}'`, { argument: "conflict" });
  const contrast = options.contrast ?? "sd";
  if (contrast !== "sd" && contrast !== "cv")
    throw new CoordError("OPTION", `contrast must be one of sd, cv; got '${String(contrast)}'`, { argument: "contrast" });
  const correlation = options.correlation ?? "pearson";
  if (correlation !== "pearson" && correlation !== "spearman")
    throw new CoordError("OPTION", `correlation must be one of pearson, spearman; got '${String(correlation)}'`, {
      argument: "correlation",
    });
  const prep = prepareZ(matrix, options, "criticWeights");
  const cols = prep.z[0].length;
  if (cols < 2)
    throw new CoordError("TOO_FEW", `CRITIC weights need at least 2 indicators; data has ${cols} column`, {
      argument: "data",
    });
  const o = { ddof, conflict, contrast, correlation } as const;
  const pools = prep.pools.map((g) => criticPool(prep.z, g.rows, g.period, o, prep.names));
  const base = { z: prep.z, zUnshifted: prep.zUnshifted, directions: prep.directions, pools };
  if (prep.scope === "global") {
    const { period: _p, rows: _r, ...stats } = pools[0];
    return { ...base, scope: "global", ...stats };
  }
  const weights = new Array<number>(cols).fill(0);
  for (const p of pools) for (let j = 0; j < cols; j++) weights[j] += p.weights[j];
  for (let j = 0; j < cols; j++) weights[j] /= pools.length; // mean of per-period weights
  return { ...base, scope: "per-period", weights };
}
