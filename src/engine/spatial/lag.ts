/** The spatial lag of a variable (M12). */
import { lagOf, prepare } from "./common";
import { SpatialWeights } from "./weights";

/**
 * The spatial lag Σ_j w_ij x_j of each unit with the (transformed) weights (M12); 0 for an
 * isolate, which needs `zeroPolicy`.
 *
 * @example
 * import { transformWeights, weightsFromEdges } from "./weights";
 * const W = transformWeights(weightsFromEdges([{ from: "a", to: "b" }, { from: "b", to: "c" }], { symmetric: true }), "row");
 * spatialLag([1, 2, 4], W); // => [2, 2.5, 2]
 */
export function spatialLag(x: ArrayLike<unknown>, W: SpatialWeights, options: { zeroPolicy?: boolean; argument?: string } = {}): number[] {
  const v = prepare(x, W, options.argument ?? "values", options.zeroPolicy, 1);
  return Array.from(lagOf(W, v));
}
