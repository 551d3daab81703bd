/**
 * What the webpack output puts in each bundle: the Office.js pane (chunks/excel.js, loaded by
 * taskpane.ts on demand) must not carry JSZip, which only the xlsx writer needs (in the browser
 * it zips the .xlsx package with it, src/writer/zip.ts and charts.ts) and which lives in
 * chunks/xlsx.js.
 *
 * Cost: dist/ is reused when it is newer than the sources (CI's `npm run build`, or the build
 * the browser tests made); otherwise one development build is made, under the same lock as the
 * browser tests (tests/taskpane/browser/harness.ts). Development output keeps every imported
 * module (no tree shaking), so it is the stricter case; the check reads JSZip's own error texts,
 * which minification keeps, so it holds for a production build as well.
 */
import * as fs from "fs";
import * as path from "path";
import { DIST, ensureBuild } from "../taskpane/browser/harness";

/** Texts of JSZip's own code (its error messages), present in its minified browser build. */
const JSZIP_TEXTS = ["Corrupted zip", "End of data reached", "The constructor with parameters has been removed in JSZip"];

const BUNDLES = ["chunks/xlsx.js", "chunks/excel.js", "taskpane.js", "functions.js", "reportWorker.js"] as const;

function read(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file)) throw new Error(`${name} is not in dist/: the webpack output has changed (chunk names come from webpackChunkName)`);
  return fs.readFileSync(file, "utf8");
}

const jszipTexts = (code: string) => JSZIP_TEXTS.filter((t) => code.includes(t));

describe("webpack output: which bundle carries JSZip", () => {
  let bundle: Record<(typeof BUNDLES)[number], string>;
  beforeAll(() => {
    // read under the build lock, so that a rebuild by a browser test cannot empty dist/ meanwhile
    bundle = ensureBuild(false, () => Object.fromEntries(BUNDLES.map((b) => [b, read(b)])) as typeof bundle)!;
  });

  test("the exceljs chunk (standalone page) carries JSZip: the check recognises it", () => {
    expect(jszipTexts(bundle["chunks/xlsx.js"])).toEqual(JSZIP_TEXTS);
  });

  test("the Office.js pane chunk carries no JSZip", () => {
    expect(jszipTexts(bundle["chunks/excel.js"])).toEqual([]);
  });

  test("the entry bundles (taskpane.js, functions.js, reportWorker.js) carry no JSZip", () => {
    expect(jszipTexts(bundle["taskpane.js"])).toEqual([]);
    expect(jszipTexts(bundle["functions.js"])).toEqual([]);
    expect(jszipTexts(bundle["reportWorker.js"])).toEqual([]);
  });
});
