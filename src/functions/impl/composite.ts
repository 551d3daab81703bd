/**
 * COORD.COMPOSITE(data, [directions], [weights_or_method], [shift]): the composite index
 * U(i) = Σ_j w_j z_ij of one subsystem (METHODS.md M4), one per row of data.
 *
 * - data, directions, shift: standardized as STANDARDIZE does (M1, global scope).
 * - weights_or_method: "entropy" (default), "critic", or a row (or column) of one weight per
 *   column of data. A weight row with its labels above (what ENTROPYWEIGHT spills for data with a
 *   header) is accepted as it is. Given weights must be ≥ 0 and sum to 1 (within 1e-6): other weights
 *   are refused naming their sum, not rescaled, so that U lies in [0, 1] as COORD.CCD needs.
 * Returns a column of U, under the label "U" when data had a header row (so rows line up).
 */
import { CoordError } from "../../engine/errors";
import { checkWeightSum, compositeIndex } from "../../engine/composite";
import { standardize } from "../../engine/standardize";
import { criticWeights, entropyWeights } from "../../engine/weights";
import { classifyCell, readDirections, readMatrix, readNumberOption, readOption, readVector, spillColumn, toGrid } from "../excel";
import { Spill } from "./common";

export const COMPOSITE_METHODS = ["entropy", "critic"] as const;

/** The weights argument: a method name, or numbers (a line, or a labels row above a weights row). */
function readWeightsOrMethod(value: unknown, cols: number): "entropy" | "critic" | number[] {
  const argument = "weights_or_method";
  const grid = toGrid(value);
  if (grid.length === 0) return "entropy";
  if (grid.length === 1 && grid[0].length === 1 && classifyCell(grid[0][0]).kind === "text") return readOption(value, COMPOSITE_METHODS, argument, "entropy");
  let w: number[];
  if (grid.length === 2 && grid[0].length > 1) {
    const m = readMatrix(grid, argument);
    if (m.values.length !== 1)
      throw new CoordError("LENGTH", `${argument} must be one row of weights (labels above it are allowed); got 2 rows of numbers`, {
        argument,
      });
    w = m.values[0];
  } else w = readVector(value, argument).values;
  if (w.length !== cols)
    throw new CoordError("LENGTH", `${argument} has ${w.length} ${w.length === 1 ? "weight" : "weights"}; expected ${cols}, one per indicator column of data`, {
      argument,
    });
  w.forEach((x, j) => {
    if (x < 0) throw new CoordError("NEGATIVE", `${argument} entry ${j + 1}: ${x} is negative; weights must be ≥ 0`, { argument, column: j });
  });
  checkWeightSum(w, argument); // as the engine: refused, not rescaled
  return w;
}

export function compositeImpl(data: unknown, directions?: unknown, weightsOrMethod?: unknown, shift?: unknown): Spill {
  const m = readMatrix(data, "data");
  const cols = m.values[0].length;
  const dirs = readDirections(directions, cols);
  const w = readWeightsOrMethod(weightsOrMethod, cols);
  const delta = readNumberOption(shift, "shift", 0, { min: 0 });
  const names = m.labels ?? undefined;
  let U: number[];
  if (w === "entropy") U = compositeIndex(entropyWeights(m.values, { directions: dirs, shift: delta, columnNames: names })).U;
  else if (w === "critic") U = compositeIndex(criticWeights(m.values, { directions: dirs, shift: delta, columnNames: names })).U;
  else U = compositeIndex(standardize(m.values, { directions: dirs, shift: delta, columnNames: names }).z, w).U;
  return spillColumn(U, m.labels ? "U" : undefined);
}
