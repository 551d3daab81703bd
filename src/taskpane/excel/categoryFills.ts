/** Category fills of a table (LISA clusters, hot spots) as "cell value equals" conditional formats. */
import { TablePlacement } from "../../report/layout";
import { textFormula } from "../../report/model";
import { rectAddress } from "./a1";
import { Batcher } from "./batcher";
import { Capabilities } from "./capabilities";

/**
 * Queue the category fills of a placed table: one conditional format per category and block of
 * columns, over the runs of non-group rows (the xlsx writer's rules, so both files look alike).
 * Several runs need RangeAreas (ExcelApi 1.9); without it each run gets its own format.
 */
export async function addCategoryFills(ws: Excel.Worksheet, p: TablePlacement, b: Batcher, caps: Capabilities): Promise<void> {
  if (!caps.conditionalFormats) return;
  for (const block of p.categoryFills) {
    const rects = block.runs.map((run) => rectAddress({ r0: run.firstRow - 1, r1: run.lastRow - 1, c0: block.firstColumn - 1, c1: block.lastColumn - 1 }));
    const targets = rects.length === 1 || caps.rangeAreas ? [rects.join(",")] : rects;
    for (const f of block.fills)
      for (const address of targets) {
        await b.reserve(1, 400 + rects.length * 20);
        const range = address.includes(",") ? ws.getRanges(address) : ws.getRange(address);
        const cf = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
        cf.cellValue.format.fill.color = `#${f.color}`;
        cf.cellValue.rule = { formula1: `=${textFormula(f.text)}`, operator: "EqualTo" } as Excel.ConditionalCellValueRule;
      }
  }
}
