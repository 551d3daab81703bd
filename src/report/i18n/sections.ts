/** Strings of the sections "data", "weights" and "coupling": the Weights and Scores sheets, their notes, warnings and headlines. */
import type { Catalogue } from "./types";

export const SECTION_STRINGS = {
  // data (missing values)
  "data.filledOne": {
    en: "1 empty cell was filled by interpolation within each unit (listed in the Summary).",
    zh: "1 个空单元格已在各单元内插值填补（见摘要）。",
  },
  "data.filledMany": {
    en: "{n} empty cells were filled by interpolation within each unit (listed in the Summary).",
    zh: "{n} 个空单元格已在各单元内插值填补（见摘要）。",
  },
  "data.filledTitle": { en: "Cells filled by interpolation (option missing)", zh: "插值填补的单元格（选项 missing）" },
  "data.column": { en: "Column", zh: "列" },
  "data.valueUsed": { en: "Value used", zh: "填补值" },
  "data.how": { en: "How", zh: "方法" },
  "data.linear": { en: "linear in time", zh: "时间线性插值" },
  "data.nearest": { en: "nearest value", zh: "最近值" },

  "kind.coupling.undefined": { en: "C and D undefined for some observations ({n} warning(s))", zh: "部分观测的 C 与 D 无定义（{n} 条）" },

  // weights
  "weights.sheet": { en: "Weights", zh: "指标权重" },
  "weights.indicator": { en: "Indicator", zh: "指标" },
  "weights.direction": { en: "Direction", zh: "方向" },
  "weights.weight": { en: "Weight", zh: "权重" },
  "weights.e": { en: "Entropy e", zh: "信息熵 e" },
  "weights.d": { en: "Redundancy d = 1 - e", zh: "冗余度 d = 1 - e" },
  "weights.sigma": { en: "Contrast σ", zh: "对比强度 σ" },
  "weights.conflict": { en: "Conflict R", zh: "冲突性 R" },
  "weights.information": { en: "Information C", zh: "信息量 C" },
  "weights.title": { en: "{subsystem} ({method}, {scope})", zh: "{subsystem}（{method}，{scope}）" },
  "weights.method.entropy": { en: "entropy", zh: "熵值法" },
  "weights.method.critic": { en: "critic", zh: "CRITIC 法" },
  "weights.scope.global": { en: "global scope", zh: "全样本标准化" },
  "weights.scope.per-period": { en: "per-period scope", zh: "逐期标准化" },
  "weights.perPeriodNote": {
    en: "Per-period scope: the weight shown is the mean of the periods' weights; each period was scored with its own.",
    zh: "逐期标准化：表中权重为各期权重的均值；各期得分使用各自的权重。",
  },
  "weights.note": {
    en: "Weights: {method}, {scope}. Coupling: {coupling} C, T with {alpha} weights, D = √(C·T).",
    zh: "权重：{method}，{scope}。耦合：{coupling}耦合度 C，T 的子系统权重为{alpha}，D = √(C·T)。",
  },
  "weights.noteShift": {
    en: "Weights: {method}, {scope}, shift {shift}. Coupling: {coupling} C, T with {alpha} weights, D = √(C·T).",
    zh: "权重：{method}，{scope}，平移量 {shift}。耦合：{coupling}耦合度 C，T 的子系统权重为{alpha}，D = √(C·T)。",
  },
  "weights.alphaEqual": { en: "equal", zh: "相等" },
  "weights.alphaGiven": { en: "{alpha}", zh: " {alpha}" },

  // coupling
  "coupling.form.standard": { en: "standard", zh: "传统" },
  "coupling.form.modified": { en: "modified", zh: "修正" },
  "coupling.form.fan": { en: "fan", zh: "Fan 式" },
  "scores.sheet": { en: "Scores", zh: "得分" },
  "scores.U": { en: "U {name}", zh: "U（{name}）" },
  "scores.grade": { en: "Grade", zh: "协调等级" },
  "scores.gradeNo": { en: "Grade no.", zh: "等级序号" },
  // the pane's "beside the data" columns (to the right of the user's selection)
  "beside.C": { en: "Coupling degree C", zh: "耦合度C" },
  "beside.T": { en: "Coordination index T", zh: "综合协调指数T" },
  "beside.D": { en: "Coupling coordination degree D", zh: "耦合协调度D" },
  "beside.grade": { en: "Coordination grade", zh: "协调等级" },
  "scores.stage": { en: "Coupling stage", zh: "耦合阶段" },
  "scores.relativeType": { en: "Relative type", zh: "相对发展类型" },
  "scores.h": { en: "Evolution level h", zh: "协同演化水平 h" },
  "relType.synchronous": { en: "Synchronous", zh: "同步型" },
  "relType.lags": { en: "{name} lags", zh: "{name}滞后型" },
  "coupling.allZero": { en: "all subsystem scores U are 0, so C and D are undefined", zh: "各子系统得分 U 均为 0，C 与 D 无定义" },
  "coupling.undefinedForm": { en: "the {form} coupling degree is undefined for these scores", zh: "这些得分下{form}耦合度无定义" },
  "coupling.obs": { en: "{unit} {period} (sheet row {row})", zh: "{unit} {period}（工作表第 {row} 行）" },
  "coupling.undefinedOne": {
    en: "C and D are undefined for 1 observation: {list} — {reason}; its C, D and grade are left empty and it is left out of the means, grades, densities and the geodetector.",
    zh: "有 1 个观测的 C 与 D 无定义：{list}——{reason}；其 C、D 与等级留空，不计入均值、等级、核密度与地理探测器。",
  },
  "coupling.undefinedMany": {
    en: "C and D are undefined for {n} observations: {list} — {reason}; their C, D and grade are left empty and they are left out of the means, grades, densities and the geodetector.",
    zh: "有 {n} 个观测的 C 与 D 无定义：{list}——{reason}；其 C、D 与等级留空，不计入均值、等级、核密度与地理探测器。",
  },
} satisfies Catalogue;
