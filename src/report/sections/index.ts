/**
 * The registry of report sections, in the order the pipeline runs them and the report shows
 * them. `--help`, the pane's options form, `--sections`/`--skip`, the JSON `options` and the
 * Summary's options table all read a registry; the default one is `SECTIONS`, to which
 * `registerSection` adds a section at run time (tests, plug-ins).
 *
 * Adding an analysis (e.g. spatial autocorrelation):
 * 1. the engine module, `src/engine/spatial.ts` (plain arrays in, a typed result out), with its
 *    reference test;
 * 2. the section, `src/report/sections/spatial.ts`: `export const spatialSection:
 *    ReportSection<SpatialResult> = { id, title, progress, jsonKey, options, needs, notApplicable,
 *    run, sheets, headlines }` (see types.ts), declaring its option keys, its result and any
 *    roles input by declaration merging:
 *        declare module "./types" {
 *          interface ReportOptions { spatialTest: "moran" | "geary" }
 *          interface SectionResults { spatial?: SpatialResult }
 *          interface SectionInputs { weights?: unknown }   // the roles file's "weights" key
 *        }
 *    options via optionKit (enumOption, numberOption, booleanOption) or an OptionSpec of its
 *    own; `notApplicable: (ctx) => (ctx.inputs.weights ? null : { reason: "no spatial weights" })`
 *    makes "no weights" a skipped section, not an error;
 * 3. one line in `BUILTIN_SECTIONS` below.
 * The pipeline, --help, the pane's form, the JSON and the Summary then show it.
 */
import { CoordError } from "../../engine/errors";
import { couplingSection } from "./coupling";
import { dataSection } from "./data";
import { densitySection } from "./density";
import { geodetectorSection } from "./geodetector";
import { groupMeansSection } from "./groupMeans";
import { hakenSection } from "./haken";
import { spatialSection } from "./spatial";
import type { AnySection, OptionSpec } from "./types";
import { weightsSection } from "./weights";
import { convergenceSection, dagumSection } from "./differences";
import { markovSection, spatialMarkovSection } from "./transitions";
import { obstaclesSection } from "./obstacles";

export const BUILTIN_SECTIONS: readonly AnySection[] = [
  dataSection,
  weightsSection,
  couplingSection,
  groupMeansSection,
  densitySection,
  geodetectorSection,
  hakenSection,
  spatialSection,
  dagumSection,
  convergenceSection,
  markovSection,
  spatialMarkovSection,
  obstaclesSection,
];

/** An ordered list of sections whose ids, JSON keys and option keys are unique. */
export class SectionRegistry {
  private readonly list: AnySection[] = [];

  constructor(sections: readonly AnySection[] = []) {
    for (const s of sections) this.register(s);
  }

  /** The sections in order. */
  get sections(): readonly AnySection[] {
    return this.list;
  }

  /** Add a section (at the end, or right after the section `after`); returns a function removing it again. */
  register(section: AnySection, where: { after?: string } = {}): () => void {
    const clash = (what: string, value: string) =>
      new CoordError("OPTION", `section ${section.id}: ${what} '${value}' is already used by another section`, { argument: section.id });
    if (this.list.some((s) => s.id === section.id)) throw clash("id", section.id);
    if (this.list.some((s) => s.jsonKey === section.jsonKey)) throw clash("JSON key", section.jsonKey);
    const keys = new Set(this.options().map((o) => o.key));
    for (const o of section.options) if (keys.has(o.key)) throw clash("option", o.key);
    const at = where.after === undefined ? this.list.length : this.list.findIndex((s) => s.id === where.after) + 1;
    if (where.after !== undefined && at === 0)
      throw new CoordError("OPTION", `section ${section.id}: no section '${where.after}' to insert it after`, { argument: section.id });
    this.list.splice(at, 0, section);
    return () => {
      const i = this.list.indexOf(section);
      if (i >= 0) this.list.splice(i, 1);
    };
  }

  /** The section of an id, or undefined. */
  get(id: string): AnySection | undefined {
    return this.list.find((s) => s.id === id);
  }

  /** Every option of every section, in order. */
  options(): OptionSpec[] {
    return this.list.flatMap((s) => s.options);
  }

  /** The section an option belongs to. */
  sectionOf(key: string): AnySection | undefined {
    return this.list.find((s) => s.options.some((o) => o.key === key));
  }
}

/** The default registry: the built-in sections, plus any registered at run time. */
export const SECTIONS = new SectionRegistry(BUILTIN_SECTIONS);

/** Add a section to the default registry (or `registry`); returns a function removing it again. */
export function registerSection(section: AnySection, where: { after?: string } = {}, registry: SectionRegistry = SECTIONS): () => void {
  return registry.register(section, where);
}

export type {
  AnySection,
  OptionSpec,
  ReportSection,
  SectionContext,
  ReportContext,
  SectionInputs,
  SectionResults,
  NotApplicable,
  Bilingual,
  ReportOptions,
} from "./types";
