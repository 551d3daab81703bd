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
  if (v === null || v === undefined || v === "")
    throw new CoordError("MISSING", `${argument} row ${row + 1}: the unit id is missing`, { argument, row });
  throw new CoordError("NOT_NUMERIC", `${argument} row ${row + 1}: a unit id must be text or a number`, { argument, row });
}

function compareUnits(a: string | number, b: string | number): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return ta === "number" ? -1 : 1; // numbers before text
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Build the within-unit consecutive pairs of a panel: rows sorted by (unit, time); a pair joins two
 * rows of the same unit exactly one `step` apart; a longer distance (a missing period) breaks the
 * series and is counted in `skippedGaps`. `step` defaults to the smallest positive within-unit
 * time difference in the panel (1 for yearly data). The order of the input rows does not matter.
 *
 * @example
 * panelPairs(["a", "a", "a", "b", "b"], [2011, 2012, 2014, 2011, 2012]);
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
  const u: Array<string | number> = new Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    u[i] = unitKey(units[i], unitsName, i);
    t[i] = assertFinite(times[i], timesName, i);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => compareUnits(u[i], u[j]) || t[i] - t[j] || i - j);

  let step = options.step;
  if (step !== undefined && !(Number.isFinite(step) && step > 0))
    throw new CoordError("OPTION", `step must be a positive number; got ${step}`, { argument: "step" });
  let nUnits = n > 0 ? 1 : 0;
  let minDiff = Infinity;
  for (let s = 1; s < n; s++) {
    const i = order[s - 1];
    const j = order[s];
    if (compareUnits(u[i], u[j]) !== 0) {
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

  const from: number[] = [];
  const to: number[] = [];
  const unit: Array<string | number> = [];
  let skippedGaps = 0;
  for (let s = 1; s < n; s++) {
    const i = order[s - 1];
    const j = order[s];
    if (compareUnits(u[i], u[j]) !== 0) continue;
    if (Math.abs(t[j] - t[i] - step) <= tol) {
      from.push(i);
      to.push(j);
      unit.push(u[i]);
    } else skippedGaps++;
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), unit, nPairs: from.length, nUnits, skippedGaps, step };
}
