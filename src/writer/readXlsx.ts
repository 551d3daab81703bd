/**
 * Read one worksheet of an .xlsx workbook (bytes; Node or browser, no fs) into a 2-D array of
 * plain cells, row 0 = spreadsheet row 1, column 0 = column A — the same shape as `parseCsv`.
 *
 * Conversions: numbers and booleans as they are; text trimmed, blank -> null; shared strings
 * and rich text -> their text; hyperlinks -> their text; formulas -> their cached result
 * (null when the file has none); error values -> their text ("#N/A"); dates -> ISO text
 * ("2015-03-01", with the time when not midnight); the slave cells of a merged range -> null.
 * Trailing empty rows and columns are removed; leading ones are kept so that row numbers
 * match the sheet's.
 *
 * The sheet is read from its XML (`sheetXml.ts`, issue 17: the 90,000-row panel in ~3.3 s of CPU,
 * not exceljs's 26–32 s and 1.5 GB); exceljs reads the workbooks that reader leaves to it (a chart sheet,
 * a cell without an address, an ISO-date cell, XML it does not expect), with the same results.
 */
import type ExcelJS from "exceljs";
import { CoordError } from "../engine/errors";
import { Cell, tidy } from "../report/csv";
import { ColumnCells } from "../report/columns";
import { readSheetColumns, readSheetXml } from "./sheetXml";
import type { InflateRaw, InflateRawStream } from "./unzip";

export interface ReadXlsxOptions {
  /** Worksheet name (exact, else ignoring case); default the first worksheet. */
  sheet?: string;
  /** "exceljs": always through exceljs's workbook model (tests compare both readers); default the sheet's XML, exceljs for what it leaves. */
  reader?: "auto" | "exceljs";
  /** Raw DEFLATE decompression of the platform (the command line: Node's zlib.inflateRawSync, given the size of the result); default JSZip's. */
  inflateRaw?: InflateRaw;
  /** With inflateRaw: the sheet inflated as a stream while it is scanned (the command line: zlib.createInflateRaw), never held whole. */
  inflateRawStream?: InflateRawStream;
}

export interface ReadXlsxResult {
  sheetName: string;
  cells: Cell[][];
  /** All worksheet names, in workbook order. */
  sheetNames: string[];
  /** Cells holding a formula without a saved (cached) value: read as empty (0-based row and column). */
  formulasWithoutValue?: Array<{ row: number; column: number; formula: string }>;
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString(); // exceljs dates are UTC renderings of the serial number
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

function text(s: string): Cell {
  const t = s.trim();
  return t === "" ? null : t;
}

/** A plain cell from any exceljs cell value. */
export function plainValue(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return text(v);
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return text(isoDate(v));
  if (typeof v === "object") {
    const o = v as unknown as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) return "result" in o ? plainValue(o.result as ExcelJS.CellValue) : null;
    if (Array.isArray(o.richText)) return text((o.richText as Array<{ text?: string }>).map((p) => p.text ?? "").join(""));
    if ("hyperlink" in o || "text" in o) {
      const t = o.text;
      if (typeof t === "string") return text(t);
      return plainValue(t as ExcelJS.CellValue); // rich text inside a hyperlink
    }
    if (typeof o.error === "string") return o.error;
  }
  return text(String(v));
}

/** The bytes of a workbook; EMPTY or OPTION (CoordError) when they cannot be one. */
function workbookBytes(buffer: ArrayBuffer | Uint8Array): Uint8Array {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length === 0) throw new CoordError("EMPTY", "the workbook file is empty", { argument: "workbook" });
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
    throw new CoordError(
      "OPTION",
      bytes[0] === 0xd0 && bytes[1] === 0xcf
        ? "this is an old .xls workbook; save it as .xlsx (or CSV) and try again"
        : "the file is not an .xlsx workbook (it is not a zip archive); for CSV text use the CSV reader",
      { argument: "workbook" },
    );
  return bytes;
}

/**
 * Read a worksheet (`sheet`, or the first) of an .xlsx file's bytes into cells.
 * Errors (CoordError): EMPTY for no bytes or a workbook without worksheets; OPTION when the
 * bytes are not an .xlsx workbook or no sheet has the given name (the message lists them).
 */
export async function readXlsxCells(buffer: ArrayBuffer | Uint8Array, options: ReadXlsxOptions = {}): Promise<ReadXlsxResult> {
  const bytes = workbookBytes(buffer);
  if (options.reader !== "exceljs") {
    const fast = await readSheetXml(bytes, options.sheet, options);
    if (fast)
      return {
        sheetName: fast.sheetName,
        cells: tidy(fast.rows),
        sheetNames: fast.sheetNames,
        ...(fast.formulasWithoutValue.length ? { formulasWithoutValue: fast.formulasWithoutValue } : {}),
      };
  }
  return readWithExceljs(bytes, options.sheet);
}

export interface ReadXlsxColumnsResult extends Omit<ReadXlsxResult, "cells"> {
  cells: ColumnCells;
}

/**
 * `readXlsxCells` by column (the command line, issue 17: a county panel or a geodetector file of
 * a million rows without a row array or a boxed number per cell): the same cells, sheet names,
 * formulas without a value and errors; the sheet's XML scanned straight into columns, and what
 * that reader leaves to exceljs read as rows by exceljs, then by column.
 */
export async function readXlsxColumns(buffer: ArrayBuffer | Uint8Array, options: ReadXlsxOptions = {}): Promise<ReadXlsxColumnsResult> {
  const bytes = workbookBytes(buffer);
  if (options.reader !== "exceljs") {
    const fast = await readSheetColumns(bytes, options.sheet, options);
    if (fast)
      return {
        sheetName: fast.sheetName,
        cells: fast.cells,
        sheetNames: fast.sheetNames,
        ...(fast.formulasWithoutValue.length ? { formulasWithoutValue: fast.formulasWithoutValue } : {}),
      };
  }
  const r = await readWithExceljs(bytes, options.sheet);
  return { ...r, cells: ColumnCells.fromRows(r.cells) };
}

/** The worksheet read through exceljs's workbook model. */
async function readWithExceljs(bytes: Uint8Array, sheet: string | undefined): Promise<ReadXlsxResult> {
  // required here: the sheet's XML reader needs no exceljs (loading it is ~0.1–0.2 s of every XLSX run)
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy loading, typed by the import type
  const { Workbook } = require("exceljs") as typeof ExcelJS;
  const wb = new Workbook();
  try {
    // exceljs's typing says Buffer; it hands the bytes to JSZip, which takes a Uint8Array
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    throw new CoordError("OPTION", `the file could not be read as an .xlsx workbook: ${(e as Error).message}`, { argument: "workbook" });
  }
  const sheets = wb.worksheets;
  const sheetNames = sheets.map((s) => s.name);
  if (sheets.length === 0) throw new CoordError("EMPTY", "the workbook has no worksheets", { argument: "workbook" });
  let ws: ExcelJS.Worksheet | undefined;
  if (sheet === undefined) ws = sheets[0];
  else {
    ws = sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.toLowerCase() === sheet.trim().toLowerCase());
    if (!ws)
      throw new CoordError("OPTION", `no sheet named "${sheet}" in the workbook; its sheets are ${sheetNames.map((n) => `"${n}"`).join(", ")}`, {
        argument: "sheet",
      });
  }

  const rows: Cell[][] = [];
  const noValue: Array<{ row: number; column: number; formula: string }> = [];
  const nRows = ws.rowCount;
  const nCols = ws.columnCount;
  for (let r = 1; r <= nRows; r++) {
    const row = ws.getRow(r);
    const out: Cell[] = new Array(nCols).fill(null);
    if (row.hasValues)
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        out[c - 1] = plainValue(cell.value);
        const v = cell.value as unknown as Record<string, unknown> | null;
        if (out[c - 1] === null && v && typeof v === "object" && ("formula" in v || "sharedFormula" in v))
          noValue.push({ row: r - 1, column: c - 1, formula: String(v.formula ?? v.sharedFormula ?? "") });
      });
    rows.push(out);
  }
  return { sheetName: ws.name, cells: tidy(rows), sheetNames, ...(noValue.length ? { formulasWithoutValue: noValue } : {}) };
}
