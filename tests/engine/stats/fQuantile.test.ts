import { fQuantile } from "../../../src/engine/stats/fQuantile";
import { fUpperP } from "../../../src/engine/stats/fDistribution";
import { CoordError } from "../../../src/engine/errors";

// Independent values: scipy.stats.f.ppf 1.17.1 (R's qf gives the same digits).
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("fQuantile: central F quantile (GD ecological rule, METHODS.md M8)", () => {
  it.each([
    [0.9, 184, 184, 1.2084666653438219], // F_0.9(N-1, N-1) on the Heshun data (N = 185)
    [0.9, 712, 712, 1.1008785722017067], // ndvi_40 (N = 713)
    [0.05, 184, 184, 0.7841552503921126],
    [0.5, 3, 7, 0.870944253187285],
    [1e-10, 2, 5, 1.00000000007e-10],
    [0.999999, 4, 9, 68.135485847548],
    [0.9, 1, 1, 39.86345818906141],
    [0.95, 2, 1000000, 2.995741247983768],
  ])("F_%p(%p, %p)", (p, d1, d2, q) => expect(rel(fQuantile(p, d1, d2), q)).toBeLessThan(1e-12));

  it("inverts fUpperP in the upper tail", () => {
    for (const [p, d1, d2] of [
      [0.7, 5, 12],
      [0.99, 30, 2.5],
      [0.999999, 1, 200],
    ])
      expect(rel(fUpperP(fQuantile(p, d1, d2), d1, d2), 1 - p)).toBeLessThan(1e-9);
  });
  it("keeps digits in the far lower tail (scipy f.ppf(0.001, 1, 200) = 1.5747290447638167e-06)", () => {
    expect(rel(fQuantile(0.001, 1, 200), 1.5747290447638167e-6)).toBeLessThan(1e-12);
  });
  it("gives 0 and Infinity at the ends", () => {
    expect(fQuantile(0, 3, 4)).toBe(0);
    expect(fQuantile(1, 3, 4)).toBe(Infinity);
  });
  it.each([
    [1.5, 3, 4, "prob must be a probability in [0, 1]; got 1.5"],
    [NaN, 3, 4, "prob must be a probability in [0, 1]; got NaN"],
    [0.5, 0, 4, "d1 must be a positive number of degrees of freedom; got 0"],
    [0.5, 3, -1, "d2 must be a positive number of degrees of freedom; got -1"],
  ])("rejects prob=%p d1=%p d2=%p", (p, d1, d2, msg) => {
    expect(() => fQuantile(p, d1, d2)).toThrow(CoordError);
    expect(() => fQuantile(p, d1, d2)).toThrow(msg);
    try {
      fQuantile(p, d1, d2);
    } catch (e) {
      expect((e as CoordError).code).toBe("OPTION");
    }
  });
});
