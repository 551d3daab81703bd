/**
 * The standalone report writer: `Report` -> .xlsx bytes with exceljs (Node and browser; no fs).
 * Used by the command line and the standalone page; the taskpane writes the same report
 * through Office.js.
 *
 * Layout of each report sheet (in report order, names sanitized and made unique):
 * tables stacked from row 1 with one blank row between; each table has an optional bold title
 * row, a bold header row (grey fill, bottom border), then its rows. Cells keep full precision;
 * the column's `format` is the number format. Group rows are bold with a light fill.
 * Columns with `colorScale` get a 3-colour scale (red - yellow - green, min - 50th percentile -
 * max) over their data cells (group rows left out). Widths are automatic unless given.
 * The autofilter covers the first table (Excel allows one per sheet). Frozen panes: the
 * sheet's `freeze`, by default down to the first table's header row. Sheet notes follow the
 * tables in italics.
 *
 * A last sheet ("Notes" by default) holds the title, the meta data, the report's notes and
 * warnings, and a list of the charts (sheet, table, type, series). exceljs cannot write charts:
 * `addCharts` (charts.ts) adds them as native DrawingML parts after exceljs has written the file.
 *
 * Non-finite numbers (NaN, ±Infinity) are written as #N/A error cells.
 */
import ExcelJS from "exceljs";
import { ChartSpec, ColumnFormat, Report, ReportSheet, ReportTable, ReportValue, columnLetter, reportProblems, uniqueSheetNames } from "../report/model";
import { addCharts, planCharts } from "./charts";
import { excelNumFmt } from "../report/model";
export { excelNumFmt };

export interface WriteOptions {
  /** Name of the notes sheet written last; `false` for none. Default "Notes". */
  notesSheet?: string | false;
}


const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEAF1FB" } };
/** Excel's red - yellow - green scale (low - mid - high). */
const SCALE_COLORS = ["FFF8696B", "FFFFEB84", "FF63BE7B"];
const MAX_TEXT = 32767;

/** The value exceljs should store for a report value. */
function cellValue(v: ReportValue | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : { error: "#N/A" };
  if (typeof v === "string") return v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) : v;
  return v;
}

/** Displayed width (characters) of a value under a format; CJK characters count double. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function displayWidth(v: ReportValue | undefined, format: ColumnFormat | undefined): number {
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
    case "0.0%":
      return (v * 100).toFixed(1).length + 1;
    case "0.00E+00":
      return v.toExponential(2).length + 1;
    default:
      // General shows up to about 11 characters
      return Math.min(String(v).length, 11);
  }
}

interface Placed {
  table: ReportTable;
  titleRow?: number;
  headerRow: number;
  firstRow: number;
  lastRow: number;
}

/** Write the tables of one report sheet into a worksheet; returns where each table went. */
function writeSheet(ws: ExcelJS.Worksheet, s: ReportSheet, priority: { next: number }): Placed[] {
  const placed: Placed[] = [];
  const widths: number[] = [];
  let r = 1;
  for (const t of s.tables) {
    const p: Placed = { table: t, headerRow: 0, firstRow: 0, lastRow: 0 };
    if (t.title !== undefined && t.title !== "") {
      const c = ws.getCell(r, 1);
      c.value = t.title;
      c.font = { bold: true, size: 12 };
      p.titleRow = r++;
    }
    p.headerRow = r;
    t.columns.forEach((col, j) => {
      const c = ws.getCell(r, j + 1);
      c.value = col.label;
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.border = { bottom: { style: "thin" } };
      c.alignment = { vertical: "middle", wrapText: false };
      widths[j] = Math.max(widths[j] ?? 0, textWidth(col.label));
      if (col.width !== undefined) widths[j] = Math.max(widths[j], col.width);
    });
    r++;
    p.firstRow = r;
    const groups = new Set(t.groupRows ?? []);
    t.rows.forEach((row, i) => {
      const xr = ws.getRow(r + i);
      t.columns.forEach((col, j) => {
        const c = xr.getCell(j + 1);
        const v = row[col.key];
        c.value = cellValue(v);
        const fmt = excelNumFmt(col.format);
        if (fmt !== undefined) c.numFmt = fmt;
        if (groups.has(i)) {
          c.font = { bold: true };
          c.fill = GROUP_FILL;
        }
        if (col.width === undefined) widths[j] = Math.max(widths[j] ?? 0, displayWidth(v, col.format));
      });
    });
    p.lastRow = r + t.rows.length - 1;
    r = p.lastRow + 2; // one blank row between tables

    // colour scales over the data cells, group rows left out
    t.columns.forEach((col, j) => {
      if (!col.colorScale || t.rows.length === 0) return;
      const L = columnLetter(j + 1);
      const ranges: string[] = [];
      let start = -1;
      for (let i = 0; i <= t.rows.length; i++) {
        const inRange = i < t.rows.length && !groups.has(i);
        if (inRange && start < 0) start = i;
        if (!inRange && start >= 0) {
          const a = p.firstRow + start;
          const b = p.firstRow + i - 1;
          ranges.push(a === b ? `${L}${a}` : `${L}${a}:${L}${b}`);
          start = -1;
        }
      }
      if (ranges.length === 0) return;
      ws.addConditionalFormatting({
        ref: ranges.join(" "),
        rules: [
          {
            type: "colorScale",
            priority: priority.next++,
            cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }],
            color: SCALE_COLORS.map((argb) => ({ argb })),
          },
        ],
      });
    });
    placed.push(p);
  }

  if (s.notes && s.notes.length > 0) {
    for (const note of s.notes) {
      const c = ws.getCell(r++, 1);
      c.value = note;
      c.font = { italic: true };
    }
  }

  widths.forEach((w, j) => {
    const col = ws.getColumn(j + 1);
    col.width = Math.min(60, Math.max(6, Math.ceil(w) + 2));
  });

  const first = placed[0];
  if (first && first.table.columns.length > 0) {
    ws.autoFilter = {
      from: { row: first.headerRow, column: 1 },
      to: { row: Math.max(first.headerRow, first.lastRow), column: first.table.columns.length },
    };
  }
  if (s.freeze !== false) {
    const ySplit = s.freeze?.rows ?? (first ? first.headerRow : 0);
    const xSplit = s.freeze?.columns ?? 0;
    if (ySplit > 0 || xSplit > 0)
      ws.views = [{ state: "frozen", xSplit, ySplit, topLeftCell: `${columnLetter(xSplit + 1)}${ySplit + 1}`, activeCell: "A1" }];
  }
  return placed;
}

/** The notes sheet: title, meta, notes, warnings, chart specs. */
function writeNotes(ws: ExcelJS.Worksheet, report: Report, sheetName: Map<string, string>, problems: string[]): void {
  let r = 1;
  const put = (values: ExcelJS.CellValue[], font?: Partial<ExcelJS.Font>) => {
    values.forEach((v, j) => {
      const c = ws.getCell(r, j + 1);
      c.value = v;
      if (font) c.font = font;
    });
    r++;
  };
  put([report.title], { bold: true, size: 14 });
  r++;
  const meta = Object.entries(report.meta).filter(([, v]) => v !== undefined && v !== null);
  if (meta.length > 0) {
    put(["About this report"], { bold: true });
    for (const [k, v] of meta) put([k, cellValue(v as ReportValue)]);
    r++;
  }
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    put([title], { bold: true });
    for (const it of items) put([it]);
    r++;
  };
  list("Notes", report.notes);
  list("Warnings", [...report.warnings, ...problems]);
  const charts: Array<{ on: string; c: ChartSpec }> = [];
  for (const s of report.sheets) for (const c of s.charts) charts.push({ on: sheetName.get(s.name) ?? s.name, c });
  if (charts.length > 0) {
    put(["Charts (drawn beside their tables)"], { bold: true });
    const header = ["Chart on sheet", "Title", "Type", "Data sheet", "Table", "X column", "Series columns", "X axis", "Y axis"];
    put(header, { bold: true });
    for (const { on, c } of charts)
      put([
        on,
        c.title,
        c.type,
        sheetName.get(c.tableRef.sheet) ?? c.tableRef.sheet,
        c.tableRef.table + 1,
        c.x,
        c.series.join(", "),
        c.xAxisTitle ?? null,
        c.yAxisTitle ?? null,
      ]);
  }
  ws.getColumn(1).width = 40;
  for (let j = 2; j <= 9; j++) ws.getColumn(j).width = 18;
}

/**
 * Write a report as an .xlsx workbook: one worksheet per report sheet, in order, then the
 * notes sheet. Returns the file's bytes.
 */
export async function writeReportXlsx(report: Report, options: WriteOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = typeof report.meta.tool === "string" ? report.meta.tool : "CoordLab";
  wb.title = report.title;
  const created = typeof report.meta.created === "string" ? new Date(report.meta.created) : new Date();
  wb.created = Number.isNaN(created.getTime()) ? new Date() : created;
  wb.modified = wb.created;

  const notesName = options.notesSheet === undefined ? "Notes" : options.notesSheet;
  const names = uniqueSheetNames([...report.sheets.map((s) => s.name), ...(notesName === false ? [] : [notesName])]);
  const sheetName = new Map<string, string>();
  report.sheets.forEach((s, i) => {
    if (!sheetName.has(s.name)) sheetName.set(s.name, names[i]);
  });
  const problems = reportProblems(report);

  const priority = { next: 1 };
  const layouts: Placed[][] = []; // where each table went, for the native charts
  report.sheets.forEach((s, i) => {
    const ws = wb.addWorksheet(names[i]);
    layouts.push(writeSheet(ws, s, priority));
  });
  if (notesName !== false) writeNotes(wb.addWorksheet(names[names.length - 1]), report, sheetName, problems);
  if (wb.worksheets.length === 0) wb.addWorksheet("Report");

  const buf = await wb.xlsx.writeBuffer();
  const u = buf as unknown as Uint8Array | ArrayBuffer;
  const bytes = u instanceof Uint8Array ? new Uint8Array(u.buffer, u.byteOffset, u.byteLength) : new Uint8Array(u);
  // exceljs cannot write charts: add them as native chart parts (charts with missing data are
  // skipped here; reportProblems lists them in the notes sheet)
  return addCharts(bytes, planCharts(report, layouts, { onMissing: "skip" }));
}

/**
 * The report as JSON text: the same plain data, non-finite numbers as null. Charts and
 * everything else are kept as they are.
 */
export function reportToJson(report: Report, space: number = 2): string {
  return JSON.stringify(report, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), space);
}
