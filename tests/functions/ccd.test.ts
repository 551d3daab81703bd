/**
 * COORD.CCD against tests/fixtures/indices/ccd.json (panel a, U1/U2 of each block; standard,
 * modified = wang2021, fan) and small_cases.json (2 and 3 systems), impl and wrapper; an all-zero
 * row gives #N/A in that row only.
 */
import { ccdImpl } from "../../src/functions/impl/ccd";
import { ccd } from "../../src/functions/functions";
import { expectClose, expectErrorValue, expectExcelSafe, expectThrows, loadFixture, numbersInColumn } from "./support";

const ref = loadFixture("ccd.json");
const small = loadFixture("small_cases.json");
const TOL = 1e-9;

describe("CCD: reference values (ccd.json)", () => {
  for (const block of ["global_shift0", "global_shift0.0001", "per_year_shift0"]) {
    for (const [form, key] of [
      ["standard", "standard"],
      ["modified", "wang2021"],
      ["fan", "fan"],
    ]) {
      it(`${block} ${form}: D column, and C, T, D with "all"`, () => {
        const b = ref[block];
        const systems: unknown[][] = [
          ["U1", "U2"],
          ...b.U1.map((u: number, i: number) => [u, i % 9 === 0 ? String(b.U2[i]) : b.U2[i]]),
          [null, null],
          ["", ""],
        ];
        const D = ccdImpl(systems, undefined, form === "standard" ? undefined : form);
        expectExcelSafe(D);
        expect(D[0]).toEqual(["D"]);
        expectClose(numbersInColumn(D, 0, 1), b[key].D, TOL, "D");
        const all = ccdImpl(systems, "all", form, [[0.5, 0.5]]);
        expect(all[0]).toEqual(["C", "T", "D"]);
        expectClose(numbersInColumn(all, 0, 1), b[key].C, TOL, "C");
        expectClose(numbersInColumn(all, 1, 1), b[key].T, TOL, "T");
        expectClose(numbersInColumn(all, 2, 1), b[key].D, TOL, "D");
        expect(ccd(systems, "all", form, [[0.5, 0.5]])).toEqual(all);
      });
    }
  }

  it("small cases: 2 and 3 systems, every form", () => {
    for (const [form, key] of [
      ["standard", "standard"],
      ["modified", "wang2021"],
      ["fan", "fan"],
    ]) {
      for (const prefix of ["ccd", "ccd3"]) {
        const all = ccdImpl(small[`${prefix}_U`], "ALL", form);
        const e = small[`${prefix}_${key}`];
        const rows = small[`${prefix}_U`] as number[][];
        // the all-zero-free rows; small ccd_U row 5 is (0, 0.4): C = 0 is defined
        expectClose(numbersInColumn(all, 0, 1), e.C, TOL, `${prefix} ${form} C`);
        expectClose(numbersInColumn(all, 2, 1), e.D, TOL, `${prefix} ${form} D`);
        expect(all).toHaveLength(rows.length + 1);
      }
    }
  });

  it("C and T alone; alpha as a column", () => {
    const U = [
      [0.2, 0.8],
      [0.5, 0.5],
    ];
    expect(ccdImpl(U, "C")).toEqual([[0.8], [1]]);
    expectClose(numbersInColumn(ccdImpl(U, "T", null, [[0.3], [0.7]]), 0), [0.62, 0.5], 1e-12, "T");
  });
});

describe("CCD: an all-zero row is #N/A in that row only", () => {
  const systems = [
    ["U1", "U2"],
    [0.2, 0.8],
    [0, 0],
    [0.5, 0.5],
  ];
  it("impl: D column with #N/A in row 2 (range row 3)", () => {
    const D = ccdImpl(systems);
    expectExcelSafe(D);
    expect(D[1][0]).toBeCloseTo(0.6324555320336759, 14);
    expect(D[2][0]).toEqual({ code: "#N/A", message: "systems row 3: all 2 subsystem scores are 0, so C and D are undefined" });
    expect(D[3][0]).toBeCloseTo(0.7071067811865476, 14);
  });
  it("wrapper: all columns; T stays a number", () => {
    const all = ccd(systems, "all") as unknown[][];
    expect(all[2][0]).toMatchObject({ code: "#N/A" });
    expect(all[2][1]).toBe(0);
    expect(all[2][2]).toMatchObject({ code: "#N/A", message: "systems row 3: all 2 subsystem scores are 0, so C and D are undefined" });
  });
});

describe("CCD: bad input", () => {
  it("a negative score names the cell", () => {
    const msg = `systems row 3, column "U2": -0.1 is negative; subsystem scores U must be ≥ 0`;
    expectThrows(
      () =>
        ccdImpl([
          ["U1", "U2"],
          [0.2, 0.3],
          [0.4, -0.1],
        ]),
      "NEGATIVE",
      msg,
    );
    expectErrorValue(
      ccd([
        ["U1", "U2"],
        [0.2, 0.3],
        [0.4, -0.1],
      ]),
      "#VALUE!",
      msg,
    );
  });
  it("one column", () => {
    expectErrorValue(ccd([[0.2], [0.3]]), "#VALUE!", "systems has 1 column; give one column of scores per subsystem (at least 2)");
  });
  it("unknown form", () => {
    expectErrorValue(ccd([[0.2, 0.3]], null, "power"), "#VALUE!", "form must be one of standard, modified, fan; got 'power'");
  });
  it("unknown output", () => {
    expectErrorValue(ccd([[0.2, 0.3]], "grade"), "#VALUE!", "output must be one of D, all, C, T; got 'grade'");
  });
  it("alpha of the wrong length, or not summing to 1", () => {
    expectErrorValue(ccd([[0.2, 0.3]], null, null, [[0.2, 0.3, 0.5]]), "#VALUE!", "alpha has 3 weights; expected 2, one per subsystem column");
    expectErrorValue(ccd([[0.2, 0.3]], null, null, [[0.2, 0.3]]), "#VALUE!", "alpha must sum to 1; its 2 values sum to 0.5");
  });
  it("text in systems", () => {
    expectErrorValue(
      ccd([
        [0.2, 0.3],
        ["n/a", 0.1],
      ]),
      "#VALUE!",
      "systems row 2, column 1: text 'n/a' is not a number",
    );
  });
});

describe("CCD: issue 11 — U must lie in [0, 1], as in the report", () => {
  it("a score above 1 names the cell (D would exceed 1)", () => {
    const msg = `systems row 3, column "U2": 1.4 is above 1; subsystem scores U must lie in [0, 1]`;
    expectThrows(
      () =>
        ccdImpl([
          ["U1", "U2"],
          [0.2, 0.3],
          [0.9, 1.4],
        ]),
      "RANGE",
      msg,
    );
    expectErrorValue(
      ccd([
        ["U1", "U2"],
        [0.2, 0.3],
        [0.9, 1.4],
      ]),
      "#VALUE!",
      msg,
    );
    expect(
      numbersInColumn(
        ccd([
          [1, 1],
          [0.5, 1],
        ]),
        0,
      ),
    ).toHaveLength(2); // 1 itself is fine
  });
});
