/**
 * The shape of the data the pane opened, found without the DOM (the pane, the standalone page's
 * report worker and its fallback on the page share it): the header row among the first rows,
 * the header texts, the data rows under the header and the roles guess.
 */
import type { Cell } from "../report/csv";
import { guessRoles, type RolesGuess } from "../report/roles";

const isBlank = (c: Cell | undefined) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");
const isNumber = (c: Cell | undefined) => typeof c === "number" || (typeof c === "string" && c.trim() !== "" && Number.isFinite(Number(c.trim())));

/** Header texts of a row of cells (trimmed; blank -> ""). */
export function headerTexts(headers: ArrayLike<Cell | undefined>): string[] {
  return Array.from(headers, (h) => (h === null || h === undefined ? "" : String(h).trim()));
}

/**
 * The header row: among the first 20 rows, the first one filled at least half as wide as the
 * widest row there, with at least 2 cells, and mostly text (a title row above the table, with
 * one cell, is skipped). Falls back to the first non-empty row.
 */
export function detectHeaderRow(cells: Cell[][]): number {
  const head = cells.slice(0, 20);
  const filled = head.map((r) => (r ?? []).filter((c) => !isBlank(c)).length);
  const widest = filled.reduce((m, n) => Math.max(m, n), 0);
  for (let i = 0; i < head.length; i++) {
    const r = head[i] ?? [];
    const n = filled[i];
    const nums = r.filter((c) => !isBlank(c) && isNumber(c)).length;
    if (n >= 2 && n * 2 >= widest && nums * 2 <= n) return i;
  }
  const first = cells.findIndex((r) => r && r.some((c) => !isBlank(c)));
  return first < 0 ? 0 : first;
}

/** What the pane shows of opened cells before Run: where the header row is, its texts, the data rows under it, the roles guess. */
export interface DataShape {
  /** Rows above the header row (a title), dropped. */
  headerIndex: number;
  headers: string[];
  /** Non-blank rows under the header row. */
  rows: number;
  guess: RolesGuess;
}

/** The shape of `all` (a sheet's or a file's cells from its first row). */
export function dataShape(all: Cell[][]): DataShape {
  const headerIndex = detectHeaderRow(all);
  const headers = headerTexts(all[headerIndex] ?? []);
  const body = all.slice(headerIndex + 1);
  return { headerIndex, headers, rows: body.filter((r) => r.some((c) => !isBlank(c))).length, guess: guessRoles(headers, body) };
}
