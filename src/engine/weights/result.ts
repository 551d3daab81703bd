/**
 * The result shape shared by the weighting methods (METHODS.md M2 entropy, M3 CRITIC): the z
 * the weights were computed on, the directions, one pool of rows per period (or one for all
 * rows) with its weights and the method's own statistics, and the weights themselves. Each
 * method's pool type (`EntropyPool`, `CriticPool`) extends `WeightPool` with its statistics.
 */
import { Direction, PeriodLabel } from "../standardize";

/** What every method gives for one pool of rows (all rows, or one period). */
export interface WeightPool {
  /** Period label, or null for the global pool. */
  period: PeriodLabel | null;
  /** 0-based rows of this pool. */
  rows: number[];
  /** Rows pooled, n. */
  n: number;
  /** w_j of this pool. */
  weights: number[];
}

/** What both scopes share. */
export interface WeightsBase<P extends WeightPool> {
  /** Standardized z the weights were computed on (after shift or rescale). */
  z: number[][];
  /** z before shift or rescale, for scoring on unshifted z (M4). */
  zUnshifted: number[][];
  directions: Direction[];
  /** One pool for scope "global", one per period otherwise. */
  pools: P[];
}

/** Scope "global": one pool of all N·T rows, its statistics at the top level. */
export type WeightsGlobal<P extends WeightPool> = WeightsBase<P> & Omit<P, "period" | "rows"> & { scope: "global" };

/** Scope "per-period": weights per period in `pools`; `weights` is their mean (the mean-of-periods option). */
export type WeightsPerPeriod<P extends WeightPool> = WeightsBase<P> & { scope: "per-period"; weights: number[] };

/** The result of a weighting method with pools of type P. */
export type WeightsResult<P extends WeightPool = WeightPool> = WeightsGlobal<P> | WeightsPerPeriod<P>;
