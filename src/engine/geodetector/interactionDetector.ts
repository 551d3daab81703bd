import { CoordError } from "../errors";
import { stratumSums } from "./q";
import {
  DetectorOptions,
  EncodedFactor,
  QTest,
  FactorValues,
  ResolvedOptions,
  completeRows,
  isMissing,
  prepareFactor,
  qTest,
  readOptions,
  readY,
  subsetY,
} from "./factorDetector";

/** A named factor: categorical values or precomputed Int32Array codes 0..L-1. */
export interface NamedFactor {
  name: string;
  /** Precomputed codes 0..L-1 (takes precedence over `values`). */
  codes?: Int32Array;
  /** Categorical values (numbers or text). */
  values?: ArrayLike<unknown>;
}

/** The five interaction types of METHODS.md M8 (GD/gdverse rule). */
export type InteractionType =
  | "Weaken, nonlinear"
  | "Weaken, uni-variable"
  | "Enhance, bi-variable"
  | "Independent"
  | "Enhance, nonlinear";

/** One pair of factors. */
export interface InteractionPair {
  a: string;
  b: string;
  q1: number;
  q2: number;
  /** q of the overlay strata (x1 ∩ x2). */
  q12: number;
  /** F-test p of q12 on the overlay strata (non-central F, as the factor detector); null when N = L12. */
  pValue: number | null;
  F: number | null;
  lambda: number;
  /** Overlay strata used, and rows. */
  L12: number;
  N: number;
  /** One-observation overlay strata (kept or dropped by the option). */
  singletons: number;
  min: number;
  max: number;
  /** q1 + q2. */
  sum: number;
  type: InteractionType;
}

export interface InteractionDetectorResult {
  pairs: InteractionPair[];
}

/** |a - b| at or below this counts as equality in the type rule (METHODS.md M8). */
export const INTERACTION_TOLERANCE = 1e-10;

/** Dense overlay tables up to this many cells; beyond it the overlay is compacted with a Map. */
const DENSE_LIMIT = 1 << 22;

/**
 * Geodetector interaction detector (METHODS.md M8): for every pair of factors, q12 = q of the
 * overlay strata, keyed collision-free as code1·L2 + code2 and compacted (empty cells dropped),
 * its F-test p, and the type from q12 against q1, q2 (|a - b| ≤ 1e-10 counts as equal).
 * Codes and the centred y are computed once and reused by every pair; one pass per pair.
 *
 * @example
 * interactionDetector([1, 2, 3, 4], [{ name: "a", values: [0, 0, 1, 1] }, { name: "b", values: [0, 1, 0, 1] }]).pairs[0];
 * // { a: "a", b: "b", q1: 0.8, q2: 0.2, q12: 1, type: "Independent", ... } (q12 = q1 + q2)
 */
export function interactionDetector(y: ArrayLike<unknown>, factors: NamedFactor[], options: DetectorOptions = {}): InteractionDetectorResult {
  const opts = readOptions(options);
  const xs = checkFactors(factors);
  const names = factors.map((f) => f.name);
  const yv = readY(y, opts.yName, opts.missing);
  const pairs: InteractionPair[] = [];
  if (opts.missing === "error" || !hasMissing(yv.missing, xs)) {
    completeRows(yv, xs, names, "error", opts.yName);
    if (yv.values.length < 2) throw tooFew(opts, yv.values.length);
    const enc = xs.map((x, k) => prepareFactor(x, names[k], null));
    const ctx = context(yv.values);
    // one pass per pair; each factor's own q comes from the margins of its first pair's table
    const q = new Array<number>(enc.length).fill(NaN);
    const tests: Array<[number, number, QTest]> = [];
    for (let i = 0; i < enc.length; i++)
      for (let j = i + 1; j < enc.length; j++) {
        tests.push([i, j, overlayTest(ctx, enc[i], enc[j], opts)]);
        const dense = ctx.lastCells > 0; // a sparse overlay keeps no table: fall back to a pass
        if (Number.isNaN(q[i])) q[i] = dense ? marginTest(ctx, enc[i].L, enc[j].L, true, opts, enc[i].name).q : NaN;
        if (Number.isNaN(q[j])) q[j] = dense ? marginTest(ctx, enc[i].L, enc[j].L, false, opts, enc[j].name).q : NaN;
        if (Number.isNaN(q[i])) q[i] = overlayTest(ctx, enc[i], null, opts).q;
        if (Number.isNaN(q[j])) q[j] = overlayTest(ctx, enc[j], null, opts).q;
      }
    for (const [i, j, t] of tests) pairs.push(pairResult(enc[i], enc[j], q[i], q[j], t));
    return { pairs };
  }
  // missing 'drop': per pair, on the rows complete for y, x1 and x2 (q1, q2 recomputed there, as PyPI geodetector)
  for (let i = 0; i < xs.length; i++)
    for (let j = i + 1; j < xs.length; j++) {
      const rows = completeRows(yv, [xs[i], xs[j]], [names[i], names[j]], "drop", opts.yName);
      const ys = subsetY(yv.values, rows);
      if (ys.length < 2) throw tooFew(opts, ys.length);
      const f1 = prepareFactor(xs[i], names[i], rows);
      const f2 = prepareFactor(xs[j], names[j], rows);
      const ctx = context(ys);
      pairs.push(pairResult(f1, f2, overlayTest(ctx, f1, null, opts).q, overlayTest(ctx, f2, null, opts).q, overlayTest(ctx, f1, f2, opts)));
    }
  return { pairs };
}

/**
 * The interaction type of q12 against q1 and q2 (GD/gdverse rule, first match wins), with
 * |a - b| ≤ 1e-10 as equality.
 *
 * @example
 * interactionType(0.5, 0.3, 0.6); // "Enhance, bi-variable"
 */
export function interactionType(q1: number, q2: number, q12: number, tol = INTERACTION_TOLERANCE): InteractionType {
  const lo = Math.min(q1, q2);
  const hi = Math.max(q1, q2);
  const s = q1 + q2;
  if (q12 < lo - tol) return "Weaken, nonlinear";
  if (q12 <= hi + tol) return "Weaken, uni-variable";
  if (Math.abs(q12 - s) <= tol) return "Independent";
  if (q12 < s) return "Enhance, bi-variable";
  return "Enhance, nonlinear";
}

// ---------------------------------------------------------------------------------------

interface Context {
  /** y centred at its mean. */
  d: Float64Array;
  mean: number;
  sumSq: number;
  /** Scratch tallies, grown as needed and reused by every pair. */
  count: Float64Array;
  sum: Float64Array;
  /** Cells of the dense table last filled (0 after a sparse overlay). */
  lastCells: number;
}

function context(y: Float64Array): Context {
  const t = stratumSums(y, new Int32Array(y.length), 1);
  const d = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) d[i] = y[i] - t.mean;
  return { d, mean: t.mean, sumSq: t.sst, count: new Float64Array(64), sum: new Float64Array(64), lastCells: 0 };
}

/** q test of one factor (f2 = null) or of the overlay f1 ∩ f2, one pass over the rows. */
function overlayTest(ctx: Context, f1: EncodedFactor, f2: EncodedFactor | null, opts: ResolvedOptions): QTest {
  const cells = f2 ? f1.L * f2.L : f1.L;
  const { d } = ctx;
  const n = d.length;
  if (cells > DENSE_LIMIT && f2) {
    ctx.lastCells = 0;
    return sparseOverlayTest(ctx, f1, f2, opts);
  }
  ctx.lastCells = cells;
  if (ctx.count.length < cells) {
    ctx.count = new Float64Array(cells);
    ctx.sum = new Float64Array(cells);
  }
  const count = ctx.count;
  const sum = ctx.sum;
  count.fill(0, 0, cells);
  sum.fill(0, 0, cells);
  const c1 = f1.codes;
  if (f2) {
    // collision-free key code1·L2 + code2 (METHODS.md M8; peers paste "x1_x2", which can collide)
    const c2 = f2.codes;
    const L2 = f2.L;
    for (let i = 0; i < n; i++) {
      const h = c1[i] * L2 + c2[i];
      count[h] += 1;
      sum[h] += d[i];
    }
  } else
    for (let i = 0; i < n; i++) {
      const h = c1[i];
      count[h] += 1;
      sum[h] += d[i];
    }
  // qTest skips empty cells: the compaction of the overlay key
  return qTest(count.subarray(0, cells), sum.subarray(0, cells), ctx.mean, ctx.sumSq, opts, f2 ? `${f1.name} x ${f2.name}` : f1.name);
}

/** q test of one factor of the last dense overlay table (rows = factor 1, columns = factor 2), from its margins. */
function marginTest(ctx: Context, L1: number, L2: number, rows: boolean, opts: ResolvedOptions, name: string): QTest {
  const L = rows ? L1 : L2;
  const count = new Float64Array(L);
  const sum = new Float64Array(L);
  if (ctx.lastCells !== L1 * L2) throw new Error("internal: no dense overlay table to take margins from");
  for (let h1 = 0; h1 < L1; h1++)
    for (let h2 = 0; h2 < L2; h2++) {
      const h = rows ? h1 : h2;
      count[h] += ctx.count[h1 * L2 + h2];
      sum[h] += ctx.sum[h1 * L2 + h2];
    }
  return qTest(count, sum, ctx.mean, ctx.sumSq, opts, name);
}

/** Overlay of two factors with very many level combinations: compact the key through a Map. */
function sparseOverlayTest(ctx: Context, f1: EncodedFactor, f2: EncodedFactor, opts: ResolvedOptions): QTest {
  const index = new Map<number, number>();
  const counts: number[] = [];
  const sums: number[] = [];
  for (let i = 0; i < ctx.d.length; i++) {
    const key = f1.codes[i] * f2.L + f2.codes[i];
    let h = index.get(key);
    if (h === undefined) {
      h = counts.length;
      index.set(key, h);
      counts.push(0);
      sums.push(0);
    }
    counts[h] += 1;
    sums[h] += ctx.d[i];
  }
  return qTest(Float64Array.from(counts), Float64Array.from(sums), ctx.mean, ctx.sumSq, opts, `${f1.name} x ${f2.name}`);
}

function pairResult(f1: EncodedFactor, f2: EncodedFactor, q1: number, q2: number, t: QTest): InteractionPair {
  return {
    a: f1.name,
    b: f2.name,
    q1,
    q2,
    q12: t.q,
    pValue: t.pValue,
    F: t.F,
    lambda: t.lambda,
    L12: t.L,
    N: t.N,
    singletons: t.singletons,
    min: Math.min(q1, q2),
    max: Math.max(q1, q2),
    sum: q1 + q2,
    type: interactionType(q1, q2, t.q),
  };
}

/** Validate the factor list: at least two, named, each with codes or values. */
export function checkFactors(factors: NamedFactor[]): FactorValues[] {
  if (!Array.isArray(factors) || factors.length < 2)
    throw new CoordError("TOO_FEW", `factors has ${factors?.length ?? 0} entr${factors?.length === 1 ? "y" : "ies"}; at least 2 are needed`, {
      argument: "factors",
    });
  const seen = new Set<string>();
  return factors.map((f, k) => {
    if (!f || typeof f.name !== "string" || f.name === "")
      throw new CoordError("OPTION", `factors entry ${k + 1} has no name`, { argument: "factors", row: k });
    if (seen.has(f.name)) throw new CoordError("OPTION", `factors has two entries named '${f.name}'`, { argument: "factors", row: k });
    seen.add(f.name);
    const x = f.codes ?? f.values;
    if (!x) throw new CoordError("MISSING", `factor '${f.name}' has neither codes nor values`, { argument: f.name });
    return x;
  });
}

function hasMissing(yMissing: Uint8Array | null, xs: FactorValues[]): boolean {
  if (yMissing && yMissing.some((v) => v === 1)) return true;
  return xs.some((x) => {
    if (x instanceof Int32Array) return false;
    for (let i = 0; i < x.length; i++) if (isMissing(x[i])) return true;
    return false;
  });
}

function tooFew(opts: ResolvedOptions, n: number): CoordError {
  return new CoordError("TOO_FEW", `${opts.yName} has ${n} complete row${n === 1 ? "" : "s"}; at least 2 are needed`, { argument: opts.yName });
}
