/**
 * CSV text -> a 2-D array of cells (row 0 = the file's first record = spreadsheet row 1).
 *
 * - Delimiter: detected (quote-aware) among ",", ";", tab and "|" unless given: the one that
 *   splits the first lines into the most consistent number (> 1) of fields.
 * - A UTF-8 byte-order mark is stripped; `decodeCsvBytes` decodes raw bytes (UTF-8, UTF-16
 *   with a BOM, else GB18030 as Chinese Excel saves "CSV").
 * - Quoted fields (with "" escapes and line breaks inside) are handled by papaparse.
 * - A cell becomes a number when the whole cell (trimmed) is a number: "12", "-0.5", "+3",
 *   "1e-3", ".5", with thousands separators "1,234.5", "12 345" (space, no-break or thin
 *   space). Integers written with a leading zero ("007", "0123") stay text: they are codes,
 *   and the panel builder still reads them as numbers where a number is needed.
 *   "Infinity", "NaN", "12%" stay text.
 * - Decimal comma: `decimal: ","` reads "1,5" and "1.234,5"; the default "auto" picks "," only
 *   when the delimiter is not "," and the file has decimal-comma numbers ("5,5", "0,25") but
 *   no decimal-point ones ("5.5").
 * - Text is trimmed; an empty or blank cell is `null`. Blank lines are kept as rows of nulls
 *   (so row numbers match the spreadsheet's), trailing blank rows and columns are removed,
 *   and short rows are padded with nulls.
 */
import Papa from "papaparse";
import { CoordError } from "../engine/errors";

/** A cell value read from a CSV or a workbook. */
export type Cell = string | number | boolean | null;

export type Decimal = "." | ",";

export interface CsvOptions {
  /** Field delimiter; default detected among , ; tab |. */
  delimiter?: string;
  /** Decimal separator; default "auto" (see the module comment). */
  decimal?: Decimal | "auto";
}

export interface CsvParseResult {
  cells: Cell[][];
  delimiter: string;
  decimal: Decimal;
  /** Recoverable oddities (e.g. a stray quote). */
  warnings: string[];
}

const CANDIDATES = [",", ";", "\t", "|"];

/** Parse CSV text into cells. Throws CoordError EMPTY for an empty file, LENGTH for an unclosed quote. */
export function parseCsv(text: string, options: CsvOptions = {}): Cell[][] {
  return parseCsvDetailed(text, options).cells;
}

/** `parseCsv` that also says which delimiter and decimal separator were used. */
export function parseCsvDetailed(text: string, options: CsvOptions = {}): CsvParseResult {
  let src = String(text ?? "");
  if (src.charCodeAt(0) === 0xfeff) src = src.slice(1);
  if (src.trim() === "") throw new CoordError("EMPTY", "the CSV file is empty", { argument: "csv" });

  const delimiter = options.delimiter ?? detectDelimiter(src);
  const parsed = Papa.parse<string[]>(src, { delimiter, skipEmptyLines: false, header: false, dynamicTyping: false });
  const warnings: string[] = [];
  for (const e of parsed.errors) {
    const row = e.row !== undefined ? e.row + 1 : undefined;
    if (e.code === "MissingQuotes")
      throw new CoordError(
        "LENGTH",
        `CSV row ${row ?? "?"}: a quoted field is never closed (a '"' without its closing '"'), so the rest of the file would be one cell`,
        { argument: "csv", row: e.row },
      );
    if (e.code === "UndetectableDelimiter") continue;
    warnings.push(`CSV row ${row ?? "?"}: ${e.message}`);
  }

  const raw: string[][] = parsed.data.map((r) => (Array.isArray(r) ? r.map((v) => String(v ?? "")) : [String(r ?? "")]));
  checkFieldCounts(raw, delimiter);
  checkControlCharacters(raw);
  const decimal: Decimal = options.decimal === undefined || options.decimal === "auto" ? detectDecimal(raw, delimiter) : options.decimal;

  const rows: Cell[][] = raw.map((r) => r.map((v) => parseCell(v, decimal)));
  return { cells: tidy(rows), delimiter, decimal, warnings };
}

/** Number of fields up to the last non-blank one (trailing empty fields do not count). */
function filledWidth(r: string[]): number {
  let n = r.length;
  while (n > 0 && r[n - 1].trim() === "") n--;
  return n;
}

const DELIMITER_NAME: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar" };

/**
 * A record with more (non-empty) fields than the header row is an error naming the row and both
 * counts: its cells would shift one column to the right (e.g. an unquoted "6,234" in a comma
 * CSV). Fewer fields are fine (the missing ones are empty cells), so are trailing empty fields.
 */
function checkFieldCounts(raw: string[][], delimiter: string): void {
  const h = raw.findIndex((r) => filledWidth(r) > 0);
  if (h < 0) return;
  const width = filledWidth(raw[h]);
  const bad: number[] = [];
  let firstCount = 0;
  for (let i = h + 1; i < raw.length; i++) {
    const n = filledWidth(raw[i]);
    if (n > width) {
      if (bad.length === 0) firstCount = n;
      bad.push(i + 1);
    }
  }
  if (bad.length === 0) return;
  const name = DELIMITER_NAME[delimiter] ?? `'${delimiter}'`;
  const more =
    bad.length > 1 ? ` (and ${bad.length - 1} more row${bad.length > 2 ? "s" : ""}: ${bad.slice(1, 6).join(", ")}${bad.length > 6 ? ", ..." : ""})` : "";
  throw new CoordError(
    "LENGTH",
    `CSV row ${bad[0]} has ${firstCount} fields but the header row (row ${h + 1}) has ${width}${more}: a value holding the ${name} separator must be quoted ("6,234"), or save the file with another separator (e.g. semicolon or tab)`,
    { argument: "csv", row: bad[0] - 1 },
  );
}

/** A control character (NUL, ...) inside a field is an error naming the row and column, never kept silently. */
function checkControlCharacters(raw: string[][]): void {
  // eslint-disable-next-line no-control-regex -- the control characters are what this check looks for
  const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    for (let j = 0; j < r.length; j++) {
      const m = CONTROL.exec(r[j]);
      if (m) {
        const code = m[0].charCodeAt(0);
        const what = code === 0 ? "a NUL byte" : `the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
        throw new CoordError(
          "NOT_NUMERIC",
          `CSV row ${i + 1}, field ${j + 1}: ${JSON.stringify(r[j].slice(0, 40))} holds ${what}, which is invisible in a spreadsheet; remove it (is the file binary or in another encoding?)`,
          { argument: "csv", row: i, column: j },
        );
      }
    }
  }
}

/** Drop trailing empty rows and columns; pad rows to one width. */
export function tidy(rows: Cell[][]): Cell[][] {
  let last = rows.length - 1;
  while (last >= 0 && rows[last].every((c) => c === null)) last--;
  const kept = rows.slice(0, last + 1);
  let width = 0;
  for (const r of kept)
    for (let j = r.length - 1; j >= width; j--)
      if (r[j] !== null) {
        width = j + 1;
        break;
      }
  return kept.map((r) => {
    const out = r.slice(0, width);
    while (out.length < width) out.push(null);
    return out;
  });
}

/** Split one line into fields, counting quotes; used only to detect the delimiter. */
function countFields(line: string, delimiter: string): number {
  let n = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) n++;
  }
  return n;
}

/** Split text into records (line breaks inside quotes kept), up to `max` non-blank records. */
function firstRecords(text: string, max: number): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= text.length && out.length < max; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (i === text.length || (!quoted && (ch === "\n" || ch === "\r"))) {
      const rec = text.slice(start, i);
      if (rec.trim() !== "") out.push(rec);
      if (ch === "\r" && text[i + 1] === "\n") i++;
      start = i + 1;
    }
  }
  return out;
}

/**
 * The delimiter among , ; tab | that splits the first 50 records into the most consistent
 * number of fields (> 1); ties go to the earlier candidate. "," when none splits anything.
 */
export function detectDelimiter(text: string): string {
  const records = firstRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 50);
  let best = ",";
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = records.map((r) => countFields(r, d));
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 1;
    let modeN = 0;
    for (const [c, k] of freq) if (k > modeN || (k === modeN && c > mode)) [mode, modeN] = [c, k];
    if (mode <= 1) continue;
    // consistency first, then the number of fields
    const score = modeN / counts.length + mode * 1e-6;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

const SPACES = "[ \\u00a0\\u202f\\u2009]";
const NUM_DOT = new RegExp(`^[+-]?(?:(?:\\d+|\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?:${SPACES}\\d{3})+)(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$`);
const NUM_COMMA = new RegExp(`^[+-]?(?:(?:\\d+|\\d{1,3}(?:\\.\\d{3})+|\\d{1,3}(?:${SPACES}\\d{3})+)(?:,\\d*)?|,\\d+)(?:[eE][+-]?\\d+)?$`);
const LEADING_ZERO = /^[+-]?0\d/;

/**
 * The number a text holds, or null when the whole text is not a number (see the module
 * comment for the accepted forms). A leading Unicode minus (U+2212) counts as "-".
 */
export function parseNumber(text: string, decimal: Decimal = "."): number | null {
  let s = text.trim().replace(/^\u2212/, "-");
  if (s === "" || LEADING_ZERO.test(s)) return null;
  if (decimal === ".") {
    if (!NUM_DOT.test(s)) return null;
    s = s.replace(/[, \u00a0\u202f\u2009]/g, "");
  } else {
    if (!NUM_COMMA.test(s)) return null;
    s = s.replace(/[. \u00a0\u202f\u2009]/g, "").replace(",", ".");
  }
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** One CSV field -> cell: null when blank, a number when the whole field is one, else trimmed text. */
export function parseCell(text: string, decimal: Decimal = "."): Cell {
  const t = text.trim();
  if (t === "") return null;
  const v = parseNumber(t, decimal);
  return v === null ? t : v;
}

const COMMA_DECIMAL = /^[+-]?(?:\d{1,3}(?:\.\d{3})+,\d+|0,\d+|\d+,\d{1,2}|\d+,\d{4,}|\d{4,},\d+)$/;
const DOT_DECIMAL = /^[+-]?(?:\d{1,3}(?:,\d{3})+\.\d+|0?\.\d+|\d+\.\d{1,2}|\d+\.\d{4,}|\d{4,}\.\d+)$/;

/** How a field writes a decimal number: "," (decimal comma), "." (decimal point) or null (neither, or not a number). */
export function decimalStyle(v: string): Decimal | null {
  const t = v.trim();
  return COMMA_DECIMAL.test(t) ? "," : DOT_DECIMAL.test(t) ? "." : null;
}

/** "," when the delimiter is not "," and numbers are written with a decimal comma only. */
function detectDecimal(rows: string[][], delimiter: string): Decimal {
  if (delimiter === ",") return ".";
  let comma = 0;
  let dot = 0;
  for (const r of rows)
    for (const v of r) {
      const d = decimalStyle(v);
      if (d === ",") comma++;
      else if (d === ".") dot++;
    }
  return comma > 0 && dot === 0 ? "," : ".";
}

/**
 * Decode the bytes of a CSV file: UTF-8 (BOM stripped), UTF-16 LE/BE with a BOM, else GB18030
 * (what Excel in a Chinese locale saves as "CSV") when the bytes are not valid UTF-8.
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: string } {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  sniffNotText(b);
  const utf16 = utf16WithoutBom(b);
  if (utf16) return { text: new TextDecoder(utf16).decode(b), encoding: utf16 };
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(b.subarray(3)), encoding: "utf-8" };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(b.subarray(2)), encoding: "utf-16le" };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(b.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(b), encoding: "utf-8" };
  } catch {
    for (const enc of ["gb18030", "windows-1252"]) {
      try {
        return { text: new TextDecoder(enc).decode(b), encoding: enc };
      } catch {
        /* encoding not supported by this runtime: try the next */
      }
    }
    return { text: new TextDecoder("utf-8").decode(b), encoding: "utf-8" };
  }
}

/** The signature of a known binary format at the start of the bytes, or null. */
function binaryKind(b: Uint8Array): string | null {
  const at = (sig: number[]) => sig.every((x, i) => b[i] === x);
  if (at([0x50, 0x4b, 0x03, 0x04]) || at([0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (at([0xd0, 0xcf, 0x11, 0xe0])) return "xls";
  if (at([0x25, 0x50, 0x44, 0x46])) return "a PDF document";
  if (at([0x1f, 0x8b])) return "a gzip archive";
  if (at([0x89, 0x50, 0x4e, 0x47])) return "a PNG image";
  return null;
}

/**
 * UTF-16 text without a byte-order mark: most of the first 4 KB's even (BE) or odd (LE) bytes
 * are 0 while the others are not (ASCII text in UTF-16). null when it does not look so.
 */
function utf16WithoutBom(b: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > 0.6 * pairs && evenZero < 0.1 * pairs) return "utf-16le";
  if (evenZero > 0.6 * pairs && oddZero < 0.1 * pairs) return "utf-16be";
  return null;
}

/**
 * Throw a CoordError when the bytes are not text: an .xlsx workbook (zip) or an old .xls, a known
 * binary format, or binary data (NUL bytes or many control characters in the first 64 KB, when
 * the file is not UTF-16).
 */
function sniffNotText(b: Uint8Array): void {
  const kind = binaryKind(b);
  if (kind === "zip")
    throw new CoordError("OPTION", "the file is an Excel .xlsx workbook (a zip archive), not CSV text; give it the .xlsx extension (or save it as CSV)", {
      argument: "data",
    });
  if (kind === "xls") throw new CoordError("OPTION", "the file is an old Excel .xls workbook, not CSV text; save it as .xlsx or CSV", { argument: "data" });
  if (kind) throw new CoordError("OPTION", `the file is ${kind}, not CSV text`, { argument: "data" });
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || utf16WithoutBom(b)) return;
  const n = Math.min(b.length, 65536);
  let nul = 0;
  let control = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const x = b[i];
    if (x === 0) nul++;
    if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0x0c) {
      control++;
      if (first < 0) first = i;
    }
  }
  if (nul > 8 || control > Math.max(8, 0.01 * n))
    throw new CoordError(
      "OPTION",
      `the file does not look like CSV text: it holds binary data (${control} control bytes in the first ${n} bytes, the first at byte ${first + 1}); give a CSV (UTF-8, UTF-16 or GB18030) or an .xlsx file`,
      { argument: "data" },
    );
}
