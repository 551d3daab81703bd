/**
 * --missing interpolate (issue 12): on a hand-made panel with two gaps, an interior gap is
 * filled linearly in time and an end gap with the nearest value; every filled cell is listed
 * (unit, period, column, value); error stays the default, naming the cell; drop drops the rows.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPanel } from "../../src/report/panel";
import { analysisToJson, runReport } from "../../src/report/pipeline";
import { parseOptions } from "../../src/report/options";
import { main } from "../../src/cli/main";
import { runCli } from "../helpers";
import { optionFormModel } from "../../src/taskpane/ui/optionsForm";
import type { Cell } from "../../src/report/csv";

const header = ["Province", "Year", "GDP", "Green", "X1"];
// A 2012 GDP empty (between 10 and 16: 12 — 2011..2014 is 10, _, 14, 16? no: 10, _, 16 at 2013 gives 13);
// B 2014 Green empty (the end: nearest is 2013's 0.7)
const rows: Cell[][] = [
  ["A", 2011, 10, 0.5, 1.5],
  ["A", 2012, null, 0.55, 2.5],
  ["A", 2013, 16, 0.6, 3.5],
  ["A", 2014, 18, 0.65, 4.5],
  ["B", 2011, 20, 0.4, 5.5],
  ["B", 2012, 22, 0.5, 6.5],
  ["B", 2013, 24, 0.7, 7.5],
  ["B", 2014, 26, "", 8.5],
  ["C", 2011, 5, 0.32, 9.5],
  ["C", 2012, 6, 0.3, 10.5],
  ["C", 2013, 7, 0.35, 11.5],
  ["C", 2014, 8, 0.45, 12.5],
];
const roles = JSON.stringify({
  id: "Province",
  time: "Year",
  subsystems: { Economy: [{ column: "GDP", direction: "+" }], Environment: [{ column: "Green", direction: "+" }] },
  factors: ["X1"],
});
const cells = (): Cell[][] => [header, ...rows.map((r) => [...r])];

describe("missing values: error, drop, interpolate", () => {
  it("error (default) names the first empty cell", () => {
    expect(() => buildPanel(cells(), roles)).toThrow(/row 3, column "GDP"/);
  });
  it("drop (and --drop-incomplete) drops the two rows", () => {
    const p = buildPanel(cells(), roles, { missing: "drop" });
    expect(p.dropped.map((d) => d.row)).toEqual([3, 9]);
    expect(buildPanel(cells(), roles, { dropIncomplete: true }).dropped).toEqual(p.dropped);
  });
  it("interpolate fills A 2012 GDP = 13 (linear between 2011 and 2013) and B 2014 Green = 0.7 (nearest), listing both", () => {
    const p = buildPanel(cells(), roles, { missing: "interpolate" });
    expect(p.dropped).toEqual([]);
    const gdp = p.indicators.find((i) => i.column === "GDP")!;
    const green = p.indicators.find((i) => i.column === "Green")!;
    expect(gdp.values[1]).toBe(13);
    expect(green.values[7]).toBe(0.7);
    expect(p.filled).toEqual([
      { unit: "A", period: "2012", column: "GDP", value: 13, how: "linear", row: 3 },
      { unit: "B", period: "2014", column: "Green", value: 0.7, how: "nearest", row: 9 },
    ]);
    expect(p.warnings).toContain(
      'filled 2 empty cells by interpolation within each unit (linear in time, nearest value at the ends): A 2012 "GDP" = 13; B 2014 "Green" = 0.7',
    );
  });
  it("interpolate fills a numeric factor's gap too, and a text cell 'n/a' there", () => {
    const c = cells();
    c[6][4] = "n/a"; // B 2012 X1, between 5.5 and 7.5
    const p = buildPanel(c, roles, { missing: "interpolate" });
    expect(p.factors[0].values[5]).toBe(6.5);
    expect(p.filled.map((f) => `${f.unit} ${f.period} ${f.column}`)).toEqual(["A 2012 GDP", "B 2012 X1", "B 2014 Green"]);
  });
});

describe("--missing interpolate through the report, the JSON and the command line", () => {
  const csv = [header.join(","), ...rows.map((r) => r.map((c) => (c === null ? "" : String(c))).join(","))].join("\n") + "\n";
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-interp-"));
    fs.writeFileSync(path.join(dir, "panel.csv"), csv);
    fs.writeFileSync(path.join(dir, "roles.json"), roles);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the Summary lists every filled cell (unit, period, column, value) and the JSON keeps them under filled", async () => {
    const r = await runReport(cells(), roles, parseOptions({ missing: "interpolate" }));
    const summary = r.report.sheets[0];
    const t = summary.tables.find((x) => x.title === "Cells filled by interpolation (option missing)")!;
    expect(t.rows).toEqual([
      { unit: "A", period: "2012", column: "GDP", value: 13, how: "linear in time" },
      { unit: "B", period: "2014", column: "Green", value: 0.7, how: "nearest value" },
    ]);
    expect(r.headlines).toContain("2 empty cells were filled by interpolation within each unit (listed in the Summary).");
    const json = JSON.parse(analysisToJson(r));
    expect(json.options.missing).toBe("interpolate");
    expect(json.filled).toEqual([
      { unit: "A", period: "2012", column: "GDP", value: 13, how: "linear", row: 3 },
      { unit: "B", period: "2014", column: "Green", value: 0.7, how: "nearest", row: 9 },
    ]);
  });

  it("command line: --missing interpolate; --drop-incomplete stays an alias of drop; the two together are refused; --help lists the new options", async () => {
    const json = path.join(dir, "r.json");
    const report = (...flags: string[]) =>
      runCli(main, [
        path.join(dir, "panel.csv"),
        "--roles",
        path.join(dir, "roles.json"),
        "--out",
        path.join(dir, "r.xlsx"),
        "--json",
        json,
        "--quiet",
        ...flags,
      ]);
    const ok = await report("--missing", "interpolate");
    expect(ok.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(json, "utf8")).filled).toHaveLength(2);
    const drop = await report("--drop-incomplete");
    expect(drop.code).toBe(0);
    const j = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(j.data.observations).toBe(10);
    expect(j.options.missing).toBe("drop"); // the alias shows as the option's value
    const both = await report("--drop-incomplete", "--missing", "interpolate");
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/--drop-incomplete \(missing drop\) contradicts --missing interpolate/);
    const help = await runCli(main, ["--help"]);
    for (const key of ["missing", "groupStrata", "geoTest", "optimalMethods", "optimalK", "hakenAlpha", "hakenRequireSignificance", "hakenOrder"])
      expect(help.out).toContain(`--${key} `);
    expect(help.out).toMatch(/--missing error\|drop\|interpolate/);
  });
});

describe("the pane's options form offers the new options (from the registry)", () => {
  it("missing with its three choices, and the geodetector and Haken options of issue 12", () => {
    const fields = optionFormModel(undefined, "en").flatMap((g) => g.fields);
    const field = (key: string) => fields.find((f) => f.key === key)!;
    expect(field("missing").choices).toEqual(["error", "drop", "interpolate"]);
    expect(field("groupStrata").choices).toEqual(["national", "within"]);
    expect(field("geoTest").choices).toEqual(["noncentral", "central"]);
    expect(field("hakenOrder").choices).toEqual(["auto", "A", "B"]);
    for (const key of ["optimalMethods", "optimalK", "hakenAlpha", "hakenRequireSignificance"]) expect(field(key)).toBeDefined();
  });
});
