// ESLint (flat config): `npm run lint`. Formatting is Prettier's (`npm run format`), not ESLint's:
// eslint-config-prettier comes last and turns every layout rule off.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

// The Office add-in rules (context.sync, load before read, isNullObject, ...) at the levels of the
// plugin's own `configs.recommended`, as the OfficeDev Excel templates use it. The rest of that
// preset is not taken: it runs Prettier as an ESLint rule (prettier/prettier), which would report
// layout as lint (Prettier runs on its own here), and it brings an older typescript-eslint parser
// than the project's.
const officeAddinRules = Object.fromEntries(
  officeAddins.configs.recommended.flatMap((config) => Object.entries(config.rules ?? {})).filter(([rule]) => rule.startsWith("office-addins/")),
);

export default tseslint.config(
  {
    ignores: ["dist/", "build/", "coverage/", "test-results/", "bench/results/", "node_modules/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // the code that talks to Office.js (and the tests of the recording fake). Not src/writer/ or
    // src/cli/: the rules recognise proxies by method names (load, sync) and would take exceljs
    // rows for them. The rules see a sync only when the RequestContext is called `context`.
    files: ["src/taskpane/**/*.ts", "src/functions/**/*.ts", "tests/taskpane/**/*.ts", "tests/doubles/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinRules,
  },
  {
    rules: {
      "no-eval": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        // `_name` marks a parameter or binding that is deliberately unused (an interface's signature,
        // a destructured rest); caught errors are often deliberately ignored.
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Math.min(...xs) / Math.max(...xs) pass every value as an argument: a county panel's 90,000
    // values overflow the call stack in a browser or a Web Worker. Use extent() (src/engine/stats).
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(min|max)$/] > SpreadElement",
          message: "Math.min/max over a spread array overflows the stack on large inputs: use extent() from src/engine/stats/extent.",
        },
      ],
    },
  },
  {
    // Tests read the peers' reference JSON (other projects' output shapes) and pass ill-typed
    // values on purpose to check the run-time validation: `any` is deliberate there.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // plain JavaScript: the configs and scripts run by Node, CommonJS unless .mjs
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
