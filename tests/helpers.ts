/**
 * Shared test helpers: loading the index reference values (tests/fixtures/indices, computed by
 * an independent numpy/scipy implementation of METHODS.md), comparing numbers at a stated
 * tolerance (never vacuously), and asserting typed engine errors.
 */
import * as fs from "fs";
import * as path from "path";
import { CoordError } from "../src/engine/errors";

export const FIXTURES = path.join(__dirname, "fixtures");

/**
 * A path under the shared folder beside the repo (../shared), or under COORDLAB_SHARED when set
 * (e.g. to an empty folder, to see that the tests that need it skip).
 */
export function sharedPath(...parts: string[]): string {
  return path.resolve(process.env.COORDLAB_SHARED ?? path.join(__dirname, "..", "..", "shared"), ...parts);
}

/** A JSON file of tests/fixtures/indices. */
export function loadFixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, "indices", name), "utf8"));
}

/** Largest absolute difference; throws on a length mismatch so a comparison can never be vacuous. */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} vs expected ${expected.length}`);
  if (expected.length === 0) throw new Error("empty expected vector");
  let m = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/** Expect two vectors (or matrices, flattened) to agree within `tol` absolute. */
export function expectAllClose(actual: ArrayLike<number> | number[][], expected: ArrayLike<number> | number[][], tol: number, label = ""): void {
  const a = Array.isArray(actual) && Array.isArray(actual[0]) ? (actual as number[][]).flat() : (actual as ArrayLike<number>);
  const e = Array.isArray(expected) && Array.isArray(expected[0]) ? (expected as number[][]).flat() : (expected as ArrayLike<number>);
  const d = maxAbsDiff(a, e);
  if (!(d <= tol)) throw new Error(`${label}: max |difference| ${d} exceeds ${tol}`);
}

/**
 * Expect `fn` to throw a CoordError with this code and a message equal to `text` (a string;
 * `contains` to accept it as part of the message) or matching it (a RegExp).
 */
export function expectCoordError(fn: () => unknown, code: string, text: string | RegExp, contains = true): CoordError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CoordError);
  const err = caught as CoordError;
  expect(err.code).toBe(code);
  if (text instanceof RegExp) expect(err.message).toMatch(text);
  else if (contains) expect(err.message).toContain(text);
  else expect(err.message).toBe(text);
  return err;
}

/** As expectCoordError, with the message exactly `text` (or matching the RegExp). */
export function expectCoordErrorExact(fn: () => unknown, code: string, text: string | RegExp): CoordError {
  return expectCoordError(fn, code, text, false);
}

/** "CODE: message" of the CoordError `f` throws, "other: ..." for any other error, or "no error". */
export function errorText(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof CoordError ? `${e.code}: ${e.message}` : `other: ${String(e)}`;
  }
  return "no error";
}

/** Run the command line in-process; stdout and stderr lines are collected. */
export async function runCli(
  main: (argv: string[], out: (s: string) => void, err: (s: string) => void) => Promise<number>,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}
