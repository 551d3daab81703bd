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
  const decimal: Decimal = options.decimal === undefined || options.decimal === "auto" ? detectDecimal(raw, delimiter) : options.decimal;

  const rows: Cell[][] = raw.map((r) => r.map((v) => parseCell(v, decimal)));
  return { cells: tidy(rows), delimiter, decimal, warnings };
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
const NUM_DOT = new RegExp(
  `^[+-]?(?:(?:\\d+|\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?:${SPACES}\\d{3})+)(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$`,
);
const NUM_COMMA = new RegExp(
  `^[+-]?(?:(?:\\d+|\\d{1,3}(?:\\.\\d{3})+|\\d{1,3}(?:${SPACES}\\d{3})+)(?:,\\d*)?|,\\d+)(?:[eE][+-]?\\d+)?$`,
);
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

/** "," when the delimiter is not "," and numbers are written with a decimal comma only. */
function detectDecimal(rows: string[][], delimiter: string): Decimal {
  if (delimiter === ",") return ".";
  let comma = 0;
  let dot = 0;
  for (const r of rows)
    for (const v of r) {
      const t = v.trim();
      if (COMMA_DECIMAL.test(t)) comma++;
      else if (DOT_DECIMAL.test(t)) dot++;
    }
  return comma > 0 && dot === 0 ? "," : ".";
}

/**
 * Decode the bytes of a CSV file: UTF-8 (BOM stripped), UTF-16 LE/BE with a BOM, else GB18030
 * (what Excel in a Chinese locale saves as "CSV") when the bytes are not valid UTF-8.
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: string } {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { text: new TextDecoder("utf-8").decode(b.subarray(3)), encoding: "utf-8" };
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
