/**
 * The en/zh strings of the paper tables (paperTables.ts), in one place, keyed as the shared
 * catalogue (src/report/i18n, engineer "lang") keys them ("papers.*"), so that they move
 * there as one block. Whole phrases with {placeholders}; never a translated word glued to a
 * user's name.
 */
export type PaperLang = "en" | "zh";

export const PAPER_STRINGS = {
  "papers.all": { en: "All", zh: "全国" },
  "papers.meanValue": { en: "Mean value", zh: "均值" },
  // Table 1
  "papers.t1.sheet": { en: "T1 Grade standard", zh: "表1 等级划分标准" },
  "papers.t1.title": { en: "Table 1. Grades of the coupling coordination degree D", zh: "表1 耦合协调度 D 的等级划分标准" },
  "papers.t1.interval": { en: "D interval", zh: "D 值区间" },
  "papers.t1.gradeEn": { en: "Grade (English)", zh: "等级（英文）" },
  "papers.t1.gradeZh": { en: "Grade (Chinese)", zh: "协调等级" },
  "papers.t1.gradeNo": { en: "Grade no.", zh: "等级序号" },
  "papers.t1.broad": { en: "Broad class", zh: "大类" },
  "papers.t1.note": { en: "Intervals {closure}; D = √(C·T).", zh: "区间{closure}；D = √(C·T)。" },
  "papers.t1.left": { en: "closed on the left, [a, b)", zh: "左闭右开 [a, b)" },
  "papers.t1.right": { en: "closed on the right, (a, b]", zh: "左开右闭 (a, b]" },
  // Table 2
  "papers.t2.sheet": { en: "T2 Indicator system", zh: "表2 指标体系" },
  "papers.t2.title": { en: "Table 2. Evaluation indicator system and weights", zh: "表2 评价指标体系与权重" },
  "papers.t2.target": { en: "Target layer", zh: "目标层" },
  "papers.t2.targetValue": { en: "Coupling coordination of {names}", zh: "{names}耦合协调" },
  "papers.t2.subsystem": { en: "Subsystem", zh: "子系统" },
  "papers.t2.indicator": { en: "Indicator", zh: "指标" },
  "papers.t2.unit": { en: "Unit", zh: "单位" },
  "papers.t2.direction": { en: "Direction", zh: "指标属性" },
  "papers.t2.weight": { en: "Weight", zh: "权重" },
  "papers.t2.e": { en: "Entropy e", zh: "信息熵 e" },
  "papers.t2.d": { en: "Redundancy d", zh: "冗余度 d" },
  "papers.t2.sigma": { en: "Contrast σ", zh: "对比强度 σ" },
  "papers.t2.conflict": { en: "Conflict R", zh: "冲突性 R" },
  "papers.t2.information": { en: "Information C", zh: "信息量 C" },
  "papers.t2.note": { en: "Weights by the {method} method; + benefit indicator, − cost indicator.", zh: "权重由{method}确定；+ 为正向指标，− 为负向指标。" },
  "papers.t2.entropy": { en: "entropy", zh: "熵值法" },
  "papers.t2.critic": { en: "CRITIC", zh: "CRITIC 法" },
  // Descriptive statistics
  "papers.desc.sheet": { en: "Descriptive statistics", zh: "描述性统计" },
  "papers.desc.title": { en: "Descriptive statistics of the indicators and factors", zh: "指标与探测因子的描述性统计" },
  "papers.desc.variable": { en: "Variable", zh: "变量" },
  "papers.desc.role": { en: "Role", zh: "类别" },
  "papers.desc.factor": { en: "Driving factor", zh: "驱动因子" },
  "papers.desc.n": { en: "N", zh: "样本量" },
  "papers.desc.mean": { en: "Mean", zh: "均值" },
  "papers.desc.sd": { en: "SD", zh: "标准差" },
  "papers.desc.min": { en: "Min", zh: "最小值" },
  "papers.desc.max": { en: "Max", zh: "最大值" },
  "papers.desc.note": { en: "Raw values over all observations; SD with n − 1.", zh: "原始数据，全部观测；标准差分母为 n − 1。" },
  // Table 5
  "papers.t5.sheet": { en: "T5 Factor detector", zh: "表5 因子探测" },
  "papers.t5.title": { en: "Table 5. Factor detector: q of each driving factor on {y}", zh: "表5 因子探测：各驱动因子对 {y} 的解释力 q" },
  "papers.t5.group": { en: "Region", zh: "区域" },
  "papers.t5.period": { en: "Year", zh: "年份" },
  "papers.t5.note": {
    en: "*** p < 0.01, ** p < 0.05, * p < 0.1 ({test}). Full-precision q and p are on the Geodetector sheet; an empty cell was not computed (reason there).",
    zh: "*** p < 0.01，** p < 0.05，* p < 0.1（{test}）。完整精度的 q 与 p 见地理探测器表；空白单元格未计算（原因见该表）。",
  },
  "papers.t5.testF": { en: "F test of the factor detector", zh: "因子探测的 F 检验" },
  "papers.t5.codes": { en: "Factors: {list}.", zh: "因子：{list}。" },
  // Table 6
  "papers.t6.sheet": { en: "T6 Interaction detector", zh: "表6 交互探测" },
  "papers.t6.title": { en: "Table 6. Interaction detector, {group} {period}: q(X1∩X2) and type", zh: "表6 交互探测（{group}，{period}）：q(X1∩X2) 与交互类型" },
  "papers.t6.titleNoPeriod": { en: "Table 6. Interaction detector, {group}: q(X1∩X2) and type", zh: "表6 交互探测（{group}）：q(X1∩X2) 与交互类型" },
  "papers.t6.factor": { en: "Factor", zh: "因子" },
  "papers.t6.types": { en: "Type {code}", zh: "类型 {code}" },
  "papers.t6.note": {
    en: "Lower triangle: q of the interaction; diagonal: q of the factor. Types: a enhance, bi-variable; b enhance, nonlinear; c independent; d weaken, uni-variable; e weaken, nonlinear. The full list is on the Geodetector sheet.",
    zh: "下三角为交互作用的 q 值，对角线为单因子 q 值。类型：a 双因子增强；b 非线性增强；c 相互独立；d 单因子非线性减弱；e 非线性减弱。完整列表见地理探测器表。",
  },
  // Risk and ecological
  "papers.risk.sheet": { en: "Risk detector", zh: "风险探测" },
  "papers.risk.title": {
    en: "Risk detector, {group} {period}, {factor}: mean of {y} differs between strata (Y/N)",
    zh: "风险探测（{group}，{period}，{factor}）：各层 {y} 均值差异是否显著（Y/N）",
  },
  "papers.risk.titleNoPeriod": {
    en: "Risk detector, {group}, {factor}: mean of {y} differs between strata (Y/N)",
    zh: "风险探测（{group}，{factor}）：各层 {y} 均值差异是否显著（Y/N）",
  },
  "papers.risk.stratum": { en: "Stratum", zh: "分层" },
  "papers.risk.mean": { en: "Mean", zh: "均值" },
  "papers.risk.note": {
    en: "Welch t-test at α = {alpha}; Y = significant difference. {untested}",
    zh: "Welch t 检验，α = {alpha}；Y 表示差异显著。{untested}",
  },
  "papers.risk.untested": {
    en: "{n} of {total} pairs could not be tested (empty cells): {reasons}.",
    zh: "共 {total} 对中有 {n} 对无法检验（空白单元格）：{reasons}。",
  },
  "papers.risk.allTested": { en: "Every pair was tested.", zh: "所有分层对均已检验。" },
  "papers.eco.sheet": { en: "Ecological detector", zh: "生态探测" },
  "papers.eco.title": {
    en: "Ecological detector, {group} {period}: row factor vs column factor (Y/N)",
    zh: "生态探测（{group}，{period}）：行因子与列因子的影响是否有显著差异（Y/N）",
  },
  "papers.eco.titleNoPeriod": {
    en: "Ecological detector, {group}: row factor vs column factor (Y/N)",
    zh: "生态探测（{group}）：行因子与列因子的影响是否有显著差异（Y/N）",
  },
  "papers.eco.note": {
    en: "F test at α = {alpha}; Y = the two factors differ significantly in their effect. {untested}",
    zh: "F 检验，α = {alpha}；Y 表示两因子的影响差异显著。{untested}",
  },
} as const;

export type PaperKey = keyof typeof PAPER_STRINGS;

/** A paper-table phrase in a language with its {placeholders} filled in. */
export function tp(lang: PaperLang, key: PaperKey, params: Record<string, string | number> = {}): string {
  const text = PAPER_STRINGS[key][lang === "zh" ? "zh" : "en"];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
