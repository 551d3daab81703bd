/**
 * The geodetector's defaults (METHODS.md M8, M9), in one place: the report, the custom functions
 * and the engine read them from here.
 */

/** Default number of classes of a discretized factor (the seed paper's six levels; M9). */
export const DEFAULT_K = 6;

/** Default k range of the optimal-discretization grid (OPGD, Song et al. 2020; M9): 3..8. */
export const DEFAULT_OPTIMAL_KS: readonly number[] = [3, 4, 5, 6, 7, 8];

/**
 * A numeric factor is categorical by default only when it holds whole numbers with at most this
 * many distinct levels, and fewer than n/2 levels (M8).
 */
export const CATEGORICAL_MAX_LEVELS = 10;

/** Default significance level of the risk and ecological detectors (M8). */
export const DEFAULT_GEO_ALPHA = 0.05;
