import * as fs from "fs";
import * as path from "path";
import { CoordError } from "../../src/engine/errors";
import { Cell, parseCsv } from "../../src/report/csv";
import { buildGeoData, buildPanel } from "../../src/report/panel";
import type { PanelRolesFile } from "../../src/report/roles";

const SAMPLES = path.join(__dirname, "../../samples");
const csvText = fs.readFileSync(path.join(SAMPLES, "sample-panel.csv"), "utf8");
const rolesText = fs.readFileSync(path.join(SAMPLES, "sample-panel.roles.json"), "utf8");
const rolesFile = JSON.parse(rolesText);
const cells = parseCsv(csvText);
const headers = cells[0] as string[];
/** The raw text lines of the CSV (the sample has no quoted fields). */
const rawLines = csvText
  .replace(/^\ufeff/, "")
  .split(/\r?\n/)
  .filter((l) => l !== "");
const rawField = (sheetRow: number, column: string) => rawLines[sheetRow - 1].split(",")[headers.indexOf(column)];

const GDP = "GDP per capita (RMB/person)";
const copy = (): Cell[][] => cells.map((r) => [...r]);
const col = (name: string) => headers.indexOf(name);

function errorOf(f: () => unknown): CoordError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CoordError);
    return e as CoordError;
  }
  throw new Error("expected a CoordError");
}

describe("the sample panel", () => {
  const p = buildPanel(cells, rolesText);

  test("31 units x 10 years, no gaps, no warnings", () => {
    expect(p.units).toHaveLength(31);
    expect(p.periods).toEqual([2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    expect(p.periodLabels[0]).toBe("2011");
    expect(p.timeKind).toBe("numeric");
    expect(p.ids).toHaveLength(310);
    expect(p.times).toHaveLength(310);
    expect(p.rowIndex).toHaveLength(310);
    expect(p.gaps).toEqual([]);
    expect(p.dropped).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.units.slice(0, 3)).toEqual(["Beijing", "Tianjin", "Hebei"]);
  });

  test("indicator counts per subsystem as in the roles file, with directions", () => {
    const expected = Object.entries(rolesFile.subsystems as Record<string, Array<{ column: string; direction: string }>>);
    expect(p.subsystems.map((s) => s.name)).toEqual(expected.map(([name]) => name));
    expect(p.subsystems.map((s) => s.indicators.length)).toEqual(expected.map(([, list]) => list.length));
    expect(p.indicators).toHaveLength(28);
    const flat = expected.flatMap(([name, list]) => list.map((i) => ({ ...i, subsystem: name })));
    expect(p.indicators.map((i) => ({ column: i.column, direction: i.direction, subsystem: i.subsystem }))).toEqual(flat);
    for (const ind of p.indicators) {
      expect(ind.values).toBeInstanceOf(Float64Array);
      expect(ind.values).toHaveLength(310);
    }
  });

  test("groups: per row and per unit", () => {
    expect(p.groups).toHaveLength(310);
    expect(p.unitGroups).toHaveLength(31);
    expect(new Set(p.unitGroups)).toEqual(new Set(["East", "Central", "West"]));
    expect(p.unitGroups![p.units.indexOf("Xinjiang")]).toBe("West");
  });

  test("values equal the raw CSV text, found through rowIndex", () => {
    for (const i of [0, 13, 157, 309]) {
      const sheetRow = p.rowIndex[i];
      expect(p.ids[i]).toBe(rawField(sheetRow, "Province"));
      expect(p.times[i]).toBe(Number(rawField(sheetRow, "Year")));
      for (const ind of [p.indicators[0], p.indicators[3], p.indicators[27]]) expect(ind.values[i]).toBe(Number(rawField(sheetRow, ind.column)));
    }
    // Tianjin 2013 is row 14 of the sheet
    const i = p.ids.findIndex((id, k) => id === "Tianjin" && p.times[k] === 2013);
    expect(p.rowIndex[i]).toBe(14);
    expect(p.indicators.find((d) => d.column === GDP)!.values[i]).toBe(67931.4);
  });

  test("rows sorted by unit then period; index arrays consistent", () => {
    for (let i = 0; i < 310; i++) {
      expect(p.units[p.unitIndex[i]]).toBe(p.ids[i]);
      expect(p.periods[p.periodIndex[i]]).toBe(p.times[i]);
      if (i > 0 && p.unitIndex[i] === p.unitIndex[i - 1]) expect(p.times[i]).toBeGreaterThan(p.times[i - 1]);
    }
  });

  test("factors: the seven X columns, numeric", () => {
    expect(p.factors.map((f) => f.column)).toEqual(rolesFile.factors);
    for (const f of p.factors) {
      expect(f.kind).toBe("numeric");
      expect(f.missing).toBe(0);
      expect(f.values).toHaveLength(310);
    }
    expect(p.factors[0].values[0]).toBe(Number(rawField(p.rowIndex[0], rolesFile.factors[0])));
  });

  test("rows in another order give the same panel (sorted)", () => {
    const shuffled = [cells[0], ...cells.slice(1).reverse()];
    const q = buildPanel(shuffled, rolesFile);
    expect(q.units[0]).toBe("Xinjiang");
    const a = p.ids.indexOf("Beijing");
    const b = q.ids.indexOf("Beijing");
    expect(q.times.slice(b, b + 10)).toEqual(p.times.slice(a, a + 10));
    expect(Array.from(q.indicators[5].values.slice(b, b + 10))).toEqual(Array.from(p.indicators[5].values.slice(a, a + 10)));
  });
});

describe("bad input", () => {
  test("text in an indicator: NOT_NUMERIC naming the sheet row and the column", () => {
    const c = copy();
    c[13][col(GDP)] = "n/a";
    const e = errorOf(() => buildPanel(c, rolesFile));
    expect(e.code).toBe("NOT_NUMERIC");
    expect(e.message).toBe(`row 14, column "GDP per capita (RMB/person)": text 'n/a' is not a number`);
    expect(e.where).toEqual({ argument: "data", row: 13, column: GDP });
  });

  test("a logical in an indicator", () => {
    const c = copy();
    c[2][col("Forest coverage rate (%)")] = true;
    expect(errorOf(() => buildPanel(c, rolesFile)).message).toBe(`row 3, column "Forest coverage rate (%)": the logical TRUE is not a number`);
  });

  test("text is an error even when dropping incomplete rows; several bad cells are counted", () => {
    const c = copy();
    c[13][col(GDP)] = "n/a";
    c[20][col(GDP)] = "-";
    c[30][col("Road area per capita (m2)")] = "..";
    const e = errorOf(() => buildPanel(c, rolesFile, { dropIncomplete: true }));
    expect(e.code).toBe("NOT_NUMERIC");
    expect(e.message).toBe(`row 14, column "GDP per capita (RMB/person)": text 'n/a' is not a number (and 2 more cells like it)`);
  });

  test("numbers stored as text are read", () => {
    const c = copy();
    c[13][col(GDP)] = "67,931.4";
    const p = buildPanel(c, rolesFile);
    expect(p.indicators.find((d) => d.column === GDP)!.values[p.rowIndex.indexOf(14)]).toBe(67931.4);
  });

  test("an empty indicator cell: MISSING with the same naming", () => {
    const c = copy();
    c[13][col(GDP)] = null;
    const e = errorOf(() => buildPanel(c, rolesFile));
    expect(e.code).toBe("MISSING");
    expect(e.message).toBe(
      `row 14, column "GDP per capita (RMB/person)": the cell is empty; fill it, drop incomplete rows (--drop-incomplete) or fill gaps over time (--missing interpolate)`,
    );
  });

  test("an empty id or time cell is MISSING", () => {
    const c = copy();
    c[9][col("Province")] = null;
    expect(errorOf(() => buildPanel(c, rolesFile)).message).toBe(
      `row 10, column "Province": the cell is empty; fill it, drop incomplete rows (--drop-incomplete) or fill gaps over time (--missing interpolate)`,
    );
    const d = copy();
    d[9][col("Year")] = "";
    expect(errorOf(() => buildPanel(d, rolesFile)).message).toBe(
      `row 10, column "Year": the cell is empty; fill it, drop incomplete rows (--drop-incomplete) or fill gaps over time (--missing interpolate)`,
    );
  });

  test("dropIncomplete drops the row, warns, and the dropped (unit, period) becomes a gap", () => {
    const c = copy();
    c[13][col(GDP)] = null;
    const p = buildPanel(c, rolesFile, { dropIncomplete: true });
    expect(p.ids).toHaveLength(309);
    expect(p.dropped).toEqual([{ row: 14, reason: `empty "GDP per capita (RMB/person)"` }]);
    expect(p.gaps).toEqual([{ unit: "Tianjin", period: 2013, label: "2013" }]);
    expect(p.warnings).toEqual([
      `dropped 1 incomplete row: row 14 (empty "GDP per capita (RMB/person)")`,
      `unit "Tianjin" has no row for period 2013; Haken pairs across the gap are skipped`,
    ]);
    expect(p.rowIndex).not.toContain(14);
  });

  test("a unit missing periods is a gap, not an error", () => {
    const c = copy().filter((_, r) => r !== 13 && r !== 14); // Tianjin 2013 and 2014
    const p = buildPanel(c, rolesFile);
    expect(p.units).toHaveLength(31);
    expect(p.periods).toHaveLength(10);
    expect(p.gaps).toEqual([
      { unit: "Tianjin", period: 2013, label: "2013" },
      { unit: "Tianjin", period: 2014, label: "2014" },
    ]);
    expect(p.warnings).toEqual([`unit "Tianjin" has no row for periods 2013, 2014; Haken pairs across the gap are skipped`]);
  });

  test("two rows for one unit and period: both rows named", () => {
    const c = copy();
    c[14][col("Year")] = 2013; // row 15 (Tianjin 2014) now says 2013, like row 14
    const e = errorOf(() => buildPanel(c, rolesFile));
    expect(e.code).toBe("UNDEFINED");
    expect(e.message).toBe(`rows 14 and 15 are both unit "Tianjin" in period 2013; keep one of them`);
  });

  test("fewer than 2 units", () => {
    const c = copy().slice(0, 11); // header + Beijing
    const e = errorOf(() => buildPanel(c, rolesFile));
    expect(e.code).toBe("TOO_FEW");
    expect(e.message).toBe(`the panel has 1 unit ("Beijing") in column "Province"; at least 2 are needed`);
  });

  test("no header row, an empty sheet, a header without data", () => {
    expect(errorOf(() => buildPanel(cells.slice(1), rolesFile)).message).toBe(
      `row 1 should hold the column names but holds numbers (2011, 63.8987, 5892.4, ...); add a header row`,
    );
    expect(errorOf(() => buildPanel([], rolesFile)).code).toBe("EMPTY");
    expect(errorOf(() => buildPanel([[null, null]], rolesFile)).message).toBe("the sheet is empty: no header row and no data");
    const e = errorOf(() => buildPanel([headers], rolesFile));
    expect(e.code).toBe("EMPTY");
    expect(e.message).toBe("there are no data rows below the header row (row 1)");
  });

  test("a roles column missing from the data", () => {
    const c = copy();
    c[0] = c[0].map((h) => (h === "Forest coverage rate (%)" ? "Forest cover (%)" : h));
    const e = errorOf(() => buildPanel(c, rolesFile));
    expect(e.code).toBe("OPTION");
    expect(e.message).toBe(
      `roles: "Forest coverage rate (%)" (indicator 12 of subsystem "Ecological environment") is not a column of the data; did you mean "Forest cover (%)"?`,
    );
  });

  test("duplicate header names: an error when a role uses them, a warning otherwise", () => {
    const c = copy();
    c[0][col("Forest area per capita (hectares)")] = "Forest coverage rate (%)";
    expect(errorOf(() => buildPanel(c, rolesFile)).message).toMatch(/^roles: "Forest area per capita \(hectares\)" \(indicator 2/);
    const d = copy().map((r, i) => [...r, i === 0 ? "Note" : null, i === 0 ? "Note" : "x"]);
    const p = buildPanel(d, rolesFile);
    expect(p.warnings).toEqual([`columns AM and AN are both named "Note"; they are not used`]);
  });

  test("text in a numeric time column", () => {
    const c = copy();
    c[5][col("Year")] = "2015年";
    const e = errorOf(() => buildPanel(c, rolesFile));
    expect(e.code).toBe("NOT_NUMERIC");
    expect(e.message).toBe(`row 6, column "Year": text '2015年' is not a number`);
  });

  test("geodetector roles are refused by buildPanel", () => {
    expect(errorOf(() => buildPanel(cells, { y: GDP, factors: ["Region"] })).code).toBe("OPTION");
  });
});

describe("other shapes", () => {
  const subsystems: PanelRolesFile["subsystems"] = { A: [{ column: "a", direction: "+" }], B: [{ column: "b", direction: "-" }] };
  const roles: PanelRolesFile = {
    id: "Unit",
    time: "Period",
    subsystems,
    factors: ["Zone", "Code", { column: "Level", kind: "categorical" }],
  };

  test("text periods sorted naturally; a header below leading blank rows; factors text, numbers, forced kind, empties", () => {
    const c: Cell[][] = [
      [null, null, null, null, null, null, null],
      ["Unit", "Period", "a", "b", "Zone", "Code", "Level"],
      ["u1", "2020Q10", 1, 2, "north", 1, 3],
      ["u1", "2020Q2", 3, 4, "north", null, 2],
      ["u2", "2020Q2", 5, 6, null, 2, 3],
      ["u2", "2020Q10", 7, 8, "south", 1, 1],
      [null, null, null, null, null, null, null],
      ["u3", "2020Q2", 9, 10, "south", 2, 1],
    ];
    const p = buildPanel(c, roles);
    expect(p.timeKind).toBe("text");
    expect(p.periodLabels).toEqual(["2020Q2", "2020Q10"]);
    expect(p.periods).toEqual([0, 1]);
    expect(p.ids).toEqual(["u1", "u1", "u2", "u2", "u3"]);
    expect(p.rowIndex).toEqual([4, 3, 5, 6, 8]);
    expect(Array.from(p.indicators[0].values)).toEqual([3, 1, 5, 7, 9]);
    expect(p.gaps).toEqual([{ unit: "u3", period: 1, label: "2020Q10" }]);
    const [zone, code, level] = p.factors;
    expect(zone).toEqual({ column: "Zone", kind: "categorical", values: ["north", "north", null, "south", "south"], missing: 1 });
    expect(code).toEqual({ column: "Code", kind: "numeric", values: [null, 1, 2, 1, 2], missing: 1 });
    expect(level).toEqual({ column: "Level", kind: "categorical", declared: "categorical", values: ["2", "3", "3", "1", "1"], missing: 0 });
    expect(p.warnings).toEqual([
      `unit "u3" has no row for period 2020Q10; Haken pairs across the gap are skipped`,
      `factor "Zone": 1 empty cell (row 5); those rows are left out of this factor's detectors`,
      `factor "Code": 1 empty cell (row 4); those rows are left out of this factor's detectors`,
    ]);
  });

  test("headerRow option; a unit in two groups is a warning", () => {
    const c: Cell[][] = [
      ["My data, 2020", null, null, null, null],
      ["Unit", "Period", "a", "b", "G"],
      ["u1", 1, 1, 2, "x"],
      ["u1", 2, 3, 4, "y"],
      ["u2", 1, 5, 6, "x"],
      ["u2", 2, 7, 8, "x"],
    ];
    const r: PanelRolesFile = { id: "Unit", time: "Period", group: "G", subsystems };
    expect(errorOf(() => buildPanel(c, r)).message).toMatch(/^roles: "Unit" \(id\) is not a column of the data/);
    const p = buildPanel(c, r, { headerRow: 2 });
    expect(p.unitGroups).toEqual(["x", "x"]);
    expect(p.warnings).toEqual([`group column "G": "u1" is in more than one group; the first one is used for regional means`]);
  });

  test("buildGeoData: y numeric, factors text or numbers, empty y dropped on request", () => {
    const c: Cell[][] = [
      ["County", "NDVI", "Soil", "Rain"],
      ["c1", 0.5, "red", 700],
      ["c2", null, "black", 650],
      ["c3", "0.75", "red", null],
    ];
    const roles = { y: "NDVI", factors: ["Soil", "Rain"], id: "County" };
    const e = errorOf(() => buildGeoData(c, roles));
    expect(e.code).toBe("MISSING");
    expect(e.message).toBe(
      `row 3, column "NDVI": the cell is empty; fill it, drop incomplete rows (--drop-incomplete) or fill gaps over time (--missing interpolate)`,
    );
    const g = buildGeoData(c, roles, { dropIncomplete: true });
    expect(Array.from(g.y)).toEqual([0.5, 0.75]);
    expect(g.ids).toEqual(["c1", "c3"]);
    expect(g.rowIndex).toEqual([2, 4]);
    expect(g.factors.map((f) => [f.kind, f.values])).toEqual([
      ["categorical", ["red", "red"]],
      ["numeric", [700, null]],
    ]);
    expect(g.warnings).toEqual([
      `dropped 1 row with an empty "NDVI": row 3`,
      `factor "Rain": 1 empty cell (row 4); those rows are left out of this factor's detectors`,
    ]);
    const bad = c.map((r) => [...r]);
    bad[1][1] = "high";
    expect(errorOf(() => buildGeoData(bad, roles, { dropIncomplete: true })).message).toBe(`row 2, column "NDVI": text 'high' is not a number`);
    expect(errorOf(() => buildGeoData(cells, rolesFile)).code).toBe("OPTION");
  });
});

describe("issue 11: an empty group cell", () => {
  const cells = (): Cell[][] => [
    ["unit", "year", "region", "a", "b"],
    ["P1", 2011, "East", 1, 2],
    ["P1", 2012, "East", 2, 3],
    ["P2", 2011, null, 3, 1],
    ["P2", 2012, "West", 4, 2],
    ["P3", 2011, "West", 2, 2],
    ["P3", 2012, "West", 3, 3],
  ];
  const roles: PanelRolesFile = {
    id: "unit",
    time: "year",
    group: "region",
    subsystems: { A: [{ column: "a", direction: "+" }], B: [{ column: "b", direction: "+" }] },
  };

  test("is named by its sheet row (header = row 1) and column", () => {
    expect(() => buildPanel(cells(), roles)).toThrow(
      'row 4, column "region": the cell is empty; fill it, drop incomplete rows (--drop-incomplete) or fill gaps over time (--missing interpolate)',
    );
  });

  test("is a missing value under dropIncomplete: the row is dropped with a warning", () => {
    const p = buildPanel(cells(), roles, { dropIncomplete: true });
    expect(p.dropped).toEqual([{ row: 4, reason: 'empty "region"' }]);
    expect(p.groups).not.toContain("");
    expect(p.ids).toHaveLength(5);
  });
});
