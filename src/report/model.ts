/**
 * The `Report`: what every CoordLab front end produces and every writer consumes.
 *
 * A report is plain data (JSON-serialisable: no classes, no typed arrays, no functions), so
 * that the command line can dump it with `reportToJson`, a test can compare it, and the
 * taskpane (Office.js) and the standalone writer (exceljs) render the very same thing.
 *
 * Layout: named sheets, each holding labelled tables stacked vertically (one blank row
 * between), optional chart specifications pointing at a table, and optional sheet notes.
 * Report-wide notes and warnings go to a notes area written by the writers.
 *
 * The helpers at the bottom (`column`, `table`, `tableFromColumns`, `tableFromMatrix`,
 * `sheet`, `createReport`, `addSheet`) build these structures without repetition; the
 * sheet-name helpers (`sanitizeSheetName`, `uniqueSheetNames`) are shared by both writers.
 */

/** A value in a report cell. `null` is an empty cell. Non-finite numbers are written as #N/A. */
export type ReportValue = string | number | boolean | null;

/** One table row: column key -> value. Keys not among the table's columns are ignored. */
export type ReportRow = Record<string, ReportValue>;

/**
 * Number format of a column, as an Excel format code. `text` writes the cell as text (`@`).
 * `0.0###` shows up to 4 decimals and at least one (a column mixing counts and measures).
 * `general` (or no format) leaves Excel's General format. Cells always keep full precision:
 * the format only changes what is displayed.
 */
export type ColumnFormat = "0" | "0.00" | "0.000" | "0.0000" | "0.0###" | "0.00E+00" | "0.0%" | "text" | "general";

/** A column of a report table. */
export interface ReportColumn {
  /** Key of the value in each row object; unique within the table. */
  key: string;
  /** Header text shown in the sheet. */
  label: string;
  /** Display format; default General. */
  format?: ColumnFormat;
  /** Draw a 3-colour scale (red - yellow - green, low to high) over this column's data cells. */
  colorScale?: boolean;
  /**
   * Fill the data cells whose text equals a category with that category's colour (e.g. the LISA
   * clusters HH red, LL blue), as conditional formats: the colours follow the text if the user
   * edits a cell. Group rows are left out.
   */
  fills?: CategoryFill[];
  /** Column width in characters; default automatic (from the header and the values). */
  width?: number;
  /** Wrap the data cells' text within the column's width (long texts: a paragraph, a JSON), so that it prints on the page. */
  wrap?: boolean;
}

/** A category's fill: cells whose text is `text` get the background `color` (RRGGBB). */
export interface CategoryFill {
  text: string;
  color: string;
}

/** A labelled table. */
export interface ReportTable {
  /** Title written (bold) in the row above the header row. */
  title?: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /**
   * 0-based indices into `rows` of summary / group rows (e.g. the "Mean value" row of a
   * region): written bold with a light fill and left out of the colour scale.
   */
  groupRows?: number[];
}

/** Where a chart takes its data from: a table of a sheet of the same report. */
export interface TableRef {
  /** `name` of the ReportSheet (as given in the report, before any sanitizing). */
  sheet: string;
  /** 0-based index into that sheet's `tables`. */
  table: number;
}

/** A chart to draw from one table: x from one column, one series per series column. */
export interface ChartSpec {
  /**
   * "stackedColumn": the series stacked in one column per category (e.g. contributions adding up to a total);
   * "bar": horizontal clustered bars (long category names stay readable);
   * "surface": a 3-D surface over categories (x) x series (depth), e.g. period x D x density.
   */
  type: "line" | "column" | "stackedColumn" | "bar" | "scatter" | "surface";
  title: string;
  tableRef: TableRef;
  /** Key of the column that gives the x values (categories for line/column charts). */
  x: string;
  /** Keys of the columns that give the series (the series name is the column label). */
  series: string[];
  xAxisTitle?: string;
  yAxisTitle?: string;
  /** Scatter charts: smooth lines without markers (kernel densities). */
  smooth?: boolean;
  /** Fixed axis bounds (default automatic). */
  xAxis?: AxisBounds;
  yAxis?: AxisBounds;
  /** Surface charts: title of the depth (series) axis. */
  seriesAxisTitle?: string;
  /** Number format of the x axis's labels (default: the x column's cells' format), e.g. "0.00" for D on a 0.05 grid. */
  xFormat?: string;
  /** Number format of the value axis's labels (default: the first series' cells' format), e.g. "0.00" on a fitted D axis. */
  yFormat?: string;
  /** Only these data rows of the table (0-based, inclusive); default all. */
  rows?: { first: number; last: number };
}

/** Bounds of a value axis; absent = automatic. */
export interface AxisBounds {
  min?: number;
  max?: number;
}

/** Panes frozen at the top-left of a sheet. */
export interface FreezeSpec {
  /** Number of rows frozen at the top. */
  rows?: number;
  /** Number of columns frozen at the left. */
  columns?: number;
}

/** One worksheet of the report. */
export interface ReportSheet {
  /** A stable id of the sheet whatever its name's language (a key of SHEET, sheetNames.ts); absent for others. */
  id?: string;
  /**
   * Sheet name. Writers sanitize it (at most 31 characters, none of `[]:*?/\`, no leading or
   * trailing apostrophe) and make names unique; see `uniqueSheetNames`.
   */
  name: string;
  tables: ReportTable[];
  charts: ChartSpec[];
  /**
   * Frozen panes. Default (undefined): the rows down to the header row of the first table,
   * no columns. `false`: nothing frozen.
   */
  freeze?: FreezeSpec | false;
  /** Short notes written (italic) under the tables of this sheet. */
  notes?: string[];
  /** Page setup for printing; defaults are derived by `pageSetupOf` (layout.ts). */
  page?: PageOptions;
}

/**
 * How a sheet prints. Every sheet prints one page wide with its header rows repeated and a
 * title in the page header; these override the derived defaults.
 */
export interface PageOptions {
  /** Default: landscape when the tables (and charts) are wider than a portrait page. */
  orientation?: "portrait" | "landscape";
  /**
   * Pages tall: 0 = as many as needed at the width's scale (default); n = at most n pages
   * (the Summary: 1). `rowsPerPage` sets it from the number of rows instead.
   */
  fitToHeight?: number;
  /** Fit at most this many rows on a page (long lists): fitToHeight = ceil(rows / rowsPerPage). */
  rowsPerPage?: number;
  /** Title in the page header; default the first table's title, else the sheet name. */
  title?: string;
}

/** Facts about the run, written in the notes area and kept in the JSON. */
export interface ReportMeta {
  /** Program that produced the report, e.g. "CoordLab". */
  tool?: string;
  version?: string;
  /** ISO 8601 time of the run. */
  created?: string;
  /** Input file or range the report was computed from. */
  source?: string;
  /** Any other plain facts (options used, etc.). */
  [key: string]: ReportValue | undefined;
}

/** A whole report: what the three front ends produce. */
export interface Report {
  title: string;
  sheets: ReportSheet[];
  /** Things a reader should know (method choices, defaults used). */
  notes: string[];
  /** Problems found in the input or the results (gaps, dropped rows, ...). */
  warnings: string[];
  meta: ReportMeta;
  /** Language of the report's texts (sheet names, notes sheet headings); default English. */
  language?: "en" | "zh";
}

/** A text constant as a formula operand (`HH` -> `"HH"`, quotes doubled), for "cell equals" rules. */
export function textFormula(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Excel number format of a column format; undefined for General. */
export function excelNumFmt(format: ColumnFormat | undefined): string | undefined {
  if (format === undefined || format === "general") return undefined;
  if (format === "text") return "@";
  return format;
}

// ---------------------------------------------------------------------------------------------
// Builders

/** Options of `column` besides key, label and format. */
export type ColumnOptions = Pick<ReportColumn, "colorScale" | "fills" | "width" | "wrap">;

/** A column; the label defaults to the key. */
export function column(key: string, label: string = key, format?: ColumnFormat, options: ColumnOptions = {}): ReportColumn {
  const c: ReportColumn = { key, label };
  if (format !== undefined) c.format = format;
  if (options.colorScale) c.colorScale = true;
  if (options.fills && options.fills.length > 0) c.fills = options.fills.map((f) => ({ ...f }));
  if (options.width !== undefined) c.width = options.width;
  if (options.wrap) c.wrap = true;
  return c;
}

/** Options of the table builders. */
export interface TableOptions {
  title?: string;
  groupRows?: number[];
}

/** A table from columns and row objects. */
export function table(columns: ReportColumn[], rows: ReportRow[], options: TableOptions = {}): ReportTable {
  const t: ReportTable = { columns, rows };
  if (options.title !== undefined) t.title = options.title;
  if (options.groupRows && options.groupRows.length > 0) t.groupRows = [...options.groupRows];
  return t;
}

/** Convert anything array-like an engine returns (Float64Array, number[], string[]) into cell values. */
function toCell(v: unknown): ReportValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** A column given with its values, for `tableFromColumns`. */
export interface ColumnWithValues extends ReportColumn {
  values: ArrayLike<unknown>;
}

/**
 * A table from columns given as value arrays (what the engine returns: Float64Array per
 * statistic). All arrays must have the same length.
 */
export function tableFromColumns(columns: ColumnWithValues[], options: TableOptions = {}): ReportTable {
  const n = columns.length === 0 ? 0 : columns[0].values.length;
  for (const c of columns)
    if (c.values.length !== n) throw new Error(`tableFromColumns: column "${c.key}" has ${c.values.length} values; column "${columns[0].key}" has ${n}`);
  const rows: ReportRow[] = [];
  for (let i = 0; i < n; i++) {
    const r: ReportRow = {};
    for (const c of columns) r[c.key] = toCell(c.values[i]);
    rows.push(r);
  }
  return table(
    columns.map(({ values: _values, ...c }) => c),
    rows,
    options,
  );
}

/** Options of `tableFromMatrix`. */
export interface MatrixTableOptions extends TableOptions {
  /** Label of the first column (the row labels); default "". */
  corner?: string;
  /** Format of the value columns. */
  format?: ColumnFormat;
  /** Colour scale on every value column. */
  colorScale?: boolean;
}

/**
 * A table from a matrix with row and column labels, e.g. D by province (rows) x year
 * (columns). Column keys are "row" for the labels and "c0", "c1", ... for the values, so that
 * labels such as 2011 or "East" never clash with a key.
 */
export function tableFromMatrix(
  rowLabels: ArrayLike<unknown>,
  columnLabels: ArrayLike<unknown>,
  values: ArrayLike<ArrayLike<unknown>>,
  options: MatrixTableOptions = {},
): ReportTable {
  if (values.length !== rowLabels.length) throw new Error(`tableFromMatrix: ${values.length} rows of values but ${rowLabels.length} row labels`);
  const columns: ReportColumn[] = [column("row", options.corner ?? "", "text")];
  for (let j = 0; j < columnLabels.length; j++) columns.push(column(`c${j}`, String(columnLabels[j]), options.format, { colorScale: options.colorScale }));
  const rows: ReportRow[] = [];
  for (let i = 0; i < values.length; i++) {
    const line = values[i];
    if (line.length !== columnLabels.length)
      throw new Error(`tableFromMatrix: row ${i + 1} has ${line.length} values but there are ${columnLabels.length} column labels`);
    const r: ReportRow = { row: toCell(rowLabels[i]) };
    for (let j = 0; j < line.length; j++) r[`c${j}`] = toCell(line[j]);
    rows.push(r);
  }
  return table(columns, rows, options);
}

/** A sheet from its tables (charts and options optional). */
export function sheet(
  name: string,
  tables: ReportTable[],
  charts: ChartSpec[] = [],
  options: { freeze?: FreezeSpec | false; notes?: string[]; page?: PageOptions; id?: string } = {},
): ReportSheet {
  const s: ReportSheet = options.id !== undefined ? { id: options.id, name, tables, charts } : { name, tables, charts };
  if (options.freeze !== undefined) s.freeze = options.freeze;
  if (options.page !== undefined) s.page = { ...options.page };
  if (options.notes && options.notes.length > 0) s.notes = [...options.notes];
  return s;
}

/** An empty report. */
export function createReport(title: string, meta: ReportMeta = {}, language?: "en" | "zh"): Report {
  const r: Report = { title, sheets: [], notes: [], warnings: [], meta: { ...meta } };
  if (language === "zh") r.language = "zh";
  return r;
}

/** Append a sheet to a report and return the sheet (for adding tables to it later). */
export function addSheet(report: Report, s: ReportSheet): ReportSheet {
  report.sheets.push(s);
  return s;
}

/** A line/column/scatter chart spec over a table of a sheet. */
export function chart(
  type: ChartSpec["type"],
  title: string,
  tableRef: TableRef,
  x: string,
  series: string[],
  axes: { x?: string; y?: string } = {},
): ChartSpec {
  const c: ChartSpec = { type, title, tableRef: { ...tableRef }, x, series: [...series] };
  if (axes.x !== undefined) c.xAxisTitle = axes.x;
  if (axes.y !== undefined) c.yAxisTitle = axes.y;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Checks

/**
 * Structural problems of a report, as messages (empty when fine): duplicate column keys,
 * group rows out of range, charts pointing at a missing sheet, table or column.
 */
export function reportProblems(report: Report): string[] {
  const problems: string[] = [];
  const byName = new Map<string, ReportSheet>();
  for (const s of report.sheets) {
    if (byName.has(s.name)) problems.push(`two sheets are named "${s.name}"`);
    else byName.set(s.name, s);
    s.tables.forEach((t, ti) => {
      const seen = new Set<string>();
      for (const c of t.columns) {
        if (seen.has(c.key)) problems.push(`sheet "${s.name}", table ${ti + 1}: two columns have the key "${c.key}"`);
        seen.add(c.key);
      }
      for (const g of t.groupRows ?? [])
        if (!Number.isInteger(g) || g < 0 || g >= t.rows.length) problems.push(`sheet "${s.name}", table ${ti + 1}: group row ${g} is not a row of the table`);
    });
  }
  for (const s of report.sheets)
    for (const c of s.charts) {
      const where = `chart "${c.title}" on sheet "${s.name}"`;
      const target = byName.get(c.tableRef.sheet);
      if (!target) {
        problems.push(`${where}: no sheet named "${c.tableRef.sheet}"`);
        continue;
      }
      const t = target.tables[c.tableRef.table];
      if (!t) {
        problems.push(`${where}: sheet "${c.tableRef.sheet}" has no table ${c.tableRef.table + 1}`);
        continue;
      }
      const keys = new Set(t.columns.map((k) => k.key));
      for (const k of [c.x, ...c.series]) if (!keys.has(k)) problems.push(`${where}: the table has no column "${k}"`);
    }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Sheet names

/** Longest sheet name Excel accepts. */
export const MAX_SHEET_NAME = 31;

// on a line of its own, so that the directive stays next to it whatever the layout
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/**
 * An Excel-safe sheet name: `[]:*?/\` replaced by "_", control characters removed, no
 * leading/trailing apostrophe or blanks, at most 31 characters (cut at a code point), not
 * empty (then "Sheet"), not the reserved "History".
 */
export function sanitizeSheetName(name: string): string {
  let s = String(name ?? "")
    .replace(CONTROL_CHARACTERS, "")
    .replace(/[[\]:*?/\\]/g, "_");
  s = s
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  s = cutCodePoints(s, MAX_SHEET_NAME).replace(/'+$/, "").trim();
  if (s === "") s = "Sheet";
  if (s.toLowerCase() === "history") s = "History_";
  return s;
}

function cutCodePoints(s: string, max: number): string {
  // Excel counts UTF-16 code units; do not split a surrogate pair.
  if (s.length <= max) return s;
  let cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/**
 * Sanitized, unique (case-insensitively, as Excel compares) sheet names, in order. A repeated
 * name gets " (2)", " (3)", ... with the base cut so that the result fits in 31 characters.
 */
export function uniqueSheetNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const base = sanitizeSheetName(raw);
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      name = cutCodePoints(base, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * A sheet name as it stands in a reference (`'My data'!A1`): quoted, with each apostrophe
 * doubled, unless it is a plain name (letters of any script, digits, "_" and "." not starting
 * with a digit or ".") that cannot be read as a cell reference (A1, XFD1048576; R1C1, RC);
 * `always` quotes every name (chart formulas). The one quoting rule of both writers, the A1
 * helpers and the pane's messages.
 */
export function quoteSheetName(name: string, options: { always?: boolean } = {}): string {
  const plain = !options.always && /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * Column letters of a 1-based column number: 1 -> "A", 27 -> "AA". Used in messages and
 * cell addresses.
 */
export function columnLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
