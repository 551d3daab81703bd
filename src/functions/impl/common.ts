/**
 * Small pieces shared by the custom function implementations (src/functions/impl/*.ts): output
 * switches, per-cell #N/A values, labels of cells as the user sees them, and spilling a vector in
 * the orientation it came in. Everything else comes from the adapter (src/functions/excel.ts).
 */
import { CoordError, cellLabel } from "../../engine/errors";
import { classifyCell, getCustomFunctionsApi, isBlankRange, readOption, spillColumn, spillRow, toExcelMatrix, toGrid } from "../excel";
import type { ExcelCell } from "../excel";

/** A result as Excel receives it: a rectangular 2-D array. */
export type Spill = ExcelCell[][];

/**
 * A named output switch. Besides the names in `allowed`, TRUE/FALSE are accepted when
 * `logical` maps them (e.g. the help pages' `detail` TRUE = "table").
 */
export function readOutput<T extends string>(value: unknown, allowed: readonly T[], fallback: T, logical?: { true: T; false: T }, argument = "output"): T {
  if (logical) {
    const grid = toGrid(value);
    if (grid.length === 1 && grid[0].length === 1) {
      const c = classifyCell(grid[0][0]);
      if (c.kind === "boolean") return c.value ? logical.true : logical.false;
    }
  }
  return readOption(value, allowed, argument, fallback);
}

/** An #N/A value for one cell of a result, with the reason as its message. */
export function notAvailable(message: string): ExcelCell {
  const api = getCustomFunctionsApi();
  return new api.Error(api.ErrorCode.notAvailable, message) as unknown as ExcelCell;
}

/**
 * The label of data row `i` (0-based, header excluded) of a range read with `rowOffset` header
 * rows: "systems row 3" counts the header row as row 1, as the adapter's messages do.
 */
export function dataRowLabel(argument: string, i: number, rowOffset: number, column?: number | string): string {
  return cellLabel(argument, i + rowOffset, column);
}

/** A vector spilled the way its input came: a column (label on top) or a row (label to the left). */
export function spillLike(values: ArrayLike<unknown>, orientation: "row" | "column", label?: string): Spill {
  if (orientation === "row") {
    const cells = Array.from(values);
    return toExcelMatrix([label === undefined ? cells : [label, ...cells]]);
  }
  return spillColumn(values, label);
}

/** A row of values under a row of labels (labels omitted when null). */
export function spillLabelledRow(values: ArrayLike<unknown>, labels: readonly string[] | null): Spill {
  return spillRow(values, labels ?? undefined);
}

/** Column labels for tables: the header labels, or "column 1", "column 2", ... */
export function columnLabels(labels: readonly string[] | null, n: number): string[] {
  return labels ? labels.slice() : Array.from({ length: n }, (_, j) => `column ${j + 1}`);
}

/** A LENGTH error for two arguments that must have one entry per row. */
export function lengthMismatch(a: string, na: number, b: string, nb: number): CoordError {
  return new CoordError("LENGTH", `${b} has ${nb} ${nb === 1 ? "value" : "values"} but ${a} has ${na}; give one per row of ${a}`, {
    argument: b,
  });
}

/** True for an omitted optional argument: null, undefined, a blank cell or an all-blank range. */
export function isOmitted(v: unknown): boolean {
  return isBlankRange(v); // = toGrid(v).length === 0, without building the grid
}
