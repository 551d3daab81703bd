/** Strings of the section "haken" (sections/haken.ts): the Haken sheet, the decision, the headline and the warnings. */
import type { Catalogue } from "./types";

export const HAKEN_STRINGS = {
  "haken.sheet": { en: "Haken", zh: "哈肯模型" },
  "haken.param": { en: "Parameter", zh: "参数" },
  "haken.estimate": { en: "Estimate", zh: "估计值" },
  "haken.se": { en: "SE", zh: "SE" },
  "haken.clusterSE": { en: "Cluster SE", zh: "聚类稳健 SE" },
  "haken.r2eq1": { en: "R² (equation 1)", zh: "R²（方程 1）" },
  "haken.r2eq2": { en: "R² (equation 2)", zh: "R²（方程 2）" },
  "haken.fitTitle": { en: "{q1} as q1 (order parameter candidate), {q2} as q2", zh: "以 {q1} 为 q1（候选序参量），{q2} 为 q2" },
  "haken.sample": { en: "Sample", zh: "样本" },
  "haken.pairs": { en: "pairs (t, t+1)", zh: "样本对 (t, t+1)" },
  "haken.units": { en: "units", zh: "单元数" },
  "haken.condition": { en: "Condition", zh: "条件" },
  "haken.holdsHeader": { en: "Holds", zh: "是否成立" },
  "haken.required": { en: "Part of the rule", zh: "是否计入判定" },
  "haken.conditionsTitle": { en: "Adiabatic approximation with {q1} as q1: each condition", zh: "以 {q1} 为 q1 的绝热近似：各项条件" },
  "haken.significantAt": { en: "{param} significant at {level}", zh: "{param} 在 {level} 水平下显著" },
  "haken.adiabatic": { en: "adiabatic approximation", zh: "绝热近似" },
  "haken.verdict.holds": { en: "holds", zh: "成立" },
  "haken.verdict.fails": { en: "fails", zh: "不成立" },
  "haken.verdict.notSignificant": { en: "holds in sign and size, not significant", zh: "符号与大小成立，但不显著" },
  "haken.decision": { en: "Decision", zh: "判定" },
  "haken.decision.notSignificant": {
    en: "The adiabatic approximation holds in sign and size with {name} as q1, not significant at {level} ({list}): {name} is the order parameter in sign and size only.",
    zh: "以 {name} 为 q1 时绝热近似在符号与大小上成立，但在 {level} 水平下不显著（{list}）：{name} 仅在符号与大小意义上是序参量。",
  },
  "haken.decision.one": {
    en: "The adiabatic approximation holds with {name} as q1: {name} is the order parameter.",
    zh: "以 {name} 为 q1 时绝热近似成立：{name} 是序参量。",
  },
  "haken.decision.both": {
    en: "The adiabatic approximation holds for both assignments: the order parameter is not identified.",
    zh: "两种设定下绝热近似均成立：无法识别序参量。",
  },
  "haken.decision.neither": {
    en: "The adiabatic approximation holds for neither assignment: there is no order parameter.",
    zh: "两种设定下绝热近似均不成立：不存在序参量。",
  },
  "haken.forced": {
    en: "Potential and evolution use {name} as q1, as requested (hakenOrder {order}).",
    zh: "势函数与演化水平按要求以 {name} 为 q1（hakenOrder {order}）。",
  },
  "haken.evolutionNote": { en: "Evolution level: {description}.", zh: "演化水平：{description}。" },
  "haken.noEvolution": { en: "No evolution level: it is undefined for this fit.", zh: "未计算演化水平：该拟合下演化水平无定义。" },
  "haken.noPotentialFit": { en: "No potential: it is undefined for this fit.", zh: "未计算势函数：该拟合下势函数无定义。" },
  "haken.noPotential": {
    en: "No potential or evolution level is computed (set hakenOrder to A or B to force an assignment).",
    zh: "未计算势函数与演化水平（可将 hakenOrder 设为 A 或 B 以强制指定 q1）。",
  },
  "haken.headline": { en: "Haken model: {text}.", zh: "哈肯模型：{text}。" },
  "haken.stable": { en: "Stable", zh: "是否稳定" },
  "haken.potentialTitle": { en: "Potential V(q1) = ½γ1q1² + (ab/(4γ2))q1⁴: {description}", zh: "势函数 V(q1) = ½γ1q1² + (a·b/(4γ2))q1⁴：{description}" },
  "haken.pot.double-well": {
    en: "double-well: q1=0 unstable, +-q* stable (positive feedback of order parameter)",
    zh: "双势阱：q1 = 0 不稳定，±q* 稳定（序参量正反馈）",
  },
  "haken.pot.single-well": {
    en: "single-well: q1=0 stable, no other stationary point (negative feedback of order parameter)",
    zh: "单势阱：q1 = 0 稳定，无其他驻点（序参量负反馈）",
  },
  "haken.pot.single-well-with-barriers": { en: "single-well with barriers: q1=0 stable, +-q* unstable", zh: "带势垒的单势阱：q1 = 0 稳定，±q* 不稳定" },
  "haken.pot.unstable": { en: "unstable: q1=0 unstable, no other stationary point", zh: "不稳定：q1 = 0 不稳定，无其他驻点" },
  "haken.pot.degenerate": {
    en: "degenerate: gamma1 = 0, q1=0 is the only stationary point (quartic term decides)",
    zh: "退化：γ1 = 0，q1 = 0 为唯一驻点（由四次项决定）",
  },
  "haken.evolutionTitle": { en: "Evolution level per unit and period ({description})", zh: "各单元各期的演化水平（{description}）" },
  "haken.ev.qV": {
    en: "{how}, d = distance from (q1, V(q1)) to the stable point (q*, V(q*)) = ({a}, {b})",
    zh: "{how}，d 为 (q1, V(q1)) 到稳定点 (q*, V(q*)) = ({a}, {b}) 的距离",
  },
  "haken.ev.q1q2": {
    en: "{how}, d = distance in the (q1, q2) plane to the stable point (q*, q2*) = ({a}, {b})",
    zh: "{how}，d 为 (q1, q2) 平面上到稳定点 (q*, q2*) = ({a}, {b}) 的距离",
  },
  "haken.ev.potRaw": { en: "raw potential V(q1) = ½γ1q1² + (ab/(4γ2))q1⁴", zh: "原始势函数 V(q1) = ½γ1q1² + (a·b/(4γ2))q1⁴" },
  "haken.ev.potMinmax": {
    en: "h = (Vmax - V)/(Vmax - Vmin): the lower the potential, the higher the level",
    zh: "h = (V_max - V)/(V_max - V_min)：势越低，演化水平越高",
  },
  "haken.gaps": { en: "Haken: {n} pair(s) across a missing period were skipped.", zh: "哈肯模型：跨越缺失时期的 {n} 个样本对已跳过。" },
  "haken.notEstimated": { en: "Haken: not estimated — {text}", zh: "哈肯模型：未估计——{text}" },
  "kind.haken.gaps": { en: "Haken model: pairs across a missing period skipped ({n} warning(s))", zh: "哈肯模型：跨越缺失时期的样本对已跳过（{n} 条）" },
  "kind.haken.notEstimated": { en: "Haken model not estimated ({n} warning(s))", zh: "哈肯模型未估计（{n} 条）" },
  "haken.needsTwo": { en: "needs two subsystems", zh: "需要两个子系统" },
} satisfies Catalogue;
