import * as fs from "fs";
import * as path from "path";
import { groupMeans } from "../../../src/engine/stats/groupMeans";
import { expectCoordError } from "../../helpers";

// Expected values: tests/fixtures/indices/ccd.json D_mean_by_year(_region), computed by an
// independent numpy implementation from the standard D and the labels of inputs_panel_a.json.
const FIX = path.join(__dirname, "..", "..", "fixtures", "indices");
const ccd = JSON.parse(fs.readFileSync(path.join(FIX, "ccd.json"), "utf8"));
const panel = JSON.parse(fs.readFileSync(path.join(FIX, "inputs_panel_a.json"), "utf8"));

const blocks = Object.keys(ccd).filter((k) => k !== "alpha");

describe.each(blocks)("groupMeans on ccd.json %s", (block) => {
  const B = ccd[block];
  const res = groupMeans(B.standard.D, panel.region, panel.years);
  const find = (g: string, y: string) => res.find((r) => r.group === g && String(r.period) === y);

  it("D_mean_by_year_region at 1e-9", () => {
    const ref = B.D_mean_by_year_region as Record<string, Record<string, number>>;
    let count = 0;
    for (const [region, byYear] of Object.entries(ref))
      for (const [year, mean] of Object.entries(byYear)) {
        const r = find(region, year);
        if (!r) throw new Error(`${block}: no mean for ${region} ${year}`);
        expect(Math.abs(r.mean - mean)).toBeLessThanOrEqual(1e-9);
        count++;
      }
    expect(count).toBe(30);
    expect(res.filter((r) => r.group !== "All").length).toBe(count); // nothing extra
  });
  it("D_mean_by_year (the overall group) at 1e-9, with n = 31 per year", () => {
    const ref = B.D_mean_by_year as Record<string, number>;
    expect(Object.keys(ref).length).toBe(10);
    for (const [year, mean] of Object.entries(ref)) {
      const r = find("All", year);
      if (!r) throw new Error(`${block}: no overall mean for ${year}`);
      expect(Math.abs(r.mean - mean)).toBeLessThanOrEqual(1e-9);
      expect(r.n).toBe(31);
    }
  });
});

describe("groupMeans by hand", () => {
  it("groups in order of appearance, periods sorted, overall group last", () => {
    const r = groupMeans([0.4, 0.6, 0.3, 0.5, 0.2], ["West", "East", "West", "East", "West"], [2012, 2011, 2011, 2012, 2012]);
    expect(r.map((x) => [x.group, x.period, x.n])).toEqual([
      ["West", 2011, 1],
      ["West", 2012, 2],
      ["East", 2011, 1],
      ["East", 2012, 1],
      ["All", 2011, 2],
      ["All", 2012, 3],
    ]);
    const means = r.map((x) => x.mean);
    [0.3, 0.3, 0.6, 0.5, 0.45, 1.1 / 3].forEach((m, i) => expect(means[i]).toBeCloseTo(m, 15));
  });
  it("sorts numeric periods numerically (9 before 10), then text periods", () => {
    const r = groupMeans([1, 2, 3], ["a", "a", "a"], [10, 9, "late"], { includeAll: false });
    expect(r.map((x) => x.period)).toEqual([9, 10, "late"]);
  });
  it("custom overall label; includeAll false", () => {
    const r = groupMeans([1, 3], ["东部", "西部"], [2020, 2020], { allLabel: "全国" });
    expect(r[2]).toEqual({ group: "全国", period: 2020, mean: 2, n: 2 });
    expect(groupMeans([1, 3], ["a", "b"], [1, 1], { includeAll: false }).map((x) => x.group)).toEqual(["a", "b"]);
  });
  it("a group named like the overall label is fine when the overall group is off", () => {
    expect(groupMeans([1, 3], ["All", "All"], [1, 1], { includeAll: false })).toEqual([{ group: "All", period: 1, mean: 2, n: 2 }]);
  });
});

describe("bad input", () => {
  it("empty values", () => {
    expectCoordError(() => groupMeans([], [], []), "EMPTY", "values is empty");
  });
  it("lengths differ", () => {
    expectCoordError(() => groupMeans([1, 2], ["a"], [1, 1]), "LENGTH", "values has 2 values but groups has 1");
    expectCoordError(() => groupMeans([1, 2], ["a", "b"], [1]), "LENGTH", "values has 2 values but periods has 1");
  });
  it("a text or missing value names its row", () => {
    const e = expectCoordError(() => groupMeans([1, "n/a"], ["a", "b"], [1, 1]), "NOT_NUMERIC", "values row 2: text 'n/a' is not a number");
    expect(e.where.row).toBe(1);
    expectCoordError(() => groupMeans([1, null], ["a", "b"], [1, 1]), "MISSING", "values row 2: an empty cell is not a number");
  });
  it("a missing group or period label names its row", () => {
    const e = expectCoordError(() => groupMeans([1, 2, 3], ["a", "", "b"], [1, 1, 1]), "MISSING", "groups row 2: an empty cell is not a label");
    expect(e.where).toEqual({ argument: "groups", row: 1 });
    expectCoordError(() => groupMeans([1, 2], ["a", "b"], [1, null]), "MISSING", "periods row 2: an empty cell is not a label");
    expectCoordError(() => groupMeans([1, 2], ["a", true], [1, 1]), "NOT_NUMERIC", "groups row 2: the logical TRUE is not a label");
    expectCoordError(() => groupMeans([1, 2], ["a", "b"], [1, NaN]), "NOT_NUMERIC", "periods row 2: NaN is not a label");
  });
  it("a group with the overall label, and an empty overall label", () => {
    expectCoordError(
      () => groupMeans([1, 2], ["East", "All"], [1, 1]),
      "OPTION",
      "groups row 2: the group 'All' has the same name as the overall group; choose another allLabel",
    );
    expectCoordError(() => groupMeans([1], ["a"], [1], { allLabel: " " }), "OPTION", "allLabel must be a non-empty text");
  });
});
