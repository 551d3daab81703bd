/** Objective weights (METHODS.md M2, M3). */
export { entropyWeights, entropyWeightsOnly } from "./entropy";
export type { EntropyOptions, EntropyPool, EntropyResult, EntropyGlobalResult, EntropyPerPeriodResult } from "./entropy";
export { criticWeights } from "./critic";
export type { CriticOptions, CriticPool, CriticResult, CriticGlobalResult, CriticPerPeriodResult } from "./critic";
export type { WeightPool, WeightsBase, WeightsGlobal, WeightsPerPeriod, WeightsResult } from "./result";
