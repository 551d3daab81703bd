/**
 * Writing "beside the data" (../besideData.ts) into the workbook: never over existing cells.
 * `checkBeside` reads the target cells and throws `BesideBlocked` naming the first non-empty one
 * (row by row); `writeBeside` checks again and then writes the values and number formats, in
 * chunks of at most 20,000 cells per sync. Nothing else is touched.
 */
import type { BesidePlan } from "../besideData";
import { MAX_COLUMNS, fullAddress, rectAddress } from "./a1";

/** The target of the columns is not free: `address` is its first non-empty cell ("Data!AM5"), or the sheet has no room. */
export class BesideBlocked extends Error {
  constructor(
    /** The whole target range, "Data!AM1:AP311". */
    readonly range: string,
    /** The first non-empty cell, or undefined when the columns would pass the sheet's last column. */
    readonly address: string | undefined,
    /** Its value as Excel shows it. */
    readonly value: string,
  ) {
    super(address ? `${address} is not empty (${value}): the columns ${range} are written only into empty cells` : `no room for the columns ${range}`);
    this.name = "BesideBlocked";
    Object.setPrototypeOf(this, BesideBlocked.prototype);
  }
}

const CHUNK_CELLS = 20000;

/** Row chunks of the target, each at most CHUNK_CELLS cells. */
function chunks(plan: BesidePlan): Array<{ from: number; to: number }> {
  const width = plan.rect.c1 - plan.rect.c0 + 1;
  const step = Math.max(1, Math.floor(CHUNK_CELLS / width));
  const out: Array<{ from: number; to: number }> = [];
  for (let i = 0; i < plan.values.length; i += step) out.push({ from: i, to: Math.min(plan.values.length, i + step) - 1 });
  return out;
}

/** Throw BesideBlocked unless every target cell is empty. */
async function check(context: Excel.RequestContext, plan: BesidePlan): Promise<void> {
  const range = fullAddress(plan.sheet, plan.rect);
  if (plan.rect.c1 >= MAX_COLUMNS) throw new BesideBlocked(range, undefined, "");
  const sheet = context.workbook.worksheets.getItem(plan.sheet);
  for (const { from, to } of chunks(plan)) {
    const part = sheet.getRange(rectAddress({ r0: plan.rect.r0 + from, r1: plan.rect.r0 + to, c0: plan.rect.c0, c1: plan.rect.c1 }));
    part.load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- chunked on purpose: each response stays under the host's payload limit
    await context.sync();
    const rows = part.values;
    for (let i = 0; i < rows.length; i++)
      for (let j = 0; j < rows[i].length; j++) {
        const v = rows[i][j] as unknown;
        if (v !== "" && v !== null && v !== undefined)
          throw new BesideBlocked(
            range,
            fullAddress(plan.sheet, { r0: plan.rect.r0 + from + i, c0: plan.rect.c0 + j, r1: plan.rect.r0 + from + i, c1: plan.rect.c0 + j }),
            String(v),
          );
      }
  }
}

/** Check that the target cells are all empty (throws BesideBlocked naming the first one that is not). */
export function checkBeside(plan: BesidePlan): Promise<void> {
  return Excel.run((context) => check(context, plan));
}

/** Check again, then write the columns; resolves with the range written ("Data!AM1:AP311"). */
export function writeBeside(plan: BesidePlan): Promise<string> {
  return Excel.run(async (context) => {
    await check(context, plan);
    const sheet = context.workbook.worksheets.getItem(plan.sheet);
    for (const { from, to } of chunks(plan)) {
      const part = sheet.getRange(rectAddress({ r0: plan.rect.r0 + from, r1: plan.rect.r0 + to, c0: plan.rect.c0, c1: plan.rect.c1 }));
      const rows = plan.values.slice(from, to + 1);
      // the header row stays text; data rows get the columns' formats
      part.numberFormat = rows.map((_, i) => (from + i === 0 ? plan.formats.map(() => "@") : plan.formats));
      part.values = rows;
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- chunked on purpose: each request stays under the host's payload limit
      await context.sync();
    }
    return fullAddress(plan.sheet, plan.rect);
  });
}
