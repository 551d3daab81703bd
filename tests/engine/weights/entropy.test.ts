import fc from "fast-check";
import { entropyWeights, EntropyOptions, EntropyResult } from "../../../src/engine/weights";
import { entropyWeightsOnly, EntropyWeightsOnlyResult } from "../../../src/engine/weights/entropy";
import { compositeIndex } from "../../../src/engine/composite";
import { columns, expectAllClose, expectCoordError, loadFixture, Panel, subsystemColumns, expectWeightDistribution, withShuffledRows } from "./fixtures";

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
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
            ["n/a", 4],
          ],
          { columnNames: ["GDP", "Forest"] },
        ),
      "NOT_NUMERIC",
      `data row 3, column "GDP": text 'n/a' is not a number`,
    );
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, null],
          ],
          { standardize: false },
        ),
      "MISSING",
      "data row 2, column 2: an empty cell is not a number",
    );
  });
  it("constant column named", () => {
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 2],
          ],
          { columnNames: ["GDP", "Forest"] },
        ),
      "CONSTANT",
      `data column "Forest" is constant`,
    );
  });
  it("directions and periods length mismatch", () => {
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { directions: ["+", "-", "+"] },
        ),
      "LENGTH",
      "directions has 3 values",
    );
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { scope: "per-period", periods: [1, 1, 1] },
        ),
      "LENGTH",
      "periods has 3 labels but data has 2 rows",
    );
  });
  it("unknown and conflicting options", () => {
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { epsilon: 1e-10 } as unknown as EntropyOptions,
        ),
      "OPTION",
      "entropyWeights: unknown option 'epsilon'",
    );
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { pEpsilon: 1e-10, logEpsilon: 1e-9 },
        ),
      "OPTION",
      "pEpsilon and logEpsilon cannot be combined",
    );
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { pEpsilon: -1 },
        ),
      "OPTION",
      "pEpsilon must be > 0",
    );
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { standardize: false, directions: ["+", "-"] },
        ),
      "OPTION",
      "column 2 is '-' but standardize is false",
    );
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { standardize: "no" } as unknown as EntropyOptions,
        ),
      "OPTION",
      "standardize must be true or false",
    );
    expectCoordError(
      () =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { standardize: false, rescale: [0.01, 0.99] },
        ),
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
        expectWeightDistribution(w);
      }),
    );
  });
  it("weights do not depend on the order of the rows", () => {
    fc.assert(
      fc.property(withShuffledRows(matrixArb), ([x, shuffled]) => {
        expectAllClose(entropyWeights(shuffled).weights, entropyWeights(x).weights, 1e-10, "permuted");
      }),
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

// ---------------------------------------------------------------- weights-only path

/**
 * |a - b| ≤ 1e-12·|b| + floor, element by element (the weights-only path sums z ln z and
 * subtracts ln S instead of summing p ln p). floor = 0 on the reference panels; on random matrices
 * 1e-14 absolute, since e, d, w lie in [0, 1] and an e of ~1e-200 (all mass on one row) is only
 * known to ~1e-16 absolute by either path.
 */
const FAST_TOL = 1e-12;
let absFloor = 0;
function expectRelClose(actual: number[], expected: number[], what: string): void {
  expect(actual).toHaveLength(expected.length);
  for (let j = 0; j < expected.length; j++) {
    const scale = Math.max(Math.abs(expected[j]), Math.abs(actual[j]));
    if (Math.abs(actual[j] - expected[j]) > FAST_TOL * scale + absFloor)
      throw new Error(`${what}[${j}]: ${actual[j]} vs ${expected[j]} (rel ${Math.abs(actual[j] - expected[j]) / scale})`);
  }
}

/** The weights-only result equals the full one: weights, and per pool n, k, e, d, w, uninformative. */
function expectSameAsFull(fast: EntropyWeightsOnlyResult, full: EntropyResult): void {
  expect(fast.scope).toBe(full.scope);
  expect("z" in fast || "zUnshifted" in fast).toBe(false);
  expect(fast.directions).toEqual(full.directions);
  expectRelClose(fast.weights, full.weights, "weights");
  expect(fast.pools).toHaveLength(full.pools.length);
  fast.pools.forEach((p, i) => {
    const q = full.pools[i];
    expect(p.period).toBe(q.period);
    expect(p.rows).toEqual(q.rows);
    expect(p.n).toBe(q.n);
    expect(p.k).toBe(q.k);
    expect(p.uninformative).toEqual(q.uninformative);
    expectRelClose(p.e, q.e, `e (pool ${i})`);
    expectRelClose(p.d, q.d, `d (pool ${i})`);
    expectRelClose(p.weights, q.weights, `w (pool ${i})`);
  });
  if (fast.scope === "global" && full.scope === "global") {
    expect(fast.n).toBe(full.n);
    expect(fast.k).toBe(full.k);
    expectRelClose(fast.e, full.e, "e");
    expectRelClose(fast.d, full.d, "d");
  }
}

/** Both paths give the same result, or throw the same error (code and message). */
function expectSameOutcome(x: unknown[][], options: EntropyOptions): void {
  let full: EntropyResult | undefined;
  let fullError: unknown;
  try {
    full = entropyWeights(x, options);
  } catch (e) {
    fullError = e;
  }
  if (full) return expectSameAsFull(entropyWeightsOnly(x, options), full);
  let fastError: unknown;
  try {
    entropyWeightsOnly(x, options);
  } catch (e) {
    fastError = e;
  }
  expect(fastError).toBeDefined();
  const a = fastError as { code?: string; message: string };
  const b = fullError as { code?: string; message: string };
  expect([a.code, a.message]).toEqual([b.code, b.message]);
}

describe("entropyWeightsOnly: the full path's numbers without z", () => {
  it("panel a, every entropy.json option block, U1 and U2 (with '-' columns)", () => {
    const blocks = Object.keys(ref).filter((k) => k !== "note" && k !== "global_wrong_k_1_over_lnT");
    for (const block of blocks) {
      const { options } = mapOptions(ref[block].options);
      for (const sub of ["U1", "U2"]) {
        const [from, to] = subsystemColumns(panelA, sub);
        const dirs = panelA.directions.slice(from, to);
        const x = columns(panelA.X, from, to);
        expectSameAsFull(entropyWeightsOnly(x, { ...options, directions: dirs }), entropyWeights(x, { ...options, directions: dirs }));
      }
    }
  });
  it("panel a, all indicators: global and per-period, against the reference values", () => {
    const x = panelA.X;
    const directions = panelA.directions;
    expectSameAsFull(entropyWeightsOnly(x, { directions }), entropyWeights(x, { directions }));
    const perYear: EntropyOptions = { directions, scope: "per-period", periods: panelA.years };
    expectSameAsFull(entropyWeightsOnly(x, perYear), entropyWeights(x, perYear));
    expect(ref.global_shift0.options).toEqual({ mode: "global" });
    for (const sub of ["U1", "U2"]) {
      const [from, to] = subsystemColumns(panelA, sub);
      const r = entropyWeightsOnly(columns(x, from, to), { directions: directions.slice(from, to) });
      if (r.scope !== "global") throw new Error("expected global");
      const expected = ref.global_shift0[`${sub}_subsystem`];
      expectAllClose(r.e, expected.e, TOL, "e");
      expectAllClose(r.d, expected.d, TOL, "d");
      expectAllClose(r.weights, expected.w, TOL, "w");
    }
  });
  it("small cases and the options it hands to the full path (standardize: false, ε, constant 0/1)", () => {
    const Z: number[][] = small.entropy_Z;
    for (const options of [
      { standardize: false },
      { standardize: false, pEpsilon: 1e-10 },
      { standardize: false, logEpsilon: 1e-9 },
      {},
      { shift: 0.01 },
      { rescale: [0.01, 0.99] },
      { constant: 1 as const },
    ] as EntropyOptions[])
      expectSameOutcome(Z, options);
    expectSameOutcome(
      [
        [5, 1],
        [5, 2],
        [5, 4],
      ],
      { constant: 0 },
    );
  });
  it("random matrices with random directions, global and per-period (fast-check)", () => {
    fc.assert(
      fc.property(
        matrixArb.chain((x) =>
          fc.tuple(
            fc.constant(x),
            fc.array(fc.constantFrom("+", "-"), { minLength: x[0].length, maxLength: x[0].length }),
            fc.array(fc.constantFrom(2011, 2012), { minLength: x.length, maxLength: x.length }),
          ),
        ),
        ([x, directions, periods]) => {
          absFloor = 1e-14;
          expectSameOutcome(x, { directions });
          // per-period pools may be too small or constant: then both must throw alike
          expectSameOutcome(x, { directions, scope: "per-period", periods, constant: 0 });
          expectSameOutcome(x, { directions, scope: "per-period", periods });
          absFloor = 0;
        },
      ),
      { numRuns: 300 },
    );
    absFloor = 0;
  });
  it("rejects the same bad inputs with the same errors", () => {
    const bad: [unknown[][], EntropyOptions][] = [
      [[], {}],
      [[[1, 2], [3]], {}],
      [
        [
          [1, 2],
          [2, 3],
          ["n/a", 4],
        ],
        { columnNames: ["GDP", "Forest"] },
      ],
      [
        [
          [1, 2],
          [2, null],
        ],
        {},
      ],
      [
        [
          [1, 2],
          [2, NaN],
        ],
        {},
      ],
      [
        [
          [1, 2],
          [2, Infinity],
        ],
        {},
      ],
      [[[], []], {}],
      [
        [
          [1, 2],
          [2, 2],
        ],
        { columnNames: ["GDP", "Forest"] },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { columnNames: ["GDP"] },
      ],
      [
        [
          [1, 2],
          [2, 3],
          ["x", 1],
        ],
        { columnNames: ["GDP"] },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { directions: ["+", "-", "+"] },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { directions: ["+", "cost"] },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { scope: "per-period", periods: [1, 1, 1] },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { scope: "per-period" },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { scope: "yearly" } as unknown as EntropyOptions,
      ],
      [
        [
          [1, 2],
          [2, 1],
          [3, 5],
        ],
        { scope: "per-period", periods: [2011, 2011, 2012], constant: 0 },
      ],
      [
        [
          [1, 2],
          [2, 1],
          [3, 5],
        ],
        { scope: "per-period", periods: [2011, 2011, 2012] },
      ],
      [
        [
          [1, 2],
          [2, 4],
          [3, 1],
        ],
        { shift: -0.01 },
      ],
      [
        [
          [0.1, 0.5],
          [0.2, -0.3],
        ],
        { standardize: false, columnNames: ["GDP", "Forest"] },
      ],
      [
        [
          [0, 1],
          [0, 1],
        ],
        { standardize: false },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { epsilon: 1e-10 } as unknown as EntropyOptions,
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { k: 1 } as unknown as EntropyOptions,
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { pEpsilon: 1e-10, logEpsilon: 1e-9 },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { pEpsilon: -1 },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { logEpsilon: 0 },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { standardize: false, directions: ["+", "-"] },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { standardize: "no" } as unknown as EntropyOptions,
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { standardize: false, rescale: [0.01, 0.99] },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { rescale: [0.99, 0.01] },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { shift: 0.1, rescale: [0.01, 0.99] },
      ],
      [
        [
          [1, 2],
          [2, 3],
        ],
        { constant: 2 } as unknown as EntropyOptions,
      ],
    ];
    for (const [x, options] of bad) {
      expect(() => entropyWeights(x, options)).toThrow(); // each case is a rejection
      expectSameOutcome(x, options);
    }
    expectCoordError(
      () =>
        entropyWeightsOnly(
          [
            [1, 2],
            [2, 2],
          ],
          { columnNames: ["GDP", "Forest"] },
        ),
      "CONSTANT",
      `data column "Forest" is constant`,
    );
    expectCoordError(
      () =>
        entropyWeightsOnly(
          [
            [1, 2],
            [2, 3],
          ],
          { epsilon: 1e-10 } as unknown as EntropyOptions,
        ),
      "OPTION",
      "entropyWeights: unknown option 'epsilon'",
    );
  });
});

/** What readMatrix knows of rows of finite numbers: column minima and maxima, and the column-major copy. */
function checkedRows(x: number[][]): { min: Float64Array; max: Float64Array; columns: Float64Array } {
  const n = x.length;
  const cols = x[0].length;
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  const columns = new Float64Array(n * cols + 7); // a reused buffer may be longer than needed
  for (let i = 0; i < n; i++)
    for (let j = 0; j < cols; j++) {
      const v = x[i][j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
      columns[j * n + i] = v;
    }
  return { min, max, columns };
}

describe("entropyWeightsOnly on the column-major copy (CheckedRows.columns): the row path's numbers, bit for bit", () => {
  it("panel a, all indicators, with their directions", () => {
    const x: number[][] = panelA.X;
    const directions = panelA.directions;
    expect(entropyWeightsOnly(x, { directions }, checkedRows(x))).toEqual(entropyWeightsOnly(x, { directions }));
    const r = entropyWeightsOnly(x, { directions }, checkedRows(x));
    if (r.scope !== "global") throw new Error("expected global");
    expectAllClose(r.weights, global(entropyWeights(x, { directions })).weights, 1e-12, "w against entropyWeights");
  });
  it("columns whose z reach the subnormal numbers (0 and 1e-10 against a range of 1e300, 5e-324 above 0) and columns with min 0", () => {
    const x = [
      [0, 0, 3, 1e300],
      [1e-10, 5e-324, 0, 7],
      [1e300, 1, 1, 0],
      [5e299, 0.5, 2, 1e-10],
    ];
    for (const directions of [
      ["+", "+", "+", "+"],
      ["-", "+", "-", "+"],
    ]) {
      const fast = entropyWeightsOnly(x, { directions }, checkedRows(x));
      expect(fast).toEqual(entropyWeightsOnly(x, { directions }));
      const full = global(entropyWeights(x, { directions }));
      if (fast.scope !== "global") throw new Error("expected global");
      expectAllClose(fast.weights, full.weights, 1e-12, "w against entropyWeights");
    }
  });
  it("random matrices with random directions (fast-check; the doubles include 0, tiny and subnormal values)", () => {
    fc.assert(
      fc.property(
        matrixArb.chain((x) => fc.tuple(fc.constant(x), fc.array(fc.constantFrom("+", "-"), { minLength: x[0].length, maxLength: x[0].length }))),
        ([x, directions]) => {
          let rows: unknown;
          try {
            rows = entropyWeightsOnly(x, { directions });
          } catch (e) {
            rows = e;
          }
          let cols: unknown;
          try {
            cols = entropyWeightsOnly(x, { directions }, checkedRows(x));
          } catch (e) {
            cols = e;
          }
          expect(cols).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
