/**
 * The standalone report writer: `Report` -> .xlsx bytes with exceljs (Node and browser; no fs).
 * Used by the command line and the standalone page; the taskpane writes the same report
 * through Office.js.
 *
 * It renders the layout of src/report/layout.ts (where tables, titles, group rows, colour
 * scales, sheet notes and frozen panes go, and their styles), as the Office.js writer does.
 * Cells keep full precision; the column's `format` is the number format. Header cells also get
 * a thin bottom border. Widths are fitted to the values (`fittedColumnWidths`) unless given.
 * The autofilter covers the first table (Excel allows one per sheet).
 *
 * A last sheet ("Notes" by default) holds the title, the meta data, the report's notes and
 * warnings, and a list of the charts (sheet, table, type, series). exceljs cannot write charts:
 * `addCharts` (charts.ts) adds the chart plans (src/report/chartPlan.ts) as native DrawingML
 * parts after exceljs has written the file.
 *
 * Non-finite numbers (NaN, ±Infinity) are written as #N/A error cells.
 */
import ExcelJS from "exceljs";
import { planCharts } from "../report/chartPlan";
import {
  FontStyle,
  MAX_CELL_TEXT,
  NotesRow,
  PageSetupLayout,
  STYLE,
  SheetLayout,
  fittedColumnWidths,
  headerText,
  wrappedLines,
  layoutSheet,
  notesPageSetup,
  notesRowFont,
  notesSheetRows,
  pageSetupOf,
  reportSheetNames,
} from "../report/layout";
import { Report, ReportValue, columnLetter, excelNumFmt, reportProblems, textFormula } from "../report/model";
import { addCharts } from "./charts";
export { excelNumFmt };

export interface WriteOptions {
  /** Name of the notes sheet written last; `false` for none. Default "Notes". */
  notesSheet?: string | false;
}

const solid = (rgb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb: `FF${rgb}` } });
const HEADER_FILL = solid(STYLE.headerFill);
const GROUP_FILL = solid(STYLE.groupFill);
const font = (f: FontStyle): Partial<ExcelJS.Font> => ({ ...f });

/** The value exceljs should store for a report value. */
function cellValue(v: ReportValue | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : { error: "#N/A" };
  if (typeof v === "string") return v.length > MAX_CELL_TEXT ? v.slice(0, MAX_CELL_TEXT) : v;
  return v;
}

/** Render the layout of one report sheet into a worksheet. */
function writeSheet(ws: ExcelJS.Worksheet, layout: SheetLayout, priority: { next: number }): void {
  const s = layout.sheet;
  for (const p of layout.tables) {
    const t = p.table;
    if (p.titleRow !== undefined) {
      const c = ws.getCell(p.titleRow, 1);
      c.value = t.title!;
      c.font = font(STYLE.tableTitle);
    }
    t.columns.forEach((col, j) => {
      const c = ws.getCell(p.headerRow, j + 1);
      c.value = col.label;
      c.font = font(STYLE.header);
      c.fill = HEADER_FILL;
      c.border = { bottom: { style: "thin" } };
      c.alignment = { vertical: "middle", wrapText: false };
    });
    const groups = new Set(p.groupRows);
    const widths = t.columns.some((c) => c.wrap) ? fittedColumnWidths(s) : [];
    t.rows.forEach((row, i) => {
      const xr = ws.getRow(p.firstRow + i);
      if (widths.length) xr.height = 15 * wrappedLines(t, row, widths); // wrapped texts: LibreOffice keeps the stored height
      t.columns.forEach((col, j) => {
        const c = xr.getCell(j + 1);
        c.value = cellValue(row[col.key]);
        const fmt = excelNumFmt(col.format);
        if (fmt !== undefined) c.numFmt = fmt;
        if (col.wrap) c.alignment = { wrapText: true };
        if (groups.has(i)) {
          c.font = font(STYLE.groupRow);
          c.fill = GROUP_FILL;
        }
      });
    });
    // colour scales over the data cells, group rows left out
    for (const scale of p.colorScales) {
      const L = columnLetter(scale.column);
      ws.addConditionalFormatting({
        ref: scale.runs.map((run) => (run.firstRow === run.lastRow ? `${L}${run.firstRow}` : `${L}${run.firstRow}:${L}${run.lastRow}`)).join(" "),
        rules: [
          {
            type: "colorScale",
            priority: priority.next++,
            cfvo: [{ type: "min" }, { type: "percentile", value: STYLE.colorScaleMidpoint }, { type: "max" }],
            color: STYLE.colorScale.map((rgb) => ({ argb: `FF${rgb}` })),
          },
        ],
      });
    }
    // category fills (LISA clusters, hot spots): one "cell equals text" rule per category
    for (const block of p.categoryFills) {
      const a = columnLetter(block.firstColumn);
      const z = columnLetter(block.lastColumn);
      const ref = block.runs
        .map((run) => (a === z && run.firstRow === run.lastRow ? `${a}${run.firstRow}` : `${a}${run.firstRow}:${z}${run.lastRow}`))
        .join(" ");
      for (const f of block.fills)
        ws.addConditionalFormatting({
          ref,
          rules: [
            {
              type: "cellIs",
              operator: "equal",
              priority: priority.next++,
              formulae: [textFormula(f.text)],
              style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: `FF${f.color}` } } },
            },
          ],
        });
    }
  }

  layout.noteLines.forEach((note, k) => {
    const c = ws.getCell(layout.notesRow + k, 1);
    c.value = note;
    c.font = font(STYLE.sheetNote);
  });

  fittedColumnWidths(s).forEach((w, j) => {
    ws.getColumn(j + 1).width = w;
  });

  const first = layout.tables[0];
  if (first && first.table.columns.length > 0) {
    ws.autoFilter = {
      from: { row: first.headerRow, column: 1 },
      to: { row: Math.max(first.headerRow, first.lastRow), column: first.table.columns.length },
    };
  }
  if (layout.freeze) {
    const { rows: ySplit, columns: xSplit } = layout.freeze;
    ws.views = [{ state: "frozen", xSplit, ySplit, topLeftCell: `${columnLetter(xSplit + 1)}${ySplit + 1}`, activeCell: "A1" }];
  }
  applyPageSetup(ws, pageSetupOf(layout));
}

/** The page setup of the layout: A4, orientation, one page wide, print titles, header and page numbers. */
function applyPageSetup(ws: ExcelJS.Worksheet, p: PageSetupLayout): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    horizontalCentered: false,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  if (p.printTitleRows) ws.pageSetup.printTitlesRow = `${p.printTitleRows.first}:${p.printTitleRows.last}`;
  ws.headerFooter = { ...ws.headerFooter, oddHeader: `&C&B${headerText(p.header)}`, oddFooter: "&C&P / &N" };
}

/** The notes sheet: title, meta, notes, warnings, chart specs. */
function writeNotes(ws: ExcelJS.Worksheet, rows: NotesRow[], page: PageSetupLayout): void {
  rows.forEach((row, i) => {
    const style = notesRowFont(row);
    row.values.forEach((v, j) => {
      const c = ws.getCell(i + 1, j + 1);
      c.value = cellValue(v);
      if (style) c.font = font(style);
    });
  });
  ws.getColumn(1).width = 40;
  for (let j = 2; j <= 9; j++) ws.getColumn(j).width = 18;
  applyPageSetup(ws, page);
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

  const names = reportSheetNames(report, { notesSheet: options.notesSheet });
  const layouts = report.sheets.map(layoutSheet);
  const priority = { next: 1 }; // of the colour scales, over the whole workbook
  layouts.forEach((layout, i) => writeSheet(wb.addWorksheet(names.sheets[i]), layout, priority));
  if (names.notes !== undefined)
    writeNotes(wb.addWorksheet(names.notes), notesSheetRows(report, reportProblems(report), { charts: names.byReportName }), notesPageSetup(report));
  if (wb.worksheets.length === 0) wb.addWorksheet("Report");

  const buf = await wb.xlsx.writeBuffer();
  const u = buf as unknown as Uint8Array | ArrayBuffer;
  const bytes = u instanceof Uint8Array ? new Uint8Array(u.buffer, u.byteOffset, u.byteLength) : new Uint8Array(u);
  // exceljs cannot write charts: add them as native chart parts (charts with missing data are
  // skipped here; reportProblems lists them in the notes sheet)
  return addCharts(
    bytes,
    planCharts(
      report,
      layouts.map((l) => l.tables),
      { onMissing: "skip" },
    ),
  );
}

/**
 * The report as JSON text: the same plain data, non-finite numbers as null. Charts and
 * everything else are kept as they are.
 */
export function reportToJson(report: Report, space: number = 2): string {
  return JSON.stringify(report, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), space);
}
