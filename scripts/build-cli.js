/**
 * Build the command line: `tsc -p tsconfig.cli.json` compiles src/cli and what it imports
 * (engine, report, writer) to lib/, then stamps lib/.built. `npm run build:cli`, `npm run build`
 * and the prepare script (run by `npm ci` and `npm install`) call this file.
 *
 *   node scripts/build-cli.js              build
 *   node scripts/build-cli.js --if-stale   build only when lib/ is missing or older than the sources
 *
 * Also required by bin/coordlab.js (which rebuilds a stale lib/ in a source checkout, so that
 * `npm run report` never runs old code), the CLI tests and the whole-process benchmarks.
 * Plain JavaScript so that it runs before anything is compiled.
 */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const LIB = path.join(ROOT, "lib");
const ENTRY = path.join(LIB, "cli", "main.js");
const STAMP = path.join(LIB, ".built");
/** What the compiled command line is made of (tsconfig.cli.json follows the imports of src/cli/main.ts). */
const SOURCES = ["src/cli", "src/engine", "src/report", "src/writer", "tsconfig.cli.json", "tsconfig.json"].map((p) => path.join(ROOT, p));

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** Why lib/ must be (re)built, or null when it is up to date. */
function staleReason() {
  if (!fs.existsSync(ENTRY)) return "lib/cli/main.js is missing";
  if (!fs.existsSync(STAMP)) return "lib/ has no build stamp";
  const built = fs.statSync(STAMP).mtimeMs;
  return SOURCES.some((p) => newestMtime(p) > built) ? "sources are newer than lib/" : null;
}

/** True in a source checkout with TypeScript installed (not in an installed copy without dev dependencies). */
function canBuild() {
  if (!fs.existsSync(path.join(ROOT, "src", "cli", "main.ts"))) return false;
  try {
    require.resolve("typescript/bin/tsc", { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

/** Compile; the compiler's output goes to stderr (stdout may be a report or roles JSON being redirected). */
function build() {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
  execFileSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.cli.json")], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/** Build when needed; returns the reason it built, or null. */
function buildIfStale() {
  const reason = staleReason();
  if (reason) build();
  return reason;
}

module.exports = { ROOT, LIB, ENTRY, staleReason, canBuild, build, buildIfStale };

if (require.main === module) {
  try {
    if (process.argv.includes("--if-stale")) buildIfStale();
    else build();
  } catch (e) {
    process.stderr.write(`build-cli: ${e.message.split("\n")[0]}\n`);
    process.exit(1);
  }
}
