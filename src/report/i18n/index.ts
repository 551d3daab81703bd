/**
 * The catalogue of the report's strings, in English and Chinese: sheet names, table titles and
 * headers, notes, headline findings, warnings, chart and axis titles, the Summary, the Reproduce
 * sheet, the command line's terminal summary and the data errors shown by the pane and the CLI.
 * `--language zh` (the option `language`) switches all of it.
 *
 * Rules:
 * - Every entry is a whole phrase in both languages, with {placeholders} for what varies
 *   (numbers, the user's column, unit and group names). Never glue phrases of two languages
 *   or a translated word onto a user's name ("Ecological environment滞后"): write a phrase
 *   that holds the name as a parameter, e.g. `"relType.lags": { en: "{name} lags", zh: "{name}滞后型" }`.
 * - Codes (JSON keys, option values, section ids) stay English and are not in here.
 * - A test (tests/report/i18n.test.ts) checks that every key has both languages with the same
 *   placeholders, and that a zh report of the sample panel has no English words outside the
 *   user's names.
 *
 * Adding the strings of a new section (e.g. spatial):
 * 1. create `src/report/i18n/spatial.ts`:
 *        import type { Catalogue } from "./types";
 *        export const SPATIAL_STRINGS = {
 *          "spatial.sheet": { en: "Spatial autocorrelation", zh: "空间自相关" },
 *          "spatial.moranTitle": { en: "Global Moran's I of D, {period}", zh: "{period}年 D 的全局 Moran's I" },
 *        } satisfies Catalogue;
 *    (prefix every key with the section id);
 * 2. spread it into `CATALOGUE` below: `...SPATIAL_STRINGS,`;
 * 3. in the section: `const t = translator(ctx.options.language);` then `t("spatial.sheet")`,
 *    `t("spatial.moranTitle", { period })`; warnings with `warn(ctx.warnings, "spatial.islands",
 *    t("spatial.islands", { n }))` (the first argument is the warning's kind, which groups it on
 *    the Summary).
 * Keys are typed: a misspelt key or a missing language is a compile error.
 */
import { CORE_STRINGS } from "./core";
import { PAPER_STRINGS } from "../paperStrings";
import { SECTION_STRINGS } from "./sections";
import { GEO_STRINGS } from "./geo";
import { HAKEN_STRINGS } from "./haken";
import { REPRODUCE_STRINGS } from "./reproduce";
import { FIGURES_STRINGS } from "./figures";
import { INEQUALITY_STRINGS } from "./inequality";
import { SPATIAL_STRINGS } from "./spatial";
import type { Catalogue, Lang } from "./types";

export type { Catalogue, Lang, Phrase } from "./types";

export const CATALOGUE = {
  ...CORE_STRINGS,
  ...PAPER_STRINGS,
  ...SECTION_STRINGS,
  ...GEO_STRINGS,
  ...HAKEN_STRINGS,
  ...REPRODUCE_STRINGS,
  ...FIGURES_STRINGS,
  ...INEQUALITY_STRINGS,
  ...SPATIAL_STRINGS,
} satisfies Catalogue;

export type StringKey = keyof typeof CATALOGUE;
export type Params = Record<string, string | number>;

/**
 * A phrase of the catalogue in a language with its {placeholders} filled in.
 *
 * @example
 * tr("zh", "common.all"); // => "全国"
 */
export function tr(lang: Lang, key: StringKey, params: Params = {}): string {
  const entry = (CATALOGUE as Catalogue)[key];
  const text = entry ? entry[lang === "zh" ? "zh" : "en"] : key;
  return fill(text, params);
}

/** `text` with {name} replaced by params.name (unknown placeholders kept). */
export function fill(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A translator bound to a language: `t(key, params)`, with `t.lang` and `t.list(items)`. */
export interface Translate {
  (key: StringKey, params?: Params): string;
  lang: Lang;
  /** Items joined as a list: "a, b, c" / "a、b、c". */
  list(items: readonly string[]): string;
  /** The same key in the other language (for bilingual cells). */
  both(key: StringKey, params?: Params): { en: string; zh: string };
}

/**
 * The translator of a language (anything but "zh" is English).
 *
 * @example
 * translator("zh")("common.meanValue"); // => "均值"
 */
export function translator(lang: string | undefined): Translate {
  const l: Lang = lang === "zh" ? "zh" : "en";
  const t = ((key: StringKey, params?: Params) => tr(l, key, params)) as Translate;
  t.lang = l;
  t.list = (items) => items.join(l === "zh" ? "、" : ", ");
  t.both = (key, params) => ({ en: tr("en", key, params), zh: tr("zh", key, params) });
  return t;
}

/** Whether a catalogue holds a key (for keys built at run time, e.g. from an engine code). */
export function hasKey(key: string): key is StringKey {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, key);
}
