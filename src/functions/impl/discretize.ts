/**
 * COORD.DISCRETIZE(x, [method], [k], [y], [methods]) and COORD.BREAKS(x, [method], [k], [y],
 * [methods]): discretization of a numeric factor (METHODS.md M9).
 *
 * - x: one row or one column of numbers (a header cell is detected).
 * - method: "natural" (default, exact Jenks), "equal", "quantile", "geometric", "sd", or
 *   "optimal" (the largest q of y over methods × k; needs y).
 * - k: number of classes (default 6), a whole number ≥ 2; for "optimal" the k range of the grid:
 *   "3:7" or "3-7" (GD's discitv = 3:7), a list "3,5,7" or cells (default 3..8).
 * - y: the variable the geodetector explains, one value per value of x (for "optimal" only).
 * - methods: for "optimal", the methods of the grid ("equal,natural" or cells; GD's discmethod;
 *   default all five).
 * DISCRETIZE returns the class of each value, 1..k, in the orientation of x (under the label
 * "class" when x had a header); BREAKS returns the k + 1 breaks b0 = min .. bk = max as a column.
 * Classes are right-closed, the lowest value included (R's cut(..., include.lowest = TRUE)).
 */
import { CoordError } from "../../engine/errors";
import { DISCRETIZE_METHODS, DiscretizeMethod, discretize } from "../../engine/geodetector/discretize";
import { optimalDiscretization } from "../../engine/geodetector/optimal";
import { readOption, readVector, spillColumn } from "../excel";
import { Spill, isOmitted, spillLike } from "./common";
import { readK, readKRange, readMethods } from "./geoArgs";

export const DISCRETIZE_OPTIONS = [...DISCRETIZE_METHODS, "optimal"] as const;

interface Cut {
  breaks: number[];
  codes: Int32Array;
  orientation: "row" | "column";
  label: string | null;
}

function cut(x: unknown, method: unknown, k: unknown, y: unknown, methods: unknown): Cut {
  const xv = readVector(x, "x");
  const m = readOption(method, DISCRETIZE_OPTIONS, "method", "natural");
  if (m === "optimal") {
    if (isOmitted(y)) throw new CoordError("OPTION", `method "optimal" needs y: the variable the geodetector explains`, { argument: "y" });
    const yv = readVector(y, "y", { header: xv.offset ? "yes" : "no" });
    if (yv.values.length !== xv.values.length)
      throw new CoordError("LENGTH", `y has ${yv.values.length} values but x has ${xv.values.length}; give one y per x`, { argument: "y" });
    const best = optimalDiscretization(yv.values, xv.values, { ks: readKRange(k), methods: readMethods(methods) }).best;
    return { breaks: best.breaks, codes: best.codes, orientation: xv.orientation, label: xv.label };
  }
  if (!isOmitted(y)) throw new CoordError("OPTION", `y is used by method "optimal" only; leave it empty for method "${m}"`, { argument: "y" });
  if (!isOmitted(methods))
    throw new CoordError("OPTION", `methods is used by method "optimal" only; leave it empty for method "${m}"`, { argument: "methods" });
  const kk = readK(k);
  const d = discretize(xv.values, { method: m as DiscretizeMethod, k: kk });
  return { breaks: d.breaks, codes: d.codes, orientation: xv.orientation, label: xv.label };
}

export function discretizeImpl(x: unknown, method?: unknown, k?: unknown, y?: unknown, methods?: unknown): Spill {
  const c = cut(x, method, k, y, methods);
  return spillLike(
    Array.from(c.codes, (h) => h + 1),
    c.orientation,
    c.label === null ? undefined : "class",
  );
}

export function breaksImpl(x: unknown, method?: unknown, k?: unknown, y?: unknown, methods?: unknown): Spill {
  return spillColumn(cut(x, method, k, y, methods).breaks);
}
