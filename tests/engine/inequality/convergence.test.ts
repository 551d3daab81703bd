/**
 * σ-convergence (SD and CV per period, ddof 0 and 1) and absolute β-convergence (pooled annual
 * OLS and the long-difference cross-section) against the reference (seed Table 3 and the sample
 * panel, 1e-12), per group against the overall statistics of the group's own sub-panel, and bad input.
 */
import { betaConvergence, BetaFit, sigmaConvergence } from "../../../src/engine/inequality";
import { expectCoordError } from "../../helpers";
import { describeRef, sampleRef, seedRef } from "./reference";
import { samplePanelIndices } from "./samplePanel";

const TOL = 1e-12;

function expectFit(f: BetaFit, e: any, label: string): void {
  const pairs: Array<[keyof BetaFit, string]> = [
    ["alpha", "alpha"],
    ["beta", "beta"],
    ["seAlpha", "se_alpha"],
    ["seBeta", "se_beta"],
    ["tAlpha", "t_alpha"],
    ["tBeta", "t_beta"],
    ["pAlpha", "p_alpha"],
    ["pBeta", "p_beta"],
    ["r2", "r2"],
    ["ssr", "ssr"],
    ["speed", "speed"],
  ];
  if ("half_life" in e) pairs.push(["halfLife", "half_life"]);
  expect(f.n).toBe(e.n);
  expect(f.dfResid).toBe(e.df_resid);
  for (const [k, ek] of pairs) {
    const a = f[k] as number;
    const tol = ek.startsWith("t_") || ek === "half_life" ? TOL * Math.max(1, Math.abs(e[ek])) : TOL;
    if (!(Math.abs(a - e[ek]) <= tol)) throw new Error(`${label} ${k}: ${a} vs expected ${e[ek]}`);
  }
}

describeRef("convergence.test")("Convergence: reference values", () => {
  const cases = () => [
    { label: "seed", panel: seedRef().seed_table3.D_matrix_units_x_years, ref: seedRef().seed_table3 },
    { label: "sample", panel: samplePanelIndices().D, ref: sampleRef().sample_panel },
  ];
  it("σ: mean, SD and CV per year with ddof 0 (default) and 1", () => {
    for (const { label, panel, ref } of cases()) {
      const years: number[] = ref.years;
      for (const ddof of [0, 1]) {
        const s = sigmaConvergence(panel, { periods: years, ...(ddof ? { ddof } : {}) });
        expect(s.ddof).toBe(ddof);
        s.overall.forEach((row) => {
          const e = ref.sigma_convergence[String(row.period)];
          expect(row.n).toBe(e.n);
          for (const [a, b] of [
            [row.mean, e.mean],
            [row.sd, e[`sd_ddof${ddof}`]],
            [row.cv!, e[`cv_ddof${ddof}`]],
          ])
            if (!(Math.abs(a - b) <= TOL)) throw new Error(`${label} ${row.period} ddof ${ddof}: ${a} vs ${b}`);
        });
      }
    }
  });
  it("β: pooled annual OLS (β, SE, t, p, R², speed, half-life) and the long-difference variant", () => {
    for (const { label, panel, ref } of cases()) {
      const b = betaConvergence(panel);
      expectFit(b.pooled, ref.beta_convergence_pooled_annual, `${label} pooled`);
      expect(b.periodLength).toBe(ref.beta_convergence_pooled_annual.T);
      expect(b.span).toBe(ref.beta_convergence_long_difference_variant.span);
      expectFit(b.longDifference!, ref.beta_convergence_long_difference_variant, `${label} long difference`);
    }
  });
  it("per group: the statistics of each region's own sub-panel", () => {
    const s = seedRef().seed_table3;
    const D: number[][] = s.D_matrix_units_x_years;
    const region: string[] = s.region;
    const sig = sigmaConvergence(D, { groups: region, periods: s.years });
    const beta = betaConvergence(D, { groups: region });
    expect(sig.byGroup.map((g) => g.group)).toEqual(["Central", "East", "West"]);
    for (const g of sig.byGroup) {
      const sub = D.filter((_, i) => region[i] === g.group);
      expect(g.rows).toEqual(sigmaConvergence(sub, { periods: s.years }).overall);
      const bg = beta.byGroup.find((x) => x.group === g.group)!;
      expect(bg.pooled).toEqual(betaConvergence(sub).pooled);
      expect(bg.pooled!.n).toBe(sub.length * 9);
    }
  });
});

describe("Convergence: small cases and bad input", () => {
  it("β ≥ 0 (divergence): no half-life, with the reason", () => {
    const b = betaConvergence([
      [1, 2, 4],
      [2, 5, 12],
      [3, 8, 20],
    ]);
    expect(b.pooled.beta).toBeGreaterThan(0);
    expect(b.pooled.halfLife).toBeNull();
    expect(b.pooled.note).toMatch(/no β-convergence/);
  });
  it("a zero D cannot be logged: the cell and period are named", () => {
    expectCoordError(
      () =>
        betaConvergence(
          [
            [0.2, 0.3],
            [0, 0.4],
          ],
          { periods: [2011, 2012] },
        ),
      "NEGATIVE",
      "panel row 2, column 1 (period 2011): 0 is not positive",
    );
  });
  it("a mean of 0 gives CV null, not NaN", () => {
    expect(sigmaConvergence([[0], [0]]).overall[0].cv).toBeNull();
  });
  it("options are checked", () => {
    expectCoordError(() => sigmaConvergence([[1]], { ddof: -1 }), "OPTION", "ddof must be a non-negative integer; got -1");
    expectCoordError(() => sigmaConvergence([[1], [2]], { groups: ["A"] }), "LENGTH", "groups has 1 values but panel has 2 rows");
  });
});
