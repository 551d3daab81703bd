import { CoordError } from "../errors";
import { ChainAnalysis, analyseTransitionMatrix } from "./chainAnalysis";
import { MarkovClassSpec, MarkovClasses, markovClasses } from "./markovClasses";

export interface TransitionTable {
  /** counts[i][j]: moves from class i at t to class j at t+1, over all units and consecutive periods. */
  counts: number[][];
  /** Row sums of counts (n per row, as papers print). */
  rowTotals: number[];
  /** P = counts / row sum; an empty row stays 0 (flagged in emptyRows). */
  P: number[][];
  /** Classes never observed at a start period: their rows of P are 0, not a distribution. */
  emptyRows: number[];
}

/** P from counts (M14): each row divided by its sum; an empty row stays 0 and is listed. */
export function transitionTable(counts: number[][]): TransitionTable {
  const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const emptyRows: number[] = [];
  const P = counts.map((r, i) => {
    if (rowTotals[i] === 0) {
      emptyRows.push(i);
      return r.map(() => 0);
    }
    return r.map((c) => c / rowTotals[i]);
  });
  return { counts, rowTotals, P, emptyRows };
}

export interface MarkovChainResult extends TransitionTable, ChainAnalysis {
  k: number;
  classes: MarkovClasses;
  /** Prais mobility 1 − p_ii per class (1 for an empty row, as giddy). */
  prais: number[];
  /** Number of transitions counted: units x (periods − 1). */
  transitions: number;
}

/** Count transitions of class ids (units x periods) between consecutive periods. */
export function countTransitions(ids: ReadonlyArray<ReadonlyArray<number>>, k: number): number[][] {
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const row of ids) for (let t = 0; t + 1 < row.length; t++) counts[row[t]][row[t + 1]]++;
  return counts;
}

/**
 * Markov chain of classes (M14) of a panel (units x periods, the Table 3 layout): states by
 * pooled quantiles (default k = 4), cutoffs or grades; transition counts over consecutive
 * periods, P with empty rows flagged, steady state (one per recurrent class when reducible)
 * and mean first passage times (null = ∞).
 *
 * @example
 * const m = markovChain([[0.1, 0.2, 0.1], [0.2, 0.1, 0.2]], { kind: "cutoffs", cutoffs: [0.15] });
 * m.counts; // => [[0, 2], [2, 0]]
 * m.steadyState; // => [0.5, 0.5]
 * m.mfpt; // => [[2, 1], [1, 2]]
 */
export function markovChain(panel: ArrayLike<ArrayLike<unknown>>, spec?: MarkovClassSpec, argument = "panel"): MarkovChainResult {
  const classes = markovClasses(panel, spec, argument);
  if (classes.ids[0].length < 2) throw new CoordError("TOO_FEW", `${argument} has one period; transitions need at least two`, { argument });
  const table = transitionTable(countTransitions(classes.ids, classes.k));
  const analysis = analyseTransitionMatrix(table.P, table.emptyRows);
  return {
    k: classes.k,
    classes,
    ...table,
    ...analysis,
    prais: table.P.map((r, i) => 1 - r[i]),
    transitions: classes.ids.length * (classes.ids[0].length - 1),
  };
}
