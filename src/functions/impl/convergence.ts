/**
 * COORD.CONVERGENCE(panel, [output]): σ- and absolute β-convergence (METHODS.md M13) of a
 * units x periods panel (the Table 3 layout, optional label row and column).
 *
 * - output "sigma" (default): per period n, mean, SD and CV = SD/mean, population SD (ddof 0,
 *   stated in the header); "sigma1": the same with the sample SD (ddof 1); "beta": the pooled
 *   annual regression ln(y_{t+1}/y_t) = α + β ln y_t (classical SE) and the long-difference
 *   cross-section side by side: α, β with SE, t, p, R², n, speed and half-life.
 */
import { betaConvergence, BetaFit, sigmaConvergence } from "../../engine/inequality";
import { labelledTable, readOption } from "../excel";
import type { ExcelCell } from "../excel";
import { Spill, notAvailable } from "./common";
import { readPanelRange } from "./panelRange";

export const CONVERGENCE_OUTPUTS = ["sigma", "sigma1", "beta"] as const;

export function convergenceImpl(panel: unknown, output?: unknown): Spill {
  const out = readOption(output, CONVERGENCE_OUTPUTS, "output", "sigma");
  const p = readPanelRange(panel, "panel");
  if (out !== "beta") {
    const ddof = out === "sigma1" ? 1 : 0;
    const s = sigmaConvergence(p.values, { periods: p.periods, ddof });
    return labelledTable(
      ["period", "n", "mean", `SD (ddof ${ddof})`, `CV (ddof ${ddof})`],
      s.overall.map((r) => [r.period, r.n, r.mean, r.sd, r.cv ?? notAvailable(`period ${r.period}: the mean is 0, CV is undefined`)]),
    );
  }
  const b = betaConvergence(p.values, { periods: p.periods });
  const na = (f: BetaFit | null, v: number | null, what: string): ExcelCell =>
    f === null
      ? notAvailable("the long-difference variant needs at least 3 periods and 3 units")
      : v === null
        ? notAvailable(`${what} is undefined${f.note ? `: ${f.note}` : ""}`)
        : v;
  const rows: Array<[string, (f: BetaFit) => number | null]> = [
    ["α", (f) => f.alpha],
    ["SE(α)", (f) => f.seAlpha],
    ["t(α)", (f) => f.tAlpha],
    ["p(α)", (f) => f.pAlpha],
    ["β", (f) => f.beta],
    ["SE(β)", (f) => f.seBeta],
    ["t(β)", (f) => f.tBeta],
    ["p(β)", (f) => f.pBeta],
    ["R²", (f) => f.r2],
    ["SSR", (f) => f.ssr],
    ["n", (f) => f.n],
    ["df", (f) => f.dfResid],
    ["speed", (f) => f.speed],
    ["half-life", (f) => f.halfLife],
  ];
  return labelledTable(
    ["statistic", "pooled annual (t, t+1)", `long difference (span ${b.span})`],
    rows.map(([label, get]) => [label, na(b.pooled, get(b.pooled), label), na(b.longDifference, b.longDifference ? get(b.longDifference) : null, label)]),
  );
}
