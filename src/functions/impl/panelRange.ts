/**
 * Reading a panel in the Table 3 layout (units in rows, periods in columns) for the inequality
 * functions: an optional label row (periods as text, or as whole-number years increasing left to
 * right) and an optional label column (unit names), then numbers. And a dense n x n weights
 * range, with or without a label row and column, matched to the panel's units by name.
 */
import { CoordError, cellLabel } from "../../engine/errors";
import { classifyCell, toGrid } from "../excel";
import { describeText } from "../excel/cells";
import type { Cell } from "../excel";

export interface PanelRange {
  /** units x periods */
  values: number[][];
  /** Column labels (periods), or 1, 2, … */
  periods: Array<string | number>;
  /** Row labels (units), or null. */
  units: string[] | null;
  /** 1 when a label row was read (range row = data row + rowOffset). */
  rowOffset: number;
  colOffset: number;
}

const isLabel = (c: Cell) => c.kind === "text" || c.kind === "blank";
const isYear = (c: Cell) => c.kind === "number" && Number.isInteger(c.value) && c.value >= 1000 && c.value <= 9999;

function fail(argument: string, row: number, column: number | string, text: string, code: "MISSING" | "NOT_NUMERIC"): CoordError {
  return new CoordError(code, `${cellLabel(argument, row, column)}${text}`, { argument, row, column: typeof column === "number" ? column : undefined });
}

function numberAt(v: unknown, argument: string, row: number, column: number, name?: string): number {
  const c = classifyCell(v);
  if (c.kind === "number") return c.value;
  const col = name ?? column;
  if (c.kind === "blank") throw fail(argument, row, col, " is empty", "MISSING");
  if (c.kind === "error") throw fail(argument, row, col, ` holds ${c.code}`, "NOT_NUMERIC");
  if (c.kind === "text") throw fail(argument, row, col, `: ${describeText(c.text)} is not a number`, "NOT_NUMERIC");
  throw fail(argument, row, col, `: ${c.kind === "boolean" ? (c.value ? "TRUE" : "FALSE") : "the value"} is not a number`, "NOT_NUMERIC");
}

/** Read a units x periods panel (Table 3 layout) with optional labels. */
export function readPanelRange(value: unknown, argument = "panel"): PanelRange {
  const grid = toGrid(value);
  if (grid.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const cells = grid.map((r) => r.map(classifyCell));
  // a label column: every cell below the (possible) label row is text
  const colOffset = cells.length > 1 && cells.slice(1).every((r) => r[0].kind === "text") && isLabel(cells[0][0]) ? 1 : 0;
  const first = cells[0].slice(colOffset);
  const second = cells[1]?.slice(colOffset);
  let rowOffset = 0;
  if (second && first.length > 0) {
    const text = first.every(isLabel) && first.some((c) => c.kind === "text");
    const years =
      first.every(isYear) &&
      first.every((c, j) => j === 0 || (c as { value: number }).value > (first[j - 1] as { value: number }).value) &&
      !second.every(isYear);
    if (text || years) rowOffset = 1;
  }
  if (colOffset === 1 && rowOffset === 0 && cells[0][0].kind !== "text")
    throw new CoordError("NOT_NUMERIC", `${cellLabel(argument, 0, 0)} is empty: a label column needs a name in every row`, { argument, row: 0, column: 0 });
  const width = cells[0].length - colOffset;
  if (width === 0) throw new CoordError("EMPTY", `${argument} has unit names but no values`, { argument });
  if (grid.length === rowOffset) throw new CoordError("EMPTY", `${argument} has a label row but no units`, { argument });
  const periods: Array<string | number> = Array.from({ length: width }, (_, j) => {
    if (!rowOffset) return j + 1;
    const c = cells[0][j + colOffset];
    return c.kind === "text" ? c.text : c.kind === "number" ? c.value : `column ${j + colOffset + 1}`;
  });
  const values: number[][] = [];
  const units: string[] | null = colOffset ? [] : null;
  for (let i = rowOffset; i < grid.length; i++) {
    if (units) units.push((cells[i][0] as { text: string }).text);
    const row = new Array<number>(width);
    for (let j = 0; j < width; j++) row[j] = numberAt(grid[i][j + colOffset], argument, i, j + colOffset, rowOffset ? String(periods[j]) : undefined);
    values.push(row);
  }
  return { values, periods, units, rowOffset, colOffset };
}

/**
 * A dense n x n weights matrix, with or without a label row and/or column. When both the
 * weights and the panel name their units, rows and columns are put in the panel's order.
 */
export function readWeightsRange(value: unknown, n: number, units: string[] | null, argument = "weights"): number[][] {
  const grid = toGrid(value);
  if (grid.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const cells = grid.map((r) => r.map(classifyCell));
  const rowOffset = cells[0].slice(1).every(isLabel) && cells[0].some((c) => c.kind === "text") ? 1 : 0;
  const colOffset = cells.slice(rowOffset).every((r) => r[0].kind === "text") ? 1 : 0;
  const rows = grid.length - rowOffset;
  const cols = cells[0].length - colOffset;
  if (rows !== n || cols !== n)
    throw new CoordError("LENGTH", `${argument} is ${rows} x ${cols} but the panel has ${n} units; give an n x n matrix (labels optional)`, { argument });
  const W = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => numberAt(grid[i + rowOffset][j + colOffset], argument, i + rowOffset, j + colOffset)),
  );
  const names = colOffset
    ? cells.slice(rowOffset).map((r) => (r[0] as { text: string }).text)
    : rowOffset
      ? cells[0].slice(colOffset).map((c) => (c.kind === "text" ? c.text : ""))
      : null;
  if (!names || !units) return W;
  const index = names.map((nm) => units.indexOf(nm));
  const missing = names.findIndex((_, k) => index[k] < 0);
  if (missing >= 0)
    throw new CoordError("OPTION", `${argument} names '${names[missing]}' (row ${missing + rowOffset + 1}), which is not a unit of the panel`, {
      argument,
      row: missing + rowOffset,
    });
  if (new Set(index).size !== n) throw new CoordError("OPTION", `${argument} names a unit twice`, { argument });
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out[index[a]][index[b]] = W[a][b];
  return out;
}
