/**
 * `weightsSourceText`: the description of the weights used, as the engine and the resolver write
 * it (`SpatialWeights.source`), in the report's language. The sources are built for real (the
 * resolver on four units with coordinates and a gdp column, the engine's builders, the China
 * presets), so that a change of the engine's English wording that the translation no longer
 * recognises fails here: the zh text must hold no English words beyond the column names and the
 * symbols a Chinese paper keeps, and the en text is the source itself.
 */
import { inverseDistanceWeights, knnWeights, nestedWeights, economicDistanceWeights } from "../../../src/engine/spatial/distance";
import { chinaProvincesWeightsFor } from "../../../src/engine/spatial/presets/chinaProvinces";
import { CHINA_PROVINCES } from "../../../src/engine/spatial/presets/chinaProvincesData";
import { weightsFromMatrix } from "../../../src/engine/spatial/weights";
import type { Cell } from "../../../src/report/csv";
import { translator } from "../../../src/report/i18n";
import { weightsSourceText } from "../../../src/report/sections/spatialInput";
import { resolveSpatialWeights, spatialWeightsRequest } from "../../../src/report/spatialWeights";
import { englishWords, hasChinese } from "../../languageCheck";

const CELLS: Cell[][] = [
  ["id", "year", "x", "y", "gdp", "lon", "lat"],
  ["A", 2011, 0, 0, 1, 116.4, 39.9],
  ["A", 2012, 0, 0, 3, 116.4, 39.9],
  ["B", 2011, 1, 0, 4, 117.2, 39.1],
  ["B", 2012, 1, 0, 6, 117.2, 39.1],
  ["C", 2011, 3, 0, 9, 121.5, 31.2],
  ["C", 2012, 3, 0, 11, 121.5, 31.2],
  ["D", 2011, 0, 2, 2.5, 113.3, 23.1],
  ["D", 2012, 0, 2, 3.5, 113.3, 23.1],
];
const UNITS = ["A", "B", "C", "D"];
const COLUMNS = ["x", "y", "gdp", "lon", "lat"];
const zh = translator("zh");
const en = translator("en");

const resolved = (weights: string, coords = "x,y") =>
  resolveSpatialWeights(spatialWeightsRequest({ weights, coords, cells: CELLS, idColumn: "id" })!, UNITS).source;

const SOURCES: [string, () => string][] = [
  ["knn:1 from x, y", () => resolved("knn:1")],
  ["knn:2 from lon, lat (great-circle)", () => resolved("knn:2", "lon,lat")],
  ["band:2.5", () => resolved("band:2.5")],
  ["idw:1 (all pairs)", () => resolved("idw:1")],
  ["idw:2:2.5 (within a cutoff)", () => resolved("idw:2:2.5")],
  ["idw with k (engine)", () => inverseDistanceWeights(UNITS, { x: [0, 1, 3, 0], y: [0, 0, 0, 2] }, { metric: "euclidean", k: 2 }).source],
  ["economic:gdp", () => resolved("economic:gdp", "")],
  ["nested:band:2.5,economic:gdp", () => resolved("nested:band:2.5,economic:gdp")],
  [
    "nested mix (engine)",
    () => {
      const g = knnWeights(UNITS, { x: [0, 1, 3, 0], y: [0, 0, 0, 2] }, { metric: "euclidean", k: 2 });
      return nestedWeights(g, economicDistanceWeights(UNITS, [2, 5, 10, 3]), { form: "mix", phi: 0.25 }).source;
    },
  ],
  ["china-provinces", () => chinaProvincesWeightsFor(CHINA_PROVINCES.map((p) => p.name)).source],
  [
    "china-provinces-island",
    () =>
      chinaProvincesWeightsFor(
        CHINA_PROVINCES.map((p) => p.zhShort),
        { hainan: "island" },
      ).source,
  ],
  [
    "a matrix",
    () =>
      weightsFromMatrix(
        [
          [0, 1, 0, 0],
          [1, 0, 1, 0],
          [0, 1, 0, 1],
          [0, 0, 1, 0],
        ],
        UNITS,
      ).source,
  ],
];

describe("weightsSourceText: every kind of weights source in the report's language", () => {
  test.each(SOURCES)("%s", (_name, build) => {
    const source = build();
    expect(source.length).toBeGreaterThan(0);
    expect(weightsSourceText(source, en)).toBe(source);
    const text = weightsSourceText(source, zh);
    expect(englishWords(text, COLUMNS)).toEqual([]);
    expect(hasChinese(text)).toBe(true);
  });

  test("the numbers and the column names of the source survive the translation", () => {
    expect(weightsSourceText(resolved("knn:1"), zh)).toMatch(/knn:1.*x、y/);
    expect(weightsSourceText(resolved("idw:2:2.5"), zh)).toContain("2.5");
    expect(weightsSourceText(resolved("economic:gdp", ""), zh)).toContain("gdp");
    // the nested form's geographic part carries its own columns (this once split at ", from columns")
    expect(weightsSourceText(resolved("nested:band:2.5,economic:gdp"), zh)).toMatch(/^嵌套权重（.*x、y.* × .*gdp.*）$/);
  });

  test("a file's name stays as it is", () => {
    expect(weightsSourceText("W-queen.gal", zh)).toBe("W-queen.gal");
  });
});
