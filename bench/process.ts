/**
 * Whole-process timing (issue 17): the compiled `coordlab` command (bin/coordlab.js -> lib/) run
 * as a user runs it, a fresh `node` per call; wall time from spawn to exit, and the child's peak
 * RSS (getrusage maxrss, written at exit by bench/maxrss.js preloaded with --require).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "coordlab.js");
const PRELOAD = path.join(__dirname, "maxrss.js");

/** Build lib/ when it is missing or older than the sources (outside the timed region). */
export function ensureCliBuilt(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const b = require("../scripts/build-cli.js") as { buildIfStale: () => string | null };
  const reason = b.buildIfStale();
  if (reason) process.stderr.write(`built lib/ (${reason})\n`);
}

/** Largest peak RSS (MB) of the processes run so far by runCoordlab. */
let peakMB = 0;
export function childPeakRssMB(): number {
  return peakMB;
}

/** Run `coordlab args` in `cwd`; throws with its stderr when it fails. Returns the wall time in ms. */
export function runCoordlab(args: string[], cwd: string): number {
  const rssFile = path.join(os.tmpdir(), `coordlab-bench-rss-${process.pid}`);
  fs.rmSync(rssFile, { force: true }); // maxrss.js keeps the larger of the file's figure and its own
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", PRELOAD, BIN, ...args], {
    cwd,
    env: { ...process.env, COORDLAB_BENCH_RSS: rssFile },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`coordlab ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  try {
    peakMB = Math.max(peakMB, Number(fs.readFileSync(rssFile, "utf8")) / 1024);
    fs.rmSync(rssFile, { force: true });
  } catch {
    // no figure: leave the peak as it is
  }
  return ms;
}
