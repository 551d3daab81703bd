/**
 * COORD.CRITICWEIGHT(data, [directions], [conflict], [output]): CRITIC weights (METHODS.md M3).
 *
 * - data, directions: as ENTROPYWEIGHT (header row detected; directions default all +).
 * - conflict: "r" (default) R_j = Σ_k (1 - r_jk), or "abs" Σ_k (1 - |r_jk|) ("abs-r" also accepted).
 * - output: "weights" (default) — the weight row (labels above when data had a header);
 *   "table" (or TRUE) — rows sigma, R (conflict), C (information), w under a header row.
 */
import { criticWeights } from "../../engine/weights";
import { labelledTable, readDirections, readMatrix, readOption } from "../excel";
import { Spill, columnLabels, readOutput, spillLabelledRow } from "./common";

export const CRITIC_OUTPUTS = ["weights", "table"] as const;
export const CRITIC_CONFLICTS = ["r", "abs", "abs-r"] as const;

export function criticWeightImpl(data: unknown, directions?: unknown, conflict?: unknown, output?: unknown): Spill {
  const m = readMatrix(data, "data");
  const cols = m.values[0].length;
  const dirs = readDirections(directions, cols);
  const c = readOption(conflict, CRITIC_CONFLICTS, "conflict", "r");
  const out = readOutput(output, CRITIC_OUTPUTS, "weights", { true: "table", false: "weights" });
  const r = criticWeights(m.values, {
    directions: dirs,
    conflict: c === "r" ? "r" : "abs-r",
    columnNames: m.labels ?? undefined,
  });
  if (r.scope !== "global") throw new Error("unexpected per-period CRITIC result");
  if (out === "weights") return spillLabelledRow(r.weights, m.labels);
  return labelledTable(
    ["", ...columnLabels(m.labels, cols)],
    [
      ["sigma", ...r.sigma],
      ["R", ...r.conflict],
      ["C", ...r.information],
      ["w", ...r.weights],
    ],
  );
}
