import { CoordError, cellLabel } from "./errors";
import { assertFinite, assertOption, finiteMatrix, finiteVector } from "./validate";

/**
 * Coupling degree C, coordination index T and coupling coordination degree D of n ≥ 2
 * subsystem scores per row (METHODS.md §5, M5).
 *
 * Forms of C (row u = (U_1..U_n), all U_i ≥ 0):
 * - `standard` (default): 2 systems C = 2√(U1·U2)/(U1 + U2); n systems C = n·(Π U_i)^(1/n) / Σ U_i.
 * - `modified` (Wang Shujia et al. 2021, J. Nat. Resour. 36(3)):
 *   C = √{[1 - Σ_{i>j}|U_i - U_j| / Σ_{m=1}^{n-1} m] · [Π (U_i / max U)]^(1/(n-1))}.
 * - `fan`: C = 1 - 2·sd_pop(U) (2 systems: 1 - |U1 - U2|).
 * - `power` (legacy): C = [Π U_i / (Σ U_i / n)^n]^k, i.e. [4U1U2/(U1 + U2)²]^k for 2 systems
 *   (k = 2 by default, the `power2` reference). k = 1/n gives the standard form.
 * - `lostCoefficient` (legacy misuse, reproduced only on request): the standard form without
 *   its factor n, C = (Π U_i)^(1/n) / Σ U_i, which can never exceed 1/n (0.5 for 2 systems).
 *   This is the `missing_n` block of the reference values.
 *
 * T = Σ α_i U_i (α_i = 1/n by default) and D = √(C·T).
 */

export type CouplingForm = "standard" | "modified" | "fan" | "power" | "lostCoefficient";
export const COUPLING_FORMS: readonly CouplingForm[] = ["standard", "modified", "fan", "power", "lostCoefficient"];

export interface CouplingOptions {
  /** Form of the coupling degree C (default `standard`). */
  form?: CouplingForm;
  /** Exponent k of the legacy `power` form (default 2); must be a positive finite number. */
  k?: number;
  /** Weights α_i of T = Σ α_i U_i, one per subsystem, non-negative, summing to 1 (default 1/n each). */
  alpha?: ArrayLike<unknown>;
  /**
   * How U is laid out: `rows` (default) = one array per observation, one entry per subsystem
   * (a rows x systems range); `columns` = one array per subsystem, one entry per observation.
   */
  layout?: "rows" | "columns";
  /** A row whose C or D is undefined (all U = 0): throw (default) or return null in C and D. */
  onUndefined?: "error" | "null";
  /** Names of the subsystems, used in error messages instead of column numbers. */
  systemNames?: string[];
  /** Name of the U argument in error messages (default `U`). */
  argument?: string;
  /**
   * The largest valid score (default 1): U must lie in [0, upper]. The report passes 1 + δ when
   * the standardized values were shifted by δ (M1), as U then lies in [δ, 1 + δ].
   */
  upper?: number;
}

/** C, T, D of every row; with `onUndefined: 'null'`, C and D are null where undefined. */
export interface CouplingResult<V extends number | null = number> {
  C: V[];
  T: number[];
  D: V[];
  /** The form of C used. */
  form: CouplingForm;
  /** The exponent k (only for the `power` form). */
  k?: number;
  /** Number of subsystems n. */
  systems: number;
  /** The α used for T. */
  alpha: number[];
  /** 0-based rows whose C and D are undefined (null); always empty with `onUndefined: 'error'`. */
  undefinedRows: number[];
}

/** C, T, D of one row. */
export interface CouplingRowResult<V extends number | null = number> {
  C: V;
  T: number;
  D: V;
}

/** Tolerance on Σ α = 1. */
const ALPHA_SUM_TOL = 1e-9;

interface Prepared {
  form: CouplingForm;
  k: number;
  alpha: number[];
  onUndefined: "error" | "null";
}

function prepareOptions(n: number, options: CouplingOptions, argument: string): Prepared {
  const form = assertOption(options.form ?? "standard", COUPLING_FORMS, "form");
  const onUndefined = assertOption(options.onUndefined ?? "error", ["error", "null"] as const, "onUndefined");
  let k = 2;
  if (options.k !== undefined) {
    if (typeof options.k !== "number" || !Number.isFinite(options.k) || options.k <= 0)
      throw new CoordError("OPTION", `k must be a positive number; got '${String(options.k)}'`, { argument: "k" });
    k = options.k;
  }
  let alpha: number[];
  if (options.alpha === undefined) {
    alpha = new Array<number>(n).fill(1 / n);
  } else {
    if (options.alpha.length !== n)
      throw new CoordError("LENGTH", `alpha has ${options.alpha.length} values but ${argument} has ${n} subsystems`, {
        argument: "alpha",
      });
    alpha = Array.from(finiteVector(options.alpha, "alpha"));
    let sum = 0;
    alpha.forEach((a, i) => {
      if (a < 0)
        throw new CoordError("NEGATIVE", `${cellLabel("alpha", i)}: ${a} is negative; weights must be ≥ 0`, {
          argument: "alpha",
          row: i,
        });
      sum += a;
    });
    if (Math.abs(sum - 1) > ALPHA_SUM_TOL) throw new CoordError("OPTION", `alpha must sum to 1; its ${n} values sum to ${sum}`, { argument: "alpha" });
  }
  return { form, k, alpha, onUndefined };
}

/** Scores divided by their maximum (C is scale-free): no underflow with tiny or subnormal U. */
function scaled(u: number[]): number[] {
  let max = 0;
  for (const x of u) if (x > max) max = x;
  return u.map((x) => x / max);
}

/** Standard C (M5): closed form for 2 systems, n·(Π U)^(1/n)/Σ U = Π (U_i/Ū)^(1/n) for n > 2. */
function standardC(u: number[]): number {
  const v = scaled(u);
  const n = v.length;
  if (n === 2) {
    const c = (2 * Math.sqrt(v[0] * v[1])) / (v[0] + v[1]);
    return c > 1 ? 1 : c; // ≤ 1 by AM-GM; clip a last-bit overshoot
  }
  let sum = 0;
  for (const x of v) sum += x;
  const mean = sum / n;
  let c = 1;
  for (const x of v) c *= Math.pow(x / mean, 1 / n);
  return c > 1 ? 1 : c;
}

/** Raw C of one row (may be < 0 for fan/modified when U lies outside [0, 1]; caller checks). */
function rawC(scores: number[], form: CouplingForm, k: number): number {
  const n = scores.length;
  // Every form is a symmetric function of U; summing in ascending order makes the result
  // independent of the order of the subsystems to the last bit (Fan and modified C cancel in
  // 1 - …, where the order of a sum would otherwise move D visibly).
  const u = n > 2 ? [...scores].sort((a, b) => a - b) : scores;
  switch (form) {
    case "standard":
      return standardC(u);
    case "lostCoefficient":
      // legacy misuse: the standard form without its factor n (M5), C ≤ 1/n
      return standardC(u) / n;
    case "power": {
      // legacy [Π U / (Σ U / n)^n]^k = C_std^(n·k); 2 systems: [4U1U2/(U1+U2)²]^k (M5)
      if (n === 2) {
        const v = scaled(u);
        const s = v[0] + v[1];
        const p = (4 * v[0] * v[1]) / (s * s);
        return Math.pow(p > 1 ? 1 : p, k);
      }
      return Math.pow(standardC(u), n * k);
    }
    case "fan": {
      // Fan: 1 - 2·sd_pop(U); 2 systems 1 - |U1 - U2| (M5)
      if (n === 2) return 1 - Math.abs(u[0] - u[1]);
      let mean = 0;
      for (const x of u) mean += x;
      mean /= n;
      let ss = 0;
      for (const x of u) ss += (x - mean) * (x - mean);
      return 1 - 2 * Math.sqrt(ss / n);
    }
    case "modified": {
      // Wang Shujia et al. 2021 (M5): √{[1 - Σ_{i>j}|U_i - U_j| / Σ_{m=1}^{n-1} m]·[Π U_i/max U]^(1/(n-1))}
      let max = 0;
      for (const x of u) if (x > max) max = x;
      let diff = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) diff += Math.abs(u[i] - u[j]);
      const spread = 1 - diff / ((n * (n - 1)) / 2);
      let root = 1; // [Π U_i / max U]^(1/(n-1)), factor by factor (no underflow)
      for (const x of u) root *= Math.pow(x / max, 1 / (n - 1));
      const inner = spread * root;
      if (inner < 0) return -1; // undefined: U spread beyond [0, 1]
      const c = Math.sqrt(inner);
      return c > 1 ? 1 : c;
    }
  }
}

/** Evaluate one validated row. Returns null C/D (or throws) where undefined. */
function evalRow(u: number[], p: Prepared, argument: string, row: number | undefined): CouplingRowResult<number | null> {
  const n = u.length;
  let T = 0;
  let allZero = true;
  for (let i = 0; i < n; i++) {
    T += p.alpha[i] * u[i]; // T = Σ α_i U_i (M5)
    if (u[i] !== 0) allZero = false;
  }
  const where = row === undefined ? argument : cellLabel(argument, row);
  if (allZero) {
    if (p.onUndefined === "null") return { C: null, T, D: null };
    throw new CoordError(
      "ALL_ZERO",
      `${where}: all ${n} subsystem scores are 0, so C and D are undefined`,
      row === undefined ? { argument } : { argument, row },
    );
  }
  const C = rawC(u, p.form, p.k);
  const D = Math.sqrt(C * T); // D = √(C·T) (M5)
  if (!(C >= 0) || !Number.isFinite(C) || !Number.isFinite(D) || !Number.isFinite(T)) {
    if (p.onUndefined === "null") return { C: null, T: Number.isFinite(T) ? T : 0, D: null };
    throw new CoordError(
      "UNDEFINED",
      `${where}: the ${p.form} coupling degree is undefined for these scores (${u.join(", ")}); ` + `it needs scores within [0, 1]`,
      row === undefined ? { argument } : { argument, row },
    );
  }
  return { C, T, D };
}

function checkUpper(upper: unknown): number {
  if (upper === undefined) return 1;
  if (typeof upper !== "number" || !Number.isFinite(upper) || upper < 1)
    throw new CoordError("OPTION", `upper must be a number ≥ 1; got ${String(upper)}`, { argument: "upper" });
  return upper;
}

/** A U above 1 by no more than this (last-bit rounding of Σ w·z) is accepted. */
const U_ONE_TOL = 1e-12;

/** Subsystem scores must lie in [0, 1] (M5): a negative or a U above 1 is an error naming the cell. */
function checkNonNegative(u: number[], argument: string, row: number | undefined, names?: string[], upper = 1): void {
  for (let j = 0; j < u.length; j++) {
    if (u[j] < 0 || u[j] > upper + U_ONE_TOL) {
      const column = names && names[j] !== undefined ? names[j] : j;
      throw new CoordError(
        u[j] < 0 ? "NEGATIVE" : "RANGE",
        u[j] < 0
          ? `${cellLabel(argument, row, column)}: ${u[j]} is negative; subsystem scores U must be ≥ 0`
          : `${cellLabel(argument, row, column)}: ${u[j]} is above ${upper}; subsystem scores U must lie in [0, ${upper}] (composite indices of min-max standardized indicators with weights summing to 1)`,
        row === undefined ? { argument, column } : { argument, row, column },
      );
    }
  }
}

/** Validate a systems x rows layout and transpose it to rows x systems. */
function fromColumns(cols: ArrayLike<ArrayLike<unknown>>, argument: string, names?: string[]): number[][] {
  if (!cols || cols.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const rows = cols[0].length;
  if (rows === 0) throw new CoordError("EMPTY", `${argument} has no rows`, { argument });
  for (let j = 1; j < cols.length; j++)
    if (cols[j].length !== rows)
      throw new CoordError("LENGTH", `${argument} column ${j + 1} has ${cols[j].length} values; column 1 has ${rows}`, { argument, column: j });
  const out: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const r = new Array<number>(cols.length);
    for (let j = 0; j < cols.length; j++) r[j] = assertFinite(cols[j][i], argument, i, names ? names[j] : j);
    out[i] = r;
  }
  return out;
}

/**
 * Coupling degree C, coordination index T = Σ α_i U_i and coordination degree D = √(C·T) of
 * every row of subsystem scores U (rows x systems, or one column per system with
 * `layout: 'columns'`), METHODS.md M5.
 *
 * @example
 * coupling([[0.2, 0.8], [0.5, 0.5]]); // =>
 * // { C: [0.8, 1], T: [0.5, 0.5], D: [0.6324555320336759, 0.7071067811865476], form: 'standard', ... }
 * coupling([[0.2, 0.5], [0.8, 0.5]], { layout: 'columns', form: 'fan' }).C; // => [0.3999999999999999, 1]
 */
export function coupling(U: ArrayLike<ArrayLike<unknown>>, options?: CouplingOptions & { onUndefined?: "error" }): CouplingResult<number>;
export function coupling(U: ArrayLike<ArrayLike<unknown>>, options: CouplingOptions & { onUndefined: "null" }): CouplingResult<number | null>;
export function coupling(U: ArrayLike<ArrayLike<unknown>>, options?: CouplingOptions): CouplingResult<number | null>;
export function coupling(U: ArrayLike<ArrayLike<unknown>>, options: CouplingOptions = {}): CouplingResult<number | null> {
  const argument = options.argument ?? "U";
  const names = options.systemNames;
  const layout = assertOption(options.layout ?? "rows", ["rows", "columns"] as const, "layout");
  const rows = layout === "rows" ? finiteMatrix(U, argument, names) : fromColumns(U, argument, names);
  const n = rows[0].length;
  if (n < 2) throw new CoordError("TOO_FEW", `${argument} has ${n} subsystem; coupling needs at least 2`, { argument });
  const p = prepareOptions(n, options, argument);
  const upper = checkUpper(options.upper);
  const C: (number | null)[] = new Array(rows.length);
  const T: number[] = new Array(rows.length);
  const D: (number | null)[] = new Array(rows.length);
  const undefinedRows: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    checkNonNegative(rows[i], argument, i, names, upper);
    const r = evalRow(rows[i], p, argument, i);
    C[i] = r.C;
    T[i] = r.T;
    D[i] = r.D;
    if (r.C === null) undefinedRows.push(i);
  }
  const result: CouplingResult<number | null> = { C, T, D, form: p.form, systems: n, alpha: p.alpha, undefinedRows };
  if (p.form === "power") result.k = p.k;
  return result;
}

/**
 * C, T and D of a single row of subsystem scores u = (U_1..U_n), n ≥ 2 (METHODS.md M5).
 *
 * @example
 * couplingRow([0.2, 0.8]); // => { C: 0.8, T: 0.5, D: 0.6324555320336759 }
 * couplingRow([0, 0], { onUndefined: 'null' }); // => { C: null, T: 0, D: null }
 */
export function couplingRow(u: ArrayLike<unknown>, options?: CouplingOptions & { onUndefined?: "error" }): CouplingRowResult<number>;
export function couplingRow(u: ArrayLike<unknown>, options: CouplingOptions & { onUndefined: "null" }): CouplingRowResult<number | null>;
export function couplingRow(u: ArrayLike<unknown>, options?: CouplingOptions): CouplingRowResult<number | null>;
export function couplingRow(u: ArrayLike<unknown>, options: CouplingOptions = {}): CouplingRowResult<number | null> {
  const argument = options.argument ?? "u";
  const names = options.systemNames;
  if (!u || u.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const row: number[] = new Array(u.length);
  for (let j = 0; j < u.length; j++) row[j] = assertFinite(u[j], argument, undefined, names ? names[j] : j);
  if (row.length < 2) throw new CoordError("TOO_FEW", `${argument} has ${row.length} subsystem; coupling needs at least 2`, { argument });
  const p = prepareOptions(row.length, options, argument);
  checkNonNegative(row, argument, undefined, names, checkUpper(options.upper));
  return evalRow(row, p, argument, undefined);
}
