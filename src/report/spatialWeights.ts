/**
 * Reading spatial weights a user gives (METHODS.md M11), pure (no I/O): a sheet or CSV/XLSX of
 * cells holding an n x n matrix with unit labels on both margins, or an edge list (from, to[,
 * weight]); GeoDa GAL and GWT text in both header styles ("n" alone, or "0 n shapefile key").
 * Messages name the cell (weights cell C5, as a spreadsheet shows it) or the line of the file.
 * Then `weightsForUnits` matches the result to the data's units one to one.
 */
import { CoordError } from "../engine/errors";
import { SpatialWeights, alignWeights, subsetWeights, weightsFromEdges, weightsFromLinks, weightsFromMatrix } from "../engine/spatial/weights";
import type { Edge } from "../engine/spatial/weights";
import { DistanceMetric, distanceBandWeights, economicDistanceWeights, inverseDistanceWeights, knnWeights, nestedWeights } from "../engine/spatial/distance";
import { CHINA_PRESETS, ChinaPresetName, chinaProvincesWeightsFor } from "../engine/spatial/presets/chinaProvinces";
import { Cell, parseCsv } from "./csv";
import { columnLetter } from "./model";

export type WeightsFormat = "matrix" | "edges" | "gal" | "gwt";
export const WEIGHTS_FORMATS: readonly WeightsFormat[] = ["matrix", "edges", "gal", "gwt"];

export interface ParsedWeights {
  weights: SpatialWeights;
  format: WeightsFormat;
  /** False for edge lists and GWT, which cannot list a unit without neighbours. */
  listsAllUnits: boolean;
  /** How the input was read, for the report's notes. */
  notes: string[];
}

export interface WeightsReadOptions {
  /** Name of the input in messages and in the result's source (default "weights"). */
  source?: string;
  /** Force a format (default: detected). */
  format?: WeightsFormat;
  /** Labels for a matrix without label margins (the data's units, in order). */
  units?: readonly string[];
}

function cellRef(source: string, row: number, col: number): string {
  return `${source} cell ${columnLetter(col + 1)}${row + 1}`;
}

function labelOf(c: Cell): string | null {
  if (c === null || c === undefined) return null;
  const s = String(c).trim();
  return s === "" ? null : s;
}

/**
 * Weights from cells (a parsed CSV or XLSX sheet, row 0 = spreadsheet row 1): a labelled (or,
 * with `units`, unlabelled) square matrix, or an edge list of 2 or 3 columns.
 *
 * @example
 * const r = parseWeightsCells([["", "a", "b", "c"], ["a", 0, 1, 0], ["b", 1, 0, 1], ["c", 0, 1, 0]]);
 * [r.format, r.weights.labels, r.weights.neighbours.length]; // => ["matrix", ["a", "b", "c"], 4]
 * parseWeightsCells([["from", "to"], ["a", "b"], ["b", "c"]]).weights.neighbours.length; // => 4
 */
export function parseWeightsCells(cells: Cell[][], options: WeightsReadOptions = {}): ParsedWeights {
  const source = options.source ?? "weights";
  const rows = cells.filter((r) => r.some((c) => labelOf(c) !== null));
  if (rows.length === 0) throw new CoordError("EMPTY", `${source} is empty`, { argument: source });
  const format = options.format ?? detectCellsFormat(cells, options);
  if (format === "edges") return edgesFromCells(cells, source);
  if (format === "matrix") return matrixFromCells(cells, source, options.units);
  throw new CoordError("OPTION", `${source}: the format '${format}' is read from text (GAL/GWT files), not from cells`, { argument: source });
}

function isNumber(c: Cell): boolean {
  return typeof c === "number" && Number.isFinite(c);
}

function detectCellsFormat(cells: Cell[][], options: WeightsReadOptions): WeightsFormat {
  const h = cells.length;
  const w = cells.reduce((m, r) => Math.max(m, r.length), 0);
  const allNumeric = cells.every((r) => r.every((c) => isNumber(c) || c === null));
  if (allNumeric && h === w && (w > 3 || options.units)) return "matrix";
  // labelled matrix: square body with labels on both margins
  if (h === w && h >= 3) {
    const top = cells[0].slice(1).map(labelOf);
    const left = cells.slice(1).map((r) => labelOf(r[0]));
    if (
      top.every((l) => l !== null) &&
      left.every((l) => l !== null) &&
      new Set(top).size === top.length &&
      [...top].sort().join("\u0000") === [...left].sort().join("\u0000")
    )
      return "matrix";
  }
  if (w === 2 || w === 3) return "edges";
  if (h !== w)
    throw new CoordError(
      "LENGTH",
      `weights are not square: ${h} rows and ${w} columns (a matrix needs its labels in row 1 and column A and as many rows as columns; an edge list has 2 or 3 columns: from, to, weight)`,
      { argument: "weights" },
    );
  return "matrix";
}

function matrixFromCells(cells: Cell[][], source: string, units?: readonly string[]): ParsedWeights {
  const h = cells.length;
  const w = cells.reduce((m, r) => Math.max(m, r.length), 0);
  // labelled: text somewhere, or a blank corner cell above numeric codes; else the data's order
  const labelled = !cells.every((r) => r.every((c) => isNumber(c) || c === null)) || cells[0][0] === null;
  const off = labelled ? 1 : 0;
  const n = h - off;
  if (w - off !== n)
    throw new CoordError("LENGTH", `${source} is not square: ${n} rows of units but ${w - off} columns${labelled ? " (after the label row and column)" : ""}`, {
      argument: source,
    });
  let labels: string[];
  let columnOf: number[];
  if (labelled) {
    const left = cells.slice(1).map((r, i) => {
      const l = labelOf(r[0]);
      if (l === null)
        throw new CoordError("MISSING", `${cellRef(source, i + 1, 0)} is empty: column A holds the unit labels`, { argument: source, row: i + 1, column: 0 });
      return l;
    });
    const top = cells[0].slice(1).map((c, j) => {
      const l = labelOf(c);
      if (l === null)
        throw new CoordError("MISSING", `${cellRef(source, 0, j + 1)} is empty: row 1 holds the unit labels`, { argument: source, row: 0, column: j + 1 });
      return l;
    });
    const at = new Map(top.map((l, j) => [l, j]));
    if (at.size !== top.length) {
      const j = top.findIndex((l, k) => top.indexOf(l) !== k);
      throw new CoordError("OPTION", `${cellRef(source, 0, j + 1)}: the label '${top[j]}' appears twice in row 1`, { argument: source });
    }
    columnOf = left.map((l, i) => {
      const j = at.get(l);
      if (j === undefined)
        throw new CoordError(
          "OPTION",
          `${cellRef(source, i + 1, 0)}: the row label '${l}' is not among the column labels of row 1 (the first is '${top[0]}')`,
          { argument: source },
        );
      return j + 1;
    });
    labels = left;
  } else {
    if (!units || units.length !== n)
      throw new CoordError("LENGTH", `${source}: a matrix without labels needs one row per unit of the data (${units?.length ?? 0}); it has ${n}`, {
        argument: source,
      });
    labels = units.map(String);
    columnOf = labels.map((_, j) => j);
  }
  const body: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = cells[i + off];
    body.push(
      columnOf.map((col) => {
        const v = r[col] ?? null;
        if (v === null) return 0; // an empty cell is no link, as in a sparse sheet
        if (typeof v !== "number" || !Number.isFinite(v))
          throw new CoordError(
            "NOT_NUMERIC",
            `${cellRef(source, i + off, col)}: '${String(v)}' is not a number (the weight of '${labels[i]}' -> '${labelled ? String(cells[0][col]) : labels[col]}')`,
            {
              argument: source,
              row: i + off,
              column: col,
            },
          );
        if (v < 0)
          throw new CoordError("NEGATIVE", `${cellRef(source, i + off, col)}: the weight ${v} is negative; weights must be ≥ 0`, {
            argument: source,
            row: i + off,
            column: col,
          });
        if (v !== 0 && labels[i] === (labelled ? labelOf(cells[0][col]) : labels[col]))
          throw new CoordError(
            "OPTION",
            `${cellRef(source, i + off, col)}: the diagonal must be 0 (a unit is not its own neighbour), got ${v} for '${labels[i]}'`,
            {
              argument: source,
              row: i + off,
              column: col,
            },
          );
        return v;
      }),
    );
  }
  const notes = [
    `${source}: a ${n} x ${n} matrix${labelled ? " with unit labels in row 1 and column A" : " without labels, in the data's unit order"}; empty cells read as 0`,
  ];
  return { weights: weightsFromMatrix(body, labels, { argument: source, source }), format: "matrix", listsAllUnits: true, notes };
}

function edgesFromCells(cells: Cell[][], source: string): ParsedWeights {
  const first = cells[0];
  // a header row: text where the weight goes, header words, or two names that never occur as units
  const others = new Set(cells.slice(1).flatMap((r) => [labelOf(r[0] ?? null), labelOf(r[1] ?? null)]));
  const header =
    cells.length > 1 &&
    ((first.length >= 3 && labelOf(first[2] ?? null) !== null && !isNumber(first[2])) ||
      /^(from|origin|source|focal|unit|id|起点|单元|地区|省份)/i.test(String(first[0] ?? "").trim()) ||
      (cells.length > 2 && !others.has(labelOf(first[0] ?? null)) && !others.has(labelOf(first[1] ?? null))));
  const start = header ? 1 : 0;
  const edges: Edge[] = [];
  for (let r = start; r < cells.length; r++) {
    const row = cells[r];
    const from = labelOf(row[0] ?? null);
    const to = labelOf(row[1] ?? null);
    if (from === null && to === null && labelOf(row[2] ?? null) === null) continue;
    if (from === null)
      throw new CoordError("MISSING", `${cellRef(source, r, 0)} is empty: each edge needs a 'from' unit`, { argument: source, row: r, column: 0 });
    if (to === null) throw new CoordError("MISSING", `${cellRef(source, r, 1)} is empty: each edge needs a 'to' unit`, { argument: source, row: r, column: 1 });
    const wc = row[2] ?? null;
    let weight = 1;
    if (wc !== null && labelOf(wc) !== null) {
      if (typeof wc !== "number" || !Number.isFinite(wc))
        throw new CoordError("NOT_NUMERIC", `${cellRef(source, r, 2)}: '${String(wc)}' is not a number (the weight of '${from}' -> '${to}')`, {
          argument: source,
          row: r,
          column: 2,
        });
      if (wc < 0)
        throw new CoordError("NEGATIVE", `${cellRef(source, r, 2)}: the weight ${wc} is negative; weights must be ≥ 0`, {
          argument: source,
          row: r,
          column: 2,
        });
      weight = wc;
    }
    if (from === to)
      throw new CoordError("OPTION", `${cellRef(source, r, 0)}: '${from}' is linked to itself; the diagonal must be 0`, { argument: source, row: r });
    edges.push({ from, to, weight });
  }
  return edgesResult(
    edges,
    source,
    "edges",
    header
      ? [`${source}: an edge list with a header row (from, to${first.length >= 3 ? ", weight" : ""})`]
      : [`${source}: an edge list (from, to${first.length >= 3 ? ", weight" : ""})`],
  );
}

/** Edges read as directed, or as undirected when no edge has its reverse listed (one row per pair). */
function edgesResult(edges: Edge[], source: string, format: WeightsFormat, notes: string[]): ParsedWeights {
  if (edges.length === 0) throw new CoordError("EMPTY", `${source} has no edges`, { argument: source });
  const key = (a: string, b: string) => `${a}\u0000${b}`;
  const seen = new Set(edges.map((e) => key(e.from, e.to)));
  const anyReverse = edges.some((e) => seen.has(key(e.to, e.from)));
  const symmetric = !anyReverse;
  const W = weightsFromEdges(edges, { argument: source, source, symmetric });
  notes.push(
    symmetric
      ? `${source}: no pair is listed in both directions, so each row is read as an undirected link (both directions)`
      : `${source}: links read as directed, as listed`,
  );
  return { weights: W, format, listsAllUnits: false, notes };
}

interface Token {
  text: string;
  line: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  String(text)
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((l, i) => {
      for (const t of l.trim().split(/\s+/)) if (t !== "") out.push({ text: t, line: i + 1 });
    });
  return out;
}

/** The header of a GAL/GWT file: "n" (old style) or "0 n shapefile key" (new style): n and the tokens it used. */
function galHeader(text: string, source: string): { n: number; headerLine: number } {
  const lines = String(text)
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/);
  const idx = lines.findIndex((l) => l.trim() !== "");
  if (idx < 0) throw new CoordError("EMPTY", `${source} is empty`, { argument: source });
  const t = lines[idx].trim().split(/\s+/);
  let n: number;
  if (t.length === 1) n = Number(t[0]);
  else if (t[0] === "0" && t.length >= 2) n = Number(t[1]);
  else
    throw new CoordError(
      "OPTION",
      `${source} line ${idx + 1}: the header must be the number of units ("31") or "0 31 <shapefile> <key>"; got '${lines[idx].trim()}'`,
      { argument: source, row: idx },
    );
  if (!(Number.isInteger(n) && n > 0))
    throw new CoordError("OPTION", `${source} line ${idx + 1}: the number of units '${t.length === 1 ? t[0] : t[1]}' is not a positive whole number`, {
      argument: source,
      row: idx,
    });
  return { n, headerLine: idx + 1 };
}

/**
 * A GeoDa GAL file: the header, then per unit a line "id k" and a line of its k neighbours.
 *
 * @example
 * const r = parseGal("3\na 1\nb\nb 2\na c\nc 1\nb\n");
 * [r.weights.labels, Array.from(r.weights.neighbours)]; // => [["a", "b", "c"], [1, 0, 2, 1]]
 */
export function parseGal(text: string, options: { source?: string } = {}): ParsedWeights {
  const source = options.source ?? "weights";
  const { n, headerLine } = galHeader(text, source);
  const toks = tokens(text).filter((t) => t.line > headerLine);
  const labels: string[] = [];
  const lists: { id: string; nb: Token[]; line: number }[] = [];
  let p = 0;
  for (let u = 0; u < n; u++) {
    const id = toks[p++];
    const kt = toks[p++];
    if (!id || !kt) throw new CoordError("LENGTH", `${source}: the header says ${n} units but the file ends after ${u}`, { argument: source });
    const k = Number(kt.text);
    if (!(Number.isInteger(k) && k >= 0))
      throw new CoordError("NOT_NUMERIC", `${source} line ${kt.line}: the neighbour count '${kt.text}' of unit '${id.text}' is not a whole number`, {
        argument: source,
        row: kt.line - 1,
      });
    const nb = toks.slice(p, p + k);
    if (nb.length < k)
      throw new CoordError("LENGTH", `${source} line ${kt.line}: unit '${id.text}' should have ${k} neighbours, the file ends after ${nb.length}`, {
        argument: source,
      });
    p += k;
    labels.push(id.text);
    lists.push({ id: id.text, nb, line: kt.line });
  }
  if (p < toks.length)
    throw new CoordError("LENGTH", `${source} line ${toks[p].line}: more entries than the ${n} units of the header ('${toks[p].text}')`, {
      argument: source,
      row: toks[p].line - 1,
    });
  const index = new Map(labels.map((l, i) => [l, i]));
  if (index.size !== n) {
    const dup = labels.find((l, i) => labels.indexOf(l) !== i)!;
    throw new CoordError("OPTION", `${source}: unit '${dup}' has two neighbour lists`, { argument: source });
  }
  const from: number[] = [];
  const to: number[] = [];
  lists.forEach((l, i) =>
    l.nb.forEach((t) => {
      const j = index.get(t.text);
      if (j === undefined)
        throw new CoordError(
          "OPTION",
          `${source} line ${t.line}: neighbour '${t.text}' of unit '${l.id}' has no neighbour list of its own (not one of the ${n} units)`,
          { argument: source, row: t.line - 1 },
        );
      from.push(i);
      to.push(j);
    }),
  );
  const W = weightsFromLinks(
    labels,
    from,
    to,
    from.map(() => 1),
    { argument: source, source },
  );
  return { weights: W, format: "gal", listsAllUnits: true, notes: [`${source}: GeoDa GAL, ${n} units`] };
}

/**
 * A GeoDa GWT file: the header, then lines "from to weight".
 *
 * @example
 * const r = parseGwt("0 3 shp ID\na b 0.5\nb a 0.5\nb c 2\nc b 2\n");
 * Array.from(r.weights.weights); // => [0.5, 0.5, 2, 2]
 */
export function parseGwt(text: string, options: { source?: string } = {}): ParsedWeights {
  const source = options.source ?? "weights";
  const { n, headerLine } = galHeader(text, source);
  const lines = String(text)
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/);
  const edges: Edge[] = [];
  for (let i = headerLine; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === "") continue;
    const parts = t.split(/\s+/);
    if (parts.length !== 3) throw new CoordError("LENGTH", `${source} line ${i + 1}: expected 'from to weight', got '${t}'`, { argument: source, row: i });
    const w = Number(parts[2]);
    if (!Number.isFinite(w))
      throw new CoordError("NOT_NUMERIC", `${source} line ${i + 1}: the weight '${parts[2]}' is not a number`, { argument: source, row: i });
    if (w < 0) throw new CoordError("NEGATIVE", `${source} line ${i + 1}: the weight ${w} is negative; weights must be ≥ 0`, { argument: source, row: i });
    if (parts[0] === parts[1])
      throw new CoordError("OPTION", `${source} line ${i + 1}: '${parts[0]}' is linked to itself; the diagonal must be 0`, { argument: source, row: i });
    edges.push({ from: parts[0], to: parts[1], weight: w });
  }
  const r = edgesResult(edges, source, "gwt", [`${source}: GeoDa GWT, header ${n} units`]);
  if (r.weights.n > n) throw new CoordError("LENGTH", `${source}: the header says ${n} units but the links name ${r.weights.n}`, { argument: source });
  return r;
}

/**
 * Weights from a file's text: GAL/GWT by extension (.gal, .gwt) or by content, else CSV cells.
 *
 * @example
 * parseWeightsText("from,to\na,b\nb,c\n", { source: "w.csv" }).format; // => "edges"
 * parseWeightsText("2\na 1\nb\nb 1\na\n", { source: "w.gal" }).format; // => "gal"
 */
export function parseWeightsText(text: string, options: WeightsReadOptions = {}): ParsedWeights {
  const source = options.source ?? "weights";
  const ext = (source.match(/\.([a-z0-9]+)$/i)?.[1] ?? "").toLowerCase();
  const format = options.format ?? (ext === "gal" ? "gal" : ext === "gwt" ? "gwt" : undefined);
  if (format === "gal") return parseGal(text, { source });
  if (format === "gwt") return parseGwt(text, { source });
  if (
    format === undefined &&
    !/[,;\t]/.test(
      String(text)
        .split(/\r?\n/)
        .find((l) => l.trim() !== "") ?? "",
    )
  ) {
    // whitespace-separated: GAL if line 3 is a neighbour list, GWT if lines have 3 fields
    const body = String(text)
      .split(/\r?\n/)
      .filter((l) => l.trim() !== "");
    if (body.length >= 2 && body.slice(1).every((l) => l.trim().split(/\s+/).length === 3)) return parseGwt(text, { source });
    return parseGal(text, { source });
  }
  return parseWeightsCells(parseCsv(text), { ...options, source });
}

/**
 * The parsed weights for the data's units (in the data's order), one to one. Edge lists and
 * GWT cannot list units without neighbours: a data unit absent from them is added as an
 * isolate (refused later unless the zero policy), while a unit of the weights absent from the
 * data is an error (or dropped with allowExtra).
 *
 * @example
 * const r = parseWeightsCells([["from", "to"], ["a", "b"]]);
 * weightsForUnits(r, ["b", "a", "c"]).labels; // => ["b", "a", "c"]
 */
export function weightsForUnits(parsed: ParsedWeights, units: readonly string[], options: { allowExtra?: boolean } = {}): SpatialWeights {
  let W = parsed.weights;
  if (!parsed.listsAllUnits) {
    const known = new Set(W.labels.map((l) => l.trim().toLowerCase()));
    const absent = units.filter((u) => !known.has(String(u).trim().toLowerCase()));
    if (absent.length > 0) {
      const labels = [...W.labels, ...absent.map(String)];
      const all = weightsFromLinks(labels, linkArrays(W).from, linkArrays(W).to, W.weights, { source: W.source });
      W = {
        ...subsetWeights(
          all,
          labels.map((_, i) => i),
        ),
        transform: W.transform,
      };
    }
  }
  return alignWeights(W, units, { argument: W.source, allowExtra: options.allowExtra });
}

function linkArrays(W: SpatialWeights): { from: number[]; to: number[] } {
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < W.n; i++)
    for (let p = W.offsets[i]; p < W.offsets[i + 1]; p++) {
      from.push(i);
      to.push(W.neighbours[p]);
    }
  return { from, to };
}

// ---------------------------------------------------------------------------------------------
// The report's weights input: what `--weights`, the roles file's "weights" key and the pane give.

/** Geographic weights: a preset name, a coordinate builder ("knn:6", "band:500", "idw:1"), or a file (read by the front end). */
export type GeoWeightsSpec =
  | { kind: "preset"; name: ChinaPresetName }
  | { kind: "knn"; k: number }
  | { kind: "band"; threshold: number }
  | { kind: "idw"; power: number; threshold?: number }
  | { kind: "file"; path: string };

/**
 * What `--weights` names: geographic weights, economic distance from a data column
 * ("economic:GDP per capita": w_ij = 1/|x̄_i − x̄_j| of the units' means), or the nested matrix of
 * both ("nested:china-provinces,economic:GDP per capita": w_ij = g_ij·e_ij), M11.
 */
export type WeightsSpec = GeoWeightsSpec | { kind: "economic"; column: string } | { kind: "nested"; geo: GeoWeightsSpec; column: string };

const ECONOMIC_HINT = "economic:COLUMN (a numeric column of the data, e.g. economic:GDP per capita)";
const NESTED_HINT = "nested:GEO,economic:COLUMN, e.g. nested:china-provinces,economic:GDP per capita (GEO: a preset, knn:K, band:D, idw:A or a file)";

/**
 * Reads the text of `--weights` / the roles' "weights" string: china-provinces,
 * china-provinces-island, knn:K, band:D (km for lon/lat), idw:A or idw:A:D (power A within D),
 * economic:COLUMN, nested:GEO,economic:COLUMN; anything else a file name.
 *
 * @example
 * parseWeightsSpec("knn:6"); // => { kind: "knn", k: 6 }
 * parseWeightsSpec("idw:2:800"); // => { kind: "idw", power: 2, threshold: 800 }
 * parseWeightsSpec("W.csv"); // => { kind: "file", path: "W.csv" }
 * parseWeightsSpec("economic: GDP"); // => { kind: "economic", column: "GDP" }
 * parseWeightsSpec("nested:knn:4,economic:GDP"); // => { kind: "nested", geo: { kind: "knn", k: 4 }, column: "GDP" }
 */
export function parseWeightsSpec(text: string): WeightsSpec {
  const v = String(text).trim();
  const economic = v.match(/^economic:(.*)$/is);
  if (economic) {
    const column = economic[1].trim();
    if (!column) throw new CoordError("OPTION", `weights '${v}': name the data column, ${ECONOMIC_HINT}`, { argument: "weights" });
    return { kind: "economic", column };
  }
  const nested = v.match(/^nested:(.*)$/is);
  if (nested) {
    const bad = (what: string) => new CoordError("OPTION", `weights '${v}': ${what}; give ${NESTED_HINT}`, { argument: "weights" });
    const at = nested[1].search(/,\s*economic:/i);
    if (at < 0) throw bad("the economic part is missing");
    const geoText = nested[1].slice(0, at).trim();
    const column = nested[1]
      .slice(at)
      .replace(/^,\s*economic:/i, "")
      .trim();
    if (!geoText) throw bad("the geographic weights are missing");
    if (!column) throw bad("the economic column is missing");
    const geo = parseWeightsSpec(geoText);
    if (geo.kind === "economic" || geo.kind === "nested") throw bad(`'${geoText}' is not geographic weights`);
    return { kind: "nested", geo, column };
  }
  return parseGeoWeightsSpec(v);
}

/** A preset, a coordinate builder or a file name (the geographic part of parseWeightsSpec). */
function parseGeoWeightsSpec(v: string): GeoWeightsSpec {
  if (v in CHINA_PRESETS) return { kind: "preset", name: v as ChinaPresetName };
  const m = v.match(/^(knn|band|idw):(.*)$/i);
  if (!m) {
    if (v === "")
      throw new CoordError(
        "OPTION",
        "weights: give a file, china-provinces, china-provinces-island, knn:K, band:D, idw:A, economic:COLUMN or nested:GEO,economic:COLUMN",
        {
          argument: "weights",
        },
      );
    return { kind: "file", path: v };
  }
  const kind = m[1].toLowerCase();
  const parts = m[2].split(":").map((s) => Number(s.trim()));
  const bad = (what: string) => new CoordError("OPTION", `weights '${v}': ${what}`, { argument: "weights" });
  if (kind === "knn") {
    if (parts.length !== 1 || !(Number.isInteger(parts[0]) && parts[0] >= 1)) throw bad("k must be a whole number ≥ 1, e.g. knn:6");
    return { kind: "knn", k: parts[0] };
  }
  if (kind === "band") {
    if (parts.length !== 1 || !(parts[0] > 0)) throw bad("the distance must be a positive number, e.g. band:500 (km for lon/lat)");
    return { kind: "band", threshold: parts[0] };
  }
  if (parts.length > 2 || !(parts[0] > 0) || (parts.length === 2 && !(parts[1] > 0)))
    throw bad("give the power and an optional distance cutoff, e.g. idw:1 or idw:2:800");
  return parts.length === 2 ? { kind: "idw", power: parts[0], threshold: parts[1] } : { kind: "idw", power: parts[0] };
}

/**
 * What the spatial section receives as `inputs.weights`: a preset or builder by name (pure), or
 * weights a front end has read (a file's parsed content), or coordinates it has taken from the
 * data or a table (unit, x, y). Files are never read here.
 */
export type SpatialWeightsInput =
  | string
  | { kind: "parsed"; parsed: ParsedWeights }
  | { kind: "coordinates"; spec: WeightsSpec; units: string[]; x: number[]; y: number[]; metric: DistanceMetric; columns: [string, string] }
  | EconomicWeightsInput
  | { kind: "nested"; geo: SpatialWeightsInput; economic: EconomicWeightsInput };

/** Economic distance input: one mean of a data column per unit. */
export interface EconomicWeightsInput {
  kind: "economic";
  column: string;
  units: string[];
  means: number[];
}

/** The index of a header's column by name (exact, else ignoring case), or an error naming it and the columns there are. */
function columnIndex(header: readonly string[], name: string, what: string, source: string, argument: string): number {
  const exact = header.findIndex((x) => x === name);
  const j = exact >= 0 ? exact : header.findIndex((x) => x.toLowerCase() === name.toLowerCase());
  if (j < 0)
    throw new CoordError(
      "OPTION",
      `${what}: ${source} has no column '${name}' (its columns: ${header.filter(Boolean).slice(0, 8).join(", ")}${header.length > 8 ? ", ..." : ""})`,
      { argument },
    );
  return j;
}

/** The header row of cells (the first non-empty row) and its index. */
function headerRow(cells: Cell[][], source: string, argument: string): { h: number; header: string[] } {
  const h = cells.findIndex((r) => r.some((c) => labelOf(c) !== null));
  if (h < 0) throw new CoordError("EMPTY", `${source} is empty`, { argument });
  return { h, header: cells[h].map((c) => labelOf(c) ?? "") };
}

/**
 * The mean of a numeric column per unit of the id column (units in order of first appearance),
 * for economic distance (M11). Empty cells are left out of a unit's mean; text is an error
 * naming the cell, as is a unit without any value.
 *
 * @example
 * unitMeansFromCells([["id", "gdp"], ["a", 1], ["a", 3], ["b", 5], ["b", null]], "id", "gdp"); // =>
 * // { units: ["a", "b"], means: [2, 5] }
 */
export function unitMeansFromCells(cells: Cell[][], idColumn: string, column: string, source = "data"): { units: string[]; means: number[] } {
  const what = `weights economic:${column}`;
  const { h, header } = headerRow(cells, source, "weights");
  const ji = columnIndex(header, idColumn, what, source, "weights");
  const jx = columnIndex(header, column, what, source, "weights");
  const at = new Map<string, number>();
  const units: string[] = [];
  const sums: number[] = [];
  const counts: number[] = [];
  for (let r = h + 1; r < cells.length; r++) {
    const id = labelOf(cells[r][ji] ?? null);
    if (id === null) continue;
    let k = at.get(id);
    if (k === undefined) {
      at.set(id, (k = units.length));
      units.push(id);
      sums.push(0);
      counts.push(0);
    }
    const c = cells[r][jx] ?? null;
    if (c === null || labelOf(c) === null) continue;
    if (typeof c !== "number" || !Number.isFinite(c))
      throw new CoordError("NOT_NUMERIC", `${what}: ${cellRef(source, r, jx)}: '${String(c)}' is not a number (${header[jx]} of '${id}')`, {
        argument: "weights",
        row: r,
        column: jx,
      });
    sums[k] += c;
    counts[k]++;
  }
  const none = units.findIndex((_, k) => counts[k] === 0);
  if (none >= 0)
    throw new CoordError("MISSING", `${what}: unit '${units[none]}' has no value in column '${header[jx]}'; economic distance needs its mean`, {
      argument: "weights",
    });
  return { units, means: sums.map((s, k) => s / counts[k]) };
}

/**
 * One point per unit from cells (a parsed sheet with a header row): the unit column and two
 * coordinate columns, by header name. A unit repeated (a panel) must keep its coordinates.
 * The metric is Euclidean when the columns are called x and y, else great-circle (lon, lat).
 *
 * @example
 * const c = coordinatesFromCells([["id", "lon", "lat"], ["a", 116.4, 39.9], ["b", 121.5, 31.2], ["a", 116.4, 39.9]], "id", ["lon", "lat"]);
 * [c.units, c.x, c.metric]; // => [["a", "b"], [116.4, 121.5], "greatCircle"]
 */
export function coordinatesFromCells(
  cells: Cell[][],
  idColumn: string,
  columns: readonly [string, string],
  source = "data",
): { units: string[]; x: number[]; y: number[]; metric: DistanceMetric } {
  const { h, header } = headerRow(cells, source, "coords");
  const col = (name: string) => columnIndex(header, name, "coords", source, "coords");
  const [ji, jx, jy] = [col(idColumn), col(columns[0]), col(columns[1])];
  const at = new Map<string, number>();
  const units: string[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (let r = h + 1; r < cells.length; r++) {
    const id = labelOf(cells[r][ji] ?? null);
    if (id === null) continue;
    const cx = cells[r][jx];
    const cy = cells[r][jy];
    for (const [c, j] of [
      [cx, jx],
      [cy, jy],
    ] as const)
      if (typeof c !== "number" || !Number.isFinite(c))
        throw new CoordError("NOT_NUMERIC", `coords: ${cellRef(source, r, j)}: '${String(c ?? "")}' is not a number (coordinate of '${id}')`, {
          argument: "coords",
          row: r,
          column: j,
        });
    const k = at.get(id);
    if (k === undefined) {
      at.set(id, units.length);
      units.push(id);
      x.push(cx as number);
      y.push(cy as number);
    } else if (x[k] !== cx || y[k] !== cy)
      throw new CoordError(
        "OPTION",
        `coords: ${cellRef(source, r, jx)}: unit '${id}' has two locations (${x[k]}, ${y[k]}) and (${String(cx)}, ${String(cy)}); a unit keeps one point`,
        { argument: "coords", row: r },
      );
  }
  const metric: DistanceMetric = /^x$/i.test(columns[0]) && /^y$/i.test(columns[1]) ? "euclidean" : "greatCircle";
  return { units, x, y, metric };
}

/**
 * The weights for the data's units (not transformed yet): from a preset (subset, matched by
 * English or Chinese names), from parsed user weights (one to one), built from coordinates,
 * economic distance of the units' means of a column, or the nested product of both (M11).
 */
export function resolveSpatialWeights(input: SpatialWeightsInput, units: readonly string[]): SpatialWeights {
  if (typeof input === "string") {
    const spec = parseWeightsSpec(input);
    if (spec.kind === "preset") return chinaProvincesWeightsFor(units, { hainan: CHINA_PRESETS[spec.name] });
    if (spec.kind === "economic" || spec.kind === "nested")
      throw new CoordError(
        "OPTION",
        `weights '${input}': the units' means of the column '${spec.column}' are taken from the data (give --weights on the command line, or choose it in the pane)`,
        { argument: "weights" },
      );
    if (spec.kind === "file")
      throw new CoordError(
        "OPTION",
        `weights '${spec.path}': the file must be read first (give it with --weights on the command line, or load it in the pane)`,
        { argument: "weights" },
      );
    throw new CoordError("OPTION", `weights '${input}': coordinates are needed (--coords lon,lat, or "coords" in the roles file)`, { argument: "weights" });
  }
  if (input === null || typeof input !== "object" || !["parsed", "coordinates", "economic", "nested"].includes(input.kind))
    throw new CoordError(
      "OPTION",
      `roles: "weights" must be a file name, china-provinces, china-provinces-island, knn:K, band:D or idw:A; got ${JSON.stringify(input)}`,
      {
        argument: "weights",
      },
    );
  if (input.kind === "parsed") return weightsForUnits(input.parsed, units);
  if (input.kind === "economic") {
    const W = economicDistanceWeights(input.units, input.means, { argument: `weights economic:${input.column}` });
    const source = `economic distance 1/|difference of the means of ${input.column}|`;
    return alignWeights({ ...W, source }, units, { argument: "weights", allowExtra: true, what: `the column ${input.column}` });
  }
  if (input.kind === "nested") return nestedWeights(resolveSpatialWeights(input.geo, units), resolveSpatialWeights(input.economic, units));
  const { spec, metric } = input as Extract<SpatialWeightsInput, { kind: "coordinates" }>;
  const coords = { x: input.x, y: input.y };
  let W: SpatialWeights;
  if (spec.kind === "knn") W = knnWeights(input.units, coords, { k: spec.k, metric });
  else if (spec.kind === "band") W = distanceBandWeights(input.units, coords, { threshold: spec.threshold, metric });
  else if (spec.kind === "idw") W = inverseDistanceWeights(input.units, coords, { power: spec.power, threshold: spec.threshold, metric });
  else throw new CoordError("OPTION", `weights: '${spec.kind}' is not built from coordinates`, { argument: "weights" });
  const source = `${W.source}, from columns ${input.columns.join(", ")}`;
  return alignWeights({ ...W, source }, units, { argument: "weights", allowExtra: true, what: `the coordinates (${input.columns.join(", ")})` });
}

/** What a front end knows when it asks for the report's weights (spatialWeightsRequest). */
export interface SpatialWeightsChoice {
  weights: string;
  coords: string;
  cells: Cell[][];
  idColumn: string;
  file?: ParsedWeights;
}

/**
 * The report's weights input for a run, from what the user chose (shared by the command line
 * and the pane): a file they loaded (already parsed), else the weights text (a preset name
 * stays a name; knn/band/idw take their points from the data's `coords` columns, one per unit
 * of the id column; economic:COLUMN the units' means of that column; nested:GEO,economic:COLUMN
 * both, the loaded file being GEO when it is a file). null when no weights are given.
 *
 * @example
 * const cells = [["id", "x", "y", "v"], ["a", 0, 0, 1], ["b", 1, 0, 2], ["c", 3, 0, 4]];
 * const w = spatialWeightsRequest({ weights: "knn:1", coords: "x,y", cells, idColumn: "id" });
 * typeof w === "object" && w !== null && w.kind; // => "coordinates"
 * spatialWeightsRequest({ weights: "china-provinces", coords: "", cells, idColumn: "id" }); // => "china-provinces"
 * spatialWeightsRequest({ weights: "economic:v", coords: "", cells, idColumn: "id" }); // =>
 * // { kind: "economic", column: "v", units: ["a", "b", "c"], means: [1, 2, 4] }
 */
export function spatialWeightsRequest(r: SpatialWeightsChoice): SpatialWeightsInput | null {
  const raw = r.weights.trim();
  const spec = raw ? parseWeightsSpec(raw) : null;
  if (spec?.kind === "economic") return economicRequest(spec.column, r);
  if (spec?.kind === "nested") return { kind: "nested", geo: geoRequest(spec.geo, r), economic: economicRequest(spec.column, r) };
  if (r.file) return { kind: "parsed", parsed: r.file };
  return spec ? geoRequest(spec, r) : null;
}

function economicRequest(column: string, r: SpatialWeightsChoice): EconomicWeightsInput {
  return { kind: "economic", column, ...unitMeansFromCells(r.cells, r.idColumn, column) };
}

function geoRequest(spec: GeoWeightsSpec, r: SpatialWeightsChoice): SpatialWeightsInput {
  if (spec.kind === "preset") return spec.name;
  if (spec.kind === "file") return r.file ? { kind: "parsed", parsed: r.file } : spec.path; // the section says the file must be read first
  const columns = r.coords
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  if (columns.length !== 2)
    throw new CoordError("OPTION", `--weights ${r.weights.trim()} builds the weights from coordinates: give their two columns, e.g. --coords lon,lat`, {
      argument: "coords",
    });
  const c = coordinatesFromCells(r.cells, r.idColumn, [columns[0], columns[1]]);
  return { kind: "coordinates", spec, ...c, columns: [columns[0], columns[1]] };
}
