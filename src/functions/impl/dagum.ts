/**
 * COORD.DAGUM(values, groups, [output]): Dagum Gini decomposition (METHODS.md M13) by group,
 * one row per period.
 *
 * - values: a units x periods range (the Table 3 layout; one column = one cross-section), with
 *   an optional label row (periods) and label column (units).
 * - groups: the group of each unit, a column with one cell per row of values (a header cell
 *   above is skipped when values has a label row).
 * - output: "summary" (default): period, G, G_w, G_nb, G_t and the three shares; "within": G_jj
 *   of each group; "between": G_jh of each pair "A|B"; "D": D_jh of each pair (relative
 *   affluence, the pair oriented by that period's means; the higher group is named in "high").
 */
import { CoordError } from "../../engine/errors";
import { dagumByPeriod } from "../../engine/inequality";
import { labelledTable, readOption, readTextVector } from "../excel";
import { Spill, lengthMismatch, notAvailable } from "./common";
import { readPanelRange } from "./panelRange";

export const DAGUM_OUTPUTS = ["summary", "within", "between", "D", "high"] as const;

export function dagumImpl(values: unknown, groups: unknown, output?: unknown): Spill {
  const out = readOption(output, DAGUM_OUTPUTS, "output", "summary");
  const p = readPanelRange(values, "values");
  const n = p.values.length;
  const g = readTextVector(groups, "groups", { header: "no" });
  let labels = g.values;
  if (labels.length === n + 1 && p.rowOffset === 1) labels = labels.slice(1);
  if (labels.length !== n) throw lengthMismatch("values", n, "groups", labels.length);
  const res = dagumByPeriod(p.values, labels.map(String), { periods: p.periods, names: { values: "values", groups: "groups" } });
  const share = (v: number | null) => (v === null ? notAvailable("G = 0 (all values equal): the shares are undefined") : v);
  if (out === "summary")
    return labelledTable(
      ["period", "G", "G_w (within)", "G_nb (net between)", "G_t (transvariation)", "share G_w", "share G_nb", "share G_t"],
      res.map((r) => [r.period, r.G, r.Gw, r.Gnb, r.Gt, share(r.shareW), share(r.shareNb), share(r.shareT)]),
    );
  const first = res[0];
  if (out === "within")
    return labelledTable(
      ["period", ...first.groups.map((x) => `G_jj ${x.name}`)],
      res.map((r) => [r.period, ...r.groups.map((x) => x.Gjj)]),
    );
  if (first.pairs.length === 0)
    throw new CoordError("TOO_FEW", `groups has one group ('${first.groups[0].name}'); between-group results need at least two`, { argument: "groups" });
  if (out === "between")
    return labelledTable(
      ["period", ...first.pairs.map((x) => `G_jh ${x.key}`)],
      res.map((r) => [r.period, ...r.pairs.map((x) => x.Gjh)]),
    );
  if (out === "high")
    return labelledTable(
      ["period", ...first.pairs.map((x) => `higher mean ${x.key}`)],
      res.map((r) => [r.period, ...r.pairs.map((x) => x.high)]),
    );
  return labelledTable(
    ["period", ...first.pairs.map((x) => `D_jh ${x.key}`)],
    res.map((r) => [
      r.period,
      ...r.pairs.map((x) => (x.Djh === null ? notAvailable(`${x.key}: every value of both groups is equal, D_jh is undefined`) : x.Djh)),
    ]),
  );
}
