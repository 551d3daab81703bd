import { CoordError } from "../errors";
import { EvolutionMethod, HakenEvolution, hakenEvolution } from "./evolution";
import { HakenFit, HakenFitOptions, fitSettings, formatAlpha, hakenFitOnPairs, hakenParams, readSeries } from "./fit";
import { UnitIds, panelPairs } from "./pairs";
import { HakenPotential, hakenPotential } from "./potential";

export interface HakenModelOptions extends Omit<HakenFitOptions, "names"> {
  /** Names of the two series A and B (default "A", "B"). */
  names?: [string, string];
  /** Evolution level method (default "distance_qV|1-d/dmax"). */
  evolution?: EvolutionMethod;
  /**
   * Which assignment names the order parameter: "auto" (default: the one for which the adiabatic
   * approximation holds), or "A" / "B" to force it (the potential and evolution use it whatever
   * the decision).
   */
  order?: "auto" | "A" | "B";
  /** Name of the order option in the advice of the note (default "order"; the report's is "hakenOrder"). */
  orderOptionName?: string;
  /**
   * false: fit and decide only, without the potential over every row and the evolution level
   * (both null), for callers that show the fits alone (COORD.HAKENFIT's table at 10⁶ rows).
   * Default true.
   */
  perRow?: boolean;
  /** Storage for the pairs (see panelPairs' pairsBuffer), e.g. reused between calls. */
  pairsBuffer?: (size: number) => Int32Array;
}

export interface HakenModelResult {
  /** A as q1, B as q2. */
  fitA: HakenFit;
  /** B as q1, A as q2. */
  fitB: HakenFit;
  /** Which assignment satisfies the adiabatic approximation. */
  decision: "A" | "B" | "both" | "neither";
  /**
   * The decided assignment holds in sign and size but not every coefficient is significant at
   * alpha (significance not required): the decision is to be read with that caveat.
   */
  notSignificant: boolean;
  /** Name of the order parameter, null when both or neither assignment holds. */
  orderParameter: string | null;
  /** The assignment used for the potential and evolution (null: none). */
  used: "A" | "B" | null;
  /** V over every row of the order parameter, stable points, kind. */
  potential: HakenPotential | null;
  evolution: HakenEvolution | null;
  /** What was decided and used, in words. */
  note: string;
}

/**
 * Haken model with the order-parameter decision (M10): fits A as q1 and then B as q1; the
 * assignment satisfying the adiabatic approximation names the order parameter; its potential,
 * stable points and per-row evolution level follow.
 *
 * @example
 * // a 3-province x 4-year panel from γ1 = -0.05, a = 0.1, γ2 = 0.5, b = 0.3 (q1 slightly disturbed)
 * const units: string[] = [], years: number[] = [], q1: number[] = [], q2: number[] = [];
 * for (const [u, x0, y0] of [["A", 0.2, 0.1], ["B", 0.4, 0.3], ["C", 0.6, 0.2]] as const) {
 *   let [x, y]: number[] = [x0, y0];
 *   for (let t = 2011; t <= 2014; t++) {
 *     units.push(u), years.push(t), q1.push(x), q2.push(y);
 *     [x, y] = [1.05 * x - 0.1 * x * y + 0.001 * Math.sin(7 * x), 0.5 * y + 0.3 * x * x];
 *   }
 * }
 * const m = hakenModel(q1, q2, units, years, { names: ["NQPF", "NTU"] });
 * m.orderParameter; // => "NQPF"
 * m.potential?.kind; // => "double-well"
 * m.evolution?.level.length; // => 12 (one per row)
 */
export function hakenModel(
  A: ArrayLike<unknown>,
  B: ArrayLike<unknown>,
  units: ArrayLike<unknown> | UnitIds,
  times: ArrayLike<unknown>,
  options: HakenModelOptions = {},
): HakenModelResult {
  const [nameA, nameB] = options.names ?? ["A", "B"];
  const order = options.order ?? "auto";
  if (order !== "auto" && order !== "A" && order !== "B")
    throw new CoordError("OPTION", `order must be auto, A or B; got '${String(order)}'`, { argument: "order" });
  // both assignments share the series and the pairs (t, t+1): read and built once
  const settings = fitSettings({ ...options, names: [nameA, nameB] });
  const [a, b] = readSeries(A, B, units, times, [nameA, nameB]);
  const pairs = panelPairs(units, times, { step: options.step, pairsBuffer: options.pairsBuffer });
  const fitA = hakenFitOnPairs(a, b, pairs, settings);
  const fitB = hakenFitOnPairs(b, a, pairs, { ...settings, names: [nameB, nameA] }, true); // fitA checked the series
  const decision = fitA.adiabatic ? (fitB.adiabatic ? "both" : "A") : fitB.adiabatic ? "B" : "neither";
  const orderParameter = decision === "A" ? nameA : decision === "B" ? nameB : null;
  const used = order !== "auto" ? order : decision === "A" || decision === "B" ? decision : null;
  const decided = decision === "A" ? fitA : decision === "B" ? fitB : null;
  const notSignificant = decided !== null && decided.verdict === "holds in sign and size, not significant";
  const level = formatAlpha(settings.alpha);

  const notes: string[] = [];
  if (orderParameter && notSignificant)
    notes.push(
      `The adiabatic approximation holds in sign and size with ${orderParameter} as q1, not significant at ${level} (${pList(decided!)}): ` +
        `${orderParameter} is the order parameter in sign and size only.`,
    );
  else if (orderParameter) notes.push(`The adiabatic approximation holds with ${orderParameter} as q1: ${orderParameter} is the order parameter.`);
  else if (decision === "both") notes.push(`The adiabatic approximation holds for both assignments: the order parameter is not identified.`);
  else notes.push(`The adiabatic approximation holds for neither assignment: there is no order parameter.`);
  let potential: HakenPotential | null = null;
  let evolution: HakenEvolution | null = null;
  if (used && options.perRow === false) notes.push(`Potential and evolution level not computed (perRow: false).`);
  else if (used) {
    const fit = used === "A" ? fitA : fitB;
    const q1 = used === "A" ? a : b;
    const q2 = used === "A" ? b : a;
    if (order !== "auto") notes.push(`Potential and evolution use ${fit.q1Name} as q1, as requested (${options.orderOptionName ?? "order"} ${order}).`);
    try {
      potential = hakenPotential(hakenParams(fit), q1, fit.q1Name);
      evolution = hakenEvolution(q1, q2, hakenParams(fit), { method: options.evolution, names: [fit.q1Name, fit.q2Name] });
      notes.push(`Evolution level: ${evolution.description}.`);
    } catch (e) {
      if (!(e instanceof CoordError) || e.code !== "UNDEFINED") throw e;
      notes.push(`No ${potential ? "evolution level" : "potential"}: ${e.message}.`);
    }
  } else notes.push(`No potential or evolution level is computed (set ${options.orderOptionName ?? "order"} to A or B to force an assignment).`);
  return { fitA, fitB, decision, notSignificant, orderParameter, used, potential, evolution, note: notes.join(" ") };
}

/** "p of γ1 0.27, a 0.08, ..." for the coefficients that are not significant. */
function pList(fit: HakenFit): string {
  const parts = fit.conditions
    .filter((c) => c.key.endsWith("Significant") && !c.holds)
    .map((c) => `${c.label.split(" ")[0]} p = ${c.p === null ? "n/a" : c.p.toPrecision(2)}`);
  return parts.join(", ");
}
