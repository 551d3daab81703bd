/**
 * The geodetector (METHODS.md M8) and its discretization (M9): public API.
 */
export { qFromCodes, stratumSums } from "./q";
export type { StratumSums } from "./q";
export { encodeStrata } from "./strata";
export type { Strata } from "./strata";
export { factorDetector, factorDetectorCodes } from "./factorDetector";
export { ONE_UNIT_PER_STRATUM } from "./detectorCore";
export { factorKind, isMissingMarker, textInNumericFactor, MISSING_MARKERS } from "./factorKind";
export type { FactorKind, FactorKindBasis, FactorKindDecision, FactorKindOptions } from "./factorKind";
export * from "./constants";
export type { DetectorOptions, FactorValues, FactorDetectorResult, StratumSummary } from "./factorDetector";
export type { QTest } from "./detectorCore";
export { interactionDetector, interactionType, INTERACTION_TOLERANCE } from "./interactionDetector";
export type { NamedFactor, InteractionType, InteractionPair, InteractionDetectorResult } from "./interactionDetector";
export { riskDetector } from "./riskDetector";
export type { RiskDetectorOptions, RiskStratum, RiskPair, RiskDetectorResult } from "./riskDetector";
export { ecologicalDetector } from "./ecologicalDetector";
export type { EcologicalDetectorOptions, EcologicalPair, EcologicalDetectorResult } from "./ecologicalDetector";
export { ncfUpperP } from "../stats/noncentralF";
export { fQuantile } from "../stats/fQuantile";
export { welchTTest, welchFromMoments } from "../stats/welch";
export type { WelchResult, GroupMoments } from "../stats/welch";
// Discretization (M9), written alongside: re-exported whole
export * from "./discretize";
export * from "./naturalBreaks";
export * from "./optimal";
