/**
 * The adapter between Excel's values and the engine, used by every custom function.
 *
 * Inputs (how Excel passes them, and what we do):
 * - A range is a 2-D array (rows of columns); a single cell a scalar or a 1x1 array; an omitted
 *   optional argument null or undefined. All readers accept every one of these shapes.
 * - Blank cells: null (desktop), "" (some web builds) and whitespace-only text are blank.
 *   A 0 is always a real 0: when a parameter is declared number[][], Excel turns blanks into 0
 *   and nothing can tell them apart afterwards, so declare range parameters as any[][] when
 *   blanks must be detected (and so that whole-column selections arrive as trimmable nulls).
 * - Trailing fully blank rows and columns are trimmed (A:F whole-column selections), never an
 *   error. Blank rows or cells inside the data are MISSING errors (or null with blanks "null").
 * - Numbers stored as text are converted as Excel's VALUE() does in an English locale: spaces
 *   around, a leading + or -, thousands separators in groups of three ("1,234,567.5"), exponents,
 *   and a trailing percent sign: "12%" -> 0.12 (what Excel stores for a cell showing 12%).
 *   A decimal comma ("1,5"), currency signs, "NaN" and "Infinity" are text, not numbers.
 * - TRUE/FALSE are not numbers (Excel's own SUM ignores them in ranges): NOT_NUMERIC errors.
 * - Error values inside a range (CustomFunctions.Error {code}, { type: "#N/A" }, Excel JS rich
 *   error values, Error instances, or the strings "#N/A", "#DIV/0!", ...) are reported as
 *   "data row 3, column 2 holds #N/A".
 * - Messages name the argument and the cell inside the selected range, 1-based, the header row
 *   counting as row 1: "data row 12, column 3: text 'n/a' is not a number", or with labels
 *   `data row 12, column "GDP": text 'n/a' is not a number`.
 *
 * Outputs: rectangular 2-D arrays with "" for blanks and never NaN/Infinity (that is a bug and
 * becomes "internal error: ..."). Errors: toExcelError / excelFunction / excelCall turn any
 * throw into an Excel error value (#VALUE! or, for ALL_ZERO/UNDEFINED, #N/A) with the message.
 */
export { EXCEL_ERROR_CODES, classifyCell, excelErrorCode, isExcelErrorObject, parseNumberText } from "./excel/cells";
export type { Cell } from "./excel/cells";
export { isBlankRange, lineCells, readColumnsAtOnce, readFloatVector, readMatrix, readTextVector, readUnitIds, readVector, toGrid } from "./excel/read";
export type { ColumnToRead, ColumnsRead, FloatVectorRead, HeaderMode, MatrixOptions, MatrixRead, ReadCell, ReadOptions, VectorRead } from "./excel/read";
export { readBoolean, readDirections, readNumberOption, readOption } from "./excel/options";
export type { Direction, NumberOptionLimits } from "./excel/options";
export { labelledTable, spillColumn, spillRow, toExcelMatrix } from "./excel/write";
export type { ExcelCell } from "./excel/write";
export { ExcelErrorStandIn, displayLanguage, excelCall, excelFunction, getCustomFunctionsApi, toExcelError } from "./excel/runtime";
export type { CustomFunctionsApi } from "./excel/runtime";
