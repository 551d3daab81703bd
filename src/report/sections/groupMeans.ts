/**
 * Section "groupMeans": mean D (and U) by group and period with the overall mean as group
 * "All"; the seed paper's Table 3 (Coordination by group, with a line chart) and the units per
 * grade per period (Grades, with a column chart); the headline findings on D.
 */
import { GRADE_TABLE } from "../../engine/grade";
import { groupMeans } from "../../engine/stats/groupMeans";
import { ALL_GROUP, ALL_LABELS, distinctGroups, overallLabel } from "../groups";
import { chart, column, ReportColumn, ReportRow, ReportTable, sheet, table } from "../model";
import { Panel } from "../panel";
import { translator } from "../i18n";
import { warn } from "../warnings";
import type { Observation } from "./coupling";
import type { AnalysisData, OptionSpec, ReportContext, ReportSection } from "./types";
import { extent } from "../../engine/stats/extent";

declare module "./types" {
  interface ReportOptions {
    /** label of the pooled group; "" = All (en) / 全国 (zh) (see overallLabel) */
    allLabel: string;
  }
  interface SectionResults {
    groupMeans?: GroupMeanRow[];
  }
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

/** Mean D (and U) by group and period, with the overall mean as group "All". */
export function groupMeansStage(panel: Panel, obs: Observation[], all: string = ALL_GROUP): GroupMeanRow[] {
  obs = obs.filter((x) => x.D !== null); // observations with undefined D are left out (listed in the Summary)
  const groups = obs.map((x) => x.group ?? all);
  const periods = obs.map((x) => x.time);
  const includeAll = !!panel.groups;
  const D = groupMeans(
    obs.map((x) => x.D as number),
    groups,
    periods,
    { includeAll, allLabel: all },
  );
  const names = panel.subsystems.map((s) => s.name);
  const Um = names.map((n) =>
    groupMeans(
      obs.map((x) => x.U[n]),
      groups,
      periods,
      { includeAll, allLabel: all },
    ),
  );
  const label = new Map(panel.periods.map((p, k) => [p, panel.periodLabels[k]]));
  return D.map((m, i) => {
    const U: Record<string, number> = {};
    names.forEach((n, s) => (U[n] = Um[s][i].mean));
    return { group: String(m.group), time: Number(m.period), period: label.get(Number(m.period)) ?? String(m.period), D: m.mean, n: m.n, U };
  });
}

/** What the group tables read: the data facts, the observations and the group means. */
export interface GroupTablesInput {
  data: AnalysisData;
  observations: Observation[];
  groupMeans: GroupMeanRow[];
  /** Label of the pooled group (default "All"; see overallLabel). */
  allLabel?: string;
  /** Language of the texts (default English). */
  language?: "en" | "zh";
}

const fmt3 = (x: number) => x.toFixed(3);

/** The seed paper's Table 3: units by group, periods in columns, a mean row per group and overall. */
export function coordinationByGroupSheet(a: GroupTablesInput) {
  const t = translator(a.language);
  const name = t("byGroup.sheet");
  const ALL = a.allLabel ?? ALL_GROUP;
  const periods = a.data.periods;
  const cols: ReportColumn[] = [column("group", t("common.group"), "text"), column("unit", t("common.unit"), "text")];
  periods.forEach((p, k) => cols.push(column(`p${k}`, p, "0.000"))); // no colour scale: the copy for pasting (D keeps it on Scores)
  const byUnit = new Map<string, Observation[]>();
  for (const x of a.observations) {
    if (!byUnit.has(x.id)) byUnit.set(x.id, []);
    byUnit.get(x.id)!.push(x);
  }
  const rows: ReportRow[] = [];
  const groupRows: number[] = [];
  const groups = a.data.groups.length ? a.data.groups : [ALL];
  const mean = (g: string, p: string) => a.groupMeans.find((m) => m.group === g && m.period === p)?.D ?? null;
  for (const g of groups) {
    for (const [id, xs] of byUnit) {
      if (a.data.groups.length && xs[0].group !== g) continue;
      const r: ReportRow = { group: g, unit: id };
      periods.forEach((p, k) => (r[`p${k}`] = xs.find((x) => x.period === p)?.D ?? null));
      rows.push(r);
    }
    const m: ReportRow = { group: g, unit: t("common.meanValue") };
    periods.forEach((p, k) => (m[`p${k}`] = mean(g, p)));
    groupRows.push(rows.length);
    rows.push(m);
  }
  if (a.data.groups.length) {
    const m: ReportRow = { group: ALL, unit: t("common.meanValue") };
    periods.forEach((p, k) => (m[`p${k}`] = mean(ALL, p)));
    groupRows.push(rows.length);
    rows.push(m);
  }
  const table3 = table(cols, rows, { title: t("byGroup.table3"), groupRows });
  // Group means over time, for the chart.
  const meanCols: ReportColumn[] = [column("period", t("common.period"), "text")];
  const allGroups = a.data.groups.length ? [...a.data.groups, ALL] : [ALL];
  allGroups.forEach((g, i) => meanCols.push(column(`g${i}`, g, "0.000")));
  const meanRows = periods.map((p) => {
    const r: ReportRow = { period: p };
    allGroups.forEach((g, i) => (r[`g${i}`] = mean(g, p)));
    return r;
  });
  const means = table(meanCols, meanRows, { title: t("byGroup.meansTitle") });
  const c = chart(
    "line",
    t("byGroup.chartTitle"),
    { sheet: name, table: 1 },
    "period",
    allGroups.map((_, i) => `g${i}`),
    {
      x: t("common.period"),
      y: t("byGroup.meanD"),
    },
  );
  // y axis fitted to the means (a 0.02 margin, on a 0.05 grid), not 0..1
  const ys = meanRows.flatMap((r) => allGroups.map((_, i) => r[`g${i}`])).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (ys.length) {
    const range = extent(ys);
    const min = Math.max(0, Math.floor((range.min! - 0.02) * 20) / 20);
    const max = Math.min(1, Math.ceil((range.max! + 0.02) * 20) / 20);
    if (max > min) c.yAxis = { min: Number(min.toFixed(2)), max: Number(max.toFixed(2)) };
    c.yFormat = "0.00"; // labels 0.45, 0.50, ... on the 0.05 grid, not the cells' 0.450
  }
  return sheet(name, [table3, means], [c], { freeze: { rows: 2, columns: 2 } });
}

/**
 * Units per grade per period, overall and per group, with a chart of the first, middle and
 * last period: horizontal bars, so that the grade names read in full beside their bars.
 */
export function gradesSheet(a: GroupTablesInput, language: "en" | "zh") {
  const t = translator(language);
  const name = t("grades.sheet");
  const ALL = a.allLabel ?? ALL_GROUP;
  const periods = a.data.periods;
  const groups = a.data.groups.length ? [ALL, ...a.data.groups] : [ALL];
  const tables: ReportTable[] = [];
  for (const g of groups) {
    const cols: ReportColumn[] = [column("gradeNo", t("grades.no"), "0"), column("grade", t("grades.grade"), "text")];
    periods.forEach((p, k) => cols.push(column(`p${k}`, p, "0")));
    const count = new Map<string, number>(); // "period\u0000gradeNo" -> units, one pass (a filter per cell was N x cells)
    for (const x of a.observations)
      if (x.gradeNo !== null && (g === ALL || x.group === g)) count.set(`${x.period}\u0000${x.gradeNo}`, (count.get(`${x.period}\u0000${x.gradeNo}`) ?? 0) + 1);
    const rows = GRADE_TABLE.map((gr) => {
      const r: ReportRow = { gradeNo: gr.gradeNo, grade: language === "zh" ? gr.zh : gr.en };
      periods.forEach((p, k) => {
        r[`p${k}`] = count.get(`${p}\u0000${gr.gradeNo}`) ?? 0;
      });
      return r;
    });
    tables.push(table(cols, rows, { title: t("grades.title", { group: g }) }));
  }
  const first = 0;
  const last = periods.length - 1;
  const mid = Math.floor(last / 2);
  const shown = [...new Set([first, mid, last])].map((k) => `p${k}`);
  const c = chart("bar", t("grades.chartTitle", { group: ALL }), { sheet: name, table: 0 }, "grade", shown, { x: t("grades.grade"), y: t("grades.units") });
  c.yAxis = { min: 0 };
  return sheet(name, tables, [c], { page: { rowsPerPage: 70 } }); // the sample's four tables (55 rows) on one page, not split at a table's last rows
}

/** Headline findings on D: mean D first -> last period, units coordinated, leading and lagging groups. */
export function groupHeadlines(a: GroupTablesInput): string[] {
  const t = translator(a.language);
  const ALL = a.allLabel ?? ALL_GROUP;
  const out: string[] = [];
  const all = a.groupMeans.filter((m) => m.group === ALL);
  const overall = all.length ? all : a.groupMeans;
  if (overall.length) {
    const first = overall[0];
    const last = overall[overall.length - 1];
    const verb = last.D > first.D ? "headline.rose" : last.D < first.D ? "headline.fell" : "headline.stayed";
    out.push(t(verb, { first: fmt3(first.D), p1: first.period, last: fmt3(last.D), p2: last.period }));
    const lastObs = a.observations.filter((x) => x.period === last.period && x.D !== null);
    const coordinated = lastObs.filter((x) => x.D! >= 0.5).length;
    out.push(t("headline.coordinated", { period: last.period, k: coordinated, n: lastObs.length }));
  }
  const groups = a.data.groups;
  if (groups.length > 1) {
    const lastPeriod = a.data.periods[a.data.periods.length - 1];
    const lastMeans = a.groupMeans.filter((m) => m.period === lastPeriod && m.group !== ALL).sort((x, y) => y.D - x.D);
    if (lastMeans.length > 1)
      out.push(
        t("headline.leading", {
          period: lastPeriod,
          lead: lastMeans[0].group,
          leadD: fmt3(lastMeans[0].D),
          lag: lastMeans[lastMeans.length - 1].group,
          lagD: fmt3(lastMeans[lastMeans.length - 1].D),
        }),
      );
  }
  return out;
}

function tablesInput(groupMeans: GroupMeanRow[], ctx: ReportContext): GroupTablesInput {
  return {
    data: ctx.data,
    observations: ctx.results.coupling!,
    groupMeans,
    allLabel: overallLabel(ctx.options, ctx.data.groups),
    language: ctx.options.language,
  };
}

const allLabelOption: OptionSpec<string> = {
  key: "allLabel",
  values: "text",
  default: "",
  blank: `${ALL_LABELS.en} / ${ALL_LABELS.zh}`,
  label: { en: "Label of all units", zh: "全部单元的标签" },
  help: {
    en: `label of the pooled group (all units) in means, densities and the geodetector; default ${ALL_LABELS.en} (en) / ${ALL_LABELS.zh} (zh); a group of that name keeps it and the pooled group gets a suffix`,
    zh: `分组均值、核密度与地理探测器中全部单元的标签；默认 ${ALL_LABELS.en}（英文）/ ${ALL_LABELS.zh}（中文）；若某一分组同名，则全部单元的标签加后缀`,
  },
  parse: (text) => text.trim(),
};

export const groupMeansSection: ReportSection<GroupMeanRow[]> = {
  id: "groupMeans",
  title: { en: "Means by group", zh: "分组均值" },
  progress: { en: "Means by group", zh: "分组均值" },
  jsonKey: "groupMeans",
  empty: [],
  cost: 0.5,
  needs: ["coupling"],
  options: [allLabelOption],
  run: (ctx) => {
    const groups = ctx.panel.groups ? distinctGroups(ctx.panel.groups) : [];
    const all = overallLabel(ctx.options, groups);
    if (all !== overallLabel(ctx.options))
      warn(
        ctx.warnings,
        "groupMeans.allLabelTaken",
        translator(ctx.options.language)("byGroup.allLabelTaken", { name: overallLabel(ctx.options), label: all }),
      );
    return groupMeansStage(ctx.panel, ctx.results.coupling!, all);
  },
  sheets: (m, ctx) => [coordinationByGroupSheet(tablesInput(m, ctx)), gradesSheet(tablesInput(m, ctx), ctx.options.language)],
  headlines: (m, ctx) => groupHeadlines(tablesInput(m, ctx)),
};
