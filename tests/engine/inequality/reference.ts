/**
 * The inequality reference values (../shared/reference/inequality, an independent numpy/scipy
 * implementation cross-checked against PySAL giddy; conventions and tolerances in its README),
 * the data they were computed from, and the dense China queen matrix for spatial lags. Read at
 * run time from ../shared beside the project; `present` is false (and the tests that need them
 * skip, saying why) where that folder is absent.
 */
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../../../src/report/csv";
import { sharedPath } from "../../helpers";

export const SHARED = sharedPath();
export const REF_DIR = path.join(SHARED, "reference", "inequality", "expected");
const FILES = [
  path.join(REF_DIR, "seed-table3.json"),
  path.join(REF_DIR, "sample-panel.json"),
  path.join(SHARED, "data", "china-provinces-W-queen-hainan-guangdong.csv"),
  path.join(SHARED, "data", "sample-panel.csv"),
  path.join(SHARED, "data", "sample-panel.roles.json"),
];
export const present = FILES.every((f) => fs.existsSync(f));

/** describe, or describe.skip with a warning naming what is missing. */
export function describeRef(name: string): jest.Describe {
  if (!present)
    console.warn(
      `${name}: inequality reference tests skipped: ${FILES.filter((f) => !fs.existsSync(f)).join(", ")} not found (../shared is not beside the project)`,
    );
  return present ? describe : describe.skip;
}

type Json = any;
let seedCache: Json;
let sampleCache: Json;
export function seedRef(): Json {
  return (seedCache ??= JSON.parse(fs.readFileSync(FILES[0], "utf8")));
}
export function sampleRef(): Json {
  return (sampleCache ??= JSON.parse(fs.readFileSync(FILES[1], "utf8")));
}

/** JSON "inf" -> null (our representation of an infinite first passage time). */
export function infToNull(m: Array<Array<number | string>>): Array<Array<number | null>> {
  return m.map((r) => r.map((v) => (v === "inf" ? null : (v as number))));
}

/** The China queen matrix (31 x 31, 0/1) with its province names, as in the CSV. */
export function chinaW(): { names: string[]; W: number[][] } {
  const cells = parseCsv(fs.readFileSync(FILES[2], "utf8"));
  const names = cells.slice(1).map((r) => String(r[0]));
  const W = cells.slice(1).map((r) => r.slice(1).map((v) => Number(v)));
  return { names, W };
}

/** Absolute tolerance (Dagum, P, steady states, Q, LR) and relative (mean first passage times). */
export const ABS = 1e-12;
export const REL = 1e-10;

/** Expect numbers (or null for ∞) to agree: null exactly, numbers within tol (relative when `relative`). */
export function expectMatrixClose(
  actual: ReadonlyArray<ReadonlyArray<number | null>>,
  expected: ReadonlyArray<ReadonlyArray<number | null>>,
  tol: number,
  label: string,
  relative = false,
): void {
  expect(actual.length).toBe(expected.length);
  expect(expected.length).toBeGreaterThan(0);
  for (let i = 0; i < expected.length; i++) {
    expect(actual[i].length).toBe(expected[i].length);
    for (let j = 0; j < expected[i].length; j++) {
      const a = actual[i][j];
      const e = expected[i][j];
      if (e === null || a === null) {
        if (a !== e) throw new Error(`${label} [${i}][${j}]: ${a} vs expected ${e === null ? "∞" : e}`);
        continue;
      }
      const d = Math.abs(a - e);
      const bound = relative ? tol * Math.abs(e) : tol;
      if (!(d <= bound)) throw new Error(`${label} [${i}][${j}]: ${a} vs expected ${e} (|diff| ${d} > ${bound})`);
    }
  }
}

/** Vector version of expectMatrixClose. */
export function expectVectorClose(
  actual: ReadonlyArray<number | null>,
  expected: ReadonlyArray<number | null>,
  tol: number,
  label: string,
  relative = false,
): void {
  expectMatrixClose([actual], [expected], tol, label, relative);
}
