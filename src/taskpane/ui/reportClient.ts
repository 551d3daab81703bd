/**
 * The page's side of the report worker (src/taskpane/worker/protocol.ts): requests one at a time,
 * progress messages to the bar, Cancel = terminate the worker. The standalone page keeps one
 * client (and one worker) for the file it opened: the file's bytes go to the worker once
 * (transferred), the worker parses and keeps them, and a run, the workbook and the JSON refer to
 * what it holds. After Cancel (the worker is gone) the next request loads the file again (the
 * page keeps the File, not its bytes). Where no worker can be started (no Worker, a file://
 * page, a blocked script) the same session runs on the page, yielding between stages.
 */
import { CancelledError, type PipelineResult } from "../../report/pipeline";
import type { Bilingual } from "../../report/sections/types";
import { fromWire, ownBuffer, previewOf, type LoadedFile, type RunPreview, type RunRequest, type WorkerMessage, type WorkerRequest } from "../worker/protocol";
import { ReportSession } from "../worker/session";
import { readFileBytes, yieldToUi } from "./dom";

/** Where the report worker's script is, relative to the page (a webpack entry beside taskpane.js). */
export const REPORT_WORKER_URL = "reportWorker.js";

type Reply = Exclude<WorkerMessage, { type: "progress" } | { type: "error" }>;
type Show = (stage: string, fraction: number, label: Bilingual) => void;

/** What a run gives the page: what it shows, and the whole result when the run was given its cells (the Excel pane). */
export interface Ran {
  preview: RunPreview;
  result?: PipelineResult;
}

export class ReportClient {
  private worker: Worker | null = null;
  /** The session on the page, once no worker could be started (`noWorker`). */
  private local: ReportSession | null = null;
  private noWorker = false;
  /** A worker has answered once: its script loads, so a later error is a failure, not a reason to run on the page. */
  private workerAnswered = false;
  /** The file the page opened, to load again into a new worker. */
  private file: { blob: Blob; name: string; sheet?: string } | null = null;
  private loadedInWorker = false;
  private queue: Promise<unknown> = Promise.resolve();

  /** Parse and keep a data file (the sheet `sheet` of a workbook, else its first). */
  load(blob: Blob, name: string, sheet?: string): Promise<LoadedFile> {
    this.file = { blob, name, sheet };
    return this.serial(() => this.loadNow());
  }

  /** Run the report (on `request.cells`, else on the loaded file); `show` gets the progress, `signal` cancels. */
  run(request: RunRequest, show: Show, signal: AbortSignal): Promise<Ran> {
    return this.serial(async () => {
      if (!request.cells && !this.noWorker && !this.loadedInWorker && this.file) await this.loadNow();
      const m = await this.call({ type: "run", ...request }, [], (s) => this.runHere(s, request, show, signal), show, signal);
      if (m.type !== "done") throw new Error(`the report worker answered ${m.type} to run`);
      return { preview: m.preview, result: m.result };
    });
  }

  /** The last report as an .xlsx workbook, made where the report is. */
  xlsx(): Promise<Uint8Array<ArrayBuffer>> {
    return this.serial(async () => {
      const m = await this.call({ type: "xlsx" }, [], async (s) => ({ type: "xlsx", bytes: ownBuffer(await s.xlsx()) }));
      if (m.type !== "xlsx") throw new Error(`the report worker answered ${m.type} to xlsx`);
      return new Uint8Array(m.bytes);
    });
  }

  /** The last report's JSON, as UTF-8 bytes. */
  json(): Promise<Uint8Array<ArrayBuffer>> {
    return this.serial(async () => {
      const m = await this.call({ type: "json" }, [], async (s) => ({ type: "json", bytes: ownBuffer(new TextEncoder().encode(s.json())) }));
      if (m.type !== "json") throw new Error(`the report worker answered ${m.type} to json`);
      return new Uint8Array(m.bytes);
    });
  }

  /** Start the worker now (its script loads while the user picks a file). */
  warm(): void {
    this.startWorker();
  }

  /** End the worker (its data and report with it). */
  close(): void {
    this.drop();
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const p = this.queue.then(f, f);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async loadNow(): Promise<LoadedFile> {
    const file = this.file!;
    const read = async () => ownBuffer(await readFileBytes(file.blob));
    const bytes = await read();
    this.loadedInWorker = false;
    const m = await this.call({ type: "load", bytes, file: file.name, sheet: file.sheet }, [bytes], async (s) => ({
      type: "loaded",
      // the bytes went to the worker that failed: read them again
      data: await s.load({ bytes: bytes.byteLength === 0 && file.blob.size > 0 ? await read() : bytes, file: file.name, sheet: file.sheet }),
    }));
    if (m.type !== "loaded") throw new Error(`the report worker answered ${m.type} to load`);
    this.loadedInWorker = this.worker !== null;
    return m.data;
  }

  private async runHere(s: ReportSession, request: RunRequest, show: Show, signal: AbortSignal): Promise<Reply> {
    const result = await s.run(request, {
      signal,
      onProgress: async (stage, fraction, label) => {
        show(stage, fraction, label);
        await yieldToUi();
      },
    });
    return { type: "done", preview: previewOf(result), result: request.cells ? result : undefined };
  }

  private drop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.loadedInWorker = false;
  }

  /** Between requests: a worker whose script did not load means the page runs the session itself. */
  private readonly idle = (ev: ErrorEvent) => {
    ev.preventDefault();
    this.drop();
    if (!this.workerAnswered) this.noWorker = true;
  };

  /** The worker, started when needed; null where the page cannot start one. */
  private startWorker(): Worker | null {
    if (this.noWorker) return null;
    if (this.worker) return this.worker;
    if (typeof Worker === "undefined" || typeof document === "undefined") {
      this.noWorker = true;
      return null;
    }
    try {
      this.worker = new Worker(new URL(REPORT_WORKER_URL, document.baseURI).href);
    } catch {
      this.noWorker = true;
      return null;
    }
    this.worker.onerror = this.idle;
    return this.worker;
  }

  /** The session on the page. */
  private here(): ReportSession {
    return (this.local ??= new ReportSession());
  }

  /** One request to the worker, or `here` on the page's session where there is no worker. */
  private call(
    request: WorkerRequest,
    transfer: Transferable[],
    here: (s: ReportSession) => Promise<Reply>,
    show?: Show,
    signal?: AbortSignal,
  ): Promise<Reply> {
    const worker = this.startWorker();
    if (!worker) return here(this.here());
    return new Promise<Reply>((resolve, reject) => {
      const end = () => {
        signal?.removeEventListener("abort", cancel);
        worker.onmessage = null;
        worker.onerror = this.idle;
      };
      const cancel = () => {
        end();
        this.drop();
        reject(new CancelledError());
      };
      if (signal?.aborted) return cancel();
      signal?.addEventListener("abort", cancel);
      worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
        const m = ev.data;
        this.workerAnswered = true;
        if (m.type === "progress") return show?.(m.stage, m.fraction, m.label);
        end();
        if (m.type === "error") reject(fromWire(m.error));
        else resolve(m);
      };
      worker.onerror = (ev: ErrorEvent) => {
        ev.preventDefault();
        end();
        this.drop();
        if (this.workerAnswered) return reject(new Error(`the report worker failed: ${ev.message}`));
        // the script did not load: the same request on the page, and every later one
        this.noWorker = true;
        here(this.here()).then(resolve, reject);
      };
      worker.postMessage(request, transfer);
    });
  }
}
