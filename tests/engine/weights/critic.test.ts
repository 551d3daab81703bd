import fc from "fast-check";
import { criticWeights, CriticOptions, CriticResult } from "../../../src/engine/weights";
import { compositeIndex } from "../../../src/engine/composite";
import { CoordError } from "../../../src/engine/errors";
import { columns, expectAllClose, expectCoordError, loadFixture, Panel, subsystemColumns, expectWeightDistribution, withShuffledRows } from "./fixtures";

const TOL = 1e-9;
const ref = loadFixture("critic.json");
const peers = loadFixture("peer_comparison.json");
const panelA: Panel = loadFixture("inputs_panel_a.json");
const panelB: Panel = loadFixture("inputs_panel_b.json");

function global(r: CriticResult) {
  if (r.scope !== "global") throw new Error("expected a global result");
  return r;
}

describe("criticWeights (M3): hand-checkable cases", () => {
  // Literals from numpy 1.x / scipy (python3 on the dev machine, not on CI):
  // z = [[0,1],[1/3,0],[1,0.5]]; s = z.std(0, ddof=1); R = (1 - np.corrcoef(z.T)).sum(0)
  it("two columns after min-max", () => {
    const r = global(
      criticWeights([
        [1, 3],
        [2, 1],
        [4, 2],
      ]),
    );
    expectAllClose(
      r.z,
      [
        [0, 1],
        [1 / 3, 0],
        [1, 0.5],
      ],
      TOL,
      "z",
    );
    expectAllClose(r.sigma, [0.5091750772173156, 0.5], TOL, "sigma");
    expectAllClose(r.conflict, [1.3273268353539887, 1.3273268353539884], TOL, "conflict");
    expectAllClose(r.information, [0.6758417438839823, 0.6636634176769942], TOL, "C");
    expectAllClose(r.weights, [0.50454583026496, 0.49545416973504], TOL, "w");
    expect(r.r[0][1]).toBeCloseTo(-0.32732683535398865, 12);
    expect(r.r[0][0]).toBe(1);
  });

  // X below; numpy: s = X.std(0, ddof=1); R = (1 - np.corrcoef(X.T)).sum(0); C = s*R (no min-max, SPSSAU)
  const X = [
    [12, 3.1, 40],
    [15, 2.2, 38],
    [11, 4.0, 45],
    [18, 3.7, 30],
    [14, 2.9, 41],
  ];
  it("no standardization (SPSSAU): σ and r of the raw data", () => {
    const r = global(criticWeights(X, { standardize: false }));
    expectAllClose(r.sigma, [2.7386127875258306, 0.7049822692805827, 5.540758070878027], TOL, "sigma");
    expectAllClose(r.conflict, [3.0944931227775863, 2.118265112316306, 2.90198584754769], TOL, "conflict");
    expectAllClose(r.information, [8.474618436949438, 1.493339345818638, 16.079201506373675], TOL, "C");
    expectAllClose(r.weights, [0.3253567248111483, 0.05733213857378929, 0.6173111366150623], TOL, "w");
  });
  it("no standardization with contrast cv (σ/mean of the raw data)", () => {
    const r = global(criticWeights(X, { standardize: false, contrast: "cv" }));
    expectAllClose(
      r.contrast,
      [0.6053298883535313 / 3.0944931227775863, 0.4696035678674962 / 2.118265112316306, 0.4144124099580844 / 2.90198584754769],
      TOL,
      "cv",
    );
    expectAllClose(r.weights, [0.40644010373929695, 0.31530860529546106, 0.278251290965242], TOL, "w");
  });
  // scipy.stats.spearmanr (average ranks for ties) on the min-max z of Xt
  it("Spearman with ties uses average ranks", () => {
    const Xt = [
      [1, 2, 3],
      [1, 3, 1],
      [2, 2, 2],
      [3, 5, 2],
      [3, 1, 0],
    ];
    const r = global(criticWeights(Xt, { correlation: "spearman" }));
    expectAllClose(r.conflict, [2.4866642633922877, 1.791637026354855, 2.1160798686163798], TOL, "conflict");
    expectAllClose(r.weights, [0.4559584129457091, 0.2491104990415683, 0.2949310880127226], TOL, "w");
  });
});

/** Map a critic.json `options` block to our options; fail loudly on anything unknown. */
function mapOptions(o: Record<string, unknown>): CriticOptions {
  const options: CriticOptions = {};
  for (const [key, value] of Object.entries(o)) {
    switch (key) {
      case "mode":
        if (value === "global") options.scope = "global";
        else if (value === "per_year") {
          options.scope = "per-period";
          options.periods = panelB.years;
        } else throw new Error(`critic.json: unknown mode '${String(value)}'`);
        break;
      case "ddof":
        if (value !== 0 && value !== 1) throw new Error(`critic.json: ddof ${String(value)}`);
        options.ddof = value;
        break;
      case "conflict":
        if (value === "1-|r|") options.conflict = "abs-r";
        else if (value === "1-r") options.conflict = "r";
        else throw new Error(`critic.json: unknown conflict '${String(value)}'`);
        break;
      case "contrast":
        if (value !== "cv" && value !== "sd") throw new Error(`critic.json: unknown contrast '${String(value)}'`);
        options.contrast = value;
        break;
      case "corr":
        if (value !== "spearman" && value !== "pearson") throw new Error(`critic.json: unknown corr '${String(value)}'`);
        options.correlation = value;
        break;
      default:
        throw new Error(`critic.json: unknown option '${key}'`);
    }
  }
  return options;
}

describe("criticWeights (M3): panel b against critic.json", () => {
  const SPECIAL = new Set(["note", "global_ignore_directions"]);
  const blocks = Object.keys(ref).filter((k) => !SPECIAL.has(k));
  for (const k of blocks) if (!ref[k].options) throw new Error(`critic.json block '${k}' has no options: map it`);
  it("maps all 6 option blocks", () => expect(blocks).toHaveLength(6));

  for (const block of blocks) {
    const options = mapOptions(ref[block].options);
    for (const sub of ["NQPF", "NTU"]) {
      it(`${block} / ${sub}`, () => {
        const expected = ref[block][sub];
        expect(expected).toBeDefined();
        const [from, to] = subsystemColumns(panelB, sub);
        const r = criticWeights(columns(panelB.X, from, to), { ...options, directions: panelB.directions.slice(from, to) });
        if (expected.mode === "global") {
          const g = global(r);
          // the reference's "sigma" is the contrast entering C_j (σ, or σ/mean with contrast cv)
          expectAllClose(g.contrast, expected.sigma, TOL, "sigma/contrast");
          if (options.contrast !== "cv") expectAllClose(g.sigma, expected.sigma, TOL, "sigma");
          expectAllClose(g.conflict, expected.conflict, TOL, "conflict");
          expectAllClose(g.information, expected.C, TOL, "C");
          expectAllClose(g.weights, expected.w, TOL, "w");
        } else if (expected.mode === "per_year") {
          if (r.scope !== "per-period") throw new Error("expected per-period");
          expect(r.pools.map((p) => String(p.period))).toEqual(Object.keys(expected.w_by_year));
          for (const p of r.pools) expectAllClose(p.weights, expected.w_by_year[String(p.period)], TOL, `w ${p.period}`);
        } else throw new Error(`unknown mode ${expected.mode}`);
        expectAllClose(compositeIndex(r).U, expected.U, TOL, "U");
      });
    }
  }

  it("global_ignore_directions: all columns treated as benefit (pymcdm/pyrepo style)", () => {
    for (const sub of ["NQPF", "NTU"]) {
      const [from, to] = subsystemColumns(panelB, sub);
      const r = criticWeights(columns(panelB.X, from, to));
      expectAllClose(r.weights, ref.global_ignore_directions[`${sub}_w`], TOL, sub);
    }
  });

  it("ddof cancels in the weights", () => {
    const [from, to] = subsystemColumns(panelB, "NQPF");
    const x = columns(panelB.X, from, to);
    const dirs = panelB.directions.slice(from, to);
    expectAllClose(criticWeights(x, { directions: dirs, ddof: 0 }).weights, ref.global_ddof1.NQPF.w, TOL, "ddof 0 vs 1");
  });
});

describe("criticWeights: peer_comparison.json (panel a, urbanization subsystem)", () => {
  const [from, to] = subsystemColumns(panelA, "U1");
  const x = columns(panelA.X, from, to);
  it("with directions = oracle = scikit-criteria", () => {
    const w = criticWeights(x, { directions: panelA.directions.slice(from, to) }).weights;
    expectAllClose(w, peers.oracle_critic_with_directions, TOL, "oracle");
    expectAllClose(w, peers.skcriteria_critic, TOL, "skcriteria");
  });
  it("ignoring directions = oracle = pymcdm = pyrepo", () => {
    const w = criticWeights(x).weights;
    expectAllClose(w, peers.oracle_critic_ignore_directions, TOL, "oracle");
    expectAllClose(w, peers.pymcdm_critic_weights, TOL, "pymcdm");
    expectAllClose(w, peers.pyrepo_critic_weighting, TOL, "pyrepo");
  });
});

describe("criticWeights: bad input", () => {
  const names = ["GDP", "Forest", "Income"];
  it("empty, ragged, text/null/NaN cells", () => {
    expectCoordError(() => criticWeights([]), "EMPTY", "data is empty");
    expectCoordError(
      () =>
        criticWeights([
          [1, 2, 3],
          [3, 4],
        ]),
      "LENGTH",
      "data row 2 has 2 values; row 1 has 3",
    );
    expectCoordError(
      () =>
        criticWeights(
          [
            [1, 2, 3],
            [2, 3, 1],
            ["n/a", 4, 5],
          ],
          { columnNames: names },
        ),
      "NOT_NUMERIC",
      `data row 3, column "GDP": text 'n/a' is not a number`,
    );
    expectCoordError(
      () =>
        criticWeights([
          [1, 2],
          [2, NaN],
        ]),
      "NOT_NUMERIC",
      "data row 2, column 2: NaN is not a number",
    );
    expectCoordError(
      () =>
        criticWeights(
          [
            [1, 2],
            [2, null],
            [3, 1],
          ],
          { standardize: false },
        ),
      "MISSING",
      "data row 2, column 2: an empty cell is not a number",
    );
  });
  it("constant column named, also when standardization is off or constant: 0", () => {
    const x = [
      [1, 7, 3],
      [2, 7, 4],
      [3, 7, 1],
    ];
    expectCoordError(() => criticWeights(x, { columnNames: names }), "CONSTANT", `data column "Forest" is constant`);
    expectCoordError(() => criticWeights(x, { columnNames: names, constant: 0 }), "CONSTANT", `data column "Forest" is constant: CRITIC needs variation`);
    expectCoordError(() => criticWeights(x, { standardize: false }), "CONSTANT", "data column 2 is constant");
  });
  it("perfectly correlated columns: UNDEFINED, not NaN", () => {
    expectCoordError(
      () =>
        criticWeights([
          [1, 2],
          [2, 4],
          [3, 6],
        ]),
      "UNDEFINED",
      "CRITIC weights are undefined: every indicator has conflict 0",
    );
    // y = 3x + 0.7 in floating point: correlations are 1 only up to rounding
    const a = [0.1, 0.2, 0.7, 0.37].map((v) => v * 13);
    expectCoordError(() => criticWeights(a.map((v) => [v, 3 * v + 0.7])), "UNDEFINED", "CRITIC weights are undefined: every indicator has conflict 0");
  });
  it("one column, one row per period", () => {
    expectCoordError(() => criticWeights([[1], [2]]), "TOO_FEW", "CRITIC weights need at least 2 indicators");
    expectCoordError(
      () =>
        criticWeights(
          [
            [1, 2],
            [2, 1],
            [3, 3],
          ],
          { scope: "per-period", periods: ["a", "a", "b"], constant: 0 },
        ),
      "TOO_FEW",
      "CRITIC weights need at least 2 rows per pool; 1 row in period b",
    );
  });
  it("cv with a non-positive mean", () => {
    expectCoordError(
      () =>
        criticWeights(
          [
            [-1, 2],
            [-2, 1],
            [-4, 3],
          ],
          { standardize: false, contrast: "cv" },
        ),
      "UNDEFINED",
      "data column 1 has mean -2.3333333333333335: the coefficient of variation needs a positive mean",
    );
  });
  it("directions and periods length mismatch", () => {
    expectCoordError(
      () =>
        criticWeights(
          [
            [1, 2],
            [2, 1],
          ],
          { directions: ["-"] },
        ),
      "LENGTH",
      "directions has 1 values but data has 2 columns",
    );
    expectCoordError(
      () =>
        criticWeights(
          [
            [1, 2],
            [2, 1],
          ],
          { scope: "per-period", periods: [2020] },
        ),
      "LENGTH",
      "periods has 1 labels but data has 2 rows",
    );
  });
  it("unknown options and option values", () => {
    const x = [
      [1, 2],
      [2, 1],
      [3, 3],
    ];
    expectCoordError(() => criticWeights(x, { corr: "spearman" } as unknown as CriticOptions), "OPTION", "criticWeights: unknown option 'corr'");
    expectCoordError(() => criticWeights(x, { ddof: 2 } as unknown as CriticOptions), "OPTION", "ddof must be 0 or 1; got '2'");
    expectCoordError(() => criticWeights(x, { conflict: "1-|r|" } as unknown as CriticOptions), "OPTION", "conflict must be one of r, abs-r");
    expectCoordError(() => criticWeights(x, { contrast: "mad" } as unknown as CriticOptions), "OPTION", "contrast must be one of sd, cv");
    expectCoordError(() => criticWeights(x, { correlation: "kendall" } as unknown as CriticOptions), "OPTION", "correlation must be one of pearson, spearman");
    expectCoordError(
      () => criticWeights(x, { standardize: false, directions: ["+", "-"] }),
      "OPTION",
      "criticWeights: directions, column 2 is '-' but standardize is false",
    );
  });
});

// ---------------------------------------------------------------- properties (fast-check)

/** Matrices of 4..12 rows x 2..5 columns of moderate values, every column non-constant. */
const matrixArb = fc
  .tuple(fc.integer({ min: 4, max: 12 }), fc.integer({ min: 2, max: 5 }))
  .chain(([n, m]) => fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }))
  .filter((x) => x[0].every((_, j) => x.some((r) => r[j] !== x[0][j])))
  // skip matrices whose columns are all perfectly (rank-)correlated (weights undefined, tested above)
  .filter((x) => {
    try {
      criticWeights(x);
      criticWeights(x, { correlation: "spearman" });
      return true;
    } catch (e) {
      if (e instanceof CoordError && e.code === "UNDEFINED") return false;
      throw e;
    }
  });

describe("criticWeights: properties", () => {
  for (const correlation of ["pearson", "spearman"] as const) {
    it(`weights are non-negative and sum to 1 (${correlation})`, () => {
      fc.assert(
        fc.property(matrixArb, (x) => {
          const w = criticWeights(x, { correlation }).weights;
          expectWeightDistribution(w);
        }),
      );
    });
  }
  it("weights do not depend on the order of the rows", () => {
    fc.assert(
      fc.property(withShuffledRows(matrixArb), ([x, shuffled]) => {
        expectAllClose(criticWeights(shuffled).weights, criticWeights(x).weights, 1e-10, "permuted");
        expectAllClose(
          criticWeights(shuffled, { correlation: "spearman" }).weights,
          criticWeights(x, { correlation: "spearman" }).weights,
          1e-10,
          "permuted spearman",
        );
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
          expectAllClose(criticWeights(x, { directions: dirs }).weights, criticWeights(negated).weights, 1e-12, "cost");
        },
      ),
    );
  });
});
