/**
 * The benchmark cases of issue 7, on seeded synthetic data (bench/data.ts). Each case's setup
 * builds its inputs outside the timed region; run() is what is timed. Groups are numbered as in
 * the issue; within a group the sizes ascend, so that the growth column compares neighbours.
 */
import * as fs from "fs";
import * as path from "path";
import { BenchCase } from "./harness";
import { geoData, rng } from "./data";
import { parseCsv } from "../src/report/csv";
import { runReport } from "../src/report/pipeline";
import { DEFAULT_OPTIONS } from "../src/report/options";
import { writeReportXlsx } from "../src/writer/xlsx";
import { factorDetectorCodes } from "../src/engine/geodetector/factorDetector";
import { interactionDetector } from "../src/engine/geodetector/interactionDetector";
import { naturalBreaks } from "../src/engine/geodetector/naturalBreaks";
import { optimalDiscretization } from "../src/engine/geodetector/optimal";
import { kernelDensity } from "../src/engine/kde";
import { entropyWeightImpl } from "../src/functions/impl/entropyWeight";
import { hakenFitImpl } from "../src/functions/impl/hakenFit";
import { BIG_PANEL_ROLES, bigPanelCsv } from "./bigPanel";

const ROOT = path.resolve(__dirname, "..");
const M = 1_048_576; // Excel's row limit

export const cases: BenchCase[] = [];

/** "1,048,576" */
function count(n: number): string {
  return n.toLocaleString("en-US");
}

// 1, 2. Report pipeline on the sample panel (31 provinces x 10 years, 28 indicators, 7 factors).
function samplePanel() {
  const cells = parseCsv(fs.readFileSync(path.join(ROOT, "samples/sample-panel.csv"), "utf8"));
  const roles = JSON.parse(fs.readFileSync(path.join(ROOT, "samples/sample-panel.roles.json"), "utf8"));
  return { cells, roles };
}
cases.push({
  group: "1 report pipeline (engine)",
  label: "sample panel 310 rows",
  n: 310,
  setup: samplePanel,
  run: (i) => {
    const { cells, roles } = i as ReturnType<typeof samplePanel>;
    return runReport(cells, roles, DEFAULT_OPTIONS);
  },
  runs: 15,
  limitMs: 100,
});
cases.push({
  group: "2 report pipeline + XLSX",
  label: "sample panel 310 rows",
  n: 310,
  setup: samplePanel,
  run: async (i) => {
    const { cells, roles } = i as ReturnType<typeof samplePanel>;
    const r = await runReport(cells, roles, DEFAULT_OPTIONS);
    return writeReportXlsx(r.report);
  },
  runs: 9,
  limitMs: 1000,
});

// 3. Factor detector q + p on precomputed codes, 6 strata.
for (const n of [1e3, 1e4, 1e5, 1e6, M]) {
  cases.push({
    group: "3 factor detector q+p (codes)",
    label: `N = ${count(n)}`,
    n,
    setup: () => {
      const d = geoData(n, 1);
      return { y: d.y, x: d.x[0] };
    },
    run: (i) => {
      const { y, x } = i as { y: Float64Array; x: Int32Array };
      return factorDetectorCodes(y, x, 6);
    },
    runs: n < 1e5 ? 41 : 21,
    limitMs: n === M ? 5 : undefined,
  });
}

// 4. Interaction detector, 7 factors x 6 strata (21 pairs), precomputed codes.
for (const n of [1e4, 1e5, M]) {
  cases.push({
    group: "4 interaction detector 7 factors",
    label: `N = ${count(n)}`,
    n,
    setup: () => {
      const d = geoData(n, 7);
      return { y: d.y, factors: d.x.map((codes, f) => ({ name: `x${f + 1}`, codes })) };
    },
    run: (i) => {
      const { y, factors } = i as { y: Float64Array; factors: { name: string; codes: Int32Array }[] };
      return interactionDetector(y, factors);
    },
    runs: n < 1e5 ? 31 : n < M ? 21 : 11,
    limitMs: n === 1e5 ? 10 : n === M ? 120 : undefined,
    limitMB: n === M ? 600 : undefined,
  });
}

// 5. Exact natural breaks, k = 6, one continuous variable.
for (const n of [1e3, 1e4, 1e5, 1e6, M]) {
  cases.push({
    group: "5 natural breaks k = 6",
    label: `N = ${count(n)}`,
    n,
    setup: () => geoData(n, 1).c[0],
    run: (x) => naturalBreaks(x as Float64Array, 6),
    runs: n < 1e5 ? 21 : n < 1e6 ? 11 : 7,
    limitMs: n === 1e5 ? 50 : n === M ? 1000 : undefined,
  });
}

// 6. Optimal discretization grid (5 methods x k = 3..8) for 7 continuous factors.
for (const n of [1e4, 1e5]) {
  cases.push({
    group: "6 optimal discretization 7 factors",
    label: `N = ${count(n)}`,
    n,
    setup: () => geoData(n, 7),
    run: (i) => {
      const d = i as ReturnType<typeof geoData>;
      return d.c.map((c, f) => optimalDiscretization(d.y, c, { argument: `c${f + 1}` }));
    },
    runs: 7,
    limitMs: n === 1e5 ? 1500 : undefined,
  });
}

// 7. COORD.ENTROPYWEIGHT through the custom-function implementation: a range as Excel passes it
// (a header row of labels, then rows of numbers).
function excelMatrix(rows: number, cols: number, seed: number): unknown[][] {
  const r = rng(seed);
  const header = Array.from({ length: cols }, (_, j) => `indicator ${j + 1}`);
  const body = Array.from({ length: rows }, () => Array.from({ length: cols }, () => 1 + 100 * r()));
  return [header, ...body];
}
for (const [rows, cols, limit] of [
  [310, 28, 1],
  [100_000, 30, 40],
] as const) {
  cases.push({
    group: "7 ENTROPYWEIGHT (impl)",
    label: `${count(rows)} x ${cols}`,
    n: rows * cols,
    setup: () => excelMatrix(rows, cols, 7),
    run: (m) => entropyWeightImpl(m),
    runs: rows < 1000 ? 41 : 11,
    limitMs: limit,
  });
}

// 8. COORD.HAKENFIT through the custom-function implementation: four columns as Excel passes
// them (header cells, unit names, years), units x 10 periods.
function hakenColumns(units: number, periods: number, seed: number) {
  const r = rng(seed);
  const q1: unknown[][] = [["NQPF"]];
  const q2: unknown[][] = [["NTU"]];
  const u: unknown[][] = [["Province"]];
  const t: unknown[][] = [["Year"]];
  for (let i = 0; i < units; i++) {
    let a = 0.1 + 0.2 * r();
    let b = 0.1 + 0.2 * r();
    for (let p = 0; p < periods; p++) {
      q1.push([a]);
      q2.push([b]);
      u.push([`unit ${i + 1}`]);
      t.push([2014 + p]);
      // a slowly growing pair with noise, as composite indices in [0, 1] do
      const a1 = a + 0.03 * a * (1 - a) + 0.01 * (r() - 0.5);
      b = b + 0.02 * (a * a - b) + 0.02 * b * (1 - b) + 0.01 * (r() - 0.5);
      a = a1;
    }
  }
  return { q1, q2, u, t };
}
for (const [units, limit] of [
  [31, 2],
  [100_000, 300],
] as const) {
  cases.push({
    group: "8 HAKENFIT (impl)",
    label: `${count(units)} units x 10 periods`,
    n: units * 10,
    setup: () => hakenColumns(units, 10, 8),
    run: (i) => {
      const { q1, q2, u, t } = i as ReturnType<typeof hakenColumns>;
      return hakenFitImpl(q1, q2, u, t);
    },
    runs: units < 1000 ? 41 : 5,
    limitMs: limit,
  });
}

// 9. Gaussian KDE on the default 512-point grid.
for (const n of [1e3, 1e4]) {
  cases.push({
    group: "9 KDE 512 points",
    label: `N = ${count(n)}`,
    n,
    setup: () => geoData(n, 1).c[0],
    run: (x) => kernelDensity(x as Float64Array),
    runs: 31,
    limitMs: n === 1e4 ? 10 : undefined,
  });
}

// 10. Issue 11: a panel at Excel's sheet limit (bench/bigPanel.ts, seeded: 104,857 units x 10 years,
// 4 indicators in 2 subsystems, 1 factor). The analysis (parse, panel, every section, report model)
// fits in 2 GB; the exceljs workbook does not (about 20 MB per 1,000 rows, see bench/NOTES.md), so
// the command line refuses inputs above MAX_INPUT_ROWS (src/cli/limits.ts). The table prints the
// case's peak RSS; 100,000 rows through the workbook writer is the second case.
for (const [rows, workbook] of [
  [1_048_570, false],
  [100_000, true],
] as const) {
  cases.push({
    group: "10 panel at the sheet limit (issue 11)",
    label: `${count(rows)} rows${workbook ? " + XLSX" : " (analysis and report model)"}`,
    n: rows,
    setup: () => bigPanelCsv(rows),
    run: async (text) => {
      const r = await runReport(parseCsv(text as string), BIG_PANEL_ROLES as never, DEFAULT_OPTIONS);
      return workbook ? writeReportXlsx(r.report) : r.report;
    },
    runs: 1,
    limitMB: 2048,
  });
}
