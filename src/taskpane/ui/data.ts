/**
 * Loaded data and one run of the report, shared by the Excel and the standalone modes: header
 * row detection, the roles guess, and runReport with a progress bar that yields to the event
 * loop between stages (so the pane repaints and Cancel works).
 */
import type { Cell } from "../../report/csv";
import { ReportOptions } from "../../report/options";
import { CancelledError, PipelineResult, runReport } from "../../report/pipeline";
import type { Bilingual } from "../../report/sections/types";
import { fromWire, RunRequest, WorkerMessage } from "../worker/protocol";
import { cellsToCsv, ReproduceInput } from "../../report/reproduce";
import { guessRoles, Roles } from "../../report/roles";
import { sha256Hex } from "../../report/sha256";
import { yieldToUi } from "./dom";
import { CellOrigin } from "./errors";
import { language } from "./i18n";
import { Progress } from "./progress";
import { headerTexts } from "./roleEditor";

export interface LoadedData {
  /** Cells from the header row down; cells[0] (the header row) sits at origin.rowIndex of the sheet. */
  cells: Cell[][];
  /** Rows above the header row that were dropped (a title). */
  headerIndex: number;
  headers: string[];
  /** "Data!A1:AL311", "sample-panel.csv" ... */
  source: string;
  origin: CellOrigin;
  /** For the Reproduce sheet (M16): the file opened in the page with its SHA-256; absent for an Excel range (then `reproduceInput` hashes the values). */
  input?: ReproduceInput;
}

const isBlank = (c: Cell | undefined) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");
const isNumber = (c: Cell | undefined) => typeof c === "number" || (typeof c === "string" && c.trim() !== "" && Number.isFinite(Number(c.trim())));

/**
 * The header row: among the first 20 rows, the first one filled at least half as wide as the
 * widest row there, with at least 2 cells, and mostly text (a title row above the table, with
 * one cell, is skipped). Falls back to the first non-empty row.
 */
export function detectHeaderRow(cells: Cell[][]): number {
  const head = cells.slice(0, 20);
  const filled = head.map((r) => (r ?? []).filter((c) => !isBlank(c)).length);
  const widest = filled.reduce((m, n) => Math.max(m, n), 0);
  for (let i = 0; i < head.length; i++) {
    const r = head[i] ?? [];
    const n = filled[i];
    const nums = r.filter((c) => !isBlank(c) && isNumber(c)).length;
    if (n >= 2 && n * 2 >= widest && nums * 2 <= n) return i;
  }
  const first = cells.findIndex((r) => r && r.some((c) => !isBlank(c)));
  return first < 0 ? 0 : first;
}

/**
 * Make LoadedData from cells and where they came from (origin: the sheet position of
 * cells[0][0]). Rows above the detected header row are dropped and the origin moved down.
 */
export function loadData(all: Cell[][], source: string, origin: Omit<CellOrigin, "headers">): LoadedData {
  const headerIndex = detectHeaderRow(all);
  const cells = all.slice(headerIndex);
  const headers = headerTexts(cells[0] ?? []);
  return { cells, headerIndex, headers, source, origin: { ...origin, rowIndex: origin.rowIndex + headerIndex, headers } };
}

/** guessRoles on the rows under the header row. */
export function guess(data: LoadedData) {
  return guessRoles(data.headers, data.cells.slice(1));
}

/** Number of data rows (non-blank rows under the header). */
export function dataRowCount(data: LoadedData): number {
  return data.cells.slice(1).filter((r) => r.some((c) => !isBlank(c))).length;
}

/**
 * What the Reproduce sheet says about the input: the page's file as loaded, or for an Excel
 * range the file name to save it as (`<sheet>.csv`) and the SHA-256 of its values as CSV text.
 */
export function reproduceInput(data: LoadedData, extra: Partial<ReproduceInput> = {}): ReproduceInput {
  if (data.input) return { ...data.input, ...extra };
  const sheet = data.origin.sheet;
  const file = `${sheet.replace(/[\\/:*?"<>|]/g, "_").trim() || "data"}.csv`;
  return { origin: "pane", file, sha256: sha256Hex(cellsToCsv(data.cells)), hashOf: "values", sheet, range: data.source, ...extra };
}

/** Where the report worker's script is, relative to the page (a webpack entry beside taskpane.js). */
export const REPORT_WORKER_URL = "reportWorker.js";

/**
 * Run the pipeline with the progress bar. In a Web Worker when the page can start one (the page
 * stays responsive, the bar moves inside long sections, Cancel terminates the worker at once);
 * otherwise on the main thread, yielding between stages (`signal` aborts between stages).
 */
export async function runWithProgress(
  data: LoadedData,
  roles: Roles,
  options: ReportOptions,
  progress: Progress,
  signal: AbortSignal,
  version: string,
  scale = 1,
  extra: Partial<ReproduceInput> = {},
): Promise<PipelineResult> {
  const meta = { source: data.source, version, input: reproduceInput(data, extra) };
  const show = (stage: string, fraction: number, label: Bilingual) => progress.update(stage, fraction * scale, label[language()]);
  const here = () =>
    runReport(
      data.cells,
      roles,
      options,
      {
        signal,
        onProgress: async (stage, fraction, label) => {
          show(stage, fraction, label);
          await yieldToUi();
        },
      },
      meta,
    );
  const worker = startWorker();
  return worker ? inWorker(worker, { cells: data.cells, roles, options, meta }, show, signal, here) : here();
}

/** A report worker, or null where the page cannot start one (no Worker, a file:// page, a blocked script). */
function startWorker(): Worker | null {
  if (typeof Worker === "undefined" || typeof document === "undefined") return null;
  try {
    return new Worker(new URL(REPORT_WORKER_URL, document.baseURI).href);
  } catch {
    return null;
  }
}

/** One run in the worker: progress messages to the bar, the result or the error back, Cancel = terminate. */
function inWorker(
  worker: Worker,
  request: RunRequest,
  show: (stage: string, fraction: number, label: Bilingual) => void,
  signal: AbortSignal,
  fallback: () => Promise<PipelineResult>,
): Promise<PipelineResult> {
  return new Promise<PipelineResult>((resolve, reject) => {
    let heard = false;
    const end = () => {
      signal.removeEventListener("abort", cancel);
      worker.terminate();
    };
    const cancel = () => {
      end();
      reject(new CancelledError());
    };
    if (signal.aborted) return cancel();
    signal.addEventListener("abort", cancel);
    worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const m = ev.data;
      heard = true;
      if (m.type === "progress") show(m.stage, m.fraction, m.label);
      else {
        end();
        if (m.type === "done") resolve(m.result);
        else reject(fromWire(m.error));
      }
    };
    worker.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      end();
      // the script did not load: the same run on the main thread; a failure during the run is the run's error
      if (!heard) fallback().then(resolve, reject);
      else reject(new Error(`the report worker failed: ${ev.message}`));
    };
    worker.postMessage(request);
  });
}
