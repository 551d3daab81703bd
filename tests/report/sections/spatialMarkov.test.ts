/**
 * The spatialMarkov section through the pipeline (runReport) on the seed paper's published D
 * (../shared/data/seed-table3-ccd.csv) with the china-provinces preset, against
 * ../shared/reference/inequality/expected/seed-table3.json, variants A (the lag by its own pooled
 * quartiles) and B (the lag by D's cutoffs): lag 1e-12, class ids and counts exact, P 1e-12,
 * Q / LR / dof / p 1e-12 (the README's tolerances). The report's D is the published D: the real
 * coupling section runs and a test double replaces its D by the published column (the report
 * computes D from subsystems; no pair of indices reproduces a printed D exactly). Also: row
 * standardisation whatever --weightsTransform, the reuse of the spatial section's weights, the
 * Transitions sheet (one block per lag class, the tests), the headline, and no weights: skipped
 * with the reason.
 */
import * as fs from "fs";
import { analysisToJson, runReport } from "../../../src/report/pipeline";
import { defaultOptions, parseOptions, SectionChoice } from "../../../src/report/options";
import { BUILTIN_SECTIONS, SectionRegistry } from "../../../src/report/sections";
import { couplingSection } from "../../../src/report/sections/coupling";
import type { AnySection } from "../../../src/report/sections/types";
import { sharedPath } from "../../helpers";
import { SEED_ROLES, seedPanelCells } from "./seedPanel";
import { ABS, expectMatrixClose, expectVectorClose } from "../../engine/inequality/reference";

const DATA = sharedPath("data", "seed-table3-ccd.csv");
const REF = sharedPath("reference", "inequality", "expected", "seed-table3.json");
const present = [DATA, REF].every((f) => fs.existsSync(f));
if (!present) console.warn(`spatialMarkov section test: reference comparison skipped: ${[DATA, REF].filter((f) => !fs.existsSync(f)).join(", ")} not found`);

type Json = any;

/** The published D of ../shared/data as a panel. */
const seedCells = () => seedPanelCells(undefined, undefined, DATA);
const roles = SEED_ROLES;

/** The built-in sections with the coupling section's D replaced by the published D (a test double of one value). */
const publishedD: AnySection = {
  ...couplingSection,
  run: (ctx) => {
    const d = ctx.panel.indicators.find((i) => i.column === "Dpub")!;
    return (couplingSection.run(ctx) as Array<{ D: number | null }>).map((o, r) => ({ ...o, D: d.values[r] }));
  },
};
const registry = () => new SectionRegistry(BUILTIN_SECTIONS.map((s) => (s.id === "coupling" ? publishedD : s)));

async function run(extra: Record<string, string>, sections?: SectionChoice) {
  const options = parseOptions({ weights: "china-provinces", ...extra }, defaultOptions());
  const result = await runReport(seedCells(), roles, options, {}, { registry: registry(), sections });
  return { result, json: JSON.parse(analysisToJson(result)) as Json };
}

(present ? describe : describe.skip)("spatialMarkov through the report: the seed paper's D against the reference", () => {
  const ref = (name: string): Json => JSON.parse(fs.readFileSync(REF, "utf8")).seed_table3.spatial_markov[name];

  test.each([
    ["A_yQuantile4_lagOwnQuantile4", "own"],
    ["B_yQuantile4_lagSameCutoffs", "same"],
  ])("%s: lag, classes, conditional counts and P, Q, LR, dof, p", async (name, lagClasses) => {
    const e = ref(name);
    const { json } = await run({ markovClasses: "quantile:4", markovLagClasses: lagClasses, permutations: "0" });
    const s = json.spatialMarkov;
    expect(Object.keys(s)).toEqual([
      "spec",
      "lagSpec",
      "k",
      "m",
      "cutoffs",
      "closed",
      "labels",
      "lagCutoffs",
      "lagClosed",
      "lagLabels",
      "lagClassCounts",
      "weights",
      "units",
      "periods",
      "lag",
      "lagClassIds",
      "pooled",
      "byLag",
      "homogeneity",
    ]);
    expect([s.spec, s.lagSpec, s.k, s.m, s.closed]).toEqual(["quantile:4", lagClasses, e.k, e.m, e.closed]);
    expect(s.weights).toEqual({
      source: "china-provinces (queen contiguity, Natural Earth; Hainan linked to Guangdong)",
      transform: "row",
      n: 31,
      isolates: [],
    });
    expectMatrixClose(s.lag, e.lag, ABS, "lag");
    expectVectorClose(s.cutoffs, e.y_cutoffs, 1e-15, "y cutoffs");
    expectVectorClose(s.lagCutoffs, e.lag_cutoffs, 1e-15, "lag cutoffs");
    expect(s.lagClassIds).toEqual(e.lag_class_ids);
    expect(s.lagClassCounts).toEqual(e.lag_class_counts_all_periods);
    expect(json.markov.classIds).toEqual(e.class_ids);
    expect(s.pooled.counts).toEqual(e.pooled_transitions);
    expect(s.byLag.map((b: Json) => b.counts)).toEqual(e.T);
    s.byLag.forEach((b: Json, l: number) => {
      expect(b.lagClass).toBe(l);
      expect(b.label).toBe(s.lagLabels[l]);
      expectMatrixClose(b.P, e.P[l], ABS, `P[${l}]`);
    });
    const h = e.homogeneity;
    expect(Math.abs(s.homogeneity.Q - h.Q)).toBeLessThanOrEqual(ABS);
    expect(Math.abs(s.homogeneity.LR - h.LR)).toBeLessThanOrEqual(ABS);
    expect(s.homogeneity.dof).toBe(h.dof);
    expect(Math.abs(s.homogeneity.pQ - h.Q_p_value_sf)).toBeLessThanOrEqual(ABS);
    expect(Math.abs(s.homogeneity.pLR - h.LR_p_value_sf)).toBeLessThanOrEqual(ABS);
  });

  test("row-standardised whatever --weightsTransform (M14); the spatial section's weights reused; without it the same", async () => {
    const e = ref("A_yQuantile4_lagOwnQuantile4");
    for (const extra of [{ weightsTransform: "binary" }, { weightsTransform: "none" }]) {
      const { json } = await run({ ...extra, permutations: "0" });
      expect(Math.abs(json.spatialMarkov.homogeneity.Q - e.homogeneity.Q)).toBeLessThanOrEqual(ABS);
    }
    const { json } = await run({}, { only: ["spatialMarkov"] });
    expect(json.spatial).toBeNull();
    expect(Math.abs(json.spatialMarkov.homogeneity.Q - e.homogeneity.Q)).toBeLessThanOrEqual(ABS);
  });

  test("the Transitions sheet: one block of k rows per lag class, n per row, P to 3 decimals; the tests; the headline", async () => {
    const e = ref("A_yQuantile4_lagOwnQuantile4");
    const { result, json } = await run({ permutations: "0" });
    const tr = result.report.sheets.find((s) => s.name === "Transitions")!;
    const [P, tests] = tr.tables.slice(4);
    expect(P.title).toBe(
      "Spatial Markov transition probability matrices of D, one per class of the neighbours' D at t (classes of D quantile:4; spatial lag its own pooled quantiles, 4 classes)",
    );
    expect(P.columns.map((c) => c.format)).toEqual(["text", "text", "0", "0.000", "0.000", "0.000", "0.000"]);
    expect(P.rows).toHaveLength(16);
    expect(P.rows.map((r) => r.lag)).toEqual(json.spatialMarkov.lagLabels.flatMap((l: string) => [l, null, null, null]));
    expect(P.rows.map((r) => r.n)).toEqual((e.T as number[][][]).flatMap((T) => T.map((row) => row.reduce((a, b) => a + b, 0))));
    expect(P.rows[0]).toMatchObject({ from: "≤ 0.3715", c0: e.P[0][0][0], c1: e.P[0][0][1] });
    expect(tests.rows).toEqual([
      { test: "Q", statistic: e.homogeneity.Q, dof: 18, p: json.spatialMarkov.homogeneity.pQ },
      { test: "LR (likelihood ratio)", statistic: e.homogeneity.LR, dof: 18, p: json.spatialMarkov.homogeneity.pLR },
    ]);
    expect(tr.notes!.some((n) => n.includes("lag cutoffs 0.4064, 0.4537, 0.5072"))).toBe(true);
    expect(result.headlines).toContain(
      "Spatial Markov chain: no significant dependence of the transition probabilities on the neighbours' class at the 5 % level (Q = 25.65, dof 18, p = 0.108; LR = 28.79, p = 0.051).",
    );
  });
});

(present ? describe : describe.skip)("spatialMarkov with an island", () => {
  test("china-provinces-island: an error naming Hainan; with the zero policy its lag is 0, with a warning", async () => {
    await expect(run({ weights: "china-provinces-island", permutations: "0" }, { only: ["spatialMarkov"] })).rejects.toThrow(
      "unit 'Hainan' has no neighbours (an isolate)",
    );
    const { json } = await run({ weights: "china-provinces-island", zeroPolicy: "true", permutations: "0" }, { only: ["spatialMarkov"] });
    const s = json.spatialMarkov;
    const h = s.units.indexOf("Hainan");
    expect(s.lag[h].every((v: number) => v === 0)).toBe(true);
    expect(s.lagClassIds[h].every((c: number) => c === 0)).toBe(true);
    expect(s.weights.isolates).toEqual(["Hainan"]);
    expect(json.warnings).toContain(
      "Spatial Markov chain: Hainan without neighbours (zero policy): their spatial lag is 0, which puts them in the lowest lag class.",
    );
  });
});

describe("spatialMarkov without weights", () => {
  test("skipped with the spatial section's reason, a note on the Transitions sheet, no error", async () => {
    if (!present) return;
    const result = await runReport(seedCells(), roles, defaultOptions(), {}, { registry: registry() });
    const json = JSON.parse(analysisToJson(result));
    expect(json.spatialMarkov).toBeNull();
    const reason = 'not applicable: no spatial weights (give --weights or "weights" in the roles)';
    expect(json.skipped).toContainEqual({ section: "spatial", reason });
    expect(json.skipped).toContainEqual({ section: "spatialMarkov", reason });
    const tr = result.report.sheets.find((s) => s.name === "Transitions")!;
    expect(tr.tables).toHaveLength(4);
    expect(tr.notes).toContain(`Spatial Markov chain not run: ${reason}.`);
  });
});
