/**
 * The command line end to end, in-process: files in a temporary folder, the written workbook
 * read back with exceljs, the JSON's documented keys, and every bad input of issue 4 giving one
 * clear message, exit code 1 and no output file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { optionSpecs } from "../../src/report/options";
import { runCli, sharedPath } from "../helpers";

const SAMPLES = path.join(__dirname, "..", "..", "samples");
const SHARED_GEO = sharedPath("reference", "geodetector");

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-cli-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runCli(main, args);

/** A small panel CSV (4 units x 3 years, two subsystems of two indicators) and its roles. */
function smallPanel(edit: (rows: string[][]) => void = () => undefined): { csv: string; roles: string } {
  const rows = [["unit", "year", "region", "a1", "a2", "b1", "b2", "f1"]];
  const units = ["P1", "P2", "P3", "P4"];
  units.forEach((u, i) =>
    [2018, 2019, 2020].forEach((y, t) =>
      rows.push([
        u,
        String(y),
        i < 2 ? "North" : "South",
        String(1 + i + t),
        String(10 - i + t * 2),
        String(3 + t * i),
        String(5 + ((i * 7 + t * 3) % 5)),
        i % 2 ? "x" : "y",
      ]),
    ),
  );
  edit(rows);
  const csv = path.join(dir, "panel.csv");
  fs.writeFileSync(csv, rows.map((r) => r.join(",")).join("\n"));
  const roles = path.join(dir, "roles.json");
  fs.writeFileSync(
    roles,
    JSON.stringify({
      id: "unit",
      time: "year",
      group: "region",
      subsystems: {
        A: [
          { column: "a1", direction: "+" },
          { column: "a2", direction: "-" },
        ],
        B: [
          { column: "b1", direction: "+" },
          { column: "b2", direction: "+" },
        ],
      },
      factors: ["f1"],
    }),
  );
  return { csv, roles };
}

describe("coordlab command line", () => {
  it("--help lists every option with its default", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    for (const h of optionSpecs()) expect(r.out).toContain(`--${h.key}`);
    expect(r.out).toContain("[entropy]");
    expect(r.out).toContain("[silverman]");
  });

  it("writes the report workbook and the JSON for the bundled sample", async () => {
    const out = path.join(dir, "report.xlsx");
    const json = path.join(dir, "report.json");
    const r = await run([
      path.join(SAMPLES, "sample-panel.csv"),
      "--roles",
      path.join(SAMPLES, "sample-panel.roles.json"),
      "--out",
      out,
      "--json",
      json,
      "--quiet",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Report written to");
    expect(r.out).toMatch(/Mean coupling coordination degree D rose from 0\.\d{3} in 2011 to 0\.\d{3} in 2020/);

    const a = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(Object.keys(a)).toEqual(expect.arrayContaining(["options", "weights", "observations", "groupMeans", "density", "geodetector", "haken", "warnings"]));
    expect(Object.keys(a.weights[0])).toEqual(expect.arrayContaining(["subsystem", "indicator", "direction", "weight"]));
    expect(Object.keys(a.observations[0])).toEqual(expect.arrayContaining(["id", "time", "group", "U", "C", "T", "D", "grade", "gradeNo", "relativeType"]));
    expect(Object.keys(a.groupMeans[0])).toEqual(expect.arrayContaining(["group", "time", "D"]));
    expect(a.observations).toHaveLength(310);
    const sums = new Map<string, number>();
    for (const w of a.weights) sums.set(w.subsystem, (sums.get(w.subsystem) ?? 0) + w.weight);
    for (const s of sums.values()) expect(Math.abs(s - 1)).toBeLessThan(1e-12);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["Summary", "Weights", "Scores", "Coordination by group", "Grades", "Density", "Geodetector", "Haken"]));
    // Scores: header row and the first observation's D at full precision
    const scores = wb.getWorksheet("Scores")!;
    const header = (scores.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(["Unit", "Period", "Group"]);
    const dCol = header.indexOf("D") + 1;
    expect(scores.getRow(2).getCell(1).value).toBe(a.observations[0].id);
    expect(scores.getRow(2).getCell(dCol).value).toBe(a.observations[0].D);
    expect(scores.getRow(2).getCell(dCol).numFmt).toBe("0.000"); // 3 decimals shown, full precision kept
    expect(scores.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("reads an XLSX input from a named sheet and gives the same D as the CSV", async () => {
    const rows = fs
      .readFileSync(path.join(SAMPLES, "sample-panel.csv"), "utf8")
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(","));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["not the data"]);
    const ws = wb.addWorksheet("Panel");
    rows.forEach((r, i) => ws.addRow(i === 0 ? r : r.map((c) => (c !== "" && !Number.isNaN(Number(c)) ? Number(c) : c))));
    const xlsx = path.join(dir, "panel.xlsx");
    await wb.xlsx.writeFile(xlsx);
    const roles = path.join(SAMPLES, "sample-panel.roles.json");
    const r1 = await run([xlsx, "--sheet", "Panel", "--roles", roles, "--out", path.join(dir, "a.xlsx"), "--json", path.join(dir, "a.json"), "--quiet"]);
    expect(r1.err).toBe("");
    expect(r1.code).toBe(0);
    const r2 = await run([
      path.join(SAMPLES, "sample-panel.csv"),
      "--roles",
      roles,
      "--out",
      path.join(dir, "b.xlsx"),
      "--json",
      path.join(dir, "b.json"),
      "--quiet",
    ]);
    expect(r2.code).toBe(0);
    const a = JSON.parse(fs.readFileSync(path.join(dir, "a.json"), "utf8"));
    const b = JSON.parse(fs.readFileSync(path.join(dir, "b.json"), "utf8"));
    expect(a.observations.map((o: any) => o.D)).toEqual(b.observations.map((o: any) => o.D));
    const r3 = await run([xlsx, "--sheet", "Data", "--roles", roles, "--quiet"]);
    expect(r3.code).toBe(1);
    expect(r3.err).toMatch(/Data/);
    expect(r3.err).toMatch(/Panel/);
  });

  it("prints guessed roles with --print-roles", async () => {
    const r = await run([path.join(SAMPLES, "sample-panel.csv"), "--print-roles"]);
    expect(r.code).toBe(0);
    const roles = JSON.parse(r.out);
    expect(roles.id).toBe("Province");
    expect(roles.time).toBe("Year");
    expect(roles.group).toBe("Region");
  });

  it("warns about a unit missing a period and skips the Haken pair across the gap", async () => {
    const { csv, roles } = smallPanel((rows) => rows.splice(2, 1)); // P1 2019 removed
    const json = path.join(dir, "r.json");
    const r = await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--json", json, "--quiet"]);
    expect(r.code).toBe(0);
    const a = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(a.warnings.join("\n")).toMatch(/P1.*2019/);
  });

  const bad: Array<[string, (rows: string[][]) => void, object | null, RegExp]> = [
    ["a non-numeric indicator cell, named by row and column", (rows) => (rows[5][4] = "n/a"), null, /row 6, column "a2": text 'n\/a' is not a number/],
    ["a duplicate (id, period)", (rows) => rows.push([...rows[1]]), null, /rows 2 and 14 are both unit "P1" in period 2018/],
    ["an unknown column in roles", () => undefined, { subsystems: { A: [{ column: "a9", direction: "+" }], B: [{ column: "b1", direction: "+" }] } }, /a9/],
    ["a subsystem with no indicators", () => undefined, { subsystems: { A: [], B: [{ column: "b1", direction: "+" }] } }, /no indicators/i],
    ["fewer than two subsystems", () => undefined, { subsystems: { A: [{ column: "a1", direction: "+" }] } }, /two subsystems/i],
  ];
  it.each(bad)("fails clearly on %s, leaving no report behind", async (_name, edit, rolesEdit, message) => {
    const { csv, roles } = smallPanel(edit);
    if (rolesEdit) fs.writeFileSync(roles, JSON.stringify({ ...JSON.parse(fs.readFileSync(roles, "utf8")), ...rolesEdit }));
    const out = path.join(dir, "bad.xlsx");
    const r = await run([csv, "--roles", roles, "--out", out, "--quiet"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^coordlab: /);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("fails clearly on an unreadable file and an unknown option", async () => {
    const r1 = await run([path.join(dir, "nope.csv"), "--quiet"]);
    expect(r1.code).toBe(1);
    expect(r1.err).toContain("no such file");
    fs.writeFileSync(path.join(dir, "x.xlsx"), "not a zip");
    const r2 = await run([path.join(dir, "x.xlsx"), "--quiet"]);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/^coordlab: /);
    const r3 = await run([path.join(SAMPLES, "sample-panel.csv"), "--weighting", "topsis"]);
    expect(r3.code).toBe(1);
    expect(r3.err).toContain("option weighting: 'topsis' is not valid");
  });
});

const geoDescribe = fs.existsSync(path.join(SHARED_GEO, "data", "CollectData.csv")) ? describe : describe.skip;
if (geoDescribe === describe.skip) console.warn(`geodetector CLI tests skipped: ${SHARED_GEO} is absent (the example data sets are not copied into the repo)`);

geoDescribe("geodetector on its own (cross-sectional data)", () => {
  it("reproduces R geodetector's q and p on CollectData with categorical factors", async () => {
    const roles = path.join(dir, "roles.json");
    fs.writeFileSync(roles, JSON.stringify({ y: "incidence", factors: ["watershed", "soiltype", "elevation"] }));
    const json = path.join(dir, "geo.json");
    const r = await run([path.join(SHARED_GEO, "data", "CollectData.csv"), "--roles", roles, "--out", path.join(dir, "geo.xlsx"), "--json", json, "--quiet"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const a = JSON.parse(fs.readFileSync(json, "utf8"));
    const ref = JSON.parse(fs.readFileSync(path.join(SHARED_GEO, "expected", "CollectData.json"), "utf8")).peers["geodetector_R_1.0-5"];
    for (const f of ref.factor) {
      const mine = a.geodetector.factors.find((x: any) => x.factor === f.variable && x.group === "All");
      expect(mine.method).toBe("categorical");
      expect(Math.abs(mine.q - f.q)).toBeLessThanOrEqual(1e-12);
      // R's non-central F is accurate to about 1e-9 (reference README): 1e-9 absolute where p ≥ 1e-8
      if (f.p >= 1e-8) expect(Math.abs(mine.p - f.p)).toBeLessThanOrEqual(1e-9);
      else expect(mine.p).toBeLessThan(1e-8);
    }
    for (const i of ref.interaction) {
      const mine = a.geodetector.interactions.find((x: any) => (x.a === i.var1 && x.b === i.var2) || (x.a === i.var2 && x.b === i.var1));
      expect(Math.abs(mine.q - i.q12)).toBeLessThanOrEqual(1e-12);
    }
    expect(Object.keys(a.geodetector)).toEqual(expect.arrayContaining(["factors", "interactions", "risk", "ecological", "grid"]));
  });
});
