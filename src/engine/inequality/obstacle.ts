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
  names: string[];
  subsystemNames: string[];
  /** Subsystem index of each indicator. */
  subsystemOf: number[];
  alpha: number[];
  /** Factor contribution F_j = α_s w_j ("global") or w_j ("within"). */
  F: number[];
  /**
   * O_ij in percent, rows x indicators: each row sums to 100 ("global") or each subsystem of a
   * row sums to 100 ("within"). null for a row without any deviation (every z = 1 where it
   * counts), listed in `undefinedRows`.
   */
  O: Array<number[] | null>;
  /** Per row the `top` largest O (descending, ties by indicator order); with "within" the top of each subsystem in turn. */
  top: Array<ObstacleRank[] | null>;
  /** Per row the subsystem obstacles Σ_{j∈s} O_ij of the global weighting (sum to 100); null as O. */
  subsystemObstacle: Array<number[] | null>;
  /** max |Σ_{j∈s} O_ij − 100 α_s(1 − U_s)/Σ_t α_t(1 − U_t)| over rows and subsystems (M15's check). */
  check: number;
  undefinedRows: number[];
  /** Mean O of each indicator (and subsystem obstacles) over the rows of each period, periods in order of first appearance. */
  byPeriod: Array<{ period: Label; n: number; meanO: number[]; meanSubsystem: number[] }>;
}

/**
 * Obstacle degree (障碍度, M15) from the standardized matrix z (rows x indicators, M1 with
 * directions): deviation I = 1 − z, O_ij = F_j I_ij / Σ F_j I_ij × 100 with F_j = α_s w_j
 * (global) or normalised within each subsystem; the top k obstacles of each row, the subsystem
 * obstacles (with M15's identity as a check) and the mean O of each indicator by period.
 *
 * @example
 * const r = obstacleDegree([[0.5, 0, 1, 0.5]], { weights: [0.5, 0.5, 0.25, 0.75], subsystems: ["U1", "U1", "U2", "U2"] });
 * r.O[0]; // => [22.2222, 44.4444, 0, 33.3333]
 * r.top[0]?.map((t) => t.name); // => ["x2", "x4", "x1", "x3"]
 * r.subsystemObstacle[0]; // => [66.6667, 33.3333]
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
  if (names.length !== p)
    throw new CoordError("LENGTH", `names has ${names.length} entries but ${argument} has ${p} indicators`, { argument: "names" });
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

  const O: Array<number[] | null> = new Array(n);
  const top: Array<ObstacleRank[] | null> = new Array(n);
  const subsystemObstacle: Array<number[] | null> = new Array(n);
  const undefinedRows: number[] = [];
  const I = new Float64Array(p);
  const FI = new Float64Array(p);
  const denomS = new Float64Array(S);
  const subO = new Float64Array(S);
  const U = new Float64Array(S);
  let check = 0;
  for (let i = 0; i < n; i++) {
    const row = z[i];
    if (row.length !== p)
      throw new CoordError("LENGTH", `${argument} row ${i + 1} has ${row.length} values; row 1 has ${p}`, { argument, row: i });
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
      const s = subsystemOf[j];
      FI[j] = Fg[j] * dev;
      denom += FI[j];
      denomS[s] += w[j] * dev;
      U[s] += w[j] * v;
    }
    let undefinedRow = !(denom > 0);
    if (weighting === "within") for (let s = 0; s < S; s++) if (!(denomS[s] > 0)) undefinedRow = true;
    if (undefinedRow) {
      undefinedRows.push(i);
      O[i] = top[i] = subsystemObstacle[i] = null;
      continue;
    }
    const o = new Array<number>(p);
    subO.fill(0);
    for (let j = 0; j < p; j++) {
      const g = (FI[j] / denom) * 100;
      subO[subsystemOf[j]] += g;
      o[j] = weighting === "global" ? g : ((w[j] * I[j]) / denomS[subsystemOf[j]]) * 100;
    }
    // M15 check: Σ_{j∈s} O_ij = 100 α_s(1 − U_s) / Σ_t α_t(1 − U_t), U_s = Σ w_j z_ij (Σ w = 1 per subsystem)
    let wsum = 0;
    for (let s = 0; s < S; s++) wsum += alpha[s] * (wSum[s] - U[s]);
    for (let s = 0; s < S; s++) {
      const expected = (100 * alpha[s] * (wSum[s] - U[s])) / wsum;
      const d = Math.abs(subO[s] - expected);
      if (d > check) check = d;
    }
    O[i] = o;
    subsystemObstacle[i] = Array.from(subO);
    top[i] = weighting === "global" ? topOf(o, topK, names, subsystemNames, subsystemOf, null) : withinTops(o, S, topK, names, subsystemNames, subsystemOf);
  }
  return {
    weighting,
    names,
    subsystemNames,
    subsystemOf,
    alpha,
    F,
    O,
    top,
    subsystemObstacle,
    check,
    undefinedRows,
    byPeriod: periods ? meansByPeriod(O, subsystemObstacle, periods, p, S) : [],
  };
}

/** The k largest O among indicators (of subsystem `only`, or all), descending, ties by index. */
function topOf(
  o: number[],
  k: number,
  names: string[],
  subsystemNames: string[],
  of: number[],
  only: number | null,
): ObstacleRank[] {
  const best: number[] = [];
  for (let j = 0; j < o.length; j++) {
    if (only !== null && of[j] !== only) continue;
    if (best.length === k && !(o[j] > o[best[k - 1]])) continue;
    let pos = best.length === k ? k - 1 : best.length;
    best[pos] = j;
    while (pos > 0 && o[best[pos - 1]] < o[j]) {
      best[pos] = best[pos - 1];
      best[--pos] = j;
    }
  }
  return best.map((j) => ({ indicator: j, name: names[j], subsystem: subsystemNames[of[j]], O: o[j] }));
}

function withinTops(o: number[], S: number, k: number, names: string[], subsystemNames: string[], of: number[]): ObstacleRank[] {
  const out: ObstacleRank[] = [];
  for (let s = 0; s < S; s++) out.push(...topOf(o, k, names, subsystemNames, of, s));
  return out;
}

function meansByPeriod(
  O: Array<number[] | null>,
  sub: Array<number[] | null>,
  periods: ArrayLike<Label>,
  p: number,
  S: number,
): ObstacleResult["byPeriod"] {
  const index = new Map<string, number>();
  const acc: Array<{ period: Label; n: number; meanO: number[]; meanSubsystem: number[] }> = [];
  for (let i = 0; i < O.length; i++) {
    const key = `${typeof periods[i]}:${periods[i]}`;
    let a = index.get(key);
    if (a === undefined) {
      a = acc.push({ period: periods[i], n: 0, meanO: new Array<number>(p).fill(0), meanSubsystem: new Array<number>(S).fill(0) }) - 1;
      index.set(key, a);
    }
    const row = O[i];
    if (!row) continue;
    const e = acc[a];
    e.n++;
    for (let j = 0; j < p; j++) e.meanO[j] += row[j];
    for (let s = 0; s < S; s++) e.meanSubsystem[s] += sub[i]![s];
  }
  for (const e of acc)
    if (e.n > 0) {
      for (let j = 0; j < p; j++) e.meanO[j] /= e.n;
      for (let s = 0; s < S; s++) e.meanSubsystem[s] /= e.n;
    }
  return acc;
}
