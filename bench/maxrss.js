// Preloaded (node --require) into a process timed by bench/process.ts: at exit, writes the
// process's peak resident set size (KB, getrusage maxrss) to the file named by COORDLAB_BENCH_RSS.
"use strict";
const file = process.env.COORDLAB_BENCH_RSS;
if (file) process.on("exit", () => require("fs").writeFileSync(file, String(process.resourceUsage().maxRSS)));
