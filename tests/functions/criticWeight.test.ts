/**
 * COORD.CRITICWEIGHT against tests/fixtures/indices/critic.json (panel b, NQPF and NTU, global
 * scope; conflict r and 1 - |r|) through the impl and the registered wrapper.
 */
import { criticWeightImpl } from "../../src/functions/impl/criticWeight";
import { criticweight } from "../../src/functions/functions";
import { excelRange, expectClose, expectErrorValue, expectExcelSafe, expectThrows, loadFixture } from "./support";

const ref = loadFixture("critic.json");
const panel = loadFixture("inputs_panel_b.json");
const TOL = 1e-9;

function subsystem(name: string) {
  const cols = panel.subsystem.map((s: string, j: number) => (s === name ? j : -1)).filter((j: number) => j >= 0);
  return {
    X: panel.X.map((r: number[]) => cols.map((j: number) => r[j])) as number[][],
    labels: cols.map((j: number) => panel.indicators[j]) as string[],
    directions: cols.map((j: number) => panel.directions[j]) as string[],
  };
}

describe("CRITICWEIGHT: reference values (critic.json)", () => {
  for (const [block, conflict] of [
    ["global_ddof1", undefined],
    ["global_abs_r", "abs"],
  ] as const) {
    for (const name of ["NQPF", "NTU"]) {
      it(`${block} ${name}: weights and the sigma, R, C, w table`, () => {
        const s = subsystem(name);
        const expected = ref[block][name];
        const data = excelRange(s.X, s.labels, { textEvery: 5 });
        const w = criticWeightImpl(data, [s.directions], conflict);
        expectExcelSafe(w);
        expect(w[0]).toEqual(s.labels);
        expectClose(w[1] as number[], expected.w, TOL, "w");
        const t = criticWeightImpl(data, excelColumnOf(s.directions), conflict, "table");
        expect(t.map((r) => r[0])).toEqual(["", "sigma", "R", "C", "w"]);
        expectClose(t[1].slice(1) as number[], expected.sigma, TOL, "sigma");
        expectClose(t[2].slice(1) as number[], expected.conflict, TOL, "R");
        expectClose(t[3].slice(1) as number[], expected.C, TOL, "C");
        expectClose(t[4].slice(1) as number[], expected.w, TOL, "w");
        expect(criticweight(data, [s.directions], conflict)).toEqual(w);
      });
    }
  }

  it("reproduces the help page example", () => {
    const data = [
      ["GDP", "urbanization", "energy"],
      [5.2, 62, 0.45],
      [7.9, 55, 0.7],
      [4.1, 49, 0.52],
      [9.6, 71, 0.38],
    ];
    const t = criticWeightImpl(data, [["+", "+", "-"]], "r", true);
    expectClose(t[4].slice(1) as number[], [0.4051, 0.1952, 0.3997], 5e-5, "w");
    expectClose(t[2].slice(1) as number[], [1.1944, 0.6098, 1.2509], 5e-5, "R");
  });
});

function excelColumnOf(v: string[]): unknown[][] {
  return v.map((d) => [d === "+" ? "benefit" : "cost"]);
}

describe("CRITICWEIGHT: bad input", () => {
  const data = [
    ["a", "b", "c"],
    [1, 2, 3],
    [2, 5, 1],
    [4, 1, 7],
  ];
  it("unknown conflict option", () => {
    const msg = "conflict must be one of r, abs, abs-r; got 'pearson'";
    expectThrows(() => criticWeightImpl(data, null, "pearson"), "OPTION", msg);
    expectErrorValue(criticweight(data, null as never, "pearson"), "#VALUE!", msg);
  });
  it("text in data", () => {
    expectErrorValue(
      criticweight([
        ["a", "b"],
        [1, "x"],
        [2, 3],
      ]),
      "#VALUE!",
      `data row 2, column "b": text 'x' is not a number`,
    );
  });
  it("one indicator only", () => {
    expectErrorValue(criticweight([[1], [2], [3]]), "#VALUE!", "CRITIC weights need at least 2 indicators; data has 1 column");
  });
  it("wrong number of directions", () => {
    expectErrorValue(criticweight(data, [["+"], ["-"]]), "#VALUE!", "directions has 2 entries; expected 3, one per indicator column");
  });
});
