/**
 * Reading user weights (M11): labelled matrices from CSV cells (in any column order, Chinese
 * labels), unlabelled matrices in the data's order, edge lists (directed or one row per pair),
 * GeoDa GAL and GWT in both header styles — each checked against the China preset where it
 * encodes the same matrix — and the messages naming the cell or line; then matching to units.
 */
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../../src/report/csv";
import {
  coordinatesFromCells,
  parseGal,
  parseGwt,
  parseWeightsCells,
  parseWeightsText,
  spatialWeightsRequest,
  weightsForUnits,
} from "../../src/report/spatialWeights";
import { chinaProvincesWeights } from "../../src/engine/spatial/presets/chinaProvinces";
import { CHINA_PROVINCES } from "../../src/engine/spatial/presets/chinaProvincesData";
import { toDenseWeights, transformWeights } from "../../src/engine/spatial/weights";
import { expectCoordErrorExact } from "../helpers";

const PRESET = path.resolve(__dirname, "..", "..", "assets", "presets", "china-provinces");
const china = chinaProvincesWeights();
const names = china.labels as string[];

/** The preset as GAL / GWT text written here. */
function galText(style: "old" | "new"): string {
  const lines = [style === "old" ? "31" : "0 31 china NAME"];
  names.forEach((l, i) => {
    const nb = Array.from(china.neighbours.subarray(china.offsets[i], china.offsets[i + 1])).map((j) => names[j].replace(" ", "_"));
    lines.push(`${l.replace(" ", "_")} ${nb.length}`, nb.join(" "));
  });
  return lines.join("\n") + "\n";
}

describe("matrices from cells", () => {
  test("the preset's CSV read as a user file equals the preset", () => {
    const text = fs.readFileSync(path.join(PRESET, "china-provinces-W-queen-hainan-guangdong.csv"), "utf8");
    const r = parseWeightsText(text, { source: "W.csv" });
    expect(r.format).toBe("matrix");
    expect(r.weights.labels).toEqual(names);
    expect(toDenseWeights(r.weights)).toEqual(toDenseWeights(china));
    expect(r.weights.source).toBe("W.csv");
  });

  test("columns in another order than the rows, Chinese labels, blank cells as 0", () => {
    const zh = CHINA_PROVINCES.map((p) => p.zhShort);
    const dense = toDenseWeights(china);
    const perm = zh.map((_, j) => (j * 7) % 31); // column order
    const cells = [["", ...perm.map((j) => zh[j])], ...zh.map((l, i) => [l, ...perm.map((j) => (dense[i][j] === 0 ? null : dense[i][j]))])];
    const r = parseWeightsCells(cells as never);
    expect(r.weights.labels).toEqual(zh);
    expect(toDenseWeights(r.weights)).toEqual(dense);
  });

  test("an unlabelled matrix takes the data's units", () => {
    const r = parseWeightsCells(
      [
        [0, 1, 0, 0],
        [1, 0, 1, 0],
        [0, 1, 0, 1],
        [0, 0, 1, 0],
      ],
      { units: ["a", "b", "c", "d"] },
    );
    expect(r.weights.labels).toEqual(["a", "b", "c", "d"]);
    expect(Array.from(r.weights.offsets)).toEqual([0, 1, 3, 5, 6]);
    expectCoordErrorExact(
      () =>
        parseWeightsCells(
          [
            [0, 1, 0, 0],
            [1, 0, 1, 0],
            [0, 1, 0, 1],
            [0, 0, 1, 0],
          ],
          { units: ["a", "b"] },
        ),
      "LENGTH",
      "weights: a matrix without labels needs one row per unit of the data (2); it has 4",
    );
  });

  test("messages name the cell", () => {
    const base = () => [
      ["", "a", "b", "c"],
      ["a", 0, 1, 0],
      ["b", 1, 0, 1],
      ["c", 0, 1, 0],
    ];
    const text = base();
    text[2][3] = "x";
    expectCoordErrorExact(
      () => parseWeightsCells(text as never, { source: "W.csv" }),
      "NOT_NUMERIC",
      "W.csv cell D3: 'x' is not a number (the weight of 'b' -> 'c')",
    );
    const neg = base();
    neg[1][2] = -1;
    expectCoordErrorExact(() => parseWeightsCells(neg as never), "NEGATIVE", "weights cell C2: the weight -1 is negative; weights must be ≥ 0");
    const diag = base();
    diag[3][3] = 1;
    expectCoordErrorExact(
      () => parseWeightsCells(diag as never),
      "OPTION",
      "weights cell D4: the diagonal must be 0 (a unit is not its own neighbour), got 1 for 'c'",
    );
    expectCoordErrorExact(
      () =>
        parseWeightsCells([
          ["", "a", "b", "c"],
          ["a", 0, 1, 0],
          ["b", 1, 0, 1],
          ["c", 0, 1, 0],
          ["d", 0, 0, 0],
        ] as never),
      "LENGTH",
      "weights are not square: 5 rows and 4 columns (a matrix needs its labels in row 1 and column A and as many rows as columns; an edge list has 2 or 3 columns: from, to, weight)",
    );
    expectCoordErrorExact(
      () =>
        parseWeightsCells(
          [
            ["", "a", "b", "c", "e"],
            ["a", 0, 1, 0, 0],
            ["b", 1, 0, 1, 0],
            ["c", 0, 1, 0, 0],
            ["d", 0, 0, 0, 0],
          ] as never,
          { format: "matrix" },
        ),
      "OPTION",
      "weights cell A5: the row label 'd' is not among the column labels of row 1 (the first is 'a')",
    );
  });
});

describe("edge lists", () => {
  test("the preset's contiguity list (one row per pair, with a header) is read as undirected", () => {
    const r = parseWeightsText(
      fs
        .readFileSync(path.join(PRESET, "china-provinces-contiguity.csv"), "utf8")
        .split(/\r?\n/)
        .map((l) => l.split(",").slice(0, 2).join(","))
        .join("\n"),
      { source: "pairs.csv" },
    );
    expect(r.format).toBe("edges");
    expect(r.notes.join(" ")).toMatch(/undirected/);
    // Hainan has no pair: added as an isolate when matched to the 31 units
    const W = weightsForUnits(r, chinaProvincesWeights({ hainan: "island" }).labels);
    expect(toDenseWeights(W)).toEqual(toDenseWeights(chinaProvincesWeights({ hainan: "island" })));
  });
  test("directed lists with weights stay directed; a text weight is named", () => {
    const r = parseWeightsCells([
      ["from", "to", "weight"],
      ["a", "b", 2],
      ["b", "a", 3],
      ["b", "c", 1],
    ]);
    expect(toDenseWeights(r.weights)).toEqual([
      [0, 2, 0],
      [3, 0, 1],
      [0, 0, 0],
    ]);
    expectCoordErrorExact(
      () =>
        parseWeightsCells([
          ["from", "to", "weight"],
          ["a", "b", "heavy"],
        ]),
      "NOT_NUMERIC",
      "weights cell C2: 'heavy' is not a number (the weight of 'a' -> 'b')",
    );
    expectCoordErrorExact(
      () =>
        parseWeightsCells([
          ["a", "b"],
          ["b", null],
        ]),
      "MISSING",
      "weights cell B2 is empty: each edge needs a 'to' unit",
    );
  });
});

describe("GeoDa GAL and GWT", () => {
  test.each(["old", "new"] as const)("GAL, %s header style, equals the preset", (style) => {
    const r = parseGal(galText(style), { source: "china.gal" });
    expect(r.weights.labels).toEqual(names.map((l) => l.replace(" ", "_")));
    expect(toDenseWeights(r.weights)).toEqual(toDenseWeights(china));
    expect(parseWeightsText(galText(style), { source: "china.gal" }).format).toBe("gal");
  });
  test.each(["31", "0 31 china NAME"])("GWT with header '%s' keeps the weights", (header) => {
    const R = transformWeights(china, "row");
    const lines = [header];
    names.forEach((l, i) => {
      for (let p = R.offsets[i]; p < R.offsets[i + 1]; p++) lines.push(`${l.replace(" ", "_")} ${names[R.neighbours[p]].replace(" ", "_")} ${R.weights[p]}`);
    });
    const r = parseGwt(lines.join("\n"), { source: "china.gwt" });
    const W = weightsForUnits(
      r,
      names.map((l) => l.replace(" ", "_")),
    );
    expect(toDenseWeights(W)).toEqual(toDenseWeights(R));
    expect(parseWeightsText(lines.join("\n")).format).toBe("gwt");
  });
  test("messages name the line", () => {
    expectCoordErrorExact(() => parseGal("three\na 0\n"), "OPTION", "weights line 1: the number of units 'three' is not a positive whole number");
    expectCoordErrorExact(
      () => parseGal("2\na 1\nz\nb 0\n"),
      "OPTION",
      "weights line 3: neighbour 'z' of unit 'a' has no neighbour list of its own (not one of the 2 units)",
    );
    expectCoordErrorExact(() => parseGal("3\na 1\nb\nb 1\na\n"), "LENGTH", "weights: the header says 3 units but the file ends after 2");
    expectCoordErrorExact(() => parseGwt("2\na b x\n"), "NOT_NUMERIC", "weights line 2: the weight 'x' is not a number");
    expectCoordErrorExact(
      () => parseGwt("1 2 3\na b 1\n"),
      "OPTION",
      'weights line 1: the header must be the number of units ("31") or "0 31 <shapefile> <key>"; got \'1 2 3\'',
    );
  });
});

describe("matching to the data's units", () => {
  test("first missing and first extra are named", () => {
    const r = parseWeightsCells(parseCsv(",a,b,c\na,0,1,0\nb,1,0,1\nc,0,1,0\n"), { source: "W.csv" });
    expect(weightsForUnits(r, ["c", "a", "b"]).labels).toEqual(["c", "a", "b"]);
    expectCoordErrorExact(
      () => weightsForUnits(r, ["a", "b", "d"]),
      "OPTION",
      "W.csv do not match the data's units one to one: the data's unit 'd' is not in the weights; the weights' unit 'c' is not in the data",
    );
  });
});

describe("the weights request of a run (command line and pane)", () => {
  const cells = [
    ["id", "year", "lon", "lat"],
    ["Beijing", 2020, 116.4049, 40.172067],
    ["Tianjin", 2020, 117.316273, 39.298579],
    ["Hebei", 2020, 116.094728, 39.522991],
    ["Beijing", 2021, 116.4049, 40.172067],
  ] as never;
  test("a loaded file wins; presets stay names; builders take one point per unit from the data", () => {
    const file = parseWeightsCells([
      ["from", "to"],
      ["Beijing", "Tianjin"],
    ]);
    expect(spatialWeightsRequest({ weights: "china-provinces", coords: "", cells, idColumn: "id", file })).toEqual({ kind: "parsed", parsed: file });
    expect(spatialWeightsRequest({ weights: "china-provinces-island", coords: "", cells, idColumn: "id" })).toBe("china-provinces-island");
    expect(spatialWeightsRequest({ weights: "", coords: "", cells, idColumn: "id" })).toBeNull();
    const k = spatialWeightsRequest({ weights: "knn:1", coords: "lon,lat", cells, idColumn: "id" }) as Exclude<
      ReturnType<typeof spatialWeightsRequest>,
      string | null
    >;
    expect(k).toMatchObject({ kind: "coordinates", units: ["Beijing", "Tianjin", "Hebei"], metric: "greatCircle", columns: ["lon", "lat"] });
    expectCoordErrorExact(
      () => spatialWeightsRequest({ weights: "band:100", coords: "lon", cells, idColumn: "id" }),
      "OPTION",
      "--weights band:100 builds the weights from coordinates: give their two columns, e.g. --coords lon,lat",
    );
    expectCoordErrorExact(
      () => spatialWeightsRequest({ weights: "knn:1", coords: "lng,lat", cells, idColumn: "id" }),
      "OPTION",
      "coords: data has no column 'lng' (its columns: id, year, lon, lat)",
    );
  });
  test("a unit with two locations is refused", () => {
    const moved = [
      ["id", "x", "y"],
      ["a", 0, 0],
      ["a", 1, 0],
    ] as never;
    expectCoordErrorExact(
      () => coordinatesFromCells(moved, "id", ["x", "y"]),
      "OPTION",
      "coords: data cell B3: unit 'a' has two locations (0, 0) and (1, 0); a unit keeps one point",
    );
  });
});
