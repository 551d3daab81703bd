/**
 * Missing values filled within each unit's series, as SPSSAU users expect (issue 12, the
 * report's `--missing interpolate`): a gap inside a unit's series is filled linearly in time
 * between its nearest observed neighbours, and the ends are extended with the nearest observed
 * value. Every filled cell is returned so that the report can list it (unit, period, value).
 */
import { CoordError } from "./errors";

/** One filled cell: the row (index into the input), and the value used. */
export interface FilledCell {
  row: number;
  value: number;
  /** "linear" between two observed periods, or "nearest" at the start or end of the series. */
  how: "linear" | "nearest";
}

export interface InterpolationResult {
  /** The series with every missing value filled. */
  values: Float64Array;
  filled: FilledCell[];
}

/**
 * Fill missing values (null, undefined, NaN) of one column within each unit: linear in time
 * between the nearest observed periods before and after, the nearest observed value before the
 * first or after the last. A unit with no observed value at all is an error naming it.
 *
 * @example
 * Array.from(interpolateWithinUnits([1, null, 3, null], ["a", "a", "a", "a"], [2011, 2012, 2013, 2014]).values); // => [1, 2, 3, 3]
 */
export function interpolateWithinUnits(
  values: ArrayLike<number | null | undefined>,
  units: ArrayLike<unknown>,
  times: ArrayLike<number>,
  options: { column?: string } = {},
): InterpolationResult {
  const column = options.column ?? "value";
  const n = values.length;
  if (units.length !== n || times.length !== n)
    throw new CoordError("LENGTH", `${column}: values, units and times must have the same length (${n}, ${units.length}, ${times.length})`, {
      argument: column,
    });
  const out = new Float64Array(n);
  const byUnit = new Map<unknown, number[]>();
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (typeof t !== "number" || !Number.isFinite(t))
      throw new CoordError("NOT_NUMERIC", `${column}: the period of row ${i + 1} is not a number; interpolation in time needs numeric periods`, {
        argument: "times",
        row: i,
      });
    const rows = byUnit.get(units[i]);
    if (rows) rows.push(i);
    else byUnit.set(units[i], [i]);
  }
  const filled: FilledCell[] = [];
  const present = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
  for (const [unit, rows] of byUnit) {
    rows.sort((a, b) => times[a] - times[b]);
    const observed = rows.filter((r) => present(values[r]));
    if (observed.length === 0)
      throw new CoordError("MISSING", `${column}: unit '${String(unit)}' has no value in any period; there is nothing to interpolate from`, {
        argument: column,
        row: rows[0],
      });
    let k = 0; // index into observed of the next observed row at or after the current one
    for (const r of rows) {
      const v = values[r];
      if (present(v)) {
        out[r] = v;
        if (observed[k] === r) k++;
        continue;
      }
      const before = k > 0 ? observed[k - 1] : -1;
      const after = k < observed.length ? observed[k] : -1;
      let value: number;
      let how: FilledCell["how"];
      if (before >= 0 && after >= 0) {
        // linear in time between the two observed neighbours
        const w = (times[r] - times[before]) / (times[after] - times[before]);
        value = (values[before] as number) + w * ((values[after] as number) - (values[before] as number));
        how = "linear";
      } else {
        value = values[before >= 0 ? before : after] as number;
        how = "nearest";
      }
      out[r] = value;
      filled.push({ row: r, value, how });
    }
  }
  filled.sort((a, b) => a.row - b.row);
  return { values: out, filled };
}
