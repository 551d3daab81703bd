/**
 * The spatial section through the pipeline: the published D of the seed paper as an indicator
 * column (spatialVariable), with the China preset, against R spdep (../shared/reference/spatial,
 * skipped when absent) at 1e-10 — global, local, Gi*, lag, in the JSON shape of the issue; the
 * same with Chinese unit names; 30 provinces without Tibet (the sub-matrix, then the transform);
 * Hainan as an island (an error naming it, or the zero policy); no weights: the section is
 * skipped, not an error; the sheet's tables and charts.
 */
import * as fs from "fs";
import * as path from "path";
import { runReport } from "../../../src/report/pipeline";
import { defaultOptions, parseOptions } from "../../../src/report/options";
import { CHINA_PROVINCES } from "../../../src/engine/spatial/presets/chinaProvincesData";
import { chinaProvincesWeightsFor } from "../../../src/engine/spatial/presets/chinaProvinces";
import { moranI } from "../../../src/engine/spatial/moran";
import { transformWeights } from "../../../src/engine/spatial/weights";
import type { RolesFile } from "../../../src/report/roles";
import { sharedPath } from "../../helpers";
import { SEED_ROLES, seedPanelCells, seedRows } from "./seedPanel";
import { spatialHeadlines } from "../../../src/report/sections/spatial";

const SHARED = sharedPath();
const JSON_FILE = path.join(SHARED, "reference", "spatial", "expected", "seed-table3.json");
const present = fs.existsSync(JSON_FILE);
if (!present) console.warn(`spatial section test: spdep comparison skipped: ${JSON_FILE} not found (../shared is not beside the repo)`);
const panelCells = seedPanelCells;
const roles = SEED_ROLES;
// "Other" falls as Dpub rises: no province is lowest in both subsystems (where D would be undefined)
const opts = (extra: Record<string, string> = {}) => parseOptions({ weights: "china-provinces", spatialVariable: "Dpub", ...extra }, defaultOptions());

type Json = any;

(present ? describe : describe.skip)("against spdep through the pipeline", () => {
  const ref: Json = present ? JSON.parse(fs.readFileSync(JSON_FILE, "utf8")) : null;
  test.each([
    ["English names", (p: string) => p],
    ["Chinese names", (p: string) => CHINA_PROVINCES.find((q) => q.name === p)!.zh],
  ])("%s: every year, global and local at 1e-10, the issue's JSON shape", async (_, rename) => {
    const r = await runReport(panelCells(rename), roles, opts());
    const s = (r.analysis as Json).spatial;
    expect(Object.keys(s)).toEqual(["weights", "global", "local"]);
    expect(s.weights).toEqual({
      source: "china-provinces (queen contiguity, Natural Earth; Hainan linked to Guangdong)",
      transform: "row",
      n: 31,
      S0: expect.any(Number),
      meanNeighbours: 138 / 31,
      isolates: [],
    });
    expect(Math.abs(s.weights.S0 - 31)).toBeLessThan(1e-12);
    expect(Object.keys(s.global[0])).toEqual([
      "period",
      "variable",
      "I",
      "E",
      "variance",
      "z",
      "p",
      "pTwoSided",
      "pPermutation",
      "permutations",
      "seed",
      "C",
      "zC",
      "pC",
    ]);
    expect(Object.keys(s.local[0])).toEqual(["period", "variable", "id", "Ii", "E", "variance", "z", "p", "quadrant", "cluster", "lag", "giStarZ", "hotSpot"]);
    expect(s.global.map((g: Json) => g.period)).toEqual(Object.keys(ref.china.years));
    let compared = 0;
    for (const g of s.global) {
      const e = ref.china.years[g.period];
      const close = (a: number, b: number, tol = 1e-10) => {
        expect(Math.abs(a - b)).toBeLessThan(tol);
        compared++;
      };
      close(g.I, e.moran.randomisation.I);
      close(g.variance, e.moran.randomisation.variance);
      close(g.z, e.moran.randomisation.z);
      close(g.p, e.moran.randomisation.p_greater, 1e-12);
      close(g.pTwoSided, e.moran.randomisation.p_two_sided, 1e-12);
      close(g.C, e.geary.randomisation.C);
      close(g.zC, e.geary.randomisation.z);
      expect(g.variable).toBe("Dpub");
      expect([g.permutations, g.seed]).toEqual([999, 1]);
      expect(g.pPermutation).toBeGreaterThan(0);
      const locals = s.local.filter((l: Json) => l.period === g.period);
      expect(locals).toHaveLength(31);
      locals.forEach((l: Json, i: number) => {
        const el = e.local[i];
        expect(l.id).toBe(rename(el.province));
        close(l.Ii, el.Ii);
        close(l.E, el["E.Ii"]);
        close(l.variance, el["Var.Ii"]);
        close(l.z, el["Z.Ii"]);
        close(l.p, el["Pr(z != E(Ii))"], 1e-12);
        close(l.giStarZ, e.gistar[i].Gi_star_z);
        close(l.lag, e.lag[i].lag);
        expect(l.quadrant).toBe(el.quadrant);
        expect(l.cluster).toBe(el["Pr(z != E(Ii))"] < 0.05 ? el.quadrant : "not significant");
      });
    }
    expect(compared).toBe(10 * (7 + 31 * 7));
  });

  test("total-randomisation moments and binary weights by option", async () => {
    const r = await runReport(panelCells(), roles, opts({ lisaMoments: "total", weightsTransform: "binary", permutations: "0" }));
    const s = (r.analysis as Json).spatial;
    const g2020 = s.global.find((g: Json) => g.period === "2020");
    expect(Math.abs(g2020.I - ref.china.binary_weights_style_B.years["2020"].randomisation.I)).toBeLessThan(1e-10);
    expect(g2020.pPermutation).toBeNull();
  });

  test("Hainan an island: an error naming it; with the zero policy spdep's n = 30", async () => {
    await expect(runReport(panelCells(), roles, opts({ weights: "china-provinces-island" }))).rejects.toThrow("unit 'Hainan' has no neighbours (an isolate)");
    const r = await runReport(panelCells(), roles, opts({ weights: "china-provinces-island", zeroPolicy: "true" }));
    const g = (r.analysis as Json).spatial.global.find((x: Json) => x.period === "2011");
    expect(Math.abs(g.I - ref.china.hainan_isolated_asis.years["2011"].adjust_n_TRUE.randomisation.I)).toBeLessThan(1e-10);
    expect((r.analysis as Json).spatial.weights.isolates).toEqual(["Hainan"]);
  });
});

describe("the section in the report", () => {
  test("30 provinces without Tibet: the sub-matrix, then the row transform", async () => {
    const r = await runReport(
      panelCells(undefined, (p) => p !== "Xizang"),
      roles,
      opts({ permutations: "0" }),
    );
    const s = (r.analysis as Json).spatial;
    expect(s.weights.n).toBe(30);
    const units = CHINA_PROVINCES.map((p) => p.name).filter((p) => p !== "Xizang");
    const W = transformWeights(chinaProvincesWeightsFor(units), "row");
    const x = s.local.filter((l: Json) => l.period === "2015").map((l: Json) => l.id);
    expect(x).toEqual(units);
    const lines = seedRows();
    const d2015 = units.map((u) => Number(lines.find((l) => l[0] === u && l[2] === "2015")![3]));
    expect(s.global.find((g: Json) => g.period === "2015").I).toBeCloseTo(moranI(d2015, W, { permutations: 0 }).I, 12);
  });

  test("without weights the section is absent, not an error", async () => {
    const r = await runReport(panelCells(), roles, defaultOptions());
    const a = r.analysis as Json;
    expect(a.spatial).toBeNull();
    expect(a.skipped).toContainEqual({ section: "spatial", reason: 'not applicable: no spatial weights (give --weights or "weights" in the roles)' });
    expect(r.report.sheets.map((s) => s.name)).not.toContain("Spatial autocorrelation");
  });

  test("the weights from the roles file's \"weights\" key; the sheet's tables and charts", async () => {
    const r = await runReport(
      panelCells(),
      { ...roles, weights: "china-provinces" } as RolesFile,
      parseOptions({ spatialVariable: "Dpub", scatterPeriods: "2011,2020", language: "zh" }, defaultOptions()),
    );
    const sheet = r.report.sheets.find((s) => s.name === "空间自相关")!;
    expect(sheet.tables.map((t) => t.title)).toEqual([
      "空间权重（M11）",
      "Dpub 的全局 Moran's I（按时期，M12，随机化假设下的矩）",
      "Moran 散点图 2011：标准化的 Dpub（横轴）与其空间滞后（纵轴），按象限",
      "Moran 散点图 2020：标准化的 Dpub（横轴）与其空间滞后（纵轴），按象限",
      "Dpub 的 LISA 集聚类型（α = 0.05；高-高 HH、低-低 LL、高-低 HL、低-高 LH）",
      "Dpub 的 Getis-Ord Gi* 冷热点（90%/95%/99% 置信水平）",
    ]);
    expect(sheet.charts.map((c) => c.type)).toEqual(["line", "scatter", "scatter"]);
    expect(sheet.charts[1].series).toEqual(["lagHH", "lagLL", "lagHL", "lagLH"]);
    // every unit in exactly one quadrant series of the scatter table
    for (const row of sheet.tables[2].rows) expect(["lagHH", "lagLL", "lagHL", "lagLH"].filter((k) => row[k] !== null)).toHaveLength(1);
    // zh cluster names in the LISA table
    const clusters = new Set(
      sheet.tables[4].rows.flatMap((row) =>
        Object.entries(row)
          .filter(([k]) => k !== "unit")
          .map(([, v]) => v),
      ),
    );
    expect([...clusters].every((c) => ["高-高", "低-低", "高-低", "低-高", "不显著"].includes(String(c)))).toBe(true);
    // every period column fills the clusters as they are written (GeoDa's colours), "not significant" left plain
    const lisaFills = [
      { text: "高-高", color: "F07A6E" },
      { text: "低-低", color: "7FA6E0" },
      { text: "高-低", color: "F8C9C4" },
      { text: "低-高", color: "C9D8F4" },
    ];
    expect(sheet.tables[4].columns.map((c) => c.fills)).toEqual([undefined, ...Array(10).fill(lisaFills)]);
    expect(clusters.has("高-高") && clusters.has("低-低")).toBe(true);
    const gi = sheet.tables[5];
    expect(gi.columns[1].fills!.map((f) => f.text)).toEqual(["热点（99%）", "热点（95%）", "热点（90%）", "冷点（99%）", "冷点（95%）", "冷点（90%）"]);
    const spots = new Set(gi.rows.flatMap((row) => gi.columns.slice(1).map((c) => String(row[c.key]))));
    for (const s of spots) expect(s === "不显著" || gi.columns[1].fills!.some((f) => f.text === s)).toBe(true);
    expect(r.headlines.some((h) => h.startsWith("Dpub 的全局 Moran's I 在 10 个时期中有 "))).toBe(true);
  });

  test("progress inside the section: one tick a period, rising; an abort during it cancels the run", async () => {
    const options = parseOptions({ spatialVariable: "Dpub" }, defaultOptions());
    const ticks: number[] = [];
    await runReport(panelCells(), { ...roles, weights: "china-provinces" } as RolesFile, options, {
      onTick: (stage, fraction) => {
        expect(stage).toBe("spatial");
        ticks.push(fraction);
      },
    });
    expect(ticks).toHaveLength(10); // ten years
    expect(ticks).toEqual([...ticks].sort((a, b) => a - b));
    expect(new Set(ticks).size).toBe(10);
    const signal = { aborted: false };
    let seen = 0;
    const run = runReport(panelCells(), { ...roles, weights: "china-provinces" } as RolesFile, options, {
      signal,
      onTick: () => {
        if (++seen === 3) signal.aborted = true; // as the page's Cancel would, between two periods
      },
    });
    await expect(run).rejects.toMatchObject({ code: "CANCELLED" });
    expect(seen).toBe(3);
  });

  test('a roles "weights" of another shape is a message, not a crash', async () => {
    await expect(runReport(panelCells(), { ...roles, weights: { file: "W.csv" } } as RolesFile, opts({ weights: "" }))).rejects.toThrow(
      'roles: "weights" must be a file name, china-provinces, china-provinces-island, knn:K, band:D or idw:A; got {"file":"W.csv"}',
    );
  });

  test("a unit the preset does not know is named", async () => {
    const cells = panelCells((p) => (p === "Beijing" ? "Peking" : p));
    await expect(runReport(cells, roles, opts())).rejects.toThrow("the data's unit 'Peking' is not in China's 31 provinces (the china-provinces weights)");
  });
});

describe("the LISA headline", () => {
  // a county panel has dozens of units in a cluster: the headline names the first 8 and the count
  const result = (hh: number, ll: number) => ({
    global: [{ period: "2020", variable: "D", I: 0.31, z: 4.2, p: 0.00001 }],
    local: [
      ...Array.from({ length: hh }, (_, i) => ({ period: "2020", id: `H${i + 1}`, cluster: "HH" })),
      ...Array.from({ length: ll }, (_, i) => ({ period: "2020", id: `L${i + 1}`, cluster: "LL" })),
    ],
  });
  test("up to 8 units named, beyond that the count and the first 8", () => {
    const en = spatialHeadlines(result(12, 2) as never, { options: defaultOptions() } as never);
    expect(en[1]).toBe("LISA clusters in 2020: HH 12 units (H1, H2, H3, H4, H5, H6, H7, H8, …); LL L1, L2.");
    const zh = spatialHeadlines(result(8, 9) as never, { options: { ...defaultOptions(), language: "zh" } } as never);
    expect(zh[1]).toBe("2020 的 LISA 集聚：高-高 H1、H2、H3、H4、H5、H6、H7、H8；低-低 9 个单元（L1、L2、L3、L4、L5、L6、L7、L8 等）。");
  });
});
