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
