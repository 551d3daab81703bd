/**
 * Arguments shared by GEOQ, GEODETECTOR, DISCRETIZE and BREAKS (METHODS.md M8, M9): the declared
 * kind of each factor, which p-value(s) to return, and the optimal-discretization grid (the
 * methods and the k range, GD's discmethod and discitv).
 */
import { CoordError } from "../../engine/errors";
import { DEFAULT_K, DEFAULT_OPTIMAL_KS } from "../../engine/geodetector/constants";
import { DISCRETIZE_METHODS, DiscretizeMethod } from "../../engine/geodetector/discretize";
import type { FactorKind } from "../../engine/geodetector/factorKind";
import { classifyCell, readNumberOption, readOption, toGrid } from "../excel";

/** Kind argument values: "auto" (blank) applies the M8 rule; the others declare the kind. */
export const KIND_CHOICES = ["auto", "numeric", "categorical"] as const;

/** Which p-values to return: non-central (default, R geodetector), central F (H0: q = 0), or both. */
export const TEST_CHOICES = ["noncentral", "central", "both"] as const;
export type TestChoice = (typeof TEST_CHOICES)[number];

/** Largest k the grid accepts (a class per two values of a small sample is the practical limit anyway). */
const MAX_K = 100;

/** The cells of an optional argument as one flat list (a cell, a row or a column); [] when omitted. */
function flatCells(value: unknown): unknown[] {
  return toGrid(value).flat();
}

/**
 * The declared kind of each of n factors: one value for all, or one cell per factor (a row or a
 * column); "auto" or blank is null (the M8 rule decides).
 *
 * @example
 * readKinds([["numeric", "auto"]], 2); // => ["numeric", null]
 */
export function readKinds(value: unknown, n: number, argument = "kind"): Array<FactorKind | null> {
  const cells = flatCells(value);
  if (cells.length === 0) return new Array<FactorKind | null>(n).fill(null);
  if (cells.length !== 1 && cells.length !== n)
    throw new CoordError("OPTION", `${argument} has ${cells.length} cells but there are ${n} factors; give one kind for all or one per factor`, { argument });
  const kinds = cells.map((c, i) => {
    const k = readOption(c, KIND_CHOICES, cells.length === 1 ? argument : `${argument} ${i + 1}`, "auto");
    return k === "auto" ? null : k;
  });
  return cells.length === 1 ? new Array<FactorKind | null>(n).fill(kinds[0]) : kinds;
}

/** The test argument: "noncentral" (default), "central" or "both". */
export function readTest(value: unknown, argument = "test"): TestChoice {
  return readOption(value, TEST_CHOICES, argument, "noncentral");
}

/**
 * The methods of the optimal-discretization grid: a comma list ("equal,natural") or one method
 * per cell; omitted: all five in GD's order.
 *
 * @example
 * readMethods("natural, quantile"); // => ["natural", "quantile"]
 */
export function readMethods(value: unknown, argument = "methods"): DiscretizeMethod[] {
  const cells = flatCells(value);
  if (cells.length === 0) return [...DISCRETIZE_METHODS];
  const names = cells.flatMap((c) => {
    const cell = classifyCell(c);
    if (cell.kind !== "text")
      throw new CoordError("OPTION", `${argument} must name methods (${DISCRETIZE_METHODS.join(", ")}); got '${String(c)}'`, { argument });
    return cell.text.split(/[,;\s]+/).filter((s) => s !== "");
  });
  const out: DiscretizeMethod[] = [];
  for (const name of names) {
    const m = readOption(name, DISCRETIZE_METHODS, argument, "natural");
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

/**
 * The k argument of an optimal discretization: a k range "3:7" or "3-7" (GD's discitv = 3:7), a
 * comma list "3,5,7", one number per cell, or a single k; omitted: 3..8.
 *
 * @example
 * readKRange("3:7"); // => [3, 4, 5, 6, 7]
 */
export function readKRange(value: unknown, argument = "k"): number[] {
  const cells = flatCells(value);
  if (cells.length === 0) return [...DEFAULT_OPTIMAL_KS];
  const ks: number[] = [];
  const add = (k: number, raw: string) => {
    if (!Number.isInteger(k) || k < 2 || k > MAX_K)
      throw new CoordError("OPTION", `${argument} must hold whole numbers from 2 to ${MAX_K}, or a range such as 3:7; got '${raw}'`, { argument });
    if (!ks.includes(k)) ks.push(k);
  };
  for (const c of cells) {
    const cell = classifyCell(c);
    if (cell.kind === "number") add(cell.value, String(cell.value));
    else if (cell.kind === "text") {
      for (const part of cell.text
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter((s) => s !== "")) {
        const range = /^(\d+)\s*(?::|-|\.\.)\s*(\d+)$/.exec(part);
        if (range) {
          const a = Number(range[1]);
          const b = Number(range[2]);
          if (a > b) throw new CoordError("OPTION", `${argument}: the range '${part}' runs backwards; write it as ${b}:${a}`, { argument });
          if (b - a > MAX_K) throw new CoordError("OPTION", `${argument}: the range '${part}' is too wide (at most ${MAX_K} values of k)`, { argument });
          for (let k = a; k <= b; k++) add(k, part);
        } else if (/^\d+$/.test(part)) add(Number(part), part);
        else throw new CoordError("OPTION", `${argument} must be a whole number, a list such as 3,5,7 or a range such as 3:7; got '${part}'`, { argument });
      }
    } else throw new CoordError("OPTION", `${argument} must be a whole number or a range such as 3:7; got '${String(c)}'`, { argument });
  }
  return ks.sort((a, b) => a - b);
}

/** The k of a fixed discretization (a whole number ≥ 2, default 6). */
export function readK(value: unknown, argument = "k"): number {
  return readNumberOption(value, argument, DEFAULT_K, { integer: true, min: 2 });
}
