/**
 * What a report section is: one analysis of the report (weights, coupling, group means,
 * density, geodetector, Haken, and later spatial, differences, transitions, obstacles) with
 * everything the front ends need to know about it — its options, its pure analysis step, its
 * key in the JSON, its sheets and charts, its progress label. The registry
 * (`sections/index.ts`) lists them in order; the pipeline runs them; `--help`, the pane's
 * options form, `--sections`/`--skip`, the JSON `options` and the Summary read the registry.
 *
 * Types only (no runtime code), so that any module may import them without a cycle.
 */
import type { Panel } from "../panel";
import type { ReportSheet } from "../model";

/**
 * The options of a report, one key per option of a registered section. Each section declares
 * its keys here by declaration merging, next to its option specs:
 *
 *     declare module "./types" { interface ReportOptions { weighting: "entropy" | "critic" } }
 *
 * The same names are used by the command line (`--weighting critic`), the pane's form and the
 * JSON `options`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in each section
export interface ReportOptions {}

/** A text in both languages of the pane and the report. */
export interface Bilingual {
  en: string;
  zh: string;
}

/**
 * One option of a section, as `--key value` on the command line, a field of the pane's form
 * and a key of the JSON `options`. `parse` turns the text into the value and throws a
 * CoordError "OPTION" naming the key when it is not valid.
 */
export interface OptionSpec<T = unknown> {
  /** Name of the option (command line, form field, JSON), e.g. "weighting". */
  key: string;
  /** The allowed values as shown in --help, e.g. "entropy|critic", "number". */
  values: string;
  /** The allowed values when the option is an enumeration (a select in the form). */
  choices?: readonly string[];
  /** Suggested values of a free-text field (e.g. the bandwidth rules). */
  suggestions?: readonly string[];
  default: T;
  label: Bilingual;
  help: Bilingual;
  /** The value of a text (command line, form field); throws CoordError "OPTION" naming the key. */
  parse(text: string): T;
  /** The value as typed on the command line (inverse of parse); default String, arrays joined by ",". */
  text?(value: T): string;
  /** Shown in --help and the Summary when the text of the value is empty, e.g. "equal", "none". */
  blank?: string;
}

/**
 * Extra inputs given in the roles file beside the columns, by key (e.g. `"weights"`: spatial
 * weights for a spatial section). The roles keep every key they do not know in `inputs`; the
 * section that uses one validates it. A section declares the type of its input here by
 * declaration merging:
 *
 *     declare module "./types" { interface SectionInputs { weights?: SpatialWeightsInput } }
 */
export interface SectionInputs {
  [key: string]: unknown;
}

/**
 * The results of the sections that have run, by section id (absent: not run). New sections
 * add theirs by declaration merging, as for SectionInputs:
 *
 *     declare module "./types" { interface SectionResults { spatial?: SpatialResult } }
 */
export interface SectionResults {
  [id: string]: unknown;
}

/** What a section's analysis step sees. */
export interface SectionContext {
  panel: Panel;
  /** The options of every registered section (a new section's keys included). */
  options: ReportOptions;
  /** Extra inputs from the roles (see SectionInputs). */
  inputs: SectionInputs;
  /** Results of the sections run before this one. */
  results: SectionResults;
  /** Warnings for the Summary; a step appends to it. */
  warnings: string[];
  /**
   * A long section reports the fraction of its own work done (0..1) between its steps, for the
   * progress bar (synchronous; it may throw a CancelledError when the user cancelled).
   */
  tick?: (fraction: number) => void;
}

/** The facts about the data shown in the Summary and kept in the JSON `data`. */
export interface AnalysisData {
  units: number;
  periods: string[];
  groups: string[];
  observations: number;
  subsystems: Array<{ name: string; indicators: string[] }>;
  factors: string[];
}

/** What a section's report step sees: the context after every section has run. */
export interface ReportContext extends SectionContext {
  data: AnalysisData;
  /** Sections that did not run, with the reason (listed in the Summary and the JSON). */
  skipped: SkippedSection[];
}

/** A section that did not run: skipped by `--sections`/`--skip`, not applicable, or missing a result it needs. */
export interface SkippedSection {
  section: string;
  reason: string;
}

/** Why a section does not run on this input (no factors, no spatial weights, ...). */
export interface NotApplicable {
  reason: string;
  /** Also add "<title>: <reason>" to the warnings (default: only the Summary lists it). */
  warn?: boolean;
}

/** One analysis of the report. */
export interface ReportSection<R = unknown> {
  /** Name in `--sections` / `--skip`, the progress stage and SectionResults, e.g. "haken". */
  id: string;
  /** Heading of its options in --help and the pane's form, and its name in the Summary. */
  title: Bilingual;
  /** Progress label while it runs. */
  progress: Bilingual;
  /** Top-level key of its result in the JSON. */
  jsonKey: string;
  /** The JSON value when the section did not run (default null). */
  empty?: unknown;
  options: OptionSpec[];
  /** Relative share of the progress bar (default 1). */
  cost?: number;
  /** Ids of the sections whose results `run` reads; when one did not run, neither does this. */
  needs?: string[];
  /** Why it cannot run on this input, or null (default: always applicable). */
  notApplicable?(ctx: SectionContext): NotApplicable | null;
  /** The analysis step: pure (panel, earlier results, options -> result); may append warnings. */
  run(ctx: SectionContext): R;
  /** Its value in the JSON (default: the result itself). */
  toJson?(result: R): unknown;
  /** Its sheets (tables and chart specs) in the report. */
  sheets?(result: R, ctx: ReportContext): ReportSheet[];
  /** Headline findings in words for the Summary. */
  headlines?(result: R, ctx: ReportContext): string[];
  /** Report-wide notes (method choices). */
  notes?(result: R, ctx: ReportContext): string[];
  /** The random seeds it used (e.g. of a permutation test), for the Reproduce sheet and the JSON `reproduce.seeds` (M16). */
  seeds?(result: R, ctx: ReportContext): RandomSeed[];
}

/** A random seed a section used (e.g. of a permutation test). */
export interface RandomSeed {
  /** The option that sets it, e.g. "seed". */
  option: string;
  seed: number;
  /** Random draws made with it (e.g. 999 permutations). */
  draws: number;
  /** What the draws were for, in the report's language. */
  what: string;
}

/** A section of any result type, as the registry holds them (methods are bivariant in R). */
export type AnySection = ReportSection<unknown>;
