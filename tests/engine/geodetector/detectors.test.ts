import fc from "fast-check";
import { CoordError } from "../../../src/engine/errors";
import { factorDetector, factorDetectorCodes } from "../../../src/engine/geodetector/factorDetector";
import { interactionDetector, interactionType } from "../../../src/engine/geodetector/interactionDetector";
import { riskDetector } from "../../../src/engine/geodetector/riskDetector";
import { ecologicalDetector } from "../../../src/engine/geodetector/ecologicalDetector";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Run f, expect a CoordError; return it. */
function caught(f: () => unknown): CoordError {
  try {
    f();
  } catch (e) {
    if (e instanceof CoordError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("factorDetector by hand (METHODS.md M8)", () => {
  // y = 1,2,3 | 10,11,12: ȳ = 6.5, SST = 125.5, SSW = 4, q = 121.5/125.5, F = 4/1 · 121.5/4 = 121.5;
  // λ = [2² + 11² - (√3·2 + √3·11)²/6]/σ² = 40.5/σ², σ² = 125.5/5 (ddof 1) or 125.5/6 (ddof 0)
  const y = [1, 2, 3, 10, 11, 12];
  const x = ["a", "a", "a", "b", "b", "b"];
  it("q, F, λ, p with ddof 1 (p: scipy.stats.ncf.sf(121.5, 1, 4, 40.5/25.1))", () => {
    const r = factorDetector(y, x);
    expect(Math.abs(r.q - 121.5 / 125.5)).toBeLessThan(1e-15);
    expect(rel(r.F!, 121.5)).toBeLessThan(1e-13);
    expect(rel(r.lambda, 40.5 / 25.1)).toBeLessThan(1e-13);
    expect(rel(r.pValue!, 0.0018888231075975337)).toBeLessThan(1e-10);
    expect(r).toMatchObject({ N: 6, L: 2, singletons: 0, droppedRows: 0 });
    expect(r.strata).toEqual([
      { level: "a", n: 3, mean: 2 },
      { level: "b", n: 3, mean: 11 },
    ]);
  });
  it("ddof 0 (p: scipy.stats.ncf.sf(121.5, 1, 4, 40.5/(125.5/6)))", () => {
    const r = factorDetector(y, x, { ddof: 0 });
    expect(rel(r.lambda, 40.5 / (125.5 / 6))).toBeLessThan(1e-13);
    expect(rel(r.pValue!, 0.00225868742325552)).toBeLessThan(1e-10);
  });
  it("λ does not lose digits when y has a large offset (λ depends on the level of y, as in the peers)", () => {
    // same data + 1e6: Σ ȳ_h² and (Σ √N_h ȳ_h)²/N are ~1e12 each; λσ² = m²(L - R²/N) + ... is exact here (equal N_h)
    const r = factorDetector(
      y.map((v) => v + 1e6),
      x,
    );
    expect(rel(r.lambda, 40.5 / 25.1)).toBeLessThan(1e-9);
    expect(Math.abs(r.q - 121.5 / 125.5)).toBeLessThan(1e-9);
  });
  it("the fast entry point on codes gives the same numbers", () => {
    const a = factorDetector(y, x);
    const b = factorDetectorCodes(Float64Array.from(y), Int32Array.from([0, 0, 0, 1, 1, 1]), 2);
    expect(b.q).toBe(a.q);
    expect(b.pValue).toBe(a.pValue);
  });
  it("singletons: kept by default (R geodetector), dropped with N, L, SST recomputed (gdverse)", () => {
    const ys = [1, 2, 3, 10, 11, 20];
    const xs = ["a", "a", "a", "b", "b", "c"];
    const keep = factorDetector(ys, xs);
    expect(keep).toMatchObject({ N: 6, L: 3, singletons: 1, droppedRows: 0 });
    const drop = factorDetector(ys, xs, { singletons: "drop", ddof: 0 });
    expect(drop).toMatchObject({ N: 5, L: 2, singletons: 1, droppedRows: 1 });
    // subset 1,2,3 | 10,11: ȳ = 5.4, SST = 89.2, SSW = 2 + 0.5
    expect(Math.abs(drop.q - (1 - 2.5 / 89.2))).toBeLessThan(1e-14);
    const subset = factorDetector(ys.slice(0, 5), xs.slice(0, 5), { ddof: 0 });
    expect(Math.abs(drop.q - subset.q)).toBeLessThan(1e-14);
    expect(rel(drop.pValue!, subset.pValue!)).toBeLessThan(1e-12);
    expect(drop.notes).toContain("1 one-observation stratum dropped");
  });
  it("missing 'drop' removes incomplete rows and says how many", () => {
    const r = factorDetector([1, null, 2, 3, 10, NaN, 11, 12], ["a", "a", "a", "", "b", "b", "b", "b"], { missing: "drop" });
    const s = factorDetector([1, 2, 10, 11, 12], ["a", "a", "b", "b", "b"]);
    expect(r.q).toBe(s.q);
    expect(r.droppedRows).toBe(3);
    expect(r.notes).toContain("3 rows with a missing value dropped");
  });
  it("q = 1: F is null (infinite) with the reason, both p = 0; N = L: one unit per stratum, no F test, flagged", () => {
    const r = factorDetector([1, 1, 5, 5], [0, 0, 1, 1]);
    expect(r.q).toBe(1);
    expect(r.F).toBeNull();
    expect(r.pValue).toBe(0);
    expect(r.pCentral).toBe(0);
    expect(r.oneUnitPerStratum).toBe(false);
    expect(r.reason).toMatch(/^q = 1: y is constant within every stratum, so F is infinite/);
    expect(r.notes[0]).toMatch(/q = 1/);
    const s = factorDetector([1, 2, 5], ["a", "b", "c"]);
    expect(s.q).toBe(1);
    expect(s.F).toBeNull();
    expect(s.pValue).toBeNull();
    expect(s.pCentral).toBeNull();
    expect(s.oneUnitPerStratum).toBe(true);
    expect(s.reason).toMatch(/^each stratum holds one unit \(N = L = 3\)/);
    expect(s.notes[0]).toMatch(/N = L/);
    // no non-finite number in any field
    for (const v of [r, s]) for (const x of Object.values(v)) if (typeof x === "number") expect(Number.isFinite(x)).toBe(true);
  });
});

describe("bad input: typed errors naming argument and row", () => {
  it.each<[string, () => unknown, string, string, number | undefined]>([
    ["y constant (SST = 0)", () => factorDetector([3, 3, 3, 3], ["a", "a", "b", "b"]), "CONSTANT", "y is constant (SST = 0): q is undefined", undefined],
    [
      "y constant, not exactly representable mean",
      () => factorDetector([0.1, 0.1, 0.1], ["a", "b", "b"]),
      "CONSTANT",
      "y is constant (SST = 0): q is undefined",
      undefined,
    ],
    ["a single stratum", () => factorDetector([1, 2, 3], ["a", "a", "a"]), "TOO_FEW", "x has 1 stratum; q needs at least 2", undefined],
    [
      "one stratum left after dropping singletons",
      () => factorDetector([1, 2, 3], ["a", "a", "b"], { singletons: "drop" }),
      "TOO_FEW",
      "x has 1 stratum after dropping one-observation strata; q needs at least 2",
      undefined,
    ],
    ["fewer than 2 rows", () => factorDetector([1], ["a"]), "TOO_FEW", "y has 1 value; at least 2 are needed", undefined],
    ["no rows", () => factorDetector([], []), "EMPTY", "y is empty", undefined],
    ["text in y (a names row)", () => factorDetector(["incidence", 1, 2], ["a", "a", "b"]), "NOT_NUMERIC", "y row 1: text 'incidence' is not a number", 0],
    ["NaN in y", () => factorDetector([1, NaN, 2], ["a", "a", "b"]), "NOT_NUMERIC", "y row 2: NaN is not a number", 1],
    ["an empty y cell", () => factorDetector([1, 2, null, 4], ["a", "a", "b", "b"]), "MISSING", "y row 3: an empty cell is not a number", 2],
    ["x and y of different lengths", () => factorDetector([1, 2, 3], ["a", "b"]), "LENGTH", "y has 3 values but x has 2", undefined],
    ["missing x", () => factorDetector([1, 2, 3, 4], ["a", null, "b", "b"]), "MISSING", "x row 2: the value is missing", 1],
    [
      "missing x named by xName",
      () => factorDetector([1, 2, 3, 4], ["a", "a", "b", NaN], { xName: "soiltype" }),
      "MISSING",
      "soiltype row 4: the value is missing",
      3,
    ],
    ["an object in x", () => factorDetector([1, 2, 3], ["a", {}, "b"]), "NOT_NUMERIC", "x row 2: unsupported value (object)", 1],
    ["ddof 2", () => factorDetector([1, 2, 3], ["a", "a", "b"], { ddof: 2 as 0 }), "OPTION", "ddof must be 0 or 1; got '2'", undefined],
    [
      "unknown singletons option",
      () => factorDetector([1, 2, 3], ["a", "a", "b"], { singletons: "merge" as "keep" }),
      "OPTION",
      "singletons must be one of keep, drop; got 'merge'",
      undefined,
    ],
    [
      "unknown missing option",
      () => factorDetector([1, 2, 3], ["a", "a", "b"], { missing: "zero" as "drop" }),
      "OPTION",
      "missing must be one of error, drop; got 'zero'",
      undefined,
    ],
    [
      "a code outside 0..L-1 (fast path)",
      () => factorDetectorCodes(Float64Array.from([1, 2, 3]), Int32Array.from([0, 2, 1]), 2),
      "OPTION",
      "codes row 2: code 2 is outside 0..1",
      1,
    ],
    [
      "NaN in y (fast path)",
      () => factorDetectorCodes(Float64Array.from([1, 2, NaN]), Int32Array.from([0, 1, 1]), 2),
      "NOT_NUMERIC",
      "y row 3: NaN is not a number",
      2,
    ],
    [
      "y and codes of different lengths (fast path)",
      () => factorDetectorCodes(Float64Array.from([1, 2]), Int32Array.from([0, 1, 1]), 2),
      "LENGTH",
      "y has 2 values but codes has 3",
      undefined,
    ],
    ["a negative precomputed code", () => factorDetector([1, 2, 3], Int32Array.from([0, -1, 1])), "OPTION", "x row 2: code -1 is negative", 1],
    [
      "one factor for the interaction detector",
      () => interactionDetector([1, 2], [{ name: "a", values: [1, 2] }]),
      "TOO_FEW",
      "factors has 1 entry; at least 2 are needed",
      undefined,
    ],
    [
      "two factors with one name",
      () =>
        interactionDetector(
          [1, 2],
          [
            { name: "a", values: [1, 2] },
            { name: "a", values: [1, 1] },
          ],
        ),
      "OPTION",
      "factors has two entries named 'a'",
      1,
    ],
    [
      "a factor without values",
      () => interactionDetector([1, 2], [{ name: "a", values: [1, 2] }, { name: "b" }]),
      "MISSING",
      "factor 'b' has neither codes nor values",
      undefined,
    ],
    [
      "interaction: missing x",
      () =>
        interactionDetector(
          [1, 2, 3],
          [
            { name: "a", values: [1, 2, 2] },
            { name: "b", values: [1, "", 2] },
          ],
        ),
      "MISSING",
      "b row 2: the value is missing",
      1,
    ],
    [
      "interaction: lengths differ",
      () =>
        interactionDetector(
          [1, 2, 3],
          [
            { name: "a", values: [1, 2, 2] },
            { name: "b", values: [1, 2] },
          ],
        ),
      "LENGTH",
      "y has 3 values but b has 2",
      undefined,
    ],
    [
      "interaction: y constant",
      () =>
        interactionDetector(
          [2, 2, 2],
          [
            { name: "a", values: [1, 2, 2] },
            { name: "b", values: [1, 1, 2] },
          ],
        ),
      "CONSTANT",
      "y is constant (SST = 0): q is undefined",
      undefined,
    ],
    [
      "risk: alpha out of range",
      () => riskDetector([1, 2, 3], ["a", "a", "b"], { alpha: 1.5 }),
      "OPTION",
      "alpha must be a number between 0 and 1; got '1.5'",
      undefined,
    ],
    ["risk: a single stratum", () => riskDetector([1, 2, 3], ["a", "a", "a"]), "TOO_FEW", "x has 1 stratum; the risk detector needs at least 2", undefined],
    ["risk: text in y", () => riskDetector([1, "n/a", 3], ["a", "a", "b"]), "NOT_NUMERIC", "y row 2: text 'n/a' is not a number", 1],
    [
      "ecological: unknown rule",
      () =>
        ecologicalDetector(
          [1, 2, 3],
          [
            { name: "a", values: [1, 2, 2] },
            { name: "b", values: [1, 1, 2] },
          ],
          { rule: "q" as "gd" },
        ),
      "OPTION",
      "rule must be one of f-test, gd; got 'q'",
      undefined,
    ],
    [
      "ecological: unknown alternative",
      () =>
        ecologicalDetector(
          [1, 2, 3],
          [
            { name: "a", values: [1, 2, 2] },
            { name: "b", values: [1, 1, 2] },
          ],
          { alternative: "less" as "greater" },
        ),
      "OPTION",
      "alternative must be one of greater, two-sided; got 'less'",
      undefined,
    ],
  ])("%s", (_label, run, code, message, row) => {
    const e = caught(run);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
    if (row !== undefined) expect(e.where.row).toBe(row);
  });
});

describe("interactionDetector", () => {
  it("keys the overlay collision-free (peers' pasted 'x1_x2' merges a|b_c with a_b|c)", () => {
    // rows 1-2 are (a, b_c), rows 3-4 are (a_b, c): pasted, both read "a_b_c" -> one stratum, q12 = 0
    // y 1,2 | 11,12: ȳ = 6.5, SST = 101, SSW = 1, q12 = 100/101 over two strata
    const r = interactionDetector(
      [1, 2, 11, 12],
      [
        { name: "x1", values: ["a", "a", "a_b", "a_b"] },
        { name: "x2", values: ["b_c", "b_c", "c", "c"] },
      ],
    ).pairs[0];
    expect(r.L12).toBe(2);
    expect(Math.abs(r.q12 - 100 / 101)).toBeLessThan(1e-15);
  });
  it("types by the GD/gdverse rule with |a - b| ≤ 1e-10 as equality", () => {
    expect(interactionType(0.3, 0.5, 0.2)).toBe("Weaken, nonlinear");
    expect(interactionType(0.3, 0.5, 0.3 - 5e-11)).toBe("Weaken, uni-variable");
    expect(interactionType(0.3, 0.5, 0.4)).toBe("Weaken, uni-variable");
    expect(interactionType(0.3, 0.5, 0.5 + 5e-11)).toBe("Weaken, uni-variable");
    expect(interactionType(0.3, 0.5, 0.6)).toBe("Enhance, bi-variable");
    expect(interactionType(0.3, 0.5, 0.8 - 5e-11)).toBe("Independent");
    expect(interactionType(0.3, 0.5, 0.8 + 5e-11)).toBe("Independent");
    expect(interactionType(0.3, 0.5, 0.8 + 1e-9)).toBe("Enhance, nonlinear");
    expect(interactionType(0.3, 0.5, 0.8 - 1e-9)).toBe("Enhance, bi-variable");
  });
  it("reports q1, q2, min, max, q1 + q2 and the F-test p of q12 (= factor detector on the overlay)", () => {
    const y = [1, 2, 4, 3, 9, 8, 7, 12, 5, 6, 2, 10];
    const a = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
    const b = ["u", "v", "u", "v", "u", "v", "u", "v", "u", "v", "u", "v"];
    const r = interactionDetector(y, [
      { name: "a", values: a },
      { name: "b", values: b },
    ]).pairs[0];
    const overlay = factorDetector(
      y,
      a.map((v, i) => `${v}|${b[i]}`),
    );
    expect(r.q12).toBeCloseTo(overlay.q, 14);
    expect(rel(r.pValue!, overlay.pValue!)).toBeLessThan(1e-12);
    expect(r.q1).toBeCloseTo(factorDetector(y, a).q, 14);
    expect(r.q2).toBeCloseTo(factorDetector(y, b).q, 14);
    expect(r.min).toBe(Math.min(r.q1, r.q2));
    expect(r.max).toBe(Math.max(r.q1, r.q2));
    expect(r.sum).toBe(r.q1 + r.q2);
  });
  it("missing 'drop' works per pair and recomputes q1, q2 on the pair's complete rows (PyPI geodetector)", () => {
    const y = [1, 2, 4, 3, 9, 8, 7, 12, 5, 6];
    const a = [0, 0, 0, 0, 1, 1, 1, 1, 2, null];
    const b = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
    const c = [0, 0, 1, 1, 0, 0, 1, 1, "", 1];
    const r = interactionDetector(
      y,
      [
        { name: "a", values: a },
        { name: "b", values: b },
        { name: "c", values: c },
      ],
      { missing: "drop" },
    );
    const bc = r.pairs.find((p) => p.a === "b" && p.b === "c")!;
    expect(bc.N).toBe(9);
    expect(bc.q1).toBeCloseTo(factorDetector(y.slice(0, 8).concat(6), b.slice(0, 8).concat(1)).q, 14);
  });
});

describe("riskDetector and ecologicalDetector by hand", () => {
  it("a stratum of one observation gives no test and says why", () => {
    const r = riskDetector([1, 2, 3, 10, 11, 20], ["a", "a", "a", "b", "b", "c"]);
    const ac = r.pairs.find((p) => p.levelA === "a" && p.levelB === "c")!;
    expect(ac).toMatchObject({ t: null, df: null, pValue: null, significant: null, reason: "stratum 'c' has 1 observation; at least 2 are needed" });
    const zero = riskDetector([1, 1, 5, 5], ["a", "a", "b", "b"]).pairs[0];
    expect(zero.reason).toBe("strata 'a' and 'b' both have zero variance: the standard error is 0");
  });
  it("ecological F = SSW_a/SSW_b on one data set, upper-tail p (scipy.stats.f.sf(4/1.5, 5, 5) = 0.15276065193239174)", () => {
    const y = [0, 1, 2, 3, 4, 5];
    const a = ["p", "p", "p", "q", "q", "q"]; // SSW = 2 + 2 = 4
    const b = ["p", "p", "q", "q", "r", "r"]; // SSW = 0.5 · 3 = 1.5
    const r = ecologicalDetector(y, [
      { name: "a", values: a },
      { name: "b", values: b },
    ]);
    expect(r.pairs.map((p) => [p.a, p.b])).toEqual([
      ["a", "b"],
      ["b", "a"],
    ]);
    const [ab, ba] = r.pairs;
    expect(rel(ab.F!, 4 / 1.5)).toBeLessThan(1e-14);
    expect(rel(ab.pValue!, 0.15276065193239174)).toBeLessThan(1e-10);
    expect(ab).toMatchObject({ df1: 5, df2: 5, significant: false });
    expect(rel(ba.F!, 1.5 / 4)).toBeLessThan(1e-14);
    // rule 'gd': max(q1/q2, q2/q1) against F_0.9(5, 5) (scipy f.ppf(0.9, 5, 5) = 3.452982248037906)
    const gd = ecologicalDetector(
      y,
      [
        { name: "a", values: a },
        { name: "b", values: b },
      ],
      { rule: "gd" },
    ).pairs[0];
    expect(rel(gd.critical!, 3.452982248037906)).toBeLessThan(1e-12);
    // q_a = 1 - 4/17.5, q_b = 1 - 1.5/17.5: ratio 1.1852 < 3.4530
    expect(rel(gd.qRatio!, (1 - 1.5 / 17.5) / (1 - 4 / 17.5))).toBeLessThan(1e-14);
    expect(gd.significant).toBe(false);
  });
  it("two-sided p doubles the smaller tail (PyPI geodetector; scipy 2 · f.sf(4, 5, 5) = 0.15437725048441348)", () => {
    const y = [0, 2, 4, 10, 12, 14];
    const a = ["p", "p", "p", "q", "q", "q"]; // SSW = 8 + 8 = 16
    const b = ["p", "p", "q", "r", "s", "s"]; // SSW = 2 + 0 + 0 + 2 = 4
    const one = ecologicalDetector(y, [
      { name: "a", values: a },
      { name: "b", values: b },
    ]).pairs[0];
    const two = ecologicalDetector(
      y,
      [
        { name: "a", values: a },
        { name: "b", values: b },
      ],
      { alternative: "two-sided" },
    ).pairs;
    expect(rel(one.F!, 16 / 4)).toBeLessThan(1e-14);
    expect(rel(one.pValue!, 0.07718862524220674)).toBeLessThan(1e-10);
    expect(rel(two[0].pValue!, 0.15437725048441348)).toBeLessThan(1e-10);
    expect(rel(two[1].pValue!, 0.15437725048441348)).toBeLessThan(1e-10); // symmetric in the order
  });
});

describe("properties (fast-check)", () => {
  const data = fc
    // y on a 1e-3 grid (subnormal differences would make SST underflow: a CONSTANT error, rightly)
    .array(
      fc.tuple(
        fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 1000),
        fc.integer({ min: 0, max: 4 }),
      ),
      { minLength: 4, maxLength: 60 },
    )
    .filter((rows) => new Set(rows.map((r) => r[0])).size > 1 && new Set(rows.map((r) => r[1])).size > 1);

  it("q ∈ [0, 1] and p ∈ [0, 1]", () => {
    fc.assert(
      fc.property(data, (rows) => {
        const r = factorDetector(
          rows.map((v) => v[0]),
          rows.map((v) => v[1]),
        );
        return r.q >= 0 && r.q <= 1 && (r.pValue === null || (r.pValue >= 0 && r.pValue <= 1));
      }),
    );
  });
  it("q = 1 (to rounding) when the strata are the distinct y values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 3, maxLength: 40 }), (ys) => {
        fc.pre(new Set(ys).size > 1);
        return factorDetector(ys, ys.map(String)).q >= 1 - 1e-14;
      }),
    );
  });
  it("q is unchanged by permuting rows and relabelling strata", () => {
    fc.assert(
      fc.property(data, fc.integer(), (rows, seed) => {
        const a = factorDetector(
          rows.map((v) => v[0]),
          rows.map((v) => v[1]),
        );
        const order = rows.map((_, i) => i).sort((i, j) => ((i * 7919 + seed) % 101) - ((j * 7919 + seed) % 101) || i - j);
        const b = factorDetector(
          order.map((i) => rows[i][0]),
          order.map((i) => `s${(rows[i][1] * 3 + 1) % 5}`),
        );
        return Math.abs(a.q - b.q) <= 1e-12;
      }),
    );
  });
  it("q12 ≥ max(q1, q2); when x2 refines x1, q12 = q2 ≥ q1", () => {
    fc.assert(
      fc.property(data, fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 60, maxLength: 60 }), (rows, extra) => {
        const y = rows.map((v) => v[0]);
        const x1 = rows.map((v) => v[1]);
        const x2 = rows.map((v, i) => v[1] * 3 + extra[i]); // refines x1
        const x3 = rows.map((_, i) => extra[(i * 7) % 60]);
        fc.pre(new Set(x3).size > 1);
        const r = interactionDetector(y, [
          { name: "x1", values: x1 },
          { name: "x2", values: x2 },
          { name: "x3", values: x3 },
        ]).pairs;
        const refine = r[0];
        const ok1 = refine.q12 >= Math.max(refine.q1, refine.q2) - 1e-12 && Math.abs(refine.q12 - refine.q2) <= 1e-12;
        return ok1 && r.every((p) => p.q12 >= p.max - 1e-12);
      }),
    );
  });
});
