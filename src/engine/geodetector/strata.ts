import { CoordError, cellLabel } from "../errors";

/** Integer stratum codes 0..L-1 for a factor, with the level each code stands for. */
export interface Strata {
  codes: Int32Array;
  /** levels[code] = the original value of that stratum, sorted (numbers ascending, then text). */
  levels: Array<string | number>;
  L: number;
}

/**
 * Encode a categorical factor as stratum codes: each distinct value (text or number) is one
 * stratum (M8). Levels are sorted, numbers before text, so codes do not depend on row order.
 * Missing values (null, undefined, "", NaN) are an error naming the row.
 *
 * @example
 * encodeStrata(["b", "a", "b"], "x"); // => { codes: [1, 0, 1], levels: ["a", "b"], L: 2 }
 */
export function encodeStrata(x: ArrayLike<unknown>, argument: string): Strata {
  const n = x.length;
  if (n === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const index = new Map<string | number, number>();
  const raw: Array<string | number> = [];
  const first = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let v = x[i];
    if (typeof v === "boolean") v = v ? "TRUE" : "FALSE";
    if (v === null || v === undefined || v === "" || (typeof v === "number" && !Number.isFinite(v)))
      throw new CoordError("MISSING", `${cellLabel(argument, i)}: the value is missing`, { argument, row: i });
    if (typeof v !== "number" && typeof v !== "string")
      throw new CoordError("NOT_NUMERIC", `${cellLabel(argument, i)}: unsupported value`, { argument, row: i });
    let c = index.get(v);
    if (c === undefined) {
      c = raw.length;
      index.set(v, c);
      raw.push(v);
    }
    first[i] = c;
  }
  const order = raw.map((_, i) => i).sort((a, b) => compareLevels(raw[a], raw[b]));
  const remap = new Int32Array(raw.length);
  order.forEach((old, k) => (remap[old] = k));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = remap[first[i]];
  return { codes, levels: order.map((k) => raw[k]), L: raw.length };
}

function compareLevels(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
