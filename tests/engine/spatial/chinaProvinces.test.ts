/**
 * The built-in China preset equals the CSV files it was generated from (the copies in
 * assets/presets/china-provinces/, and ../shared/data/ when present), and matches provinces by
 * name in English or Chinese, full or short, for any subset and order of units.
 */
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../../../src/report/csv";
import { chinaProvincesWeights, chinaProvincesWeightsFor, resolveChinaProvince } from "../../../src/engine/spatial/presets/chinaProvinces";
import { CHINA_PROVINCES } from "../../../src/engine/spatial/presets/chinaProvincesData";
import { toDenseWeights, transformWeights, weightsSummary } from "../../../src/engine/spatial/weights";
import { expectCoordErrorExact, sharedPath } from "../../helpers";

const ASSETS = path.resolve(__dirname, "..", "..", "..", "assets", "presets", "china-provinces");
const SHARED = sharedPath("data");
const sharedPresent = fs.existsSync(path.join(SHARED, "china-provinces-W-queen-asis.csv"));
if (!sharedPresent)
  console.warn(`chinaProvinces.test: the comparison with ${SHARED} is skipped (../shared is not beside the repo); the copies in assets/ are still checked`);

const csv = (dir: string, file: string) => parseCsv(fs.readFileSync(path.join(dir, file), "utf8"));
const records = (dir: string, file: string) => {
  const c = csv(dir, file);
  return c.slice(1).map((r) => Object.fromEntries(c[0].map((h, j) => [String(h), r[j]])));
};

describe.each([
  ["assets/presets/china-provinces", ASSETS, true],
  ["../shared/data", SHARED, sharedPresent],
] as const)("the preset equals %s", (_, dir, present) => {
  const t = present ? test : test.skip;
  t("both matrices, cell by cell, in the CSV's order", () => {
    for (const [file, hainan] of [
      ["china-provinces-W-queen-hainan-guangdong.csv", "guangdong"],
      ["china-provinces-W-queen-asis.csv", "island"],
    ] as const) {
      const m = csv(dir, file);
      const labels = m[0].slice(1).map(String);
      expect(m.slice(1).map((r) => r[0])).toEqual(labels);
      const W = chinaProvincesWeights({ hainan });
      expect(W.labels).toEqual(labels);
      expect(toDenseWeights(W)).toEqual(m.slice(1).map((r) => r.slice(1)));
    }
  });
  t("centroids, names and regions", () => {
    const cents = records(dir, "china-provinces-centroids.csv");
    const map = records(dir, "china-provinces-name-mapping.csv");
    expect(CHINA_PROVINCES.map((p) => [p.name, p.lon, p.lat])).toEqual(
      CHINA_PROVINCES.map((p) => {
        const c = cents.find((r) => r.province === p.name)!;
        return [p.name, c.lon, c.lat];
      }),
    );
    expect(cents).toHaveLength(31);
    for (const r of map) {
      const p = CHINA_PROVINCES.find((q) => q.name === r.province)!;
      expect([p.zh, p.zhShort, p.region]).toEqual([r.ne_name_zh, r.zh_short, r.seed_region]);
      for (const alias of String(r.en_aliases ?? "")
        .split("|")
        .filter(Boolean))
        expect(p.aliases).toContain(alias);
    }
  });
  t("the contiguity list: 68 pairs, and the degrees of the README", () => {
    const pairs = records(dir, "china-provinces-contiguity.csv");
    expect(pairs).toHaveLength(68);
    const W = chinaProvincesWeights({ hainan: "island" });
    const deg = (name: string) => {
      const i = W.labels.indexOf(name);
      return W.offsets[i + 1] - W.offsets[i];
    };
    for (const r of pairs) {
      const a = W.labels.indexOf(String(r.a));
      const b = W.labels.indexOf(String(r.b));
      expect(Array.from(W.neighbours.subarray(W.offsets[a], W.offsets[a + 1]))).toContain(b);
    }
    expect([deg("Nei Mongolia"), deg("Shaanxi"), deg("Hebei"), deg("Guangdong"), deg("Hainan"), deg("Beijing")]).toEqual([8, 8, 7, 4, 0, 2]);
  });
});

describe("name matching", () => {
  test("English, Chinese full and short names, aliases and suffixes", () => {
    const cases: Array<[string, string]> = [
      ["北京", "Beijing"],
      ["北京市", "Beijing"],
      ["天津", "Tianjin"],
      ["内蒙古自治区", "Nei Mongolia"],
      ["内蒙古", "Nei Mongolia"],
      ["Inner Mongolia", "Nei Mongolia"],
      ["nei mongol", "Nei Mongolia"],
      ["Tibet", "Xizang"],
      ["西藏自治区", "Xizang"],
      ["广西壮族自治区", "Guangxi"],
      ["Guangxi Zhuang", "Guangxi"],
      ["新疆", "Xinjiang"],
      ["Xinjiang Uyghur", "Xinjiang"],
      ["陕西", "Shaanxi"],
      ["山西省", "Shanxi"],
      ["shaanxi", "Shaanxi"],
      ["Hebei Province", "Hebei"],
      ["黑龙江省", "Heilongjiang"],
    ];
    for (const [input, name] of cases) expect({ input, name: resolveChinaProvince(input) }).toEqual({ input, name });
    expect(resolveChinaProvince("Taiwan")).toBeUndefined();
    expect(resolveChinaProvince("香港")).toBeUndefined();
  });

  test("a panel with Chinese headers (北京, 天津 …) gets the same weights as the English names", () => {
    const zh = CHINA_PROVINCES.map((p) => p.zhShort);
    const W = chinaProvincesWeightsFor(zh);
    expect(W.labels).toEqual(zh);
    expect(toDenseWeights(W)).toEqual(toDenseWeights(chinaProvincesWeights()));
  });

  test("30 provinces without Tibet, shuffled: the sub-matrix first, then the row transform", () => {
    const units = CHINA_PROVINCES.map((p) => p.zh)
      .filter((z) => z !== "西藏自治区")
      .reverse();
    const W = chinaProvincesWeightsFor(units);
    expect(W.n).toBe(30);
    const full = chinaProvincesWeights();
    const qinghai = W.labels.indexOf("青海省");
    // Qinghai borders Xizang, Sichuan, Gansu, Xinjiang: 3 left without Tibet
    expect(W.offsets[qinghai + 1] - W.offsets[qinghai]).toBe(3);
    const row = transformWeights(W, "row");
    expect(Array.from(row.weights.subarray(row.offsets[qinghai], row.offsets[qinghai + 1]))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(weightsSummary(W).links).toBe(full.neighbours.length - 2 * 4);
  });

  test("a unit that is not a province is named", () => {
    expectCoordErrorExact(
      () => chinaProvincesWeightsFor(["北京", "Taiwan"]),
      "OPTION",
      "weights do not match the data's units one to one: the data's unit 'Taiwan' is not in China's 31 provinces (the china-provinces weights)",
    );
    expectCoordErrorExact(
      () => chinaProvincesWeightsFor(["北京", "Beijing"]),
      "OPTION",
      "weights: the data's units '北京' and 'Beijing' both match 'Beijing' of the weights",
    );
  });
});
