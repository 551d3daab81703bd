/**
 * One data file and its last report, held where the pipeline runs: in the report worker
 * (reportWorker.ts), or on the page where no worker can be started (src/taskpane/ui/reportClient.ts).
 *
 * `load` takes a file's bytes: hashes them (the Reproduce sheet), parses a CSV by column as the
 * command line does (`parseCsvColumns`, src/report/columns.ts) or reads the XLSX sheet, finds
 * the header row and guesses the roles (src/taskpane/dataShape.ts), keeps the cells and answers
 * with what the page shows before Run. `run` runs the pipeline on the cells kept (or on cells it
 * is given: the Excel pane), with the spatial weights built from them where the options ask;
 * `xlsx` and `json` make the downloads of the last result.
 */
import { asRows, parseCsvColumns, type SheetCells } from "../../report/columns";
import { decodeCsvBytes } from "../../report/csv";
import type { ReportOptions } from "../../report/options";
import { analysisToJson, runReport, type PipelineHooks, type PipelineResult } from "../../report/pipeline";
import type { Roles } from "../../report/roles";
import { sha256Hex } from "../../report/sha256";
import { spatialWeightsRequest, type ParsedWeights } from "../../report/spatialWeights";
import { dataShape } from "../dataShape";
import type { LoadedFile, LoadRequest, RunRequest } from "./protocol";

/** SHA-256 of bytes, hex: the platform's digest where it has one (a secure context), else sha256Hex. */
async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle) {
    try {
      const d = new Uint8Array(await subtle.digest("SHA-256", bytes));
      return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
    } catch {
      /* no digest here: the JavaScript one */
    }
  }
  return sha256Hex(bytes);
}

/** The roles with the spatial weights of the run: a loaded file, or coordinates (or a column) of the data for knn/band/idw/economic. */
export function withSpatialWeights(roles: Roles, options: Pick<ReportOptions, "weights" | "coords">, cells: SheetCells, file?: ParsedWeights): Roles {
  if (roles.kind !== "panel") return roles;
  const weights = spatialWeightsRequest({ weights: options.weights, coords: options.coords, cells: asRows(cells), idColumn: roles.id, file });
  return weights === null ? roles : { ...roles, inputs: { ...(roles.inputs ?? {}), weights } };
}

export class ReportSession {
  /** The loaded file's cells from its header row down. */
  private cells: SheetCells | null = null;
  private result: PipelineResult | null = null;

  /** Parse and keep a file; what the page shows of it. */
  async load(req: LoadRequest): Promise<LoadedFile> {
    this.cells = null;
    this.result = null;
    const bytes = new Uint8Array(req.bytes);
    const hash = await sha256(bytes);
    const isZip = bytes.length > 1 && bytes[0] === 0x50 && bytes[1] === 0x4b;
    let all: SheetCells;
    let sheetName = req.file;
    let sheetNames: string[] = [];
    if (isZip || /\.xlsx$/i.test(req.file)) {
      const { readXlsxCells } = await import(/* webpackChunkName: "xlsx" */ "../../writer/readXlsx");
      const r = await readXlsxCells(bytes, req.sheet ? { sheet: req.sheet } : {});
      all = r.cells;
      sheetName = r.sheetName;
      sheetNames = r.sheetNames;
    } else all = parseCsvColumns(decodeCsvBytes(bytes).text);
    const rows = asRows(all);
    const shape = dataShape(rows);
    // the pipeline gets the cells from the header row down (a title row above it dropped)
    this.cells = shape.headerIndex === 0 ? all : rows.slice(shape.headerIndex);
    return { ...shape, sheetName, sheetNames, sha256: hash };
  }

  /** Run the report on the request's cells, else on the loaded file's. */
  async run(req: RunRequest, hooks: PipelineHooks = {}): Promise<PipelineResult> {
    this.result = null;
    const cells = req.cells ?? this.cells;
    if (!cells) throw new Error("no data loaded: open a file first");
    const roles = withSpatialWeights(req.roles, req.options, cells, req.weightsFile);
    this.result = await runReport(cells, roles, req.options, hooks, req.meta);
    return this.result;
  }

  private last(): PipelineResult {
    if (!this.result) throw new Error("no report: run it first");
    return this.result;
  }

  /** The last report as an .xlsx workbook. */
  async xlsx(): Promise<Uint8Array> {
    const { writeReportXlsx } = await import(/* webpackChunkName: "xlsx" */ "../../writer/xlsx");
    return writeReportXlsx(this.last().report);
  }

  /** The last report's JSON (`--json`). */
  json(): string {
    return analysisToJson(this.last());
  }
}
