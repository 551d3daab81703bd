/**
 * The `weights` argument of the spatial functions (MORANI, LISA, GISTAR, SPATIALLAG): an n x n
 * range of weights, with or without a label row above and a label column to its left (text
 * labels; both, if given, in the same order). Messages name the cell inside the selected
 * range as the other functions do ("weights row 3, column 5"), counting the label row/column.
 */
import { CoordError, cellLabel } from "../../engine/errors";
import { SpatialWeights, weightsFromMatrix } from "../../engine/spatial/weights";
import type { WeightsTransform } from "../../engine/spatial/weights";
import { classifyCell, readOption, readVector, toGrid } from "../excel";
import type { Cell } from "../excel";
import { describeText } from "../excel/cells";

export interface WeightsRange {
  W: SpatialWeights;
  /** 1 when a label row was found. */
  rowOffset: number;
  /** 1 when a label column was found. */
  colOffset: number;
  labelled: boolean;
}

const textOrBlank = (c: Cell) => c.kind === "text" || c.kind === "blank";

function cellProblem(c: Cell): string {
  switch (c.kind) {
    case "blank":
      return " is empty (write 0 where two units are not neighbours)";
    case "text":
      return `: ${describeText(c.text)} is not a number`;
    case "error":
      return ` holds ${c.code}`;
    case "boolean":
      return `: the logical ${c.value ? "TRUE" : "FALSE"} is not a number`;
    default:
      return ": not a number";
  }
}

/** Read the weights range (not transformed); isolates are an error naming the row. */
export function readWeightsRange(value: unknown, argument = "weights"): WeightsRange {
  const grid = toGrid(value);
  if (grid.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const cells = grid.map((r) => r.map(classifyCell));
  const width = grid[0].length;
  const labelRow = grid.length > 1 && width > 1 && cells[0].slice(1).every(textOrBlank) && cells[0].slice(1).some((c) => c.kind === "text");
  const r0 = labelRow ? 1 : 0;
  const labelCol = grid.length > r0 && cells.slice(r0).every((r) => textOrBlank(r[0])) && cells.slice(r0).some((r) => r[0].kind === "text");
  const c0 = labelCol ? 1 : 0;
  const n = grid.length - r0;
  const m = width - c0;
  if (n !== m) {
    const after = labelRow || labelCol ? ` (after its label ${labelRow && labelCol ? "row and column" : labelRow ? "row" : "column"})` : "";
    throw new CoordError(
      "LENGTH",
      `${argument} is not square: ${n} rows and ${m} columns of weights${after}; give an n x n range, one row and one column per unit`,
      { argument },
    );
  }
  if (n < 3) throw new CoordError("TOO_FEW", `${argument} has ${n} units; at least 3 are needed`, { argument });
  const text = (c: Cell) => (c.kind === "text" ? c.text : "");
  const rowLabels = labelCol ? cells.slice(r0).map((r) => text(r[0])) : null;
  const colLabels = labelRow ? cells[0].slice(c0).map(text) : null;
  if (rowLabels && colLabels) {
    for (let j = 0; j < n; j++)
      if (rowLabels[j] && colLabels[j] && rowLabels[j] !== colLabels[j])
        throw new CoordError(
          "OPTION",
          `${cellLabel(argument, 0, j + c0)} ('${colLabels[j]}') does not match the label of row ${j + r0 + 1} ('${rowLabels[j]}'): give the units in the same order across and down`,
          { argument, row: 0, column: j + c0 },
        );
  }
  const labels = Array.from({ length: n }, (_, i) => rowLabels?.[i] || colLabels?.[i] || `row ${i + r0 + 1}`);
  const body: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      const c = cells[i + r0][j + c0];
      const at = { argument, row: i + r0, column: j + c0 };
      if (c.kind !== "number")
        throw new CoordError(c.kind === "blank" ? "MISSING" : "NOT_NUMERIC", `${cellLabel(argument, i + r0, j + c0)}${cellProblem(c)}`, at);
      if (c.value < 0) throw new CoordError("NEGATIVE", `${cellLabel(argument, i + r0, j + c0)}: the weight ${c.value} is negative; weights must be ≥ 0`, at);
      if (i === j && c.value !== 0)
        throw new CoordError(
          "OPTION",
          `${cellLabel(argument, i + r0, j + c0)} is on the diagonal and must be 0 (a unit is not its own neighbour); got ${c.value}`,
          at,
        );
      row[j] = c.value;
    }
    if (row.every((v) => v === 0))
      throw new CoordError(
        "UNDEFINED",
        `${argument} row ${i + r0 + 1}${rowLabels || colLabels ? ` ('${labels[i]}')` : ""} has no neighbours (all its weights are 0): an isolate; link it to a neighbour or leave the unit out`,
        { argument, row: i + r0 },
      );
    body.push(row);
  }
  const W = weightsFromMatrix(body, labels, { argument, source: "weights range" });
  return { W, rowOffset: r0, colOffset: c0, labelled: labelRow || labelCol };
}

/** "row" (default), "binary" or "none"; spdep's style letters "W" and "B" are accepted too. */
export function readTransform(value: unknown, fallback: WeightsTransform = "row"): WeightsTransform {
  const t = readOption(value, ["row", "binary", "none", "W", "B"] as const, "transform", fallback);
  return t === "W" ? "row" : t === "B" ? "binary" : t;
}

/** The values (one per unit, a row or a column, header cell allowed) and the weights, checked against each other. */
export function readValuesAndWeights(values: unknown, weights: unknown) {
  const v = readVector(values, "values");
  const w = readWeightsRange(weights);
  if (v.values.length !== w.W.n)
    throw new CoordError(
      "LENGTH",
      `values has ${v.values.length} ${v.values.length === 1 ? "value" : "values"} but weights has ${w.W.n} units (rows); give one value per unit, in the order of the weights' rows`,
      { argument: "values" },
    );
  return { v, w };
}
