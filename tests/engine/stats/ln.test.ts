import { MIN_NORMAL, ln, lnNormal } from "../../../src/engine/stats/ln";

/** A seeded uniform generator (Park–Miller). */
function uniform(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

describe("ln (the entropy weights' logarithm)", () => {
  it("is within ε·max(1, |ln x|) of Math.log over (0, 1], around 1 and from 1e-300 to 1e300", () => {
    const r = uniform(7);
    let worst = 0;
    for (let i = 0; i < 300_000; i++) {
      const x = i % 3 === 0 ? r() : i % 3 === 1 ? 1 + (r() - 0.5) * 1e-3 : Math.exp((r() - 0.5) * 1380);
      const expected = Math.log(x);
      const err = Math.abs(ln(x) - expected) / Math.max(1, Math.abs(expected));
      if (err > worst) worst = err;
    }
    expect(worst).toBeLessThanOrEqual(Number.EPSILON);
  });
  it("is exact at the powers of two and at 1, and gives Math.log's special values", () => {
    for (let e = -1022; e <= 1023; e += 7) expect(ln(2 ** e)).toBe(Math.log(2 ** e));
    expect(ln(1)).toBe(0);
    expect(ln(0)).toBe(-Infinity);
    expect(ln(Infinity)).toBe(Infinity);
    expect(ln(-1)).toBeNaN();
    expect(ln(NaN)).toBeNaN();
    expect(ln(5e-324)).toBe(Math.log(5e-324)); // subnormal: Math.log
  });
  it("lnNormal is ln on the positive normal numbers, up to the largest double and down to 2^-1022", () => {
    const r = uniform(11);
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      // the two ends of the normal range (a mantissa rounding up at 2^1024 - ...), and all of it
      const x = i % 3 === 0 ? Number.MAX_VALUE * (1 - r() * 1e-3) : i % 3 === 1 ? MIN_NORMAL * (1 + r() * 1e-3) : Math.exp((r() - 0.5) * 1416);
      expect(lnNormal(x)).toBe(ln(x));
      const expected = Math.log(x);
      worst = Math.max(worst, Math.abs(lnNormal(x) - expected) / Math.max(1, Math.abs(expected)));
    }
    expect(worst).toBeLessThanOrEqual(Number.EPSILON);
    expect(lnNormal(Number.MAX_VALUE)).toBe(Math.log(Number.MAX_VALUE)); // 709.782712893384
    expect(lnNormal(MIN_NORMAL)).toBe(Math.log(MIN_NORMAL)); // -708.3964185322641
    expect(lnNormal(1)).toBe(0);
  });
});
