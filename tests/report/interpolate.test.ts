/**
 * --missing interpolate (issue 12): on a hand-made panel with two gaps, an interior gap is
 * filled linearly in time and an end gap with the nearest value; every filled cell is listed
 * (unit, period, column, value); error stays the default, naming the cell; drop drops the rows.
 */
import { buildPanel } from "../../src/report/panel";
import type { Cell } from "../../src/report/csv";

const header = ["Province", "Year", "GDP", "Green", "X1"];
// A 2012 GDP empty (between 10 and 16: 12 — 2011..2014 is 10, _, 14, 16? no: 10, _, 16 at 2013 gives 13);
// B 2014 Green empty (the end: nearest is 2013's 0.7)
const rows: Cell[][] = [
  ["A", 2011, 10, 0.5, 1.5],
  ["A", 2012, null, 0.55, 2.5],
  ["A", 2013, 16, 0.6, 3.5],
  ["A", 2014, 18, 0.65, 4.5],
  ["B", 2011, 20, 0.4, 5.5],
  ["B", 2012, 22, 0.5, 6.5],
  ["B", 2013, 24, 0.7, 7.5],
  ["B", 2014, 26, "", 8.5],
  ["C", 2011, 5, 0.2, 9.5],
  ["C", 2012, 6, 0.3, 10.5],
  ["C", 2013, 7, 0.35, 11.5],
  ["C", 2014, 8, 0.45, 12.5],
];
const roles = JSON.stringify({
  id: "Province",
  time: "Year",
  subsystems: { Economy: [{ column: "GDP", direction: "+" }], Environment: [{ column: "Green", direction: "+" }] },
  factors: ["X1"],
});
const cells = (): Cell[][] => [header, ...rows.map((r) => [...r])];

describe("missing values: error, drop, interpolate", () => {
  it("error (default) names the first empty cell", () => {
    expect(() => buildPanel(cells(), roles)).toThrow(/row 3, column "GDP"/);
  });
  it("drop (and --drop-incomplete) drops the two rows", () => {
    const p = buildPanel(cells(), roles, { missing: "drop" });
    expect(p.dropped.map((d) => d.row)).toEqual([3, 9]);
    expect(buildPanel(cells(), roles, { dropIncomplete: true }).dropped).toEqual(p.dropped);
  });
  it("interpolate fills A 2012 GDP = 13 (linear between 2011 and 2013) and B 2014 Green = 0.7 (nearest), listing both", () => {
    const p = buildPanel(cells(), roles, { missing: "interpolate" });
    expect(p.dropped).toEqual([]);
    const gdp = p.indicators.find((i) => i.column === "GDP")!;
    const green = p.indicators.find((i) => i.column === "Green")!;
    expect(gdp.values[1]).toBe(13);
    expect(green.values[7]).toBe(0.7);
    expect(p.filled).toEqual([
      { unit: "A", period: "2012", column: "GDP", value: 13, how: "linear", row: 3 },
      { unit: "B", period: "2014", column: "Green", value: 0.7, how: "nearest", row: 9 },
    ]);
    expect(p.warnings).toContain(
      'filled 2 empty cells by interpolation within each unit (linear in time, nearest value at the ends): A 2012 "GDP" = 13; B 2014 "Green" = 0.7',
    );
  });
  it("interpolate fills a numeric factor's gap too, and a text cell 'n/a' there", () => {
    const c = cells();
    c[6][4] = "n/a"; // B 2012 X1, between 5.5 and 7.5
    const p = buildPanel(c, roles, { missing: "interpolate" });
    expect(p.factors[0].values[5]).toBe(6.5);
    expect(p.filled.map((f) => `${f.unit} ${f.period} ${f.column}`)).toEqual(["A 2012 GDP", "B 2012 X1", "B 2014 Green"]);
  });
});
