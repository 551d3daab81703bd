/**
 * The analysis of a panel: weights -> composite indices U -> coupling C, T, D with grades ->
 * group means -> kernel densities -> geodetector -> Haken model, on one `Panel` with one set of
 * `ReportOptions`. Pure: plain data in, a plain `Analysis` out (the JSON the command line
 * writes with `--json`; its key names are documented in the README and kept stable).
 *
 * Each stage is a separate function so that the front ends can report progress between them
 * and cancel; `analyzePanel` chains them.
 */
import { CoordError } from "../engine/errors";
import { entropyWeights, criticWeights } from "../engine/weights";
import { compositeIndex } from "../engine/composite";
import { coupling } from "../engine/coupling";
import { gradeD, relativeType, couplingStage } from "../engine/grade";
import { groupMeans } from "../engine/stats/groupMeans";
import { kernelDensity } from "../engine/kde";
import { hakenModel, HakenModelResult } from "../engine/haken";
import { Panel } from "./panel";
import { ReportOptions } from "./options";
import { GeoAnalysis, geodetectorOnPanel } from "./geoAnalysis";

export const ALL_GROUP = "All";

/** One indicator's weight with the method's intermediate quantities. */
export interface WeightRow {
  subsystem: string;
  indicator: string;
  direction: "+" | "-";
  weight: number;
  /** entropy: e and d; CRITIC: sigma (contrast), conflict, information. Per-period scope: absent. */
  e?: number;
  d?: number;
  sigma?: number;
  conflict?: number;
  information?: number;
}

export interface Observation {
  id: string;
  time: number;
  /** the period as shown (e.g. "2015") */
  period: string;
  group: string | null;
  U: Record<string, number>;
  /** null (with `reason`) where C and D are undefined: all U of the observation are 0 */
  C: number | null;
  T: number;
  D: number | null;
  /** null where D is null */
  grade: string | null;
  gradeNo: number | null;
  broadClass: string | null;
  /** coupling stage of C (M6); null where C is null */
  stage: string | null;
  /** why C and D are null (absent otherwise) */
  reason?: string;
  /** relative development type (two subsystems only; null otherwise) */
  relativeType: string | null;
}

export interface GroupMeanRow {
  group: string;
  time: number;
  period: string;
  D: number;
  n: number;
  /** mean U per subsystem */
  U: Record<string, number>;
}

export interface DensityCurve {
  group: string;
  time: number;
  period: string;
  n: number;
  bandwidth: number;
  rule: string;
  x: number[];
  f: number[];
}

export interface HakenSummary {
  /** names of the two series, A then B */
  pair: [string, string];
  model: HakenModelResult;
  /** evolution level per observation (null where none) in observation order */
  levels: Array<number | null>;
  skippedGaps: number;
}

export interface Analysis {
  options: ReportOptions;
  data: {
    units: number;
    periods: string[];
    groups: string[];
    observations: number;
    subsystems: Array<{ name: string; indicators: string[] }>;
    factors: string[];
  };
  weights: WeightRow[];
  observations: Observation[];
  groupMeans: GroupMeanRow[];
  density: DensityCurve[];
  geodetector: GeoAnalysis | null;
  haken: HakenSummary | null;
  warnings: string[];
}

export type Stage = "weights" | "coupling" | "density" | "geodetector" | "haken";

/** Stage 1 (M1–M4): weights per subsystem and the composite index U of each subsystem. */
export function weightsStage(panel: Panel, o: ReportOptions): { weights: WeightRow[]; U: number[][] } {
  const U: number[][] = [];
  const weights: WeightRow[] = [];
  const periodLabels = panel.periodIndex.map((k) => panel.periodLabels[k]);
  for (const s of panel.subsystems) {
    const inds = s.indicators.map((i) => panel.indicators[i]);
    const matrix = panel.times.map((_, r) => inds.map((ind) => ind.values[r]));
    const common = {
      directions: inds.map((ind) => ind.direction),
      columnNames: inds.map((ind) => ind.column),
      scope: o.scope,
      periods: o.scope === "per-period" ? periodLabels : undefined,
      shift: o.shift,
    };
    if (o.weighting === "entropy") {
      const r = entropyWeights(matrix, common);
      inds.forEach((ind, j) =>
        weights.push({
          subsystem: s.name,
          indicator: ind.column,
          direction: ind.direction,
          weight: r.weights[j],
          ...(r.scope === "global" ? { e: r.e[j], d: r.d[j] } : {}),
        }),
      );
      U.push(compositeIndex(r).U);
    } else {
      const r = criticWeights(matrix, common);
      inds.forEach((ind, j) =>
        weights.push({
          subsystem: s.name,
          indicator: ind.column,
          direction: ind.direction,
          weight: r.weights[j],
          ...(r.scope === "global" ? { sigma: r.contrast[j], conflict: r.conflict[j], information: r.information[j] } : {}),
        }),
      );
      U.push(compositeIndex(r).U);
    }
  }
  return { weights, U };
}

/** Stage 2 (M5, M6): C, T, D per observation with grades, stages and relative types. */
export function coordinationStage(panel: Panel, U: number[][], o: ReportOptions): Observation[] {
  const names = panel.subsystems.map((s) => s.name);
  const rows = panel.times.map((_, r) => U.map((u) => u[r]));
  const alpha = o.alpha.length ? o.alpha : undefined;
  if (alpha && alpha.length !== names.length)
    throw new CoordError("OPTION", `option alpha has ${alpha.length} weights but there are ${names.length} subsystems`, { argument: "alpha" });
  let ccd;
  try {
    // an observation whose C and D are undefined (all U = 0) keeps them empty with the reason; the rest go on
    // scores of shifted z lie in [δ, 1 + δ] (M1)
    ccd = coupling(rows, { form: o.coupling, alpha, systemNames: names, onUndefined: "null", upper: 1 + Math.max(0, o.shift) });
  } catch (e) {
    // Name the observation rather than the internal row number.
    if (e instanceof CoordError && e.where.row !== undefined) {
      const r = e.where.row;
      throw new CoordError(e.code, `${panel.ids[r]} ${panel.periodLabels[panel.periodIndex[r]]} (sheet row ${panel.rowIndex[r]}): ${e.message}`, e.where);
    }
    throw e;
  }
  const gradeOpts = { closure: o.closure, language: o.language, decimals: o.gradeDecimals ?? undefined };
  return panel.times.map((t, r) => {
    const D = ccd.D[r];
    const C = ccd.C[r];
    const g = D === null ? null : gradeD(D, gradeOpts);
    const Ur: Record<string, number> = {};
    names.forEach((n, s) => (Ur[n] = U[s][r]));
    const obs: Observation = {
      id: panel.ids[r],
      time: t,
      period: panel.periodLabels[panel.periodIndex[r]],
      group: panel.groups ? panel.groups[r] : null,
      U: Ur,
      C,
      T: ccd.T[r],
      D,
      grade: g ? g.label : null,
      gradeNo: g ? g.gradeNo : null,
      broadClass: g ? g.broadClass : null,
      stage: C === null ? null : couplingStage(Math.min(1, Math.max(0, C)), { language: o.language }).label,
      relativeType:
        names.length === 2 ? relativeType(U[0][r], U[1][r], { theta: o.theta, language: o.language, names: [names[0], names[1]] }).label : null,
    };
    if (D === null) obs.reason = names.every((_, s) => U[s][r] === 0) ? "all subsystem scores U are 0, so C and D are undefined" : `the ${o.coupling} coupling degree is undefined for these scores`;
    return obs;
  });
}

/** Warnings for the observations whose C and D are undefined (listed in the Summary). */
export function undefinedObservationWarnings(panel: Panel, obs: Observation[]): string[] {
  const rows = obs.map((x, r) => (x.D === null ? r : -1)).filter((r) => r >= 0);
  if (rows.length === 0) return [];
  const shown = rows.slice(0, 8).map((r) => `${obs[r].id} ${obs[r].period} (sheet row ${panel.rowIndex[r]})`);
  return [
    `C and D are undefined for ${rows.length} observation${rows.length === 1 ? "" : "s"}: ${shown.join(", ")}${rows.length > 8 ? ", ..." : ""} — ${obs[rows[0]].reason}; ${rows.length === 1 ? "its" : "their"} C, D and grade are left empty and ${rows.length === 1 ? "it is" : "they are"} left out of the means, grades, densities and the geodetector.`,
  ];
}

/** Mean D (and U) by group and period, with the overall mean as group "All". */
export function groupMeansStage(panel: Panel, obs: Observation[]): GroupMeanRow[] {
  obs = obs.filter((x) => x.D !== null); // observations with undefined D are left out (listed in the Summary)
  const groups = obs.map((x) => x.group ?? ALL_GROUP);
  const periods = obs.map((x) => x.time);
  const includeAll = !!panel.groups;
  const D = groupMeans(obs.map((x) => x.D as number), groups, periods, { includeAll, allLabel: ALL_GROUP });
  const names = panel.subsystems.map((s) => s.name);
  const Um = names.map((n) => groupMeans(obs.map((x) => x.U[n]), groups, periods, { includeAll, allLabel: ALL_GROUP }));
  const label = new Map(panel.periods.map((p, k) => [p, panel.periodLabels[k]]));
  return D.map((m, i) => {
    const U: Record<string, number> = {};
    names.forEach((n, s) => (U[n] = Um[s][i].mean));
    return { group: String(m.group), time: Number(m.period), period: label.get(Number(m.period)) ?? String(m.period), D: m.mean, n: m.n, U };
  });
}

/**
 * Stage 3 (M7): kernel density of D per period, overall and per group, on one grid for every
 * curve: D's range [0, 1] in steps of 0.01 (so curves of all periods and groups share x and can
 * be drawn in one chart). A group-period with fewer than 2 distinct values of D gets no curve
 * and a warning.
 */
export function densityStage(panel: Panel, obs: Observation[], o: ReportOptions, warnings: string[], gridSize = 101): DensityCurve[] {
  const out: DensityCurve[] = [];
  const grid = Array.from({ length: gridSize }, (_, i) => i / (gridSize - 1));
  const groups = [ALL_GROUP, ...(panel.groups ? distinct(panel.groups) : [])];
  for (const g of groups) {
    panel.periods.forEach((p, k) => {
      const period = panel.periodLabels[k];
      const values = obs.filter((x) => x.time === p && x.D !== null && (g === ALL_GROUP || x.group === g)).map((x) => x.D as number);
      if (values.length < 2 || new Set(values).size < 2) {
        if (values.length > 0) warnings.push(`Density: ${g} ${period} has fewer than two distinct values of D; no curve.`);
        return;
      }
      const r = kernelDensity(values, { bandwidth: o.bandwidth, points: grid, argument: `D of ${g} ${period}` });
      out.push({ group: g, time: p, period, n: r.n, bandwidth: r.bandwidth, rule: r.rule, x: grid, f: r.density });
    });
  }
  return out;
}

/** Stage 5 (M10): Haken model on the chosen pair of subsystems' U. */
export function hakenStage(panel: Panel, obs: Observation[], o: ReportOptions, warnings: string[]): HakenSummary | null {
  const names = panel.subsystems.map((s) => s.name);
  const [i, j] = o.hakenPair;
  if (i >= names.length || j >= names.length) {
    warnings.push(`Haken: option hakenPair names subsystem ${Math.max(i, j) + 1} but there are ${names.length}; no Haken model.`);
    return null;
  }
  const A = obs.map((x) => x.U[names[i]]);
  const B = obs.map((x) => x.U[names[j]]);
  try {
    const model = hakenModel(A, B, panel.ids, panel.times, {
      names: [names[i], names[j]],
      intercept: o.hakenIntercept,
      cluster: o.hakenClusterSE,
      ratio: o.hakenRatio,
      evolution: o.evolution,
    });
    if (model.fitA.skippedGaps > 0)
      warnings.push(`Haken: ${model.fitA.skippedGaps} pair(s) across a missing period were skipped.`);
    const levels = model.evolution ? model.evolution.level.map((v) => (Number.isFinite(v) ? v : null)) : obs.map(() => null);
    return { pair: [names[i], names[j]], model, levels, skippedGaps: model.fitA.skippedGaps };
  } catch (e) {
    if (!(e instanceof CoordError)) throw e;
    warnings.push(`Haken: not estimated — ${e.message}`);
    return null;
  }
}

function distinct(xs: string[]): string[] {
  return [...new Set(xs.filter((x) => x !== ""))];
}

/** Run every stage; `onStage` is called before each (for progress and cancellation). */
export async function analyzePanel(
  panel: Panel,
  o: ReportOptions,
  onStage: (stage: Stage, index: number, total: number) => void | Promise<void> = () => undefined,
): Promise<Analysis> {
  const warnings = [...panel.warnings];
  await onStage("weights", 0, 5);
  const { weights, U } = weightsStage(panel, o);
  await onStage("coupling", 1, 5);
  const observations = coordinationStage(panel, U, o);
  warnings.push(...undefinedObservationWarnings(panel, observations));
  const means = groupMeansStage(panel, observations);
  await onStage("density", 2, 5);
  const density = densityStage(panel, observations, o, warnings);
  await onStage("geodetector", 3, 5);
  const geodetector = panel.factors.length ? geodetectorOnPanel(panel, observations, o, warnings) : null;
  if (!panel.factors.length) warnings.push("Geodetector: the roles name no factors; no geodetector tables.");
  await onStage("haken", 4, 5);
  const haken = panel.subsystems.length >= 2 ? hakenStage(panel, observations, o, warnings) : null;
  return {
    options: o,
    data: {
      units: panel.units.length,
      periods: panel.periodLabels,
      groups: panel.groups ? distinct(panel.groups) : [],
      observations: panel.ids.length,
      subsystems: panel.subsystems.map((s) => ({ name: s.name, indicators: s.indicators.map((i) => panel.indicators[i].column) })),
      factors: panel.factors.map((f) => f.column),
    },
    weights,
    observations,
    groupMeans: means,
    density,
    geodetector,
    haken,
    warnings,
  };
}
