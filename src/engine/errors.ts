/**
 * The one error type the engine throws. Every entry point validates its input and throws a
 * CoordError whose message names the problem and where (argument, row, column), so that the
 * custom functions, the taskpane and the command line can show it as it is.
 *
 * Rows and columns in `where` are 0-based indices into the arrays the caller passed; the
 * message itself speaks 1-based ("row 12"), as a user counts.
 */
export type CoordErrorCode =
  | "EMPTY" // no data, or too few rows for the method
  | "NOT_NUMERIC" // text, NaN, Infinity, null where a number is needed
  | "MISSING" // a missing value where the method needs one
  | "LENGTH" // arrays that should match do not
  | "CONSTANT" // a constant column / constant y where variation is needed
  | "NEGATIVE" // a negative value where a method needs non-negative values
  | "ALL_ZERO" // all subsystem scores zero: C and D undefined
  | "TOO_FEW" // fewer observations/strata/pairs than the method needs
  | "SINGULAR" // a singular regression design
  | "OPTION" // an unknown or out-of-range option
  | "RANGE" // a value outside the range the method accepts (U above 1, a value too large to compute with)
  | "UNDEFINED" // a result that is mathematically undefined for this input
  | "CANCELLED" // the user cancelled the run (front ends show "Cancelled", not an error)
  | "IO"; // a file that cannot be read or written

export interface CoordErrorWhere {
  argument?: string;
  row?: number;
  column?: number | string;
}

/**
 * A message key and its parameters, for front ends that show the error in another language: the
 * report's catalogue (src/report/i18n) has a phrase per key (e.g. "error.missingCell" with
 * { row, column }); `message` stays the English text.
 */
export interface CoordErrorDetail {
  key: string;
  params: Record<string, string | number>;
}

export class CoordError extends Error {
  readonly code: CoordErrorCode;
  readonly where: CoordErrorWhere;
  readonly detail?: CoordErrorDetail;

  constructor(code: CoordErrorCode, message: string, where: CoordErrorWhere = {}, detail?: CoordErrorDetail) {
    super(message);
    this.name = "CoordError";
    this.code = code;
    this.where = where;
    if (detail) this.detail = detail;
    Object.setPrototypeOf(this, CoordError.prototype);
  }
}

/** Human label of a cell position: "data row 3, column 2" (1-based). */
export function cellLabel(argument: string, row?: number, column?: number | string): string {
  const parts: string[] = [argument];
  if (row !== undefined) parts.push(`row ${row + 1}`);
  if (column !== undefined) {
    const col = typeof column === "number" ? `column ${column + 1}` : `column "${column}"`;
    parts.push(col);
  }
  return parts.length === 1 ? argument : `${parts[0]} ${parts.slice(1).join(", ")}`;
}
