/**
 * Reproducibility (METHODS.md M16): what the "Reproduce" sheet (zh 复现) and the JSON key
 * `reproduce` hold — the CoordLab version, the date, the input (file name, SHA-256, sheet,
 * rows x columns), the roles, every option with its value and whether it is the default, the
 * command line that regenerates the report, the random seeds, the methods that ran with their
 * references, and a methods paragraph in English and Chinese built from what ran and the
 * options. Pure: the front ends pass what they know about the input (`ReproduceInput`; the
 * command line hashes the file with node's crypto, the page the bytes it read, the pane the
 * selected values as CSV text).
 */
import { column, ReportRow, ReportSheet, sheet, table } from "./model";
import { Params, StringKey, translator, type Lang, type Translate } from "./i18n";
import { REFERENCES, type ReferenceId } from "./i18n/reproduce";
import { optionValueText } from "./sections/optionKit";
import type { SectionRegistry } from "./sections";
import type { AnalysisData, RandomSeed, ReportOptions, SectionResults } from "./sections/types";

export type { RandomSeed } from "./sections/types";
import type { RolesFile } from "./roles";
import type { Cell } from "./csv";

/** What a front end knows about the input and how the run was started. */
export interface ReproduceInput {
  /** Where the run came from: the command line (default), the standalone page or the Excel pane. */
  origin?: "cli" | "page" | "pane";
  /** The data file: as typed on the command line, the name of the file opened in the page, or the name to save the pane's selection as. */
  file?: string;
  /** SHA-256 (hex) of the file's bytes, or (pane) of the selected values as CSV text. */
  sha256?: string;
  /** What was hashed: the file's bytes (default) or the selected values as CSV text (pane). */
  hashOf?: "file" | "values";
  /** Sheet of an XLSX file (command line `--sheet`, the page's sheet); the pane's sheet. */
  sheet?: string;
  /** The pane's range, e.g. "Data!A1:AL311". */
  range?: string;
  /** `--roles FILE` as typed; absent on the command line when the roles were guessed. */
  rolesFile?: string;
  /** `--out` / `--json` as typed (the page: the names of its downloads). */
  out?: string;
  json?: string;
  /** `--sections` / `--skip` (the pipeline fills them in from its section choice). */
  sections?: string;
  skip?: string;
  /** The spatial weights came from a selection or a file loaded in the pane, not from an option. */
  weightsLoaded?: boolean;
}

/** One option as the Reproduce sheet lists it. */
export interface ReproduceOption {
  option: string;
  section: string;
  /** The value as typed on the command line ("" for an empty list: see the sheet's shown value). */
  value: string;
  default: string;
  isDefault: boolean;
}

/** One method that ran, with its references. */
export interface ReproduceMethod {
  id: string;
  section: string;
  /** Name in the report's language. */
  method: string;
  references: string[];
}

/** The JSON `reproduce`. */
export interface Reproduce {
  /** Where the run came from: "cli", "page" (the standalone page) or "pane" (Excel). */
  origin: "cli" | "page" | "pane";
  version: string | null;
  /** ISO 8601 time of the run (the only field that differs between two runs of the same command). */
  date: string;
  input: {
    file: string | null;
    sha256: string | null;
    hashOf: "file" | "values";
    sheet: string | null;
    range: string | null;
    rows: number;
    columns: number;
  };
  roles: RolesFile;
  /** Where the roles came from: a file (--roles), guessed from the headers, or set in the pane / page. */
  rolesSource: "file" | "guessed" | "editor";
  options: ReproduceOption[];
  /** The command line that regenerates the report (POSIX shell quoting), and its words after `npx coordlab`. */
  command: string;
  args: string[];
  seeds: Array<RandomSeed & { section: string }>;
  methods: ReproduceMethod[];
  /** The methods paragraph in both languages. */
  text: { en: string; zh: string };
  /** What the command cannot carry (e.g. spatial weights loaded in the pane), in the report's language. */
  notes: string[];
}

/** The program word of the command line. */
export const PROGRAM = "npx coordlab";

/**
 * A word for a POSIX shell: as it is when plain, else in single quotes.
 *
 * @example
 * shellQuote("panel.csv"); // => "panel.csv"
 * shellQuote("my data.csv"); // => "'my data.csv'"
 * shellQuote("it's"); // => "'it'\\''s'"
 */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=,+@%-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const blank = (c: unknown) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/**
 * Rows x columns of the input: the data rows under the header row (the first non-empty row) and
 * the non-empty header cells.
 *
 * @example
 * cellsSize([[null], ["a", "b", null], [1, 2], [null, null], [3, 4]]); // => { "rows": 2, "columns": 2 }
 */
export function cellsSize(cells: ReadonlyArray<ReadonlyArray<unknown>>): { rows: number; columns: number } {
  const h = cells.findIndex((r) => r.some((c) => !blank(c)));
  if (h < 0) return { rows: 0, columns: 0 };
  return { rows: cells.slice(h + 1).filter((r) => r.some((c) => !blank(c))).length, columns: cells[h].filter((c) => !blank(c)).length };
}

/**
 * Cells as CSV text (what the pane hashes): comma-separated, a field quoted when it holds a
 * comma, a quote or a line break (quotes doubled), numbers as JavaScript prints them, empty
 * cells empty, LF line ends, trailing empty cells of a row kept.
 *
 * @example
 * cellsToCsv([["Province", "Year"], ["A, B", 2011], [null, true]]); // => "Province,Year\n\"A, B\",2011\n,TRUE"
 */
export function cellsToCsv(cells: ReadonlyArray<ReadonlyArray<Cell>>): string {
  const field = (c: Cell): string => {
    if (c === null || c === undefined) return "";
    if (typeof c === "boolean") return c ? "TRUE" : "FALSE";
    const s = String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return cells.map((r) => r.map(field).join(",")).join("\n");
}

/** Every option of the registry with its value as typed, its default and whether it is the default. */
export function optionRecords(registry: SectionRegistry, o: ReportOptions): ReproduceOption[] {
  const values = o as unknown as Record<string, unknown>;
  return registry.sections.flatMap((s) =>
    s.options.map((spec) => {
      const value = optionValueText(spec, values[spec.key]);
      const def = optionValueText(spec, spec.default);
      return { option: spec.key, section: s.id, value, default: def, isDefault: value === def };
    }),
  );
}

/** The base name of a data file without its extension ("data" when empty). */
function stem(file: string): string {
  const base = file.replace(/^.*[\\/]/, "");
  return base.replace(/\.[^.]+$/, "") || "data";
}

/** The command line's words (after `npx coordlab`) that regenerate the report: the non-default options only. */
export function commandArgs(input: ReproduceInput, options: ReproduceOption[]): string[] {
  const origin = input.origin ?? "cli";
  const file = input.file ?? "data.csv";
  const args = [file];
  if (input.sheet && origin !== "pane" && /\.xls[xm]$/i.test(file)) args.push("--sheet", input.sheet);
  const roles = input.rolesFile ?? (origin === "cli" ? undefined : `${stem(file)}.roles.json`);
  if (roles !== undefined) args.push("--roles", roles);
  if (input.out !== undefined) args.push("--out", input.out);
  if (input.json !== undefined) args.push("--json", input.json);
  if (input.sections !== undefined) args.push("--sections", input.sections);
  if (input.skip !== undefined) args.push("--skip", input.skip);
  for (const o of options) if (!o.isDefault) args.push(`--${o.option}`, o.value);
  return args;
}

/** The methods of each section (in order), with the references that apply under the options. */
const SECTION_METHODS: Record<string, (o: ReportOptions) => Array<{ id: string; name: StringKey; refs: ReferenceId[] }>> = {
  weights: (o) => [
    { id: "standardize", name: "method.standardize", refs: [] },
    o.weighting === "critic"
      ? { id: "critic", name: "method.critic", refs: ["diakoulaki1995", "seed003"] }
      : { id: "entropy", name: "method.entropy", refs: ["shannon1948", "seed000"] },
  ],
  coupling: (o) => [
    o.coupling === "modified"
      ? { id: "ccd", name: "method.ccdModified", refs: ["wangShujia2021", "seed000"] }
      : { id: "ccd", name: "method.ccd", refs: ["seed000", "liao1999"] },
    { id: "grades", name: "method.grades", refs: ["liao1999", "seed000"] },
  ],
  density: () => [{ id: "kde", name: "method.kde", refs: ["silverman1986", "seed000"] }],
  geodetector: (o) => [
    { id: "geodetector", name: "method.geodetector", refs: ["wang2010", "wang2016", "wangXu2017", "seed000"] },
    ...(o.discretization === "optimal" ? [{ id: "opgd", name: "method.opgd" as StringKey, refs: ["song2020"] as ReferenceId[] }] : []),
  ],
  haken: () => [{ id: "haken", name: "method.haken", refs: ["haken1983", "seed003"] }],
  spatial: () => [
    { id: "moran", name: "method.moran", refs: ["moran1950", "geary1954", "cliffOrd1981"] },
    { id: "lisa", name: "method.lisa", refs: ["anselin1995", "getisOrd1992"] },
  ],
  dagum: () => [{ id: "dagum", name: "method.dagum", refs: ["dagum1997"] }],
  convergence: () => [{ id: "convergence", name: "method.convergence", refs: ["barro1992"] }],
  markov: () => [{ id: "markov", name: "method.markov", refs: ["rey2001"] }],
  spatialMarkov: () => [{ id: "spatialMarkov", name: "method.spatialMarkov", refs: ["rey2001", "bickenbach2003"] }],
  obstacles: () => [{ id: "obstacles", name: "method.obstacles", refs: [] }],
};

/** Sections that compute no method of their own (the data as read, means by group). */
const NO_METHOD = new Set(["data", "groupMeans"]);

/** The methods of the sections that ran, with their references; a section registered later is listed by its title. */
export function methodsUsed(registry: SectionRegistry, ran: ReadonlySet<string>, o: ReportOptions, lang: Lang): ReproduceMethod[] {
  const t = translator(lang);
  return registry.sections
    .filter((s) => ran.has(s.id) && !NO_METHOD.has(s.id))
    .flatMap((s) => {
      const of = SECTION_METHODS[s.id];
      if (!of) return [{ id: s.id, section: s.id, method: s.title[t.lang], references: [] }];
      return of(o).map((m) => ({
        id: m.id,
        section: s.id,
        method: t(m.name),
        references: m.id === "obstacles" ? [t("method.obstaclesRef")] : m.refs.map((r) => REFERENCES[r]),
      }));
    });
}

/** What the paragraph needs besides the options: the data, the results, the sections that ran. */
export interface ParagraphFacts {
  data: AnalysisData;
  results: SectionResults;
  ran: ReadonlySet<string>;
  version: string | null;
}

const RULE_KEYS = ["silverman", "scott", "scipy_scott", "scipy_silverman", "nrd0", "nrd"] as const;
const DISC_KEYS = ["auto", "natural", "equal", "quantile", "geometric", "sd"] as const;

/** The bandwidth rule in words. */
function ruleText(t: Translate, bandwidth: ReportOptions["bandwidth"]): string {
  if (typeof bandwidth === "number") return t("text.rule.fixed", { h: bandwidth });
  return (RULE_KEYS as readonly string[]).includes(bandwidth) ? t(`text.rule.${bandwidth}` as StringKey) : String(bandwidth);
}

/** How numeric factors were discretized, and how q was tested (the geodetector's sentence parameters). */
function geoParams(t: Translate, o: ReportOptions): Params {
  const d = o.discretization as string;
  return {
    method: (DISC_KEYS as readonly string[]).includes(d) ? t(`text.disc.${d}` as StringKey) : d,
    k: o.k,
    ks: `k = ${o.optimalK.length > 1 ? `${o.optimalK[0]}–${o.optimalK[o.optimalK.length - 1]}` : (o.optimalK[0] ?? "")}`,
    test: t(o.geoTest === "central" ? "text.test.central" : "text.test.noncentral"),
  };
}

/** The sentences of each section that ran, in one language. */
const SENTENCES: Record<string, (t: Translate, o: ReportOptions, f: ParagraphFacts) => string[]> = {
  weights: (t, o) => [
    t("text.weights", {
      scope: t(o.scope === "per-period" ? "text.scope.per-period" : "text.scope.global"),
      method: t(`text.weights.${o.weighting}` as StringKey),
    }),
    ...(o.shift ? [t("text.shift", { shift: o.shift })] : []),
  ],
  coupling: (t, o, { data: d }) => [
    t("text.ccd", {
      n: d.subsystems.length,
      form: t(`text.form.${o.coupling}` as StringKey),
      alpha: o.alpha.length ? t("text.alphaGiven", { alpha: o.alpha.join("/") }) : t("text.alphaEqual"),
      units: d.units,
      periods: d.periods.length,
      first: d.periods[0] ?? "",
      last: d.periods[d.periods.length - 1] ?? "",
      closure: t(o.closure === "right" ? "text.closure.right" : "text.closure.left"),
    }),
  ],
  density: (t, o, { data: d }) => [t(d.groups.length ? "text.kde" : "text.kdeNoGroups", { rule: ruleText(t, o.bandwidth) })],
  geodetector: (t, o, f) => {
    const periods = t.list(f.results.geodetector?.periods.map(String) ?? []);
    return [t(o.discretization === "optimal" ? "text.geoOptimal" : "text.geo", { periods, ...geoParams(t, o) })];
  },
  haken: (t, o, { data: d }) => {
    const [a, b] = o.hakenPair.map((i) => d.subsystems[i]?.name);
    return a !== undefined && b !== undefined ? [t("text.haken", { a, b })] : [];
  },
  spatial: (t, o, f) => {
    const s = f.results.spatial;
    const out = [
      t("text.spatial", {
        variable: o.spatialVariable.trim() || "D",
        transform: t(`text.transform.${o.weightsTransform}` as StringKey),
        weights: o.weights.trim() || s?.weights.source || "",
        variance: t(o.moranVariance === "normality" ? "text.moranVariance.normality" : "text.moranVariance.randomisation"),
      }),
    ];
    if (o.permutations > 0) out.push(t("text.spatialPermutations", { R: o.permutations, seed: o.seed }));
    return out;
  },
  dagum: (t) => [t("text.dagum")],
  convergence: (t) => [t("text.convergence")],
  markov: (t, o) => [t("text.markov", { classes: o.markovClasses })],
  spatialMarkov: (t) => [t("text.spatialMarkov")],
  obstacles: (t, o) => [t("text.obstacles", { top: o.obstacleTop })],
};

/** The methods paragraph in one language: one sentence per method that ran, from the options used. */
export function methodsParagraph(lang: Lang, o: ReportOptions, f: ParagraphFacts, registry: SectionRegistry): string {
  const t = translator(lang);
  const parts = registry.sections.filter((s) => f.ran.has(s.id) && SENTENCES[s.id]).flatMap((s) => SENTENCES[s.id](t, o, f));
  parts.push(t("text.software", { version: f.version ?? "" }));
  return parts.join(lang === "zh" ? "" : " ");
}

/** The methods paragraph of a geodetector-only run (cross-sectional data). */
export function geoOnlyParagraph(lang: Lang, o: ReportOptions, y: string, rows: number, version: string | null): string {
  const t = translator(lang);
  const sentence = t(o.discretization === "optimal" ? "text.geoOnlyOptimal" : "text.geoOnly", { y, rows, ...geoParams(t, o) });
  return [sentence, t("text.software", { version: version ?? "" })].join(lang === "zh" ? "" : " ");
}

/**
 * The roles as shown: the spatial weights are left out when they came from the `weights`
 * option (the command gives them) or were resolved from a file (a parsed matrix; the roles
 * file names the file).
 */
function shownRoles(roles: RolesFile, o: ReportOptions): RolesFile {
  const r = { ...(roles as unknown as Record<string, unknown>) };
  if (r.weights !== undefined && (typeof r.weights !== "string" || o.weights.trim() !== "")) delete r.weights;
  return r as unknown as RolesFile;
}

/** Everything the Reproduce sheet and the JSON `reproduce` say. */
export function buildReproduce(args: {
  registry: SectionRegistry;
  options: ReportOptions;
  input: ReproduceInput;
  roles: RolesFile;
  size: { rows: number; columns: number };
  version: string | null;
  date: string;
  ran: ReadonlySet<string>;
  seeds: Array<RandomSeed & { section: string }>;
  text: { en: string; zh: string };
}): Reproduce {
  const { input } = args;
  const origin = input.origin ?? "cli";
  const options = optionRecords(args.registry, args.options);
  const cmd = commandArgs(input, options);
  const t = translator(args.options.language);
  return {
    origin,
    version: args.version,
    date: args.date,
    input: {
      file: input.file ?? null,
      sha256: input.sha256 ?? null,
      hashOf: input.hashOf ?? "file",
      sheet: input.sheet ?? null,
      range: input.range ?? null,
      rows: args.size.rows,
      columns: args.size.columns,
    },
    roles: shownRoles(args.roles, args.options),
    rolesSource: origin !== "cli" ? "editor" : input.rolesFile !== undefined ? "file" : "guessed",
    options,
    command: [PROGRAM, ...cmd.map(shellQuote)].join(" "),
    args: cmd,
    seeds: args.seeds,
    methods: methodsUsed(args.registry, args.ran, args.options, t.lang),
    text: args.text,
    notes: input.weightsLoaded ? [t("repro.commandSpatialSelection")] : [],
  };
}

/** The Reproduce sheet (zh 复现): the facts, every option, the methods with references, the paragraph in both languages. */
export function reproduceSheet(r: Reproduce, registry: SectionRegistry, values: ReportOptions): ReportSheet {
  const lang: Lang = values.language === "zh" ? "zh" : "en";
  const t = translator(lang);
  const unknown = t("repro.unknown");
  const roles = r.args[r.args.indexOf("--roles") + 1] ?? "";
  const facts: ReportRow[] = [
    { item: t("repro.version"), value: r.version ?? unknown },
    { item: t("repro.date"), value: r.date },
    { item: t("repro.file"), value: r.input.file ?? unknown },
    { item: t(r.input.hashOf === "values" ? "repro.sha256Values" : "repro.sha256"), value: r.input.sha256 ?? unknown },
  ];
  if (r.input.sheet) facts.push({ item: t("repro.sheetName"), value: r.input.sheet });
  if (r.input.range) facts.push({ item: t("repro.range"), value: r.input.range });
  facts.push(
    { item: t("repro.size"), value: t("repro.sizeValue", { rows: r.input.rows, cols: r.input.columns }) },
    {
      item: t("repro.rolesSource"),
      value:
        r.rolesSource === "file"
          ? t("repro.rolesFrom", { file: roles })
          : r.rolesSource === "guessed"
            ? t("repro.rolesGuessed")
            : t("repro.rolesSave", { file: roles }),
    },
    { item: t("repro.roles"), value: JSON.stringify(r.roles) },
    { item: t("repro.command"), value: r.command },
    { item: "", value: r.origin === "cli" ? t("repro.commandCli") : t("repro.commandPage", { file: r.input.file ?? "data.csv", roles }) },
  );
  facts.push({
    item: t("repro.seeds"),
    value: r.seeds.length ? r.seeds.map((s) => t("repro.seedValue", { what: s.what, seed: s.seed, draws: s.draws })).join("; ") : t("repro.noSeeds"),
  });
  const factsTable = table([column("item", t("repro.item"), "text"), column("value", t("repro.value"), "text", { width: 90, wrap: true })], facts, {
    title: t("repro.factsTitle"),
  });
  const specs = new Map(registry.options().map((s) => [s.key, s]));
  const sectionTitle = (id: string) => registry.get(id)?.title[lang] ?? id;
  const shown = (key: string, text: string) => (text === "" ? (specs.get(key)?.blank ?? "") : text);
  const optionsTable = table(
    [
      column("section", t("repro.section"), "text"),
      column("option", t("repro.optionName"), "text"),
      column("label", t("repro.option"), "text"),
      column("value", t("repro.value"), "text"),
      column("default", t("repro.default"), "text"),
      column("isDefault", t("repro.isDefault"), "text"),
      column("meaning", t("repro.meaning"), "text", { width: 60, wrap: true }),
    ],
    r.options.map((o) => ({
      section: sectionTitle(o.section),
      option: o.option,
      label: specs.get(o.option)?.label[lang] || o.option,
      value: shown(o.option, o.value),
      default: shown(o.option, o.default),
      isDefault: o.isDefault ? t("repro.yes") : t("repro.no"),
      meaning: specs.get(o.option)?.help[lang] ?? "",
    })),
    { title: t("repro.optionsTitle") },
  );
  const methods = table(
    [column("method", t("repro.method"), "text"), column("reference", t("repro.reference"), "text", { width: 100, wrap: true })],
    r.methods.flatMap((m) =>
      m.references.length ? m.references.map((ref, i) => ({ method: i === 0 ? m.method : "", reference: ref })) : [{ method: m.method, reference: "" }],
    ),
    { title: t("repro.methodsTitle") },
  );
  const text = table(
    [column("lang", t("repro.language"), "text"), column("text", t("repro.paragraph"), "text", { width: 100, wrap: true })],
    [
      { lang: t("repro.textEn"), text: r.text.en },
      { lang: t("repro.textZh"), text: r.text.zh },
    ],
    { title: t("repro.textTitle") },
  );
  // two printed pages at most (the options table is long)
  return sheet(t("repro.sheet"), [factsTable, optionsTable, methods, text], [], { freeze: false, notes: r.notes, page: { fitToHeight: 2 } });
}
