import * as fs from "fs";
import * as path from "path";
import { CoordError } from "../../src/engine/errors";
import { parseCsv } from "../../src/report/csv";
import { closeMatches, guessNoteText, guessRoles, looksLikeCost, parseRoles, rolesToFile, rolesToJson, subsystemPrefix } from "../../src/report/roles";

const SAMPLES = path.join(__dirname, "../../samples");
const rolesText = fs.readFileSync(path.join(SAMPLES, "sample-panel.roles.json"), "utf8");
const rolesFile = JSON.parse(rolesText);
const cells = parseCsv(fs.readFileSync(path.join(SAMPLES, "sample-panel.csv"), "utf8"));
const headers = cells[0] as string[];

/** The error thrown by f (fails the test when f does not throw a CoordError). */
function errorOf(f: () => unknown): CoordError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CoordError);
    return e as CoordError;
  }
  throw new Error("expected a CoordError");
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe("parseRoles on the sample roles file", () => {
  test("file text, object and validated roles all give the same roles", () => {
    const a = parseRoles(rolesText, headers);
    const b = parseRoles(rolesFile, headers);
    const c = parseRoles(a, headers);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    if (a.kind !== "panel") throw new Error("panel roles expected");
    expect(a.id).toBe("Province");
    expect(a.time).toBe("Year");
    expect(a.group).toBe("Region");
    expect(a.subsystems.map((s) => s.name)).toEqual(Object.keys(rolesFile.subsystems));
    expect(a.subsystems.map((s) => s.indicators.length)).toEqual(Object.values(rolesFile.subsystems).map((l) => (l as unknown[]).length));
    expect(a.subsystems[0].indicators[2]).toEqual({ column: "Urban registered unemployment rate (%)", direction: "-" });
    expect(a.factors.map((f) => f.column)).toEqual(rolesFile.factors);
  });

  test("rolesToJson writes the file shape back: identical to the sample file's content", () => {
    const roles = parseRoles(rolesText, headers);
    expect(JSON.parse(rolesToJson(roles))).toEqual(rolesFile);
    expect(rolesToFile(roles)).toEqual(rolesFile);
  });

  test("the array form of subsystems is accepted; names default to Subsystem k", () => {
    const f = clone(rolesFile);
    const subs = Object.values(f.subsystems);
    f.subsystems = [{ indicators: subs[0] }, { name: "Eco", indicators: subs[1] }];
    const r = parseRoles(f, headers);
    if (r.kind !== "panel") throw new Error("panel roles expected");
    expect(r.subsystems.map((s) => s.name)).toEqual(["Subsystem 1", "Eco"]);
  });

  test("column names match ignoring case and blanks, spelled as in the header", () => {
    const f = clone(rolesFile);
    f.id = "  province ";
    f.subsystems["Ecological environment"][0].column = "arable  LAND area per capita (hectares)";
    const r = parseRoles(f, headers);
    if (r.kind !== "panel") throw new Error("panel roles expected");
    expect(r.id).toBe("Province");
    expect(r.subsystems[1].indicators[0].column).toBe("Arable land area per capita (hectares)");
  });

  test("the Unicode minus and full-width signs count as directions", () => {
    const f = clone(rolesFile);
    f.subsystems["New-type urbanization"][0].direction = "\u2212";
    f.subsystems["New-type urbanization"][1].direction = "\uff0b";
    const r = parseRoles(f, headers);
    if (r.kind !== "panel") throw new Error("panel roles expected");
    expect(r.subsystems[0].indicators[0].direction).toBe("-");
    expect(r.subsystems[0].indicators[1].direction).toBe("+");
  });

  test("factors may force their kind", () => {
    const f = clone(rolesFile);
    f.factors = [{ column: "X2 Beds in medical institutions", kind: "categorical" }, "X3 Patents granted"];
    const r = parseRoles(f, headers);
    expect(r.factors).toEqual([{ column: "X2 Beds in medical institutions", kind: "categorical" }, { column: "X3 Patents granted" }]);
    expect(JSON.parse(rolesToJson(r)).factors).toEqual(f.factors);
  });
});

describe("parseRoles errors", () => {
  test("unknown column: named, with close matches", () => {
    const f = clone(rolesFile);
    f.subsystems["New-type urbanization"][3].column = "GDP per capita";
    const e = errorOf(() => parseRoles(f, headers));
    expect(e.code).toBe("OPTION");
    expect(e.message).toBe(
      `roles: "GDP per capita" (indicator 4 of subsystem "New-type urbanization") is not a column of the data; did you mean "GDP per capita (RMB/person)", "X1 GDP per capita (RMB/person)"?`,
    );
  });

  test("unknown column with a typo", () => {
    const f = clone(rolesFile);
    f.time = "Yaer";
    expect(errorOf(() => parseRoles(f, headers)).message).toBe(`roles: "Yaer" (time) is not a column of the data; did you mean "Year"?`);
  });

  test("unknown column with nothing close", () => {
    const f = clone(rolesFile);
    f.group = "Climate zone of the Koeppen classification";
    expect(errorOf(() => parseRoles(f, headers)).message).toBe(
      `roles: "Climate zone of the Koeppen classification" (group) is not a column of the data; no column has a similar name`,
    );
  });

  test("unknown factor", () => {
    const f = clone(rolesFile);
    f.factors = ["X3 Patents"];
    expect(errorOf(() => parseRoles(f, headers)).message).toBe(
      `roles: "X3 Patents" (factor 1) is not a column of the data; did you mean "X3 Patents granted"?`,
    );
  });

  test("subsystem with no indicators", () => {
    const f = clone(rolesFile);
    f.subsystems["Ecological environment"] = [];
    const e = errorOf(() => parseRoles(f, headers));
    expect(e.code).toBe("EMPTY");
    expect(e.message).toBe(`roles: subsystem "Ecological environment" has no indicators`);
  });

  test("fewer than two subsystems", () => {
    const f = clone(rolesFile);
    delete f.subsystems["Ecological environment"];
    const e = errorOf(() => parseRoles(f, headers));
    expect(e.code).toBe("TOO_FEW");
    expect(e.message).toBe(
      `roles: coupling needs at least two subsystems; found 1 ("New-type urbanization"). Split the indicators into two or more subsystems`,
    );
    f.subsystems = {};
    expect(errorOf(() => parseRoles(f, headers)).message).toBe(
      `roles: coupling needs at least two subsystems; found 0. Split the indicators into two or more subsystems`,
    );
  });

  test("direction not + or -", () => {
    const f = clone(rolesFile);
    f.subsystems["Ecological environment"][1].direction = "positive";
    const e = errorOf(() => parseRoles(f, headers));
    expect(e.code).toBe("OPTION");
    expect(e.message).toBe(
      `roles: indicator "Forest area per capita (hectares)" of subsystem "Ecological environment" has direction "positive"; it must be "+" (benefit) or "-" (cost)`,
    );
    delete f.subsystems["Ecological environment"][1].direction;
    expect(errorOf(() => parseRoles(f, headers)).message).toBe(
      `roles: indicator "Forest area per capita (hectares)" of subsystem "Ecological environment" has direction null; it must be "+" (benefit) or "-" (cost)`,
    );
  });

  test("a column in two roles", () => {
    const f = clone(rolesFile);
    f.subsystems["Ecological environment"].push({ column: "Urbanization rate (%)", direction: "+" });
    expect(errorOf(() => parseRoles(f, headers)).message).toBe(
      `roles: column "Urbanization rate (%)" is used twice: as an indicator of "New-type urbanization" and as an indicator of "Ecological environment"`,
    );
    const g = clone(rolesFile);
    g.factors.push("Year");
    expect(errorOf(() => parseRoles(g, headers)).message).toBe(`roles: column "Year" is used twice: as time and as a factor`);
    const h = clone(rolesFile);
    h.group = "Province";
    expect(errorOf(() => parseRoles(h, headers)).message).toBe(`roles: column "Province" is used twice: as id and as group`);
  });

  test("an indicator given as a bare name asks for its direction", () => {
    const f = clone(rolesFile);
    f.subsystems["Ecological environment"][0] = "Forest coverage rate (%)";
    expect(errorOf(() => parseRoles(f, headers)).message).toBe(
      `roles: indicator 1 of subsystem "Ecological environment" ("Forest coverage rate (%)") needs a direction: { "column": "Forest coverage rate (%)", "direction": "+" }`,
    );
  });

  test("missing id, time, subsystems; bad JSON; duplicated header", () => {
    const f = clone(rolesFile);
    delete f.time;
    expect(errorOf(() => parseRoles(f, headers)).message).toBe(`roles: "time" (the column of years or periods) is missing`);
    const g = clone(rolesFile);
    delete g.subsystems;
    expect(errorOf(() => parseRoles(g, headers)).code).toBe("TOO_FEW");
    expect(errorOf(() => parseRoles("{ id: 1", headers)).message).toMatch(/^roles: the roles file is not valid JSON/);
    expect(errorOf(() => parseRoles("[1,2]", headers)).code).toBe("OPTION");
    const dup = [...headers];
    dup[5] = "Province";
    expect(errorOf(() => parseRoles(rolesFile, dup)).message).toBe(
      `roles: "Province" (id) is ambiguous: columns A and F are both named "Province"; rename one of them`,
    );
  });
});

describe("geodetector-only roles", () => {
  const h = ["County", "Zone", "NDVI", "Soil type", "Rainfall"];
  test("y + factors, no time and no subsystems", () => {
    const r = parseRoles({ y: "NDVI", factors: ["Soil type", { column: "Rainfall", kind: "numeric" }], id: "County" }, h);
    expect(r).toEqual({
      kind: "geodetector",
      y: "NDVI",
      factors: [{ column: "Soil type" }, { column: "Rainfall", kind: "numeric" }],
      id: "County",
    });
    expect(JSON.parse(rolesToJson(r))).toEqual({ y: "NDVI", factors: ["Soil type", { column: "Rainfall", kind: "numeric" }], id: "County" });
  });
  test("errors: no factor, y as a factor, time given, unknown y", () => {
    expect(errorOf(() => parseRoles({ y: "NDVI", factors: [] }, h)).message).toBe(`roles: the geodetector needs at least one factor in "factors"`);
    expect(errorOf(() => parseRoles({ y: "NDVI", factors: ["NDVI"] }, h)).message).toBe(`roles: column "NDVI" is used twice: as y and as a factor`);
    expect(errorOf(() => parseRoles({ y: "NDVI", time: "Year", factors: ["Zone"] }, h)).message).toBe(
      `roles: a geodetector roles file (with "y") has no "time"; remove it or remove "y"`,
    );
    expect(errorOf(() => parseRoles({ y: "ndvi2", factors: ["Zone"] }, h)).message).toBe(
      `roles: "ndvi2" (y) is not a column of the data; did you mean "NDVI"?`,
    );
  });
});

describe("closeMatches", () => {
  test("substring and edit-distance matches, closest first", () => {
    expect(closeMatches("rainfal", ["Rainfall", "Rain days", "Temperature"])).toEqual(["Rainfall"]);
    // both contain "forest"; the shorter name is closer
    expect(closeMatches("Forest", headers)).toEqual(["Forest coverage rate (%)", "Forest area per capita (hectares)"]);
  });
});

describe("guessRoles", () => {
  test("the sample: id, time, group, X factors, one subsystem (not ready)", () => {
    const g = guessRoles(headers, cells.slice(1));
    expect(g.roles.id).toBe("Province");
    expect(g.roles.time).toBe("Year");
    expect(g.roles.group).toBe("Region");
    expect(g.roles.factors.map((f) => f.column)).toEqual(rolesFile.factors);
    expect(g.roles.subsystems).toHaveLength(1);
    expect(g.roles.subsystems[0].indicators).toHaveLength(28);
    // cost indicators are guessed from their names (the sample's waste water, waste gas ...)
    expect(g.roles.subsystems[0].indicators.filter((i) => i.direction === "-").map((i) => i.column)).toEqual(g.review);
    expect(g.review).toEqual([
      "Urban registered unemployment rate (%)",
      "Urban waste gas emissions (10000 tons)",
      "Urban wastewater emissions (10000 cubic meters)",
      "Urban domestic waste removal (10000 tons)",
      "Industrial solid waste emissions (10000 tons)",
    ]);
    expect(g.ready).toBe(false);
    expect(g.messages[0]).toBe(`all 28 indicators were put in one subsystem: split them into at least two subsystems and check the directions before running`);
    // the whole sheet (header row included) gives the same guess
    expect(guessRoles(headers, cells)).toEqual(g);
    // the guess is printable and, as is, rejected by parseRoles
    expect(errorOf(() => parseRoles(rolesToJson(g.roles), headers)).code).toBe("TOO_FEW");
  });

  test("subsystem prefixes split the indicators; Chinese time and group names", () => {
    const h = ["地区", "省份", "年份", "U1_人口城镇化率", "U1_人均GDP", "U2: 森林覆盖率", "U2: 废水排放", "备注"];
    const rows = [
      ["东部", "北京", 2011, 86.2, 81658, 41, 14.5, "ok"],
      ["东部", "天津", 2011, 80.5, 85213, 9.9, 6.7, null],
    ];
    const g = guessRoles(h, rows);
    expect(g.roles.id).toBe("省份");
    expect(g.roles.time).toBe("年份");
    expect(g.roles.group).toBe("地区");
    expect(g.roles.subsystems).toEqual([
      {
        name: "U1",
        indicators: [
          { column: "U1_人口城镇化率", direction: "+" },
          { column: "U1_人均GDP", direction: "+" },
        ],
      },
      {
        name: "U2",
        indicators: [
          { column: "U2: 森林覆盖率", direction: "+" },
          { column: "U2: 废水排放", direction: "-" },
        ],
      },
    ]);
    expect(g.ready).toBe(true);
    expect(g.messages).toContain(`text columns not used: "备注"`);
    expect(() => parseRoles(g.roles, h)).not.toThrow();
  });

  test("numeric text counts as numeric; a lone prefix does not split; 'Time' in any case", () => {
    const h = ["Name", "TIME", "NQPF_patents", "GDP"];
    const g = guessRoles(h, [
      ["A", "2020", "1,234", 5],
      ["B", "2021", "2,000", 6],
    ]);
    expect(g.roles.time).toBe("TIME");
    expect(g.roles.subsystems).toHaveLength(1);
    expect(g.roles.subsystems[0].indicators.map((i) => i.column)).toEqual(["NQPF_patents", "GDP"]);
  });

  test("no time column is reported", () => {
    const g = guessRoles(["Name", "a", "b"], [["A", 1, 2]]);
    expect(g.roles.time).toBe("");
    expect(g.ready).toBe(false);
    expect(g.messages[0]).toBe(`no column looks like the time (named year / time / period / 年份); set "time" by hand`);
  });
});

describe("issue 11: unknown keys and long names", () => {
  const headers = ["unit", "year", "a1", "b1", "f1"];
  const base = { id: "unit", time: "year", subsystems: { A: [{ column: "a1", direction: "+" }], B: [{ column: "b1", direction: "+" }] } };

  test('an unknown key (a typo such as "factor") is named with the key it resembles', () => {
    expect(() => parseRoles({ ...base, factor: ["f1"] }, headers)).toThrow(/unknown key "factor" in the roles file; did you mean "factors"\?/);
    expect(() =>
      parseRoles({ ...base, subsystems: { A: [{ column: "a1", direction: "+", directon: "-" }], B: [{ column: "b1", direction: "+" }] } }, headers),
    ).toThrow(/unknown key "directon" in indicator 1 of subsystem "A"; did you mean "direction"\?/);
    expect(() => parseRoles({ y: "a1", factors: [{ column: "f1", kinds: "numeric" }] }, headers)).toThrow(
      /unknown key "kinds" in factor 1; did you mean "kind"\?/,
    );
    // comments and a schema are allowed, and other top-level keys are inputs for the report sections
    expect(parseRoles({ ...base, _comment: "x", $schema: "y" }, headers).kind).toBe("panel");
    expect(parseRoles({ ...base, weights: { type: "contiguity" } }, headers)).toHaveProperty("inputs", { weights: { type: "contiguity" } });
  });

  test("a typo against a 100,000-character header is matched in linear time and the message stays short", () => {
    const long = "x".repeat(50_000) + "GDP" + "y".repeat(50_000);
    const typo = "x".repeat(50_000) + "GPD" + "y".repeat(50_000);
    let message = "";
    try {
      parseRoles({ ...base, factors: [typo] }, [...headers, long]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/is not a column of the data; did you mean ".*\(100,003 characters\)"\?/);
    expect(message.length).toBeLessThan(400);
  }, 10_000);
});

describe("extra inputs in the roles file", () => {
  const headers = ["unit", "year", "a1", "b1"];
  const file = { id: "unit", time: "year", subsystems: { A: [{ column: "a1", direction: "+" }], B: [{ column: "b1", direction: "+" }] } };
  it("keeps keys that are not columns as inputs for the report sections, and writes them back", () => {
    const weights = { type: "contiguity", pairs: [["P1", "P2"]] };
    const roles = parseRoles({ ...file, weights }, headers);
    expect(roles.kind === "panel" && roles.inputs).toEqual({ weights });
    expect(rolesToFile(roles)).toEqual({ ...file, weights });
    // validated roles parsed again keep them, once
    expect(parseRoles(roles, headers)).toEqual(roles);
  });
  it("has no inputs when the file names only columns", () => {
    expect(parseRoles(file, headers)).not.toHaveProperty("inputs");
  });
});

describe("guessRoles: directions, codes and group names", () => {
  test("coordinate columns (经度/纬度, lon/lat, x/y) are not indicators: a note names them", () => {
    const g = guessRoles(
      ["省份", "年份", "经度", "纬度", "A1 人均GDP", "A2 城镇化率", "B1 森林覆盖率", "B2 单位GDP能耗"],
      [["北京", 2011, 116.4, 39.9, 1, 2, 3, 4]],
    );
    expect(g.roles.subsystems.flatMap((s) => s.indicators.map((i) => i.column))).toEqual(["A1 人均GDP", "A2 城镇化率", "B1 森林覆盖率", "B2 单位GDP能耗"]);
    expect(g.notes).toContainEqual({ key: "guess.coordinates", names: ["经度", "纬度"] });
    expect(guessNoteText({ key: "guess.coordinates", names: ["经度", "纬度"] }, "zh")).toBe(
      "坐标列未作为指标：“经度”、“纬度”（可在“空间权重”步骤中用它们构建空间权重）",
    );
    const e = guessRoles(["id", "year", "lon", "lat", "X", "Y", "gdp", "green"], [["a", 2011, 1, 2, 3, 4, 5, 6]]);
    expect(e.roles.subsystems.flatMap((s) => s.indicators.map((i) => i.column))).toEqual(["gdp", "green"]);
    // longer names that only start like a coordinate stay indicators
    const f = guessRoles(["id", "year", "x1 land use", "Latitude band share", "gdp"], [["a", 2011, 1, 2, 3]]);
    expect(f.roles.subsystems.flatMap((s) => s.indicators.map((i) => i.column))).toEqual(["Latitude band share", "gdp"]);
  });

  test("cost indicators guessed from their names (zh and en), listed for review", () => {
    for (const h of [
      "工业废水排放量",
      "城镇登记失业率(%)",
      "单位GDP能耗",
      "环境污染指数",
      "生产安全事故死亡人数",
      "工业废气",
      "CO2 emissions",
      "Unemployment rate",
      "Energy consumption per unit of GDP",
      "Traffic accidents",
      "Water pollution index",
    ])
      expect([h, looksLikeCost(h)]).toEqual([h, true]);
    for (const h of [
      "人均GDP",
      "城镇化率",
      "Forest coverage rate (%)",
      "Patents granted",
      "Energy production",
      "环境污染治理投资",
      "Industrial solid waste utilization (10000 tons)",
    ])
      expect([h, looksLikeCost(h)]).toEqual([h, false]);
    const g = guessRoles(["省份", "年份", "U1_人均GDP", "U1_城镇登记失业率", "U2_工业废水排放量", "U2_森林覆盖率"], [["北京", 2011, 1, 2, 3, 4]]);
    const dirs = Object.fromEntries(g.roles.subsystems.flatMap((s) => s.indicators.map((i) => [i.column, i.direction])));
    expect(dirs).toEqual({ U1_人均GDP: "+", U1_城镇登记失业率: "-", U2_工业废水排放量: "-", U2_森林覆盖率: "+" });
    expect(g.review).toEqual(["U1_城镇登记失业率", "U2_工业废水排放量"]);
    expect(g.messages.some((m) => m.includes("please check") && m.includes("U2_工业废水排放量"))).toBe(true);
  });

  test("A1/B1 codes are grouped by their letter; U1_/U2_ prefixes stay subsystems; level markers skipped", () => {
    const g = guessRoles(["city", "year", "A1 人均GDP", "A2 城镇化率", "B1 森林覆盖率", "B2.绿地面积"], [["c", 2011, 1, 2, 3, 4]]);
    expect(g.roles.subsystems.map((s) => [s.name, s.indicators.map((i) => i.column)])).toEqual([
      ["A", ["A1 人均GDP", "A2 城镇化率"]],
      ["B", ["B1 森林覆盖率", "B2.绿地面积"]],
    ]);
    expect(g.ready).toBe(true);
    const u = guessRoles(["city", "year", "U1_a", "U1_b", "U2_c"], [["c", 2011, 1, 2, 3]]);
    expect(u.roles.subsystems.map((s) => s.name)).toEqual(["U1", "U2"]);
    expect(subsystemPrefix("一级指标_经济_人均GDP")).toBe("经济");
    expect(subsystemPrefix("二级: 生态|森林覆盖率")).toBe("生态");
    expect(subsystemPrefix("CO2排放")).toBeNull();
    expect(subsystemPrefix("PM2.5浓度")).toBeNull();
  });

  test("所属区域-style columns are the group, not the unit id", () => {
    for (const name of ["所属区域", "所在地区", "区域划分", "Economic region"]) {
      const g = guessRoles([name, "城市", "年份", "A1 x", "B1 y"], [["东部", "南京", 2011, 1, 2]]);
      expect([name, g.roles.group, g.roles.id]).toEqual([name, name, "城市"]);
    }
  });
});
