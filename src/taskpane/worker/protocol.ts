/**
 * Messages between the pane and the report worker (src/taskpane/worker/reportWorker.ts): the
 * pipeline runs off the page's main thread, so the page stays responsive, the progress bar moves
 * inside long sections (the spatial permutations) and Cancel stops the run at once (the page
 * terminates the worker). Everything sent is plain data (structured clone).
 */
import { CoordError, type CoordErrorCode, type CoordErrorDetail, type CoordErrorWhere } from "../../engine/errors";
import type { Cell } from "../../report/csv";
import type { ReportOptions } from "../../report/options";
import { CancelledError, type PipelineResult, type RunMeta } from "../../report/pipeline";
import type { Roles } from "../../report/roles";
import type { Bilingual } from "../../report/sections/types";

/** Page -> worker: run the report once. */
export interface RunRequest {
  cells: Cell[][];
  roles: Roles;
  options: ReportOptions;
  meta: RunMeta;
}

/** An error as it crosses to the page: a CoordError keeps its code, where and detail (the cell it names). */
export type WireError =
  | { kind: "coord"; code: CoordErrorCode; message: string; where: CoordErrorWhere; detail?: CoordErrorDetail }
  | { kind: "error"; name: string; message: string };

/** Worker -> page. */
export type WorkerMessage =
  { type: "progress"; stage: string; fraction: number; label: Bilingual } | { type: "done"; result: PipelineResult } | { type: "error"; error: WireError };

/** An error thrown in the worker, as plain data. */
export function toWire(e: unknown): WireError {
  if (e instanceof CoordError) {
    const w: WireError = { kind: "coord", code: e.code, message: e.message, where: { ...e.where } };
    if (e.detail) w.detail = e.detail;
    return w;
  }
  if (e instanceof Error) return { kind: "error", name: e.name, message: e.message };
  return { kind: "error", name: "Error", message: String(e) };
}

/** The error again on the page: a CoordError (CancelledError for CANCELLED) or an Error. */
export function fromWire(w: WireError): Error {
  if (w.kind === "coord") return w.code === "CANCELLED" ? new CancelledError() : new CoordError(w.code, w.message, w.where, w.detail);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
