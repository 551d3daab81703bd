/**
 * COORD.KDENSITY against tests/fixtures/indices/kde.json (national D by year on the [0, 1] grid,
 * each bandwidth rule; the pooled sample) and small_cases.json, impl and wrapper.
 */
import { kdensityImpl } from "../../src/functions/impl/kdensity";
import { kdensity } from "../../src/functions/functions";
import { kernelDensity } from "../../src/engine/kde";
import { excelColumn, expectClose, expectErrorValue, expectExcelSafe, expectThrows, loadFixture, numbersInColumn } from "./support";

const kde = loadFixture("kde.json");
const ccd = loadFixture("ccd.json");
const panel = loadFixture("inputs_panel_a.json");
const small = loadFixture("small_cases.json");
const TOL = 1e-9;
const D: number[] = ccd.global_shift0.standard.D;
const years: number[] = panel.years;

describe("KDENSITY: reference densities (kde.json)", () => {
  for (const year of Object.keys(kde.national)) {
    it(`national ${year}: silverman, scott, scipy at the [0, 1] grid`, () => {
      const x = D.filter((_, i) => years[i] === Number(year));
      const block = kde.national[year];
      expect(x).toHaveLength(block.n);
      const values = excelColumn(
        x.map((v, i) => (i % 4 === 0 ? String(v) : v)),
        `D ${year}`,
      );
      const points = excelColumn(kde.grid);
      for (const [key, bw] of [
        ["density_silverman", undefined],
        ["density_scott", "Scott"],
        ["density_scipy_scott", "scipy"],
      ] as const) {
        const f = kdensityImpl(values, points, bw);
        expectExcelSafe(f);
        expectClose(numbersInColumn(f, 0), block[key], TOL, `${year} ${key}`);
      }
      // a fixed bandwidth equal to the rule's gives the same densities
      const fixed = kdensity(values, points, String(block.bw.silverman)) as number[][];
      expectClose(numbersInColumn(fixed, 0), block.density_silverman, TOL, `${year} fixed h`);
    });
  }

  it("pooled over all years, points as a row with a header cell", () => {
    const f = kdensity(excelColumn(D), [["x", ...kde.grid]]) as unknown[][];
    expect(f).toHaveLength(1);
    expect(f[0][0]).toBe("density");
    expectClose(f[0].slice(1) as number[], kde.pooled_all_years_silverman.density, TOL, "pooled");
  });

  it("without points: the x, f table on 512 points, as the engine's grid", () => {
    const t = kdensityImpl([small.kde_x]);
    expect(t).toHaveLength(513);
    expect(t[0]).toEqual(["x", "f"]);
    const r = kernelDensity(small.kde_x);
    expectClose(numbersInColumn(t, 0, 1), r.x, 0, "x");
    expectClose(numbersInColumn(t, 1, 1), r.density, 0, "f");
    expect(r.bandwidth).toBeCloseTo(small.kde_bw.silverman, 12);
  });

  it("small case at its grid; the help page example", () => {
    expectClose(numbersInColumn(kdensityImpl(excelColumn(small.kde_x), excelColumn(small.kde_grid)), 0), small.kde_density_silverman, TOL, "small");
    expectClose(numbersInColumn(kdensityImpl(excelColumn(small.kde_x), [[0.3], [0.4], [0.5]]), 0), [1.6797, 2.6746, 2.1227], 5e-5, "help");
  });
});

describe("KDENSITY: bad input", () => {
  it("unknown bandwidth rule", () => {
    const msg = "bandwidth must be a positive number or one of silverman, scott, scipy_scott, scipy_silverman, nrd0, nrd, scipy; got 'wide'";
    expectThrows(() => kdensityImpl([[1], [2], [3]], null, "wide"), "OPTION", msg);
    expectErrorValue(kdensity([[1], [2], [3]], null as never, "wide"), "#VALUE!", msg);
  });
  it("a bandwidth of 0", () => {
    expectErrorValue(kdensity([[1], [2], [3]], null as never, 0), "#VALUE!", "bandwidth must be a positive number or a rule name; got 0");
  });
  it("all values equal", () => {
    expectErrorValue(kdensity([[2], [2], [2]]), "#VALUE!", "values: all 3 values are equal (2); the bandwidth is 0 and the density undefined");
  });
  it("a blank inside values", () => {
    expectErrorValue(kdensity([[1], [null], [3]]), "#VALUE!", "values row 2 is empty");
  });
  it("text in points", () => {
    expectErrorValue(kdensity([[1], [2], [3]], [[0.5], ["mid"]]), "#VALUE!", "points row 2: text 'mid' is not a number");
  });
});
