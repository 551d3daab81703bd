import { CoordError, cellLabel } from "../errors";
import { describeValue } from "../validate";

type Label = string | number;

export interface ObstacleOptions {
  /** Weight w_j of each indicator within its subsystem (e.g. entropy weights, Σ = 1 per subsystem). */
  weights: ArrayLike<number>;
  /** Subsystem of each indicator (a name or number); subsystems in order of first appearance. */
  subsystems?: ArrayLike<Label>;
  /** α_s of each subsystem in that order (M5's weights of T; default equal, 1/S). */
  alpha?: ArrayLike<number>;
  /** "global" (default): F_j = α_s w_j over all indicators; "within": normalised inside each subsystem. */
  weighting?: "global" | "within";
  /** Number of top obstacles kept per row (per subsystem with "within"); default 5. */
  top?: number;
  /** Indicator names (default "x1", "x2", …). */
  names?: ReadonlyArray<string>;
  /** Period of each row: adds the mean O of each indicator by period. */
  periods?: ArrayLike<Label>;
  /** Argument name of z in messages (default "z"). */
  argument?: string;
}

export interface ObstacleRank {
  indicator: number;
  name: string;
  subsystem: string;
  /** Obstacle degree in percent. */
  O: number;
}

export interface ObstacleResult {
  weighting: "global" | "within";
  rows: number;
  names: string[];
  subsystemNames: string[];
  /** Subsystem index of each indicator. */
  subsystemOf: number[];
  alpha: number[];
  /** Factor contribution F_j = α_s w_j ("global") or w_j ("within"). */
  F: number[];
  /**
   * O_ij in percent, rows x indicators flat (row-major, `names.length` per row): each row sums to
   * 100 ("global") or each subsystem of a row sums to 100 ("within"). A row without any deviation
   * (every z = 1 where it counts) has no obstacle: it is listed in `undefinedRows` and holds 0s.
   * Read one row with `obstacleRow`.
   */
  O: Float64Array;
  /** Entries per row in topIndicator / topO: min(top, indicators), or Σ_s min(top, |s|) with "within". */
  topCount: number;
  /** Per row the indicators with the largest O (descending, ties by indicator order), flat; with "within" the top of each subsystem in turn; −1 in undefined rows. */
  topIndicator: Int32Array;
  /** Their O, flat as topIndicator (0 in undefined rows). */
  topO: Float64Array;
  /** Per row the subsystem obstacles Σ_{j∈s} O_ij of the global weighting (sum to 100), flat (rows x subsystems). */
  subsystemObstacle: Float64Array;
  /** max |Σ_{j∈s} O_ij − 100 α_s(1 − U_s)/Σ_t α_t(1 − U_t)| over rows and subsystems (M15's check). */
  check: number;
  undefinedRows: number[];
  /** Mean O of each indicator (and subsystem obstacles) over the rows of each period with an obstacle, periods in order of first appearance. */
  byPeriod: Array<{ period: Label; n: number; meanO: number[]; meanSubsystem: number[] }>;
}

/** One row of an obstacle result as plain arrays, or null for a row without obstacle. */
export interface ObstacleRow {
  O: number[];
  top: ObstacleRank[];
  subsystemObstacle: number[];
}

/**
 * Row i of an obstacle result: its O per indicator, its top obstacles with names, its subsystem
 * obstacles; null for a row listed in `undefinedRows`.
 *
 * @example
 * const r = obstacleDegree([[0.5, 0]], { weights: [0.5, 0.5] });
 * obstacleRow(r, 0)?.top.map((t) => [t.name, t.O]); // => [["x2", 66.6667], ["x1", 33.3333]]
 */
export function obstacleRow(r: ObstacleResult, i: number): ObstacleRow | null {
  const p = r.names.length;
  const S = r.subsystemNames.length;
  if (r.topIndicator[i * r.topCount] < 0) return null;
  const top: ObstacleRank[] = [];
  for (let q = 0; q < r.topCount; q++) {
    const j = r.topIndicator[i * r.topCount + q];
    top.push({ indicator: j, name: r.names[j], subsystem: r.subsystemNames[r.subsystemOf[j]], O: r.topO[i * r.topCount + q] });
  }
  return { O: slice(r.O, i * p, p), top, subsystemObstacle: slice(r.subsystemObstacle, i * S, S) };
}

/** `length` values of a typed array from `from`, as a plain array (a loop: Array.from on a subarray is several times slower). */
function slice(v: Float64Array, from: number, length: number): number[] {
  const out = new Array<number>(length);
  for (let j = 0; j < length; j++) out[j] = v[from + j];
  return out;
}

/**
 * Obstacle degree (障碍度, M15) from the standardized matrix z (rows x indicators, M1 with
 * directions): deviation I = 1 − z, O_ij = F_j I_ij / Σ F_j I_ij × 100 with F_j = α_s w_j
 * (global) or normalised within each subsystem; the top k obstacles of each row, the subsystem
 * obstacles (with M15's identity as a check) and the mean O of each indicator by period.
 *
 * @example
 * const r = obstacleDegree([[0.5, 0, 1, 0.5]], { weights: [0.5, 0.5, 0.25, 0.75], subsystems: ["U1", "U1", "U2", "U2"] });
 * Array.from(r.O); // => [22.2222, 44.4444, 0, 33.3333]
 * Array.from(r.topIndicator); // => [1, 3, 0, 2]
 * Array.from(r.subsystemObstacle); // => [66.6667, 33.3333]
 */
export function obstacleDegree(z: ArrayLike<ArrayLike<unknown>>, options: ObstacleOptions): ObstacleResult {
  const argument = options.argument ?? "z";
  const n = z.length;
  if (n === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const p = z[0].length;
  if (p === 0) throw new CoordError("EMPTY", `${argument} has no indicators`, { argument });
  const weighting = options.weighting ?? "global";
  if (weighting !== "global" && weighting !== "within")
    throw new CoordError("OPTION", `weighting must be global or within; got '${String(weighting)}'`, { argument: "weighting" });
  const topK = options.top ?? 5;
  if (!Number.isInteger(topK) || topK < 1) throw new CoordError("OPTION", `top must be a positive integer; got ${topK}`, { argument: "top" });
  const names = options.names ? options.names.slice() : Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (names.length !== p) throw new CoordError("LENGTH", `names has ${names.length} entries but ${argument} has ${p} indicators`, { argument: "names" });
  const w = options.weights;
  if (!w || w.length !== p)
    throw new CoordError("LENGTH", `weights has ${w ? w.length : 0} values but ${argument} has ${p} indicators`, { argument: "weights" });
  for (let j = 0; j < p; j++)
    if (!(typeof w[j] === "number" && Number.isFinite(w[j]) && w[j] >= 0))
      throw new CoordError("NOT_NUMERIC", `weights ${names[j]}: ${describeValue(w[j])} is not a non-negative number`, { argument: "weights", column: j });
  const labels = options.subsystems ?? new Array<Label>(p).fill("all");
  if (labels.length !== p)
    throw new CoordError("LENGTH", `subsystems has ${labels.length} values but ${argument} has ${p} indicators`, { argument: "subsystems" });
  const subsystemNames: string[] = [];
  const subsystemOf = Array.from(labels, (l) => {
    const key = String(l);
    let s = subsystemNames.indexOf(key);
    if (s < 0) s = subsystemNames.push(key) - 1;
    return s;
  });
  const S = subsystemNames.length;
  const alpha = options.alpha ? Array.from(options.alpha) : new Array<number>(S).fill(1 / S);
  if (alpha.length !== S)
    throw new CoordError("LENGTH", `alpha has ${alpha.length} values but there are ${S} subsystems (${subsystemNames.join(", ")})`, { argument: "alpha" });
  alpha.forEach((a, s) => {
    if (!(Number.isFinite(a) && a > 0))
      throw new CoordError("OPTION", `alpha of ${subsystemNames[s]} must be a positive number; got ${a}`, { argument: "alpha" });
  });
  const wSum = new Array<number>(S).fill(0);
  for (let j = 0; j < p; j++) wSum[subsystemOf[j]] += w[j];
  const Fg = Array.from({ length: p }, (_, j) => alpha[subsystemOf[j]] * w[j]); // M15: F_j = α_s w_j
  const F = weighting === "global" ? Fg : Array.from(w);
  const periods = options.periods;
  if (periods && periods.length !== n)
    throw new CoordError("LENGTH", `periods has ${periods.length} values but ${argument} has ${n} rows`, { argument: "periods" });

  // typed copies for the row loop
  const wv = Float64Array.from(w);
  const Fv = Float64Array.from(Fg);
  const sOf = Int32Array.from(subsystemOf);
  const sizes = new Array<number>(S).fill(0);
  for (const sIdx of subsystemOf) sizes[sIdx]++;
  const topCount = weighting === "global" ? Math.min(topK, p) : sizes.reduce((acc, c) => acc + Math.min(topK, c), 0);
  const O = new Float64Array(n * p);
  const topIndicator = new Int32Array(n * topCount);
  const topO = new Float64Array(n * topCount);
  const subsystemObstacle = new Float64Array(n * S);
  const undefinedRows: number[] = [];
  const I = new Float64Array(p);
  const FI = new Float64Array(p);
  const denomS = new Float64Array(S);
  const U = new Float64Array(S);
  const best = new Int32Array(p);
  let check = 0;
  for (let i = 0; i < n; i++) {
    const row = z[i];
    if (row.length !== p) throw new CoordError("LENGTH", `${argument} row ${i + 1} has ${row.length} values; row 1 has ${p}`, { argument, row: i });
    let denom = 0;
    denomS.fill(0);
    U.fill(0);
    for (let j = 0; j < p; j++) {
      const v = row[j];
      if (typeof v !== "number" || !(v >= 0 && v <= 1))
        throw new CoordError(
          "NOT_NUMERIC",
          `${cellLabel(argument, i, names[j])}: ${describeValue(v)} is not a standardized value in [0, 1] (M1 min-max, no shift)`,
          { argument, row: i, column: j },
        );
      const dev = 1 - v; // M15: I_ij = 1 − z_ij
      I[j] = dev;
      const sj = sOf[j];
      const fi = Fv[j] * dev;
      FI[j] = fi;
      denom += fi;
      denomS[sj] += wv[j] * dev;
      U[sj] += wv[j] * v;
    }
    let undefinedRow = !(denom > 0);
    if (weighting === "within") for (let t = 0; t < S; t++) if (!(denomS[t] > 0)) undefinedRow = true;
    if (undefinedRow) {
      undefinedRows.push(i);
      topIndicator.fill(-1, i * topCount, (i + 1) * topCount);
      continue;
    }
    const base = i * p;
    const sbase = i * S;
    const within = weighting === "within";
    for (let j = 0; j < p; j++) {
      const g = (FI[j] / denom) * 100;
      subsystemObstacle[sbase + sOf[j]] += g;
      O[base + j] = within ? ((wv[j] * I[j]) / denomS[sOf[j]]) * 100 : g;
    }
    // M15 check: Σ_{j∈s} O_ij = 100 α_s(1 − U_s) / Σ_t α_t(1 − U_t), U_s = Σ w_j z_ij (Σ w = 1 per subsystem)
    let wsum = 0;
    for (let t = 0; t < S; t++) wsum += alpha[t] * (wSum[t] - U[t]);
    for (let t = 0; t < S; t++) {
      const d = Math.abs(subsystemObstacle[sbase + t] - (100 * alpha[t] * (wSum[t] - U[t])) / wsum);
      if (d > check) check = d;
    }
    let q = i * topCount;
    if (weighting === "global") q = topOf(O, base, p, topK, -1, subsystemOf, best, topIndicator, topO, q);
    else for (let t = 0; t < S; t++) q = topOf(O, base, p, topK, t, subsystemOf, best, topIndicator, topO, q);
  }
  return {
    weighting,
    rows: n,
    names,
    subsystemNames,
    subsystemOf,
    alpha,
    F,
    O,
    topCount,
    topIndicator,
    topO,
    subsystemObstacle,
    check,
    undefinedRows,
    byPeriod: periods ? meansByPeriod(O, subsystemObstacle, undefinedRows, periods, p, S) : [],
  };
}

/**
 * The k largest O of row `base` (among the indicators of subsystem `only`, or all when −1),
 * descending, ties by indicator order, written to topIndicator / topO from position q; returns
 * the next position.
 */
function topOf(
  O: Float64Array,
  base: number,
  p: number,
  k: number,
  only: number,
  of: number[],
  best: Int32Array,
  topIndicator: Int32Array,
  topO: Float64Array,
  q: number,
): number {
  let m = 0;
  for (let j = 0; j < p; j++) {
    if (only >= 0 && of[j] !== only) continue;
    const v = O[base + j];
    if (m === k && !(v > O[base + best[k - 1]])) continue;
    let pos = m === k ? k - 1 : m++;
    while (pos > 0 && O[base + best[pos - 1]] < v) {
      best[pos] = best[pos - 1];
      pos--;
    }
    best[pos] = j;
  }
  for (let t = 0; t < m; t++) {
    topIndicator[q + t] = best[t];
    topO[q + t] = O[base + best[t]];
  }
  return q + m;
}

function meansByPeriod(
  O: Float64Array,
  sub: Float64Array,
  undefinedRows: number[],
  periods: ArrayLike<Label>,
  p: number,
  S: number,
): ObstacleResult["byPeriod"] {
  const index = new Map<Label, number>();
  const skip = new Set(undefinedRows);
  const acc: Array<{ period: Label; n: number; meanO: number[]; meanSubsystem: number[] }> = [];
  for (let i = 0; i < periods.length; i++) {
    let a = index.get(periods[i]);
    if (a === undefined) {
      a = acc.push({ period: periods[i], n: 0, meanO: new Array<number>(p).fill(0), meanSubsystem: new Array<number>(S).fill(0) }) - 1;
      index.set(periods[i], a);
    }
    if (skip.has(i)) continue;
    const e = acc[a];
    e.n++;
    for (let j = 0; j < p; j++) e.meanO[j] += O[i * p + j];
    for (let t = 0; t < S; t++) e.meanSubsystem[t] += sub[i * S + t];
  }
  for (const e of acc)
    if (e.n > 0) {
      for (let j = 0; j < p; j++) e.meanO[j] /= e.n;
      for (let t = 0; t < S; t++) e.meanSubsystem[t] /= e.n;
    }
  return acc;
}
