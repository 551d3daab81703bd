#!/usr/bin/env node
// The `coordlab` command: runs the compiled command line in lib/ (built by `npm run build:cli`,
// which `npm ci` and `npm install` run through the prepare script). In a source checkout a
// missing or stale lib/ is rebuilt first (a note on stderr), so `npm run report` never runs old code.
"use strict";
const path = require("path");
const ROOT = path.join(__dirname, "..");
try {
  const b = require(path.join(ROOT, "scripts", "build-cli.js"));
  if (b.canBuild()) {
    const reason = b.staleReason();
    if (reason) {
      process.stderr.write(`coordlab: building the command line (${reason}) …\n`);
      b.build();
    }
  }
} catch (e) {
  if (!(e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes("build-cli"))) {
    process.stderr.write(`coordlab: building the command line failed: ${e.message.split("\n")[0]}\n`);
    process.exit(1);
  }
}
// A large input (a county-scale panel: ~30 MB of CSV) builds a report model of millions of
// long-lived objects; V8's default young generation (16 MB semi-spaces) copies them in ~200
// scavenges. Such runs restart once with 64 MB semi-spaces (bench/NOTES.md, issue 17).
const BIG_INPUT = 8 << 20;
if (!process.env.COORDLAB_NO_RESPAWN && !process.execArgv.some((a) => a.startsWith("--max-semi-space-size"))) {
  const fs = require("fs");
  const big = process.argv.slice(2).some((a) => {
    try {
      return !a.startsWith("-") && fs.statSync(a).size >= BIG_INPUT;
    } catch {
      return false;
    }
  });
  if (big) {
    const r = require("child_process").spawnSync(process.execPath, [...process.execArgv, "--max-semi-space-size=64", __filename, ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, COORDLAB_NO_RESPAWN: "1" },
    });
    if (r.error) {
      process.stderr.write(`coordlab: ${r.error.message}\n`);
      process.exit(1);
    }
    if (r.signal) process.kill(process.pid, r.signal);
    process.exit(r.status === null ? 1 : r.status);
  }
}
let cli;
try {
  cli = require(path.join(ROOT, "lib", "cli", "main.js"));
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes(path.join("lib", "cli", "main.js"))) {
    process.stderr.write("coordlab: the command line is not built; run `npm run build:cli` (or `npm ci`) first.\n");
    process.exit(1);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
