/**
 * Browser-test harness (playwright-core driving Debian's chromium): build dist/ when it is
 * missing or older than the sources (development build, which also emits the fake-Office test
 * page), serve it from a tiny static server on 127.0.0.1 (random port), launch one headless
 * chromium per test file with a fresh user-data-dir, and record every request a page makes
 * (anything not on 127.0.0.1/localhost is aborted and remembered).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..", "..");
export const DIST = path.join(ROOT, "dist");
/** The recording fake of the Excel object model that the test page bundles. */
export const FAKE_EXCEL = path.join(ROOT, "tests", "doubles", "fakeExcel.ts");

/**
 * Where each browser test saves its screenshot of the pane: test-results/screenshots (ignored
 * by git); with UPDATE_SCREENSHOTS=1, docs/screenshots, the copies the README shows.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? path.join(ROOT, "docs", "screenshots") : path.join(ROOT, "test-results", "screenshots");
export const CHROMIUM = process.env.COORDLAB_CHROMIUM || "/usr/bin/chromium";

export const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** True when the chromium binary exists (the tests skip with a message otherwise). */
export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM);
}

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
export function staleReason(needTestPage: boolean): string | null {
  const built = path.join(DIST, "taskpane.js");
  if (!fs.existsSync(built)) return "dist/taskpane.js is missing";
  if (needTestPage && !fs.existsSync(path.join(DIST, "taskpane.test.html"))) return "dist/taskpane.test.html is missing (a production build?)";
  const builtAt = fs.statSync(built).mtimeMs;
  const sources = [
    path.join(ROOT, "src"),
    path.join(ROOT, "webpack.config.js"),
    path.join(ROOT, "package.json"),
    path.join(__dirname, "fakeOfficeEntry.ts"),
    FAKE_EXCEL,
  ];
  const newest = Math.max(...sources.map(newestMtime));
  return newest > builtAt ? "sources are newer than dist/" : null;
}

/** Is the fake Excel there, so that the test page can be built? */
export function hasFakeExcel(): boolean {
  return fs.existsSync(FAKE_EXCEL);
}

/**
 * Build dist/ (webpack development mode) when needed, then run `then` (e.g. copy dist/) while
 * still holding a lock directory, so that two test files never build or copy at the same time.
 */
export function ensureBuild<T>(needTestPage = false, then?: () => T): T | undefined {
  const lock = path.join(os.tmpdir(), `coordlab-build-${Buffer.from(ROOT).toString("hex").slice(-24)}.lock`);
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // another test file is building: wait (a lock older than 5 min is stale)
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error("timed out waiting for another webpack build");
      execFileSync(process.execPath, ["-e", "setTimeout(()=>{},500)"]);
    }
  }
  try {
    if (staleReason(needTestPage) !== null)
      execFileSync(process.execPath, [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "development"], {
        cwd: ROOT,
        stdio: "pipe",
        timeout: 180_000,
      });
    return then?.();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Build dist/ when needed (with the fake-Office test page when the fake exists) and copy it to
 * a temporary directory to serve, so that a rebuild started meanwhile (another test file, or
 * someone editing the sources) cannot change the files under a running page.
 */
export function buildSnapshot(): string {
  return ensureBuild(hasFakeExcel(), () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-dist-"));
    fs.cpSync(DIST, copy, { recursive: true, filter: (src) => !src.endsWith(".map") });
    return copy;
  })!;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".map": "application/json",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serve a directory on 127.0.0.1 (random port); no directory listing. `removeOnClose` deletes it afterwards. */
export function serveDir(dir: string, removeOnClose = false): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = path.resolve(root, "." + decodeURIComponent(url.pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((r) =>
            server.close(() => {
              if (removeOnClose) fs.rmSync(root, { recursive: true, force: true });
              r();
            }),
          ),
      });
    });
  });
}

/** One chromium per test file, with a fresh profile directory. */
export async function launch(viewport = { width: 900, height: 1000 }): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const { chromium } = await import("playwright-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: LAUNCH_ARGS,
    headless: true,
    viewport,
    acceptDownloads: true,
    locale: "en-US",
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Requests {
  /** Every URL the page asked for. */
  all: string[];
  /** The ones not on localhost (aborted). */
  blocked: string[];
}

/** Record every request of a page; abort those that leave 127.0.0.1/localhost. */
export async function guardNetwork(page: Page): Promise<Requests> {
  const log: Requests = { all: [], blocked: [] };
  await page.route("**/*", (route) => {
    const url = route.request().url();
    log.all.push(url);
    const host = (() => {
      try {
        return new URL(url).hostname;
      } catch {
        return "";
      }
    })();
    if (url.startsWith("data:") || url.startsWith("blob:") || host === "127.0.0.1" || host === "localhost") return route.continue();
    log.blocked.push(url);
    return route.abort("blockedbyclient");
  });
  return log;
}

/** Collect page errors and console errors, for a clear failure message. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Screenshot of one part of the pane (e.g. the results section). */
export async function screenshotPart(page: Page, selector: string, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name);
  await page.locator(selector).screenshot({ path: file });
  return file;
}

/** A new page of the standalone pane in `lang` with the data file `file` opened, once `readySelector` shows. */
export async function openWithFile(
  context: BrowserContext,
  url: string,
  lang: "en" | "zh",
  file: string,
  readySelector: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  await guardNetwork(page);
  const errors = watchErrors(page);
  await page.goto(`${url}/taskpane.html?lang=${lang}`);
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  await page.setInputFiles('input[data-action="data-file"]', file);
  await page.waitForSelector(readySelector);
  return { page, errors };
}
