import { CoordError } from "../errors";
import {
  DetectorOptions,
  EncodedFactor,
  QTest,
  FactorValues,
  ResolvedOptions,
  completeRows,
  isMissing,
  encodeFactor,
  qTest,
  readOptions,
  readY,
  subsetY,
} from "./detectorCore";

/** A named factor: categorical values or precomputed Int32Array codes 0..L-1. */
export interface NamedFactor {
  name: string;
  /** Precomputed codes 0..L-1 (takes precedence over `values`). */
  codes?: Int32Array;
  /** Categorical values (numbers or text). */
  values?: ArrayLike<unknown>;
}

/** The five interaction types of METHODS.md M8 (GD/gdverse rule). */
export type InteractionType = "Weaken, nonlinear" | "Weaken, uni-variable" | "Enhance, bi-variable" | "Independent" | "Enhance, nonlinear";

/** One pair of factors. */
export interface InteractionPair {
  a: string;
  b: string;
  q1: number;
  q2: number;
  /** q of the overlay strata (x1 ∩ x2). */
  q12: number;
  /** F-test p of q12 on the overlay strata (non-central F, as the factor detector); 0 when q12 = 1; null when N = L12. */
  pValue: number | null;
  /** Central F p of q12 (H0: q12 = 0, M8); 0 when q12 = 1; null when N = L12. */
  pCentral: number | null;
  /** F of q12; null when q12 = 1 (infinite) or N = L12: see reason. */
  F: number | null;
  /** Every overlay stratum holds one unit (N = L12): q12 = 1 trivially, never a finding. */
  oneUnitPerStratum: boolean;
  /** Why F or the p-values are null or degenerate, when they are. */
  reason?: string;
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

/** Three-factor overlay tables up to this many cells (16 bytes each: 4096 cells stay in L1/L2 cache). */
const TRIPLE_LIMIT = 4096;

/**
 * Geodetector interaction detector (METHODS.md M8): for every pair of factors, q12 = q of the
 * overlay strata, keyed collision-free as code1·L2 + code2 and compacted (empty cells dropped),
 * its F-test p, and the type from q12 against q1, q2 (|a - b| ≤ 1e-10 counts as equal).
 * Codes, the mean of y and SST are computed once. The pairs are tallied three at a time: one
 * pass over the rows fills the overlay table of three factors, whose margins are the tables of
 * its three pairs and of each factor (7 factors: 7 passes for the 21 pairs and the 7 factors'
 * own q, instead of 21; 2.4x faster).
 *
 * @example
 * interactionDetector([1, 2, 3, 4], [{ name: "a", values: [0, 0, 1, 1] }, { name: "b", values: [0, 1, 0, 1] }]).pairs[0]; // =>
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
    const enc = xs.map((x, k) => encodeFactor(x, names[k], null));
    const { q, tests } = blockTests(context(yv.values), enc, opts);
    for (let i = 0; i < enc.length; i++) for (let j = i + 1; j < enc.length; j++) pairs.push(pairResult(enc[i], enc[j], q[i], q[j], tests[i][j]!));
    return { pairs };
  }
  // missing 'drop': per pair, on the rows complete for y, x1 and x2 (q1, q2 recomputed there, as PyPI geodetector)
  for (let i = 0; i < xs.length; i++)
    for (let j = i + 1; j < xs.length; j++) {
      const rows = completeRows(yv, [xs[i], xs[j]], [names[i], names[j]], "drop", opts.yName);
      const ys = subsetY(yv.values, rows);
      if (ys.length < 2) throw tooFew(opts, ys.length);
      const f1 = encodeFactor(xs[i], names[i], rows);
      const f2 = encodeFactor(xs[j], names[j], rows);
      const ctx = context(ys);
      pairs.push(pairResult(f1, f2, overlayTest(ctx, f1, null, opts, false).q, overlayTest(ctx, f2, null, opts, false).q, overlayTest(ctx, f1, f2, opts)));
    }
  return { pairs };
}

/**
 * The interaction type of q12 against q1 and q2 (GD/gdverse rule, first match wins), with
 * |a - b| ≤ 1e-10 as equality.
 *
 * @example
 * interactionType(0.5, 0.3, 0.6); // => "Enhance, bi-variable"
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
  /** y; the tallies add the centred value y - mean (computed on the fly, as stratumSums does). */
  y: Float64Array;
  mean: number;
  /** SST = Σ (y - mean)². */
  sumSq: number;
  /** Scratch tallies, grown as needed and reused by every pair. */
  count: Float64Array;
  sum: Float64Array;
}

/** Mean and SST of y, computed once for every pair (the arithmetic of stratumSums). */
function context(y: Float64Array): Context {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] - mean;
    sumSq += v * v;
  }
  return { y, mean, sumSq, count: new Float64Array(64), sum: new Float64Array(64) };
}

/** q test of one factor (f2 = null) or of the overlay f1 ∩ f2, one pass over the rows (p skipped with withP false). */
function overlayTest(ctx: Context, f1: EncodedFactor, f2: EncodedFactor | null, opts: ResolvedOptions, withP = true): QTest {
  const cells = f2 ? f1.L * f2.L : f1.L;
  const { y, mean } = ctx;
  if (cells > DENSE_LIMIT && f2) return sparseOverlayTest(ctx, f1, f2, opts);
  if (ctx.count.length < cells) {
    ctx.count = new Float64Array(cells);
    ctx.sum = new Float64Array(cells);
  }
  const count = ctx.count;
  const sum = ctx.sum;
  count.fill(0, 0, cells);
  sum.fill(0, 0, cells);
  if (f2) tallyPair(f1.codes, f2.codes, f2.L, y, mean, count, sum);
  else tallyPair(f1.codes, f1.codes, 0, y, mean, count, sum); // key code1·0 + code1 = code1
  // qTest skips empty cells: the compaction of the overlay key
  return qTest(count.subarray(0, cells), sum.subarray(0, cells), ctx.mean, ctx.sumSq, opts, f2 ? `${f1.name} x ${f2.name}` : f1.name, withP);
}

/**
 * The hot loop (one pass over the rows): count and centred sum Σ (y - mean) per overlay cell, keyed
 * collision-free as code1·L2 + code2 (METHODS.md M8; peers paste "x1_x2", which can collide).
 * Both tallies in one pass; a small table (36 cells for 6 x 6 strata) stays in L1 cache. A
 * top-level function with plain typed-array parameters keeps V8's code for it monomorphic.
 *
 * @example
 * const count = new Float64Array(4), sum = new Float64Array(4);
 * tallyPair(Int32Array.from([0, 1]), Int32Array.from([1, 1]), 2, Float64Array.from([1, 3]), 2, count, sum);
 * [count, sum]; // => [[0, 1, 0, 1], [0, -1, 0, 1]]
 */
function tallyPair(c1: Int32Array, c2: Int32Array, L2: number, y: Float64Array, mean: number, count: Float64Array, sum: Float64Array): void {
  const n = y.length;
  for (let i = 0; i < n; i++) {
    const h = c1[i] * L2 + c2[i];
    count[h] += 1;
    sum[h] += y[i] - mean;
  }
}

/**
 * Blocks of factors tallied together: triples covering as many pairs as possible (greedy: each
 * uncovered pair (i, j) takes the third factor c that covers most uncovered pairs; for 7 factors
 * this finds the 7 triples of the Fano plane, which cover each pair exactly once), then the pairs
 * left over. A triple is used only if its table has at most TRIPLE_LIMIT cells and it covers at
 * least one pair besides (i, j): one triple pass costs about as much as 1.2 pair passes.
 *
 * @example
 * overlayBlocks([6, 6, 6, 6]); // => [[0, 1, 2], [0, 3, 1], [2, 3]]
 */
function overlayBlocks(L: readonly number[]): number[][] {
  const F = L.length;
  const covered = Array.from({ length: F }, () => new Array<boolean>(F).fill(false));
  const blocks: number[][] = [];
  const cover = (a: number, b: number) => (covered[a][b] = covered[b][a] = true);
  for (let i = 0; i < F; i++)
    for (let j = i + 1; j < F; j++) {
      if (covered[i][j]) continue;
      let best = -1;
      let bestNew = 0;
      for (let c = 0; c < F; c++) {
        if (c === i || c === j || L[i] * L[j] * L[c] > TRIPLE_LIMIT) continue;
        const fresh = (covered[i][c] ? 0 : 1) + (covered[j][c] ? 0 : 1);
        if (fresh > bestNew) {
          best = c;
          bestNew = fresh;
        }
      }
      if (best < 0) continue; // left to a pair pass below
      blocks.push([i, j, best]);
      cover(i, j);
      cover(i, best);
      cover(j, best);
    }
  for (let i = 0; i < F; i++) for (let j = i + 1; j < F; j++) if (!covered[i][j]) blocks.push([i, j]);
  return blocks;
}

/**
 * The q test of every pair (tests[i][j], i < j) and the q of every factor, from one pass over
 * the rows per block (see overlayBlocks). A block's table is indexed row-major by the codes of
 * its factors; its margins give the pair and factor tables (counts exact; a pair's sums add the
 * block's cells in code order instead of the rows in row order, the same to rounding).
 */
function blockTests(ctx: Context, enc: EncodedFactor[], opts: ResolvedOptions): { q: number[]; tests: Array<Array<QTest | null>> } {
  const F = enc.length;
  const q = new Array<number>(F).fill(NaN);
  const tests: Array<Array<QTest | null>> = Array.from({ length: F }, () => new Array<QTest | null>(F).fill(null));
  for (const block of overlayBlocks(enc.map((f) => f.L))) {
    const [a, b] = block;
    const dims = block.map((f) => enc[f].L);
    const cells = dims.reduce((p, L) => p * L, 1);
    if (cells > DENSE_LIMIT) {
      // a pair with very many level combinations (triples are small): compacted through a Map
      tests[a][b] = sparseOverlayTest(ctx, enc[a], enc[b], opts);
      continue;
    }
    const table = tallyBlock(
      ctx,
      block.map((f) => enc[f]),
      cells,
    );
    for (let s = 0; s < block.length; s++) {
      const f = block[s];
      if (Number.isNaN(q[f])) {
        const m = margin(table, dims, [s]);
        q[f] = qTest(m.count, m.sum, ctx.mean, ctx.sumSq, opts, enc[f].name, false).q; // q only: no p
      }
      for (let t = s + 1; t < block.length; t++) {
        const g = block[t];
        const [i, j] = f < g ? [f, g] : [g, f];
        if (tests[i][j]) continue;
        const m = block.length === 2 ? table : margin(table, dims, f < g ? [s, t] : [t, s]);
        tests[i][j] = qTest(m.count, m.sum, ctx.mean, ctx.sumSq, opts, `${enc[i].name} x ${enc[j].name}`);
      }
    }
  }
  // factors whose every pair was sparse: a pass of their own
  for (let f = 0; f < F; f++) if (Number.isNaN(q[f])) q[f] = overlayTest(ctx, enc[f], null, opts, false).q;
  return { q, tests };
}

/** Counts and centred sums of y per cell of a dense overlay table. */
interface Table {
  count: Float64Array;
  sum: Float64Array;
}

/** The overlay table of a block of 2 or 3 factors in the context's scratch arrays (valid until the next tally). */
function tallyBlock(ctx: Context, fs: EncodedFactor[], cells: number): Table {
  if (ctx.count.length < cells) {
    ctx.count = new Float64Array(cells);
    ctx.sum = new Float64Array(cells);
  }
  const count = ctx.count.subarray(0, cells);
  const sum = ctx.sum.subarray(0, cells);
  count.fill(0);
  sum.fill(0);
  if (fs.length === 3) tallyTriple(fs[0].codes, fs[1].codes, fs[2].codes, fs[1].L, fs[2].L, ctx.y, ctx.mean, count, sum);
  else tallyPair(fs[0].codes, fs[1].codes, fs[1].L, ctx.y, ctx.mean, count, sum);
  return { count, sum };
}

/**
 * The three-factor hot loop: as tallyPair with the key (code1·L2 + code2)·L3 + code3.
 *
 * @example
 * const count = new Float64Array(8), sum = new Float64Array(8);
 * const c = Int32Array.from([0, 1]);
 * tallyTriple(c, c, c, 2, 2, Float64Array.from([1, 3]), 2, count, sum);
 * [count[0], count[7], sum[0]]; // => [1, 1, -1]
 */
function tallyTriple(
  c1: Int32Array,
  c2: Int32Array,
  c3: Int32Array,
  L2: number,
  L3: number,
  y: Float64Array,
  mean: number,
  count: Float64Array,
  sum: Float64Array,
): void {
  const n = y.length;
  for (let i = 0; i < n; i++) {
    const h = (c1[i] * L2 + c2[i]) * L3 + c3[i];
    count[h] += 1;
    sum[h] += y[i] - mean;
  }
}

/**
 * Margin of a dense table (row-major, dimensions dims, last fastest) onto the axes in keep (in
 * that order): cells are added in row-major order.
 *
 * @example
 * margin({ count: Float64Array.from([1, 2, 3, 4]), sum: Float64Array.from([1, 1, 1, 1]) }, [2, 2], [1]).count; // => [4, 6]
 */
function margin(table: Table, dims: number[], keep: number[]): Table {
  const size = keep.reduce((p, k) => p * dims[k], 1);
  const count = new Float64Array(size);
  const sum = new Float64Array(size);
  const idx = new Array<number>(dims.length).fill(0);
  for (let cell = 0; cell < table.count.length; cell++) {
    let o = 0;
    for (const k of keep) o = o * dims[k] + idx[k];
    count[o] += table.count[cell];
    sum[o] += table.sum[cell];
    for (let ax = dims.length - 1; ax >= 0; ax--) {
      if (++idx[ax] < dims[ax]) break;
      idx[ax] = 0;
    }
  }
  return { count, sum };
}

/** Overlay of two factors with very many level combinations: compact the key through a Map. */
function sparseOverlayTest(ctx: Context, f1: EncodedFactor, f2: EncodedFactor, opts: ResolvedOptions): QTest {
  const index = new Map<number, number>();
  const counts: number[] = [];
  const sums: number[] = [];
  for (let i = 0; i < ctx.y.length; i++) {
    const key = f1.codes[i] * f2.L + f2.codes[i];
    let h = index.get(key);
    if (h === undefined) {
      h = counts.length;
      index.set(key, h);
      counts.push(0);
      sums.push(0);
    }
    counts[h] += 1;
    sums[h] += ctx.y[i] - ctx.mean;
  }
  return qTest(Float64Array.from(counts), Float64Array.from(sums), ctx.mean, ctx.sumSq, opts, `${f1.name} x ${f2.name}`);
}

function pairResult(f1: EncodedFactor, f2: EncodedFactor, q1: number, q2: number, t: QTest): InteractionPair {
  const out: InteractionPair = {
    a: f1.name,
    b: f2.name,
    q1,
    q2,
    q12: t.q,
    pValue: t.pValue,
    pCentral: t.pCentral,
    F: t.F,
    oneUnitPerStratum: t.oneUnitPerStratum,
    lambda: t.lambda,
    L12: t.L,
    N: t.N,
    singletons: t.singletons,
    min: Math.min(q1, q2),
    max: Math.max(q1, q2),
    sum: q1 + q2,
    type: interactionType(q1, q2, t.q),
  };
  if (t.reason) out.reason = t.reason;
  return out;
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
