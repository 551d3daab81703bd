/**
 * Every number of ../shared/reference/spatial/expected/seed-table3.json (R spdep 1.2-7 on the
 * published D of 2011–2020 with the China queen matrix; README there): global Moran's I under
 * both variance rules, Geary's C, local Moran under both moment rules and both quadrant rules,
 * Gi*, the lag, binary weights, Hainan as an island with adjust.n TRUE and FALSE — at 1e-10
 * (p-values at 1e-12), and the permutation statistic with its p within a plausibility range.
 *
 * The JSON (272 KB) is read at run time, not copied; without ../shared the suite skips.
 */
import * as fs from "fs";
import * as path from "path";
import { chinaProvincesWeightsFor } from "../../../src/engine/spatial/presets/chinaProvinces";
import { gearyC, moranI } from "../../../src/engine/spatial/moran";
import { localMoran } from "../../../src/engine/spatial/localMoran";
import { getisOrdGiStar } from "../../../src/engine/spatial/getisOrd";
import { spatialLag } from "../../../src/engine/spatial/lag";
import { transformWeights, weightsSummary } from "../../../src/engine/spatial/weights";
import { sharedPath } from "../../helpers";

const SHARED = sharedPath();
const JSON_FILE = path.join(SHARED, "reference", "spatial", "expected", "seed-table3.json");
const CSV = path.join(SHARED, "data", "seed-table3-ccd.csv");
const present = fs.existsSync(JSON_FILE) && fs.existsSync(CSV);
if (!present) console.warn(`spatial reference tests skipped: ${JSON_FILE} or ${CSV} not found (../shared is not beside the repo)`);
const d = present ? describe : describe.skip;

type Json = any;
const TOL = 1e-10;
const PTOL = 1e-12;

/** Largest deviation seen per kind, printed at the end (the report's figures). */
const worst: Record<string, number> = {};
function close(actual: number | null, expected: number, tol: number, label: string, kind: string): void {
  if (actual === null || !(Math.abs(actual - expected) <= tol)) throw new Error(`${label}: got ${actual}, expected ${expected} (tol ${tol})`);
  worst[kind] = Math.max(worst[kind] ?? 0, Math.abs(actual - expected));
}
let compared = 0;
function check(actual: number | null, expected: number, label: string, kind: string, tol = TOL): void {
  close(actual, expected, tol, label, kind);
  compared++;
}

d("spdep reference (seed-table3.json)", () => {
  const ref: Json = present ? JSON.parse(fs.readFileSync(JSON_FILE, "utf8")) : null;
  const rows = present
    ? fs
        .readFileSync(CSV, "utf8")
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(","))
    : [];
  const order: string[] = present ? ref.china.order : [];
  const D = (year: string): number[] => order.map((p) => Number(rows.find((r) => r[0] === p && r[2] === year)![3]));
  const years = present ? Object.keys(ref.china.years) : [];
  const B = present ? chinaProvincesWeightsFor(order) : null!;
  const W = present ? transformWeights(B, "row") : null!;

  afterAll(() => {
    if (present) console.log(`spatial reference: ${compared} numbers compared; max |difference| by kind: ${JSON.stringify(worst)}`);
  });

  test("ten years of D, the matrix order as the reference", () => {
    expect(years).toEqual(["2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020"]);
    for (const y of years) {
      const x = D(y);
      expect(x.every(Number.isFinite)).toBe(true);
      expect(x.map((v, i) => v - ref.china.years[y].local[i].x)).toEqual(new Array(31).fill(0));
    }
  });

  test("weights constants S0, S1, S2 for styles W and B", () => {
    for (const [style, w] of [
      ["W", W],
      ["B", B],
    ] as const) {
      const s = weightsSummary(w);
      const e = ref.china[`weights_constants_style_${style}`];
      expect(s.n).toBe(e.n);
      for (const k of ["S0", "S1", "S2"] as const) check(s[k], e[k], `${style} ${k}`, "constants");
    }
  });

  test.each(years)("global Moran's I and Geary's C, %s, both variance rules", (y) => {
    const e = ref.china.years[y];
    const x = D(y);
    for (const rule of ["randomisation", "normality"] as const) {
      const m = moranI(x, W, { variance: rule, permutations: 0 });
      const em = e.moran[rule];
      check(m.I, em.I, `${y} ${rule} I`, "moran");
      check(m.expectation, em.expectation, `${y} ${rule} E`, "moran");
      check(m.variance, em.variance, `${y} ${rule} Var`, "moran");
      check(m.z, em.z, `${y} ${rule} z`, "moran");
      check(m.pValue, em.p_greater, `${y} ${rule} p`, "p", PTOL);
      check(m.pTwoSided, em.p_two_sided, `${y} ${rule} p2`, "p", PTOL);
      const g = gearyC(x, W, { variance: rule });
      const eg = e.geary[rule];
      check(g.C, eg.C, `${y} ${rule} C`, "geary");
      check(g.expectation, eg.expectation, `${y} ${rule} E[C]`, "geary");
      check(g.variance, eg.variance, `${y} ${rule} Var C`, "geary");
      check(g.z, eg.z, `${y} ${rule} z C`, "geary");
      check(g.pValue, eg.p_greater, `${y} ${rule} p C`, "p", PTOL);
      check(g.pTwoSided, eg.p_two_sided, `${y} ${rule} p2 C`, "p", PTOL);
    }
  });

  test.each(years)("permutation test, %s: the statistic exactly, p within a plausibility range of spdep's", (y) => {
    const e = ref.china.years[y].moran_mc;
    const m = moranI(D(y), W, { permutations: e.nsim, seed: 1 });
    check(m.I, e.statistic, `${y} mc statistic`, "moran");
    const p = m.permutation!;
    expect(p.permutations).toBe(999);
    expect(p.pValue).toBe((p.atLeastObserved + 1) / 1000);
    // two independent draws of a binomial proportion: |Δp| within 5 standard errors
    const se = Math.sqrt((2 * e.p_value * (1 - e.p_value)) / e.nsim);
    expect(Math.abs(p.pValue - e.p_value)).toBeLessThan(5 * se + 0.002);
  });

  test.each(years)("local Moran (both moment rules, both quadrant rules), Gi*, lag, %s", (y) => {
    const e = ref.china.years[y];
    const x = D(y);
    const cond = localMoran(x, W);
    const total = localMoran(x, W, { moments: "total" });
    const mean = localMoran(x, W, { quadrant: "mean" });
    const gi = getisOrdGiStar(x, W);
    const giB = getisOrdGiStar(x, B);
    const lag = spatialLag(x, W);
    let differ = 0;
    order.forEach((p, i) => {
      const l = e.local[i];
      expect(l.province).toBe(p);
      check(cond.Ii[i], l.Ii, `${y} ${p} Ii`, "local");
      check(cond.expectation[i], l["E.Ii"], `${y} ${p} E.Ii`, "local");
      check(cond.variance[i], l["Var.Ii"], `${y} ${p} Var.Ii`, "local");
      check(cond.z[i], l["Z.Ii"], `${y} ${p} Z.Ii`, "local");
      check(cond.pValue[i], l["Pr(z != E(Ii))"], `${y} ${p} p`, "p", PTOL);
      check(total.Ii[i], l.Ii, `${y} ${p} Ii (total)`, "local");
      check(total.expectation[i], l.unconditional["E.Ii"], `${y} ${p} E.Ii total`, "local");
      check(total.variance[i], l.unconditional["Var.Ii"], `${y} ${p} Var.Ii total`, "local");
      check(total.z[i], l.unconditional["Z.Ii"], `${y} ${p} Z.Ii total`, "local");
      check(total.pValue[i], l.unconditional["Pr(z != E(Ii))"], `${y} ${p} p total`, "p", PTOL);
      expect({ p, q: cond.quadrant[i] }).toEqual({ p, q: l.quadrant });
      expect({ p, q: mean.quadrant[i] }).toEqual({ p, q: l.quadrant_spdep_mean });
      if (cond.quadrant[i] !== mean.quadrant[i]) differ++;
      const g = e.gistar[i];
      expect(g.province).toBe(p);
      check(gi.z[i], g.Gi_star_z, `${y} ${p} Gi*`, "gistar");
      check(giB.z[i], g.Gi_star_z, `${y} ${p} Gi* (binary)`, "gistar");
      check(gi.G[i], g.G_star, `${y} ${p} G*`, "gistar");
      check(gi.expectation[i], g.E_G_star, `${y} ${p} E(G*)`, "gistar");
      check(gi.variance[i], g.V_G_star, `${y} ${p} V(G*)`, "gistar");
      check(gi.pValue[i], g.p_two_sided, `${y} ${p} p(G*)`, "p", PTOL);
      check(lag[i], e.lag[i].lag, `${y} ${p} lag`, "lag");
    });
    expect(differ).toBe(e.n_quadrant_pysal_ne_spdep_mean);
  });

  test("binary weights (style B), 2011 and 2020, both variance rules", () => {
    for (const y of Object.keys(ref.china.binary_weights_style_B.years)) {
      for (const rule of ["randomisation", "normality"] as const) {
        const m = moranI(D(y), transformWeights(B, "binary"), { variance: rule, permutations: 0 });
        const e = ref.china.binary_weights_style_B.years[y][rule];
        check(m.I, e.I, `B ${y} ${rule} I`, "moran");
        check(m.expectation, e.expectation, `B ${y} E`, "moran");
        check(m.variance, e.variance, `B ${y} ${rule} Var`, "moran");
        check(m.z, e.z, `B ${y} ${rule} z`, "moran");
        check(m.pValue, e.p_greater, `B ${y} ${rule} p`, "p", PTOL);
        check(m.pTwoSided, e.p_two_sided, `B ${y} ${rule} p2`, "p", PTOL);
      }
    }
  });

  test("Hainan an island: an error naming it, or spdep's zero policy with n = 30 (adjust.n TRUE) or 31", () => {
    const island = transformWeights(chinaProvincesWeightsFor(order, { hainan: "island" }), "row");
    expect(() => moranI(D("2011"), island)).toThrow("weights: unit 'Hainan' has no neighbours (an isolate)");
    for (const y of Object.keys(ref.china.hainan_isolated_asis.years)) {
      for (const adjust of [true, false]) {
        for (const rule of ["randomisation", "normality"] as const) {
          const m = moranI(D(y), island, { variance: rule, zeroPolicy: true, adjustN: adjust, permutations: 0 });
          const e = ref.china.hainan_isolated_asis.years[y][`adjust_n_${adjust ? "TRUE" : "FALSE"}`][rule];
          expect(m.n).toBe(adjust ? 30 : 31);
          check(m.I, e.I, `island ${y} ${adjust} ${rule} I`, "moran");
          check(m.expectation, e.expectation, `island ${y} E`, "moran");
          check(m.variance, e.variance, `island ${y} ${adjust} ${rule} Var`, "moran");
          check(m.z, e.z, `island ${y} ${adjust} ${rule} z`, "moran");
          check(m.pValue, e.p_greater, `island ${y} ${adjust} ${rule} p`, "p", PTOL);
          check(m.pTwoSided, e.p_two_sided, `island ${y} ${adjust} ${rule} p2`, "p", PTOL);
        }
      }
    }
  });
});
