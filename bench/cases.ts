/**
 * The benchmark cases of issue 7, on seeded synthetic data (bench/data.ts). Each case's setup
 * builds inputs outside the timed region; run() is what is timed.
 */
import { BenchCase } from "./harness";
import { geoData, rng } from "./data";
import { entropyWeights } from "../src/engine/weights";
import { coupling } from "../src/engine/coupling";

function matrix(rows: number, cols: number, seed: number): number[][] {
  const r = rng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => 1 + 100 * r()));
}

export const cases: BenchCase[] = [];

for (const [rows, cols] of [
  [310, 28],
  [100000, 30],
] as const) {
  cases.push({
    group: "7 entropy weights (engine)",
    label: `${rows} x ${cols}`,
    n: rows * cols,
    setup: () => matrix(rows, cols, 7),
    run: (m) => entropyWeights(m as number[][]),
  });
}

for (const n of [310, 100000]) {
  cases.push({
    group: "CCD (engine)",
    label: `${n} rows x 2`,
    n,
    setup: () => matrix(n, 2, 3).map((r) => r.map((x) => x / 101)),
    run: (u) => coupling(u as number[][]),
  });
}

void geoData;
