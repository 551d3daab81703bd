/**
 * Getis–Ord Gi* (M12; Getis & Ord 1992, Ord & Getis 1995) in its z form with the unit itself
 * included (spdep localG on include.self), and the hot / cold spots at 90, 95 and 99 %.
 */
import { normalTwoSidedP } from "../stats/normal";
import { centred, prepare } from "./common";
import { SpatialWeights } from "./weights";

export type HotSpot = "hot spot 99%" | "hot spot 95%" | "hot spot 90%" | "not significant" | "cold spot 90%" | "cold spot 95%" | "cold spot 99%";

export interface GiStarResult {
  /** Gi* as a z-score (spdep's localG value). */
  z: (number | null)[];
  /** Two-sided normal p of z. */
  pValue: (number | null)[];
  /** G*_i = Σ_j w*_ij x_j / Σ_j x_j with the self-inclusive weights row-standardised, E and Var (spdep's internals). */
  G: (number | null)[];
  expectation: number[];
  variance: (number | null)[];
  hotSpot: HotSpot[];
  reasons: (string | null)[];
  n: number;
}

/** The hot / cold spot class of a Gi* z with two-sided p. */
export function hotSpotOf(z: number | null, p: number | null): HotSpot {
  if (z === null || p === null) return "not significant";
  const level = p < 0.01 ? "99%" : p < 0.05 ? "95%" : p < 0.1 ? "90%" : null;
  if (level === null) return "not significant";
  return `${z > 0 ? "hot" : "cold"} spot ${level}` as HotSpot;
}

/**
 * Gi* z_i = (Σ_j w*_ij x_j − W*_i x̄) / √(s² (n S1*_i − W*_i²)/(n − 1)), s² = Σ(x − x̄)²/n,
 * W*_i = Σ_j w*_ij, S1*_i = Σ_j w*_ij² (M12). The self weight w*_ii is the largest weight of
 * row i (1 for an isolate): binary weights give B + I and row-standardised ones a row-scaled
 * B + I, so z is the same under both, as spdep's include.self.
 *
 * @example
 * import { weightsFromEdges } from "./weights";
 * const W = weightsFromEdges([{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "d" }], { symmetric: true });
 * getisOrdGiStar([1, 2, 3, 10], W).z[3]; // => 1.2247
 */
export function getisOrdGiStar(x: ArrayLike<unknown>, W: SpatialWeights, options: { zeroPolicy?: boolean; argument?: string } = {}): GiStarResult {
  const argument = options.argument ?? "values";
  const v = prepare(x, W, argument, options.zeroPolicy);
  const n = v.length;
  const { mean, sumSq } = centred(v, argument);
  const sum = mean * n;
  const s2 = sumSq / n;
  const { offsets, neighbours, weights } = W;
  const z: (number | null)[] = new Array(n);
  const P: (number | null)[] = new Array(n);
  const G: (number | null)[] = new Array(n);
  const E: number[] = new Array(n);
  const V: (number | null)[] = new Array(n);
  const hotSpot: HotSpot[] = new Array(n);
  const reasons: (string | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    let self = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) self = Math.max(self, weights[p]);
    if (self === 0) self = 1;
    let lag = self * v[i];
    let Wi = self;
    let S1 = self * self;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      lag += weights[p] * v[neighbours[p]];
      Wi += weights[p];
      S1 += weights[p] * weights[p];
    }
    const varNum = (s2 * (n * S1 - Wi * Wi)) / (n - 1);
    // spdep's internals: the star weights row-standardised (W*_i = 1); G undefined when Σx = 0
    E[i] = 1 / n;
    G[i] = sum !== 0 ? lag / Wi / sum : null;
    V[i] = sum !== 0 ? (s2 * (n * (S1 / (Wi * Wi)) - 1)) / ((n - 1) * sum * sum) : null;
    if (varNum > 0) {
      z[i] = (lag - Wi * mean) / Math.sqrt(varNum);
      P[i] = normalTwoSidedP(z[i] as number);
    } else {
      z[i] = null;
      P[i] = null;
      reasons[i] = "the variance of Gi* is 0 (every unit a neighbour of this one with equal weight)";
    }
    hotSpot[i] = hotSpotOf(z[i], P[i]);
  }
  return { z, pValue: P, G, expectation: E, variance: V, hotSpot, reasons, n };
}
