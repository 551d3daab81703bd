/**
 * COORD.CCD(systems, [output], [form], [alpha]): coupling degree C, coordination index T and
 * coupling coordination degree D (METHODS.md M5) of each row of subsystem scores.
 *
 * - systems: one column per subsystem (U1, U2, ...; at least 2), one row per observation; a
 *   header row is detected. Scores must lie in [0, 1] (an error names the cell otherwise).
 * - output: "D" (default) — a column of D (under the label "D" when systems had a header);
 *   "all" — columns C, T, D under a header row; "C" or "T" — that column alone.
 * - form: "standard" (default), "modified" (Wang Shujia et al. 2021) or "fan".
 * - alpha: a row (or column) of the weights α_i of T = Σ α_i U_i, one per subsystem, summing to
 *   1; default equal weights.
 * A row whose scores are all 0 (C and D undefined) shows #N/A in its C and D cells only, with
 * the reason as the error's message; the other rows are computed as usual.
 */
import { coupling } from "../../engine/coupling";
import { CoordError } from "../../engine/errors";
import { labelledTable, readMatrix, readOption, readVector, spillColumn } from "../excel";
import { Spill, dataRowLabel, isOmitted, notAvailable } from "./common";

export const CCD_OUTPUTS = ["D", "all", "C", "T"] as const;
export const CCD_FORMS = ["standard", "modified", "fan"] as const;

export function ccdImpl(systems: unknown, output?: unknown, form?: unknown, alpha?: unknown): Spill {
  const argument = "systems";
  const m = readMatrix(systems, argument);
  const n = m.values[0].length;
  const out = readOption(output, CCD_OUTPUTS, "output", "D");
  const f = readOption(form, CCD_FORMS, "form", "standard");
  if (n < 2) throw new CoordError("TOO_FEW", `${argument} has 1 column; give one column of scores per subsystem (at least 2)`, { argument });
  m.values.forEach((row, i) =>
    row.forEach((u, j) => {
      if (u < 0)
        throw new CoordError(
          "NEGATIVE",
          `${dataRowLabel(argument, i, m.rowOffset, m.labels ? m.labels[j] : j)}: ${u} is negative; subsystem scores U must be ≥ 0`,
          { argument, row: i + m.rowOffset, column: j },
        );
      // as the engine (and the report): U must lie in [0, 1]; a last-bit excess of Σ w·z is tolerated
      if (u > 1 + 1e-12)
        throw new CoordError(
          "RANGE",
          `${dataRowLabel(argument, i, m.rowOffset, m.labels ? m.labels[j] : j)}: ${u} is above 1; subsystem scores U must lie in [0, 1]`,
          { argument, row: i + m.rowOffset, column: j },
        );
    }),
  );
  let a: number[] | undefined;
  if (!isOmitted(alpha)) {
    a = readVector(alpha, "alpha").values;
    if (a.length !== n)
      throw new CoordError("LENGTH", `alpha has ${a.length} ${a.length === 1 ? "weight" : "weights"}; expected ${n}, one per subsystem column`, {
        argument: "alpha",
      });
  }
  const r = coupling(m.values, { form: f, alpha: a, onUndefined: "null", argument, systemNames: m.labels ?? undefined });
  const why = (i: number): string => {
    const where = dataRowLabel(argument, i, m.rowOffset);
    return m.values[i].every((u) => u === 0)
      ? `${where}: all ${n} subsystem scores are 0, so C and D are undefined`
      : `${where}: the ${f} coupling degree is undefined for these scores (${m.values[i].join(", ")}); it needs scores within [0, 1]`;
  };
  const cell = (v: number | null, i: number) => (v === null ? notAvailable(why(i)) : v);
  const C = r.C.map(cell);
  const D = r.D.map(cell);
  switch (out) {
    case "all":
      return labelledTable(
        ["C", "T", "D"],
        r.T.map((t, i) => [C[i], t, D[i]]),
      );
    case "C":
      return spillColumn(C, m.labels ? "C" : undefined);
    case "T":
      return spillColumn(r.T, m.labels ? "T" : undefined);
    default:
      return spillColumn(D, m.labels ? "D" : undefined);
  }
}
