/**
 * D (or any per-observation value) as a units x periods matrix in the panel's unit and period
 * order, with each unit's group: the Table 3 layout the inequality sections (differences,
 * transitions) pass to the engine. A missing (unit, period) is an error naming both, since
 * these methods need a balanced panel.
 */
import { CoordError } from "../../engine/errors";
import { Panel } from "../panel";
import type { Observation } from "./coupling";

export interface UnitsByPeriods {
  units: string[];
  periods: string[];
  /** Group of each unit, or null without a group column. */
  groups: string[] | null;
  values: number[][];
}

export function unitsByPeriods(panel: Panel, obs: Observation[], what: string): UnitsByPeriods {
  const P = panel.periods.length;
  const values = panel.units.map(() => new Array<number | null>(P).fill(null));
  obs.forEach((o, r) => (values[panel.unitIndex[r]][panel.periodIndex[r]] = o.D));
  values.forEach((row, u) =>
    row.forEach((v, t) => {
      if (v === null)
        throw new CoordError(
          "MISSING",
          `${what}: ${panel.units[u]} has no observation in ${panel.periodLabels[t]}; the method needs every unit in every period`,
          {
            argument: "panel",
          },
        );
    }),
  );
  return {
    units: panel.units.slice(),
    periods: panel.periodLabels.slice(),
    groups: panel.unitGroups ? panel.unitGroups.slice() : null,
    values: values as number[][],
  };
}

/**
 * Why a method needing D of every unit in every period does not apply (null when the panel is
 * balanced and every D is defined; an observation whose U are all 0 has no D).
 */
export function unbalanced(panel: Panel, obs?: Observation[]): { reason: string; warn: boolean } | null {
  if (panel.gaps.length > 0) {
    const g = panel.gaps[0];
    return {
      reason: `the panel is unbalanced (${panel.gaps.length} missing unit-periods, e.g. ${g.unit} ${g.label}); this method needs every unit in every period`,
      warn: true,
    };
  }
  const undefinedD = obs ? obs.filter((o) => o.D === null) : [];
  if (undefinedD.length === 0) return null;
  const o = undefinedD[0];
  return {
    reason: `D is undefined for ${undefinedD.length} observation(s) (all U = 0, e.g. ${o.id} ${o.period}); this method needs D of every unit in every period`,
    warn: true,
  };
}
