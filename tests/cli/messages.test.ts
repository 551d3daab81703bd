/**
 * The command line's messages of issue 13, through the compiled bin in a child process (the way
 * users run it: `npx coordlab ...`): a misspelt flag gets "did you mean", the default report name
 * sits beside the input and never replaces it, a replaced report says so, --sections and --skip
 * choose the analyses and the Summary lists the skipped ones, an empty cell's advice names the
 * flags, read errors name the file. lib/ is built first when stale (as in bin.test.ts).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultOutFile, helpText, unknownFlag } from "../../src/cli/main";
import { readXlsxCells } from "../../src/writer/readXlsx";

const ROOT = path.join(__dirname, "..", "..");
const SAMPLES = path.join(ROOT, "samples");
const BIN = path.join(ROOT, "bin", "coordlab.js");
// plain JavaScript shared with bin/coordlab.js and the benchmarks
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cliBuild = require("../../scripts/build-cli.js") as { buildIfStale: () => string | null };

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  const reason = cliBuild.buildIfStale();
  if (reason) console.log(`built lib/ for the command-line tests (${reason})`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-msg-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a misspelt flag: unknown option ... did you mean (child process)", () => {
  const r = cli(["data.csv", "--weigthing", "critic"], dir);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("unknown option --weigthing; did you mean --weighting?");
  expect(r.stderr).not.toMatch(/positional/i);
});

test("without --out the report is <input>-report.xlsx beside the input; a second run says it replaced it (child process)", () => {
  const input = path.join(dir, "panel.csv");
  fs.copyFileSync(path.join(SAMPLES, "sample-panel.csv"), input);
  const before = fs.readFileSync(input);
  const roles = path.join(SAMPLES, "sample-panel.roles.json");
  const first = cli([input, "--roles", roles, "--quiet", "--sections", "weights,coupling"], os.tmpdir());
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  const report = path.join(dir, "panel-report.xlsx");
  expect(first.stdout).toContain(`Report written to ${report}`);
  expect(first.stdout).not.toContain("replaced");
  expect(fs.existsSync(report)).toBe(true);
  expect(fs.readFileSync(input).equals(before)).toBe(true);
  const second = cli([input, "--roles", roles, "--quiet", "--sections", "weights,coupling"], os.tmpdir());
  expect(second.code).toBe(0);
  expect(second.stdout).toContain(`Report written to ${report} (the existing file was replaced)`);
});

test("unknownFlag, defaultOutFile and the output never being the input", () => {
  expect(unknownFlag(["x.csv", "--roles", "r.json"], ["roles"])).toBeNull();
  expect(unknownFlag(["--rols=r.json"], ["roles", "out"])).toBe("unknown option --rols; did you mean --roles?");
  expect(unknownFlag(["--zzzzzz"], ["roles", "out"])).toBe("unknown option --zzzzzz");
  expect(defaultOutFile(path.join("data", "面板.xlsx"))).toBe(path.join("data", "面板-report.xlsx"));
});

test("--help: examples, the roles shape with kind, docs/methods.md, lines within 100 columns", () => {
  const text = helpText();
  for (const s of ["--weights china-provinces", "--language zh", '"kind": "categorical"', "docs/methods.md", "--print-roles > roles.json"])
    expect(text).toContain(s);
  const long = text.split("\n").filter((l) => l.length > 100);
  expect(long).toEqual([]);
});

test("--out naming the input is refused before anything is read or written", () => {
  const input = path.join(dir, "same.csv");
  fs.copyFileSync(path.join(SAMPLES, "sample-panel.csv"), input);
  const before = fs.readFileSync(input);
  const r = cli([input, "--roles", path.join(SAMPLES, "sample-panel.roles.json"), "--out", input, "--quiet"], dir);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^coordlab: .*same\.csv/);
  expect(fs.readFileSync(input).equals(before)).toBe(true);
});

test("--sections and --skip choose the analyses; the Summary lists what did not run", async () => {
  const roles = path.join(SAMPLES, "sample-panel.roles.json");
  const input = path.join(SAMPLES, "sample-panel.csv");
  const only = cli(
    [input, "--roles", roles, "--sections", "weights,coupling,density", "--out", path.join(dir, "only.xlsx"), "--json", path.join(dir, "only.json"), "--quiet"],
    dir,
  );
  expect(only.stderr).toBe("");
  expect(only.code).toBe(0);
  const a = JSON.parse(fs.readFileSync(path.join(dir, "only.json"), "utf8"));
  expect(a.observations).toHaveLength(310);
  expect(a.density.length).toBeGreaterThan(0);
  expect(a.geodetector).toBeNull();
  expect(a.haken).toBeNull();
  const notRun = (a.skipped as Array<{ section: string }>).map((s) => s.section);
  for (const id of ["geodetector", "haken"]) expect(notRun).toContain(id);
  expect(notRun).not.toContain("density");

  const skip = cli([input, "--roles", roles, "--skip", "haken", "--out", path.join(dir, "skip.xlsx"), "--json", path.join(dir, "skip.json"), "--quiet"], dir);
  expect(skip.code).toBe(0);
  const b = JSON.parse(fs.readFileSync(path.join(dir, "skip.json"), "utf8"));
  expect(b.haken).toBeNull();
  expect(b.geodetector).not.toBeNull();
  expect(b.skipped).toContainEqual({ section: "haken", reason: "skipped (--skip)" });
  // the Summary sheet of the workbook: the table of sections not run names the Haken model with its reason
  const summary = await readXlsxCells(fs.readFileSync(path.join(dir, "skip.xlsx")), { sheet: "Summary" });
  const title = summary.cells.findIndex((r) => r.some((c) => c === "Sections not run"));
  expect(title).toBeGreaterThanOrEqual(0);
  const rows = summary.cells.slice(title + 1, title + 6).map((r) => r.filter((c) => c !== null));
  expect(rows.some((r) => r.includes("haken") && r.includes("skipped (--skip)"))).toBe(true);
  // an unknown section id is named
  const bad = cli([input, "--roles", roles, "--skip", "hakn", "--quiet"], dir);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("hakn");
});

test("an empty cell: the advice names --drop-incomplete and --missing interpolate; read errors name the file", () => {
  const text = fs.readFileSync(path.join(SAMPLES, "sample-panel.csv"), "utf8").split("\n");
  const cells = text[5].split(",");
  cells[3] = "";
  text[5] = cells.join(",");
  const holed = path.join(dir, "holed.csv");
  fs.writeFileSync(holed, text.join("\n"));
  const r = cli([holed, "--roles", path.join(SAMPLES, "sample-panel.roles.json"), "--quiet"], dir);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("row 6");
  expect(r.stderr).toContain("--drop-incomplete");
  expect(r.stderr).toContain("--missing interpolate");
  expect(fs.existsSync(path.join(dir, "holed-report.xlsx"))).toBe(false);
  // with --drop-incomplete the same file runs
  expect(
    cli([holed, "--roles", path.join(SAMPLES, "sample-panel.roles.json"), "--drop-incomplete", "--quiet", "--sections", "weights,coupling"], dir).code,
  ).toBe(0);

  const broken = path.join(dir, "broken.xlsx");
  fs.writeFileSync(broken, "this is not a workbook");
  const b = cli([broken, "--quiet"], dir);
  expect(b.code).toBe(1);
  expect(b.stderr).toMatch(/^coordlab: .*broken\.xlsx/);
  const roles = path.join(dir, "bad.roles.json");
  fs.writeFileSync(roles, "{ not json");
  const j = cli([path.join(SAMPLES, "sample-panel.csv"), "--roles", roles, "--quiet"], dir);
  expect(j.code).toBe(1);
  expect(j.stderr).toContain("bad.roles.json");
});

test("guessed roles: the notes and the refusal in the report's language (--language zh)", () => {
  const zh = cli([path.join(SAMPLES, "sample-panel.csv"), "--language", "zh", "--out", path.join(dir, "zh.xlsx")], dir);
  expect(zh.code).toBe(1);
  expect(zh.stderr).toContain("注：全部 28 个指标都放在了一个子系统中");
  expect(zh.stderr).toContain("coordlab：推断的角色需要编辑后才能生成报告（见上面的注）");
  const en = cli([path.join(SAMPLES, "sample-panel.csv"), "--out", path.join(dir, "en.xlsx")], dir);
  expect(en.stderr).toContain("note: all 28 indicators were put in one subsystem");
  expect(en.stderr).toContain("coordlab: the guessed roles need editing before a report can run");
});
