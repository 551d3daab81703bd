/**
 * Seeded synthetic data for the benchmarks, in the spirit of ../shared/reference/perf: y depends
 * non-linearly on continuous positive factors c1..c7 plus noise; x1..x7 are 6 classes of c1..c7
 * with class sizes 10/15/20/25/15/15 %.
 */

/** mulberry32: a small, fast, seeded PRNG in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller. */
export function normal(r: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

const CUTS = [0.1, 0.25, 0.45, 0.7, 0.85, 1];

export interface GeoData {
  y: Float64Array;
  c: Float64Array[]; // continuous factors
  x: Int32Array[]; // 6-class codes of c by the fixed class sizes
}

/** N rows, `factors` continuous factors and their 6-class codes. */
export function geoData(N: number, factors = 7, seed = 42): GeoData {
  const r = rng(seed);
  const z = normal(r);
  const c: Float64Array[] = [];
  const x: Int32Array[] = [];
  for (let f = 0; f < factors; f++) {
    const cf = new Float64Array(N);
    const xf = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      const u = r();
      cf[i] = Math.exp(1 + 0.5 * z()) * (1 + f * 0.1) + u; // positive, skewed
      let k = 0;
      while (u >= CUTS[k]) k++;
      xf[i] = k;
    }
    c.push(cf);
    x.push(xf);
  }
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let f = 0; f < Math.min(6, factors); f++) s += Math.sin(x[f][i] * (f + 1)) + 0.05 * c[f][i];
    y[i] = s + z();
  }
  return { y, c, x };
}
