/**
 * The report's language (issue 16), read from the written workbook of the sample panel with the
 * China weights (so that every section runs, the spatial ones too): every cell of every sheet has
 * no English words outside the user's names in a zh report and no Chinese in an en report (the
 * grade standard, T1, shows the grade names in both languages by design: only its headers and
 * titles are checked); wrapped notes are read back as the whole note they were; the sheet names
 * are Chinese; the command line's terminal summary and progress lines are Chinese; data errors
 * are rendered in Chinese with their exact message; warnings are grouped by kind on the Summary
 * with counts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { CoordError } from "../../src/engine/errors";
import { buildReport } from "../../src/report/sheets";
import { parseCsv } from "../../src/report/csv";
import { errorMessage } from "../../src/report/errorText";
import { defaultOptions } from "../../src/report/options";
import { buildPanel } from "../../src/report/panel";
import { parseRoles } from "../../src/report/roles";
import { runReport } from "../../src/report/pipeline";
import { runSections, PanelRun } from "../../src/report/analysis";
import { SECTIONS } from "../../src/report/sections";
import { sheetName, SHEET, SheetId } from "../../src/report/sheetNames";
import type { ReportOptions } from "../../src/report/sections/types";
import { tr, translator } from "../../src/report/i18n";
import { groupWarnings } from "../../src/report/warnings";
import { writeReportXlsx } from "../../src/writer/xlsx";
import { englishWords, hasChinese } from "../languageCheck";

const ROOT = path.resolve(__dirname, "..", "..");
const CSV_FILE = path.join(ROOT, "samples", "sample-panel.csv");
const ROLES_FILE = path.join(ROOT, "samples", "sample-panel.roles.json");
const CSV = fs.readFileSync(CSV_FILE, "utf8");
const ROLES = JSON.parse(fs.readFileSync(ROLES_FILE, "utf8"));
const BIN = path.join(ROOT, "bin", "coordlab.js");

/** The user's own names: headers, the units in their brackets, subsystems, units and groups, the input file. */
function userNames(): string[] {
  const cells = parseCsv(CSV);
  const header = cells[0].map(String);
  const units = header.flatMap((h) => [...h.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]));
  const id = header.indexOf(ROLES.id);
  const group = header.indexOf(ROLES.group);
  const values = new Set(cells.slice(1).flatMap((r) => [String(r[id]), String(r[group])]));
  // the China preset's names are the user's units matched in English; its file name is a name too
  return [...header, ...units, ...Object.keys(ROLES.subsystems), ...values, "sample-panel.csv", "china-provinces"];
}
const NAMES = userNames();

async function sampleRun(options: Partial<ReportOptions>): Promise<PanelRun> {
  const cells = parseCsv(CSV);
  const roles = parseRoles(JSON.stringify({ ...ROLES, weights: "china-provinces" }), cells[0]);
  const o = { ...defaultOptions(), ...options } as ReportOptions;
  return runSections(buildPanel(cells, roles, { missing: "error" }), o, { inputs: (roles as { inputs?: Record<string, unknown> }).inputs });
}

/**
 * Every text of a worksheet with its address: one cell each, except the runs of wrapped note
 * lines (rows whose only cell is a text in column A, one after another), read back as one text
 * joined by spaces at the address of the run's first line, so that a name broken across two
 * lines is still the user's name.
 */
function textCells(ws: ExcelJS.Worksheet): Array<{ at: string; text: string }> {
  const out: Array<{ at: string; text: string }> = [];
  let run: { at: string; text: string; row: number } | null = null;
  ws.eachRow((row, r) => {
    const cells: ExcelJS.Cell[] = [];
    row.eachCell((c) => cells.push(c));
    const only = cells.length === 1 && Number(cells[0].col) === 1 && typeof cells[0].value === "string" ? (cells[0].value as string) : null;
    // a wrapped line continues a note that stopped mid-sentence (a whole headline or note ends with its full stop)
    if (only !== null && run && run.row === r - 1 && !isSectionTitle(ws, r - 1) && !/[。.！？!?]$/.test(run.text)) {
      run.text += ` ${only}`;
      run.row = r;
      return;
    }
    if (run) out.push({ at: run.at, text: run.text });
    run = null;
    if (only !== null) run = { at: `${ws.name}!${cells[0].address}`, text: only, row: r };
    else for (const c of cells) if (typeof c.value === "string") out.push({ at: `${ws.name}!${c.address}`, text: c.value });
  });
  if (run) out.push({ at: (run as { at: string }).at, text: (run as { text: string }).text });
  return out;
}

/** Whether row `r` is a bold title (a table's or a list's heading, not a note line). */
function isSectionTitle(ws: ExcelJS.Worksheet, r: number): boolean {
  return ws.getRow(r).getCell(1).font?.bold === true;
}

async function readBack(run: PanelRun): Promise<ExcelJS.Workbook> {
  const report = buildReport(run, { source: "sample-panel.csv", version: "9.9.9" });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeReportXlsx(report)) as unknown as ArrayBuffer);
  return wb;
}

/** The sheets of every section (the Reproduce sheet, written by the pipeline with the input's hash, has its own tests). */
const REPORT_SHEETS = (Object.keys(SHEET) as SheetId[]).filter((id) => id !== "reproduce");

/** The texts to check: every text cell of every sheet; of T1 (the grade names in both languages by design) its title and header only. */
function checkedCells(wb: ExcelJS.Workbook, lang: "en" | "zh"): Array<{ at: string; text: string }> {
  const t1 = tr(lang, "papers.t1.sheet");
  return wb.worksheets.flatMap((ws) => {
    const list = textCells(ws);
    return ws.name === t1 ? list.filter((c) => /![A-Z]+[12]$/.test(c.at)) : list;
  });
}

describe("a zh report of the sample", () => {
  let run: PanelRun;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    run = await sampleRun({ language: "zh" });
    wb = await readBack(run);
  }, 120000);

  it("names every sheet in Chinese, the spatial ones and the Notes too", () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names.length).toBeGreaterThanOrEqual(21);
    for (const id of REPORT_SHEETS) expect(names).toContain(sheetName(id, "zh"));
    expect(names).toContain(translator("zh")("notes.sheet"));
    expect(names.filter((n) => !hasChinese(n))).toEqual([]);
  });

  it("has no English words outside the user's names on any sheet", () => {
    const cells = checkedCells(wb, "zh");
    // the spatial sheet is there (the weights were given) and checked
    expect(cells.some((c) => c.at.startsWith(`${sheetName("spatial", "zh")}!`))).toBe(true);
    expect(cells.length).toBeGreaterThan(1000); // the Scores sheet alone has 310 rows of text
    const bad = cells.map((c) => ({ ...c, words: englishWords(c.text, NAMES) })).filter((c) => c.words.length);
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it("gives the interaction types, Haken decision, relative types and the pooled group in Chinese", () => {
    const texts = new Set(checkedCells(wb, "zh").map((c) => c.text));
    expect(texts.has("双因子增强") || texts.has("非线性增强")).toBe(true);
    expect([...texts].some((x) => x.includes("单因子非线性减弱") || x.includes("非线性增强"))).toBe(true);
    const decision = run.context.results.haken!.model.decision;
    const zh = translator("zh");
    const expected = {
      neither: zh("haken.decision.neither"),
      both: zh("haken.decision.both"),
      A: zh("haken.decision.one", { name: run.context.results.haken!.pair[0] }),
      B: zh("haken.decision.one", { name: run.context.results.haken!.pair[1] }),
    }[decision];
    expect([...texts].some((x) => x.startsWith(expected))).toBe(true);
    // the relative type names the lagging subsystem as a parameter of a whole phrase
    const types = new Set(run.context.results.coupling!.map((o) => o.relativeType));
    for (const ty of types) expect(["同步型", ...Object.keys(ROLES.subsystems).map((n) => `${n}滞后型`)]).toContain(ty);
    expect(run.context.results.geodetector!.groups[0]).toBe("全国");
  });
});

describe("an en report of the sample", () => {
  it("has no Chinese on any sheet", async () => {
    const run = await sampleRun({ language: "en" });
    const wb = await readBack(run);
    const names = wb.worksheets.map((w) => w.name);
    for (const id of REPORT_SHEETS) expect(names).toContain(sheetName(id, "en"));
    const cells = checkedCells(wb, "en").filter((c) => !c.at.startsWith("T2 Indicator system!")); // T2: the sample's headers only
    expect(cells.length).toBeGreaterThan(1000);
    expect(cells.filter((c) => hasChinese(c.text, NAMES)).slice(0, 20)).toEqual([]);
  }, 120000);
});

describe("grouped warnings on the Summary", () => {
  it("shows one line per kind with its count and first warning as the example; the full list on the Notes sheet", async () => {
    // every period: natural breaks repeat a break in several factor-periods of the sample
    const run = await sampleRun({ language: "zh", geoPeriods: "all" });
    const groups = groupWarnings(run.analysis.warnings);
    const repeated = run.analysis.warnings.filter((_, i) => run.analysis.warningCodes[i] === "geo.repeatedBreak");
    expect(repeated.length).toBeGreaterThanOrEqual(2);
    expect(groups.find((g) => g.code === "geo.repeatedBreak")!.count).toBe(repeated.length);
    const wb = await readBack(run);
    const summary = wb.getWorksheet("摘要")!;
    const rows: string[][] = []; // every row up to the last, empty rows as []
    summary.eachRow((row, i) => (rows[i - 1] = (row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    const title = rows.findIndex((r) => r[0] === "警告（按类别汇总；完整列表见“说明”工作表）");
    expect(title).toBeGreaterThan(0);
    expect(rows[title + 1]).toEqual(["警告", "次数", "示例"]);
    const line = rows.find((r) => r[0] === `自然断点法在 ${repeated.length} 个因子-时期中出现重复断点：第 1 类只含最小值；q 不受影响`);
    expect(line).toEqual([line![0], String(repeated.length), repeated[0]]);
    const end = rows.findIndex((r, i) => i > title + 1 && r.length === 0);
    expect(end - (title + 2)).toBe(groups.length); // one line per kind, then an empty row
    const notes: string[] = [];
    wb.getWorksheet("说明")!.eachRow((row) => notes.push(String(row.getCell(1).value ?? "")));
    for (const w of repeated) expect(notes).toContain(w);
    // the JSON keeps the kind of every warning beside its text
    expect(run.analysis.warningCodes).toHaveLength(run.analysis.warnings.length);
  }, 120000);
});

describe("data errors in the report's language", () => {
  const header = "Province,Year,GDP,Green";
  const roles = { id: "Province", time: "Year", subsystems: { Economy: [{ column: "GDP", direction: "+" }], Ecology: [{ column: "Green", direction: "-" }] } };
  const zh = { ...defaultOptions(), language: "zh" as const };
  const message = async (rows: string[], r: object = roles, lang: "en" | "zh" = "zh") => {
    try {
      await runReport(parseCsv([header, ...rows].join("\n")), JSON.stringify(r), lang === "zh" ? zh : defaultOptions());
    } catch (e) {
      expect(e).toBeInstanceOf(CoordError);
      return errorMessage(e, lang);
    }
    throw new Error("no error");
  };
  const good = ["A,2011,5.2,0.45", "A,2012,6.1,0.41", "B,2011,7.9,0.70", "B,2012,8.4,0.66", "C,2011,4.1,0.52", "C,2012,4.9,0.50"];

  it("an empty cell", async () => {
    expect(await message(["A,2011,,0.45", ...good.slice(1)])).toBe(
      "第 2 行“GDP”列：单元格为空；请填写，或删除不完整的行（--drop-incomplete），或按时间插值填补（--missing interpolate）",
    );
  });
  it("a text in a numeric column, with the count of the others like it", async () => {
    expect(await message(["A,2011,n/a,0.45", "A,2012,x,0.41", ...good.slice(2)])).toBe("第 2 行“GDP”列：文本“n/a”不是数值（另有 1 个类似的单元格）");
  });
  it("a duplicate row", async () => {
    expect(await message([...good, "A,2011,5.0,0.40"])).toBe("第 2 行与第 8 行都是单元“A”在 2011 期的数据；请只保留一行");
  });
  it("a constant column", async () => {
    expect(await message(good.map((r) => r.replace(/,[^,]+$/, ",0.5")))).toBe("“Green”列为常数（所有值均为 0.5）：无法做极差标准化；该列不含信息，请删除");
  });
  it("a column of the roles not in the data, with the close match", async () => {
    const r = { ...roles, subsystems: { ...roles.subsystems, Economy: [{ column: "GPD", direction: "+" }] } };
    expect(await message(good, r)).toBe("角色设置：“GPD”（子系统“Economy”的第 1 个指标）不是数据中的列；是否指 “GDP”？");
    // English keeps the message as the engine wrote it
    expect(await message(good, r, "en")).toBe('roles: "GPD" (indicator 1 of subsystem "Economy") is not a column of the data; did you mean "GDP"?');
  });
});

describe("the command line in zh", () => {
  it("prints its progress and terminal summary in Chinese, and data errors in Chinese", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-lang-"));
    try {
      const out = path.join(dir, "zh.xlsx");
      const json = path.join(dir, "zh.json");
      const r = spawnSync(process.execPath, [BIN, CSV_FILE, "--roles", ROLES_FILE, "--out", out, "--json", json, "--language", "zh"], { encoding: "utf8" });
      expect(r.status).toBe(0);
      const j = JSON.parse(fs.readFileSync(json, "utf8"));
      const lines = r.stdout.trim().split("\n");
      expect(lines[0]).toBe(`报告已写入 ${path.resolve(out)}（JSON：${path.resolve(json)}）`);
      const zh = translator("zh");
      const decision = { neither: "两种设定下绝热近似均不成立：不存在序参量", both: "两种设定下绝热近似均成立：无法识别序参量" }[
        j.haken.model.decision as string
      ];
      if (decision) expect(lines).toContain(`  • 哈肯模型：${decision}。`);
      expect(lines.some((l) => l.startsWith("  • 2020 年 D 的最强驱动因子为 "))).toBe(true);
      expect(lines[lines.length - 1]).toBe(`  ${zh("cli.warnings", { n: j.warnings.length, kinds: new Set(j.warningCodes).size })}`);
      expect(j.warningCodes).toHaveLength(j.warnings.length);
      // progress on stderr: every line Chinese apart from the file names
      const progress = r.stderr
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("coordlab: building the command line")); // lib/ rebuilt when stale
      expect(progress[0]).toBe(`正在读取 ${CSV_FILE}`);
      expect(progress).toContain(`… 正在写入 ${out}`);
      const mine = new Set(["reading", "data", "weights", "coupling", "geodetector", "haken", "report"].map((id) => SECTIONS.get(id)?.progress.zh ?? ""));
      for (const p of progress.slice(1)) if (mine.has(p.slice(2))) expect(englishWords(p, [CSV_FILE, out])).toEqual([]);
      expect(progress).toContain("… 读取数据");
      expect(progress).toContain("… 生成报告");
      // a data error in Chinese
      const bad = path.join(dir, "bad.csv");
      fs.writeFileSync(bad, "Province,Year,GDP,Green\nA,2011,5.2,0.45\nA,2011,6.1,0.41\nB,2011,7.9,0.70\nB,2012,8.4,0.66\n");
      const rolesFile = path.join(dir, "roles.json");
      fs.writeFileSync(
        rolesFile,
        JSON.stringify({ id: "Province", time: "Year", subsystems: { E: [{ column: "GDP", direction: "+" }], G: [{ column: "Green", direction: "+" }] } }),
      );
      const e = spawnSync(process.execPath, [BIN, bad, "--roles", rolesFile, "--out", path.join(dir, "bad.xlsx"), "--language", "zh"], { encoding: "utf8" });
      expect(e.status).toBe(1);
      expect(e.stderr.trim().split("\n").pop()).toBe(`coordlab：${bad}: 第 2 行与第 3 行都是单元“A”在 2011 期的数据；请只保留一行`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);
});
