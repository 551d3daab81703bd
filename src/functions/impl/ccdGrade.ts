/**
 * COORD.CCDGRADE(D, [language], [output], [closure], [decimals]): the grade of each coupling
 * coordination degree D (METHODS.md M6), in the shape of D.
 *
 * - D: a cell or a range of D in [0, 1]. A header row (text above numbers) is echoed; blank cells
 *   stay blank; an error value in a cell (e.g. #N/A from CCD for an all-zero row) is passed on in
 *   that cell. Text, D < 0 or D > 1 is an error naming the cell.
 * - language: "en" or "zh"; omitted -> the display language of Office.
 * - output: "name" (default) the grade's name, "number" 1..10, "class" the broad class
 *   (dysfunctional decline / transitional / coordinated development).
 * - closure: "left" (default) [0.1, 0.2) ..., 1.0 in the top grade; "right" (0.1, 0.2] ...
 * - decimals: round D half-up to this many decimals (0..15) before grading.
 */
import { CoordError, cellLabel } from "../../engine/errors";
import { gradeD } from "../../engine/grade";
import { classifyCell, displayLanguage, getCustomFunctionsApi, isExcelErrorObject, readNumberOption, readOption, toExcelMatrix, toGrid } from "../excel";
import type { ExcelCell } from "../excel";
import { describeText } from "../excel/cells";
import { Spill, isOmitted } from "./common";

export const GRADE_OUTPUTS = ["name", "number", "class"] as const;
export const GRADE_LANGUAGES = ["en", "zh"] as const;
export const GRADE_CLOSURES = ["left", "right"] as const;

export function ccdGradeImpl(D: unknown, language?: unknown, output?: unknown, closure?: unknown, decimals?: unknown): Spill {
  const argument = "D";
  const lang = isOmitted(language) ? displayLanguage() : readOption(language, GRADE_LANGUAGES, "language", "en");
  const out = readOption(output, GRADE_OUTPUTS, "output", "name");
  const close = readOption(closure, GRADE_CLOSURES, "closure", "left");
  const dec = isOmitted(decimals) ? undefined : readNumberOption(decimals, "decimals", 0, { integer: true, min: 0, max: 15 });
  const grid = toGrid(D);
  if (grid.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const height = grid.length;
  const width = grid[0].length;
  const cells = grid.map((r) => r.map(classifyCell));
  // A header row: text/blank cells (at least one text) above a row holding a number.
  const header =
    height > 1 &&
    cells[0].every((c) => c.kind === "text" || c.kind === "blank") &&
    cells[0].some((c) => c.kind === "text") &&
    cells[1].some((c) => c.kind === "number");
  const where = (i: number, j: number): string =>
    width === 1 && height === 1
      ? argument
      : width === 1
        ? cellLabel(argument, i)
        : height === 1
          ? cellLabel(argument, undefined, j)
          : cellLabel(argument, i, j);
  const out2 = grid.map((row, i) =>
    row.map((v, j): ExcelCell => {
      const c = cells[i][j];
      if (header && i === 0) return c.kind === "text" ? c.text : "";
      switch (c.kind) {
        case "blank":
          return "";
        case "error":
          return passOn(v, c.code, where(i, j));
        case "number": {
          const g = gradeD(c.value, { language: lang, closure: close, decimals: dec, argument: where(i, j) });
          return out === "number" ? g.gradeNo : out === "class" ? g.broadClass : g.label;
        }
        case "text":
          throw new CoordError("NOT_NUMERIC", `${where(i, j)}: ${describeText(c.text)} is not a number`, { argument, row: i, column: j });
        case "boolean":
          throw new CoordError("NOT_NUMERIC", `${where(i, j)}: the logical ${c.value ? "TRUE" : "FALSE"} is not a number`, {
            argument,
            row: i,
            column: j,
          });
        default:
          throw new CoordError("NOT_NUMERIC", `${where(i, j)}: ${c.description} is not a number`, { argument, row: i, column: j });
      }
    }),
  );
  return toExcelMatrix(out2);
}

/** An error value of D passed on in its cell: #N/A stays #N/A, any other becomes #VALUE! saying what D held. */
function passOn(v: unknown, code: string, where: string): ExcelCell {
  if (isExcelErrorObject(v)) return v as ExcelCell;
  const api = getCustomFunctionsApi();
  return new api.Error(code === "#N/A" ? api.ErrorCode.notAvailable : api.ErrorCode.invalidValue, `${where} holds ${code}`) as unknown as ExcelCell;
}
