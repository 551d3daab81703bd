/**
 * COORD.MARKOV(panel, [classes], [output]) and COORD.SPATIALMARKOV(panel, weights, [classes],
 * [lagClasses], [output]): Markov and spatial Markov chains of a units x periods panel
 * (METHODS.md M14; the Table 3 layout, optional label row and column).
 *
 * - classes: omitted = pooled quartiles (quantile:4, right-closed as giddy); a whole number k =
 *   k pooled quantiles; text "quantile:k", "cutoffs:0.3,0.4,0.5,0.6" (add ":left" for [a, b)),
 *   "grades" (the ten D grades, left-closed; "grades:right"); or a range of cutoffs.
 * - lagClasses (spatial): "own" (default: the lag's own pooled quantiles, as many as y's
 *   quantile classes, else 4), "same" (y's cutoffs), or a class text as above.
 * - output: "P" (default: row = class at t, columns = class at t+1, n per row; a class never
 *   observed at t is #N/A), "counts", "steady" (one row per recurrent class), "mfpt" (mean first
 *   passage times, "∞" where the class is not reached with probability 1; the diagonal is the
 *   recurrence time), "classes" (MARKOV: the class number 1..k of every cell), "tests"
 *   (SPATIALMARKOV: Q and LR homogeneity tests with dof and p). SPATIALMARKOV stacks one block
 *   per lag class (its lag interval in the block's title row).
 */
import { CoordError } from "../../engine/errors";
import {
  ChainAnalysis,
  MarkovClassSpec,
  TransitionTable,
  classLabels,
  denseSpatialLag,
  markovChain,
  parseMarkovClassSpec,
  spatialMarkov,
  LagClassSpec,
} from "../../engine/inequality";
import { classifyCell, readOption, toExcelMatrix, toGrid } from "../excel";
import type { ExcelCell } from "../excel";
import { Spill, isOmitted, notAvailable } from "./common";
import { readPanelRange, readWeightsRange } from "./panelRange";

export const MARKOV_OUTPUTS = ["P", "counts", "steady", "mfpt", "classes"] as const;
export const SPATIAL_MARKOV_OUTPUTS = ["P", "counts", "steady", "mfpt", "tests"] as const;

/** The classes argument: omitted, k, a class text, or a range of cutoffs. */
export function readClassSpec(value: unknown, argument = "classes"): MarkovClassSpec {
  if (isOmitted(value)) return { kind: "quantile", k: 4 };
  const grid = toGrid(value);
  const cells = grid
    .flat()
    .map(classifyCell)
    .filter((c) => c.kind !== "blank");
  if (cells.length === 1) {
    const c = cells[0];
    if (c.kind === "number") {
      if (!Number.isInteger(c.value) || c.value < 2)
        throw new CoordError("OPTION", `${argument}: a number is the count of quantile classes, a whole number ≥ 2; got ${c.value}`, { argument });
      return { kind: "quantile", k: c.value };
    }
    if (c.kind === "text") return parseMarkovClassSpec(c.text, argument);
    throw new CoordError("OPTION", `${argument} must be quantile:k, cutoffs:a,b,…, grades, a number of classes or a range of cutoffs`, { argument });
  }
  const cutoffs = cells.map((c, i) => {
    if (c.kind !== "number") throw new CoordError("OPTION", `${argument} entry ${i + 1} is not a number: a range of classes holds cutoffs`, { argument });
    return c.value;
  });
  return parseMarkovClassSpec(`cutoffs:${cutoffs.join(",")}`, argument);
}

function readLagSpec(value: unknown): LagClassSpec {
  if (isOmitted(value)) return "own";
  const grid = toGrid(value);
  if (grid.length === 1 && grid[0].length === 1) {
    const c = classifyCell(grid[0][0]);
    if (c.kind === "text" && ["own", "same"].includes(c.text.toLowerCase())) return c.text.toLowerCase() as "own" | "same";
  }
  return readClassSpec(value, "lagClasses");
}

const CORNER = "t \\ t+1";

function pTable(t: TransitionTable, labels: string[], counts: boolean): ExcelCell[][] {
  const rows = t.P.map((row, i) => {
    if (!counts && t.emptyRows.includes(i))
      return [labels[i], ...row.map(() => notAvailable(`class ${labels[i]} is never observed at a start period: no transition probabilities`)), 0];
    return [labels[i], ...(counts ? t.counts[i] : row), t.rowTotals[i]];
  });
  return [[CORNER, ...labels, "n"], ...rows];
}

function steadyTable(a: ChainAnalysis, labels: string[]): ExcelCell[][] {
  const rows = a.steadyStates.map((s) => [
    a.steadyStates.length === 1 ? "steady state" : `recurrent class ${s.states.map((i) => labels[i]).join(", ")}`,
    ...s.pi,
  ]);
  return [["", ...labels], ...rows];
}

function mfptTable(a: ChainAnalysis, labels: string[]): ExcelCell[][] {
  return [["from \\ to", ...labels], ...a.mfpt.map((row, i) => [labels[i], ...row.map((v) => (v === null ? "∞" : v))])];
}

export function markovImpl(panel: unknown, classes?: unknown, output?: unknown): Spill {
  const out = readOption(output, MARKOV_OUTPUTS, "output", "P");
  const spec = readClassSpec(classes);
  const p = readPanelRange(panel, "panel");
  const m = markovChain(p.values, spec, "panel");
  const labels = classLabels(m.classes.cutoffs, m.classes.closed);
  if (out === "classes") return toExcelMatrix(m.classes.ids.map((r) => r.map((c) => c + 1)));
  if (out === "steady") return toExcelMatrix(steadyTable(m, labels));
  if (out === "mfpt") return toExcelMatrix(mfptTable(m, labels));
  return toExcelMatrix(pTable(m, labels, out === "counts"));
}

export function spatialMarkovImpl(panel: unknown, weights: unknown, classes?: unknown, lagClasses?: unknown, output?: unknown): Spill {
  const out = readOption(output, SPATIAL_MARKOV_OUTPUTS, "output", "P");
  const spec = readClassSpec(classes);
  const lagSpec = readLagSpec(lagClasses);
  const p = readPanelRange(panel, "panel");
  const W = readWeightsRange(weights, p.values.length, p.units);
  const lag = denseSpatialLag(W, p.values, { names: p.units ?? undefined });
  const s = spatialMarkov(p.values, lag, { classes: spec, lagClasses: lagSpec, names: { y: "panel", lag: "spatial lag" } });
  if (out === "tests") {
    const h = s.homogeneity;
    const pv = (v: number | null) => v ?? notAvailable(h.note ?? "dof = 0");
    return toExcelMatrix([
      ["test", "statistic", "dof", "p"],
      ["Q (Bickenbach & Bode)", h.Q, h.dof, pv(h.pQ)],
      ["LR", h.LR, h.dof, pv(h.pLR)],
    ]);
  }
  const labels = classLabels(s.classes.cutoffs, s.classes.closed);
  const lagLabels = classLabels(s.lagClasses.cutoffs, s.lagClasses.closed);
  const blocks: ExcelCell[][] = [];
  s.byLag.forEach((c, l) => {
    blocks.push([`lag class ${l + 1}: ${lagLabels[l]}`]);
    const body = out === "steady" ? steadyTable(c, labels) : out === "mfpt" ? mfptTable(c, labels) : pTable(c, labels, out === "counts");
    blocks.push(...body);
  });
  return toExcelMatrix(blocks);
}
