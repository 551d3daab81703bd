import * as fs from "fs";
import * as path from "path";
import { BANDWIDTH_RULES, BandwidthRule, kdeBandwidth, kernelDensity } from "../../src/engine/kde";
import { expectCoordErrorExact } from "../helpers";

const FIX = path.join(__dirname, "../fixtures/indices");
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(FIX, f), "utf8"));

function expectClose(actual: number, expected: number, tol: number, label: string): void {
  if (!(Math.abs(actual - expected) <= tol)) throw new Error(`${label}: got ${actual}, expected ${expected} (|diff| ${Math.abs(actual - expected)} > ${tol})`);
}

describe("kernelDensity (M7) against kde.json", () => {
  const kde = load("kde.json");
  const panel = load("inputs_panel_a.json");
  const ccd = load("ccd.json");
  // The KDE input is D of the default CCD (global min-max, no shift, standard C): the
  // national 2011 Silverman bandwidth of that column equals kde.json's (checked below).
  const D: number[] = ccd.global_shift0.standard.D;
  const years: number[] = panel.years;
  const region: string[] = panel.region;
  const grid: number[] = kde.grid;
  const TOL = 1e-9;

  const select = (year?: number, reg?: string) => D.filter((_, i) => (year === undefined || years[i] === year) && (reg === undefined || region[i] === reg));

  it("has the blocks this test knows", () => {
    expect(Object.keys(kde).sort()).toEqual(["grid", "national", "note", "pooled_all_years_silverman", "region"]);
    expect(grid).toHaveLength(101);
  });

  let checked = 0;
  for (const [year, block] of Object.entries<any>(kde.national)) {
    it(`national ${year}: every bandwidth rule and every density`, () => {
      const x = select(Number(year));
      expect(x).toHaveLength(block.n);
      for (const key of Object.keys(block)) {
        if (key === "n") continue;
        else if (key === "bw") {
          for (const [rule, h] of Object.entries<number>(block.bw)) {
            expect(BANDWIDTH_RULES).toContain(rule);
            expectClose(kdeBandwidth(x, rule as BandwidthRule), h, TOL, `national ${year} bw ${rule}`);
            checked++;
          }
        } else if (key === "bw_silverman_iqr_type2") {
          expectClose(kdeBandwidth(x, "silverman", { iqrType: 2 }), block[key], TOL, `national ${year} ${key}`);
        } else if (key.startsWith("density_")) {
          const rule = key.slice("density_".length) as BandwidthRule;
          expect(BANDWIDTH_RULES).toContain(rule);
          const r = kernelDensity(x, { bandwidth: rule, points: grid });
          expect(r.rule).toBe(rule);
          expect(r.n).toBe(block.n);
          expectClose(r.bandwidth, block.bw[rule], TOL, `national ${year} ${key} bandwidth`);
          expect(r.x).toEqual(grid);
          block[key].forEach((d: number, j: number) => expectClose(r.density[j], d, TOL, `national ${year} ${key}[${j}]`));
          checked++;
        } else throw new Error(`unknown key national.${year}.${key} in kde.json`);
      }
    });
  }

  for (const [reg, byYear] of Object.entries<any>(kde.region)) {
    for (const [year, block] of Object.entries<any>(byYear)) {
      it(`region ${reg} ${year}: Silverman bandwidth and density`, () => {
        const x = select(Number(year), reg);
        expect(x).toHaveLength(block.n);
        for (const key of Object.keys(block))
          if (!["n", "bw_silverman", "density_silverman"].includes(key)) throw new Error(`unknown key region.${reg}.${year}.${key}`);
        const r = kernelDensity(x, { points: grid }); // default rule = silverman
        expect(r.rule).toBe("silverman");
        expectClose(r.bandwidth, block.bw_silverman, TOL, `${reg} ${year} bw`);
        block.density_silverman.forEach((d: number, j: number) => expectClose(r.density[j], d, TOL, `${reg} ${year} density[${j}]`));
        checked++;
      });
    }
  }

  it("pooled over all years: Silverman bandwidth and density", () => {
    const block = kde.pooled_all_years_silverman;
    expect(Object.keys(block).sort()).toEqual(["bw", "density"]);
    const r = kernelDensity(D, { points: grid });
    expect(r.n).toBe(310);
    expectClose(r.bandwidth, block.bw, TOL, "pooled bw");
    block.density.forEach((d: number, j: number) => expectClose(r.density[j], d, TOL, `pooled density[${j}]`));
  });

  it("covered every national and regional block", () => {
    // 10 years x (6 bandwidths + 3 densities) + 3 regions x 10 years
    expect(checked).toBe(10 * 9 + 30);
  });
});

describe("kdeBandwidth and kernelDensity: independent values (scipy 1.17 / numpy 2.4)", () => {
  const x = [1, 2, 3, 4, 10];
  const pts = [2.5, 0, 7];
  // numpy: s = 3.5355339, IQR(type 7) = 2; density = Σ norm.pdf((p - x)/h)/(n h)
  const cases: Array<[BandwidthRule, number, number[]]> = [
    ["silverman", 0.9670892473090081, [0.19392077743227584, 0.058748014404635764, 0.001358496472971461]],
    ["scott", 1.1379416810002663, [0.18615107501853312, 0.06493719615469243, 0.004491279247456325]],
    ["nrd0", 0.9735846228506357, [0.19367590673200788, 0.059023205984005365, 0.0014394772690648123]],
    ["nrd", 1.1466663335796377, [0.185693654156045, 0.06520325954513471, 0.004705046710885954]],
    // scipy.stats.gaussian_kde(x) and gaussian_kde(x, "silverman")
    ["scipy_scott", 2.5624830752630188, [0.11399857792990213, 0.07672994075093167, 0.047238055876169416]],
    ["scipy_silverman", 2.7142431656026678, [0.10891577306371124, 0.07579118351700143, 0.04978425672586008]],
  ];
  it.each(cases)("%s", (rule, h, dens) => {
    expectClose(kdeBandwidth(x, rule), h, 1e-12, `${rule} h`);
    const r = kernelDensity(x, { bandwidth: rule, points: pts });
    dens.forEach((d, j) => expectClose(r.density[j], d, 1e-12, `${rule} f(${pts[j]})`));
  });

  it("uses s when IQR = 0 (M7: min(s, IQR/1.349) = 0)", () => {
    // numpy: quartiles of [0 x7, 1] are 0, 0; 0.9·s·8^(-1/5)
    expectClose(kdeBandwidth([0, 0, 0, 0, 0, 0, 0, 1]), 0.2099324230957817, 1e-12, "h");
  });

  it("accepts a fixed bandwidth and reports rule 'fixed'", () => {
    const r = kernelDensity([0, 1], { bandwidth: 0.5, points: [0] });
    expect(r.rule).toBe("fixed");
    expect(r.bandwidth).toBe(0.5);
    // (φ(0) + φ(2))/(2·0.5) = 0.3989422804014327 + 0.05399096651318806
    expectClose(r.density[0], 0.3989422804014327 + 0.05399096651318806, 1e-15, "f(0)");
  });
});

describe("kernelDensity default grid", () => {
  // deterministic pseudo-normal sample (Park–Miller + Box–Muller)
  const sample = (n: number, seed = 1): Float64Array => {
    const out = new Float64Array(n);
    let s = seed;
    const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
    return out;
  };

  it("is 512 points on [min - 3h, max + 3h] (R's density, cut = 3)", () => {
    const x = [0.2, 0.5, 0.55, 0.9];
    const r = kernelDensity(x);
    expect(r.x).toHaveLength(512);
    expect(r.density).toHaveLength(512);
    expectClose(r.x[0], 0.2 - 3 * r.bandwidth, 1e-15, "lo");
    expectClose(r.x[511], 0.9 + 3 * r.bandwidth, 1e-15, "hi");
    expectClose(r.x[1] - r.x[0], (0.7 + 6 * r.bandwidth) / 511, 1e-15, "step");
    const g = kernelDensity(x, { gridSize: 11, cut: 1 });
    expect(g.x).toHaveLength(11);
    expectClose(g.x[0], 0.2 - g.bandwidth, 1e-15, "lo cut 1");
  });

  it.each([
    ["10^4 normal values, Silverman", sample(10000), "silverman"],
    ["200 values, Scott", sample(200, 7), "scott"],
    ["clustered data with outliers, small fixed h", Float64Array.from([0, 0.01, 0.02, 5, 40, 41]), 0.05],
  ] as Array<[string, Float64Array, BandwidthRule | number]>)("grid recurrence agrees with the direct sum at the same points: %s", (_, x, bw) => {
    const fast = kernelDensity(x, { bandwidth: bw });
    const direct = kernelDensity(x, { bandwidth: bw, points: fast.x });
    const max = Math.max(...direct.density);
    let area = 0;
    for (let j = 0; j < 512; j++) {
      // absolute error below 2e-13 of the peak (rounding ~1e-13 per term + the proven 1e-16 cut)
      expectClose(fast.density[j], direct.density[j], 2e-13 * max, `f(${fast.x[j]})`);
      if (direct.density[j] > 1e-3 * max) expectClose(fast.density[j] / direct.density[j], 1, 1e-12, `relative f(${fast.x[j]})`);
      if (j > 0) area += ((fast.density[j] + fast.density[j - 1]) / 2) * (fast.x[j] - fast.x[j - 1]);
    }
    if (typeof bw === "string") expectClose(area, 1, 1e-3, "integral");
  });
});

describe("kernelDensity errors", () => {
  it("rejects all-equal values (CONSTANT)", () => {
    expectCoordErrorExact(
      () => kernelDensity([0.3, 0.3, 0.3]),
      "CONSTANT",
      "values: all 3 values are equal (0.3); the bandwidth is 0 and the density undefined",
    );
  });
  it("rejects one value without a fixed bandwidth (TOO_FEW), accepts it with one", () => {
    expectCoordErrorExact(() => kernelDensity([0.3]), "TOO_FEW", "values has 1 value; a bandwidth rule needs at least 2 (or give a fixed bandwidth)");
    expect(kernelDensity([0.3], { bandwidth: 0.1, points: [0.3] }).density[0]).toBeCloseTo(3.989422804014327, 12);
  });
  it("rejects a bandwidth so small that the density would overflow, instead of returning Infinity (fast-check)", () => {
    expectCoordErrorExact(
      () => kernelDensity([0], { bandwidth: 5e-324, points: [0] }),
      "OPTION",
      "bandwidth h = 5e-324 is too small: the density 1/(√(2π)·h) overflows; give a larger bandwidth",
    );
    expect(kernelDensity([0], { bandwidth: 1e-300, points: [0] }).density[0]).toBeCloseTo(0.3989422804014327e300, -287);
  });
  it("rejects empty input (EMPTY)", () => {
    expectCoordErrorExact(() => kernelDensity([]), "EMPTY", "values is empty");
  });
  it("names the row of a non-numeric or missing value", () => {
    expectCoordErrorExact(() => kernelDensity([0.1, "n/a", 0.3]), "NOT_NUMERIC", "values row 2: text 'n/a' is not a number");
    expectCoordErrorExact(() => kernelDensity([0.1, 0.2, NaN]), "NOT_NUMERIC", "values row 3: NaN is not a number");
    expectCoordErrorExact(() => kernelDensity([0.1, null, 0.3]), "MISSING", "values row 2: an empty cell is not a number");
    expectCoordErrorExact(() => kernelDensity([0.1, 0.3], { points: [0, Infinity] }), "NOT_NUMERIC", "points row 2: Infinity is not a number");
  });
  it("rejects bad options (OPTION)", () => {
    expectCoordErrorExact(
      () => kernelDensity([1, 2], { bandwidth: "sj" as BandwidthRule }),
      "OPTION",
      /bandwidth must be a positive number or one of silverman, scott, scipy_scott, scipy_silverman, nrd0, nrd; got 'sj'/,
    );
    expectCoordErrorExact(() => kernelDensity([1, 2], { bandwidth: 0 }), "OPTION", "bandwidth must be a positive number or a rule name; got 0");
    expectCoordErrorExact(() => kernelDensity([1, 2], { bandwidth: -1 }), "OPTION", "bandwidth must be a positive number or a rule name; got -1");
    expectCoordErrorExact(() => kernelDensity([1, 2], { gridSize: 1 }), "OPTION", "gridSize must be an integer of at least 2; got 1");
    expectCoordErrorExact(() => kernelDensity([1, 2], { gridSize: 10.5 }), "OPTION", "gridSize must be an integer of at least 2; got 10.5");
    expectCoordErrorExact(() => kernelDensity([1, 2], { cut: -1 }), "OPTION", "cut must be a number ≥ 0; got -1");
    expectCoordErrorExact(() => kdeBandwidth([1, 2], "silverman", { iqrType: 5 as 7 }), "OPTION", "iqrType must be 7 or 2; got 5");
  });
  it("never returns NaN or Infinity (tiny bandwidth, far points)", () => {
    const r = kernelDensity([0, 1], { bandwidth: 1e-300, points: [0, 0.5, 1e300] });
    for (const d of r.density) expect(Number.isFinite(d)).toBe(true);
  });
});
