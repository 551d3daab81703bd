/**
 * Strings of the Reproduce sheet (METHODS.md M16): the facts about the run, every option, the
 * command line, the seeds, the methods with their references and the methods paragraph (one
 * sentence per method that ran, whole phrases in both languages). The references themselves
 * are not translated (a reference is cited as published): `REFERENCES` below.
 */
import type { Catalogue } from "./types";

export const REPRODUCE_STRINGS = {
  "repro.sheet": { en: "Reproduce", zh: "复现" },
  "repro.pointer": {
    en: "Every option (and whether it is the default), the command line that regenerates this report, the input's SHA-256, the seeds and the methods with their references: see the Reproduce sheet.",
    zh: "全部选项（及是否为默认值）、重新生成本报告的命令行、输入数据的 SHA-256、随机数种子以及方法与参考文献：见“复现”工作表。",
  },
  "repro.factsTitle": { en: "How to reproduce this report", zh: "如何复现本报告" },
  "repro.version": { en: "CoordLab version", zh: "CoordLab 版本" },
  "repro.date": { en: "Date", zh: "日期" },
  "repro.file": { en: "Input file", zh: "输入文件" },
  "repro.sha256": { en: "SHA-256 of the input file", zh: "输入文件的 SHA-256" },
  "repro.sha256Values": {
    en: "SHA-256 of the selected values as CSV text (UTF-8, comma-separated, LF line ends)",
    zh: "所选数值按 CSV 文本（UTF-8、逗号分隔、LF 换行）计算的 SHA-256",
  },
  "repro.sheetName": { en: "Sheet", zh: "工作表" },
  "repro.range": { en: "Range", zh: "单元格区域" },
  "repro.size": { en: "Rows x columns", zh: "行数 × 列数" },
  "repro.sizeValue": { en: "{rows} data rows x {cols} columns", zh: "{rows} 行数据 × {cols} 列" },
  "repro.roles": { en: "Roles (JSON)", zh: "角色设置（JSON）" },
  "repro.rolesGuessed": { en: "guessed from the headers (the command line guesses them again)", zh: "由标题行推断（命令行会重新推断）" },
  "repro.rolesFrom": { en: "from {file}", zh: "来自 {file}" },
  "repro.rolesSave": { en: "set in the pane: save the roles above as {file}", zh: "在任务窗格中设置：请将上面的角色设置保存为 {file}" },
  "repro.rolesSource": { en: "Roles", zh: "角色来源" },
  "repro.command": { en: "Command line", zh: "命令行" },
  "repro.commandCli": { en: "the command that made this report (non-default options only)", zh: "生成本报告的命令（仅列出非默认选项）" },
  "repro.commandPage": {
    en: "the equivalent command: save the data as {file} and the roles as {roles} beside it (non-default options only)",
    zh: "等效命令：请将数据另存为 {file}、角色设置另存为 {roles}，放在同一文件夹（仅列出非默认选项）",
  },
  "repro.commandSpatialSelection": {
    en: "the spatial weights were read from a selection or a file in the pane: save them as a CSV matrix and give it with --weights",
    zh: "空间权重读自任务窗格中的选区或文件：请另存为 CSV 矩阵，并用 --weights 指定",
  },
  "repro.seeds": { en: "Random seeds", zh: "随机数种子" },
  "repro.seedValue": { en: "{what}: seed {seed}, {draws} draws", zh: "{what}：种子 {seed}，{draws} 次抽取" },
  "repro.seed.moran": { en: "permutation test of the global Moran's I", zh: "全局 Moran's I 的置换检验" },
  "repro.seed.lisa": { en: "conditional permutations of the local Moran's I", zh: "局部 Moran's I 的条件置换" },
  "repro.noSeeds": { en: "none (no method of this report drew random numbers)", zh: "无（本报告的方法均未使用随机数）" },
  "repro.unknown": { en: "not known", zh: "未知" },
  "repro.optionsTitle": { en: "Every option", zh: "全部选项" },
  "repro.option": { en: "Option", zh: "选项" },
  "repro.optionName": { en: "Name", zh: "参数名" },
  "repro.section": { en: "Section", zh: "分析" },
  "repro.value": { en: "Value", zh: "取值" },
  "repro.default": { en: "Default", zh: "默认值" },
  "repro.isDefault": { en: "Is the default", zh: "是否默认" },
  "repro.meaning": { en: "Meaning", zh: "含义" },
  "repro.yes": { en: "yes", zh: "是" },
  "repro.no": { en: "no", zh: "否" },
  "repro.item": { en: "Item", zh: "项目" },
  "repro.methodsTitle": { en: "Methods and references", zh: "方法与参考文献" },
  "repro.method": { en: "Method", zh: "方法" },
  "repro.reference": { en: "Reference", zh: "参考文献" },
  "repro.textTitle": { en: "Methods paragraph (adapt it for the paper)", zh: "方法说明段落（可改写后用于论文）" },
  "repro.language": { en: "Language", zh: "语言" },
  "repro.paragraph": { en: "Paragraph", zh: "段落" },
  "repro.textEn": { en: "English", zh: "英文" },
  "repro.textZh": { en: "Chinese", zh: "中文" },

  // the methods used, one name each
  "method.standardize": { en: "Min-max standardization with indicator directions", zh: "考虑指标方向的极差标准化" },
  "method.entropy": { en: "Entropy weight method", zh: "熵值法赋权" },
  "method.critic": { en: "CRITIC weight method", zh: "CRITIC 赋权法" },
  "method.ccd": { en: "Coupling coordination degree model", zh: "耦合协调度模型" },
  "method.ccdModified": { en: "Coupling coordination degree model, modified coupling degree", zh: "耦合协调度模型（修正耦合度）" },
  "method.grades": { en: "Ten grades of the coupling coordination degree", zh: "耦合协调度十级划分" },
  "method.kde": { en: "Gaussian kernel density estimation", zh: "高斯核密度估计" },
  "method.geodetector": { en: "Geodetector: factor, interaction, risk and ecological detectors", zh: "地理探测器：因子、交互、风险与生态探测" },
  "method.opgd": { en: "Optimal parameters-based geodetector (OPGD)", zh: "最优参数地理探测器（OPGD）" },
  "method.haken": { en: "Haken model (adiabatic elimination, order parameter)", zh: "哈肯模型（绝热消去，识别序参量）" },
  "method.moran": { en: "Global Moran's I and Geary's C", zh: "全局 Moran's I 与 Geary's C" },
  "method.lisa": { en: "Local Moran's I (LISA) and Getis–Ord Gi*", zh: "局部 Moran's I（LISA）与 Getis–Ord Gi*" },
  "method.dagum": { en: "Dagum Gini coefficient and its decomposition", zh: "Dagum 基尼系数及其分解" },
  "method.convergence": { en: "σ-convergence and absolute β-convergence", zh: "σ 收敛与绝对 β 收敛" },
  "method.markov": { en: "Markov chain of the classes of D", zh: "D 等级类型的马尔可夫链" },
  "method.spatialMarkov": { en: "Spatial Markov chain", zh: "空间马尔可夫链" },
  "method.obstacles": { en: "Obstacle degree model", zh: "障碍度模型" },
  "method.obstaclesRef": {
    en: "Obstacle degree model as in CoordLab docs/methods.md M15 (deviation 1 − z, factor contribution α_s·w_j); cite the study whose formulation you follow",
    zh: "障碍度模型（偏离度 1 − z，因子贡献度为子系统权重与指标权重之积；见 CoordLab 方法文档 M15）；请引用所依据的文献",
  },

  // phrases the paragraph fills in
  "text.scope.global": { en: "over all units and periods pooled", zh: "在全部单元与时期上统一进行" },
  "text.scope.per-period": { en: "within each period", zh: "在各时期内分别进行" },
  "text.alphaEqual": { en: "equal subsystem weights", zh: "各子系统权重相等" },
  "text.alphaGiven": { en: "subsystem weights {alpha}", zh: "子系统权重为 {alpha}" },
  "text.form.standard": { en: "C = n·(ΠU_i)^(1/n)/ΣU_i", zh: "C = n·(ΠU)^(1/n)/ΣU" },
  "text.form.modified": { en: "the modified form of Wang Shujia et al. (2021)", zh: "王淑佳等（2021）的修正形式" },
  "text.form.fan": { en: "C = 1 − 2·SD(U)", zh: "C = 1 − 2·SD(U)" },
  "text.closure.left": { en: "left-closed intervals [0, 0.1), …, [0.9, 1]", zh: "左闭右开区间 [0, 0.1)、…、[0.9, 1]" },
  "text.closure.right": { en: "right-closed intervals [0, 0.1], …, (0.9, 1]", zh: "左开右闭区间 [0, 0.1]、…、(0.9, 1]" },
  "text.rule.silverman": { en: "Silverman's rule of thumb", zh: "Silverman 经验法则" },
  "text.rule.scott": { en: "Scott's rule", zh: "Scott 法则" },
  "text.rule.scipy_scott": { en: "Scott's rule as in SciPy", zh: "SciPy 的 Scott 法则" },
  "text.rule.scipy_silverman": { en: "Silverman's rule as in SciPy", zh: "SciPy 的 Silverman 法则" },
  "text.rule.nrd0": { en: "R's nrd0 rule", zh: "R 的 nrd0 法则" },
  "text.rule.nrd": { en: "R's nrd rule", zh: "R 的 nrd 法则" },
  "text.rule.fixed": { en: "a fixed bandwidth h = {h}", zh: "固定带宽 h = {h}" },
  "text.disc.auto": { en: "natural breaks (Jenks)", zh: "自然断点法（Jenks）" },
  "text.disc.natural": { en: "natural breaks (Jenks)", zh: "自然断点法（Jenks）" },
  "text.disc.equal": { en: "equal intervals", zh: "等间距法" },
  "text.disc.quantile": { en: "quantiles", zh: "分位数法" },
  "text.disc.geometric": { en: "geometric intervals", zh: "几何间隔法" },
  "text.disc.sd": { en: "standard deviations", zh: "标准差法" },
  "text.test.noncentral": { en: "non-central F test", zh: "非中心 F 检验" },
  "text.test.central": { en: "central F test", zh: "中心 F 检验" },
  "text.moranVariance.randomisation": { en: "under randomisation", zh: "随机化假设下" },
  "text.moranVariance.normality": { en: "under normality", zh: "正态假设下" },
  "text.transform.row": { en: "row-standardised", zh: "行标准化" },
  "text.transform.binary": { en: "binary", zh: "二值" },
  "text.transform.none": { en: "untransformed", zh: "未变换" },

  // the paragraph: one sentence per method that ran
  "text.weights": {
    en: "The indicators were standardized by the min-max method with their directions ({scope}) and weighted by the {method}.",
    zh: "各指标按其正负方向进行极差标准化（{scope}），并采用{method}确定权重。",
  },
  "text.weights.entropy": { en: "entropy method", zh: "熵值法" },
  "text.weights.critic": { en: "CRITIC method", zh: "CRITIC 法" },
  "text.shift": { en: "The standardized values were shifted by δ = {shift}.", zh: "标准化值统一平移 δ = {shift}。" },
  "text.ccd": {
    en: "The comprehensive index U of each of the {n} subsystems is the weighted sum of its standardized indicators; the coupling degree C ({form}), the coordination index T = Σα_iU_i ({alpha}) and the coupling coordination degree D = √(C·T) were computed for {units} units over {periods} periods ({first}–{last}), and D was classified into ten grades ({closure}).",
    zh: "各子系统（共 {n} 个）的综合指数 U 为其标准化指标的加权和；据此计算 {units} 个单元 {periods} 期（{first}–{last}）的耦合度 C（{form}）、综合协调指数 T = ΣαU（{alpha}）与耦合协调度 D = √(C·T)，并将 D 划分为十个等级（{closure}）。",
  },
  "text.kde": {
    en: "The distribution of D in each period was estimated by Gaussian kernel density estimation with {rule}, nationally and for each group.",
    zh: "采用高斯核密度估计（带宽：{rule}）刻画全国及各分组 D 的分布动态。",
  },
  "text.kdeNoGroups": {
    en: "The distribution of D in each period was estimated by Gaussian kernel density estimation with {rule}.",
    zh: "采用高斯核密度估计（带宽：{rule}）刻画各期 D 的分布动态。",
  },
  "text.geo": {
    en: "The driving factors of D were identified with the geodetector (factor, interaction, risk and ecological detectors) in the periods {periods}; numeric factors were discretized by {method} into {k} classes, and q was tested by the {test}.",
    zh: "采用地理探测器（因子、交互、风险与生态探测）识别 {periods} 期 D 的驱动因子；数值型因子采用{method}离散为 {k} 类，q 值采用{test}。",
  },
  "text.geoOptimal": {
    en: "The driving factors of D were identified with the optimal parameters-based geodetector (factor, interaction, risk and ecological detectors) in the periods {periods}: each numeric factor was discretized by the method and number of classes ({ks}) that give the largest q, and q was tested by the {test}.",
    zh: "采用最优参数地理探测器（因子、交互、风险与生态探测）识别 {periods} 期 D 的驱动因子：每个数值型因子取 q 值最大的离散化方法与分类数（{ks}），q 值采用{test}。",
  },
  "text.geoOnly": {
    en: "The factors of {y} were analysed with the geodetector (factor, interaction, risk and ecological detectors) on {rows} rows; numeric factors were discretized by {method} into {k} classes, and q was tested by the {test}.",
    zh: "采用地理探测器（因子、交互、风险与生态探测）基于 {rows} 行数据分析 {y} 的影响因子；数值型因子采用{method}离散为 {k} 类，q 值采用{test}。",
  },
  "text.geoOnlyOptimal": {
    en: "The factors of {y} were analysed with the optimal parameters-based geodetector on {rows} rows: each numeric factor was discretized by the method and number of classes ({ks}) that give the largest q, and q was tested by the {test}.",
    zh: "采用最优参数地理探测器基于 {rows} 行数据分析 {y} 的影响因子：每个数值型因子取 q 值最大的离散化方法与分类数（{ks}），q 值采用{test}。",
  },
  "text.haken": {
    en: "The Haken model was estimated by pooled least squares on the comprehensive indices of {a} and {b}, each taken in turn as the candidate order parameter, and the adiabatic approximation was tested to identify the order parameter of the system.",
    zh: "基于{a}与{b}的综合指数，以混合最小二乘法估计哈肯模型，依次将二者作为候选序参量，并检验绝热近似条件以识别系统的序参量。",
  },
  "text.spatial": {
    en: "Spatial autocorrelation of {variable} was measured by the global Moran's I and Geary's C ({variance}) and by the local Moran's I (LISA) and the Getis–Ord Gi* statistic, with {transform} spatial weights ({weights}).",
    zh: "基于{transform}的空间权重（{weights}），采用全局 Moran's I 与 Geary's C（{variance}）以及局部 Moran's I（LISA）与 Getis–Ord Gi* 统计量测度{variable}的空间自相关。",
  },
  "text.spatialPermutations": {
    en: "The permutation test of the global Moran's I used {R} random permutations (seed {seed}).",
    zh: "全局 Moran's I 的置换检验进行 {R} 次随机置换（种子 {seed}）。",
  },
  "text.dagum": {
    en: "Regional differences of D were measured by the Dagum Gini coefficient and decomposed into within-group, net between-group and transvariation contributions.",
    zh: "采用 Dagum 基尼系数测度 D 的区域差异，并将其分解为组内差异、组间净差异与超变密度的贡献。",
  },
  "text.convergence": {
    en: "σ-convergence was examined by the standard deviation and the coefficient of variation of D, and absolute β-convergence by regressing the growth rate of D on its initial logarithm.",
    zh: "以 D 的标准差与变异系数检验 σ 收敛，以 D 的增长率对其初期对数值回归检验绝对 β 收敛。",
  },
  "text.markov": {
    en: "The transitions of D between classes ({classes}) were described by a Markov chain of transition probabilities.",
    zh: "采用马尔可夫链转移概率矩阵刻画 D 在各类型（{classes}）之间的转移。",
  },
  "text.spatialMarkov": {
    en: "A spatial Markov chain conditioned the transitions on the class of the spatial lag.",
    zh: "空间马尔可夫链以空间滞后类型为条件刻画转移概率。",
  },
  "text.obstacles": {
    en: "The main obstacles to coordinated development were identified by the obstacle degree model (top {top} indicators per unit and period).",
    zh: "采用障碍度模型识别协调发展的主要障碍因子（每个单元每期前 {top} 位指标）。",
  },
  "text.software": { en: "All computations were made with CoordLab {version}.", zh: "全部计算使用 CoordLab {version} 完成。" },
} satisfies Catalogue;

/** Full citations, as published (not translated). */
export const REFERENCES = {
  seed000:
    "Seed paper 1 (CoordLab's shared/seeds/000_b65792b9e85d979c.txt): the coupling coordination of new-type urbanization and the ecological environment in China's 31 provinces, 2011–2020, with kernel density estimation and the geodetector (its Tables 1–6 give the layouts of this report); cite the published article",
  seed003:
    "Seed paper 2 (CoordLab's shared/seeds/003_6248f02066c41679.txt): Co-evolution of China's New Quality Productive Forces and New-type Urbanization (双新协同演化; CRITIC weights and the Haken model, 31 provinces, 2014–2023); cite the published article",
  liao1999: "廖重斌. 环境与经济协调发展的定量评判及其分类体系——以珠江三角洲城市群为例[J]. 热带地理, 1999, 19(2): 171-177.",
  wangShujia2021: "王淑佳, 孔伟, 任亮, 等. 国内耦合协调度模型的误区及修正[J]. 自然资源学报, 2021, 36(3): 793-810.",
  shannon1948: "Shannon, C. E. (1948). A mathematical theory of communication. Bell System Technical Journal, 27(3), 379–423.",
  diakoulaki1995:
    "Diakoulaki, D., Mavrotas, G., & Papayannakis, L. (1995). Determining objective weights in multiple criteria problems: The CRITIC method. Computers & Operations Research, 22(7), 763–770.",
  silverman1986: "Silverman, B. W. (1986). Density Estimation for Statistics and Data Analysis. London: Chapman & Hall.",
  wang2010:
    "Wang, J. F., Li, X. H., Christakos, G., Liao, Y. L., Zhang, T., Gu, X., & Zheng, X. Y. (2010). Geographical detectors-based health risk assessment and its application in the neural tube defects study of the Heshun Region, China. International Journal of Geographical Information Science, 24(1), 107–127.",
  wang2016: "Wang, J. F., Zhang, T. L., & Fu, B. J. (2016). A measure of spatial stratified heterogeneity. Ecological Indicators, 67, 250–256.",
  wangXu2017: "王劲峰, 徐成东. 地理探测器：原理与展望[J]. 地理学报, 2017, 72(1): 116-134.",
  song2020:
    "Song, Y., Wang, J., Ge, Y., & Xu, C. (2020). An optimal parameters-based geographical detector model enhances geographic characteristics of explanatory variables for spatial heterogeneity analysis: Cases with different types of spatial data. GIScience & Remote Sensing, 57(5), 593–610.",
  haken1983: "Haken, H. (1983). Synergetics: An Introduction (3rd ed.). Berlin: Springer.",
  moran1950: "Moran, P. A. P. (1950). Notes on continuous stochastic phenomena. Biometrika, 37(1/2), 17–23.",
  geary1954: "Geary, R. C. (1954). The contiguity ratio and statistical mapping. The Incorporated Statistician, 5(3), 115–145.",
  cliffOrd1981: "Cliff, A. D., & Ord, J. K. (1981). Spatial Processes: Models and Applications. London: Pion.",
  anselin1995: "Anselin, L. (1995). Local indicators of spatial association—LISA. Geographical Analysis, 27(2), 93–115.",
  getisOrd1992: "Getis, A., & Ord, J. K. (1992). The analysis of spatial association by use of distance statistics. Geographical Analysis, 24(3), 189–206.",
  dagum1997: "Dagum, C. (1997). A new approach to the decomposition of the Gini income inequality ratio. Empirical Economics, 22(4), 515–531.",
  barro1992: "Barro, R. J., & Sala-i-Martin, X. (1992). Convergence. Journal of Political Economy, 100(2), 223–251.",
  rey2001: "Rey, S. J. (2001). Spatial empirics for economic growth and convergence. Geographical Analysis, 33(3), 195–214.",
  bickenbach2003:
    "Bickenbach, F., & Bode, E. (2003). Evaluating the Markov property in studies of economic convergence. International Regional Science Review, 26(3), 340–363.",
} as const;

export type ReferenceId = keyof typeof REFERENCES;
