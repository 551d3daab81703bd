/**
 * CoordLab custom functions (namespace COORD, declared in manifest.xml).
 *
 * Every exported function with a `@customfunction` JSDoc tag becomes a worksheet function:
 * custom-functions-metadata-plugin (webpack.config.js) reads this file, writes functions.json
 * and appends the `CustomFunctions.associate(id, fn)` calls to the bundle. Each function needs
 * a description, `@param` descriptions, `@helpurl` (https://localhost:3000/assets/help/<name>.html,
 * rewritten to the production URL at build) and an entry with the same id and parameters in
 * functions.zh-CN.json; tests/build/functionsMetadata.test.ts checks all of that.
 *
 * Shared runtime: this bundle runs in the taskpane page (taskpane.html), next to taskpane.js.
 */
import pkg from "../../package.json";

// In Excel, office.js defines `CustomFunctions` before this bundle runs. In a plain browser
// (the page opened outside Office, or office.js blocked / offline) it is missing, and the
// appended `CustomFunctions.associate(...)` calls would throw: give them a no-op instead.
{
  const g = globalThis as { CustomFunctions?: unknown };
  if (typeof g.CustomFunctions === "undefined") {
    g.CustomFunctions = { associate: (): void => undefined };
  }
}

/**
 * The version of the CoordLab add-in, e.g. "0.1.0": cite it with the results.
 * @customfunction VERSION
 * @helpurl https://localhost:3000/assets/help/index.html#version
 * @returns The CoordLab version.
 */
export function version(): string {
  return pkg.version;
}
