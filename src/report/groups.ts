/**
 * Groups of a report: the label of the row, curve or stratum that pools every unit, and the
 * distinct groups of a panel. One home for the "All" label (it becomes an option later).
 */

/** Label of the pooled group (all units) in group means, densities and the geodetector. */
export const ALL_GROUP = "All";

/**
 * The distinct non-empty groups, in order of first appearance.
 *
 * @example
 * distinctGroups(["East", "", "West", "East"]); // => ["East", "West"]
 */
export function distinctGroups(groups: readonly string[]): string[] {
  return [...new Set(groups.filter((g) => g !== ""))];
}
