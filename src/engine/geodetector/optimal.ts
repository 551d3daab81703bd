import { CoordError } from "../errors";
import { assertOption, assertSameLength, finiteVector } from "../validate";
import { qFromRankedCodes } from "./q";
import { assertClassCount, naturalBreaksOfRuns } from "./naturalBreaks";
import { DISCRETIZE_METHODS, DiscretizeMethod, breaksFor, classifyRuns, codesOfRuns, intervalLabel, prepareNumericFactor, runRanks } from "./discretize";
import { DEFAULT_OPTIMAL_KS } from "./constants";

export interface OptimalDiscretizationOptions {
  /** Methods to try, in grid order (default all five: equal, natural, quantile, geometric, sd; GD's discmethod). */
  methods?: readonly DiscretizeMethod[];
  /** Numbers of classes to try (default DEFAULT_OPTIMAL_KS, 3..8; GD's discitv). */
  ks?: readonly number[];
  /** Argument names used in error messages (defaults "y" and "x"). */
  yArgument?: string;
  argument?: string;
}

/** One cell of the method × k grid. */
export interface OptimalCandidate {
  method: DiscretizeMethod;
  /** The k asked for. */
  k: number;
  /** Classes actually made (quantile and sd can differ), null when the method could not apply. */
  kActual: number | null;
  /** q of the strata, null when skipped. */
  q: number | null;
  breaks: number[] | null;
  counts: number[] | null;
  /** Why the candidate was skipped (repeated breaks, a class with < 2 values, method error), else null. */
  skipped: string | null;
  warnings: string[];
}

/** The winning candidate with its strata. */
export interface OptimalChoice {
  method: DiscretizeMethod;
  k: number;
  kActual: number;
  q: number;
  breaks: number[];
  codes: Int32Array;
  counts: number[];
  warnings: string[];
}

export interface OptimalDiscretization {
  best: OptimalChoice;
  /** Every method × k, method-major (the order ties are broken in). */
  grid: OptimalCandidate[];
  methods: DiscretizeMethod[];
  ks: number[];
}

/**
 * Optimal discretization (OPGD, Song et al. 2020; METHODS.md M9): q of y over the classes of x
 * for every method × k of the grid; the winner is the largest q, ties to the first in grid order
 * (method-major, as GD::optidisc). Candidates with repeated breaks or a class holding fewer than
 * 2 values are skipped and kept in the grid with the reason. x is sorted once; natural breaks
 * for every k come from one DP run.
 *
 * @example
 * const y = [1, 1.2, 0.9, 5, 5.1, 4.8, 9, 9.3, 8.7, 9.1];
 * const x = [1, 2, 3, 10, 11, 12, 20, 21, 22, 23];
 * optimalDiscretization(y, x, { methods: ["equal", "natural"], ks: [2, 3] }).best; // =>
 * // { method: "equal", k: 3, q: 0.99746, breaks: [1, 8.333, 15.667, 23], ... }
 * // (natural k = 3 makes the same classes; the tie goes to the first in grid order)
 */
export function optimalDiscretization(y: ArrayLike<unknown>, x: ArrayLike<unknown>, options: OptimalDiscretizationOptions = {}): OptimalDiscretization {
  const yArgument = options.yArgument ?? "y";
  const argument = options.argument ?? "x";
  const methods = (options.methods ?? DISCRETIZE_METHODS).map((m) => assertOption(m, DISCRETIZE_METHODS, "methods"));
  if (methods.length === 0) throw new CoordError("OPTION", "methods is empty", { argument: "methods" });
  const ks = (options.ks ?? DEFAULT_OPTIMAL_KS).map((k) => assertClassCount(k, "ks"));
  if (ks.length === 0) throw new CoordError("OPTION", "ks is empty", { argument: "ks" });

  const yv = finiteVector(y, yArgument);
  assertSameLength(yv, x, yArgument, argument);
  let constant = true;
  for (let i = 1; i < yv.length && constant; i++) if (yv[i] !== yv[0]) constant = false;
  if (constant) throw new CoordError("CONSTANT", `${yArgument} is constant (every value is ${yv[0]}); q is undefined`, { argument: yArgument });

  const f = prepareNumericFactor(x, argument);
  const distinct = f.runs.values.length;
  // One DP run gives natural breaks for every feasible k.
  if (methods.includes("natural")) {
    const feasible = ks.filter((k) => k <= distinct);
    // values too large to compute with: each natural candidate is skipped with the reason below
    if (feasible.length > 0)
      try {
        naturalBreaksOfRuns(f.runs, feasible).forEach((r) => f.natural.set(r.k, r));
      } catch (e) {
        if (!(e instanceof CoordError)) throw e;
      }
  }

  const grid: OptimalCandidate[] = [];
  let best: OptimalChoice | null = null;
  for (const method of methods) {
    for (const k of ks) {
      const cell: OptimalCandidate = { method, k, kActual: null, q: null, breaks: null, counts: null, skipped: null, warnings: [] };
      grid.push(cell);
      if (k > distinct) {
        cell.skipped = `k = ${k} but ${argument} has only ${distinct} distinct values`;
        continue;
      }
      let cut;
      let classes;
      try {
        cut = breaksFor(f, method, k);
        classes = classifyRuns(f, cut.breaks);
      } catch (e) {
        if (!(e instanceof CoordError)) throw e;
        cell.skipped = e.message;
        continue;
      }
      cell.breaks = cut.breaks;
      cell.kActual = cut.breaks.length - 1;
      cell.warnings = cut.warnings;
      const { runClass, counts } = classes;
      cell.counts = counts;
      if (cut.repeated) {
        cell.skipped = "repeated breaks";
        continue;
      }
      const small = counts.findIndex((c) => c < 2);
      if (small >= 0) {
        cell.skipped = `class ${small + 1} ${intervalLabel(cut.breaks, small)} holds ${counts[small]} value${counts[small] === 1 ? "" : "s"} (fewer than 2)`;
        continue;
      }
      // = qFromCodes(yv, codes, L) to the last bit, without building the codes (M8, M9)
      const q = qFromRankedCodes(yv, runRanks(f), runClass, counts.length);
      if (!Number.isFinite(q))
        throw new CoordError("UNDEFINED", `${yArgument}: the values are too large to compute q with (the sum of squares overflows)`, { argument: yArgument });
      cell.q = q;
      // Strictly larger: ties go to the first in grid order.
      if (best === null || q > best.q)
        best = { method, k, kActual: cell.kActual, q, breaks: cut.breaks, codes: codesOfRuns(f, runClass), counts, warnings: cut.warnings };
    }
  }
  if (best === null)
    throw new CoordError(
      "TOO_FEW",
      `no discretization of ${argument} is usable: every method × k was skipped (${grid[0].skipped}${grid.length > 1 ? ", ..." : ""})`,
      { argument },
    );
  return { best, grid, methods, ks };
}
