/**
 * Requirement sets: what the running Excel can do. A missing feature is skipped by the writer
 * with a warning instead of failing.
 */
import { settingsObject } from "./settings";

/** What the running Excel can do; a missing feature is skipped with a warning. */
export interface Capabilities {
  /** Everything below (ExcelApi 1.9). */
  full: boolean;
  /** Native charts with explicit series (ExcelApi 1.7: series.add, setValues, setXAxisValues). */
  charts: boolean;
  /** Colour scales (ExcelApi 1.6). */
  conditionalFormats: boolean;
  /** Colour scales over several areas (group rows left out) via getRanges (ExcelApi 1.9). */
  rangeAreas: boolean;
  /** Frozen panes (ExcelApi 1.7). */
  freezePanes: boolean;
  /** suspendApiCalculationUntilNextSync (ExcelApi 1.8). */
  suspendCalculation: boolean;
  /** Autofit column widths (ExcelApi 1.2). */
  autofit: boolean;
  /** getSurroundingRegion (ExcelApi 1.7) and range.getTables (ExcelApi 1.9), for readSelection. */
  surroundingRegion: boolean;
  rangeTables: boolean;
  /** Page setup for printing: orientation, fit to pages, print titles, page header (ExcelApi 1.9). */
  pageLayout: boolean;
  /** Office.context.document.settings, where the sheets written are recorded. */
  settings: boolean;
  /** One message per missing feature. */
  warnings: string[];
}

function supported(version: string): boolean {
  try {
    const req = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
    return !!req && typeof req.isSetSupported === "function" && req.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** Check the requirement sets (ExcelApi 1.9 covers everything). */
export function capabilities(): Capabilities {
  const full = supported("1.9");
  const at = (v: string) => full || supported(v);
  const c: Capabilities = {
    full,
    charts: at("1.7"),
    conditionalFormats: at("1.6"),
    rangeAreas: full,
    freezePanes: at("1.7"),
    suspendCalculation: at("1.8"),
    autofit: at("1.2"),
    surroundingRegion: at("1.7"),
    rangeTables: full,
    pageLayout: full,
    settings: settingsObject() !== undefined,
    warnings: [],
  };
  if (!c.charts) c.warnings.push("Charts were not drawn: this version of Excel does not support ExcelApi 1.7 (chart series).");
  if (!c.conditionalFormats) c.warnings.push("Colour scales were left out: this version of Excel does not support ExcelApi 1.6 (conditional formats).");
  if (!c.freezePanes) c.warnings.push("Panes were not frozen: this version of Excel does not support ExcelApi 1.7 (freeze panes).");
  if (!c.suspendCalculation) c.warnings.push("Calculation was not suspended while writing (ExcelApi 1.8 missing): writing may be slower.");
  if (!c.autofit) c.warnings.push("Column widths were not fitted: this version of Excel does not support ExcelApi 1.2.");
  if (!c.pageLayout) c.warnings.push("The page setup for printing was left out: this version of Excel does not support ExcelApi 1.9 (page layout).");
  if (!c.settings) c.warnings.push("The sheets written could not be recorded in the document settings: a later run will not replace them.");
  return c;
}
