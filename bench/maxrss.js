// Preloaded (node --require) into a process timed by bench/process.ts: at exit, writes the
// process's peak resident set size (KB, getrusage maxrss) to the file named by COORDLAB_BENCH_RSS;
// when the file already holds a larger figure (bin/coordlab.js restarted itself for a large input,
// and the child, which inherits this preload, wrote its own peak first) that one stays.
"use strict";
const file = process.env.COORDLAB_BENCH_RSS;
if (file)
  process.on("exit", () => {
    const fs = require("fs");
    let before = 0;
    try {
      before = Number(fs.readFileSync(file, "utf8")) || 0;
    } catch {
      // no figure yet
    }
    fs.writeFileSync(file, String(Math.max(before, process.resourceUsage().maxRSS)));
  });
