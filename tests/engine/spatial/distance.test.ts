/**
 * Weights from coordinates (M11) on the preset's province centroids: k nearest neighbours,
 * distance band and inverse distance against distances computed here by the spherical law of
 * cosines (an independent formula), nearest neighbours named by hand for a few provinces,
 * symmetry where it must hold; the k-d tree against brute force on random points; economic
 * distance and the nested matrix; messages.
 */
import fc from "fast-check";
import { CHINA_PROVINCES } from "../../../src/engine/spatial/presets/chinaProvincesData";
import {
  distanceBandWeights,
  economicDistanceWeights,
  greatCircleKm,
  inverseDistanceWeights,
  knnWeights,
  nestedWeights,
} from "../../../src/engine/spatial/distance";
import { KdTree } from "../../../src/engine/spatial/kdtree";
import { toDenseWeights, weightOf, weightsSummary } from "../../../src/engine/spatial/weights";
import { expectCoordErrorExact } from "../../helpers";

const names = CHINA_PROVINCES.map((p) => p.name);
const lonlat = { x: CHINA_PROVINCES.map((p) => p.lon), y: CHINA_PROVINCES.map((p) => p.lat) };
const at = (name: string) => names.indexOf(name);

/** Spherical law of cosines, R = 6371 km (fine at these distances, and not haversine). */
function cosineKm(i: number, j: number): number {
  const r = Math.PI / 180;
  const [l1, p1, l2, p2] = [lonlat.x[i] * r, lonlat.y[i] * r, lonlat.x[j] * r, lonlat.y[j] * r];
  return 6371 * Math.acos(Math.min(1, Math.sin(p1) * Math.sin(p2) + Math.cos(p1) * Math.cos(p2) * Math.cos(l2 - l1)));
}

const neighboursOf = (W: ReturnType<typeof knnWeights>, name: string) => {
  const i = at(name);
  return Array.from(W.neighbours.subarray(W.offsets[i], W.offsets[i + 1])).map((j) => names[j]);
};

describe("great-circle distances", () => {
  test("haversine agrees with the law of cosines on every pair of centroids (1e-6 km)", () => {
    let worst = 0;
    for (let i = 0; i < 31; i++)
      for (let j = 0; j < 31; j++)
        if (i !== j) worst = Math.max(worst, Math.abs(greatCircleKm(lonlat.x[i], lonlat.y[i], lonlat.x[j], lonlat.y[j]) - cosineKm(i, j)));
    expect(worst).toBeLessThan(1e-6);
    expect(cosineKm(at("Beijing"), at("Hebei"))).toBeCloseTo(76.9, 1);
  });
});

describe("k nearest neighbours", () => {
  const W = knnWeights(names, lonlat, { k: 3 });
  test("named by hand for a few provinces (nearest first in the map, ascending index in the row)", () => {
    expect(neighboursOf(W, "Beijing").sort()).toEqual(["Hebei", "Shandong", "Tianjin"]);
    expect(neighboursOf(W, "Hainan").sort()).toEqual(["Guangdong", "Guangxi", "Guizhou"]);
    expect(neighboursOf(W, "Shanghai").sort()).toEqual(["Anhui", "Jiangsu", "Zhejiang"]);
    expect(neighboursOf(W, "Xinjiang").sort()).toEqual(["Gansu", "Qinghai", "Xizang"]);
  });
  test("every unit has exactly k neighbours, binary, and they are the k smallest distances (brute force)", () => {
    for (let i = 0; i < 31; i++) {
      const nb = neighboursOf(W, names[i]).map(at);
      expect(nb).toHaveLength(3);
      const sorted = names
        .map((_, j) => j)
        .filter((j) => j !== i)
        .sort((a, b) => cosineKm(i, a) - cosineKm(i, b));
      expect(nb.sort((a, b) => a - b)).toEqual(sorted.slice(0, 3).sort((a, b) => a - b));
    }
    expect(Array.from(new Set(W.weights))).toEqual([1]);
    expect(W.source).toBe("knn:3 (great-circle km)");
  });
  test("kNN is asymmetric (Hainan's neighbour Guizhou does not have Hainan among its 3)", () => {
    expect(weightsSummary(W).asymmetric).toBe(true);
    expect(weightOf(W, at("Hainan"), at("Guizhou"))).toBe(1);
    expect(weightOf(W, at("Guizhou"), at("Hainan"))).toBe(0);
  });
  test("bad k and bad coordinates", () => {
    expectCoordErrorExact(() => knnWeights(names, lonlat, { k: 31 }), "OPTION", "k must be a whole number from 1 to 30 (the number of other units); got 31");
    expectCoordErrorExact(
      () => knnWeights(["a", "b"], { x: [500000, 1], y: [4000000, 2] }, { k: 1 }),
      "OPTION",
      "coordinates: unit 'a' has longitude 500000, latitude 4000000, not degrees (longitude −180..360, latitude −90..90); for projected x/y use the Euclidean metric",
    );
    expectCoordErrorExact(
      () => knnWeights(["a", "b"], { x: [1, NaN], y: [2, 2] }, { k: 1 }),
      "NOT_NUMERIC",
      "coordinates: unit 'b' has no finite coordinates (NaN, 2)",
    );
  });
});

describe("distance band and inverse distance", () => {
  test("band 500 km: exactly the pairs within 500 km, symmetric, binary", () => {
    const W = distanceBandWeights(names, lonlat, { threshold: 500 });
    const d = toDenseWeights(W);
    for (let i = 0; i < 31; i++) for (let j = 0; j < 31; j++) if (i !== j) expect(d[i][j]).toBe(cosineKm(i, j) <= 500 ? 1 : 0);
    expect(weightsSummary(W).asymmetric).toBe(false);
    expect(neighboursOf(W, "Beijing")).toEqual(["Tianjin", "Hebei", "Shandong", "Shanxi"]);
    expect(neighboursOf(W, "Xinjiang")).toEqual([]);
  });
  test("inverse distance 1/d and 1/d² over all pairs, by hand for Beijing; symmetric", () => {
    for (const power of [1, 2]) {
      const W = inverseDistanceWeights(names, lonlat, { power });
      expect(weightsSummary(W).asymmetric).toBe(false);
      expect(W.neighbours.length).toBe(31 * 30);
      for (const other of ["Tianjin", "Hebei", "Xinjiang"]) {
        const w = weightOf(W, at("Beijing"), at(other));
        expect(Math.abs(w - 1 / cosineKm(at("Beijing"), at(other)) ** power) / w).toBeLessThan(1e-9);
      }
    }
    const within = inverseDistanceWeights(names, lonlat, { power: 1, threshold: 130 });
    expect(neighboursOf(within, "Beijing")).toEqual(["Tianjin", "Hebei"]);
    expect(weightOf(within, at("Beijing"), at("Hebei"))).toBeCloseTo(1 / cosineKm(at("Beijing"), at("Hebei")), 12);
    const knn = inverseDistanceWeights(names, lonlat, { k: 2 });
    expect(neighboursOf(knn, "Beijing")).toEqual(["Tianjin", "Hebei"]);
  });
  test("projected x/y: Euclidean", () => {
    const W = inverseDistanceWeights(["a", "b", "c"], { x: [0, 3, 0], y: [0, 4, 1] }, { metric: "euclidean", power: 2 });
    const expected = [
      [0, 1 / 25, 1],
      [1 / 25, 0, 1 / 18],
      [1, 1 / 18, 0],
    ];
    toDenseWeights(W).forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 15)));
  });
  test("two units at one point: inverse distance is refused naming them", () => {
    expectCoordErrorExact(
      () => inverseDistanceWeights(["a", "b", "c"], { x: [1, 1, 2], y: [1, 1, 2] }, { metric: "euclidean" }),
      "UNDEFINED",
      "coordinates: units 'a' and 'b' have the same coordinates (distance 0); inverse distance is undefined",
    );
  });
});

describe("k-d tree against brute force", () => {
  test("k nearest and fixed radius on random points, 2-D and 3-D, with ties", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 6, maxLength: 90 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 20 }),
        (dims, raw, k, r2) => {
          const n = Math.floor(raw.length / dims);
          if (n < k + 1) return;
          const c = Float64Array.from(raw.slice(0, n * dims));
          const tree = new KdTree(c, dims);
          const d2 = (i: number, j: number) => {
            let s = 0;
            for (let a = 0; a < dims; a++) s += (c[i * dims + a] - c[j * dims + a]) ** 2;
            return s;
          };
          for (let i = 0; i < n; i++) {
            const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
            const brute = [...others].sort((a, b) => d2(i, a) - d2(i, b) || a - b).slice(0, k);
            expect(Array.from(tree.nearest(i, k).index)).toEqual(brute);
            expect(tree.within(i, r2)).toEqual(others.filter((j) => d2(i, j) <= r2));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("economic distance and the nested matrix", () => {
  test("1/|x̄_i − x̄_j| for every pair; equal means refused", () => {
    const E = economicDistanceWeights(["a", "b", "c"], [10, 12, 15]);
    expect(toDenseWeights(E)).toEqual([
      [0, 1 / 2, 1 / 5],
      [1 / 2, 0, 1 / 3],
      [1 / 5, 1 / 3, 0],
    ]);
    expectCoordErrorExact(
      () => economicDistanceWeights(["a", "b", "c"], [10, 12, 10]),
      "UNDEFINED",
      "economic variable: units 'a' and 'c' have the same value (10); 1/|difference| is undefined",
    );
  });
  test("product and mix forms", () => {
    const G = inverseDistanceWeights(["a", "b", "c"], { x: [0, 1, 3], y: [0, 0, 0] }, { metric: "euclidean" });
    const E = economicDistanceWeights(["a", "b", "c"], [10, 12, 15]);
    const P = toDenseWeights(nestedWeights(G, E));
    const g = toDenseWeights(G);
    const e = toDenseWeights(E);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(P[i][j]).toBeCloseTo(g[i][j] * e[i][j], 15);
    const X = toDenseWeights(nestedWeights(G, E, { form: "mix", phi: 0.25 }));
    const rs = (m: number[][], i: number) => m[i].reduce((s, v) => s + v, 0);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(X[i][j]).toBeCloseTo(0.25 * (g[i][j] / rs(g, i)) + 0.75 * (e[i][j] / rs(e, i)), 15);
  });
});
