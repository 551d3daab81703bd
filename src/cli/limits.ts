/**
 * Size limits of the command line (issue 11) and a quiet exit when stdout is closed.
 *
 * The report workbook is built in memory by exceljs, which is where the memory goes on a large
 * panel (measured with bench/bigPanel.ts, 4 indicators in 2 subsystems, 1 factor, Node 20, peak
 * resident memory of the whole run): 50,000 rows 1.16 GB, 100,000 rows 2.25 GB, of which the
 * analysis itself is small (1,048,570 rows: 1.42 GB through parsing, panel and every analysis
 * stage) and the workbook's cells and XML about 20 MB per 1,000 rows. A panel at Excel's sheet
 * limit (1,048,576 rows) would need about 20 GB for the workbook, so inputs above
 * `MAX_INPUT_ROWS` data rows are refused at the start, with the size and the limit, instead of
 * dying with a V8 out-of-memory abort after minutes. (A streaming workbook writer would lift the
 * limit; bench/NOTES.md has the figures.)
 */
import JSZip from "jszip";
import { CoordError } from "../engine/errors";

/** Data rows the report can be built for within about 2 GB (see the module comment). */
export const MAX_INPUT_ROWS = 90_000;

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

/**
 * Refuse an input whose `count` rows (header included) exceed the limit, naming the size and
 * the limit. `count` undefined (not known) passes.
 */
export function checkInputSize(file: string, count: number | undefined, what: "rows" | "lines", limit = MAX_INPUT_ROWS): void {
  if (count === undefined || count - 1 <= limit) return;
  throw new CoordError(
    "TOO_FEW",
    `${file} has ${(count - 1).toLocaleString("en-US")} data ${what === "rows" ? "rows" : "lines"} (below the header); the report can be built for at most ${limit.toLocaleString("en-US")} rows within 2 GB of memory. Split the panel (e.g. by region or period) or aggregate it`,
    { argument: "data" },
  );
}

/** Rows of a worksheet from its `<dimension ref="A1:H1048571"/>`, read without loading the sheet; undefined when unknown. */
export async function xlsxSheetRows(bytes: Uint8Array, sheet?: string): Promise<number | undefined> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const wbXml = await zip.file("xl/workbook.xml")?.async("string");
    const relsXml = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
    if (!wbXml || !relsXml) return undefined;
    const sheets = [...wbXml.matchAll(/<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"/g)].map((m) => ({ name: m[1], rid: m[2] }));
    const chosen =
      sheet === undefined ? sheets[0] : (sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.toLowerCase() === sheet.trim().toLowerCase()));
    if (!chosen) return undefined;
    const rel = [...relsXml.matchAll(/<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"/g)].find((m) => m[1] === chosen.rid);
    if (!rel) return undefined;
    const target = rel[2].startsWith("/") ? rel[2].slice(1) : `xl/${rel[2]}`;
    const entry = zip.file(target);
    if (!entry) return undefined;
    const head = await new Promise<string>((resolve) => {
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
    const m = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head);
    return m ? Number(m[1] ?? 1) : undefined;
  } catch {
    return undefined;
  }
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
