import { CoordError } from "../errors";
import { assertFinite } from "../validate";
import { quantileSorted } from "../stats/quantile";

/** How values become Markov states (M14). */
export type MarkovClassSpec =
  /** Pooled type-7 quantiles over all units x periods, as PySAL mapclassify (default k = 4), right-closed. */
  | { kind: "quantile"; k?: number }
  /** User cutoffs c_1 < … < c_{k−1}: k classes, kept even when one is empty. */
  | { kind: "cutoffs"; cutoffs: number[]; closed?: "right" | "left" }
  /** The ten D grades of M6: cutoffs 0.1, …, 0.9, left-closed [a, b) by default. */
  | { kind: "grades"; closed?: "right" | "left" };

export interface MarkovClasses {
  /** Upper cutoffs of classes 0..k−2 (class k−1 is open above). */
  cutoffs: number[];
  k: number;
  /** "right": c_{i−1} < y ≤ c_i (a value equal to a cutoff goes to the lower class, giddy);
   *  "left": c_{i−1} ≤ y < c_i (the grade rule of M6). */
  closed: "right" | "left";
  /** Class id (0-based) of every cell, units x periods. */
  ids: number[][];
  /** Observations per class over all units and periods. */
  counts: number[];
  /** Set when quantile cutoffs repeat (many equal values): fewer classes than asked. */
  warning?: string;
}

export const GRADE_CUTOFFS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * Pooled quantile cutoffs as mapclassify's `quantile(y, k)`: percentiles 100/k, 200/k, …, 100
 * (type 7), the distinct ones, all but the last (the maximum).
 *
 * @example
 * quantileCutoffs([1, 2, 3, 4, 5, 6, 7, 8, 9], 4); // => [3, 5, 7]
 */
export function quantileCutoffs(values: ArrayLike<number>, k = 4): number[] {
  if (!Number.isInteger(k) || k < 2) throw new CoordError("OPTION", `k must be an integer ≥ 2; got ${k}`, { argument: "k" });
  const sorted = Float64Array.from(values).sort();
  const w = 100 / k;
  const q: number[] = [];
  for (let i = 0; i < k; i++) {
    const pct = Math.min(100, w + i * w); // numpy.arange(w, 100 + w, w), the last capped at 100
    const v = quantileSorted(sorted, pct / 100);
    if (q.length === 0 || v !== q[q.length - 1]) q.push(v);
  }
  return q.slice(0, -1);
}

/** Class of y among ascending cutoffs (binary search): right-closed or left-closed. */
export function classOf(y: number, cutoffs: ArrayLike<number>, closed: "right" | "left"): number {
  let lo = 0;
  let hi = cutoffs.length;
  // the number of cutoffs c with c < y (right-closed) or c ≤ y (left-closed)
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const below = closed === "right" ? cutoffs[mid] < y : cutoffs[mid] <= y;
    if (below) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkCutoffs(c: ArrayLike<unknown>, argument: string): number[] {
  if (!c || c.length === 0) throw new CoordError("EMPTY", `${argument} is empty: give at least one cutoff`, { argument });
  const out: number[] = [];
  for (let i = 0; i < c.length; i++) {
    const v = assertFinite(c[i], argument, i);
    if (i > 0 && !(v > out[i - 1]))
      throw new CoordError("OPTION", `${argument} must increase: cutoff ${i + 1} (${v}) is not above cutoff ${i} (${out[i - 1]})`, {
        argument,
      });
    out.push(v);
  }
  return out;
}

/**
 * Markov states (M14) of a panel (units x periods): pooled quantiles (default k = 4,
 * right-closed, as giddy), user cutoffs (either closure; k fixed) or the ten D grades
 * (left-closed as M6); the class id of every cell and the counts per class.
 *
 * @example
 * const c = markovClasses([[0.25, 0.35], [0.3, 0.45]], { kind: "cutoffs", cutoffs: [0.3, 0.4] });
 * c.ids; // => [[0, 1], [0, 2]]
 * markovClasses([[0.25, 0.35], [0.3, 0.45]], { kind: "grades" }).ids; // => [[2, 3], [3, 4]]
 */
export function markovClasses(panel: ArrayLike<ArrayLike<unknown>>, spec: MarkovClassSpec = { kind: "quantile", k: 4 }, argument = "panel"): MarkovClasses {
  if (panel.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const T = panel[0].length;
  if (T === 0) throw new CoordError("EMPTY", `${argument} has no periods`, { argument });
  const n = panel.length;
  const pooled = new Float64Array(n * T);
  for (let i = 0; i < n; i++) {
    const row = panel[i];
    if (row.length !== T) throw new CoordError("LENGTH", `${argument} row ${i + 1} has ${row.length} values; row 1 has ${T}`, { argument, row: i });
    for (let t = 0; t < T; t++) {
      const v = row[t];
      pooled[i * T + t] = typeof v === "number" && v - v === 0 ? v : assertFinite(v, argument, i, t);
    }
  }
  let cutoffs: number[];
  let closed: "right" | "left";
  let warning: string | undefined;
  if (spec.kind === "quantile") {
    const k = spec.k ?? 4;
    cutoffs = quantileCutoffs(pooled, k);
    closed = "right";
    if (cutoffs.length + 1 < k) warning = `${argument}: only ${cutoffs.length + 1} distinct quantile classes of the ${k} asked (many equal values)`;
  } else if (spec.kind === "cutoffs") {
    cutoffs = checkCutoffs(spec.cutoffs, "cutoffs");
    closed = spec.closed ?? "right";
  } else {
    cutoffs = GRADE_CUTOFFS.slice();
    closed = spec.closed ?? "left";
  }
  const k = cutoffs.length + 1;
  const counts = new Array<number>(k).fill(0);
  const ids: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = new Array<number>(T);
    for (let t = 0; t < T; t++) {
      const c = classOf(pooled[i * T + t], cutoffs, closed);
      counts[c]++;
      r[t] = c;
    }
    ids[i] = r;
  }
  const out: MarkovClasses = { cutoffs, k, closed, ids, counts };
  if (warning) out.warning = warning;
  return out;
}

/**
 * A class spec from its text form (the report option `markovClasses`, the worksheet functions'
 * `classes`): "quantile" or "quantile:k"; "cutoffs:a,b,c" with an optional ":left" or ":right"
 * (default right, as giddy); "grades" with an optional ":right" (default left, as M6).
 *
 * @example
 * parseMarkovClassSpec("cutoffs:0.3,0.4,0.5,0.6:left"); // => {"kind": "cutoffs", "cutoffs": [0.3, 0.4, 0.5, 0.6], "closed": "left"}
 * parseMarkovClassSpec("quantile:5"); // => {"kind": "quantile", "k": 5}
 */
export function parseMarkovClassSpec(text: string, argument = "markovClasses"): MarkovClassSpec {
  const t = text.trim().toLowerCase().replace(/\s+/g, "");
  const fail = () =>
    new CoordError("OPTION", `${argument} must be quantile:k, cutoffs:a,b,… (optionally :left or :right) or grades; got '${text}'`, { argument });
  const [kind, ...rest] = t.split(":");
  const closure = (s: string | undefined, fallback: "left" | "right"): "left" | "right" => {
    if (s === undefined || s === "") return fallback;
    if (s === "left" || s === "right") return s;
    throw fail();
  };
  if (kind === "quantile" || kind === "quantiles") {
    if (rest.length > 1) throw fail();
    const k = rest.length ? Number(rest[0]) : 4;
    if (!Number.isInteger(k) || k < 2)
      throw new CoordError("OPTION", `${argument}: the number of quantile classes must be an integer ≥ 2; got '${rest[0]}'`, { argument });
    return { kind: "quantile", k };
  }
  if (kind === "cutoffs") {
    if (rest.length < 1 || rest.length > 2 || rest[0] === "") throw fail();
    const cutoffs = rest[0].split(",").map((s) => (s === "" ? NaN : Number(s)));
    cutoffs.forEach((c, i) => {
      if (!Number.isFinite(c)) throw new CoordError("OPTION", `${argument}: cutoff ${i + 1} is not a number in '${text}'`, { argument });
    });
    checkCutoffs(cutoffs, argument);
    return { kind: "cutoffs", cutoffs, closed: closure(rest[1], "right") };
  }
  if (kind === "grades") {
    if (rest.length > 1) throw fail();
    return { kind: "grades", closed: closure(rest[0], "left") };
  }
  throw fail();
}

/** The text form of a class spec (inverse of parseMarkovClassSpec). */
export function formatMarkovClassSpec(spec: MarkovClassSpec): string {
  if (spec.kind === "quantile") return `quantile:${spec.k ?? 4}`;
  if (spec.kind === "grades") return spec.closed === "right" ? "grades:right" : "grades";
  return `cutoffs:${spec.cutoffs.join(",")}${spec.closed === "left" ? ":left" : ""}`;
}

/**
 * Interval labels of the classes as papers print them: right-closed "≤ 0.3", "(0.3, 0.4]", …,
 * "> 0.6"; left-closed "< 0.3", "[0.3, 0.4)", …, "≥ 0.6".
 *
 * @example
 * classLabels([0.3, 0.4], "left"); // => ["< 0.3", "[0.3, 0.4)", "≥ 0.4"]
 */
export function classLabels(cutoffs: readonly number[], closed: "right" | "left", digits = 4): string[] {
  const f = (x: number) => String(Number(x.toFixed(digits)));
  const k = cutoffs.length + 1;
  if (k === 1) return ["all values"];
  return Array.from({ length: k }, (_, i) => {
    if (i === 0) return `${closed === "right" ? "≤" : "<"} ${f(cutoffs[0])}`;
    if (i === k - 1) return `${closed === "right" ? ">" : "≥"} ${f(cutoffs[k - 2])}`;
    return closed === "right" ? `(${f(cutoffs[i - 1])}, ${f(cutoffs[i])}]` : `[${f(cutoffs[i - 1])}, ${f(cutoffs[i])})`;
  });
}
