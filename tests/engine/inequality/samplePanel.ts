/**
 * The sample panel's indices from the existing engine, as the inequality reference README
 * describes them (entropy weights per subsystem, global min-max with directions, U = Σ w z,
 * standard coupling with α = 0.5): z, the weights, U and D, with D as units x years.
 */
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../../../src/report/csv";
import { entropyWeights } from "../../../src/engine/weights";
import { compositeIndex } from "../../../src/engine/composite";
import { coupling } from "../../../src/engine/coupling";
import { SHARED } from "./reference";

export interface SamplePanelIndices {
  /** Rows in file order. */
  ids: string[];
  years: number[];
  regions: string[];
  /** z of every indicator, rows x indicators (subsystems in roles order). */
  z: number[][];
  weights: number[];
  subsystems: string[];
  indicators: string[];
  D: number[][];
  units: string[];
  unitRegions: string[];
  yearList: number[];
}

let cache: SamplePanelIndices | undefined;

export function samplePanelIndices(): SamplePanelIndices {
  if (cache) return cache;
  const cells = parseCsv(fs.readFileSync(path.join(SHARED, "data", "sample-panel.csv"), "utf8"));
  const roles = JSON.parse(fs.readFileSync(path.join(SHARED, "data", "sample-panel.roles.json"), "utf8"));
  const header = cells[0].map(String);
  const rows = cells.slice(1);
  const col = (name: string) => header.indexOf(name);
  const ids = rows.map((r) => String(r[col(roles.id)]));
  const years = rows.map((r) => Number(r[col(roles.time)]));
  const regions = rows.map((r) => String(r[col(roles.group)]));
  const z: number[][] = rows.map(() => []);
  const weights: number[] = [];
  const subsystems: string[] = [];
  const indicators: string[] = [];
  const U: number[][] = [];
  for (const [name, list] of Object.entries<Array<{ column: string; direction: "+" | "-" }>>(roles.subsystems)) {
    const matrix = rows.map((r) => list.map((c) => Number(r[col(c.column)])));
    const res = entropyWeights(matrix, { directions: list.map((c) => c.direction), columnNames: list.map((c) => c.column) });
    res.z.forEach((zr, i) => z[i].push(...zr));
    weights.push(...res.weights);
    list.forEach((c) => (subsystems.push(name), indicators.push(c.column)));
    U.push(compositeIndex(res).U);
  }
  const D = coupling(rows.map((_, i) => U.map((u) => u[i]))).D as number[];
  const units = [...new Set(ids)];
  const yearList = [...new Set(years)].sort((a, b) => a - b);
  const Dm = units.map(() => new Array<number>(yearList.length).fill(NaN));
  ids.forEach((id, i) => (Dm[units.indexOf(id)][yearList.indexOf(years[i])] = D[i]));
  const unitRegions = units.map((u) => regions[ids.indexOf(u)]);
  cache = { ids, years, regions, z, weights, subsystems, indicators, D: Dm, units, unitRegions, yearList };
  return cache;
}
