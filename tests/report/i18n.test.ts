/** The string catalogue: every key in both languages with the same placeholders; the translator. */
import { CATALOGUE, fill, translator } from "../../src/report/i18n";
import { englishWords, hasChinese } from "../languageCheck";

describe("string catalogue", () => {
  const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has every key in both languages, non-empty, with the same placeholders", () => {
    const bad: string[] = [];
    for (const [key, p] of Object.entries(CATALOGUE)) {
      if (typeof p.en !== "string" || typeof p.zh !== "string" || !p.en.trim() || !p.zh.trim()) bad.push(`${key}: empty`);
      else if (ph(p.en).join() !== ph(p.zh).join()) bad.push(`${key}: {${ph(p.en)}} vs {${ph(p.zh)}}`);
    }
    expect(bad).toEqual([]);
  });

  it("has no English words in zh (outside placeholders, codes and symbols) and no Chinese in en", () => {
    const bad: string[] = [];
    for (const [key, p] of Object.entries(CATALOGUE)) {
      if (hasChinese(p.en)) bad.push(`${key}: Chinese in en`);
      const words = englishWords(p.zh.replace(/\{\w+\}/g, " "), [
        "coordlab",
        "--sections",
        "--skip",
        "--print-roles",
        "--roles",
        "roles.json",
        "--drop-incomplete",
        "--missing",
      ]);
      if (words.length) bad.push(`${key}: ${words.join(" ")}`);
    }
    expect(bad).toEqual([]);
  });

  it("fills placeholders and joins lists by language", () => {
    const zh = translator("zh");
    expect(zh("common.all")).toBe("全国");
    expect(translator("en")("common.all")).toBe("All");
    expect(zh.list(["东部", "中部"])).toBe("东部、中部");
    expect(translator("en").list(["East", "Central"])).toBe("East, Central");
    expect(zh("summary.periodsValue", { n: 10, first: 2011, last: 2020 })).toBe("10（2011–2020）");
    expect(fill("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("finds English words in a zh text outside the user's names", () => {
    expect(englishWords("Ecological environment滞后", [])).toEqual(["Ecological", "environment"]);
    expect(englishWords("Ecological environment滞后型", ["Ecological environment"])).toEqual([]);
    expect(englishWords("全局 Moran's I，z = 2.1")).toEqual([]);
  });
});
