/**
 * The language of the regional-differences-and-dynamics sheets (Regional differences,
 * Transitions with the spatial Markov chain, Obstacles) and of their headlines: the sample
 * report with `--language zh` (and `--weights china-provinces`, so that the spatial Markov blocks
 * are there) has no English words outside the user's names (units, groups, subsystems,
 * indicators, the weights' source) and the symbols a Chinese paper keeps (tests/languageCheck.ts);
 * the en report has no Chinese there.
 */
import * as fs from "fs";
import * as path from "path";
import { analysisToJson, runReport } from "../../../src/report/pipeline";
import { defaultOptions, parseOptions } from "../../../src/report/options";
import { parseCsv } from "../../../src/report/csv";
import { convergenceSection, dagumSection } from "../../../src/report/sections/differences";
import { markovSection, spatialMarkovSection } from "../../../src/report/sections/transitions";
import { obstaclesSection } from "../../../src/report/sections/obstacles";
import type { AnySection, ReportContext } from "../../../src/report/sections/types";
import type { ReportSheet } from "../../../src/report/model";
import { englishWords, hasChinese } from "../../languageCheck";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SHEETS = { en: ["Regional differences", "Transitions", "Obstacles"], zh: ["区域差异", "状态转移", "障碍度"] };
const SECTIONS_OF_SHEETS: AnySection[] = [dagumSection, convergenceSection, markovSection, spatialMarkovSection, obstaclesSection] as AnySection[];

type Json = any;

async function sampleReport(language: "en" | "zh") {
  const cells = parseCsv(fs.readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8"));
  const rolesText = fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8");
  const options = parseOptions({ language, weights: "china-provinces", permutations: "0" }, defaultOptions());
  const result = await runReport(cells, rolesText, options);
  const json: Json = JSON.parse(analysisToJson(result));
  const roles = JSON.parse(rolesText);
  const names: string[] = [
    ...json.data.periods,
    ...json.data.groups,
    ...new Set(json.observations.map((o: Json) => o.id as string)),
    ...Object.keys(roles.subsystems),
    ...Object.values<Array<{ column: string }>>(roles.subsystems).flatMap((l) => l.map((c) => c.column)),
    json.spatialMarkov.weights.source,
  ];
  // the sections' headlines, from their results (the JSON holds them as they are)
  const ctx = { options } as ReportContext;
  const headlines = SECTIONS_OF_SHEETS.flatMap((s) => s.headlines?.((result.analysis as Json)[s.jsonKey], ctx) ?? []);
  return { result, names, headlines };
}

/** Every text of a sheet a reader sees: name, titles, headers, text cells, notes, chart and axis titles. */
function sheetTexts(s: ReportSheet): string[] {
  return [
    s.name,
    ...(s.notes ?? []),
    ...s.tables.flatMap((t) => [
      t.title ?? "",
      ...t.columns.map((c) => c.label),
      ...t.rows.flatMap((r) => Object.values(r).filter((v) => typeof v === "string")),
    ]),
    ...s.charts.flatMap((c) => [c.title, c.xAxisTitle ?? "", c.yAxisTitle ?? ""]),
  ] as string[];
}

describe("the inequality sheets in Chinese and English", () => {
  test("zh: no English words outside the user's names and the kept symbols; the sheets are there", async () => {
    const { result, names, headlines } = await sampleReport("zh");
    const sheets = result.report.sheets.filter((s) => SHEETS.zh.includes(s.name));
    expect(sheets.map((s) => s.name)).toEqual(SHEETS.zh);
    expect(sheets[1].tables).toHaveLength(6); // the Markov chain's four tables and the spatial Markov chain's two
    expect(headlines).toHaveLength(5);
    const texts = [...sheets.flatMap(sheetTexts), ...headlines];
    expect(texts.length).toBeGreaterThan(300);
    expect(headlines.every((h) => hasChinese(h, names))).toBe(true);
    const bad = texts.map((x) => [x, englishWords(x, names)] as const).filter(([, w]) => w.length > 0);
    expect(bad).toEqual([]);
  });

  test("en: no Chinese in the same sheets and headlines", async () => {
    const { result, names, headlines } = await sampleReport("en");
    const sheets = result.report.sheets.filter((s) => SHEETS.en.includes(s.name));
    expect(sheets.map((s) => s.name)).toEqual(SHEETS.en);
    expect(headlines).toHaveLength(5);
    const bad = [...sheets.flatMap(sheetTexts), ...headlines].filter((x) => hasChinese(x, names));
    expect(bad).toEqual([]);
  });
});
