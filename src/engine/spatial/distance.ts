/**
 * Weights from point coordinates and from economic distance (M11): k nearest neighbours, a
 * distance band, inverse distance w = 1/d^a, economic distance w = 1/|x̄_i − x̄_j| and the
 * nested (geographic x economic) matrix. Longitude/latitude use the great-circle distance
 * (haversine, R = 6371 km, distances in km); projected x/y the Euclidean distance in their unit.
 * Neighbour searches use a k-d tree (on the unit sphere for lon/lat, where chord order = arc
 * order), never all pairs, except for the all-pairs matrices, which are refused beyond 2,000 units.
 */
import { CoordError } from "../errors";
import { KdTree } from "./kdtree";
import { SpatialWeights, weightsFromLinks } from "./weights";

/** "greatCircle": lon/lat in degrees, distances in km; "euclidean": projected x/y. */
export type DistanceMetric = "greatCircle" | "euclidean";
export const DISTANCE_METRICS: readonly DistanceMetric[] = ["greatCircle", "euclidean"];
export const EARTH_RADIUS_KM = 6371;
/** Largest n for matrices with every pair linked (inverse distance without a cutoff, economic distance). */
export const MAX_DENSE_UNITS = 2000;

export interface Coordinates {
  /** Longitude (greatCircle) or x. */
  x: ArrayLike<number>;
  /** Latitude (greatCircle) or y. */
  y: ArrayLike<number>;
}

export interface CoordinateOptions {
  /** Default "greatCircle" (lon/lat). */
  metric?: DistanceMetric;
  argument?: string;
}

/**
 * Great-circle distance in km between two lon/lat points (haversine, R = 6371 km).
 *
 * @example
 * Math.round(greatCircleKm(116.4049, 40.172067, 117.316273, 39.298579)); // => 125
 */
export function greatCircleKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

interface Points {
  n: number;
  metric: DistanceMetric;
  x: Float64Array;
  y: Float64Array;
  tree: () => KdTree;
  /** The distance between units i and j in the metric's unit. */
  distance: (i: number, j: number) => number;
  /** The tree's squared distance for a metric distance d (chord for great circle). */
  treeRadius2: (d: number) => number;
}

function points(labels: readonly string[], coords: Coordinates, options: CoordinateOptions): Points {
  const argument = options.argument ?? "coordinates";
  const metric = options.metric ?? "greatCircle";
  if (!(DISTANCE_METRICS as readonly string[]).includes(metric))
    throw new CoordError("OPTION", `metric must be one of ${DISTANCE_METRICS.join(", ")}; got '${String(metric)}'`, { argument: "metric" });
  const n = labels.length;
  if (coords.x.length !== n || coords.y.length !== n)
    throw new CoordError("LENGTH", `${argument}: ${coords.x.length} x and ${coords.y.length} y values for ${n} units; give one point per unit`, { argument });
  if (n < 2) throw new CoordError("TOO_FEW", `${argument}: at least 2 units are needed`, { argument });
  const x = Float64Array.from(coords.x);
  const y = Float64Array.from(coords.y);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]))
      throw new CoordError("NOT_NUMERIC", `${argument}: unit '${labels[i]}' has no finite coordinates (${coords.x[i]}, ${coords.y[i]})`, { argument, row: i });
    if (metric === "greatCircle" && (Math.abs(y[i]) > 90 || x[i] < -180 || x[i] > 360))
      throw new CoordError(
        "OPTION",
        `${argument}: unit '${labels[i]}' has longitude ${x[i]}, latitude ${y[i]}, not degrees (longitude −180..360, latitude −90..90); for projected x/y use the Euclidean metric`,
        { argument, row: i },
      );
  }
  let cached: KdTree | null = null;
  if (metric === "euclidean") {
    return {
      n,
      metric,
      x,
      y,
      tree: () => {
        if (!cached) {
          const c = new Float64Array(2 * n);
          for (let i = 0; i < n; i++) {
            c[2 * i] = x[i];
            c[2 * i + 1] = y[i];
          }
          cached = new KdTree(c, 2);
        }
        return cached;
      },
      distance: (i, j) => Math.hypot(x[i] - x[j], y[i] - y[j]),
      treeRadius2: (d) => d * d,
    };
  }
  return {
    n,
    metric,
    x,
    y,
    tree: () => {
      if (!cached) {
        const r = Math.PI / 180;
        const c = new Float64Array(3 * n);
        for (let i = 0; i < n; i++) {
          const lat = y[i] * r;
          const lon = x[i] * r;
          c[3 * i] = Math.cos(lat) * Math.cos(lon);
          c[3 * i + 1] = Math.cos(lat) * Math.sin(lon);
          c[3 * i + 2] = Math.sin(lat);
        }
        cached = new KdTree(c, 3);
      }
      return cached;
    },
    distance: (i, j) => greatCircleKm(x[i], y[i], x[j], y[j]),
    // chord on the unit sphere of an arc of d km, with a little slack (filtered exactly afterwards)
    treeRadius2: (d) => (d >= Math.PI * EARTH_RADIUS_KM ? 4.0001 : (2 * Math.sin(d / (2 * EARTH_RADIUS_KM))) ** 2 * (1 + 1e-9) + 1e-15),
  };
}

/** Append the link i -> j with value v to parallel arrays. */
function link(from: number[], to: number[], value: number[], i: number, j: number, v: number): void {
  from.push(i);
  to.push(j);
  value.push(v);
}

function describeMetric(metric: DistanceMetric): string {
  return metric === "greatCircle" ? "great-circle km" : "Euclidean";
}

function sameLocation(labels: readonly string[], i: number, j: number, argument: string): CoordError {
  return new CoordError(
    "UNDEFINED",
    `${argument}: units '${labels[i]}' and '${labels[j]}' have the same coordinates (distance 0); inverse distance is undefined`,
    {
      argument,
      row: Math.max(i, j),
    },
  );
}

/**
 * k nearest neighbours of each unit, binary weights (asymmetric in general). Ties at the k-th
 * distance go to the lower row index.
 *
 * @example
 * const W = knnWeights(["a", "b", "c", "d"], { x: [0, 1, 3, 7], y: [0, 0, 0, 0] }, { k: 1, metric: "euclidean" });
 * Array.from(W.neighbours); // => [1, 0, 1, 2]
 */
export function knnWeights(labels: readonly string[], coords: Coordinates, options: CoordinateOptions & { k: number }): SpatialWeights {
  const P = points(labels, coords, options);
  const k = options.k;
  if (!(Number.isInteger(k) && k >= 1 && k < P.n))
    throw new CoordError("OPTION", `k must be a whole number from 1 to ${P.n - 1} (the number of other units); got ${String(k)}`, { argument: "k" });
  const tree = P.tree();
  const from = new Int32Array(P.n * k);
  const to = new Int32Array(P.n * k);
  for (let i = 0; i < P.n; i++) {
    const { index } = tree.nearest(i, k);
    for (let q = 0; q < k; q++) {
      from[i * k + q] = i;
      to[i * k + q] = index[q];
    }
  }
  return weightsFromLinks(labels, from, to, new Float64Array(P.n * k).fill(1), { source: `knn:${k} (${describeMetric(P.metric)})` });
}

/** Pairs within distance d (exact, i ≠ j), as row lists with their distances. */
function band(P: Points, d: number): { from: number[]; to: number[]; dist: number[] } {
  const tree = P.tree();
  const r2 = P.treeRadius2(d);
  const from: number[] = [];
  const to: number[] = [];
  const dist: number[] = [];
  for (let i = 0; i < P.n; i++)
    for (const j of tree.within(i, r2)) {
      const dij = P.distance(i, j);
      if (dij <= d) link(from, to, dist, i, j, dij);
    }
  return { from, to, dist };
}

function positive(v: number | undefined, name: string): number {
  if (!(typeof v === "number" && Number.isFinite(v) && v > 0))
    throw new CoordError("OPTION", `${name} must be a positive number; got ${String(v)}`, { argument: name });
  return v;
}

/**
 * Distance band: w_ij = 1 when 0 < d_ij ≤ threshold (km for lon/lat), symmetric.
 *
 * @example
 * const W = distanceBandWeights(["a", "b", "c"], { x: [0, 1, 3], y: [0, 0, 0] }, { threshold: 2, metric: "euclidean" });
 * Array.from(W.offsets); // => [0, 1, 3, 4]
 */
export function distanceBandWeights(labels: readonly string[], coords: Coordinates, options: CoordinateOptions & { threshold: number }): SpatialWeights {
  const P = points(labels, coords, options);
  const d = positive(options.threshold, "threshold");
  const b = band(P, d);
  return weightsFromLinks(
    labels,
    b.from,
    b.to,
    b.from.map(() => 1),
    { source: `band:${d} (${describeMetric(P.metric)})` },
  );
}

/**
 * Inverse distance w_ij = 1/d_ij^power (power 1 or 2, or any positive number), over all pairs
 * (n ≤ 2,000), within a distance band (`threshold`), or among the k nearest (`k`).
 *
 * @example
 * const W = inverseDistanceWeights(["a", "b", "c"], { x: [0, 1, 3], y: [0, 0, 0] }, { power: 1, metric: "euclidean" });
 * Array.from(W.weights); // => [1, 0.3333, 1, 0.5, 0.3333, 0.5]
 */
export function inverseDistanceWeights(
  labels: readonly string[],
  coords: Coordinates,
  options: CoordinateOptions & { power?: number; threshold?: number; k?: number },
): SpatialWeights {
  const argument = options.argument ?? "coordinates";
  const P = points(labels, coords, options);
  const a = positive(options.power ?? 1, "power");
  let from: number[] = [];
  let to: number[] = [];
  let dist: number[] = [];
  let how: string;
  if (options.threshold !== undefined) {
    const t = positive(options.threshold, "threshold");
    ({ from, to, dist } = band(P, t));
    how = `within ${t}`;
  } else if (options.k !== undefined) {
    const K = knnWeights(labels, coords, { ...options, k: options.k });
    for (let i = 0; i < P.n; i++)
      for (let p = K.offsets[i]; p < K.offsets[i + 1]; p++) link(from, to, dist, i, K.neighbours[p], P.distance(i, K.neighbours[p]));
    how = `k = ${options.k}`;
  } else {
    if (P.n > MAX_DENSE_UNITS)
      throw new CoordError(
        "OPTION",
        `inverse distance over all pairs of ${P.n} units would be a dense ${P.n} x ${P.n} matrix; give a distance threshold or k (at most ${MAX_DENSE_UNITS} units for all pairs)`,
        {
          argument: "threshold",
        },
      );
    for (let i = 0; i < P.n; i++) for (let j = 0; j < P.n; j++) if (i !== j) link(from, to, dist, i, j, P.distance(i, j));
    how = "all pairs";
  }
  const w = dist.map((d, e) => {
    if (d === 0) throw sameLocation(labels, from[e], to[e], argument);
    return 1 / d ** a;
  });
  return weightsFromLinks(labels, from, to, w, { source: `idw:${a} (${describeMetric(P.metric)}, ${how})` });
}

/**
 * Economic distance w_ij = 1/|x̄_i − x̄_j| (M11) from one value per unit (e.g. the mean GDP per
 * capita over the periods), all pairs (n ≤ 2,000). Equal means are an error naming the units.
 *
 * @example
 * const W = economicDistanceWeights(["a", "b", "c"], [1, 2, 4]);
 * Array.from(W.weights); // => [1, 0.3333, 1, 0.5, 0.3333, 0.5]
 */
export function economicDistanceWeights(labels: readonly string[], means: ArrayLike<number>, options: { argument?: string } = {}): SpatialWeights {
  const argument = options.argument ?? "economic variable";
  const n = labels.length;
  if (means.length !== n) throw new CoordError("LENGTH", `${argument}: ${means.length} values for ${n} units`, { argument });
  if (n > MAX_DENSE_UNITS) throw new CoordError("OPTION", `economic distance links every pair: at most ${MAX_DENSE_UNITS} units (got ${n})`, { argument });
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(means[i]))
      throw new CoordError("NOT_NUMERIC", `${argument}: unit '${labels[i]}' has no finite value (${means[i]})`, { argument, row: i });
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const d = Math.abs(means[i] - means[j]);
      if (d === 0)
        throw new CoordError(
          "UNDEFINED",
          `${argument}: units '${labels[i]}' and '${labels[j]}' have the same value (${means[i]}); 1/|difference| is undefined`,
          { argument, row: j },
        );
      link(from, to, w, i, j, 1 / d);
    }
  return weightsFromLinks(labels, from, to, w, { source: "economic distance" });
}

/**
 * The nested (geographic x economic) matrix (M11): "product" (default) w_ij = g_ij·e_ij, or
 * "mix" w = φ·g + (1 − φ)·e with both row-standardised first (φ default 0.5). Same units.
 *
 * @example
 * const g = inverseDistanceWeights(["a", "b", "c"], { x: [0, 1, 3], y: [0, 0, 0] }, { metric: "euclidean" });
 * const e = economicDistanceWeights(["a", "b", "c"], [1, 2, 4]);
 * Array.from(nestedWeights(g, e).weights); // => [1, 0.1111, 1, 0.25, 0.1111, 0.25]
 */
export function nestedWeights(geo: SpatialWeights, econ: SpatialWeights, options: { form?: "product" | "mix"; phi?: number } = {}): SpatialWeights {
  const form = options.form ?? "product";
  if (form !== "product" && form !== "mix") throw new CoordError("OPTION", `form must be 'product' or 'mix'; got '${String(form)}'`, { argument: "form" });
  if (geo.n !== econ.n || geo.labels.some((l, i) => l !== econ.labels[i]))
    throw new CoordError("OPTION", "nested weights: the geographic and economic weights must have the same units in the same order", { argument: "weights" });
  const phi = options.phi ?? 0.5;
  if (!(phi >= 0 && phi <= 1)) throw new CoordError("OPTION", `phi must be between 0 and 1; got ${String(phi)}`, { argument: "phi" });
  const rowSums = (W: SpatialWeights) => {
    const s = new Float64Array(W.n);
    for (let i = 0; i < W.n; i++) for (let p = W.offsets[i]; p < W.offsets[i + 1]; p++) s[i] += W.weights[p];
    return s;
  };
  const sg = rowSums(geo);
  const se = rowSums(econ);
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < geo.n; i++) {
    const row = new Map<number, [number, number]>();
    for (let p = geo.offsets[i]; p < geo.offsets[i + 1]; p++) row.set(geo.neighbours[p], [geo.weights[p], 0]);
    for (let p = econ.offsets[i]; p < econ.offsets[i + 1]; p++) {
      const j = econ.neighbours[p];
      row.set(j, [row.get(j)?.[0] ?? 0, econ.weights[p]]);
    }
    for (const [j, [g, e]] of row) {
      const v = form === "product" ? g * e : phi * (sg[i] > 0 ? g / sg[i] : 0) + (1 - phi) * (se[i] > 0 ? e / se[i] : 0);
      if (v > 0) link(from, to, w, i, j, v);
    }
  }
  return weightsFromLinks(geo.labels, from, to, w, {
    source: form === "product" ? `nested (${geo.source} x ${econ.source})` : `nested (${phi}·${geo.source} + ${1 - phi}·${econ.source})`,
  });
}
