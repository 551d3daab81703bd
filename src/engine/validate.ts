import { CoordError, cellLabel } from "./errors";

/** Describe a bad cell value for a message: `text 'n/a'`, `NaN`, `empty`, `Infinity`. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "an empty cell";
  if (typeof v === "string") return `text '${v}'`;
  if (typeof v === "boolean") return `the logical ${v ? "TRUE" : "FALSE"}`;
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  return typeof v;
}

/** Throw unless `v` is a finite number; the message names argument, row and column. */
export function assertFinite(v: unknown, argument: string, row?: number, column?: number | string): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  const missing = v === null || v === undefined || v === "";
  throw new CoordError(missing ? "MISSING" : "NOT_NUMERIC", `${cellLabel(argument, row, column)}: ${describeValue(v)} is not a number`, {
    argument,
    row,
    column,
  });
}

/** Check a numeric vector: non-empty, every entry finite. Returns it as a Float64Array. */
export function finiteVector(x: ArrayLike<unknown>, argument: string, minLength = 1): Float64Array {
  if (!x || x.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  if (x.length < minLength) throw new CoordError("TOO_FEW", `${argument} has ${x.length} values; at least ${minLength} are needed`, { argument });
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = assertFinite(x[i], argument, i);
  return out;
}

/**
 * Check a rectangular numeric matrix (rows x columns): non-empty, rectangular, every entry
 * finite. `columnNames` (optional) are used in messages instead of column numbers.
 */
export function finiteMatrix(x: ArrayLike<ArrayLike<unknown>>, argument: string, columnNames?: string[]): number[][] {
  if (!x || x.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const cols = x[0].length;
  if (cols === 0) throw new CoordError("EMPTY", `${argument} has no columns`, { argument });
  const out: number[][] = new Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const row = x[i];
    if (row.length !== cols) throw new CoordError("LENGTH", `${argument} row ${i + 1} has ${row.length} values; row 1 has ${cols}`, { argument, row: i });
    const r = new Array<number>(cols);
    for (let j = 0; j < cols; j++) r[j] = assertFinite(row[j], argument, i, columnNames ? columnNames[j] : j);
    out[i] = r;
  }
  return out;
}

/** Throw unless two arrays have the same length. */
export function assertSameLength(a: { readonly length: number }, b: { readonly length: number }, nameA: string, nameB: string): void {
  if (a.length !== b.length) throw new CoordError("LENGTH", `${nameA} has ${a.length} values but ${nameB} has ${b.length}`, { argument: nameB });
}

/** Throw an OPTION error unless `value` is one of `allowed`. */
export function assertOption<T extends string>(value: string, allowed: readonly T[], argument: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CoordError("OPTION", `${argument} must be one of ${allowed.join(", ")}; got '${value}'`, { argument });
}
