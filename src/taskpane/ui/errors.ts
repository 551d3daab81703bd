/**
 * Errors shown in the pane. A CoordError from buildPanel names the sheet row (where.row, 0-based
 * index into the cells handed to the pipeline) and the column (where.column, the header name);
 * with the position of those cells in the sheet it becomes an address such as
 * `Data!F12: text 'n/a' is not a number, in column "GDP per capita"`.
 */
import { CoordError } from "../../engine/errors";
import { columnLetter, quoteSheetName } from "../../report/model";
import { errorMessage } from "../../report/errorText";
import { el } from "./dom";
import { language, t } from "./i18n";

/** Where the cells handed to the pipeline sit in a sheet. */
export interface CellOrigin {
  /** Sheet (or file) name; quoted in the address when needed. */
  sheet: string;
  /** 0-based sheet row of cells[0]. */
  rowIndex: number;
  /** 0-based sheet column of cells[r][0]. */
  columnIndex: number;
  /** Header texts (to find the column of a named header). */
  headers: string[];
}

export interface LocatedError {
  /** Text to show. */
  message: string;
  /** `Data!F12` when the error names a cell. */
  address?: string;
}

/** An error of the pane that names a cell (e.g. the first non-empty cell where columns were to go). */
export class CellError extends Error {
  constructor(
    message: string,
    readonly address: string,
  ) {
    super(message);
    this.name = "CellError";
    Object.setPrototypeOf(this, CellError.prototype);
  }
}

/** Message (and cell address) of any error thrown by the pipeline. */
export function locateError(e: unknown, origin?: CellOrigin): LocatedError {
  if (e instanceof CellError) return { message: e.message, address: e.address };
  const zh = language() === "zh";
  // in Chinese: the catalogue's text of the error (errorMessage), without a bare "错误：" (the box says it)
  const message = zh && e instanceof CoordError ? errorMessage(e, "zh").replace(/^错误：/, "") : e instanceof Error ? e.message : String(e);
  // only buildPanel / buildGeoData errors (argument "data") index the cells; engine errors index other arrays
  if (!(e instanceof CoordError) || !origin || e.where.argument !== "data") return { message };
  const { row, column } = e.where;
  let j = -1;
  if (typeof column === "number") j = column;
  else if (typeof column === "string") j = origin.headers.indexOf(column);
  if (row === undefined || !Number.isInteger(row)) {
    if (j >= 0)
      return { message, address: `${quoteSheetName(origin.sheet)}!${columnLetter(origin.columnIndex + j + 1)}:${columnLetter(origin.columnIndex + j + 1)}` };
    return { message };
  }
  const r = origin.rowIndex + row + 1;
  const address = j >= 0 ? `${quoteSheetName(origin.sheet)}!${columnLetter(origin.columnIndex + j + 1)}${r}` : `${quoteSheetName(origin.sheet)}!${r}:${r}`;
  if (zh) {
    // "第 12 行“GDP”列：文本“n/a”不是数值" -> "Data!F12（“GDP”列）：文本“n/a”不是数值" (the row of the sheet is in the address)
    const z = /^(?:[^：]*：)?第 \d+ 行“(.*?)”列：([\s\S]*)$/.exec(message);
    return { message: z ? `${address}（“${z[1]}”列）：${z[2]}` : `${address}：${message.replace(/^第 \d+ 行：/, "")}`, address };
  }
  // "row 12, column "GDP": text 'n/a' is not a number" -> "text 'n/a' is not a number, in column "GDP""
  const m = /^row \d+, column "((?:[^"\\]|\\.)*)": ([\s\S]*)$/.exec(message);
  const rest = m ? `${m[2]}, in column "${m[1]}"` : message.replace(/^row \d+: /, "");
  return { message: `${address}: ${rest}`, address };
}

/** An error box; with an address, a "Select cell" button calling `select`. */
export function errorBox(err: LocatedError, select?: (address: string) => void): HTMLElement {
  const box = el("div", { className: "cl-error", attrs: { role: "alert", "data-part": "error" } }, [
    el("strong", { text: t("errorPrefix") }),
    el("span", { className: "cl-error-text", text: err.message }),
  ]);
  if (err.address && select) {
    const address = err.address;
    box.appendChild(
      el("button", {
        className: "cl-button cl-secondary",
        text: t("selectCell"),
        attrs: { type: "button", "data-action": "select-cell", "data-address": address },
        on: { click: () => select(address) },
      }),
    );
  }
  return box;
}
