/**
 * The whole pipeline on the reference panels (tests/fixtures/indices: an independent
 * numpy/scipy implementation of METHODS.md), on the bundled sample and on the seed paper's
 * Table 3, comparing every number the reference has at its stated tolerance.
 */
import * as fs from "fs";
import * as path from "path";
import { isCancelled, runReport, PipelineResult } from "../../src/report/pipeline";
import { Analysis, Observation } from "../../src/report/analysis";
import { coordinationByGroupSheet, groupMeansStage } from "../../src/report/sections/groupMeans";
import { DEFAULT_OPTIONS, parseOptions } from "../../src/report/options";
import { parseCsv, Cell } from "../../src/report/csv";
import { RolesFile } from "../../src/report/roles";
import { Panel } from "../../src/report/panel";
import { entropyWeights } from "../../src/engine/weights";
import { compositeIndex } from "../../src/engine/composite";
import { coupling } from "../../src/engine/coupling";
import { classify, discretize } from "../../src/engine/geodetector/discretize";
import { factorDetector } from "../../src/engine/geodetector/factorDetector";
import { expectAllClose, loadFixture, FIXTURES } from "../helpers";

const TOL = 1e-9;

/** Cells and roles of a reference panel (inputs_panel_a/b.json). */
function referencePanel(name: string, groupKey: string): { cells: Cell[][]; roles: RolesFile; P: any } {
  const P = loadFixture(name);
  const header: Cell[] = ["unit", "year", "group", ...P.indicators];
  const cells: Cell[][] = [header, ...P.X.map((row: number[], i: number) => [P.units[i], P.years[i], P[groupKey][i], ...row])];
  const subsystems: Record<string, Array<{ column: string; direction: "+" | "-" }>> = {};
  P.indicators.forEach((ind: string, j: number) => {
    (subsystems[P.subsystem[j]] ??= []).push({ column: ind, direction: P.directions[j] });
  });
  return { cells, roles: { id: "unit", time: "year", group: "group", subsystems }, P };
}

/** Observations come out sorted by unit then period; map them back to the reference row order. */
function inInputOrder(a: Analysis, P: any): Observation[] {
  const key = (id: string, t: number) => `${id}\u0000${t}`;
  const m = new Map(a.observations.map((o) => [key(o.id, o.time), o]));
  return P.units.map((u: string, i: number) => {
    const o = m.get(key(u, P.years[i]));
    if (!o) throw new Error(`no observation for ${u} ${P.years[i]}`);
    return o;
  });
}

describe("pipeline on reference panel a (entropy, global, standard C)", () => {
  let result: PipelineResult;
  let a: Analysis;
  let P: any;
  beforeAll(async () => {
    const ref = referencePanel("inputs_panel_a.json", "region");
    P = ref.P;
    result = await runReport(ref.cells, ref.roles, DEFAULT_OPTIONS);
    a = result.analysis as Analysis;
  });

  it("weights equal entropy.json global_shift0", () => {
    const e = loadFixture("entropy.json").global_shift0;
    for (const [sub, block] of [
      ["U1", e.U1_subsystem],
      ["U2", e.U2_subsystem],
    ] as const) {
      const w = a.weights.filter((x) => x.subsystem === sub);
      expectAllClose(
        w.map((x) => x.weight),
        block.w,
        TOL,
        `${sub} w`,
      );
      expectAllClose(
        w.map((x) => x.e!),
        block.e,
        TOL,
        `${sub} e`,
      );
      expectAllClose(
        w.map((x) => x.d!),
        block.d,
        TOL,
        `${sub} d`,
      );
    }
  });

  it("U, C, T, D and grades equal ccd.json global_shift0", () => {
    const c = loadFixture("ccd.json").global_shift0;
    const obs = inInputOrder(a, P);
    expectAllClose(
      obs.map((o) => o.U.U1),
      c.U1,
      TOL,
      "U1",
    );
    expectAllClose(
      obs.map((o) => o.U.U2),
      c.U2,
      TOL,
      "U2",
    );
    expectAllClose(
      obs.map((o) => o.C as number),
      c.standard.C,
      TOL,
      "C",
    );
    expectAllClose(
      obs.map((o) => o.T),
      c.standard.T,
      TOL,
      "T",
    );
    expectAllClose(
      obs.map((o) => o.D as number),
      c.standard.D,
      TOL,
      "D",
    );
    expect(obs.map((o) => o.gradeNo)).toEqual(c.standard.grade_left);
    expect(obs.map((o) => o.grade)).toEqual(c.grade_labels_en);
  });

  it("group means by year equal D_mean_by_year and D_mean_by_year_region", () => {
    const c = loadFixture("ccd.json").global_shift0;
    const all = a.groupMeans.filter((m) => m.group === "All");
    expect(all.map((m) => m.period)).toEqual(Object.keys(c.D_mean_by_year));
    expectAllClose(
      all.map((m) => m.D),
      Object.values(c.D_mean_by_year) as number[],
      TOL,
      "all",
    );
    for (const [g, byYear] of Object.entries(c.D_mean_by_year_region) as [string, Record<string, number>][]) {
      const rows = a.groupMeans.filter((m) => m.group === g);
      expect(rows.map((m) => m.period)).toEqual(Object.keys(byYear));
      expectAllClose(
        rows.map((m) => m.D),
        Object.values(byYear),
        TOL,
        g,
      );
    }
  });

  it("kernel densities equal kde.json (Silverman, grid 0..1 step 0.01) nationally and by region", () => {
    const k = loadFixture("kde.json");
    expectAllClose(a.density[0].x, k.grid, 1e-12, "grid");
    for (const [year, ref] of Object.entries(k.national) as [string, any][]) {
      const d = a.density.find((x) => x.group === "All" && x.period === year)!;
      expect(d.n).toBe(ref.n);
      expect(Math.abs(d.bandwidth - ref.bw.silverman)).toBeLessThanOrEqual(TOL);
      expectAllClose(d.f, ref.density_silverman, TOL, `density ${year}`);
    }
    for (const [region, years] of Object.entries(k.region) as [string, any][]) {
      for (const [year, ref] of Object.entries(years) as [string, any][]) {
        const d = a.density.find((x) => x.group === region && x.period === year)!;
        expect(Math.abs(d.bandwidth - ref.bw_silverman)).toBeLessThanOrEqual(TOL);
        expectAllClose(d.f, ref.density_silverman, TOL, `${region} ${year}`);
      }
    }
  });

  it("builds every sheet of the report", () => {
    expect(result.report.sheets.map((s) => s.name)).toEqual([
      "Summary",
      "T2 Indicator system",
      "Descriptive statistics",
      "Weights",
      "T1 Grade standard",
      "Scores",
      "Coordination by group",
      "Grades",
      "Density",
      "Haken",
      "Regional differences",
      "Transitions",
      "Obstacles",
      "Reproduce",
    ]);
  });
});

describe("pipeline on reference panel b (CRITIC, Haken)", () => {
  let a: Analysis;
  let P: any;
  beforeAll(async () => {
    const ref = referencePanel("inputs_panel_b.json", "region8");
    P = ref.P;
    a = (await runReport(ref.cells, ref.roles, parseOptions({ weighting: "critic" }))).analysis as Analysis;
  });

  it("CRITIC weights and U equal critic.json global_ddof1", () => {
    const c = loadFixture("critic.json").global_ddof1;
    for (const sub of ["NQPF", "NTU"]) {
      const w = a.weights.filter((x) => x.subsystem === sub);
      expectAllClose(
        w.map((x) => x.weight),
        c[sub].w,
        TOL,
        `${sub} w`,
      );
      expectAllClose(
        w.map((x) => x.conflict!),
        c[sub].conflict,
        TOL,
        `${sub} conflict`,
      );
      expectAllClose(
        w.map((x) => x.information!),
        c[sub].C,
        TOL,
        `${sub} C`,
      );
      expectAllClose(
        inInputOrder(a, P).map((o) => o.U[sub]),
        c[sub].U,
        TOL,
        `${sub} U`,
      );
    }
  });

  it("Haken model equals haken.json pooled_noconst, with its order parameter and evolution levels", () => {
    const h = loadFixture("haken.json");
    const ref = h.pooled_noconst;
    const m = a.haken!.model;
    for (const k of ["gamma1", "gamma2", "a", "b"] as const) {
      expect(Math.abs(m.fitA.params[k].estimate - ref.fit_NQPF_as_q1.params[k])).toBeLessThanOrEqual(TOL);
      expect(Math.abs(m.fitB.params[k].estimate - ref.fit_NTU_as_q1.params[k])).toBeLessThanOrEqual(TOL);
    }
    expect(m.fitA.adiabatic).toBe(ref.fit_NQPF_as_q1.adiabatic);
    expect(m.fitB.adiabatic).toBe(ref.fit_NTU_as_q1.adiabatic);
    const obs = inInputOrder(a, P);
    const byKey = new Map(a.observations.map((o, i) => [o, a.haken!.levels[i]]));
    expectAllClose(
      obs.map((o) => byKey.get(o)!),
      h.evolution_levels["distance_qV|1-d/dmax"],
      TOL,
      "h",
    );
  });
});

describe("pipeline on the bundled sample panel", () => {
  let result: PipelineResult;
  let a: Analysis;
  const samples = path.join(__dirname, "..", "..", "samples");
  beforeAll(async () => {
    const cells = parseCsv(fs.readFileSync(path.join(samples, "sample-panel.csv"), "utf8"));
    result = await runReport(cells, fs.readFileSync(path.join(samples, "sample-panel.roles.json"), "utf8"), DEFAULT_OPTIONS);
    a = result.analysis as Analysis;
  });

  it("agrees with the engine called directly on the same columns", () => {
    const cells = parseCsv(fs.readFileSync(path.join(samples, "sample-panel.csv"), "utf8"));
    const roles = JSON.parse(fs.readFileSync(path.join(samples, "sample-panel.roles.json"), "utf8"));
    const header = cells[0] as string[];
    // rows sorted by province (first appearance) then year, as the panel does
    const body = cells.slice(1);
    const provinces = [...new Set(body.map((r) => r[header.indexOf(roles.id)] as string))];
    const sorted = [...body].sort(
      (x, y) =>
        provinces.indexOf(x[header.indexOf(roles.id)] as string) - provinces.indexOf(y[header.indexOf(roles.id)] as string) ||
        (x[header.indexOf(roles.time)] as number) - (y[header.indexOf(roles.time)] as number),
    );
    const U = Object.entries(roles.subsystems as Record<string, Array<{ column: string; direction: "+" | "-" }>>).map(([, inds]) => {
      const X = sorted.map((r) => inds.map((i) => r[header.indexOf(i.column)] as number));
      return compositeIndex(entropyWeights(X, { directions: inds.map((i) => i.direction) })).U;
    });
    const ccd = coupling(sorted.map((_, i) => U.map((u) => u[i])));
    expectAllClose(
      a.observations.map((o) => o.D as number),
      ccd.D as number[],
      1e-12,
      "D",
    );
    expect(a.observations.map((o) => o.id)).toEqual(sorted.map((r) => r[header.indexOf(roles.id)]));
  });

  it("has 310 observations, 3 groups and the geodetector on the first, middle and last year", () => {
    expect(a.data.observations).toBe(310);
    expect(a.data.groups).toEqual(["East", "Central", "West"]);
    expect(a.geodetector!.periods).toEqual(["2011", "2015", "2020"]);
    expect(a.geodetector!.groups).toEqual(["All", "East", "Central", "West"]);
    expect(result.report.sheets.map((s) => s.name)).toContain("Geodetector");
  });

  it("groups (default groupStrata national): X1 discretized once on all 31 provinces, q within each region on those strata = the engine with the national breaks", () => {
    const geo = a.geodetector!;
    const cells = parseCsv(fs.readFileSync(path.join(samples, "sample-panel.csv"), "utf8"));
    const header = cells[0] as string[];
    const body = cells.slice(1).filter((r) => r.some((c) => c !== null && c !== ""));
    for (const period of geo.periods) {
      const all = geo.factors.find((f) => f.group === "All" && f.period === period && f.factor.startsWith("X1"))!;
      expect([all.method, all.k]).toEqual(["natural", 6]);
      // the national breaks, from the engine on the 31 provinces' X1 of that year
      const x1 = header.findIndex((h) => h.startsWith("X1"));
      const rows = body.filter((r) => String(r[header.indexOf("Year")]) === period);
      const national = discretize(
        rows.map((r) => r[x1] as number),
        { method: "natural", k: 6 },
      );
      expect(all.breaks).toEqual(national.breaks);
      for (const g of ["East", "Central", "West"]) {
        const row = geo.factors.find((f) => f.group === g && f.period === period && f.factor.startsWith("X1"))!;
        expect(row.breaks).toEqual(national.breaks);
        const obs = a.observations.filter((o) => o.period === period && o.group === g);
        const x = obs.map((o) => rows.find((r) => r[header.indexOf("Province")] === o.id)![x1] as number);
        const codes = classify(x, national.breaks).codes;
        const direct = factorDetector(
          obs.map((o) => o.D),
          codes,
        );
        expect(row.q).toBe(direct.q);
        expect(row.pCentral).toBe(direct.pCentral);
      }
    }
  });

  it("groupStrata within: a small group is re-discretized by the whole period's kind, with k lowered to n/2", async () => {
    const cells = parseCsv(fs.readFileSync(path.join(samples, "sample-panel.csv"), "utf8"));
    const w = (await runReport(cells, fs.readFileSync(path.join(samples, "sample-panel.roles.json"), "utf8"), parseOptions({ groupStrata: "within" })))
      .analysis as Analysis;
    const geo = w.geodetector!;
    const all = geo.factors.find((f) => f.group === "All" && f.period === "2011" && f.factor.startsWith("X1"))!;
    expect([all.method, all.k]).toEqual(["natural", 6]);
    // Central has 8 provinces: still natural breaks (not one stratum per province), at most 4 classes.
    const central = geo.factors.find((f) => f.group === "Central" && f.period === "2011" && f.factor.startsWith("X1"))!;
    expect([central.method, central.k, central.n]).toEqual(["natural", 4, 8]);
    expect(central.q).toBeLessThan(1);
    expect(central.p).not.toBeNull();
    const lowered = w.warnings.filter((x) => x.includes("units allow at most"));
    expect(lowered).toContain("Geodetector Central 2011: 8 units allow at most 4 classes; numeric factors use k = 4 instead of 6.");
    expect(lowered).toHaveLength(6); // East and Central, once per geodetector period
  });

  it("the group column as a factor: q of the region over all units; skipped within a region with the reason", async () => {
    const cells = parseCsv(fs.readFileSync(path.join(samples, "sample-panel.csv"), "utf8"));
    const roles = JSON.parse(fs.readFileSync(path.join(samples, "sample-panel.roles.json"), "utf8"));
    roles.factors = [...roles.factors, "Region"];
    const r = (await runReport(cells, roles, DEFAULT_OPTIONS)).analysis as Analysis;
    const all = r.geodetector!.factors.find((f) => f.group === "All" && f.period === "2011" && f.factor === "Region")!;
    expect(all.method).toBe("categorical");
    const obs = r.observations.filter((o) => o.period === "2011");
    expect(all.q).toBe(
      factorDetector(
        obs.map((o) => o.D),
        obs.map((o) => o.group),
      ).q,
    );
    const east = r.geodetector!.factors.find((f) => f.group === "East" && f.period === "2011" && f.factor === "Region")!;
    expect(east.q).toBeNull();
    expect(east.reason).toBe("the group column is constant within the group East: its q is computed over all units only");
  });
});

describe("Coordination by group on the seed paper's Table 3 (real, published)", () => {
  it("regional means by year equal the paper's mean rows to ±0.001", () => {
    const rows = parseCsv(fs.readFileSync(path.join(FIXTURES, "seed-table3-ccd.csv"), "utf8"));
    const body = rows.slice(1).filter((r) => r.some((c) => c !== null)); // province, region, year, D
    const years = [...new Set(body.map((r) => r[2] as number))].sort((x, y) => x - y);
    const obs: Observation[] = body.map((r) => ({
      id: String(r[0]),
      time: r[2] as number,
      period: String(r[2]),
      group: String(r[1]),
      U: {},
      C: 1,
      T: 0,
      D: r[3] as number,
      grade: "",
      gradeNo: 0,
      broadClass: "",
      stage: "",
      relativeType: null,
    }));
    const panel = { groups: obs.map((o) => o.group!), subsystems: [], periods: years, periodLabels: years.map(String) } as unknown as Panel;
    const means = groupMeansStage(panel, obs);
    // Seed paper 000, Table 3 "Mean value" rows (2011 and 2020 printed in the paper and shared/README).
    const paper: Record<string, [number, number]> = { East: [0.457, 0.552], Central: [0.335, 0.499], West: [0.352, 0.473], All: [0.385, 0.508] };
    for (const [g, [first, last]] of Object.entries(paper)) {
      const m = means.filter((x) => x.group === g);
      expect(Math.abs(m[0].D - first)).toBeLessThanOrEqual(0.001 + 1e-12);
      expect(Math.abs(m[m.length - 1].D - last)).toBeLessThanOrEqual(0.001 + 1e-12);
    }
    // The report's Table 3 sheet carries the same mean rows.
    const a = { data: { periods: years.map(String), groups: ["East", "Central", "West"] }, observations: obs, groupMeans: means } as unknown as Analysis;
    const t3 = coordinationByGroupSheet(a).tables[0];
    const meanRows = t3.groupRows!.map((i) => t3.rows[i]);
    expect(meanRows.map((r) => r.group)).toEqual(["East", "Central", "West", "All"]);
    expect(t3.rows.length).toBe(31 + 4);
    for (const r of meanRows) {
      const [first, last] = paper[String(r.group)];
      expect(Math.abs((r.p0 as number) - first)).toBeLessThanOrEqual(0.001 + 1e-12);
      expect(Math.abs((r[`p${years.length - 1}`] as number) - last)).toBeLessThanOrEqual(0.001 + 1e-12);
    }
  });
});

describe("small groups never fail the report", () => {
  it("a one-unit group gets warnings and empty cells, and every other number is unchanged", async () => {
    const samples = path.join(__dirname, "..", "..", "samples");
    const cells = parseCsv(fs.readFileSync(path.join(samples, "sample-panel.csv"), "utf8"));
    const roles = fs.readFileSync(path.join(samples, "sample-panel.roles.json"), "utf8");
    const base = (await runReport(cells, roles, DEFAULT_OPTIONS)).analysis as Analysis;
    const regionCol = (cells[0] as string[]).indexOf("Region");
    const edited = cells.map((r, i) => (i > 0 && r[0] === "Xizang" ? r.map((c, j) => (j === regionCol ? "Solo" : c)) : r));
    const a = (await runReport(edited, roles, DEFAULT_OPTIONS)).analysis as Analysis;
    expect(a.data.groups).toContain("Solo");
    expect(a.warnings.join("\n")).toMatch(/Geodetector Solo 2011: fewer than 2 units; skipped/);
    expect(a.warnings.join("\n")).toMatch(/Density: Solo 2011 has fewer than two distinct values/);
    expect(a.density.some((d) => d.group === "Solo")).toBe(false);
    // weights, U and D do not depend on the grouping
    expectAllClose(
      a.observations.map((o) => o.D as number),
      base.observations.map((o) => o.D as number),
      0,
      "D",
    );
    // the Solo group's mean equals Tibet's own D
    const tibet2020 = a.observations.find((o) => o.id === "Xizang" && o.period === "2020")!;
    expect(a.groupMeans.find((m) => m.group === "Solo" && m.period === "2020")!.D).toBe(tibet2020.D);
  });
});

describe("issue 11: one observation whose U are all 0", () => {
  // P1 2018 is the minimum of every (benefit) indicator: U = 0 in both subsystems, so C and D are undefined
  const cells = (): Cell[][] => {
    const rows: Cell[][] = [["unit", "year", "region", "a1", "a2", "b1", "b2", "f1"]];
    ["P1", "P2", "P3", "P4", "P5", "P6"].forEach((u, i) =>
      [2018, 2019, 2020].forEach((y, t) => {
        const z = i === 0 && t === 0;
        rows.push([
          u,
          y,
          i < 3 ? "North" : "South",
          z ? 0 : 1 + i + t,
          z ? 0 : 2 + ((i * 3 + t) % 5),
          z ? 0 : 1 + t * i,
          z ? 0 : 3 + ((i + t) % 4),
          i * 10 + t,
        ]);
      }),
    );
    return rows;
  };
  const roles = {
    id: "unit",
    time: "year",
    group: "region",
    subsystems: {
      A: [
        { column: "a1", direction: "+" },
        { column: "a2", direction: "+" },
      ],
      B: [
        { column: "b1", direction: "+" },
        { column: "b2", direction: "+" },
      ],
    },
    factors: ["f1"],
  };

  it("leaves that row's C and D empty with the reason, goes on, and lists it in the Summary", async () => {
    const r = await runReport(cells(), roles as any, DEFAULT_OPTIONS);
    const a = r.analysis as Analysis;
    const zero = a.observations.find((x) => x.id === "P1" && x.period === "2018")!;
    expect(zero).toMatchObject({ C: null, D: null, grade: null, gradeNo: null, stage: null });
    expect(zero.reason).toMatch(/all subsystem scores U are 0/);
    // the methods that need D of every unit in every period are skipped with the reason, not aborted
    const skipped = (a as unknown as { skipped: Array<{ section: string; reason: string }> }).skipped;
    for (const id of ["dagum", "convergence", "markov"])
      expect(skipped.find((x) => x.section === id)?.reason).toMatch(/D is undefined for 1 observation\(s\) \(all U = 0, e\.g\. P1 2018\)/);
    expect(a.observations.filter((x) => x.D === null)).toHaveLength(1);
    expect(a.warnings.join("\n")).toMatch(/C and D are undefined for 1 observation: P1 2018 \(sheet row 2\)/);
    // means, grades and densities skip it: the North 2018 mean is over P2 and P3 only
    const north = a.groupMeans.find((m) => m.group === "North" && m.period === "2018")!;
    expect(north.n).toBe(2);
    expect(Number.isFinite(north.D)).toBe(true);
    const all2018 = a.groupMeans.find((m) => m.group === "All" && m.period === "2018")!;
    expect(all2018.n).toBe(5);
    expect(a.density.find((d) => d.group === "All" && d.period === "2018")!.n).toBe(5);
    for (const d of a.density) for (const f of d.f) expect(Number.isFinite(f)).toBe(true);
    expect(a.haken).not.toBeNull();
    const summary = r.report.sheets.find((s) => s.name === "Summary")!;
    expect(JSON.stringify(summary)).toMatch(/P1 2018/);
    const grades = r.report.sheets.find((s) => s.name === "Grades")!;
    const counted = grades.tables[0].rows.reduce((s, row) => s + (row.p0 as number), 0);
    expect(counted).toBe(5);
  });
});

describe("progress and cancel run section by section", () => {
  const samples = path.join(__dirname, "..", "..", "samples");
  const load = () => ({
    cells: parseCsv(fs.readFileSync(path.join(samples, "sample-panel.csv"), "utf8")),
    roles: fs.readFileSync(path.join(samples, "sample-panel.roles.json"), "utf8"),
  });

  it("reports each registered section in order with its label and a growing fraction", async () => {
    const { cells, roles } = load();
    const seen: Array<[string, number, string]> = [];
    await runReport(
      cells,
      roles,
      DEFAULT_OPTIONS,
      { onProgress: (stage, fraction, label) => void seen.push([stage, fraction, label.en]) },
      { sections: { skip: ["geodetector"] } },
    );
    expect(seen.map((s) => s[0])).toEqual([
      "reading",
      "data",
      "weights",
      "coupling",
      "groupMeans",
      "density",
      "haken",
      "dagum",
      "convergence",
      "markov",
      "obstacles",
      "report",
    ]);
    expect(seen.find((s) => s[0] === "haken")![2]).toBe("Haken model");
    for (let i = 1; i < seen.length; i++) expect(seen[i][1]).toBeGreaterThan(seen[i - 1][1]);
  });

  it("a cancel between sections is a CoordError with code CANCELLED, whatever its message", async () => {
    const { cells, roles } = load();
    const signal = { aborted: false };
    const run = runReport(cells, roles, DEFAULT_OPTIONS, { signal, onProgress: (stage) => void (stage === "density" && (signal.aborted = true)) });
    await expect(run).rejects.toMatchObject({ code: "CANCELLED" });
    expect(isCancelled(await run.catch((e) => e))).toBe(true);
    expect(isCancelled(new Error("cancelled"))).toBe(false);
  });
});
