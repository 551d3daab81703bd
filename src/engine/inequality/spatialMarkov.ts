import { CoordError } from "../errors";
import { chiSquareUpperP } from "../stats/chiSquare";
import { ChainAnalysis, analyseTransitionMatrix } from "./chainAnalysis";
import { MarkovClassSpec, MarkovClasses, markovClasses } from "./markovClasses";
import { TransitionTable, countTransitions, transitionTable } from "./markovChain";

/** How the spatial lag is classed: its own pooled quantiles (default), y's cutoffs and closure, or a spec of its own. */
export type LagClassSpec = "own" | "same" | MarkovClassSpec;

export interface SpatialMarkovOptions {
  /** Classes of y (default pooled quantiles, k = 4). */
  classes?: MarkovClassSpec;
  /** Classes of the lag: "own" (default: its own pooled quantiles, m classes), "same" (y's cutoffs) or a spec. */
  lagClasses?: LagClassSpec;
  /** m of "own": default y's k when y is classed by quantiles, else 4 (giddy's m = 4). */
  m?: number;
  /** Argument names in messages (defaults "y", "lag"). */
  names?: { y?: string; lag?: string };
}

export interface LagClassChain extends TransitionTable, ChainAnalysis {
  /** The lag class (0-based) at the start period of the transitions counted here. */
  lagClass: number;
}

export interface HomogeneityTests {
  /** Q = Σ_l Σ_i Σ_j n_il (p_ijl − p_ij)² / p_ij (Bickenbach & Bode 2003), over p_ij > 0. */
  Q: number;
  /** LR = 2 Σ_l Σ_i Σ_j n_ijl ln(p_ijl / p_ij), over n_ijl > 0 (the textbook statistic, not giddy's kullback). */
  LR: number;
  /** Σ_i (b_i − 1)(A_i − 1): b_i lag classes with a non-empty row i, A_i non-zero cells of pooled row i. */
  dof: number;
  /** Upper-tail p of Q and LR with dof degrees of freedom (χ² survival); null when dof = 0. */
  pQ: number | null;
  pLR: number | null;
  A: number[];
  b: number[];
  note?: string;
}

export interface SpatialMarkovResult {
  k: number;
  m: number;
  classes: MarkovClasses;
  lagClasses: MarkovClasses;
  /** All transitions, whatever the lag (the traditional chain's counts). */
  pooled: TransitionTable;
  /** One conditional chain per lag class 0..m−1. */
  byLag: LagClassChain[];
  homogeneity: HomogeneityTests;
}

/**
 * Bickenbach & Bode (2003) homogeneity tests of conditional transition counts against the
 * pooled matrix (M14): Q, LR, the zero-cell-corrected dof and upper-tail p.
 *
 * @example
 * const h = homogeneityTests([[[3, 1], [1, 3]], [[1, 3], [3, 1]]]);
 * [h.Q, h.dof]; // => [4, 2]
 * h.LR; // => 4.185985150116382
 */
export function homogeneityTests(byLagCounts: ReadonlyArray<ReadonlyArray<ReadonlyArray<number>>>): HomogeneityTests {
  const m = byLagCounts.length;
  const k = byLagCounts[0].length;
  const pooled = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => byLagCounts.reduce((s, T) => s + T[i][j], 0)));
  const pooledP = transitionTable(pooled).P;
  let Q = 0;
  let LR = 0;
  const A = pooled.map((r) => r.filter((c) => c > 0).length);
  const b = new Array<number>(k).fill(0);
  for (let l = 0; l < m; l++) {
    const T = byLagCounts[l];
    for (let i = 0; i < k; i++) {
      let nil = 0;
      for (let j = 0; j < k; j++) nil += T[i][j];
      if (nil === 0) continue;
      b[i]++;
      for (let j = 0; j < k; j++) {
        const pij = pooledP[i][j];
        if (pij === 0) continue;
        const pijl = T[i][j] / nil;
        Q += (nil * (pijl - pij) ** 2) / pij;
        if (T[i][j] > 0) LR += T[i][j] * Math.log(pijl / pij);
      }
    }
  }
  LR *= 2;
  let dof = 0;
  for (let i = 0; i < k; i++) if (b[i] > 0 && A[i] > 0) dof += (b[i] - 1) * (A[i] - 1);
  const out: HomogeneityTests = {
    Q,
    LR,
    dof,
    pQ: dof > 0 ? chiSquareUpperP(Q, dof) : null,
    pLR: dof > 0 ? chiSquareUpperP(LR, dof) : null,
    A,
    b,
  };
  if (dof === 0) out.note = "dof = 0 after the zero-cell correction: no cell can differ between lag classes, the tests are undefined";
  return out;
}

/**
 * Spatial Markov chain (Rey 2001; M14) of y (units x periods) given its spatial lag (units x
 * periods, e.g. W_r·y with a row-standardised W, computed by the caller): transitions counted
 * per lag class at the start period, one matrix per lag class, and the Q and LR homogeneity tests.
 *
 * @example
 * const y = [[0.1, 0.2, 0.1], [0.2, 0.1, 0.2], [0.1, 0.1, 0.2]];
 * const lag = [[0.2, 0.1, 0.2], [0.1, 0.2, 0.2], [0.2, 0.2, 0.1]];
 * const s = spatialMarkov(y, lag, { classes: { kind: "cutoffs", cutoffs: [0.15] }, lagClasses: "same" });
 * s.byLag.map((c) => c.counts); // => [[[0, 0], [2, 0]], [[1, 3], [0, 0]]]
 */
export function spatialMarkov(y: ArrayLike<ArrayLike<unknown>>, lag: ArrayLike<ArrayLike<unknown>>, options: SpatialMarkovOptions = {}): SpatialMarkovResult {
  const yName = options.names?.y ?? "y";
  const lagName = options.names?.lag ?? "lag";
  const spec = options.classes ?? { kind: "quantile", k: 4 };
  const classes = markovClasses(y, spec, yName);
  if (lag.length !== y.length) throw new CoordError("LENGTH", `${lagName} has ${lag.length} units but ${yName} has ${y.length}`, { argument: lagName });
  const T = classes.ids[0].length;
  if (T < 2) throw new CoordError("TOO_FEW", `${yName} has one period; transitions need at least two`, { argument: yName });
  if (lag[0].length !== T) throw new CoordError("LENGTH", `${lagName} has ${lag[0].length} periods but ${yName} has ${T}`, { argument: lagName });
  const lagSpec = options.lagClasses ?? "own";
  let lagClassSpec: MarkovClassSpec;
  if (lagSpec === "own") {
    const m = options.m ?? (spec.kind === "quantile" ? (spec.k ?? 4) : 4);
    lagClassSpec = { kind: "quantile", k: m };
  } else if (lagSpec === "same") lagClassSpec = { kind: "cutoffs", cutoffs: classes.cutoffs, closed: classes.closed };
  else lagClassSpec = lagSpec;
  const lagClasses = markovClasses(lag, lagClassSpec, lagName);
  const k = classes.k;
  const m = lagClasses.k;
  const counts = Array.from({ length: m }, () => Array.from({ length: k }, () => new Array<number>(k).fill(0)));
  for (let u = 0; u < classes.ids.length; u++) {
    const row = classes.ids[u];
    const lrow = lagClasses.ids[u];
    for (let t = 0; t + 1 < T; t++) counts[lrow[t]][row[t]][row[t + 1]]++; // M14: the lag class at the start period
  }
  const byLag: LagClassChain[] = counts.map((c, l) => {
    const table = transitionTable(c);
    return { lagClass: l, ...table, ...analyseTransitionMatrix(table.P, table.emptyRows) };
  });
  return {
    k,
    m,
    classes,
    lagClasses,
    pooled: transitionTable(countTransitions(classes.ids, k)),
    byLag,
    homogeneity: homogeneityTests(counts),
  };
}
