/**
 * Input checks and small helpers shared by the spatial statistics (M12): the variable as a
 * finite vector with one value per unit of the weights, its centred values, and the lag of a
 * vector. Not exported from the package index.
 */
import { CoordError } from "../errors";
import { finiteVector } from "../validate";
import { SpatialWeights, checkIsolates } from "./weights";

/** The variable as a Float64Array of W.n finite numbers, or an error naming the mismatch. */
export function valuesFor(x: ArrayLike<unknown>, W: SpatialWeights, argument: string, minLength = 3): Float64Array {
  const v = finiteVector(x, argument);
  if (v.length !== W.n)
    throw new CoordError("LENGTH", `${argument} has ${v.length} values but the weights have ${W.n} units; give one value per unit, in the weights' order`, {
      argument,
    });
  if (v.length < minLength) throw new CoordError("TOO_FEW", `${argument} has ${v.length} values; at least ${minLength} units are needed`, { argument });
  return v;
}

/** Centred values z = x − x̄ and Σz², or a CONSTANT error (the statistic is undefined). */
export function centred(x: Float64Array, argument: string): { z: Float64Array; mean: number; sumSq: number } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const z = new Float64Array(n);
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    z[i] = x[i] - mean;
    sumSq += z[i] * z[i];
  }
  // relative test: values equal up to rounding count as constant
  if (!(sumSq > 1e-28 * n * Math.max(1, mean * mean)))
    throw new CoordError("CONSTANT", `${argument}: all ${n} values are equal (${x[0]}); spatial autocorrelation is undefined`, { argument });
  return { z, mean, sumSq };
}

/** Σ_j w_ij v_j for every i (0 for an isolate). */
export function lagOf(W: SpatialWeights, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(W.n);
  const { offsets, neighbours, weights } = W;
  for (let i = 0; i < W.n; i++) {
    let s = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) s += weights[p] * v[neighbours[p]];
    out[i] = s;
  }
  return out;
}

/** Checks shared by every statistic: isolates refused unless zeroPolicy. */
export function prepare(x: ArrayLike<unknown>, W: SpatialWeights, argument: string, zeroPolicy: boolean | undefined, minLength = 3): Float64Array {
  const v = valuesFor(x, W, argument, minLength);
  checkIsolates(W, zeroPolicy ?? false);
  return v;
}

/** A permutation count: 0 (none) or a whole number 1..1e7. */
export function permutationCount(R: number | undefined, fallback: number): number {
  const r = R ?? fallback;
  if (!(Number.isInteger(r) && r >= 0 && r <= 1e7))
    throw new CoordError("OPTION", `permutations must be a whole number from 0 to 10,000,000; got ${String(R)}`, { argument: "permutations" });
  return r;
}

/** A seed: any finite number (truncated to an integer). */
export function seedValue(seed: number | undefined, fallback: number): number {
  const s = seed ?? fallback;
  if (!Number.isFinite(s)) throw new CoordError("OPTION", `seed must be a number; got ${String(seed)}`, { argument: "seed" });
  return Math.trunc(s);
}
