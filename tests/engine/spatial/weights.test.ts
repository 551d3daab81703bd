/**
 * The sparse weights (M11): builders from a matrix, links and edges with their checks (square,
 * zero diagonal, no negative weight, no duplicate), transforms, S0/S1/S2 against a dense
 * computation, subsetting before transforming, alignment to the data's units (first missing,
 * first extra), and the isolate check.
 */
import fc from "fast-check";
import {
  alignWeights,
  checkIsolates,
  subsetWeights,
  toDenseWeights,
  transformWeights,
  weightsFromEdges,
  weightsFromLinks,
  weightsFromMatrix,
  weightsSummary,
} from "../../../src/engine/spatial/weights";
import { expectCoordErrorExact } from "../../helpers";

const L = ["a", "b", "c", "d"];
const M = [
  [0, 1, 0, 2],
  [1, 0, 1, 0],
  [0, 3, 0, 0],
  [2, 0, 0, 0],
];

/** S0, S1, S2 straight from the definitions on a dense matrix. */
function denseConstants(w: number[][]) {
  const n = w.length;
  let S0 = 0;
  let S1 = 0;
  let S2 = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    let c = 0;
    for (let j = 0; j < n; j++) {
      S0 += w[i][j];
      S1 += 0.5 * (w[i][j] + w[j][i]) ** 2;
      r += w[i][j];
      c += w[j][i];
    }
    S2 += (r + c) ** 2;
  }
  return { S0, S1, S2 };
}

describe("builders", () => {
  test("a dense matrix round-trips, neighbours ascending", () => {
    const W = weightsFromMatrix(M, L);
    expect(toDenseWeights(W)).toEqual(M);
    expect(Array.from(W.offsets)).toEqual([0, 2, 4, 5, 6]);
    expect(Array.from(W.neighbours)).toEqual([1, 3, 0, 2, 1, 0]);
    expect(W.transform).toBe("none");
  });

  test("links in any order give the same structure; a repeated link is an error", () => {
    const W = weightsFromLinks(L, [3, 0, 2, 1, 0, 1], [0, 3, 1, 2, 1, 0], [2, 2, 3, 1, 1, 1]);
    expect(toDenseWeights(W)).toEqual(M);
    expectCoordErrorExact(() => weightsFromLinks(L, [0, 0], [1, 1], [1, 1]), "OPTION", "weights: the link 'a' -> 'b' is given twice");
  });

  test("edges: directed, symmetric, with weights; a unit outside the given labels", () => {
    const W = weightsFromEdges(
      [
        { from: "a", to: "b", weight: 2 },
        { from: "b", to: "c" },
      ],
      { symmetric: true },
    );
    expect(toDenseWeights(W)).toEqual([
      [0, 2, 0],
      [2, 0, 1],
      [0, 1, 0],
    ]);
    const D = weightsFromEdges([{ from: "b", to: "a" }], { labels: ["a", "b", "c"] });
    expect(toDenseWeights(D)).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expectCoordErrorExact(
      () => weightsFromEdges([{ from: "a", to: "x" }], { labels: ["a", "b"] }),
      "OPTION",
      "weights edge 1: unit 'x' is not one of the units",
    );
  });

  test("checks name the cell and the units", () => {
    expectCoordErrorExact(
      () =>
        weightsFromMatrix(
          [
            [0, 1],
            [1, 0, 0],
          ],
          ["a", "b"],
        ),
      "LENGTH",
      "weights is not square: row 2 ('b') has 3 columns, the matrix has 2 rows",
    );
    expectCoordErrorExact(
      () =>
        weightsFromMatrix(
          [
            [0, 1],
            [1, 0],
          ],
          ["a"],
        ),
      "LENGTH",
      "weights has 2 rows but 1 unit labels",
    );
    expectCoordErrorExact(
      () =>
        weightsFromMatrix(
          [
            [0, 1],
            [1, 1],
          ],
          ["a", "b"],
        ),
      "OPTION",
      "weights row 2 ('b'), column 2 ('b'): the diagonal must be 0 (a unit is not its own neighbour), got 1",
    );
    expectCoordErrorExact(
      () =>
        weightsFromMatrix(
          [
            [0, -1],
            [1, 0],
          ],
          ["a", "b"],
        ),
      "NEGATIVE",
      "weights row 1 ('a'), column 2 ('b'): the weight -1 is negative; weights must be ≥ 0",
    );
    expectCoordErrorExact(
      () =>
        weightsFromMatrix(
          [
            [0, NaN],
            [1, 0],
          ],
          ["a", "b"],
        ),
      "NOT_NUMERIC",
      "weights row 1 ('a'), column 2 ('b'): NaN is not a finite number",
    );
    expectCoordErrorExact(
      () =>
        weightsFromMatrix(
          [
            [0, 1],
            [1, 0],
          ],
          ["a", "a"],
        ),
      "OPTION",
      "weights: unit 'a' appears twice (units 1 and 2)",
    );
    expectCoordErrorExact(
      () => weightsFromEdges([{ from: "a", to: "a" }]),
      "OPTION",
      "weights: unit 'a' is linked to itself (weight 1); the diagonal must be 0",
    );
  });
});

describe("transforms and constants", () => {
  test("row, binary, none", () => {
    const W = weightsFromMatrix(M, L);
    expect(toDenseWeights(transformWeights(W, "row"))).toEqual([
      [0, 1 / 3, 0, 2 / 3],
      [0.5, 0, 0.5, 0],
      [0, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
    expect(toDenseWeights(transformWeights(W, "binary"))).toEqual(M.map((r) => r.map((v) => (v > 0 ? 1 : 0))));
    expect(toDenseWeights(transformWeights(W, "none"))).toEqual(M);
    expect(() => transformWeights(W, "W" as never)).toThrow("transform must be one of row, binary, none; got 'W'");
  });

  test("S0, S1, S2 equal the dense definitions on random weights (asymmetric, with isolates)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }).chain((n) =>
          fc.array(fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0.1, max: 5, noNaN: true })), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        fc.constantFrom("row", "binary", "none" as const),
        (m, t) => {
          const dense = m.map((r, i) => r.map((v, j) => (i === j ? 0 : v)));
          const W = transformWeights(
            weightsFromMatrix(
              dense,
              dense.map((_, i) => `u${i}`),
            ),
            t,
          );
          const s = weightsSummary(W);
          const e = denseConstants(toDenseWeights(W));
          for (const k of ["S0", "S1", "S2"] as const) expect(Math.abs(s[k] - e[k])).toBeLessThanOrEqual(1e-12 * Math.max(1, e[k]));
          const d = toDenseWeights(W);
          expect(s.asymmetric).toBe(d.some((r, i) => r.some((v, j) => Math.abs(v - d[j][i]) > 1e-12)));
          expect(s.isolates).toEqual(d.flatMap((r, i) => (r.every((v) => v === 0) ? [`u${i}`] : [])));
          expect(s.meanNeighbours).toBeCloseTo(d.flat().filter((v) => v > 0).length / d.length, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("a symmetric binary matrix is not flagged asymmetric; row-standardising it usually is", () => {
    const B = weightsFromEdges(
      [
        { from: "a", to: "b" },
        { from: "b", to: "c" },
      ],
      { symmetric: true },
    );
    expect(weightsSummary(B).asymmetric).toBe(false);
    expect(weightsSummary(transformWeights(B, "row")).asymmetric).toBe(true);
  });
});

describe("subsets, alignment, isolates", () => {
  test("the sub-matrix is taken before the transform (a unit dropped changes its neighbours' rows)", () => {
    const W = weightsFromMatrix(M, L);
    const S = transformWeights(subsetWeights(W, [0, 1, 2]), "row");
    expect(toDenseWeights(S)).toEqual([
      [0, 1, 0],
      [0.5, 0, 0.5],
      [0, 1, 0],
    ]);
  });

  test("alignment re-orders to the data and names the first missing and the first extra", () => {
    const W = weightsFromMatrix(M, L);
    const A = alignWeights(W, ["d", "c", "b", "a"]);
    expect(A.labels).toEqual(["d", "c", "b", "a"]);
    expect(toDenseWeights(A)).toEqual([
      [0, 0, 0, 2],
      [0, 0, 3, 0],
      [0, 1, 0, 1],
      [2, 0, 1, 0],
    ]);
    expect(alignWeights(W, [" A", "b", "C", "d"]).labels).toEqual(["a", "b", "c", "d"]);
    expectCoordErrorExact(
      () => alignWeights(W, ["a", "b", "x", "y"]),
      "OPTION",
      "weights do not match the data's units one to one: the data's unit 'x' is not in the weights (2 missing); the weights' unit 'c' is not in the data (2 extra)",
    );
    expectCoordErrorExact(
      () => alignWeights(W, ["a", "b", "c"]),
      "OPTION",
      "weights do not match the data's units one to one: the weights' unit 'd' is not in the data",
    );
    expect(alignWeights(W, ["a", "b", "c"], { allowExtra: true }).n).toBe(3);
  });

  test("an isolate is an error naming it, unless the zero policy", () => {
    const W = weightsFromEdges([{ from: "a", to: "b" }], { labels: ["a", "b", "c", "d"], symmetric: true });
    expectCoordErrorExact(
      () => checkIsolates(W, false),
      "UNDEFINED",
      "weights: unit 'c' has no neighbours (an isolate) (and 1 more: 'd'); link it, drop it, or set the zero policy (its lag is then 0)",
    );
    expect(() => checkIsolates(W, true)).not.toThrow();
  });
});
