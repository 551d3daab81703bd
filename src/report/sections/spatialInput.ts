/**
 * The report's spatial weights (METHODS.md M11), shared by the sections that need them
 * ("spatial" and "spatialMarkov"): what the user gave (the roles' "weights" key, else the
 * weights option), the one reason text when nothing was given, and the weights resolved for the
 * panel's units (in the panel's unit order, not transformed yet).
 */
import type { SpatialWeights } from "../../engine/spatial/weights";
import { translator } from "../i18n";
import { resolveSpatialWeights, SpatialWeightsInput } from "../spatialWeights";
import type { NotApplicable, SectionContext } from "./types";

/** The weights input: the roles' "weights" key, else the weights option (and coords) of the options; null when none is given. */
export function weightsInput(ctx: SectionContext): SpatialWeightsInput | null {
  if (ctx.inputs.weights !== undefined && ctx.inputs.weights !== null && ctx.inputs.weights !== "") return ctx.inputs.weights;
  return ctx.options.weights.trim() ? ctx.options.weights.trim() : null;
}

/** Why a section needing spatial weights does not run (none given), or null when weights are given. */
export function noWeights(ctx: SectionContext): NotApplicable | null {
  return weightsInput(ctx) === null ? { reason: translator(ctx.options.language)("spatialInput.noWeights") } : null;
}

/**
 * The report's weights for the panel's units (panel order, as given: no transform, no isolate
 * check). Call only when `noWeights(ctx)` is null.
 */
export function reportWeights(ctx: SectionContext): SpatialWeights {
  const input = weightsInput(ctx);
  if (input === null) throw new Error("reportWeights: no spatial weights were given (check noWeights first)");
  return resolveSpatialWeights(input, ctx.panel.units);
}
