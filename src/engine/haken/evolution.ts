import { CoordError } from "../errors";
import { assertSameLength, finiteVector } from "../validate";
import type { HakenParams } from "./fit";
import { hakenPotential, StablePoint } from "./potential";

/** "measure|transform": the default is "distance_qV|1-d/dmax" (M10). */
export type EvolutionMethod =
  | "distance_qV|1-d/dmax"
  | "distance_qV|raw"
  | "distance_qV|minmax"
  | "distance_qV|1/(1+d)"
  | "distance_q1q2|1-d/dmax"
  | "distance_q1q2|raw"
  | "distance_q1q2|minmax"
  | "distance_q1q2|1/(1+d)"
  | "potential|raw"
  | "potential|minmax";

export const EVOLUTION_METHODS: readonly EvolutionMethod[] = [
  "distance_qV|1-d/dmax",
  "distance_qV|raw",
  "distance_qV|minmax",
  "distance_qV|1/(1+d)",
  "distance_q1q2|1-d/dmax",
  "distance_q1q2|raw",
  "distance_q1q2|minmax",
  "distance_q1q2|1/(1+d)",
  "potential|raw",
  "potential|minmax",
];

export interface HakenEvolution {
  /** Evolution (synergy) level per row, in input order. */
  level: number[];
  method: EvolutionMethod;
  /** The stable point distances are measured to (null for the potential methods). */
  reference: StablePoint | null;
  /** A sentence saying what was computed. */
  description: string;
}

/**
 * Evolution (synergy) level per row from the order parameter's potential (M10). Default:
 * d = distance from (q1, V(q1)) to the stable point (q*, V(q*)), h = 1 - d/max d. Options: in the
 * (q1, q2) plane to (q*, q2*), q2* = (b/γ2)q*²; transforms raw d, min-max (dmax - d)/(dmax - dmin),
 * 1/(1 + d); or the potential itself (raw V, or (Vmax - V)/(Vmax - Vmin): lower V, higher level).
 * The stable point is +q* when ±q* are stable (double well), else 0 when 0 is stable.
 *
 * @example
 * hakenEvolution([0.2, 0.6, 1.0], [0.1, 0.3, 0.5], { gamma1: -0.04, gamma2: 0.4, a: 0.05, b: 0.4 }).level; // =>
 * // [0, 0.58, 0.85] (1 - d/max d, d the distance to (q*, V(q*)) = (0.894, -0.008))
 */
export function hakenEvolution(
  q1: ArrayLike<unknown>,
  q2: ArrayLike<unknown>,
  params: HakenParams,
  options: { method?: EvolutionMethod; names?: [string, string] } = {},
): HakenEvolution {
  const method = options.method ?? "distance_qV|1-d/dmax";
  if (!(EVOLUTION_METHODS as readonly string[]).includes(method))
    throw new CoordError("OPTION", `evolution must be one of ${EVOLUTION_METHODS.join(", ")}; got '${String(method)}'`, {
      argument: "evolution",
    });
  const [n1, n2] = options.names ?? ["q1", "q2"];
  const x1 = finiteVector(q1, n1);
  const pot = hakenPotential(params, x1, n1);
  const [measure, transform] = method.split("|") as [string, string];
  const fmt = (v: number) => Number(v.toPrecision(6));

  if (measure === "potential") {
    const V = pot.V;
    if (transform === "raw") return { level: V, method, reference: null, description: `raw potential V(q1) = ½γ1q1² + (ab/(4γ2))q1⁴` };
    const { min, max } = range(V);
    if (!(max > min))
      throw new CoordError("UNDEFINED", `all ${V.length} potentials are equal: the min-max evolution level is undefined`, {
        argument: n1,
      });
    return {
      level: V.map((v) => (max - v) / (max - min)),
      method,
      reference: null,
      description: `h = (Vmax - V)/(Vmax - Vmin): the lower the potential, the higher the level`,
    };
  }

  const ref = pot.points.find((p) => p.stable && p.q1 > 0) ?? pot.points.find((p) => p.stable && p.q1 === 0);
  if (!ref)
    throw new CoordError(
      "UNDEFINED",
      `the potential has no stable point (${pot.description}); distance-based evolution levels are undefined — use potential|raw`,
      { argument: "evolution" },
    );
  let d: number[];
  let where: string;
  if (measure === "distance_qV") {
    d = distances(x1, pot.V, ref.q1, ref.V);
    where = `distance from (q1, V(q1)) to the stable point (q*, V(q*)) = (${fmt(ref.q1)}, ${fmt(ref.V)})`;
  } else {
    const x2 = finiteVector(q2, n2);
    assertSameLength(x1, x2, n1, n2);
    d = distances(x1, x2, ref.q1, ref.q2);
    where = `distance in the (q1, q2) plane to the stable point (q*, q2*) = (${fmt(ref.q1)}, ${fmt(ref.q2)})`;
  }
  const { min, max } = range(d);
  let level: number[];
  let how: string;
  switch (transform) {
    case "raw":
      level = d;
      how = "d";
      break;
    case "1/(1+d)":
      level = d.map((v) => 1 / (1 + v));
      how = "h = 1/(1 + d)";
      break;
    case "1-d/dmax":
      if (!(max > 0))
        throw new CoordError("UNDEFINED", `every row sits on the stable point (max d = 0): h = 1 - d/max d is undefined`, {
          argument: n1,
        });
      level = d.map((v) => 1 - v / max);
      how = "h = 1 - d/max d";
      break;
    default:
      if (!(max > min)) throw new CoordError("UNDEFINED", `all distances are equal: the min-max evolution level is undefined`, { argument: n1 });
      level = d.map((v) => (max - v) / (max - min));
      how = "h = (dmax - d)/(dmax - dmin)";
  }
  return { level, method, reference: ref, description: `${how}, d = ${where}` };
}

/**
 * Euclidean distance of each point (a_i, b_i) to (a0, b0), by Math.hypot (no overflow, M10).
 *
 * @example
 * distances([3, 0], [4, 0], 0, 0); // => [5, 0]
 */
function distances(a: ArrayLike<number>, b: ArrayLike<number>, a0: number, b0: number): number[] {
  const d = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) d[i] = Math.hypot(a[i] - a0, b[i] - b0);
  return d;
}

function range(v: number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const x of v) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}
