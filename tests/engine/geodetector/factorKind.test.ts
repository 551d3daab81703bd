/**
 * The one rule deciding a factor's kind (METHODS.md M8, issue 12) and the mostly-numeric rule
 * (issue 11): text or declared categorical; numeric is categorical by default only when whole
 * numbers with at most 10 levels and fewer than n/2 levels; declared kind and explicit
 * discretization win; text cells in a mostly numeric column are missing values, never a switch.
 */
import { factorKind, isMissingMarker, textInNumericFactor } from "../../../src/engine/geodetector/factorKind";
import { autoStrata } from "../../../src/engine/geodetector/discretize";
import { CoordError } from "../../../src/engine/errors";

describe("factorKind (M8)", () => {
  it("10 provinces: 10 distinct whole numbers are numeric (10 is not fewer than n/2 = 5)", () => {
    const d = factorKind([3, 1, 4, 15, 9, 2, 6, 5, 35, 8]);
    expect(d).toMatchObject({ kind: "numeric", basis: "continuous", n: 10, levels: 10, textRows: [] });
    expect(d.reason).toBe("numeric (10 levels among 10 values (not fewer than n/2)): discretized");
  });
  it("whole numbers with few levels (fewer than n/2, at most 10) are categorical", () => {
    expect(factorKind([1, 2, 1, 2, 3, 3, 1, 2])).toMatchObject({ kind: "categorical", basis: "levels", levels: 3 });
    // CollectData-like: 9 watersheds among 185 villages
    expect(factorKind(Array.from({ length: 185 }, (_, i) => 1 + (i % 9))).kind).toBe("categorical");
    // 11 levels: numeric; 4 levels among 8: not fewer than n/2: numeric
    expect(factorKind(Array.from({ length: 100 }, (_, i) => i % 11)).kind).toBe("numeric");
    expect(factorKind([1, 2, 3, 4, 1, 2, 3, 4]).kind).toBe("numeric");
    // not whole numbers: numeric however few levels
    expect(factorKind([0.5, 1.5, 0.5, 1.5, 0.5, 1.5]).basis).toBe("continuous");
  });
  it("text is categorical; declared kind and explicit discretization win", () => {
    expect(factorKind(["east", "west", "east", "central"])).toMatchObject({ kind: "categorical", basis: "text" });
    expect(factorKind([3, 1, 4, 15, 9, 2], { declared: "categorical" })).toMatchObject({ kind: "categorical", basis: "declared" });
    expect(factorKind([1, 2, 1, 2, 1, 2], { declared: "numeric" })).toMatchObject({ kind: "numeric", basis: "declared" });
    expect(factorKind([1, 2, 1, 2, 1, 2], { explicitDiscretization: true })).toMatchObject({ kind: "numeric", basis: "discretization" });
    // a text column cannot be discretized: it stays categorical
    expect(factorKind(["a", "b", "a"], { explicitDiscretization: true }).kind).toBe("categorical");
    expect(() => factorKind([1, 2], { declared: "ordinal" as "numeric" })).toThrow(CoordError);
  });
  it("a mostly numeric column with a few text cells is numeric with missing values (issue 11)", () => {
    const x = [0.21, 0.35, "n/a", 0.52, 0.44, " NA ", 0.61, 0.3];
    expect(factorKind(x)).toMatchObject({ kind: "numeric", basis: "continuous", textRows: [2, 5], n: 6 });
    // a stray word among many numbers: still numeric (more than half numbers), the cell is named
    const y = [1.5, 2.5, 3.5, "unknown", 4.5, 5.5];
    expect(factorKind(y)).toMatchObject({ kind: "numeric", textRows: [3] });
    // half text, not markers: categorical (codes with labels)
    expect(factorKind([1, "urban", 2, "rural"]).kind).toBe("categorical");
    // only markers and empties around numbers: numeric even if few numbers
    expect(factorKind([1.5, "-", "-", "-", 2.5]).kind).toBe("numeric");
    // declared numeric: every text cell is listed
    expect(factorKind([1, "x", 2, "y"], { declared: "numeric" }).textRows).toEqual([1, 3]);
    expect(isMissingMarker("缺失")).toBe(true);
    expect(isMissingMarker("east")).toBe(false);
  });
  it("the error names the cells and the ways out", () => {
    const e = textInNumericFactor([1, "n/a", 3, "-"], [1, 3], "GDP");
    expect(e.code).toBe("NOT_NUMERIC");
    expect(e.message).toBe(
      "GDP row 2: text 'n/a'; GDP row 4: text '-' in a numeric factor; they are taken as missing values: fill them, drop the rows (missing-value option), or declare the factor categorical",
    );
    expect(() => autoStrata([0.1, 0.2, "n/a", 0.4, 0.5, 0.6, 0.7], { argument: "GDP" })).toThrow(/^GDP row 3: text 'n\/a' in a numeric factor/);
  });
  it("autoStrata follows the rule: 10 distinct values among 10 units are discretized (q < 1 possible)", () => {
    const s = autoStrata([3, 1, 4, 15, 9, 2, 6, 5, 35, 8], { k: 4 });
    expect(s.kind).toBe("natural");
    expect(s.L).toBe(4);
    expect(autoStrata([3, 1, 4, 15, 9, 2, 6, 5, 35, 8], { declared: "categorical" }).L).toBe(10);
  });
});
