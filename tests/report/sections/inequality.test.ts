/**
 * The report sections dagum, convergence, markov, spatialMarkov and obstacles on the sample
 * panel: the JSON (as --json writes it) against ../shared/reference/inequality/expected/
 * sample-panel.json at the README's tolerances (1e-12 for Dagum, P, steady states; 1e-10
 * relative for first passage times; exact class ids and counts; obstacle degrees at 1e-12
 * percent points), the options (--markovClasses, --obstacleWeighting, --obstacleTop) and the
 * sheets (Regional differences, Transitions, Obstacles).
 */
import * as fs from "fs";
import * as path from "path";
import { analysisToJson, runReport, PipelineResult } from "../../../src/report/pipeline";
import { DEFAULT_OPTIONS, parseOptions } from "../../../src/report/options";
import { parseCsv } from "../../../src/report/csv";
import { SECTIONS } from "../../../src/report/sections";
import { obstaclesSheet } from "../../../src/report/sections/obstacles";
import { writeReportXlsx } from "../../../src/writer/xlsx";
import JSZip from "jszip";
import { describeRef, expectMatrixClose, expectVectorClose, infToNull, sampleRef } from "../../engine/inequality/reference";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const TOL = 1e-12;

async function run(options = DEFAULT_OPTIONS): Promise<{ result: PipelineResult; json: any }> {
  const cells = parseCsv(fs.readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8"));
  const roles = fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8");
  const result = await runReport(cells, roles, options);
  return { result, json: JSON.parse(analysisToJson(result)) };
}

describe("inequality sections: registry and options", () => {
  it("are registered in order, with their JSON keys and options", () => {
    const ids = SECTIONS.sections.map((s) => s.id);
    expect(ids.slice(ids.indexOf("dagum"))).toEqual(["dagum", "convergence", "markov", "spatialMarkov", "obstacles"]);
    expect(SECTIONS.sections.filter((s) => ids.indexOf(s.id) >= ids.indexOf("dagum")).map((s) => s.jsonKey)).toEqual([
      "dagum",
      "convergence",
      "markov",
      "spatialMarkov",
      "obstacles",
    ]);
    const keys = SECTIONS.options().map((o) => o.key);
    for (const k of ["markovClasses", "markovLagClasses", "obstacleWeighting", "obstacleTop"]) expect(keys).toContain(k);
  });
  it("parse and normalise their values; bad values name the option", () => {
    const o = parseOptions({ markovClasses: " Cutoffs:0.3, 0.4,0.5,0.6 : LEFT ", obstacleWeighting: "within", obstacleTop: "3" });
    expect([o.markovClasses, o.obstacleWeighting, o.obstacleTop]).toEqual(["cutoffs:0.3,0.4,0.5,0.6:left", "within", 3]);
    expect(parseOptions({ markovClasses: "grades" }).markovClasses).toBe("grades");
    expect(() => parseOptions({ markovClasses: "deciles" })).toThrow(
      "option markovClasses: 'deciles' is not valid; expected quantile:k, cutoffs:a,b,… (optionally :left or :right) or grades",
    );
    expect(() => parseOptions({ obstacleTop: "0" })).toThrow(/option obstacleTop: '0' is not valid/);
    expect(() => parseOptions({ markovLagClasses: "mine" })).toThrow(/option markovLagClasses: 'mine' is not valid; expected own, same/);
  });
});

describeRef("report/sections/inequality.test")("inequality sections: the sample panel against the reference", () => {
  let out: { result: PipelineResult; json: any };
  beforeAll(async () => {
    out = await run();
  });

  it("dagum: every number of every year", () => {
    const e = sampleRef().sample_panel.dagum_by_region;
    const d = out.json.dagum;
    expect(d.map((p: any) => p.period)).toEqual(Object.keys(e));
    for (const p of d) {
      const x = e[p.period];
      expectVectorClose(
        [p.mu, p.G, p.Gw, p.Gnb, p.Gt, p.shareW, p.shareNb, p.shareT],
        [x.mu, x.G, x.G_w, x.G_nb, x.G_t, x.share_w, x.share_nb, x.share_t],
        TOL,
        `${p.period}`,
      );
      for (const g of p.groups)
        expectVectorClose(
          [g.mean, g.p, g.s, g.Gjj],
          [x.groups[g.name].mean, x.groups[g.name].p, x.groups[g.name].s, x.groups[g.name].G_jj],
          TOL,
          `${p.period} ${g.name}`,
        );
      for (const q of p.pairs) {
        const y = x.pairs[q.key];
        expect(q.high).toBe(y.high);
        expectVectorClose([q.Gjh, q.djh, q.pjh, q.Djh, q.Gnb, q.Gt], [y.G_jh, y.d_jh, y.p_jh, y.D_jh, y.G_nb_part, y.G_t_part], TOL, `${p.period} ${q.key}`);
      }
    }
  });

  it("convergence: σ (ddof 0) and pooled β", () => {
    const e = sampleRef().sample_panel;
    const c = out.json.convergence;
    expect(c.sigma.ddof).toBe(0);
    for (const r of c.sigma.overall)
      expectVectorClose([r.sd, r.cv], [e.sigma_convergence[r.period].sd_ddof0, e.sigma_convergence[r.period].cv_ddof0], TOL, `σ ${r.period}`);
    const b = e.beta_convergence_pooled_annual;
    expectVectorClose([c.beta.pooled.beta, c.beta.pooled.seBeta, c.beta.pooled.speed], [b.beta, b.se_beta, b.speed], TOL, "β");
    expect(c.sigma.byGroup.map((g: any) => g.group)).toEqual(["Central", "East", "West"]);
  });

  it("markov: quartile classes, counts, P, steady state, mfpt (∞ as null)", () => {
    const e = sampleRef().sample_panel.markov_quantile_k4;
    const m = out.json.markov;
    expect(m.spec).toBe("quantile:4");
    expectVectorClose(m.cutoffs, e.cutoffs, 1e-15, "cutoffs");
    expect(m.classIds).toEqual(e.class_ids);
    expect(m.classCounts).toEqual(e.class_counts_all_periods);
    expect(m.counts).toEqual(e.transitions);
    expectMatrixClose(m.P, e.P, TOL, "P");
    expect(m.recurrentClasses).toEqual(e.recurrent_classes);
    expectMatrixClose(
      m.steadyStates.map((s: any) => s.pi),
      e.steady_state,
      TOL,
      "steady",
    );
    expectMatrixClose(m.mfpt, infToNull(e.mfpt), 1e-10, "mfpt", true);
    expect(m.units).toEqual(sampleRef().sample_panel.units);
  });

  it("obstacles: O of every row, the top 5 with names, subsystem obstacles, means by year (global weighting)", () => {
    const e = sampleRef().sample_panel.obstacle;
    const x = out.json.obstacles;
    expect(x.indicators).toEqual(e.indicators);
    expectVectorClose(x.F, e["F_global_alpha0.5"], 1e-12, "F");
    expectMatrixClose(
      x.rows.map((r: any) => r.O),
      e.O_global_percent_rows_in_file_order,
      TOL,
      "O",
    );
    x.rows.forEach((r: any, i: number) => {
      const y = e.per_row[i];
      expect([r.id, Number(r.period)]).toEqual([y.id, y.time]);
      expect(r.top.map((t: any) => t.indicator)).toEqual(y.top5_global.map((t: [string, number]) => t[0]));
      expectVectorClose(
        r.top.map((t: any) => t.O),
        y.top5_global.map((t: [string, number]) => t[1]),
        TOL,
        `top ${i}`,
      );
      expectVectorClose(Object.values(r.subsystemObstacle) as number[], Object.values(y.subsystem_obstacle_global) as number[], TOL, `subsystems ${i}`);
    });
    for (const b of x.byPeriod) expectVectorClose(b.O, e.O_global_mean_over_units_by_year[b.period], TOL, `mean ${b.period}`);
  });

  it("obstacles within subsystems: the reference's per-subsystem O and tops", async () => {
    const e = sampleRef().sample_panel.obstacle;
    const w = await run(parseOptions({ obstacleWeighting: "within" }));
    const x = w.json.obstacles;
    expectMatrixClose(
      x.rows.map((r: any) => r.O),
      e.O_per_subsystem_percent_rows_in_file_order,
      TOL,
      "O within",
    );
    x.rows.forEach((r: any, i: number) => {
      const y = e.per_row[i].top5_within_subsystem;
      const expected = Object.keys(y).flatMap((s) => y[s] as Array<[string, number]>);
      expect(r.top.map((t: any) => t.indicator)).toEqual(expected.map((t) => t[0]));
    });
  });

  it("spatialMarkov is skipped without weights (the spatial section's reason); the sheets are written", () => {
    expect(out.json.spatialMarkov).toBeNull();
    expect(out.json.skipped).toEqual([
      expect.objectContaining({ section: "spatial", reason: expect.stringMatching(/spatial weights/) }),
      { section: "spatialMarkov", reason: 'not applicable: no spatial weights (give --weights or "weights" in the roles)' },
    ]);
    const names = out.result.report.sheets.map((s) => s.name);
    for (const n of ["Regional differences", "Transitions", "Obstacles"]) expect(names).toContain(n);
    const diff = out.result.report.sheets.find((s) => s.name === "Regional differences")!;
    expect(diff.tables.map((t) => t.title)).toEqual([
      "Dagum Gini decomposition of D by group (G = G_w + G_nb + G_t)",
      "Within-group Gini G_jj",
      "Between-group Gini G_jh and relative affluence D_jh (each pair oriented by that period's means)",
      expect.stringMatching(/^σ-convergence/),
      expect.stringMatching(/^Absolute β-convergence/),
    ]);
    expect(diff.charts.map((c) => c.type)).toEqual(["stackedColumn", "line"]);
    const tr = out.result.report.sheets.find((s) => s.name === "Transitions")!;
    // row: class at t; n per row; P to 3 decimals
    expect(tr.tables[0].columns.map((c) => c.format)).toEqual(["text", "0", "0.000", "0.000", "0.000", "0.000"]);
    expect(tr.tables[0].rows.map((r) => r.n)).toEqual([76, 77, 69, 57]);
    expect(tr.tables[3].rows[0].c0).toBe("∞");
    const ob = out.result.report.sheets.find((s) => s.name === "Obstacles")!;
    expect(ob.tables[2].rows[0]).toMatchObject({ unit: "Beijing", period: "2011", n0: "Forest area per capita (hectares)" });
  });

  it("the Obstacles sheet's top table (from the typed result) holds the JSON's tops, which match the reference", async () => {
    const fresh = await run();
    const ob = fresh.result.report.sheets.find((s) => s.name === "Obstacles")!;
    const rows = fresh.json.obstacles.rows as Array<{ id: string; period: string; top: Array<{ indicator: string; O: number }> }>;
    expect(ob.tables[2].rows).toHaveLength(310); // 31 provinces x 10 years
    expect(rows).toHaveLength(310);
    rows.forEach((r, i) => {
      const sheetRow = ob.tables[2].rows[i];
      expect([sheetRow.unit, sheetRow.period]).toEqual([r.id, r.period]);
      expect(r.top).toHaveLength(5);
      r.top.forEach((t, q) => {
        expect(sheetRow[`n${q}`]).toBe(t.indicator);
        expect(sheetRow[`o${q}`]).toBe(t.O);
      });
    });
    // the same sheet from the JSON read back (no typed result: the rows themselves)
    expect(obstaclesSheet(fresh.json.obstacles, { options: DEFAULT_OPTIONS }).tables).toEqual(ob.tables);
  });

  it("the contributions chart is a native stacked column chart in the workbook", async () => {
    const zip = await JSZip.loadAsync(await writeReportXlsx(out.result.report));
    const charts = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string")),
    );
    const contrib = charts.filter((x) => x.includes("Contributions to the Gini coefficient"));
    expect(contrib).toHaveLength(1);
    expect(contrib[0]).toContain('<c:grouping val="stacked"/>');
    expect(contrib[0]).toContain('<c:overlap val="100"/>');
    // the other column charts stay clustered
    expect(charts.filter((x) => x.includes("<c:barChart>") && !x.includes("Contributions")).every((x) => x.includes('<c:grouping val="clustered"/>'))).toBe(
      true,
    );
  });

  it("--markovClasses grades: ten classes, empty rows flagged", async () => {
    const g = await run(parseOptions({ markovClasses: "grades", obstacleTop: "3" }));
    expect(g.json.markov.k).toBe(10);
    expect(g.json.markov.emptyRows.length).toBeGreaterThan(0);
    expect(g.json.obstacles.rows[0].top).toHaveLength(3);
  });
});

describe("inequality sections: inputs they cannot use", () => {
  it("an unbalanced panel: Dagum, convergence and Markov do not apply, with the reason and a warning; obstacles still run", async () => {
    const cells = parseCsv(fs.readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8"));
    const dropped = cells.filter((r, i) => i === 0 || !(r[0] === "Hebei" && String(r[2]) === "2015"));
    const result = await runReport(dropped, fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8"), DEFAULT_OPTIONS);
    const json = JSON.parse(analysisToJson(result));
    for (const id of ["dagum", "convergence", "markov"]) {
      expect(json[id]).toBeNull();
      expect(json.skipped.find((s: { section: string }) => s.section === id).reason).toMatch(
        /the panel is unbalanced \(1 missing unit-periods, e\.g\. Hebei 2015\)/,
      );
    }
    expect(json.obstacles.rows).toHaveLength(309);
  });
  it("a D of 0: β-convergence is not computed (null, with the unit and period), σ is", async () => {
    const { convergenceSection } = await import("../../../src/report/sections/differences");
    const panel = {
      units: ["A", "B", "C"],
      periods: [2011, 2012],
      periodLabels: ["2011", "2012"],
      unitIndex: [0, 0, 1, 1, 2, 2],
      periodIndex: [0, 1, 0, 1, 0, 1],
      gaps: [],
    } as never;
    const coupling = [0.2, 0.3, 0, 0.1, 0.4, 0.5].map((D) => ({ D })) as never;
    const warnings: string[] = [];
    const r = convergenceSection.run({ panel, options: DEFAULT_OPTIONS, inputs: {}, results: { coupling }, warnings });
    expect(r.beta).toBeNull();
    expect(r.betaReason).toBe("B 2011 has D = 0, and β-convergence takes ln D");
    expect(warnings).toEqual(["β-convergence not computed: B 2011 has D = 0, and β-convergence takes ln D."]);
    expect(r.sigma.overall.map((x) => x.n)).toEqual([3, 3]);
  });
});
