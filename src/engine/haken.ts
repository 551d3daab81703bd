/**
 * Haken model (M10): the fit of one assignment (`hakenFit`), the two-assignment model with the
 * order-parameter decision (`hakenModel`), the potential and stable points (`hakenPotential`),
 * and the evolution level (`hakenEvolution`). See src/engine/haken/*.ts.
 */
export { hakenFit, hakenParams } from "./haken/fit";
export type { HakenFit, HakenFitOptions, HakenParam, HakenParams } from "./haken/fit";
export { hakenModel } from "./haken/model";
export type { HakenModelOptions, HakenModelResult } from "./haken/model";
export { hakenPotential } from "./haken/potential";
export type { HakenPotential, PotentialKind, StablePoint } from "./haken/potential";
export { hakenEvolution, EVOLUTION_METHODS } from "./haken/evolution";
export type { EvolutionMethod, HakenEvolution } from "./haken/evolution";
export { UnitIds, panelPairs } from "./haken/pairs";
export type { PanelPairs } from "./haken/pairs";
