/**
 * Names of the report's sheets (what the writers and the pane's preview look up). `SHEET` holds
 * the English names; `sheetName(id, language)` the name in the report's language, from the
 * catalogue (i18n/) where the sheet has a key there. A sheet built with `sheet(name, ..., { id })`
 * keeps its id (the key of SHEET) whatever its name: find it with `findSheet(report, id)`.
 */
import { tr, type StringKey } from "./i18n";
import type { ReportSheet } from "./model";

export const SHEET = {
  summary: "Summary",
  weights: "Weights",
  scores: "Scores",
  byGroup: "Coordination by group",
  grades: "Grades",
  density: "Density",
  geodetector: "Geodetector",
  geoDetails: "Geodetector details",
  haken: "Haken",
  differences: "Regional differences",
  transitions: "Transitions",
  obstacles: "Obstacles",
  spatial: "Spatial autocorrelation",
  reproduce: "Reproduce",
} as const;

export type SheetId = keyof typeof SHEET;

/** The catalogue key of each translated sheet name (a sheet without one keeps its English name). */
const SHEET_KEYS: Partial<Record<SheetId, StringKey>> = {
  summary: "summary.sheet",
  weights: "weights.sheet",
  scores: "scores.sheet",
  geodetector: "geo.sheet",
  geoDetails: "geo.detailsSheet",
  haken: "haken.sheet",
  byGroup: "byGroup.sheet",
  grades: "grades.sheet",
  density: "density.sheet",
  differences: "differences.sheet",
  transitions: "transitions.sheet",
  obstacles: "obstacles.sheet",
  spatial: "spatial.sheet",
  reproduce: "repro.sheet",
};

/**
 * The name of a report sheet in a language.
 *
 * @example
 * sheetName("haken", "zh"); // => "哈肯模型"
 */
export function sheetName(id: SheetId, language: string | undefined): string {
  const key = SHEET_KEYS[id];
  return key ? tr(language === "zh" ? "zh" : "en", key) : SHEET[id];
}

/** The sheet of a report with an id (or, for a sheet built without one, its English name). */
export function findSheet<S extends Pick<ReportSheet, "id" | "name">>(report: { sheets: S[] }, id: SheetId): S | undefined {
  return report.sheets.find((s) => s.id === id) ?? report.sheets.find((s) => s.name === SHEET[id]);
}
