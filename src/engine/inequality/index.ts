/** Regional differences and dynamics (METHODS.md M13–M15). */
export * from "./dagum";
export * from "./convergence";
export * from "./markovClasses";
export * from "./chainAnalysis";
export * from "./markovChain";
export * from "./spatialMarkov";
export * from "./spatialLag";
export * from "./obstacle";
