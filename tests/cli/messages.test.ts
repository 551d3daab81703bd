/**
 * The command line's messages of issue 13, through a child process (the way users run it):
 * a misspelt flag gets "did you mean", the default report name sits beside the input and never
 * replaces it, a replaced report says so, and an empty cell's advice names the flags.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultOutFile, helpText, unknownFlag } from "../../src/cli/main";

const ROOT = path.join(__dirname, "..", "..");
const SAMPLES = path.join(ROOT, "samples");

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const tsNode = require.resolve("ts-node/dist/bin-transpile.js", { paths: [ROOT] });
  const r = spawnSync(process.execPath, [tsNode, path.join(ROOT, "src", "cli", "main.ts"), ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
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
