import fc from "fast-check";
import { ols } from "../../../src/engine/stats/ols";
import { CoordError } from "../../../src/engine/errors";
import { expectCoordErrorExact } from "../../helpers";

function expectClose(actual: number | null, expected: number, tol: number, label: string): void {
  if (actual === null || !(Math.abs(actual - expected) <= tol)) throw new Error(`${label}: got ${actual}, expected ${expected} (tol ${tol})`);
}
const rel = (a: number | null, e: number, label: string) => expectClose(a, e, 1e-6 * Math.abs(e), label);

// Independent values: numpy.linalg.lstsq + scipy.stats (t, f) 1.17, cluster CR1 by hand in numpy.
describe("ols: simple regression with intercept", () => {
  const r = ols([1, 3, 5, 7.5], [[0], [1], [2], [3]]);
  it("coefficients, SE, t, p, R², F", () => {
    expect(r.names).toEqual(["const", "x1"]);
    expect([r.n, r.k, r.dfResid, r.hasConst]).toEqual([4, 2, 2, true]);
    expectClose(r.coef[0], 0.8999999999999999, 1e-12, "b0");
    expectClose(r.coef[1], 2.1500000000000004, 1e-12, "b1");
    rel(r.se[0], 0.16201851746019658, "se0");
    rel(r.se[1], 0.0866025403784439, "se1");
    rel(r.t[0], 5.554920598635306, "t0");
    rel(r.t[1], 24.8260615751539, "t1");
    rel(r.p[0], 0.03091257629530212, "p0");
    rel(r.p[1], 0.001618560542970078, "p1");
    expectClose(r.rss, 0.075, 1e-12, "rss");
    expectClose(r.r2Centered, 0.9967654986522911, 1e-12, "r2c");
    expectClose(r.r2Uncentered, 0.9991780821917808, 1e-12, "r2u");
    expect(r.r2).toBe(r.r2Centered);
    rel(r.F, 616.333333333333, "F");
    expect(r.fDf).toEqual([1, 2]);
    rel(r.fP, 0.001618560542970078, "F p");
  });
});

describe("ols: two regressors, 4 clusters", () => {
  const x1 = [0.001, 0.299, -0.274, -0.891, -0.455, -0.992, 0.06, 1.34, -0.492, -0.62, 0.49, 0.357];
  const x2 = [0.105, -0.93, -0.029, 0.695, -1.344, -0.458, -1.901, -1.29, -1.842, -0.235, -1.267, 0.271];
  const y = [0.838, 2.953, 0.166, -0.997, 3.446, 1.454, 4.373, 4.107, 4.144, 0.917, 4.097, 0.394];
  const cl = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4];
  const X = x1.map((v, i) => [v, x2[i]]);

  it("without intercept: uncentred R², F on all coefficients, CR1 cluster SE with df G - 1", () => {
    const r = ols(y, X, { intercept: false, names: ["a", "b"], cluster: cl });
    expect(r.names).toEqual(["a", "b"]);
    expectClose(r.coef[0], 0.23013456590967396, 1e-12, "b1");
    expectClose(r.coef[1], -2.535095600570317, 1e-12, "b2");
    rel(r.se[0], 0.32822165568297873, "se1");
    rel(r.se[1], 0.19656755318735533, "se2");
    rel(r.p[0], 0.49919639345720385, "p1");
    rel(r.p[1], 1.4791767294464316e-7, "p2");
    expectClose(r.rss, 5.223429608840402, 1e-12, "rss");
    expectClose(r.r2Centered, 0.8678000744513884, 1e-12, "r2c");
    expectClose(r.r2Uncentered, 0.9452343811472926, 1e-12, "r2u");
    expect(r.r2).toBe(r.r2Uncentered);
    rel(r.F, 86.29815575438936, "F");
    expect(r.fDf).toEqual([2, 10]);
    rel(r.fP, 4.926517137233914e-7, "F p");
    expect(r.cluster!.nClusters).toBe(4);
    expect(r.cluster!.df).toBe(3);
    expectClose(r.cluster!.correction, (4 / 3) * (11 / 10), 1e-15, "CR1 factor");
    rel(r.cluster!.se[0], 0.4406158108633952, "cl se1");
    rel(r.cluster!.se[1], 0.1259836436542112, "cl se2");
    rel(r.cluster!.p[0], 0.637575386290426, "cl p1");
    rel(r.cluster!.p[1], 0.00026827635718920884, "cl p2");
  });

  it("with intercept: centred R² reported", () => {
    const r = ols(y, X, { cluster: cl.map(String) });
    expect(r.names).toEqual(["const", "x1", "x2"]);
    [0.83252751435897, 0.5488708006545704, -2.0118772960562663].forEach((b, j) => expectClose(r.coef[j], b, 1e-12, `b${j}`));
    [0.11812861752177695, 0.1428550987258954, 0.10998860602322895].forEach((s, j) => rel(r.se[j], s, `se${j}`));
    [6.001514081425798e-5, 0.003953496654032135, 1.9925955341361952e-8].forEach((p, j) => rel(r.p[j], p, `p${j}`));
    expectClose(r.r2, 0.9797201967502951, 1e-12, "r2");
    expectClose(r.adjR2, 1 - ((1 - 0.9797201967502951) * 11) / 9, 1e-12, "adj r2");
    [0.055230715759616175, 0.10836473182313186, 0.10820985180921162].forEach((s, j) => rel(r.cluster!.se[j], s, `cl se${j}`));
    [0.0006338382603545639, 0.01485616364988284, 0.00033959569849228467].forEach((p, j) => rel(r.cluster!.p[j], p, `cl p${j}`));
  });
});

describe("ols: properties", () => {
  it("recovers β exactly (to rounding) on exact data y = Xβ", () => {
    const coef = fc.double({ min: -10, max: 10, noNaN: true });
    // cells on a 0.001 grid (subnormal regressors would make y = Xβ underflow to 0)
    const cell = fc.integer({ min: -5000, max: 5000 }).map((v) => v / 1000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        fc.array(fc.tuple(cell, cell, cell), { minLength: 8, maxLength: 30 }),
        fc.tuple(coef, coef, coef, coef),
        (p, intercept, rows, beta) => {
          const X = rows.map((r) => r.slice(0, p));
          const b = beta.slice(0, p + (intercept ? 1 : 0));
          const y = X.map((r) => (intercept ? b[0] : 0) + r.reduce((s, v, j) => s + v * b[j + (intercept ? 1 : 0)], 0));
          let r;
          try {
            r = ols(y, X, { intercept });
          } catch (e) {
            // random designs can be (nearly) collinear: that must be reported as SINGULAR
            expect((e as CoordError).code).toBe("SINGULAR");
            return;
          }
          const scale = 1 + Math.max(...b.map(Math.abs));
          r.coef.forEach((c, j) => expect(Math.abs(c - b[j])).toBeLessThanOrEqual(1e-6 * scale));
          expect(r.rss).toBeLessThanOrEqual(1e-12 * (1 + y.reduce((s, v) => s + v * v, 0)));
          for (const t of r.t) expect(t === null || Number.isFinite(t)).toBe(true);
          for (const v of [r.F, r.fP, r.r2, r.adjR2]) expect(v === null || Number.isFinite(v)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 20251125 },
    );
  });

  it("an exact fit gives se = 0 and null t, p, F (never NaN or Infinity)", () => {
    const r = ols([0, 0, 0, 0], [[1], [2], [3], [4]], { intercept: false });
    expect(r.coef[0]).toBe(0);
    expect(r.se[0]).toBe(0);
    expect(r.t[0]).toBeNull();
    expect(r.p[0]).toBeNull();
    expect(r.F).toBeNull();
    expect(r.fP).toBeNull();
    expect(r.r2).toBeNull(); // Σy² = 0: uncentred R² undefined
    expect(r.r2Centered).toBeNull();
  });
});

describe("ols errors", () => {
  it("singular designs name the column", () => {
    expectCoordErrorExact(
      () =>
        ols(
          [1, 2, 3, 5],
          [
            [1, 2],
            [2, 4],
            [3, 6],
            [4, 8],
          ],
          { names: ["a", "b"] },
        ),
      "SINGULAR",
      "X column 'b' is a linear combination of the columns before it: the regression design is singular",
    );
    expectCoordErrorExact(
      () => ols([1, 2, 3, 5], [[7], [7], [7], [7]]),
      "SINGULAR",
      "X column 'x1' is a linear combination of the columns before it: the regression design is singular",
    );
    expectCoordErrorExact(
      () => ols([1, 2, 3], [[0], [0], [0]], { intercept: false }),
      "SINGULAR",
      "X column 'x1' is all zero: the regression design is singular",
    );
  });
  it("too few rows, length mismatches, bad cells", () => {
    expectCoordErrorExact(() => ols([1, 2], [[1], [2]]), "TOO_FEW", "2 rows for 2 coefficients: OLS needs more rows than coefficients");
    expectCoordErrorExact(() => ols([1, 2, 3], [[1], [2]]), "LENGTH", "y has 3 values but X has 2");
    expectCoordErrorExact(() => ols([1, 2, 3], [[1], [2, 3], [4]]), "LENGTH", "X row 2 has 2 values; row 1 has 1");
    expectCoordErrorExact(() => ols([1, 2, 3], [[1], ["a"], [4]], { names: ["gdp"] }), "NOT_NUMERIC", `X row 2, column "gdp": text 'a' is not a number`);
    expectCoordErrorExact(() => ols([1, NaN, 3], [[1], [2], [4]]), "NOT_NUMERIC", "y row 2: NaN is not a number");
    expectCoordErrorExact(() => ols([1, 2, 3], [[1], [2], [4]], { names: ["a", "b"] }), "LENGTH", "names has 2 entries but X has 1 columns");
    expectCoordErrorExact(() => ols([], []), "EMPTY", "y is empty");
  });
  it("cluster ids: length, missing, a single cluster", () => {
    const X = [[1], [2], [3], [5]];
    expectCoordErrorExact(() => ols([1, 2, 4, 4], X, { cluster: [1, 1] }), "LENGTH", "cluster has 2 ids but the regression has 4 rows");
    expectCoordErrorExact(() => ols([1, 2, 4, 4], X, { cluster: [1, 1, "", 2] }), "MISSING", "cluster row 3: the id is missing");
    expectCoordErrorExact(
      () => ols([1, 2, 4, 4], X, { cluster: [1, 1, 1, 1] }),
      "TOO_FEW",
      "cluster has 1 distinct id; cluster-robust standard errors need at least 2",
    );
  });
});
