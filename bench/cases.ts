/**
 * The benchmark cases of issue 7, on seeded synthetic data (bench/data.ts). Each case's setup
 * builds its inputs outside the timed region; run() is what is timed. Groups are numbered as in
 * the issue; within a group the sizes ascend, so that the growth column compares neighbours.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BenchCase } from "./harness";
import { countyPanel, geoCsv, geoData, normal, rng, xlsxOfCsv } from "./data";
import { childPeakRssMB, ensureCliBuilt, runCoordlab } from "./process";
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
import { methodWeights } from "../src/report/sections/weights";
import { hakenFitImpl } from "../src/functions/impl/hakenFit";
import { knnWeights } from "../src/engine/spatial/distance";
import { moranI } from "../src/engine/spatial/moran";
import { localMoran } from "../src/engine/spatial/localMoran";
import { getisOrdGiStar } from "../src/engine/spatial/getisOrd";
import { transformWeights } from "../src/engine/spatial/weights";
import { dagumByPeriod, markovChain, obstacleDegree, spatialMarkov } from "../src/engine/inequality";
import { BIG_PANEL_ROLES, bigPanelCsv } from "./bigPanel";
import { chromiumPeakRssMB, StandaloneBench, standaloneClose, standaloneRun, standaloneSetup } from "./standalone";

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

// 7, reference: the same formula in plain numpy on 100,000 x 30 (issue 17's yardstick), timed
// inside one Python process (one warm-up, then the runs); NaN when python3/numpy is missing.
cases.push({
  group: "7 ENTROPYWEIGHT (impl)",
  label: "100,000 x 30: plain numpy (reference)",
  n: 0,
  setup: () => {
    const r = spawnSync("python3", [path.join(__dirname, "numpy_entropy.py"), "100000", "30", "11"], { encoding: "utf8" });
    if (r.status !== 0) {
      process.stderr.write(`numpy reference not run: ${(r.stderr || String(r.error)).trim().split("\n").pop()}\n`);
      return [];
    }
    return (JSON.parse(r.stdout) as { ms: number[] }).ms;
  },
  run: () => undefined,
  timed: (ms, i) => (ms as number[])[i] ?? NaN,
  runs: 11,
});
// 7, paired: each timed call of ours right after one numpy call in a fresh Python process (its
// time inside the process: one warm-up, then one timed call), so that both see the same load;
// the case's time is ours, the numpy/ours ratio of every pair goes to stderr at the end
cases.push({
  group: "7 ENTROPYWEIGHT (impl)",
  label: "100,000 x 30: ours, each run right after a numpy run (ratios on stderr)",
  n: 0,
  setup: () => ({ m: excelMatrix(100_000, 30, 7), ratios: [] as number[] }),
  run: () => undefined,
  timed: (input) => {
    const x = input as { m: unknown[][]; ratios: number[] };
    const r = spawnSync("python3", [path.join(__dirname, "numpy_entropy.py"), "100000", "30", "1"], { encoding: "utf8" });
    const numpyMs = r.status === 0 ? (JSON.parse(r.stdout) as { ms: number[] }).ms[0] : NaN;
    entropyWeightImpl(x.m); // warm (the previous pair's Python process ran in between)
    const t0 = process.hrtime.bigint();
    entropyWeightImpl(x.m);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    x.ratios.push(numpyMs / ms);
    return ms;
  },
  teardown: (input) => {
    const q = [...(input as { ratios: number[] }).ratios].sort((a, b) => a - b);
    const median = q.length % 2 ? q[(q.length - 1) / 2] : (q[q.length / 2 - 1] + q[q.length / 2]) / 2;
    process.stderr.write(
      `ENTROPYWEIGHT 100,000 x 30, numpy/ours per pair: ${q.map((v) => v.toFixed(2)).join(" ")}; median ${median.toFixed(2)} (target ≥ 1)\n`,
    );
  },
  runs: 11,
});
// 7, engine: the entropy weights and composite index U as the report's weights section computes
// them (methodWeights: entropyWeightsOnly and U on the fly, no z matrix; before issue 17's last
// step: entropyWeights, whose z the report kept for U)
cases.push({
  group: "7 entropyWeights (engine, report path)",
  label: "100,000 x 30: weights and U",
  n: 0,
  setup: () => excelMatrix(100_000, 30, 7).slice(1) as number[][],
  run: (m) => methodWeights(m as number[][], { directions: new Array(30).fill("+"), scope: "global", shift: 0 }, "entropy"),
  runs: 11,
});

// 8. COORD.HAKENFIT through the custom-function implementation: four columns as Excel passes
// them (header cells, unit names, years), units x 10 periods.
export function hakenColumns(units: number, periods: number, seed: number) {
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

// 10. Spatial autocorrelation (issue 14): 2,900 units (county scale) with seeded lon/lat points,
// k = 6 nearest neighbours (sparse, row-standardised), 20 periods of a spatially smooth variable.
function spatialPanel(units: number, periods: number, seed: number) {
  const r = rng(seed);
  const z = normal(r);
  const labels = Array.from({ length: units }, (_, i) => `county ${i + 1}`);
  const lon = Array.from({ length: units }, () => 98 + 24 * r());
  const lat = Array.from({ length: units }, () => 22 + 18 * r());
  const W = transformWeights(knnWeights(labels, { x: lon, y: lat }, { k: 6 }), "row");
  const values = Array.from({ length: periods }, (_, t) =>
    Float64Array.from({ length: units }, (_, i) => 0.4 + 0.1 * Math.sin(lon[i] / 3 + t / 5) + 0.1 * Math.cos(lat[i] / 2) + 0.05 * z()),
  );
  return { labels, lon, lat, W, values };
}
const SPATIAL_UNITS = 2900;
const SPATIAL_PERIODS = 20;
cases.push({
  group: "10 spatial weights kNN k = 6 from coordinates",
  label: `${count(SPATIAL_UNITS)} lon/lat points`,
  n: SPATIAL_UNITS,
  setup: () => spatialPanel(SPATIAL_UNITS, 1, 10),
  run: (i) => {
    const { labels, lon, lat } = i as ReturnType<typeof spatialPanel>;
    return transformWeights(knnWeights(labels, { x: lon, y: lat }, { k: 6 }), "row");
  },
  runs: 11,
  limitMs: 100,
});
cases.push({
  group: "10 spatial global Moran 999 permutations",
  label: `${count(SPATIAL_UNITS)} units x ${SPATIAL_PERIODS} periods`,
  n: SPATIAL_UNITS * SPATIAL_PERIODS,
  setup: () => spatialPanel(SPATIAL_UNITS, SPATIAL_PERIODS, 10),
  run: (i) => {
    const { W, values } = i as ReturnType<typeof spatialPanel>;
    return values.map((x) => moranI(x, W, { permutations: 999, seed: 1 }));
  },
  runs: 5,
  limitMs: 1000,
});
cases.push({
  group: "10 spatial local Moran + Gi* analytic",
  label: `${count(SPATIAL_UNITS)} units x ${SPATIAL_PERIODS} periods`,
  n: SPATIAL_UNITS * SPATIAL_PERIODS,
  setup: () => spatialPanel(SPATIAL_UNITS, SPATIAL_PERIODS, 10),
  run: (i) => {
    const { W, values } = i as ReturnType<typeof spatialPanel>;
    return values.map((x) => [localMoran(x, W), getisOrdGiStar(x, W)]);
  },
  runs: 11,
  limitMs: 100,
});
cases.push({
  group: "10 spatial LISA conditional permutations 999",
  label: `${count(SPATIAL_UNITS)} units x ${SPATIAL_PERIODS} periods`,
  n: SPATIAL_UNITS * SPATIAL_PERIODS,
  setup: () => spatialPanel(SPATIAL_UNITS, SPATIAL_PERIODS, 10),
  run: (i) => {
    const { W, values } = i as ReturnType<typeof spatialPanel>;
    return values.map((x) => localMoran(x, W, { permutations: 999, seed: 1 }));
  },
  runs: 3,
  limitMs: 5000,
});

// 11–14 (issue 15). Regional differences and dynamics on a synthetic panel of 2,900 units in 4
// groups x 20 periods (D in (0, 1) with a trend and group effects), and its spatial lag on a
// ring of 2 + 2 neighbours (computed in setup: the lag is the caller's input).
function inequalityPanel(units: number, periods: number) {
  const r = rng(15);
  const groups = Array.from({ length: units }, (_, i) => ["Central", "East", "North", "West"][i % 4]);
  const base = Array.from({ length: units }, (_, i) => 0.25 + 0.1 * (i % 4) + 0.2 * r());
  const D = base.map((b) => Array.from({ length: periods }, (_, t) => Math.min(0.99, b + 0.01 * t + 0.03 * r())));
  const lag = D.map((_, i) =>
    D[i].map((_, t) => {
      const nb = [i - 2, i - 1, i + 1, i + 2].map((j) => (j + units) % units);
      return nb.reduce((a, j) => a + D[j][t], 0) / nb.length;
    }),
  );
  return { D, groups, lag };
}
cases.push({
  group: "11 Dagum decomposition (engine)",
  label: "2,900 units, 4 groups x 20 periods",
  n: 2900 * 20,
  setup: () => inequalityPanel(2900, 20),
  run: (i) => {
    const { D, groups } = i as ReturnType<typeof inequalityPanel>;
    return dagumByPeriod(D, groups);
  },
  runs: 21,
  limitMs: 20,
});
cases.push({
  group: "12 Markov chain quartiles (engine)",
  label: "2,900 units x 20 periods",
  n: 2900 * 20,
  setup: () => inequalityPanel(2900, 20),
  run: (i) => markovChain((i as ReturnType<typeof inequalityPanel>).D),
  runs: 21,
  limitMs: 50,
});
cases.push({
  group: "13 spatial Markov quartiles (engine)",
  label: "2,900 units x 20 periods",
  n: 2900 * 20,
  setup: () => inequalityPanel(2900, 20),
  run: (i) => {
    const { D, lag } = i as ReturnType<typeof inequalityPanel>;
    return spatialMarkov(D, lag);
  },
  runs: 21,
  limitMs: 50,
});
function obstacleInput(rows: number, indicators: number) {
  const r = rng(16);
  const z = Array.from({ length: rows }, () => Array.from({ length: indicators }, () => r()));
  const subsystems = Array.from({ length: indicators }, (_, j) => (j < indicators / 2 ? "U1" : "U2"));
  const raw = Array.from({ length: indicators }, () => 0.5 + r());
  const sums = { U1: 0, U2: 0 } as Record<string, number>;
  raw.forEach((w, j) => (sums[subsystems[j]] += w));
  const weights = raw.map((w, j) => w / sums[subsystems[j]]);
  const periods = Array.from({ length: rows }, (_, i) => 2001 + (i % 20));
  return { z, weights, subsystems, periods };
}
cases.push({
  group: "14 obstacle degree top 5 (engine)",
  label: "58,000 rows x 30 indicators",
  n: 58_000 * 30,
  setup: () => obstacleInput(58_000, 30),
  run: (i) => {
    const { z, weights, subsystems, periods } = i as ReturnType<typeof obstacleInput>;
    return obstacleDegree(z, { weights, subsystems, periods });
  },
  runs: 11,
  limitMs: 100,
});

// 15. Whole processes (issue 17): the compiled coordlab command, a fresh node per run, as a user
// runs it; wall time from spawn to exit, peak RSS of the child. n = 0: no growth column.
const SAMPLE_ARGS = [path.join(ROOT, "samples/sample-panel.csv"), "--roles", path.join(ROOT, "samples/sample-panel.roles.json")];
function processCase(
  label: string,
  args: (dir: string) => string[],
  opts: { runs?: number; limitMs?: number; limitMB?: number; files?: (dir: string) => void | Promise<void> } = {},
) {
  cases.push({
    group: "15 whole process (coordlab)",
    label,
    n: 0,
    setup: async () => {
      ensureCliBuilt();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-bench-"));
      process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
      await opts.files?.(dir);
      return dir;
    },
    run: (dir) => runCoordlab(args(dir as string), dir as string),
    runs: opts.runs ?? 5,
    limitMs: opts.limitMs,
    limitMB: opts.limitMB,
    peakRssMB: childPeakRssMB,
  });
}
processCase("--help", () => ["--help"], { limitMs: 300 });
processCase("--print-roles, sample CSV", () => [SAMPLE_ARGS[0], "--print-roles"]);
processCase("demo: sample report + XLSX", (dir) => [...SAMPLE_ARGS, "--out", path.join(dir, "report.xlsx"), "--quiet"], { limitMs: 1500 });
// the county-scale panel of issue 17: 3,000 units x 30 years x 37 columns
processCase(
  "panel 90,000 rows CSV: report + XLSX",
  (dir) => [path.join(dir, "panel.csv"), "--roles", path.join(dir, "roles.json"), "--out", path.join(dir, "report.xlsx"), "--quiet"],
  {
    runs: 3,
    limitMs: 10_000,
    limitMB: 1024,
    files: (dir) => {
      const p = countyPanel(3000, 30);
      fs.writeFileSync(path.join(dir, "panel.csv"), p.csv);
      fs.writeFileSync(path.join(dir, "roles.json"), p.roles);
    },
  },
);

// the same panel with each county's Lon/Lat and "weights": "knn:6" in the roles: every section,
// the spatial one (Moran, LISA with conditional permutations, Gi*, spatial Markov) included
processCase(
  "panel 90,000 rows CSV + knn:6 weights: every section + XLSX",
  (dir) => [path.join(dir, "panel.csv"), "--roles", path.join(dir, "roles.json"), "--out", path.join(dir, "report.xlsx"), "--quiet"],
  {
    runs: 3,
    limitMs: 20_000,
    files: (dir) => {
      const p = countyPanel(3000, 30, 17, true);
      fs.writeFileSync(path.join(dir, "panel.csv"), p.csv);
      fs.writeFileSync(path.join(dir, "roles.json"), p.roles);
    },
  },
);

// the same panel as an XLSX workbook (written in the setup by exceljs's streaming writer, text as
// shared strings: 29 MB), read from the sheet's XML (src/writer/sheetXml.ts); --print-roles is the
// time to cells (read, guess the roles, print them), the report run is end to end
const panelXlsx = async (dir: string) => {
  const p = countyPanel(3000, 30);
  fs.writeFileSync(path.join(dir, "panel.xlsx"), await xlsxOfCsv(p.csv));
  fs.writeFileSync(path.join(dir, "roles.json"), p.roles);
};
processCase("panel 90,000 rows XLSX: --print-roles (read to cells)", (dir) => [path.join(dir, "panel.xlsx"), "--print-roles"], { runs: 3, files: panelXlsx });
processCase(
  "panel 90,000 rows XLSX: report + XLSX",
  (dir) => [path.join(dir, "panel.xlsx"), "--roles", path.join(dir, "roles.json"), "--out", path.join(dir, "report.xlsx"), "--quiet"],
  { runs: 3, limitMs: 10_000, limitMB: 1024, files: panelXlsx },
);
// issue 17: a geodetector-only file at Excel's sheet limit (1,048,575 data rows + the header; Y,
// five class-code factors, a text factor, a continuous one: bench/data.ts geoCsv, 34 MB)
processCase(
  "geodetector only 1,048,575 rows CSV (sheet limit): report + XLSX",
  (dir) => [path.join(dir, "geo.csv"), "--roles", path.join(dir, "roles.json"), "--out", path.join(dir, "report.xlsx"), "--quiet"],
  {
    runs: 3,
    limitMs: 5000,
    limitMB: 1024,
    files: (dir) => {
      const g = geoCsv(M - 1);
      fs.writeFileSync(path.join(dir, "geo.csv"), g.csv);
      fs.writeFileSync(path.join(dir, "roles.json"), g.roles);
    },
  },
);
// the same file as an XLSX workbook (exceljs's streaming writer, text as shared strings: 49 MB),
// read by column from the sheet's XML (src/writer/sheetXml.ts readSheetColumns)
processCase(
  "geodetector only 1,048,575 rows XLSX (sheet limit): report + XLSX",
  (dir) => [path.join(dir, "geo.xlsx"), "--roles", path.join(dir, "roles.json"), "--out", path.join(dir, "report.xlsx"), "--quiet"],
  {
    runs: 3,
    limitMB: 1024,
    files: async (dir) => {
      const g = geoCsv(M - 1);
      fs.writeFileSync(path.join(dir, "geo.xlsx"), await xlsxOfCsv(g.csv));
      fs.writeFileSync(path.join(dir, "roles.json"), g.roles);
    },
  },
);

// 16. Issue 11: a panel at Excel's sheet limit (bench/bigPanel.ts, seeded: 104,857 units x 10 years,
// 4 indicators in 2 subsystems, 1 factor). The analysis (parse, panel, every section, report model)
// fits in 2 GB; the exceljs workbook does not (about 20 MB per 1,000 rows, see bench/NOTES.md), so
// the command line refuses panels above MAX_PANEL_ROWS (src/cli/limits.ts; the geodetector alone
// reads up to the sheet limit, group 15). The table prints the
// case's peak RSS; 100,000 rows through the workbook writer is the second case.
for (const [rows, workbook] of [
  [1_048_570, false],
  [100_000, true],
] as const) {
  cases.push({
    group: "16 panel at the sheet limit (issue 11)",
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

// 17. Issue 17: the standalone page on the county-scale file (3,000 units x 30 years x 37
// columns), in headless chromium: from opening the CSV to the report shown (bench/standalone.ts;
// progress values and the page's longest timer gap are printed on stderr). Peak RSS: chromium's.
cases.push({
  group: "17 standalone page (chromium)",
  label: "panel 90,000 rows CSV: report shown",
  n: 90_000,
  setup: () => {
    const p = countyPanel(3000, 30);
    return standaloneSetup(p.csv, p.roles);
  },
  teardown: (input) => standaloneClose(input as StandaloneBench),
  run: () => undefined,
  timed: async (input, i) => {
    if (i === 0) await standaloneRun(input as StandaloneBench); // warm-up: the browser, the page's code
    return standaloneRun(input as StandaloneBench);
  },
  runs: 3,
  limitMs: 15_000,
  peakRssMB: chromiumPeakRssMB,
});
