/**
 * The Office.js report writer: a `Report` into the open workbook, with the layout of the
 * standalone writer (src/writer/xlsx.ts): per sheet, tables stacked from row 1 (optional bold
 * title row, bold header row, data rows, one blank row between), sheet notes in italics after
 * the tables, then a notes sheet (title, meta, notes, warnings).
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
 * `capabilities`). Also here: `readSelection` and `selectCell` for the pane.
 */
import { ColumnFormat, Report, ReportSheet, ReportTable, ReportValue, reportProblems, uniqueSheetNames } from "../report/model";
import { excelNumFmt } from "../report/model";
import { planCharts, TableLayout } from "../writer/charts";
import { Rect, cellAddress, columnNumber, parseAddress, rectAddress, splitSheet } from "./excel/a1";

// ---------------------------------------------------------------------------------------------
// Capabilities

/** What the running Excel can do; a missing feature is skipped with a warning. */
export interface Capabilities {
  /** Everything below (ExcelApi 1.9). */
  full: boolean;
  /** Native charts with explicit series (ExcelApi 1.7: series.add, setValues, setXAxisValues). */
  charts: boolean;
  /** Colour scales (ExcelApi 1.6). */
  conditionalFormats: boolean;
  /** Colour scales over several areas (group rows left out) via getRanges (ExcelApi 1.9). */
  rangeAreas: boolean;
  /** Frozen panes (ExcelApi 1.7). */
  freezePanes: boolean;
  /** suspendApiCalculationUntilNextSync (ExcelApi 1.8). */
  suspendCalculation: boolean;
  /** Autofit column widths (ExcelApi 1.2). */
  autofit: boolean;
  /** getSurroundingRegion (ExcelApi 1.7) and range.getTables (ExcelApi 1.9), for readSelection. */
  surroundingRegion: boolean;
  rangeTables: boolean;
  /** Office.context.document.settings, where the sheets written are recorded. */
  settings: boolean;
  /** One message per missing feature. */
  warnings: string[];
}

function supported(version: string): boolean {
  try {
    const req = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
    return !!req && typeof req.isSetSupported === "function" && req.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

function settingsObject(): Office.Settings | undefined {
  try {
    const s = typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
    return s && typeof s.get === "function" && typeof s.set === "function" ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Check the requirement sets (ExcelApi 1.9 covers everything). */
export function capabilities(): Capabilities {
  const full = supported("1.9");
  const at = (v: string) => full || supported(v);
  const c: Capabilities = {
    full,
    charts: at("1.7"),
    conditionalFormats: at("1.6"),
    rangeAreas: full,
    freezePanes: at("1.7"),
    suspendCalculation: at("1.8"),
    autofit: at("1.2"),
    surroundingRegion: at("1.7"),
    rangeTables: full,
    settings: settingsObject() !== undefined,
    warnings: [],
  };
  if (!c.charts) c.warnings.push("Charts were not drawn: this version of Excel does not support ExcelApi 1.7 (chart series).");
  if (!c.conditionalFormats) c.warnings.push("Colour scales were left out: this version of Excel does not support ExcelApi 1.6 (conditional formats).");
  if (!c.freezePanes) c.warnings.push("Panes were not frozen: this version of Excel does not support ExcelApi 1.7 (freeze panes).");
  if (!c.suspendCalculation) c.warnings.push("Calculation was not suspended while writing (ExcelApi 1.8 missing): writing may be slower.");
  if (!c.autofit) c.warnings.push("Column widths were not fitted: this version of Excel does not support ExcelApi 1.2.");
  if (!c.settings) c.warnings.push("The sheets written could not be recorded in the document settings: a later run will not replace them.");
  return c;
}

// ---------------------------------------------------------------------------------------------
// Public types

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

/** Thrown when writing fails; nothing of the report is left in the workbook. */
export class ReportWriteError extends Error {
  readonly cause: unknown;
  readonly cancelled: boolean;
  constructor(message: string, cause?: unknown, cancelled = false) {
    super(message);
    this.name = "ReportWriteError";
    this.cause = cause;
    this.cancelled = cancelled;
    Object.setPrototypeOf(this, ReportWriteError.prototype);
  }
}

/** Settings key of the record of sheets written by CoordLab. */
export const SETTINGS_KEY = "coordlab.sheets";

interface SheetRef {
  id?: string;
  name: string;
}
interface SheetRecord {
  version: 1;
  sheets: SheetRef[];
  /** Temporary sheets of a run in progress. */
  pending: SheetRef[];
}

// ---------------------------------------------------------------------------------------------
// Settings record

function readRecord(): SheetRecord {
  const s = settingsObject();
  const empty: SheetRecord = { version: 1, sheets: [], pending: [] };
  if (!s) return empty;
  let raw: unknown;
  try {
    raw = s.get(SETTINGS_KEY);
    if (typeof raw === "string") raw = JSON.parse(raw);
  } catch {
    return empty;
  }
  const refs = (x: unknown): SheetRef[] =>
    Array.isArray(x)
      ? x
          .map((e) => (typeof e === "string" ? { name: e } : e && typeof e === "object" && typeof (e as SheetRef).name === "string" ? { name: (e as SheetRef).name, ...(typeof (e as SheetRef).id === "string" ? { id: (e as SheetRef).id } : {}) } : undefined))
          .filter((e): e is SheetRef => e !== undefined)
      : [];
  if (Array.isArray(raw)) return { version: 1, sheets: refs(raw), pending: [] };
  if (raw && typeof raw === "object") return { version: 1, sheets: refs((raw as SheetRecord).sheets), pending: refs((raw as SheetRecord).pending) };
  return empty;
}

async function saveRecord(record: SheetRecord): Promise<void> {
  const s = settingsObject();
  if (!s) throw new Error("no document settings");
  s.set(SETTINGS_KEY, record);
  await new Promise<void>((resolve, reject) => {
    try {
      s.saveAsync((r: Office.AsyncResult<void>) => {
        if (r && (r.status as unknown) === "failed") reject(new Error(r.error?.message ?? "the settings were not saved"));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}

function recorded(refs: SheetRef[], sheet: { id?: string; name: string }): boolean {
  return refs.some((r) => (r.id !== undefined && sheet.id !== undefined ? r.id === sheet.id : r.name.toLowerCase() === sheet.name.toLowerCase()));
}

// ---------------------------------------------------------------------------------------------
// Cell values and batching

const MAX_TEXT = 32767;
const GROUP_FILL = "#EAF1FB";
const HEADER_FILL = "#F2F2F2";
const SCALE_COLORS = ["#F8696B", "#FFEB84", "#63BE7B"];
const CHART_TYPE: Record<string, string> = { line: "Line", column: "ColumnClustered", scatter: "XYScatterSmoothNoMarkers" };

/**
 * The value to send for a report value: numbers as numbers (full precision), non-finite
 * numbers as =NA(), text that Excel would turn into a number, date, boolean, error or formula
 * protected with a leading apostrophe (Excel keeps it as text and does not show the apostrophe).
 */
export function excelValue(v: ReportValue | undefined, textFormat = false): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "=NA()";
  if (typeof v === "boolean") return v;
  const s = v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) : v;
  if (s === "" || textFormat) return s; // a cell formatted "@" keeps any text as it is
  if (/^[\s=+\-@'#\d.,(%$]/.test(s) || /^(true|false)$/i.test(s) || /^\d/.test(s.trim()) || /[/:]\d/.test(s)) return `'${s}`;
  return s;
}

function valueCost(v: string | number | boolean): number {
  if (typeof v === "number") return String(v).length + 1;
  if (typeof v === "boolean") return 6;
  // eslint-disable-next-line no-control-regex -- control characters are escaped (\u00XX) in the JSON payload: they count 6
  return v.length + 3 + (v.match(/["\\\u0000-\u001f]/g)?.length ?? 0) * 5;
}

interface Limits {
  cells: number;
  bytes: number;
}

class Cancelled extends Error {}

/** Queues work into batches; syncs before a batch would exceed the limits. */
class Batcher {
  private cells = 0;
  private bytes = 0;
  private open = false;
  syncs = 0;
  constructor(
    private ctx: Excel.RequestContext,
    private caps: Capabilities,
    readonly limits: Limits,
    private signal: { aborted: boolean } | undefined,
    private after: () => Promise<void>,
  ) {}
  /** Call before queueing work of this size. */
  async reserve(cells: number, bytes: number): Promise<void> {
    if (this.open && (this.cells + cells > this.limits.cells || this.bytes + bytes > this.limits.bytes)) await this.flush();
    if (!this.open) {
      if (this.signal?.aborted) throw new Cancelled("cancelled");
      if (this.caps.suspendCalculation) this.ctx.application.suspendApiCalculationUntilNextSync();
      this.open = true;
    }
    this.cells += cells;
    this.bytes += bytes + 40;
  }
  async flush(): Promise<void> {
    if (!this.open) return;
    await this.ctx.sync();
    this.syncs++;
    this.open = false;
    this.cells = 0;
    this.bytes = 0;
    await this.after();
  }
}

// ---------------------------------------------------------------------------------------------
// Layout of a sheet

interface Placed {
  table: ReportTable;
  titleRow?: number;
  /** 0-based rows. */
  headerRow: number;
  firstRow: number;
  lastRow: number;
}

/** Where the tables and notes of a report sheet go (0-based rows), like the xlsx writer. */
function layoutSheet(s: ReportSheet): { placed: Placed[]; notesRow: number } {
  const placed: Placed[] = [];
  let r = 0;
  for (const t of s.tables) {
    const p: Placed = { table: t, headerRow: 0, firstRow: 0, lastRow: 0 };
    if (t.title !== undefined && t.title !== "") p.titleRow = r++;
    p.headerRow = r++;
    p.firstRow = r;
    p.lastRow = r + t.rows.length - 1;
    r = p.lastRow + 2;
    placed.push(p);
  }
  return { placed, notesRow: r };
}

/** Contiguous runs of data rows (0-based within the table) that are not group rows. */
function nonGroupRuns(n: number, groups: Set<number>): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const inRun = i < n && !groups.has(i);
    if (inRun && start < 0) start = i;
    if (!inRun && start >= 0) {
      runs.push([start, i - 1]);
      start = -1;
    }
  }
  return runs;
}

/** A valid, workbook-unique Excel table name. */
function tableName(sheetName: string, index: number, taken: Set<string>): string {
  let base = `CL_${sheetName}`.replace(/[^\p{L}\p{N}_.]+/gu, "_").replace(/_+/g, "_").replace(/_$/, "");
  base = base.slice(0, 200);
  let name = `${base}_${index + 1}`;
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base}_${index + 1}_${k}`;
  taken.add(name.toLowerCase());
  return name;
}

function numberFormatOf(format: ColumnFormat | undefined): string {
  return excelNumFmt(format) ?? "General";
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Free name: `wanted`, or "wanted (2)", ... not among `taken` (lower-case names). */
function freeName(wanted: string, taken: Set<string>): string {
  const list = [...taken];
  const name = uniqueSheetNames([...list, wanted])[list.length];
  // uniqueSheetNames compares sanitized names; make sure the exact name is free too
  if (taken.has(name.toLowerCase())) return freeName(`${wanted} (x)`, taken);
  return name;
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: string }).code;
    return code && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}

/**
 * Write a report into the open workbook. Resolves with the sheet names written; rejects with a
 * `ReportWriteError` after removing everything it wrote when anything fails.
 */
export async function writeReportToExcel(report: Report, options: WriteExcelOptions = {}): Promise<WriteExcelResult> {
  const caps = options.capabilities ?? capabilities();
  const prefix = options.prefix ?? "CL ";
  const limits: Limits = { cells: options.maxCellsPerSync ?? 20000, bytes: options.maxBytesPerSync ?? 1_000_000 };
  const warnings: string[] = [];
  const hasCharts = report.sheets.some((s) => s.charts.length > 0);
  const hasScales = report.sheets.some((s) => s.tables.some((t) => t.columns.some((c) => c.colorScale)));
  if (!caps.charts && hasCharts) warnings.push(caps.warnings.find((w) => w.startsWith("Charts")) ?? "Charts were not drawn.");
  if (!caps.conditionalFormats && hasScales) warnings.push(caps.warnings.find((w) => w.startsWith("Colour")) ?? "Colour scales were left out.");
  for (const w of caps.warnings) if (!w.startsWith("Charts") && !w.startsWith("Colour") && !warnings.includes(w)) warnings.push(w);

  const notesName = options.notesSheet === undefined ? "Notes" : options.notesSheet;
  const wanted = uniqueSheetNames([...report.sheets.map((s) => prefix + s.name), ...(notesName === false ? [] : [prefix + notesName])]);
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
    let existing = wsColl.items.map((w) => ({ proxy: w, name: w.name, id: w.id as string | undefined }));

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
    const byName = new Map(existing.map((e) => [e.name.toLowerCase(), e]));
    const ourClashes = wanted.map((n) => byName.get(n.toLowerCase())).filter((e): e is (typeof existing)[number] => !!e && recorded(record.sheets, e));
    let replace = false;
    if (ourClashes.length > 0 && options.confirmReplace) replace = (await options.confirmReplace(ourClashes.map((e) => e.name))) === true;
    const taken = new Set(existing.map((e) => e.name.toLowerCase()));
    const finalNames: string[] = [];
    const toReplace: Array<(typeof existing)[number]> = [];
    for (const n of wanted) {
      const clash = byName.get(n.toLowerCase());
      if (!clash && !taken.has(n.toLowerCase())) {
        finalNames.push(n);
      } else if (clash && replace && recorded(record.sheets, clash) && !toReplace.includes(clash)) {
        finalNames.push(n);
        toReplace.push(clash);
      } else finalNames.push(freeName(n, taken));
      taken.add(finalNames[finalNames.length - 1].toLowerCase());
    }
    const tag = Date.now().toString(36).slice(-6);
    const tempName = (kind: string, i: number) => {
      let n = `~CL ${kind} ${tag} ${i + 1}`;
      for (let k = 2; taken.has(n.toLowerCase()); k++) n = `~CL ${kind} ${tag} ${i + 1}.${k}`;
      taken.add(n.toLowerCase());
      return n;
    };
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
      const layouts: TableLayout[][] = [];
      for (let i = 0; i < report.sheets.length; i++) {
        progressMessage = `Writing ${finalNames[i]}`;
        await batcher.reserve(1, 100);
        const ws = ctx.workbook.worksheets.add(temps[i]);
        created.push(ws);
        const placed = await writeSheet(ws, report.sheets[i], report.sheets[i].name, i, batcher, caps, takenTables, (n) => (doneCells += n));
        layouts.push(placed.map((p) => ({ headerRow: p.headerRow + 1, firstRow: p.firstRow + 1, lastRow: p.lastRow + 1 })));
      }
      if (notesName !== false) {
        progressMessage = `Writing ${finalNames[finalNames.length - 1]}`;
        await batcher.reserve(1, 100);
        const ws = ctx.workbook.worksheets.add(temps[temps.length - 1]);
        created.push(ws);
        await writeNotes(ws, report, finalNames, batcher, caps);
      }
      // charts, once all data sheets exist
      if (caps.charts && hasCharts) {
        progressMessage = "Drawing the charts";
        for (const p of planCharts(report, layouts, { onMissing: "skip" })) {
          const host = created[p.sheetIndex];
          if (p.x.lastRow < p.x.firstRow) {
            warnings.push(`Chart "${p.title}" was not drawn: its table has no rows.`);
            continue;
          }
          await batcher.reserve(p.series.length * 4, 400 + p.series.length * 200);
          const col = (c: { sheetIndex: number; column: number; firstRow: number; lastRow: number }) =>
            created[c.sheetIndex].getRange(rectAddress({ r0: c.firstRow - 1, r1: c.lastRow - 1, c0: c.column - 1, c1: c.column - 1 }));
          const chart = host.charts.add(CHART_TYPE[p.type] as Excel.ChartType, col(p.series[0]), "Columns" as Excel.ChartSeriesBy);
          chart.title.text = p.title;
          const first = chart.series.getItemAt(0);
          first.name = p.series[0].header ?? "";
          first.setValues(col(p.series[0]));
          first.setXAxisValues(col(p.x));
          for (const s of p.series.slice(1)) {
            const ser = chart.series.add(s.header ?? "");
            ser.setValues(col(s));
            ser.setXAxisValues(col(p.x));
          }
          if (p.xAxisTitle !== undefined) chart.axes.categoryAxis.title.text = p.xAxisTitle;
          if (p.yAxisTitle !== undefined) chart.axes.valueAxis.title.text = p.yAxisTitle;
          chart.legend.visible = p.series.length > 1;
          if (p.series.length > 1) chart.legend.position = "Bottom" as Excel.ChartLegendPosition;
          const a = p.anchor;
          chart.setPosition(cellAddress(a.row, a.col), cellAddress(a.row + a.rows - 1, a.col + a.cols - 1));
        }
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
    const keep = record.sheets.filter((r) => !replacedRefs.some((x) => (r.id !== undefined && x.id !== undefined ? r.id === x.id : r.name.toLowerCase() === x.name.toLowerCase())));
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

/**
 * After a failure: delete the sheets of this run (by temporary name, or, when the rename batch
 * was half applied, by final name for sheets that did not exist before), and give the old
 * sheets renamed away their names back. Best effort; a fresh context is tried when the first
 * one is unusable.
 */
async function cleanUp(
  ctx: Excel.RequestContext,
  before: Set<string>,
  temps: string[],
  finalNames: string[],
  trashed: Array<{ name: string; trash: string }>,
): Promise<void> {
  const attempt = async (c: Excel.RequestContext) => {
    const all = c.workbook.worksheets;
    all.load("items/name,items/id");
    await c.sync();
    const tempSet = new Set(temps.map((t) => t.toLowerCase()));
    const finalSet = new Set(finalNames.map((t) => t.toLowerCase()));
    for (const w of all.items) {
      const n = w.name.toLowerCase();
      const isNew = w.id !== undefined && !before.has(w.id);
      if (tempSet.has(n) || (isNew && finalSet.has(n))) w.delete();
    }
    await c.sync();
    const byName = new Map(all.items.map((w) => [w.name.toLowerCase(), w]));
    let renamed = false;
    for (const t of trashed) {
      const w = byName.get(t.trash.toLowerCase());
      if (w) {
        w.name = t.name;
        renamed = true;
      }
    }
    if (renamed) await c.sync();
  };
  try {
    await attempt(ctx);
  } catch {
    try {
      await Excel.run(attempt);
    } catch {
      /* nothing more to do */
    }
  }
}

async function writeSheet(
  ws: Excel.Worksheet,
  s: ReportSheet,
  reportSheetName: string,
  sheetIndex: number,
  b: Batcher,
  caps: Capabilities,
  takenTables: Set<string>,
  done: (cells: number) => void,
): Promise<Placed[]> {
  const { placed, notesRow } = layoutSheet(s);
  let maxCols = 0;
  const widths = new Map<number, number>();
  for (let ti = 0; ti < placed.length; ti++) {
    const p = placed[ti];
    const t = p.table;
    const n = t.columns.length;
    maxCols = Math.max(maxCols, n);
    t.columns.forEach((c, j) => {
      if (c.width !== undefined) widths.set(j, Math.max(widths.get(j) ?? 0, c.width));
    });
    if (n === 0) continue;
    if (p.titleRow !== undefined) {
      await b.reserve(1, t.title!.length + 120);
      const r = ws.getRange(cellAddress(p.titleRow, 0));
      r.values = [[excelValue(t.title!)]];
      r.format.font.bold = true;
      r.format.font.size = 12;
    }
    // header
    const header = t.columns.map((c) => excelValue(c.label));
    await b.reserve(n, header.reduce((a: number, v) => a + valueCost(v), 0) + 200);
    const hr = ws.getRange(rectAddress({ r0: p.headerRow, r1: p.headerRow, c0: 0, c1: n - 1 }));
    hr.values = [header];
    hr.format.font.bold = true;
    hr.format.fill.color = HEADER_FILL;
    done(n);
    // data rows, in chunks
    const formats = t.columns.map((c) => numberFormatOf(c.format));
    const formatCost = formats.reduce((a, f) => a + f.length + 3, 0);
    let i0 = 0;
    while (i0 < t.rows.length) {
      const chunk: Array<Array<string | number | boolean>> = [];
      let bytes = 0;
      let i = i0;
      for (; i < t.rows.length; i++) {
        const row = t.columns.map((c, j) => excelValue(t.rows[i][c.key], formats[j] === "@"));
        const cost = row.reduce((a: number, v) => a + valueCost(v), 0) + formatCost + 4;
        if (chunk.length > 0 && ((chunk.length + 1) * n > b.limits.cells || bytes + cost > b.limits.bytes)) break;
        chunk.push(row);
        bytes += cost;
      }
      await b.reserve(chunk.length * n, bytes);
      const range = ws.getRange(rectAddress({ r0: p.firstRow + i0, r1: p.firstRow + i - 1, c0: 0, c1: n - 1 }));
      range.numberFormat = chunk.map(() => formats);
      range.values = chunk;
      done(chunk.length * n);
      i0 = i;
    }
    // group rows
    const groups = new Set((t.groupRows ?? []).filter((g) => g >= 0 && g < t.rows.length));
    for (const g of groups) {
      await b.reserve(n, 150);
      const gr = ws.getRange(rectAddress({ r0: p.firstRow + g, r1: p.firstRow + g, c0: 0, c1: n - 1 }));
      gr.format.font.bold = true;
      gr.format.fill.color = GROUP_FILL;
    }
    // colour scales over the data cells, group rows left out
    if (caps.conditionalFormats && t.rows.length > 0) {
      const runs = nonGroupRuns(t.rows.length, groups);
      for (let j = 0; j < n; j++) {
        if (!t.columns[j].colorScale || runs.length === 0) continue;
        const rects = runs.map(([a, z]) => ({ r0: p.firstRow + a, r1: p.firstRow + z, c0: j, c1: j }));
        const criteria = {
          minimum: { formula: null, type: "LowestValue", color: SCALE_COLORS[0] },
          midpoint: { formula: "50", type: "Percentile", color: SCALE_COLORS[1] },
          maximum: { formula: null, type: "HighestValue", color: SCALE_COLORS[2] },
        } as unknown as Excel.ConditionalColorScaleCriteria;
        if (rects.length === 1 || caps.rangeAreas) {
          await b.reserve(1, 400 + rects.length * 20);
          const target = rects.length === 1 ? ws.getRange(rectAddress(rects[0])) : ws.getRanges(rects.map(rectAddress).join(","));
          const cf = target.conditionalFormats.add("ColorScale" as Excel.ConditionalFormatType);
          cf.colorScale.criteria = criteria;
        } else {
          // without RangeAreas: one scale over the whole column (group rows included)
          await b.reserve(1, 400);
          const cf = ws.getRange(rectAddress({ r0: p.firstRow, r1: p.lastRow, c0: j, c1: j })).conditionalFormats.add("ColorScale" as Excel.ConditionalFormatType);
          cf.colorScale.criteria = criteria;
        }
      }
    }
    // an Excel table over header + data (the title stays above it)
    if (t.rows.length > 0) {
      await b.reserve(1, 300);
      const table = ws.tables.add(ws.getRange(rectAddress({ r0: p.headerRow, r1: p.lastRow, c0: 0, c1: n - 1 })), true);
      table.name = tableName(reportSheetName, ti, takenTables);
      table.style = "TableStyleLight1";
    }
  }
  // notes
  if (s.notes && s.notes.length > 0) {
    const rows = s.notes.map((x) => [excelValue(x)]);
    await b.reserve(rows.length, rows.reduce((a, r) => a + valueCost(r[0]), 0) + 150);
    const nr = ws.getRange(rectAddress({ r0: notesRow, r1: notesRow + rows.length - 1, c0: 0, c1: 0 }));
    nr.values = rows;
    nr.format.font.italic = true;
  }
  // frozen panes: the sheet's spec, by default down to the first table's header row
  if (s.freeze !== false && caps.freezePanes) {
    const first = placed[0];
    const rows = s.freeze?.rows ?? (first ? first.headerRow + 1 : 0);
    const cols = s.freeze?.columns ?? 0;
    if (rows > 0 || cols > 0) {
      await b.reserve(1, 100);
      if (cols === 0) ws.freezePanes.freezeRows(rows);
      else if (rows === 0) ws.freezePanes.freezeColumns(cols);
      else ws.freezePanes.freezeAt(ws.getRange(rectAddress({ r0: 0, r1: rows - 1, c0: 0, c1: cols - 1 })));
    }
  }
  // widths: autofit, then the explicit ones (characters -> points, about 7 px per character)
  if (maxCols > 0) {
    if (caps.autofit) {
      await b.reserve(1, 100);
      ws.getRange(rectAddress({ r0: 0, r1: Math.max(0, notesRow), c0: 0, c1: maxCols - 1 })).format.autofitColumns();
    }
    for (const [j, w] of widths) {
      await b.reserve(1, 100);
      ws.getRange(`${cellAddress(0, j).replace(/\d+$/, "")}:${cellAddress(0, j).replace(/\d+$/, "")}`).format.columnWidth = Math.round(w * 7 + 5);
    }
  }
  return placed;
}

async function writeNotes(ws: Excel.Worksheet, report: Report, sheetNames: string[], b: Batcher, caps: Capabilities): Promise<void> {
  const rows: Array<{ v: Array<string | number | boolean>; bold?: boolean; size?: number }> = [];
  rows.push({ v: [excelValue(report.title)], bold: true, size: 14 });
  rows.push({ v: [""] });
  const meta = Object.entries(report.meta).filter(([, v]) => v !== undefined && v !== null);
  if (meta.length > 0) {
    rows.push({ v: ["About this report"], bold: true });
    for (const [k, v] of meta) rows.push({ v: [excelValue(k), excelValue(v as ReportValue)] });
    rows.push({ v: [""] });
  }
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    rows.push({ v: [title], bold: true });
    for (const it of items) rows.push({ v: [excelValue(it)] });
    rows.push({ v: [""] });
  };
  list("Sheets", sheetNames.slice(0, report.sheets.length));
  list("Notes", report.notes);
  list("Warnings", [...report.warnings, ...reportProblems(report)]);
  const width = 2;
  const values = rows.map((r) => (r.v.length < width ? [...r.v, ...Array(width - r.v.length).fill("")] : r.v));
  for (let i0 = 0; i0 < values.length; i0 += 2000) {
    const part = values.slice(i0, i0 + 2000);
    await b.reserve(part.length * width, part.reduce((a, r) => a + r.reduce((x: number, v) => x + valueCost(v), 0), 0) + 100);
    ws.getRange(rectAddress({ r0: i0, r1: i0 + part.length - 1, c0: 0, c1: width - 1 })).values = part;
  }
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i].bold) continue;
    await b.reserve(1, 120);
    const r = ws.getRange(cellAddress(i, 0));
    r.format.font.bold = true;
    if (rows[i].size) r.format.font.size = rows[i].size!;
  }
  if (caps.autofit) {
    await b.reserve(1, 100);
    ws.getRange("A:A").format.columnWidth = 280;
    ws.getRange("B:B").format.columnWidth = 200;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the selection

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
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sel.sheetName) ? sel.sheetName : `'${sel.sheetName.replace(/'/g, "''")}'`;
  return `${quoted}!${cellAddress(sel.rowOffset + i, sel.columnOffset + j)}`;
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
  await Excel.run(async (ctx) => {
    const sheet = parsed.sheet !== undefined ? ctx.workbook.worksheets.getItem(parsed.sheet) : ctx.workbook.worksheets.getActiveWorksheet();
    if (parsed.sheet !== undefined) sheet.activate();
    sheet.getRange(rectAddress(parsed as Rect)).select();
    await ctx.sync();
  });
}
