/**
 * COORD.STANDARDIZE(data, [directions], [shift], [lower], [upper]): min-max standardization
 * (METHODS.md M1) over all rows passed (global scope).
 *
 * - directions: one +/- per column (default all +); cost columns give (max - x)/(max - min).
 * - shift: δ ≥ 0 added to every z (default 0), as ENTROPYWEIGHT.
 * - lower, upper: rescale to lower + (upper - lower)·z (SPSSAU: 0.01, 0.99); giving either one
 *   switches rescaling on (the other defaults to 0 or 1). Cannot be combined with a shift.
 * Returns the z matrix, with the header row echoed when data had one.
 */
import { CoordError } from "../../engine/errors";
import { standardize } from "../../engine/standardize";
import { readDirections, readMatrix, readNumberOption, toExcelMatrix } from "../excel";
import { Spill, isOmitted } from "./common";

export function standardizeImpl(data: unknown, directions?: unknown, shift?: unknown, lower?: unknown, upper?: unknown): Spill {
  const m = readMatrix(data, "data");
  const cols = m.values[0].length;
  const dirs = readDirections(directions, cols);
  const delta = readNumberOption(shift, "shift", 0, { min: 0 }); // as ENTROPYWEIGHT: z + δ with δ ≥ 0
  let rescale: [number, number] | undefined;
  if (!isOmitted(lower) || !isOmitted(upper)) {
    const a = readNumberOption(lower, "lower", 0);
    const b = readNumberOption(upper, "upper", 1);
    if (!(a < b)) throw new CoordError("OPTION", `lower must be below upper; got lower ${a} and upper ${b}`, { argument: "lower" });
    if (delta !== 0) throw new CoordError("OPTION", `shift and lower/upper cannot be combined: leave shift empty (or 0) to rescale`, { argument: "shift" });
    rescale = [a, b];
  }
  const r = standardize(m.values, { directions: dirs, shift: delta, rescale, columnNames: m.labels ?? undefined });
  return toExcelMatrix(m.labels ? [m.labels, ...r.z] : r.z);
}
