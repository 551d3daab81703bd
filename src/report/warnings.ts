/**
 * Warnings with a kind. The warnings of a run stay a plain `string[]` (the texts, in the
 * report's language, as the JSON `warnings` and every `warnings.push(...)` in the sections
 * have them); `warn(list, kind, text)` also records the kind of that entry, so that the
 * Summary can group them (one line per kind with a count and an example) and the JSON can give
 * `warningCodes` beside `warnings`. A text pushed without a kind has the kind "other".
 */

const KINDS = new WeakMap<string[], Map<number, string>>();

/**
 * Append a warning of a kind (e.g. "geo.kLowered", "density.fewValues") to a list.
 *
 * @example
 * const w: string[] = []; warn(w, "haken.gaps", "Haken: 3 pairs ..."); warningCodes(w); // => ["haken.gaps"]
 */
export function warn(list: string[], kind: string, text: string): void {
  let kinds = KINDS.get(list);
  if (!kinds) KINDS.set(list, (kinds = new Map()));
  kinds.set(list.length, kind);
  list.push(text);
}

/** Append a warning of a kind unless the same text is already in the list. */
export function warnOnce(list: string[], kind: string, text: string): void {
  if (!list.includes(text)) warn(list, kind, text);
}

/** The kind of every warning of a list, in order ("other" where none was given). */
export function warningCodes(list: string[]): string[] {
  const kinds = KINDS.get(list);
  return list.map((_, i) => kinds?.get(i) ?? "other");
}

/** A copy of a list with its kinds. */
export function copyWarnings(list: string[]): string[] {
  const out: string[] = [];
  const codes = warningCodes(list);
  list.forEach((w, i) => warn(out, codes[i], w));
  return out;
}

/** One line of the grouped warnings: a kind, how many, the first as an example. */
export interface WarningGroup {
  code: string;
  count: number;
  example: string;
}

/**
 * The warnings grouped by kind, in order of first appearance; warnings of kind "other" are
 * grouped by their text (each its own line).
 */
export function groupWarnings(list: string[]): WarningGroup[] {
  const codes = warningCodes(list);
  const groups = new Map<string, WarningGroup>();
  list.forEach((w, i) => {
    const key = codes[i] === "other" ? `other\u0000${w}` : codes[i];
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { code: codes[i], count: 1, example: w });
  });
  return [...groups.values()];
}
