/** Colour scales of a table (the layout's runs of non-group rows) as conditional formats. */
import { STYLE, TablePlacement } from "../../report/layout";
import { rectAddress } from "./a1";
import { Batcher } from "./batcher";
import { Capabilities } from "./capabilities";

const hex = (rgb: string) => `#${rgb}`;

/** Criteria of the 3-colour scale (min - 50th percentile - max). */
function criteria(): Excel.ConditionalColorScaleCriteria {
  const [low, mid, high] = STYLE.colorScale;
  return {
    minimum: { formula: null, type: "LowestValue", color: hex(low) },
    midpoint: { formula: String(STYLE.colorScaleMidpoint), type: "Percentile", color: hex(mid) },
    maximum: { formula: null, type: "HighestValue", color: hex(high) },
  } as unknown as Excel.ConditionalColorScaleCriteria;
}

/**
 * Queue the colour scales of a placed table. Several runs need RangeAreas (ExcelApi 1.9);
 * without it one scale covers the whole column (group rows included).
 */
export async function addColorScales(ws: Excel.Worksheet, p: TablePlacement, b: Batcher, caps: Capabilities): Promise<void> {
  if (!caps.conditionalFormats) return;
  for (const scale of p.colorScales) {
    const c = scale.column - 1;
    const rects = scale.runs.map((run) => ({ r0: run.firstRow - 1, r1: run.lastRow - 1, c0: c, c1: c }));
    if (rects.length === 1 || caps.rangeAreas) {
      await b.reserve(1, 400 + rects.length * 20);
      const target = rects.length === 1 ? ws.getRange(rectAddress(rects[0])) : ws.getRanges(rects.map(rectAddress).join(","));
      const cf = target.conditionalFormats.add("ColorScale" as Excel.ConditionalFormatType);
      cf.colorScale.criteria = criteria();
    } else {
      await b.reserve(1, 400);
      const cf = ws
        .getRange(rectAddress({ r0: p.firstRow - 1, r1: p.lastRow - 1, c0: c, c1: c }))
        .conditionalFormats.add("ColorScale" as Excel.ConditionalFormatType);
      cf.colorScale.criteria = criteria();
    }
  }
}
