import * as fs from "fs";
import * as path from "path";
import { gradeD, gradeDColumn } from "../../src/engine/grade";
import { groupMeans } from "../../src/engine/stats/groupMeans";

// Real, published data: the coupling coordination degree D of 31 provinces 2011–2020 from
// seed paper 000 (new-type urbanization and ecological environment), Table 3, as printed at
// 3 decimals (tests/fixtures/seed-table3-ccd.csv, a copy of shared/data/seed-table3-ccd.csv).
const csv = fs.readFileSync(path.join(__dirname, "..", "fixtures", "seed-table3-ccd.csv"), "utf8");
const lines = csv.trim().split(/\r?\n/);
const header = lines[0].split(",");
const rows = lines.slice(1).map((l) => {
  const c = l.split(",");
  return { province: c[0], region: c[1], year: Number(c[2]), D: Number(c[3]) };
});

// The "Mean value" rows of the paper's Table 3, 2011..2020 (seed 000, Table 3).
const PAPER_MEANS: Record<string, number[]> = {
  East: [0.457, 0.475, 0.484, 0.496, 0.496, 0.505, 0.541, 0.543, 0.557, 0.552],
  Central: [0.335, 0.37, 0.36, 0.384, 0.403, 0.427, 0.462, 0.472, 0.491, 0.499],
  West: [0.352, 0.364, 0.34, 0.368, 0.385, 0.402, 0.435, 0.441, 0.459, 0.473],
  All: [0.385, 0.406, 0.396, 0.418, 0.429, 0.445, 0.48, 0.485, 0.502, 0.508],
};
const YEARS = [2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020];

describe("seed paper 000 Table 3 (real data)", () => {
  it("is 31 provinces x 10 years, regions 11 East, 8 Central, 12 West", () => {
    expect(header).toEqual(["province", "region", "year", "D"]);
    expect(rows.length).toBe(310);
    for (const r of rows) expect(Number.isFinite(r.D)).toBe(true);
    const of = (region: string) => new Set(rows.filter((r) => r.region === region).map((r) => r.province)).size;
    expect([of("East"), of("Central"), of("West")]).toEqual([11, 8, 12]);
  });

  it("2011: four provinces with D ≥ 0.5 (Liaoning, Shandong, Jiangsu, Guangdong), all East", () => {
    const y = rows.filter((r) => r.year === 2011);
    const coordinated = y.filter((r) => gradeD(r.D, { decimals: 3 }).gradeNo >= 6);
    expect(coordinated.map((r) => r.province).sort()).toEqual(["Guangdong", "Jiangsu", "Liaoning", "Shandong"]);
    expect(coordinated.every((r) => r.region === "East")).toBe(true);
    expect(coordinated.every((r) => gradeD(r.D).label === "Barely coordinated")).toBe(true);
  });

  it("2011: seven provinces in Moderate disorder [0.2, 0.3), Ningxia the lowest (0.21)", () => {
    const y = rows.filter((r) => r.year === 2011);
    const grades = gradeDColumn(
      y.map((r) => r.D),
      { decimals: 3 },
    );
    const moderate = y.filter((_, i) => grades[i].label === "Moderate disorder");
    expect(moderate.length).toBe(7);
    expect(grades.filter((g) => g.gradeNo === 3).length).toBe(7);
    const lowest = y.reduce((a, b) => (b.D < a.D ? b : a));
    expect([lowest.province, lowest.D]).toEqual(["Ningxia", 0.21]);
    expect(gradeD(lowest.D, { language: "zh" }).label).toBe("中度失调");
  });

  it("2020: nineteen provinces with D ≥ 0.5; East holds 9 of its 11 (81.82%)", () => {
    const y = rows.filter((r) => r.year === 2020);
    const coordinated = y.filter((r) => gradeD(r.D, { decimals: 3 }).gradeNo >= 6);
    expect(coordinated.length).toBe(19);
    const east = coordinated.filter((r) => r.region === "East").length;
    expect(east).toBe(9);
    expect(Math.round((east / 11) * 10000) / 100).toBe(81.82);
  });

  it("regional and overall means by year equal the paper's Mean value rows to ±0.001", () => {
    const res = groupMeans(
      rows.map((r) => r.D),
      rows.map((r) => r.region),
      rows.map((r) => r.year),
    );
    expect(res.length).toBe(40);
    for (const [group, means] of Object.entries(PAPER_MEANS))
      YEARS.forEach((year, i) => {
        const r = res.find((x) => x.group === group && x.period === year);
        if (!r) throw new Error(`no mean for ${group} ${year}`);
        expect(r.n).toBe(group === "All" ? 31 : group === "East" ? 11 : group === "Central" ? 8 : 12);
        if (!(Math.abs(r.mean - means[i]) <= 0.001 + 1e-12)) throw new Error(`${group} ${year}: mean ${r.mean}, paper ${means[i]}`);
      });
  });

  it("the paper's overall 2011 (0.385) is mild disorder and 2020 (0.508) barely coordinated, as its text says", () => {
    expect(gradeD(PAPER_MEANS.All[0]).label).toBe("Mild disorder");
    expect(gradeD(PAPER_MEANS.All[9]).label).toBe("Barely coordinated");
  });
});
