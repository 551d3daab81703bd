// `npm run format` rewrites the tree with Prettier; `npm run format -- --check` only checks (exit 1
// and the file names when a file is not formatted). Prettier itself writes when given both.
const { spawnSync } = require("child_process");

const args = process.argv.slice(2);
const mode = args.includes("--check") || args.includes("--list-different") || args.includes("-l") ? [] : ["--write"];
const paths = args.some((a) => !a.startsWith("-")) ? [] : ["."];
const prettier = require.resolve("prettier/bin/prettier.cjs");
const run = spawnSync(process.execPath, [prettier, ...mode, ...args, ...paths], { stdio: "inherit" });
process.exit(run.status ?? 1);
