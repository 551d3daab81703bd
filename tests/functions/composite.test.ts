/**
 * COORD.COMPOSITE against the U of entropy.json (panel a) and critic.json (panel b), with the
 * method named, omitted, or weights given (also as ENTROPYWEIGHT's labelled spill).
 */
import { compositeImpl } from "../../src/functions/impl/composite";
import { entropyWeightImpl } from "../../src/functions/impl/entropyWeight";
import { composite } from "../../src/functions/functions";
import { excelRange, expectClose, expectErrorValue, expectExcelSafe, expectThrows, loadFixture, numbersInColumn } from "./support";

const entropy = loadFixture("entropy.json");
const critic = loadFixture("critic.json");
const panelA = loadFixture("inputs_panel_a.json");
const panelB = loadFixture("inputs_panel_b.json");
const TOL = 1e-9;

function subsystem(panel: { subsystem: string[]; X: number[][]; indicators: string[]; directions: string[] }, name: string) {
  const cols = panel.subsystem.map((s, j) => (s === name ? j : -1)).filter((j) => j >= 0);
  return {
    X: panel.X.map((r) => cols.map((j) => r[j])),
    labels: cols.map((j) => panel.indicators[j]),
    directions: cols.map((j) => panel.directions[j]),
  };
}

describe("COMPOSITE: reference U", () => {
  for (const [block, shift] of [
    ["global_shift0", undefined],
    ["global_shift0.0001", 0.0001],
    ["global_shift0.01", 0.01],
  ] as const) {
    for (const name of ["U1", "U2"]) {
      it(`entropy ${block} ${name}`, () => {
        const s = subsystem(panelA, name);
        const data = excelRange(s.X, s.labels);
        const U = compositeImpl(data, [s.directions], undefined, shift);
        expectExcelSafe(U);
        expect(U[0]).toEqual(["U"]);
        expectClose(numbersInColumn(U, 0, 1), entropy[block][`${name}_subsystem`].U, TOL, "U");
        expect(composite(data, [s.directions], [["entropy"]], shift)).toEqual(U);
      });
    }
  }
  for (const name of ["NQPF", "NTU"]) {
    it(`critic global ${name}`, () => {
      const s = subsystem(panelB, name);
      const U = compositeImpl(s.X, [s.directions], "CRITIC");
      expect(U).toHaveLength(310);
      expectClose(numbersInColumn(U, 0), critic.global_ddof1[name].U, TOL, "U");
    });
  }

  it("weights given as a row, or as ENTROPYWEIGHT's labelled spill, give the entropy U", () => {
    const s = subsystem(panelA, "U1");
    const data = excelRange(s.X, s.labels);
    const spill = entropyWeightImpl(data, [s.directions]);
    expect(spill).toHaveLength(2);
    const viaSpill = compositeImpl(data, [s.directions], spill);
    const viaRow = compositeImpl(data, [s.directions], [spill[1]]);
    const viaColumn = compositeImpl(
      data,
      [s.directions],
      (spill[1] as number[]).map((w) => [w]),
    );
    expectClose(numbersInColumn(viaSpill, 0, 1), entropy.global_shift0.U1_subsystem.U, TOL, "spill");
    expect(viaRow).toEqual(viaSpill);
    expect(viaColumn).toEqual(viaSpill);
  });

  it("reproduces the help page example", () => {
    const data = [
      [5.2, 62, 0.45],
      [7.9, 55, 0.7],
      [4.1, 49, 0.52],
      [9.6, 71, 0.38],
    ];
    expectClose(numbersInColumn(compositeImpl(data, [["+", "+", "-"]]), 0), [0.4933, 0.3585, 0.1517, 1], 5e-5, "entropy U");
    expectClose(numbersInColumn(compositeImpl(data, [["+", "+", "-"]], "critic"), 0), [0.5086, 0.3331, 0.2249, 1], 5e-5, "critic U");
  });
});

describe("COMPOSITE: bad input", () => {
  const data = [
    [1, 2, 3],
    [2, 5, 1],
    [4, 1, 7],
  ];
  it("weights of the wrong length", () => {
    const msg = "weights_or_method has 2 weights; expected 3, one per indicator column of data";
    expectThrows(() => compositeImpl(data, null, [[0.5, 0.5]]), "LENGTH", msg);
    expectErrorValue(composite(data, null as never, [[0.5, 0.5]]), "#VALUE!", msg);
  });
  it("an unknown method", () => {
    expectErrorValue(composite(data, null as never, [["topsis"]]), "#VALUE!", "weights_or_method must be one of entropy, critic; got 'topsis'");
  });
  it("a negative weight", () => {
    expectErrorValue(composite(data, null as never, [[0.5, -0.1, 0.6]]), "#VALUE!", "weights_or_method entry 2: -0.1 is negative; weights must be ≥ 0");
  });
  it("a blank weight", () => {
    expectErrorValue(composite(data, null as never, [[0.5, null, 0.5]]), "#VALUE!", "weights_or_method column 2 is empty");
  });
});

describe("COMPOSITE: issue 11 — given weights must sum to 1 (refused, not rescaled)", () => {
  const d = [
    ["a", "b", "c"],
    [1, 2, 3],
    [2, 1, 5],
    [3, 4, 4],
  ];
  it("a weight row summing to 3 is refused naming the sum", () => {
    expectErrorValue(
      composite(d, null as never, [[1, 1, 1]]),
      "#VALUE!",
      "weights_or_method sum to 3; weights must sum to 1 (divide each by their sum, 3), so that U lies in [0, 1]",
    );
  });
  it("weights rounded to a few decimals pass; the engine has the same rule", () => {
    expect(numbersInColumn(composite(d, null as never, [[0.3333333, 0.3333333, 0.3333334]]), 0, 1)).toHaveLength(3);
    expectThrows(
      () =>
        compositeIndexForTest(
          [
            [0, 1],
            [1, 0],
          ],
          [0.5, 0.6],
        ),
      "OPTION",
      "weights sum to 1.1; weights must sum to 1 (divide each by their sum, 1.1), so that U lies in [0, 1]",
    );
  });
});
import { compositeIndex as compositeIndexForTest } from "../../src/engine/composite";
