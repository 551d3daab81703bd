/**
 * Spatial Markov chains (M14) against the reference variants A–D and D_left on the seed D with
 * the row-standardised China queen matrix: the lag (1e-12), y and lag class ids and counts
 * exactly, the conditional counts, P (1e-12), steady states and mean first passage times after
 * the fill (1e-12 / 1e-10 relative), and the Q / LR homogeneity tests with dof, A_i, b_i and the
 * upper-tail p (1e-12). Also the dense lag helper and the homogeneity statistics on small cases.
 */
import { denseSpatialLag, homogeneityTests, LagClassSpec, MarkovClassSpec, spatialMarkov } from "../../../src/engine/inequality";
import { expectCoordError } from "../../helpers";
import { ABS, REL, chinaW, describeRef, expectMatrixClose, expectVectorClose, infToNull, seedRef } from "./reference";

const CUT: MarkovClassSpec = { kind: "cutoffs", cutoffs: [0.3, 0.4, 0.5, 0.6] };
const VARIANTS: Array<[string, MarkovClassSpec, LagClassSpec]> = [
  ["A_yQuantile4_lagOwnQuantile4", { kind: "quantile", k: 4 }, "own"],
  ["B_yQuantile4_lagSameCutoffs", { kind: "quantile", k: 4 }, "same"],
  ["C_yCut0.3-0.6_lagOwnQuantile4", CUT, "own"],
  ["D_yCut0.3-0.6_lagSameCutoffs", CUT, "same"],
  ["D_left_yCut0.3-0.6_lagSameCutoffs_gradeConvention", { ...CUT, closed: "left" }, "same"],
];

describeRef("spatialMarkov.test")("Spatial Markov: reference variants", () => {
  let lag: number[][];
  let D: number[][];
  beforeAll(() => {
    const s = seedRef().seed_table3;
    const { names, W } = chinaW();
    expect(names).toEqual(s.units);
    D = s.D_matrix_units_x_years;
    lag = denseSpatialLag(W, D, { names });
  });

  for (const [name, spec, lagSpec] of VARIANTS)
    it(name, () => {
      const e = seedRef().seed_table3.spatial_markov[name];
      expectMatrixClose(lag, e.lag, ABS, `${name} lag`);
      // classes compare exactly given the same lag: the reference's (numpy's W_r @ Y, see below)
      const r = spatialMarkov(D, e.lag, { classes: spec, lagClasses: lagSpec });
      expect([r.k, r.m]).toEqual([e.k, e.m]);
      expect(r.classes.closed).toBe(e.closed);
      expectVectorClose(r.classes.cutoffs, e.y_cutoffs, 1e-15, `${name} y cutoffs`);
      expectVectorClose(r.lagClasses.cutoffs, e.lag_cutoffs, 1e-15, `${name} lag cutoffs`);
      expect(r.classes.ids).toEqual(e.class_ids);
      expect(r.lagClasses.ids).toEqual(e.lag_class_ids);
      expect(r.lagClasses.counts).toEqual(e.lag_class_counts_all_periods);
      expect(r.pooled.counts).toEqual(e.pooled_transitions);
      expect(r.byLag.map((c) => c.counts)).toEqual(e.T);
      expect(r.byLag).toHaveLength(e.per_lag_class.length);
      r.byLag.forEach((c, l) => {
        const x = e.per_lag_class[l];
        expect(c.lagClass).toBe(x.lag_class);
        expectMatrixClose(c.P, e.P[l], ABS, `${name} P[${l}]`);
        expect(c.emptyRows).toEqual(x.empty_rows);
        expect(c.irreducible).toBe(x.irreducible_after_fill);
        expect(c.recurrentClasses).toEqual(x.recurrent_classes_after_fill);
        expectMatrixClose(
          c.steadyStates.map((s) => s.pi),
          x.steady_state_after_fill,
          ABS,
          `${name} steady[${l}]`,
        );
        expectMatrixClose(c.mfpt, infToNull(x.mfpt_after_fill), REL, `${name} mfpt[${l}]`, true);
      });
      const h = e.homogeneity;
      expect(Math.abs(r.homogeneity.Q - h.Q)).toBeLessThanOrEqual(ABS);
      expect(Math.abs(r.homogeneity.LR - h.LR)).toBeLessThanOrEqual(ABS);
      expect(r.homogeneity.dof).toBe(h.dof);
      expect(r.homogeneity.A).toEqual(h.A_i);
      expect(r.homogeneity.b).toEqual(h.b_i);
      expect(Math.abs(r.homogeneity.pQ! - h.Q_p_value_sf)).toBeLessThanOrEqual(ABS);
      expect(Math.abs(r.homogeneity.pLR! - h.LR_p_value_sf)).toBeLessThanOrEqual(ABS);
      // the textbook LR is what the reference calls kullback_textbook (not giddy's literal kullback)
      expect(Math.abs(r.homogeneity.LR - e.kullback_textbook[0])).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(r.homogeneity.LR - e.kullback_giddy_literal[0])).toBeGreaterThan(0.5);
    });

  it("with our own lag: the same results, except one cell of D_left where the exact lag is 1/2", () => {
    const s = seedRef().seed_table3;
    for (const [name, spec, lagSpec] of VARIANTS) {
      const e = s.spatial_markov[name];
      const r = spatialMarkov(D, lag, { classes: spec, lagClasses: lagSpec });
      const diff: string[] = [];
      r.lagClasses.ids.forEach((row, i) =>
        row.forEach((c, t) => c !== e.lag_class_ids[i][t] && diff.push(`${s.units[i]} ${s.years[t]}: ${e.lag_class_ids[i][t]} -> ${c}`)),
      );
      if (!name.startsWith("D_left")) {
        expect(diff).toEqual([]);
        expect(Math.abs(r.homogeneity.Q - e.homogeneity.Q)).toBeLessThanOrEqual(ABS);
        continue;
      }
      // Jilin 2016: neighbours 0.533, 0.434, 0.533, mean exactly 0.5; numpy's dense product gives
      // 0.49999999999999994 (class [0.4, 0.5)), the row sum in order gives 0.5 (class [0.5, 0.6))
      expect(diff).toEqual(["Jilin 2016: 2 -> 3"]);
      expect(lag[s.units.indexOf("Jilin")][s.years.indexOf(2016)]).toBe(0.5);
      expect(e.lag[s.units.indexOf("Jilin")][s.years.indexOf(2016)]).toBe(0.49999999999999994);
    }
  });

  it("a 0/1 W without row standardisation would give a neighbour sum: the lag is the neighbour mean", () => {
    const { W } = chinaW();
    const L = denseSpatialLag(W, D);
    const i = 0;
    const nb = W[i].map((w, j) => (w ? j : -1)).filter((j) => j >= 0);
    expect(Math.abs(L[i][0] - nb.reduce((a, j) => a + D[j][0], 0) / nb.length)).toBeLessThanOrEqual(1e-15);
  });
});

describe("Spatial Markov: small cases", () => {
  it("homogeneity: identical conditional matrices give Q = LR = 0", () => {
    const h = homogeneityTests([
      [
        [2, 2],
        [1, 3],
      ],
      [
        [4, 4],
        [2, 6],
      ],
    ]);
    expect(h.Q).toBeCloseTo(0, 14);
    expect(h.LR).toBeCloseTo(0, 14);
    expect(h.dof).toBe(2);
    expect(h.pQ).toBeCloseTo(1, 14);
  });
  it("homogeneity: a zero column of the pooled matrix reduces the dof; dof 0 gives null p with the reason", () => {
    expect(
      homogeneityTests([
        [
          [2, 0],
          [0, 3],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ]).dof,
    ).toBe(0);
    const h = homogeneityTests([
      [
        [2, 0],
        [0, 3],
      ],
      [
        [1, 0],
        [0, 1],
      ],
    ]);
    expect([h.pQ, h.pLR]).toEqual([null, null]);
    expect(h.note).toMatch(/dof = 0/);
  });
  it("the lag class is taken at the start period", () => {
    const y = [
      [0.1, 0.2],
      [0.2, 0.1],
    ];
    const lag = [
      [0.1, 0.2],
      [0.2, 0.1],
    ];
    const r = spatialMarkov(y, lag, { classes: { kind: "cutoffs", cutoffs: [0.15] }, lagClasses: "same" });
    expect(r.byLag[0].counts).toEqual([
      [0, 1],
      [0, 0],
    ]); // unit 1: lag class 0 at t = 0
    expect(r.byLag[1].counts).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });
  it("bad input: shapes, a unit without neighbours", () => {
    expectCoordError(
      () =>
        spatialMarkov(
          [[0.1, 0.2]],
          [
            [0.1, 0.2],
            [0.3, 0.4],
          ],
        ),
      "LENGTH",
      "lag has 2 units but y has 1",
    );
    expectCoordError(
      () =>
        denseSpatialLag(
          [
            [0, 1],
            [0, 0],
          ],
          [[1], [2]],
          { names: ["A", "B"] },
        ),
      "UNDEFINED",
      "weights row 2 (B) has no neighbours",
    );
    expectCoordError(() => denseSpatialLag([[0, 1]], [[1], [2]]), "LENGTH", "weights has 1 rows but the panel has 2 units");
  });
});
