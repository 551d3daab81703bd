/**
 * COORD.KDENSITY(values, [points], [bandwidth]): Gaussian kernel density (METHODS.md M7).
 *
 * - values: the sample, one row or one column (a header cell is detected).
 * - points: where to evaluate f, one row or one column: returns f at each point in the same
 *   orientation (under the label "density" when points had a header cell). Omitted: a 2-column
 *   table x, f with a header row, on 512 points over [min - 3h, max + 3h] (R's density).
 * - bandwidth: a positive number h, or a rule: "silverman" (default), "scott", "nrd0", "nrd",
 *   "scipy_scott" (alias "scipy"), "scipy_silverman".
 */
import { CoordError } from "../../engine/errors";
import { BANDWIDTH_RULES, BandwidthRule, kernelDensity } from "../../engine/kde";
import { classifyCell, labelledTable, readOption, readVector, toGrid } from "../excel";
import { Spill, isOmitted, spillLike } from "./common";

const RULE_NAMES = [...BANDWIDTH_RULES, "scipy"] as const;

function readBandwidth(value: unknown): BandwidthRule | number {
  const argument = "bandwidth";
  const grid = toGrid(value);
  if (grid.length === 0) return "silverman";
  if (grid.length === 1 && grid[0].length === 1) {
    const c = classifyCell(grid[0][0]);
    if (c.kind === "number") {
      if (!(c.value > 0)) throw new CoordError("OPTION", `${argument} must be a positive number or a rule name; got ${c.value}`, { argument });
      return c.value;
    }
    if (c.kind === "text") {
      const lower = c.text.toLowerCase();
      if (!(RULE_NAMES as readonly string[]).includes(lower))
        throw new CoordError("OPTION", `${argument} must be a positive number or one of ${RULE_NAMES.join(", ")}; got '${c.text}'`, {
          argument,
        });
      return lower === "scipy" ? "scipy_scott" : (lower as BandwidthRule);
    }
  }
  // anything else (a range, a logical, an error value): the option reader's message
  return readOption(value, BANDWIDTH_RULES, argument, "silverman");
}

export function kdensityImpl(values: unknown, points?: unknown, bandwidth?: unknown): Spill {
  const x = readVector(values, "values");
  const h = readBandwidth(bandwidth);
  if (isOmitted(points)) {
    const r = kernelDensity(x.values, { bandwidth: h });
    return labelledTable(
      ["x", "f"],
      r.x.map((v, j) => [v, r.density[j]]),
    );
  }
  const p = readVector(points, "points");
  const r = kernelDensity(x.values, { bandwidth: h, points: p.values });
  return spillLike(r.density, p.orientation, p.label === null ? undefined : "density");
}
