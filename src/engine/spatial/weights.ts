/**
 * Spatial weights (METHODS.md M11) as a sparse row structure: for unit i, its neighbours
 * `neighbours[offsets[i] .. offsets[i + 1])` (ascending) and their weights. Memory is linear in
 * the number of links; nothing here allocates an n x n array.
 *
 * Builders check what M11 requires and name the unit or cell: a square matrix, a zero diagonal,
 * no negative or non-finite weight, no duplicate link. Isolates (units without neighbours) are
 * allowed in the structure; the statistics refuse them unless the zero policy is set.
 */
import { CoordError } from "../errors";

/** How the weights were scaled: rows summing to 1, 0/1, or as given (M11). */
export type WeightsTransform = "row" | "binary" | "none";
export const WEIGHTS_TRANSFORMS: readonly WeightsTransform[] = ["row", "binary", "none"];

export interface SpatialWeights {
  /** Number of units. */
  readonly n: number;
  /** Unit labels, in row order. */
  readonly labels: readonly string[];
  /** Row i's links are offsets[i] .. offsets[i + 1] - 1 (length n + 1). */
  readonly offsets: Int32Array;
  /** Column (neighbour) index of each link, ascending within a row. */
  readonly neighbours: Int32Array;
  /** Weight of each link (> 0). */
  readonly weights: Float64Array;
  /** The transform these weights carry ("none": as built). */
  readonly transform: WeightsTransform;
  /** Where they came from, e.g. "china-provinces (queen, Hainan linked to Guangdong)". */
  readonly source: string;
}

export interface WeightsSummary {
  source: string;
  transform: WeightsTransform;
  n: number;
  /** Number of directed links (non-zero w_ij). */
  links: number;
  /** S0 = Σ_i Σ_j w_ij. */
  S0: number;
  /** S1 = ½ Σ_i Σ_j (w_ij + w_ji)². */
  S1: number;
  /** S2 = Σ_i (w_i. + w_.i)². */
  S2: number;
  /** Mean number of neighbours per unit (links / n). */
  meanNeighbours: number;
  /** Labels of the units with no neighbour. */
  isolates: string[];
  /** True when some w_ij ≠ w_ji (kNN weights are asymmetric; reported, not refused). */
  asymmetric: boolean;
}

export interface BuildOptions {
  /** Argument name in messages (default "weights"). */
  argument?: string;
  /** Describes the weights in every result (default "matrix" / "edge list"). */
  source?: string;
}

/**
 * Weights from links given as parallel arrays (row index, column index, weight), in any order.
 * Zero weights are dropped; a self-link, a negative or non-finite weight or a repeated link is
 * an error naming the units.
 *
 * @example
 * const W = weightsFromLinks(["a", "b", "c"], [0, 1, 1, 2], [1, 0, 2, 1], [1, 1, 1, 1]);
 * Array.from(W.neighbours); // => [1, 0, 2, 1]
 * Array.from(W.offsets); // => [0, 1, 3, 4]
 */
export function weightsFromLinks(
  labels: readonly string[],
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  weight: ArrayLike<number>,
  options: BuildOptions = {},
): SpatialWeights {
  const argument = options.argument ?? "weights";
  const n = labels.length;
  checkLabels(labels, argument);
  const m = from.length;
  if (to.length !== m || weight.length !== m) throw new CoordError("LENGTH", `${argument}: link arrays differ in length`, { argument });
  const counts = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const i = from[e];
    const j = to[e];
    const w = weight[e];
    if (!(Number.isInteger(i) && i >= 0 && i < n && Number.isInteger(j) && j >= 0 && j < n))
      throw new CoordError("OPTION", `${argument}: link ${e + 1} refers to a unit outside 1..${n}`, { argument, row: e });
    if (!Number.isFinite(w))
      throw new CoordError("NOT_NUMERIC", `${argument}: the weight of '${labels[i]}' -> '${labels[j]}' is not a finite number (${w})`, { argument, row: e });
    if (w < 0)
      throw new CoordError("NEGATIVE", `${argument}: the weight of '${labels[i]}' -> '${labels[j]}' is negative (${w}); weights must be ≥ 0`, {
        argument,
        row: e,
      });
    if (w === 0) continue;
    if (i === j)
      throw new CoordError("OPTION", `${argument}: unit '${labels[i]}' is linked to itself (weight ${w}); the diagonal must be 0`, { argument, row: e });
    counts[i + 1]++;
  }
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const offsets = Int32Array.from(counts);
  const fill = Int32Array.from(counts.subarray(0, n));
  const neighbours = new Int32Array(offsets[n]);
  const weights = new Float64Array(offsets[n]);
  for (let e = 0; e < m; e++) {
    if (weight[e] === 0) continue;
    const p = fill[from[e]]++;
    neighbours[p] = to[e];
    weights[p] = weight[e];
  }
  sortRows(offsets, neighbours, weights, (i, j) => {
    throw new CoordError("OPTION", `${argument}: the link '${labels[i]}' -> '${labels[j]}' is given twice`, { argument });
  });
  return { n, labels: labels.slice(), offsets, neighbours, weights, transform: "none", source: options.source ?? "links" };
}

/** Sort each row's links by neighbour index; `duplicate(i, j)` is called on a repeated link. */
function sortRows(offsets: Int32Array, neighbours: Int32Array, weights: Float64Array, duplicate: (i: number, j: number) => void): void {
  const n = offsets.length - 1;
  for (let i = 0; i < n; i++) {
    const a = offsets[i];
    const b = offsets[i + 1];
    let sorted = true;
    for (let p = a + 1; p < b; p++) if (neighbours[p] <= neighbours[p - 1]) sorted = false;
    if (!sorted) {
      const idx = Array.from({ length: b - a }, (_, k) => a + k).sort((p, q) => neighbours[p] - neighbours[q]);
      const nb = idx.map((p) => neighbours[p]);
      const w = idx.map((p) => weights[p]);
      for (let k = 0; k < nb.length; k++) {
        neighbours[a + k] = nb[k];
        weights[a + k] = w[k];
      }
    }
    for (let p = a + 1; p < b; p++) if (neighbours[p] === neighbours[p - 1]) duplicate(i, neighbours[p]);
  }
}

function checkLabels(labels: readonly string[], argument: string): void {
  if (labels.length === 0) throw new CoordError("EMPTY", `${argument} has no units`, { argument });
  const seen = new Map<string, number>();
  labels.forEach((l, i) => {
    if (typeof l !== "string" || l.trim() === "") throw new CoordError("MISSING", `${argument}: unit ${i + 1} has no label`, { argument, row: i });
    const prev = seen.get(l);
    if (prev !== undefined) throw new CoordError("OPTION", `${argument}: unit '${l}' appears twice (units ${prev + 1} and ${i + 1})`, { argument, row: i });
    seen.set(l, i);
  });
}

/**
 * Weights from a dense n x n matrix (rows = units, columns = the same units in the same order).
 * Messages name the cell by row and column (1-based) and the units.
 *
 * @example
 * const W = weightsFromMatrix([[0, 1, 0], [1, 0, 1], [0, 1, 0]], ["a", "b", "c"]);
 * Array.from(W.neighbours); // => [1, 0, 2, 1]
 */
export function weightsFromMatrix(matrix: ArrayLike<ArrayLike<number>>, labels: readonly string[], options: BuildOptions = {}): SpatialWeights {
  const argument = options.argument ?? "weights";
  const n = matrix.length;
  if (n === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  if (labels.length !== n) throw new CoordError("LENGTH", `${argument} has ${n} rows but ${labels.length} unit labels`, { argument });
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = matrix[i];
    if (row.length !== n)
      throw new CoordError("LENGTH", `${argument} is not square: row ${i + 1} ('${labels[i]}') has ${row.length} columns, the matrix has ${n} rows`, {
        argument,
        row: i,
      });
    for (let j = 0; j < n; j++) {
      const v = row[j];
      const at = `${argument} row ${i + 1} ('${labels[i]}'), column ${j + 1} ('${labels[j]}')`;
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new CoordError("NOT_NUMERIC", `${at}: ${String(v)} is not a finite number`, { argument, row: i, column: j });
      if (v < 0) throw new CoordError("NEGATIVE", `${at}: the weight ${v} is negative; weights must be ≥ 0`, { argument, row: i, column: j });
      if (i === j && v !== 0)
        throw new CoordError("OPTION", `${at}: the diagonal must be 0 (a unit is not its own neighbour), got ${v}`, { argument, row: i, column: j });
      if (v !== 0) {
        from.push(i);
        to.push(j);
        w.push(v);
      }
    }
  }
  return weightsFromLinks(labels, from, to, w, { argument, source: options.source ?? "matrix" });
}

export interface Edge {
  from: string;
  to: string;
  /** Default 1. */
  weight?: number;
}

export interface EdgeOptions extends BuildOptions {
  /** Unit order (default: the order of first appearance in the edges). Units without edges are isolates. */
  labels?: readonly string[];
  /** Add the reverse of every edge (an undirected list such as a contiguity table). Default false. */
  symmetric?: boolean;
}

/**
 * Weights from an edge list (from, to, weight). With `symmetric`, each edge also gives the
 * reverse link (one row per unordered pair, as china-provinces-contiguity.csv).
 *
 * @example
 * const W = weightsFromEdges([{ from: "a", to: "b" }, { from: "b", to: "c" }], { symmetric: true });
 * W.labels; // => ["a", "b", "c"]
 * Array.from(W.offsets); // => [0, 1, 3, 4]
 */
export function weightsFromEdges(edges: readonly Edge[], options: EdgeOptions = {}): SpatialWeights {
  const argument = options.argument ?? "weights";
  const labels: string[] = options.labels ? options.labels.slice() : [];
  const index = new Map<string, number>(labels.map((l, i) => [l, i]));
  const unit = (name: string, e: number): number => {
    let i = index.get(name);
    if (i === undefined) {
      if (options.labels) throw new CoordError("OPTION", `${argument} edge ${e + 1}: unit '${name}' is not one of the units`, { argument, row: e });
      i = labels.length;
      labels.push(name);
      index.set(name, i);
    }
    return i;
  };
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  edges.forEach((edge, e) => {
    const i = unit(edge.from, e);
    const j = unit(edge.to, e);
    const v = edge.weight ?? 1;
    from.push(i);
    to.push(j);
    w.push(v);
    if (options.symmetric && i !== j) {
      from.push(j);
      to.push(i);
      w.push(v);
    }
  });
  if (labels.length === 0) throw new CoordError("EMPTY", `${argument} has no edges`, { argument });
  return weightsFromLinks(labels, from, to, w, { argument, source: options.source ?? "edge list" });
}

/**
 * The weights under a transform (M11): "row" divides each row by its sum (rows sum to 1;
 * isolate rows stay empty), "binary" sets every link to 1, "none" keeps them.
 *
 * @example
 * const W = weightsFromMatrix([[0, 1, 1], [1, 0, 0], [1, 0, 0]], ["a", "b", "c"]);
 * Array.from(transformWeights(W, "row").weights); // => [0.5, 0.5, 1, 1]
 */
export function transformWeights(W: SpatialWeights, transform: WeightsTransform): SpatialWeights {
  if (!(WEIGHTS_TRANSFORMS as readonly string[]).includes(transform))
    throw new CoordError("OPTION", `transform must be one of ${WEIGHTS_TRANSFORMS.join(", ")}; got '${String(transform)}'`, { argument: "transform" });
  const weights = new Float64Array(W.weights.length);
  if (transform === "none") weights.set(W.weights);
  else if (transform === "binary") weights.fill(1);
  else {
    for (let i = 0; i < W.n; i++) {
      const a = W.offsets[i];
      const b = W.offsets[i + 1];
      let s = 0;
      for (let p = a; p < b; p++) s += W.weights[p];
      for (let p = a; p < b; p++) weights[p] = W.weights[p] / s;
    }
  }
  return { ...W, weights, transform };
}

/** Indices of the units without neighbours. */
export function isolateIndices(W: SpatialWeights): number[] {
  const out: number[] = [];
  for (let i = 0; i < W.n; i++) if (W.offsets[i + 1] === W.offsets[i]) out.push(i);
  return out;
}

/**
 * Throws an error naming the first isolate, unless `zeroPolicy` (spdep's zero.policy: its lag
 * is 0 and global statistics use n = units with neighbours).
 */
export function checkIsolates(W: SpatialWeights, zeroPolicy: boolean, argument = "weights"): void {
  if (zeroPolicy) return;
  const iso = isolateIndices(W);
  if (iso.length > 0) {
    const more =
      iso.length > 1
        ? ` (and ${iso.length - 1} more: ${iso
            .slice(1, 4)
            .map((i) => `'${W.labels[i]}'`)
            .join(", ")}${iso.length > 4 ? ", ..." : ""})`
        : "";
    throw new CoordError(
      "UNDEFINED",
      `${argument}: unit '${W.labels[iso[0]]}' has no neighbours (an isolate)${more}; link it, drop it, or set the zero policy (its lag is then 0)`,
      { argument, row: iso[0] },
    );
  }
}

/** Weight of the link i -> j (0 when absent), by binary search in row i. */
export function weightOf(W: SpatialWeights, i: number, j: number): number {
  let lo = W.offsets[i];
  let hi = W.offsets[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = W.neighbours[mid];
    if (c === j) return W.weights[mid];
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * S0, S1, S2, the mean number of neighbours, the isolates and the asymmetry flag (M11), as
 * spdep's spweights.constants (S1 = Σ w_ij² + Σ w_ij w_ji, S2 = Σ_i (row sum + column sum)²).
 *
 * @example
 * const W = transformWeights(weightsFromMatrix([[0, 1, 1], [1, 0, 0], [1, 0, 0]], ["a", "b", "c"]), "row");
 * const s = weightsSummary(W);
 * [s.S0, s.S1, s.S2, s.meanNeighbours, s.asymmetric]; // => [3, 4.5, 13.5, 1.3333, true]
 */
export function weightsSummary(W: SpatialWeights): WeightsSummary {
  const { n, offsets, neighbours, weights } = W;
  let S0 = 0;
  let sq = 0;
  let cross = 0;
  let asymmetric = false;
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = neighbours[p];
      const w = weights[p];
      S0 += w;
      sq += w * w;
      rowSum[i] += w;
      colSum[j] += w;
      const back = weightOf(W, j, i);
      cross += w * back;
      if (!asymmetric && Math.abs(back - w) > 1e-12 * Math.max(Math.abs(w), Math.abs(back))) asymmetric = true;
    }
  }
  let S2 = 0;
  for (let i = 0; i < n; i++) S2 += (rowSum[i] + colSum[i]) ** 2;
  const links = offsets[n];
  return {
    source: W.source,
    transform: W.transform,
    n,
    links,
    S0,
    S1: sq + cross,
    S2,
    meanNeighbours: links / n,
    isolates: isolateIndices(W).map((i) => W.labels[i]),
    asymmetric,
  };
}

/**
 * The weights among a subset of units (in the order of `keep`), before any transform: the
 * sub-matrix W[keep, keep]. A panel of 30 provinces takes this of the 31-province matrix, then
 * row-standardises it (M11).
 *
 * @example
 * const W = weightsFromMatrix([[0, 1, 1], [1, 0, 0], [1, 0, 0]], ["a", "b", "c"]);
 * const S = subsetWeights(W, [2, 0]);
 * S.labels; // => ["c", "a"]
 * Array.from(S.neighbours); // => [1, 0]
 */
export function subsetWeights(W: SpatialWeights, keep: readonly number[]): SpatialWeights {
  const position = new Int32Array(W.n).fill(-1);
  keep.forEach((i, k) => {
    if (!(Number.isInteger(i) && i >= 0 && i < W.n)) throw new CoordError("OPTION", `subset: unit index ${i} is outside 0..${W.n - 1}`);
    if (position[i] >= 0) throw new CoordError("OPTION", `subset: unit '${W.labels[i]}' is listed twice`);
    position[i] = k;
  });
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  keep.forEach((i, k) => {
    for (let p = W.offsets[i]; p < W.offsets[i + 1]; p++) {
      const q = position[W.neighbours[p]];
      if (q >= 0) {
        from.push(k);
        to.push(q);
        w.push(W.weights[p]);
      }
    }
  });
  const S = weightsFromLinks(
    keep.map((i) => W.labels[i]),
    from,
    to,
    w,
    { source: W.source },
  );
  return { ...S, transform: W.transform };
}

export interface AlignOptions {
  /** Argument name in messages (default "weights"). */
  argument?: string;
  /**
   * Units of the weights absent from the data are dropped (the sub-matrix is taken) instead of
   * being an error. The built-in preset sets it (a panel without Tibet); user weights do not.
   */
  allowExtra?: boolean;
  /** Maps a data unit to a weights label (e.g. Chinese names to the preset's); default: itself. */
  resolve?: (unit: string) => string | undefined;
  /** What the weights are called in the "missing" message (default "the weights"). */
  what?: string;
}

/**
 * The weights re-ordered (and, with allowExtra, cut) to the data's units, one to one. A unit
 * of the data missing from the weights, or (without allowExtra) a unit of the weights not in
 * the data, is an error naming the first missing and the first extra.
 *
 * @example
 * const W = weightsFromMatrix([[0, 1, 1], [1, 0, 0], [1, 0, 0]], ["a", "b", "c"]);
 * alignWeights(W, ["c", "b", "a"]).labels; // => ["c", "b", "a"]
 */
export function alignWeights(W: SpatialWeights, units: readonly string[], options: AlignOptions = {}): SpatialWeights {
  const argument = options.argument ?? "weights";
  const index = new Map<string, number>();
  W.labels.forEach((l, i) => index.set(l.trim(), i));
  const folded = new Map<string, number | null>();
  W.labels.forEach((l, i) => {
    const k = l.trim().toLowerCase();
    folded.set(k, folded.has(k) ? null : i); // null: ambiguous without case
  });
  const keep: number[] = [];
  const missing: string[] = [];
  const used = new Int32Array(W.n).fill(-1);
  units.forEach((u, k) => {
    const name = (options.resolve ? options.resolve(u) : undefined) ?? String(u).trim();
    let i = index.get(name);
    if (i === undefined) {
      const f = folded.get(name.toLowerCase());
      if (f !== undefined && f !== null) i = f;
    }
    if (i === undefined) {
      missing.push(String(u));
      return;
    }
    if (used[i] >= 0)
      throw new CoordError("OPTION", `${argument}: the data's units '${units[used[i]]}' and '${u}' both match '${W.labels[i]}' of the weights`, { argument });
    used[i] = k;
    keep.push(i);
  });
  const extra = W.labels.filter((_, i) => used[i] < 0);
  if (missing.length > 0 || (extra.length > 0 && !options.allowExtra)) {
    const parts: string[] = [];
    if (missing.length > 0)
      parts.push(`the data's unit '${missing[0]}' is not in ${options.what ?? "the weights"}${missing.length > 1 ? ` (${missing.length} missing)` : ""}`);
    if (extra.length > 0 && !options.allowExtra)
      parts.push(`the weights' unit '${extra[0]}' is not in the data${extra.length > 1 ? ` (${extra.length} extra)` : ""}`);
    throw new CoordError("OPTION", `${argument} do not match the data's units one to one: ${parts.join("; ")}`, { argument });
  }
  return subsetWeights(W, keep);
}

/**
 * The weights as a dense n x n array (for small n: display and tests only).
 *
 * @example
 * const W = weightsFromEdges([{ from: "a", to: "b", weight: 2 }]);
 * toDenseWeights(W); // => [[0, 2], [0, 0]]
 */
export function toDenseWeights(W: SpatialWeights): number[][] {
  if (W.n > 5000) throw new CoordError("OPTION", `a dense copy of weights for ${W.n} units is refused (more than 5,000)`);
  const out = Array.from({ length: W.n }, () => new Array<number>(W.n).fill(0));
  for (let i = 0; i < W.n; i++) for (let p = W.offsets[i]; p < W.offsets[i + 1]; p++) out[i][W.neighbours[p]] = W.weights[p];
  return out;
}
