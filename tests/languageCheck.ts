/**
 * Checks of a report's language, shared by the tests of every section: the English words left
 * in a zh text (outside the user's own names and the symbols a Chinese paper keeps) and the
 * Chinese left in an en text.
 */
import { optionSpecs } from "../src/report/options";
import { SECTIONS } from "../src/report/sections";

/** Symbols, method and program names that stay as they are in a Chinese paper. */
export const ALLOWED_IN_ZH = new Set([
  ..."D C T U q p F t df SE R² h k n N V e d R A B Y X z I E CV SD".split(" "),
  ..."CoordLab JSON CRITIC Welch Silverman Scott scipy nrd nrd0 Fan max min OPGD SHA xlsx csv ddof ExcelApi".split(" "),
  ..."geodetector GD gdverse Moran Moran's Geary Geary's Gi LISA HH LL HL LH Getis Ord Dagum Gini Markov Haken spdep PySAL giddy GeoDa".split(" "),
  ..."Q LR ln".split(" "),
  // the GeoDetector software; H0 (a null hypothesis) and L (the number of strata) as symbols
  ..."GeoDetector H L".split(" "),
  ..."CSV UTF LF SciPy Jenks".split(" "), // file formats and method names (the Reproduce sheet)
  // subscripts of Dagum's symbols as Chinese papers print them: G_w, G_nb, G_t, G_jj, G_jh, D_jh
  ..."G w nb jj jh".split(" "),
  // spatial weights: S0–S2 and Var[I] as symbols, queen contiguity and the Natural Earth data as named
  ..."S Var Queen Natural Earth".split(" "),
]);

// codes stay English: option names and their values as typed on the command line
for (const spec of optionSpecs()) {
  ALLOWED_IN_ZH.add(spec.key);
  for (const v of [...(spec.choices ?? []), ...spec.values.split(/[|,]/)]) for (const w of v.match(/[A-Za-z][A-Za-z'’]*/g) ?? []) ALLOWED_IN_ZH.add(w);
}

// section ids stay English: the values of --sections and --skip
for (const s of SECTIONS.sections) ALLOWED_IN_ZH.add(s.id);

/** `text` with every user name (longest first) replaced by a space. */
export function stripNames(text: string, names: readonly string[]): string {
  let s = text;
  for (const n of [...names].filter((x) => x !== "").sort((a, b) => b.length - a.length)) s = s.split(n).join(" ");
  return s;
}

/** The English words of a zh text that are neither user names nor allowed symbols ([] when none). */
export function englishWords(text: string, names: readonly string[] = [], allowed: ReadonlySet<string> = ALLOWED_IN_ZH): string[] {
  const rest = stripNames(text, names)
    .replace(/\bM\d+\b/g, " ")
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, " ");
  return (rest.match(/[A-Za-z][A-Za-z'’]*/g) ?? []).filter((w) => !allowed.has(w));
}

/** Whether an en text holds Chinese outside the user's names. */
export function hasChinese(text: string, names: readonly string[] = []): boolean {
  return /[\u3400-\u9fff]/.test(stripNames(text, names));
}
