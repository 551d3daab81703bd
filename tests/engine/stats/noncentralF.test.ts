import { ncfUpperP } from "../../../src/engine/stats/noncentralF";
import { fUpperP } from "../../../src/engine/stats/fDistribution";

// Independent values: scipy.stats.ncf.sf 1.17.1 (Boost), each cross-checked against an mpmath
// (60 digits) Poisson sum of betainc upper tails: agreement ≤ 3.3e-14 relative.
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("ncfUpperP: non-central F upper tail (METHODS.md M8)", () => {
  it.each([
    // [f, d1, d2, λ, scipy ncf.sf]
    [38.735507560362024, 8, 176, 152.04007465989056, 0.00011699043915417574], // CollectData watershed, ddof 1
    [28.256118897688417, 4, 180, 101.37462679678531, 0.363236288149706], // CollectData soiltype, ddof 1
    [3.0, 2, 10, 1.5, 0.2327844938777102],
    [0.5, 3, 20, 0.1, 0.6973612536190108],
    [10, 5, 50, 2.0, 2.095352214366005e-5],
    [25, 6, 700, 40, 4.244688467349172e-8],
    [60, 2, 40, 5, 6.2000526988870495e-9],
    [80, 4, 708, 300, 0.33366324941537145],
    [200, 4, 708, 900, 0.9220964870465709],
    [150, 10, 1000, 1500, 0.5383036213307885],
    [600, 8, 5000, 5000, 0.8883904619942147],
    [12, 12, 100000, 100, 0.06712612601578923],
    [1.5, 5, 1e5, 3.0, 0.46905305640507045],
    [2.0, 1, 1, 0.5, 0.46190342985607],
    [1e-3, 3, 30, 5, 0.9999963214824478],
    [1.2, 3, 30, 5, 0.7980846601389784],
  ])("F=%p (%p, %p; λ=%p)", (f, d1, d2, lambda, p) => expect(rel(ncfUpperP(f, d1, d2, lambda), p)).toBeLessThan(1e-12));

  it.each([
    // tiny p, far below 1e-8: [f, d1, d2, λ, scipy ncf.sf]
    [50, 8, 176, 20, 4.084419147712909e-27],
    [120, 6, 178, 30, 5.84925781115669e-39],
    [40, 20, 200, 30, 1.0280508473441315e-41],
    [200, 4, 708, 50, 3.4016826453667285e-66],
    [300, 3, 300, 10, 1.3572236176678074e-72],
    [1000, 5, 1000, 200, 1.3654471661929578e-237],
  ])("tiny p: F=%p (%p, %p; λ=%p)", (f, d1, d2, lambda, p) => expect(rel(ncfUpperP(f, d1, d2, lambda), p)).toBeLessThan(1e-12));

  it("underflows to 0 only below double range (true value 1.3e-493 by mpmath)", () => {
    expect(ncfUpperP(2000, 8, 1000, 100)).toBe(0);
  });
  it("reduces to the central F at λ = 0 and decreases in F, increases in λ", () => {
    expect(ncfUpperP(3.708, 3, 10, 0)).toBe(fUpperP(3.708, 3, 10));
    expect(ncfUpperP(3, 4, 50, 10)).toBeGreaterThan(ncfUpperP(4, 4, 50, 10));
    expect(ncfUpperP(3, 4, 50, 20)).toBeGreaterThan(ncfUpperP(3, 4, 50, 10));
  });
  it("handles the edges: F ≤ 0 -> 1, F = ∞ -> 0, bad parameters -> NaN (callers validate)", () => {
    expect(ncfUpperP(0, 2, 3, 1)).toBe(1);
    expect(ncfUpperP(Infinity, 2, 3, 1)).toBe(0);
    expect(ncfUpperP(1, 0, 3, 1)).toBeNaN();
    expect(ncfUpperP(1, 2, 3, -1)).toBeNaN();
  });
});
