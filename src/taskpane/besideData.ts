/**
 * "Beside the data" (issue 13, as SPSSAU users expect): besides the result sheets, C, T, D and
 * the grade of each observation as four new columns to the right of the selected data — a header
 * row in the report's language, then one row per data row, empty for rows that are not in the
 * panel (dropped, blank). Pure: the pane's Excel mode checks that the target cells are empty and
 * writes them (./excel/besideData.ts).
 */
import type { Observation } from "../report/analysis";
import type { PipelineResult } from "../report/pipeline";
import { translator } from "../report/i18n";
import type { Rect } from "./excel/a1";

export type BesideValue = string | number;

/** What to write where: the sheet, the target rectangle (0-based) and its values. */
export interface BesidePlan {
  sheet: string;
  rect: Rect;
  /** Header row, then one row per data row; "" for an empty cell. */
  values: BesideValue[][];
  /** Number format of each of the four columns. */
  formats: string[];
}

/** Where the data sits: its sheet, the 0-based sheet row of its header row and its first column, its size. */
export interface DataPlace {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  /** Rows from the header row down (header included). */
  rows: number;
  /** Columns of the selection. */
  columns: number;
}

const FORMATS = ["0.0000", "0.0000", "0.0000", "@"];

/**
 * The columns of a panel run beside its data; null for a geodetector-only run (no C, T, D).
 * `result.observationRows[k]` is the row (index into the cells, header = 0) of observation k.
 */
export function besidePlan(place: DataPlace, result: Pick<PipelineResult, "kind" | "analysis" | "observationRows">): BesidePlan | null {
  if (result.kind !== "panel" || !result.observationRows) return null;
  const observations = (result.analysis as { observations?: Observation[] }).observations ?? [];
  const t = translator(result.analysis.options.language);
  const values: BesideValue[][] = [[t("beside.C"), t("beside.T"), t("beside.D"), t("beside.grade")]];
  for (let i = 1; i < place.rows; i++) values.push(["", "", "", ""]);
  const num = (x: number | null) => (x === null || !Number.isFinite(x) ? "" : x);
  observations.forEach((o, k) => {
    const r = result.observationRows![k];
    if (r >= 1 && r < place.rows) values[r] = [num(o.C), num(o.T), num(o.D), o.grade ?? ""];
  });
  const c0 = place.columnIndex + place.columns;
  return {
    sheet: place.sheet,
    rect: { r0: place.rowIndex, c0, r1: place.rowIndex + place.rows - 1, c1: c0 + 3 },
    values,
    formats: FORMATS,
  };
}
