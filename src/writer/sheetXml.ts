/**
 * One worksheet of an .xlsx workbook read from its XML (issue 17): the sheet part, the shared
 * strings and the styles' number formats, found through workbook.xml and its relationships,
 * without building exceljs's workbook model (on the 90,000-row county panel, 3.3 million cells,
 * exceljs took 26–32 s of CPU and 1.5 GB; this reads the same cells in 3.3 s and under 0.6 GB:
 * bench/NOTES.md, issue 17).
 *
 * The cells are exactly what `readXlsxCells` gives through exceljs (its module comment; the
 * tests in tests/writer/readXlsx*.test.ts compare both): numbers (parseFloat of `<v>`), booleans,
 * shared, inline and rich text (trimmed, blank -> null; `_xHHHH_` escapes decoded; phonetic runs
 * left out), errors as their text, formulas as their cached result (a formula without one is
 * listed, a shared formula's follower by its master's address, as exceljs names it), numbers in a
 * date format (built-in 14–22, 45–47, or a custom code with y/m/d/h/s/b outside quotes and
 * brackets) as ISO dates (1900 or 1904 date system), the followers of a merged range null.
 *
 * Anything unusual returns undefined and the caller reads the workbook with exceljs: a chart
 * sheet or a part that is not where the relationships say, a cell without its `r` address, a
 * cell type other than n/s/str/inlineStr/b/e, XML this scanner does not expect.
 *
 * `readSheetColumns` puts the same cells straight into columns (`ColumnCells`, as the command
 * line reads a CSV; issue 17): a number into its column's Float64Array, no row array and no
 * boxed number per cell. Cells out of row order and merged ranges go through the rows.
 * With `inflateRaw` (Node's zlib) the zip's parts are found through its own directory
 * (`unzip.ts`), without JSZip; with `inflateRawStream` too, the sheet is inflated as it is
 * scanned. The XML is decoded and scanned about 16 MB at a time, cut at row ends. Hand-written hot path (bench/NOTES.md, issue 17): the common
 * number and shared-string cells are read from the character codes in one pass over each tag.
 */
import type JSZipType from "jszip";
import { Cell, tidy } from "../report/csv";
import { ColumnBuilder, ColumnCells, plainNumber } from "../report/columns";
import { entryBytes, entryData, InflateRaw, InflateRawStream, zipEntries } from "./unzip";

export interface SheetXmlResult {
  sheetName: string;
  sheetNames: string[];
  /** Rows as read (not tidied): row 0 = sheet row 1. */
  rows: Cell[][];
  formulasWithoutValue: Array<{ row: number; column: number; formula: string }>;
}

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML character and entity references decoded. */
function xmlText(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e],
  );
}

/** The text of an OOXML string (`<t>`): references decoded, then `_x000D_` escapes (as exceljs). */
function ooxmlText(s: string): string {
  const t = xmlText(s);
  return t.indexOf("_x") < 0 ? t : t.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTRIBUTES = new Map<string, RegExp>();

/** An attribute's value in a start tag's text, undefined when absent. */
function attr(tag: string, name: string): string | undefined {
  // the common form first (name="value" after a blank), without a regular expression
  const i = tag.indexOf(` ${name}="`);
  if (i >= 0) {
    const from = i + name.length + 3;
    const to = tag.indexOf('"', from);
    if (to >= 0) return xmlText(tag.slice(from, to));
  }
  if (tag.indexOf(name) < 0) return undefined;
  let re = ATTRIBUTES.get(name);
  if (!re) ATTRIBUTES.set(name, (re = new RegExp(`(?:^|\\s)${name.replace(":", "\\:")}\\s*=\\s*("([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? xmlText(m[2] ?? m[3]) : undefined;
}

/** The text of a string item (`<si>` or `<is>`): its `<t>`, or its rich-text runs joined; phonetic runs left out. */
function itemText(xml: string): string {
  const body = xml.indexOf("<rPh") >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : xml;
  let out = "";
  const re = /<t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/t>)/g;
  if (body.indexOf("<r>") < 0 && body.indexOf("<r ") < 0) {
    // plain: the last <t> (exceljs keeps the last)
    for (let m = re.exec(body); m; m = re.exec(body)) out = ooxmlText(m[1] ?? "");
    return out;
  }
  const runs = /<r(?:\s[^>]*)?>([\s\S]*?)<\/r>/g;
  for (let m = runs.exec(body); m; m = runs.exec(body)) {
    re.lastIndex = 0;
    const t = re.exec(m[1]);
    if (t) out += ooxmlText(t[1] ?? "");
  }
  return out;
}

function plainText(s: string): Cell {
  const t = s.trim();
  return t === "" ? null : t;
}

/** Excel's built-in number formats that are dates (those exceljs's table gives a date code). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a number format code shows a date or time (exceljs's rule: y m d h s b outside quotes and brackets). */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** Per cell style (index of `cellXfs`): whether its number format is a date. */
function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1], "numFmtId"));
    const code = attr(m[1], "formatCode");
    if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const m of xfs[1].matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1], "numFmtId") ?? 0);
    const code = custom.get(id);
    out.push(id ? (code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id)) : false);
  }
  return out;
}

/** "B12" -> [11, 1] (0-based row, column); undefined when not a cell address. */
function address(ref: string): [number, number] | undefined {
  return addressAt(ref, 0, ref.length) ? [atRow, atCol] : undefined;
}

/** exceljs's date of a serial number (utils.excelToDate), as ISO text. */
function serialDate(v: number, date1904: boolean): Cell {
  const d = new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

/** Bytes of the sheet's XML decoded at a time (16 MB): the whole text of a million-row sheet (~250 M characters) is never held. */
const PIECE = 1 << 24;

/** Thrown inside the scanner for anything it leaves to exceljs. */
class Unusual extends Error {}

/** Thrown by the column sink for what only rows can hold (cells out of order, merged ranges): the row scanner reads it. */
class NeedsRows extends Error {}

/** The parts of a workbook the scanner reads: the sheet's XML and what its cells refer to. */
interface SheetParts {
  sheetName: string;
  sheetNames: string[];
  /** The sheet's XML in pieces (each call starts again): the whole text at most about 16 M characters at a time. */
  xml: () => Iterable<string> | AsyncIterable<string>;
  shared: Cell[];
  isDate: boolean[];
  date1904: boolean;
}

/** Where the scanner puts the cells: rows (`Cell[][]`) or columns (`ColumnBuilder`). */
interface CellSink {
  /** Called once, with the XML before `<sheetData` (its `<dimension>`), before any cell. */
  start(head: string): void;
  /** A finite number that is not a date. */
  number(r: number, c: number, x: number): void;
  /** Any other non-empty value. `shared`: a text of the shared-string table. */
  value(r: number, c: number, v: Cell, shared: boolean): void;
  /** Called once, after the last cell: `mergeCells` are in the XML. */
  end(merged: boolean): void;
}

/**
 * Read a worksheet (`sheet`, or the first) from the bytes of an .xlsx workbook; undefined when the
 * workbook is unusual (see the module comment) or has no sheet of that name — the caller then
 * reads it with exceljs (which also names the problem).
 */
export async function readSheetXml(bytes: Uint8Array, sheet?: string, zip: ZipReading = {}): Promise<SheetXmlResult | undefined> {
  const parts = await sheetParts(bytes, sheet, zip);
  if (!parts) return undefined;
  const rows = await scanRows(parts);
  return rows && { sheetName: parts.sheetName, sheetNames: parts.sheetNames, rows: rows.rows, formulasWithoutValue: rows.noValue };
}

export interface SheetColumnsResult {
  sheetName: string;
  sheetNames: string[];
  /** The tidy cells (as `tidy(rows)` of readSheetXml) by column. */
  cells: ColumnCells;
  formulasWithoutValue: Array<{ row: number; column: number; formula: string }>;
}

/**
 * `readSheetXml` into columns (issue 17: no row arrays, no cell per number): the cells of
 * `tidy(readSheetXml(...).rows)` as `ColumnCells`, built as the XML is scanned. Cells out of row
 * order and merged ranges are read into rows first (then by column); undefined as readSheetXml.
 */
export async function readSheetColumns(bytes: Uint8Array, sheet?: string, zip: ZipReading = {}): Promise<SheetColumnsResult | undefined> {
  const parts = await sheetParts(bytes, sheet, zip);
  if (!parts) return undefined;
  const head = { sheetName: parts.sheetName, sheetNames: parts.sheetNames };
  try {
    const sink = new ColumnSink();
    const { noValue } = await scanCells(parts, sink);
    return { ...head, cells: sink.finish(), formulasWithoutValue: noValue };
  } catch (e) {
    if (!(e instanceof NeedsRows)) return undefined;
  }
  const rows = await scanRows(parts);
  return rows && { ...head, cells: ColumnCells.fromRows(tidy(rows.rows)), formulasWithoutValue: rows.noValue };
}

/** The rows of the sheet, undefined when unusual. */
async function scanRows(parts: SheetParts): Promise<{ rows: Cell[][]; noValue: Array<{ row: number; column: number; formula: string }> } | undefined> {
  try {
    const sink = new RowSink();
    const { noValue, tail } = await scanCells(parts, sink);
    if (sink.merged) applyMerges(tail, sink.rows, noValue);
    return { rows: sink.rows, noValue };
  } catch {
    return undefined;
  }
}

/** The rows of `<dimension ref="A1:AK90001"/>` (a capacity for the columns), 0 when absent. */
function dimensionRows(head: string): number {
  const m = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head.slice(-(1 << 16)));
  return m ? Math.min(Number(m[1] ?? 1), 1 << 21) : 0;
}

/** The sheet's XML, its shared strings and date styles; undefined when unusual or not found. */
async function sheetParts(bytes: Uint8Array, sheet: string | undefined, zip: ZipReading): Promise<SheetParts | undefined> {
  try {
    const part = await zipParts(bytes, zip);
    const wbXml = await part("xl/workbook.xml");
    const relsXml = await part("xl/_rels/workbook.xml.rels");
    if (!wbXml || !relsXml) return undefined;
    const rels = new Map<string, string>();
    for (const m of relsXml.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
      const id = attr(m[1], "Id");
      const target = attr(m[1], "Target");
      if (id !== undefined && target !== undefined) rels.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    }
    const sheets: Array<{ name: string; target: string }> = [];
    for (const m of wbXml.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
      const name = attr(m[1], "name");
      const rid = attr(m[1], "r:id");
      const target = rid !== undefined ? rels.get(rid) : undefined;
      if (name === undefined || target === undefined || !/^xl\/worksheets\/[^/]+\.xml$/.test(target) || !part.has(target)) return undefined;
      sheets.push({ name, target });
    }
    if (sheets.length === 0) return undefined;
    const chosen =
      sheet === undefined ? sheets[0] : (sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.toLowerCase() === sheet.trim().toLowerCase()));
    if (!chosen) return undefined;
    const date1904 = /<workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(wbXml);
    // where exceljs reads them (by name, not through the relationships)
    const sharedXml = await part("xl/sharedStrings.xml");
    const shared: Cell[] = [];
    if (sharedXml) for (const m of sharedXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(plainText(itemText(m[1] ?? "")));
    const isDate = dateStyles(await part("xl/styles.xml"));
    const xml = await part.pieces(chosen.target);
    if (xml === undefined) return undefined;
    return { sheetName: chosen.name, sheetNames: sheets.map((s) => s.name), xml, shared, isDate, date1904 };
  } catch {
    return undefined;
  }
}

/** A part's text by name (undefined when absent), whether the zip holds a part, and a part's text in pieces. */
type PartReader = ((name: string) => Promise<string | undefined>) & {
  has: (name: string) => boolean;
  pieces: (name: string) => Promise<(() => Iterable<string> | AsyncIterable<string>) | undefined>;
};

/** How the zip's parts are inflated (Node: zlib; default JSZip's pako). */
export interface ZipReading {
  /** Raw DEFLATE of a whole part (Node's zlib.inflateRawSync): with it the parts are found through the zip's own directory. */
  inflateRaw?: InflateRaw;
  /** Raw DEFLATE as a stream of pieces (Node's zlib.createInflateRaw, on its thread pool): the sheet is inflated while it is scanned, never held whole. */
  inflateRawStream?: InflateRawStream;
  /** Bytes of the sheet's XML decoded at a time (default 16 MB; tests: small pieces). */
  pieceBytes?: number;
}

/**
 * A sheet's UTF-8 XML as text in pieces of about `size` bytes, each cut after a `</row>` (so no
 * character is cut, and the scanner reads each piece as it is; a piece without a row's end runs
 * on to the next one).
 */
function* utf8Pieces(data: Uint8Array, size: number): Iterable<string> {
  const decoder = new TextDecoder();
  const n = data.length;
  for (let from = 0; from < n;) {
    let to = Math.min(from + size, n);
    if (to < n) {
      const cut = rowEndBefore(data, from, to);
      to = cut > from ? cut : rowEndAfter(data, to);
    }
    yield decoder.decode(data.subarray(from, to));
    from = to;
  }
}

/** `utf8Pieces` of a part inflated as a stream of chunks; Unusual when the part's size is not the recorded one. */
async function* utf8StreamPieces(chunks: AsyncIterable<Uint8Array>, size: number, expected: number): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let total = 0;
  for await (const c of chunks) {
    held.push(c);
    heldBytes += c.length;
    total += c.length;
    if (heldBytes < size) continue;
    const buf = joined(held, heldBytes);
    const cut = rowEndBefore(buf, 0, buf.length);
    if (cut === 0) {
      held = [buf]; // no row's end yet: more
      continue;
    }
    yield decoder.decode(buf.subarray(0, cut));
    held = cut < buf.length ? [buf.subarray(cut)] : [];
    heldBytes = buf.length - cut;
  }
  if (total !== expected) throw new Unusual();
  if (heldBytes > 0) yield decoder.decode(joined(held, heldBytes));
}

/** Chunks as one array (the chunk itself when there is one). */
function joined(chunks: Uint8Array[], bytes: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** `</row>` as bytes. */
const ROW_END = [60, 47, 114, 111, 119, 62];

function isRowEnd(data: Uint8Array, i: number): boolean {
  for (let k = 0; k < 6; k++) if (data[i + k] !== ROW_END[k]) return false;
  return true;
}

/** The end of the last `</row>` ending in data[from, to), from when none. */
function rowEndBefore(data: Uint8Array, from: number, to: number): number {
  for (let i = to - 6; i >= from; i--) if (data[i] === 60 && isRowEnd(data, i)) return i + 6;
  return from;
}

/** The end of the first `</row>` from data[at], the length when none. */
function rowEndAfter(data: Uint8Array, at: number): number {
  for (let i = at; i + 6 <= data.length; i++) if (data[i] === 60 && isRowEnd(data, i)) return i + 6;
  return data.length;
}

/**
 * The parts of a zip: with `inflateRaw` (Node's zlib) read from the zip's own directory
 * (`zipEntries`; JSZip's loadAsync passes over every byte of the file first), else through JSZip.
 */
async function zipParts(bytes: Uint8Array, zip: ZipReading): Promise<PartReader> {
  const { inflateRaw, inflateRawStream, pieceBytes = PIECE } = zip;
  const entries = inflateRaw ? zipEntries(bytes) : undefined;
  if (entries && inflateRaw) {
    const read = async (name: string) => {
      const e = entries.get(name);
      if (!e) return undefined;
      const data = entryBytes(bytes, e, inflateRaw);
      if (!data) throw new Unusual();
      return utf8(data);
    };
    const pieces = async (name: string) => {
      const e = entries.get(name);
      if (!e) return undefined;
      const raw = entryData(bytes, e);
      if (e.method === 8 && raw && inflateRawStream) return () => utf8StreamPieces(inflateRawStream(raw), pieceBytes, e.size);
      const data = entryBytes(bytes, e, inflateRaw);
      if (!data) throw new Unusual();
      return () => utf8Pieces(data, pieceBytes);
    };
    return Object.assign(read, { has: (name: string) => entries.has(name), pieces });
  }
  const JSZip = jszip();
  const archive = await JSZip.loadAsync(bytes);
  const read = async (name: string): Promise<string | undefined> => {
    const f = archive.file(name);
    if (!f) return undefined;
    return f.async("string");
  };
  const pieces = async (name: string) => {
    const text = await read(name);
    return text === undefined ? undefined : () => [text];
  };
  return Object.assign(read, { has: (name: string) => archive.file(name) !== null, pieces });
}

/** UTF-8 bytes as text (a BOM dropped, as JSZip's "string" does). */
function utf8(data: Uint8Array): string {
  const s = new TextDecoder().decode(data);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** JSZip, loaded on first use (the command line reads its inputs without it). */
function jszip(): typeof JSZipType {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy loading, typed by the import type
  return require("jszip") as typeof JSZipType;
}

/** Rows of cells, as read. */
class RowSink implements CellSink {
  rows: Cell[][] = [];
  merged = false;
  start(): void {}
  number(r: number, c: number, x: number): void {
    this.value(r, c, x);
  }
  value(r: number, c: number, v: Cell): void {
    const rows = this.rows;
    while (rows.length <= r) rows.push([]);
    const row = rows[r];
    while (row.length < c) row.push(null);
    row[c] = v;
  }
  end(merged: boolean): void {
    this.merged = merged;
  }
}

/** Cells into columns as they come, row after row; anything else is left to the rows (NeedsRows). */
class ColumnSink implements CellSink {
  private builder = new ColumnBuilder();
  private row = -1;
  private col = -1;
  /** Columns with room for the rows of the sheet's `<dimension>` when it has one. */
  start(head: string): void {
    const rows = dimensionRows(head);
    if (rows > 0) this.builder = new ColumnBuilder(rows);
  }
  finish(): ColumnCells {
    return this.builder.finish();
  }
  private at(r: number, c: number): void {
    if (r !== this.row) {
      if (r < this.row) throw new NeedsRows();
      if (this.row >= 0) this.builder.endRow(this.row);
      this.row = r;
    } else if (c <= this.col) throw new NeedsRows();
    this.col = c;
    this.builder.prepare(r, c + 1);
  }
  number(r: number, c: number, x: number): void {
    this.at(r, c);
    this.builder.setNumber(r, c, x);
  }
  value(r: number, c: number, v: Cell, shared: boolean): void {
    this.at(r, c);
    if (shared && typeof v === "string") this.builder.setSharedText(r, c, v);
    else this.builder.set(r, c, v);
  }
  end(merged: boolean): void {
    if (merged) throw new NeedsRows();
    if (this.row >= 0) this.builder.endRow(this.row);
  }
}

type NoValue = Array<{ row: number; column: number; formula: string }>;

/**
 * The cells of a worksheet's XML into the sink (see the module comment), read a window of whole
 * rows at a time (the pieces up to the last `</row>` in them; the rest carried to the next piece);
 * the formulas without a value, and the XML after `</sheetData>` (the merged ranges). Throws
 * Unusual for what it leaves to exceljs.
 */
async function scanCells(parts: SheetParts, sink: CellSink): Promise<{ noValue: NoValue; tail: string }> {
  const noValue: NoValue = [];
  const masters = new Map<string, string>(); // shared formula si -> master address
  let carry = "";
  let phase = 0; // 0 before <sheetData, 1 in it, 2 after it
  let tail = "";
  const step = (piece: string, last: boolean): void => {
    // (no concatenation, no slice when the pieces end at a row's end: a flat string reads fastest)
    const xml = carry === "" ? piece : carry + piece;
    carry = "";
    let from = 0;
    if (phase === 0) {
      const start = xml.indexOf("<sheetData");
      if (start < 0) {
        if (!last) carry = xml.slice(-16); // "<sheetData" cut between two pieces
        return;
      }
      phase = 1;
      from = start;
      sink.start(xml.slice(0, start));
    }
    if (phase === 1) {
      // </sheetData> follows the last row's end (one search from the end of the piece, not over all of it)
      const row = xml.lastIndexOf("</row>");
      const end = xml.indexOf("</sheetData>", row < from ? from : row);
      let limit: number;
      if (end >= 0 || last) limit = end >= 0 ? end : xml.length;
      else limit = row < from ? from : row + 6;
      scanWindow(xml, from, limit, parts, sink, noValue, masters);
      if (end >= 0) {
        phase = 2;
        tail = xml.slice(end);
      } else if (limit < xml.length) carry = xml.slice(limit);
    } else tail += xml;
  };
  for await (const piece of parts.xml()) step(piece, false);
  step("", true);
  sink.end(tail.indexOf("<mergeCells") >= 0);
  return { noValue, tail };
}

/** The cells of xml[from, stop) (whole cells) into the sink. */
function scanWindow(xml: string, from: number, stop: number, parts: SheetParts, sink: CellSink, noValue: NoValue, masters: Map<string, string>): void {
  const { shared, isDate, date1904 } = parts;
  let pos = from;
  for (;;) {
    // the next cell: most often right after the previous one (no search)
    if (xml.charCodeAt(pos) !== 60 || xml.charCodeAt(pos + 1) !== 99) pos = xml.indexOf("<c", pos);
    if (pos < 0 || pos >= stop) break;
    const next = xml.charCodeAt(pos + 2);
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
      pos += 2;
      continue;
    }
    // the cell's r, t and s from the start tag, without copying it (a slice and a regular expression per cell were most of the time)
    let tagEnd = cellTag(xml, pos + 2);
    let type: string | undefined;
    let style: number;
    let selfClosing: boolean;
    if (tagEnd >= 0) {
      type = tagT;
      style = tagS;
      selfClosing = tagSelfClosing;
    } else {
      tagEnd = xml.indexOf(">", pos);
      if (tagEnd < 0) throw new Unusual();
      selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
      const tag = xml.slice(pos + 2, selfClosing ? tagEnd - 1 : tagEnd); // other quoting or blanks: the general reader
      const ref = attr(tag, "r");
      tagRow = ref !== undefined && addressAt(ref, 0, ref.length) ? atRow : -1;
      tagCol = atCol;
      tagRef = ref;
      type = attr(tag, "t");
      const styleText = attr(tag, "s");
      style = styleText === undefined ? 0 : Number(styleText);
    }
    const r = tagRow;
    const c = tagCol;
    if (r < 0) throw new Unusual();
    const isDateStyle = style > 0 && isDate[style] === true;
    if (selfClosing) {
      pos = tagEnd + 1; // no value: empty
      continue;
    }
    if ((type === undefined || type === "s") && xml.charCodeAt(tagEnd + 1) === 60 && xml.charCodeAt(tagEnd + 2) === 118 && xml.charCodeAt(tagEnd + 3) === 62) {
      // the common cells, <c r="B2" s="1"><v>12.5</v></c> and <c r="A2" t="s"><v>7</v></c>: read in place
      let vEnd = tagEnd + 4;
      while (vEnd < stop && xml.charCodeAt(vEnd) !== 60) vEnd++;
      if (xml.startsWith("</v></c>", vEnd)) {
        pos = vEnd + 8;
        if (type === undefined) {
          const x = plainNumber(xml, ".", tagEnd + 4, vEnd) ?? parseFloat(xml.slice(tagEnd + 4, vEnd));
          if (!isDateStyle && Number.isFinite(x)) sink.number(r, c, x);
          else {
            const d = numberCell(x, isDateStyle, date1904);
            if (d !== null) sink.value(r, c, d, false);
          }
        } else {
          const k = indexAt(xml, tagEnd + 4, vEnd);
          if (!(k >= 0 && k < shared.length)) throw new Unusual();
          const t = shared[k];
          if (t !== null) sink.value(r, c, t, true);
        }
        continue;
      }
    }
    const close = xml.indexOf("</c>", tagEnd);
    if (close < 0) throw new Unusual();
    const inner = xml.slice(tagEnd + 1, close);
    pos = close + 4;
    if (inner === "") continue; // no value (a style only): empty
    type ??= "n";
    const v = element(inner, "v");
    const f = inner.indexOf("<f") >= 0 ? formulaOf(inner) : undefined;
    let value: Cell;
    let formula: string | undefined;
    let isShared = false;
    if (f) {
      // a formula: its cached result (exceljs: parsed by t; a date format applies to a number)
      const ref = tagRef ?? xml.slice(tagRefFrom, tagRefTo);
      if (f.shared && f.ref !== undefined && f.si !== undefined) masters.set(f.si, ref);
      formula = f.text !== "" || !f.shared ? f.text : (masters.get(f.si ?? "") ?? "");
      if (!v) value = null;
      else if (type === "str") value = plainText(xmlText(v));
      else if (type === "b") value = parseInt(v, 10) !== 0;
      else if (type === "e") value = xmlText(v);
      else value = numberCell(parseFloat(v), isDateStyle, date1904);
    } else if (type === "inlineStr") {
      const is = /<is>([\s\S]*?)<\/is>/.exec(inner);
      value = is ? plainText(itemText(is[1])) : null;
    } else if (v === undefined) value = null;
    else if (type === "s") {
      const k = parseInt(v, 10);
      if (!(k >= 0 && k < shared.length)) throw new Unusual();
      value = shared[k];
      isShared = true;
    } else if (type === "str") value = plainText(xmlText(v));
    else if (type === "b") value = parseInt(v, 10) !== 0;
    else if (type === "e") value = xmlText(v);
    else if (type === "n") value = numberCell(parseFloat(v), isDateStyle, date1904);
    else throw new Unusual(); // t="d" (ISO dates) and anything else: exceljs
    if (value !== null) sink.value(r, c, value, isShared);
    if (formula !== undefined && value === null) noValue.push({ row: r, column: c, formula });
  }
}

/** The digits xml[from, to) as a shared-string index (parseInt's value for plain digits), -1 otherwise. */
function indexAt(xml: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return parseInt(xml.slice(from, to), 10);
  let k = 0;
  for (let i = from; i < to; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return parseInt(xml.slice(from, to), 10);
    k = k * 10 + d;
  }
  return k;
}

function numberCell(x: number, date: boolean, date1904: boolean): Cell {
  if (!Number.isFinite(x)) return null;
  return date ? serialDate(x, date1904) : x;
}

// what cellTag read from a cell's start tag (module variables: no object per cell)
let tagRow = -1;
let tagCol = -1;
let tagRef: string | undefined;
let tagRefFrom = 0;
let tagRefTo = 0;
let tagT: string | undefined;
let tagS = 0;
let tagSelfClosing = false;
// what addressAt read
let atRow = -1;
let atCol = -1;

/**
 * A cell's start tag from xml[from] (after "<c") to its ">" in one pass: the index of the ">",
 * with its address (tagRow, tagCol, 0-based; tagRow -1 when r is absent or not an address), t
 * (tagT), s (tagS, 0 when absent) and whether it ends with "/>" (tagSelfClosing), when every
 * attribute is written ` name="value"`; -1 when the tag has other quoting or blanks, or a ">"
 * inside a value (then the general reader).
 */
function cellTag(xml: string, from: number): number {
  tagRow = tagCol = -1;
  tagRef = tagT = undefined;
  tagS = 0;
  const n = xml.length;
  for (let i = from; i < n; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62) {
      tagSelfClosing = xml.charCodeAt(i - 1) === 47;
      return i;
    }
    if (c === 39 || c === 9 || c === 10 || c === 13) return -1;
    if (c === 32 && xml.charCodeAt(i + 2) === 61 && xml.charCodeAt(i + 3) === 34) {
      const name = xml.charCodeAt(i + 1);
      let end = i + 4;
      for (let q = xml.charCodeAt(end); q !== 34; q = xml.charCodeAt(++end)) if (q === 62 || end >= n) return -1;
      if (name === 114) {
        // an address with an entity in it: the general reader decodes it
        if (!addressAt(xml, i + 4, end)) {
          if (xml.lastIndexOf("&", end) > i) return -1;
        } else {
          tagRow = atRow;
          tagCol = atCol;
          tagRefFrom = i + 4;
          tagRefTo = end;
        }
      } else if (name === 116) {
        const v = xml.slice(i + 4, end);
        tagT = v.indexOf("&") >= 0 ? xmlText(v) : v;
      } else if (name === 115) tagS = styleAt(xml, i + 4, end);
      i = end;
    }
  }
  return -1;
}

/** A style index xml[from, to) (Number() of the decoded text, as before). */
function styleAt(xml: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(xmlText(xml.slice(from, to)));
    k = k * 10 + d;
  }
  return to > from ? k : 0;
}

/** "B12" in s[from, to) -> atRow 11, atCol 1 (0-based); false when not a cell address. */
function addressAt(s: string, from: number, to: number): boolean {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else break;
  }
  if (i === from || i === to) return false;
  let row = 0;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    row = row * 10 + (c - 48);
  }
  if (row <= 0) return false;
  atRow = row - 1;
  atCol = col - 1;
  return true;
}

/** The text of the first `<name>…</name>` in a cell (undefined when absent). */
function element(inner: string, name: string): string | undefined {
  const open = inner.indexOf(`<${name}>`);
  if (open < 0) return inner.indexOf(`<${name} `) >= 0 ? (new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(inner)?.[1] ?? "") : undefined;
  const close = inner.indexOf(`</${name}>`, open);
  return close < 0 ? undefined : inner.slice(open + name.length + 2, close);
}

/** A cell's `<f>`: its text (decoded), and for a shared formula its si and (master) ref. */
function formulaOf(inner: string): { text: string; shared: boolean; si?: string; ref?: string } | undefined {
  const m = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
  if (!m) return undefined;
  const shared = attr(m[1], "t") === "shared";
  return { text: xmlText(m[2] ?? ""), shared, si: attr(m[1], "si"), ref: attr(m[1], "ref") };
}

/** The followers of each merged range (all cells but its top-left) are empty, and not formulas without a value. */
function applyMerges(xml: string, rows: Cell[][], noValue: Array<{ row: number; column: number; formula: string }>): void {
  const i = xml.indexOf("<mergeCells");
  if (i < 0) return;
  const followers = new Set<string>();
  for (const m of xml.slice(i).matchAll(/<mergeCell\b([^>]*?)\/?>/g)) {
    const [a, b] = (attr(m[1], "ref") ?? "").split(":");
    const p = a ? address(a) : undefined;
    const q = b ? address(b) : p;
    if (!p || !q) throw new Unusual();
    for (let r = p[0]; r <= q[0]; r++)
      for (let c = p[1]; c <= q[1]; c++) {
        if (r === p[0] && c === p[1]) continue;
        if (rows[r] && c < rows[r].length) rows[r][c] = null;
        followers.add(`${r},${c}`);
      }
  }
  for (let k = noValue.length - 1; k >= 0; k--) if (followers.has(`${noValue[k].row},${noValue[k].column}`)) noValue.splice(k, 1);
}
