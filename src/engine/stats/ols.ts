import { CoordError } from "../errors";
import { assertFinite, assertSameLength, finiteVector } from "../validate";
import { fUpperP } from "./fDistribution";
import { tTwoSidedP } from "./studentT";
import { create, invDependencies, multiplyDependencies, transposeDependencies } from "mathjs";

/** mathjs with only the k x k linear algebra OLS needs (keeps the Excel functions bundle small). */
const math = create({ invDependencies, multiplyDependencies, transposeDependencies });

export interface OlsOptions {
  /** Add a constant column named "const" in front of X (default true). */
  intercept?: boolean;
  /** Names of the columns of X (default "x1", "x2", ...). */
  names?: string[];
  /** Cluster id per row: adds cluster-robust (CR1) standard errors, t and p. */
  cluster?: ArrayLike<string | number>;
  /** Names of y and X in error messages (default "y", "X"). */
  yName?: string;
  xName?: string;
}

/** Cluster-robust inference: CR1 = Stata's `vce(cluster)`, df = G - 1. */
export interface OlsCluster {
  se: number[];
  t: Array<number | null>;
  p: Array<number | null>;
  nClusters: number;
  df: number;
  /** Small-sample factor G/(G - 1) · (n - 1)/(n - k). */
  correction: number;
}

export interface OlsResult {
  /** Column names, "const" first when an intercept was added. */
  names: string[];
  n: number;
  /** Number of coefficients (including the intercept). */
  k: number;
  dfResid: number;
  coef: number[];
  se: number[];
  /** coef / se; null when undefined (se = 0: a perfect fit). */
  t: Array<number | null>;
  /** Two-sided p of t with dfResid; null when t is null. */
  p: Array<number | null>;
  rss: number;
  /** Residual standard error √(rss / dfResid). */
  sigma: number;
  /** 1 - rss / Σ(y - ȳ)²; null when y is constant. */
  r2Centered: number | null;
  /** 1 - rss / Σy²; null when y is all zero. */
  r2Uncentered: number | null;
  /** The R² statsmodels reports: centred with an intercept, uncentred without. */
  r2: number | null;
  /** 1 - (1 - r2)(n - hasConst)/(n - k). */
  adjR2: number | null;
  /** Overall F (all slopes = 0; all coefficients = 0 without an intercept); null when undefined. */
  F: number | null;
  fDf: [number, number];
  fP: number | null;
  hasConst: boolean;
  residuals: number[];
  fitted: number[];
  cluster?: OlsCluster;
}

/**
 * Ordinary least squares y = Xβ + e (Householder QR; no normal equations), with classical
 * standard errors, t, two-sided p, centred and uncentred R², the overall F test and, when
 * cluster ids are given, cluster-robust CR1 standard errors (M10 estimation). X is given by rows.
 *
 * @example
 * const r = ols([1, 3, 5, 7.5], [[0], [1], [2], [3]]);
 * r.coef; // [0.9, 2.15]  (const, x1)
 * r.r2;   // 0.99676549865229...
 */
export function ols(y: ArrayLike<unknown>, X: ArrayLike<ArrayLike<unknown>>, options: OlsOptions = {}): OlsResult {
  const yName = options.yName ?? "y";
  const xName = options.xName ?? "X";
  const yv = finiteVector(y, yName);
  if (!X || X.length === 0) throw new CoordError("EMPTY", `${xName} is empty`, { argument: xName });
  assertSameLength(yv, X, yName, xName);
  const p = X[0].length;
  const names = options.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (names.length !== p)
    throw new CoordError("LENGTH", `names has ${names.length} entries but ${xName} has ${p} columns`, { argument: "names" });
  const cols: Float64Array[] = Array.from({ length: p }, () => new Float64Array(yv.length));
  for (let i = 0; i < yv.length; i++) {
    const row = X[i];
    if (!row || row.length !== p)
      throw new CoordError("LENGTH", `${xName} row ${i + 1} has ${row ? row.length : 0} values; row 1 has ${p}`, {
        argument: xName,
        row: i,
      });
    for (let j = 0; j < p; j++) cols[j][i] = assertFinite(row[j], xName, i, names[j]);
  }
  return olsColumns(yv, cols, names, { intercept: options.intercept ?? true, cluster: options.cluster, xName });
}

/** The value of largest magnitude of a column, named as too large to compute with (its squares overflow). */
function tooLarge(xName: string, column: string, values: ArrayLike<number>): CoordError {
  let r = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]) > Math.abs(values[r])) r = i;
  return new CoordError(
    "RANGE",
    `${column === "y" ? "y" : `${xName} column '${column}'`} row ${r + 1}: ${values[r]} is too large to compute with (its square overflows); rescale the data (e.g. divide by 1,000)`,
    { argument: xName, row: r, column },
  );
}

/**
 * OLS on validated columns (finite Float64Arrays of equal length) — the engine's internal
 * entry point (Haken model). Same result as `ols`.
 *
 * @example
 * olsColumns(Float64Array.from([2, 4, 6.5]), [Float64Array.from([1, 2, 3])], ["x"], { intercept: false }).coef;
 * // [2.1071428571428568]
 */
export function olsColumns(
  y: Float64Array,
  columns: Float64Array[],
  names: string[],
  options: { intercept?: boolean; cluster?: ArrayLike<string | number>; xName?: string } = {},
): OlsResult {
  const xName = options.xName ?? "X";
  const intercept = options.intercept ?? true;
  const n = y.length;
  const cols = intercept ? [new Float64Array(n).fill(1), ...columns] : columns.slice();
  const allNames = intercept ? ["const", ...names] : names.slice();
  const k = cols.length;
  if (k === 0) throw new CoordError("EMPTY", `${xName} has no columns`, { argument: xName });
  if (n <= k)
    throw new CoordError("TOO_FEW", `${n} rows for ${k} coefficients: OLS needs more rows than coefficients`, {
      argument: xName,
    });

  // Householder QR of the column-scaled design A = X·diag(1/‖X_j‖) (scaling guards against
  // under/overflow and improves conditioning); R is k x k upper triangular.
  const scale = new Float64Array(k);
  const A = cols.map((c, j) => {
    const cn = norm(c, 0);
    if (!Number.isFinite(cn)) throw tooLarge(xName, allNames[j], c);
    if (cn === 0)
      throw new CoordError("SINGULAR", `${xName} column '${allNames[j]}' is all zero: the regression design is singular`, {
        argument: xName,
        column: allNames[j],
      });
    scale[j] = cn;
    return scaled(c, cn);
  });
  const qty = y.slice();
  const R = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const a = A[j];
    const s = norm(a, j);
    // each scaled column has norm 1: what is left after the projections measures independence
    if (!(s > 1e-10))
      throw new CoordError(
        "SINGULAR",
        `${xName} column '${allNames[j]}' is a linear combination of the columns before it: the regression design is singular`,
        { argument: xName, column: allNames[j] },
      );
    const x0 = a[j];
    const alpha = x0 > 0 ? -s : s;
    // v = a[j..] - alpha e1, stored in place; vᵀv = 2s(s + |x0|)
    a[j] = x0 - alpha;
    const vtv = 2 * s * (s + Math.abs(x0));
    for (let l = j + 1; l < k; l++) {
      const b = A[l];
      let d = 0;
      for (let i = j; i < n; i++) d += a[i] * b[i];
      const f = (2 * d) / vtv;
      for (let i = j; i < n; i++) b[i] -= f * a[i];
    }
    {
      let d = 0;
      for (let i = j; i < n; i++) d += a[i] * qty[i];
      const f = (2 * d) / vtv;
      for (let i = j; i < n; i++) qty[i] -= f * a[i];
    }
    R[j * k + j] = alpha;
    for (let l = j + 1; l < k; l++) R[j * k + l] = A[l][j];
  }

  // The k x k algebra with mathjs: β = D⁻¹R⁻¹Qᵀy; (XᵀX)⁻¹ = D⁻¹R⁻¹R⁻ᵀD⁻¹ with D = diag(‖X_j‖).
  const Rm: number[][] = Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => (c >= r ? R[r * k + c] : 0)));
  const Rinv = math.inv(Rm) as number[][];
  const qk = Array.from({ length: k }, (_, r) => qty[r]);
  const b = math.multiply(Rinv, qk) as number[];
  const coef = b.map((v, r) => v / scale[r] + 0); // + 0: no -0 in results
  const RRt = math.multiply(Rinv, math.transpose(Rinv)) as number[][];
  const xtxInv = new Float64Array(k * k);
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) xtxInv[r * k + c] = RRt[r][c] / (scale[r] * scale[c]);
  if (coef.some((v) => !Number.isFinite(v)) || xtxInv.some((v) => !Number.isFinite(v)))
    throw new CoordError(
      "SINGULAR",
      `${xName}: the regression design is numerically singular (values too small or too large to estimate; rescale the data)`,
      { argument: xName },
    );

  const fitted = new Array<number>(n);
  const residuals = new Array<number>(n);
  let rss = 0;
  let syy = 0;
  let ySum = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += cols[j][i] * coef[j];
    fitted[i] = f;
    const e = y[i] - f;
    residuals[i] = e;
    rss += e * e;
    syy += y[i] * y[i];
    ySum += y[i];
  }
  const yBar = ySum / n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (y[i] - yBar) * (y[i] - yBar);

  // sums of squares that overflow (y near ±1e308) would make SE, t and R² ∞ or NaN: a clear error instead
  if (!Number.isFinite(rss) || !Number.isFinite(syy) || !Number.isFinite(tss)) throw tooLarge(xName, "y", y);
  const dfResid = n - k;
  const s2 = rss / dfResid;
  const se = coef.map((_, j) => Math.sqrt(Math.max(0, s2 * xtxInv[j * k + j])));
  if (se.some((v) => !Number.isFinite(v)))
    throw new CoordError("SINGULAR", `${xName}: the standard errors overflow (values too large to compute with); rescale the data`, { argument: xName });
  const t = coef.map((b, j) => finiteOrNull(b / se[j]));
  const p = t.map((v) => (v === null ? null : tTwoSidedP(v, dfResid)));

  const r2Centered = tss > 0 ? 1 - rss / tss : null;
  const r2Uncentered = syy > 0 ? 1 - rss / syy : null;
  const r2 = intercept ? r2Centered : r2Uncentered;
  const adjR2 = r2 === null ? null : 1 - ((1 - r2) * (n - (intercept ? 1 : 0))) / dfResid;
  const dfModel = intercept ? k - 1 : k;
  const ess = intercept ? tss - rss : syy - rss;
  const F = dfModel > 0 ? finiteOrNull(ess / dfModel / s2) : null;
  const fP = F === null ? null : fUpperP(F, dfModel, dfResid);

  const result: OlsResult = {
    names: allNames,
    n,
    k,
    dfResid,
    coef,
    se,
    t,
    p,
    rss,
    sigma: Math.sqrt(s2),
    r2Centered,
    r2Uncentered,
    r2,
    adjR2,
    F,
    fDf: [dfModel, dfResid],
    fP,
    hasConst: intercept,
    residuals,
    fitted,
  };
  if (options.cluster !== undefined) {
    result.cluster = clusterRobust(cols, residuals, xtxInv, coef, options.cluster);
    if (result.cluster.se.some((v) => !Number.isFinite(v)))
      throw new CoordError("SINGULAR", `${xName}: the cluster-robust standard errors overflow (values too large to compute with); rescale the data`, { argument: xName });
  }
  return result;
}

/**
 * c / s elementwise, as a new array. A plain loop: Float64Array.from(c, fn) takes ~30x longer in
 * V8 (it goes through the iterator protocol), seconds for the 10⁶-row designs of the Haken model.
 *
 * @example
 * scaled(Float64Array.from([2, 4]), 2); // Float64Array [1, 2]
 */
function scaled(c: Float64Array, s: number): Float64Array {
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = c[i] / s;
  return out;
}

/** x when finite, else null (0/0, x/0 and overflow: a statistic that is undefined here). */
function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function norm(a: Float64Array, from: number): number {
  // scaled 2-norm of a[from..]
  let scale = 0;
  for (let i = from; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  if (scale === 0) return 0;
  let s = 0;
  for (let i = from; i < a.length; i++) {
    const v = a[i] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/** Cluster-robust covariance (XᵀX)⁻¹ [Σ_g X_gᵀe_g e_gᵀX_g] (XᵀX)⁻¹ · G/(G-1) · (n-1)/(n-k) (CR1). */
function clusterRobust(
  cols: Float64Array[],
  e: number[],
  xtxInv: Float64Array,
  coef: number[],
  ids: ArrayLike<string | number>,
): OlsCluster {
  const n = e.length;
  const k = cols.length;
  if (ids.length !== n)
    throw new CoordError("LENGTH", `cluster has ${ids.length} ids but the regression has ${n} rows`, { argument: "cluster" });
  const index = new Map<string, number>();
  const scores: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id === null || id === undefined || (id as unknown) === "")
      throw new CoordError("MISSING", `cluster row ${i + 1}: the id is missing`, { argument: "cluster", row: i });
    const key = `${typeof id}:${String(id)}`;
    let g = index.get(key);
    if (g === undefined) {
      g = scores.length;
      index.set(key, g);
      scores.push(new Float64Array(k));
    }
    const sc = scores[g];
    for (let j = 0; j < k; j++) sc[j] += cols[j][i] * e[i];
  }
  const G = scores.length;
  if (G < 2)
    throw new CoordError("TOO_FEW", `cluster has ${G} distinct id; cluster-robust standard errors need at least 2`, {
      argument: "cluster",
    });
  const meat = new Float64Array(k * k);
  for (const sc of scores) for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) meat[r * k + c] += sc[r] * sc[c];
  const correction = (G / (G - 1)) * ((n - 1) / (n - k));
  // Sandwich B M B with B = (XᵀX)⁻¹ (mathjs); only its diagonal gives the standard errors.
  const B = Array.from({ length: k }, (_, r) => Array.from(xtxInv.subarray(r * k, r * k + k)));
  const M = Array.from({ length: k }, (_, r) => Array.from(meat.subarray(r * k, r * k + k)));
  const V = math.multiply(math.multiply(B, M), B) as number[][];
  const se = V.map((row, j) => Math.sqrt(Math.max(0, row[j] * correction)));
  const t = coef.map((b, j) => finiteOrNull(b / se[j]));
  const p = t.map((v) => (v === null ? null : tTwoSidedP(v, G - 1)));
  return { se, t, p, nClusters: G, df: G - 1, correction };
}
