import fc from "fast-check";
import { entropyWeights, EntropyOptions, EntropyResult } from "../../../src/engine/weights";
import { compositeIndex } from "../../../src/engine/composite";
import { columns, expectAllClose, expectCoordError, loadFixture, Panel, subsystemColumns } from "./fixtures";

const TOL = 1e-9;
const small = loadFixture("small_cases.json");
const ref = loadFixture("entropy.json");
const peers = loadFixture("peer_comparison.json");
const panelA: Panel = loadFixture("inputs_panel_a.json");

function global(r: EntropyResult) {
  if (r.scope !== "global") throw new Error("expected a global result");
  return r;
}

describe("entropyWeights (M2): small_cases.json", () => {
  const Z: number[][] = small.entropy_Z;
  it("e, d, w and k = 1/ln 3 on a given z", () => {
    const r = global(entropyWeights(Z, { standardize: false }));
    expectAllClose(r.e, small.entropy.e, TOL, "e");
    expectAllClose(r.d, small.entropy.d, TOL, "d");
    expectAllClose(r.weights, small.entropy.w, TOL, "w");
    expect(Math.abs(r.k - small.entropy.k)).toBeLessThan(TOL);
    expect(r.n).toBe(3);
    expect(r.uninformative).toEqual([]);
  });
  it("p + 1e-10 (blog Stata recipe)", () => {
    const r = entropyWeights(Z, { standardize: false, pEpsilon: 1e-10 });
    expectAllClose(r.weights, small["entropy_p_eps_1e-10"], TOL, "w p+eps");
  });
  it("ln(p + 1e-9) (pyDecision recipe)", () => {
    const r = entropyWeights(Z, { standardize: false, logEpsilon: 1e-9 });
    expectAllClose(r.weights, small["entropy_log_eps_1e-9"], TOL, "w log eps");
  });
});

/** Map an entropy.json `options` block to our options; fail loudly on anything unknown. */
function mapOptions(o: Record<string, unknown>): { options: EntropyOptions; scoreOn?: "shifted" | "unshifted" } {
  const options: EntropyOptions = {};
  let scoreOn: "shifted" | "unshifted" | undefined;
  for (const [key, value] of Object.entries(o)) {
    switch (key) {
      case "mode":
        if (value === "global") options.scope = "global";
        else if (value === "per_year") {
          options.scope = "per-period";
          options.periods = panelA.years;
        } else throw new Error(`entropy.json: unknown mode '${String(value)}'`);
        break;
      case "shift":
        options.shift = value as number;
        break;
      case "interval":
        options.rescale = value as [number, number];
        break;
      case "p_eps":
        options.pEpsilon = value as number;
        break;
      case "log_eps":
        options.logEpsilon = value as number;
        break;
      case "score_on":
        if (value !== "unshifted" && value !== "shifted") throw new Error(`entropy.json: unknown score_on '${String(value)}'`);
        scoreOn = value;
        break;
      default:
        throw new Error(`entropy.json: unknown option '${key}'`);
    }
  }
  return { options, scoreOn };
}

describe("entropyWeights (M2): panel a against entropy.json", () => {
  const SPECIAL = new Set(["note", "global_wrong_k_1_over_lnT"]);
  const blocks = Object.keys(ref).filter((k) => !SPECIAL.has(k));
  for (const k of blocks) if (!ref[k].options) throw new Error(`entropy.json block '${k}' has no options: map it`);
  it("maps all 8 option blocks", () => expect(blocks).toHaveLength(8));

  for (const block of blocks) {
    const { options, scoreOn } = mapOptions(ref[block].options);
    for (const sub of ["U1", "U2"]) {
      it(`${block} / ${sub}`, () => {
        const expected = ref[block][`${sub}_subsystem`];
        expect(expected).toBeDefined();
        const [from, to] = subsystemColumns(panelA, sub);
        const r = entropyWeights(columns(panelA.X, from, to), {
          ...options,
          directions: panelA.directions.slice(from, to),
        });
        if (expected.mode === "global") {
          const g = global(r);
          expectAllClose(g.e, expected.e, TOL, "e");
          expectAllClose(g.d, expected.d, TOL, "d");
          expectAllClose(g.weights, expected.w, TOL, "w");
          expect(Math.abs(g.k - expected.k)).toBeLessThan(TOL);
          expect(g.n).toBe(310);
        } else if (expected.mode === "per_year") {
          if (r.scope !== "per-period") throw new Error("expected per-period");
          const years = Object.keys(expected.w_by_year);
          expect(r.pools.map((p) => String(p.period))).toEqual(years);
          for (const p of r.pools) {
            expect(p.n).toBe(31);
            expectAllClose(p.weights, expected.w_by_year[String(p.period)], TOL, `w ${p.period}`);
            expectAllClose(p.e, expected.e_by_year[String(p.period)], TOL, `e ${p.period}`);
          }
          expectAllClose(r.weights, expected.w_mean, TOL, "w_mean");
        } else throw new Error(`unknown mode ${expected.mode}`);
        // M4: U on the shifted z unless score_on says unshifted; each period with its own weights
        const U = compositeIndex(r, { scoreOn }).U;
        expectAllClose(U, expected.U, TOL, "U");
      });
    }
  }

  it("k = 1/ln(T) misuse is refused, and our e stays ≤ 1 where the misuse gives e > 1", () => {
    const misuse = ref.global_wrong_k_1_over_lnT;
    expect(Math.max(...misuse.U1_subsystem_e)).toBeGreaterThan(1);
    const [from, to] = subsystemColumns(panelA, "U1");
    const x = columns(panelA.X, from, to);
    const dirs = panelA.directions.slice(from, to);
    const r = global(entropyWeights(x, { directions: dirs }));
    expect(Math.max(...r.e)).toBeLessThanOrEqual(1);
    expect(Math.max(...r.weights.map((w, j) => Math.abs(w - misuse.U1_subsystem_w[j])))).toBeGreaterThan(0.01);
    expectCoordError(
      () => entropyWeights(x, { directions: dirs, k: 1 / Math.log(10) } as unknown as EntropyOptions),
      "OPTION",
      "option 'k' is not offered: k = 1/ln(n) with n the rows pooled",
    );
  });
});

describe("entropyWeights: peer_comparison.json (panel a, urbanization subsystem)", () => {
  const [from, to] = subsystemColumns(panelA, "U1");
  const x = columns(panelA.X, from, to);
  it("oracle: global min-max with directions", () => {
    const r = entropyWeights(x, { directions: panelA.directions.slice(from, to) });
    expectAllClose(r.weights, peers.oracle_entropy_global_minmax, TOL, "oracle");
  });
  it("raw matrix sum-normalised (standardize: false) = oracle, pymcdm and scikit-criteria", () => {
    const r = entropyWeights(x, { standardize: false });
    expectAllClose(r.weights, peers.oracle_entropy_on_raw_sum_normalised, TOL, "oracle raw");
    expectAllClose(r.weights, peers.pymcdm_entropy_weights, TOL, "pymcdm");
    expectAllClose(r.weights, peers.skcriteria_entropy_weighter, TOL, "skcriteria");
  });
});

describe("entropyWeights: degenerate columns never give NaN", () => {
  it("a column of zeros gets e = 1, d = 0, weight 0 and is reported", () => {
    const r = global(
      entropyWeights(
        [
          [0, 1],
          [0, 2],
          [0, 4],
        ],
        { standardize: false },
      ),
    );
    expect(r.uninformative).toEqual([0]);
    expect(r.e[0]).toBe(1);
    expect(r.d[0]).toBe(0);
    expect(r.weights).toEqual([0, 1]);
  });
  it("a constant column with constant: 0 gets weight 0", () => {
    const r = global(
      entropyWeights(
        [
          [5, 1],
          [5, 2],
          [5, 4],
        ],
        { constant: 0 },
      ),
    );
    expect(r.weights).toEqual([0, 1]);
  });
  it("a constant column with constant: 1 (uniform p, e = 1) gets weight 0", () => {
    const r = global(
      entropyWeights(
        [
          [5, 1],
          [5, 2],
          [5, 4],
        ],
        { constant: 1 },
      ),
    );
    expect(r.weights[0]).toBeCloseTo(0, 12);
    expect(r.weights[1]).toBeCloseTo(1, 12);
  });
  it("every column without information: UNDEFINED, not NaN", () => {
    expectCoordError(
      () =>
        entropyWeights(
          [
            [0, 1],
            [0, 1],
          ],
          { standardize: false },
        ),
      "UNDEFINED",
      "entropy weights are undefined: every indicator has e = 1",
    );
  });
  it("a period with one row: TOO_FEW (k = 1/ln 1 is infinite)", () => {
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 1],
            [3, 5],
          ],
          { scope: "per-period", periods: [2011, 2011, 2012], constant: 0 },
        ),
      "TOO_FEW",
      "entropy weights need at least 2 rows per pool; 1 row (period 2012)",
    );
  });
});

describe("entropyWeights: bad input", () => {
  it("negative z is rejected naming the cell", () => {
    expectCoordError(
      () =>
        entropyWeights(
          [
            [0.1, 0.5],
            [0.2, -0.3],
          ],
          { standardize: false, columnNames: ["GDP", "Forest"] },
        ),
      "NEGATIVE",
      `data row 2, column "Forest": -0.3 is negative; entropy weights need z ≥ 0`,
    );
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 4],
            [3, 1],
          ],
          { shift: -0.01 },
        ),
      "NEGATIVE",
      "z row 1, column 1: -0.01 is negative",
    );
  });
  it("empty, ragged, text cell", () => {
    expectCoordError(() => entropyWeights([]), "EMPTY", "data is empty");
    expectCoordError(() => entropyWeights([[1, 2], [3]]), "LENGTH", "data row 2 has 1 values; row 1 has 2");
    expectCoordError(
      () => entropyWeights([[1, 2], [2, 3], ["n/a", 4]], { columnNames: ["GDP", "Forest"] }),
      "NOT_NUMERIC",
      `data row 3, column "GDP": text 'n/a' is not a number`,
    );
    expectCoordError(
      () => entropyWeights([[1, 2], [2, null]], { standardize: false }),
      "MISSING",
      "data row 2, column 2: an empty cell is not a number",
    );
  });
  it("constant column named", () => {
    expectCoordError(
      () => entropyWeights([[1, 2], [2, 2]], { columnNames: ["GDP", "Forest"] }),
      "CONSTANT",
      `data column "Forest" is constant`,
    );
  });
  it("directions and periods length mismatch", () => {
    expectCoordError(() => entropyWeights([[1, 2], [2, 3]], { directions: ["+", "-", "+"] }), "LENGTH", "directions has 3 values");
    expectCoordError(
      () => entropyWeights([[1, 2], [2, 3]], { scope: "per-period", periods: [1, 1, 1] }),
      "LENGTH",
      "periods has 3 labels but data has 2 rows",
    );
  });
  it("unknown and conflicting options", () => {
    expectCoordError(
      () => entropyWeights([[1, 2], [2, 3]], { epsilon: 1e-10 } as unknown as EntropyOptions),
      "OPTION",
      "entropyWeights: unknown option 'epsilon'",
    );
    expectCoordError(
      () => entropyWeights([[1, 2], [2, 3]], { pEpsilon: 1e-10, logEpsilon: 1e-9 }),
      "OPTION",
      "pEpsilon and logEpsilon cannot be combined",
    );
    expectCoordError(() => entropyWeights([[1, 2], [2, 3]], { pEpsilon: -1 }), "OPTION", "pEpsilon must be > 0");
    expectCoordError(
      () => entropyWeights([[1, 2], [2, 3]], { standardize: false, directions: ["+", "-"] }),
      "OPTION",
      "column 2 is '-' but standardize is false",
    );
    expectCoordError(
      () => entropyWeights([[1, 2], [2, 3]], { standardize: "no" } as unknown as EntropyOptions),
      "OPTION",
      "standardize must be true or false",
    );
    expectCoordError(
      () => entropyWeights([[1, 2], [2, 3]], { standardize: false, rescale: [0.01, 0.99] }),
      "OPTION",
      "rescale needs standardize true",
    );
  });
});

// ---------------------------------------------------------------- properties (fast-check)

/** Matrices of 3..12 rows x 2..5 columns of moderate values, every column non-constant. */
const matrixArb = fc
  .tuple(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 2, max: 5 }))
  .chain(([n, m]) =>
    fc.array(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: m, maxLength: m }), {
      minLength: n,
      maxLength: n,
    }),
  )
  .filter((x) => x[0].every((_, j) => x.some((r) => r[j] !== x[0][j])));

describe("entropyWeights: properties", () => {
  it("weights are non-negative and sum to 1", () => {
    fc.assert(
      fc.property(matrixArb, (x) => {
        const w = entropyWeights(x).weights;
        expect(w.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
        expect(Math.abs(w.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
      }),
    );
  });
  it("weights do not depend on the order of the rows", () => {
    fc.assert(
      fc.property(
        matrixArb.chain((x) => fc.tuple(fc.constant(x), fc.shuffledSubarray(x, { minLength: x.length, maxLength: x.length }))),
        ([x, shuffled]) => {
          expectAllClose(entropyWeights(shuffled).weights, entropyWeights(x).weights, 1e-10, "permuted");
        },
      ),
    );
  });
  it("a cost column weighs as the negated benefit column", () => {
    fc.assert(
      fc.property(
        matrixArb.chain((x) => fc.tuple(fc.constant(x), fc.integer({ min: 0, max: x[0].length - 1 }))),
        ([x, j]) => {
          const dirs = x[0].map((_, c) => (c === j ? "-" : "+"));
          const negated = x.map((r) => r.map((v, c) => (c === j ? -v : v)));
          expectAllClose(entropyWeights(x, { directions: dirs }).weights, entropyWeights(negated).weights, 1e-12, "cost");
        },
      ),
    );
  });
});
