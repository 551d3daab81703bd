/**
 * `npm run bench [-- options]`
 *
 *   --only <text>    run only the cases whose "group label" contains <text> ("4 inter", "natural", "bundle");
 *                    several texts separated by "|" run the cases that contain any of them ("ENTROPYWEIGHT|entropyWeights")
 *   --runs <n>       timed runs per case (default: each case's own, 5..41)
 *   --passes <n>     run the whole suite n times (interleaved); each case reports the median of its
 *                    pass medians (default 1; the committed RESULTS.md uses 3)
 *   --json <file>    also write the results as JSON (e.g. bench/results/latest.json, git-ignored)
 *   --md <file>      also write the table as markdown with date, machine and how to reproduce
 *                    (bench/RESULTS.md is the committed copy)
 *   --no-bundle      skip the production build that measures dist/functions.js
 *   --baseline <f>   add the medians of an earlier --json file as columns ("before" figures), with
 *                    --baseline-label <text> saying what it was (e.g. the commit)
 *   --render <f>     no benchmark: print (and with --md write) the table of a --json file
 *
 * Runs every case of bench/cases.ts, each in a fresh child process (one warm-up, then the median
 * of several runs), and prints a table: median and fastest time in ms, peak resident memory of
 * the case's process, the growth against the nearest size of the same group at least 2x smaller
 * (time ratio / size ratio: 1 = linear; the bound in brackets is ln N / ln N_ref, what N log N
 * growth gives), and the target. Finally the functions bundle is built with webpack (production)
 * into a temporary directory and its size printed: dist/ is left alone.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { BenchResult, median, timeCase } from "./harness";
import { cases } from "./cases";

const ROOT = path.resolve(__dirname, "..");
/** Size limit of the functions bundle Excel loads (issue 7). */
const BUNDLE_LIMIT_KB = 500;
/** Growth above the N log N bound by more than this factor is flagged (timings vary up to ~2x on a shared VM). */
const GROWTH_SLACK = 1.3;

interface Row extends BenchResult {
  growth?: number;
  growthBound?: number;
}

interface BundleResult {
  bytes: number;
  gzipBytes: number;
  buildMs: number;
  /** The bundle holds mathjs factories nothing in CoordLab uses (the whole library came in). */
  mathjsWhole: boolean;
  /** Source files under src/ that import mathjs, and how (must be the factory, with only what is used). */
  mathjsImports: string[];
  error?: string;
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function child(index: number, runs: number | undefined): Promise<void> {
  const result = await timeCase(cases[index], runs);
  process.stdout.write(JSON.stringify(result));
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(3) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0);
}

function target(r: Row): string {
  const parts: string[] = [];
  if (r.limitMs !== undefined) parts.push(`≤ ${r.limitMs >= 1000 ? `${r.limitMs / 1000} s` : `${r.limitMs} ms`}`);
  if (r.limitMB !== undefined) parts.push(`≤ ${r.limitMB} MB`);
  return parts.join(", ");
}

/** "met", "NOT MET" or "" (no target), for time, memory and growth together. */
function verdict(r: Row): string {
  const fails: string[] = [];
  if (r.limitMs !== undefined && r.medianMs > r.limitMs) fails.push("time");
  if (r.limitMB !== undefined && r.peakRssMB > r.limitMB) fails.push("memory");
  if (r.growth !== undefined && r.growthBound !== undefined && r.growth > r.growthBound * GROWTH_SLACK) fails.push("growth");
  if (fails.length) return `NOT MET (${fails.join(", ")})`;
  return r.limitMs !== undefined || r.limitMB !== undefined ? "met" : "";
}

function growthText(r: Row): string {
  return r.growth === undefined ? "" : `${r.growth.toFixed(2)} (≤ ${r.growthBound!.toFixed(2)})`;
}

/** The table; with a baseline (a JSON of an earlier run), its median and peak memory per case as well. */
function tableLines(rows: Row[], baseline?: BenchResult[]): string[] {
  const before = (r: Row) => baseline?.find((b) => b.group === r.group && b.label === r.label);
  const lines = baseline
    ? [
        "| case | size | median ms | min ms | runs | peak RSS MB | base MB | growth | target | | baseline ms | baseline MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|",
      ]
    : ["| case | size | median ms | min ms | runs | peak RSS MB | base MB | growth | target | |", "|---|---|---:|---:|---:|---:|---:|---:|---|---|"];
  for (const r of rows) {
    const b = before(r);
    const extra = baseline ? ` ${b ? fmt(b.medianMs) : ""} | ${b ? b.peakRssMB.toFixed(0) : ""} |` : "";
    lines.push(
      `| ${r.group} | ${r.label} | ${fmt(r.medianMs)} | ${fmt(r.minMs)} | ${r.runs} | ${r.peakRssMB.toFixed(0)} | ` +
        `${r.baseRssMB.toFixed(0)} | ${growthText(r)} | ${target(r)} | ${verdict(r)} |${extra}`,
    );
  }
  return lines;
}

/** A results file written by --json. */
interface ResultsFile {
  node: string;
  machine: string;
  date: string;
  seconds: number;
  results: Row[];
  bundle?: BundleResult;
  /** The command-line arguments of the run. */
  args?: string[];
}

/** One case over several passes: the median of the pass medians, the fastest run, the largest peak memory. */
function combinePasses(results: BenchResult[]): BenchResult {
  return {
    ...results[0],
    medianMs: median(results.map((r) => r.medianMs)),
    minMs: Math.min(...results.map((r) => r.minMs)),
    maxMs: Math.max(...results.map((r) => r.maxMs)),
    runs: results.reduce((s, r) => s + r.runs, 0),
    peakRssMB: Math.max(...results.map((r) => r.peakRssMB)),
    baseRssMB: median(results.map((r) => r.baseRssMB)),
    passMediansMs: results.map((r) => r.medianMs),
  };
}

/** Growth against the nearest earlier size of the same group that is at least 2x smaller. */
function withGrowth(r: BenchResult, earlier: Row[]): Row {
  const ref = [...earlier].reverse().find((p) => p.group === r.group && p.n > 0 && p.n * 2 <= r.n);
  if (!ref) return r;
  return { ...r, growth: r.medianMs / ref.medianMs / (r.n / ref.n), growthBound: Math.log(r.n) / Math.log(ref.n) };
}

/** Every `import ... from "mathjs"` under src/, as "file: statement". */
function mathjsImports(dir = path.join(ROOT, "src")): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...mathjsImports(file));
    else if (/\.tsx?$/.test(entry.name))
      for (const m of fs.readFileSync(file, "utf8").matchAll(/import[^;]*?from\s*["']mathjs[^"']*["']/g))
        found.push(`${path.relative(ROOT, file)}: ${m[0].replace(/\s+/g, " ")}`);
  }
  return found;
}

/** Production build of the add-in into a temporary directory; size of functions.js. */
function measureBundle(): BundleResult {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-bundle-"));
  const t0 = Date.now();
  const imports = mathjsImports();
  try {
    const webpack = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    execFileSync(process.execPath, [webpack, "--mode", "production", "--output-path", out], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 1 << 26,
    });
    const file = fs.readFileSync(path.join(out, "functions.js"));
    // the whole of mathjs brings its ~300 function factories along, named by strings that survive
    // minification (e.g. 'lusolve', 'sylvester': nothing in CoordLab uses them)
    const mathjsWhole = /["']lusolve["']|["']sylvester["']|["']schur["']/.test(file.toString("latin1"));
    return { bytes: file.length, gzipBytes: zlib.gzipSync(file).length, buildMs: Date.now() - t0, mathjsWhole, mathjsImports: imports };
  } catch (e) {
    const err = e as { stdout?: Buffer; message: string };
    const text = err.stdout
      ? err.stdout
          .toString()
          .split("\n")
          .filter((l) => /error/i.test(l))
          .slice(0, 5)
          .join("; ")
      : "";
    return { bytes: NaN, gzipBytes: NaN, buildMs: Date.now() - t0, mathjsWhole: false, mathjsImports: imports, error: text || err.message.split("\n")[0] };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function bundleLine(b: BundleResult): string {
  if (b.error) return `functions bundle: the production build failed (${b.error})`;
  const kb = b.bytes / 1024;
  return (
    `functions bundle (dist/functions.js, webpack --mode production): ${kb.toFixed(1)} KiB minified, ` +
    `${(b.gzipBytes / 1024).toFixed(1)} KiB gzip; target ≤ ${BUNDLE_LIMIT_KB} KB: ${kb <= BUNDLE_LIMIT_KB ? "met" : "NOT MET"}; ` +
    `mathjs: ${b.mathjsWhole ? "the WHOLE library is bundled" : "not bundled whole"}; ` +
    `imports of mathjs under src/: ${b.mathjsImports.length ? b.mathjsImports.join("; ") : "none"} (build ${(b.buildMs / 1000).toFixed(0)} s)`
  );
}

/** An argument as typed in a shell: quoted when it holds spaces or quotes. */
function shellWord(a: string): string {
  return /^[\w./=-]+$/.test(a) ? a : `"${a.replace(/(["\\$`])/g, "\\$1")}"`;
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`;
}

function markdown(run: ResultsFile, args: string[], baseline?: { file: ResultsFile; label: string }): string {
  const { results: rows, bundle, date, seconds } = run;
  const baselineNote = baseline
    ? [`Baseline columns: ${baseline.label}; measured ${baseline.file.date} on the same machine with the same harness and passes.`, ""]
    : [];
  return [
    "# CoordLab benchmarks (issue 7)",
    "",
    `Date: ${date}  `,
    `Machine: ${run.machine}  `,
    `Node ${run.node}; whole run ${seconds.toFixed(0)} s.`,
    "",
    "Reproduce: `npm run bench` (add `-- --passes 3 --json bench/results/latest.json --md bench/RESULTS.md` to write",
    "the files; `--only <group text>` and `--runs <n>` narrow a run; `--baseline <earlier json>` adds its medians as",
    "columns; `--render <json>` rewrites the table of a run). Every case runs in its own child process (ts-node,",
    "--transpile-only) on seeded synthetic data (bench/data.ts: y, continuous c1..c7, 6-class codes x1..x7 as in",
    "../shared/reference/perf), inputs built outside the timed region; one warm-up, then the median of the timed calls;",
    "with `--passes n` the suite runs n times over and each case shows the median of its n pass medians (runs = all",
    "timed calls, min = the fastest of them).",
    "Peak RSS is the whole process's maximum (setup, warm-up and runs); base MB is its RSS once Node, ts-node and",
    "the modules were loaded, before the case's setup built its inputs.",
    "Growth = (time ratio) / (size ratio) against the nearest size of the group at least 2x smaller: 1 is linear;",
    "the bracket is ln N / ln N_ref, the growth N log N allows (flagged when exceeded by more than 30 %: timings",
    "on this shared 2-core VM vary up to 2x).",
    "",
    ...baselineNote,
    ...tableLines(rows, baseline?.file.results),
    "",
    bundle ? bundleLine(bundle) : "functions bundle: not measured in this run",
    "",
    `Command: \`npm run bench${args.length ? ` -- ${args.map(shellWord).join(" ")}` : ""}\``,
    "",
    "What each case measures, the changes behind the figures and why a target is not met: bench/NOTES.md.",
    "",
  ].join("\n");
}

function main(): void {
  const args = process.argv.slice(2);
  const runsArg = arg(args, "--runs");
  const runs = runsArg === undefined ? undefined : Number(runsArg);
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs must be a positive integer; got ${runsArg}`);
  const passesArg = arg(args, "--passes") ?? "1";
  const passes = Number(passesArg);
  if (!(Number.isInteger(passes) && passes >= 1)) throw new Error(`--passes must be a positive integer; got ${passesArg}`);
  const caseArg = arg(args, "--case");
  if (caseArg !== undefined) {
    void child(Number(caseArg), runs);
    return;
  }
  const jsonOut = arg(args, "--json");
  const mdOut = arg(args, "--md");
  const baselineArg = arg(args, "--baseline");
  const baseline = baselineArg
    ? { file: JSON.parse(fs.readFileSync(baselineArg, "utf8")) as ResultsFile, label: arg(args, "--baseline-label") ?? baselineArg }
    : undefined;
  const renderArg = arg(args, "--render");
  if (renderArg !== undefined) {
    // no benchmark: the table of a results file, e.g. to add a baseline to RESULTS.md afterwards
    const run = JSON.parse(fs.readFileSync(renderArg, "utf8")) as ResultsFile;
    console.log(tableLines(run.results, baseline?.file.results).join("\n"));
    if (mdOut) fs.writeFileSync(mdOut, markdown(run, run.args ?? [], baseline));
    return;
  }
  const only = arg(args, "--only");
  const doBundle = !args.includes("--no-bundle") && (only === undefined || only.split("|").some((w) => "bundle".includes(w)));
  const started = Date.now();
  const date = new Date().toISOString();
  const tsNode = require.resolve("ts-node/dist/bin.js");
  console.log(`CoordLab benchmarks — Node ${process.version}, ${machine()}, ${date}`);
  const head = tableLines([]);
  console.log(head.join("\n"));
  const wanted = only?.split("|");
  const selected = cases.map((c, i) => i).filter((i) => !wanted || wanted.some((w) => `${cases[i].group} ${cases[i].label}`.includes(w)));
  // passes run one after the other over all cases, so that a slowdown episode of the machine hits
  // one pass of a case rather than all of them; each case reports the median of its pass medians
  const passResults: BenchResult[][] = selected.map(() => []);
  for (let pass = 1; pass <= passes; pass++) {
    if (passes > 1) console.log(`pass ${pass} of ${passes}`);
    const rows: Row[] = [];
    selected.forEach((i, k) => {
      const childArgs = ["--max-old-space-size=8192", tsNode, "--transpile-only", __filename, "--case", String(i)];
      if (runs !== undefined) childArgs.push("--runs", String(runs));
      const out = execFileSync(process.execPath, childArgs, { encoding: "utf8", maxBuffer: 1 << 24 });
      passResults[k].push(JSON.parse(out) as BenchResult);
      const r = withGrowth(passResults[k][pass - 1], rows);
      rows.push(r);
      console.log(tableLines([r])[2]);
    });
  }
  const rows: Row[] = [];
  for (const results of passResults) rows.push(withGrowth(combinePasses(results), rows));
  if (passes > 1) console.log(`\nmedian of ${passes} passes\n${tableLines(rows).join("\n")}`);
  let bundle: BundleResult | undefined;
  if (doBundle) {
    bundle = measureBundle();
    console.log(bundleLine(bundle));
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`whole run: ${seconds.toFixed(0)} s`);
  const run: ResultsFile = { node: process.version, machine: machine(), date, seconds, results: rows, bundle, args };
  if (jsonOut) {
    fs.mkdirSync(path.dirname(path.resolve(jsonOut)), { recursive: true });
    fs.writeFileSync(jsonOut, JSON.stringify(run, null, 2));
    console.log(`JSON written to ${jsonOut}`);
  }
  if (mdOut) {
    fs.writeFileSync(mdOut, markdown(run, args, baseline));
    console.log(`markdown written to ${mdOut}`);
  }
}

main();
