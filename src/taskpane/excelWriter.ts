/**
 * The Office.js report writer: a `Report` into the open workbook. It renders the layout shared
 * with the standalone writer (src/report/layout.ts, src/report/chartPlan.ts) through the
 * modules of ./excel/: tables and formats (tables.ts), colour scales, charts, the notes sheet,
 * chunked syncs (batcher.ts), the settings record (settings.ts), sheet names and clean-up
 * (sheets.ts), requirement sets (capabilities.ts); reading the selection is selection.ts.
 *
 * Safety (issue 6):
 *  - Only sheets named with the prefix ("CL " by default) are created, and their ids and names
 *    are recorded in the document settings under "coordlab.sheets". A later run replaces only
 *    recorded sheets, and only when `confirmReplace` resolves true; otherwise (and for a user
 *    sheet that merely has a prefixed name) new names "CL Summary (2)" are used.
 *  - All or nothing: every sheet is written under a temporary name first; only then are the
 *    replaced sheets renamed away, the new ones renamed into place and the old ones deleted.
 *    On failure (or cancellation) the temporary sheets are deleted, renamed sheets restored,
 *    and a `ReportWriteError` is thrown. The temporary names are recorded as pending before
 *    writing so that a run cut short (pane closed) is cleaned up by the next run.
 *  - Calculation is suspended for every batch (ExcelApi 1.8) and batches are kept small
 *    (<= 20,000 cells and ~1 MB of request text) so Excel on the web's 5 MB limit is never hit.
 *
 * Missing requirement sets turn features off with a warning instead of failing (see
 * `capabilities`).
 */
import { planCharts } from "../report/chartPlan";
import { layoutSheet, notesPageSetup, notesSheetRows, reportSheetNames } from "../report/layout";
import { Report, reportProblems } from "../report/model";
import { Batcher, Cancelled, Limits } from "./excel/batcher";
import { Capabilities, capabilities } from "./excel/capabilities";
import { drawCharts } from "./excel/charts";
import { ReportWriteError, errorText } from "./excel/errors";
import { writeNotes } from "./excel/notesSheet";
import { SheetRef, readRecord, recorded, saveRecord } from "./excel/settings";
import { ExistingSheet, chooseNames, cleanUp, ourClashes, temporaryNames } from "./excel/sheets";
import { writeSheet } from "./excel/tables";

export { capabilities } from "./excel/capabilities";
export type { Capabilities } from "./excel/capabilities";
export { ReportWriteError } from "./excel/errors";
export { SETTINGS_KEY } from "./excel/settings";
export { excelValue } from "./excel/values";
export { addressOrigin, readSelection, selectCell, selectionCellName } from "./excel/selection";
export type { SelectionData } from "./excel/selection";
export { BesideBlocked, checkBeside, writeBeside } from "./excel/besideData";

export interface WriteExcelOptions {
  /** Prefix of every sheet name written; default "CL ". */
  prefix?: string;
  /** Progress, 0..1, with a short message; may return a promise (awaited). */
  onProgress?: (fraction: number, message: string) => void | Promise<void>;
  /**
   * Asked once, with the names of earlier CoordLab sheets that the new report would replace.
   * Without it nothing is replaced (new names are used).
   */
  confirmReplace?: (names: string[]) => Promise<boolean>;
  /** Checked between batches; when aborted, the sheets written so far are removed. */
  signal?: { aborted: boolean };
  /** Name (before the prefix) of the notes sheet written last; `false` for none. Default "Notes". */
  notesSheet?: string | false;
  /** Batch limits; defaults 20,000 cells and 1,000,000 characters of request per sync. */
  maxCellsPerSync?: number;
  maxBytesPerSync?: number;
  /** Override the requirement-set check (tests). */
  capabilities?: Capabilities;
}

export interface WriteExcelResult {
  /** Names of the sheets written, in order (report sheets, then the notes sheet). */
  sheets: string[];
  /** True when earlier CoordLab sheets were replaced. */
  replaced: boolean;
  /** Features skipped, old sheets that could not be removed, ... */
  warnings: string[];
}

/**
 * Write a report into the open workbook. Resolves with the sheet names written; rejects with a
 * `ReportWriteError` after removing everything it wrote when anything fails.
 */
export async function writeReportToExcel(report: Report, options: WriteExcelOptions = {}): Promise<WriteExcelResult> {
  const caps = options.capabilities ?? capabilities();
  const limits: Limits = { cells: options.maxCellsPerSync ?? 20000, bytes: options.maxBytesPerSync ?? 1_000_000 };
  const warnings: string[] = [];
  const hasCharts = report.sheets.some((s) => s.charts.length > 0);
  const hasScales = report.sheets.some((s) => s.tables.some((t) => t.columns.some((c) => c.colorScale || (c.fills?.length ?? 0) > 0)));
  if (!caps.charts && hasCharts) warnings.push(caps.warnings.find((w) => w.startsWith("Charts")) ?? "Charts were not drawn.");
  if (!caps.conditionalFormats && hasScales) warnings.push(caps.warnings.find((w) => w.startsWith("Colour")) ?? "Colour scales were left out.");
  for (const w of caps.warnings) if (!w.startsWith("Charts") && !w.startsWith("Colour") && !warnings.includes(w)) warnings.push(w);

  const names = reportSheetNames(report, { prefix: options.prefix ?? "CL ", notesSheet: options.notesSheet });
  const wanted = names.notes === undefined ? names.sheets : [...names.sheets, names.notes];
  const layouts = report.sheets.map(layoutSheet);
  const record = caps.settings ? readRecord() : { version: 1 as const, sheets: [], pending: [] };

  // progress: total cells to write, plus a little for the finishing steps
  const totalCells = report.sheets.reduce((a, s) => a + s.tables.reduce((b, t) => b + (t.rows.length + 2) * Math.max(1, t.columns.length), 0), 0) + 1;
  let doneCells = 0;
  let progressMessage = "Preparing";
  const progress = async (fraction: number, message: string) => {
    if (options.onProgress) await options.onProgress(Math.max(0, Math.min(1, fraction)), message);
  };

  try {
    return await writeInWorkbook();
  } catch (e) {
    if (e instanceof ReportWriteError) throw e;
    throw new ReportWriteError(`The report could not be written to the workbook (${errorText(e)}). Nothing was changed.`, e);
  }

  function writeInWorkbook(): Promise<WriteExcelResult> {
    return Excel.run(async (ctx) => {
      await progress(0, "Looking at the workbook");
      // 1. inventory
      const wsColl = ctx.workbook.worksheets;
      wsColl.load("items/name,items/id");
      const tablesColl = ctx.workbook.tables;
      tablesColl.load("items/name");
      await ctx.sync();
      let existing: ExistingSheet[] = wsColl.items.map((w) => ({ proxy: w, name: w.name, id: w.id as string | undefined }));

      // leftovers of a run that was cut short
      const leftovers = existing.filter((e) => recorded(record.pending, e));
      if (leftovers.length > 0) {
        for (const e of leftovers) e.proxy.delete();
        try {
          await ctx.sync();
          existing = existing.filter((e) => !leftovers.includes(e));
        } catch (e) {
          warnings.push(`Temporary sheets of an earlier run could not be removed: ${errorText(e)}`);
        }
        record.pending = [];
      }
      const takenTables = new Set(tablesColl.items.map((t) => t.name.toLowerCase()));

      // 2. names: replace our own sheets (if confirmed), never a user's
      const clashes = ourClashes(wanted, existing, record.sheets);
      let replace = false;
      if (clashes.length > 0 && options.confirmReplace) replace = (await options.confirmReplace(clashes.map((e) => e.name))) === true;
      const taken = new Set(existing.map((e) => e.name.toLowerCase()));
      const { finalNames, toReplace } = chooseNames(wanted, existing, record.sheets, replace, taken);
      const tempName = temporaryNames(taken);
      const temps = finalNames.map((_, i) => tempName("new", i));

      if (caps.settings) {
        try {
          await saveRecord({ ...record, pending: temps.map((name) => ({ name })) });
        } catch (e) {
          warnings.push(`The document settings could not be saved: ${errorText(e)}`);
        }
      }

      // 3. write everything under the temporary names
      const created: Excel.Worksheet[] = [];
      const trashed: Array<{ proxy: Excel.Worksheet; name: string; trash: string }> = [];
      const batcher = new Batcher(ctx, caps, limits, options.signal, async () => {
        await progress(0.02 + 0.88 * Math.min(1, doneCells / totalCells), progressMessage);
      });
      try {
        for (let i = 0; i < report.sheets.length; i++) {
          progressMessage = `Writing ${finalNames[i]}`;
          await batcher.reserve(1, 100);
          const ws = ctx.workbook.worksheets.add(temps[i]);
          created.push(ws);
          await writeSheet(ws, layouts[i], batcher, caps, takenTables, (n) => (doneCells += n));
        }
        if (names.notes !== undefined) {
          progressMessage = `Writing ${finalNames[finalNames.length - 1]}`;
          await batcher.reserve(1, 100);
          const ws = ctx.workbook.worksheets.add(temps[temps.length - 1]);
          created.push(ws);
          await writeNotes(
            ws,
            notesSheetRows(report, reportProblems(report), { sheets: finalNames.slice(0, report.sheets.length) }),
            batcher,
            caps,
            notesPageSetup(report),
          );
        }
        // charts, once all data sheets exist
        if (caps.charts && hasCharts) {
          progressMessage = "Drawing the charts";
          await drawCharts(
            planCharts(
              report,
              layouts.map((l) => l.tables),
              { onMissing: "skip" },
            ),
            created,
            batcher,
            warnings,
          );
        }
        // the ids of the new sheets, for the record
        for (const ws of created) ws.load("id,name");
        await batcher.reserve(created.length, 100);
        await batcher.flush();

        // 4. put the new sheets in place: old ones renamed away, new ones renamed, old deleted
        progressMessage = "Replacing the sheets";
        await progress(0.92, progressMessage);
        if (options.signal?.aborted) throw new Cancelled("cancelled");
        toReplace.forEach((e, k) => {
          const trash = tempName("old", k);
          e.proxy.name = trash;
          trashed.push({ proxy: e.proxy, name: e.name, trash });
        });
        created.forEach((ws, i) => (ws.name = finalNames[i]));
        await ctx.sync();
      } catch (e) {
        await cleanUp(ctx, new Set(existing.map((x) => x.id).filter((x): x is string => x !== undefined)), temps, finalNames, trashed);
        if (caps.settings) await saveRecord({ ...record, pending: [] }).catch(() => undefined);
        if (e instanceof Cancelled) throw new ReportWriteError("Writing the report was cancelled; no sheets were added.", e, true);
        throw new ReportWriteError(`The report could not be written to the workbook (${errorText(e)}). Nothing was changed.`, e);
      }

      // 5. the old sheets go; the new ones are recorded
      const newRefs: SheetRef[] = created.map((ws, i) => {
        let id: string | undefined;
        try {
          id = ws.id;
        } catch {
          id = undefined;
        }
        return id === undefined ? { name: finalNames[i] } : { id, name: finalNames[i] };
      });
      let pending: SheetRef[] = [];
      if (trashed.length > 0) {
        for (const t of trashed) t.proxy.delete();
        try {
          await ctx.sync();
        } catch (e) {
          warnings.push(`The replaced sheets could not all be removed (${errorText(e)}); they are named "~CL old ...".`);
          pending = trashed.map((t) => ({ name: t.trash }));
        }
      }
      const replacedRefs = toReplace.map((e) => ({ id: e.id, name: e.name }));
      const keep = record.sheets.filter((r) => !recorded(replacedRefs, r));
      if (caps.settings) {
        try {
          await saveRecord({ version: 1, sheets: [...keep, ...newRefs], pending });
        } catch (e) {
          warnings.push(`The sheets written could not be recorded in the document settings (${errorText(e)}): a later run will not replace them.`);
        }
      }
      try {
        if (created.length > 0) {
          created[0].activate();
          await ctx.sync();
        }
      } catch {
        /* activation is a nicety */
      }
      await progress(1, "Done");
      return { sheets: finalNames, replaced: toReplace.length > 0, warnings };
    });
  }
}
