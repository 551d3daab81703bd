/**
 * Reading range arguments: a numeric matrix (with an optional header row), a numeric vector in
 * either orientation, and a categorical vector (numbers or text).
 *
 * Positions in messages are those a user sees inside the selected range, 1-based, the header
 * row counting as row 1: "data row 12, column 3: text 'n/a' is not a number", or with a header
 * `data row 12, column "GDP": ...`. `where.row` / `where.column` are the 0-based offsets in the
 * range (header row included), as errors.ts specifies for "the arrays the caller passed".
 */
import { CoordError, CoordErrorCode, cellLabel } from "../../engine/errors";
import { describeValue } from "../../engine/validate";
import { UnitIds } from "../../engine/haken/pairs";
import { Cell, classifyCell, describeText } from "./cells";

export type HeaderMode = "auto" | "yes" | "no";

export interface ReadOptions {
  /** "auto" (default): a first row of text/blank cells above a row with numbers is a header. */
  header?: HeaderMode;
  /** "error" (default): a blank cell is a MISSING error; "null": it is read as null. */
  blanks?: "error" | "null";
  /** Keep text cells (and TRUE/FALSE as "TRUE"/"FALSE") instead of rejecting them. */
  allowText?: boolean;
}

/** The cell type a read produces: number, plus null with blanks "null", plus string with allowText. */
export type ReadCell<O extends ReadOptions> =
  | number
  | ("blanks" extends keyof O ? ("null" extends O["blanks"] ? null : never) : never)
  | ("allowText" extends keyof O ? (true extends O["allowText"] ? string : never) : never);

/** readMatrix's options: ReadOptions, and where a column-major copy of the numbers goes. */
export interface MatrixOptions extends ReadOptions {
  /**
   * A Float64Array of at least `size` (rows x columns) values for a column-major copy of the data
   * rows (column j at j·rows), made in the reading pass when every row is one of finite numbers
   * (then MatrixRead.range.columns; e.g. a buffer reused between calls).
   */
  columns?: (size: number) => Float64Array;
}

export interface MatrixRead<T> {
  /** Column labels from the header row (blank header cells are labelled "column N"), or null. */
  labels: string[] | null;
  /** Data rows, rectangular. */
  values: T[][];
  /** 1 when a header row was consumed, else 0: range row = data row index + rowOffset. */
  rowOffset: number;
  /**
   * When every data row was already an array of finite numbers (read as itself): each column's
   * minimum and maximum, gathered in the same pass (entropyWeightsOnly takes them instead of a
   * pass of its own over 3·10⁶ cells).
   */
  range?: { min: Float64Array; max: Float64Array; columns?: Float64Array };
}

export interface VectorRead<T> {
  /** The header cell (first cell of the row or column) when one was consumed, else null. */
  label: string | null;
  values: T[];
  /** 1 when a header cell was consumed, else 0. */
  offset: number;
  orientation: "column" | "row";
}

/**
 * A range argument as rows of cells. A scalar is a 1x1 range; a 1-D array is one row; null or
 * undefined (an omitted argument) is an empty range. Trailing fully blank rows and columns are
 * dropped (a selection of whole columns A:F arrives with a million blank rows), and short rows are
 * padded with null so the result is rectangular. Rows that need neither are the input's own
 * arrays, not copies: read the grid, never modify it.
 */
export function toGrid(value: unknown): unknown[][] {
  let rows: unknown[][];
  if (value === null || value === undefined) rows = [];
  else if (!Array.isArray(value)) rows = [[value]];
  else if (value.every((r) => !Array.isArray(r))) rows = value.length > 0 ? [value] : [];
  else rows = value.every((r) => Array.isArray(r)) ? value : value.map((r) => (Array.isArray(r) ? r : [r]));
  return trimGrid(rows);
}

/**
 * True when every cell of a range is blank (or it is null/undefined): toGrid(value).length === 0,
 * without building the grid (an early answer for the common non-blank range of 10⁶ rows).
 */
export function isBlankRange(value: unknown): boolean {
  if (!Array.isArray(value)) return isBlank(value);
  for (let i = 0; i < value.length; i++) {
    const r = value[i];
    if (Array.isArray(r)) {
      for (let j = 0; j < r.length; j++) if (!isBlank(r[j])) return false;
    } else if (!isBlank(r)) return false;
  }
  return true;
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || classifyCell(v).kind === "blank";
}

function trimGrid(rows: unknown[][]): unknown[][] {
  let height = rows.length;
  while (height > 0 && rows[height - 1].every(isBlank)) height--;
  let width = 0;
  let uniform = true; // every row as long as the first
  const first = height > 0 ? rows[0].length : 0;
  for (let i = 0; i < height; i++) {
    const r = rows[i];
    if (r.length !== first) uniform = false;
    for (let j = r.length - 1; j >= width; j--) {
      if (!isBlank(r[j])) {
        width = j + 1;
        break;
      }
    }
  }
  // Rows already of the right width are kept as they are, not copied (a range of 10⁶ rows; readers
  // never modify the grid); others are cut or padded with null.
  if (uniform && width === first) return rows.slice(0, height);
  const out: unknown[][] = new Array(height);
  for (let i = 0; i < height; i++) {
    if (rows[i].length === width) {
      out[i] = rows[i];
      continue;
    }
    const r = rows[i].slice(0, width);
    while (r.length < width) r.push(null);
    out[i] = r;
  }
  return out;
}

/** Where a cell is: 0-based offsets in the range; `name` replaces the column number in messages. */
interface Position {
  row?: number;
  column?: number;
  name?: string;
}

function fail(code: CoordErrorCode, argument: string, at: Position, text: string): CoordError {
  const label = cellLabel(argument, at.row, at.name ?? at.column);
  return new CoordError(code, `${label}${text}`, { argument, row: at.row, column: at.column });
}

/** The shared wording for cells no reader can use. */
function failCell(c: Cell, argument: string, at: Position, what: string): CoordError {
  switch (c.kind) {
    case "blank":
      return fail("MISSING", argument, at, " is empty");
    case "error":
      return fail("NOT_NUMERIC", argument, at, ` holds ${c.code}`);
    case "text":
      return fail("NOT_NUMERIC", argument, at, `: ${describeText(c.text)} is not ${what}`);
    case "boolean":
      return fail("NOT_NUMERIC", argument, at, `: ${describeValue(c.value)} is not ${what}`);
    case "other":
      return fail("NOT_NUMERIC", argument, at, `: ${c.description} is not ${what}`);
    case "number":
      return fail("NOT_NUMERIC", argument, at, `: ${c.value} is not ${what}`);
  }
}

function numericCell(v: unknown, argument: string, at: Position, opts: ReadOptions): number | string | null {
  const c = classifyCell(v);
  if (c.kind === "number") return c.value;
  if (c.kind === "blank" && opts.blanks === "null") return null;
  if (c.kind === "text" && opts.allowText) return c.text;
  if (c.kind === "boolean" && opts.allowText) return c.value ? "TRUE" : "FALSE";
  throw failCell(c, argument, at, "a number");
}

function categoryCell(v: unknown, argument: string, at: Position): number | string {
  const c = classifyCell(v);
  if (c.kind === "number") return c.value;
  if (c.kind === "text") return c.text;
  if (c.kind === "boolean") return c.value ? "TRUE" : "FALSE";
  throw failCell(c, argument, at, "a category");
}

/** Header rule for "auto": first cells all text or blank (at least one text), second has a number. */
function isHeader(first: Cell[], second: Cell[] | undefined, mode: HeaderMode): boolean {
  if (mode === "yes") return true;
  if (mode === "no" || !second) return false;
  return first.every((c) => c.kind === "text" || c.kind === "blank") && first.some((c) => c.kind === "text") && second.some((c) => c.kind === "number");
}

/** A header cell's label: its text, a number or logical as written, null when blank. */
function headerLabel(v: unknown, argument: string, at: Position): string | null {
  const c = classifyCell(v);
  switch (c.kind) {
    case "blank":
      return null;
    case "text":
      return c.text;
    case "number":
      return typeof v === "string" ? v.trim() : String(c.value);
    case "boolean":
      return c.value ? "TRUE" : "FALSE";
    default:
      throw failCell(c, argument, at, "a label");
  }
}

/**
 * Read a numeric matrix (rows x columns) from a range argument.
 *
 * - header "auto" (default): the first row is a header when all its cells are text or blank (at
 *   least one text) and the second row holds a number. Numeric-looking header cells ("2011")
 *   defeat the detection: pass header "yes" for those.
 * - Numbers stored as text are converted (see parseNumberText: "1,234", " 12.5 ", "+3", "12%").
 * - A blank cell (null from desktop, "" from the web, a whitespace-only text) is a MISSING error,
 *   or null with blanks "null". A 0 is always a real 0 (see excel.ts).
 * - Text, TRUE/FALSE and error values (#N/A in any of its shapes) are NOT_NUMERIC errors.
 *
 * @example readMatrix([["GDP", "Pop"], [1, 2]], "data"); // => { labels: ["GDP", "Pop"], values: [[1, 2]], rowOffset: 1, ... }
 */
export function readMatrix<O extends MatrixOptions = Record<never, never>>(value: unknown, argument: string, options?: O): MatrixRead<ReadCell<O>> {
  const opts: MatrixOptions = options ?? {};
  const grid = toGrid(value);
  if (grid.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const header = isHeader(grid[0].map(classifyCell), grid[1]?.map(classifyCell), opts.header ?? "auto");
  const rowOffset = header ? 1 : 0;
  let labels: string[] | null = null;
  const names: Array<string | undefined> = grid[0].map(() => undefined);
  if (header) {
    labels = grid[0].map((v, j) => {
      const label = headerLabel(v, argument, { row: 0, column: j });
      if (label !== null) names[j] = label;
      return label ?? `column ${j + 1}`;
    });
  }
  if (grid.length === rowOffset) throw new CoordError("EMPTY", `${argument} has a header row but no data rows`, { argument });
  const values = new Array<ReadCell<O>[]>(grid.length - rowOffset);
  // the column minima and maxima, kept while every row is one of finite numbers (see MatrixRead.range)
  const width = grid[0].length;
  const min = new Float64Array(width).fill(Infinity);
  const max = new Float64Array(width).fill(-Infinity);
  // A row of finite numbers reads as itself (no copy, no cell classification): the common case
  // of a numeric range, 3M cells in ~10 ms instead of ~300. Such rows may be the input's own
  // arrays (see toGrid); nothing downstream modifies them.
  const columns = opts.columns && width > 0 ? opts.columns(values.length * width) : null;
  const finite = columns
    ? finiteRowsColumns(grid, rowOffset, values as unknown[][], min, max, columns)
    : finiteRowsRange(grid, rowOffset, values as unknown[][], min, max);
  for (let i = finite; i < grid.length; i++) {
    const row = grid[i];
    values[i - rowOffset] = allFiniteNumbers(row)
      ? (row as ReadCell<O>[])
      : row.map((v, j) => numericCell(v, argument, { row: i, column: j, name: names[j] }, opts) as ReadCell<O>);
  }
  if (finite < grid.length || width === 0) return { labels, values, rowOffset };
  return { labels, values, rowOffset, range: columns ? { min, max, columns } : { min, max } };
}

/**
 * finiteRowsRange, also copying the rows' cells into `columns` column by column (column j of data
 * row r at j·rows + r): the copy a column-major pass reads (the entropy sums), made while the
 * cells are loaded for the check anyway.
 */
function finiteRowsColumns(grid: unknown[][], offset: number, values: unknown[][], min: Float64Array, max: Float64Array, columns: Float64Array): number {
  const rows = grid.length - offset;
  for (let i = offset; i < grid.length; i++) {
    const row = grid[i];
    if (!finiteRowRangeInto(row, min, max, columns, i - offset, rows)) return i;
    values[i - offset] = row;
  }
  return grid.length;
}

/** finiteRowRange, storing cell j at columns[r + j·rows] on the way. */
function finiteRowRangeInto(row: unknown[], min: Float64Array, max: Float64Array, columns: Float64Array, r: number, rows: number): boolean {
  let o = r;
  for (let j = 0; j < row.length; j++) {
    const v = row[j];
    if (typeof v !== "number" || v - v !== 0) return false;
    if (v < min[j]) min[j] = v;
    if (v > max[j]) max[j] = v;
    columns[o] = v;
    o += rows;
  }
  return true;
}

/**
 * values[i - offset] = grid[i] for the rows from `offset` on while they are rows of finite numbers,
 * with their column minima and maxima (finiteRowRange); the first row that is not one (grid.length
 * when all are). A loop of its own: readMatrix runs once per call, and its own compiled loop
 * would be dropped at every exit (V8 compiles a long loop on the stack, then deoptimizes at code
 * after the loop that has not run yet), leaving the next call's loop to the interpreter for a while.
 */
function finiteRowsRange(grid: unknown[][], offset: number, values: unknown[][], min: Float64Array, max: Float64Array): number {
  for (let i = offset; i < grid.length; i++) {
    const row = grid[i];
    if (!finiteRowRange(row, min, max)) return i;
    values[i - offset] = row;
  }
  return grid.length;
}

/** True when every cell is a finite number (v - v is 0 exactly for those). */
function allFiniteNumbers(row: unknown[]): boolean {
  for (let j = 0; j < row.length; j++) {
    const v = row[j];
    if (typeof v !== "number" || v - v !== 0) return false;
  }
  return true;
}

/**
 * allFiniteNumbers, lowering min[j] and raising max[j] to the row's cells on the way (the
 * comparisons of the engine's column min and max, in its order); when false, min and max are
 * partly updated and no longer meaningful.
 */
function finiteRowRange(row: unknown[], min: Float64Array, max: Float64Array): boolean {
  for (let j = 0; j < row.length; j++) {
    const v = row[j];
    if (typeof v !== "number" || v - v !== 0) return false;
    if (v < min[j]) min[j] = v;
    if (v > max[j]) max[j] = v;
  }
  return true;
}

/** The cells of a one-row or one-column range, and which it is (a single cell counts as a column). */
export function lineCells(value: unknown, argument: string): { cells: unknown[]; orientation: "column" | "row" } {
  const column = columnCells(value);
  if (column) {
    if (column.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
    return { cells: column, orientation: "column" };
  }
  const grid = toGrid(value);
  if (grid.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const width = grid[0].length;
  if (width === 1) return { cells: grid.map((r) => r[0]), orientation: "column" };
  if (grid.length === 1) return { cells: grid[0], orientation: "row" };
  throw new CoordError("LENGTH", `${argument} must be a single row or column; got ${grid.length} rows and ${width} columns`, { argument });
}

/**
 * The cells of a range of one-cell rows (how Excel passes a column) in one pass, trailing blank
 * cells dropped: what toGrid + taking column 1 give, without building the grid (a column of 10⁶
 * rows). null for any other shape (two-cell rows, a bare row, a scalar), left to toGrid.
 */
function columnCells(value: unknown): unknown[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const cells = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    const r = value[i];
    if (!Array.isArray(r) || r.length !== 1) return null;
    cells[i] = r[0];
  }
  let height = cells.length;
  while (height > 0 && isBlank(cells[height - 1])) height--;
  cells.length = height;
  return cells;
}

/**
 * The height of a range of one-cell rows (how Excel passes a column) without its trailing blank
 * cells, or null for any other shape: what columnCells gives, without copying the cells.
 */
function columnHeight(value: unknown): number | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  for (let i = 0; i < value.length; i++) {
    const r = value[i];
    if (!Array.isArray(r) || r.length !== 1) return null;
  }
  let height = value.length;
  while (height > 0 && isBlank((value[height - 1] as unknown[])[0])) height--;
  return height;
}

/**
 * A line of cells to read: a column of one-cell rows read in place (`rows`, no copy of 10⁶
 * cells), or the cells of lineCells.
 */
interface Line {
  rows: unknown[][] | null;
  cells: unknown[];
  length: number;
  orientation: "column" | "row";
}

function lineOf(value: unknown, argument: string): Line {
  const height = columnHeight(value);
  if (height !== null) {
    if (height === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
    return { rows: value as unknown[][], cells: [], length: height, orientation: "column" };
  }
  const { cells, orientation } = lineCells(value, argument);
  return { rows: null, cells, length: cells.length, orientation };
}

function lineCell(line: Line, k: number): unknown {
  return line.rows !== null ? line.rows[k][0] : line.cells[k];
}

/** The header decision and label of a line (readLine's rule). */
function lineHeader(line: Line, argument: string, mode: HeaderMode): { offset: number; label: string | null } {
  const at = (k: number): Position => (line.orientation === "column" ? { row: k } : { column: k });
  const header = isHeader([classifyCell(lineCell(line, 0))], line.length > 1 ? [classifyCell(lineCell(line, 1))] : undefined, mode);
  const offset = header ? 1 : 0;
  const label = header ? headerLabel(lineCell(line, 0), argument, at(0)) : null;
  if (line.length === offset) throw new CoordError("EMPTY", `${argument} has a header cell but no data`, { argument });
  return { offset, label };
}

/**
 * Read a line of cells: `quick` returns the value of the common cells (a finite number, plain
 * text) directly, or undefined; `read` handles the others with the cell's position for messages.
 */
function readLine<T>(
  value: unknown,
  argument: string,
  mode: HeaderMode,
  read: (v: unknown, at: Position) => T,
  quick: (v: unknown) => T | undefined,
): VectorRead<T> {
  const line = lineOf(value, argument);
  const { orientation } = line;
  const at = (k: number): Position => (orientation === "column" ? { row: k } : { column: k });
  const { offset, label } = lineHeader(line, argument, mode);
  const values = new Array<T>(line.length - offset);
  for (let k = 0; k < values.length; k++) {
    const v = lineCell(line, k + offset);
    const q = quick(v);
    values[k] = q !== undefined ? q : read(v, at(k + offset));
  }
  return { label, values, offset, orientation };
}

/**
 * readVector with blanks "null", as a Float64Array with NaN for a blank cell (no other cell
 * reads as NaN): the same header rule, cells, values and messages, without an array of 10⁶
 * boxed values (COORD.HAKENFIT's columns). `blanks` counts the NaN.
 *
 * @example
 * readFloatVector([["GDP"], [1], [null], ["2.5"]], "x"); // => { label: "GDP", values: [1, NaN, 2.5], blanks: 1, offset: 1, ... }
 */
export function readFloatVector(value: unknown, argument: string, options: { header?: HeaderMode; into?: (n: number) => Float64Array } = {}): FloatVectorRead {
  const mode = options.header ?? "auto";
  const into = options.into ?? newFloat64;
  const fast = viaColumn(value, () => readFloatColumn(value as unknown[][], argument, mode, into));
  if (fast !== null) return fast;
  const line = lineOf(value, argument);
  const { orientation } = line;
  const { offset, label } = lineHeader(line, argument, mode);
  const values = into(line.length - offset);
  let blanks = 0;
  for (let k = 0; k < values.length; k++) {
    const v = lineCell(line, k + offset);
    if (typeof v === "number" && v - v === 0) {
      values[k] = v;
      continue;
    }
    const r = numericCell(v, argument, orientation === "column" ? { row: k + offset } : { column: k + offset }, BLANKS_NULL);
    if (r === null) {
      values[k] = NaN;
      blanks++;
    } else values[k] = r as number;
  }
  return { label, values, offset, orientation, blanks };
}

/** What readFloatVector gives. */
export interface FloatVectorRead {
  label: string | null;
  values: Float64Array;
  offset: number;
  orientation: "column" | "row";
  blanks: number;
}

const BLANKS_NULL: ReadOptions = { blanks: "null" };

const newFloat64 = (n: number) => new Float64Array(n);

/**
 * The fast path of the column readers: `read` (one pass over the rows, checking their shape on the
 * way) when `value` may be a column of one-cell rows without trailing blank cells (the last row is
 * a one-cell array holding a non-blank cell), else null. `read` returns null when a row is not a
 * one-cell array; an error it throws is thrown when the value is such a column (the general path
 * would throw the same for the same cell), else the general path decides. The general path's
 * shape pass (columnHeight) is saved: 10⁶ rows per argument for COORD.HAKENFIT.
 */
function viaColumn<T>(value: unknown, read: () => T | null): T | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const last = value[value.length - 1];
  if (!Array.isArray(last) || last.length !== 1 || isBlank(last[0])) return null;
  try {
    return read();
  } catch (e) {
    if (columnHeight(value) !== null) throw e;
    return null;
  }
}

/** The header decision of a column of one-cell rows (null when row 0 or 1 is not one): lineHeader's. */
function columnHeader(rows: unknown[][], argument: string, mode: HeaderMode): { offset: number; label: string | null } | null {
  const oneCell = (r: unknown) => Array.isArray(r) && r.length === 1;
  if (!oneCell(rows[0]) || (rows.length > 1 && !oneCell(rows[1]))) return null;
  return lineHeader({ rows, cells: [], length: rows.length, orientation: "column" }, argument, mode);
}

/** readFloatVector on a column of one-cell rows in one pass; null when a row is not a one-cell array. */
function readFloatColumn(rows: unknown[][], argument: string, mode: HeaderMode, into: (n: number) => Float64Array): FloatVectorRead | null {
  const head = columnHeader(rows, argument, mode);
  if (head === null) return null;
  const { offset, label } = head;
  const n = rows.length;
  const values = into(n - offset);
  let blanks = 0;
  for (let i = offset; i < n; i++) {
    const r = rows[i];
    if (!Array.isArray(r) || r.length !== 1) return null;
    const v: unknown = r[0];
    if (typeof v === "number" && v - v === 0) {
      values[i - offset] = v;
      continue;
    }
    const c = numericCell(v, argument, { row: i }, BLANKS_NULL);
    if (c === null) {
      values[i - offset] = NaN;
      blanks++;
    } else values[i - offset] = c as number;
  }
  return { label, values, offset, orientation: "column", blanks };
}

/**
 * readTextVector's categories encoded as unit ids (engine/haken UnitIds: one id per distinct
 * category, the Map consulted only where a cell differs from the one above), without an array of
 * the 10⁶ values (COORD.HAKENFIT's units). Same header rule, cells and messages as readTextVector.
 *
 * @example
 * const r = readUnitIds([["Province"], ["Hubei"], ["Hubei"], [" Hunan "], [2]], "units", { header: "yes" });
 * [r.label, Array.from(r.ids.id), r.ids.keys]; // => ["Province", [0, 0, 1, 2], ["Hubei", "Hunan", 2]]
 */
export function readUnitIds(
  value: unknown,
  argument: string,
  options: { header?: HeaderMode; into?: (n: number) => Int32Array } = {},
): { label: string | null; ids: UnitIds; offset: number; orientation: "column" | "row" } {
  const mode = options.header ?? "auto";
  const fast = viaColumn(value, () => readUnitColumn(value as unknown[][], argument, mode, options.into));
  if (fast !== null) return fast;
  const r = readTextVector(value, argument, { header: mode });
  const ids = new UnitIds(r.values.length, options.into?.(r.values.length));
  for (let k = 0; k < r.values.length; k++) ids.set(k, r.values[k]);
  return { label: r.label, ids, offset: r.offset, orientation: r.orientation };
}

/** readUnitIds on a column of one-cell rows in one pass; null when a row is not a one-cell array. */
function readUnitColumn(rows: unknown[][], argument: string, mode: HeaderMode, into?: (n: number) => Int32Array): ReturnType<typeof readUnitIds> | null {
  const head = columnHeader(rows, argument, mode);
  if (head === null) return null;
  const { offset, label } = head;
  const n = rows.length;
  const ids = new UnitIds(n - offset, into?.(n - offset));
  let previous: unknown = undefined;
  let key: number | string = 0;
  for (let i = offset; i < n; i++) {
    const r = rows[i];
    if (!Array.isArray(r) || r.length !== 1) return null;
    const v: unknown = r[0];
    // the cell above's category when the cell is the same value (same number, equal text)
    if (i === offset || v !== previous) {
      const q = quickCategory(v);
      key = q !== undefined ? q : categoryCell(v, argument, { row: i });
      previous = v;
    }
    ids.set(i - offset, key);
  }
  return { label, ids, offset, orientation: "column" };
}

/** A finite number is read as itself by every reader (what classifyCell makes of it). */
function quickNumber(v: unknown): number | undefined {
  return typeof v === "number" && v - v === 0 ? v : undefined;
}

/**
 * A category cell that classifyCell would take as this very text: it starts with a letter (so
 * it is neither a number, an error code nor blank) and trim() has nothing to remove at either end.
 */
function quickCategory(v: unknown): number | string | undefined {
  if (typeof v === "number") return quickNumber(v);
  if (typeof v !== "string" || v.length === 0) return undefined;
  return isLetter(v.charCodeAt(0)) && isPrintable(v.charCodeAt(v.length - 1)) ? v : undefined;
}

/** A-Z, a-z, or a character from U+3001 on (CJK and most scripts; not U+3000, U+FEFF: white space). */
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 0x3000 && c !== 0xfeff);
}

/** Visible ASCII, or a character from U+3001 on other than U+FEFF: nothing trim() removes. */
function isPrintable(c: number): boolean {
  return (c > 32 && c < 127) || (c > 0x3000 && c !== 0xfeff);
}

/**
 * Read a numeric vector from a one-row or one-column range (a scalar is a vector of one). With
 * header "auto" (default) the first cell is a label when it is text and the second a number.
 * Messages say "x row 3" for a column and "x column 3" for a row; same cell rules as readMatrix.
 */
export function readVector<O extends ReadOptions = Record<never, never>>(value: unknown, argument: string, options?: O): VectorRead<ReadCell<O>> {
  const opts: ReadOptions = options ?? {};
  return readLine(
    value,
    argument,
    opts.header ?? "auto",
    (v, at) => numericCell(v, argument, at, opts) as ReadCell<O>,
    quickNumber as (v: unknown) => ReadCell<O> | undefined,
  );
}

/**
 * Read a categorical vector (a factor for the geodetector): numbers stay numbers, numbers stored
 * as text become numbers (so 1 and "1" are one category), text is trimmed, TRUE/FALSE become
 * "TRUE"/"FALSE"; blanks and error values are errors naming the cell. Header as readVector; to
 * keep rows aligned with a numeric argument, pass that argument's decision explicitly
 * (`header: y.offset ? "yes" : "no"`).
 */
export function readTextVector(value: unknown, argument: string, options: { header?: HeaderMode } = {}): VectorRead<number | string> {
  return readLine(value, argument, options.header ?? "auto", (v, at) => categoryCell(v, argument, at), quickCategory);
}

/** One column for readColumnsAtOnce: the range, its argument name, and where its values go. */
export interface ColumnToRead<T> {
  value: unknown;
  argument: string;
  into: (n: number) => T;
}

/** What readColumnsAtOnce gives: per numeric column its label and values, the units' label and ids. */
export interface ColumnsRead {
  offset: number;
  labels: Array<string | null>;
  values: Float64Array[];
  unitsLabel: string | null;
  ids: UnitIds | null;
}

/**
 * Several columns of one-cell rows read in one pass, row by row (COORD.HAKENFIT's q1, q2, times
 * and units: the cells of one row lie together in memory, so one pass over 4·10⁶ cells takes
 * ~40 % less time than four passes): `numbers` into Float64Arrays and `units` (or none) into
 * UnitIds, the header decision `mode` taken on the first numeric column and given to the others
 * as "yes" or "no" (as the caller's readFloatVector / readUnitIds calls do). The common case only:
 * every column a range of one-cell rows of the same height, the last row not blank, every data
 * cell a finite number (numbers) or a category cell taken as it is (units: quickCategory). null
 * in any other case, and instead of any error: the caller then reads column by column, which
 * gives the same values (see tests) and the message of the first cell at fault in its order.
 *
 * @example
 * const r = readColumnsAtOnce([{ value: [["x"], [1], [2]], argument: "x", into: (n) => new Float64Array(n) }], { value: [["unit"], ["a"], ["b"]], argument: "units", into: (n) => new Int32Array(n) }, "auto");
 * [r!.labels, Array.from(r!.values[0]), r!.unitsLabel, r!.ids!.keys]; // => [["x"], [1, 2], "unit", ["a", "b"]]
 */
export function readColumnsAtOnce(numbers: ColumnToRead<Float64Array>[], units: ColumnToRead<Int32Array> | null, mode: HeaderMode): ColumnsRead | null {
  const columns = units ? [...numbers.map((c) => c.value), units.value] : numbers.map((c) => c.value);
  const height = Array.isArray(columns[0]) ? columns[0].length : 0;
  for (const v of columns) {
    if (!Array.isArray(v) || v.length !== height || height === 0) return null;
    const last = v[height - 1];
    if (!Array.isArray(last) || last.length !== 1 || isBlank(last[0])) return null;
  }
  try {
    const first = columnHeader(numbers[0].value as unknown[][], numbers[0].argument, mode);
    if (first === null) return null;
    const { offset } = first;
    const rest: HeaderMode = offset ? "yes" : "no";
    const labels: Array<string | null> = [first.label];
    for (let c = 1; c < numbers.length; c++) {
      const h = columnHeader(numbers[c].value as unknown[][], numbers[c].argument, rest);
      if (h === null) return null;
      labels.push(h.label);
    }
    let unitsLabel: string | null = null;
    if (units) {
      const h = columnHeader(units.value as unknown[][], units.argument, rest);
      if (h === null) return null;
      unitsLabel = h.label;
    }
    const n = height - offset;
    const values = numbers.map((c) => c.into(n));
    // three numeric columns and the units (COORD.HAKENFIT) in one loop of their own; other shapes column by column
    const ids = units ? new UnitIds(n, units.into(n)) : null;
    const rows = numbers.map((c) => c.value as unknown[][]);
    const ok =
      numbers.length === 3 && units
        ? threeNumbersAndUnits(rows[0], rows[1], rows[2], units.value as unknown[][], offset, values[0], values[1], values[2], ids!)
        : rows.every((r, c) => finiteColumn(r, offset, values[c])) && (!units || unitColumn(units.value as unknown[][], offset, ids!));
    return ok ? { offset, labels, values, unitsLabel, ids } : null;
  } catch {
    return null;
  }
}

/** A one-cell row's finite number, or NaN when the row or cell is anything else. */
function finiteCell(r: unknown): number {
  if (!Array.isArray(r) || r.length !== 1) return NaN;
  const v: unknown = r[0];
  return typeof v === "number" && v - v === 0 ? v : NaN;
}

/** out[i - offset] = the finite number of row i; false at the first row that is not one. */
function finiteColumn(rows: unknown[][], offset: number, out: Float64Array): boolean {
  for (let i = offset; i < rows.length; i++) {
    const v = finiteCell(rows[i]);
    if (v !== v) return false;
    out[i - offset] = v;
  }
  return true;
}

/** readUnitColumn's step for one row after another: the category of a one-cell row into ids. */
class UnitRows {
  private previous: unknown = undefined;
  private key: number | string = 0;
  constructor(private readonly ids: UnitIds) {}

  /** ids.set(k, the row's category); false when the row is not one cell that quickCategory takes. */
  add(r: unknown, k: number): boolean {
    if (!Array.isArray(r) || r.length !== 1) return false;
    const v: unknown = r[0];
    // the cell above's category when the cell is the same value (same number, equal text)
    if (k === 0 || v !== this.previous) {
      const q = quickCategory(v);
      if (q === undefined) return false;
      this.key = q;
      this.previous = v;
    }
    this.ids.set(k, this.key);
    return true;
  }
}

/** The categories of rows offset.. into ids; false at the first row UnitRows does not take. */
function unitColumn(rows: unknown[][], offset: number, ids: UnitIds): boolean {
  const units = new UnitRows(ids);
  for (let i = offset; i < rows.length; i++) if (!units.add(rows[i], i - offset)) return false;
  return true;
}

/** finiteColumn on a, b and c and unitColumn on u, row by row. */
function threeNumbersAndUnits(
  a: unknown[][],
  b: unknown[][],
  c: unknown[][],
  u: unknown[][],
  offset: number,
  outA: Float64Array,
  outB: Float64Array,
  outC: Float64Array,
  ids: UnitIds,
): boolean {
  const units = new UnitRows(ids);
  for (let i = offset; i < a.length; i++) {
    const x = finiteCell(a[i]);
    const y = finiteCell(b[i]);
    const t = finiteCell(c[i]);
    if (x !== x || y !== y || t !== t) return false; // NaN: not a finite number
    outA[i - offset] = x;
    outB[i - offset] = y;
    outC[i - offset] = t;
    if (!units.add(u[i], i - offset)) return false;
  }
  return true;
}
