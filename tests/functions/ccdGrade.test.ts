/**
 * COORD.CCDGRADE against ccd.json (grade numbers left/right-closed and the en/zh labels of the
 * 310 D of panel a) and small_cases.json (edge values, rounding), impl and wrapper.
 */
import { ccdGradeImpl } from "../../src/functions/impl/ccdGrade";
import { ccdgrade } from "../../src/functions/functions";
import { excelColumn, expectErrorValue, expectExcelSafe, expectThrows, loadFixture } from "./support";

const ref = loadFixture("ccd.json");
const small = loadFixture("small_cases.json");

describe("CCDGRADE: reference grades", () => {
  const b = ref.global_shift0;
  it("names in English and Chinese, same shape as D, header echoed", () => {
    const D = excelColumn(b.standard.D, "D");
    const en = ccdGradeImpl(D, "en");
    expectExcelSafe(en);
    expect(en).toEqual([["D"], ...b.grade_labels_en.map((g: string) => [g])]);
    expect(ccdgrade(D, "zh")).toEqual([["D"], ...b.grade_labels_zh.map((g: string) => [g])]);
  });
  it("numbers, left- and right-closed", () => {
    for (const key of ["standard", "wang2021", "fan"]) {
      const D = excelColumn(b[key].D);
      expect(ccdGradeImpl(D, "en", "number").flat()).toEqual(b[key].grade_left);
      expect(ccdGradeImpl(D, "en", "number", "right").flat()).toEqual(b[key].grade_right);
    }
  });
  it("small cases: edges and rounding to 4 decimals, in a row", () => {
    expect(ccdGradeImpl([small.grade_D], null, "number")).toEqual([small.grade_left]);
    expect(ccdGradeImpl([small.grade_D], null, "number", "right")).toEqual([small.grade_right]);
    expect(ccdGradeImpl([small.grade_D], null, "number", null, 4)).toEqual([small.grade_left_round4]);
  });
  it("broad classes; language omitted follows Office (English in Node)", () => {
    expect(ccdGradeImpl([[0.35, 0.45, 0.95]], null, "class")).toEqual([["Dysfunctional decline", "Transitional", "Coordinated development"]]);
    expect(ccdGradeImpl([[0.35, 0.45, 0.95]], "zh", "class")).toEqual([["失调衰退", "过渡", "协调发展"]]);
    expect(ccdGradeImpl(0.6325)).toEqual([["Primary coordination"]]);
  });
  it("the help page examples", () => {
    expect(ccdgrade([[0.7208]], "zh")).toEqual([["中级协调"]]);
    expect(ccdgrade([[0.3]], "en", "number", "right")).toEqual([[3]]);
    expect(ccdgrade([[0.8999999]], "en", "number", null, 4)).toEqual([[10]]);
  });
  it("blank cells stay blank; #N/A from CCD passes through in its cell; a 2-D block keeps its shape", () => {
    const na = { code: "#N/A", message: "systems row 3: all 2 subsystem scores are 0, so C and D are undefined" };
    const out = ccdGradeImpl(
      [
        [0.05, null],
        [na, 0.95],
        ["", "0.5"],
      ],
      "en",
      "number",
    );
    expect(out).toEqual([
      [1, ""],
      [na, 10],
      ["", 6],
    ]);
    expect(ccdGradeImpl([[0.5], ["#N/A"]])[1][0]).toEqual({ code: "#N/A", message: "D row 2 holds #N/A" });
  });
});

describe("CCDGRADE: bad input", () => {
  it("D above 1 names the cell", () => {
    const msg = "D row 3: D = 1.2 is above 1; D must lie in [0, 1]";
    expectThrows(() => ccdGradeImpl(excelColumn([0.5, 0.7, 1.2])), "UNDEFINED", msg);
    // UNDEFINED maps to #N/A (a grade that does not exist for this D)
    expectErrorValue(ccdgrade(excelColumn([0.5, 0.7, 1.2])), "#N/A", msg);
  });
  it("negative D in a 2-D block", () => {
    expectErrorValue(
      ccdgrade([
        [0.5, 0.2],
        [0.1, -0.3],
      ]),
      "#VALUE!",
      "D row 2, column 2: D = -0.3 is negative; D must lie in [0, 1]",
    );
  });
  it("text in D", () => {
    expectErrorValue(ccdgrade(excelColumn(["D", 0.5, "high"])), "#VALUE!", "D row 3: text 'high' is not a number");
  });
  it("unknown language, output, closure; decimals out of range", () => {
    expectErrorValue(ccdgrade([[0.5]], "fr"), "#VALUE!", "language must be one of en, zh; got 'fr'");
    expectErrorValue(ccdgrade([[0.5]], "en", "stage"), "#VALUE!", "output must be one of name, number, class; got 'stage'");
    expectErrorValue(ccdgrade([[0.5]], "en", null, "both"), "#VALUE!", "closure must be one of left, right; got 'both'");
    expectErrorValue(ccdgrade([[0.5]], "en", null, null, 2.5), "#VALUE!", "decimals must be a whole number; got 2.5");
  });
});
