import { CoordError, cellLabel } from "./errors";
import { assertFinite, assertOption, assertSameLength, finiteMatrix } from "./validate";

/** Direction of an indicator: benefit ("+", larger is better) or cost ("-"). */
export type Direction = "+" | "-";
/** Rows pooled for min and max: all rows (default) or the rows of each period. */
export type Scope = "global" | "per-period";
/** A period label, e.g. a year; labels are compared as text, so 2011 and "2011" are one period. */
export type PeriodLabel = string | number;

export interface StandardizeOptions {
  /** One direction per column; default all "+". */
  directions?: ArrayLike<string>;
  /** "global" (default: min/max over all rows, the time trend survives) or "per-period". */
  scope?: Scope;
  /** One period label per row; required with scope "per-period". */
  periods?: ArrayLike<unknown>;
  /** Shift z' = z + δ (default 0). Cannot be combined with `rescale`. */
  shift?: number;
  /** Rescale to [a, b]: z' = a + (b - a)·z (SPSSAU uses [0.01, 0.99]). */
  rescale?: readonly [number, number] | number[];
  /** A column with max = min: "error" (default, names the column), or z = 0, or z = 1. */
  constant?: "error" | 0 | 1;
  /** Column names used in messages instead of column numbers. */
  columnNames?: ArrayLike<string>;
}

/** The rows pooled together in one calculation (all rows, or the rows of one period). */
export interface StandardizePool {
  /** The period label, or null for the global pool. */
  period: PeriodLabel | null;
  /** 0-based indices of the rows in this pool, in input order. */
  rows: number[];
  /** Column minima and maxima over the rows of this pool. */
  min: number[];
  max: number[];
  /** 0-based indices of the columns with max = min in this pool (only with `constant` 0 or 1). */
  constantColumns: number[];
}

export interface StandardizeResult {
  /** Standardized matrix, after shift or rescale (rows x columns). */
  z: number[][];
  /** Plain min-max z before shift or rescale (equal to `z` when neither is set). */
  zUnshifted: number[][];
  /** Column minima and maxima over all rows (for scope "global" these are the ones used). */
  min: number[];
  max: number[];
  /** The pools: one for scope "global", one per period (in order of first appearance) otherwise. */
  pools: StandardizePool[];
  directions: Direction[];
  scope: Scope;
  shift: number;
  rescale: [number, number] | null;
}

const STANDARDIZE_KEYS = ["directions", "scope", "periods", "shift", "rescale", "constant", "columnNames"] as const;

/** @internal Throw an OPTION error for an option key that the function does not know. */
export function assertKnownOptions(options: object | undefined, allowed: readonly string[], fn: string): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object") throw new CoordError("OPTION", `${fn}: options must be an object; got ${typeof options}`, { argument: "options" });
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    if (key === "k")
      throw new CoordError(
        "OPTION",
        `${fn}: option 'k' is not offered: k = 1/ln(n) with n the rows pooled (METHODS.md M2); ` + `k = 1/ln(T) on pooled data gives e > 1`,
        { argument: "k" },
      );
    throw new CoordError("OPTION", `${fn}: unknown option '${key}'; known options: ${allowed.join(", ")}`, {
      argument: key,
    });
  }
}

/** @internal Label of column j for messages: its name when given, else its 0-based index. */
export function columnRef(columnNames: ArrayLike<string> | undefined, j: number): number | string {
  return columnNames && columnNames[j] !== undefined ? String(columnNames[j]) : j;
}

/** @internal "column \"GDP\"" or "column 3" (1-based). */
export function columnText(columnNames: ArrayLike<string> | undefined, j: number): string {
  const c = columnRef(columnNames, j);
  return typeof c === "number" ? `column ${c + 1}` : `column "${c}"`;
}

/** @internal Check column names: as many as columns. */
export function checkColumnNames(columnNames: ArrayLike<string> | undefined, cols: number): string[] | undefined {
  if (columnNames === undefined) return undefined;
  if (columnNames.length !== cols)
    throw new CoordError("LENGTH", `columnNames has ${columnNames.length} names but data has ${cols} columns`, {
      argument: "columnNames",
    });
  return Array.from(columnNames, (s) => String(s));
}

/** @internal Check the directions: one "+" or "-" per column; default all "+". */
export function checkDirections(directions: ArrayLike<string> | undefined, cols: number, columnNames?: ArrayLike<string>): Direction[] {
  if (directions === undefined) return new Array<Direction>(cols).fill("+");
  if (directions.length !== cols)
    throw new CoordError("LENGTH", `directions has ${directions.length} values but data has ${cols} columns`, {
      argument: "directions",
    });
  const out = new Array<Direction>(cols);
  for (let j = 0; j < cols; j++) {
    const d = directions[j];
    if (d !== "+" && d !== "-")
      throw new CoordError("OPTION", `directions, ${columnText(columnNames, j)}: must be '+' (benefit) or '-' (cost); got '${String(d)}'`, {
        argument: "directions",
        column: columnRef(columnNames, j),
      });
    out[j] = d;
  }
  return out;
}

/**
 * @internal Group rows into pools: one global pool, or one pool per period label (labels
 * compared as text, pools in order of first appearance). Checks `periods` against `rows`.
 */
export function poolRows(rows: number, scope: Scope, periods: ArrayLike<unknown> | undefined): { period: PeriodLabel | null; rows: number[] }[] {
  if (scope === "global") {
    if (periods !== undefined) assertSameLength({ length: rows }, periods, "data", "periods");
    const all = new Array<number>(rows);
    for (let i = 0; i < rows; i++) all[i] = i;
    return [{ period: null, rows: all }];
  }
  if (periods === undefined)
    throw new CoordError("OPTION", `scope 'per-period' needs periods: one period label per data row`, {
      argument: "periods",
    });
  if (periods.length !== rows)
    throw new CoordError("LENGTH", `periods has ${periods.length} labels but data has ${rows} rows`, {
      argument: "periods",
    });
  const byKey = new Map<string, { period: PeriodLabel; rows: number[] }>();
  for (let i = 0; i < rows; i++) {
    const p = periods[i];
    const ok = (typeof p === "number" && Number.isFinite(p)) || (typeof p === "string" && p.trim() !== "");
    if (!ok)
      throw new CoordError(
        p === null || p === undefined || p === "" ? "MISSING" : "NOT_NUMERIC",
        `periods row ${i + 1}: ${p === null || p === undefined || p === "" ? "the period label is missing" : `'${String(p)}' is not a period label`}`,
        { argument: "periods", row: i },
      );
    const key = String(p);
    let pool = byKey.get(key);
    if (!pool) {
      pool = { period: p as PeriodLabel, rows: [] };
      byKey.set(key, pool);
    }
    pool.rows.push(i);
  }
  return Array.from(byKey.values());
}

/** @internal Check the shift / rescale options; returns the normalised pair. */
export function checkShiftRescale(shift: unknown, rescale: unknown): { shift: number; rescale: [number, number] | null } {
  const s = shift === undefined ? 0 : assertFinite(shift, "shift");
  let r: [number, number] | null = null;
  if (rescale !== undefined) {
    if (!Array.isArray(rescale) || rescale.length !== 2)
      throw new CoordError("OPTION", `rescale must be a pair [a, b], e.g. [0.01, 0.99]`, { argument: "rescale" });
    const a = assertFinite(rescale[0], "rescale", undefined, 0);
    const b = assertFinite(rescale[1], "rescale", undefined, 1);
    if (!(a < b)) throw new CoordError("OPTION", `rescale [a, b] needs a < b; got [${a}, ${b}]`, { argument: "rescale" });
    r = [a, b];
    if (s !== 0) throw new CoordError("OPTION", `shift and rescale cannot be combined: choose one`, { argument: "shift" });
  }
  return { shift: s, rescale: r };
}

/**
 * Rows as given when every row is an array of finite numbers of the same length (standardize
 * only reads them: no copy of a large matrix), else finiteMatrix's validated copy (or its error
 * naming the cell).
 */
function finiteRows(matrix: ArrayLike<ArrayLike<unknown>>, argument: string, names: string[] | undefined): ArrayLike<number>[] {
  const cols = matrix[0] ? matrix[0].length : 0;
  for (let i = 0; i < matrix.length && cols > 0; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== cols) return finiteMatrix(matrix, argument, names);
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== "number" || v - v !== 0) return finiteMatrix(matrix, argument, names); // v - v = 0 only for finite v
    }
  }
  return cols > 0 ? (matrix as ArrayLike<number>[]) : finiteMatrix(matrix, argument, names);
}

/**
 * One row of min-max z (METHODS.md M1): benefit (x - min)/(max - min), cost (max - x)/(max - min),
 * and `constant` for a column with range = max - min = 0.
 *
 * @example
 * minMaxRow([2, 30], [1, 10], [4, 30], Float64Array.from([3, 20]), [true, false], 0); // => [0.3333333333333333, 0]
 */
function minMaxRow(row: ArrayLike<number>, min: number[], max: number[], range: Float64Array, benefit: boolean[], constant: 0 | 1): number[] {
  const cols = min.length;
  const z = new Array<number>(cols);
  for (let j = 0; j < cols; j++) {
    if (range[j] === 0) z[j] = constant;
    else z[j] = benefit[j] ? (row[j] - min[j]) / range[j] : (max[j] - row[j]) / range[j];
  }
  return z;
}

/** @internal The checked inputs of M1 standardization (see standardizeInputs). */
export interface StandardizeInputs {
  /** The rows: the input's own arrays when all are finite numbers, else a validated copy. */
  x: ArrayLike<number>[];
  cols: number;
  names: string[] | undefined;
  directions: Direction[];
  scope: Scope;
  constant: "error" | 0 | 1;
  shift: number;
  rescale: [number, number] | null;
  groups: { period: PeriodLabel | null; rows: number[] }[];
}

/**
 * @internal The checks of standardize (after its option-key check), in its order and with its
 * messages: empty data, column names, finite cells, directions, scope, constant, shift/rescale,
 * periods. Shared with the entropy weights-only path so that both reject the same inputs alike.
 * `rowsChecked` skips the finite-cells check for rows the caller has already checked.
 */
export function standardizeInputs(matrix: ArrayLike<ArrayLike<unknown>>, options: StandardizeOptions, rowsChecked = false): StandardizeInputs {
  if (!matrix || matrix.length === 0) throw new CoordError("EMPTY", `data is empty`, { argument: "data" });
  const cols = matrix[0] ? matrix[0].length : 0;
  const names = checkColumnNames(options.columnNames, cols);
  // rowsChecked: the caller has checked that every row is an array of `cols` finite numbers
  const x = rowsChecked ? (matrix as ArrayLike<number>[]) : finiteRows(matrix, "data", names);
  const directions = checkDirections(options.directions, cols, names);
  const scope = assertOption(options.scope ?? "global", ["global", "per-period"] as const, "scope");
  const constant = options.constant ?? "error";
  if (constant !== "error" && constant !== 0 && constant !== 1)
    throw new CoordError("OPTION", `constant must be one of 'error', 0, 1; got '${String(constant)}'`, {
      argument: "constant",
    });
  const { shift, rescale } = checkShiftRescale(options.shift, options.rescale);
  const groups = poolRows(x.length, scope, options.periods);
  return { x, cols, names, directions, scope, constant, shift, rescale, groups };
}

/**
 * @internal Column minima and maxima over the given rows (M1), row by row (each row is one
 * array): the same comparisons in the same row order per column as column by column.
 */
export function poolMinMax(x: ArrayLike<ArrayLike<number>>, rows: number[], cols: number): { min: number[]; max: number[] } {
  const min = new Array<number>(cols).fill(Infinity);
  const max = new Array<number>(cols).fill(-Infinity);
  for (const i of rows) {
    const row = x[i];
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  return { min, max };
}

/**
 * Min-max standardization with indicator directions (METHODS.md M1): for a benefit column
 * z = (x - min)/(max - min), for a cost column z = (max - x)/(max - min), min and max taken over
 * the rows pooled (all rows, or the rows of each period); then optionally z + δ or a + (b - a)z.
 *
 * @example
 * standardize([[1, 10], [2, 30], [4, 20]], { directions: ["+", "-"] }).z; // =>
 * // [[0, 1], [0.3333333333333333, 0], [1, 0.5]]
 */
export function standardize(matrix: ArrayLike<ArrayLike<unknown>>, options: StandardizeOptions = {}): StandardizeResult {
  assertKnownOptions(options, STANDARDIZE_KEYS, "standardize");
  const { x, cols, names, directions, scope, constant, shift, rescale, groups } = standardizeInputs(matrix, options);

  const n = x.length;
  const zUnshifted: number[][] = new Array<number[]>(n);
  const pools: StandardizePool[] = [];
  for (const g of groups) {
    const { min, max } = poolMinMax(x, g.rows, cols);
    const constantColumns: number[] = [];
    for (let j = 0; j < cols; j++) {
      const range = max[j] - min[j];
      if (!Number.isFinite(range)) {
        // max - min overflows (values near ±1e308): name the cell holding the larger magnitude
        const big = Math.abs(max[j]) >= Math.abs(min[j]) ? max[j] : min[j];
        const row = g.rows.find((i) => x[i][j] === big)!;
        throw new CoordError(
          "RANGE",
          `${cellLabel("data", row, columnRef(names, j))}: ${big} is too large to compute with (the column's range ${min[j]} to ${max[j]} overflows); rescale the column (e.g. divide it by 1,000)`,
          { argument: "data", row, column: columnRef(names, j) },
        );
      }
      if (range === 0) {
        if (constant === "error") {
          const inPeriod = g.period === null ? "" : ` in period ${g.period}`;
          throw new CoordError(
            "CONSTANT",
            `data ${columnText(names, j)} is constant${inPeriod} (every value is ${min[j]}): min-max standardization is undefined; ` +
              `remove the column: it carries no information`,
            { argument: "data", column: columnRef(names, j) },
            {
              key: g.period === null ? "error.constantColumn" : "error.constantColumnInPeriod",
              params: { column: String(columnRef(names, j)), value: min[j], ...(g.period === null ? {} : { period: String(g.period) }) },
            },
          );
        }
        constantColumns.push(j);
      }
    }
    const range = Float64Array.from(min, (lo, j) => max[j] - lo);
    const benefit = directions.map((d) => d === "+");
    const fill = constant === "error" ? 0 : constant;
    for (const i of g.rows) zUnshifted[i] = minMaxRow(x[i], min, max, range, benefit, fill);
    pools.push({ period: g.period, rows: g.rows, min, max, constantColumns });
  }

  let z = zUnshifted;
  if (rescale) {
    const [a, b] = rescale;
    z = zUnshifted.map((row) => row.map((v) => a + (b - a) * v)); // M1 option: a + (b - a)z
  } else if (shift !== 0) {
    z = zUnshifted.map((row) => row.map((v) => v + shift)); // M1 option: z + δ
  }

  let min: number[];
  let max: number[];
  if (pools.length === 1) {
    min = pools[0].min;
    max = pools[0].max;
  } else {
    min = new Array<number>(cols).fill(Infinity);
    max = new Array<number>(cols).fill(-Infinity);
    for (const p of pools)
      for (let j = 0; j < cols; j++) {
        if (p.min[j] < min[j]) min[j] = p.min[j];
        if (p.max[j] > max[j]) max[j] = p.max[j];
      }
  }
  return { z, zUnshifted, min, max, pools, directions, scope, shift, rescale };
}
