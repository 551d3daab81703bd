import { CoordError } from "../errors";
import { finiteMatrix } from "../validate";
import {
  Direction,
  PeriodLabel,
  Scope,
  StandardizeOptions,
  checkColumnNames,
  checkDirections,
  checkShiftRescale,
  columnRef,
  columnText,
  poolRows,
  standardize,
} from "../standardize";

/** z prepared for a weighting method, with the pools of rows it is computed over. */
export interface PreparedZ {
  z: number[][];
  zUnshifted: number[][];
  directions: Direction[];
  scope: Scope;
  pools: { period: PeriodLabel | null; rows: number[] }[];
  names?: string[];
}

/**
 * @internal z for entropy and CRITIC: M1 min-max of the raw matrix (standardize: true, the
 * default) or the matrix itself (standardize: false; cost directions and rescale then refused).
 */
export function prepareZ(matrix: ArrayLike<ArrayLike<unknown>>, options: StandardizeOptions & { standardize?: boolean }, fn: string): PreparedZ {
  const doStandardize = options.standardize ?? true;
  if (doStandardize !== true && doStandardize !== false)
    throw new CoordError("OPTION", `${fn}: standardize must be true or false; got '${String(doStandardize)}'`, {
      argument: "standardize",
    });
  if (!matrix || matrix.length === 0) throw new CoordError("EMPTY", `data is empty`, { argument: "data" });
  const cols = matrix[0] ? matrix[0].length : 0;
  const names = checkColumnNames(options.columnNames, cols);
  if (doStandardize) {
    const s = standardize(matrix, {
      directions: options.directions,
      scope: options.scope,
      periods: options.periods,
      shift: options.shift,
      rescale: options.rescale,
      constant: options.constant,
      columnNames: options.columnNames,
    });
    return { z: s.z, zUnshifted: s.zUnshifted, directions: s.directions, scope: s.scope, pools: s.pools, names };
  }
  // standardize: false — the matrix is z as it is
  const x = finiteMatrix(matrix, "data", names);
  const directions = checkDirections(options.directions, cols, names);
  const minus = directions.indexOf("-");
  if (minus >= 0)
    throw new CoordError("OPTION", `${fn}: directions, ${columnText(names, minus)} is '-' but standardize is false: cost columns need standardization`, {
      argument: "directions",
      column: columnRef(names, minus),
    });
  if (options.rescale !== undefined) throw new CoordError("OPTION", `${fn}: rescale needs standardize true`, { argument: "rescale" });
  if (options.constant !== undefined) throw new CoordError("OPTION", `${fn}: constant needs standardize true`, { argument: "constant" });
  const { shift } = checkShiftRescale(options.shift, undefined);
  const scope = options.scope ?? "global";
  if (scope !== "global" && scope !== "per-period")
    throw new CoordError("OPTION", `scope must be one of global, per-period; got '${String(scope)}'`, {
      argument: "scope",
    });
  const pools = poolRows(x.length, scope, options.periods);
  const z = shift === 0 ? x : x.map((r) => r.map((v) => v + shift));
  return { z, zUnshifted: x, directions, scope, pools, names };
}
