/**
 * The geodetector part of a report (M8, M9): for each chosen period and for all units and each
 * group, y = D (panel) or the y column (geodetector-only data), every factor made into strata
 * (GEOQ's "auto" rule by default), then the factor, interaction, risk and ecological detectors.
 * Small groups are normal: where a group has fewer distinct values than k, k is lowered with a
 * warning; where a detector is undefined (constant y, one stratum), that cell is left empty with
 * the reason. One small group never fails the report.
 */
import { CoordError } from "../engine/errors";
import { AUTO_CATEGORICAL_MAX_LEVELS, discretize, DiscretizeMethod } from "../engine/geodetector/discretize";
import { encodeStrata } from "../engine/geodetector/strata";
import { optimalDiscretization } from "../engine/geodetector/optimal";
import { factorDetector } from "../engine/geodetector/factorDetector";
import { interactionDetector } from "../engine/geodetector/interactionDetector";
import { riskDetector } from "../engine/geodetector/riskDetector";
import { ecologicalDetector } from "../engine/geodetector/ecologicalDetector";
import type { ReportOptions } from "./sections/types";
import { Panel, PanelFactor } from "./panel";
import type { Observation } from "./sections/coupling";
import { distinctGroups, overallLabel } from "./groups";

export interface GeoFactorRow {
  period: string | null;
  group: string;
  factor: string;
  /** "categorical" or the discretization method */
  method: string;
  k: number | null;
  breaks: number[] | null;
  q: number | null;
  p: number | null;
  n: number;
  /** why q is empty, when it is */
  reason?: string;
}

export interface GeoInteractionRow {
  period: string | null;
  group: string;
  a: string;
  b: string;
  qa: number;
  qb: number;
  q: number;
  p: number | null;
  type: string;
}

export interface GeoRiskRow {
  period: string | null;
  group: string;
  factor: string;
  strata: Array<{ stratum: string; n: number; mean: number }>;
  pairs: Array<{ a: string; b: string; t: number | null; df: number | null; p: number | null; significant: boolean | null; reason?: string }>;
}

export interface GeoEcologicalRow {
  period: string | null;
  group: string;
  a: string;
  b: string;
  F: number | null;
  p: number | null;
  significant: boolean | null;
  reason?: string;
}

export interface GeoGridRow {
  period: string | null;
  group: string;
  factor: string;
  method: string;
  k: number;
  q: number | null;
  skipped: string | null;
}

export interface GeoAnalysis {
  /** "D" for a panel, else the y column */
  y: string;
  periods: string[];
  groups: string[];
  factors: GeoFactorRow[];
  interactions: GeoInteractionRow[];
  risk: GeoRiskRow[];
  ecological: GeoEcologicalRow[];
  grid: GeoGridRow[];
}

/** One cross-section: y and each factor's values on the same rows. */
interface Section {
  period: string | null;
  group: string;
  y: number[];
  factors: Array<{ column: string; values: Array<number | string | null>; kind: StrataKind }>;
}

/** How a factor becomes strata: each value one stratum, or numeric classes. */
type StrataKind = "categorical" | "numeric";

/**
 * The kind of a factor, decided once on the whole cross-section (all units of a period) so that
 * a small group does not turn a numeric factor into one stratum per unit: categorical when the
 * roles say so, when it holds text, or when it has at most 10 distinct values (GEOQ's "auto"
 * rule); otherwise numeric, discretized by the report's method.
 */
export function factorKind(f: PanelFactor, rows?: number[]): StrataKind {
  if (f.kind === "categorical") return "categorical";
  const vals = (rows ? rows.map((r) => f.values[r]) : f.values).filter((v) => v !== null && v !== "");
  if (vals.some((v) => typeof v !== "number")) return "categorical";
  return new Set(vals).size <= AUTO_CATEGORICAL_MAX_LEVELS ? "categorical" : "numeric";
}

interface Stratified {
  column: string;
  codes: Int32Array;
  labels: string[];
  method: string;
  k: number | null;
  breaks: number[] | null;
}

function intervalLabels(breaks: number[]): string[] {
  const f = (x: number) => String(Number(x.toPrecision(6)));
  return breaks.slice(1).map((b, i) => `${i === 0 ? "[" : "("}${f(breaks[i])}, ${f(b)}]`);
}

/** Make one factor into strata by the report's discretization option. */
function stratify(
  column: string,
  kind: StrataKind,
  x: Array<number | string>,
  y: number[],
  o: ReportOptions,
  where: string,
  warnings: string[],
  grid: GeoGridRow[],
  section: Section,
): Stratified {
  if (kind === "categorical" || x.some((v) => typeof v !== "number")) {
    const s = encodeStrata(x, column);
    return { column, codes: s.codes, labels: s.levels.map(String), method: "categorical", k: s.L, breaks: null };
  }
  const xs = x as number[];
  if (o.discretization === "optimal") {
    const r = optimalDiscretization(y, xs, { argument: column });
    for (const g of r.grid)
      grid.push({ period: section.period, group: section.group, factor: column, method: g.method, k: g.k, q: g.q, skipped: g.skipped ?? null });
    return { column, codes: r.best.codes, labels: intervalLabels(r.best.breaks), method: `optimal: ${r.best.method}`, k: r.best.kActual, breaks: r.best.breaks };
  }
  const method: DiscretizeMethod = o.discretization === "auto" ? "natural" : o.discretization;
  // Small groups: at most one class per two units (so classes are not single units, which
  // makes q trivially 1), and no more classes than distinct values.
  const allowed = Math.max(2, Math.min(Math.floor(xs.length / 2), new Set(xs).size));
  let k = o.k;
  if (k > allowed) {
    // said once per group and period, not once per factor
    const w = `Geodetector ${where}: ${xs.length} units allow at most ${allowed} classes; numeric factors use k = ${allowed} instead of ${k}.`;
    if (!warnings.includes(w)) warnings.push(w);
    k = allowed;
  }
  const r = discretize(xs, { method, k, argument: column });
  for (const w of r.warnings) warnings.push(`Geodetector ${where}, ${column}: ${w}`);
  return { column, codes: r.codes, labels: intervalLabels(r.breaks), method, k: r.k, breaks: r.breaks };
}

function reasonOf(e: unknown): string {
  if (e instanceof CoordError) return e.message;
  throw e;
}

/** Run the four detectors on one cross-section; problems become reasons and warnings. */
export function geodetectSection(section: Section, o: ReportOptions, out: GeoAnalysis, warnings: string[]): void {
  const where = `${section.group}${section.period !== null ? " " + section.period : ""}`;
  const { y } = section;
  const strata: Stratified[] = [];
  for (const f of section.factors) {
    const keep: number[] = [];
    f.values.forEach((v, i) => {
      if (v !== null && v !== "") keep.push(i);
    });
    const row: GeoFactorRow = { period: section.period, group: section.group, factor: f.column, method: "", k: null, breaks: null, q: null, p: null, n: keep.length };
    try {
      if (keep.length < f.values.length)
        throw new CoordError("MISSING", `${f.values.length - keep.length} empty cell(s) in ${f.column}; the geodetector needs every row`, { argument: f.column });
      if (new Set(y).size < 2) throw new CoordError("CONSTANT", `y is constant in ${where}; q is undefined`, { argument: "y" });
      const s = stratify(f.column, f.kind, f.values as Array<number | string>, y, o, where, warnings, out.grid, section);
      row.method = s.method;
      row.k = s.k;
      row.breaks = s.breaks;
      const r = factorDetector(y, s.codes, { ddof: o.ddof });
      row.q = r.q;
      row.p = r.pValue;
      row.n = r.N;
      strata.push(s);
      const risk = riskDetector(y, s.codes, { alpha: o.geoAlpha });
      out.risk.push({
        period: section.period,
        group: section.group,
        factor: f.column,
        strata: risk.strata.map((st) => ({ stratum: s.labels[Number(st.level)] ?? String(st.level), n: st.n, mean: st.mean })),
        pairs: risk.pairs.map((pr) => ({
          a: s.labels[Number(pr.levelA)] ?? String(pr.levelA),
          b: s.labels[Number(pr.levelB)] ?? String(pr.levelB),
          t: pr.t,
          df: pr.df,
          p: pr.pValue,
          significant: pr.significant,
          ...(pr.reason ? { reason: pr.reason } : {}),
        })),
      });
    } catch (e) {
      row.reason = reasonOf(e);
      warnings.push(`Geodetector ${where}, ${f.column}: ${row.reason}`);
    }
    out.factors.push(row);
  }
  if (strata.length >= 2) {
    try {
      const inter = interactionDetector(
        y,
        strata.map((s) => ({ name: s.column, codes: s.codes })),
        { ddof: o.ddof },
      );
      for (const r of inter.pairs)
        out.interactions.push({ period: section.period, group: section.group, a: r.a, b: r.b, qa: r.q1, qb: r.q2, q: r.q12, p: r.pValue, type: r.type });
      const eco = ecologicalDetector(
        y,
        strata.map((s) => ({ name: s.column, codes: s.codes })),
        { alpha: o.geoAlpha },
      );
      for (const r of eco.pairs)
        out.ecological.push({
          period: section.period,
          group: section.group,
          a: r.a,
          b: r.b,
          F: r.F !== null && Number.isFinite(r.F) ? r.F : null,
          p: r.pValue,
          significant: r.significant,
          ...(r.reason ? { reason: r.reason } : {}),
        });
    } catch (e) {
      warnings.push(`Geodetector ${where}, interaction: ${reasonOf(e)}`);
    }
  }
}

/** Periods the geodetector runs on: first, middle and last (the seed paper's 2011, 2015, 2020), all, or given. */
export function geoPeriods(panel: Panel, o: ReportOptions, warnings: string[]): number[] {
  const P = panel.periods;
  if (o.geoPeriods === "all") return [...P];
  if (o.geoPeriods === "first-middle-last") {
    const mid = P[Math.floor((P.length - 1) / 2)];
    return [...new Set([P[0], mid, P[P.length - 1]])];
  }
  // an option error, not a warning: a period that is not in the data is refused, naming the valid ones
  const out: number[] = [];
  for (const p of o.geoPeriods) {
    const k = panel.periodLabels.indexOf(String(p));
    if (k < 0) {
      const shown = panel.periodLabels.length > 12 ? [...panel.periodLabels.slice(0, 5), "...", ...panel.periodLabels.slice(-5)] : panel.periodLabels;
      throw new CoordError("OPTION", `option geoPeriods: ${p} is not a period of the data; the periods are ${shown.join(", ")} (or give first-middle-last or all)`, { argument: "geoPeriods" });
    }
    if (!out.includes(P[k])) out.push(P[k]); // 2011,2011: once
  }
  return out;
}

/** The geodetector on a panel: y = D of each chosen period, for all units and each group. */
export function geodetectorOnPanel(panel: Panel, obs: Observation[], o: ReportOptions, warnings: string[]): GeoAnalysis {
  const periods = geoPeriods(panel, o, warnings);
  const pooled = overallLabel(o, panel.groups ? distinctGroups(panel.groups) : []);
  const groups = [pooled, ...(panel.groups ? distinctGroups(panel.groups) : [])];
  const out: GeoAnalysis = { y: "D", periods: periods.map((p) => panel.periodLabels[panel.periods.indexOf(p)]), groups, factors: [], interactions: [], risk: [], ecological: [], grid: [] };
  for (const p of periods) {
    const label = panel.periodLabels[panel.periods.indexOf(p)];
    const periodRows: number[] = [];
    obs.forEach((x, r) => {
      if (x.time === p) periodRows.push(r);
    });
    const kinds = panel.factors.map((f) => factorKind(f, periodRows));
    for (const g of groups) {
      const rows: number[] = [];
      obs.forEach((x, r) => {
        if (x.time === p && x.D !== null && (g === pooled || x.group === g)) rows.push(r);
      });
      if (rows.length < 2) {
        warnings.push(`Geodetector ${g} ${label}: fewer than 2 units; skipped.`);
        continue;
      }
      geodetectSection(
        {
          period: label,
          group: g,
          y: rows.map((r) => obs[r].D as number),
          factors: panel.factors.map((f: PanelFactor, j) => ({ column: f.column, values: rows.map((r) => f.values[r]), kind: kinds[j] })),
        },
        o,
        out,
        warnings,
      );
    }
  }
  return out;
}

/** The geodetector on cross-sectional data (roles with y and factors): all rows, and each group. */
export function geodetectorOnRows(
  yColumn: string,
  y: ArrayLike<number>,
  factors: PanelFactor[],
  groups: string[] | undefined,
  o: ReportOptions,
  warnings: string[],
): GeoAnalysis {
  const pooled = overallLabel(o, groups ? distinctGroups(groups) : []);
  const gs = [pooled, ...(groups ? distinctGroups(groups) : [])];
  const kinds = factors.map((f) => factorKind(f));
  const out: GeoAnalysis = { y: yColumn, periods: [], groups: gs, factors: [], interactions: [], risk: [], ecological: [], grid: [] };
  for (const g of gs) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (g === pooled || groups![i] === g) rows.push(i);
    if (rows.length < 2) {
      warnings.push(`Geodetector ${g}: fewer than 2 rows; skipped.`);
      continue;
    }
    geodetectSection(
      { period: null, group: g, y: rows.map((r) => y[r]), factors: factors.map((f, j) => ({ column: f.column, values: rows.map((r) => f.values[r]), kind: kinds[j] })) },
      o,
      out,
      warnings,
    );
  }
  return out;
}

