/**
 * COORD.MORANI, COORD.LISA, COORD.GISTAR, COORD.SPATIALLAG (METHODS.md M12): values (one per
 * unit) and an n x n weights range (see impl/spatialWeights.ts) -> the engine -> a labelled block
 * or one result per unit in the orientation of values.
 */
import { gearyC, moranI } from "../../engine/spatial/moran";
import { localMoran } from "../../engine/spatial/localMoran";
import { getisOrdGiStar } from "../../engine/spatial/getisOrd";
import { spatialLag } from "../../engine/spatial/lag";
import { labelledTable, readNumberOption, toExcelMatrix } from "../excel";
import { Spill, notAvailable, readOutput, spillLike } from "./common";
import { transformWeights } from "../../engine/spatial/weights";
import { readTransform, readValuesAndWeights } from "./spatialWeights";

/**
 * COORD.MORANI(values, weights, [output], [transform], [permutations], [seed]): global Moran's I
 * (randomisation moments) with its permutation p, or Geary's C with output "geary".
 */
export function moranImpl(values: unknown, weights: unknown, output?: unknown, transform?: unknown, permutations?: unknown, seed?: unknown): Spill {
  const out = readOutput(output, ["moran", "geary"] as const, "moran");
  const t = readTransform(transform);
  const R = readNumberOption(permutations, "permutations", 999, { min: 0, max: 100000, integer: true });
  const s = readNumberOption(seed, "seed", 1, { integer: true });
  const { v, w } = readValuesAndWeights(values, weights);
  const W = transformWeights(w.W, t);
  if (out === "geary") {
    const g = gearyC(v.values, W);
    return toExcelMatrix([
      ["Geary's C", g.C],
      ["E[C]", g.expectation],
      ["variance", g.variance],
      ["z", g.z],
      ["p", g.pValue],
      ["p two-sided", g.pTwoSided],
    ]);
  }
  const m = moranI(v.values, W, { permutations: R, seed: s });
  const perm = m.permutation;
  return toExcelMatrix([
    ["Moran's I", m.I],
    ["E[I]", m.expectation],
    ["variance", m.variance],
    ["z", m.z],
    ["p", m.pValue],
    ["p two-sided", m.pTwoSided],
    [
      perm ? `p permutation (${perm.permutations}, seed ${perm.seed})` : "p permutation",
      perm ? perm.pValue : notAvailable("no permutation test: permutations is 0"),
    ],
  ]);
}

const LISA_OUTPUTS = ["table", "Ii", "z", "p", "quadrant", "cluster"] as const;

/** A per-unit number, or #N/A with the engine's reason. */
function orNA(v: number | null, reason: string | null) {
  return v === null ? notAvailable(reason ?? "undefined") : v;
}

/**
 * COORD.LISA(values, weights, [output], [alpha]): local Moran with row-standardised weights,
 * spdep's scaling and conditional moments: I_i, z, p, quadrant, cluster per unit.
 */
export function lisaImpl(values: unknown, weights: unknown, output?: unknown, alpha?: unknown): Spill {
  const out = readOutput(output, LISA_OUTPUTS, "table");
  const a = readNumberOption(alpha, "alpha", 0.05, { min: 1e-12, max: 0.999999 });
  const { v, w } = readValuesAndWeights(values, weights);
  const r = localMoran(v.values, transformWeights(w.W, "row"), { alpha: a });
  const column = (k: (typeof LISA_OUTPUTS)[number], i: number) => {
    switch (k) {
      case "Ii":
        return r.Ii[i];
      case "z":
        return orNA(r.z[i], r.reasons[i]);
      case "p":
        return orNA(r.pValue[i], r.reasons[i]);
      case "quadrant":
        return r.quadrant[i];
      default:
        return r.cluster[i];
    }
  };
  if (out === "table") {
    const keys = ["Ii", "z", "p", "quadrant", "cluster"] as const;
    return labelledTable(
      ["I_i", "z", "p", "quadrant", `cluster (α = ${a})`],
      r.Ii.map((_, i) => keys.map((k) => column(k, i))),
    );
  }
  return spillLike(
    r.Ii.map((_, i) => column(out, i)),
    v.orientation,
    v.label === null ? undefined : out === "Ii" ? "I_i" : out,
  );
}

/** COORD.GISTAR(values, weights): Getis–Ord Gi* z per unit (self included). */
export function giStarImpl(values: unknown, weights: unknown): Spill {
  const { v, w } = readValuesAndWeights(values, weights);
  const r = getisOrdGiStar(v.values, w.W);
  return spillLike(
    r.z.map((z, i) => orNA(z, r.reasons[i])),
    v.orientation,
    v.label === null ? undefined : "Gi* z",
  );
}

/** COORD.SPATIALLAG(values, weights, [transform]): Σ_j w_ij x_j per unit. */
export function spatialLagImpl(values: unknown, weights: unknown, transform?: unknown): Spill {
  const t = readTransform(transform);
  const { v, w } = readValuesAndWeights(values, weights);
  const lag = spatialLag(v.values, transformWeights(w.W, t));
  return spillLike(lag, v.orientation, v.label === null ? undefined : `lag ${v.label}`);
}
