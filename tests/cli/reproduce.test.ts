/**
 * Reproducibility (METHODS.md M16): the command line (bin/coordlab.js, a child process) writes
 * the JSON `reproduce` and the Reproduce sheet (zh 复现); the command it gives, run again in a
 * shell, regenerates the same JSON apart from the date. Needs `npm run build:cli`.
 */
import { execFileSync, execSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { englishWords, ALLOWED_IN_ZH } from "../languageCheck";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "coordlab.js");
const SAMPLE = path.join(ROOT, "samples", "sample-panel.csv");
const ROLES = path.join(ROOT, "samples", "sample-panel.roles.json");

jest.setTimeout(240000);

let dir: string;
let first: Record<string, any>;
let wb: ExcelJS.Workbook;
const FILE = "my panel.csv"; // a name the shell must quote

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-repro-"));
  fs.copyFileSync(SAMPLE, path.join(dir, FILE));
  fs.copyFileSync(ROLES, path.join(dir, "roles.json"));
  // non-default options that apply to the sample (31 Chinese provinces by English name, 2011–2020),
  // and one default given explicitly (--k 6), which the command leaves out
  execFileSync(
    process.execPath,
    [
      BIN,
      FILE,
      "--roles",
      "roles.json",
      "--out",
      "r.xlsx",
      "--json",
      "r.json",
      "--weighting",
      "critic",
      "--geoPeriods",
      "2011,2020",
      "--weights",
      "china-provinces",
      "--permutations",
      "99",
      "--language",
      "zh",
      "--allLabel",
      "全部 省份",
      "--k",
      "6",
      "--quiet",
    ],
    { cwd: dir, encoding: "utf8" },
  );
  first = JSON.parse(fs.readFileSync(path.join(dir, "r.json"), "utf8"));
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, "r.xlsx"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the JSON reproduce", () => {
  it("records the version, the input file, its SHA-256 (as node's crypto computes it) and its size", () => {
    const r = first.reproduce;
    expect(r.origin).toBe("cli");
    expect(r.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
    expect(Number.isNaN(Date.parse(r.date))).toBe(false);
    expect(r.input.file).toBe(FILE);
    expect(r.input.sha256).toBe(crypto.createHash("sha256").update(fs.readFileSync(SAMPLE)).digest("hex"));
    expect(r.input.hashOf).toBe("file");
    const lines = fs.readFileSync(SAMPLE, "utf8").trim().split(/\r?\n/);
    expect([r.input.rows, r.input.columns]).toEqual([lines.length - 1, lines[0].split(",").length]);
    expect(r.roles).toEqual(JSON.parse(fs.readFileSync(ROLES, "utf8")));
    expect(r.rolesSource).toBe("file");
  });

  it("flags a changed option as not the default and an unchanged one (even given explicitly) as the default", () => {
    const o = (key: string) => first.reproduce.options.find((x: { option: string }) => x.option === key);
    expect(o("weighting")).toEqual({ option: "weighting", section: "weights", value: "critic", default: "entropy", isDefault: false });
    expect(o("geoPeriods")).toEqual({ option: "geoPeriods", section: "geodetector", value: "2011,2020", default: "first-middle-last", isDefault: false });
    expect(o("k")).toEqual({ option: "k", section: "geodetector", value: "6", default: "6", isDefault: true });
    expect(o("scope")).toMatchObject({ value: "global", isDefault: true });
    // every option of every section is listed, once
    const keys = first.reproduce.options.map((x: { option: string }) => x.option);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(Object.keys(first.options));
  });

  it("gives the command with the non-default options only, quoted for a shell", () => {
    expect(first.reproduce.command).toBe(
      "npx coordlab 'my panel.csv' --roles roles.json --out r.xlsx --json r.json --weighting critic --language zh --allLabel '全部 省份' --geoPeriods 2011,2020 --weights china-provinces --permutations 99",
    );
  });

  it("lists the seed of the permutation test and the methods that ran with their references", () => {
    const r = first.reproduce;
    expect(r.seeds).toEqual([{ section: "spatial", option: "seed", seed: 1, draws: 99, what: "全局 Moran's I 的置换检验" }]);
    expect(r.methods.map((m: { id: string }) => m.id)).toEqual([
      "standardize",
      "critic",
      "ccd",
      "grades",
      "kde",
      "geodetector",
      "haken",
      "moran",
      "lisa",
      "dagum",
      "convergence",
      "markov",
      "spatialMarkov",
      "obstacles",
    ]);
    const refs = (id: string) => r.methods.find((m: { id: string }) => m.id === id).references.join(" ");
    expect(refs("critic")).toContain("Diakoulaki");
    expect(refs("kde")).toContain("Silverman, B. W. (1986)");
    expect(refs("geodetector")).toMatch(/Wang, J\. F\., Li, X\. H\.[\s\S]*\(2010\)[\s\S]*Ecological Indicators[\s\S]*王劲峰, 徐成东/);
    expect(refs("lisa")).toContain("Anselin, L. (1995)");
    expect(refs("lisa")).toContain("Getis, A., & Ord, J. K. (1992)");
    expect(refs("moran")).toContain("Geary, R. C. (1954)");
    expect(refs("dagum")).toContain("Dagum, C. (1997)");
    expect(refs("markov")).toContain("Rey, S. J. (2001)");
    expect(refs("spatialMarkov")).toContain("Bickenbach, F., & Bode, E. (2003)");
    expect(r.text.en).toContain("A spatial Markov chain conditioned the transitions on the class of the spatial lag.");
    expect(refs("haken")).toContain("shared/seeds/003_6248f02066c41679.txt");
    expect(r.text.en).toContain("weighted by the CRITIC method");
    expect(r.text.en).toContain("in the periods 2011, 2020");
    expect(r.text.en).toContain("99 random permutations (seed 1)");
    expect(r.text.zh).toContain("采用CRITIC 法确定权重");
    expect(r.text.zh).toContain("2011、2020 期");
  });
});

describe("the Reproduce command", () => {
  it("run in a shell, regenerates the same JSON apart from the date", () => {
    const command: string = first.reproduce.command;
    expect(command.startsWith("npx coordlab ")).toBe(true);
    fs.rmSync(path.join(dir, "r.json"));
    execSync(`${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${command.slice("npx coordlab ".length)} --quiet`, {
      cwd: dir,
      encoding: "utf8",
      shell: "/bin/sh",
    });
    const again = JSON.parse(fs.readFileSync(path.join(dir, "r.json"), "utf8"));
    expect(Number.isNaN(Date.parse(again.reproduce.date))).toBe(false);
    const strip = (j: Record<string, any>) => ({ ...j, reproduce: { ...j.reproduce, date: null } });
    expect(strip(again)).toEqual(strip(first));
    expect(again.spatial.global.map((g: { pPermutation: number }) => g.pPermutation)).toEqual(
      first.spatial.global.map((g: { pPermutation: number }) => g.pPermutation),
    );
  });
});

/**
 * What the sections' own zh option help (the Meaning column) and shown defaults keep besides
 * ALLOWED_IN_ZH: peer software and its parameter names, file formats, a cited author, formula
 * symbols (H0, (M + 1)/(R + 1), α_s w_j) and allLabel's default "All / 全国".
 */
const ZH_OPTION_HELP_TOKENS = new Set([...ALLOWED_IN_ZH, ..."GeoDetector discmethod discitv GAL GWT Anselin H M s w All".split(" ")]);

describe("the Reproduce sheet (复现)", () => {
  /** The sheet's cells as rows of text. */
  function rows(name: string | number): string[][] {
    const ws = typeof name === "number" ? wb.worksheets[name] : wb.getWorksheet(name);
    expect(ws).toBeDefined();
    const out: string[][] = [];
    ws!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
    return out;
  }

  it("holds the command, the SHA-256 and both paragraphs", () => {
    const cells = rows("复现").flat();
    expect(cells).toContain(first.reproduce.command);
    expect(cells).toContain(first.reproduce.input.sha256);
    expect(cells).toContain(first.reproduce.text.en);
    expect(cells).toContain(first.reproduce.text.zh);
    expect(wb.worksheets.map((w) => w.name)).not.toContain("Reproduce");
  });

  it("is Chinese apart from the user's names, references, the command, the roles JSON, the hash and the English paragraph", () => {
    const r = first.reproduce;
    const d = first.data;
    const names: string[] = [
      FILE,
      ...d.subsystems.flatMap((s: { name: string; indicators: string[] }) => [s.name, ...s.indicators]),
      ...d.factors,
      ...d.groups,
      "roles.json",
      "r.xlsx",
      "r.json",
    ];
    const exempt = new Set<string>([
      r.command,
      JSON.stringify(r.roles),
      r.input.sha256,
      r.text.en,
      ...r.methods.flatMap((m: { references: string[] }) => m.references),
    ]);
    const bad: string[] = [];
    for (const row of rows("复现"))
      for (const cell of row) {
        if (cell === "" || exempt.has(cell)) continue;
        const words = englishWords(cell, names, ZH_OPTION_HELP_TOKENS);
        if (words.length) bad.push(`${cell.slice(0, 60)}: ${words.join(" ")}`);
      }
    expect(bad).toEqual([]);
  });

  it("leaves the Summary with one line pointing to it, and no options table", () => {
    const summary = rows(0).flat(); // the Summary, by position (its name is translated elsewhere)
    expect(summary).toContain("全部选项（及是否为默认值）、重新生成本报告的命令行、输入数据的 SHA-256、随机数种子以及方法与参考文献：见“复现”工作表。");
    expect(summary).not.toContain("weighting");
  });
});
