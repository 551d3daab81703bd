/**
 * One report sheet into a worksheet, as the layout (src/report/layout.ts) places it: table
 * titles, header rows, data rows in chunks with their number formats, group rows, colour
 * scales, an Excel table over each table, sheet notes, frozen panes and column widths.
 */
import { FontStyle, PageSetupLayout, STYLE, SheetLayout, explicitColumnWidths, headerText, numberFormat, pageSetupOf } from "../../report/layout";
import { columnLetter } from "../../report/model";
import { cellAddress, rectAddress } from "./a1";
import { Batcher } from "./batcher";
import { Capabilities } from "./capabilities";
import { addCategoryFills } from "./categoryFills";
import { addColorScales } from "./colorScales";
import { ExcelCell, excelValue, rowsCost } from "./values";

/** Set the font properties a style gives (bold, italic, size, in that order). */
export function applyFont(font: Excel.RangeFont, style: FontStyle): void {
  if (style.bold !== undefined) font.bold = style.bold;
  if (style.italic !== undefined) font.italic = style.italic;
  if (style.size !== undefined) font.size = style.size;
}

/** A valid, workbook-unique Excel table name. */
export function tableName(sheetName: string, index: number, taken: Set<string>): string {
  let base = `CL_${sheetName}`
    .replace(/[^\p{L}\p{N}_.]+/gu, "_")
    .replace(/_+/g, "_")
    .replace(/_$/, "");
  base = base.slice(0, 200);
  let name = `${base}_${index + 1}`;
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base}_${index + 1}_${k}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The 0-based rectangle of rows (1-based, inclusive) over the first `columns` columns. */
const rows = (first: number, last: number, columns: number) => ({ r0: first - 1, r1: last - 1, c0: 0, c1: columns - 1 });

/**
 * Queue one report sheet into `ws`. `takenTables` holds the (lower-case) table names in use;
 * `done` is told how many cells were queued, for the progress.
 */
export async function writeSheet(
  ws: Excel.Worksheet,
  layout: SheetLayout,
  b: Batcher,
  caps: Capabilities,
  takenTables: Set<string>,
  done: (cells: number) => void,
): Promise<void> {
  const s = layout.sheet;
  for (let ti = 0; ti < layout.tables.length; ti++) {
    const p = layout.tables[ti];
    const t = p.table;
    const n = t.columns.length;
    if (n === 0) continue;
    if (p.titleRow !== undefined) {
      await b.reserve(1, t.title!.length + 120);
      const r = ws.getRange(cellAddress(p.titleRow - 1, 0));
      r.values = [[excelValue(t.title!)]];
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- format.font is a navigation proxy; applyFont only sets its properties
      applyFont(r.format.font, STYLE.tableTitle);
    }
    // header
    const header = t.columns.map((c) => excelValue(c.label));
    await b.reserve(n, rowsCost([header]) + 200);
    const hr = ws.getRange(rectAddress(rows(p.headerRow, p.headerRow, n)));
    hr.values = [header];
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- format.font is a navigation proxy; applyFont only sets its properties
    applyFont(hr.format.font, STYLE.header);
    hr.format.fill.color = `#${STYLE.headerFill}`;
    done(n);
    // data rows, in chunks
    const formats = t.columns.map((c) => numberFormat(c.format));
    const formatCost = formats.reduce((a, f) => a + f.length + 3, 0);
    let i0 = 0;
    while (i0 < t.rows.length) {
      const chunk: ExcelCell[][] = [];
      let bytes = 0;
      let i = i0;
      for (; i < t.rows.length; i++) {
        const row = t.columns.map((c, j) => excelValue(t.rows[i][c.key], formats[j] === "@"));
        const cost = rowsCost([row]) + formatCost + 4;
        if (chunk.length > 0 && ((chunk.length + 1) * n > b.limits.cells || bytes + cost > b.limits.bytes)) break;
        chunk.push(row);
        bytes += cost;
      }
      await b.reserve(chunk.length * n, bytes);
      const range = ws.getRange(rectAddress(rows(p.firstRow + i0, p.firstRow + i - 1, n)));
      range.numberFormat = chunk.map(() => formats);
      range.values = chunk;
      done(chunk.length * n);
      i0 = i;
    }
    // group rows
    for (const g of p.groupRows) {
      await b.reserve(n, 150);
      const gr = ws.getRange(rectAddress(rows(p.firstRow + g, p.firstRow + g, n)));
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- format.font is a navigation proxy; applyFont only sets its properties
      applyFont(gr.format.font, STYLE.groupRow);
      gr.format.fill.color = `#${STYLE.groupFill}`;
    }
    // wrapped columns (long texts)
    for (const [j, c] of t.columns.entries()) {
      if (!c.wrap || t.rows.length === 0) continue;
      await b.reserve(1, 150);
      ws.getRange(rectAddress({ r0: p.firstRow - 1, r1: p.lastRow - 1, c0: j, c1: j })).format.wrapText = true;
    }
    await addColorScales(ws, p, b, caps);
    await addCategoryFills(ws, p, b, caps);
    // an Excel table over header + data (the title stays above it)
    if (t.rows.length > 0) {
      await b.reserve(1, 300);
      const table = ws.tables.add(ws.getRange(rectAddress(rows(p.headerRow, p.lastRow, n))), true);
      table.name = tableName(s.name, ti, takenTables);
      table.style = "TableStyleLight1";
    }
  }
  // notes
  if (layout.noteLines.length > 0) {
    const values = layout.noteLines.map((x) => [excelValue(x)]); // wrapped to the tables' width (layout.ts)
    await b.reserve(values.length, rowsCost(values) + 150);
    const nr = ws.getRange(rectAddress(rows(layout.notesRow, layout.notesRow + values.length - 1, 1)));
    nr.values = values;
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- format.font is a navigation proxy; applyFont only sets its properties
    applyFont(nr.format.font, STYLE.sheetNote);
  }
  // frozen panes
  if (layout.freeze && caps.freezePanes) {
    const { rows: r, columns: c } = layout.freeze;
    await b.reserve(1, 100);
    if (c === 0) ws.freezePanes.freezeRows(r);
    else if (r === 0) ws.freezePanes.freezeColumns(c);
    else ws.freezePanes.freezeAt(ws.getRange(rectAddress({ r0: 0, r1: r - 1, c0: 0, c1: c - 1 })));
  }
  if (caps.pageLayout) {
    await b.reserve(6, 400);
    applyPageSetup(ws, pageSetupOf(layout));
  }
  // widths: autofit, then the explicit ones (characters -> points, about 7 px per character)
  if (layout.width > 0) {
    if (caps.autofit) {
      await b.reserve(1, 100);
      ws.getRange(rectAddress({ r0: 0, r1: Math.max(0, layout.notesRow - 1), c0: 0, c1: layout.width - 1 })).format.autofitColumns();
    }
    for (const [j, w] of explicitColumnWidths(s)) {
      await b.reserve(1, 100);
      const L = columnLetter(j + 1);
      ws.getRange(`${L}:${L}`).format.columnWidth = Math.round(w * 7 + 5);
    }
  }
}

/** The page setup of the layout (ExcelApi 1.9): A4, orientation, one page wide, print titles, header and page numbers. */
export function applyPageSetup(ws: Excel.Worksheet, p: PageSetupLayout): void {
  const pl = ws.pageLayout;
  pl.paperSize = "A4" as Excel.PaperType;
  pl.orientation = (p.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
  pl.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
  if (p.printTitleRows) pl.setPrintTitleRows(`$${p.printTitleRows.first}:$${p.printTitleRows.last}`);
  pl.headersFooters.defaultForAllPages.centerHeader = `&B${headerText(p.header)}`;
  pl.headersFooters.defaultForAllPages.centerFooter = "&P / &N";
}
