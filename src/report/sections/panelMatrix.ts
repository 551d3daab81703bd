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
  return obs ? undefinedD(obs, "this method needs D of every unit in every period") : null;
}

/** Why a method on D does not apply when some observation has no D (all U = 0), or null. */
export function undefinedD(obs: Observation[], advice: string): { reason: string; warn: boolean } | null {
  const none = obs.filter((o) => o.D === null);
  if (none.length === 0) return null;
  return { reason: `D is undefined for ${none.length} observation(s) (all U = 0, e.g. ${none[0].id} ${none[0].period}); ${advice}`, warn: true };
}
