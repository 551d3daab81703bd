/**
 * The seeded random stream of the permutation tests (M12): xoshiro128** (Blackman & Vigna)
 * seeded through splitmix32, so that a permutation p-value depends only on the data, the
 * weights, R and the seed — recalculating a cell or re-running a report never changes it.
 * Our own generator (not Math.random, not R's Mersenne Twister): the p-values of R's
 * moran.mc cannot be reproduced, only the statistic (see reference/spatial/README.md).
 */

/** A function returning uniform 32-bit unsigned integers. */
export type Uint32Source = () => number;

/** Default seed of every permutation test. */
export const DEFAULT_SEED = 1;

/**
 * xoshiro128** seeded with `seed` (any integer; non-integers are truncated).
 *
 * @example
 * const next = seededUint32(1);
 * next() === seededUint32(1)(); // => true
 */
export function seededUint32(seed: number): Uint32Source {
  let [s0, s1, s2, s3] = seededState(seed);
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}

/** The initial xoshiro128** state of a seed, through splitmix32. */
function seededState(seed: number): [number, number, number, number] {
  let x = Math.trunc(seed) >>> 0;
  const split = (): number => {
    // splitmix32: spreads a small seed over the 128-bit state
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s: [number, number, number, number] = [split(), split(), split(), split()];
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return s;
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

/**
 * A uniform integer in [0, m) from a 32-bit source (multiply-shift; the bias, below m/2³², is
 * negligible for the unit counts of a panel).
 *
 * @example
 * const next = seededUint32(7);
 * const k = randomBelow(next, 10);
 * k >= 0 && k < 10 && Number.isInteger(k); // => true
 */
export function randomBelow(next: Uint32Source, m: number): number {
  return Math.floor((next() / 4294967296) * m);
}

/**
 * Fisher–Yates shuffle of `a` in place, drawing from `next`.
 *
 * @example
 * const a = Float64Array.from([1, 2, 3, 4]);
 * shuffleInPlace(a, seededUint32(3));
 * Array.from(a).sort().join(","); // => "1,2,3,4"
 */
export function shuffleInPlace(a: Float64Array | Int32Array | number[], next: Uint32Source): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomBelow(next, i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * A seeded shuffler for the permutation loops: the same xoshiro128** stream as seededUint32(seed),
 * with the generator inlined in the shuffle (half the time of calling a closure per draw).
 *
 * @example
 * const a = Float64Array.from([1, 2, 3, 4, 5]);
 * const b = Float64Array.from([1, 2, 3, 4, 5]);
 * new Shuffler(9).shuffle(a);
 * shuffleInPlace(b, seededUint32(9));
 * Array.from(a).join() === Array.from(b).join(); // => true
 */
export class Shuffler {
  private s: Uint32Array;

  constructor(seed: number) {
    // the state seededUint32 starts from
    const probe = seededState(seed);
    this.s = Uint32Array.from(probe);
  }

  shuffle(a: Float64Array): void {
    let s0 = this.s[0] | 0;
    let s1 = this.s[1] | 0;
    let s2 = this.s[2] | 0;
    let s3 = this.s[3] | 0;
    for (let i = a.length - 1; i > 0; i--) {
      const m = Math.imul(s1, 5);
      const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const j = Math.floor((result / 4294967296) * (i + 1));
      const v = a[i];
      a[i] = a[j];
      a[j] = v;
    }
    this.s[0] = s0;
    this.s[1] = s1;
    this.s[2] = s2;
    this.s[3] = s3;
  }
}
