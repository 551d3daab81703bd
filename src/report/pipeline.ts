/**
 * One pipeline for the three front ends: cells (a parsed CSV, an XLSX sheet or an Excel range)
 * + roles + options -> an `Analysis` (the JSON) and a `Report` (the sheets). The registered
 * report sections (sections/index.ts) run in order. Pure apart from the progress callback;
 * cancellation is checked before each stage.
 */
import { CoordError } from "../engine/errors";
import { dataRowCount, headerOf, SheetCells } from "./columns";
import { Analysis, runSections } from "./analysis";
import { geodetectorOnRows, GeoAnalysis } from "./geoAnalysis";
import { DEFAULT_OPTIONS, parseOptions, ReportOptions, SectionChoice } from "./options";
import { buildGeoReport, buildReport, headlines } from "./sheets";
import { buildGeoData, buildPanel, PanelOptions } from "./panel";
import { parseRoles, Roles, RolesFile, rolesToFile } from "./roles";
import { buildReproduce, cellsSize, geoOnlyParagraph, methodsParagraph, Reproduce, ReproduceInput, reproduceSheet } from "./reproduce";
import { Report } from "./model";
import { tr } from "./i18n";
import { copyWarnings, warningCodes } from "./warnings";
import { SectionRegistry, SECTIONS } from "./sections";
import { geodetectorSection } from "./sections/geodetector";
import { panelOptionsFor } from "./sections/data";
import type { Bilingual, RandomSeed } from "./sections/types";

/** "reading", a section id ("weights", "coupling", ..., or one registered later), "report". */
export type PipelineStage = string;

/** Labels of the stages that are not sections. */
export const STAGE_LABELS: Record<"reading" | "report", Bilingual> = {
  reading: { en: tr("en", "stage.reading"), zh: tr("zh", "stage.reading") },
  report: { en: tr("en", "stage.report"), zh: tr("zh", "stage.report") },
};

export interface PipelineHooks {
  /** Called at the start of each stage, with the fraction of the work done so far and the stage's label. */
  onProgress?: (stage: PipelineStage, fraction: number, label: Bilingual) => void | Promise<void>;
  /**
   * Within a long section (the spatial permutations): the overall fraction done, synchronously,
   * between the section's steps. A run in a Web Worker posts it to the page; on the main thread
   * the page repaints only at the next stage. The signal is checked here too.
   */
  onTick?: (stage: PipelineStage, fraction: number, label: Bilingual) => void;
  /** Checked before each stage: when aborted, the run stops with a CancelledError (code CANCELLED). */
  signal?: { aborted: boolean };
}

/** JSON of a geodetector-only run. */
export interface GeoOnlyAnalysis {
  options: ReportOptions;
  data: { rows: number; y: string; factors: string[] };
  geodetector: GeoAnalysis;
  warnings: string[];
  /** The kind of each warning. */
  warningCodes: string[];
  /** How to reproduce the run (M16). */
  reproduce: Reproduce;
}

export interface PipelineResult {
  kind: "panel" | "geodetector";
  analysis: Analysis | GeoOnlyAnalysis;
  report: Report;
  roles: Roles;
  /** Headline findings in words (the Summary's), empty for a geodetector-only run. */
  headlines: string[];
  /**
   * Panel runs: for each observation (`analysis.observations[k]`), the index into the `cells`
   * given to runReport of the row it came from (the pane writes C, T, D beside those rows).
   */
  observationRows?: number[];
}

export class CancelledError extends CoordError {
  constructor() {
    super("CANCELLED", "cancelled by the user");
    this.name = "CancelledError";
    Object.setPrototypeOf(this, CancelledError.prototype);
  }
}

/** Whether an error is the cancellation of a run (by its code, not its text). */
export function isCancelled(e: unknown): boolean {
  return e instanceof CoordError && e.code === "CANCELLED";
}

/** What `runReport` needs besides cells, roles and options. */
export interface RunMeta {
  source?: string;
  version?: string;
  panel?: PanelOptions;
  /** `--sections` / `--skip`: which sections run (default all). */
  sections?: SectionChoice;
  /** The sections (default: the registry `SECTIONS`). */
  registry?: SectionRegistry;
  /** What the front end knows about the input and the invocation, for the Reproduce sheet (M16): file name, SHA-256, sheet, flags. */
  input?: ReproduceInput;
  /** ISO time of the run (default now). */
  created?: string;
}

/** Share of the progress bar before the first section and after the last. */
const READING = 0.05;
const REPORT = 0.95;

/**
 * Run the whole analysis and build the report.
 *
 * @example
 * import { parseCsv } from "./csv";
 * const text = "Province,Year,GDP,Green\nA,2011,5.2,0.45\nA,2012,6.1,0.41\nB,2011,7.9,0.70\nB,2012,8.4,0.66\nC,2011,4.1,0.52\nC,2012,4.9,0.50";
 * const roles = { id: "Province", time: "Year", subsystems: { Economy: [{ column: "GDP", direction: "+" }], Ecology: [{ column: "Green", direction: "-" }] } };
 * const { report } = await runReport(parseCsv(text), JSON.stringify(roles));
 * report.sheets.map((s) => s.name).slice(0, 3); // => ["Summary", "T2 Indicator system", "Descriptive statistics"]
 */
export async function runReport(
  cells: SheetCells,
  rolesInput: string | RolesFile | Roles,
  options: ReportOptions = DEFAULT_OPTIONS,
  hooks: PipelineHooks = {},
  meta: RunMeta = {},
): Promise<PipelineResult> {
  const registry = meta.registry ?? SECTIONS;
  const step = async (stage: PipelineStage, fraction: number, label: Bilingual) => {
    if (hooks.signal?.aborted) throw new CancelledError();
    await hooks.onProgress?.(stage, fraction, label);
  };
  await step("reading", 0, STAGE_LABELS.reading);
  // options of sections registered after `options` was made take their defaults
  const o = parseOptions({}, options, registry);
  const roles = parseRoles(rolesInput, headerOf(cells));
  if (roles.kind === "geodetector") {
    const panelOptions = panelOptionsFor(o, meta.panel);
    o.missing = panelOptions.missing!; // --drop-incomplete shows as missing "drop"
    const data = buildGeoData(cells, roles, panelOptions);
    await step(geodetectorSection.id, READING, geodetectorSection.progress);
    const warnings = copyWarnings(data.warnings);
    const geo = geodetectorOnRows(data.yColumn, data.y, data.factors, data.groups, o, warnings, roles.group);
    await step("report", REPORT, STAGE_LABELS.report);
    const version = meta.version ?? null;
    const reproduce = buildReproduce({
      ...reproduceBase(registry, o, meta, roles, cells),
      ran: new Set([geodetectorSection.id]),
      seeds: [],
      text: { en: geoOnlyParagraph("en", o, data.yColumn, data.y.length, version), zh: geoOnlyParagraph("zh", o, data.yColumn, data.y.length, version) },
    });
    const analysis: GeoOnlyAnalysis = {
      options: o,
      data: { rows: data.y.length, y: data.yColumn, factors: data.factors.map((f) => f.column) },
      geodetector: geo,
      warnings,
      warningCodes: warningCodes(warnings),
      reproduce,
    };
    const report = buildGeoReport(geo, o, warnings, { rows: data.y.length, source: meta.source });
    report.sheets.push(reproduceSheet(reproduce, registry, o));
    return { kind: "geodetector", analysis, report, roles, headlines: [] };
  }
  const panelOptions = panelOptionsFor(o, meta.panel);
  o.missing = panelOptions.missing!; // --drop-incomplete shows as missing "drop"
  const panel = buildPanel(cells, roles, panelOptions);
  const run = await runSections(panel, o, {
    registry,
    choice: meta.sections,
    inputs: roles.inputs,
    onStage: (s, fraction) => step(s.id, READING + (REPORT - READING) * fraction, s.progress),
    onTick: (s, fraction) => {
      if (hooks.signal?.aborted) throw new CancelledError();
      hooks.onTick?.(s.id, READING + (REPORT - READING) * fraction, s.progress);
    },
  });
  await step("report", REPORT, STAGE_LABELS.report);
  const { context } = run;
  const ran = new Set(registry.sections.filter((s) => context.results[s.id] !== undefined).map((s) => s.id));
  const seeds: Array<RandomSeed & { section: string }> = registry.sections.flatMap((s) =>
    ran.has(s.id) && s.seeds ? s.seeds(context.results[s.id], context).map((x) => ({ section: s.id, ...x })) : [],
  );
  const facts = { data: context.data, results: context.results, ran, version: meta.version ?? null };
  const reproduce = buildReproduce({
    ...reproduceBase(registry, o, meta, roles, cells),
    ran,
    seeds,
    text: { en: methodsParagraph("en", o, facts, registry), zh: methodsParagraph("zh", o, facts, registry) },
  });
  run.analysis.reproduce = reproduce;
  const report = buildReport(run, meta);
  report.sheets.push(reproduceSheet(reproduce, registry, o));
  // panel.rowIndex is 1-based in `cells` (cells[0] is row 1)
  const observationRows = context.panel.rowIndex.map((r) => r - 1);
  return { kind: "panel", analysis: run.analysis, report, roles, headlines: headlines(run), observationRows };
}

/** What the Reproduce record of any run needs: the registry, options, input, roles, size, version and date. */
function reproduceBase(registry: SectionRegistry, o: ReportOptions, meta: RunMeta, roles: Roles, cells: SheetCells) {
  return {
    registry,
    options: o,
    // --sections / --skip as the pipeline got them (ids joined by ",")
    input: { ...meta.input, sections: meta.sections?.only?.join(","), skip: meta.sections?.skip?.join(",") },
    roles: rolesToFile(roles),
    size: Array.isArray(cells) ? cellsSize(cells) : { rows: dataRowCount(cells), columns: headerOf(cells).filter((c) => c !== null && c !== "").length },
    version: meta.version ?? null,
    date: meta.created ?? new Date().toISOString(),
  };
}

/** The JSON written by `--json`: the analysis with the documented top-level keys. */
export function analysisToJson(result: PipelineResult, space = 2): string {
  return JSON.stringify(
    result.analysis,
    (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v instanceof Float64Array || v instanceof Int32Array ? Array.from(v) : v),
    space,
  );
}
