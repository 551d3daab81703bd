/**
 * Messages between the pane and the report worker (src/taskpane/worker/reportWorker.ts): the
 * pipeline runs off the page's main thread, so the page stays responsive, the progress bar moves
 * inside long sections (the spatial permutations) and Cancel stops the run at once (the page
 * terminates the worker). Everything sent is plain data (structured clone); the bytes of a file
 * and of a workbook are transferred, not copied.
 *
 * The standalone page (issue 17) sends the file it opened once (`load`): the worker parses it by
 * column and keeps it, and answers with what the page shows before Run (the header, the roles
 * guess, the row count: `LoadedFile`). `run` then refers to the data held there and is answered
 * with what the page shows of the report (`RunPreview`), not the whole report (a county panel's
 * Scores and Obstacles sheets are 90,000 rows each); the workbook (`xlsx`) and the JSON (`json`)
 * are made in the worker when asked for. The Excel pane sends its selection's cells with `run`
 * (`cells`) and gets the whole result back (it writes every sheet).
 */
import { CoordError, type CoordErrorCode, type CoordErrorDetail, type CoordErrorWhere } from "../../engine/errors";
import type { DensityCurve } from "../../report/analysis";
import type { Cell } from "../../report/csv";
import type { ReportTable } from "../../report/model";
import type { ReportOptions } from "../../report/options";
import { CancelledError, type PipelineResult, type RunMeta } from "../../report/pipeline";
import type { Roles } from "../../report/roles";
import type { Bilingual } from "../../report/sections/types";
import { findSheet, SHEET } from "../../report/sheetNames";
import { tr } from "../../report/i18n";
import type { ParsedWeights } from "../../report/spatialWeights";
import type { DataShape } from "../dataShape";

/** Page -> worker: a data file's bytes, to parse and keep (`sheet`: the workbook's sheet, default the first). */
export interface LoadRequest {
  bytes: ArrayBuffer;
  file: string;
  sheet?: string;
}

/** Worker -> page: the file parsed and kept, as the page shows it before Run. */
export interface LoadedFile extends DataShape {
  /** The sheet read (the file name for a CSV). */
  sheetName: string;
  /** The workbook's sheet names ([] for a CSV). */
  sheetNames: string[];
  /** SHA-256 of the file's bytes (the Reproduce sheet, M16). */
  sha256: string;
}

/** Page -> worker: run the report once, on `cells` (the Excel pane) or on the file loaded before (the standalone page). */
export interface RunRequest {
  cells?: Cell[][];
  roles: Roles;
  options: ReportOptions;
  meta: RunMeta;
  /** Spatial weights the page read from a file (used instead of the weights option); weights built from the data's columns are made where the data is. */
  weightsFile?: ParsedWeights;
}

export type WorkerRequest = ({ type: "load" } & LoadRequest) | ({ type: "run" } & RunRequest) | { type: "xlsx" } | { type: "json" };

/** Rows of a table the page shows (the workbook has them all). */
export const PREVIEW_ROWS = 200;

/** A table of the preview: its first PREVIEW_ROWS rows and how many it has. */
export interface PreviewTable extends ReportTable {
  totalRows: number;
}

/** What the page shows of a run (src/taskpane/ui/preview.ts). */
export interface RunPreview {
  kind: "panel" | "geodetector";
  /** The Summary, and the coordination by group (panel) or the geodetector's first table (geodetector only). */
  sheets: Array<{ id?: string; name: string; tables: PreviewTable[] }>;
  warnings: string[];
  density: DensityCurve[];
}

/** Worker -> page. `done` carries the whole result when the run was given its cells (the Excel pane). */
export type WorkerMessage =
  | { type: "loaded"; data: LoadedFile }
  | { type: "progress"; stage: string; fraction: number; label: Bilingual }
  | { type: "done"; preview: RunPreview; result?: PipelineResult }
  | { type: "xlsx"; bytes: ArrayBuffer }
  | { type: "json"; bytes: ArrayBuffer }
  | { type: "error"; error: WireError };

/** The sheets, warnings and densities the page shows of a result, the tables cut to PREVIEW_ROWS rows. */
export function previewOf(result: PipelineResult): RunPreview {
  const report = result.report;
  const summary = findSheet(report, "summary");
  // the zh report names the sheet in Chinese
  const second =
    result.kind === "panel"
      ? report.sheets.find((x) => x.name === SHEET.byGroup || x.name === tr("zh", "byGroup.sheet"))
      : (() => {
          const s = findSheet(report, "geodetector");
          return s && { ...s, tables: s.tables.slice(0, 1) };
        })();
  const cut = (tb: ReportTable): PreviewTable => ({ ...tb, rows: tb.rows.slice(0, PREVIEW_ROWS), totalRows: tb.rows.length });
  const sheets = [summary, second].filter((s) => s !== undefined).map((s) => ({ id: s.id, name: s.name, tables: s.tables.map(cut) }));
  const density = result.kind === "panel" ? ((result.analysis as { density?: DensityCurve[] }).density ?? []) : [];
  return { kind: result.kind, sheets, warnings: result.analysis.warnings, density };
}

/** The bytes of a Uint8Array as an ArrayBuffer of their own (to transfer). */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
}

/** An error as it crosses to the page: a CoordError keeps its code, where and detail (the cell it names). */
export type WireError =
  | { kind: "coord"; code: CoordErrorCode; message: string; where: CoordErrorWhere; detail?: CoordErrorDetail }
  | { kind: "error"; name: string; message: string };

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
