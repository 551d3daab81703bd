/**
 * CoordLab taskpane (placeholder: the report UI comes later).
 *
 * Runs in three situations, and must work in each:
 *  - inside Excel (office.js loaded, host = Excel);
 *  - office.js loaded but no Office host (the page opened in a browser);
 *  - office.js missing (offline, blocked): `Office` is undefined.
 * Text goes into the DOM through textContent only.
 */
import pkg from "../../package.json";

export type HostKind = "excel" | "other-host" | "browser" | "no-office-js";

/** Describe where the page runs, for the status line. */
export function statusText(kind: HostKind): string {
  switch (kind) {
    case "excel":
      return "Connected to Excel. The =COORD.* worksheet functions are available.";
    case "other-host":
      return "Running in an Office application other than Excel: CoordLab needs Excel.";
    case "browser":
      return "No Office host detected: running as a standalone page.";
    case "no-office-js":
      return "Office.js is not available (offline or blocked): running as a standalone page.";
  }
}

function show(kind: HostKind): void {
  const status = document.getElementById("cl-status");
  if (status) {
    status.textContent = statusText(kind);
    status.setAttribute("data-host", kind === "excel" ? "excel" : "none");
  }
  const versionEl = document.getElementById("cl-version");
  if (versionEl) versionEl.textContent = pkg.version;
}

/** Detect the host and fill in the status line. */
export function start(): void {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
    show("no-office-js");
    return;
  }
  Office.onReady((info) => {
    if (!info || !info.host) show("browser");
    else show(info.host === Office.HostType.Excel ? "excel" : "other-host");
  }).catch(() => show("browser"));
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
