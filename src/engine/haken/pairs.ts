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
 * Unit ids of a panel's rows, assigned one row at a time: equal units (Map equality, i.e.
 * compareUnits equality: 0 and -0 are one unit, 1 and "1" two) get one id, ids count from 0 in
 * order of first appearance, `keys[id]` is the unit. While the rows are set, only runs are
 * recorded (a new run where a row's unit differs from the row before: consecutive rows mostly
 * share a unit); the runs are then sorted by unit once (compareUnits), which both ranks the
 * units for the canonical order and finds a unit that returns in a later run. When none does
 * (each unit's rows consecutive, the usual layout) the run numbers are the ids as they are: no
 * Map of 10⁵ units (~50 ms) is built. COORD.HAKENFIT fills it while reading the units column,
 * so that no array of 10⁶ unit values is built.
 *
 * @example
 * const u = new UnitIds(4);
 * ["b", "b", "a", "b"].forEach((key, i) => u.set(i, key));
 * [Array.from(u.id), u.keys, u.contiguous]; // => [[0, 0, 1, 0], ["b", "a"], false]
 */
export class UnitIds {
  private readonly ids: Int32Array;
  /** The unit and first row of each run. */
  private readonly runKeys: Array<string | number> = [];
  private readonly runFirst: number[] = [];
  private last: string | number | undefined = undefined;
  private resolved: { keys: Array<string | number>; first: number[]; byKey: number[]; contiguous: boolean } | null = null;

  /** `id`: where to write the ids (n entries; default a new array). */
  constructor(n: number, id?: Int32Array) {
    this.ids = id ?? new Int32Array(n);
  }

  /**
   * Row i's unit is `key` (a finite number or non-empty text; rows are set in order 0, 1, ...,
   * all of them before the ids are read).
   */
  set(i: number, key: string | number): void {
    if (key !== this.last) {
      this.runKeys.push(key);
      this.runFirst.push(i);
      this.last = key;
      this.resolved = null;
    }
    this.ids[i] = this.runKeys.length - 1; // the run for now; the unit once resolved
  }

  /** Unit id of each row. */
  get id(): Int32Array {
    this.resolve();
    return this.ids;
  }

  /** The unit of each id. */
  get keys(): Array<string | number> {
    return this.resolve().keys;
  }

  /** First row of each id. */
  get first(): number[] {
    return this.resolve().first;
  }

  /** Runs of rows of one unit (a new run starts where the unit differs from the row before). */
  get runs(): number {
    return this.runKeys.length;
  }

  /** Every unit's rows are consecutive (one run per unit). */
  get contiguous(): boolean {
    return this.resolve().contiguous;
  }

  /** The ids in the order of their units under compareUnits (numbers before text). */
  get idsByUnit(): number[] {
    return this.resolve().byKey;
  }

  /** Number of rows. */
  get length(): number {
    return this.ids.length;
  }

  /** Runs sorted by unit; ids = runs when no unit returns, else ids in order of first appearance. */
  private resolve(): NonNullable<UnitIds["resolved"]> {
    if (this.resolved !== null) return this.resolved;
    const runKeys = this.runKeys;
    const byRun = idsByUnit(runKeys);
    let repeated = false;
    for (let r = 1; r < byRun.length && !repeated; r++) if (compareUnits(runKeys[byRun[r - 1]], runKeys[byRun[r]]) === 0) repeated = true;
    if (!repeated) {
      this.resolved = { keys: runKeys, first: this.runFirst, byKey: byRun, contiguous: true };
      return this.resolved;
    }
    // a unit in two runs or more: one id per unit, in order of first appearance, over the runs
    const index = new Map<string | number, number>();
    const keys: Array<string | number> = [];
    const first: number[] = [];
    const unitOfRun = new Int32Array(runKeys.length);
    for (let r = 0; r < runKeys.length; r++) {
      let g = index.get(runKeys[r]);
      if (g === undefined) {
        g = keys.length;
        index.set(runKeys[r], g);
        keys.push(runKeys[r]);
        first.push(this.runFirst[r]);
      }
      unitOfRun[r] = g;
    }
    const ids = this.ids;
    for (let i = 0; i < ids.length; i++) ids[i] = unitOfRun[ids[i]];
    this.resolved = { keys, first, byKey: idsByUnit(keys), contiguous: false };
    return this.resolved;
  }
}

/** Unit ids in the order of their units under compareUnits (numbers before text). */
function idsByUnit(keys: Array<string | number>): number[] {
  const byKey = new Array<number>(keys.length);
  for (let g = 0; g < keys.length; g++) byKey[g] = g;
  return byKey.sort(
    keys.every((k) => typeof k === "string") ? (a, b) => compareText(keys[a] as string, keys[b] as string) : (a, b) => compareUnits(keys[a], keys[b]),
  );
}

/**
 * Rows in the order (unit, time, row). Units are ranked by compareUnits (numbers before text),
 * rows bucketed by unit rank (a counting sort, stable: rows keep their input order within a
 * unit), then each unit's rows sorted by time. The same order as sorting all rows by
 * compareUnits || time || row, in O(n + U log U) for U units when each unit's periods arrive in
 * order, instead of O(n log n) comparisons of unit ids (seconds for 10⁶ rows).
 *
 * @example
 * const u = new UnitIds(4);
 * ["b", "a", "b", "a"].forEach((key, i) => u.set(i, key));
 * Array.from(canonicalOrder(u, Float64Array.from([2, 2, 1, 1]))); // => [3, 1, 2, 0]
 */
function canonicalOrder(units: UnitIds, t: Float64Array): Int32Array {
  const { id, keys } = units;
  const n = id.length;
  const U = keys.length;
  const byKey = units.idsByUnit;
  const rank = new Int32Array(U);
  for (let r = 0; r < U; r++) rank[byKey[r]] = r;
  // counting sort by unit rank
  const start = new Int32Array(U + 1);
  for (let i = 0; i < n; i++) start[rank[id[i]] + 1]++;
  for (let r = 0; r < U; r++) start[r + 1] += start[r];
  const order = new Int32Array(n);
  const next = start.slice(0, U);
  for (let i = 0; i < n; i++) order[next[rank[id[i]]]++] = i;
  for (let r = 0; r < U; r++) sortByTime(order, start[r], start[r + 1], t);
  return order;
}

/** compareUnits for two texts. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  units: ArrayLike<unknown> | UnitIds,
  times: ArrayLike<unknown>,
  options: {
    step?: number;
    unitsName?: string;
    timesName?: string;
    /** Storage for `from` and `to` (2·(n - 1) entries for n rows; default a new array), e.g. reused between calls. */
    pairsBuffer?: (size: number) => Int32Array;
  } = {},
): PanelPairs {
  const unitsName = options.unitsName ?? "units";
  const timesName = options.timesName ?? "times";
  if (!units || units.length === 0) throw new CoordError("EMPTY", `${unitsName} is empty`, { argument: unitsName });
  const coded = units instanceof UnitIds ? units : null;
  const u = coded ? null : (units as ArrayLike<unknown>);
  assertSameLength(units, times, unitsName, timesName);
  const n = units.length;
  // ids already encoded (COORD.HAKENFIT), valid ids and finite Float64Array times are used as they
  // are (10⁶ rows: no copies); others are checked row by row
  const ids = coded ?? new UnitIds(n);
  let t: Float64Array;
  if (finiteFloat64(times) && (coded || validUnits(u!))) {
    t = times;
    if (u) for (let i = 0; i < n; i++) ids.set(i, u[i] as string | number);
  } else {
    t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (u) ids.set(i, unitKey(u[i], unitsName, i));
      t[i] = assertFinite(times[i], timesName, i);
    }
  }
  return pairsOf(ids, t, timesName, options.step, options.pairsBuffer);
}

/** The pairs of panelPairs from checked unit ids and finite times. */
function pairsOf(units: UnitIds, t: Float64Array, timesName: string, stepOption: number | undefined, buffer?: (size: number) => Int32Array): PanelPairs {
  const { id, keys } = units;
  const n = id.length;
  let step = stepOption;
  if (step !== undefined && !(Number.isFinite(step) && step > 0))
    throw new CoordError("OPTION", `step must be a positive number; got ${step}`, { argument: "step" });
  const fast = units.contiguous ? runPairs(units, t, step, buffer) : null;
  if (fast !== null) return fast;
  const order = canonicalOrder(units, t);
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
        `${timesName} rows ${i + 1} and ${j + 1}: unit '${keys[id[i]]}' has two rows for period ${t[i]}; the pair (t, t+1) is undefined`,
        { argument: timesName, row: j },
      );
    if (d < minDiff) minDiff = d;
  }
  if (step === undefined) step = Number.isFinite(minDiff) ? minDiff : 1;
  const tol = 1e-9 * Math.max(1, Math.abs(step));

  const { from, to } = pairArrays(n, buffer);
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
  return pairsResult(units, from, to, m, nUnits, skippedGaps, step);
}

/** `from` and `to` for at most n - 1 pairs of n rows: the two halves of one buffer. */
function pairArrays(n: number, buffer?: (size: number) => Int32Array): { from: Int32Array; to: Int32Array } {
  const m = Math.max(0, n - 1);
  const b = buffer ? buffer(2 * m) : new Int32Array(2 * m);
  return { from: b.subarray(0, m), to: b.subarray(m, 2 * m) };
}

/** The PanelPairs of the first m pairs of from/to: views, not copies; the unit of each pair (for cluster-robust SE only) is built when read. */
function pairsResult(units: UnitIds, from: Int32Array, to: Int32Array, m: number, nUnits: number, skippedGaps: number, step: number): PanelPairs {
  const { id, keys } = units;
  const fromM = from.subarray(0, m);
  let unit: Array<string | number> | undefined;
  return {
    from: fromM,
    to: to.subarray(0, m),
    get unit() {
      if (unit === undefined) {
        unit = new Array(m);
        for (let k = 0; k < m; k++) unit[k] = keys[id[fromM[k]]];
      }
      return unit;
    },
    nPairs: m,
    nUnits,
    skippedGaps,
    step,
  };
}

/**
 * pairsOf when every unit's rows are consecutive and in increasing time (the usual layout): the
 * canonical order is the units' runs in rank order, each run as it is, so the pairs are read off
 * the runs without an order array or a gather through it; null when a run is not strictly
 * increasing in time (the general path sorts it, or names the duplicate period as before).
 */
function runPairs(units: UnitIds, t: Float64Array, stepOption: number | undefined, buffer?: (size: number) => Int32Array): PanelPairs | null {
  const { id, first } = units;
  const n = id.length;
  const U = first.length;
  let minDiff = Infinity;
  for (let i = 1; i < n; i++) {
    if (id[i] !== id[i - 1]) continue;
    const d = t[i] - t[i - 1];
    if (!(d > 0)) return null;
    if (d < minDiff) minDiff = d;
  }
  const step = stepOption ?? (Number.isFinite(minDiff) ? minDiff : 1);
  const tol = 1e-9 * Math.max(1, Math.abs(step));
  const { from, to } = pairArrays(n, buffer);
  let m = 0;
  let skippedGaps = 0;
  // ids are numbered in order of appearance, so run g ends where run g + 1 starts
  for (const g of units.idsByUnit) {
    const end = g + 1 < U ? first[g + 1] : n;
    for (let j = first[g] + 1; j < end; j++) {
      if (Math.abs(t[j] - t[j - 1] - step) <= tol) {
        from[m] = j - 1;
        to[m] = j;
        m++;
      } else skippedGaps++;
    }
  }
  return pairsResult(units, from, to, m, U, skippedGaps, step);
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
