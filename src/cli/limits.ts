/**
 * Size limits of the command line (issues 11 and 17) and a quiet exit when stdout is closed.
 *
 * Inputs are read up to Excel's sheet limit (`MAX_INPUT_ROWS` data rows below the header row,
 * 1,048,576 rows in all); a larger CSV is refused at the start (a line count; the `<dimension>`
 * of an XLSX sheet read without loading it), naming the size and the limit.
 *
 * The panel report (coupling coordination and every section built on it) is built in memory
 * and its workbook is large (measured with bench/bigPanel.ts, Node 20, peak resident memory:
 * 50,000 rows 1.16 GB, 100,000 rows 2.25 GB, the workbook's cells and XML about 20 MB per 1,000
 * rows), so a panel above `MAX_PANEL_ROWS` data rows is refused once the roles are known, with the
 * size and the limit. A geodetector-only run (roles `{ "y": ..., "factors": [...] }`) writes a
 * small report whatever the rows: it reads up to the sheet limit (bench/NOTES.md, issue 17).
 */
import type JSZipType from "jszip";
import { CoordError } from "../engine/errors";
import { entryBytes, entryData, InflateRaw, zipEntries } from "../writer/unzip";

/** Data rows read from an input: Excel's sheet limit (1,048,576 rows) less the header row. */
export const MAX_INPUT_ROWS = 1_048_575;

/** Data rows the panel report can be built for within about 2 GB (see the module comment). */
export const MAX_PANEL_ROWS = 90_000;

/** Non-blank lines of a text (an upper bound of its records; quoted line breaks count too). */
export function countLines(text: string): number {
  let n = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (!blank) n++;
      blank = true;
    } else if (blank && c !== 32 && c !== 9) blank = false;
  }
  return blank ? n : n + 1;
}

/** Lines of a text (line breaks, a CRLF counting once, + 1 unless it ends with one): at least its non-blank lines, counted quickly. */
function lineBound(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  for (let i = text.indexOf("\r"); i >= 0; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== 10) n++;
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? n : n + 1;
}

/** Non-blank lines of a CSV text when they may exceed `limit` + 1, else a cheap bound at most limit + 1. */
export function countInputLines(text: string, limit = MAX_INPUT_ROWS): number {
  const bound = lineBound(text);
  return bound <= limit + 1 ? bound : countLines(text);
}

/**
 * Refuse an input whose `count` rows (header included) exceed Excel's sheet limit, naming the
 * size and the limit. `count` undefined (not known) passes.
 */
export function checkInputSize(file: string, count: number | undefined, what: "rows" | "lines", limit = MAX_INPUT_ROWS): void {
  if (count === undefined || count - 1 <= limit) return;
  throw new CoordError(
    "TOO_FEW",
    `${file} has ${(count - 1).toLocaleString("en-US")} data ${what === "rows" ? "rows" : "lines"} (below the header); at most ${limit.toLocaleString("en-US")} data rows are read (Excel's sheet limit: ${(limit + 1).toLocaleString("en-US")} rows with the header). Split the file (e.g. by region or period)`,
    { argument: "data" },
  );
}

/**
 * Refuse a panel (the coupling report) of more than `limit` data rows, naming the file, the size
 * and the limit, and that the geodetector alone has no such limit.
 */
export function checkPanelSize(file: string, dataRows: number, limit = MAX_PANEL_ROWS): void {
  if (dataRows <= limit) return;
  throw new CoordError(
    "TOO_FEW",
    `${file} has ${dataRows.toLocaleString("en-US")} data rows (below the header); the panel report can be built for at most ${limit.toLocaleString("en-US")} rows within 2 GB of memory. Split the panel (e.g. by region or period) or aggregate it (the geodetector alone, roles { "y": ..., "factors": [...] }, reads up to ${MAX_INPUT_ROWS.toLocaleString("en-US")} rows)`,
    { argument: "data" },
  );
}

/** Rows of a worksheet from its `<dimension ref="A1:H1048571"/>`, read without loading the sheet; undefined when unknown. */
export async function xlsxSheetRows(bytes: Uint8Array, sheet?: string, inflateRaw?: InflateRaw): Promise<number | undefined> {
  try {
    const parts = (inflateRaw && partsByDirectory(bytes, inflateRaw)) || (await partsByJSZip(bytes));
    const wbXml = await parts.text("xl/workbook.xml");
    const relsXml = await parts.text("xl/_rels/workbook.xml.rels");
    if (!wbXml || !relsXml) return undefined;
    const sheets = [...wbXml.matchAll(/<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"/g)].map((m) => ({ name: m[1], rid: m[2] }));
    const chosen =
      sheet === undefined ? sheets[0] : (sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.toLowerCase() === sheet.trim().toLowerCase()));
    if (!chosen) return undefined;
    const rel = [...relsXml.matchAll(/<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"/g)].find((m) => m[1] === chosen.rid);
    if (!rel) return undefined;
    const target = rel[2].startsWith("/") ? rel[2].slice(1) : `xl/${rel[2]}`;
    const head = await parts.head(target);
    if (head === undefined) return undefined;
    const m = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head);
    return m ? Number(m[1] ?? 1) : undefined;
  } catch {
    return undefined;
  }
}

/** A zip's parts: a part's text, and the first few kilobytes of a part's text (undefined when absent). */
interface HeadReader {
  text(name: string): Promise<string | undefined>;
  head(name: string): Promise<string | undefined>;
}

/** The parts through the zip's own directory and Node's zlib (src/writer/unzip.ts: no pass over the whole file); undefined when it does not take the file. */
function partsByDirectory(bytes: Uint8Array, inflateRaw: InflateRaw): HeadReader | undefined {
  const entries = zipEntries(bytes);
  if (!entries) return undefined;
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return {
    text: async (name) => {
      const e = entries.get(name);
      const b = e && entryBytes(bytes, e, inflateRaw);
      return b ? decode(b) : undefined;
    },
    head: async (name) => {
      const e = entries.get(name);
      const data = e && entryData(bytes, e);
      if (!e || !data) return undefined;
      if (e.method === 0) return decode(data.subarray(0, 4096));
      // the first 16 KB of the compressed part, flushed (no error at its cut end): its first kilobytes of XML
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- Node's zlib, only here (inflateRaw is given in Node)
      const zlib = require("zlib") as typeof import("zlib");
      return decode(zlib.inflateRawSync(data.subarray(0, 16384), { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    },
  };
}

/** The parts through JSZip. */
async function partsByJSZip(bytes: Uint8Array): Promise<HeadReader> {
  // required here, not imported: `coordlab --help` and CSV runs do not load JSZip (~60 modules)
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy loading, typed by the import type
  const JSZip = require("jszip") as typeof JSZipType;
  const zip = await JSZip.loadAsync(bytes);
  return {
    text: async (name) => zip.file(name)?.async("string"),
    head: async (name) => {
      const entry = zip.file(name);
      if (!entry) return undefined;
      return new Promise<string>((resolve) => {
        let text = "";
        const stream = entry.nodeStream("nodebuffer");
        stream.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
          if (text.length > 4096 || text.includes("<sheetData")) {
            (stream as unknown as { pause(): void }).pause();
            resolve(text);
          }
        });
        stream.on("end", () => resolve(text));
        stream.on("error", () => resolve(""));
      });
    },
  };
}

/**
 * `coordlab ... | head -1`: once the reader has gone, writes to stdout fail with EPIPE. The report
 * is written by then; exit quietly instead of printing an unhandled-error stack trace.
 */
export function quietOnClosedStdout(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
}
