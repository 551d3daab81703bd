/**
 * Section "density" (METHODS.md M7): Gaussian kernel density of D per period, overall and per
 * group; the Density sheet with one chart per group.
 */
import { kernelDensity } from "../../engine/kde";
import { ALL_GROUP, distinctGroups } from "../groups";
import { chart, column, ColumnWithValues, ReportTable, sheet, table, tableFromColumns } from "../model";
import { Panel } from "../panel";
import { SHEET } from "../sheetNames";
import { badOption } from "./optionKit";
import type { Observation } from "./coupling";
import type { OptionSpec, ReportOptions, ReportSection } from "./types";

declare module "./types" {
  interface ReportOptions {
    /** M7 bandwidth rule or a fixed h */
    bandwidth: "silverman" | "scott" | "scipy_scott" | "scipy_silverman" | "nrd0" | "nrd" | number;
  }
  interface SectionResults {
    density?: DensityCurve[];
  }
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

/**
 * M7: kernel density of D per period, overall and per group, on one grid for every curve: D's
 * range [0, 1] in steps of 0.01 (so curves of all periods and groups share x and can be drawn
 * in one chart). A group-period with fewer than 2 distinct values of D gets no curve and a
 * warning.
 */
export function densityStage(panel: Panel, obs: Observation[], o: ReportOptions, warnings: string[], gridSize = 101): DensityCurve[] {
  const out: DensityCurve[] = [];
  const grid = Array.from({ length: gridSize }, (_, i) => i / (gridSize - 1));
  const groups = [ALL_GROUP, ...(panel.groups ? distinctGroups(panel.groups) : [])];
  for (const g of groups) {
    panel.periods.forEach((p, k) => {
      const period = panel.periodLabels[k];
      const values = obs.filter((x) => x.time === p && (g === ALL_GROUP || x.group === g)).map((x) => x.D);
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

/** The Density sheet: the bandwidths, and per group the curves of every period with a line chart. */
export function densitySheet(density: DensityCurve[]) {
  const tables: ReportTable[] = [];
  const charts = [];
  const groups = [...new Set(density.map((d) => d.group))];
  const bw = table(
    [column("group", "Group", "text"), column("period", "Period", "text"), column("n", "n", "0"), column("bandwidth", "Bandwidth h", "0.0000"), column("rule", "Rule", "text")],
    density.map((d) => ({ group: d.group, period: d.period, n: d.n, bandwidth: d.bandwidth, rule: d.rule })),
    { title: "Bandwidths (Gaussian kernel)" },
  );
  tables.push(bw);
  for (const g of groups) {
    const curves = density.filter((d) => d.group === g);
    const cols: ColumnWithValues[] = [{ ...column("x", "D", "0.000"), values: curves[0].x }];
    curves.forEach((c, i) => cols.push({ ...column(`f${i}`, c.period, "0.0000"), values: c.f }));
    tables.push(tableFromColumns(cols, { title: `Kernel density of D — ${g}` }));
    charts.push(chart("line", `Kernel density of D — ${g}`, { sheet: SHEET.density, table: tables.length - 1 }, "x", curves.map((_, i) => `f${i}`), { x: "D", y: "Density" }));
  }
  return sheet(SHEET.density, tables, charts, { page: { rowsPerPage: 160 } });
}

const RULES = ["silverman", "scott", "scipy_scott", "scipy_silverman", "nrd0", "nrd"] as const;

const bandwidthOption: OptionSpec<ReportOptions["bandwidth"]> = {
  key: "bandwidth",
  values: `${RULES.join("|")}|number`,
  suggestions: RULES,
  default: "silverman",
  label: { en: "Bandwidth", zh: "带宽" },
  help: { en: "kernel density bandwidth rule or fixed h (M7)", zh: "核密度估计的带宽规则或固定带宽 h（M7）" },
  parse(text) {
    const v = text.trim();
    if ((RULES as readonly string[]).includes(v)) return v as ReportOptions["bandwidth"];
    const h = Number(v);
    if (!(h > 0) || !Number.isFinite(h)) throw badOption("bandwidth", v, `${RULES.join(", ")} or a positive number`);
    return h;
  },
};

export const densitySection: ReportSection<DensityCurve[]> = {
  id: "density",
  title: { en: "Kernel density", zh: "核密度估计" },
  progress: { en: "Kernel density", zh: "核密度估计" },
  jsonKey: "density",
  empty: [],
  cost: 1.5,
  needs: ["coupling"],
  options: [bandwidthOption],
  run: (ctx) => densityStage(ctx.panel, ctx.results.coupling!, ctx.options, ctx.warnings),
  sheets: (d) => (d.length ? [densitySheet(d)] : []),
};
