/**
 * Groups of a report: the label of the row, curve or stratum that pools every unit, and the
 * distinct groups of a panel. One home for the "All" label (it becomes an option later).
 */

import { tr } from "./i18n";

/** Label of the pooled group (all units) in group means, densities and the geodetector (the English default). */
export const ALL_GROUP = tr("en", "common.all");

/** The default label of the pooled group by language (the catalogue's "common.all"). */
export const ALL_LABELS = { en: ALL_GROUP, zh: tr("zh", "common.all") } as const;

/**
 * The label of the pooled group of a run: option allLabel, else "All" (en) / "全国" (zh). A group
 * of the data with that very name keeps its name; the pooled group gives way, with a suffix
 * ("All (all units)", "全国（全部）"), so that a region literally named "All" works.
 *
 * @example
 * overallLabel({ language: "en" }, ["East", "All"]); // => "All (all units)"
 */
export function overallLabel(o: { allLabel?: string; language?: string }, groups: readonly string[] = []): string {
  const zh = o.language === "zh";
  const base = o.allLabel && o.allLabel.trim() !== "" ? o.allLabel.trim() : zh ? ALL_LABELS.zh : ALL_LABELS.en;
  const taken = new Set(groups);
  if (!taken.has(base)) return base;
  const suffix = zh ? "（全部）" : " (all units)";
  let label = base + suffix;
  for (let k = 2; taken.has(label); k++) label = `${base}${suffix} ${k}`;
  return label;
}

/**
 * The distinct non-empty groups, in order of first appearance.
 *
 * @example
 * distinctGroups(["East", "", "West", "East"]); // => ["East", "West"]
 */
export function distinctGroups(groups: readonly string[]): string[] {
  return [...new Set(groups.filter((g) => g !== ""))];
}
