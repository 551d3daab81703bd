import { CoordError } from "../errors";
import { assertFinite, assertSameLength } from "../validate";

/** Within-unit consecutive pairs (t, t + step) of a panel, in a canonical order (unit, time). */
export interface PanelPairs {
  /** Row index (into the caller's arrays) of period t, per pair. */
  from: Int32Array;
  /** Row index of period t + step, per pair. */
  to: Int32Array;
  /** Unit id of each pair (for cluster-robust SE). */
  unit: Array<string | number>;
  nPairs: number;
  /** Units holding at least one row. */
  nUnits: number;
  /** Breaks in a unit's series: consecutive rows further apart than one step (a missing period). */
  skippedGaps: number;
  /** The period length used. */
  step: number;
}

function unitKey(v: unknown, argument: string, row: number): string | number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v !== "") return v;
  if (v === null || v === undefined || v === "") throw new CoordError("MISSING", `${argument} row ${row + 1}: the unit id is missing`, { argument, row });
  throw new CoordError("NOT_NUMERIC", `${argument} row ${row + 1}: a unit id must be text or a number`, { argument, row });
}

function compareUnits(a: string | number, b: string | number): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return ta === "number" ? -1 : 1; // numbers before text
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Rows in the order (unit, time, row), and a unit id per row (equal ids = the same unit under
 * compareUnits). Units are ranked by compareUnits (numbers before text), rows bucketed by unit
 * rank (a counting sort, stable: rows keep their input order within a unit), then each unit's
 * rows sorted by time. The same order as sorting all rows by compareUnits || time || row, in
 * O(n + U log U) for U units when each unit's periods arrive in order, instead of O(n log n)
 * comparisons of unit ids (seconds for 10⁶ rows).
 *
 * @example
 * Array.from(canonicalOrder(["b", "a", "b", "a"], Float64Array.from([2, 2, 1, 1])).order); // => [3, 1, 2, 0]
 */
function canonicalOrder(u: ArrayLike<string | number>, t: Float64Array): { order: Int32Array; id: Int32Array } {
  const n = u.length;
  // unit id per row: consecutive rows mostly share a unit, so the Map is looked up on changes only
  // (Map keys are equal exactly when compareUnits says so: 0 and -0 are one unit, 1 and "1" two)
  const ids = new Map<string | number, number>();
  const keys: Array<string | number> = [];
  const id = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (i > 0 && u[i] === u[i - 1]) {
      id[i] = id[i - 1];
      continue;
    }
    let g = ids.get(u[i]);
    if (g === undefined) {
      g = keys.length;
      ids.set(u[i], g);
      keys.push(u[i]);
    }
    id[i] = g;
  }
  const U = keys.length;
  const byKey = Array.from({ length: U }, (_, g) => g).sort((a, b) => compareUnits(keys[a], keys[b]));
  const rank = new Int32Array(U);
  byKey.forEach((g, r) => (rank[g] = r));
  // counting sort by unit rank
  const start = new Int32Array(U + 1);
  for (let i = 0; i < n; i++) start[rank[id[i]] + 1]++;
  for (let r = 0; r < U; r++) start[r + 1] += start[r];
  const order = new Int32Array(n);
  const next = start.slice(0, U);
  for (let i = 0; i < n; i++) order[next[rank[id[i]]]++] = i;
  for (let r = 0; r < U; r++) sortByTime(order, start[r], start[r + 1], t);
  return { order, id };
}

/** Sort order[lo..hi) by time, ties by row (the rows arrive ascending); a sorted run costs one pass. */
function sortByTime(order: Int32Array, lo: number, hi: number, t: Float64Array): void {
  let sorted = true;
  for (let a = lo + 1; a < hi && sorted; a++) if (t[order[a]] < t[order[a - 1]]) sorted = false;
  if (sorted) return; // equal times keep the row order already
  order.subarray(lo, hi).sort((a, b) => t[a] - t[b] || a - b);
}

/**
 * Build the within-unit consecutive pairs of a panel: rows sorted by (unit, time); a pair joins two
 * rows of the same unit exactly one `step` apart; a longer distance (a missing period) breaks the
 * series and is counted in `skippedGaps`. `step` defaults to the smallest positive within-unit
 * time difference in the panel (1 for yearly data). The order of the input rows does not matter.
 *
 * @example
 * panelPairs(["a", "a", "a", "b", "b"], [2011, 2012, 2014, 2011, 2012]); // =>
 * // { nPairs: 2, nUnits: 2, skippedGaps: 1, step: 1, ... }
 */
export function panelPairs(
  units: ArrayLike<unknown>,
  times: ArrayLike<unknown>,
  options: { step?: number; unitsName?: string; timesName?: string } = {},
): PanelPairs {
  const unitsName = options.unitsName ?? "units";
  const timesName = options.timesName ?? "times";
  if (!units || units.length === 0) throw new CoordError("EMPTY", `${unitsName} is empty`, { argument: unitsName });
  assertSameLength(units, times, unitsName, timesName);
  const n = units.length;
  // ids and times as given when they are valid already (10⁶ rows: no copies), else checked copies
  let u: ArrayLike<string | number>;
  let t: Float64Array;
  if (finiteFloat64(times) && validUnits(units)) {
    u = units as ArrayLike<string | number>;
    t = times;
  } else {
    const uc: Array<string | number> = new Array(n);
    t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      uc[i] = unitKey(units[i], unitsName, i);
      t[i] = assertFinite(times[i], timesName, i);
    }
    u = uc;
  }
  const { order, id } = canonicalOrder(u, t);
  let step = options.step;
  if (step !== undefined && !(Number.isFinite(step) && step > 0))
    throw new CoordError("OPTION", `step must be a positive number; got ${step}`, { argument: "step" });
  let nUnits = n > 0 ? 1 : 0;
  let minDiff = Infinity;
  for (let s = 1; s < n; s++) {
    const i = order[s - 1];
    const j = order[s];
    if (id[i] !== id[j]) {
      nUnits++;
      continue;
    }
    const d = t[j] - t[i];
    if (d === 0)
      throw new CoordError(
        "UNDEFINED",
        `${timesName} rows ${i + 1} and ${j + 1}: unit '${u[i]}' has two rows for period ${t[i]}; the pair (t, t+1) is undefined`,
        { argument: timesName, row: j },
      );
    if (d < minDiff) minDiff = d;
  }
  if (step === undefined) step = Number.isFinite(minDiff) ? minDiff : 1;
  const tol = 1e-9 * Math.max(1, Math.abs(step));

  const from = new Int32Array(Math.max(0, n - 1));
  const to = new Int32Array(Math.max(0, n - 1));
  let m = 0;
  let skippedGaps = 0;
  for (let s = 1; s < n; s++) {
    const i = order[s - 1];
    const j = order[s];
    if (id[i] !== id[j]) continue;
    if (Math.abs(t[j] - t[i] - step) <= tol) {
      from[m] = i;
      to[m] = j;
      m++;
    } else skippedGaps++;
  }
  // views, not copies; the unit of each pair (for cluster-robust SE only) is built when read
  const fromM = from.subarray(0, m);
  let unit: Array<string | number> | undefined;
  return {
    from: fromM,
    to: to.subarray(0, m),
    get unit() {
      if (unit === undefined) {
        unit = new Array(m);
        for (let k = 0; k < m; k++) unit[k] = u[fromM[k]];
      }
      return unit;
    },
    nPairs: m,
    nUnits,
    skippedGaps,
    step,
  };
}

/** True when every id is a finite number or non-empty text (what unitKey accepts as it is). */
function validUnits(units: ArrayLike<unknown>): boolean {
  for (let i = 0; i < units.length; i++) {
    const v = units[i];
    if (typeof v === "string" ? v === "" : !(typeof v === "number" && v - v === 0)) return false;
  }
  return true;
}

/** A Float64Array of finite values, usable as it is. */
function finiteFloat64(x: ArrayLike<unknown>): x is Float64Array {
  if (!(x instanceof Float64Array)) return false;
  for (let i = 0; i < x.length; i++) if (x[i] - x[i] !== 0) return false;
  return true;
}
