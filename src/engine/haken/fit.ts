import { CoordError, cellLabel } from "../errors";
import { assertSameLength, finiteVector } from "../validate";
import { OlsResult, olsColumns } from "../stats/ols";
import { tTwoSidedP } from "../stats/studentT";
import { PanelPairs, panelPairs } from "./pairs";

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
 * // panel b of the reference (31 provinces x 2014–2023; q1 = NQPF, q2 = NTU composites)
 * const f = hakenFit(U_NQPF, U_NTU, units, years);
 * f.nPairs;                 // 279
 * f.params.gamma1.estimate; // -0.0634466849359272 (γ1 = 1 - β11)
 * f.adiabatic;              // true (γ2 = 0.284 > 0, |γ2| > |γ1|)
 */
export function hakenFit(
  q1: ArrayLike<unknown>,
  q2: ArrayLike<unknown>,
  units: ArrayLike<unknown>,
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
  if (!(Number.isFinite(ratio) && ratio >= 1))
    throw new CoordError("OPTION", `ratio must be a number ≥ 1; got ${ratio}`, { argument: "ratio" });
  if (significance !== "classical" && significance !== "cluster")
    throw new CoordError("OPTION", `significance must be one of classical, cluster; got '${String(significance)}'`, {
      argument: "significance",
    });
  if (significance === "cluster" && !cluster)
    throw new CoordError("OPTION", `significance 'cluster' needs the cluster option`, { argument: "significance" });
  return { names, alpha, ratio, significance, cluster, intercept, requireSignificant };
}

/** @internal The two series as checked numbers, of the same length as units and times. */
export function readSeries(
  q1: ArrayLike<unknown>,
  q2: ArrayLike<unknown>,
  units: ArrayLike<unknown>,
  times: ArrayLike<unknown>,
  [n1, n2]: [string, string],
): [Float64Array, Float64Array] {
  const x1 = finiteVector(q1, n1);
  const x2 = finiteVector(q2, n2);
  assertSameLength(x1, x2, n1, n2);
  assertSameLength(x1, units, n1, "units");
  assertSameLength(x1, times, n1, "times");
  return [x1, x2];
}

/**
 * @internal The fit on pairs already built (hakenModel builds them once for both assignments).
 *
 * @example
 * hakenFitOnPairs(x1, x2, panelPairs(units, years), fitSettings({})); // = hakenFit(x1, x2, units, years)
 */
export function hakenFitOnPairs(x1: Float64Array, x2: Float64Array, pairs: PanelPairs, settings: FitSettings): HakenFit {
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

  // Constant series make the design singular (M10: a clear error).
  for (const [x, name] of [[x1, n1], [x2, n2]] as Array<[Float64Array, string]>) {
    const first = x[pairs.from[0]];
    let constant = true;
    for (let s = 0; s < m && constant; s++) if (x[pairs.from[s]] !== first || x[pairs.to[s]] !== first) constant = false;
    if (constant)
      throw new CoordError("SINGULAR", `${name} is constant (${first}) over all ${m} pairs: the Haken regression design is singular`, {
        argument: name,
      });
  }

  const y1 = new Float64Array(m);
  const y2 = new Float64Array(m);
  const c11 = new Float64Array(m);
  const c12 = new Float64Array(m);
  const c21 = new Float64Array(m);
  const c22 = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const i = pairs.from[s];
    const j = pairs.to[s];
    y1[s] = x1[j];
    y2[s] = x2[j];
    c11[s] = x1[i];
    c12[s] = x1[i] * x2[i];
    c21[s] = x2[i];
    c22[s] = x1[i] * x1[i];
  }
  // the design holds q1·q2 and q1²: a value whose products overflow (near ±1e308) is named as too large
  for (let s = 0; s < m; s++) {
    if (Math.max(Math.abs(c11[s]), Math.abs(c12[s]), Math.abs(c21[s]), Math.abs(c22[s]), Math.abs(y1[s]), Math.abs(y2[s])) < 1e150) continue;
    const cands: Array<[number, string, number]> = [
      [pairs.from[s], n1, x1[pairs.from[s]]],
      [pairs.from[s], n2, x2[pairs.from[s]]],
      [pairs.to[s], n1, x1[pairs.to[s]]],
      [pairs.to[s], n2, x2[pairs.to[s]]],
    ];
    const [row, name, v] = cands.reduce((a, b) => (Math.abs(b[2]) > Math.abs(a[2]) ? b : a));
    throw new CoordError(
      "RANGE",
      `${cellLabel(name, row)}: ${v} is too large to compute with (the Haken regression squares the series); rescale the series`,
      { argument: name, row },
    );
  }
  const clusterIds = cluster ? pairs.unit : undefined;
  const eq1 = olsColumns(y1, [c11, c12], ["q1(t)", "q1(t)*q2(t)"], { intercept, cluster: clusterIds, xName: "eq1" });
  const eq2 = olsColumns(y2, [c21, c22], ["q2(t)", "q1(t)^2"], { intercept, cluster: clusterIds, xName: "eq2" });
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
  const adiabatic = g2 > 0 && Math.abs(g2) > ratio * Math.abs(g1) && (!requireSignificant || coefSignificant);
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
    ratioG2G1: g1 !== 0 ? Math.abs(g2) / Math.abs(g1) : null,
    coefSignificant,
    orderParameterEquation: {
      linear: -g1,
      cubic: g2 !== 0 ? -(params.a.estimate * params.b.estimate) / g2 : null,
    },
    options: { alpha, ratio, requireSignificant, significance, cluster },
  };
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
