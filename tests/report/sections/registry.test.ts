/**
 * A section registered at run time, without touching any other file, appears everywhere the
 * registry is read: --help, the pane's options form, the JSON (its option and its result), the
 * workbook (its sheet, the Summary's options table) and --skip / --sections (the Summary lists
 * what did not run). Its numbers are checked against the coupling results it reads, and it
 * reads an extra input given in the roles file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main, helpText } from "../../../src/cli/main";
import { column, sheet, table } from "../../../src/report/model";
import { defaultOptions, parseOptions, parseSectionChoice } from "../../../src/report/options";
import { registerSection, SECTIONS, SectionRegistry, BUILTIN_SECTIONS } from "../../../src/report/sections";
import { numberOption } from "../../../src/report/sections/optionKit";
import type { ReportSection } from "../../../src/report/sections/types";
import { optionFormModel } from "../../../src/taskpane/ui/optionsForm";
import { runCli } from "../../helpers";

interface DummyResult {
  periods: Array<{ period: string; scaledMeanD: number }>;
  label: string;
}

/** Mean D per period times the option dummyScale; the label comes from the roles' "dummyInput". */
const dummy: ReportSection<DummyResult> = {
  id: "dummy",
  title: { en: "Dummy analysis", zh: "示例分析" },
  progress: { en: "Dummy analysis", zh: "示例分析" },
  jsonKey: "dummyResult",
  needs: ["coupling"],
  options: [
    numberOption(
      { key: "dummyScale", default: 2, label: { en: "Scale", zh: "倍数" }, help: { en: "factor applied to mean D", zh: "D 均值的倍数" } },
      { min: 0 },
    ),
  ],
  notApplicable: (ctx) => (typeof ctx.inputs.dummyInput === "string" ? null : { reason: 'the roles give no "dummyInput"', warn: true }),
  run(ctx) {
    const obs = ctx.results.coupling!;
    const scale = (ctx.options as unknown as { dummyScale: number }).dummyScale;
    const periods = [...new Set(obs.map((o) => o.period))].map((period) => {
      const ds = obs.filter((o) => o.period === period).map((o) => o.D as number);
      return { period, scaledMeanD: (scale * ds.reduce((s, x) => s + x, 0)) / ds.length };
    });
    return { periods, label: ctx.inputs.dummyInput as string };
  },
  sheets: (r) => [
    sheet("Dummy", [
      table(
        [column("period", "Period", "text"), column("v", r.label, "0.0000")],
        r.periods.map((p) => ({ period: p.period, v: p.scaledMeanD })),
        { title: "Dummy table" },
      ),
    ]),
  ],
  headlines: (r) => [`Dummy: ${r.periods.length} periods.`],
};

let dir: string;
let unregister: () => void;
beforeAll(() => {
  unregister = registerSection(dummy);
});
afterAll(() => unregister());
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-sections-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runCli(main, args);

/** 4 units x 3 years, two subsystems; `extra` keys go into the roles file. */
function files(extra: Record<string, unknown> = {}): { csv: string; roles: string } {
  const rows = [["unit", "year", "a1", "a2", "b1", "b2"]];
  ["P1", "P2", "P3", "P4"].forEach((u, i) =>
    [2018, 2019, 2020].forEach((y, t) =>
      rows.push([u, String(y), String(1 + i + t), String(10 - i + t * 2), String(3 + t * i), String(5 + ((i * 7 + t * 3) % 5))]),
    ),
  );
  const csv = path.join(dir, "panel.csv");
  fs.writeFileSync(csv, rows.map((r) => r.join(",")).join("\n"));
  const roles = path.join(dir, "roles.json");
  fs.writeFileSync(
    roles,
    JSON.stringify({
      id: "unit",
      time: "year",
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
      ...extra,
    }),
  );
  return { csv, roles };
}

describe("a section registered at run time", () => {
  it("is listed in --help with its option and default", () => {
    const help = helpText();
    expect(help).toContain("Dummy analysis (dummy):");
    expect(help).toMatch(/--dummyScale number\s+factor applied to mean D \[2\]/);
  });

  it("is a group of the pane's options form, in both languages", () => {
    const en = optionFormModel(SECTIONS, "en").find((g) => g.section === "dummy")!;
    expect(en.title).toBe("Dummy analysis");
    expect(en.fields).toEqual([expect.objectContaining({ key: "dummyScale", label: "Scale", default: "2", choices: null })]);
    expect(optionFormModel(SECTIONS, "zh").find((g) => g.section === "dummy")!.fields[0].label).toBe("倍数");
  });

  it("has its option parsed and defaulted like any other", () => {
    expect((defaultOptions() as unknown as Record<string, unknown>).dummyScale).toBe(2);
    expect((parseOptions({ dummyScale: "3" }) as unknown as Record<string, unknown>).dummyScale).toBe(3);
    expect(() => parseOptions({ dummyScale: "-1" })).toThrow("option dummyScale: '-1' is not valid; expected a number ≥ 0");
  });

  it("runs, reads its roles input, and appears in the JSON and the workbook", async () => {
    const { csv, roles } = files({ dummyInput: "Scaled mean D" });
    const out = path.join(dir, "r.xlsx");
    const json = path.join(dir, "r.json");
    const r = await run([csv, "--roles", roles, "--out", out, "--json", json, "--quiet", "--dummyScale", "3", "--skip", "haken"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Dummy: 3 periods.");
    const a = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(a.options.dummyScale).toBe(3);
    // the dummy's numbers against the coupling D of the same JSON
    for (const p of a.dummyResult.periods) {
      const ds = a.observations.filter((o: { period: string }) => o.period === p.period).map((o: { D: number }) => o.D);
      expect(Math.abs(p.scaledMeanD - (3 * ds.reduce((s: number, x: number) => s + x, 0)) / ds.length)).toBeLessThanOrEqual(1e-12);
    }
    expect(a.haken).toBeNull();
    expect(a.skipped).toEqual([
      { section: "geodetector", reason: "not applicable: the roles name no factors; no geodetector tables." },
      { section: "haken", reason: "skipped (--skip)" },
      { section: "spatial", reason: 'not applicable: no spatial weights (give --weights or "weights" in the roles)' },
      { section: "dagum", reason: "not applicable: the Dagum decomposition needs a group column with at least two groups" },
      { section: "spatialMarkov", reason: 'not applicable: no spatial weights (give --weights or "weights" in the roles)' },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain("Dummy");
    expect(names).not.toContain("Haken");
    const d = wb.getWorksheet("Dummy")!;
    expect(d.getCell("B2").value).toBe("Scaled mean D");
    expect(d.getCell("B3").value).toBeCloseTo(a.dummyResult.periods[0].scaledMeanD, 12);
    const summary: string[] = [];
    wb.getWorksheet("Summary")!.eachRow((row) => summary.push((row.values as unknown[]).slice(1).map(String).join(" | ")));
    expect(summary).toContain("dummyScale | 3 | factor applied to mean D");
    expect(summary).toContain("Haken model | haken | skipped (--skip)");
  });

  it("is not applicable without its input: not run, a warning, no sheet", async () => {
    const { csv, roles } = files();
    const json = path.join(dir, "r.json");
    const r = await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--json", json, "--quiet", "--sections", "dummy"]);
    expect(r.code).toBe(0);
    const a = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(a.dummyResult).toBeNull();
    expect(a.warnings).toContain('Dummy analysis: the roles give no "dummyInput"');
    // --sections dummy runs what it needs (weights, coupling) and nothing else
    expect(a.skipped.map((s: { section: string }) => s.section)).toEqual([
      "groupMeans",
      "density",
      "geodetector",
      "haken",
      "spatial",
      "dagum",
      "convergence",
      "markov",
      "spatialMarkov",
      "obstacles",
      "dummy",
    ]);
    expect(a.observations).toHaveLength(12);
  });

  it("names the known sections when --sections has an unknown one", async () => {
    expect(() => parseSectionChoice({ sections: "weights,nosuch" })).toThrow(
      "option sections: no section 'nosuch'; the sections are data, weights, coupling, groupMeans, density, geodetector, haken, spatial, dagum, convergence, markov, spatialMarkov, obstacles, dummy",
    );
  });

  it("cannot take an id, JSON key or option another section has", () => {
    const reg = new SectionRegistry(BUILTIN_SECTIONS);
    expect(() => reg.register({ ...dummy, id: "haken" })).toThrow("section haken: id 'haken' is already used by another section");
    expect(() => reg.register({ ...dummy, jsonKey: "density" })).toThrow("JSON key 'density'");
    expect(() => reg.register({ ...dummy, options: [{ ...dummy.options[0], key: "k" }] })).toThrow("option 'k'");
  });
});
