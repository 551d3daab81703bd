import { CoordError, cellLabel } from "../errors";
import { assertSameLength, finiteVector } from "../validate";
import { OlsResult, OlsRows, olsRows } from "../stats/ols";
import { tTwoSidedP } from "../stats/studentT";
import { PanelPairs, UnitIds, panelPairs } from "./pairs";

export interface HakenFitOptions {
  /** Add a constant to both equations (default false: M10 has none). */
  intercept?: boolean;
  /** Also compute cluster-robust (CR1, by unit, df G - 1) standard errors (default false). */
  cluster?: boolean;
  /** Which p-values decide `coefSignificant`: "classical" (default) or "cluster" (needs cluster). */
  significance?: "classical" | "cluster";
  /** Significance level for `coefSignificant` (default 0.05). */
  alpha?: number;
  /** Adiabatic condition |γ2| > ratio·|γ1| (default 1; e.g. 2 or 10 for "much greater"). */
  ratio?: number;
  /** Also require every parameter (γ1, a, γ2, b) significant at alpha for `adiabatic` (default false). */
  requireSignificant?: boolean;
  /** Period length; default: the smallest positive within-unit time difference. */
  step?: number;
  /** Names of the q1 and q2 series in messages and results (default "q1", "q2"). */
  names?: [string, string];
}

/** One structural parameter with inference. t and p test H0: parameter = 0. */
export interface HakenParam {
  estimate: number;
  se: number;
  t: number | null;
  p: number | null;
  seCluster?: number;
  tCluster?: number | null;
  pCluster?: number | null;
}

export interface HakenParams {
  gamma1: number;
  gamma2: number;
  a: number;
  b: number;
}

/**
 * One condition of the adiabatic approximation (M10), shown with its value and p: γ2 > 0,
 * |γ2| > ratio·|γ1|, and each of γ1, a, γ2, b significant at α.
 */
export interface HakenCondition {
  key: "gamma2Positive" | "size" | "gamma1Significant" | "aSignificant" | "gamma2Significant" | "bSignificant";
  /** e.g. "γ2 > 0", "|γ2| > |γ1|", "γ1 significant at 5 %". */
  label: string;
  /** γ2; |γ2|/|γ1| for the size condition (null when γ1 = 0); the estimate for significance. */
  value: number | null;
  /** p of γ2; null for the size condition; the parameter's p (classical or cluster) for significance. */
  p: number | null;
  holds: boolean;
  /** Part of the rule: sign and size always, significance only with requireSignificant. */
  required: boolean;
}

/** The adiabatic verdict of one assignment (M10). */
export type HakenVerdict = "holds" | "holds in sign and size, not significant" | "fails";

export interface HakenFit {
  q1Name: string;
  q2Name: string;
  /** γ1 = 1 - β11, a = -β12, γ2 = 1 - β21, b = β22 with SE, t, p for H0: parameter = 0. */
  params: { gamma1: HakenParam; a: HakenParam; gamma2: HakenParam; b: HakenParam };
  /** q1(t+1) on [q1(t), q1(t)q2(t)] (β11, β12), with "const" first when intercept. */
  eq1: OlsResult;
  /** q2(t+1) on [q2(t), q1(t)²] (β21, β22). */
  eq2: OlsResult;
  nPairs: number;
  nUnits: number;
  skippedGaps: number;
  step: number;
  intercept: boolean;
  /** γ2 > 0 and |γ2| > ratio·|γ1| (and, if required, all parameters significant). */
  adiabatic: boolean;
  /** γ2 > 0 and |γ2| > ratio·|γ1|, whatever the significance. */
  signAndSize: boolean;
  /** Each condition with its value and p (M10: always shown). */
  conditions: HakenCondition[];
  /** "holds"; "holds in sign and size, not significant" (at alpha, when significance is not required); or "fails". */
  verdict: HakenVerdict;
  /** |γ2| / |γ1|; null when γ1 = 0. */
  ratioG2G1: number | null;
  /** Every parameter's p < alpha (by `significance`). */
  coefSignificant: boolean;
  /** Order-parameter equation dq1/dt = linear·q1 + cubic·q1³: linear = -γ1, cubic = -ab/γ2 (null if γ2 = 0). */
  orderParameterEquation: { linear: number; cubic: number | null };
  options: { alpha: number; ratio: number; requireSignificant: boolean; significance: "classical" | "cluster"; cluster: boolean };
}

/**
 * Haken model fit (M10): pooled OLS over within-unit consecutive pairs of
 * q1(t+1) = (1 - γ1)q1(t) - a·q1(t)q2(t) and q2(t+1) = (1 - γ2)q2(t) + b·q1(t)², with the
 * adiabatic-approximation test for q1 as the order parameter.
 *
 * @example
 * // a 3-province x 4-year panel from γ1 = -0.05, a = 0.1, γ2 = 0.5, b = 0.3 (q1 slightly disturbed)
 * const units: string[] = [], years: number[] = [], q1: number[] = [], q2: number[] = [];
 * for (const [u, x0, y0] of [["A", 0.2, 0.1], ["B", 0.4, 0.3], ["C", 0.6, 0.2]] as const) {
 *   let [x, y]: number[] = [x0, y0];
 *   for (let t = 2011; t <= 2014; t++) {
 *     units.push(u), years.push(t), q1.push(x), q2.push(y);
 *     [x, y] = [1.05 * x - 0.1 * x * y + 0.001 * Math.sin(7 * x), 0.5 * y + 0.3 * x * x];
 *   }
 * }
 * const f = hakenFit(q1, q2, units, years);
 * f.nPairs; // => 9
 * f.params.gamma1.estimate; // => -0.0534 (γ1 = 1 - β11)
 * f.params.gamma2.estimate; // => 0.5000
 * f.adiabatic; // => true (γ2 > 0 and |γ2| > |γ1|)
 */
export function hakenFit(
  q1: ArrayLike<unknown>,
  q2: ArrayLike<unknown>,
  units: ArrayLike<unknown> | UnitIds,
  times: ArrayLike<unknown>,
  options: HakenFitOptions = {},
): HakenFit {
  const settings = fitSettings(options);
  const [x1, x2] = readSeries(q1, q2, units, times, settings.names);
  return hakenFitOnPairs(x1, x2, panelPairs(units, times, { step: options.step }), settings);
}

/** @internal HakenFitOptions checked, with defaults. */
export interface FitSettings {
  names: [string, string];
  alpha: number;
  ratio: number;
  significance: "classical" | "cluster";
  cluster: boolean;
  intercept: boolean;
  requireSignificant: boolean;
}

/** @internal Check the fit options and apply the defaults. */
export function fitSettings(options: HakenFitOptions): FitSettings {
  const names = options.names ?? ["q1", "q2"];
  const alpha = options.alpha ?? 0.05;
  const ratio = options.ratio ?? 1;
  const significance = options.significance ?? "classical";
  const cluster = options.cluster ?? false;
  const intercept = options.intercept ?? false;
  const requireSignificant = options.requireSignificant ?? false;
  if (!(alpha > 0 && alpha < 1)) throw new CoordError("OPTION", `alpha must be in (0, 1); got ${alpha}`, { argument: "alpha" });
  if (!(Number.isFinite(ratio) && ratio >= 1)) throw new CoordError("OPTION", `ratio must be a number ≥ 1; got ${ratio}`, { argument: "ratio" });
  if (significance !== "classical" && significance !== "cluster")
    throw new CoordError("OPTION", `significance must be one of classical, cluster; got '${String(significance)}'`, {
      argument: "significance",
    });
  if (significance === "cluster" && !cluster) throw new CoordError("OPTION", `significance 'cluster' needs the cluster option`, { argument: "significance" });
  return { names, alpha, ratio, significance, cluster, intercept, requireSignificant };
}

/** @internal The two series as checked numbers, of the same length as units and times. */
export function readSeries(
  q1: ArrayLike<unknown>,
  q2: ArrayLike<unknown>,
  units: ArrayLike<unknown> | UnitIds,
  times: ArrayLike<unknown>,
  [n1, n2]: [string, string],
): [Float64Array, Float64Array] {
  // a finite Float64Array is used as it is (read only; no copy of 10⁶ values)
  const x1 = usable(q1) ? q1 : finiteVector(q1, n1);
  const x2 = usable(q2) ? q2 : finiteVector(q2, n2);
  assertSameLength(x1, x2, n1, n2);
  assertSameLength(x1, units, n1, "units");
  assertSameLength(x1, times, n1, "times");
  return [x1, x2];
}

/**
 * @internal The fit on pairs already built (hakenModel builds them once for both assignments);
 * `seriesChecked` skips the constant-series and overflow checks that the fit of the other
 * assignment on the same series and pairs has passed.
 *
 * @example
 * // a 3-province x 4-year panel from γ1 = -0.05, a = 0.1, γ2 = 0.5, b = 0.3 (q1 slightly disturbed)
 * const units: string[] = [], years: number[] = [], q1: number[] = [], q2: number[] = [];
 * for (const [u, x0, y0] of [["A", 0.2, 0.1], ["B", 0.4, 0.3], ["C", 0.6, 0.2]] as const) {
 *   let [x, y]: number[] = [x0, y0];
 *   for (let t = 2011; t <= 2014; t++) {
 *     units.push(u), years.push(t), q1.push(x), q2.push(y);
 *     [x, y] = [1.05 * x - 0.1 * x * y + 0.001 * Math.sin(7 * x), 0.5 * y + 0.3 * x * x];
 *   }
 * }
 * hakenFitOnPairs(Float64Array.from(q1), Float64Array.from(q2), panelPairs(units, years), fitSettings({})).params.gamma1.estimate; // =>
 * // -0.0534 (as hakenFit(q1, q2, units, years))
 */
export function hakenFitOnPairs(x1: Float64Array, x2: Float64Array, pairs: PanelPairs, settings: FitSettings, seriesChecked = false): HakenFit {
  const [n1, n2] = settings.names;
  const { alpha, ratio, significance, cluster, intercept, requireSignificant } = settings;
  const m = pairs.nPairs;
  if (m < 3)
    throw new CoordError(
      "TOO_FEW",
      `only ${m} within-unit consecutive pair${m === 1 ? "" : "s"} (t, t+1)` +
        (pairs.skippedGaps > 0 ? ` (${pairs.skippedGaps} broken by a missing period)` : "") +
        `; the Haken model needs at least 3`,
      { argument: "times" },
    );

  // Constant series make the design singular (M10: a clear error). `seriesChecked`: the other
  // assignment's fit on the same pairs has passed these checks (hakenModel's second fit)
  for (const [x, name] of (seriesChecked
    ? []
    : [
        [x1, n1],
        [x2, n2],
      ]) as Array<[Float64Array, string]>) {
    const first = x[pairs.from[0]];
    if (constantOverPairs(x, pairs.from, pairs.to, m))
      throw new CoordError("SINGULAR", `${name} is constant (${first}) over all ${m} pairs: the Haken regression design is singular`, {
        argument: name,
      });
  }

  // the design holds q1·q2 and q1²: a value whose products overflow (near ±1e308) is named as too large
  for (const [x, name] of (seriesChecked
    ? []
    : [
        [x1, n1],
        [x2, n2],
      ]) as Array<[Float64Array, string]>) {
    const i = firstHuge(x);
    if (i >= 0)
      throw new CoordError(
        "RANGE",
        `${cellLabel(name, i)}: ${x[i]} is too large to compute with (the Haken regression squares the series); rescale the series`,
        { argument: name, row: i },
      );
  }
  // the designs are read pair by pair from the series (no 10⁶-row columns): eq1 is q1(t+1) on
  // [q1(t), q1(t)·q2(t)], eq2 is q2(t+1) on [q2(t), q1(t)²]
  const clusterIds = cluster ? pairs.unit : undefined;
  const withConst = (names: string[]) => (intercept ? ["const", ...names] : names);
  const eq1 = olsRows(pairRows(pairs, x1, x1, x2, intercept), withConst(["q1(t)", "q1(t)*q2(t)"]), { intercept, cluster: clusterIds, xName: "eq1" });
  const eq2 = olsRows(pairRows(pairs, x2, x1, x1, intercept), withConst(["q2(t)", "q1(t)^2"]), { intercept, cluster: clusterIds, xName: "eq2" });
  const o = intercept ? 1 : 0;

  // M10: γ1 = 1 - β11, a = -β12, γ2 = 1 - β21, b = β22 (t for H0: parameter = 0).
  const param = (eq: OlsResult, idx: number, estimate: number): HakenParam => {
    const se = eq.se[idx];
    const t = Number.isFinite(estimate / se) ? estimate / se : null;
    const out: HakenParam = { estimate, se, t, p: t === null ? null : tTwoSidedP(t, eq.dfResid) };
    if (eq.cluster) {
      const sc = eq.cluster.se[idx];
      out.seCluster = sc;
      out.tCluster = Number.isFinite(estimate / sc) ? estimate / sc : null;
      out.pCluster = out.tCluster === null ? null : tTwoSidedP(out.tCluster, eq.cluster.df);
    }
    return out;
  };
  const params = {
    gamma1: param(eq1, o, 1 - eq1.coef[o]),
    a: param(eq1, o + 1, -eq1.coef[o + 1]),
    gamma2: param(eq2, o, 1 - eq2.coef[o]),
    b: param(eq2, o + 1, eq2.coef[o + 1]),
  };
  const g1 = params.gamma1.estimate;
  const g2 = params.gamma2.estimate;
  const pOf = (p: HakenParam) => (significance === "cluster" ? p.pCluster : p.p);
  // a null p comes from se = 0 (an exact fit): the parameter is determined exactly.
  const coefSignificant = [params.gamma1, params.a, params.gamma2, params.b].every((p) => {
    const v = pOf(p);
    return v === null || v === undefined ? true : v < alpha;
  });
  const signAndSize = g2 > 0 && Math.abs(g2) > ratio * Math.abs(g1);
  const adiabatic = signAndSize && (!requireSignificant || coefSignificant);
  const level = formatAlpha(alpha);
  const sizeLabel = ratio === 1 ? "|γ2| > |γ1|" : `|γ2| > ${ratio}·|γ1|`;
  const sig = (key: HakenCondition["key"], label: string, prm: HakenParam): HakenCondition => {
    const v = pOf(prm);
    return {
      key,
      label: `${label} significant at ${level}`,
      value: prm.estimate,
      p: v ?? null,
      holds: v === null || v === undefined ? true : v < alpha,
      required: requireSignificant,
    };
  };
  const conditions: HakenCondition[] = [
    { key: "gamma2Positive", label: "γ2 > 0", value: g2, p: pOf(params.gamma2) ?? null, holds: g2 > 0, required: true },
    {
      key: "size",
      label: sizeLabel,
      value: g1 !== 0 ? Math.abs(g2) / Math.abs(g1) : null,
      p: null,
      holds: Math.abs(g2) > ratio * Math.abs(g1),
      required: true,
    },
    sig("gamma1Significant", "γ1", params.gamma1),
    sig("aSignificant", "a", params.a),
    sig("gamma2Significant", "γ2", params.gamma2),
    sig("bSignificant", "b", params.b),
  ];
  const verdict: HakenVerdict = adiabatic ? (coefSignificant ? "holds" : "holds in sign and size, not significant") : "fails";
  return {
    q1Name: n1,
    q2Name: n2,
    params,
    eq1,
    eq2,
    nPairs: m,
    nUnits: pairs.nUnits,
    skippedGaps: pairs.skippedGaps,
    step: pairs.step,
    intercept,
    adiabatic,
    signAndSize,
    conditions,
    verdict,
    ratioG2G1: g1 !== 0 ? Math.abs(g2) / Math.abs(g1) : null,
    coefSignificant,
    orderParameterEquation: {
      linear: -g1,
      cubic: g2 !== 0 ? -(params.a.estimate * params.b.estimate) / g2 : null,
    },
    options: { alpha, ratio, requireSignificant, significance, cluster },
  };
}

/**
 * α as a percentage for messages.
 *
 * @example
 * formatAlpha(0.05); // => "5 %"
 */
export function formatAlpha(alpha: number): string {
  return `${Number((alpha * 100).toPrecision(6))} %`;
}

/**
 * True when x is the same at both ends of every pair (a loop of its own: hakenFitOnPairs itself is
 * compiled once its loops ran, and would leave them to the interpreter after a deoptimization).
 */
function constantOverPairs(x: Float64Array, from: Int32Array, to: Int32Array, m: number): boolean {
  const first = x[from[0]];
  for (let s = 0; s < m; s++) if (x[from[s]] !== first || x[to[s]] !== first) return false;
  return true;
}

/** The first index with |x| ≥ 1e150 (whose products overflow in the design), or -1. */
function firstHuge(x: Float64Array): number {
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) >= 1e150) return i;
  return -1;
}

/** Rows per block of pairRows: small reused buffers instead of 10⁶-row design columns. */
const PAIR_BLOCK = 4096;

/**
 * One Haken equation's rows over the pairs (t, t+1): y = x(t+1), columns [1 if intercept],
 * x(t), a(t)·b(t) — gathered block by block into reused buffers.
 */
function pairRows(pairs: PanelPairs, x: Float64Array, a: Float64Array, b: Float64Array, intercept: boolean): OlsRows {
  const n = pairs.nPairs;
  const { from, to } = pairs;
  const fill = (start: number, len: number, y: Float64Array, lag: Float64Array, prod: Float64Array) => {
    for (let s = 0; s < len; s++) {
      const i = from[start + s];
      y[s] = x[to[start + s]];
      lag[s] = x[i];
      prod[s] = a[i] * b[i];
    }
  };
  const make = (len: number) => {
    const y = new Float64Array(len);
    const lag = new Float64Array(len);
    const prod = new Float64Array(len);
    return { y, lag, prod, cols: intercept ? [new Float64Array(len).fill(1), lag, prod] : [lag, prod] };
  };
  let buf: ReturnType<typeof make> | undefined; // made on the first block (the direct passes need none)
  const rows: OlsRows = {
    n,
    k: intercept ? 3 : 2,
    blockSize: PAIR_BLOCK,
    block(start, len) {
      buf ??= make(Math.min(PAIR_BLOCK, Math.max(1, n)));
      fill(start, len, buf.y, buf.lag, buf.prod);
      return buf;
    },
    materialize() {
      const all = make(n);
      fill(0, n, all.y, all.lag, all.prod);
      return all;
    },
  };
  // M10 without a constant (the default): both passes read the pairs directly, without gathering
  // blocks (the same sums, in the same order: see OlsRows.sums / residualSums)
  if (!intercept) {
    rows.sums = (gram, xty, maxAbs, ySums) => pairSums(from, to, n, x, a, b, gram, xty, maxAbs, ySums);
    rows.residualSums = (coef, yBar, xte) => pairResidualSums(from, to, n, x, a, b, coef, yBar, xte);
  }
  return rows;
}

/**
 * olsRows' pass 1 for y = x(t+1) on [x(t), a(t)·b(t)] over the pairs: crossProducts' sums and
 * the y sums (Σy, Σy²), each accumulated pair by pair in pair order as the block loop does.
 */
function pairSums(
  from: Int32Array,
  to: Int32Array,
  n: number,
  x: Float64Array,
  a: Float64Array,
  b: Float64Array,
  gram: Float64Array,
  xty: Float64Array,
  maxAbs: Float64Array,
  ySums: Float64Array,
): void {
  let s00 = gram[0];
  let s01 = gram[1];
  let s11 = gram[3];
  let sy0 = xty[0];
  let sy1 = xty[1];
  let m0 = maxAbs[0];
  let m1 = maxAbs[1];
  let sy = ySums[0];
  let syy = ySums[1];
  for (let s = 0; s < n; s++) {
    const i = from[s];
    const y = x[to[s]];
    const v0 = x[i];
    const v1 = a[i] * b[i];
    s00 += v0 * v0;
    sy0 += v0 * y;
    const w0 = Math.abs(v0);
    if (w0 > m0) m0 = w0;
    s01 += v0 * v1;
    s11 += v1 * v1;
    sy1 += v1 * y;
    const w1 = Math.abs(v1);
    if (w1 > m1) m1 = w1;
    sy += y;
    syy += y * y;
  }
  gram[0] = s00;
  gram[1] = s01;
  gram[3] = s11;
  xty[0] = sy0;
  xty[1] = sy1;
  maxAbs[0] = m0;
  maxAbs[1] = m1;
  ySums[0] = sy;
  ySums[1] = syy;
}

/**
 * olsRows' residual pass (Cholesky path) for the equation of pairSums: rss and tss summed within
 * blocks of PAIR_BLOCK pairs and the block sums added in order, Σ x_j·e pair by pair (as eachBlock
 * over the gathered blocks + residualSums).
 */
function pairResidualSums(
  from: Int32Array,
  to: Int32Array,
  n: number,
  x: Float64Array,
  a: Float64Array,
  b: Float64Array,
  coef: Float64Array,
  yBar: number,
  xte: Float64Array,
): { rss: number; tss: number } {
  const c0 = coef[0];
  const c1 = coef[1];
  let e0 = xte[0];
  let e1 = xte[1];
  let rss = 0;
  let tss = 0;
  for (let start = 0; start < n; start += PAIR_BLOCK) {
    const end = Math.min(n, start + PAIR_BLOCK);
    let r = 0;
    let t = 0;
    for (let s = start; s < end; s++) {
      const i = from[s];
      const y = x[to[s]];
      const v0 = x[i];
      const v1 = a[i] * b[i];
      let f = 0;
      f += v0 * c0;
      f += v1 * c1;
      const e = y - f;
      r += e * e;
      const d = y - yBar;
      t += d * d;
      e0 += v0 * e;
      e1 += v1 * e;
    }
    rss += r;
    tss += t;
  }
  xte[0] = e0;
  xte[1] = e1;
  return { rss, tss };
}

/** A non-empty Float64Array of finite values. */
function usable(x: ArrayLike<unknown>): x is Float64Array {
  if (!(x instanceof Float64Array) || x.length === 0) return false;
  for (let i = 0; i < x.length; i++) if (x[i] - x[i] !== 0) return false;
  return true;
}

/** The four point estimates of a fit. */
export function hakenParams(fit: HakenFit): HakenParams {
  return {
    gamma1: fit.params.gamma1.estimate,
    gamma2: fit.params.gamma2.estimate,
    a: fit.params.a.estimate,
    b: fit.params.b.estimate,
  };
}
