import { CoordError } from "../errors";
import { assertFinite } from "../validate";

/**
 * Spatial lag L = W_r·Y of a panel Y (units x periods) with a dense n x n weights matrix W,
 * row-standardised first (M14: Rey 2001); a unit without neighbours (a zero row) is an error
 * naming it. For small matrices (provinces, prefectures); the sparse spatial weights module
 * serves large ones.
 *
 * @example
 * denseSpatialLag([[0, 1, 1], [1, 0, 0], [1, 0, 0]], [[1, 2], [3, 4], [5, 6]]); // =>
 * // [[4, 5], [1, 2], [1, 2]]
 */
export function denseSpatialLag(
  weights: ArrayLike<ArrayLike<unknown>>,
  panel: ArrayLike<ArrayLike<unknown>>,
  options: { names?: ReadonlyArray<string>; argument?: string } = {},
): number[][] {
  const argument = options.argument ?? "weights";
  const n = panel.length;
  if (weights.length !== n) throw new CoordError("LENGTH", `${argument} has ${weights.length} rows but the panel has ${n} units`, { argument });
  const unit = (i: number) => (options.names ? ` (${options.names[i]})` : "");
  const T = n > 0 ? panel[0].length : 0;
  const Y = Array.from(panel, (r, i) => Array.from(r, (v, t) => assertFinite(v, "panel", i, t)));
  return Array.from(weights, (row, i) => {
    if (row.length !== n)
      throw new CoordError("LENGTH", `${argument} row ${i + 1} has ${row.length} values; a ${n} x ${n} matrix is needed`, { argument, row: i });
    let sum = 0;
    const w = Array.from(row, (v, j) => {
      const x = assertFinite(v, argument, i, j);
      if (x < 0) throw new CoordError("NEGATIVE", `${argument} row ${i + 1}, column ${j + 1}: ${x} is negative`, { argument, row: i, column: j });
      sum += x;
      return x;
    });
    if (!(sum > 0))
      throw new CoordError("UNDEFINED", `${argument} row ${i + 1}${unit(i)} has no neighbours: its spatial lag is undefined`, { argument, row: i });
    const out = new Array<number>(T).fill(0);
    for (let j = 0; j < n; j++) {
      const wij = w[j] / sum;
      if (wij === 0) continue;
      for (let t = 0; t < T; t++) out[t] += wij * Y[j][t];
    }
    return out;
  });
}
