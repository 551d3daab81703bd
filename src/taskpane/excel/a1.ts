/**
 * A1 addresses for the Office.js writer and the fake Excel (tests/doubles): parse "Data!B3:F12", "'CL Summary'!A:A",
 * "3:3", "C7"; format rectangles back (sheet names quoted by `quoteSheetName`, src/report/model.ts).
 * Rows and columns here are 0-based (Excel's row 1 = 0). Plain TypeScript, no Node or DOM APIs.
 */
import { columnLetter, quoteSheetName } from "../../report/model";

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** A rectangle of cells, 0-based, inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** A parsed address: the optional sheet name (unquoted) and the rectangle. */
export interface ParsedAddress extends Rect {
  sheet?: string;
}

/** 1-based column number of column letters: "A" -> 1, "AA" -> 27; NaN when not letters. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return NaN;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "B3" (0-based row 2, column 1). */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col + 1)}${row + 1}`;
}

/** "B3:D7", or "B3" for a single cell. */
export function rectAddress(r: Rect): string {
  const a = cellAddress(r.r0, r.c0);
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:${cellAddress(r.r1, r.c1)}`;
}

/** "Data!B3:D7" with the sheet quoted when needed (`quoteSheetName`). */
export function fullAddress(sheet: string, r: Rect): string {
  return `${quoteSheetName(sheet)}!${rectAddress(r)}`;
}

/** Split "Sheet!A1" into sheet (unquoted) and the rest; no sheet when there is no "!". */
export function splitSheet(address: string): { sheet?: string; ref: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    // quoted: '' is an escaped apostrophe
    let i = 1;
    let name = "";
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i++];
    }
    if (s[i + 1] !== "!") throw new Error(`not a cell address: ${address}`);
    return { sheet: name, ref: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf("!");
  return bang < 0 ? { ref: s } : { sheet: s.slice(0, bang), ref: s.slice(bang + 1) };
}

function parsePart(p: string): { row?: number; col?: number } | undefined {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(p.trim());
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  const out: { row?: number; col?: number } = {};
  if (m[1] !== "") out.col = columnNumber(m[1]) - 1;
  if (m[2] !== "") out.row = Number(m[2]) - 1;
  if ((out.col !== undefined && (out.col < 0 || out.col >= MAX_COLUMNS)) || (out.row !== undefined && (out.row < 0 || out.row >= MAX_ROWS))) return undefined;
  return out;
}

/** Parse an A1 address (optionally with a sheet); throws on anything else. */
export function parseAddress(address: string): ParsedAddress {
  const { sheet, ref } = splitSheet(address);
  const parts = ref.split(":");
  if (parts.length > 2) throw new Error(`not a cell address: ${address}`);
  const a = parsePart(parts[0]);
  const b = parts.length === 2 ? parsePart(parts[1]) : a;
  if (!a || !b) throw new Error(`not a cell address: ${address}`);
  const wholeCols = a.row === undefined && b.row === undefined && a.col !== undefined && b.col !== undefined;
  const wholeRows = a.col === undefined && b.col === undefined && a.row !== undefined && b.row !== undefined;
  if (parts.length === 1 && (a.row === undefined || a.col === undefined)) throw new Error(`not a cell address: ${address}`);
  if (!wholeCols && !wholeRows && (a.row === undefined || a.col === undefined || b.row === undefined || b.col === undefined))
    throw new Error(`not a cell address: ${address}`);
  const r0 = wholeCols ? 0 : a.row!;
  const r1 = wholeCols ? MAX_ROWS - 1 : b.row!;
  const c0 = wholeRows ? 0 : a.col!;
  const c1 = wholeRows ? MAX_COLUMNS - 1 : b.col!;
  const out: ParsedAddress = { r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: Math.min(c0, c1), c1: Math.max(c0, c1) };
  if (sheet !== undefined) out.sheet = sheet;
  return out;
}
