/**
 * Section "obstacles" (METHODS.md M15): the obstacle degree of every indicator for every unit
 * and period, from the same standardized z and weights as the composite indices; the
 * "Obstacles" sheet: the mean obstacle degree of each indicator by period (the table papers
 * print), the subsystem obstacles by period, and per unit and period the top obstacles.
 */
import { obstacleDegree, obstacleRow, ObstacleResult } from "../../engine/inequality";
import { standardize } from "../../engine/standardize";
import { column, ReportColumn, ReportRow, sheet, table } from "../model";
import { translator } from "../i18n";
import { enumOption, numberOption } from "./optionKit";
import type { ReportContext, ReportSection, SectionContext } from "./types";

declare module "./types" {
  interface ReportOptions {
    /** M15: F_j = α_s w_j over all indicators, or normalised within each subsystem */
    obstacleWeighting: "global" | "within";
    /** M15: obstacles listed per unit and period */
    obstacleTop: number;
  }
  interface SectionResults {
    obstacles?: ObstaclesReport;
  }
}

/** The JSON `obstacles`. */
export interface ObstaclesReport {
  weighting: "global" | "within";
  top: number;
  indicators: string[];
  /** Subsystem of each indicator. */
  subsystems: string[];
  /** Weight of each indicator within its subsystem (the composite index's). */
  weights: number[];
  /** α of each subsystem (in the order of `subsystemNames`). */
  alpha: number[];
  subsystemNames: string[];
  /** F_j = α_s w_j (global) or w_j (within). */
  F: number[];
  /** Per observation (panel order: by unit, then period). */
  rows: Array<{
    id: string;
    period: string;
    /** O of each indicator in percent; null without any obstacle (every z = 1). */
    O: number[] | null;
    /** Subsystem obstacles Σ_{j∈s} O_ij of the global weighting, by subsystem name. */
    subsystemObstacle: Record<string, number> | null;
    /** The top obstacles (per subsystem in turn with "within"): indicator name and O. */
    top: Array<{ indicator: string; subsystem: string; O: number }>;
  }>;
  /** Mean O of each indicator and the mean subsystem obstacles by period. */
  byPeriod: Array<{ period: string; n: number; O: number[]; subsystemObstacle: Record<string, number> }>;
  /** max |Σ_{j∈s} O_ij − 100 α_s(1 − U_s)/Σ α_t(1 − U_t)| (M15's identity; rounding only). */
  check: number;
}

export function obstaclesStage(ctx: SectionContext): ObstaclesReport {
  const { panel, options: o } = ctx;
  const weightRows = ctx.results.weights!.rows;
  const indicators: string[] = [];
  const subsystems: string[] = [];
  const weights: number[] = [];
  const n = panel.times.length;
  const p = panel.subsystems.reduce((k, s) => k + s.indicators.length, 0);
  const zFlat = new Float64Array(n * p); // z of every indicator, row-major (rows x indicators)
  let offset = 0;
  const periodLabels = panel.periodIndex.map((k) => panel.periodLabels[k]);
  for (const s of panel.subsystems) {
    const inds = s.indicators.map((i) => panel.indicators[i]);
    const matrix = panel.times.map((_, r) => inds.map((ind) => ind.values[r]));
    // M15: the same z as the indices (M1 with directions and scope), before any shift
    const st = standardize(matrix, {
      directions: inds.map((ind) => ind.direction),
      columnNames: inds.map((ind) => ind.column),
      scope: o.scope,
      periods: o.scope === "per-period" ? periodLabels : undefined,
    });
    for (let r = 0; r < n; r++) {
      const row = st.zUnshifted[r];
      for (let j = 0; j < row.length; j++) zFlat[r * p + offset + j] = row[j];
    }
    offset += inds.length;
    for (const ind of inds) {
      indicators.push(ind.column);
      subsystems.push(s.name);
      weights.push(weightRows.find((w) => w.subsystem === s.name && w.indicator === ind.column)!.weight);
    }
  }
  const alpha = o.alpha.length === panel.subsystems.length ? o.alpha : undefined;
  const z = Array.from({ length: n }, (_, i) => zFlat.subarray(i * p, (i + 1) * p));
  const r: ObstacleResult = obstacleDegree(z, {
    weights,
    subsystems,
    alpha,
    weighting: o.obstacleWeighting,
    top: o.obstacleTop,
    names: indicators,
    periods: periodLabels,
  });
  const named = (v: ArrayLike<number>) => Object.fromEntries(r.subsystemNames.map((n, t) => [n, v[t]]));
  const out: ObstaclesReport = {
    weighting: r.weighting,
    top: o.obstacleTop,
    indicators,
    subsystems,
    weights,
    alpha: r.alpha,
    subsystemNames: r.subsystemNames,
    F: r.F,
    rows: [], // replaced below
    byPeriod: r.byPeriod.map((b) => ({ period: String(b.period), n: b.n, O: b.meanO, subsystemObstacle: named(b.meanSubsystem) })),
    check: r.check,
  };
  // Each row as obstacleRow gives it (its O, top and subsystem obstacles; nulls without obstacle),
  // built when first read: by the JSON (--json, the pane's analysis) or a caller, not by the
  // sheet, which reads the typed result (a county panel: ~700,000 objects fewer; bench/NOTES.md).
  Object.defineProperty(out, "rows", {
    enumerable: true,
    configurable: true,
    get() {
      const rows = panel.ids.map((id, i) => {
        const row = obstacleRow(r, i);
        return {
          id,
          period: periodLabels[i],
          O: row ? row.O : null,
          subsystemObstacle: row ? named(row.subsystemObstacle) : null,
          top: row ? row.top.map((t) => ({ indicator: t.name, subsystem: t.subsystem, O: t.O })) : [],
        };
      });
      Object.defineProperty(out, "rows", { value: rows, enumerable: true, writable: true, configurable: true });
      return rows;
    },
  });
  TYPED.set(out, { result: r, ids: panel.ids, periodLabels });
  return out;
}

/** The typed result behind an ObstaclesReport made by obstaclesStage (for its sheet). */
const TYPED = new WeakMap<ObstaclesReport, { result: ObstacleResult; ids: readonly string[]; periodLabels: readonly string[] }>();

/** Per row: unit, period and the top obstacles (names and O), from the typed result when there is one. */
function topRows(x: ObstaclesReport): { width: number; rows: ReportRow[]; anyWithout: boolean } {
  const typed = TYPED.get(x);
  if (!typed) {
    const rows = x.rows.map((row) => {
      const r: ReportRow = { unit: row.id, period: row.period };
      row.top.forEach((t, q) => {
        r[`n${q}`] = t.indicator;
        r[`o${q}`] = t.O;
      });
      return r;
    });
    return { width: x.rows.reduce((m, r) => Math.max(m, r.top.length), 0), rows, anyWithout: x.rows.some((r) => r.O === null) };
  }
  const { result: r, ids, periodLabels } = typed;
  const k = r.topCount;
  const keys = Array.from({ length: k }, (_, q) => [`n${q}`, `o${q}`]);
  const rows = ids.map((id, i) => {
    const row: ReportRow = { unit: id, period: periodLabels[i] };
    if (r.topIndicator[i * k] < 0) return row; // no obstacle (every z = 1)
    for (let q = 0; q < k; q++) {
      row[keys[q][0]] = r.names[r.topIndicator[i * k + q]];
      row[keys[q][1]] = r.topO[i * k + q];
    }
    return row;
  });
  return { width: r.undefinedRows.length === ids.length ? 0 : k, rows, anyWithout: r.undefinedRows.length > 0 };
}

export function obstaclesSheet(x: ObstaclesReport, ctx?: Pick<ReportContext, "options">) {
  const t = translator(ctx?.options.language);
  const periods = x.byPeriod.map((b) => b.period);
  const meanCols: ReportColumn[] = [column("subsystem", t("obstacles.subsystem"), "text"), column("indicator", t("obstacles.indicator"), "text")];
  periods.forEach((p, k) => meanCols.push(column(`p${k}`, p, "0.00", { colorScale: true })));
  const means = table(
    meanCols,
    x.indicators.map((ind, j) => {
      const r: ReportRow = { subsystem: x.subsystems[j], indicator: ind };
      x.byPeriod.forEach((b, k) => (r[`p${k}`] = b.O[j]));
      return r;
    }),
    { title: t(x.weighting === "within" ? "obstacles.meansTitleWithin" : "obstacles.meansTitleGlobal") },
  );
  const subCols: ReportColumn[] = [column("subsystem", t("obstacles.subsystem"), "text")];
  periods.forEach((p, k) => subCols.push(column(`p${k}`, p, "0.00")));
  const subs = table(
    subCols,
    x.subsystemNames.map((s) => {
      const r: ReportRow = { subsystem: s };
      x.byPeriod.forEach((b, k) => (r[`p${k}`] = b.subsystemObstacle[s]));
      return r;
    }),
    { title: t("obstacles.subsystemsTitle") },
  );
  const tops = topRows(x);
  const width = tops.width;
  const topCols: ReportColumn[] = [column("unit", t("common.unit"), "text"), column("period", t("common.period"), "text")];
  for (let q = 0; q < width; q++)
    topCols.push(column(`n${q}`, t("obstacles.obstacle", { rank: q + 1 }), "text"), column(`o${q}`, t("obstacles.degree", { rank: q + 1 }), "0.00"));
  const topTable = table(topCols, tops.rows, { title: t(x.weighting === "within" ? "obstacles.topTitleWithin" : "obstacles.topTitle", { top: x.top }) });
  const notes = [t("obstacles.formulaNote")];
  if (tops.anyWithout) notes.push(t("obstacles.noObstacleNote"));
  return sheet(t("obstacles.sheet"), [means, subs, topTable], [], { notes, freeze: { rows: 2, columns: 2 } });
}

export const obstaclesSection: ReportSection<ObstaclesReport> = {
  id: "obstacles",
  title: { en: "Obstacle degree", zh: "障碍度" },
  progress: { en: "Obstacle degree", zh: "障碍度" },
  jsonKey: "obstacles",
  cost: 0.5,
  needs: ["weights"],
  options: [
    enumOption(
      {
        key: "obstacleWeighting",
        default: "global",
        label: { en: "Obstacle weighting", zh: "障碍度权重" },
        help: {
          en: "F_j = α_s w_j over all indicators, or normalised within each subsystem (M15)",
          zh: "F_j = α_s w_j（全部指标）或在各子系统内归一化（M15）",
        },
      },
      ["global", "within"],
    ),
    numberOption(
      {
        key: "obstacleTop",
        default: 5,
        label: { en: "Top obstacles", zh: "主要障碍因子个数" },
        help: { en: "obstacles listed per unit and period (M15)", zh: "每个单元每期列出的障碍因子个数（M15）" },
      },
      { min: 1, max: 100, integer: true },
    ),
  ],
  run: obstaclesStage,
  sheets: (x, ctx) => [obstaclesSheet(x, ctx)],
  headlines: (x, ctx) => {
    const t = translator(ctx.options.language);
    const last = x.byPeriod[x.byPeriod.length - 1];
    if (!last) return [];
    const order = last.O.map((v, j) => [v, j])
      .sort((a, b) => b[0] - a[0])
      .slice(0, 3);
    const list = t.list(order.map(([v, j]) => t("obstacles.item", { indicator: x.indicators[j], value: v.toFixed(1) })));
    return [t("obstacles.headline", { period: last.period, list })];
  },
};
