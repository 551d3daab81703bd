import { CoordError } from "../errors";
import { finiteVector } from "../validate";
import type { HakenParams } from "./fit";

export interface StablePoint {
  q1: number;
  /** q2 on the slow manifold, q2 = (b/γ2)·q1² (adiabatic elimination). */
  q2: number;
  V: number;
  /** V''(q1): γ1 at 0, -2γ1 at ±q*. */
  V2: number;
  /** V'' > 0 (at 0 with γ1 = 0: the quartic term decides, ab/γ2 > 0). */
  stable: boolean;
}

export type PotentialKind = "double-well" | "single-well" | "single-well-with-barriers" | "unstable" | "degenerate";

export interface HakenPotential {
  /** V(q1) for each value passed (empty when none). */
  V: number[];
  /** Stationary points: 0 first, then +q* and -q* when q*² > 0. */
  points: StablePoint[];
  kind: PotentialKind;
  description: string;
  /** q*² = -γ1γ2/(ab); null when ab = 0. */
  qStarSq: number | null;
  /** Coefficients of V(q1) = c2·q1² + c4·q1⁴: c2 = γ1/2, c4 = ab/(4γ2). */
  c2: number;
  c4: number;
}

const DESCRIPTIONS: Record<PotentialKind, string> = {
  "double-well": "double-well: q1=0 unstable, +-q* stable (positive feedback of order parameter)",
  "single-well": "single-well: q1=0 stable, no other stationary point (negative feedback of order parameter)",
  "single-well-with-barriers": "single-well with barriers: q1=0 stable, +-q* unstable",
  unstable: "unstable: q1=0 unstable, no other stationary point",
  degenerate: "degenerate: gamma1 = 0, q1=0 is the only stationary point (quartic term decides)",
};

/**
 * Potential of the order parameter (M10): V(q1) = ½γ1q1² + (ab/(4γ2))q1⁴, from
 * dq1/dt = -γ1q1 - (ab/γ2)q1³, with stationary points 0 and ±√(-γ1γ2/(ab)) (when positive),
 * V''(0) = γ1, V''(±q*) = -2γ1.
 *
 * @example
 * const p = hakenPotential({ gamma1: -0.04, gamma2: 0.4, a: 0.05, b: 0.4 }, [0.5]);
 * p.qStarSq; // => 0.8
 * p.V[0]; // => -0.00421875 (= ½(-0.04)(0.25) + (0.02/1.6)(0.0625))
 */
export function hakenPotential(params: HakenParams, q1: ArrayLike<unknown> = [], argument = "q1"): HakenPotential {
  const { gamma1: g1, gamma2: g2, a, b } = params;
  for (const [k, v] of Object.entries(params))
    if (!(typeof v === "number" && Number.isFinite(v))) throw new CoordError("NOT_NUMERIC", `params.${k} is not a finite number`, { argument: `params.${k}` });
  if (g2 === 0)
    throw new CoordError("UNDEFINED", `gamma2 = 0: the potential V(q1) = ½γ1q1² + (ab/(4γ2))q1⁴ is undefined`, {
      argument: "gamma2",
    });
  const c2 = g1 / 2;
  const c4 = (a * b) / (4 * g2);
  const Vof = (q: number) => c2 * q * q + c4 * q * q * q * q;
  const x = q1.length > 0 ? finiteVector(q1, argument) : new Float64Array(0);
  const V = new Array<number>(x.length); // a loop: Array.from(x, Vof) is ~3x slower on 10⁶ rows
  for (let i = 0; i < x.length; i++) V[i] = Vof(x[i]);

  const ab = a * b;
  const qStarSq = ab !== 0 ? -(g1 * g2) / ab : null;
  const points: StablePoint[] = [{ q1: 0, q2: 0, V: 0, V2: g1, stable: g1 > 0 || (g1 === 0 && c4 > 0) }];
  let kind: PotentialKind;
  if (qStarSq !== null && qStarSq > 0) {
    const qs = Math.sqrt(qStarSq);
    const q2s = (b / g2) * qStarSq;
    const Vs = Vof(qs);
    points.push({ q1: qs, q2: q2s, V: Vs, V2: -2 * g1, stable: -2 * g1 > 0 });
    points.push({ q1: -qs, q2: q2s, V: Vs, V2: -2 * g1, stable: -2 * g1 > 0 });
    kind = g1 < 0 ? "double-well" : "single-well-with-barriers";
  } else if (g1 > 0) kind = "single-well";
  else if (g1 < 0) kind = "unstable";
  else kind = "degenerate";
  return { V, points, kind, description: DESCRIPTIONS[kind], qStarSq, c2, c4 };
}
