/**
 * COORD.DAGUM, CONVERGENCE, MARKOV, SPATIALMARKOV and OBSTACLE through the registered wrappers
 * (src/functions/functions.ts): the reference values of ../shared/reference/inequality from
 * Excel-shaped ranges (label row of years, label column of provinces, numbers stored as text,
 * blank rows below), the help pages' worked examples, and bad input named by argument and cell.
 */
import { convergence, dagum, markov, obstacle, spatialmarkov } from "../../src/functions/functions";
import { dagumImpl } from "../../src/functions/impl/dagum";
import { markovImpl } from "../../src/functions/impl/markov";
import { chinaW, describeRef, infToNull, sampleRef, seedRef, SHARED } from "../engine/inequality/reference";
import { expectClose, expectErrorValue, expectExcelSafe, expectThrows, numbersInColumn } from "./support";
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../../src/report/csv";

const TOL = 1e-12;

/** The seed D as Excel passes A1:K32 of a Table 3 sheet: province names, years in the label row. */
function seedRange(): unknown[][] {
  const s = seedRef().seed_table3;
  const rows = s.D_matrix_units_x_years.map((r: number[], i: number) => [s.units[i], ...r.map((v, t) => ((i + t) % 5 === 0 ? String(v) : v))]);
  return [["province", ...s.years], ...rows, new Array(s.years.length + 1).fill(null)];
}
const seedGroups = () => [["Region"], ...seedRef().seed_table3.region.map((g: string) => [g])];

const EXAMPLE = [
  ["Province", 2011, 2012, 2013],
  ["Beijing", 0.52, 0.54, 0.56],
  ["Tianjin", 0.45, 0.48, 0.5],
  ["Hebei", 0.33, 0.37, 0.4],
  ["Shanxi", 0.38, 0.4, 0.43],
  ["Gansu", 0.28, 0.32, 0.35],
  ["Qinghai", 0.3, 0.33, 0.37],
];
const EXAMPLE_GROUPS = [["Region"], ["East"], ["East"], ["East"], ["West"], ["West"], ["West"]];

describeRef("functions/inequality.test")("worksheet functions: reference values", () => {
  it("DAGUM: every period's G, contributions and shares; G_jj, G_jh, D_jh", () => {
    const s = seedRef().seed_table3;
    const summary = dagum(seedRange(), seedGroups()) as unknown[][];
    expectExcelSafe(summary);
    expect(summary).toHaveLength(11);
    expect(summary.slice(1).map((r) => r[0])).toEqual(s.years);
    const cols = ["G", "G_w", "G_nb", "G_t", "share_w", "share_nb", "share_t"];
    cols.forEach((c, j) =>
      expectClose(
        numbersInColumn(summary, j + 1, 1),
        s.years.map((y: number) => s.dagum_by_region[y][c]),
        TOL,
        c,
      ),
    );
    const within = dagum(seedRange(), seedGroups(), "within") as unknown[][];
    expect(within[0]).toEqual(["period", "G_jj Central", "G_jj East", "G_jj West"]);
    ["Central", "East", "West"].forEach((g, j) =>
      expectClose(
        numbersInColumn(within, j + 1, 1),
        s.years.map((y: number) => s.dagum_by_region[y].groups[g].G_jj),
        TOL,
        g,
      ),
    );
    const between = dagum(seedRange(), seedGroups(), "between") as unknown[][];
    const D = dagum(seedRange(), seedGroups(), "D") as unknown[][];
    const high = dagum(seedRange(), seedGroups(), "high") as unknown[][];
    ["Central|East", "Central|West", "East|West"].forEach((k, j) => {
      expectClose(
        numbersInColumn(between, j + 1, 1),
        s.years.map((y: number) => s.dagum_by_region[y].pairs[k].G_jh),
        TOL,
        k,
      );
      expectClose(
        numbersInColumn(D, j + 1, 1),
        s.years.map((y: number) => s.dagum_by_region[y].pairs[k].D_jh),
        TOL,
        k,
      );
      expect(high.slice(1).map((r) => r[j + 1])).toEqual(s.years.map((y: number) => s.dagum_by_region[y].pairs[k].high));
    });
  });

  it("CONVERGENCE: σ with ddof 0 and 1, pooled and long-difference β", () => {
    const s = seedRef().seed_table3;
    for (const [out, ddof] of [
      [undefined, 0],
      ["sigma1", 1],
    ] as const) {
      const t = convergence(seedRange(), out) as unknown[][];
      expect(t[0][3]).toBe(`SD (ddof ${ddof})`);
      expectClose(
        numbersInColumn(t, 3, 1),
        s.years.map((y: number) => s.sigma_convergence[y][`sd_ddof${ddof}`]),
        TOL,
        "sd",
      );
      expectClose(
        numbersInColumn(t, 4, 1),
        s.years.map((y: number) => s.sigma_convergence[y][`cv_ddof${ddof}`]),
        TOL,
        "cv",
      );
    }
    const b = convergence(seedRange(), "beta") as unknown[][];
    expectExcelSafe(b);
    const row = (label: string) => b.find((r) => r[0] === label)!;
    const pooled = s.beta_convergence_pooled_annual;
    const ld = s.beta_convergence_long_difference_variant;
    for (const [label, key] of [
      ["β", "beta"],
      ["SE(β)", "se_beta"],
      ["p(β)", "p_beta"],
      ["R²", "r2"],
      ["speed", "speed"],
    ] as const) {
      expectClose([row(label)[1] as number], [pooled[key]], TOL, `pooled ${label}`);
      expectClose([row(label)[2] as number], [ld[key]], TOL, `long difference ${label}`);
    }
    expectClose([row("half-life")[1] as number], [pooled.half_life], 1e-10, "half-life");
  });

  it("MARKOV: P, counts, steady state, mfpt (∞ as text) and classes of every block", () => {
    const s = seedRef().seed_table3;
    const blocks: Array<[unknown, string]> = [
      [undefined, "markov_quantile_k4"],
      ["cutoffs:0.3,0.4,0.5,0.6", "markov_cutoffs_0.3-0.6_right_closed_giddy"],
      ["cutoffs:0.3,0.4,0.5,0.6:left", "markov_cutoffs_0.3-0.6_left_closed_grade"],
      [[[0.3, 0.4, 0.5, 0.6]], "markov_cutoffs_0.3-0.6_right_closed_giddy"],
      ["grades", "markov_grades_0.1-0.9_left_closed_grade"],
      ["grades:right", "markov_grades_0.1-0.9_right_closed_giddy"],
    ];
    for (const [classes, name] of blocks) {
      const e = s[name];
      const k = e.k;
      const P = markov(seedRange(), classes) as unknown[][];
      expectExcelSafe(P);
      expect(P).toHaveLength(k + 1);
      expect(P.slice(1).map((r) => r[k + 1])).toEqual(e.transitions.map((r: number[]) => r.reduce((a, b) => a + b, 0)));
      for (let i = 0; i < k; i++) {
        if (e.empty_rows.includes(i)) {
          expect((P[i + 1][1] as { code: string }).code).toBe("#N/A");
          continue;
        }
        expectClose(P[i + 1].slice(1, k + 1) as number[], e.P[i], TOL, `${name} P row ${i}`);
      }
      const counts = markov(seedRange(), classes, "counts") as unknown[][];
      expect(counts.slice(1).map((r) => r.slice(1, k + 1))).toEqual(e.transitions);
      const steady = markov(seedRange(), classes, "steady") as unknown[][];
      const pis: number[][] = e.irreducible ? [e.steady_state] : e.steady_state;
      expect(steady).toHaveLength(pis.length + 1);
      pis.forEach((pi, r) => expectClose(steady[r + 1].slice(1) as number[], pi, TOL, `${name} steady ${r}`));
      const mfpt = markov(seedRange(), classes, "mfpt") as unknown[][];
      infToNull(e.mfpt).forEach((row, i) =>
        row.forEach((v, j) => {
          const cell = mfpt[i + 1][j + 1];
          if (v === null) expect(cell).toBe("∞");
          else expect(Math.abs((cell as number) - v)).toBeLessThanOrEqual(1e-10 * v);
        }),
      );
      const ids = markov(seedRange(), classes, "classes") as number[][];
      expect(ids).toEqual(e.class_ids.map((r: number[]) => r.map((c) => c + 1)));
    }
  });

  it("SPATIALMARKOV: variants A and B with the labelled China matrix (shuffled: matched by name), tests and blocks", () => {
    const s = seedRef().seed_table3;
    const { names, W } = chinaW();
    // rows and columns of W in reverse order, labelled: matched to the panel's units by name
    const rev = names.map((_, i) => names.length - 1 - i);
    const Wrange = [["", ...rev.map((i) => names[i])], ...rev.map((i) => [names[i], ...rev.map((j) => W[i][j])])];
    for (const [lagClasses, name] of [
      [undefined, "A_yQuantile4_lagOwnQuantile4"],
      ["same", "B_yQuantile4_lagSameCutoffs"],
    ] as const) {
      const e = s.spatial_markov[name];
      const tests = spatialmarkov(seedRange(), Wrange, undefined, lagClasses, "tests") as unknown[][];
      expectExcelSafe(tests);
      expectClose([tests[1][1] as number, tests[2][1] as number], [e.homogeneity.Q, e.homogeneity.LR], TOL, `${name} Q, LR`);
      expect([tests[1][2], tests[2][2]]).toEqual([e.homogeneity.dof, e.homogeneity.dof]);
      expectClose([tests[1][3] as number, tests[2][3] as number], [e.homogeneity.Q_p_value_sf, e.homogeneity.LR_p_value_sf], TOL, `${name} p`);
      const P = spatialmarkov(seedRange(), Wrange, undefined, lagClasses) as unknown[][];
      expectExcelSafe(P);
      const k = e.k;
      expect(P).toHaveLength(e.m * (k + 2));
      for (let l = 0; l < e.m; l++) {
        const block = P.slice(l * (k + 2), (l + 1) * (k + 2));
        expect(String(block[0][0])).toMatch(new RegExp(`^lag class ${l + 1}: `));
        for (let i = 0; i < k; i++) {
          if (e.per_lag_class[l].empty_rows.includes(i)) continue;
          expectClose(block[i + 2].slice(1, k + 1) as number[], e.P[l][i], TOL, `${name} P[${l}][${i}]`);
        }
      }
    }
    // the unlabelled matrix in the panel's order gives the same
    const plain = spatialmarkov(seedRange(), W, undefined, undefined, "tests") as unknown[][];
    expectClose([plain[1][1] as number], [s.spatial_markov.A_yQuantile4_lagOwnQuantile4.homogeneity.Q], TOL, "unlabelled Q");
  });

  it("OBSTACLE: the sample panel's top 5 with names (global weighting, subsystems from a second directions row)", () => {
    const cells = parseCsv(fs.readFileSync(path.join(SHARED, "data", "sample-panel.csv"), "utf8"));
    const roles = JSON.parse(fs.readFileSync(path.join(SHARED, "data", "sample-panel.roles.json"), "utf8"));
    const header = cells[0].map(String);
    const cols: Array<{ column: string; direction: string; subsystem: string }> = [];
    for (const [sub, list] of Object.entries<Array<{ column: string; direction: string }>>(roles.subsystems))
      for (const c of list) cols.push({ ...c, subsystem: sub });
    const data = [cols.map((c) => c.column), ...cells.slice(1).map((r) => cols.map((c) => r[header.indexOf(c.column)]))];
    const dirs = [cols.map((c) => c.direction), cols.map((c) => c.subsystem)];
    const out = obstacle(data, dirs) as unknown[][];
    expectExcelSafe(out);
    const e = sampleRef().sample_panel.obstacle.per_row;
    expect(out).toHaveLength(e.length + 1);
    e.forEach((row: { top5_global: Array<[string, number]> }, i: number) => {
      expect([0, 2, 4, 6, 8].map((j) => out[i + 1][j])).toEqual(row.top5_global.map((t) => t[0]));
      expectClose(
        [1, 3, 5, 7, 9].map((j) => out[i + 1][j] as number),
        row.top5_global.map((t) => t[1]),
        TOL,
        `row ${i}`,
      );
    });
  });
});

describe("worksheet functions: the help pages' worked examples", () => {
  it("DAGUM", () => {
    const t = dagum(EXAMPLE, EXAMPLE_GROUPS) as unknown[][];
    expect(t[0]).toEqual(["period", "G", "G_w (within)", "G_nb (net between)", "G_t (transvariation)", "share G_w", "share G_nb", "share G_t"]);
    expectClose(t[1].slice(1) as number[], [0.1254, 0.0428, 0.0752, 0.0074, 0.3412, 0.6, 0.0588], 5e-5, "2011");
    expectClose(numbersInColumn(dagum(EXAMPLE, EXAMPLE_GROUPS, "D") as unknown[][], 1, 1), [0.9107, 0.9444, 0.9394], 5e-5, "D");
  });
  it("CONVERGENCE", () => {
    expectClose(numbersInColumn(convergence(EXAMPLE) as unknown[][], 4, 1), [0.2256, 0.1955, 0.1693], 5e-5, "cv");
    const b = convergence(EXAMPLE, "beta") as unknown[][];
    expectClose([b.find((r) => r[0] === "β")![1] as number, b.find((r) => r[0] === "half-life")![1] as number], [-0.1364, 4.73], 5e-3, "β");
  });
  it("MARKOV", () => {
    expect(markov(EXAMPLE, "cutoffs:0.35,0.45")).toEqual([
      ["t \\ t+1", "≤ 0.35", "(0.35, 0.45]", "> 0.45", "n"],
      ["≤ 0.35", 0.6, 0.4, 0, 5],
      ["(0.35, 0.45]", 0, 0.75, 0.25, 4],
      ["> 0.45", 0, 0, 1, 3],
    ]);
    expect(markov(EXAMPLE, "cutoffs:0.35,0.45", "mfpt")).toEqual([
      ["from \\ to", "≤ 0.35", "(0.35, 0.45]", "> 0.45"],
      ["≤ 0.35", "∞", 2.5, 6.5],
      ["(0.35, 0.45]", "∞", "∞", 4],
      ["> 0.45", "∞", "∞", 1],
    ]);
  });
  it("SPATIALMARKOV", () => {
    const names = ["Beijing", "Tianjin", "Hebei", "Shanxi", "Gansu", "Qinghai"];
    const links = ["Beijing-Tianjin", "Beijing-Hebei", "Tianjin-Hebei", "Hebei-Shanxi", "Shanxi-Gansu", "Gansu-Qinghai"];
    const W = [["", ...names], ...names.map((a) => [a, ...names.map((b) => (links.includes(`${a}-${b}`) || links.includes(`${b}-${a}`) ? 1 : 0))])];
    const t = spatialmarkov(EXAMPLE, W, "cutoffs:0.35,0.45", "same", "tests") as unknown[][];
    expectClose([t[1][1], t[2][1], t[1][3], t[2][3]] as number[], [4.1389, 4.6371, 0.2469, 0.2004], 5e-5, "tests");
    expect(t[1][2]).toBe(3);
    const P = spatialmarkov(EXAMPLE, W, "cutoffs:0.35,0.45", "same") as unknown[][];
    expect(P).toHaveLength(15);
    expect(P[0][0]).toBe("lag class 1: ≤ 0.35");
    expectClose(P[2].slice(1) as number[], [0.6667, 0.3333, 0, 3], 5e-5, "block 1");
  });
  it("OBSTACLE", () => {
    const data = [
      ["GDP per capita", "Urbanization %", "Energy per GDP"],
      [5.2, 62, 0.45],
      [7.9, 55, 0.7],
      [4.1, 49, 0.52],
      [9.6, 71, 0.38],
    ];
    const t = obstacle(data, [["+", "+", "-"]], 2) as unknown[][];
    expectExcelSafe(t);
    expect(t.slice(1, 4).map((r) => [r[0], r[2]])).toEqual([
      ["GDP per capita", "Urbanization %"],
      ["Energy per GDP", "Urbanization %"],
      ["GDP per capita", "Urbanization %"],
    ]);
    expectClose(t.slice(1, 4).flatMap((r) => [r[1], r[3]]) as number[], [60.1628, 28.1944, 42.0437, 39.5944, 44.9221, 41.1685], 5e-5, "O");
    expect((t[4][0] as { code: string; message: string }).code).toBe("#N/A");
    expect((t[4][0] as { message: string }).message).toBe("data row 5: every indicator is at its best (z = 1), there is no obstacle");
  });
});

describe("worksheet functions: bad input", () => {
  it("a blank or text cell in the panel names the cell and the period", () => {
    const bad = EXAMPLE.map((r) => r.slice());
    bad[3][2] = "n/a";
    expectErrorValue(dagum(bad, EXAMPLE_GROUPS), "#VALUE!", `values row 4, column "2012": text 'n/a' is not a number`);
    bad[3][2] = null as never;
    expectErrorValue(markov(bad), "#VALUE!", `panel row 4, column "2012" is empty`);
  });
  it("groups of the wrong length, unknown options, bad classes", () => {
    expectErrorValue(dagum(EXAMPLE, [["East"], ["West"]]), "#VALUE!", "groups has 2 values but values has 6; give one per row of values");
    expectErrorValue(dagum(EXAMPLE, EXAMPLE_GROUPS, "gini"), "#VALUE!", "output must be one of summary, within, between, D, high; got 'gini'");
    expectErrorValue(markov(EXAMPLE, "deciles"), "#VALUE!", "classes must be quantile:k, cutoffs:a,b,… (optionally :left or :right) or grades; got 'deciles'");
    expectErrorValue(markov(EXAMPLE, [[0.5, 0.4]]), "#VALUE!", "classes must increase: cutoff 2 (0.4) is not above cutoff 1 (0.5)");
    expectErrorValue(markov(EXAMPLE, 1.5), "#VALUE!", "classes: a number is the count of quantile classes, a whole number ≥ 2; got 1.5");
    expectThrows(() => markovImpl(EXAMPLE, undefined, "pi"), "OPTION", "output must be one of P, counts, steady, mfpt, classes; got 'pi'");
  });
  it("a negative value and a zero group name the group and period", () => {
    const bad = EXAMPLE.map((r) => r.slice());
    bad[2][1] = -0.1;
    expectErrorValue(dagum(bad, EXAMPLE_GROUPS), "#VALUE!", "values row 2 in period 2011: -0.1 is negative; the Gini decomposition needs values ≥ 0");
    const zero = EXAMPLE.map((r, i) => (i >= 4 ? [r[0], 0, r[2], r[3]] : r.slice()));
    expectErrorValue(dagum(zero, EXAMPLE_GROUPS), "#N/A", "group 'West' in period 2011: all 3 values are 0; its Gini coefficient G_jj needs a positive mean");
    expectThrows(
      () => dagumImpl(EXAMPLE, [["A"], ["A"], ["A"], ["A"], ["A"], ["A"]], "between"),
      "TOO_FEW",
      "groups has one group ('A'); between-group results need at least two",
    );
  });
  it("weights: wrong size, an island, an unknown name", () => {
    expectErrorValue(
      spatialmarkov(EXAMPLE, [
        [0, 1],
        [1, 0],
      ]),
      "#VALUE!",
      "weights is 2 x 2 but the panel has 6 units; give an n x n matrix (labels optional)",
    );
    const island = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => (i !== j && i < 5 && j < 5 ? 1 : 0)));
    expectErrorValue(spatialmarkov(EXAMPLE, island), "#N/A", "weights row 6 (Qinghai) has no neighbours: its spatial lag is undefined");
    const names = ["Beijing", "Tianjin", "Hebei", "Shanxi", "Gansu", "Tibet"];
    const W = [["", ...names], ...names.map((a, i) => [a, ...names.map((_, j) => (Math.abs(i - j) === 1 ? 1 : 0))])];
    expectErrorValue(spatialmarkov(EXAMPLE, W), "#VALUE!", "weights names 'Tibet' (row 7), which is not a unit of the panel");
  });
  it("OBSTACLE: top out of range, a blank cell", () => {
    const data = [
      ["a", "b"],
      [1, 2],
      [3, 5],
      [2, 1],
    ];
    expectErrorValue(obstacle(data, undefined as never, 3), "#VALUE!", "top must be between 1 and 2; got 3");
    expectErrorValue(
      obstacle([
        ["a", "b"],
        [1, 2],
        [null, 5],
      ]),
      "#VALUE!",
      'data row 3, column "a" is empty',
    );
  });
});
