/**
 * COORD.OBSTACLE(data, [directions], [top]): obstacle degree (障碍度, METHODS.md M15) of every
 * row of raw indicator data: the `top` (default 5) indicators holding the row back most, with
 * their obstacle degree O in percent.
 *
 * - data: one row per observation (all region-years pooled), one column per indicator; a header
 *   row of names labels the result. z is the global min-max with directions (M1), weights are
 *   entropy weights (M2).
 * - directions: a row of +/- as in ENTROPYWEIGHT (default all +); optionally a second row naming
 *   each indicator's subsystem: the weights are then computed within each subsystem and
 *   F_j = α_s·w_j with equal α (M15's global weighting).
 * - top: how many obstacles per row, 1 to the number of indicators (default 5, or all when fewer).
 */
import { CoordError } from "../../engine/errors";
import { obstacleDegree, obstacleRow } from "../../engine/inequality";
import { entropyWeights } from "../../engine/weights";
import { labelledTable, readDirections, readMatrix, readNumberOption, toGrid, classifyCell } from "../excel";
import { Spill, columnLabels, notAvailable } from "./common";

function readDirectionsAndSubsystems(value: unknown, cols: number): { directions: Array<"+" | "-">; subsystems: string[] } {
  const grid = toGrid(value);
  if (grid.length === 2 && grid[0].length === cols) {
    const subsystems = grid[1].map((v, j) => {
      const c = classifyCell(v);
      if (c.kind === "text") return c.text;
      if (c.kind === "number") return String(c.value);
      throw new CoordError("MISSING", `directions row 2, column ${j + 1}: the subsystem of indicator ${j + 1} is missing`, {
        argument: "directions",
        row: 1,
        column: j,
      });
    });
    return { directions: readDirections([grid[0]], cols), subsystems };
  }
  return { directions: readDirections(value, cols), subsystems: new Array<string>(cols).fill("all") };
}

export function obstacleImpl(data: unknown, directions?: unknown, top?: unknown): Spill {
  const m = readMatrix(data, "data");
  const cols = m.values[0].length;
  const names = columnLabels(m.labels, cols);
  const { directions: dirs, subsystems } = readDirectionsAndSubsystems(directions, cols);
  const k = readNumberOption(top, "top", Math.min(5, cols), { min: 1, max: cols, integer: true });
  const order = [...new Set(subsystems)];
  const z: number[][] = m.values.map(() => new Array<number>(cols));
  const weights = new Array<number>(cols);
  for (const s of order) {
    const idx = subsystems.map((x, j) => (x === s ? j : -1)).filter((j) => j >= 0);
    const r = entropyWeights(
      m.values.map((row) => idx.map((j) => row[j])),
      { directions: idx.map((j) => dirs[j]), columnNames: idx.map((j) => names[j]) },
    );
    idx.forEach((j, q) => {
      weights[j] = r.weights[q];
      r.z.forEach((zr, i) => (z[i][j] = zr[q]));
    });
  }
  const res = obstacleDegree(z, { weights, subsystems, names, top: k, argument: "data" });
  const header: string[] = [];
  for (let q = 1; q <= k; q++) header.push(`obstacle ${q}`, `O ${q} (%)`);
  const rows = Array.from({ length: res.rows }, (_, i) => {
    const row = obstacleRow(res, i);
    if (row === null) {
      const na = notAvailable(`data row ${i + m.rowOffset + 1}: every indicator is at its best (z = 1), there is no obstacle`);
      return header.map(() => na);
    }
    return row.top.flatMap((x) => [x.name, x.O]);
  });
  return labelledTable(header, rows);
}
