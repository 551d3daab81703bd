/**
 * COORD.ENTROPYWEIGHT against tests/fixtures/indices/entropy.json (panel a, both subsystems,
 * global scope, each shift) through the impl and the registered wrapper, with Excel-shaped input.
 */
import { entropyWeightImpl } from "../../src/functions/impl/entropyWeight";
import { entropyweight } from "../../src/functions/functions";
import { entropyWeightsOnly } from "../../src/engine/weights";
import { excelRange, expectClose, expectErrorValue, expectExcelSafe, expectThrows, loadFixture, numbersInColumn } from "./support";

const ref = loadFixture("entropy.json");
const panel = loadFixture("inputs_panel_a.json");
const TOL = 1e-9;

function subsystem(name: string) {
  const cols = panel.subsystem.map((s: string, j: number) => (s === name ? j : -1)).filter((j: number) => j >= 0);
  return {
    X: panel.X.map((r: number[]) => cols.map((j: number) => r[j])) as number[][],
    labels: cols.map((j: number) => panel.indicators[j]) as string[],
    directions: cols.map((j: number) => panel.directions[j]) as string[],
  };
}

describe("ENTROPYWEIGHT: reference values (entropy.json, global scope)", () => {
  const blocks: Array<[string, number | null]> = [
    ["global_shift0", null],
    ["global_shift0.0001", 0.0001],
    ["global_shift0.01", 0.01],
  ];
  for (const [block, shift] of blocks) {
    for (const name of ["U1", "U2"]) {
      it(`${block} ${name}: weights row with labels, and the e, d, w table`, () => {
        const s = subsystem(name);
        const expected = ref[block][`${name}_subsystem`];
        const data = excelRange(s.X, s.labels);
        const dirs = [s.directions.map((d) => (d === "+" ? 1 : -1))];
        const w = entropyWeightImpl(data, dirs, shift);
        expectExcelSafe(w);
        expect(w).toHaveLength(2);
        expect(w[0]).toEqual(s.labels);
        expectClose(w[1] as number[], expected.w, TOL, "w");
        const t = entropyWeightImpl(data, [s.directions], shift === null ? "" : String(shift), "table");
        expect(t.map((r) => r[0])).toEqual(["", "e", "d", "w"]);
        expect(t[0].slice(1)).toEqual(s.labels);
        expectClose(t[1].slice(1) as number[], expected.e, TOL, "e");
        expectClose(t[2].slice(1) as number[], expected.d, TOL, "d");
        expectClose(t[3].slice(1) as number[], expected.w, TOL, "w");
        // the wrapper returns the same spill
        expect(entropyweight(data, [s.directions], shift ?? undefined)).toEqual(w);
      });
    }
  }

  it("without a header row returns the weights alone; TRUE means the table", () => {
    const s = subsystem("U1");
    const w = entropyWeightImpl(s.X, s.directions.join(","));
    expect(w).toHaveLength(1);
    expectClose(w[0] as number[], ref.global_shift0.U1_subsystem.w, TOL, "w");
    const t = entropyWeightImpl(s.X, [s.directions], null, true);
    expect(t[0]).toEqual(["", "column 1", "column 2", "column 3", "column 4", "column 5", "column 6"]);
    expect(numbersInColumn(t, 1, 1)).toHaveLength(3);
  });

  it("reproduces the help page example (4 regions, + + -)", () => {
    const data = [
      ["GDP", "urbanization", "energy"],
      [5.2, 62, 0.45],
      [7.9, 55, 0.7],
      [4.1, 49, 0.52],
      [9.6, 71, 0.38],
    ];
    const w = entropyWeightImpl(data, [["+", "+", "-"]]);
    expectClose(w[1] as number[], [0.3811, 0.3492, 0.2697], 5e-5, "help w");
    const w01 = entropyWeightImpl(data, [["+", "+", "-"]], 0.01);
    expectClose(w01[1] as number[], [0.3815, 0.3484, 0.2701], 5e-5, "help w shift 0.01");
  });

  it("a large range, then a smaller one in the same buffer (the column-major copy kept between calls): the engine's numbers on the rows", () => {
    const full = panel.X as number[][];
    const s = subsystem("U2");
    // the panel's rows four times over (a larger range than the next call's), then U2 alone
    const big = [...full, ...full, ...full, ...full];
    const table = entropyWeightImpl(big, [panel.directions], null, "table");
    const engine = entropyWeightsOnly(big, { directions: panel.directions });
    if (engine.scope !== "global") throw new Error("expected global");
    expect(table.slice(1).map((r) => r.slice(1))).toEqual([engine.e, engine.d, engine.weights]);
    const w = entropyWeightImpl(excelRange(s.X, s.labels), [s.directions]);
    expect(w[1]).toEqual(entropyWeightsOnly(s.X, { directions: s.directions }).weights);
    expectClose(w[1] as number[], ref.global_shift0.U2_subsystem.w, TOL, "w");
  });
});

describe("ENTROPYWEIGHT: bad input names the argument and the cell", () => {
  const data = [
    ["GDP", "Pop", "Area"],
    [1, 2, 3],
    [2, 5, 1],
    [4, 1, 7],
  ];
  it("text in data", () => {
    const bad = data.map((r) => r.slice());
    bad[2][1] = "n/a";
    expectThrows(() => entropyWeightImpl(bad), "NOT_NUMERIC", `data row 3, column "Pop": text 'n/a' is not a number`);
    expectErrorValue(entropyweight(bad), "#VALUE!", `data row 3, column "Pop": text 'n/a' is not a number`);
  });
  it("a blank inside data", () => {
    const bad = data.map((r) => r.slice());
    bad[3][2] = null as unknown as number;
    expectThrows(() => entropyWeightImpl(bad), "MISSING", `data row 4, column "Area" is empty`);
    expectErrorValue(entropyweight(bad), "#VALUE!", `data row 4, column "Area" is empty`);
  });
  it("wrong number of directions", () => {
    const msg = "directions has 2 entries; expected 3, one per indicator column";
    expectThrows(() => entropyWeightImpl(data, [["+", "-"]]), "LENGTH", msg);
    expectErrorValue(entropyweight(data, [["+", "-"]]), "#VALUE!", msg);
  });
  it("a word that is not a direction", () => {
    expectErrorValue(
      entropyweight(data, [["+", "up", "-"]]),
      "#VALUE!",
      "directions column 2: text 'up' is not a direction (use +, -, 1, -1, benefit, cost, 正向 or 负向)",
    );
  });
  it("unknown output", () => {
    expectErrorValue(entropyweight(data, null as never, null, "all"), "#VALUE!", "output must be one of weights, table; got 'all'");
  });
  it("a negative shift", () => {
    expectErrorValue(entropyweight(data, null as never, -0.1), "#VALUE!", "shift must be at least 0; got -0.1");
  });
  it("a constant column", () => {
    expectErrorValue(
      entropyweight([
        ["a", "b"],
        [1, 2],
        [1, 3],
      ]),
      "#VALUE!",
      /data column "a" is constant/,
    );
  });
  it("empty data", () => {
    expectErrorValue(entropyweight([[null]]), "#VALUE!", "data is empty");
  });
});
