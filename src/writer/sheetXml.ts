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
 */
import JSZip from "jszip";
import { Cell } from "../report/csv";
import { plainNumber } from "../report/columns";

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
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else break;
  }
  if (i === 0 || i === ref.length) return undefined;
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + (c - 48);
  }
  return row > 0 ? [row - 1, col - 1] : undefined;
}

/** exceljs's date of a serial number (utils.excelToDate), as ISO text. */
function serialDate(v: number, date1904: boolean): Cell {
  const d = new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

/** Thrown inside the scanner for anything it leaves to exceljs. */
class Unusual extends Error {}

/**
 * Read a worksheet (`sheet`, or the first) from the bytes of an .xlsx workbook; undefined when the
 * workbook is unusual (see the module comment) or has no sheet of that name — the caller then
 * reads it with exceljs (which also names the problem).
 */
export async function readSheetXml(bytes: Uint8Array, sheet?: string, inflateRaw?: (data: Uint8Array) => Uint8Array): Promise<SheetXmlResult | undefined> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const part = async (name: string): Promise<string | undefined> => {
      const f = zip.file(name);
      if (!f) return undefined;
      // a deflated part through the platform's inflate when given (Node's zlib: ~10x JSZip's pako on a 100 MB sheet)
      const d = (f as unknown as { _data?: { compression?: { magic?: string }; compressedContent?: unknown; uncompressedSize?: number } })._data;
      if (inflateRaw && d && d.compression?.magic === "\x08\x00" && d.compressedContent instanceof Uint8Array) {
        const out = inflateRaw(d.compressedContent);
        if (out.length === d.uncompressedSize) return new TextDecoder().decode(out);
      }
      return f.async("string");
    };
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
      if (name === undefined || target === undefined || !/^xl\/worksheets\/[^/]+\.xml$/.test(target) || !zip.file(target)) return undefined;
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
    const xml = await part(chosen.target);
    if (xml === undefined) return undefined;
    const { rows, noValue } = scanCells(xml, shared, isDate, date1904);
    return { sheetName: chosen.name, sheetNames: sheets.map((s) => s.name), rows, formulasWithoutValue: noValue };
  } catch {
    return undefined;
  }
}

/** The cells of a worksheet's XML (see the module comment); throws Unusual for what it leaves to exceljs. */
function scanCells(
  xml: string,
  shared: Cell[],
  isDate: boolean[],
  date1904: boolean,
): { rows: Cell[][]; noValue: Array<{ row: number; column: number; formula: string }> } {
  const rows: Cell[][] = [];
  const noValue: Array<{ row: number; column: number; formula: string }> = [];
  const masters = new Map<string, string>(); // shared formula si -> master address
  const start = xml.indexOf("<sheetData");
  if (start < 0) return { rows, noValue };
  const end = xml.indexOf("</sheetData>", start);
  const stop = end < 0 ? xml.length : end;
  let pos = start;
  for (;;) {
    pos = xml.indexOf("<c", pos);
    if (pos < 0 || pos >= stop) break;
    const next = xml.charCodeAt(pos + 2);
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
      pos += 2;
      continue;
    }
    const tagEnd = xml.indexOf(">", pos);
    if (tagEnd < 0) throw new Unusual();
    const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
    const tagTo = selfClosing ? tagEnd - 1 : tagEnd;
    // the cell's r, t and s from the start tag, without copying it (a slice and a regular expression per cell were most of the time)
    let ref: string | undefined;
    let type: string | undefined;
    let styleText: string | undefined;
    if (cellTag(xml, pos + 2, tagTo)) [ref, type, styleText] = [tagR, tagT, tagS];
    else {
      const tag = xml.slice(pos + 2, tagTo); // other quoting or blanks: the general reader
      ref = attr(tag, "r");
      type = attr(tag, "t");
      styleText = attr(tag, "s");
    }
    const at = ref !== undefined ? address(ref) : undefined;
    if (!at) throw new Unusual();
    let inner = "";
    if (selfClosing) pos = tagEnd + 1;
    else if (type === undefined && xml.startsWith("<v>", tagEnd + 1)) {
      // the common number cell, <c r="B2" s="1"><v>12.5</v></c>: read in place
      const vEnd = xml.indexOf("</v>", tagEnd + 4);
      if (vEnd >= 0 && xml.startsWith("</c>", vEnd + 4)) {
        pos = vEnd + 8;
        const style = styleText === undefined ? 0 : Number(styleText);
        const x = plainNumber(xml, ".", tagEnd + 4, vEnd) ?? parseFloat(xml.slice(tagEnd + 4, vEnd));
        put(rows, at, numberCell(x, style > 0 && isDate[style] === true, date1904));
        continue;
      }
      const close = xml.indexOf("</c>", tagEnd);
      if (close < 0) throw new Unusual();
      inner = xml.slice(tagEnd + 1, close);
      pos = close + 4;
    } else {
      const close = xml.indexOf("</c>", tagEnd);
      if (close < 0) throw new Unusual();
      inner = xml.slice(tagEnd + 1, close);
      pos = close + 4;
    }
    if (inner === "") continue; // no value (a style only): empty
    type ??= "n";
    const style = styleText === undefined ? 0 : Number(styleText);
    const v = element(inner, "v");
    const f = inner.indexOf("<f") >= 0 ? formulaOf(inner) : undefined;
    let value: Cell;
    let formula: string | undefined;
    if (f) {
      // a formula: its cached result (exceljs: parsed by t; a date format applies to a number)
      if (f.shared && f.ref !== undefined && f.si !== undefined) masters.set(f.si, ref!);
      formula = f.text !== "" || !f.shared ? f.text : (masters.get(f.si ?? "") ?? "");
      if (!v) value = null;
      else if (type === "str") value = plainText(xmlText(v));
      else if (type === "b") value = parseInt(v, 10) !== 0;
      else if (type === "e") value = xmlText(v);
      else value = numberCell(parseFloat(v), style > 0 && isDate[style] === true, date1904);
    } else if (type === "inlineStr") {
      const is = /<is>([\s\S]*?)<\/is>/.exec(inner);
      value = is ? plainText(itemText(is[1])) : null;
    } else if (v === undefined) value = null;
    else if (type === "s") {
      const k = parseInt(v, 10);
      if (!(k >= 0 && k < shared.length)) throw new Unusual();
      value = shared[k];
    } else if (type === "str") value = plainText(xmlText(v));
    else if (type === "b") value = parseInt(v, 10) !== 0;
    else if (type === "e") value = xmlText(v);
    else if (type === "n") value = numberCell(parseFloat(v), style > 0 && isDate[style] === true, date1904);
    else throw new Unusual(); // t="d" (ISO dates) and anything else: exceljs
    put(rows, at, value);
    if (formula !== undefined && value === null) noValue.push({ row: at[0], column: at[1], formula });
  }
  applyMerges(xml, rows, noValue);
  return { rows, noValue };
}

function numberCell(x: number, date: boolean, date1904: boolean): Cell {
  if (!Number.isFinite(x)) return null;
  return date ? serialDate(x, date1904) : x;
}

/** The value at (row, column) of the rows. */
function put(rows: Cell[][], at: [number, number], value: Cell): void {
  const [r, c] = at;
  while (rows.length <= r) rows.push([]);
  const row = rows[r];
  while (row.length < c) row.push(null);
  row[c] = value;
}

let tagR: string | undefined;
let tagT: string | undefined;
let tagS: string | undefined;

/**
 * A cell's start tag xml[from, to) in one pass: its r, t and s (in tagR, tagT, tagS) when every
 * attribute is written ` name="value"`; false when the tag has other quoting or blanks (then
 * the general reader).
 */
function cellTag(xml: string, from: number, to: number): boolean {
  tagR = tagT = tagS = undefined;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c === 39 || c === 9 || c === 10 || c === 13) return false;
    if (c === 32 && xml.charCodeAt(i + 2) === 61 && xml.charCodeAt(i + 3) === 34) {
      const name = xml.charCodeAt(i + 1);
      const end = xml.indexOf('"', i + 4);
      if (end < 0 || end >= to) return false;
      if (name === 114 || name === 116 || name === 115) {
        let v = xml.slice(i + 4, end);
        if (v.indexOf("&") >= 0) v = xmlText(v);
        if (name === 114) tagR = v;
        else if (name === 116) tagT = v;
        else tagS = v;
      }
      i = end;
    }
  }
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
