/**
 * Economic distance and nested (geographic x economic) weights as report inputs (M11):
 * `--weights economic:COLUMN` (w_ij = 1/|x̄_i − x̄_j| of the units' means of a data column) and
 * `--weights nested:GEO,economic:COLUMN` (w_ij = g_ij·e_ij), parsed, requested from the data's
 * cells and resolved for the units, against matrices computed by hand for four units; the
 * messages naming the column, the cell and the unit; then through the command line on the
 * sample panel with the China queen matrix of ../shared/data.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { moranI } from "../../src/engine/spatial/moran";
import { toDenseWeights, transformWeights, weightsFromMatrix } from "../../src/engine/spatial/weights";
import { parseCsv } from "../../src/report/csv";
import type { Cell } from "../../src/report/csv";
import { parseWeightsSpec, resolveSpatialWeights, spatialWeightsRequest, unitMeansFromCells } from "../../src/report/spatialWeights";
import { expectCoordError, expectCoordErrorExact, runCli } from "../helpers";
import { chinaW, describeRef } from "../engine/inequality/reference";

// four units on a line and one above: A (0, 0), B (1, 0), C (3, 0), D (0, 2); gdp means A 2, B 5, C 10, D 3
const CELLS: Cell[][] = [
  ["id", "year", "x", "y", "gdp"],
  ["A", 2011, 0, 0, 1],
  ["A", 2012, 0, 0, 3],
  ["B", 2011, 1, 0, 4],
  ["B", 2012, 1, 0, 6],
  ["C", 2011, 3, 0, 9],
  ["C", 2012, 3, 0, 11],
  ["D", 2011, 0, 2, 2.5],
  ["D", 2012, 0, 2, 3.5],
];
const UNITS = ["A", "B", "C", "D"];
// by hand: 1/|m_i − m_j|
const ECONOMIC = [
  [0, 1 / 3, 1 / 8, 1],
  [1 / 3, 0, 1 / 5, 1 / 2],
  [1 / 8, 1 / 5, 0, 1 / 7],
  [1, 1 / 2, 1 / 7, 0],
];
// band:2.5 (Euclidean): A–B 1, A–D 2, B–C 2, B–D √5 ≈ 2.24 are linked (weight 1); A–C 3, C–D √13 are not
const NESTED_BAND = [
  [0, 1 / 3, 0, 1],
  [1 / 3, 0, 1 / 5, 1 / 2],
  [0, 1 / 5, 0, 0],
  [1, 1 / 2, 0, 0],
];

const request = (weights: string, cells: Cell[][] = CELLS, coords = "") => spatialWeightsRequest({ weights, coords, cells, idColumn: "id" });
function expectDense(actual: number[][], expected: number[][]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(1e-15)));
}

describe("economic and nested weights: the --weights forms", () => {
  test("parse: economic:COLUMN and nested:GEO,economic:COLUMN (a column name may hold spaces, commas and colons)", () => {
    expect(parseWeightsSpec("economic:X1 GDP per capita (RMB/person)")).toEqual({ kind: "economic", column: "X1 GDP per capita (RMB/person)" });
    expect(parseWeightsSpec("nested:china-provinces,economic:GDP, real: 2010 prices")).toEqual({
      kind: "nested",
      geo: { kind: "preset", name: "china-provinces" },
      column: "GDP, real: 2010 prices",
    });
    expect(parseWeightsSpec("nested:idw:1:800, economic:gdp")).toEqual({ kind: "nested", geo: { kind: "idw", power: 1, threshold: 800 }, column: "gdp" });
    expect(parseWeightsSpec("nested:W.csv,economic:gdp")).toEqual({ kind: "nested", geo: { kind: "file", path: "W.csv" }, column: "gdp" });
  });

  test("parse errors name the form", () => {
    expectCoordError(() => parseWeightsSpec("economic:"), "OPTION", "weights 'economic:': name the data column, economic:COLUMN");
    expectCoordError(
      () => parseWeightsSpec("nested:china-provinces"),
      "OPTION",
      "weights 'nested:china-provinces': the economic part is missing; give nested:GEO,economic:COLUMN",
    );
    expectCoordError(() => parseWeightsSpec("nested:,economic:gdp"), "OPTION", "the geographic weights are missing");
    expectCoordError(() => parseWeightsSpec("nested:knn:4,economic: "), "OPTION", "the economic column is missing");
    expectCoordError(() => parseWeightsSpec("nested:economic:a,economic:b"), "OPTION", "'economic:a' is not geographic weights");
  });

  test("economic:gdp: the units' means and 1/|difference|, as by hand", () => {
    expect(unitMeansFromCells(CELLS, "id", "gdp")).toEqual({ units: UNITS, means: [2, 5, 10, 3] });
    const W = resolveSpatialWeights(request("economic:gdp")!, UNITS);
    expect(W.labels).toEqual(UNITS);
    expectDense(toDenseWeights(W), ECONOMIC);
    expect(W.source).toBe("economic distance 1/|difference of the means of gdp|");
    // the data's order of units, and a column named in another case
    const reordered = resolveSpatialWeights(request("economic:GDP")!, ["D", "C", "B", "A"]);
    expectDense(
      toDenseWeights(reordered),
      [3, 2, 1, 0].map((i) => [3, 2, 1, 0].map((j) => ECONOMIC[i][j])),
    );
  });

  test("nested:band:2.5,economic:gdp with --coords x,y: g·e, as by hand; a preset, a file and its source", () => {
    const W = resolveSpatialWeights(request("nested:band:2.5,economic:gdp", CELLS, "x,y")!, UNITS);
    expectDense(toDenseWeights(W), NESTED_BAND);
    expect(W.source).toMatch(/^nested \(band:2\.5 .* x economic distance 1\/\|difference of the means of gdp\|\)$/);
    // a loaded file as GEO (the pane, the command line): only A–B and C–D linked
    const file = {
      weights: weightsFromMatrix(
        [
          [0, 1, 0, 0],
          [1, 0, 0, 0],
          [0, 0, 0, 1],
          [0, 0, 1, 0],
        ],
        UNITS,
      ),
      format: "matrix" as const,
      listsAllUnits: true,
      notes: [],
    };
    const F = resolveSpatialWeights(spatialWeightsRequest({ weights: "nested:W.csv,economic:gdp", coords: "", cells: CELLS, idColumn: "id", file })!, UNITS);
    expectDense(toDenseWeights(F), [
      [0, 1 / 3, 0, 0],
      [1 / 3, 0, 0, 0],
      [0, 0, 0, 1 / 7],
      [0, 0, 1 / 7, 0],
    ]);
  });

  test("messages: the column, the cell, the unit, equal means; a name given where the data is not at hand", () => {
    expectCoordErrorExact(() => request("economic:GDPX"), "OPTION", "weights economic:GDPX: data has no column 'GDPX' (its columns: id, year, x, y, gdp)");
    const text = CELLS.map((r, i) => (i === 3 ? ["B", 2011, 1, 0, "n/a"] : r));
    expectCoordErrorExact(() => request("economic:gdp", text), "NOT_NUMERIC", "weights economic:gdp: data cell E4: 'n/a' is not a number (gdp of 'B')");
    const empty = CELLS.map((r) => (r[0] === "C" ? ["C", r[1], 3, 0, null] : r));
    expectCoordErrorExact(
      () => request("economic:gdp", empty),
      "MISSING",
      "weights economic:gdp: unit 'C' has no value in column 'gdp'; economic distance needs its mean",
    );
    // one empty cell is left out of that unit's mean
    expect(
      unitMeansFromCells(
        CELLS.map((r, i) => (i === 1 ? ["A", 2011, 0, 0, null] : r)),
        "id",
        "gdp",
      ).means,
    ).toEqual([3, 5, 10, 3]);
    const same = CELLS.map((r) => (r[0] === "D" ? ["D", r[1], 0, 2, 5] : r));
    expectCoordError(() => resolveSpatialWeights(request("economic:gdp", same)!, UNITS), "UNDEFINED", "units 'B' and 'D' have the same value (5)");
    expectCoordError(() => resolveSpatialWeights("economic:gdp", UNITS), "OPTION", "the units' means of the column 'gdp' are taken from the data");
  });
});

describeRef("report/economicWeights.test")("economic and nested weights from the command line", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-econ-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const ROOT = path.join(__dirname, "..", "..");
  const SAMPLE = path.join(ROOT, "samples", "sample-panel.csv");
  const COLUMN = "X1 GDP per capita (RMB/person)";
  const cli = (weights: string, name = "r") =>
    runCli(main, [
      SAMPLE,
      "--roles",
      path.join(ROOT, "samples", "sample-panel.roles.json"),
      ...["--out", path.join(dir, `${name}.xlsx`), "--json", path.join(dir, `${name}.json`)],
      ...["--quiet", "--permutations", "0", "--weights", weights],
    ]);

  test("nested:china-provinces,economic:COLUMN: Moran's I with g·e computed here from the CSV and the queen matrix", async () => {
    const r = await cli(`nested:china-provinces,economic:${COLUMN}`);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "r.json"), "utf8"));
    const cells = parseCsv(fs.readFileSync(SAMPLE, "utf8"));
    const col = (cells[0] as string[]).indexOf(COLUMN);
    const units = [...new Set(cells.slice(1).map((row) => String(row[0])))];
    const means = units.map((u) => {
      const v = cells
        .slice(1)
        .filter((row) => row[0] === u)
        .map((row) => row[col] as number);
      return v.reduce((a, b) => a + b, 0) / v.length;
    });
    const { names, W } = chinaW();
    const g = units.map((u) => units.map((v) => W[names.indexOf(u)][names.indexOf(v)]));
    const dense = g.map((row, i) => row.map((x, j) => (x ? x / Math.abs(means[i] - means[j]) : 0)));
    const Wr = transformWeights(weightsFromMatrix(dense, units), "row");
    const D2011 = json.observations.filter((o: { period: string }) => o.period === "2011").map((o: { D: number }) => o.D);
    expect(Math.abs(json.spatial.global[0].I - moranI(D2011, Wr, { permutations: 0 }).I)).toBeLessThanOrEqual(1e-12);
    expect(json.spatial.weights.source).toBe(
      `nested (china-provinces (queen contiguity, Natural Earth; Hainan linked to Guangdong) x economic distance 1/|difference of the means of ${COLUMN}|)`,
    );
    expect(json.spatialMarkov.weights.n).toBe(31);
  });

  test("an unknown column: exit 1, the message names it, no report left behind", async () => {
    const r = await cli("economic:GDP", "bad");
    expect(r.code).toBe(1);
    expect(r.err).toContain("weights economic:GDP: data has no column 'GDP' (its columns: Province, Region, Year,");
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("bad"))).toEqual([]);
  });
});
