/** The pane's own strings (src/taskpane/ui/i18n.ts): both languages, same placeholders, no English words in zh, no Chinese in en. */
import { STRINGS } from "../../src/taskpane/ui/i18n";
import { englishWords, hasChinese } from "../languageCheck";

const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
// names of things that stay as they are in Chinese text: APIs, file kinds, option values, flags
const KEEP = ["Excel", "Office", "Office.js", "ExcelApi", "CoordLab", "CSV", "XLSX", "JSON", "id", "y", "Shift", "Ctrl", "COORD", "GeoDa", "gal", "gwt"];
const KEEP_CODES = ["from", "to", "weight", "china-provinces", "knn:6", "lon,lat"];

test("every pane string in both languages with the same placeholders; zh without English words", () => {
  const bad: string[] = [];
  for (const [key, en] of Object.entries(STRINGS.en)) {
    const zh = (STRINGS.zh as Record<string, string>)[key];
    if (!en.trim() || !zh || !zh.trim()) bad.push(`${key}: empty`);
    else if (ph(en).join() !== ph(zh).join()) bad.push(`${key}: {${ph(en)}} vs {${ph(zh)}}`);
    if (hasChinese(en)) bad.push(`${key}: Chinese in en`);
    const words = englishWords(zh.replace(/\{\w+\}/g, " "), [...KEEP_CODES, ...KEEP]);
    if (words.length) bad.push(`${key}: ${words.join(" ")}`);
  }
  expect(bad).toEqual([]);
});
