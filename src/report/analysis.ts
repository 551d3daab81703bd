/**
 * The analysis of a panel: the registered report sections (sections/index.ts) run in order on
 * one `Panel` with one set of `ReportOptions` — weights -> composite indices U -> coupling C,
 * T, D with grades -> group means -> kernel densities -> geodetector -> Haken model, and any
 * section registered later. Pure: plain data in, a plain `Analysis` out (the JSON the command
 * line writes with `--json`; its key names are documented in the README and kept stable).
 *
 * `onStage` is awaited before each section so that the front ends can report progress and
 * cancel between them.
 */
import { distinctGroups } from "./groups";
import { translator } from "./i18n";
import { copyWarnings, warn, warningCodes } from "./warnings";
import { SectionChoice } from "./options";
import { Panel } from "./panel";
import { SectionRegistry, SECTIONS } from "./sections";
import type { WeightRow } from "./sections/weights";
import type { Observation } from "./sections/coupling";
import type { GroupMeanRow } from "./sections/groupMeans";
import type { DensityCurve } from "./sections/density";
import type { HakenSummary } from "./sections/haken";
import type { GeoAnalysis } from "./geoAnalysis";
import type { Reproduce } from "./reproduce";
import type { AnalysisData, AnySection, ReportContext, ReportOptions, SectionInputs, SkippedSection } from "./sections/types";

export type { WeightRow } from "./sections/weights";
export type { Observation } from "./sections/coupling";
export type { GroupMeanRow } from "./sections/groupMeans";
export type { DensityCurve } from "./sections/density";
export type { HakenSummary } from "./sections/haken";
export type { AnalysisData, SkippedSection } from "./sections/types";

/** The JSON of a panel analysis: options, data, one key per section (in registry order), skipped, warnings. */
export interface Analysis {
  options: ReportOptions;
  data: AnalysisData;
  weights: WeightRow[];
  observations: Observation[];
  groupMeans: GroupMeanRow[];
  density: DensityCurve[];
  geodetector: GeoAnalysis | null;
  haken: HakenSummary | null;
  /** Sections that did not run, and why. */
  skipped: SkippedSection[];
  warnings: string[];
  /** The kind of each warning (as the Summary groups them; "other" where none was given). */
  warningCodes: string[];
  /** How to reproduce the report (M16): version, date, input and its SHA-256, roles, options, command, seeds, methods, paragraph. */
  reproduce?: Reproduce;
  /** The JSON keys of sections registered later. */
  [jsonKey: string]: unknown;
}

/** A panel analysis with what the report step needs: the JSON and the sections' typed results. */
export interface PanelRun {
  analysis: Analysis;
  context: ReportContext;
  registry: SectionRegistry;
}

/** How `runSections` is run: progress, which sections, extra inputs, the registry. */
export interface RunSettings {
  /** Awaited before each section with the share of the work done so far (throw to cancel). */
  onStage?: (section: AnySection, fraction: number) => void | Promise<void>;
  /** Called inside a long section (its `ctx.tick`) with the overall share done (throw to cancel). */
  onTick?: (section: AnySection, fraction: number) => void;
  choice?: SectionChoice;
  inputs?: SectionInputs;
  registry?: SectionRegistry;
}

/** The facts about a panel shown in the Summary and kept in the JSON `data`. */
export function panelData(panel: Panel): AnalysisData {
  return {
    units: panel.units.length,
    periods: panel.periodLabels,
    groups: panel.groups ? distinctGroups(panel.groups) : [],
    observations: panel.ids.length,
    subsystems: panel.subsystems.map((s) => ({ name: s.name, indicators: s.indicators.map((i) => panel.indicators[i].column) })),
    factors: panel.factors.map((f) => f.column),
  };
}

/** The ids chosen by `only` together with the sections they need (transitively). */
function withNeeds(only: string[], registry: SectionRegistry): Set<string> {
  const chosen = new Set<string>();
  const add = (id: string) => {
    if (chosen.has(id)) return;
    chosen.add(id);
    for (const n of registry.get(id)?.needs ?? []) add(n);
  };
  only.forEach(add);
  return chosen;
}

/** Run the registered sections in order on a panel. */
export async function runSections(panel: Panel, options: ReportOptions, settings: RunSettings = {}): Promise<PanelRun> {
  const registry = settings.registry ?? SECTIONS;
  const sections = registry.sections;
  const chosen = settings.choice?.only ? withNeeds(settings.choice.only, registry) : null;
  const skip = new Set(settings.choice?.skip ?? []);
  const warnings = copyWarnings(panel.warnings);
  const skipped: SkippedSection[] = [];
  const data = panelData(panel);
  const analysis = { options, data } as Analysis;
  const context: ReportContext = { panel, options, inputs: settings.inputs ?? {}, results: {}, warnings, data, skipped };
  const total = sections.reduce((s, x) => s + (x.cost ?? 1), 0) || 1;
  let done = 0;
  for (const s of sections) {
    const reason = whyNot(s, context, chosen, skip, registry);
    if (reason === null) {
      await settings.onStage?.(s, done / total);
      const share = s.cost ?? 1;
      const start = done;
      context.tick = settings.onTick ? (f) => settings.onTick!(s, (start + share * Math.max(0, Math.min(1, f))) / total) : undefined;
      const result = s.run(context);
      context.tick = undefined;
      context.results[s.id] = result;
      analysis[s.jsonKey] = s.toJson ? s.toJson(result) : result;
    } else {
      skipped.push({ section: s.id, reason });
      analysis[s.jsonKey] = s.empty ?? null;
    }
    done += s.cost ?? 1;
  }
  analysis.skipped = skipped;
  analysis.warnings = warnings;
  analysis.warningCodes = warningCodes(warnings);
  return { analysis, context, registry };
}

/** Why a section does not run (adding its warning when it says so), or null when it runs. */
function whyNot(s: AnySection, ctx: ReportContext, chosen: Set<string> | null, skip: Set<string>, registry: SectionRegistry): string | null {
  const t = translator(ctx.options.language);
  if (chosen && !chosen.has(s.id)) return t("skip.notChosen");
  if (skip.has(s.id)) return t("skip.skipped");
  const missing = (s.needs ?? []).find((id) => ctx.results[id] === undefined);
  // the section's id in English (as --sections takes it), its title in Chinese
  if (missing !== undefined) return t("skip.needs", { section: t.lang === "zh" ? (registry.get(missing)?.title.zh ?? missing) : missing });
  const na = s.notApplicable?.(ctx) ?? null;
  if (na === null) return null;
  if (na.warn) warn(ctx.warnings, "skip.notApplicable", t("skip.warning", { section: s.title[t.lang], reason: na.reason }));
  return t("skip.notApplicable", { reason: na.reason });
}

/** Run every section; `onStage` is called before each (for progress and cancellation). */
export async function analyzePanel(
  panel: Panel,
  o: ReportOptions,
  onStage: (stage: string, index: number, total: number) => void | Promise<void> = () => undefined,
): Promise<Analysis> {
  let index = 0;
  const total = SECTIONS.sections.length;
  const run = await runSections(panel, o, { onStage: (s) => onStage(s.id, index++, total) });
  return run.analysis;
}
