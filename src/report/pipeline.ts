/**
 * One pipeline for the three front ends: cells (a parsed CSV, an XLSX sheet or an Excel range)
 * + roles + options -> an `Analysis` (the JSON) and a `Report` (the sheets). Pure apart from the
 * progress callback; cancellation is checked between stages.
 */
import { CoordError } from "../engine/errors";
import { Cell } from "./csv";
import { analyzePanel, Analysis, Stage } from "./analysis";
import { geodetectorOnRows, GeoAnalysis } from "./geoAnalysis";
import { DEFAULT_OPTIONS, ReportOptions } from "./options";
import { buildGeoData, buildPanel, PanelOptions } from "./panel";
import { parseRoles, Roles, RolesFile } from "./roles";
import { buildGeoReport, buildReport } from "./sheets";
import { Report } from "./model";

export type PipelineStage = "reading" | Stage | "report";

export const STAGE_LABELS: Record<PipelineStage, string> = {
  reading: "Reading the data",
  weights: "Weights and composite indices",
  coupling: "Coupling coordination",
  density: "Kernel density",
  geodetector: "Geodetector",
  haken: "Haken model",
  report: "Building the report",
};

export interface PipelineHooks {
  /** Called at the start of each stage, with the fraction of the work done so far. */
  onProgress?: (stage: PipelineStage, fraction: number) => void | Promise<void>;
  /** Checked between stages: when aborted, the run stops with a CoordError "cancelled". */
  signal?: { aborted: boolean };
}

/** JSON of a geodetector-only run. */
export interface GeoOnlyAnalysis {
  options: ReportOptions;
  data: { rows: number; y: string; factors: string[] };
  geodetector: GeoAnalysis;
  warnings: string[];
}

export interface PipelineResult {
  kind: "panel" | "geodetector";
  analysis: Analysis | GeoOnlyAnalysis;
  report: Report;
  roles: Roles;
}

export class CancelledError extends CoordError {
  constructor() {
    super("UNDEFINED", "cancelled by the user");
    this.name = "CancelledError";
    Object.setPrototypeOf(this, CancelledError.prototype);
  }
}

const FRACTION: Record<PipelineStage, number> = { reading: 0, weights: 0.1, coupling: 0.3, density: 0.4, geodetector: 0.55, haken: 0.85, report: 0.95 };

/**
 * Run the whole analysis and build the report.
 *
 * @example
 * import { parseCsv } from "./csv";
 * const text = "Province,Year,GDP,Green\nA,2011,5.2,0.45\nA,2012,6.1,0.41\nB,2011,7.9,0.70\nB,2012,8.4,0.66\nC,2011,4.1,0.52\nC,2012,4.9,0.50";
 * const roles = { id: "Province", time: "Year", subsystems: { Economy: [{ column: "GDP", direction: "+" }], Ecology: [{ column: "Green", direction: "-" }] } };
 * const { report } = await runReport(parseCsv(text), JSON.stringify(roles));
 * report.sheets.map((s) => s.name).slice(0, 3); // => ["Summary", "Weights", "Scores"]
 */
export async function runReport(
  cells: Cell[][],
  rolesInput: string | RolesFile | Roles,
  options: ReportOptions = DEFAULT_OPTIONS,
  hooks: PipelineHooks = {},
  meta: { source?: string; version?: string; panel?: PanelOptions } = {},
): Promise<PipelineResult> {
  const step = async (stage: PipelineStage) => {
    if (hooks.signal?.aborted) throw new CancelledError();
    await hooks.onProgress?.(stage, FRACTION[stage]);
  };
  await step("reading");
  const headers = (cells.find((r) => r.some((c) => c !== null && c !== "")) ?? []) as Cell[];
  const roles = parseRoles(rolesInput, headers);
  if (roles.kind === "geodetector") {
    const data = buildGeoData(cells, roles, meta.panel);
    await step("geodetector");
    const warnings = [...data.warnings];
    const geo = geodetectorOnRows(data.yColumn, data.y, data.factors, data.groups, options, warnings);
    await step("report");
    const analysis: GeoOnlyAnalysis = { options, data: { rows: data.y.length, y: data.yColumn, factors: data.factors.map((f) => f.column) }, geodetector: geo, warnings };
    return { kind: "geodetector", analysis, report: buildGeoReport(geo, options, warnings, { rows: data.y.length, source: meta.source }), roles };
  }
  const panel = buildPanel(cells, roles, meta.panel);
  const analysis = await analyzePanel(panel, options, (stage) => step(stage));
  await step("report");
  return { kind: "panel", analysis, report: buildReport(analysis, meta), roles };
}

/** The JSON written by `--json`: the analysis with the documented top-level keys. */
export function analysisToJson(result: PipelineResult, space = 2): string {
  return JSON.stringify(result.analysis, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v instanceof Float64Array || v instanceof Int32Array ? Array.from(v) : v), space);
}
