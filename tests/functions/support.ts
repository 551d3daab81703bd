/**
 * Helpers for the custom function tests: Excel-shaped inputs (header rows, numbers stored as
 * text, blanks below whole-column selections), reading spilled results, and asserting the
 * CoordError an impl throws or the Excel error value a wrapper returns (in Node the adapter's
 * stand-in for CustomFunctions.Error: { code, message }).
 */
import { CoordError } from "../../src/engine/errors";

export { loadFixture } from "../helpers";

/**
 * A matrix as Excel passes a selection of whole columns: an optional header row, every
 * `textEvery`-th number stored as text (" 1,234.5 " style is left to the adapter tests: here
 * String(x), which must round-trip exactly), and `blankRows` rows of nulls below.
 */
export function excelRange(X: number[][], labels?: string[], opts: { textEvery?: number; blankRows?: number } = {}): unknown[][] {
  const every = opts.textEvery ?? 7;
  let k = 0;
  const body = X.map((r) => r.map((v) => (++k % every === 0 ? String(v) : v)));
  const width = X[0].length;
  const blanks = Array.from({ length: opts.blankRows ?? 3 }, (_, i) => new Array(width).fill(i % 2 ? "" : null));
  return [...(labels ? [labels] : []), ...body, ...blanks];
}

/** A column range from a vector (header cell optional). */
export function excelColumn(v: ReadonlyArray<unknown>, label?: string): unknown[][] {
  return [...(label === undefined ? [] : [[label]]), ...v.map((x) => [x])];
}

/** Run `f`, expect a CoordError, and return it. */
export function caught(f: () => unknown): CoordError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CoordError);
    return e as CoordError;
  }
  throw new Error("expected a CoordError, nothing was thrown");
}

/** Expect an impl to throw a CoordError with this code and exact message. */
export function expectThrows(f: () => unknown, code: string, message: string | RegExp): CoordError {
  const e = caught(f);
  expect(e.code).toBe(code);
  if (typeof message === "string") expect(e.message).toBe(message);
  else expect(e.message).toMatch(message);
  return e;
}

/** Expect a wrapper's result to be an Excel error value (the stand-in's { code, message }). */
export function expectErrorValue(result: unknown, code: "#VALUE!" | "#N/A", message: string | RegExp): void {
  expect(Array.isArray(result)).toBe(false);
  const r = result as { code?: unknown; message?: unknown };
  expect(r.code).toBe(code);
  if (typeof message === "string") expect(r.message).toBe(message);
  else expect(String(r.message)).toMatch(message);
}

/** Every cell of a spill is a number, a string, a boolean or an error object: never null, NaN, undefined. */
export function expectExcelSafe(spill: unknown): void {
  expect(Array.isArray(spill)).toBe(true);
  const rows = spill as unknown[][];
  expect(rows.length).toBeGreaterThan(0);
  const width = rows[0].length;
  for (const r of rows) {
    expect(r.length).toBe(width);
    for (const v of r) {
      const ok =
        (typeof v === "number" && Number.isFinite(v)) ||
        typeof v === "string" ||
        typeof v === "boolean" ||
        (typeof v === "object" && v !== null && typeof (v as { code?: unknown }).code === "string");
      if (!ok) throw new Error(`unsafe cell ${String(v)} in result`);
    }
  }
}

/** Numbers of one column of a spill (from row `from`). */
export function numbersInColumn(spill: unknown[][], j: number, from = 0): number[] {
  return spill.slice(from).map((r, i) => {
    const v = r[j];
    if (typeof v !== "number") throw new Error(`row ${i + from + 1}, column ${j + 1} is not a number: ${String(v)}`);
    return v;
  });
}

/** |actual - expected| ≤ tol for every entry (lengths must match, never vacuous). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, label = ""): void {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length} vs expected ${expected.length}`);
  if (expected.length === 0) throw new Error(`${label}: empty expected`);
  for (let i = 0; i < expected.length; i++)
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) throw new Error(`${label}[${i}]: got ${actual[i]}, expected ${expected[i]} (tol ${tol})`);
}

/** Relative agreement (p-values, SE): |a - e| ≤ rel·|e|; an expected 0 (underflow) needs a tiny actual. */
export function expectRel(actual: number, expected: number, rel: number, label = ""): void {
  const ok = expected === 0 ? actual >= 0 && actual < 1e-300 : Math.abs(actual - expected) <= rel * Math.abs(expected);
  if (!ok) throw new Error(`${label}: got ${actual}, expected ${expected} (rel ${rel})`);
}
