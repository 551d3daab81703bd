/**
 * Seeded synthetic data for the benchmarks, in the spirit of ../shared/reference/perf: y depends
 * non-linearly on continuous positive factors c1..c7 plus noise; x1..x7 are 6 classes of c1..c7
 * with class sizes 10/15/20/25/15/15 %.
 */

import { PassThrough } from "stream";
import ExcelJS from "exceljs";
import { parseCsv } from "../src/report/csv";

/** mulberry32: a small, fast, seeded PRNG in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller. */
export function normal(r: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

const CUTS = [0.1, 0.25, 0.45, 0.7, 0.85, 1];

export interface GeoData {
  y: Float64Array;
  c: Float64Array[]; // continuous factors
  x: Int32Array[]; // 6-class codes of c by the fixed class sizes
}

/** N rows, `factors` continuous factors and their 6-class codes. */
export function geoData(N: number, factors = 7, seed = 42): GeoData {
  const r = rng(seed);
  const z = normal(r);
  const c: Float64Array[] = [];
  const x: Int32Array[] = [];
  for (let f = 0; f < factors; f++) {
    const cf = new Float64Array(N);
    const xf = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      const u = r();
      cf[i] = Math.exp(1 + 0.5 * z()) * (1 + f * 0.1) + u; // positive, skewed
      let k = 0;
      while (u >= CUTS[k]) k++;
      xf[i] = k;
    }
    c.push(cf);
    x.push(xf);
  }
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let f = 0; f < Math.min(6, factors); f++) s += Math.sin(x[f][i] * (f + 1)) + 0.05 * c[f][i];
    y[i] = s + z();
  }
  return { y, c, x };
}

/**
 * A county-scale panel as CSV text (issue 17): `units` x `years` rows, columns
 * County, Region, Year, U1_1..U1_14, U2_1..U2_13 (indicators with a trend, unit effects and
 * noise; a few cost indicators), X1..X7 (driving factors) — 37 columns; and its roles JSON.
 * `coords`: two more columns Lon, Lat (each county's centroid, repeated every year, within
 * China's extent) and roles with `"weights": "knn:6"`, `"coords": ["Lon", "Lat"]`.
 */
export function countyPanel(units: number, years: number, seed = 17, coords = false): { csv: string; roles: string } {
  const r = rng(seed);
  const z = normal(r);
  const n1 = 14;
  const n2 = 13;
  const nf = 7;
  const regions = ["East", "Central", "West", "Northeast"];
  const header = ["County", "Region", "Year"];
  for (let j = 1; j <= n1; j++) header.push(`U1_${j}`);
  for (let j = 1; j <= n2; j++) header.push(`U2_${j}`);
  for (let j = 1; j <= nf; j++) header.push(`X${j}`);
  if (coords) header.push("Lon", "Lat");
  const lines = [header.join(",")];
  const k = n1 + n2 + nf;
  const level = new Float64Array(k);
  const trend = new Float64Array(k);
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < k; j++) {
      level[j] = (10 + 90 * r()) * (1 + j * 0.3);
      trend[j] = 0.01 + 0.04 * r();
    }
    const name = `C${String(i + 1).padStart(5, "0")}`;
    const region = regions[i % regions.length];
    const lonLat = coords ? [(75 + 50 * r()).toFixed(4), (20 + 30 * r()).toFixed(4)] : [];
    for (let t = 0; t < years; t++) {
      const row: string[] = [name, region, String(2000 + t)];
      for (let j = 0; j < k; j++) row.push((level[j] * (1 + trend[j] * t) * (1 + 0.05 * z())).toPrecision(7));
      row.push(...lonLat);
      lines.push(row.join(","));
    }
  }
  const col = (c: string, cost: boolean) => ({ column: c, direction: cost ? "-" : "+" });
  const roles = {
    id: "County",
    time: "Year",
    group: "Region",
    subsystems: {
      Economy: header.slice(3, 3 + n1).map((c, j) => col(c, j % 5 === 4)),
      Environment: header.slice(3 + n1, 3 + n1 + n2).map((c, j) => col(c, j % 4 === 3)),
    },
    factors: header.slice(3 + n1 + n2, 3 + n1 + n2 + nf),
    ...(coords ? { weights: "knn:6", coords: ["Lon", "Lat"] } : {}),
  };
  return { csv: lines.join("\n") + "\n", roles: JSON.stringify(roles, null, 1) };
}

const LANDUSE = ["forest", "cropland", "grassland", "water", "urban", "bare"];

/**
 * Geodetector-only data as CSV text (issue 17): `rows` grid cells with columns Y, X1..X5 (class
 * codes 1..6: whole numbers with few levels, categorical by the auto rule), Landuse (text, 6
 * levels) and Elevation (continuous: natural breaks), from `geoData` (seeded); and its roles JSON
 * (`{ "y": "Y", "factors": [...] }`, the geodetector-only shape).
 */
export function geoCsv(rows: number, seed = 42): { csv: string; roles: string } {
  const g = geoData(rows, 7, seed);
  const factors = ["X1", "X2", "X3", "X4", "X5", "Landuse", "Elevation"];
  const lines = [["Y", ...factors].join(",")];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${g.y[i].toPrecision(6)},${g.x[0][i] + 1},${g.x[1][i] + 1},${g.x[2][i] + 1},${g.x[3][i] + 1},${g.x[4][i] + 1},${LANDUSE[g.x[5][i]]},${(100 * g.c[6][i]).toFixed(1)}`,
    );
  return { csv: lines.join("\n") + "\n", roles: JSON.stringify({ y: "Y", factors }, null, 1) };
}

/**
 * CSV text as the bytes of an .xlsx workbook: one sheet "Panel", the cells as parseCsv reads them,
 * text as shared strings (as Excel saves them), written by exceljs's streaming writer (its
 * in-memory writer took 3 minutes for the 90,000-row panel).
 */
export async function xlsxOfCsv(csv: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on("data", (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet("Panel");
  for (const r of parseCsv(csv)) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
