/**
 * Issue 11: every loop in src/engine/geodetector is bounded and non-finite intermediates are a
 * clear error. The standard-deviation breaks looped for ever when the factor's SD overflowed (a
 * value ≳ 1e154 from the mean: d² overflows, the SD was NaN) or underflowed to 0 (spread ≲
 * 1e-162); the SD is now computed on deviations scaled by a power of two (the same bits
 * wherever the unscaled sum neither overflows nor underflows), and values whose mean or range
 * overflows are an UNDEFINED error. Through the engine and the cells (BREAKS/DISCRETIZE "sd",
 * GEOQ "optimal"). Engine results carry no NaN or infinite number (F = ∞ when q = 1 and the
 * risk detector's df = NaN for extreme spreads are now null with a reason, or finite).
 */
import { discretize, prepareNumericFactor } from "../../../src/engine/geodetector/discretize";
import { optimalDiscretization } from "../../../src/engine/geodetector/optimal";
import { riskDetector } from "../../../src/engine/geodetector/riskDetector";
import { ecologicalDetector } from "../../../src/engine/geodetector/ecologicalDetector";
import { breaksImpl, discretizeImpl } from "../../../src/functions/impl/discretize";
import { geoqImpl } from "../../../src/functions/impl/geodetector";
import { CoordError } from "../../../src/engine/errors";

const col = (v: unknown[]) => v.map((x) => [x]);
const overflowing = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1e155]; // d² of the last value overflows
const underflowing = Array.from({ length: 10 }, (_, i) => i * 1e-163); // d² underflows to 0
const y = [3.1, 2.2, 5.3, 4.4, 6.5, 5.6, 8.7, 7.8, 9.9, 9.0];

function increasingFinite(b: number[]): void {
  b.forEach((v) => expect(Number.isFinite(v)).toBe(true));
  for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThan(b[i - 1]);
}

describe("sd breaks: no endless loop, a finite SD or a clear error", () => {
  it("a value 1e155 from the mean: the SD is finite (scaled), the breaks increase", () => {
    const f = prepareNumericFactor(overflowing, "x");
    expect(Number.isFinite(f.sd) && f.sd > 0).toBe(true);
    expect(f.sd / 1e155).toBeCloseTo(Math.sqrt(0.1), 12); // mean ≈ 1e154: SS ≈ 9·1e308 + 81e308, sd = √(90e308/9)
    increasingFinite(discretize(overflowing, { method: "sd", k: 3 }).breaks);
  });
  it("a spread of 1e-163: the SD is positive (scaled), the breaks increase", () => {
    const f = prepareNumericFactor(underflowing, "x");
    expect(f.sd).toBeGreaterThan(0);
    expect(f.sd / 1e-163).toBeCloseTo(Math.sqrt(82.5 / 9), 12);
    increasingFinite(discretize(underflowing, { method: "sd", k: 4 }).breaks);
  });
  it("values whose sum overflows: UNDEFINED naming the factor, for sd and for the optimal grid", () => {
    const huge = [-1e308, 1e308, 1e308, 1e308, 5e307];
    expect(() => discretize(huge, { method: "sd", k: 3, argument: "GDP" })).toThrow(
      /^GDP: the values \(-1e\+308 to 1e\+308\) are too large to compute standard-deviation breaks with/,
    );
    let e: unknown;
    try {
      optimalDiscretization([1, 2, 3, 4, 5], huge, { argument: "GDP" });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(CoordError);
    expect((e as CoordError).message).toMatch(/^no discretization of GDP is usable/);
  });
  it("the optimal grid skips the candidates that cannot be computed, with the reason", () => {
    const r = optimalDiscretization(y, overflowing, { ks: [3, 4] });
    expect(Number.isFinite(r.best.q)).toBe(true);
    const natural = r.grid.filter((c) => c.method === "natural");
    natural.forEach((c) => expect(c.skipped).toMatch(/too large to compute with/));
  });
});

describe("through the cells", () => {
  it('BREAKS and DISCRETIZE "sd" on an overflowing and an underflowing SD', () => {
    for (const x of [overflowing, underflowing]) {
      const b = breaksImpl(col(x), "sd", 3).map((r) => r[0] as number);
      increasingFinite(b);
      const c = discretizeImpl(col(x), "sd", 3).map((r) => r[0] as number);
      expect(c).toHaveLength(10);
      c.forEach((h) => expect(h).toBeGreaterThanOrEqual(1));
    }
    expect(() => breaksImpl(col([-1e308, 1e308, 1e308, 1e308]), "sd", 2)).toThrow(/too large to compute standard-deviation breaks/);
  });
  it('GEOQ "optimal" returns a finite q (no hang)', () => {
    for (const x of [overflowing, underflowing]) {
      const r = geoqImpl(col(y), col(x), null, "optimal", "3:4");
      expect(r[0][0]).toBeGreaterThanOrEqual(0);
      expect(r[0][0]).toBeLessThanOrEqual(1);
    }
  });
});

describe("no non-finite field in the detectors' results", () => {
  it("risk detector: Welch df finite for spreads of 1e±100 (the squares of s²/n used to make it NaN)", () => {
    for (const s of [1e-100, 1e100]) {
      const r = riskDetector(
        [1, 2, 3, 5, 7, 9].map((v) => v * s),
        ["a", "a", "a", "b", "b", "b"],
      );
      const p = r.pairs[0];
      expect(Number.isFinite(p.df!)).toBe(true);
      expect(Number.isFinite(p.t!)).toBe(true);
      // df of (1, 2, 3) vs (5, 7, 9): s1² = 1, s2² = 4, n = 3: (5/3)² / ((1/3)²/2 + (4/3)²/2) = 50/17
      expect(p.df!).toBeCloseTo(50 / 17, 12);
    }
    const big = riskDetector([1e160, 2e160, 3e160, 5e160, 7e160, 9e160], ["a", "a", "a", "b", "b", "b"]);
    expect(big.pairs[0]).toMatchObject({ t: null, df: null, pValue: null, reason: expect.stringMatching(/too large to compute with/) });
  });
  it("ecological detector: SSW of the other factor 0: F null with the reason, p = 0", () => {
    const r = ecologicalDetector(
      [1, 2, 3, 10, 11, 12],
      [
        { name: "a", values: ["p", "p", "q", "q", "r", "r"] },
        { name: "b", values: [1, 2, 3, 4, 5, 6] },
      ],
    );
    const ab = r.pairs.find((p) => p.a === "a")!;
    expect(ab.F).toBeNull();
    expect(ab.pValue).toBe(0);
    expect(ab.reason).toMatch(/F is infinite/);
  });
});
