/**
 * COORD.MORANI, COORD.LISA, COORD.GISTAR, COORD.SPATIALLAG through the registered wrappers:
 * the China queen matrix as an Excel range (labels on both margins, Chinese labels, or none)
 * and the published D of 2011/2020 against R spdep (../shared/reference/spatial; skipped when
 * absent), the help pages' worked example (recomputed independently from the formulas), and bad
 * input: a non-square range, a length mismatch, an isolate, text and blank cells.
 */
import * as fs from "fs";
import * as path from "path";
import { gistar, lisa, morani, spatiallag } from "../../src/functions/functions";
import { chinaProvincesWeights } from "../../src/engine/spatial/presets/chinaProvinces";
import { CHINA_PROVINCES } from "../../src/engine/spatial/presets/chinaProvincesData";
import { toDenseWeights } from "../../src/engine/spatial/weights";
import { excelColumn, expectErrorValue, expectExcelSafe, numbersInColumn } from "./support";
import { sharedPath } from "../helpers";

const SHARED = sharedPath();
const JSON_FILE = path.join(SHARED, "reference", "spatial", "expected", "seed-table3.json");
const present = fs.existsSync(JSON_FILE);
if (!present) console.warn(`spatial (functions) test: spdep reference skipped: ${JSON_FILE} not found (../shared is not beside the repo)`);
const withRef = present ? describe : describe.skip;

const china = chinaProvincesWeights();
const dense = toDenseWeights(china);
const labelled = (labels: readonly string[]) => [["", ...labels], ...dense.map((r, i) => [labels[i], ...r])];
const en = china.labels;
const zh = CHINA_PROVINCES.map((p) => p.zhShort);

/** A spilled labelled block as { label: value }. */
const block = (spill: unknown) => Object.fromEntries((spill as unknown[][]).map((r) => [r[0], r[1]]));

withRef("against spdep (seed-table3.json)", () => {
  const ref = present ? JSON.parse(fs.readFileSync(JSON_FILE, "utf8")) : null;
  test.each(["2011", "2020"])("%s: Moran's I, Geary's C, LISA, Gi*, lag at 1e-10 (p at 1e-12)", (y) => {
    const e = ref.china.years[y];
    const x = excelColumn(
      e.local.map((l: { x: number }) => l.x),
      `D ${y}`,
    );
    for (const weights of [labelled(en), labelled(zh), dense]) {
      const m = block(morani(x, weights));
      expect(Math.abs(m["Moran's I"] - e.moran.randomisation.I)).toBeLessThan(1e-10);
      expect(Math.abs(m["variance"] - e.moran.randomisation.variance)).toBeLessThan(1e-10);
      expect(Math.abs(m["z"] - e.moran.randomisation.z)).toBeLessThan(1e-10);
      expect(Math.abs(m["p"] - e.moran.randomisation.p_greater)).toBeLessThan(1e-12);
      expect(Math.abs(m["p two-sided"] - e.moran.randomisation.p_two_sided)).toBeLessThan(1e-12);
      const pp = m["p permutation (999, seed 1)"];
      expect(Math.abs(pp - e.moran_mc.p_value)).toBeLessThan(0.08);
      const g = block(morani(x, weights, "geary"));
      expect(Math.abs(g["Geary's C"] - e.geary.randomisation.C)).toBeLessThan(1e-10);
      expect(Math.abs(g["z"] - e.geary.randomisation.z)).toBeLessThan(1e-10);
      const t = lisa(x, weights) as unknown[][];
      expectExcelSafe(t);
      expect(t[0]).toEqual(["I_i", "z", "p", "quadrant", "cluster (α = 0.05)"]);
      t.slice(1).forEach((r, i) => {
        const l = e.local[i];
        expect(Math.abs((r[0] as number) - l.Ii)).toBeLessThan(1e-10);
        expect(Math.abs((r[1] as number) - l["Z.Ii"])).toBeLessThan(1e-10);
        expect(Math.abs((r[2] as number) - l["Pr(z != E(Ii))"])).toBeLessThan(1e-12);
        expect(r[3]).toBe(l.quadrant);
        expect(r[4]).toBe(l["Pr(z != E(Ii))"] < 0.05 ? l.quadrant : "not significant");
      });
      const gi = gistar(x, weights) as unknown[][];
      expect(gi[0]).toEqual(["Gi* z"]);
      const giz = numbersInColumn(gi, 0, 1);
      giz.forEach((z, i) => expect(Math.abs(z - e.gistar[i].Gi_star_z)).toBeLessThan(1e-10));
      const lag = numbersInColumn(spatiallag(x, weights) as unknown[][], 0, 1);
      lag.forEach((v, i) => expect(Math.abs(v - e.lag[i].lag)).toBeLessThan(1e-10));
    }
    const b = block(morani(x, labelled(en), "moran", "binary", 0));
    const eb = ref.china.binary_weights_style_B.years[y].randomisation;
    expect(Math.abs(b["Moran's I"] - eb.I)).toBeLessThan(1e-10);
    expect(Math.abs(b["z"] - eb.z)).toBeLessThan(1e-10);
    expect((b["p permutation"] as { code: string }).code).toBe("#N/A");
  });
});

describe("the help pages' worked example (2 x 3 grid, rook contiguity)", () => {
  const W = [
    ["", "A", "B", "C", "D", "E", "F"],
    ["A", 0, 1, 0, 1, 0, 0],
    ["B", 1, 0, 1, 0, 1, 0],
    ["C", 0, 1, 0, 0, 0, 1],
    ["D", 1, 0, 0, 0, 1, 0],
    ["E", 0, 1, 0, 1, 0, 1],
    ["F", 0, 0, 1, 0, 1, 0],
  ];
  const x = excelColumn([0.62, 0.55, 0.41, 0.58, 0.47, 0.33], "D");
  // expected values computed from the formulas of METHODS.md M12 with plain Python (not this code)
  test("MORANI, both outputs", () => {
    const m = block(morani(x, W));
    expect(m["Moran's I"]).toBeCloseTo(0.4471188913202043, 12);
    expect(m["variance"]).toBeCloseTo(0.09363120271370973, 12);
    expect(m["z"]).toBeCloseTo(2.1148217940936895, 12);
    expect(m["p"]).toBeCloseTo(0.01722256931780334, 12);
    expect(block(morani(x, W, "geary"))["Geary's C"]).toBeCloseTo(0.40413019693654273, 12);
    // same seed, same p; another seed may differ, the statistic never
    expect(block(morani(x, W, undefined, undefined, 499, 5))["p permutation (499, seed 5)"]).toBe(
      block(morani(x, W, undefined, undefined, 499, 5))["p permutation (499, seed 5)"],
    );
  });
  test("LISA at α = 0.1, GISTAR, SPATIALLAG", () => {
    const t = lisa(x, W, "table", 0.1) as unknown[][];
    expect(t.slice(1).map((r) => r[4])).toEqual(["HH", "not significant", "not significant", "not significant", "not significant", "LL"]);
    const expected = [
      [0.893873, 1.734911, 0.082757],
      [0.037199, 0.412659, 0.679857],
      [0.437637, 1.114486, 0.265071],
      [0.440919, 1.105735, 0.268841],
      [0.015317, 0.252832, 0.800398],
      [0.857768, 1.846582, 0.064808],
    ];
    t.slice(1).forEach((r, i) => expected[i].forEach((v, k) => expect(r[k] as number).toBeCloseTo(v, 6)));
    expect(lisa(x, W, "cluster", 0.1)).toEqual([
      ["cluster"],
      ["HH"],
      ["not significant"],
      ["not significant"],
      ["not significant"],
      ["not significant"],
      ["LL"],
    ]);
    expect(numbersInColumn(gistar(x, W) as unknown[][], 0, 1).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([
      1.996989, 0.601443, -1.405289, 1.405289, -0.339946, -1.996989,
    ]);
    expect(numbersInColumn(spatiallag(x, W) as unknown[][], 0, 1).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.565, 0.5, 0.44, 0.545, 0.486667, 0.44]);
    expect(numbersInColumn(spatiallag(x, W, "binary") as unknown[][], 0, 1).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1.13, 1.5, 0.88, 1.09, 1.46, 0.88]);
    // values as a row: results as a row
    expect((gistar([[0.62, 0.55, 0.41, 0.58, 0.47, 0.33]], W) as unknown[][]).length).toBe(1);
  });
});

describe("bad input", () => {
  const W = [
    [0, 1, 0, 0],
    [1, 0, 1, 0],
    [0, 1, 0, 1],
    [0, 0, 1, 0],
  ];
  const x = [[1], [2], [3], [5]];
  test("a non-square range", () => {
    expectErrorValue(
      morani(x, W.slice(0, 3)),
      "#VALUE!",
      "weights is not square: 3 rows and 4 columns of weights; give an n x n range, one row and one column per unit",
    );
    expectErrorValue(
      lisa(x, [["", "a", "b", "c", "d"], ...W.slice(0, 3).map((r, i) => ["abc"[i], ...r])]),
      "#VALUE!",
      "weights is not square: 3 rows and 4 columns of weights (after its label row and column); give an n x n range, one row and one column per unit",
    );
  });
  test("a length mismatch", () => {
    expectErrorValue(
      gistar([[1], [2], [3]], W),
      "#VALUE!",
      "values has 3 values but weights has 4 units (rows); give one value per unit, in the order of the weights' rows",
    );
  });
  test("an isolate", () => {
    const iso = W.map((r) => r.slice());
    iso[2][3] = iso[3][2] = 0;
    expectErrorValue(
      morani(x, iso),
      "#N/A",
      "weights row 4 has no neighbours (all its weights are 0): an isolate; link it to a neighbour or leave the unit out",
    );
    const named = [["", "a", "b", "c", "d"], ...iso.map((r, i) => ["abcd"[i], ...r])];
    expectErrorValue(
      spatiallag(x, named),
      "#N/A",
      "weights row 5 ('d') has no neighbours (all its weights are 0): an isolate; link it to a neighbour or leave the unit out",
    );
  });
  test("text, blank and error cells; diagonal; negative; mismatched labels; options", () => {
    const text = W.map((r) => r.slice() as unknown[]);
    text[1][2] = "x";
    expectErrorValue(morani(x, text), "#VALUE!", "weights row 2, column 3: text 'x' is not a number");
    const blank = W.map((r) => r.slice() as unknown[]);
    blank[0][2] = null;
    expectErrorValue(lisa(x, blank), "#VALUE!", "weights row 1, column 3 is empty (write 0 where two units are not neighbours)");
    const err = W.map((r) => r.slice() as unknown[]);
    err[3][0] = { code: "#N/A" };
    expectErrorValue(gistar(x, err), "#VALUE!", "weights row 4, column 1 holds #N/A");
    const diag = W.map((r) => r.slice());
    diag[1][1] = 1;
    expectErrorValue(morani(x, diag), "#VALUE!", "weights row 2, column 2 is on the diagonal and must be 0 (a unit is not its own neighbour); got 1");
    const neg = W.map((r) => r.slice());
    neg[0][1] = -1;
    expectErrorValue(morani(x, neg), "#VALUE!", "weights row 1, column 2: the weight -1 is negative; weights must be ≥ 0");
    expectErrorValue(
      morani(x, [["", "a", "b", "c", "d"], ...W.map((r, i) => ["abdc"[i], ...r])]),
      "#VALUE!",
      "weights row 1, column 4 ('c') does not match the label of row 4 ('d'): give the units in the same order across and down",
    );
    expectErrorValue(morani([[1], ["n/a"], [3], [5]], W), "#VALUE!", "values row 2: text 'n/a' is not a number");
    expectErrorValue(morani([[2], [2], [2], [2]], W), "#VALUE!", "values: all 4 values are equal (2); spatial autocorrelation is undefined");
    expectErrorValue(morani(x, W, "lisa"), "#VALUE!", "output must be one of moran, geary; got 'lisa'");
    expectErrorValue(morani(x, W, "moran", "rows"), "#VALUE!", "transform must be one of row, binary, none, W, B; got 'rows'");
    expectErrorValue(morani(x, W, "moran", "row", -5), "#VALUE!", /^permutations/);
    expectErrorValue(lisa(x, W, "table", 2), "#VALUE!", /^alpha/);
  });
});
