/**
 * The figures of the sample report, read from the written workbook (issue 16): the kernel
 * density charts (smooth scatter on a numeric x axis fitted to D, at most five periods) and
 * their 3-D surface charts (period x D x density, every period, over the same range of D), the
 * mean D chart (y axis fitted to the means), the grade chart (horizontal bars with the grade
 * names as categories), the page setup of every sheet, and the language of the Density,
 * Coordination by group and Grades sheets (zh: no English outside the user's names; en: no
 * Chinese) with their headlines and warnings.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseCsv } from "../../src/report/csv";
import { layoutSheet, noteLines, pageSetupOf, textWidth } from "../../src/report/layout";
import type { Report, ReportSheet } from "../../src/report/model";
import { defaultOptions } from "../../src/report/options";
import { runReport, type PipelineResult } from "../../src/report/pipeline";
import type { Analysis } from "../../src/report/analysis";
import { chartPeriods, densitySheet, rowsWithin } from "../../src/report/sections/density";
import { groupHeadlines } from "../../src/report/sections/groupMeans";
import { tr } from "../../src/report/i18n";
import { writeReportXlsx } from "../../src/writer/xlsx";
import { englishWords, hasChinese } from "../languageCheck";

const ROOT = path.resolve(__dirname, "..", "..");
const CSV = fs.readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8");
const ROLES = JSON.parse(fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8"));

interface Written {
  result: PipelineResult;
  report: Report;
  wb: ExcelJS.Workbook;
  /** chart XML parts, in part order */
  charts: string[];
}

async function written(language: "en" | "zh"): Promise<Written> {
  const result = await runReport(parseCsv(CSV), JSON.stringify(ROLES), { ...defaultOptions(), language });
  const bytes = await writeReportXlsx(result.report);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const charts = await Promise.all(names.map((n) => zip.file(n)!.async("string")));
  return { result, report: result.report, wb, charts };
}

/** The rows of a formula `'Sheet'!$B$3:$B$514`: sheet, column letter, first and last row. */
function formulaRange(f: string): { sheet: string; col: string; first: number; last: number } {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$[A-Z]+\$(\d+))?$/.exec(f.replace(/&apos;/g, "'"));
  if (!m) throw new Error(`not a range formula: ${f}`);
  return { sheet: m[1].replace(/''/g, "'"), col: m[2], first: Number(m[3]), last: Number(m[4] ?? m[3]) };
}

function chartTitle(xml: string): string {
  return /<c:title><c:tx><c:rich>.*?<a:t>([^<]*)<\/a:t>/.exec(xml)![1];
}

/** Every text a reader sees on a report sheet: name, titles, headers, text cells, notes, chart and axis titles. */
function sheetTexts(s: ReportSheet): string[] {
  const out = [s.name, ...(s.notes ?? [])];
  for (const t of s.tables) {
    if (t.title) out.push(t.title);
    for (const c of t.columns) out.push(c.label);
    for (const r of t.rows) for (const v of Object.values(r)) if (typeof v === "string") out.push(v);
  }
  for (const c of s.charts) out.push(c.title, c.xAxisTitle ?? "", c.yAxisTitle ?? "", c.seriesAxisTitle ?? "");
  return out.filter((x) => x !== "");
}

/** The user's own names in the sample: units, groups, periods, columns, subsystems. */
function userNames(a: Analysis): string[] {
  return [
    ...new Set([...a.observations.map((x) => x.id), ...a.data.groups, ...a.data.periods, ...a.data.subsystems.flatMap((s) => [s.name, ...s.indicators])]),
  ];
}

let en: Written;
let zh: Written;
beforeAll(async () => {
  en = await written("en");
  zh = await written("zh");
}, 120000);

describe("kernel density charts in the written workbook", () => {
  test("line charts: smooth scatter, numeric x fitted to D with a margin, five periods, y in General", () => {
    const dens = en.charts.filter((x) => x.includes("<c:scatterChart>") && chartTitle(x).startsWith("Kernel density of D — "));
    expect(dens.map(chartTitle)).toEqual(["All", "East", "Central", "West"].map((g) => `Kernel density of D — ${g}`));
    const a = en.result.analysis as Analysis;
    for (const x of dens) {
      const group = chartTitle(x).split(" — ")[1];
      const D = a.observations.filter((o) => o.D !== null && (group === "All" || o.group === group)).map((o) => o.D as number);
      // both axes are value axes (a numeric x axis), the x one with the fitted bounds
      expect((x.match(/<c:valAx>/g) ?? []).length).toBe(2);
      expect(x).not.toContain("<c:catAx>");
      const xAxis =
        /<c:valAx><c:axId val="\d+"\/><c:scaling><c:orientation val="minMax"\/><c:max val="([\d.]+)"\/><c:min val="([\d.]+)"\/><\/c:scaling><c:delete val="0"\/><c:axPos val="b"\/>/.exec(
          x,
        )!;
      const [max, min] = [Number(xAxis[1]), Number(xAxis[2])];
      expect(min).toBeLessThan(Math.min(...D));
      expect(max).toBeGreaterThan(Math.max(...D));
      expect(Math.min(...D) - min).toBeLessThanOrEqual(0.25); // a margin, not 0..1
      expect(max - Math.max(...D)).toBeLessThanOrEqual(0.25);
      expect(max - min).toBeLessThan(0.7);
      expect(x).toMatch(/<c:xVal><c:numRef>/);
      expect(x.slice(xAxis.index)).toMatch(/^<c:valAx>.*?<c:numFmt formatCode="0\.00" sourceLinked="0"\/>.*?<\/c:valAx>/); // D labels 0.30, 0.35, ...
      // the y axis labels in General, unlinked from the cells' 4 decimals
      expect(x).toMatch(/<c:axPos val="l"\/>.*<c:numFmt formatCode="General" sourceLinked="0"\/>/);
      // five of the ten periods: first, middle, last and two between, each its own colour
      const names = [...x.matchAll(/<c:tx><c:strRef><c:f>[^<]*<\/c:f><c:strCache><c:ptCount val="1"\/><c:pt idx="0"><c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
      expect(names).toEqual(chartPeriods(10).map((k) => a.data.periods[k]));
      const colours = [...x.matchAll(/<a:ln w="22225" cap="rnd"><a:solidFill><a:srgbClr val="([0-9A-F]{6})"\/>/g)].map((m) => m[1]);
      expect(new Set(colours).size).toBe(5);
      expect(x).toContain('<c:legend><c:legendPos val="b"/>');
    }
  });

  test("3-D surface charts: period x D x density, every period, over the line chart's range of D", () => {
    const surfaces = en.charts.filter((x) => x.includes("<c:surface3DChart>"));
    expect(surfaces.map(chartTitle)).toEqual(["All", "East", "Central", "West"].map((g) => `Kernel density of D by period (3-D) — ${g}`));
    const lines = en.charts.filter((x) => x.includes("<c:scatterChart>") && chartTitle(x).startsWith("Kernel density of D — "));
    const ws = en.wb.getWorksheet("Density")!;
    surfaces.forEach((x, i) => {
      expect(x).toContain("<c:view3D>");
      expect(x).toMatch(/<c:catAx>.*<c:valAx>.*<c:serAx>/);
      expect((x.match(/<c:ser>/g) ?? []).length).toBe(10); // every period
      // the series axis is titled Period; the category labels about ten, at 2 decimals
      expect(x).toMatch(/<c:serAx>.*<a:t>Period<\/a:t>/);
      expect(x).toMatch(/<c:tickLblSkip val="\d+"\/>/);
      // the categories: the D grid rows within the line chart's x bounds
      const line = lines[i];
      const bounds = /<c:max val="([\d.]+)"\/><c:min val="([\d.]+)"\/>/.exec(line)!;
      const cat = formulaRange(/<c:cat><c:numRef><c:f>([^<]*)<\/c:f>/.exec(x)![1]);
      expect(cat.sheet).toBe("Density");
      const xs: number[] = [];
      for (let r = cat.first; r <= cat.last; r++) xs.push(Number(ws.getCell(`${cat.col}${r}`).value));
      expect(xs[0]).toBeCloseTo(Number(bounds[2]), 12);
      expect(xs[xs.length - 1]).toBeCloseTo(Number(bounds[1]), 12);
      // each series reads the same rows of its period's column, named by the period's header cell
      for (const m of x.matchAll(/<c:val><c:numRef><c:f>([^<]*)<\/c:f>/g)) {
        const v = formulaRange(m[1]);
        expect([v.first, v.last]).toEqual([cat.first, cat.last]);
      }
    });
  });

  test("rowsWithin picks the grid rows inside a range", () => {
    const grid = Array.from({ length: 101 }, (_, i) => i / 100);
    expect(rowsWithin(grid, { min: 0.3, max: 0.8 })).toEqual({ first: 30, last: 80 });
    expect(rowsWithin(grid, { min: 0, max: 1 })).toEqual({ first: 0, last: 100 });
  });

  test("option densityCurves all: every period in the line charts too", () => {
    const a = en.result.analysis as Analysis;
    const s = densitySheet(a.density, a.observations, "all");
    const line = s.charts.filter((c) => c.type === "scatter");
    for (const c of line) expect(c.series.length).toBe(10);
  });
});

describe("the mean D and grade charts", () => {
  test("mean D by group: y axis fitted to the means (not 0..1)", () => {
    const x = en.charts.find((c) => chartTitle(c) === "Mean coupling coordination degree by group")!;
    expect(x).toContain("<c:lineChart>");
    const m = /<c:valAx><c:axId val="\d+"\/><c:scaling><c:orientation val="minMax"\/><c:max val="([\d.]+)"\/><c:min val="([\d.]+)"\/>/.exec(x)!;
    const means = (en.result.analysis as Analysis).groupMeans.map((g) => g.D);
    expect(Number(m[2])).toBeLessThanOrEqual(Math.min(...means));
    expect(Number(m[2])).toBeGreaterThan(0);
    expect(Number(m[1])).toBeGreaterThanOrEqual(Math.max(...means));
    expect(Number(m[1])).toBeLessThan(1);
    // labels on the 0.05 grid without the cells' third decimal
    expect(x).toMatch(/<c:axPos val="l"\/><c:majorGridlines\/>.*?<c:numFmt formatCode="0\.00" sourceLinked="0"\/>/);
  });

  test("grades: horizontal bars with the ten grade names as categories, in both languages", () => {
    for (const [w, title, names] of [
      [en, "Units per grade — All", ["Extreme disorder", "Quality coordination"]],
      [zh, "全国各协调等级的单元数", ["极度失调", "优质协调"]],
    ] as const) {
      const x = w.charts.find((c) => chartTitle(c) === title)!;
      expect(x).toContain('<c:barDir val="bar"/>');
      const cats = /<c:cat><c:strRef><c:f>[^<]*<\/c:f><c:strCache><c:ptCount val="(\d+)"\/>(.*?)<\/c:strCache>/.exec(x)!;
      expect(Number(cats[1])).toBe(10);
      const labels = [...cats[2].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
      expect([labels[0], labels[9]]).toEqual(names);
      // the category axis at the left, the counts along the bottom from 0
      expect(x).toMatch(/<c:catAx><c:axId val="\d+"\/><c:scaling><c:orientation val="minMax"\/><\/c:scaling><c:delete val="0"\/><c:axPos val="l"\/>/);
      expect(x).toMatch(
        /<c:valAx><c:axId val="\d+"\/><c:scaling><c:orientation val="minMax"\/><c:min val="0"\/><\/c:scaling><c:delete val="0"\/><c:axPos val="b"\/>/,
      );
    }
  });
});

describe("page setup of every sheet in the written workbook", () => {
  test("orientation, one page wide, print titles and a header title as the layout says, en and zh", () => {
    for (const w of [en, zh]) {
      const layouts = w.report.sheets.map(layoutSheet);
      w.report.sheets.forEach((s, i) => {
        const ws = w.wb.worksheets[i];
        const want = pageSetupOf(layouts[i]);
        expect({
          sheet: ws.name,
          o: ws.pageSetup.orientation,
          fit: ws.pageSetup.fitToPage,
          wide: ws.pageSetup.fitToWidth,
          tall: ws.pageSetup.fitToHeight,
        }).toEqual({
          sheet: ws.name,
          o: want.orientation,
          fit: true,
          wide: 1,
          tall: want.fitToHeight,
        });
        expect(ws.pageSetup.printTitlesRow ?? null).toBe(want.printTitleRows ? `${want.printTitleRows.first}:${want.printTitleRows.last}` : null);
        expect(ws.headerFooter.oddHeader).toBe(`&C&B${want.header.replace(/&/g, "&&")}`);
        expect(want.header).not.toBe("");
      });
      // the notes sheet too
      const notes = w.wb.worksheets[w.wb.worksheets.length - 1];
      expect([notes.pageSetup.orientation, notes.pageSetup.fitToWidth]).toEqual(["landscape", 1]);
    }
    // the density sheet (tables and charts side by side) prints landscape; the grades on one page
    expect(en.wb.getWorksheet("Density")!.pageSetup.orientation).toBe("landscape");
    expect(en.wb.getWorksheet("Grades")!.pageSetup.fitToHeight).toBe(1);
    expect(zh.wb.getWorksheet("协调等级分布")!.pageSetup.fitToHeight).toBe(1);
  });
});

describe("sheet notes wrapped to the tables' width (a long note does not widen the printed page)", () => {
  test("en at spaces, zh between characters; nothing lost but the spaces at the breaks; each line within the width", () => {
    const en1 = "Lower triangle: q of the interaction; diagonal: q of the factor. ".repeat(4).trim();
    const zh1 = "下三角为交互作用的 q 值，对角线为单因子 q 值。完整列表见地理探测器表。".repeat(5);
    const s: ReportSheet = { name: "S", tables: [], charts: [], notes: [en1, zh1] };
    const lines = noteLines(s);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(60);
    const enLines = lines.filter((l) => /^[ -~]+$/.test(l));
    expect(enLines.join(" ")).toBe(en1);
    expect(lines.slice(enLines.length).join("").replace(/ /g, "")).toBe(zh1.replace(/ /g, "")); // a break at a space drops the space
    expect(enLines.length).toBe(Math.ceil(textWidth(en1) / 60));
    // the written T6 sheet: every note line within the width of its tables
    const t6 = en.report.sheets.find((x) => x.name === "T6 Interaction detector")!;
    const widths = layoutSheet(t6).noteLines.map(textWidth);
    expect(widths.length).toBeGreaterThan(1);
    const ws = en.wb.getWorksheet("T6 Interaction detector")!;
    const first = layoutSheet(t6).notesRow;
    expect(ws.getCell(first, 1).value).toBe(layoutSheet(t6).noteLines[0]);
  });
});

describe("number formats of the written workbook", () => {
  test("3 decimals for D, U and q, 4 for weights, integers for counts; the cells keep full precision", () => {
    const want = (label: string): string | undefined => {
      if (/^(D|C|T|U .+|q|q\(A\)|q\(B\)|q\(A∩B\)|q .+|Mean D)$/.test(label)) return "0.000";
      if (/^(Weight|Entropy weight|CRITIC weight)$/.test(label)) return "0.0000";
      if (/^(n|N|No\.|Grade no\.|Classes)$/.test(label)) return "0";
      return undefined;
    };
    let checked = 0;
    const a = en.result.analysis as Analysis;
    en.report.sheets.forEach((s, i) => {
      const ws = en.wb.worksheets[i];
      const layout = layoutSheet(s);
      layout.tables.forEach((p) =>
        p.table.columns.forEach((c, j) => {
          const f = want(c.label);
          if (f === undefined || p.table.rows.length === 0) return;
          const cell = ws.getCell(p.firstRow, j + 1);
          expect({ sheet: s.name, column: c.label, format: cell.numFmt }).toEqual({ sheet: s.name, column: c.label, format: f });
          checked++;
        }),
      );
    });
    expect(checked).toBeGreaterThan(30);
    // the Scores sheet shows D to 3 decimals and holds it in full
    const scores = en.wb.getWorksheet("Scores")!;
    const header = (scores.getRow(1).values as unknown[]).slice(1);
    const d = scores.getRow(2).getCell(header.indexOf("D") + 1);
    expect(d.numFmt).toBe("0.000");
    expect(d.value).toBe(a.observations[0].D);
    expect(String(d.value).length).toBeGreaterThan(8);
  });
});

describe("language of the figures' sheets", () => {
  const SHEETS = ["density.sheet", "byGroup.sheet", "grades.sheet"] as const;

  test("zh: sheet names, titles, headers, cells, notes, chart and axis titles are Chinese outside the user's names", () => {
    const names = userNames(zh.result.analysis as Analysis);
    for (const key of SHEETS) {
      const s = zh.report.sheets.find((x) => x.name === tr("zh", key));
      expect(s).toBeDefined();
      const texts = sheetTexts(s!);
      expect(texts.length).toBeGreaterThan(5);
      expect(texts.filter((t) => englishWords(t, names).length > 0)).toEqual([]);
      expect(hasChinese(s!.name)).toBe(true);
    }
    // chart titles in the written file as well
    for (const x of zh.charts.filter((c) => /<c:(scatterChart|surface3DChart|barChart|lineChart)>/.test(c))) {
      const titles = [...x.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]);
      if (!titles.some((t) => /核密度|协调/.test(t))) continue;
      expect(titles.filter((t) => englishWords(t, names).length > 0)).toEqual([]);
    }
  });

  test("en: no Chinese on those sheets", () => {
    const names = userNames(en.result.analysis as Analysis);
    for (const key of SHEETS) {
      const s = en.report.sheets.find((x) => x.name === tr("en", key))!;
      expect(sheetTexts(s).filter((t) => hasChinese(t, names))).toEqual([]);
    }
  });

  test("headlines on D in the report's language", () => {
    for (const [w, lang] of [
      [en, "en"],
      [zh, "zh"],
    ] as const) {
      const a = w.result.analysis as Analysis;
      const lines = groupHeadlines({
        data: a.data,
        observations: a.observations,
        groupMeans: a.groupMeans,
        allLabel: lang === "zh" ? "全国" : "All",
        language: lang,
      });
      expect(lines.length).toBe(3);
      const names = userNames(a);
      if (lang === "zh") expect(lines.filter((l) => englishWords(l, names).length > 0)).toEqual([]);
      else expect(lines.filter((l) => hasChinese(l, names))).toEqual([]);
      expect(w.result.headlines.slice(0, 3)).toEqual(lines);
    }
    expect(zh.result.headlines[0]).toMatch(/^耦合协调度 D 的均值由 0\.507（2011）上升至 0\.624（2020）。$/);
  });

  test("the density warning and the pooled-group warning are Chinese in a zh report", async () => {
    // a group with a single unit has no density curve; a group named 全国 renames the pooled group
    const rows = CSV.trim().split(/\r?\n/);
    const header = rows[0].split(",");
    const gi = header.indexOf(ROLES.group);
    const ui = header.indexOf(ROLES.id);
    expect(gi).toBeGreaterThanOrEqual(0);
    const first = rows[1].split(",")[ui];
    const changed = [
      rows[0],
      ...rows.slice(1).map((line) => {
        const c = line.split(",");
        if (c[ui] === first) c[gi] = "Solo";
        else if (c[gi] === "West") c[gi] = "全国";
        return c.join(",");
      }),
    ].join("\n");
    const r = await runReport(parseCsv(changed), JSON.stringify(ROLES), { ...defaultOptions(), language: "zh" });
    const w = r.report.warnings.filter((x) => /核密度|全部单元/.test(x));
    expect(w.some((x) => /^核密度：Solo（2011）的 D 不同取值少于两个，未估计密度曲线。$/.test(x))).toBe(true);
    expect(w.some((x) => x.includes("有一个分组名为“全国”"))).toBe(true);
    const names = [...userNames(r.analysis as Analysis), "Solo"];
    expect(w.filter((x) => englishWords(x, names).length > 0)).toEqual([]);
  }, 120000);
});
