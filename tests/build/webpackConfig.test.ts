/**
 * webpack.config.js, checked without running webpack (CI runs `npm run build` itself): the
 * entries, the shared-runtime page, the metadata plugin, the copied files and the production
 * URL rewrite.
 */
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the JavaScript config, loaded as webpack loads it
const configModule = require(path.join(ROOT, "webpack.config.js")) as {
  (env: Record<string, unknown>, options: { mode: string }): Promise<WebpackConfig>;
  urlDev: string;
  urlProd: string;
  rewriteUrls: (text: string, dev: boolean) => string;
};

interface WebpackConfig {
  entry: Record<string, string | { import: string; chunkLoading?: string }>;
  output: { path: string; filename: string };
  plugins: Array<{ constructor: { name: string }; options?: Record<string, unknown>; userOptions?: Record<string, unknown> }>;
  devServer: { port: number; server: unknown };
  optimization?: { splitChunks?: unknown };
}

const plugin = (config: WebpackConfig, name: string) => config.plugins.find((p) => p.constructor.name === name);

describe("webpack.config.js", () => {
  test("builds the taskpane, functions and report worker bundles into dist/", async () => {
    const config = await configModule({}, { mode: "production" });
    expect(config.entry).toEqual({
      taskpane: "./src/taskpane/taskpane.ts",
      functions: "./src/functions/functions.ts",
      // the worker loads the xlsx chunk (reader and writer) with importScripts
      reportWorker: { import: "./src/taskpane/worker/reportWorker.ts", chunkLoading: "import-scripts" },
    });
    expect(config.output.path).toBe(path.join(ROOT, "dist"));
    expect(config.output.filename).toBe("[name].js");
  });

  test("the taskpane page hosts both bundles (shared runtime)", async () => {
    const config = await configModule({}, { mode: "production" });
    const html = plugin(config, "HtmlWebpackPlugin");
    expect(html?.userOptions).toMatchObject({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane", "functions"] });
  });

  test("generates functions.json from the functions source", async () => {
    const config = await configModule({}, { mode: "production" });
    expect(plugin(config, "CustomFunctionsMetadataPlugin")?.options).toEqual({ output: "functions.json", input: "./src/functions/functions.ts" });
  });

  test("copies assets, the zh-CN metadata and the manifest", async () => {
    const config = await configModule({}, { mode: "production" });
    const copy = plugin(config, "CopyPlugin") as { patterns?: Array<{ from: string }> } | undefined;
    const froms = (copy?.patterns ?? []).map((p) => p.from);
    expect(froms).toEqual(expect.arrayContaining(["assets", "src/functions/functions.*.json", "manifest*.xml"]));
  });

  test("dev server on port 3000; no dev certificate needed to build the config", async () => {
    const config = await configModule({}, { mode: "development" });
    expect(config.devServer.port).toBe(3000);
  });

  test("production rewrites the localhost base URL; development keeps it", () => {
    const text = '<bt:Url DefaultValue="https://localhost:3000/taskpane.html"/> https://localhost:3000/assets/help/ccd.html';
    expect(configModule.urlDev).toBe("https://localhost:3000/");
    expect(configModule.urlProd).toMatch(/^https:\/\/.+\/$/);
    expect(configModule.rewriteUrls(text, true)).toBe(text);
    const prod = configModule.rewriteUrls(text, false);
    expect(prod).not.toContain("localhost:3000");
    expect(prod).toContain(`${configModule.urlProd}taskpane.html`);
    expect(prod).toContain(`${configModule.urlProd}assets/help/ccd.html`);
  });
});
