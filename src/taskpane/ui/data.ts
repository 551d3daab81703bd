/**
 * Loaded data and one run of the report, shared by the Excel and the standalone modes: the data
 * (an Excel range's cells, or the standalone page's file held by the report worker), its header
 * row and roles guess (src/taskpane/dataShape.ts), and runReport with a progress bar in the
 * report worker (src/taskpane/ui/reportClient.ts; on the page, yielding between stages, where
 * no worker can be started).
 */
import type { Cell } from "../../report/csv";
import { ReportOptions } from "../../report/options";
import type { Bilingual } from "../../report/sections/types";
import type { RolesGuess } from "../../report/roles";
import { cellsToCsv, ReproduceInput } from "../../report/reproduce";
import { Roles } from "../../report/roles";
import { sha256Hex } from "../../report/sha256";
import type { ParsedWeights } from "../../report/spatialWeights";
import { dataShape } from "../dataShape";
import type { LoadedFile } from "../worker/protocol";
import { CellOrigin } from "./errors";
import { language } from "./i18n";
import { Progress } from "./progress";
import { Ran, ReportClient } from "./reportClient";

export interface LoadedData {
  /** An Excel range: its cells from the header row down; cells[0] (the header row) sits at origin.rowIndex of the sheet. */
  cells?: Cell[][];
  /** The standalone page's file: parsed and kept by the report worker, which runs the report on it. */
  held?: ReportClient;
  /** Rows above the header row that were dropped (a title). */
  headerIndex: number;
  headers: string[];
  /** Non-blank rows under the header row. */
  rows: number;
  /** The roles guessed from the header and the data. */
  guess: RolesGuess;
  /** "Data!A1:AL311", "sample-panel.csv" ... */
  source: string;
  origin: CellOrigin;
  /** For the Reproduce sheet (M16): the file opened in the page with its SHA-256; absent for an Excel range (then `reproduceInput` hashes the values). */
  input?: ReproduceInput;
}

/**
 * Make LoadedData from an Excel range's cells and where they came from (origin: the sheet
 * position of cells[0][0]). Rows above the detected header row are dropped and the origin moved down.
 */
export function loadData(all: Cell[][], source: string, origin: Omit<CellOrigin, "headers">): LoadedData {
  const shape = dataShape(all);
  const cells = all.slice(shape.headerIndex);
  return { cells, ...shape, source, origin: { ...origin, rowIndex: origin.rowIndex + shape.headerIndex, headers: shape.headers } };
}

/** LoadedData of a file the report worker parsed and keeps (`file`, what it answered), at `origin` (cell A1 of the sheet or file). */
export function heldData(client: ReportClient, file: LoadedFile, source: string, origin: Omit<CellOrigin, "headers">): LoadedData {
  const { headerIndex, headers, rows, guess } = file;
  return { held: client, headerIndex, headers, rows, guess, source, origin: { ...origin, rowIndex: origin.rowIndex + headerIndex, headers } };
}

/**
 * What the Reproduce sheet says about the input: the page's file as loaded, or for an Excel
 * range the file name to save it as (`<sheet>.csv`) and the SHA-256 of its values as CSV text.
 */
export function reproduceInput(data: LoadedData, extra: Partial<ReproduceInput> = {}): ReproduceInput {
  if (data.input) return { ...data.input, ...extra };
  const sheet = data.origin.sheet;
  const file = `${sheet.replace(/[\\/:*?"<>|]/g, "_").trim() || "data"}.csv`;
  return { origin: "pane", file, sha256: sha256Hex(cellsToCsv(data.cells ?? [])), hashOf: "values", sheet, range: data.source, ...extra };
}

/**
 * Run the pipeline with the progress bar, in the report worker when the page can start one (the
 * page stays responsive, the bar moves inside long sections, Cancel terminates the worker at
 * once): on the file the worker holds (the standalone page), else on the range's cells in a
 * worker started for this run (the Excel pane, which gets the whole result back).
 * `weightsFile`: spatial weights read from a file or a range, used instead of the weights option.
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
  weightsFile?: ParsedWeights,
): Promise<Ran> {
  const meta = { source: data.source, version, input: reproduceInput(data, extra) };
  const show = (stage: string, fraction: number, label: Bilingual) => progress.update(stage, fraction * scale, label[language()]);
  if (data.held) return data.held.run({ roles, options, meta, weightsFile }, show, signal);
  const client = new ReportClient();
  try {
    return await client.run({ cells: data.cells ?? [], roles, options, meta, weightsFile }, show, signal);
  } finally {
    client.close();
  }
}
