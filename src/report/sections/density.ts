/**
 * Section "density" (METHODS.md M7): Gaussian kernel density of D per period, overall and per
 * group; the Density sheet with one chart per group.
 */
import { kernelDensity } from "../../engine/kde";
import { distinctGroups, overallLabel } from "../groups";
import { chart, column, ColumnWithValues, ReportTable, sheet, table, tableFromColumns } from "../model";
import { Panel } from "../panel";
import { hasKey, translator, type Translate } from "../i18n";
import { warn } from "../warnings";
import { badOption, decimalNumber, enumOption } from "./optionKit";
import type { Observation } from "./coupling";
import type { OptionSpec, ReportOptions, ReportSection } from "./types";
import { extent } from "../../engine/stats/extent";

declare module "./types" {
  interface ReportOptions {
    /** M7 bandwidth rule or a fixed h */
    bandwidth: "silverman" | "scott" | "scipy_scott" | "scipy_silverman" | "nrd0" | "nrd" | number;
    /** periods drawn per density chart: first, middle, last and two between, or all */
    densityCurves: "five" | "all";
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
  const t = translator(o.language);
  const out: DensityCurve[] = [];
  const grid = Array.from({ length: gridSize }, (_, i) => i / (gridSize - 1));
  const named = panel.groups ? distinctGroups(panel.groups) : [];
  const pooled = overallLabel(o, named);
  const groups = [pooled, ...named];
  // D by group and period in one pass over the observations, in their order
  const P = panel.periods.length;
  const periodPos = new Map(panel.periods.map((p, k) => [p, k]));
  const byGroup = new Map<string, number[][]>(groups.map((g) => [g, Array.from({ length: P }, () => [] as number[])]));
  const all = byGroup.get(pooled)!;
  for (const x of obs) {
    if (x.D === null) continue;
    const k = periodPos.get(x.time);
    if (k === undefined) continue;
    all[k].push(x.D);
    if (x.group !== null && x.group !== pooled) byGroup.get(x.group)?.[k].push(x.D);
  }
  for (const g of groups) {
    const lists = byGroup.get(g)!;
    panel.periods.forEach((p, k) => {
      const period = panel.periodLabels[k];
      const values = lists[k];
      if (values.length < 2 || new Set(values).size < 2) {
        if (values.length > 0) warn(warnings, "density.fewValues", t("density.fewValues", { group: g, period }));
        return;
      }
      const r = kernelDensity(values, { bandwidth: o.bandwidth, points: grid, argument: `D of ${g} ${period}` });
      out.push({ group: g, time: p, period, n: r.n, bandwidth: r.bandwidth, rule: r.rule, x: grid, f: r.density });
    });
  }
  return out;
}

/**
 * Indices of the periods a chart shows: all when `max` or fewer, else the first, the middle,
 * the last and evenly spaced ones between (`max` in all).
 *
 * @example
 * chartPeriods(10, 5); // => [0, 2, 4, 7, 9]
 */
export function chartPeriods(n: number, max: number = 5): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  // first, middle and last; then the middle of the widest gap until `max` are chosen
  const out = [...new Set([0, n - 1, Math.floor((n - 1) / 2)])].slice(0, max).sort((a, b) => a - b);
  while (out.length < max) {
    let widest = 0;
    for (let i = 1; i < out.length - 1; i++) if (out[i + 1] - out[i] > out[widest + 1] - out[widest]) widest = i;
    if (out[widest + 1] - out[widest] < 2) break;
    out.splice(widest + 1, 0, Math.round((out[widest] + out[widest + 1]) / 2));
  }
  return out;
}

/**
 * The x range of a group's density chart: the range of D of its units widened by three
 * bandwidths (where the Gaussian kernel has all but 0.3 % of its mass), on a 0.05 grid, within [0, 1].
 */
export function densityXRange(values: number[], bandwidth: number): { min: number; max: number } {
  const range = extent(values);
  const lo = (range.min ?? 0) - 3 * bandwidth;
  const hi = (range.max ?? 1) + 3 * bandwidth;
  const min = Math.max(0, Math.floor(lo * 20) / 20);
  const max = Math.min(1, Math.ceil(hi * 20) / 20);
  return max > min ? { min: Number(min.toFixed(2)), max: Number(max.toFixed(2)) } : { min: 0, max: 1 };
}

/** A bandwidth rule as shown ("Silverman's rule of thumb", "Silverman 经验法则"); an unknown code as it is. */
export function ruleLabel(rule: string, t: Translate): string {
  const key = `density.rule.${rule}`;
  return hasKey(key) ? t(key) : rule;
}

/** Rows (0-based, inclusive) of a grid that lie within a range, e.g. the x range of a chart. */
export function rowsWithin(grid: readonly number[], range: { min: number; max: number }): { first: number; last: number } {
  const eps = 1e-9;
  let first = grid.findIndex((x) => x >= range.min - eps);
  if (first < 0) first = 0;
  let last = first;
  for (let i = first; i < grid.length && grid[i] <= range.max + eps; i++) last = i;
  return { first, last };
}

/**
 * The Density sheet: the bandwidths, and per group the curves of every period with a line
 * chart (smooth scatter, at most five periods unless `curves` is "all") and a 3-D surface chart
 * (period x D x density, every period, over the line chart's range of D).
 */
export function densitySheet(density: DensityCurve[], obs: Observation[] = [], curves: "five" | "all" = "five", language: "en" | "zh" = "en") {
  const t = translator(language);
  const name = t("density.sheet");
  const tables: ReportTable[] = [];
  const charts = [];
  const surfaces = [];
  const groups = [...new Set(density.map((d) => d.group))];
  const bw = table(
    [
      column("group", t("common.group"), "text"),
      column("period", t("common.period"), "text"),
      column("n", t("common.n"), "0"),
      column("bandwidth", t("density.bandwidth"), "0.0000"),
      column("rule", t("density.rule"), "text"),
    ],
    density.map((d) => ({ group: d.group, period: d.period, n: d.n, bandwidth: d.bandwidth, rule: ruleLabel(d.rule, t) })),
    { title: t("density.bandwidthsTitle") },
  );
  tables.push(bw);
  for (const g of groups) {
    const groupCurves = density.filter((d) => d.group === g);
    const cols: ColumnWithValues[] = [{ ...column("x", "D", "0.000"), values: groupCurves[0].x }];
    groupCurves.forEach((c, i) => cols.push({ ...column(`f${i}`, c.period, "0.0000"), values: c.f }));
    tables.push(tableFromColumns(cols, { title: t("density.tableTitle", { group: g }) }));
    const ref = { sheet: name, table: tables.length - 1 };
    const shown = curves === "all" ? groupCurves.map((_, i) => i) : chartPeriods(groupCurves.length);
    const c = chart(
      "scatter",
      t("density.chartTitle", { group: g }),
      ref,
      "x",
      shown.map((i) => `f${i}`),
      { x: "D", y: t("density.density") },
    );
    c.smooth = true;
    c.xFormat = "0.00"; // D labels on the 0.05 grid: 0.30, 0.35, ...
    const values = obs.filter((x) => x.D !== null && (g === groups[0] || x.group === g)).map((x) => x.D as number); // groups[0]: the pooled group
    if (values.length) c.xAxis = densityXRange(values, extent(groupCurves.map((d) => d.bandwidth)).max ?? 0);
    c.yAxis = { min: 0 };
    charts.push(c);
    // the 3-D view the papers print: every period, D within the line chart's range
    const s = chart(
      "surface",
      t("density.surfaceTitle", { group: g }),
      ref,
      "x",
      groupCurves.map((_, i) => `f${i}`),
      { x: "D", y: t("density.density") },
    );
    s.smooth = true; // density labels in General
    s.seriesAxisTitle = t("density.period");
    s.xFormat = "0.00";
    if (c.xAxis) s.rows = rowsWithin(groupCurves[0].x, { min: c.xAxis.min ?? 0, max: c.xAxis.max ?? 1 });
    surfaces.push(s);
  }
  return sheet(name, tables, [...charts, ...surfaces], { page: { rowsPerPage: 160 }, notes: [t("density.note")] });
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
    const h = decimalNumber(v);
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
  options: [
    bandwidthOption,
    enumOption(
      {
        key: "densityCurves",
        default: "five",
        label: { en: "Curves per density chart", zh: "核密度图的曲线数" },
        help: {
          en: "periods drawn per density chart: five (first, middle, last and two between) or all",
          zh: "每张核密度图绘制的时期：five（首期、中期、末期及其间两期）或 all（全部）",
        },
      },
      ["five", "all"],
    ),
  ],
  run: (ctx) => densityStage(ctx.panel, ctx.results.coupling!, ctx.options, ctx.warnings),
  sheets: (d, ctx) => (d.length ? [densitySheet(d, ctx.results.coupling ?? [], ctx.options.densityCurves, ctx.options.language)] : []),
};
