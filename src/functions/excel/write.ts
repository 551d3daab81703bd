/**
 * Building what a custom function returns: a rectangular 2-D array Excel can spill. Excel shows
 * "" as a blank cell (null would show 0), so null/undefined become "". NaN or Infinity in a
 * result is a bug in the engine: it becomes an "internal error" CoordError rather than a
 * misleading number in a cell.
 */
import { CoordError } from "../../engine/errors";
import { isExcelErrorObject } from "./cells";

/** One cell of a result: a number, text, a logical, or an Excel error object (e.g. #N/A in one cell). */
export type ExcelCell = number | string | boolean | CustomFunctions.Error;

function internal(message: string): CoordError {
  return new CoordError("NOT_NUMERIC", `internal error: ${message}`);
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

function outputCell(v: unknown, i: number, j: number): ExcelCell {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (Number.isFinite(v)) return v;
    throw internal(`result row ${i + 1}, column ${j + 1} is ${v}`);
  }
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (isExcelErrorObject(v)) return v as CustomFunctions.Error;
  throw internal(`result row ${i + 1}, column ${j + 1} holds ${Array.isArray(v) ? "an array" : `a value of type ${typeof v}`}`);
}

/**
 * A rectangular 2-D array for Excel: short rows padded with "", null/undefined -> "", rows may
 * be typed arrays, a row that is not an array is a one-cell row, no rows -> [[""]].
 * Throws a CoordError ("internal error: ...") on NaN, Infinity or an object.
 */
export function toExcelMatrix(rows: ArrayLike<unknown>): ExcelCell[][] {
  const lines: ArrayLike<unknown>[] = Array.from(rows, (r) => (isArrayLike(r) ? r : [r]));
  if (lines.length === 0) return [[""]];
  const width = lines.reduce((w, r) => Math.max(w, r.length), 1);
  return lines.map((r, i) => {
    const out = new Array<ExcelCell>(width);
    for (let j = 0; j < width; j++) out[j] = outputCell(r[j], i, j);
    return out;
  });
}

/** A table with a header row: [headers, ...rows]. A row wider than the headers is a bug. */
export function labelledTable(headers: readonly string[], rows: ArrayLike<ArrayLike<unknown>>): ExcelCell[][] {
  const body = Array.from(rows);
  body.forEach((r, i) => {
    if (r.length > headers.length) throw internal(`result row ${i + 2} has ${r.length} values but there are ${headers.length} headers`);
  });
  return toExcelMatrix([headers, ...body]);
}

/** One row of values spilled to the right, under a row of labels when given. */
export function spillRow(values: ArrayLike<unknown>, labels?: readonly string[]): ExcelCell[][] {
  if (labels && labels.length !== values.length) throw internal(`${labels.length} labels for ${values.length} values`);
  return toExcelMatrix(labels ? [labels, values] : [values]);
}

/** One column of values spilled downwards, under a label when given. */
export function spillColumn(values: ArrayLike<unknown>, label?: string): ExcelCell[][] {
  const cells = Array.from(values, (v) => [v]);
  return toExcelMatrix(label === undefined ? cells : [[label], ...cells]);
}
