/** The notes sheet written last: the rows of `notesSheetRows` (src/report/layout.ts). */
import { NotesRow, PageSetupLayout, notesRowFont } from "../../report/layout";
import { cellAddress, rectAddress } from "./a1";
import { Batcher } from "./batcher";
import { Capabilities } from "./capabilities";
import { applyFont, applyPageSetup } from "./tables";
import { ExcelCell, excelValue, rowsCost } from "./values";

/** Rows per request when writing the notes sheet. */
const CHUNK_ROWS = 2000;

export async function writeNotes(ws: Excel.Worksheet, rows: NotesRow[], b: Batcher, caps: Capabilities, page?: PageSetupLayout): Promise<void> {
  const width = rows.reduce((m, r) => Math.max(m, r.values.length), 2);
  const values: ExcelCell[][] = rows.map((r) => {
    const v = r.values.map((x) => excelValue(x));
    while (v.length < width) v.push("");
    return v;
  });
  for (let i0 = 0; i0 < values.length; i0 += CHUNK_ROWS) {
    const part = values.slice(i0, i0 + CHUNK_ROWS);
    await b.reserve(part.length * width, rowsCost(part) + 100);
    ws.getRange(rectAddress({ r0: i0, r1: i0 + part.length - 1, c0: 0, c1: width - 1 })).values = part;
  }
  for (let i = 0; i < rows.length; i++) {
    const style = notesRowFont(rows[i]);
    if (!style) continue;
    await b.reserve(1, 120);
    applyFont(ws.getRange(cellAddress(i, 0)).format.font, style);
  }
  if (caps.autofit) {
    await b.reserve(1, 100);
    ws.getRange("A:A").format.columnWidth = 280;
    ws.getRange("B:B").format.columnWidth = 200;
  }
  if (caps.pageLayout && page) {
    await b.reserve(6, 400);
    applyPageSetup(ws, page);
  }
}
