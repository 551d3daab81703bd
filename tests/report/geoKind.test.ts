/**
 * The report uses the engine's one kind rule (factorKind, M8) and agrees with GEOQ on the same
 * data (issue 12): on a 10-unit cross-section numeric factors are discretized (q < 1), a declared
 * kind and an explicit discretization are honoured in the report and in GEOQ, one unit per
 * stratum is reported with its reason and never headlined; a text cell in a numeric factor is an
 * error naming the cell, or a missing value with --drop-incomplete (issue 11).
 */
import { runReport } from "../../src/report/pipeline";
import { DEFAULT_OPTIONS, parseOptions } from "../../src/report/options";
import { geoqImpl } from "../../src/functions/impl/geodetector";
import type { GeoAnalysis } from "../../src/report/geoAnalysis";
import type { Cell } from "../../src/report/csv";

const y = [0.52, 0.61, 0.45, 0.58, 0.39, 0.66, 0.48, 0.55, 0.43, 0.6];
const gdp = [5.2, 7.9, 4.1, 9.6, 3.3, 11.2, 4.8, 6.5, 3.9, 8.8];
const zone = ["east", "east", "west", "east", "west", "east", "central", "central", "west", "east"];
const rank = [3, 7, 2, 9, 1, 10, 4, 6, 5, 8]; // whole numbers, 10 levels among 10 units

function cells(gdpCol: unknown[] = gdp): Cell[][] {
  return [["Province", "D", "GDP", "Zone", "Rank"], ...y.map((v, i) => [`P${i + 1}`, v, gdpCol[i], zone[i], rank[i]] as Cell[])];
}

async function geo(
  roles: object,
  raw: Record<string, string> = {},
  data = cells(),
  drop = false,
): Promise<{ geo: GeoAnalysis; warnings: string[]; headline: string }> {
  const r = await runReport(data, roles as never, parseOptions(raw, DEFAULT_OPTIONS), {}, { panel: { dropIncomplete: drop } });
  const g = (r.analysis as { geodetector: GeoAnalysis }).geodetector;
  const summary = r.report.sheets[0];
  return { geo: g, warnings: (r.analysis as { warnings: string[] }).warnings, headline: JSON.stringify(summary) };
}

const col = (v: unknown[]) => v.map((x) => [x]);
const row = (g: GeoAnalysis, factor: string) => g.factors.find((f) => f.group === "All" && f.factor === factor)!;

describe("report and GEOQ: the same kind rule on a 10-unit cross-section", () => {
  it("numeric factors are discretized (q < 1); the report's q equals GEOQ's", async () => {
    const { geo: g } = await geo({ y: "D", factors: ["GDP", "Zone", "Rank"] }, { k: "3" });
    const r = row(g, "GDP");
    expect(r.method).toBe("natural");
    expect(r.q!).toBeLessThan(1);
    expect(r.q).toBe(geoqImpl(col(y), col(gdp), null, null, 3)[0][0]);
    expect(row(g, "Rank").method).toBe("natural");
    expect(row(g, "Rank").q).toBe(geoqImpl(col(y), col(rank), null, null, 3)[0][0]);
    expect(row(g, "Zone").method).toBe("categorical");
    expect(row(g, "Zone").q).toBe(geoqImpl(col(y), col(zone))[0][0]);
    expect(typeof r.pCentral).toBe("number");
    expect(r.pCentral).toBe(geoqImpl(col(y), col(gdp), null, null, 3, false, null, "central")[0][1]);
  });

  it("a declared categorical kind: one unit per stratum, q = 1 with the reason, p empty, never headlined; same in GEOQ", async () => {
    const { geo: g, warnings, headline } = await geo({ y: "D", factors: [{ column: "Rank", kind: "categorical" }, "Zone"] });
    const r = row(g, "Rank");
    expect(r).toMatchObject({ method: "categorical", q: 1, p: null, pCentral: null, trivial: true });
    expect(r.reason).toMatch(/^each stratum holds one unit/);
    expect(warnings.some((w) => /Rank: each stratum holds one unit .*not a finding/.test(w))).toBe(true);
    expect(geoqImpl(col(y), col(rank), null, null, null, false, "categorical")).toEqual([[1, ""]]);
    expect(headline).toMatch(/Strongest factor of D: Zone/);
    expect(headline).not.toMatch(/Strongest factor of D: Rank/);
  });

  it("a declared numeric kind and an explicit discretization win over the levels rule", async () => {
    const few = [1, 2, 1, 2, 3, 3, 1, 2, 3, 1]; // whole numbers, 3 levels among 10: categorical by the rule
    const data: Cell[][] = cells().map((r, i) => (i === 0 ? [...r, "Code"] : [...r, few[i - 1]]));
    const auto = await geo({ y: "D", factors: ["Code", "Zone"] }, {}, data);
    expect(row(auto.geo, "Code").method).toBe("categorical");
    expect(row(auto.geo, "Code").q).toBe(geoqImpl(col(y), col(few))[0][0]);
    const declared = await geo({ y: "D", factors: [{ column: "Code", kind: "numeric" }, "Zone"] }, { k: "2" }, data);
    expect(row(declared.geo, "Code").method).toBe("natural");
    expect(row(declared.geo, "Code").q).toBe(geoqImpl(col(y), col(few), null, null, 2, false, "numeric")[0][0]);
    const explicit = await geo({ y: "D", factors: ["Code", "Zone"] }, { discretization: "equal", k: "2" }, data);
    expect(row(explicit.geo, "Code").method).toBe("equal");
    expect(row(explicit.geo, "Code").q).toBe(geoqImpl(col(y), col(few), null, "equal", 2)[0][0]);
    expect(row(explicit.geo, "Zone").method).toBe("categorical"); // text stays categorical
  });

  it("a text cell ('n/a') in a numeric factor: an error naming the cell, or a missing value with --drop-incomplete; never categorical", async () => {
    const withNa = [...gdp] as unknown[];
    withNa[3] = "n/a";
    await expect(geo({ y: "D", factors: ["GDP"] }, {}, cells(withNa))).rejects.toThrow(/^row 5, column "GDP": text 'n\/a' in a numeric factor/);
    const dropped = await geo({ y: "D", factors: ["GDP", "Zone"] }, {}, cells(withNa), true);
    const r = row(dropped.geo, "GDP");
    expect(r.method).toBe("natural");
    // the row is left out of this factor's detectors (M8: per factor): q on the 9 complete rows = GEOQ on them
    expect(r.n).toBe(9);
    const keep = [0, 1, 2, 4, 5, 6, 7, 8, 9];
    expect(r.q).toBe(geoqImpl(col(keep.map((i) => y[i])), col(keep.map((i) => gdp[i])), null, null, 4)[0][0]);
    expect(r.k).toBe(4); // 9 rows allow at most 4 classes
    expect(dropped.warnings.some((w) => /GDP: 1 row\(s\) with an empty cell left out of its factor and risk detectors/.test(w))).toBe(true);
    expect(dropped.warnings).toContain(`factor "GDP": 1 text cell in a numeric column taken as missing (row 5 'n/a')`);
  });
});

describe("a 10-province x 5-year panel (issue 12): the report and GEOQ agree", () => {
  function lcg(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  }
  const r = lcg(7);
  const panel: Cell[][] = [["省份", "年份", "城镇化率", "绿地率", "人均GDP", "代码"]];
  for (let i = 0; i < 10; i++)
    for (let t = 0; t < 5; t++) panel.push([`P${i + 1}`, 2016 + t, 40 + 30 * r(), 20 + 20 * r(), Math.round(3e4 + 7e4 * r()), i + 1]);
  const roles = JSON.stringify({
    id: "省份",
    time: "年份",
    subsystems: { 城镇化: [{ column: "城镇化率", direction: "+" }], 生态: [{ column: "绿地率", direction: "+" }] },
    factors: ["人均GDP", { column: "代码", kind: "categorical" }],
  });

  it("numeric factors are discretized (q < 1), a declared categorical one-unit-per-stratum factor is reported with its reason and never headlined", async () => {
    const res = await runReport(panel, roles, DEFAULT_OPTIONS);
    const g = (res.analysis as { geodetector: GeoAnalysis }).geodetector;
    const obs = (res.analysis as { observations: Array<{ period: string; D: number; id: string }> }).observations;
    for (const period of g.periods) {
      const gdp = g.factors.find((f) => f.period === period && f.group === "All" && f.factor === "人均GDP")!;
      expect(gdp.method).toBe("natural");
      expect(gdp.k).toBe(5); // 10 units allow at most 5 classes
      expect(gdp.q!).toBeLessThan(1);
      const rows = panel.slice(1).filter((c) => String(c[1]) === period);
      const D = obs.filter((o) => o.period === period).map((o) => o.D);
      expect(gdp.q).toBe(geoqImpl(col(D), col(rows.map((c) => c[4])), null, null, 5)[0][0]);
      const code = g.factors.find((f) => f.period === period && f.group === "All" && f.factor === "代码")!;
      expect(code).toMatchObject({ method: "categorical", q: 1, p: null, pCentral: null, trivial: true });
      expect(code.reason).toMatch(/^each stratum holds one unit/);
      expect(geoqImpl(col(D), col(rows.map((c) => c[5])), null, null, null, false, "categorical")).toEqual([[1, ""]]);
    }
    const headline = res.headlines.find((h) => h.startsWith("Strongest driving factor"))!;
    expect(headline).toMatch(/^Strongest driving factor of D in 2020: 人均GDP \(q = /);
  });
});
