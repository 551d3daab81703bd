import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { coupling, couplingRow, CouplingForm, CouplingOptions } from "../../src/engine/coupling";
import { expectCoordError, expectCoordErrorExact } from "../helpers";

// Expected values: tests/fixtures/indices (copies of shared/reference/indices/expected, an
// independent numpy implementation of METHODS.md M5). Tolerance 1e-9 absolute on C, T, D.
const FIX = path.join(__dirname, "..", "fixtures", "indices");
const ccd = JSON.parse(fs.readFileSync(path.join(FIX, "ccd.json"), "utf8"));
const small = JSON.parse(fs.readFileSync(path.join(FIX, "small_cases.json"), "utf8"));
const TOL = 1e-9;

/** Reference block name -> our options for the coupling degree. */
const FORM_BLOCKS: Record<string, Pick<CouplingOptions, "form" | "k">> = {
  standard: { form: "standard" },
  missing_n: { form: "lostCoefficient" },
  wang2021: { form: "modified" },
  fan: { form: "fan" },
  power2: { form: "power", k: 2 },
};
/** Sub-keys of a ccd.json block and the test file that checks them. */
const BLOCK_KEYS: Record<string, string> = {
  U1: "input",
  U2: "input",
  standard: "coupling.test.ts (C, T, D) + grade.test.ts (grade_left/right)",
  missing_n: "coupling.test.ts + grade.test.ts",
  wang2021: "coupling.test.ts + grade.test.ts",
  fan: "coupling.test.ts + grade.test.ts",
  power2: "coupling.test.ts",
  coupling_stage_standard: "grade.test.ts",
  relative_type_strict: "grade.test.ts",
  "relative_type_diff0.1": "grade.test.ts",
  grade_labels_en: "grade.test.ts",
  grade_labels_zh: "grade.test.ts",
  D_mean_by_year: "stats/groupMeans.test.ts",
  D_mean_by_year_region: "stats/groupMeans.test.ts",
};
const FORM_KEYS = ["C", "T", "D", "grade_left", "grade_right"];
const BLOCK_RE = /^(global|per_year)_shift[0-9.]+$/;

function expectClose(actual: ArrayLike<number | null>, expected: number[], label: string, tol = TOL): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    if (a === null || !(Math.abs(a - expected[i]) <= tol)) throw new Error(`${label}[${i}]: got ${a}, expected ${expected[i]} (tolerance ${tol})`);
  }
}

const blocks = Object.keys(ccd).filter((k) => k !== "alpha");

describe("ccd.json inventory", () => {
  it("has only known top-level keys and block sub-keys (an unknown one fails, never skipped)", () => {
    expect(ccd.alpha).toEqual([0.5, 0.5]);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const b of blocks) {
      if (!BLOCK_RE.test(b)) throw new Error(`ccd.json: unknown top-level key '${b}'`);
      for (const k of Object.keys(ccd[b])) if (!(k in BLOCK_KEYS)) throw new Error(`ccd.json ${b}: unknown block '${k}' — add a test for it`);
      for (const f of Object.keys(FORM_BLOCKS))
        for (const k of Object.keys(ccd[b][f])) if (!FORM_KEYS.includes(k)) throw new Error(`ccd.json ${b}.${f}: unknown key '${k}'`);
    }
  });
});

describe.each(blocks)("coupling on ccd.json %s (M5)", (block) => {
  const B = ccd[block];
  const rows = (B.U1 as number[]).map((u, i) => [u, B.U2[i] as number]);
  it.each(Object.keys(FORM_BLOCKS))("%s: C, T, D at 1e-9", (name) => {
    const ref = B[name];
    const r = coupling(rows, { ...FORM_BLOCKS[name], alpha: ccd.alpha });
    expect(r.undefinedRows).toEqual([]);
    expectClose(r.C, ref.C, `${block}.${name}.C`);
    expectClose(r.T, ref.T, `${block}.${name}.T`);
    expectClose(r.D, ref.D, `${block}.${name}.D`);
  });
  it("standard with the default alpha equals alpha = (0.5, 0.5), and the columns layout equals rows", () => {
    const a = coupling(rows);
    const b = coupling([B.U1, B.U2], { layout: "columns" });
    expectClose(a.D, B.standard.D, `${block}.standard.D (default alpha)`);
    expectClose(b.D, B.standard.D, `${block}.standard.D (columns)`);
  });
});

describe("small_cases.json ccd_* (M5)", () => {
  const cases = Object.keys(small).filter((k) => /^ccd/.test(k));
  it("covers every ccd key", () => {
    for (const k of cases) {
      const m = /^(ccd3?)_(.+)$/.exec(k);
      if (!m) throw new Error(`small_cases.json: unknown key '${k}'`);
      if (m[2] !== "U" && !(m[2] in FORM_BLOCKS)) throw new Error(`small_cases.json: unknown form '${k}'`);
    }
    expect(cases.length).toBe(11);
  });
  it.each(cases.filter((k) => !k.endsWith("_U")))("%s", (k) => {
    const [prefix, name] = [k.slice(0, k.indexOf("_")), k.slice(k.indexOf("_") + 1)];
    const ref = small[k];
    const r = coupling(small[`${prefix}_U`], FORM_BLOCKS[name]);
    expectClose(r.C, ref.C, `${k}.C`);
    expectClose(r.T, ref.T, `${k}.T`);
    expectClose(r.D, ref.D, `${k}.D`);
  });
});

describe("coupling by hand (M5)", () => {
  it("C(0.2, 0.8) = 0.8, T = 0.5, D = √0.4", () => {
    const r = couplingRow([0.2, 0.8]);
    expect(r.C).toBeCloseTo(0.8, 15);
    expect(r.T).toBeCloseTo(0.5, 15);
    expect(r.D).toBeCloseTo(Math.sqrt(0.4), 15);
  });
  it("weighted T = 0.3·0.2 + 0.7·0.8 = 0.62", () => {
    const r = couplingRow([0.2, 0.8], { alpha: [0.3, 0.7] });
    expect(r.T).toBeCloseTo(0.62, 15);
    expect(r.D).toBeCloseTo(Math.sqrt(0.8 * 0.62), 15);
  });
  it("power form, 3 systems: [Π U / (Σ U / 3)³]^k; k = 1 on (0.2, 0.5, 0.8) gives 0.08/0.125 = 0.64", () => {
    expect(couplingRow([0.2, 0.5, 0.8], { form: "power", k: 1 }).C).toBeCloseTo(0.64, 14);
    // k = 1/n is the standard form (small_cases ccd3_standard C[0])
    expect(couplingRow([0.2, 0.5, 0.8], { form: "power", k: 1 / 3 }).C).toBeCloseTo(small.ccd3_standard.C[0], 12);
  });
  it("power form defaults to k = 2 and reports it", () => {
    const r = coupling([[0.2, 0.8]], { form: "power" });
    expect(r.k).toBe(2);
    expect(r.C[0]).toBeCloseTo(0.4096, 14);
    expect(coupling([[0.2, 0.8]]).k).toBeUndefined();
  });
  it("a zero score with a non-zero one gives C = 0 (standard) but Fan C = 1 - |U1 - U2|", () => {
    expect(couplingRow([0, 0.4]).C).toBe(0);
    expect(couplingRow([0, 0.4], { form: "fan" }).C).toBeCloseTo(0.6, 15);
  });
  it("returns the options it used", () => {
    const r = coupling([[0.2, 0.5, 0.8]]);
    expect(r.form).toBe("standard");
    expect(r.systems).toBe(3);
    expect(r.alpha).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
});

describe("all-zero rows (M5: C and D undefined)", () => {
  const U = [
    [0.2, 0.8],
    [0, 0],
    [0.5, 0.5],
  ];
  it("throws ALL_ZERO naming the row by default", () => {
    const e = expectCoordError(() => coupling(U), "ALL_ZERO", "U row 2: all 2 subsystem scores are 0, so C and D are undefined");
    expect(e.where).toEqual({ argument: "U", row: 1 });
  });
  it.each(["standard", "modified", "fan", "power", "lostCoefficient"] as CouplingForm[])(
    "with onUndefined 'null' returns null C and D for that row (%s), T = 0",
    (form) => {
      const r = coupling(U, { form, onUndefined: "null" });
      expect(r.C[1]).toBeNull();
      expect(r.D[1]).toBeNull();
      expect(r.T[1]).toBe(0);
      expect(r.undefinedRows).toEqual([1]);
      expect(r.C[0]).not.toBeNull();
      expect(Number.isFinite(r.D[2] as number)).toBe(true);
    },
  );
  it("single-row helper: throws, or null", () => {
    expectCoordError(() => couplingRow([0, 0, 0]), "ALL_ZERO", "u: all 3 subsystem scores are 0");
    expect(couplingRow([0, 0], { onUndefined: "null" })).toEqual({ C: null, T: 0, D: null });
  });
});

describe("bad input", () => {
  it("empty", () => {
    expectCoordError(() => coupling([]), "EMPTY", "U is empty");
    expectCoordError(() => coupling([[]]), "EMPTY", "U has no columns");
    expectCoordError(() => coupling([], { layout: "columns" }), "EMPTY", "U is empty");
    expectCoordError(() => couplingRow([]), "EMPTY", "u is empty");
  });
  it("ragged rows and columns", () => {
    const e = expectCoordError(() => coupling([[0.1, 0.2], [0.3]]), "LENGTH", "U row 2 has 1 values; row 1 has 2");
    expect(e.where.row).toBe(1);
    const f = expectCoordError(
      () =>
        coupling(
          [
            [0.1, 0.2, 0.3],
            [0.3, 0.4],
          ],
          { layout: "columns" },
        ),
      "LENGTH",
      "U column 2 has 2 values; column 1 has 3",
    );
    expect(f.where.column).toBe(1);
  });
  it("a text cell names its row and column", () => {
    const e = expectCoordError(
      () =>
        coupling([
          [0.1, 0.2],
          [0.3, "n/a"],
        ]),
      "NOT_NUMERIC",
      "U row 2, column 2: text 'n/a' is not a number",
    );
    expect(e.where).toEqual({ argument: "U", row: 1, column: 1 });
    expectCoordError(
      () =>
        coupling(
          [
            [0.1, 0.2],
            [0.3, "n/a"],
          ],
          { systemNames: ["Urbanization", "Ecology"] },
        ),
      "NOT_NUMERIC",
      `U row 2, column "Ecology": text 'n/a' is not a number`,
    );
    expectCoordError(
      () =>
        coupling(
          [
            [0.1, 0.2, "x"],
            [0.3, 0.4, 0.5],
          ],
          { layout: "columns" },
        ),
      "NOT_NUMERIC",
      "U row 3, column 1: text 'x' is not a number",
    );
    expectCoordError(() => coupling([[0.1, null]]), "MISSING", "U row 1, column 2: an empty cell is not a number");
    expectCoordError(() => couplingRow([0.1, NaN]), "NOT_NUMERIC", "u column 2: NaN is not a number");
  });
  it("a negative score", () => {
    const e = expectCoordError(
      () =>
        coupling([
          [0.1, 0.2],
          [0.3, -0.1],
        ]),
      "NEGATIVE",
      "U row 2, column 2: -0.1 is negative; subsystem scores U must be ≥ 0",
    );
    expect(e.where).toEqual({ argument: "U", row: 1, column: 1 });
    expectCoordError(() => couplingRow([-0.5, 0.2]), "NEGATIVE", "u column 1: -0.5 is negative");
  });
  it("fewer than 2 subsystems", () => {
    expectCoordError(() => coupling([[0.1], [0.2]]), "TOO_FEW", "U has 1 subsystem; coupling needs at least 2");
    expectCoordError(() => coupling([[0.1, 0.2]], { layout: "columns" }), "TOO_FEW", "U has 1 subsystem");
  });
  it("alpha of the wrong length, not summing to 1, negative or not numeric", () => {
    expectCoordError(() => coupling([[0.1, 0.2]], { alpha: [0.2, 0.3, 0.5] }), "LENGTH", "alpha has 3 values but U has 2 subsystems");
    expectCoordError(() => coupling([[0.1, 0.2]], { alpha: [0.5, 0.6] }), "OPTION", "alpha must sum to 1; its 2 values sum to 1.1");
    expectCoordError(() => coupling([[0.1, 0.2]], { alpha: [1.5, -0.5] }), "NEGATIVE", "alpha row 2: -0.5 is negative");
    expectCoordError(() => coupling([[0.1, 0.2]], { alpha: [0.5, "half"] }), "NOT_NUMERIC", "alpha row 2: text 'half' is not a number");
  });
  it("unknown form, layout, onUndefined and a bad k", () => {
    expectCoordError(
      () => coupling([[0.1, 0.2]], { form: "cubic" as CouplingForm }),
      "OPTION",
      "form must be one of standard, modified, fan, power, lostCoefficient; got 'cubic'",
    );
    expectCoordError(() => coupling([[0.1, 0.2]], { layout: "wide" as "rows" }), "OPTION", "layout must be one of rows, columns; got 'wide'");
    expectCoordError(() => coupling([[0.1, 0.2]], { onUndefined: "nan" as "null" }), "OPTION", "onUndefined must be one of error, null");
    expectCoordError(() => coupling([[0.1, 0.2]], { form: "power", k: 0 }), "OPTION", "k must be a positive number; got '0'");
  });
  it("issue 11: a score above 1 is an error naming the cell (U must lie in [0, 1])", () => {
    expectCoordErrorExact(
      () =>
        coupling(
          [
            [0.5, 0.5],
            [0.2, 1.3],
          ],
          { systemNames: ["A", "B"] },
        ),
      "RANGE",
      'U row 2, column "B": 1.3 is above 1; subsystem scores U must lie in [0, 1] (composite indices of min-max standardized indicators with weights summing to 1)',
    );
    expectCoordError(() => couplingRow([0.1, 2.5], { onUndefined: "null" }), "RANGE", "2.5 is above 1");
    expect(couplingRow([1, 1 + 1e-13]).D).toBeCloseTo(1, 12); // last-bit rounding of Σ w·z
    expect(couplingRow([0.5, 1.0001], { upper: 1.0001 }).D).toBeGreaterThan(0); // shifted z (M1): U in [δ, 1 + δ]
  });

  it("Fan and modified C undefined for scores spread beyond [0, 1] (allowed by upper): UNDEFINED, or null", () => {
    expectCoordError(
      () =>
        coupling(
          [
            [0.5, 0.5],
            [0, 2],
          ],
          { form: "fan", upper: 3 },
        ),
      "UNDEFINED",
      "U row 2: the fan coupling degree is undefined",
    );
    expectCoordError(() => couplingRow([0.1, 2.5], { form: "modified", upper: 3 }), "UNDEFINED", "u: the modified coupling degree is undefined");
    const r = coupling([[0, 0, 3]], { form: "fan", onUndefined: "null", upper: 3 });
    expect(r.C[0]).toBeNull();
    expect(r.D[0]).toBeNull();
    expect(r.T[0]).toBeCloseTo(1, 15);
  });
});

describe("properties (fast-check)", () => {
  const FORMS: CouplingForm[] = ["standard", "modified", "fan", "power", "lostCoefficient"];
  const score = fc.double({ min: 0, max: 1, noNaN: true });
  const row = (n: number) => fc.array(score, { minLength: n, maxLength: n }).filter((u) => u.some((x) => x > 0));
  const rowAnyN = fc.integer({ min: 2, max: 6 }).chain(row);
  // for comparisons with formulas written out here (which underflow on subnormal scores)
  const moderate = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true }));
  const moderateRow = (n: number) => fc.array(moderate, { minLength: n, maxLength: n }).filter((u) => u.some((x) => x > 0));

  it("C and D lie in [0, 1] for scores in [0, 1], every form (lost coefficient: C ≤ 1/n)", () => {
    fc.assert(
      fc.property(rowAnyN, fc.constantFrom(...FORMS), (u, form) => {
        const r = couplingRow(u, { form });
        expect(r.C).toBeGreaterThanOrEqual(0);
        expect(r.C).toBeLessThanOrEqual(form === "lostCoefficient" ? 1 / u.length + 1e-15 : 1);
        expect(r.D).toBeGreaterThanOrEqual(0);
        expect(r.D).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("D is symmetric in the subsystems when α is symmetric", () => {
    fc.assert(
      fc.property(rowAnyN, fc.constantFrom(...FORMS), (u, form) => {
        const reversed = [...u].reverse();
        const rotated = [...u.slice(1), u[0]];
        const d = couplingRow(u, { form }).D;
        expect(Math.abs(couplingRow(reversed, { form }).D - d)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(couplingRow(rotated, { form }).D - d)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it("is unchanged under a permutation of the rows", () => {
    fc.assert(
      fc.property(
        fc.array(row(3), { minLength: 1, maxLength: 12 }).chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(
              rows.map((_, i) => i),
              { minLength: rows.length, maxLength: rows.length },
            ),
          ),
        ),
        fc.constantFrom(...FORMS),
        ([rows, perm], form) => {
          const a = coupling(rows, { form });
          const b = coupling(
            perm.map((i) => rows[i]),
            { form },
          );
          perm.forEach((i, j) => {
            expect(b.C[j]).toBe(a.C[i]);
            expect(b.T[j]).toBe(a.T[i]);
            expect(b.D[j]).toBe(a.D[i]);
          });
        },
      ),
    );
  });

  it("n-system standard C, n·(Π U)^(1/n)/Σ U, with n = 2 equals the 2-system formula 2√(U1U2)/(U1+U2)", () => {
    fc.assert(
      fc.property(moderateRow(2), (u) => {
        const nSystem = (2 * Math.pow(u[0] * u[1], 1 / 2)) / (u[0] + u[1]);
        const alt = Math.sqrt((u[0] * u[1]) / ((u[0] + u[1]) / 2) ** 2); // METHODS.md: identical form
        const c = couplingRow(u).C;
        expect(Math.abs(c - nSystem)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(c - alt)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it("n-system standard C equals n·(Π U)^(1/n)/Σ U for n = 3..6", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 6 }).chain(moderateRow), (u) => {
        const n = u.length;
        const expected =
          (n *
            Math.pow(
              u.reduce((p, x) => p * x, 1),
              1 / n,
            )) /
          u.reduce((s, x) => s + x, 0);
        expect(Math.abs(couplingRow(u).C - expected)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it("2-system modified and Fan equal their closed forms √((1 - |d|)·min/max) and 1 - |d|", () => {
    fc.assert(
      fc.property(moderateRow(2), (u) => {
        const d = Math.abs(u[0] - u[1]);
        const wang = Math.sqrt((1 - d) * (Math.min(...u) / Math.max(...u)));
        expect(Math.abs(couplingRow(u, { form: "modified" }).C - wang)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(couplingRow(u, { form: "fan" }).C - (1 - d))).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});
