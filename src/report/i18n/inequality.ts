/**
 * Strings of the regional-differences-and-dynamics sections (METHODS.md M13–M15): the
 * Regional differences sheet (dagum, convergence), the Transitions sheet (markov,
 * spatialMarkov), the Obstacles sheet (obstacles), and the shared "no spatial weights" reason of
 * the sections that need weights (spatialInput.ts).
 */
import type { Catalogue } from "./types";

export const INEQUALITY_STRINGS = {
  // spatialInput.ts: shared by the spatial and spatialMarkov sections
  "spatialInput.noWeights": {
    en: 'no spatial weights (give --weights or "weights" in the roles)',
    zh: "未给出空间权重（请使用 --weights，或在角色文件中给出 weights）",
  },

  // Transitions sheet: the Markov chain (M14)
  "transitions.sheet": { en: "Transitions", zh: "状态转移" },
  "transitions.fromTo": { en: "Class at t \\ t+1", zh: "t 期状态 \\ t+1 期状态" },
  "transitions.fromToShort": { en: "From \\ to", zh: "起始 \\ 到达" },
  "transitions.allValues": { en: "all values", zh: "全部取值" },
  "transitions.pTitle": {
    en: "Markov transition probability matrix of D ({spec}; {transitions} transitions)",
    zh: "D 的马尔可夫转移概率矩阵（{spec}；共 {transitions} 次转移）",
  },
  "transitions.countsTitle": { en: "Transition counts", zh: "转移次数" },
  "transitions.steady": { en: "Steady state", zh: "稳态分布" },
  "transitions.steadyOf": { en: "Steady state of recurrent class {states}", zh: "常返类 {states} 的稳态分布" },
  "transitions.distribution": { en: "Distribution", zh: "分布" },
  "transitions.steadyTitle": { en: "Steady-state distribution", zh: "稳态分布" },
  "transitions.steadyTitleReducible": {
    en: "Steady-state distributions (the chain is reducible: one per recurrent class)",
    zh: "稳态分布（该链可约：每个常返类各一个）",
  },
  "transitions.mfptTitle": {
    en: "Mean first passage times (periods; diagonal: recurrence time 1/π; ∞: not reached with probability 1)",
    zh: "平均首达时间（期；对角线为平均回返时间 1/π；∞ 表示不能以概率 1 到达）",
  },
  "transitions.emptyRows": {
    en: "Classes never observed at a start period (empty rows, made absorbing for the steady state): {classes}.",
    zh: "从未在起始期出现的状态（空行，计算稳态时设为吸收态）：{classes}。",
  },
  "transitions.twoPeriods": { en: "a Markov chain needs at least two periods", zh: "马尔可夫链至少需要两个时期" },
  "transitions.headline": {
    en: "Markov chain ({spec}): the probability of staying in the same class from one period to the next is {min}–{max}; in the long run {share} % of units are in the top class ({top}).",
    zh: "马尔可夫链（{spec}）：相邻两期保持原状态的概率为 {min}–{max}；长期来看 {share}% 的单元处于最高状态（{top}）。",
  },
  "transitions.headlineReducible": {
    en: "Markov chain ({spec}): the probability of staying in the same class from one period to the next is {min}–{max}; the chain is reducible (one steady state per recurrent class).",
    zh: "马尔可夫链（{spec}）：相邻两期保持原状态的概率为 {min}–{max}；该链可约（每个常返类各有一个稳态分布）。",
  },

  // Transitions sheet: the spatial Markov chain (M14)
  "spatialMarkov.lagClass": { en: "Neighbours' class (spatial lag at t)", zh: "邻域类型（t 期空间滞后）" },
  "spatialMarkov.lagOwn": { en: "its own pooled quantiles, {m} classes", zh: "按其自身混合分位数分为 {m} 类" },
  "spatialMarkov.lagSame": { en: "D's cutoffs", zh: "与 D 相同的断点" },
  "spatialMarkov.pTitle": {
    en: "Spatial Markov transition probability matrices of D, one per class of the neighbours' D at t (classes of D {spec}; spatial lag {lagClasses})",
    zh: "D 的空间马尔可夫转移概率矩阵：按 t 期邻域 D 的类型分块（D 的状态 {spec}；空间滞后{lagClasses}）",
  },
  "spatialMarkov.testTitle": {
    en: "Homogeneity tests of the spatial Markov chain (Bickenbach & Bode 2003; H0: the transition probabilities do not depend on the neighbours' class)",
    zh: "空间马尔可夫链的同质性检验（原假设：转移概率与邻域类型无关）",
  },
  "spatialMarkov.test": { en: "Test", zh: "检验" },
  "spatialMarkov.statistic": { en: "Statistic", zh: "统计量" },
  "spatialMarkov.dof": { en: "dof", zh: "自由度" },
  "spatialMarkov.Q": { en: "Q", zh: "Q 统计量" },
  "spatialMarkov.LR": { en: "LR (likelihood ratio)", zh: "LR（似然比）" },
  "spatialMarkov.lagNote": {
    en: "Spatial Markov chain (Rey 2001; M14): the spatial lag is the row-standardised weights ({source}) times D, each transition classed by its neighbours' lag at the start period; lag cutoffs {cutoffs}.",
    zh: "空间马尔可夫链（M14）：空间滞后为行标准化权重（{source}）与 D 的乘积，每次转移按起始期邻域的空间滞后归类；滞后断点 {cutoffs}。",
  },
  "spatialMarkov.dofZero": {
    en: "Homogeneity tests: dof = 0 after the zero-cell correction, so no cell can differ between lag classes and the tests are undefined.",
    zh: "同质性检验：剔除零单元后自由度为 0，各邻域类型之间没有可比较的单元，检验无定义。",
  },
  "spatialMarkov.notRun": { en: "Spatial Markov chain not run: {reason}.", zh: "空间马尔可夫链未运行：{reason}。" },
  "spatialMarkov.fewLagClasses": {
    en: "Spatial Markov chain: the quantile cutoffs of the spatial lag repeat, so it has {m} classes instead of {asked}.",
    zh: "空间马尔可夫链：空间滞后的分位数断点重复，只分为 {m} 类（而非 {asked} 类）。",
  },
  "spatialMarkov.headlineDepends": {
    en: "Spatial Markov chain: the transition probabilities depend on the neighbours' class (Q = {Q}, dof {dof}, p = {pQ}; LR = {LR}, p = {pLR}).",
    zh: "空间马尔可夫链：转移概率随邻域类型显著变化（Q = {Q}，自由度 {dof}，p = {pQ}；LR = {LR}，p = {pLR}）。",
  },
  "spatialMarkov.headlineHomogeneous": {
    en: "Spatial Markov chain: no significant dependence of the transition probabilities on the neighbours' class at the 5 % level (Q = {Q}, dof {dof}, p = {pQ}; LR = {LR}, p = {pLR}).",
    zh: "空间马尔可夫链：在 5% 水平上转移概率与邻域类型无显著关系（Q = {Q}，自由度 {dof}，p = {pQ}；LR = {LR}，p = {pLR}）。",
  },
  "spatialMarkov.headlineUndefined": {
    en: "Spatial Markov chain: the homogeneity tests are undefined (dof = 0 after the zero-cell correction).",
    zh: "空间马尔可夫链：同质性检验无定义（剔除零单元后自由度为 0）。",
  },
} satisfies Catalogue;
