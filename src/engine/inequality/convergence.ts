import { CoordError, cellLabel } from "../errors";
import { assertFinite } from "../validate";
import { mean, sd } from "../stats/describe";
import { olsColumns } from "../stats/ols";

type Label = string | number;

export interface ConvergenceOptions {
  /** Period labels, one per column (default 1, 2, …). */
  periods?: ReadonlyArray<Label>;
  /** Group of each unit (row): adds the same statistics per group. */
  groups?: ReadonlyArray<Label>;
  /** σ: delta degrees of freedom of the SD (default 0, population SD). */
  ddof?: number;
  /** β: the length of one period in time units (default 1, annual data). */
  periodLength?: number;
  /** Argument name of the panel in messages (default "panel"). */
  argument?: string;
}

export interface SigmaRow {
  period: Label;
  n: number;
  mean: number;
  sd: number;
  /** CV = SD / mean; null when the mean is 0. */
  cv: number | null;
}

export interface SigmaConvergence {
  ddof: number;
  overall: SigmaRow[];
  byGroup: Array<{ group: string; rows: SigmaRow[] }>;
}

export interface BetaFit {
  n: number;
  alpha: number;
  beta: number;
  seAlpha: number;
  seBeta: number;
  tAlpha: number | null;
  tBeta: number | null;
  pAlpha: number | null;
  pBeta: number | null;
  r2: number | null;
  ssr: number;
  dfResid: number;
  /** Convergence speed −ln(1 + span·β)/span (span = T for the pooled fit); null when 1 + span·β ≤ 0. */
  speed: number | null;
  /** ln 2 / speed; null unless speed > 0 (β < 0: convergence). */
  halfLife: number | null;
  note?: string;
}

export interface BetaConvergence {
  /** Pooled annual: ln(y_{t+1}/y_t) = α + β ln y_t, over units x (periods − 1) pairs; speed −ln(1 + β)/T. */
  pooled: BetaFit;
  /** Long difference: ln(y_last/y_first)/span = α + β ln y_first over units; speed −ln(1 + span·β)/span. */
  longDifference: BetaFit | null;
  periodLength: number;
  span: number;
  byGroup: Array<{ group: string; pooled: BetaFit | null; longDifference: BetaFit | null; reason?: string }>;
}

interface Panel {
  values: number[][];
  periods: Label[];
  argument: string;
}

function readPanel(panel: ArrayLike<ArrayLike<unknown>>, options: ConvergenceOptions): Panel {
  const argument = options.argument ?? "panel";
  if (panel.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const T = panel[0].length;
  const values = Array.from(panel, (row, i) => {
    if (row.length !== T) throw new CoordError("LENGTH", `${argument} row ${i + 1} has ${row.length} values; row 1 has ${T}`, { argument, row: i });
    return Array.from(row, (v, t) => assertFinite(v, argument, i, t));
  });
  const periods = options.periods ? options.periods.slice() : Array.from({ length: T }, (_, t) => t + 1);
  if (periods.length !== T) throw new CoordError("LENGTH", `periods has ${periods.length} labels but ${argument} has ${T} columns`, { argument: "periods" });
  if (options.groups && options.groups.length !== values.length)
    throw new CoordError("LENGTH", `groups has ${options.groups.length} values but ${argument} has ${values.length} rows`, { argument: "groups" });
  return { values, periods, argument };
}

/** Units (row indices) of each group, groups in code-unit order. */
function groupRows(groups: ReadonlyArray<Label>): Array<{ group: string; rows: number[] }> {
  const map = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const key = String(g);
    if (!map.has(key)) map.set(key, []);
    map.get(key)!.push(i);
  });
  return [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((group) => ({ group, rows: map.get(group)! }));
}

function sigmaRows(p: Panel, rows: number[], ddof: number): SigmaRow[] {
  return p.periods.map((period, t) => {
    const x = rows.map((i) => p.values[i][t]);
    if (x.length - ddof <= 0)
      throw new CoordError("TOO_FEW", `${p.argument} period ${period}: ${x.length} values; an SD with ddof ${ddof} needs at least ${ddof + 1}`, {
        argument: p.argument,
      });
    const m = mean(x);
    const s = sd(x, ddof, m);
    return { period, n: x.length, mean: m, sd: s, cv: m !== 0 ? s / m : null };
  });
}

/**
 * σ-convergence (M13): per period the mean, standard deviation (ddof stated; default 0) and
 * coefficient of variation CV = SD/mean of a panel (units x periods), overall and per group.
 *
 * @example
 * const s = sigmaConvergence([[1, 2], [3, 2]], { periods: [2011, 2012] });
 * s.overall.map((r) => r.cv); // => [0.5, 0]
 */
export function sigmaConvergence(panel: ArrayLike<ArrayLike<unknown>>, options: ConvergenceOptions = {}): SigmaConvergence {
  const ddof = options.ddof ?? 0;
  if (!Number.isInteger(ddof) || ddof < 0) throw new CoordError("OPTION", `ddof must be a non-negative integer; got ${ddof}`, { argument: "ddof" });
  const p = readPanel(panel, options);
  const all = p.values.map((_, i) => i);
  return {
    ddof,
    overall: sigmaRows(p, all, ddof),
    byGroup: options.groups ? groupRows(options.groups).map(({ group, rows }) => ({ group, rows: sigmaRows(p, rows, ddof) })) : [],
  };
}

function fit(yv: number[], xv: number[], span: number, what: string): BetaFit {
  const r = olsColumns(Float64Array.from(yv), [Float64Array.from(xv)], ["ln y"], { intercept: true, xName: what });
  const beta = r.coef[1];
  const g = 1 + span * beta;
  const speed = g > 0 ? -Math.log(g) / span : null;
  const out: BetaFit = {
    n: r.n,
    alpha: r.coef[0],
    beta,
    seAlpha: r.se[0],
    seBeta: r.se[1],
    tAlpha: r.t[0],
    tBeta: r.t[1],
    pAlpha: r.p[0],
    pBeta: r.p[1],
    r2: r.r2,
    ssr: r.rss,
    dfResid: r.dfResid,
    speed,
    halfLife: speed !== null && speed > 0 ? Math.LN2 / speed : null,
  };
  if (speed === null) out.note = `1 + ${span === 1 ? "" : `${span}·`}β ≤ 0: the speed is undefined`;
  else if (!(speed > 0)) out.note = "β ≥ 0: no β-convergence, the half-life is undefined";
  return out;
}

function logOf(p: Panel, i: number, t: number): number {
  const v = p.values[i][t];
  if (!(v > 0))
    throw new CoordError("NEGATIVE", `${cellLabel(p.argument, i, t)} (period ${p.periods[t]}): ${v} is not positive; β-convergence takes ln y`, {
      argument: p.argument,
      row: i,
      column: t,
    });
  return Math.log(v);
}

function betaFits(p: Panel, rows: number[], periodLength: number): { pooled: BetaFit; longDifference: BetaFit | null } {
  const T = p.periods.length;
  const yv: number[] = [];
  const xv: number[] = [];
  for (const i of rows)
    for (let t = 0; t + 1 < T; t++) {
      const a = logOf(p, i, t);
      yv.push(logOf(p, i, t + 1) - a); // M13: ln(y_{t+1}/y_t) on ln y_t
      xv.push(a);
    }
  const pooled = fit(yv, xv, periodLength, `${p.argument} (β-convergence)`);
  let longDifference: BetaFit | null = null;
  const span = (T - 1) * periodLength;
  if (T > 2 && rows.length > 2) {
    const ly = rows.map((i) => (logOf(p, i, T - 1) - logOf(p, i, 0)) / span);
    const lx = rows.map((i) => logOf(p, i, 0));
    longDifference = fit(ly, lx, span, `${p.argument} (long-difference β-convergence)`);
  }
  return { pooled, longDifference };
}

/**
 * Absolute β-convergence (M13): pooled OLS of ln(y_{t+1}/y_t) on ln y_t with classical SE,
 * speed −ln(1 + β)/T and half-life ln 2/speed; the long-difference cross-section
 * ln(y_last/y_first)/span on ln y_first too; overall and per group.
 *
 * @example
 * const b = betaConvergence([[1, 2, 3], [4, 4.5, 5], [2, 3, 3.5]]);
 * b.pooled.beta; // => -0.4116
 * b.pooled.n; // => 6
 */
export function betaConvergence(panel: ArrayLike<ArrayLike<unknown>>, options: ConvergenceOptions = {}): BetaConvergence {
  const periodLength = options.periodLength ?? 1;
  if (!(periodLength > 0)) throw new CoordError("OPTION", `periodLength must be positive; got ${periodLength}`, { argument: "periodLength" });
  const p = readPanel(panel, options);
  if (p.periods.length < 2) throw new CoordError("TOO_FEW", `${p.argument} has one period; β-convergence needs at least two`, { argument: p.argument });
  const all = p.values.map((_, i) => i);
  const overall = betaFits(p, all, periodLength);
  const byGroup = options.groups
    ? groupRows(options.groups).map(({ group, rows }) => {
        try {
          return { group, ...betaFits(p, rows, periodLength) };
        } catch (e) {
          if (e instanceof CoordError && (e.code === "TOO_FEW" || e.code === "SINGULAR"))
            return { group, pooled: null, longDifference: null, reason: e.message };
          throw e;
        }
      })
    : [];
  return { ...overall, periodLength, span: (p.periods.length - 1) * periodLength, byGroup };
}
