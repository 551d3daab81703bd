import { CoordError, cellLabel } from "../errors";
import { assertSameLength, describeValue, finiteVector } from "../validate";

export type Label = string | number;

export interface GroupMean {
  /** The group (e.g. region), or the overall label (`All`). */
  group: Label;
  /** The period (e.g. year). */
  period: Label;
  /** Arithmetic mean of the values of this group in this period. */
  mean: number;
  /** Number of values averaged. */
  n: number;
}

export interface GroupMeansOptions {
  /** Label of the overall group over all rows (default `All`). */
  allLabel?: string;
  /** Add the overall group (default true). */
  includeAll?: boolean;
  /** Argument names used in error messages (defaults `values`, `groups`, `periods`). */
  names?: { values?: string; groups?: string; periods?: string };
}

function checkLabel(v: unknown, argument: string, row: number): Label {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "") return v;
  const missing = v === null || v === undefined || (typeof v === "string" && v.trim() === "");
  throw new CoordError(missing ? "MISSING" : "NOT_NUMERIC", `${cellLabel(argument, row)}: ${describeValue(v)} is not a label`, { argument, row });
}

/** Numbers ascending first, then text in code-unit order. */
function comparePeriods(a: Label, b: Label): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const keyOf = (v: Label) => `${typeof v}:${v}`;

/**
 * Mean of `values` by group and period, e.g. the regional mean D of each year, plus an
 * overall group over all rows (the "Mean value" rows of a coupling coordination table).
 * Groups keep their order of first appearance (the overall group last); periods are sorted
 * (numbers ascending, then text). A group with no row in a period is not listed.
 *
 * @example
 * groupMeans([0.4, 0.6, 0.3, 0.5], ['East', 'East', 'West', 'West'], [2011, 2011, 2011, 2012]); // =>
 * // [ { group: 'East', period: 2011, mean: 0.5, n: 2 }, { group: 'West', period: 2011, mean: 0.3, n: 1 },
 * //   { group: 'West', period: 2012, mean: 0.5, n: 1 }, { group: 'All', period: 2011, mean: 0.4333, n: 3 },
 * //   { group: 'All', period: 2012, mean: 0.5, n: 1 } ]
 */
export function groupMeans(values: ArrayLike<unknown>, groups: ArrayLike<unknown>, periods: ArrayLike<unknown>, options: GroupMeansOptions = {}): GroupMean[] {
  const vName = options.names?.values ?? "values";
  const gName = options.names?.groups ?? "groups";
  const pName = options.names?.periods ?? "periods";
  const allLabel = options.allLabel ?? "All";
  const includeAll = options.includeAll ?? true;
  if (typeof allLabel !== "string" || allLabel.trim() === "") throw new CoordError("OPTION", "allLabel must be a non-empty text", { argument: "allLabel" });
  const x = finiteVector(values, vName);
  assertSameLength(values, groups, vName, gName);
  assertSameLength(values, periods, vName, pName);

  const groupOrder: Label[] = [];
  const periodSet = new Map<string, Label>();
  // per group key: per period key: [sum, compensation, n] (Neumaier summation)
  const acc = new Map<string, Map<string, [number, number, number]>>();
  const add = (gk: string, pk: string, v: number) => {
    let byPeriod = acc.get(gk);
    if (!byPeriod) acc.set(gk, (byPeriod = new Map()));
    let a = byPeriod.get(pk);
    if (!a) byPeriod.set(pk, (a = [0, 0, 0]));
    const t = a[0] + v;
    a[1] += Math.abs(a[0]) >= Math.abs(v) ? a[0] - t + v : v - t + a[0];
    a[0] = t;
    a[2] += 1;
  };
  const ALL_KEY = "\u0000all";
  for (let i = 0; i < x.length; i++) {
    const g = checkLabel(groups[i], gName, i);
    const p = checkLabel(periods[i], pName, i);
    if (includeAll && String(g) === allLabel)
      throw new CoordError("OPTION", `${cellLabel(gName, i)}: the group '${g}' has the same name as the overall group; choose another allLabel`, {
        argument: "allLabel",
        row: i,
      });
    const gk = keyOf(g);
    const pk = keyOf(p);
    if (!acc.has(gk)) groupOrder.push(g);
    if (!periodSet.has(pk)) periodSet.set(pk, p);
    add(gk, pk, x[i]);
    if (includeAll) add(ALL_KEY, pk, x[i]);
  }

  const periodsSorted = [...periodSet.values()].sort(comparePeriods);
  const out: GroupMean[] = [];
  const emit = (gk: string, label: Label) => {
    const byPeriod = acc.get(gk)!;
    for (const p of periodsSorted) {
      const a = byPeriod.get(keyOf(p));
      if (a) out.push({ group: label, period: p, mean: (a[0] + a[1]) / a[2], n: a[2] });
    }
  };
  for (const g of groupOrder) emit(keyOf(g), g);
  if (includeAll) emit(ALL_KEY, allLabel);
  return out;
}
