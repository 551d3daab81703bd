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

  // Regional differences sheet: Dagum decomposition and convergence (M13)
  "differences.sheet": { en: "Regional differences", zh: "区域差异" },
  "differences.G": { en: "G (overall Gini)", zh: "G（总体基尼系数）" },
  "differences.Gw": { en: "G_w within", zh: "G_w 组内差异" },
  "differences.Gnb": { en: "G_nb net between", zh: "G_nb 组间净差异" },
  "differences.Gt": { en: "G_t transvariation", zh: "G_t 超变密度" },
  "differences.share": { en: "Share {part}", zh: "{part} 贡献率" },
  "differences.dagumTitle": { en: "Dagum Gini decomposition of D by group (G = G_w + G_nb + G_t)", zh: "D 的 Dagum 基尼系数分解（G = G_w + G_nb + G_t）" },
  "differences.Gjj": { en: "G_jj {group}", zh: "G_jj {group}" },
  "differences.withinTitle": { en: "Within-group Gini G_jj", zh: "组内基尼系数 G_jj" },
  "differences.Gjh": { en: "G_jh {pair}", zh: "G_jh {pair}" },
  "differences.Djh": { en: "D_jh {pair}", zh: "D_jh {pair}" },
  "differences.higher": { en: "higher {pair}", zh: "{pair} 中均值较高的组" },
  "differences.betweenTitle": {
    en: "Between-group Gini G_jh and relative affluence D_jh (each pair oriented by that period's means)",
    zh: "组间基尼系数 G_jh 与相对影响 D_jh（每对分组按当期均值定向）",
  },
  "differences.contribChart": { en: "Contributions to the Gini coefficient (G_w + G_nb + G_t = G)", zh: "基尼系数的来源贡献（G_w + G_nb + G_t = G）" },
  "differences.contribution": { en: "Contribution", zh: "贡献" },
  "differences.withinChart": { en: "Within-group Gini coefficient", zh: "组内基尼系数" },
  "differences.meanD": { en: "Mean D", zh: "D 均值" },
  "differences.sd": { en: "SD (ddof {ddof})", zh: "标准差 SD（ddof {ddof}）" },
  "differences.cvOf": { en: "CV {group}", zh: "CV {group}" },
  "differences.sigmaTitle": {
    en: "σ-convergence of D: SD (ddof {ddof}) and CV = SD/mean per period",
    zh: "D 的 σ 收敛：各期标准差 SD（ddof {ddof}）与变异系数 CV = SD/均值",
  },
  "differences.statistic": { en: "Statistic", zh: "统计量" },
  "differences.speed": { en: "speed", zh: "收敛速度" },
  "differences.halfLife": { en: "half-life", zh: "半衰期" },
  "differences.allPooled": { en: "All, pooled annual", zh: "全部单元，逐期混合回归" },
  "differences.allLong": { en: "All, long difference (span {span})", zh: "全部单元，长差分（跨度 {span}）" },
  "differences.groupPooled": { en: "{group}, pooled annual", zh: "{group}，逐期混合回归" },
  "differences.betaTitle": {
    en: "Absolute β-convergence of D: ln(D_t+1 / D_t) = α + β ln D_t (pooled OLS, classical SE); speed −ln(1 + β)/T, half-life ln 2/speed",
    zh: "D 的绝对 β 收敛：ln(D_t+1 / D_t) = α + β ln D_t（混合最小二乘，经典标准误）；收敛速度 −ln(1 + β)/T，半衰期 ln 2/收敛速度",
  },
  "differences.betaNotComputed": { en: "β-convergence not computed: {reason}.", zh: "未计算 β 收敛：{reason}。" },
  "differences.betaZeroD": { en: "{unit} {period} has D = {value}, and β-convergence takes ln D", zh: "{unit} {period} 的 D = {value}，而 β 收敛需要取 ln D" },
  "differences.betaFitFailed": {
    en: "the regression cannot be estimated (too few observations or no variation in ln D)",
    zh: "回归无法估计（观测过少或 ln D 没有变化）",
  },
  "differences.dagumNote": {
    en: "Dagum (1997): G_w within groups, G_nb the net gap between groups, G_t the transvariation (overlap); each pair of groups is oriented by that period's group means.",
    zh: "Dagum（1997）：G_w 为组内差异，G_nb 为组间净差异，G_t 为超变密度（组间交叠）；每对分组按当期的组均值定向。",
  },
  "differences.betaNote": {
    en: "β-convergence: β < 0 means units with lower D grow faster; the half-life is empty where β ≥ 0.",
    zh: "β 收敛：β < 0 表示 D 较低的单元增长更快；β ≥ 0 时半衰期留空。",
  },
  "differences.periodLeftOut": {
    en: "Dagum decomposition: {period} left out: every D of group {group} is 0.",
    zh: "Dagum 分解：{period} 被略去：{group} 组的 D 全为 0。",
  },
  "differences.needsGroups": {
    en: "the Dagum decomposition needs a group column with at least two groups",
    zh: "Dagum 分解需要一个至少含两个分组的分组列",
  },
  "differences.twoPeriods": { en: "convergence needs at least two periods", zh: "收敛分析至少需要两个时期" },
  "differences.sourceWithin": { en: "within-group", zh: "组内差异" },
  "differences.sourceBetween": { en: "net between-group", zh: "组间净差异" },
  "differences.sourceTransvariation": { en: "transvariation", zh: "超变密度" },
  "differences.headlineFell": {
    en: "The Gini coefficient of D fell from {from} in {first} to {to} in {last}; in {last} the largest source is the {source} contribution ({share} %).",
    zh: "D 的基尼系数由 {first} 的 {from} 下降至 {last} 的 {to}；{last} 最大的来源是{source}（贡献率 {share}%）。",
  },
  "differences.headlineRose": {
    en: "The Gini coefficient of D rose from {from} in {first} to {to} in {last}; in {last} the largest source is the {source} contribution ({share} %).",
    zh: "D 的基尼系数由 {first} 的 {from} 上升至 {last} 的 {to}；{last} 最大的来源是{source}（贡献率 {share}%）。",
  },
  "differences.headlineSigma": {
    en: "σ-convergence: the CV of D went from {cv0} in {first} to {cv1} in {last}.",
    zh: "σ 收敛：D 的变异系数由 {first} 的 {cv0} 变为 {last} 的 {cv1}。",
  },
  "differences.headlineBeta": {
    en: "σ-convergence: the CV of D went from {cv0} in {first} to {cv1} in {last}; β-convergence: β = {beta} (p = {p}), half-life {halfLife} periods.",
    zh: "σ 收敛：D 的变异系数由 {first} 的 {cv0} 变为 {last} 的 {cv1}；β 收敛：β = {beta}（p = {p}），半衰期 {halfLife} 期。",
  },
  "differences.headlineNoConvergence": {
    en: "σ-convergence: the CV of D went from {cv0} in {first} to {cv1} in {last}; β-convergence: β = {beta} (p = {p}), no convergence.",
    zh: "σ 收敛：D 的变异系数由 {first} 的 {cv0} 变为 {last} 的 {cv1}；β 收敛：β = {beta}（p = {p}），不存在收敛。",
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
  "spatialMarkov.isolates": {
    en: "Spatial Markov chain: {units} without neighbours (zero policy): their spatial lag is 0, which puts them in the lowest lag class.",
    zh: "空间马尔可夫链：{units} 没有邻居（允许孤立单元）：其空间滞后为 0，归入最低的滞后类型。",
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

  // Obstacles sheet (M15)
  "obstacles.sheet": { en: "Obstacles", zh: "障碍度" },
  "obstacles.subsystem": { en: "Subsystem", zh: "子系统" },
  "obstacles.indicator": { en: "Indicator", zh: "指标" },
  "obstacles.meansTitleGlobal": {
    en: "Mean obstacle degree of each indicator by period (%, global weighting)",
    zh: "各期各指标的平均障碍度（%，全局权重）",
  },
  "obstacles.meansTitleWithin": {
    en: "Mean obstacle degree of each indicator by period (%, within-subsystem weighting)",
    zh: "各期各指标的平均障碍度（%，子系统内权重）",
  },
  "obstacles.subsystemsTitle": { en: "Mean subsystem obstacle degree by period (%)", zh: "各期子系统的平均障碍度（%）" },
  "obstacles.obstacle": { en: "Obstacle {rank}", zh: "障碍因子 {rank}" },
  "obstacles.degree": { en: "O {rank} (%)", zh: "障碍度 {rank}（%）" },
  "obstacles.topTitle": { en: "Top {top} obstacles per unit and period", zh: "各单元各期前 {top} 位障碍因子" },
  "obstacles.topTitleWithin": {
    en: "Top {top} obstacles per unit and period (within each subsystem, subsystems in turn)",
    zh: "各单元各期前 {top} 位障碍因子（在各子系统内排序，子系统依次排列）",
  },
  "obstacles.formulaNote": {
    en: "Obstacle degree O_ij = F_j (1 − z_ij) / Σ_j F_j (1 − z_ij) × 100 (M15), z the standardized indicators of the composite indices; F_j = α_s w_j.",
    zh: "障碍度 = F(1 − z) / ΣF(1 − z) × 100（M15），z 为综合指数所用的标准化指标值，F 为指标权重与其子系统权重 α 之积。",
  },
  "obstacles.noObstacleNote": {
    en: "Rows at the best value of every indicator have no obstacle (left empty).",
    zh: "所有指标均处于最优值的观测没有障碍因子（留空）。",
  },
  "obstacles.item": { en: "{indicator} {value} %", zh: "{indicator} {value}%" },
  "obstacles.headline": { en: "Main obstacles in {period} (mean obstacle degree): {list}.", zh: "{period} 的主要障碍因子（平均障碍度）：{list}。" },
} satisfies Catalogue;
