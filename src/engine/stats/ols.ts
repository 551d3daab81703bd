import { CoordError } from "../errors";
import { assertFinite, assertSameLength, finiteVector } from "../validate";
import { fUpperP } from "./fDistribution";
import { tTwoSidedP } from "./studentT";

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
 * Ordinary least squares y = Xβ + e (the QR of the column-scaled design: from the cross products with one refinement step when it is well conditioned, else by Givens rotations), with classical
 * standard errors, t, two-sided p, centred and uncentred R², the overall F test and, when
 * cluster ids are given, cluster-robust CR1 standard errors (M10 estimation). X is given by rows.
 *
 * @example
 * const r = ols([1, 3, 5, 7.5], [[0], [1], [2], [3]]);
 * r.coef; // => [0.9, 2.15]  (const, x1)
 * r.r2; // => 0.996765
 */
export function ols(y: ArrayLike<unknown>, X: ArrayLike<ArrayLike<unknown>>, options: OlsOptions = {}): OlsResult {
  const yName = options.yName ?? "y";
  const xName = options.xName ?? "X";
  const yv = finiteVector(y, yName);
  if (!X || X.length === 0) throw new CoordError("EMPTY", `${xName} is empty`, { argument: xName });
  assertSameLength(yv, X, yName, xName);
  const p = X[0].length;
  const names = options.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (names.length !== p) throw new CoordError("LENGTH", `names has ${names.length} entries but ${xName} has ${p} columns`, { argument: "names" });
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
 * olsColumns(Float64Array.from([2, 4, 6.5]), [Float64Array.from([1, 2, 3])], ["x"], { intercept: false }).coef; // =>
 * // [2.107142857142857]
 */
export function olsColumns(
  y: Float64Array,
  columns: Float64Array[],
  names: string[],
  options: { intercept?: boolean; cluster?: ArrayLike<string | number>; xName?: string } = {},
): OlsResult {
  const intercept = options.intercept ?? true;
  const n = y.length;
  const cols = intercept ? [new Float64Array(n).fill(1), ...columns] : columns.slice();
  const allNames = intercept ? ["const", ...names] : names.slice();
  return olsRows(wholeRows(y, cols), allNames, { intercept, cluster: options.cluster, xName: options.xName });
}

/**
 * @internal The rows of a regression y = Xβ + e, block by block, so that a caller can gather
 * them into small reused buffers instead of building 10⁶-row columns (the Haken model's pairs).
 * X includes the constant column when there is an intercept.
 */
export interface OlsRows {
  n: number;
  k: number;
  /** Rows per block (the last block may be shorter). */
  blockSize: number;
  /** y and the k columns of rows [start, start + len), in arrays of at least len entries (valid until the next call). */
  block(start: number, len: number): { y: Float64Array; cols: Float64Array[] };
  /** y and the k columns of all rows (built when the blocks are not enough: cluster SE, extreme values). */
  materialize(): { y: Float64Array; cols: Float64Array[] };
  /**
   * Optional: pass 1 in one loop of the source's own (no blocks gathered), adding to the arrays
   * exactly what the block loop adds (crossProducts and the y sums, row by row in row order: the
   * same bits). ySums = [Σy, Σy²].
   */
  sums?(gram: Float64Array, xty: Float64Array, maxAbs: Float64Array, ySums: Float64Array): void;
  /**
   * Optional: the residual pass of the Cholesky path in one loop of the source's own: what
   * eachBlock + residualSums give (rss and tss summed within each block of blockSize rows, the
   * block sums added in order; Σ x_j·e added to xte row by row): the same bits.
   */
  residualSums?(coef: Float64Array, yBar: number, xte: Float64Array): { rss: number; tss: number };
}

/** Columns in memory as one block. */
function wholeRows(y: Float64Array, cols: Float64Array[]): OlsRows {
  const whole = { y, cols };
  return { n: y.length, k: cols.length, blockSize: Math.max(1, y.length), block: () => whole, materialize: () => whole };
}

/** Call f on every block of rows, in row order. */
function eachBlock(rows: OlsRows, f: (y: Float64Array, cols: Float64Array[], len: number, start: number) => void): void {
  for (let start = 0; start < rows.n; start += rows.blockSize) {
    const len = Math.min(rows.blockSize, rows.n - start);
    const b = rows.block(start, len);
    f(b.y, b.cols, len, start);
  }
}

/** Below 2^-400 or above 2^400 in absolute value, a column's Σx² could under- or overflow. */
const SAFE_MIN = 2 ** -400;
const SAFE_MAX = 2 ** 400;

/**
 * @internal OLS on rows given block by block (olsColumns' engine): `allNames` names X's
 * columns ("const" first with an intercept). Same results as olsColumns on the same columns.
 */
export function olsRows(source: OlsRows, allNames: string[], options: { intercept: boolean; cluster?: ArrayLike<string | number>; xName?: string }): OlsResult {
  const xName = options.xName ?? "X";
  const intercept = options.intercept;
  let rows = source;
  const { n, k } = rows;
  if (k === 0) throw new CoordError("EMPTY", `${xName} has no columns`, { argument: xName });
  if (n <= k)
    throw new CoordError("TOO_FEW", `${n} rows for ${k} coefficients: OLS needs more rows than coefficients`, {
      argument: xName,
    });

  // pass 1: the cross products XᵀX (upper triangle, row-major; its diagonal is Σx², the squared
  // column norms) and Xᵀy, max |x| per column, Σy, Σy²
  const gram = new Float64Array(k * k);
  const xty = new Float64Array(k);
  const maxAbs = new Float64Array(k);
  // [Σy, Σy²] in a typed array: a number variable of this function updated by the closure per
  // row would be a new heap number each time (10⁶ rows: 30 MB of garbage per pass)
  const ySums = new Float64Array(2);
  if (rows.sums) rows.sums(gram, xty, maxAbs, ySums);
  else
    eachBlock(rows, (y, cols, len) => {
      crossProducts(cols, y, len, gram, xty, maxAbs);
      let s = ySums[0];
      let ss = ySums[1];
      for (let i = 0; i < len; i++) {
        s += y[i];
        ss += y[i] * y[i];
      }
      ySums[0] = s;
      ySums[1] = ss;
    });
  const ySum = ySums[0];
  const syy = ySums[1];
  // y near ±1e308: Σy² (and Xᵀy) overflow, which would surface later as a "singular" design
  if (!Number.isFinite(syy)) throw tooLarge(xName, "y", rows.materialize().y);
  for (let j = 0; j < k; j++)
    if (maxAbs[j] === 0)
      throw new CoordError("SINGULAR", `${xName} column '${allNames[j]}' is all zero: the regression design is singular`, {
        argument: xName,
        column: allNames[j],
      });

  // R (k x k upper triangular) and the first k entries of Qᵀy of the QR of the column-scaled
  // design A = X·diag(1/‖X_j‖) (scaling guards against under/overflow and improves conditioning).
  // Well-conditioned designs (every pivot |R_jj| ≥ CHOLESKY_MIN_PIVOT, so cond(A) is at most ~10²)
  // take R from the Cholesky factor of AᵀA = RᵀR, which the sums of pass 1 give without another
  // pass, and one step of iterative refinement in the residual pass below brings β to the
  // accuracy of the QR. Others are rotated into R by Givens rotations, one row at a time, in one
  // more pass over the rows without copying the columns (as stable as Householder QR); columns of
  // extreme magnitude (|x| beyond 2^±400, e.g. denormal values) keep the former Householder QR on
  // scaled copies of the whole columns, whose rounding decides the singular-design messages there.
  const extreme = maxAbs.some((m) => !(m >= SAFE_MIN && m <= SAFE_MAX));
  const scale = new Float64Array(k);
  let R: Float64Array | null;
  let qty: Float64Array;
  let cholesky = false;
  if (extreme) {
    const full = rows.materialize();
    rows = wholeRows(full.y, full.cols);
    for (let j = 0; j < k; j++) {
      const cn = norm(full.cols[j], 0);
      if (cn === 0 || !Number.isFinite(cn))
        throw new CoordError("SINGULAR", `${xName} column '${allNames[j]}' is all zero: the regression design is singular`, {
          argument: xName,
          column: allNames[j],
        });
      scale[j] = cn;
    }
    ({ R, qty } = householderQR(full.cols, scale, full.y, xName, allNames));
  } else {
    for (let j = 0; j < k; j++) scale[j] = Math.sqrt(gram[j * k + j]);
    R = choleskyOfScaled(gram, scale, k);
    if (R !== null) {
      cholesky = true;
      qty = forwardSolve(R, xty, scale, k);
    } else {
      const Rg = new Float64Array(k * k);
      const q = new Float64Array(k);
      const inv = scale.map((c) => 1 / c);
      const v = new Float64Array(k);
      eachBlock(rows, (y, cols, len) => givensBlock(cols, y, len, inv, Rg, q, v));
      R = Rg;
      qty = q;
    }
  }
  for (let j = 0; j < k; j++) {
    // |R_jj| is the norm of scaled column j's part independent of the columns before it (each
    // scaled column has norm 1): what is left after the projections measures independence
    if (!(Math.abs(R[j * k + j]) > 1e-10))
      throw new CoordError("SINGULAR", `${xName} column '${allNames[j]}' is a linear combination of the columns before it: the regression design is singular`, {
        argument: xName,
        column: allNames[j],
      });
  }

  // The k x k algebra: β = D⁻¹R⁻¹Qᵀy; (XᵀX)⁻¹ = D⁻¹R⁻¹R⁻ᵀD⁻¹ with D = diag(‖X_j‖). R⁻¹ by back
  // substitution (R is upper triangular with a non-zero diagonal, checked above).
  const Rinv = upperInverse(R, k);
  const coef = new Array<number>(k);
  for (let r = 0; r < k; r++) {
    let v = 0;
    for (let c = r; c < k; c++) v += Rinv[r * k + c] * qty[c];
    coef[r] = v / scale[r] + 0; // + 0: no -0 in results
  }
  const xtxInv = new Float64Array(k * k);
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      let v = 0;
      for (let l = Math.max(r, c); l < k; l++) v += Rinv[r * k + l] * Rinv[c * k + l];
      xtxInv[r * k + c] = v / (scale[r] * scale[c]);
    }
  if (coef.some((v) => !Number.isFinite(v)) || xtxInv.some((v) => !Number.isFinite(v)))
    throw new CoordError("SINGULAR", `${xName}: the regression design is numerically singular (values too small or too large to estimate; rescale the data)`, {
      argument: xName,
    });

  // rss from the residuals y - Xβ (not from Qᵀy: no cancellation when R² ≈ 1); the residual and
  // fitted arrays themselves are built only when read (the Haken model's 10⁶-row fits never do)
  const yBar = ySum / n;
  let rss = 0;
  let tss = 0;
  const coefs = Float64Array.from(coef);
  if (cholesky) {
    // the residual pass also sums Xᵀe for one step of iterative refinement of the coefficients
    // from the normal equations: β += (XᵀX)⁻¹Xᵀe. rss stays that of the unrefined β, which
    // differs from the refined one's in the second order of the (already tiny) correction
    const xte = new Float64Array(k);
    if (rows.residualSums) ({ rss, tss } = rows.residualSums(coefs, yBar, xte));
    else
      eachBlock(rows, (y, cols, len) => {
        const s = residualSums(y, cols, len, coefs, yBar, xte);
        rss += s.rss;
        tss += s.tss;
      });
    for (let r = 0; r < k; r++) {
      let d = 0;
      for (let c = 0; c < k; c++) d += xtxInv[r * k + c] * xte[c];
      coef[r] = coef[r] + d + 0;
      coefs[r] = coef[r];
    }
  } else
    eachBlock(rows, (y, cols, len) => {
      const s = residualSums(y, cols, len, coefs, yBar);
      rss += s.rss;
      tss += s.tss;
    });
  let fit: { fitted: number[]; residuals: number[] } | undefined;
  const fitOf = () => (fit ??= fittedAndResiduals(rows, coefs));

  // sums of squares that overflow (y near ±1e308) would make SE, t and R² ∞ or NaN: a clear error instead
  if (!Number.isFinite(rss) || !Number.isFinite(syy) || !Number.isFinite(tss)) throw tooLarge(xName, "y", rows.materialize().y);
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
    get residuals() {
      return fitOf().residuals;
    },
    get fitted() {
      return fitOf().fitted;
    },
  };
  if (options.cluster !== undefined) {
    result.cluster = clusterRobust(rows.materialize().cols, fitOf().residuals, xtxInv, coef, options.cluster);
    if (result.cluster.se.some((v) => !Number.isFinite(v)))
      throw new CoordError("SINGULAR", `${xName}: the cluster-robust standard errors overflow (values too large to compute with); rescale the data`, {
        argument: xName,
      });
  }
  return result;
}

/**
 * Σ e² and Σ (y - ȳ)² over one block, e = y - Xβ (a plain loop of its own, so that V8 optimises
 * it: the residual sums of 10⁶-row fits); with `xte`, Σ x_j·e is added to xte[j] as well.
 */
function residualSums(y: Float64Array, cols: Float64Array[], len: number, coef: Float64Array, yBar: number, xte?: Float64Array): { rss: number; tss: number } {
  const k = cols.length;
  let rss = 0;
  let tss = 0;
  for (let i = 0; i < len; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += cols[j][i] * coef[j];
    const e = y[i] - f;
    rss += e * e;
    const d = y[i] - yBar;
    tss += d * d;
    if (xte !== undefined) for (let j = 0; j < k; j++) xte[j] += cols[j][i] * e;
  }
  return { rss, tss };
}

/**
 * Add one block's cross products to `gram` (XᵀX, upper triangle of a k x k row-major matrix) and
 * `xty` (Xᵀy), and raise maxAbs[j] to the block's largest |x_j|. Column by column over the block.
 *
 * @example
 * const gram = new Float64Array(4), xty = new Float64Array(2), maxAbs = new Float64Array(2);
 * crossProducts([Float64Array.from([1, 2]), Float64Array.from([3, -4])], Float64Array.from([1, 1]), 2, gram, xty, maxAbs);
 * [Array.from(gram), Array.from(xty), Array.from(maxAbs)]; // => [[5, -5, 0, 25], [3, -1], [2, 4]]
 */
function crossProducts(cols: Float64Array[], y: Float64Array, len: number, gram: Float64Array, xty: Float64Array, maxAbs: Float64Array): void {
  const k = cols.length;
  for (let j = 0; j < k; j++) {
    const a = cols[j];
    let s = gram[j * k + j];
    let m = maxAbs[j];
    let sy = xty[j];
    for (let i = 0; i < len; i++) {
      const v = a[i];
      s += v * v;
      sy += v * y[i];
      const w = Math.abs(v);
      if (w > m) m = w;
    }
    gram[j * k + j] = s;
    maxAbs[j] = m;
    xty[j] = sy;
    for (let l = j + 1; l < k; l++) {
      const b = cols[l];
      let c = gram[j * k + l];
      for (let i = 0; i < len; i++) c += a[i] * b[i];
      gram[j * k + l] = c;
    }
  }
}

/**
 * Smallest pivot |R_jj| of the scaled design (each column of norm 1, so |R_jj| ≤ 1) for which R
 * is taken from the Cholesky factor of the cross products: cond(A) is then at most about
 * k / CHOLESKY_MIN_PIVOT, the normal equations lose at most ~cond(A)²·ε ≈ 10⁻¹² relative before
 * the refinement step, and no singular-design decision (|R_jj| ≤ 10⁻¹⁰) can depend on it.
 */
const CHOLESKY_MIN_PIVOT = 0.01;

/**
 * R with AᵀA = RᵀR (upper triangular, row-major, positive diagonal) for the scaled design
 * A = X·diag(1/scale), from XᵀX's upper triangle `gram`; null when a pivot falls below
 * CHOLESKY_MIN_PIVOT (a nearly collinear design: the caller uses Givens rotations instead).
 *
 * @example
 * // X = [[1, 0], [1, 1]]: XᵀX = [[2, 1], [1, 1]], norms √2 and 1
 * Array.from(choleskyOfScaled(Float64Array.from([2, 1, 0, 1]), Float64Array.from([Math.SQRT2, 1]), 2)!); // =>
 * // [1, 0.7071067811865476, 0, 0.7071067811865475]
 */
function choleskyOfScaled(gram: Float64Array, scale: Float64Array, k: number): Float64Array | null {
  const R = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    for (let l = j; l < k; l++) {
      let v = gram[j * k + l] / (scale[j] * scale[l]);
      for (let m = 0; m < j; m++) v -= R[m * k + j] * R[m * k + l];
      if (l === j) {
        if (!(v >= CHOLESKY_MIN_PIVOT * CHOLESKY_MIN_PIVOT)) return null;
        R[j * k + j] = Math.sqrt(v);
      } else R[j * k + l] = v / R[j * k + j];
    }
  }
  return R;
}

/**
 * The first k entries of Qᵀy for the Cholesky R: R⁻ᵀ·diag(1/scale)·Xᵀy (forward substitution).
 *
 * @example
 * // R = [[2]], Xᵀy = 6, scale 1: Qᵀy = 3
 * Array.from(forwardSolve(Float64Array.from([2]), Float64Array.from([6]), Float64Array.from([1]), 1)); // => [3]
 */
function forwardSolve(R: Float64Array, xty: Float64Array, scale: Float64Array, k: number): Float64Array {
  const q = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let v = xty[j] / scale[j];
    for (let m = 0; m < j; m++) v -= R[m * k + j] * q[m];
    q[j] = v / R[j * k + j];
  }
  return q;
}

/**
 * Rotate the rows of one block into R (k x k, row-major, upper triangular, non-negative
 * diagonal) and the first k entries of Qᵀy, for the QR of [X·diag(inv) | y] by Givens rotations:
 * each row (x_i·inv, y_i) is rotated into R column by column. Entries of the scaled rows are at
 * most 1 in size (each scaled column has norm 1), so √(a² + b²) cannot overflow.
 *
 * @example
 * // X = [3, 4]ᵀ scaled by 1/5: R = [1], Qᵀy = 0.6·1 + 0.8·2 = 2.2
 * const R = new Float64Array(1);
 * const qty = new Float64Array(1);
 * givensBlock([Float64Array.from([3, 4])], Float64Array.from([1, 2]), 2, Float64Array.from([0.2]), R, qty, new Float64Array(1));
 * [R[0], qty[0]]; // => [1.0000, 2.2000]
 */
function givensBlock(cols: Float64Array[], y: Float64Array, len: number, inv: Float64Array, R: Float64Array, qty: Float64Array, v: Float64Array): void {
  const k = cols.length;
  for (let i = 0; i < len; i++) {
    for (let j = 0; j < k; j++) v[j] = cols[j][i] * inv[j];
    let w = y[i];
    for (let j = 0; j < k; j++) {
      const b = v[j];
      if (b === 0) continue;
      const d = j * k + j;
      const a = R[d];
      const r = Math.sqrt(a * a + b * b);
      const c = a / r;
      const s = b / r;
      R[d] = r;
      for (let l = j + 1; l < k; l++) {
        const rl = R[j * k + l];
        const vl = v[l];
        R[j * k + l] = c * rl + s * vl;
        v[l] = c * vl - s * rl;
      }
      const q = qty[j];
      qty[j] = c * q + s * w;
      w = c * w - s * q;
    }
  }
}

/**
 * Householder QR of the scaled design (the former method, kept for columns of extreme
 * magnitude): R and the first k entries of Qᵀy as givensQR gives them, up to the signs of R's
 * rows; SINGULAR when a scaled column is (numerically) a combination of the ones before it.
 */
function householderQR(cols: Float64Array[], scale: Float64Array, y: Float64Array, xName: string, allNames: string[]): { R: Float64Array; qty: Float64Array } {
  const k = cols.length;
  const n = y.length;
  const A = cols.map((c, j) => scaled(c, scale[j]));
  const qy = y.slice();
  const R = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const a = A[j];
    const s = norm(a, j);
    if (!(s > 1e-10))
      throw new CoordError("SINGULAR", `${xName} column '${allNames[j]}' is a linear combination of the columns before it: the regression design is singular`, {
        argument: xName,
        column: allNames[j],
      });
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
    let d = 0;
    for (let i = j; i < n; i++) d += a[i] * qy[i];
    const f = (2 * d) / vtv;
    for (let i = j; i < n; i++) qy[i] -= f * a[i];
    R[j * k + j] = alpha;
    for (let l = j + 1; l < k; l++) R[j * k + l] = A[l][j];
  }
  return { R, qty: qy.slice(0, k) };
}

/** Fitted values Xβ and residuals y - Xβ (the arithmetic of residualSums). */
function fittedAndResiduals(rows: OlsRows, coef: Float64Array): { fitted: number[]; residuals: number[] } {
  const fitted = new Array<number>(rows.n);
  const residuals = new Array<number>(rows.n);
  const k = rows.k;
  eachBlock(rows, (y, cols, len, start) => {
    for (let i = 0; i < len; i++) {
      let f = 0;
      for (let j = 0; j < k; j++) f += cols[j][i] * coef[j];
      fitted[start + i] = f;
      residuals[start + i] = y[i] - f;
    }
  });
  return { fitted, residuals };
}

/**
 * c / s elementwise, as a new array. A plain loop: Float64Array.from(c, fn) takes ~30x longer in
 * V8 (it goes through the iterator protocol), seconds for the 10⁶-row designs of the Haken model.
 *
 * @example
 * scaled(Float64Array.from([2, 4]), 2); // => Float64Array [1, 2]
 */
function scaled(c: Float64Array, s: number): Float64Array {
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = c[i] / s;
  return out;
}

/**
 * Inverse of the k x k upper triangular R (row-major, non-zero diagonal) by back substitution;
 * the result is upper triangular.
 *
 * @example
 * Array.from(upperInverse(Float64Array.from([2, 1, 0, 4]), 2)); // => [0.5, -0.125, 0, 0.25]
 */
function upperInverse(R: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    inv[c * k + c] = 1 / R[c * k + c];
    for (let r = c - 1; r >= 0; r--) {
      let s = 0;
      for (let l = r + 1; l <= c; l++) s += R[r * k + l] * inv[l * k + c];
      inv[r * k + c] = -s / R[r * k + r];
    }
  }
  return inv;
}

/** A·B for k x k row-major matrices. */
function multiplySquare(A: Float64Array, B: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += A[r * k + l] * B[l * k + c];
      out[r * k + c] = s;
    }
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
function clusterRobust(cols: Float64Array[], e: number[], xtxInv: Float64Array, coef: number[], ids: ArrayLike<string | number>): OlsCluster {
  const n = e.length;
  const k = cols.length;
  if (ids.length !== n) throw new CoordError("LENGTH", `cluster has ${ids.length} ids but the regression has ${n} rows`, { argument: "cluster" });
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
  // Sandwich B M B with B = (XᵀX)⁻¹; only its diagonal gives the standard errors.
  const V = multiplySquare(multiplySquare(xtxInv, meat, k), xtxInv, k);
  const se = coef.map((_, j) => Math.sqrt(Math.max(0, V[j * k + j] * correction)));
  const t = coef.map((b, j) => finiteOrNull(b / se[j]));
  const p = t.map((v) => (v === null ? null : tTwoSidedP(v, G - 1)));
  return { se, t, p, nClusters: G, df: G - 1, correction };
}
