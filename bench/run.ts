/**
 * `npm run bench [-- --json out.json] [--only <group substring>]`
 *
 * Runs every case of bench/cases.ts, each in a fresh child process (one warm-up, then the median
 * of several runs), and prints a table: median and fastest time in ms, peak resident memory of
 * the case's process, the growth against the previous size of the same group (time ratio /
 * size ratio: 1 means linear, log-linear shows a little above 1), and the target.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BenchResult, timeCase } from "./harness";
import { cases } from "./cases";

async function child(index: number): Promise<void> {
  const result = await timeCase(cases[index]);
  process.stdout.write(JSON.stringify(result));
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(3) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0);
}

function main(): void {
  const args = process.argv.slice(2);
  const ci = args.indexOf("--case");
  if (ci >= 0) {
    void child(Number(args[ci + 1]));
    return;
  }
  const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
  const results: BenchResult[] = [];
  const tsNode = require.resolve("ts-node/dist/bin.js");
  console.log(`CoordLab benchmarks — Node ${process.version}, ${require("os").cpus().length} cores, ${new Date().toISOString()}`);
  console.log("| case | size | median ms | min ms | peak RSS MB | growth | target |");
  console.log("|---|---|---:|---:|---:|---:|---|");
  let prev: BenchResult | undefined;
  cases.forEach((c, i) => {
    if (only && !c.group.includes(only)) return;
    const out = execFileSync(process.execPath, ["--max-old-space-size=8192", tsNode, "--transpile-only", __filename, "--case", String(i)], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const r = JSON.parse(out) as BenchResult;
    results.push(r);
    const growth = prev && prev.group === r.group && prev.n > 0 ? (r.medianMs / prev.medianMs / (r.n / prev.n)).toFixed(2) : "";
    console.log(`| ${r.group} | ${r.label} | ${fmt(r.medianMs)} | ${fmt(r.minMs)} | ${r.peakRssMB.toFixed(0)} | ${growth} | ${r.target ?? ""} |`);
    prev = r;
  });
  if (jsonOut) {
    fs.mkdirSync(path.dirname(path.resolve(jsonOut)), { recursive: true });
    fs.writeFileSync(jsonOut, JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2));
    console.log(`JSON written to ${jsonOut}`);
  }
}

main();
