/**
 * COORD.ENTROPYWEIGHT(data, [directions], [shift], [output]): entropy weights (METHODS.md M2)
 * of the columns of `data` (rows = observations pooled, columns = indicators).
 *
 * - data: a header row is detected (text above numbers) and labels the result.
 * - directions: a row of +/- (or 1/-1, benefit/cost, 正向/负向), one per column; default all +.
 * - shift: δ added to z before the entropy (≥ 0; default 0, with 0·ln 0 = 0).
 * - output: "weights" (default) — the weight row, with the labels above when data had a header;
 *   "table" (or TRUE) — rows e, d, w labelled in the first column, under a header row of labels.
 */
// weights-only path: the same numbers and messages as entropyWeights, without building z
import { entropyWeightsOnly } from "../../engine/weights";
import { labelledTable, readDirections, readMatrix, readNumberOption } from "../excel";
import { Spill, columnLabels, readOutput, spillLabelledRow } from "./common";

export const ENTROPY_OUTPUTS = ["weights", "table"] as const;

/**
 * The buffer of readMatrix's column-major copy, kept between calls (Excel recalculates the same
 * range again and again): the largest call's size, 8 bytes a cell (24 MB for 10⁵ x 30), so that a
 * call allocates no large array of its own (bench/NOTES.md, issue 17).
 */
let columnsBuffer = new Float64Array(0);
function columnsOf(size: number): Float64Array {
  if (columnsBuffer.length < size) columnsBuffer = new Float64Array(size);
  return columnsBuffer;
}

export function entropyWeightImpl(data: unknown, directions?: unknown, shift?: unknown, output?: unknown): Spill {
  const m = readMatrix(data, "data", { columns: columnsOf });
  const cols = m.values[0].length;
  const dirs = readDirections(directions, cols);
  const delta = readNumberOption(shift, "shift", 0, { min: 0 });
  const out = readOutput(output, ENTROPY_OUTPUTS, "weights", { true: "table", false: "weights" });
  const r = entropyWeightsOnly(m.values, { directions: dirs, shift: delta, columnNames: m.labels ?? undefined }, m.range);
  if (r.scope !== "global") throw new Error("unexpected per-period entropy result");
  if (out === "weights") return spillLabelledRow(r.weights, m.labels);
  return labelledTable(
    ["", ...columnLabels(m.labels, cols)],
    [
      ["e", ...r.e],
      ["d", ...r.d],
      ["w", ...r.weights],
    ],
  );
}
