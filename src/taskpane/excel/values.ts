/** Cell values as the Office.js writer sends them, and what they cost in a request. */
import { MAX_CELL_TEXT } from "../../report/layout";
import { ReportValue } from "../../report/model";

/** A value of `range.values`. */
export type ExcelCell = string | number | boolean;

/**
 * The value to send for a report value: numbers as numbers (full precision), non-finite
 * numbers as =NA(), text that Excel would turn into a number, date, boolean, error or formula
 * protected with a leading apostrophe (Excel keeps it as text and does not show the apostrophe).
 */
export function excelValue(v: ReportValue | undefined, textFormat = false): ExcelCell {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "=NA()";
  if (typeof v === "boolean") return v;
  const s = v.length > MAX_CELL_TEXT ? v.slice(0, MAX_CELL_TEXT) : v;
  if (s === "" || textFormat) return s; // a cell formatted "@" keeps any text as it is
  if (/^[\s=+\-@'#\d.,(%$]/.test(s) || /^(true|false)$/i.test(s) || /^\d/.test(s.trim()) || /[/:]\d/.test(s)) return `'${s}`;
  return s;
}

/** Estimated characters of a value in the JSON of a request. */
export function valueCost(v: ExcelCell): number {
  if (typeof v === "number") return String(v).length + 1;
  if (typeof v === "boolean") return 6;
  // eslint-disable-next-line no-control-regex
  return v.length + 3 + (v.match(/["\\\u0000-\u001f]/g)?.length ?? 0) * 5;
}

/** Estimated characters of rows of values. */
export function rowsCost(rows: ExcelCell[][]): number {
  return rows.reduce((a, r) => a + r.reduce((x: number, v) => x + valueCost(v), 0), 0);
}
