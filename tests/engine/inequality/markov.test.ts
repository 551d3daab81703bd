/**
 * Markov chains (M14) against the reference: every block (pooled quantiles k = 4, cutoffs
 * 0.3–0.6 and the ten grades, each right- and left-closed; the sample panel's reducible chain):
 * class ids and counts exactly, P and steady states at 1e-12, mean first passage times at 1e-10
 * relative (∞ as null); and properties (rows of P sum to 1 or are flagged empty).
 */
import fc from "fast-check";
import { analyseTransitionMatrix, markovChain, MarkovClassSpec, quantileCutoffs } from "../../../src/engine/inequality";
import { expectCoordError } from "../../helpers";
import { samplePanelIndices } from "./samplePanel";
import { ABS, REL, describeRef, expectMatrixClose, expectVectorClose, infToNull, sampleRef, seedRef } from "./reference";

function expectBlock(D: number[][], spec: MarkovClassSpec, e: any, label: string): void {
  const m = markovChain(D, spec);
  expect(m.classes.closed).toBe(e.closed);
  expectVectorClose(m.classes.cutoffs, e.cutoffs, spec.kind === "quantile" ? 1e-15 : 0, `${label} cutoffs`);
  expect(m.k).toBe(e.k);
  expect(m.classes.ids).toEqual(e.class_ids);
  expect(m.classes.counts).toEqual(e.class_counts_all_periods);
  expect(m.counts).toEqual(e.transitions);
  expectMatrixClose(m.P, e.P, ABS, `${label} P`);
  expect(m.emptyRows).toEqual(e.empty_rows);
  expect(m.irreducible).toBe(e.irreducible);
  expect(m.communicationClasses).toEqual(e.communication_classes);
  expect(m.recurrentClasses).toEqual(e.recurrent_classes);
  const steady: number[][] = e.irreducible ? [e.steady_state] : e.steady_state;
  expect(m.steadyStates).toHaveLength(steady.length);
  expectMatrixClose(
    m.steadyStates.map((s) => s.pi),
    steady,
    ABS,
    `${label} steady states`,
  );
  if (steady.length === 1) expectVectorClose(m.steadyState!, steady[0], ABS, `${label} steady state`);
  else expect(m.steadyState).toBeNull();
  expectMatrixClose(m.mfpt, infToNull(e.mfpt), REL, `${label} mfpt`, true);
  expect(m.infinite).toEqual(infToNull(e.mfpt).map((r) => r.map((v) => v === null)));
  expectVectorClose(m.prais, e.prais, ABS, `${label} prais`);
}

describeRef("markov.test")("Markov chains: reference blocks", () => {
  const blocks: Array<[string, MarkovClassSpec]> = [
    ["markov_quantile_k4", { kind: "quantile", k: 4 }],
    ["markov_cutoffs_0.3-0.6_right_closed_giddy", { kind: "cutoffs", cutoffs: [0.3, 0.4, 0.5, 0.6], closed: "right" }],
    ["markov_cutoffs_0.3-0.6_left_closed_grade", { kind: "cutoffs", cutoffs: [0.3, 0.4, 0.5, 0.6], closed: "left" }],
    ["markov_grades_0.1-0.9_right_closed_giddy", { kind: "grades", closed: "right" }],
    ["markov_grades_0.1-0.9_left_closed_grade", { kind: "grades" }],
  ];
  for (const [name, spec] of blocks)
    it(`seed Table 3: ${name}`, () => {
      const s = seedRef().seed_table3;
      expectBlock(s.D_matrix_units_x_years, spec, s[name], name);
    });

  it("the two closures differ exactly where D equals a cutoff", () => {
    const s = seedRef().seed_table3;
    const D: number[][] = s.D_matrix_units_x_years;
    const r = markovChain(D, { kind: "cutoffs", cutoffs: [0.3, 0.4, 0.5, 0.6], closed: "right" });
    const l = markovChain(D, { kind: "cutoffs", cutoffs: [0.3, 0.4, 0.5, 0.6], closed: "left" });
    let differ = 0;
    D.forEach((row, i) => row.forEach((v, t) => r.classes.ids[i][t] !== l.classes.ids[i][t] && (expect([0.3, 0.4, 0.5, 0.6]).toContain(v), differ++)));
    const atCutoff = s.values_equal_to_user_cutoffs.reduce((a: number, [, c]: [number, number]) => a + c, 0);
    expect(differ).toBe(atCutoff);
    expect(differ).toBe(6);
  });

  it("the grades block restricted to observed classes is giddy's Markov (6 x 6)", () => {
    const s = seedRef().seed_table3;
    const e = s["markov_grades_0.1-0.9_left_closed_grade"].observed_classes_only_giddy_Markov_equivalent;
    const m = markovChain(s.D_matrix_units_x_years, { kind: "grades" });
    const observed = m.classes.counts.map((c, i) => (c > 0 ? i : -1)).filter((i) => i >= 0);
    expect(observed.map((i) => m.classes.counts[i])).toEqual(e.class_counts_all_periods);
    expect(observed.map((i) => observed.map((j) => m.counts[i][j]))).toEqual(e.transitions);
    expectMatrixClose(
      observed.map((i) => observed.map((j) => m.P[i][j])),
      e.P,
      ABS,
      "observed P",
    );
  });

  it("sample panel: quantiles k = 4, a reducible chain (one absorbing recurrent class)", () => {
    const s = sampleRef().sample_panel;
    expectBlock(samplePanelIndices().D, { kind: "quantile", k: 4 }, s.markov_quantile_k4, "sample k4");
  });
});

describe("Markov chains: small cases and properties", () => {
  it("quantile cutoffs as mapclassify: distinct type-7 percentiles, all but the maximum", () => {
    expect(quantileCutoffs([1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([3, 5, 7]);
    // many equal values: repeated quantiles collapse, fewer classes, with a warning
    const m = markovChain(
      [
        [1, 1, 1],
        [1, 1, 2],
      ],
      { kind: "quantile", k: 4 },
    );
    expect(m.classes.cutoffs).toEqual([1]);
    expect(m.k).toBe(2);
    expect(m.classes.warning).toMatch(/only 2 distinct quantile classes of the 4 asked/);
  });

  it("an unreachable target is ∞ (null, flagged); a transient state's recurrence time is ∞", () => {
    const a = analyseTransitionMatrix([
      [0.5, 0.5, 0],
      [0, 0.5, 0.5],
      [0, 0, 1],
    ]);
    expect(a.recurrentClasses).toEqual([[2]]);
    expect(a.mfpt).toEqual([
      [null, 2, 4],
      [null, null, 2],
      [null, null, 1],
    ]);
    expect(a.infinite[0]).toEqual([true, false, false]);
  });

  it("each row of P sums to 1 or is flagged empty; steady states are distributions fixed by P", () => {
    const panel = fc
      .integer({ min: 2, max: 6 })
      .chain((T) => fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: T, maxLength: T }), { minLength: 1, maxLength: 12 }));
    fc.assert(
      fc.property(
        panel,
        fc.constantFrom<MarkovClassSpec>({ kind: "grades" }, { kind: "quantile", k: 3 }, { kind: "cutoffs", cutoffs: [0.25, 0.5, 0.75], closed: "right" }),
        (D, spec) => {
          const m = markovChain(D, spec);
          m.P.forEach((row, i) => {
            const s = row.reduce((a, b) => a + b, 0);
            if (m.emptyRows.includes(i)) expect(s).toBe(0);
            else expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-12);
          });
          expect(m.counts.flat().reduce((a, b) => a + b, 0)).toBe(D.length * (D[0].length - 1));
          for (const st of m.steadyStates) {
            expect(Math.abs(st.pi.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
            const F = m.P.map((r, i) => (m.emptyRows.includes(i) ? r.map((_, j) => (i === j ? 1 : 0)) : r));
            st.pi.forEach((_, j) => expect(Math.abs(st.pi.reduce((a, p, i) => a + p * F[i][j], 0) - st.pi[j])).toBeLessThanOrEqual(1e-12));
          }
          for (const row of m.mfpt) for (const v of row) if (v !== null) expect(Number.isFinite(v) && v >= 1).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("bad input names the cell, the cutoffs and the periods", () => {
    expectCoordError(() => markovChain([[0.2, "x"]]), "NOT_NUMERIC", "panel row 1, column 2: text 'x' is not a number");
    expectCoordError(() => markovChain([[0.2], [0.3]]), "TOO_FEW", "panel has one period; transitions need at least two");
    expectCoordError(
      () => markovChain([[0.2, 0.3]], { kind: "cutoffs", cutoffs: [0.5, 0.4] }),
      "OPTION",
      "cutoffs must increase: cutoff 2 (0.4) is not above cutoff 1 (0.5)",
    );
    expectCoordError(() => markovChain([[0.2, 0.3]], { kind: "quantile", k: 1 }), "OPTION", "k must be an integer ≥ 2; got 1");
  });
});
