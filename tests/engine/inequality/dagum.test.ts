/**
 * Dagum Gini decomposition (M13) against the reference values (every number of every period,
 * seed Table 3 and the sample panel, at 1e-12), the exact rational worked example, the
 * fixed-order pitfall, and properties: G_w + G_nb + G_t = G, D_jh ≥ 0, d_jh − p_jh = Ȳ_j − Ȳ_h,
 * the O(n²) definition, invariance to the order of rows and to the names of groups.
 */
import fc from "fast-check";
import { dagumByPeriod, dagumGini, DagumResult } from "../../../src/engine/inequality";
import { expectCoordError } from "../../helpers";
import { ABS, describeRef, sampleRef, seedRef } from "./reference";
import { samplePanelIndices } from "./samplePanel";

function expectPeriod(r: DagumResult, e: any, label: string): void {
  const close = (a: number | null, b: number, what: string) => {
    if (a === null || !(Math.abs(a - b) <= ABS)) throw new Error(`${label} ${what}: ${a} vs expected ${b}`);
  };
  expect(r.n).toBe(e.n);
  close(r.mu, e.mu, "mu");
  close(r.G, e.G, "G");
  close(r.Gw, e.G_w, "G_w");
  close(r.Gnb, e.G_nb, "G_nb");
  close(r.Gt, e.G_t, "G_t");
  close(r.shareW, e.share_w, "share_w");
  close(r.shareNb, e.share_nb, "share_nb");
  close(r.shareT, e.share_t, "share_t");
  expect(r.groups.map((g) => g.name)).toEqual(Object.keys(e.groups).sort());
  for (const g of r.groups) {
    const x = e.groups[g.name];
    expect(g.n).toBe(x.n);
    close(g.mean, x.mean, `${g.name} mean`);
    close(g.p, x.p, `${g.name} p`);
    close(g.s, x.s, `${g.name} s`);
    close(g.Gjj, x.G_jj, `${g.name} G_jj`);
  }
  expect(r.pairs.map((p) => p.key)).toEqual(Object.keys(e.pairs).sort());
  for (const p of r.pairs) {
    const x = e.pairs[p.key];
    expect([p.high, p.low]).toEqual([x.high, x.low]);
    close(p.Gjh, x.G_jh, `${p.key} G_jh`);
    close(p.djh, x.d_jh, `${p.key} d_jh`);
    close(p.pjh, x.p_jh, `${p.key} p_jh`);
    close(p.Djh, x.D_jh, `${p.key} D_jh`);
    close(p.weight, x.weight_pj_sh_plus_ph_sj, `${p.key} weight`);
    close(p.Gnb, x.G_nb_part, `${p.key} G_nb part`);
    close(p.Gt, x.G_t_part, `${p.key} G_t part`);
  }
  expect(r.orderByMean).toEqual(e.group_order_by_mean_desc);
}

describeRef("dagum.test")("Dagum: reference values", () => {
  it("seed Table 3: every number of every year, pairs oriented by that year's means", () => {
    const s = seedRef().seed_table3;
    const out = dagumByPeriod(s.D_matrix_units_x_years, s.region, { periods: s.years });
    expect(out.map((p) => p.period)).toEqual(s.years);
    for (const p of out) expectPeriod(p, s.dagum_by_region[String(p.period)], `seed ${p.period}`);
    // Central and West swap ranks after 2011: the orientation changes over time
    const highs = out.map((p) => p.pairs.find((x) => x.key === "Central|West")!.high);
    expect(highs[0]).toBe("West");
    expect(new Set(highs.slice(1))).toEqual(new Set(["Central"]));
  });

  it("the fixed-order pitfall: orienting Central|West as in 2011 gives the reference's wrong G_nb, G_t (sum still G)", () => {
    const s = seedRef().seed_table3;
    const demo = s.dagum_fixed_order_pitfall_demo;
    const out = dagumByPeriod(s.D_matrix_units_x_years, s.region, { periods: s.years });
    for (const [year, e] of Object.entries<any>(demo.years)) {
      const r = out.find((p) => String(p.period) === year)!;
      expect(Math.abs(r.Gnb - e.G_nb_right)).toBeLessThanOrEqual(ABS);
      expect(Math.abs(r.Gt - e.G_t_right)).toBeLessThanOrEqual(ABS);
      // flipping the pair's orientation turns D_jh into −D_jh: the wrong values
      let nb = 0;
      let t = 0;
      for (const p of r.pairs) {
        const D = e.pairs_flipped.includes(p.key) ? -p.Djh! : p.Djh!;
        nb += p.Gjh * p.weight * D;
        t += p.Gjh * p.weight * (1 - D);
      }
      expect(Math.abs(nb - e.G_nb_wrong)).toBeLessThanOrEqual(ABS);
      expect(Math.abs(t - e.G_t_wrong)).toBeLessThanOrEqual(ABS);
      expect(Math.abs(r.Gw + nb + t - r.G)).toBeLessThanOrEqual(1e-15);
    }
  });

  it("sample panel: D by region, every year", () => {
    const s = sampleRef().sample_panel;
    const years: number[] = s.years;
    // D of the sample panel from the engine (entropy weights, global min-max, α = 0.5), units x years
    const seed = seedRef().seed_table3;
    const region = samplePanelIndices().unitRegions;
    expect(s.units).toEqual(seed.units);
    const D = samplePanelIndices().D;
    const out = dagumByPeriod(D, region, { periods: years });
    for (const p of out) expectPeriod(p, s.dagum_by_region[String(p.period)], `sample ${p.period}`);
  });
});

describe("Dagum: the exact rational worked example", () => {
  const y = [1, 2, 3, 4, 6, 10, 2, 5];
  const g = ["A", "A", "A", "B", "B", "C", "C", "C"];
  it("G = 31/88, G_w = 1/12, G_nb = 5/24, G_t = 2/33, G_jj and every pair", () => {
    const r = dagumGini(y, g);
    const tol = 1e-15;
    expect(Math.abs(r.G - 31 / 88)).toBeLessThanOrEqual(tol);
    expect(Math.abs(r.Gw - 1 / 12)).toBeLessThanOrEqual(tol);
    expect(Math.abs(r.Gnb - 5 / 24)).toBeLessThanOrEqual(tol);
    expect(Math.abs(r.Gt - 2 / 33)).toBeLessThanOrEqual(tol);
    const Gjj = Object.fromEntries(r.groups.map((x) => [x.name, x.Gjj]));
    expect(Math.abs(Gjj.A - 2 / 9)).toBeLessThanOrEqual(tol);
    expect(Math.abs(Gjj.B - 1 / 10)).toBeLessThanOrEqual(tol);
    expect(Math.abs(Gjj.C - 16 / 51)).toBeLessThanOrEqual(tol);
    const exact: Record<string, [string, number, number, number, number]> = {
      "A|B": ["B", 3 / 7, 3, 0, 1],
      "A|C": ["C", 35 / 69, 34 / 9, 1 / 9, 33 / 35],
      "B|C": ["C", 9 / 32, 11 / 6, 7 / 6, 2 / 9],
    };
    for (const p of r.pairs) {
      const [high, Gjh, d, pp, D] = exact[p.key];
      expect(p.high).toBe(high);
      for (const [a, b] of [
        [p.Gjh, Gjh],
        [p.djh, d],
        [p.pjh, pp],
        [p.Djh!, D],
      ])
        expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);
    }
  });
});

/** The O(n²) definitions of M13, for the property tests. */
function brute(y: number[], g: string[]) {
  const n = y.length;
  const mu = y.reduce((a, b) => a + b, 0) / n;
  let s = 0;
  for (const a of y) for (const b of y) s += Math.abs(a - b);
  const names = [...new Set(g)].sort();
  const of = (name: string) => y.filter((_, i) => g[i] === name);
  const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
  const pairs = new Map<string, { Gjh: number; djh: number; pjh: number }>();
  for (let j = 0; j < names.length; j++)
    for (let h = j + 1; h < names.length; h++) {
      let [A, B] = [of(names[j]), of(names[h])];
      if (mean(A) < mean(B)) [A, B] = [B, A];
      let d = 0;
      let p = 0;
      let abs = 0;
      for (const a of A)
        for (const b of B) {
          d += Math.max(a - b, 0);
          p += Math.max(b - a, 0);
          abs += Math.abs(a - b);
        }
      pairs.set(`${names[j]}|${names[h]}`, {
        Gjh: abs / (A.length * B.length * (mean(A) + mean(B))),
        djh: d / (A.length * B.length),
        pjh: p / (A.length * B.length),
      });
    }
  return { G: s / (2 * n * n * mu), pairs };
}

const sample = fc
  .array(fc.record({ y: fc.double({ min: 0.01, max: 1, noNaN: true }), g: fc.constantFrom("East", "West", "Central", "North") }), {
    minLength: 4,
    maxLength: 40,
  })
  .filter((rows) => new Set(rows.map((r) => r.g)).size >= 2);

describe("Dagum: properties", () => {
  it("G_w + G_nb + G_t = G; D_jh ≥ 0; d_jh − p_jh = Ȳ_j − Ȳ_h; the O(n²) definitions", () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const y = rows.map((r) => r.y);
        const g = rows.map((r) => r.g);
        const r = dagumGini(y, g);
        const b = brute(y, g);
        expect(Math.abs(r.Gw + r.Gnb + r.Gt - r.G)).toBeLessThanOrEqual(1e-14);
        expect(Math.abs(r.G - b.G)).toBeLessThanOrEqual(1e-13);
        const mean = Object.fromEntries(r.groups.map((x) => [x.name, x.mean]));
        for (const p of r.pairs) {
          if (p.Djh === null) {
            // every value of both groups equal: d = p = 0, D_jh undefined, no contribution
            expect([p.djh, p.pjh, p.Gjh, p.Gnb, p.Gt]).toEqual([0, 0, 0, 0, 0]);
          } else {
            expect(p.Djh).toBeGreaterThanOrEqual(0);
            expect(p.Djh).toBeLessThanOrEqual(1);
          }
          expect(Math.abs(p.djh - p.pjh - (mean[p.high] - mean[p.low]))).toBeLessThanOrEqual(1e-13);
          const e = b.pairs.get(p.key)!;
          expect(Math.abs(p.Gjh - e.Gjh)).toBeLessThanOrEqual(1e-13);
          expect(Math.abs(p.djh - e.djh)).toBeLessThanOrEqual(1e-13);
          expect(Math.abs(p.pjh - e.pjh)).toBeLessThanOrEqual(1e-13);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("invariant to the order of rows and to the order (names) of groups", () => {
    fc.assert(
      fc.property(sample, fc.func(fc.integer()), (rows, key) => {
        const y = rows.map((r) => r.y);
        const g = rows.map((r) => r.g);
        const a = dagumGini(y, g);
        const order = rows.map((_, i) => i).sort((i, j) => key(i) - key(j) || i - j);
        const b = dagumGini(
          order.map((i) => y[i]),
          order.map((i) => g[i]),
        );
        // rename groups so that their alphabetical order is reversed
        const rename = (s: string) => `g${String.fromCharCode(200 - s.charCodeAt(0))}${s}`;
        const c = dagumGini(y, g.map(rename));
        for (const other of [b, c]) {
          for (const f of ["G", "Gw", "Gnb", "Gt"] as const) expect(Math.abs(other[f] - a[f])).toBeLessThanOrEqual(1e-14);
          const gjj = (r: DagumResult) => r.groups.map((x) => x.Gjj).sort();
          gjj(other).forEach((v, i) => expect(Math.abs(v - gjj(a)[i])).toBeLessThanOrEqual(1e-14));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("Dagum: bad input", () => {
  it("a negative value names the row and period", () => {
    expectCoordError(
      () =>
        dagumByPeriod(
          [
            [0.2, 0.3],
            [-0.1, 0.4],
          ],
          ["A", "B"],
          { periods: [2011, 2012] },
        ),
      "NEGATIVE",
      "panel row 2 in period 2011: -0.1 is negative",
    );
  });
  it("a group whose values are all 0 in a period is named", () => {
    expectCoordError(() => dagumGini([0, 0, 1], ["A", "A", "B"], { period: 2015 }), "ALL_ZERO", "group 'A' in period 2015: all 2 values are 0");
  });
  it("all values 0", () => {
    expectCoordError(() => dagumGini([0, 0], ["A", "B"], { period: 2015 }), "ALL_ZERO", "values in period 2015: all values are 0");
  });
  it("a missing group name", () => {
    expectCoordError(() => dagumGini([1, 2], ["A", ""]), "MISSING", "groups row 2: an empty cell is not a group name");
  });
  it("all values equal: G = 0, shares and D_jh null with the reason, never NaN", () => {
    const r = dagumGini([0.5, 0.5, 0.5], ["A", "B", "B"]);
    expect(r.G).toBe(0);
    expect([r.shareW, r.shareNb, r.shareT, r.pairs[0].Djh]).toEqual([null, null, null, null]);
    expect(r.note).toMatch(/G = 0/);
  });
});
