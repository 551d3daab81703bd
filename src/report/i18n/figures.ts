/**
 * Strings of the figures' sections: the kernel density (density.ts) and the means by group and
 * the grades (groupMeans.ts): sheet names, table titles and headers, chart and axis titles,
 * notes, headline findings and warnings.
 */
import type { Catalogue } from "./types";

export const FIGURES_STRINGS = {
  // Density sheet (M7)
  "density.sheet": { en: "Density", zh: "核密度" },
  "density.bandwidthsTitle": { en: "Bandwidths (Gaussian kernel)", zh: "带宽（高斯核）" },
  "density.bandwidth": { en: "Bandwidth h", zh: "带宽 h" },
  "density.rule": { en: "Rule", zh: "带宽规则" },
  "density.rule.silverman": { en: "Silverman's rule of thumb", zh: "Silverman 经验法则" },
  "density.rule.scott": { en: "Scott's rule", zh: "Scott 法则" },
  "density.rule.scipy_scott": { en: "Scott's rule (scipy)", zh: "Scott 法则（scipy）" },
  "density.rule.scipy_silverman": { en: "Silverman's rule (scipy)", zh: "Silverman 法则（scipy）" },
  "density.rule.nrd0": { en: "nrd0 (R's default)", zh: "nrd0（R 默认）" },
  "density.rule.nrd": { en: "nrd (R)", zh: "nrd（R）" },
  "density.rule.fixed": { en: "fixed h", zh: "固定带宽 h" },
  "density.tableTitle": { en: "Kernel density of D — {group}", zh: "{group} D 的核密度" },
  "density.chartTitle": { en: "Kernel density of D — {group}", zh: "{group} D 的核密度" },
  "density.surfaceTitle": { en: "Kernel density of D by period (3-D) — {group}", zh: "{group} D 的核密度三维图（时期 × D × 密度）" },
  "density.density": { en: "Density", zh: "密度" },
  "density.period": { en: "Period", zh: "时期" },
  "density.note": {
    en: "Line charts: at most five periods each (first, middle, last and two between; option densityCurves all draws every period). The 3-D surface charts (period × D × density) draw every period over the range of D shown by the line charts.",
    zh: "折线图：每张至多五个时期（首期、中期、末期及其间两期；选项 densityCurves 取 all 时绘制全部时期）。三维曲面图（时期 × D × 密度）绘制全部时期，D 的范围与折线图相同。",
  },
  "density.fewValues": {
    en: "Density: {group} {period} has fewer than two distinct values of D; no curve.",
    zh: "核密度：{group}（{period}）的 D 不同取值少于两个，未估计密度曲线。",
  },

  // Coordination by group (the seed paper's Table 3) and the means chart
  "byGroup.sheet": { en: "Coordination by group", zh: "分组耦合协调度" },
  "byGroup.table3": { en: "Coupling coordination degree D by group (seed paper Table 3 layout)", zh: "各分组耦合协调度 D（种子论文表3格式）" },
  "byGroup.meansTitle": { en: "Mean D by group and period", zh: "各分组各时期的 D 均值" },
  "byGroup.chartTitle": { en: "Mean coupling coordination degree by group", zh: "各分组耦合协调度均值" },
  "byGroup.meanD": { en: "Mean D", zh: "D 均值" },
  "byGroup.allLabelTaken": {
    en: 'A group is named "{name}": the pooled group (all units) is labelled "{label}" (option allLabel sets the label).',
    zh: "有一个分组名为“{name}”：全部单元的汇总组改称“{label}”（可用选项 allLabel 设定）。",
  },

  // Grades
  "grades.sheet": { en: "Grades", zh: "协调等级分布" },
  "grades.no": { en: "No.", zh: "序号" },
  "grades.grade": { en: "Grade", zh: "协调等级" },
  "grades.title": { en: "Units per grade — {group}", zh: "{group}各协调等级的单元数" },
  "grades.chartTitle": { en: "Units per grade — {group}", zh: "{group}各协调等级的单元数" },
  "grades.units": { en: "Units", zh: "单元数" },

  // the chart types these sections add, for the notes sheet's chart list (as "notes.chart.line" in core.ts)
  "notes.chart.bar": { en: "horizontal bar", zh: "条形图" },
  "notes.chart.surface": { en: "3-D surface", zh: "三维曲面图" },

  // headline findings on D
  "headline.rose": {
    en: "Mean coupling coordination degree D rose from {first} in {p1} to {last} in {p2}.",
    zh: "耦合协调度 D 的均值由 {first}（{p1}）上升至 {last}（{p2}）。",
  },
  "headline.fell": {
    en: "Mean coupling coordination degree D fell from {first} in {p1} to {last} in {p2}.",
    zh: "耦合协调度 D 的均值由 {first}（{p1}）下降至 {last}（{p2}）。",
  },
  "headline.stayed": {
    en: "Mean coupling coordination degree D stayed at {first} from {p1} to {p2}.",
    zh: "耦合协调度 D 的均值在 {p1}–{p2} 保持为 {first}。",
  },
  "headline.coordinated": {
    en: "In {period}, {k} of {n} units reach D ≥ 0.5 (coordinated).",
    zh: "{period}：{n} 个单元中有 {k} 个达到 D ≥ 0.5（协调）。",
  },
  "headline.leading": {
    en: "In {period} the leading group is {lead} (mean D {leadD}) and the lagging group is {lag} ({lagD}).",
    zh: "{period}：领先的分组为 {lead}（D 均值 {leadD}），落后的分组为 {lag}（{lagD}）。",
  },
} satisfies Catalogue;
