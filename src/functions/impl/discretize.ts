/**
 * COORD.DISCRETIZE(x, [method], [k], [y]) and COORD.BREAKS(x, [method], [k], [y]):
 * discretization of a numeric factor (METHODS.md M9).
 *
 * - x: one row or one column of numbers (a header cell is detected).
 * - method: "natural" (default, exact Jenks), "equal", "quantile", "geometric", "sd", or
 *   "optimal" (the largest q of y over methods × k = 3..8; needs y).
 * - k: number of classes (default 6), a whole number ≥ 2; ignored by "optimal".
 * - y: the variable the geodetector explains, one value per value of x (for "optimal" only).
 * DISCRETIZE returns the class of each value, 1..k, in the orientation of x (under the label
 * "class" when x had a header); BREAKS returns the k + 1 breaks b0 = min .. bk = max as a column.
 * Classes are right-closed, the lowest value included (R's cut(..., include.lowest = TRUE)).
 */
import { CoordError } from "../../engine/errors";
import { DISCRETIZE_METHODS, DiscretizeMethod, discretize } from "../../engine/geodetector/discretize";
import { optimalDiscretization } from "../../engine/geodetector/optimal";
import { readNumberOption, readOption, readVector, spillColumn } from "../excel";
import { Spill, isOmitted, spillLike } from "./common";

export const DISCRETIZE_OPTIONS = [...DISCRETIZE_METHODS, "optimal"] as const;

interface Cut {
  breaks: number[];
  codes: Int32Array;
  orientation: "row" | "column";
  label: string | null;
}

function cut(x: unknown, method: unknown, k: unknown, y: unknown): Cut {
  const xv = readVector(x, "x");
  const m = readOption(method, DISCRETIZE_OPTIONS, "method", "natural");
  if (m === "optimal") {
    if (isOmitted(y)) throw new CoordError("OPTION", `method "optimal" needs y: the variable the geodetector explains`, { argument: "y" });
    const yv = readVector(y, "y", { header: xv.offset ? "yes" : "no" });
    if (yv.values.length !== xv.values.length)
      throw new CoordError("LENGTH", `y has ${yv.values.length} values but x has ${xv.values.length}; give one y per x`, { argument: "y" });
    const best = optimalDiscretization(yv.values, xv.values).best;
    return { breaks: best.breaks, codes: best.codes, orientation: xv.orientation, label: xv.label };
  }
  if (!isOmitted(y))
    throw new CoordError("OPTION", `y is used by method "optimal" only; leave it empty for method "${m}"`, { argument: "y" });
  const kk = readNumberOption(k, "k", 6, { integer: true, min: 2 });
  const d = discretize(xv.values, { method: m as DiscretizeMethod, k: kk });
  return { breaks: d.breaks, codes: d.codes, orientation: xv.orientation, label: xv.label };
}

export function discretizeImpl(x: unknown, method?: unknown, k?: unknown, y?: unknown): Spill {
  const c = cut(x, method, k, y);
  return spillLike(Array.from(c.codes, (h) => h + 1), c.orientation, c.label === null ? undefined : "class");
}

export function breaksImpl(x: unknown, method?: unknown, k?: unknown, y?: unknown): Spill {
  return spillColumn(cut(x, method, k, y).breaks);
}
