/**
 * The standalone report writer: `Report` -> .xlsx bytes (Node and browser; no fs). Used by the
 * command line and the standalone page; the taskpane writes the same report through Office.js.
 *
 * It renders the layout of src/report/layout.ts (where tables, titles, group rows, colour
 * scales, category fills, sheet notes and frozen panes go, and their styles), as the Office.js
 * writer does. Cells keep full precision; the column's `format` is the number format. Header
 * cells also get a thin bottom border. Widths are fitted to the values (`fittedColumnWidths`)
 * unless given. The autofilter covers the first table (Excel allows one per sheet).
 *
 * A last sheet ("Notes" by default) holds the title, the meta data, the report's notes and
 * warnings, and a list of the charts (sheet, table, type, series). The chart plans
 * (src/report/chartPlan.ts) become native DrawingML parts (charts.ts `chartParts`) in the same
 * package.
 *
 * Non-finite numbers (NaN, ±Infinity) are written as #N/A error cells; texts longer than
 * MAX_CELL_TEXT are cut.
 *
 * How: the SpreadsheetML is written here as text, one worksheet at a time and a block of rows
 * at a time (zip.ts packs the parts: node's zlib in Node, JSZip in the browser): a shared-string
 * table, one styles table for the workbook (each column's cell style resolved once, not per
 * cell), the worksheet parts in the CT_Worksheet order. The output is the package exceljs 4.4
 * wrote for the same layout (same parts, same sheet XML, styles and shared strings; the charts
 * as `addCharts` added them), which Excel and LibreOffice open and exceljs reads back. exceljs
 * is not used: it built an object per cell and the whole package in memory, most of the time
 * and memory of a 90,000-row report (bench/NOTES.md, issue 17). `addCharts` (charts.ts) still
 * adds charts to an existing package.
 */
import { ChartPlacement, planCharts } from "../report/chartPlan";
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
import { Report, ReportValue, columnLetter, excelNumFmt, quoteSheetName, reportProblems, textFormula } from "../report/model";
import { chartParts, escapeXml } from "./charts";
import { THEME_XML } from "./theme";
import { ZipPart, packParts } from "./zip";
export { excelNumFmt };

export interface WriteOptions {
  /** Name of the notes sheet written last; `false` for none. Default "Notes". */
  notesSheet?: string | false;
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** Rows rendered into one piece of a worksheet's text. */
const ROWS_PER_PIECE = 2000;

// ---------------------------------------------------------------------------------------------
// XML text

const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/; // eslint-disable-line no-control-regex

/** escapeXml (charts.ts), with a quick test first: most texts of a report need no escaping. */
function xmlText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? escapeXml(s) : s;
}

// ---------------------------------------------------------------------------------------------
// Styles

/** What a cell's style sets (as the writer's cells are styled). */
interface CellStyle {
  numFmt?: string;
  font?: FontStyle;
  /** Solid fill, RRGGBB. */
  fill?: string;
  /** A thin bottom border (header cells). */
  bottomBorder?: boolean;
  alignment?: { vertical?: "center"; wrapText?: boolean };
}

/** Excel's built-in number formats that a report can use (code -> id). */
const BUILTIN_NUMFMT: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11, "@": 49 };

/** An indexed list of XML fragments: each distinct fragment once, in the order first asked. */
class Indexed {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(initial: string[] = []) {
    for (const x of initial) this.add(x);
  }
  add(xml: string): number {
    let i = this.index.get(xml);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(xml);
      this.index.set(xml, i);
    }
    return i;
  }
}

const DEFAULT_FONT = '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';

/** The workbook's styles table (xl/styles.xml): fonts, fills, borders, number formats, cell formats, differential formats. */
class Styles {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts = new Indexed([DEFAULT_FONT]);
  private readonly fills = new Indexed(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Indexed(["<border><left/><right/><top/><bottom/><diagonal/></border>"]);
  private readonly xfs = new Indexed(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  private readonly dxfs: string[] = [];

  private numFmtId(code: string): number {
    const builtin = BUILTIN_NUMFMT[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  /** The cell format index (`s`) of a style; 0 for none. */
  xf(style: CellStyle): number {
    const numFmtId = style.numFmt !== undefined ? this.numFmtId(style.numFmt) : 0;
    const f = style.font;
    const fontId = f
      ? this.fonts.add(`<font>${f.bold ? "<b/>" : ""}${f.italic ? "<i/>" : ""}${f.size !== undefined ? `<sz val="${f.size}"/>` : ""}</font>`)
      : 0;
    const fillId = style.fill ? this.fills.add(`<fill><patternFill patternType="solid"><fgColor rgb="FF${style.fill}"/></patternFill></fill>`) : 0;
    const borderId = style.bottomBorder ? this.borders.add('<border><left/><right/><top/><bottom style="thin"/><diagonal/></border>') : 0;
    const a = style.alignment;
    let xml = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
    if (numFmtId) xml += ' applyNumberFormat="1"';
    if (fontId) xml += ' applyFont="1"';
    if (fillId) xml += ' applyFill="1"';
    if (borderId) xml += ' applyBorder="1"';
    if (a) xml += ` applyAlignment="1"><alignment${a.vertical ? ` vertical="${a.vertical}"` : ""}${a.wrapText ? ' wrapText="1"' : ""}/></xf>`;
    else xml += "/>";
    return this.xfs.add(xml);
  }

  /** A new differential format (conditional formats' fills), as exceljs adds one per rule. */
  dxfFill(rgb: string): number {
    this.dxfs.push(`<dxf><fill><patternFill patternType="solid"><bgColor rgb="FF${rgb}"/></patternFill></fill></dxf>`);
    return this.dxfs.length - 1;
  }

  xml(): string {
    const list = (tag: string, items: string[], extra = "") => `<${tag} count="${items.length}"${extra}>${items.join("")}</${tag}>`;
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    return (
      XML_DECL +
      `<styleSheet xmlns="${NS_MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">` +
      (numFmts.length > 0 ? list("numFmts", numFmts) : "") +
      list("fonts", this.fonts.items, ' x14ac:knownFonts="1"') +
      list("fills", this.fills.items) +
      list("borders", this.borders.items) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfs.items) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      (this.dxfs.length > 0 ? list("dxfs", this.dxfs) : '<dxfs count="0"/>') +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>' +
      '<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst>' +
      "</styleSheet>"
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Shared strings

/** The shared-string table (xl/sharedStrings.xml): each distinct text once, in the order first written. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private count = 0;

  id(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    return i;
  }

  *xml(): Iterable<string> {
    yield `${XML_DECL}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.index.size}">`;
    let piece = "";
    for (const text of this.index.keys()) {
      piece += /^\s|\n|\s$/.test(text) ? `<si><t xml:space="preserve">${xmlText(text)}</t></si>` : `<si><t>${xmlText(text)}</t></si>`;
      if (piece.length > 1 << 16) {
        yield piece;
        piece = "";
      }
    }
    yield piece + "</sst>";
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

/** Column letters, cached (column 1 = "A"). */
const letters: string[] = [""];
function letter(col: number): string {
  while (letters.length <= col) letters.push(columnLetter(letters.length));
  return letters[col];
}

/** What a worksheet's text is rendered from besides its rows. */
interface SheetExtras {
  /** Column widths (characters), index 0 = column A. */
  widths: number[];
  autoFilter?: string;
  freeze?: { rows: number; columns: number } | null;
  /** `<conditionalFormatting>` elements, rendered after the rows (their dxf ids follow the rows' styles). */
  conditional?: () => string;
  page: PageSetupLayout;
  /** The `<drawing/>` element of a sheet with charts. */
  drawing?: string;
}

/** Rows of a worksheet, rendered on demand in row order: `render` appends the row's XML. */
interface RowSource {
  /** Number of rows (pieces are cut between rows). */
  count: number;
  render: (k: number, out: Cells) => void;
  /** The used range: the cells that hold values. */
  used: UsedRange;
}

/** The used range of a sheet (1-based; 0 while empty), for its `<dimension>`. */
class UsedRange {
  minRow = 0;
  maxRow = 0;
  minCol = 0;
  maxCol = 0;
  /** Add row `r` when it has values: its first and last column with one (0 for none). */
  add(r: number, first: number, last: number): void {
    if (first === 0) return;
    if (this.minRow === 0 || r < this.minRow) this.minRow = r;
    if (r > this.maxRow) this.maxRow = r;
    if (this.minCol === 0 || first < this.minCol) this.minCol = first;
    if (last > this.maxCol) this.maxCol = last;
  }
  /** Add row `r` of values in columns 1..n. */
  addValues(r: number, values: ArrayLike<ReportValue | undefined>, n: number): void {
    let first = 0;
    let last = 0;
    for (let j = 0; j < n; j++) {
      const v = values[j];
      if (v === null || v === undefined) continue;
      if (first === 0) first = j + 1;
      last = j + 1;
    }
    this.add(r, first, last);
  }
  ref(): string {
    return this.minRow === 0 ? "A1:A1" : `${letter(this.minCol)}${this.minRow}:${letter(this.maxCol)}${this.maxRow}`;
  }
}

/** `<c r="` and the column's letters, cached (column 1 = `<c r="A`). */
const cellOpens: string[] = [""];
function cellOpen(col: number): string {
  while (cellOpens.length <= col) cellOpens.push('<c r="' + letter(cellOpens.length));
  return cellOpens[col];
}

/** `"` closing the reference and ` s="…"` of a cell format (none for 0), cached. */
const styleAttrs: string[] = ['"'];
function styleAttr(s: number): string {
  while (styleAttrs.length <= s) styleAttrs.push(`" s="${styleAttrs.length}"`);
  return styleAttrs[s];
}

/** The XML of the rows being rendered. */
class Cells {
  xml = "";
  constructor(private readonly strings: SharedStrings) {}

  /** Append one row: `values` from column 1, `styles` the cell format of each (0 none), `height` in points. */
  row(r: number, values: ArrayLike<ReportValue | undefined>, styles: ArrayLike<number>, n: number, height?: number): void {
    let cells = "";
    const rs = String(r);
    for (let j = 0; j < n; j++) {
      const v = values[j];
      const s = styles[j];
      if ((v === null || v === undefined) && !s) continue;
      // `<c r="` + column letter, then the row and the style attribute: `<c r="D2" s="7"`
      const open = cellOpen(j + 1) + rs + styleAttr(s);
      if (v === null || v === undefined) cells += open + "/>";
      else if (typeof v === "number") cells += Number.isFinite(v) ? open + "><v>" + v + "</v></c>" : open + ' t="e"><v>#N/A</v></c>';
      else if (typeof v === "string") cells += open + ' t="s"><v>' + this.strings.id(v.length > MAX_CELL_TEXT ? v.slice(0, MAX_CELL_TEXT) : v) + "</v></c>";
      else cells += open + (v ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
    }
    if (n === 0 && height === undefined) return;
    const ht = height !== undefined ? ` ht="${height}" customHeight="1"` : "";
    const spans = n > 0 ? ` spans="1:${n}"` : "";
    this.xml += cells === "" ? `<row r="${r}"${ht}${spans} x14ac:dyDescent="0.25"/>` : `<row r="${r}"${ht}${spans} x14ac:dyDescent="0.25">${cells}</row>`;
  }
}

/** The `<cols>` element: runs of equal widths; width 9 (the default) left out, as exceljs does. */
function colsXml(widths: number[]): string {
  let xml = "";
  let run: { min: number; max: number; width: number } | undefined;
  const end = () => {
    if (run) xml += `<col min="${run.min}" max="${run.max}" width="${run.width}" customWidth="1"/>`;
    run = undefined;
  };
  widths.forEach((w, j) => {
    if (w === 9) end();
    else if (run && run.width === w) run.max = j + 1;
    else {
      end();
      run = { min: j + 1, max: j + 1, width: w };
    }
  });
  end();
  return xml === "" ? "" : `<cols>${xml}</cols>`;
}

function sheetViewsXml(freeze: SheetExtras["freeze"]): string {
  if (!freeze) return "";
  const { rows: y, columns: x } = freeze;
  const pane = x && y ? "bottomRight" : x ? "topRight" : "bottomLeft";
  return (
    '<sheetViews><sheetView workbookViewId="0">' +
    `<pane${x ? ` xSplit="${x}"` : ""}${y ? ` ySplit="${y}"` : ""} topLeftCell="${letter(x + 1)}${y + 1}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="A1" sqref="A1"/></sheetView></sheetViews>`
  );
}

/** The page setup elements: margins, A4 one page wide, the header (the title) and page numbers. */
function pageXml(p: PageSetupLayout): string {
  return (
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${p.orientation}" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="${p.fitToWidth}" fitToHeight="${p.fitToHeight}"/>` +
    `<headerFooter><oddHeader>${xmlText(`&C&B${headerText(p.header)}`)}</oddHeader><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>`
  );
}

/** The text of one worksheet, in pieces of ROWS_PER_PIECE rows. */
function* worksheetXml(rows: RowSource, extras: SheetExtras, strings: SharedStrings): Iterable<string> {
  yield (
    XML_DECL +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="${rows.used.ref()}"/>` +
    sheetViewsXml(extras.freeze) +
    '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>' +
    colsXml(extras.widths) +
    (rows.count === 0 ? "<sheetData/>" : "<sheetData>")
  );
  const cells = new Cells(strings);
  for (let k = 0; k < rows.count; k++) {
    rows.render(k, cells);
    if ((k + 1) % ROWS_PER_PIECE === 0) {
      yield cells.xml;
      cells.xml = "";
    }
  }
  yield (
    cells.xml +
    (rows.count === 0 ? "" : "</sheetData>") +
    (extras.autoFilter ? `<autoFilter ref="${extras.autoFilter}"/>` : "") +
    (extras.conditional ? extras.conditional() : "") +
    pageXml(extras.page) +
    (extras.drawing ?? "") +
    "</worksheet>"
  );
}

/** A report sheet's layout with its column widths and page setup (each found once: they take a pass over the values). */
interface LaidOut {
  layout: SheetLayout;
  widths: number[];
  page: PageSetupLayout;
}

/** The rows of a report sheet, from its layout, and everything else of its worksheet. */
function reportSheet(sheet: LaidOut, styles: Styles, priority: { next: number }): { rows: RowSource; extras: SheetExtras } {
  const { layout, widths } = sheet;
  // one renderer per sheet row that has content, in row order (tables are stacked, notes after them)
  const renderers: Array<(out: Cells) => void> = [];
  const used = new UsedRange();
  const plain = (r: number, value: string, font: FontStyle) => {
    used.add(r, 1, 1);
    renderers.push((out) => out.row(r, [value], [styles.xf({ font })], 1));
  };
  for (const p of layout.tables) {
    const t = p.table;
    const n = t.columns.length;
    if (p.titleRow !== undefined) plain(p.titleRow, t.title!, STYLE.tableTitle);
    const labels = t.columns.map((c) => c.label);
    used.add(p.headerRow, n > 0 ? 1 : 0, n);
    // the data rows' values lie in the header's columns: only the last row with one counts
    for (let i = t.rows.length - 1; i >= 0; i--)
      if (t.columns.some((c) => t.rows[i][c.key] !== null && t.rows[i][c.key] !== undefined)) {
        used.add(p.firstRow + i, 1, 1);
        break;
      }
    let headerXf: number[] | undefined;
    renderers.push((out) => {
      headerXf ??= labels.map(() => styles.xf({ font: STYLE.header, fill: STYLE.headerFill, bottomBorder: true, alignment: { vertical: "center" } }));
      out.row(p.headerRow, labels, headerXf, n);
    });
    if (n === 0) continue;
    const groups = new Set(p.groupRows);
    const wrapWidths = t.columns.some((c) => c.wrap) ? widths : undefined;
    const keys = t.columns.map((c) => c.key);
    // the cell formats of a column: resolved once, in the order the cells first use them
    const styleOf = (group: boolean) =>
      t.columns.map((col) => {
        const st: CellStyle = {};
        const fmt = excelNumFmt(col.format);
        if (fmt !== undefined) st.numFmt = fmt;
        if (group) {
          st.font = STYLE.groupRow;
          st.fill = STYLE.groupFill;
        }
        if (col.wrap) st.alignment = { wrapText: true };
        return st;
      });
    const plainStyles = styleOf(false);
    const groupStyles = styleOf(true);
    const xfs: Array<number | undefined> = new Array(n);
    const groupXfs: Array<number | undefined> = new Array(n);
    const rowXf = new Array<number>(n);
    const values = new Array<ReportValue | undefined>(n);
    t.rows.forEach((row, i) => {
      renderers.push((out) => {
        const group = groups.has(i);
        const cache = group ? groupXfs : xfs;
        const st = group ? groupStyles : plainStyles;
        for (let j = 0; j < n; j++) {
          values[j] = row[keys[j]];
          rowXf[j] = cache[j] ??= styles.xf(st[j]);
        }
        out.row(p.firstRow + i, values, rowXf, n, wrapWidths ? 15 * wrappedLines(t, row, wrapWidths) : undefined);
      });
    });
  }
  layout.noteLines.forEach((note, k) => plain(layout.notesRow + k, note, STYLE.sheetNote));

  const conditional = () => {
    let xml = "";
    for (const p of layout.tables) {
      for (const scale of p.colorScales) {
        const L = letter(scale.column);
        const ref = scale.runs.map((run) => (run.firstRow === run.lastRow ? `${L}${run.firstRow}` : `${L}${run.firstRow}:${L}${run.lastRow}`)).join(" ");
        xml +=
          `<conditionalFormatting sqref="${ref}"><cfRule type="colorScale" priority="${priority.next++}"><colorScale>` +
          `<cfvo type="min"/><cfvo type="percentile" val="${STYLE.colorScaleMidpoint}"/><cfvo type="max"/>` +
          STYLE.colorScale.map((rgb) => `<color rgb="FF${rgb}"/>`).join("") +
          "</colorScale></cfRule></conditionalFormatting>";
      }
      for (const block of p.categoryFills) {
        const a = letter(block.firstColumn);
        const z = letter(block.lastColumn);
        const ref = block.runs
          .map((run) => (a === z && run.firstRow === run.lastRow ? `${a}${run.firstRow}` : `${a}${run.firstRow}:${z}${run.lastRow}`))
          .join(" ");
        for (const f of block.fills)
          xml +=
            `<conditionalFormatting sqref="${ref}"><cfRule type="cellIs" dxfId="${styles.dxfFill(f.color)}" priority="${priority.next++}" operator="equal">` +
            `<formula>${xmlText(textFormula(f.text))}</formula></cfRule></conditionalFormatting>`;
      }
    }
    return xml;
  };

  const first = layout.tables[0];
  const extras: SheetExtras = { widths, freeze: layout.freeze, conditional, page: sheet.page };
  if (first && first.table.columns.length > 0)
    extras.autoFilter = `A${first.headerRow}:${letter(first.table.columns.length)}${Math.max(first.headerRow, first.lastRow)}`;
  return { rows: { count: renderers.length, render: (k, out) => renderers[k](out), used }, extras };
}

/** The notes sheet: title, meta, notes, warnings, chart specs. */
function notesSheet(rows: NotesRow[], page: PageSetupLayout, styles: Styles): { rows: RowSource; extras: SheetExtras } {
  const used = new UsedRange();
  rows.forEach((row, i) => used.addValues(i + 1, row.values, row.values.length));
  return {
    rows: {
      count: rows.length,
      used,
      render: (i, out) => {
        const row = rows[i];
        const font = notesRowFont(row);
        const xf = font ? styles.xf({ font }) : 0;
        out.row(i + 1, row.values, new Array<number>(row.values.length).fill(xf), row.values.length);
      },
    },
    extras: { widths: [40, 18, 18, 18, 18, 18, 18, 18, 18], page },
  };
}

// ---------------------------------------------------------------------------------------------
// The package

/** A date as the W3CDTF of docProps/core.xml (no milliseconds). */
function w3cdtf(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function contentTypesXml(nSheets: number, chartOverrides: Array<[string, string]>): string {
  let x = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`;
  x +=
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>';
  x += '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>';
  for (let i = 1; i <= nSheets; i++) x += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT_SHEET}"/>`;
  x += '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>';
  x += '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>';
  x += '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>';
  x += '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>';
  x += '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>';
  x += '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>';
  for (const [part, type] of chartOverrides) x += `<Override PartName="/${xmlText(part)}" ContentType="${type}"/>`;
  return x + "</Types>";
}

const ROOT_RELS =
  `${XML_DECL}<Relationships xmlns="${NS_RELS}">` +
  `<Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${NS_R}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

function appXml(names: string[]): string {
  return (
    `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${xmlText(n)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>` +
    "<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>"
  );
}

function coreXml(creator: string, title: string, created: Date): string {
  const d = w3cdtf(created);
  return (
    `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${xmlText(creator)}</dc:creator><dc:title>${xmlText(title)}</dc:title><dc:subject></dc:subject><dc:description></dc:description>` +
    "<cp:keywords></cp:keywords><cp:category></cp:category><cp:lastModifiedBy>Unknown</cp:lastModifiedBy>" +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${d}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${d}</dcterms:modified></cp:coreProperties>`
  );
}

/** xl/workbook.xml: the sheets in order and the print titles (rows repeated on every page). */
function workbookXml(names: string[], printTitles: Array<PageSetupLayout["printTitleRows"]>): string {
  const sheets = names.map((n, i) => `<sheet sheetId="${i + 1}" name="${xmlText(n)}" state="visible" r:id="rId${i + 4}"/>`).join("");
  const defined = printTitles
    .map((t, i) =>
      t
        ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${quoteSheetName(names[i], { always: true })}!$${t.first}:$${t.last}`)}</definedName>`
        : "",
    )
    .join("");
  return (
    XML_DECL +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
    '<fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>' +
    `<sheets>${sheets}</sheets>${defined ? `<definedNames>${defined}</definedNames>` : ""}<calcPr calcId="171027"/></workbook>`
  );
}

function workbookRelsXml(nSheets: number): string {
  let x = `${XML_DECL}<Relationships xmlns="${NS_RELS}">`;
  x += `<Relationship Id="rId1" Type="${NS_R}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${NS_R}/theme" Target="theme/theme1.xml"/>`;
  x += `<Relationship Id="rId3" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/>`;
  for (let i = 1; i <= nSheets; i++) x += `<Relationship Id="rId${i + 3}" Type="${NS_R}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  return x + "</Relationships>";
}

/** A part's text that is one string. */
const fixed = (s: string) => () => [s];

/**
 * Write a report as an .xlsx workbook: one worksheet per report sheet, in order, then the
 * notes sheet. Returns the file's bytes.
 */
export async function writeReportXlsx(report: Report, options: WriteOptions = {}): Promise<Uint8Array> {
  const creator = typeof report.meta.tool === "string" ? report.meta.tool : "CoordLab";
  const c = typeof report.meta.created === "string" ? new Date(report.meta.created) : new Date();
  const created = Number.isNaN(c.getTime()) ? new Date() : c;

  const names = reportSheetNames(report, { notesSheet: options.notesSheet });
  const layouts = report.sheets.map(layoutSheet);
  const styles = new Styles();
  const strings = new SharedStrings();
  const priority = { next: 1 }; // of the conditional formats, over the whole workbook
  const sheets: LaidOut[] = layouts.map((layout) => {
    const widths = fittedColumnWidths(layout.sheet);
    return { layout, widths, page: pageSetupOf(layout, widths) };
  });
  const sheetNames = [...names.sheets];
  const printTitles: Array<PageSetupLayout["printTitleRows"]> = sheets.map((s) => s.page.printTitleRows);
  if (names.notes !== undefined) {
    sheetNames.push(names.notes);
    printTitles.push(null);
  }
  const empty = sheetNames.length === 0;
  if (empty) {
    sheetNames.push("Report");
    printTitles.push(null);
  }

  // charts with missing data are skipped here; reportProblems lists them in the notes sheet
  const placements: ChartPlacement[] = planCharts(
    report,
    layouts.map((l) => l.tables),
    { onMissing: "skip" },
  );
  const charts = chartParts(placements, sheetNames);

  const worksheetParts: ZipPart[] = sheets.map((s, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    text: () => {
      const { rows, extras } = reportSheet(s, styles, priority);
      extras.drawing = charts.drawingElements.get(i);
      return worksheetXml(rows, extras, strings);
    },
  }));
  if (names.notes !== undefined) {
    const k = sheets.length;
    worksheetParts.push({
      name: `xl/worksheets/sheet${k + 1}.xml`,
      text: () => {
        const { rows, extras } = notesSheet(notesSheetRows(report, reportProblems(report), { charts: names.byReportName }), notesPageSetup(report), styles);
        extras.drawing = charts.drawingElements.get(k);
        return worksheetXml(rows, extras, strings);
      },
    });
  }
  if (empty)
    worksheetParts.push({
      name: "xl/worksheets/sheet1.xml",
      text: () => worksheetXml({ count: 0, render: () => undefined, used: new UsedRange() }, { widths: [], page: notesPageSetup(report) }, strings),
    });

  const parts: ZipPart[] = [
    { name: "[Content_Types].xml", text: fixed(contentTypesXml(sheetNames.length, charts.overrides)) },
    { name: "_rels/.rels", text: fixed(ROOT_RELS) },
    { name: "docProps/app.xml", text: fixed(appXml(sheetNames)) },
    { name: "docProps/core.xml", text: fixed(coreXml(creator, report.title, created)) },
    { name: "xl/workbook.xml", text: fixed(workbookXml(sheetNames, printTitles)) },
    { name: "xl/_rels/workbook.xml.rels", text: fixed(workbookRelsXml(sheetNames.length)) },
    ...worksheetParts,
    ...charts.parts.map(([name, xml]) => ({ name, text: fixed(xml) })),
    // rendered after the worksheets, which fill them
    { name: "xl/sharedStrings.xml", text: () => strings.xml() },
    { name: "xl/styles.xml", text: () => [styles.xml()] },
    { name: "xl/theme/theme1.xml", text: fixed(THEME_XML) },
  ];
  return packParts(parts, created);
}

/**
 * The report as JSON text: the same plain data, non-finite numbers as null. Charts and
 * everything else are kept as they are.
 */
export function reportToJson(report: Report, space: number = 2): string {
  return JSON.stringify(report, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), space);
}
