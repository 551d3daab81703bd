/**
 * The options of a report: the union of the options the registered sections declare
 * (sections/*.ts; one per METHODS.md option that the report uses). The same names are used
 * by the command line (`--weighting critic`), the taskpane form and the JSON output.
 * Defaults reproduce the seed paper: entropy, global scope, standard C with α = 0.5,
 * 10 left-closed grades, Silverman density per period and group, geodetector on the first,
 * middle and last period, factors by GEOQ's "auto" rule (natural breaks, k = 6).
 */
import { CoordError } from "../engine/errors";
import { SectionRegistry, SECTIONS } from "./sections";
import { optionValueText } from "./sections/optionKit";
import type { OptionSpec, ReportOptions } from "./sections/types";

export type { OptionSpec, ReportOptions } from "./sections/types";

/**
 * The default of every option of the registered sections.
 *
 * @example
 * defaultOptions().weighting; // => "entropy"
 */
export function defaultOptions(registry: SectionRegistry = SECTIONS): ReportOptions {
  const o: Record<string, unknown> = {};
  for (const spec of registry.options()) o[spec.key] = copy(spec.default);
  return o as unknown as ReportOptions;
}

function copy(v: unknown): unknown {
  return Array.isArray(v) ? [...v] : v;
}

/** The defaults of the built-in sections (`defaultOptions()` also has those of sections registered later). */
export const DEFAULT_OPTIONS: ReportOptions = defaultOptions();

/** Every option of the registered sections, in order (for --help, the pane, the Summary). */
export function optionSpecs(registry: SectionRegistry = SECTIONS): OptionSpec[] {
  return registry.options();
}

/**
 * An option value as shown in --help and the Summary: the command-line text, its `blank` word
 * (e.g. "equal", "none") when empty, lists with ", " when `separator` says so.
 *
 * @example
 * shownValue(optionSpecs().find((s) => s.key === "hakenPair")!, [0, 1], ", "); // => "1, 2"
 */
export function shownValue(spec: OptionSpec, value: unknown, separator = ","): string {
  const text = optionValueText(spec, value);
  if (text === "") return spec.blank ?? "";
  return Array.isArray(value) ? text.split(",").join(separator) : text;
}

/**
 * Merge option values given as text (command-line flags, form fields) into the defaults,
 * validating each; unknown keys are an error naming the key. Options missing from `base`
 * (e.g. of a section registered later) take their defaults.
 */
export function parseOptions(
  raw: Record<string, string | undefined>,
  base: ReportOptions = DEFAULT_OPTIONS,
  registry: SectionRegistry = SECTIONS,
): ReportOptions {
  const specs = new Map(registry.options().map((s) => [s.key, s]));
  const o: Record<string, unknown> = {};
  for (const [key, spec] of specs) o[key] = copy(key in base ? (base as unknown as Record<string, unknown>)[key] : spec.default);
  for (const [key, v] of Object.entries(base)) if (!(key in o)) o[key] = copy(v);
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const spec = specs.get(key);
    if (!spec) throw new CoordError("OPTION", `unknown option '${key}'`, { argument: key });
    o[key] = spec.parse(value.trim());
  }
  return o as unknown as ReportOptions;
}

/** Which sections to run: `only` (ids, with the sections they need) minus `skip`. */
export interface SectionChoice {
  only?: string[];
  skip?: string[];
}

/**
 * A section choice from `--sections a,b` / `--skip c` texts; unknown ids are an error naming
 * the flag and the known ids.
 *
 * @example
 * parseSectionChoice({ skip: "haken, density" }); // => { "skip": ["haken", "density"] }
 */
export function parseSectionChoice(text: { sections?: string; skip?: string }, registry: SectionRegistry = SECTIONS): SectionChoice {
  const out: SectionChoice = {};
  for (const [flag, key] of [
    ["sections", "only"],
    ["skip", "skip"],
  ] as const) {
    const v = text[flag];
    if (v === undefined) continue;
    const ids = v
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    for (const id of ids)
      if (!registry.get(id))
        throw new CoordError("OPTION", `option ${flag}: no section '${id}'; the sections are ${registry.sections.map((s) => s.id).join(", ")}`, {
          argument: flag,
        });
    out[key] = ids;
  }
  return out;
}
