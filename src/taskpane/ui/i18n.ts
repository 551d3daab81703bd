/**
 * The pane's strings in English and Chinese. Language: `Office.context.displayLanguage` in
 * Excel, `navigator.language` in a plain browser (zh-* -> Chinese, else English); `?lang=zh`
 * or `?lang=en` in the page URL overrides both.
 */
export type Lang = "en" | "zh";

const EN = {
  subtitle: "Weights, coupling coordination, geodetector, Haken model",
  hostExcel: "Connected to Excel.",
  hostExcelFunctions: "Connected to Excel. The =COORD.* worksheet functions are available.",
  hostOther: "Running in an Office application other than Excel: CoordLab needs Excel.",
  hostBrowserShort: "No Office host detected: running as a standalone page.",
  hostNoOfficeJs: "Office.js is not available (offline or blocked): running as a standalone page.",
  functionHelp: "Function help",
  hostBrowser: "No Office host detected: running as a standalone page. Your data stays in this page.",
  dataTitle: "1. Data",
  useSelection: "Use selection",
  capabilityNotice: "This version of Excel cannot do everything CoordLab uses; the report is written without: {list}.",
  cap_charts: "native charts (ExcelApi 1.7)",
  cap_colorScales: "colour scales (ExcelApi 1.6)",
  cap_freeze: "frozen header rows (ExcelApi 1.7)",
  cap_suspend: "suspended calculation while writing (ExcelApi 1.8)",
  cap_region: "reading the region around one selected cell (ExcelApi 1.7): select the whole range",
  cap_settings: "remembering roles and which sheets it wrote (document settings)",
  useSelectionHint: "Select the panel (or one cell inside it, or an Excel table) with its header row, then press the button.",
  openFile: "Open CSV/XLSX",
  openFileHint: "A panel with one row per unit and period and a header row. Nothing is uploaded.",
  sheet: "Sheet",
  loaded: "{source}: {rows} data rows, {cols} columns (header row {header}).",
  rolesTitle: "2. Column roles",
  rolesHint: "Check the role of each column; mark cost indicators with −.",
  column: "Column",
  role: "Role",
  direction: "Direction",
  factorKind: "Factor kind",
  kindAuto: "auto",
  kindNumeric: "numeric",
  kindCategorical: "categorical",
  roleId: "Unit (id)",
  rolePeriod: "Period (time)",
  roleGroup: "Group (region)",
  roleSubsystem: "Subsystem {n}: {name}",
  roleSubsystemShort: "Subsystem {n}",
  bulkRole: "Set role of selected",
  bulkHint: "Click a column name to select it; shift-click selects a range, ctrl-click adds one. Then set their role or direction at once.",
  selectedCount: "{n} selected",
  selectRow: "Select",
  reviewCost: "Guessed as a cost indicator from its name: please check",
  roleFactor: "Driving factor",
  roleY: "Geodetector y",
  roleIgnore: "Ignore",
  subsystemNames: "Subsystem names",
  addSubsystem: "Add subsystem",
  loadRoles: "Load roles JSON",
  saveRoles: "Download roles JSON",
  rolesLoaded: "Roles loaded from {file}.",
  rolesRestored: "Roles and options restored from this workbook.",
  optionsTitle: "3. Options",
  optionsReset: "Reset to defaults",
  default: "default",
  defaultHint: " (default: {value})",
  run: "Run report",
  cancel: "Cancel",
  writing: "Writing sheets",
  cancelled: "Cancelled.",
  done: "Done in {seconds} s.",
  doneExcel: "Report written: {sheets}.",
  resultTitle: "Results",
  summary: "Summary",
  findings: "Headline findings",
  warnings: "Warnings",
  noWarnings: "No warnings.",
  byGroup: "Coordination by group",
  density: "Kernel density of D",
  densityGroup: "Group",
  download: "Download report (.xlsx)",
  downloadJson: "Download JSON",
  loadWeights: "Load spatial weights",
  useWeightsSelection: "Use selection as spatial weights",
  weightsLoaded: "Spatial weights: {source}, {n} units ({format}). They replace the Spatial weights option.",
  weightsHint:
    "Spatial weights: a matrix with unit labels in row 1 and column A, an edge list (from, to, weight), or a GeoDa .gal/.gwt file; or type china-provinces (or knn:6 with coordinate columns lon,lat) in the Spatial autocorrelation options.",
  selectCell: "Select cell",
  replaceTitle: "Replace the previous report?",
  replaceText: "These CoordLab sheets already exist and will be replaced:",
  replace: "Replace",
  keep: "Cancel",
  noData: "Load data first.",
  errorPrefix: "Error: ",
  noExcelWriter: "The Excel writer is not available in this build.",
  stage_reading: "Reading the data",
  stage_report: "Building the report",
  stage_writing: "Writing sheets",
  outputTitle: "Output",
  outputSheets: "New result sheets",
  outputBeside: "Result sheets, and C, T, D and the grade as new columns to the right of the data",
  besideBlocked:
    "C, T, D and the grade go to {range}, to the right of the data, but {cell} is not empty ({value}). Nothing was written: clear or move those cells, or choose “New result sheets”.",
  besideNoRoom: "There is no room for C, T, D and the grade to the right of the data ({range}). Nothing was written.",
  besideWritten: "C, T, D and the grade written to {range}.",
  besideGeo: "A geodetector-only run has no C, T and D: only the result sheets were written.",
};

export type StringKey = keyof typeof EN;

const ZH: Record<StringKey, string> = {
  subtitle: "指标权重、耦合协调度、地理探测器、哈肯模型",
  hostExcel: "已连接 Excel。",
  hostExcelFunctions: "已连接 Excel。可使用 =COORD.* 工作表函数。",
  hostOther: "当前在 Excel 以外的 Office 应用中运行：CoordLab 需要 Excel。",
  hostBrowserShort: "未检测到 Office：以独立网页运行。",
  hostNoOfficeJs: "Office.js 不可用（离线或被拦截）：以独立网页运行。",
  functionHelp: "函数帮助",
  hostBrowser: "未检测到 Office：以独立网页运行，数据不会离开本页面。",
  dataTitle: "1. 数据",
  useSelection: "使用所选区域",
  capabilityNotice: "此版本的 Excel 不支持 CoordLab 用到的部分功能；报告将在没有以下功能的情况下写入：{list}。",
  cap_charts: "原生图表（ExcelApi 1.7）",
  cap_colorScales: "色阶（ExcelApi 1.6）",
  cap_freeze: "冻结标题行（ExcelApi 1.7）",
  cap_suspend: "写入时暂停计算（ExcelApi 1.8）",
  cap_region: "读取所选单元格周围的区域（ExcelApi 1.7）：请选中整个区域",
  cap_settings: "记住角色设置及已写入的工作表（文档设置）",
  useSelectionHint: "选中面板数据（含标题行；也可只选其中一个单元格或一个表格），然后点击按钮。",
  openFile: "打开 CSV/XLSX",
  openFileHint: "每行一个单元-年份、带标题行的面板数据。文件不会上传。",
  sheet: "工作表",
  loaded: "{source}：{rows} 行数据，{cols} 列（标题行 {header}）。",
  rolesTitle: "2. 列的角色",
  rolesHint: "检查每一列的角色；负向（成本型）指标请选 −。",
  column: "列",
  role: "角色",
  direction: "方向",
  factorKind: "因子类型",
  kindAuto: "自动",
  kindNumeric: "数值型",
  kindCategorical: "类别型",
  roleId: "单元（id）",
  rolePeriod: "时期（年份）",
  roleGroup: "分组（区域）",
  roleSubsystem: "子系统 {n}：{name}",
  roleSubsystemShort: "子系统 {n}",
  bulkRole: "设置所选列的角色",
  bulkHint: "点击列名选中；按住 Shift 点击选中一段，按住 Ctrl 点击加选。然后一次设置它们的角色或方向。",
  selectedCount: "已选 {n} 列",
  selectRow: "选择",
  reviewCost: "根据名称推测为成本型（负向）指标，请核对",
  roleFactor: "驱动因子",
  roleY: "地理探测器 y",
  roleIgnore: "忽略",
  subsystemNames: "子系统名称",
  addSubsystem: "添加子系统",
  loadRoles: "载入角色 JSON",
  saveRoles: "下载角色 JSON",
  rolesLoaded: "已从 {file} 载入角色。",
  rolesRestored: "已从本工作簿恢复角色与选项。",
  optionsTitle: "3. 选项",
  optionsReset: "恢复默认",
  default: "默认",
  defaultHint: "（默认：{value}）",
  run: "运行分析",
  cancel: "取消",
  writing: "写入工作表",
  cancelled: "已取消。",
  done: "完成，用时 {seconds} 秒。",
  doneExcel: "报告已写入：{sheets}。",
  resultTitle: "结果",
  summary: "摘要",
  findings: "主要结论",
  warnings: "警告",
  noWarnings: "无警告。",
  byGroup: "分区域耦合协调度",
  density: "D 的核密度",
  densityGroup: "分组",
  download: "下载报告（.xlsx）",
  downloadJson: "下载 JSON",
  loadWeights: "载入空间权重",
  useWeightsSelection: "将所选区域用作空间权重",
  weightsLoaded: "空间权重：{source}，{n} 个单元（{format}）。将替代“空间权重”选项。",
  weightsHint:
    "空间权重：第 1 行与 A 列为单元标签的矩阵、边列表（from、to、weight）或 GeoDa .gal/.gwt 文件；也可在“空间自相关”选项中填写 china-provinces（或 knn:6 并给出坐标列 lon,lat）。",
  selectCell: "选中该单元格",
  replaceTitle: "替换之前的报告？",
  replaceText: "以下 CoordLab 工作表已存在，将被替换：",
  replace: "替换",
  keep: "取消",
  noData: "请先载入数据。",
  errorPrefix: "错误：",
  noExcelWriter: "此版本不含 Excel 写入模块。",
  stage_reading: "读取数据",
  stage_report: "生成报告",
  stage_writing: "写入工作表",
  outputTitle: "输出",
  outputSheets: "新的结果工作表",
  outputBeside: "结果工作表，另将 C、T、D 与协调等级作为新列写在数据右侧",
  besideBlocked: "C、T、D 与协调等级将写入数据右侧的 {range}，但 {cell} 不为空（{value}）。未写入任何内容：请清空或移走这些单元格，或选择“新的结果工作表”。",
  besideNoRoom: "数据右侧没有空间写入 C、T、D 与协调等级（{range}）。未写入任何内容。",
  besideWritten: "C、T、D 与协调等级已写入 {range}。",
  besideGeo: "仅地理探测器的分析没有 C、T、D：只写入了结果工作表。",
};

let current: Lang = "en";

export function setLanguage(lang: Lang): void {
  current = lang;
}

export function language(): Lang {
  return current;
}

/** `zh`, `zh-CN`, `zh-Hans-TW` ... -> "zh"; anything else -> "en". */
export function languageOf(tag: string | null | undefined): Lang {
  return typeof tag === "string" && /^zh\b/i.test(tag.trim()) ? "zh" : "en";
}

/** The URL's `?lang=` override, if any. */
export function languageOverride(search: string = typeof location !== "undefined" ? location.search : ""): Lang | null {
  const m = /[?&]lang=([^&]+)/.exec(search);
  return m ? languageOf(decodeURIComponent(m[1])) : null;
}

/** A string of the current language with {placeholders} filled in. */
export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  const table: Record<StringKey, string> = current === "zh" ? ZH : EN;
  return table[key].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Label of a pipeline stage ("reading", "weights", ..., "writing"). */
export function stageLabel(stage: string): string {
  const key = `stage_${stage}` as StringKey;
  return key in EN ? t(key) : stage;
}

export const STRINGS = { en: EN, zh: ZH };
