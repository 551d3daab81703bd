/**
 * The sheet layout of a `Report`, shared by both writers: the xlsx writer
 * (src/writer/xlsx.ts) and the Office.js writer (src/taskpane/excelWriter.ts) only render it.
 *
 * Per report sheet: tables stacked from row 1, each an optional title row (bold, 12 pt), a
 * header row (bold, grey fill), its data rows (group rows bold with a light fill), one blank row
 * between tables; the sheet notes (italic) follow the tables. Columns with `colorScale` get a
 * 3-colour scale (red - yellow - green at min - 50th percentile - max) over their data cells,
 * group rows left out: one range per run of consecutive non-group rows. Frozen panes: the
 * sheet's `freeze`, by default down to the first table's header row.
 *
 * Rows and columns are 1-based (Excel's row and column numbers), as in the chart plan
 * (chartPlan.ts). Colours are RRGGBB hex: exceljs takes "FF" + it (ARGB), Office.js "#" + it.
 * Plain data and functions: no exceljs, no Office.js, no JSZip.
 */
import { CategoryFill, ChartSpec, ColumnFormat, Report, ReportSheet, ReportRow, ReportTable, ReportValue, excelNumFmt, uniqueSheetNames } from "./model";
import { hasKey, tr, translator, type StringKey, type Translate } from "./i18n";

/** Columns (default width, about 9 characters each) a chart takes beside the tables: a blank one and the chart (chartPlan's CHART_COLS). */
const CHART_PRINT_COLUMNS = 9;
/** Widths (characters at 100 %) above which a sheet prints landscape. */
const PORTRAIT_CHARS = 95;
/** Default width of a column without a fitted width (Excel's 8.43 characters plus padding). */
const DEFAULT_COLUMN_CHARS = 9;

// ---------------------------------------------------------------------------------------------
// Styles and limits

/** A font of a styled row or cell. */
export interface FontStyle {
  bold?: boolean;
  italic?: boolean;
  /** Size in points. */
  size?: number;
}

/** The styles both writers apply. */
export const STYLE = {
  /** Fill of header cells. */
  headerFill: "F2F2F2",
  /** Fill of group (summary) rows. */
  groupFill: "EAF1FB",
  /** Colour-scale colours at the minimum, the midpoint and the maximum (Excel's red - yellow - green). */
  colorScale: ["F8696B", "FFEB84", "63BE7B"] as readonly [string, string, string],
  /** Percentile of the colour scale's midpoint. */
  colorScaleMidpoint: 50,
  /** LISA cluster fills: GeoDa's map colours (HH red, LL blue, HL light red, LH light blue), lightened so black text stays legible. */
  clusterFills: { HH: "F07A6E", LL: "7FA6E0", HL: "F8C9C4", LH: "C9D8F4" },
  /** Gi* fills: hot spots red and cold spots blue, darker at the higher confidence (99, 95, 90 %). */
  hotSpotFills: { hot: ["E8604C", "F39B88", "FACDC2"], cold: ["5C8FD6", "98B9E8", "CCDCF4"] },
  tableTitle: { bold: true, size: 12 } as FontStyle,
  header: { bold: true } as FontStyle,
  groupRow: { bold: true } as FontStyle,
  sheetNote: { italic: true } as FontStyle,
  /** The report title on the notes sheet. */
  notesTitle: { bold: true, size: 14 } as FontStyle,
  /** Headings ("Notes", "Warnings", ...) on the notes sheet. */
  notesHeading: { bold: true } as FontStyle,
} as const;

/** Longest text Excel keeps in a cell; longer text is cut. */
export const MAX_CELL_TEXT = 32767;

/** Excel number format code of a column format: "General" when none. */
export function numberFormat(format: ColumnFormat | undefined): string {
  return excelNumFmt(format) ?? "General";
}

// ---------------------------------------------------------------------------------------------
// Sheet layout

/** Data rows (1-based, inclusive) of one colour-scale range. */
export interface RowRun {
  firstRow: number;
  lastRow: number;
}

/** A colour scale over one column of a table: one range per run of non-group rows. */
export interface ColorScaleLayout {
  /** 1-based column. */
  column: number;
  runs: RowRun[];
}

/**
 * Category fills over a block of adjacent columns that share the same categories (e.g. the
 * period columns of the LISA table): one conditional format per category and run of rows.
 */
export interface CategoryFillLayout {
  /** 1-based first and last column. */
  firstColumn: number;
  lastColumn: number;
  runs: RowRun[];
  fills: CategoryFill[];
}

/** Where one table of a sheet goes (1-based rows). Fits `TableLayout` of the chart plan. */
export interface TablePlacement {
  table: ReportTable;
  /** Row of the title, when the table has a (non-empty) title. */
  titleRow?: number;
  headerRow: number;
  firstRow: number;
  /** Last data row; `headerRow` when the table has no rows. */
  lastRow: number;
  /** 0-based indices into `table.rows` of the group rows that exist, each once, in the table's order. */
  groupRows: number[];
  /** Colour scales of the table's `colorScale` columns (none for a table without rows). */
  colorScales: ColorScaleLayout[];
  /** Category fills of the table's `fills` columns, adjacent columns with equal fills merged. */
  categoryFills: CategoryFillLayout[];
}

/** Where everything of one report sheet goes. */
export interface SheetLayout {
  sheet: ReportSheet;
  tables: TablePlacement[];
  /** First row of the sheet notes (the row after the last table's blank row). */
  notesRow: number;
  /** The sheet notes as written, one line a row: each note wrapped to the tables' width (`noteLines`). */
  noteLines: string[];
  /** Columns used by the widest table (charts are drawn to the right of them). */
  width: number;
  /** Frozen rows and columns, or null for none. */
  freeze: { rows: number; columns: number } | null;
}

/** Runs of consecutive data rows (0-based within the table) that are not group rows. */
export function nonGroupRuns(n: number, groups: ReadonlySet<number>): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const inRun = i < n && !groups.has(i);
    if (inRun && start < 0) start = i;
    if (!inRun && start >= 0) {
      runs.push([start, i - 1]);
      start = -1;
    }
  }
  return runs;
}

/** The layout of one report sheet. */
export function layoutSheet(s: ReportSheet): SheetLayout {
  const tables: TablePlacement[] = [];
  let r = 1;
  for (const t of s.tables) {
    const titleRow = t.title !== undefined && t.title !== "" ? r++ : undefined;
    const headerRow = r++;
    const firstRow = r;
    const lastRow = r + t.rows.length - 1;
    const groupRows = [...new Set((t.groupRows ?? []).filter((g) => Number.isInteger(g) && g >= 0 && g < t.rows.length))];
    const colorScales: ColorScaleLayout[] = [];
    const categoryFills: CategoryFillLayout[] = [];
    if (t.rows.length > 0) {
      const runs = nonGroupRuns(t.rows.length, new Set(groupRows)).map(([a, z]) => ({ firstRow: firstRow + a, lastRow: firstRow + z }));
      let previous = "";
      t.columns.forEach((c, j) => {
        if (c.colorScale && runs.length > 0) colorScales.push({ column: j + 1, runs });
        const key = c.fills && c.fills.length > 0 && runs.length > 0 ? JSON.stringify(c.fills) : "";
        const last = categoryFills[categoryFills.length - 1];
        if (key !== "" && key === previous && last.lastColumn === j) last.lastColumn = j + 1;
        else if (key !== "") categoryFills.push({ firstColumn: j + 1, lastColumn: j + 1, runs, fills: c.fills!.map((f) => ({ ...f })) });
        previous = key;
      });
    }
    const p: TablePlacement = { table: t, headerRow, firstRow, lastRow, groupRows, colorScales, categoryFills };
    if (titleRow !== undefined) p.titleRow = titleRow;
    tables.push(p);
    r = lastRow + 2; // one blank row between tables
  }
  let freeze: SheetLayout["freeze"] = null;
  if (s.freeze !== false) {
    const rows = s.freeze?.rows ?? (tables.length > 0 ? tables[0].headerRow : 0);
    const columns = s.freeze?.columns ?? 0;
    if (rows > 0 || columns > 0) freeze = { rows, columns };
  }
  const width = s.tables.reduce((m, t) => Math.max(m, t.columns.length), 0);
  return { sheet: s, tables, notesRow: r, noteLines: noteLines(s), width, freeze };
}

/** Shortest line a note is wrapped to (characters), for sheets with narrow tables. */
const MIN_NOTE_CHARS = 60;

/**
 * The notes of a sheet wrapped to the width of its tables (the sum of the fitted column widths,
 * at least 60 characters), so that a long note does not widen the printed page: lines break at
 * spaces, Chinese text between any two characters (CJK characters count double, as in `textWidth`).
 *
 * @example
 * noteLines({ name: "S", tables: [], charts: [], notes: ["a ".repeat(40).trim()] }).length; // => 2
 */
export function noteLines(s: ReportSheet): string[] {
  const notes = s.notes ?? [];
  if (notes.length === 0) return [];
  const width = Math.max(
    MIN_NOTE_CHARS,
    fittedColumnWidths(s).reduce((a, w) => a + w, 0),
  );
  return notes.flatMap((n) => wrapText(n, width));
}

/** A text cut into lines of at most `width` displayed characters (a longer word stays whole). */
function wrapText(text: string, width: number): string[] {
  const tokens = text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][，。；：、）”’]*|\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/g) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const tok of tokens) {
    const candidate = line + tok;
    if (line.trim() !== "" && textWidth(candidate.trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = /^\s+$/.test(tok) ? "" : tok;
    } else line = candidate;
  }
  if (line.trim() !== "" || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Column widths (the xlsx writer; Excel itself autofits in the Office.js writer)

/** Texts whose every character is below U+1100 (none counts double, none is a surrogate pair). */
const NARROW_TEXT = /^[\u0000-\u10ff]*$/; // eslint-disable-line no-control-regex

/** Displayed width (characters) of a text; CJK characters count double. */
export function textWidth(s: string): number {
  if (NARROW_TEXT.test(s)) return s.length;
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Displayed width (characters) of a value under a column format. */
export function displayWidth(v: ReportValue | undefined, format: ColumnFormat | undefined): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === "boolean") return 5;
  if (typeof v === "string") return textWidth(v);
  if (!Number.isFinite(v)) return 4;
  switch (format) {
    case "0":
      return v.toFixed(0).length;
    case "0.00":
      return v.toFixed(2).length;
    case "0.000":
      return v.toFixed(3).length;
    case "0.0000":
      return v.toFixed(4).length;
    case "0.0###":
      return Math.max(v.toFixed(1).length, String(Number(v.toFixed(4))).length);
    case "0.0%":
      return (v * 100).toFixed(1).length + 1;
    case "0.00E+00":
      return v.toExponential(2).length + 1;
    default:
      // General shows up to about 11 characters
      return Math.min(String(v).length, 11);
  }
}

/** Decimals shown by the fixed-point formats. */
const FIXED_DECIMALS: Partial<Record<ColumnFormat, number>> = { "0": 0, "0.00": 2, "0.000": 3, "0.0000": 4, "0.0###": 4 };

/**
 * An upper bound of `displayWidth(v, format)` for a finite number, found without formatting it
 * (Infinity where there is none cheaply): the sign, the digits of the integer part (of |v| + 1,
 * for rounding up), the point and the decimals. `fittedColumnWidths` formats only the values
 * that could widen the column (a 90,000-row table is otherwise formatted cell by cell).
 */
function numberWidthBound(v: number, format: ColumnFormat | undefined): number {
  let a = Math.abs(v);
  let extra: number;
  if (format === "0.0%") {
    a *= 100;
    extra = 3; // ".d%"
  } else if (format === undefined || format === "general" || format === "text") return 11;
  else {
    const d = FIXED_DECIMALS[format];
    if (d === undefined) return Infinity;
    extra = d > 0 ? d + 1 : 0;
  }
  if (!(a < 1e15)) return Infinity;
  let digits = 1;
  for (let p = 10; a + 1 >= p; p *= 10) digits++;
  return (v < 0 ? 1 : 0) + digits + extra;
}

/**
 * Column widths (characters) of a sheet, index 0 = column A: the widest header or value of the
 * column in any table (a column's explicit `width` replaces its values), plus 2, within 6..60.
 */
export function fittedColumnWidths(s: ReportSheet): number[] {
  const widths: number[] = [];
  for (const t of s.tables)
    t.columns.forEach((col, j) => {
      let w = Math.max(widths[j] ?? 0, textWidth(col.label));
      if (col.width !== undefined) w = Math.max(w, col.width);
      else
        for (const row of t.rows) {
          const v = row[col.key];
          if (typeof v === "number" && Number.isFinite(v) && numberWidthBound(v, col.format) <= w) continue;
          if (typeof v === "string" && 2 * v.length <= w) continue; // textWidth ≤ 2 per UTF-16 unit
          w = Math.max(w, displayWidth(v, col.format));
        }
      widths[j] = w;
    });
  return widths.map((w) => Math.min(60, Math.max(6, Math.ceil(w) + 2)));
}

/**
 * Lines a table row takes when the texts of its wrapped columns (`wrap`) break at the columns'
 * widths (characters, as `fittedColumnWidths`), with a margin for breaks at word ends: the
 * xlsx writer sets the row height from it (Excel autofits wrapped rows itself).
 *
 * @example
 * wrappedLines({ columns: [{ key: "a", label: "a", wrap: true }], rows: [] }, { a: "x".repeat(100) }, [22]); // => 6
 */
export function wrappedLines(t: ReportTable, row: ReportRow, widths: readonly number[]): number {
  let lines = 1;
  t.columns.forEach((c, j) => {
    const v = row[c.key];
    if (!c.wrap || v === null || v === undefined) return;
    const perLine = Math.max(1, (widths[j] ?? 10) - 2);
    lines = Math.max(lines, Math.ceil((textWidth(String(v)) * 1.1) / perLine));
  });
  return lines;
}

/** Explicit column widths (characters) of a sheet: 0-based column -> the largest `width` given. */
export function explicitColumnWidths(s: ReportSheet): Map<number, number> {
  const widths = new Map<number, number>();
  for (const t of s.tables)
    t.columns.forEach((c, j) => {
      if (c.width !== undefined) widths.set(j, Math.max(widths.get(j) ?? 0, c.width));
    });
  return widths;
}

// ---------------------------------------------------------------------------------------------
// Page setup (both writers)

/** How a sheet prints, as both writers set it. */
export interface PageSetupLayout {
  orientation: "portrait" | "landscape";
  /** Always one page wide. */
  fitToWidth: 1;
  /** Pages tall; 0 = as many as needed. */
  fitToHeight: number;
  /** Rows (1-based, inclusive) repeated at the top of every page, or null. */
  printTitleRows: { first: number; last: number } | null;
  /** Text of the centre page header (the sheet's title). */
  header: string;
}

/** The print width of a sheet in characters: its fitted columns (`widths`, when known), plus its charts beside them. */
export function printWidth(s: ReportSheet, widths: readonly number[] = fittedColumnWidths(s)): number {
  const cols = widths.reduce((a, w) => a + w, 0);
  return cols + (s.charts.length > 0 ? CHART_PRINT_COLUMNS * DEFAULT_COLUMN_CHARS : 0);
}

/**
 * The page setup of a sheet: one page wide; landscape when wider than a portrait page; the
 * title and header rows of a sheet's only table repeated on every page; the only table's
 * title (else the sheet name) as the page header; the sheet's `page` options override these.
 * `widths`: the sheet's `fittedColumnWidths`, when the caller has them.
 */
export function pageSetupOf(layout: SheetLayout, widths?: readonly number[]): PageSetupLayout {
  const s = layout.sheet;
  const o = s.page ?? {};
  const orientation = o.orientation ?? (printWidth(s, widths) > PORTRAIT_CHARS ? "landscape" : "portrait");
  const lastRow = Math.max(1, layout.notesRow + layout.noteLines.length - 1);
  let fitToHeight = o.fitToHeight ?? 0;
  if (o.fitToHeight === undefined && o.rowsPerPage !== undefined && o.rowsPerPage > 0) fitToHeight = Math.max(1, Math.ceil(lastRow / o.rowsPerPage));
  const first = layout.tables[0];
  let printTitleRows: PageSetupLayout["printTitleRows"] = null;
  if (layout.tables.length === 1 && first && first.table.rows.length > 0) printTitleRows = { first: 1, last: first.headerRow };
  // a sheet of one table: its title; of several (Table 6 per group and period, ...): the sheet's name, true of every page
  const header = o.title ?? ((layout.tables.length === 1 && first.table.title) || s.name);
  return { orientation, fitToWidth: 1, fitToHeight, printTitleRows, header };
}

/** The page setup of the notes sheet: landscape (its chart list is wide), one page wide, the report's title in the header. */
export function notesPageSetup(report: Report): PageSetupLayout {
  return { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: null, header: report.title };
}

/** Text of a page header with Excel's header codes (&, the code character, doubled). */
export function headerText(title: string): string {
  return title.replace(/&/g, "&&");
}

// ---------------------------------------------------------------------------------------------
// Sheet names

/** The names a report's sheets are written under. */
export interface SheetNames {
  /** Sanitized, unique names of the report sheets, in report order (with the prefix). */
  sheets: string[];
  /** Name of the notes sheet written last, or undefined for none. */
  notes?: string;
  /** Report sheet name -> its written name (the first sheet of that name). */
  byReportName: Map<string, string>;
}

/** Sheet names of a report: `prefix` + name, sanitized and unique; the notes sheet ("Notes" by default; `false` for none) last. */
export function reportSheetNames(report: Report, options: { prefix?: string; notesSheet?: string | false } = {}): SheetNames {
  const prefix = options.prefix ?? "";
  const notesName = options.notesSheet === undefined ? tr(report.language ?? "en", "notes.sheet") : options.notesSheet;
  const all = uniqueSheetNames([...report.sheets.map((s) => prefix + s.name), ...(notesName === false ? [] : [prefix + notesName])]);
  const sheets = all.slice(0, report.sheets.length);
  const byReportName = new Map<string, string>();
  report.sheets.forEach((s, i) => {
    if (!byReportName.has(s.name)) byReportName.set(s.name, sheets[i]);
  });
  const out: SheetNames = { sheets, byReportName };
  if (notesName !== false) out.notes = all[all.length - 1];
  return out;
}

// ---------------------------------------------------------------------------------------------
// The notes sheet

/** One row of the notes sheet; an empty `values` is a blank row. */
export interface NotesRow {
  values: ReportValue[];
  /** The report title (STYLE.notesTitle) or a heading (STYLE.notesHeading). */
  style?: "title" | "heading";
}

/** The font of a notes-sheet row, if styled. */
export function notesRowFont(row: NotesRow): FontStyle | undefined {
  return row.style === "title" ? STYLE.notesTitle : row.style === "heading" ? STYLE.notesHeading : undefined;
}

/** What the notes sheet lists besides the title, meta data, notes and warnings. */
export interface NotesOptions {
  /** List these sheet names under "Sheets" (after the meta data). */
  sheets?: string[];
  /** List the charts (with the written names of their sheets) in a table at the end. */
  charts?: Map<string, string>;
}

/** Header of the chart list of the notes sheet. */
export const CHART_LIST_HEADER = ["Chart on sheet", "Title", "Type", "Data sheet", "Table", "X column", "Series columns", "X axis", "Y axis"];

const CHART_LIST_KEYS: StringKey[] = [
  "notes.chartOn",
  "notes.chartTitle",
  "notes.chartType",
  "notes.dataSheet",
  "notes.table",
  "notes.xColumn",
  "notes.seriesColumns",
  "notes.xAxis",
  "notes.yAxis",
];

/** The label of a meta key on the notes sheet: the key itself in English, the catalogue's phrase in Chinese. */
function metaLabel(t: Translate, key: string): string {
  const k = `meta.${key === "tool" ? "tool" : key}`;
  return t.lang === "zh" && hasKey(k) ? t(k) : key;
}

/** A chart type on the notes sheet in the report's language. */
function chartTypeName(t: Translate, type: string): string {
  const k = `notes.chart.${type}`;
  return t.lang === "zh" && hasKey(k) ? t(k) : type;
}

/**
 * The rows of the notes sheet: the title, a blank row, "About this report" (meta data as
 * key, value), then the lists (Sheets when asked, Notes, Warnings: the report's warnings and its
 * structural problems), each followed by a blank row, then the chart list when asked.
 */
export function notesSheetRows(report: Report, problems: string[], options: NotesOptions = {}): NotesRow[] {
  const t = translator(report.language);
  const rows: NotesRow[] = [{ values: [report.title], style: "title" }, { values: [] }];
  const list = (title: string, items: ReportValue[][]) => {
    if (items.length === 0) return;
    rows.push({ values: [title], style: "heading" });
    for (const it of items) rows.push({ values: it });
    rows.push({ values: [] });
  };
  const meta = Object.entries(report.meta).filter(([, v]) => v !== undefined && v !== null);
  list(
    t("notes.about"),
    meta.map(([k, v]) => [metaLabel(t, k), v as ReportValue]),
  );
  if (options.sheets)
    list(
      t("notes.sheets"),
      options.sheets.map((s) => [s]),
    );
  list(
    t("notes.notes"),
    report.notes.map((s) => [s]),
  );
  list(
    t("notes.warnings"),
    [...report.warnings, ...problems].map((s) => [s]),
  );
  const names = options.charts;
  if (names) {
    const charts: Array<{ on: string; c: ChartSpec }> = [];
    for (const s of report.sheets) for (const c of s.charts) charts.push({ on: names.get(s.name) ?? s.name, c });
    if (charts.length > 0) {
      rows.push({ values: [t("notes.charts")], style: "heading" });
      rows.push({ values: t.lang === "zh" ? CHART_LIST_KEYS.map((k) => t(k)) : CHART_LIST_HEADER, style: "heading" });
      // in Chinese the columns by their headers (the keys g0, f2, ... are codes)
      const label = (c: ChartSpec, key: string) => {
        if (t.lang !== "zh") return key;
        const tbl = report.sheets.find((s) => s.name === c.tableRef.sheet)?.tables[c.tableRef.table];
        return tbl?.columns.find((col) => col.key === key)?.label ?? key;
      };
      for (const { on, c } of charts)
        rows.push({
          values: [
            on,
            c.title,
            chartTypeName(t, c.type),
            names.get(c.tableRef.sheet) ?? c.tableRef.sheet,
            c.tableRef.table + 1,
            label(c, c.x),
            t.list(c.series.map((k) => label(c, k))),
            c.xAxisTitle ?? null,
            c.yAxisTitle ?? null,
          ],
        });
    }
  }
  return rows;
}
