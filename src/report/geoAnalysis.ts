/**
 * The geodetector part of a report (M8, M9): for each chosen period and for all units and each
 * group, y = D (panel) or the y column (geodetector-only data), every factor made into strata
 * (GEOQ's "auto" rule by default), then the factor, interaction, risk and ecological detectors.
 * Small groups are normal: where a group has fewer distinct values than k, k is lowered with a
 * warning; where a detector is undefined (constant y, one stratum), that cell is left empty with
 * the reason. One small group never fails the report.
 */
import { CoordError } from "../engine/errors";
import { discretize, DiscretizeMethod } from "../engine/geodetector/discretize";
import { factorKind as decideFactorKind } from "../engine/geodetector/factorKind";
import { encodeStrata } from "../engine/geodetector/strata";
import { optimalDiscretization } from "../engine/geodetector/optimal";
import { factorDetector } from "../engine/geodetector/factorDetector";
import { interactionDetector } from "../engine/geodetector/interactionDetector";
import { riskDetector } from "../engine/geodetector/riskDetector";
import { ecologicalDetector } from "../engine/geodetector/ecologicalDetector";
import type { ReportOptions } from "./sections/types";
import { knownFactorKind, Panel, PanelFactor } from "./panel";
import type { Observation } from "./sections/coupling";
import { distinctGroups, overallLabel } from "./groups";
import { translator } from "./i18n";
import { engineKey, engineText } from "./engineText";
import { warn, warnOnce } from "./warnings";

export interface GeoFactorRow {
  period: string | null;
  group: string;
  factor: string;
  /** "categorical" or the discretization method */
  method: string;
  k: number | null;
  breaks: number[] | null;
  q: number | null;
  /** non-central F p (R geodetector, GD); null with the reason when undefined */
  p: number | null;
  /** central F p, the test of H0: q = 0 (M8) */
  pCentral: number | null;
  n: number;
  /** why q (or p) is empty, when it is */
  reason?: string;
  /** every stratum holds one unit: q = 1 trivially, never a finding (not headlined) */
  trivial?: boolean;
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
  pCentral: number | null;
  type: string;
  /** every overlay stratum holds one unit: q12 = 1 trivially */
  trivial?: boolean;
  reason?: string;
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
  y: ArrayLike<number>;
  factors: Array<{
    column: string;
    values: Array<number | string | null>;
    kind: StrataKind;
    /** Strata decided on all units of the period (groupStrata "national"), on this section's rows. */
    preset?: Stratified;
    /** Why the factor is not assessed in this section (the group column within a single group). */
    skip?: string;
  }>;
}

/** How a factor becomes strata: each value one stratum, or numeric classes. */
type StrataKind = "categorical" | "numeric";

/**
 * The kind of a factor, decided once on the whole cross-section (all units of a period) so that
 * a small group does not turn a numeric factor into one stratum per unit, by the engine's one
 * rule (factorKind, M8): the declared kind, text, an explicit discretization (a method other
 * than auto), then whole numbers with at most 10 levels and fewer than n/2 levels.
 */
export function factorKind(f: PanelFactor, rows?: number[], explicitDiscretization = false): StrataKind {
  const known = rows ? undefined : knownFactorKind(f.values, explicitDiscretization);
  if (known) return known;
  // the engine's rule skips empty cells itself (only the kind is read here, not textRows)
  const vals = rows ? rows.map((r) => f.values[r]).filter((v) => v !== null && v !== "") : f.values;
  return decideFactorKind(vals, { declared: f.declared ?? null, explicitDiscretization, argument: f.column }).kind;
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
  y: ArrayLike<number>,
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
    const r = optimalDiscretization(y, xs, { argument: column, methods: o.optimalMethods, ks: o.optimalK });
    for (const g of r.grid)
      grid.push({
        period: section.period,
        group: section.group,
        factor: column,
        method: g.method,
        k: g.k,
        q: g.q,
        skipped: g.skipped ? engineText(g.skipped, o.language) : null,
      });
    return {
      column,
      codes: r.best.codes,
      labels: intervalLabels(r.best.breaks),
      method: `optimal: ${r.best.method}`,
      k: r.best.kActual,
      breaks: r.best.breaks,
    };
  }
  const method: DiscretizeMethod = o.discretization === "auto" ? "natural" : o.discretization;
  // Small groups: at most one class per two units (so classes are not single units, which
  // makes q trivially 1), and no more classes than distinct values.
  const allowed = Math.max(2, Math.min(Math.floor(xs.length / 2), new Set(xs).size));
  let k = o.k;
  if (k > allowed) {
    // said once per group and period, not once per factor
    warnOnce(warnings, "geo.kLowered", translator(o.language)("geo.kLowered", { where, n: xs.length, allowed, k }));
    k = allowed;
  }
  const r = discretize(xs, { method, k, argument: column });
  for (const w of r.warnings) discretizeWarning(warnings, o.language, where, column, w);
  return { column, codes: r.codes, labels: intervalLabels(r.breaks), method, k: r.k, breaks: r.breaks };
}

/** A warning of the discretization of a factor, with its kind (repeated break, empty class, k lowered). */
function discretizeWarning(warnings: string[], language: string | undefined, where: string, factor: string, text: string): void {
  const key = engineKey(text);
  const kind =
    key === "geo.r.repeatedBreak"
      ? "geo.repeatedBreak"
      : key === "geo.r.emptyClass"
        ? "geo.emptyClass"
        : key === "geo.r.kLoweredDistinct"
          ? "geo.kLoweredDistinct"
          : "geo.discretize";
  warn(warnings, kind, translator(language)("geo.factorProblem", { where, factor, text: engineText(text, language) }));
}

function reasonOf(e: unknown, language?: string): string {
  if (e instanceof CoordError) return engineText(e.message, language);
  throw e;
}

/**
 * The strata of a national stratification (decided on all units of the period) on a subset of
 * its rows, codes compacted to the strata present.
 */
function subsetStrata(s: Stratified, positions: number[]): Stratified {
  const remap = new Map<number, number>();
  const present = [...new Set(positions.map((i) => s.codes[i]))].sort((a, b) => a - b);
  present.forEach((c, i) => remap.set(c, i));
  return {
    ...s,
    codes: Int32Array.from(positions, (i) => remap.get(s.codes[i])!),
    labels: present.map((c) => s.labels[c]),
  };
}

/**
 * Run the four detectors on one cross-section; problems become reasons and warnings. Returns
 * the strata used, by column (the national strata when this is the all-units section).
 */
export function geodetectSection(section: Section, o: ReportOptions, out: GeoAnalysis, warnings: string[]): Map<string, Stratified> {
  const used = new Map<string, Stratified>();
  const t = translator(o.language);
  const where = section.period !== null ? t("geo.section", { group: section.group, period: section.period }) : section.group;
  const { y } = section;
  const strata: Stratified[] = [];
  for (const f of section.factors) {
    const present = presentRows(f.values);
    const keep = present ?? [];
    const kept = present ? present.length : f.values.length;
    const row: GeoFactorRow = {
      period: section.period,
      group: section.group,
      factor: f.column,
      method: "",
      k: null,
      breaks: null,
      q: null,
      p: null,
      pCentral: null,
      n: kept,
    };
    if (f.skip) {
      row.reason = f.skip;
      out.factors.push(row);
      continue;
    }
    try {
      const complete = present === null;
      // M8: missing x: an error naming the factor, unless the rows are dropped (per factor)
      if (!complete && o.missing !== "drop")
        throw new CoordError("MISSING", t("geo.emptyCells", { n: f.values.length - kept, factor: f.column }), { argument: f.column });
      const ys = complete ? y : keep.map((i) => y[i]);
      if (isConstant(ys)) throw new CoordError("CONSTANT", t("geo.constantY", { where }), { argument: "y" });
      const values = (complete ? f.values : keep.map((i) => f.values[i])) as Array<number | string>;
      const s = complete && f.preset ? f.preset : stratify(f.column, f.kind, values, ys, o, where, warnings, out.grid, section);
      if (complete) used.set(f.column, s);
      else warn(warnings, "geo.rowsLeftOut", t(f.preset ? "geo.rowsLeftOutPreset" : "geo.rowsLeftOut", { where, factor: f.column, n: f.values.length - kept }));
      row.method = s.method;
      row.k = s.k;
      row.breaks = s.breaks;
      const r = factorDetector(ys, s.codes, { ddof: o.ddof });
      row.q = r.q;
      row.p = r.pValue;
      row.pCentral = r.pCentral;
      row.n = r.N;
      if (r.oneUnitPerStratum) {
        row.trivial = true;
        row.reason = engineText(r.reason ?? "", o.language);
        warn(warnings, "geo.trivial", t("geo.trivialWarning", { where, factor: f.column, text: row.reason }));
      }
      if (complete) strata.push(s);
      const risk = riskDetector(ys, s.codes, { alpha: o.geoAlpha });
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
          ...(pr.reason ? { reason: engineText(pr.reason, o.language) } : {}),
        })),
      });
    } catch (e) {
      row.reason = reasonOf(e, o.language);
      warn(warnings, "geo.factorProblem", t("geo.factorProblem", { where, factor: f.column, text: row.reason }));
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
        out.interactions.push({
          period: section.period,
          group: section.group,
          a: r.a,
          b: r.b,
          qa: r.q1,
          qb: r.q2,
          q: r.q12,
          p: r.pValue,
          pCentral: r.pCentral,
          type: r.type,
          ...(r.oneUnitPerStratum ? { trivial: true, reason: engineText(r.reason ?? "", o.language) } : {}),
        });
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
          ...(r.reason ? { reason: engineText(r.reason, o.language) } : {}),
        });
    } catch (e) {
      warn(warnings, "geo.interaction", t("geo.interactionProblem", { where, text: reasonOf(e, o.language) }));
    }
  }
  return used;
}

/** Positions of the non-empty values; null when none is empty (a million rows need no list of positions for that). */
function presentRows(values: ArrayLike<number | string | null>): number[] | null {
  let i = 0;
  while (i < values.length && values[i] !== null && values[i] !== "") i++;
  if (i === values.length) return null;
  const keep: number[] = [];
  for (let k = 0; k < values.length; k++) if (values[k] !== null && values[k] !== "") keep.push(k);
  return keep;
}

/** Whether every value equals the first (fewer than two distinct values; NaN equals NaN, as in a Set). */
function isConstant(y: ArrayLike<number>): boolean {
  const first = y[0];
  for (let i = 1; i < y.length; i++) {
    const v = y[i];
    if (v !== first && !(v !== v && first !== first)) return false;
  }
  return true;
}

/** Periods the geodetector runs on: first, middle and last (the seed paper's 2011, 2015, 2020), all, or given. */
export function geoPeriods(panel: Panel, o: ReportOptions, _warnings: string[]): number[] {
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
      throw new CoordError(
        "OPTION",
        `option geoPeriods: ${p} is not a period of the data; the periods are ${shown.join(", ")} (or give first-middle-last or all)`,
        { argument: "geoPeriods" },
      );
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
  const groupColumn = panel.roles.kind === "panel" ? panel.roles.group : undefined;
  const out: GeoAnalysis = {
    y: "D",
    periods: periods.map((p) => panel.periodLabels[panel.periods.indexOf(p)]),
    groups,
    factors: [],
    interactions: [],
    risk: [],
    ecological: [],
    grid: [],
  };
  for (const p of periods) {
    const label = panel.periodLabels[panel.periods.indexOf(p)];
    const periodRows: number[] = [];
    obs.forEach((x, r) => {
      if (x.time === p) periodRows.push(r);
    });
    const kinds = panel.factors.map((f) => factorKind(f, periodRows, o.discretization !== "auto"));
    const position = new Map(periodRows.map((r, i) => [r, i]));
    let national = new Map<string, Stratified>();
    for (const g of groups) {
      const rows: number[] = [];
      obs.forEach((x, r) => {
        if (x.time === p && x.D !== null && (g === pooled || x.group === g)) rows.push(r);
      });
      if (rows.length < 2) {
        warn(warnings, "geo.fewUnits", translator(o.language)("geo.fewUnits", { where: translator(o.language)("geo.section", { group: g, period: label }) }));
        continue;
      }
      // M8: by default the strata are decided once on all units of the period (the seed paper's
      // six levels over the 31 provinces) and q is computed within each group on those strata
      const positions = rows.map((r) => position.get(r)!);
      const used = geodetectSection(
        {
          period: label,
          group: g,
          y: rows.map((r) => obs[r].D as number),
          factors: panel.factors.map((f: PanelFactor, j) => {
            const base = { column: f.column, values: rows.map((r) => f.values[r]), kind: kinds[j] };
            if (g !== pooled && f.column === groupColumn) return { ...base, skip: translator(o.language)("geo.groupColumnUnits", { group: g }) };
            const s = national.get(f.column);
            return g !== pooled && o.groupStrata === "national" && s ? { ...base, preset: subsetStrata(s, positions) } : base;
          }),
        },
        o,
        out,
        warnings,
      );
      if (g === pooled) national = used;
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
  groupColumn?: string,
): GeoAnalysis {
  const pooled = overallLabel(o, groups ? distinctGroups(groups) : []);
  const gs = [pooled, ...(groups ? distinctGroups(groups) : [])];
  const kinds = factors.map((f) => factorKind(f, undefined, o.discretization !== "auto"));
  const out: GeoAnalysis = { y: yColumn, periods: [], groups: gs, factors: [], interactions: [], risk: [], ecological: [], grid: [] };
  let national = new Map<string, Stratified>();
  for (const g of gs) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (g === pooled || groups![i] === g) rows.push(i);
    if (rows.length < 2) {
      warn(warnings, "geo.fewUnits", translator(o.language)("geo.fewRows", { where: g }));
      continue;
    }
    // all rows (the pooled group): the columns as they are, not copies (a million rows at the sheet limit)
    const all = rows.length === y.length;
    const used = geodetectSection(
      {
        period: null,
        group: g,
        y: all ? y : rows.map((r) => y[r]),
        factors: factors.map((f, j) => {
          const base = { column: f.column, values: all ? f.values : rows.map((r) => f.values[r]), kind: kinds[j] };
          if (g !== pooled && f.column === groupColumn) return { ...base, skip: translator(o.language)("geo.groupColumnRows", { group: g }) };
          const s = national.get(f.column);
          return g !== pooled && o.groupStrata === "national" && s ? { ...base, preset: subsetStrata(s, rows) } : base;
        }),
      },
      o,
      out,
      warnings,
    );
    if (g === pooled) national = used;
  }
  return out;
}
