/* CoordLab add-in build (after OfficeDev's Excel custom functions shared-runtime template).
 *
 *   npm run build        production build into dist/ (URLs rewritten to urlProd)
 *   npm run build:dev    development build into dist/ (URLs stay https://localhost:3000/)
 *   npm run dev-server   serve on https://localhost:3000/ (http when no dev certificate is available)
 *
 * Outputs: taskpane.html (loads office.js + taskpane.js + functions.js: the shared runtime page),
 * taskpane.js, functions.js, reportWorker.js (the pipeline in a Web Worker), functions.json (generated from the JSDoc in src/functions/functions.ts),
 * functions.zh-CN.json, taskpane.css, assets/** (icons, help pages), manifest.xml, and chunks/
 * loaded on demand from the page's own origin: chunks/xlsx.js (exceljs's browser build, for the
 * standalone page's XLSX reading and writing) and chunks/excel.js (the Office.js pane).
 * functions.js never contains exceljs.
 *
 * Development builds also emit a test page for the browser tests (tests/taskpane):
 * taskpane.test.html = taskpane.html with office.js replaced by test-fake-office.js, which
 * installs the recording fake of the Excel object model (tests/doubles/fakeExcel.ts).
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { sources, SourceMapDevToolPlugin } = require("webpack");

const urlDev = "https://localhost:3000/";
// CHANGE THIS TO YOUR PRODUCTION DEPLOYMENT LOCATION (or set COORDLAB_PROD_URL when building).
const urlProd = withSlash(process.env.COORDLAB_PROD_URL || "https://coordlab.example.com/");

function withSlash(url) {
  return url.endsWith("/") ? url : `${url}/`;
}

/** Replace the development base URL by the production one (a no-op in development). */
function rewriteUrls(text, dev) {
  return dev ? text : text.split(urlDev).join(urlProd);
}

/**
 * HTTPS options for the dev server from office-addin-dev-certs, loaded only when serving and
 * only if installed; otherwise plain http with a warning (Office itself needs https).
 */
async function devServerTransport() {
  let devCerts;
  try {
    devCerts = require("office-addin-dev-certs");
  } catch {
    console.warn(
      "\n[coordlab] office-addin-dev-certs is not installed: serving over plain http://localhost:3000/.\n" +
        "           Excel loads add-ins over https only. To get a trusted localhost certificate run\n" +
        "             npx office-addin-dev-certs install\n" +
        "           (it installs the package on the fly and the certificate in your user store), then restart.\n",
    );
    return { type: "http" };
  }
  try {
    const options = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
  } catch (err) {
    console.warn(
      `\n[coordlab] no usable localhost certificate (${err && err.message ? err.message : err}): serving over plain http.\n` +
        "           Run `npx office-addin-dev-certs install` and restart to get https.\n",
    );
    return { type: "http" };
  }
}

/** Rewrite URLs inside generated JSON assets (functions.json comes from the metadata plugin). */
class RewriteUrlsPlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("RewriteUrlsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "RewriteUrlsPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!this.options.test.test(name)) continue;
          const before = assets[name].source().toString();
          const after = rewriteUrls(before, false);
          if (after !== before) compilation.updateAsset(name, new sources.RawSource(after));
        }
      });
    });
  }
}

/** Print the size (and gzip size) of the emitted bundles and metadata after each build. */
class BundleSizePlugin {
  apply(compiler) {
    let rows = [];
    compiler.hooks.thisCompilation.tap("BundleSizePlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "BundleSizePlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        rows = [];
        for (const name of Object.keys(assets)) {
          if (!/\.(js|json|html|css)$/.test(name) || name.startsWith("assets/")) continue;
          const buf = assets[name].buffer();
          rows.push([name, buf.length, zlib.gzipSync(buf).length]);
        }
      });
    });
    compiler.hooks.done.tap("BundleSizePlugin", (stats) => {
      if (stats.hasErrors() || rows.length === 0) return;
      rows.sort((a, b) => b[1] - a[1]);
      const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(10);
      const width = Math.max(...rows.map((r) => r[0].length));
      const lines = rows.map(([name, size, gz]) => `  ${name.padEnd(width)} ${kib(size)} ${kib(gz)} gzip`);
      console.log(`\n[coordlab] bundle sizes (${compiler.options.mode}):\n${lines.join("\n")}\n`);
    });
  }
}

const OFFICE_JS_TAG = /\s*<script[^>]*appsforoffice\.microsoft\.com[^>]*><\/script>/;
const FAKE_OFFICE_ENTRY = "./tests/taskpane/browser/fakeOfficeEntry.ts";
const FAKE_EXCEL = "tests/doubles/fakeExcel.ts";

/** The test page (development only, and only once the fake Excel exists). */
function testPage(dev) {
  if (!dev || !fs.existsSync(path.join(__dirname, FAKE_EXCEL)) || !fs.existsSync(path.join(__dirname, FAKE_OFFICE_ENTRY))) return null;
  const template = fs.readFileSync(path.join(__dirname, "src/taskpane/taskpane.html"), "utf8");
  return {
    entry: { "test-fake-office": FAKE_OFFICE_ENTRY },
    plugin: new HtmlWebpackPlugin({
      filename: "taskpane.test.html",
      templateContent: template.replace(OFFICE_JS_TAG, ""),
      chunks: ["test-fake-office", "taskpane"], // the fake first: it defines Office and Excel
      chunksSortMode: "manual",
      scriptLoading: "defer",
    }),
  };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode !== "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const test = testPage(dev);

  const config = {
    devtool: false, // source maps for the bundles only (see SourceMapDevToolPlugin below)
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      functions: "./src/functions/functions.ts",
      // the standalone page's file and the pipeline off the main thread (src/taskpane/ui/reportClient.ts); the
      // xlsx reader and writer are a chunk it loads on demand with importScripts (chunks/xlsx.js, the page's too)
      reportWorker: { import: "./src/taskpane/worker/reportWorker.ts", chunkLoading: "import-scripts" },
      ...(test ? test.entry : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "chunks/[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true, // `npm run lint` type-checks the whole tree
              // ES modules for webpack, so that tree shaking works (mathjs through its factory).
              compilerOptions: { module: "es2020", sourceMap: true },
            },
          },
        },
      ],
    },
    // No splitChunks: each page bundle is self-contained (functions.js stays loadable by itself,
    // as the manifest's CustomFunctions <Script> says). The shared code is small today;
    // revisit when the taskpane and the functions both import the engine.
    optimization: {
      splitChunks: false,
    },
    performance: {
      hints: dev ? false : "warning",
      maxEntrypointSize: 1024 * 1024,
      maxAssetSize: 1024 * 1024,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions"], // shared runtime: one page hosts both
        scriptLoading: "defer",
      }),
      ...(test ? [test.plugin] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets", globOptions: { ignore: ["**/.DS_Store"] } },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "src/functions/functions.*.json",
            to: "[name][ext]",
            transform: (content) => rewriteUrls(content.toString(), dev),
          },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) => rewriteUrls(content.toString(), dev),
          },
        ],
      }),
      ...(dev ? [] : [new RewriteUrlsPlugin({ test: /^functions\.json$/ })]),
      new SourceMapDevToolPlugin({ test: /\.js$/, filename: "[file].map" }),
      new BundleSizePlugin(),
    ],
    devServer: {
      static: false, // everything served comes from the build (assets are copied by CopyWebpackPlugin)
      headers: { "Access-Control-Allow-Origin": "*" },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      server: serving ? await devServerTransport() : "http",
      client: { overlay: { warnings: false } },
    },
  };
  return config;
};

module.exports.urlDev = urlDev;
module.exports.urlProd = urlProd;
module.exports.rewriteUrls = rewriteUrls;
