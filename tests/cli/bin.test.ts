/**
 * The `coordlab` command as a user runs it: the compiled bin (bin/coordlab.js -> lib/) in a child
 * process. lib/ is built first when it is missing or older than the sources (as the browser tests
 * do with dist/), so that `npm test` works on a fresh clone. The --help time is printed, not
 * asserted (speed lives in bench/: `npm run bench -- --only process`).
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "coordlab.js");
const SAMPLES = path.join(ROOT, "samples");
// plain JavaScript shared with bin/coordlab.js and the benchmarks
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cliBuild = require("../../scripts/build-cli.js") as { buildIfStale: () => string | null };

let dir: string;
beforeAll(() => {
  const reason = cliBuild.buildIfStale();
  if (reason) console.log(`built lib/ for the command-line tests (${reason})`);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-bin-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Run the bin; stdout to `stdoutFile` (a real shell-style redirect) when given. */
function coordlab(args: string[], stdoutFile?: string): SpawnSyncReturns<string> & { ms: number } {
  const fd = stdoutFile === undefined ? undefined : fs.openSync(stdoutFile, "w");
  const t0 = process.hrtime.bigint();
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", fd === undefined ? "pipe" : fd, "pipe"],
    });
    return { ...r, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

describe("coordlab (compiled bin, child process)", () => {
  it("answers --help with every flag, and prints how long it took", () => {
    const times: number[] = [];
    let r = coordlab(["--help"]);
    for (let i = 0; i < 3; i++) {
      r = coordlab(["--help"]);
      times.push(r.ms);
    }
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^CoordLab \d+\.\d+\.\d+/);
    expect(r.stdout).toContain("--print-roles");
    expect(r.stdout).toContain("--weighting");
    console.log(`coordlab --help: ${times.map((t) => t.toFixed(0)).join(", ")} ms (fresh node each; not asserted)`);
  });

  it("--print-roles redirected to a file gives valid JSON that runs the report when fed back", () => {
    const roles = path.join(dir, "roles.json");
    const p = coordlab([path.join(SAMPLES, "sample-panel.csv"), "--print-roles"], roles);
    expect(p.status).toBe(0);
    const text = fs.readFileSync(roles, "utf8");
    const parsed = JSON.parse(text);
    expect(parsed).toMatchObject({ id: "Province", time: "Year" });
    expect(Object.keys(parsed.subsystems).length).toBeGreaterThanOrEqual(1);

    // the sample's own roles file (directions set), printed the same way and fed back
    const given = path.join(dir, "given.json");
    expect(coordlab([path.join(SAMPLES, "sample-panel.csv"), "--roles", path.join(SAMPLES, "sample-panel.roles.json"), "--print-roles"], given).status).toBe(0);
    const out = path.join(dir, "report.xlsx");
    const json = path.join(dir, "report.json");
    const r = coordlab([path.join(SAMPLES, "sample-panel.csv"), "--roles", given, "--out", out, "--json", json, "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Report written to");
    expect(fs.statSync(out).size).toBeGreaterThan(10_000);
    const a = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(a.observations).toHaveLength(310);
    expect(a.data.subsystems.map((s: { name: string }) => s.name)).toEqual(Object.keys(JSON.parse(fs.readFileSync(given, "utf8")).subsystems));
  });

  it("npm run --silent report (the README's way) writes nothing but the roles to stdout", () => {
    const roles = path.join(dir, "roles.json");
    const fd = fs.openSync(roles, "w");
    try {
      const npm = process.platform === "win32" ? "npm.cmd" : "npm";
      const r = spawnSync(npm, ["run", "--silent", "report", "--", path.join(SAMPLES, "sample-panel.csv"), "--print-roles"], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", fd, "pipe"],
      });
      expect(r.status).toBe(0);
    } finally {
      fs.closeSync(fd);
    }
    expect(JSON.parse(fs.readFileSync(roles, "utf8"))).toMatchObject({ id: "Province", time: "Year" });
  });

  it("fails with one message and exit code 1 on a missing file", () => {
    const r = coordlab([path.join(dir, "nope.csv"), "--quiet"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^coordlab: .*nope\.csv/);
    expect(r.stdout).toBe("");
  });
  it("a large input (≥ 8 MB: the run restarts with a larger young generation) keeps stdout, stderr and the exit code", () => {
    // a geodetector-only file of 60,000 rows with a long note per row: 9.6 MB
    const note = "x".repeat(150);
    const lines = ["y,soil,note"];
    for (let i = 0; i < 60_000; i++) lines.push(`${(i * 37) % 101},${(i % 4) + 1},${note}`);
    const csv = path.join(dir, "big.csv");
    fs.writeFileSync(csv, lines.join("\n"));
    expect(fs.statSync(csv).size).toBeGreaterThan(8 << 20);
    const rolesFile = path.join(dir, "roles.json");
    fs.writeFileSync(rolesFile, JSON.stringify({ y: "y", factors: ["soil"] }));
    const printed = path.join(dir, "printed.json");
    const p = coordlab([csv, "--roles", rolesFile, "--print-roles"], printed);
    expect(p.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(printed, "utf8"))).toMatchObject({ y: "y", factors: ["soil"] });
    const out = path.join(dir, "big.xlsx");
    const json = path.join(dir, "big.json");
    const r = coordlab([csv, "--roles", rolesFile, "--out", out, "--json", json]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Report written to");
    // q = 1 − Σ_h N_h σ_h² / (N σ²) (M8) of soil, computed here
    const y = Array.from({ length: 60_000 }, (_, i) => (i * 37) % 101);
    const ss = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return v.reduce((a, b) => a + (b - m) ** 2, 0);
    };
    const within = [0, 1, 2, 3].reduce((acc, h) => acc + ss(y.filter((_, i) => i % 4 === h)), 0);
    const soil = JSON.parse(fs.readFileSync(json, "utf8")).geodetector.factors[0];
    expect(soil.factor).toBe("soil");
    expect(Math.abs(soil.q - (1 - within / ss(y)))).toBeLessThan(1e-9);
    expect(fs.statSync(out).size).toBeGreaterThan(10_000);
    const bad = coordlab([csv, "--roles", path.join(dir, "missing.json")]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("missing.json");
  });
});
