/**
 * CoordLab taskpane entry.
 *
 * Excel or standalone? The page runs in three situations and must work in each:
 *  - inside Excel: office.js loaded, Office.onReady reports host Excel -> the Excel pane
 *    ("Use selection", writes sheets through Office.js);
 *  - office.js loaded but no Office host (the page opened in a browser), or another Office
 *    application -> the standalone page;
 *  - office.js missing (offline, blocked, failed to load): `Office` is undefined -> the
 *    standalone page at once.
 * Office.onReady is also raced against a timeout, so a half-loaded office.js cannot leave the
 * page blank. Text goes into the DOM through textContent only.
 */
import pkg from "../../package.json";
import { startStandalone } from "./standalone";
import { App } from "./ui/app";
import { el } from "./ui/dom";
import { Lang, languageOf, languageOverride, setLanguage, t } from "./ui/i18n";

export type HostKind = "excel" | "other-host" | "browser" | "no-office-js";

/** Describe where the page runs, for the status line (in the pane's language). */
export function statusText(kind: HostKind): string {
  switch (kind) {
    case "excel":
      return t("hostExcelFunctions");
    case "other-host":
      return t("hostOther");
    case "browser":
      return t("hostBrowserShort");
    case "no-office-js":
      return t("hostNoOfficeJs");
  }
}

/** Wait for Office.onReady (at most `ms`) and say where the page runs. */
export async function detectHost(ms = 4000): Promise<HostKind> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return "no-office-js";
  const ready = Office.onReady()
    .then((info): HostKind => {
      if (!info || !info.host) return "browser";
      return info.host === Office.HostType.Excel ? "excel" : "other-host";
    })
    .catch((): HostKind => "browser");
  const timeout = new Promise<HostKind>((resolve) => setTimeout(() => resolve("browser"), ms));
  return Promise.race([ready, timeout]);
}

function uiLanguage(kind: HostKind): Lang {
  const override = languageOverride();
  if (override) return override;
  if (kind === "excel" || kind === "other-host") {
    try {
      return languageOf(Office.context.displayLanguage);
    } catch {
      /* fall through */
    }
  }
  return languageOf(typeof navigator !== "undefined" ? navigator.language : "en");
}

let app: App | null = null;

/** Detect the host and mount the pane. */
export async function start(): Promise<App | null> {
  const root = document.getElementById("cl-app");
  const versionEl = document.getElementById("cl-version");
  if (versionEl) versionEl.textContent = pkg.version;
  if (!root) return null;
  const kind = await detectHost();
  const lang = uiLanguage(kind);
  setLanguage(lang);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  const subtitle = document.getElementById("cl-subtitle");
  if (subtitle) subtitle.textContent = t("subtitle");
  const help = document.getElementById("cl-help-link");
  if (help) help.textContent = t("functionHelp");
  document.body.setAttribute("data-host", kind);
  if (kind === "excel") {
    // the Excel pane (and its writer) is loaded only inside Excel
    const { excelMode, loadSettings } = await import(/* webpackChunkName: "excel" */ "./ui/excelMode");
    app = new App(root, excelMode(), pkg.version, loadSettings().options ?? {});
  } else {
    app = startStandalone(root, pkg.version);
    if (kind === "other-host") app.root.prepend(el("p", { className: "cl-status", text: statusText(kind) }));
  }
  document.body.setAttribute("data-ready", kind);
  return app;
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start());
  else void start();
}
