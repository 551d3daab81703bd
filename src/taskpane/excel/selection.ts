/**
 * Reading for the pane: `readSelection` (the selected cells, the Excel table or current region
 * around a single selected cell, read in chunks) and `selectCell` (jump to a cell named in a
 * message).
 */
import { quoteSheetName } from "../../report/model";
import { Rect, cellAddress, columnNumber, parseAddress, rectAddress, splitSheet } from "./a1";
import { capabilities } from "./capabilities";

/** What `readSelection` returns: the cells and where they are, for cell-naming messages. */
export interface SelectionData {
  /** "Data!A1:F200" as Excel gives it. */
  address: string;
  sheetName: string;
  values: unknown[][];
  /** 0-based sheet row / column of values[0][0]. */
  rowOffset: number;
  columnOffset: number;
  /** Aliases of rowOffset / columnOffset. */
  rowIndex: number;
  columnIndex: number;
  /** How the range was found. */
  source: "selection" | "table" | "region";
  /** Name of the Excel table when source is "table". */
  tableName?: string;
}

/** Cell name of values[i][j] of a selection: "Data!F12". */
export function selectionCellName(sel: Pick<SelectionData, "sheetName" | "rowOffset" | "columnOffset">, i: number, j: number): string {
  return `${quoteSheetName(sel.sheetName)}!${cellAddress(sel.rowOffset + i, sel.columnOffset + j)}`;
}

/** Sheet and 0-based first row/column of an address such as "'My data'!B3:F12". */
export function addressOrigin(address: string): { sheet?: string; row: number; column: number } {
  const { sheet, ref } = splitSheet(address);
  const first = ref.split(":")[0].replace(/\$/g, "");
  const m = /^([A-Za-z]*)(\d*)$/.exec(first);
  const column = m && m[1] ? columnNumber(m[1]) - 1 : 0;
  const row = m && m[2] ? Number(m[2]) - 1 : 0;
  return { sheet, row, column };
}

const READ_CHUNK_CELLS = 20000;

/**
 * The selected cells; when a single cell is selected, its Excel table or (failing that) its
 * current region. A whole-column selection is cut to the used range. Large ranges are read in
 * chunks so that each response stays small.
 */
export async function readSelection(): Promise<SelectionData> {
  const caps = capabilities();
  return Excel.run(async (context) => {
    const sel = context.workbook.getSelectedRange();
    sel.load("address,rowCount,columnCount");
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- worksheet is a navigation property (a proxy), not a loaded value
    const sheet = sel.worksheet;
    sheet.load("name");
    await context.sync();
    let target: Excel.Range = sel;
    let source: SelectionData["source"] = "selection";
    let tableName: string | undefined;
    if (sel.rowCount === 1 && sel.columnCount === 1) {
      let found = false;
      if (caps.rangeTables) {
        const tables = sel.getTables(false);
        tables.load("items/name");
        await context.sync();
        // eslint-disable-next-line office-addins/load-object-before-read -- items was loaded (items/name) and synced just above
        if (tables.items.length > 0) {
          target = tables.items[0].getRange();
          tableName = tables.items[0].name;
          source = "table";
          found = true;
        }
      }
      if (!found && caps.surroundingRegion) {
        target = sel.getSurroundingRegion();
        source = "region";
      }
    } else if (sel.rowCount * sel.columnCount > READ_CHUNK_CELLS) {
      // whole columns/rows: only the used part
      const used = sheet.getUsedRange(true);
      const cut = sel.getIntersectionOrNullObject(used);
      // eslint-disable-next-line office-addins/no-navigational-load -- isNullObject is a scalar, not a navigation property; loading it is what the fake requires
      cut.load("isNullObject");
      await context.sync();
      if (!cut.isNullObject) target = cut;
    }
    target.load("address,rowCount,columnCount");
    await context.sync();
    const rows = target.rowCount;
    const cols = target.columnCount;
    const origin = addressOrigin(target.address);
    let values: unknown[][];
    if (rows * cols <= READ_CHUNK_CELLS) {
      target.load("values");
      await context.sync();
      values = target.values;
    } else {
      values = [];
      const step = Math.max(1, Math.floor(READ_CHUNK_CELLS / Math.max(1, cols)));
      for (let r = 0; r < rows; r += step) {
        const n = Math.min(step, rows - r);
        const part = sheet.getRange(rectAddress({ r0: origin.row + r, r1: origin.row + r + n - 1, c0: origin.column, c1: origin.column + cols - 1 }));
        part.load("values");
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- chunked on purpose: each response stays under the host's payload limit
        await context.sync();
        for (const row of part.values) values.push(row);
      }
    }
    const out: SelectionData = {
      address: target.address,
      sheetName: sheet.name,
      values,
      rowOffset: origin.row,
      columnOffset: origin.column,
      rowIndex: origin.row,
      columnIndex: origin.column,
      source,
    };
    if (tableName !== undefined) out.tableName = tableName;
    return out;
  });
}

/** Select a cell (or range) such as "Data!F12" or "'My data'!B3"; without a sheet, on the active sheet. */
export async function selectCell(address: string): Promise<void> {
  let parsed: ReturnType<typeof parseAddress>;
  try {
    parsed = parseAddress(address);
  } catch {
    throw new Error(`"${address}" is not a cell address`);
  }
  await Excel.run(async (context) => {
    const sheet = parsed.sheet !== undefined ? context.workbook.worksheets.getItem(parsed.sheet) : context.workbook.worksheets.getActiveWorksheet();
    if (parsed.sheet !== undefined) sheet.activate();
    sheet.getRange(rectAddress(parsed as Rect)).select();
    await context.sync();
  });
}
