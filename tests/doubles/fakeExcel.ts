/**
 * A small, recording, in-memory Excel for tests: the part of the Excel JavaScript API (and of
 * the `Office` common API) that CoordLab's taskpane uses, with Office's batching semantics.
 *
 *  - `Excel.run(batch)` gives a RequestContext; every property set and method call on a proxy
 *    object is queued and only applied at `context.sync()` (Excel.run syncs once more at the
 *    end). Lookups (`getItem`, `getUsedRange`, `getSurroundingRegion`, ...) are resolved when
 *    the batch runs, so errors such as ItemNotFound surface at sync, like Office.
 *  - Loaded properties (`values`, `address`, `items`, `name`, ...) can only be read after
 *    `load` + `sync`; reading before throws a PropertyNotLoaded error like Office.
 *  - Each sync that sends something is recorded (an empty sync sends no request, as in office.js) (number of operations, estimated request bytes, whether calculation
 *    was suspended); a batch larger than `payloadLimit` (5 MB, Excel on the web's limit) fails
 *    with RequestPayloadSizeLimitExceeded. `failAtSync(n)` makes the n-th sync fail after
 *    applying part of its batch (Office batches are not transactional).
 *  - `Office.context.document.settings` (get/set/remove/saveAsync) and
 *    `Office.context.requirements.isSetSupported` (ExcelApi version configurable).
 *  - Inspection: `sheetNames()`, `sheet(name)` (plain models: cells, tables, charts, colour
 *    scales, frozen panes), `cell(sheet, "B3")`, `values(sheet, "A1:C3")`, `syncs`.
 *
 * `installFakeOffice(globalThis | window)` puts `Excel`, `Office` and `OfficeExtension` on the
 * target so that code written against office.js runs unchanged (also in a browser page).
 * Plain TypeScript: no Node APIs.
 */
import { MAX_COLUMNS, MAX_ROWS, Rect, fullAddress, parseAddress, rectAddress } from "../../src/taskpane/excel/a1";

// ---------------------------------------------------------------------------------------------
// Models (plain data, readable by tests)

export type CellValue = string | number | boolean;

export interface CellModel {
  /** Stored value: number, boolean, text, or an error text such as "#N/A". */
  value?: CellValue;
  /** Formula when the cell was given one ("=NA()"). */
  formula?: string;
  /** True when the value is an error ("#N/A"). */
  error?: boolean;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fill?: string;
}

export interface TableModel {
  id: string;
  name: string;
  rect: Rect;
  hasHeaders: boolean;
  style?: string;
}

export interface SeriesModel {
  name: string;
  /** Sheet id + rectangle of the values / x values. */
  values?: { sheetId: string; rect: Rect };
  xValues?: { sheetId: string; rect: Rect };
}

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  seriesBy: string;
  source: { sheetId: string; rect: Rect };
  series: SeriesModel[];
  title?: string;
  categoryAxisTitle?: string;
  valueAxisTitle?: string;
  /** Title of the depth (series) axis of 3-D charts. */
  seriesAxisTitle?: string;
  /** Axis bounds and the value axis's number format, when set. */
  categoryAxis?: { minimum?: number; maximum?: number; numberFormat?: string; tickLabelSpacing?: number };
  valueAxis?: { minimum?: number; maximum?: number; numberFormat?: string };
  position?: { start: string; end?: string };
  legend?: { visible?: boolean; position?: string };
}

export interface ConditionalFormatModel {
  type: string;
  rects: Rect[];
  criteria?: unknown;
  /** CellValue formats: the rule and the fill colour set through `cellValue`. */
  rule?: { formula1: string; formula2?: string; operator: string };
  fill?: string;
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, CellModel>;
  tables: TableModel[];
  charts: ChartModel[];
  conditionalFormats: ConditionalFormatModel[];
  freeze: { rows: number; columns: number } | null;
  /** Columns whose width was autofitted (0-based), and explicit widths in points. */
  autofit: Set<number>;
  columnWidths: Map<number, number>;
  /** What was set through worksheet.pageLayout (ExcelApi 1.9). */
  page: PageModel;
}

/** The page layout of a sheet as set through the API. */
export interface PageModel {
  paperSize?: string;
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printTitleRows?: string;
  centerHeader?: string;
  centerFooter?: string;
}

export interface SyncRecord {
  /** 1-based number of the sync. */
  index: number;
  operations: number;
  /** Estimated size of the request (JSON characters). */
  bytes: number;
  calculationSuspended: boolean;
  failed?: string;
}

export interface FakeOptions {
  /** Highest ExcelApi version supported, e.g. "1.9" (default) or "1.6". */
  excelApi?: string;
  /** Or a full requirement check. */
  isSetSupported?: (name: string, version?: string) => boolean;
  /** Request size limit in bytes; default 5 MB. */
  payloadLimit?: number;
  /** Sheets of a new workbook; default ["Sheet1"]. */
  sheets?: string[];
  /** Omit Office.context.document.settings (an environment without settings). */
  noSettings?: boolean;
}

/** An error like OfficeExtension.Error: a code, a message, debugInfo. */
export class FakeOfficeError extends Error {
  code: string;
  debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
    Object.setPrototypeOf(this, FakeOfficeError.prototype);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const key = (r: number, c: number) => `${r},${c}`;

function versionAtLeast(have: string, want: string | undefined): boolean {
  if (want === undefined) return true;
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;
}

function validSheetName(name: string): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "the sheet name is empty";
  if (name.length > 31) return "the sheet name is longer than 31 characters";
  if (/[[\]:*?/\\]/.test(name)) return "the sheet name contains a character that is not allowed";
  if (name.startsWith("'") || name.endsWith("'")) return "the sheet name begins or ends with an apostrophe";
  if (name.toLowerCase() === "history") return "History is a reserved name";
  return undefined;
}

function validTableName(name: string): boolean {
  if (typeof name !== "string" || name.length === 0 || name.length > 255) return false;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name)) return false;
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) return false;
  return true;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function jsonSize(v: unknown): number {
  try {
    return JSON.stringify(v ?? null).length;
  } catch {
    return 16;
  }
}

// ---------------------------------------------------------------------------------------------
// The fake Excel

interface Op {
  cost: number;
  run: () => void;
}

export class FakeExcel {
  readonly sheets: SheetModel[] = [];
  /** Live settings (Office.context.document.settings) and the last saved copy. */
  readonly settings = new Map<string, unknown>();
  savedSettings: Record<string, unknown> = {};
  readonly syncs: SyncRecord[] = [];
  payloadLimit: number;
  activeSheetId = "";
  selection: { sheetId: string; rect: Rect } | undefined;
  /** Count of suspendApiCalculationUntilNextSync calls. */
  suspendCalls = 0;
  private nextId = 1;
  private failure: { at: number; applied: number | "half"; message: string } | undefined;
  private saveFailure: string | undefined;
  readonly isSetSupported: (name: string, version?: string) => boolean;
  readonly options: FakeOptions;

  constructor(options: FakeOptions = {}) {
    this.options = options;
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    const api = options.excelApi ?? "1.9";
    this.isSetSupported =
      options.isSetSupported ?? ((name, version) => (name === "ExcelApi" ? versionAtLeast(api, version) : name === "Settings" || name === "DocumentEvents"));
    for (const n of options.sheets ?? ["Sheet1"]) this.addSheet(n);
    if (this.sheets.length > 0) {
      this.activeSheetId = this.sheets[0].id;
      this.selection = { sheetId: this.sheets[0].id, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }
  }

  // ----- setup and inspection (direct, no batching)

  newId(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(8, "0")}}`;
  }

  /** Add a sheet directly (test setup), optionally with values from A1. */
  addSheet(name: string, values?: CellValue[][]): SheetModel {
    const bad = validSheetName(name);
    if (bad) throw new Error(bad);
    if (this.findSheet(name)) throw new Error(`a sheet named ${name} exists`);
    const s: SheetModel = {
      id: this.newId("sheet"),
      name,
      visibility: "Visible",
      cells: new Map(),
      tables: [],
      charts: [],
      conditionalFormats: [],
      freeze: null,
      autofit: new Set(),
      columnWidths: new Map(),
      page: {},
    };
    this.sheets.push(s);
    values?.forEach((row, i) => row.forEach((v, j) => this.storeValue(s, i, j, v)));
    return s;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  findSheet(name: string): SheetModel | undefined {
    const l = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === l);
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** The sheet model; throws when there is none. */
  sheet(name: string): SheetModel {
    const s = this.findSheet(name);
    if (!s) throw new Error(`no sheet named ${name} (sheets: ${this.sheetNames().join(", ")})`);
    return s;
  }

  cell(sheetName: string, address: string): CellModel {
    const a = parseAddress(address);
    return this.sheet(sheetName).cells.get(key(a.r0, a.c0)) ?? {};
  }

  /** Values of a range as Office returns them ("" for empty cells). */
  values(sheetName: string, address: string): CellValue[][] {
    return this.readValues(this.sheet(sheetName), parseAddress(address));
  }

  /** A chart's series as addresses ("'CL Density'!B3:B514"). */
  seriesAddresses(chart: ChartModel): Array<{ name: string; values?: string; xValues?: string }> {
    const addr = (ref?: { sheetId: string; rect: Rect }) => {
      if (!ref) return undefined;
      const s = this.sheetById(ref.sheetId);
      return s ? fullAddress(s.name, ref.rect) : `#REF!${rectAddress(ref.rect)}`;
    };
    return chart.series.map((s) => ({ name: s.name, values: addr(s.values), xValues: addr(s.xValues) }));
  }

  /** Make the n-th sync from now on (1-based, counted over all syncs) fail after applying part of its batch. */
  failAtSync(n: number, options: { applied?: number | "half"; message?: string } = {}): void {
    this.failure = { at: n, applied: options.applied ?? "half", message: options.message ?? `injected failure at sync ${n}` };
  }

  /** Make the next settings.saveAsync report failure. */
  failNextSettingsSave(message = "settings could not be saved"): void {
    this.saveFailure = message;
  }

  select(sheetName: string, address: string): void {
    const s = this.sheet(sheetName);
    this.activeSheetId = s.id;
    this.selection = { sheetId: s.id, rect: parseAddress(address) };
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  // ----- cell storage

  storeValue(s: SheetModel, r: number, c: number, v: unknown): void {
    if (v === null) return; // null leaves the cell as it is
    if (v === undefined) throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
    const k = key(r, c);
    const cell: CellModel = s.cells.get(k) ?? {};
    delete cell.formula;
    delete cell.error;
    if (typeof v === "number") {
      if (!Number.isFinite(v))
        throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format. (non-finite number)");
      cell.value = v;
    } else if (typeof v === "boolean") cell.value = v;
    else if (typeof v === "string") {
      if (v === "") delete cell.value;
      else if (v.startsWith("'")) cell.value = v.slice(1);
      else if (cell.numberFormat === "@") cell.value = v;
      else if (v.startsWith("=")) {
        cell.formula = v;
        if (v.toUpperCase() === "=NA()") {
          cell.value = "#N/A";
          cell.error = true;
        } else delete cell.value;
      } else if (v === "#N/A") {
        cell.value = v;
        cell.error = true;
      } else if (NUMERIC.test(v.trim())) cell.value = Number(v.trim());
      else if (/^(true|false)$/i.test(v)) cell.value = v.toLowerCase() === "true";
      else cell.value = v;
    } else throw new FakeOfficeError("InvalidArgument", `unsupported value type ${typeof v}`);
    s.cells.set(k, cell);
  }

  readValues(s: SheetModel, r: Rect): CellValue[][] {
    const out: CellValue[][] = [];
    for (let i = r.r0; i <= r.r1; i++) {
      const row: CellValue[] = [];
      for (let j = r.c0; j <= r.c1; j++) row.push(s.cells.get(key(i, j))?.value ?? "");
      out.push(row);
    }
    return out;
  }

  cellAt(s: SheetModel, r: number, c: number): CellModel {
    const k = key(r, c);
    let cell = s.cells.get(k);
    if (!cell) {
      cell = {};
      s.cells.set(k, cell);
    }
    return cell;
  }

  usedRect(s: SheetModel, valuesOnly: boolean): Rect | undefined {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    for (const [k, cell] of s.cells) {
      if (valuesOnly && cell.value === undefined) continue;
      if (!valuesOnly && Object.keys(cell).length === 0) continue;
      const [r, c] = k.split(",").map(Number);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r1 < 0 ? undefined : { r0, c0, r1, c1 };
  }

  /** Excel's current region: grow the rectangle while a neighbouring cell (diagonals too) holds a value. */
  surroundingRegion(s: SheetModel, start: Rect): Rect {
    const has = (r: number, c: number) => r >= 0 && c >= 0 && r < MAX_ROWS && c < MAX_COLUMNS && s.cells.get(key(r, c))?.value !== undefined;
    const r = { ...start };
    for (let changed = true; changed;) {
      changed = false;
      const rowHas = (row: number) => {
        for (let c = r.c0 - 1; c <= r.c1 + 1; c++) if (has(row, c)) return true;
        return false;
      };
      const colHas = (col: number) => {
        for (let i = r.r0 - 1; i <= r.r1 + 1; i++) if (has(i, col)) return true;
        return false;
      };
      if (r.r0 > 0 && rowHas(r.r0 - 1)) {
        r.r0--;
        changed = true;
      }
      if (r.r1 < MAX_ROWS - 1 && rowHas(r.r1 + 1)) {
        r.r1++;
        changed = true;
      }
      if (r.c0 > 0 && colHas(r.c0 - 1)) {
        r.c0--;
        changed = true;
      }
      if (r.c1 < MAX_COLUMNS - 1 && colHas(r.c1 + 1)) {
        r.c1++;
        changed = true;
      }
    }
    return r;
  }

  allTables(): Array<{ sheet: SheetModel; table: TableModel }> {
    const out: Array<{ sheet: SheetModel; table: TableModel }> = [];
    for (const s of this.sheets) for (const t of s.tables) out.push({ sheet: s, table: t });
    return out;
  }

  // ----- batches

  runBatch(ops: Op[], suspended: boolean): void {
    if (ops.length === 0) return; // like office.js: nothing queued, no request
    const index = this.syncs.length + 1;
    const bytes = ops.reduce((a, o) => a + o.cost, 0) + 64;
    const rec: SyncRecord = { index, operations: ops.length, bytes, calculationSuspended: suspended };
    this.syncs.push(rec);
    if (bytes > this.payloadLimit) {
      rec.failed = "RequestPayloadSizeLimitExceeded";
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${bytes} > ${this.payloadLimit} bytes).`);
    }
    let limit = ops.length;
    if (this.failure && this.failure.at === index) {
      limit = this.failure.applied === "half" ? Math.floor(ops.length / 2) : Math.min(this.failure.applied, ops.length);
    }
    for (let i = 0; i < limit; i++) {
      try {
        ops[i].run();
      } catch (e) {
        rec.failed = e instanceof Error ? e.message : String(e);
        throw e;
      }
    }
    if (this.failure && this.failure.at === index) {
      const msg = this.failure.message;
      this.failure = undefined;
      rec.failed = msg;
      throw new FakeOfficeError("GeneralException", msg);
    }
  }

  /** `Excel.run`: a context, the batch, a final sync. */
  async run<T>(a: unknown, b?: unknown): Promise<T> {
    const batch = (typeof a === "function" ? a : b) as (ctx: RequestContext) => Promise<T>;
    const ctx = new RequestContext(this);
    const result = await batch(ctx);
    await ctx.sync();
    return result;
  }

  // ----- Office common API

  officeSettings(): object {
    return {
      get: (k: string) => (this.settings.has(k) ? JSON.parse(JSON.stringify(this.settings.get(k))) : null),
      set: (k: string, v: unknown) => {
        this.settings.set(k, JSON.parse(JSON.stringify(v)));
      },
      remove: (k: string) => {
        this.settings.delete(k);
      },
      saveAsync: (o?: unknown, cb?: unknown) => {
        const callback = (typeof o === "function" ? o : cb) as ((r: { status: string; error?: { message: string } }) => void) | undefined;
        const fail = this.saveFailure;
        this.saveFailure = undefined;
        if (!fail) {
          const saved: Record<string, unknown> = {};
          for (const [k, v] of this.settings) saved[k] = v;
          this.savedSettings = JSON.parse(JSON.stringify(saved));
        }
        setTimeout(() => callback?.(fail ? { status: "failed", error: { message: fail } } : { status: "succeeded" }), 0);
      },
    };
  }

  /** The `Excel` global: run, RequestContext, enums. */
  excelGlobal(): Record<string, unknown> {
    return {
      run: (a: unknown, b?: unknown) => this.run(a, b),
      RequestContext: function () {
        throw new Error("new Excel.RequestContext() is not supported by the fake; use Excel.run");
      },
      ...ENUMS,
    };
  }

  /** The `Office` global. */
  officeGlobal(): Record<string, unknown> {
    const document: Record<string, unknown> = {};
    if (!this.options.noSettings) document.settings = this.officeSettings();
    return {
      context: {
        document,
        requirements: { isSetSupported: (n: string, v?: string) => this.isSetSupported(n, v) },
        host: "Excel",
        platform: "OfficeOnline",
      },
      onReady: (cb?: (info: { host: string; platform: string }) => void) => {
        const info = { host: "Excel", platform: "OfficeOnline" };
        cb?.(info);
        return Promise.resolve(info);
      },
      HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook" },
      PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    };
  }
}

const ENUMS = {
  ChartType: {
    line: "Line",
    lineMarkers: "LineMarkers",
    columnClustered: "ColumnClustered",
    columnStacked: "ColumnStacked",
    barClustered: "BarClustered",
    xyscatter: "XYScatter",
    xyscatterSmooth: "XYScatterSmooth",
    xyscatterSmoothNoMarkers: "XYScatterSmoothNoMarkers",
    xyscatterLines: "XYScatterLines",
    xyscatterLinesNoMarkers: "XYScatterLinesNoMarkers",
    surface: "Surface",
  },
  ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
  ConditionalFormatType: { custom: "Custom", dataBar: "DataBar", colorScale: "ColorScale", iconSet: "IconSet", cellValue: "CellValue" },
  ConditionalFormatColorCriterionType: {
    invalid: "Invalid",
    lowestValue: "LowestValue",
    highestValue: "HighestValue",
    number: "Number",
    percent: "Percent",
    formula: "Formula",
    percentile: "Percentile",
  },
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  ChartLegendPosition: { right: "Right", bottom: "Bottom", top: "Top", left: "Left" },
  ErrorCodes: {
    itemNotFound: "ItemNotFound",
    itemAlreadyExists: "ItemAlreadyExists",
    invalidArgument: "InvalidArgument",
    generalException: "GeneralException",
    invalidOperation: "InvalidOperation",
    requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  },
};

// ---------------------------------------------------------------------------------------------
// Proxies

/** Base of all proxy objects: queueing, load, loaded-property checks. */
class ClientObject {
  protected loaded: Record<string, unknown> = {};
  constructor(readonly context: RequestContext) {}

  protected q(desc: string, args: unknown, run: () => void): void {
    this.context.enqueue(desc, args, run);
  }

  protected get_(prop: string): unknown {
    if (!(prop in this.loaded))
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    return this.loaded[prop];
  }

  /** Values of loadable scalar properties, read when the batch runs. */
  protected snapshot(_prop: string): unknown {
    throw new FakeOfficeError("InvalidArgument", `property ${_prop} cannot be loaded by the fake`);
  }

  load(props?: string | string[] | { select?: string | string[] }): this {
    const list = parseLoad(props);
    this.q("load", list, () => {
      for (const p of list.length ? list : this.defaultLoad()) this.loaded[p] = this.snapshot(p);
    });
    return this;
  }

  protected defaultLoad(): string[] {
    return [];
  }

  /** Load properties at once (when a batch runs), as a collection's load does for its items. */
  loadNow(props: string[]): void {
    for (const p of props) this.loaded[p] = this.snapshot(p);
  }

  toJSON(): Record<string, unknown> {
    return { ...this.loaded };
  }
}

function parseLoad(props?: string | string[] | { select?: string | string[] }): string[] {
  if (props === undefined) return [];
  let raw: string[];
  if (typeof props === "string") raw = props.split(",");
  else if (Array.isArray(props)) raw = props.flatMap((p) => p.split(","));
  else if (props.select !== undefined) raw = Array.isArray(props.select) ? props.select : props.select.split(",");
  else raw = Object.keys(props).filter((k) => (props as Record<string, unknown>)[k]);
  return raw.map((p) => p.trim()).filter((p) => p !== "");
}

export class RequestContext {
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  private ops: Op[] = [];
  suspended = false;
  /** Office's trackedObjects (no-op). */
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };
  constructor(readonly fake: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
    this.application = new ApplicationProxy(this);
  }

  enqueue(desc: string, args: unknown, run: () => void): void {
    this.ops.push({ cost: desc.length + jsonSize(args) + 24, run });
  }

  async sync<T>(passThrough?: T): Promise<T | undefined> {
    const ops = this.ops;
    const suspended = this.suspended;
    this.ops = [];
    this.suspended = false;
    await Promise.resolve();
    this.fake.runBatch(ops, suspended);
    return passThrough;
  }
}

/**
 * A collection proxy (worksheets, tables, charts, series): `items` and `count` can be read only
 * after load + sync, as in Office; subclasses fill `itemList` in their load.
 */
abstract class CollectionProxy<T> extends ClientObject {
  protected itemList: T[] | undefined;
  get items(): T[] {
    if (!this.itemList)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "The property 'items' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
      );
    return this.itemList;
  }
  get count(): number {
    return this.get_("count") as number;
  }
  /**
   * Queue a load of the items: when the batch runs, `models()` are made into proxies by `make`
   * and loaded with the properties asked for ("items/name" or "name"), or `defaults`.
   */
  protected loadItems<M>(
    op: string,
    props: string | string[] | { select?: string | string[] } | undefined,
    models: () => M[],
    make: (m: M) => T & ClientObject,
    defaults: string[],
  ): this {
    const list = parseLoad(props).map((p) => p.replace(/^items\//, ""));
    this.q(op, list, () => {
      this.itemList = models().map((m) => {
        const p = make(m);
        p.loadNow(list.length ? list : defaults);
        return p;
      });
      this.loaded.count = this.itemList.length;
    });
    return this;
  }
}

class ApplicationProxy extends ClientObject {
  suspendApiCalculationUntilNextSync(): void {
    if (!this.context.fake.isSetSupported("ExcelApi", "1.8"))
      throw new FakeOfficeError("ApiNotFound", "suspendApiCalculationUntilNextSync requires ExcelApi 1.8");
    this.context.suspended = true;
    this.context.fake.suspendCalls++;
    this.q("suspendApiCalculationUntilNextSync", null, () => undefined);
  }
  protected snapshot(p: string): unknown {
    if (p === "calculationMode") return "Automatic";
    return super.snapshot(p);
  }
}

function requireApi(ctx: RequestContext, version: string, what: string): void {
  if (!ctx.fake.isSetSupported("ExcelApi", version))
    throw new FakeOfficeError("ApiNotFound", `${what} requires ExcelApi ${version}, which this Excel does not support`);
}

class WorkbookProxy extends ClientObject {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly application: ApplicationProxy;
  constructor(ctx: RequestContext) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, undefined);
    this.application = ctx.application;
  }
  getSelectedRange(): RangeProxy {
    const fake = this.context.fake;
    const sheet = new WorksheetProxy(this.context);
    const range = new RangeProxy(this.context, sheet);
    this.q("getSelectedRange", null, () => {
      if (!fake.selection) throw new FakeOfficeError("ItemNotFound", "nothing is selected");
      sheet.bind(fake.selection.sheetId);
      range.bindRect({ ...fake.selection.rect });
    });
    return range;
  }
}

class WorksheetCollectionProxy extends CollectionProxy<WorksheetProxy> {
  load(props?: string | string[] | { select?: string | string[] }): this {
    return this.loadItems(
      "worksheets.load",
      props,
      () => this.context.fake.sheets,
      (s) => {
        const w = new WorksheetProxy(this.context);
        w.bind(s.id);
        return w;
      },
      ["name", "id", "position", "visibility"],
    );
  }
  add(name?: string): WorksheetProxy {
    const w = new WorksheetProxy(this.context);
    const fake = this.context.fake;
    this.q("worksheets.add", name ?? null, () => {
      let n = name;
      if (n === undefined) for (let i = fake.sheets.length + 1; !n || fake.findSheet(n); i++) n = `Sheet${i}`;
      const bad = validSheetName(n);
      if (bad) throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${bad}`);
      if (fake.findSheet(n)) throw new FakeOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${n}`);
      w.bind(fake.addSheet(n).id);
    });
    return w;
  }
  getItem(nameOrId: string): WorksheetProxy {
    const w = new WorksheetProxy(this.context);
    const fake = this.context.fake;
    this.q("worksheets.getItem", nameOrId, () => {
      const s = fake.findSheet(nameOrId) ?? fake.sheetById(nameOrId);
      if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: worksheet ${nameOrId}`);
      w.bind(s.id);
    });
    return w;
  }
  getItemOrNullObject(nameOrId: string): WorksheetProxy {
    const w = new WorksheetProxy(this.context);
    const fake = this.context.fake;
    this.q("worksheets.getItemOrNullObject", nameOrId, () => {
      const s = fake.findSheet(nameOrId) ?? fake.sheetById(nameOrId);
      if (s) w.bind(s.id);
      else w.bindNull();
    });
    return w;
  }
  getActiveWorksheet(): WorksheetProxy {
    const w = new WorksheetProxy(this.context);
    this.q("worksheets.getActiveWorksheet", null, () => w.bind(this.context.fake.activeSheetId));
    return w;
  }
}

export class WorksheetProxy extends ClientObject {
  private sheetId: string | undefined;
  private isNull = false;
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;
  readonly freezePanes: FreezePanesProxy;
  readonly pageLayout: PageLayoutProxy;
  constructor(ctx: RequestContext) {
    super(ctx);
    this.tables = new TableCollectionProxy(ctx, this);
    this.charts = new ChartCollectionProxy(ctx, this);
    this.freezePanes = new FreezePanesProxy(ctx, this);
    this.pageLayout = new PageLayoutProxy(ctx, this);
  }
  bind(id: string): void {
    this.sheetId = id;
  }
  bindNull(): void {
    this.isNull = true;
  }
  model(): SheetModel {
    const s = this.sheetId === undefined ? undefined : this.context.fake.sheetById(this.sheetId);
    if (!s) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist (worksheet).");
    return s;
  }
  protected defaultLoad(): string[] {
    return ["name", "id", "position", "visibility"];
  }
  protected snapshot(p: string): unknown {
    if (p === "isNullObject") return this.isNull;
    const s = this.model();
    switch (p) {
      case "name":
        return s.name;
      case "id":
        return s.id;
      case "position":
        return this.context.fake.sheets.indexOf(s);
      case "visibility":
        return s.visibility;
      default:
        return super.snapshot(p);
    }
  }
  get isNullObject(): boolean {
    return this.get_("isNullObject") as boolean;
  }
  get name(): string {
    return this.get_("name") as string;
  }
  set name(v: string) {
    this.loaded.name = v;
    this.q("worksheet.name", v, () => {
      const s = this.model();
      const bad = validSheetName(v);
      if (bad) throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${bad}`);
      const other = this.context.fake.findSheet(v);
      if (other && other !== s) throw new FakeOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${v}`);
      s.name = v;
    });
  }
  get id(): string {
    return this.get_("id") as string;
  }
  get position(): number {
    return this.get_("position") as number;
  }
  set position(v: number) {
    this.q("worksheet.position", v, () => {
      const sheets = this.context.fake.sheets;
      const s = this.model();
      sheets.splice(sheets.indexOf(s), 1);
      sheets.splice(Math.max(0, Math.min(v, sheets.length)), 0, s);
    });
  }
  get visibility(): string {
    return this.get_("visibility") as string;
  }
  set visibility(v: string) {
    this.q("worksheet.visibility", v, () => {
      (this.model().visibility as string) = v;
    });
  }
  delete(): void {
    this.q("worksheet.delete", null, () => {
      const fake = this.context.fake;
      const s = this.model();
      const visible = fake.sheets.filter((x) => x.visibility === "Visible" && x !== s);
      if (visible.length === 0) throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      fake.sheets.splice(fake.sheets.indexOf(s), 1);
      if (fake.activeSheetId === s.id) fake.activeSheetId = visible[0].id;
      if (fake.selection?.sheetId === s.id) fake.selection = { sheetId: visible[0].id, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  activate(): void {
    this.q("worksheet.activate", null, () => {
      const s = this.model();
      this.context.fake.activeSheetId = s.id;
      this.context.fake.selection = { sheetId: s.id, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getRange(address?: string): RangeProxy {
    const r = new RangeProxy(this.context, this);
    this.q("worksheet.getRange", address ?? null, () => {
      if (address === undefined) return r.bindRect({ r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 });
      let a;
      try {
        a = parseAddress(address);
      } catch {
        throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${address}`);
      }
      if (a.sheet !== undefined && a.sheet.toLowerCase() !== this.model().name.toLowerCase())
        throw new FakeOfficeError("InvalidArgument", `address ${address} is not on sheet ${this.model().name}`);
      r.bindRect(a);
    });
    return r;
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    requireApi(this.context, "1.4", "getRangeByIndexes");
    const r = new RangeProxy(this.context, this);
    this.q("worksheet.getRangeByIndexes", [row, col, rows, cols], () => {
      if (rows < 1 || cols < 1) throw new FakeOfficeError("InvalidArgument", "empty range");
      r.bindRect({ r0: row, c0: col, r1: row + rows - 1, c1: col + cols - 1 });
    });
    return r;
  }
  getRanges(addresses: string): RangeAreasProxy {
    requireApi(this.context, "1.9", "getRanges");
    const ra = new RangeAreasProxy(this.context, this);
    this.q("worksheet.getRanges", addresses, () => {
      ra.rects = addresses.split(",").map((a) => parseAddress(a.trim()));
    });
    return ra;
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    const r = new RangeProxy(this.context, this);
    this.q("worksheet.getUsedRange", valuesOnly ?? null, () => {
      r.bindRect(this.context.fake.usedRect(this.model(), !!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 });
    });
    return r;
  }
}

class RangeFormatProxy {
  readonly font: { bold?: boolean; italic?: boolean; size?: number; color?: string };
  readonly fill: { color?: string; clear: () => void };
  constructor(private range: RangeProxy) {
    const apply = (f: (c: CellModel) => void) => range.eachCell(f);
    const q = (desc: string, v: unknown, f: (c: CellModel) => void) => range.context.enqueue(desc, v, () => apply(f));
    this.font = {
      set bold(v: boolean) {
        q("font.bold", v, (c) => (c.bold = v));
      },
      set italic(v: boolean) {
        q("font.italic", v, (c) => (c.italic = v));
      },
      set size(v: number) {
        q("font.size", v, (c) => (c.fontSize = v));
      },
      set color(_v: string) {
        q("font.color", _v, () => undefined);
      },
    } as RangeFormatProxy["font"];
    this.fill = {
      set color(v: string) {
        q("fill.color", v, (c) => (c.fill = v));
      },
      clear: () => q("fill.clear", null, (c) => delete c.fill),
    } as RangeFormatProxy["fill"];
  }
  set columnWidth(v: number) {
    this.range.context.enqueue("format.columnWidth", v, () => {
      const { sheet, rect } = this.range.resolved();
      for (let c = rect.c0; c <= rect.c1; c++) sheet.columnWidths.set(c, v);
    });
  }
  set wrapText(_v: boolean) {
    this.range.context.enqueue("format.wrapText", _v, () => undefined);
  }
  autofitColumns(): void {
    this.range.context.enqueue("format.autofitColumns", null, () => {
      const { sheet, rect } = this.range.resolved();
      for (let c = rect.c0; c <= Math.min(rect.c1, rect.c0 + 1000); c++) sheet.autofit.add(c);
    });
  }
  autofitRows(): void {
    this.range.context.enqueue("format.autofitRows", null, () => undefined);
  }
}

class ConditionalFormatCollectionProxy {
  constructor(
    private context: RequestContext,
    private target: () => { sheet: SheetModel; rects: Rect[] },
  ) {}
  add(type: string): ConditionalFormatProxy {
    requireApi(this.context, "1.6", "conditionalFormats");
    const cf = new ConditionalFormatProxy(this.context);
    this.context.enqueue("conditionalFormats.add", type, () => {
      const { sheet, rects } = this.target();
      const m: ConditionalFormatModel = { type, rects: rects.map((r) => ({ ...r })) };
      sheet.conditionalFormats.push(m);
      cf.model = m;
    });
    return cf;
  }
}

class ConditionalFormatProxy extends ClientObject {
  model: ConditionalFormatModel | undefined;
  readonly colorScale: { criteria: unknown };
  readonly cellValue: { format: { fill: { color: string } }; rule: { formula1: string; formula2?: string; operator: string } };
  constructor(ctx: RequestContext) {
    super(ctx);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessors of the object literal below have their own `this`
    const self = this;
    this.colorScale = {
      set criteria(v: unknown) {
        self.q("colorScale.criteria", v, () => {
          if (!self.model || self.model.type !== "ColorScale") throw new FakeOfficeError("InvalidArgument", "not a colour scale");
          self.model.criteria = JSON.parse(JSON.stringify(v));
        });
      },
      get criteria(): unknown {
        return self.get_("criteria");
      },
    };
    const cellValueOnly = () => {
      if (!self.model || self.model.type !== "CellValue") throw new FakeOfficeError("InvalidArgument", "not a cell value format");
      return self.model;
    };
    this.cellValue = {
      format: {
        fill: {
          set color(v: string) {
            self.q("cellValue.format.fill.color", v, () => {
              cellValueOnly().fill = v;
            });
          },
          get color(): string {
            return self.get_("fill") as string;
          },
        },
      },
      set rule(v: { formula1: string; formula2?: string; operator: string }) {
        self.q("cellValue.rule", v, () => {
          cellValueOnly().rule = { ...v };
        });
      },
      get rule(): { formula1: string; formula2?: string; operator: string } {
        return self.get_("rule") as { formula1: string; operator: string };
      },
    };
  }
}

export class RangeAreasProxy extends ClientObject {
  rects: Rect[] = [];
  readonly conditionalFormats: ConditionalFormatCollectionProxy;
  constructor(
    ctx: RequestContext,
    private sheet: WorksheetProxy,
  ) {
    super(ctx);
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, () => ({ sheet: this.sheet.model(), rects: this.rects }));
  }
  protected snapshot(p: string): unknown {
    if (p === "address") return this.rects.map((r) => fullAddress(this.sheet.model().name, r)).join(",");
    return super.snapshot(p);
  }
  get address(): string {
    return this.get_("address") as string;
  }
}

export class RangeProxy extends ClientObject {
  private rect: Rect | undefined;
  private isNull = false;
  readonly format: RangeFormatProxy;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;
  constructor(
    ctx: RequestContext,
    readonly sheetProxy: WorksheetProxy,
  ) {
    super(ctx);
    this.format = new RangeFormatProxy(this);
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, () => {
      const { sheet, rect } = this.resolved();
      return { sheet, rects: [rect] };
    });
  }
  bindRect(r: Rect): void {
    this.rect = r;
  }
  bindNull(): void {
    this.isNull = true;
  }
  resolved(): { sheet: SheetModel; rect: Rect } {
    if (!this.rect) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist (range).");
    return { sheet: this.sheetProxy.model(), rect: this.rect };
  }
  eachCell(f: (c: CellModel) => void): void {
    const { sheet, rect } = this.resolved();
    const n = (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
    if (n > 5_000_000) throw new FakeOfficeError("InvalidArgument", "the fake does not format more than 5,000,000 cells at once");
    for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) f(this.context.fake.cellAt(sheet, r, c));
  }
  private checkDims(v: unknown, what: string): unknown[][] {
    const { rect } = this.resolved();
    const rows = rect.r1 - rect.r0 + 1;
    const cols = rect.c1 - rect.c0 + 1;
    if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols))
      throw new FakeOfficeError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: range ${rows}x${cols}).`,
      );
    return v as unknown[][];
  }
  protected defaultLoad(): string[] {
    return ["address", "values", "rowCount", "columnCount", "rowIndex", "columnIndex", "numberFormat"];
  }
  protected snapshot(p: string): unknown {
    if (p === "isNullObject") return this.isNull;
    const { sheet, rect } = this.resolved();
    switch (p) {
      case "address":
        return fullAddress(sheet.name, rect);
      case "addressLocal":
        return fullAddress(sheet.name, rect);
      case "values":
        return this.context.fake.readValues(sheet, rect);
      case "text":
        return this.context.fake.readValues(sheet, rect).map((r) => r.map(String));
      case "numberFormat": {
        const out: string[][] = [];
        for (let r = rect.r0; r <= rect.r1; r++) {
          const row: string[] = [];
          for (let c = rect.c0; c <= rect.c1; c++) row.push(sheet.cells.get(key(r, c))?.numberFormat ?? "General");
          out.push(row);
        }
        return out;
      }
      case "rowCount":
        return rect.r1 - rect.r0 + 1;
      case "columnCount":
        return rect.c1 - rect.c0 + 1;
      case "cellCount":
        return (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
      case "rowIndex":
        return rect.r0;
      case "columnIndex":
        return rect.c0;
      default:
        return super.snapshot(p);
    }
  }
  get isNullObject(): boolean {
    return this.get_("isNullObject") as boolean;
  }
  get address(): string {
    return this.get_("address") as string;
  }
  get values(): CellValue[][] {
    return this.get_("values") as CellValue[][];
  }
  set values(v: unknown[][]) {
    this.q("range.values", v, () => {
      const rows = this.checkDims(v, "values");
      const { sheet, rect } = this.resolved();
      rows.forEach((row, i) => row.forEach((x, j) => this.context.fake.storeValue(sheet, rect.r0 + i, rect.c0 + j, x)));
    });
  }
  set formulas(v: unknown[][]) {
    this.values = v;
  }
  get numberFormat(): string[][] {
    return this.get_("numberFormat") as string[][];
  }
  set numberFormat(v: unknown[][]) {
    this.q("range.numberFormat", v, () => {
      const rows = this.checkDims(v, "numberFormat");
      const { sheet, rect } = this.resolved();
      rows.forEach((row, i) =>
        row.forEach((x, j) => {
          if (x === null) return;
          if (typeof x !== "string") throw new FakeOfficeError("InvalidArgument", "a number format must be text");
          this.context.fake.cellAt(sheet, rect.r0 + i, rect.c0 + j).numberFormat = x;
        }),
      );
    });
  }
  get rowCount(): number {
    return this.get_("rowCount") as number;
  }
  get columnCount(): number {
    return this.get_("columnCount") as number;
  }
  get cellCount(): number {
    return this.get_("cellCount") as number;
  }
  get rowIndex(): number {
    return this.get_("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.get_("columnIndex") as number;
  }
  get text(): string[][] {
    return this.get_("text") as string[][];
  }
  get worksheet(): WorksheetProxy {
    return this.sheetProxy;
  }
  private derived(desc: string, args: unknown, f: (rect: Rect, sheet: SheetModel) => Rect | null): RangeProxy {
    const r = new RangeProxy(this.context, this.sheetProxy);
    this.q(desc, args, () => {
      const { sheet, rect } = this.resolved();
      const out = f(rect, sheet);
      if (out === null) return r.bindNull();
      if (out.r0 < 0 || out.c0 < 0 || out.r1 >= MAX_ROWS || out.c1 >= MAX_COLUMNS || out.r1 < out.r0 || out.c1 < out.c0)
        throw new FakeOfficeError("InvalidArgument", `${desc}: the range would be outside the sheet`);
      r.bindRect(out);
    });
    return r;
  }
  getCell(row: number, col: number): RangeProxy {
    return this.derived("range.getCell", [row, col], (r) => ({ r0: r.r0 + row, c0: r.c0 + col, r1: r.r0 + row, c1: r.c0 + col }));
  }
  getResizedRange(dRows: number, dCols: number): RangeProxy {
    requireApi(this.context, "1.2", "getResizedRange");
    return this.derived("range.getResizedRange", [dRows, dCols], (r) => ({ ...r, r1: r.r1 + dRows, c1: r.c1 + dCols }));
  }
  getOffsetRange(dRows: number, dCols: number): RangeProxy {
    return this.derived("range.getOffsetRange", [dRows, dCols], (r) => ({ r0: r.r0 + dRows, c0: r.c0 + dCols, r1: r.r1 + dRows, c1: r.c1 + dCols }));
  }
  getRow(i: number): RangeProxy {
    return this.derived("range.getRow", i, (r) => ({ r0: r.r0 + i, r1: r.r0 + i, c0: r.c0, c1: r.c1 }));
  }
  getColumn(j: number): RangeProxy {
    return this.derived("range.getColumn", j, (r) => ({ r0: r.r0, r1: r.r1, c0: r.c0 + j, c1: r.c0 + j }));
  }
  getSurroundingRegion(): RangeProxy {
    requireApi(this.context, "1.7", "getSurroundingRegion");
    return this.derived("range.getSurroundingRegion", null, (r, s) => this.context.fake.surroundingRegion(s, { r0: r.r0, c0: r.c0, r1: r.r0, c1: r.c0 }));
  }
  getIntersectionOrNullObject(other: RangeProxy | string): RangeProxy {
    requireApi(this.context, "1.4", "getIntersectionOrNullObject");
    return this.derived("range.getIntersectionOrNullObject", typeof other === "string" ? other : null, (r) => {
      const o = typeof other === "string" ? parseAddress(other) : other.resolved().rect;
      const x = { r0: Math.max(r.r0, o.r0), c0: Math.max(r.c0, o.c0), r1: Math.min(r.r1, o.r1), c1: Math.min(r.c1, o.c1) };
      return x.r0 > x.r1 || x.c0 > x.c1 ? null : x;
    });
  }
  getTables(fullyContained?: boolean): TableScopedCollectionProxy {
    requireApi(this.context, "1.9", "getTables");
    const c = new TableScopedCollectionProxy(this.context);
    this.q("range.getTables", fullyContained ?? null, () => {
      const { sheet, rect } = this.resolved();
      c.found = sheet.tables.filter((t) => (fullyContained ? inside(t.rect, rect) : rectsOverlap(t.rect, rect))).map((t) => ({ sheet, table: t }));
    });
    return c;
  }
  select(): void {
    this.q("range.select", null, () => {
      const { sheet, rect } = this.resolved();
      this.context.fake.activeSheetId = sheet.id;
      this.context.fake.selection = { sheetId: sheet.id, rect: { ...rect } };
    });
  }
  clear(): void {
    this.q("range.clear", null, () => {
      const { sheet, rect } = this.resolved();
      for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) sheet.cells.delete(key(r, c));
    });
  }
}

class PageLayoutProxy extends ClientObject {
  readonly headersFooters: { defaultForAllPages: { centerHeader: string; centerFooter: string } };
  constructor(
    ctx: RequestContext,
    private sheet: WorksheetProxy,
  ) {
    super(ctx);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessors of the object literal below have their own `this`
    const self = this;
    this.headersFooters = {
      defaultForAllPages: {
        set centerHeader(v: string) {
          self.put("pageLayout.headersFooters.centerHeader", v, (p) => (p.centerHeader = v));
        },
        set centerFooter(v: string) {
          self.put("pageLayout.headersFooters.centerFooter", v, (p) => (p.centerFooter = v));
        },
      } as { centerHeader: string; centerFooter: string },
    };
  }
  private put(desc: string, v: unknown, f: (p: PageModel) => void): void {
    requireApi(this.context, "1.9", "pageLayout");
    this.q(desc, v, () => f(this.sheet.model().page));
  }
  set paperSize(v: string) {
    this.put("pageLayout.paperSize", v, (p) => (p.paperSize = v));
  }
  set orientation(v: string) {
    if (v !== "Portrait" && v !== "Landscape") throw new FakeOfficeError("InvalidArgument", `orientation ${v}`);
    this.put("pageLayout.orientation", v, (p) => (p.orientation = v));
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.put("pageLayout.zoom", v, (p) => (p.zoom = { ...v }));
  }
  setPrintTitleRows(rows: string): void {
    this.put("pageLayout.setPrintTitleRows", rows, (p) => {
      if (!/^\$\d+:\$\d+$/.test(rows)) throw new FakeOfficeError("InvalidArgument", `print title rows ${rows}`);
      p.printTitleRows = rows;
    });
  }
}

class FreezePanesProxy extends ClientObject {
  constructor(
    ctx: RequestContext,
    private sheet: WorksheetProxy,
  ) {
    super(ctx);
  }
  private set(rows: number, columns: number, desc: string): void {
    requireApi(this.context, "1.7", "freezePanes");
    this.q(desc, [rows, columns], () => {
      this.sheet.model().freeze = rows > 0 || columns > 0 ? { rows, columns } : null;
    });
  }
  freezeRows(count = 1): void {
    this.set(count, 0, "freezePanes.freezeRows");
  }
  freezeColumns(count = 1): void {
    this.set(0, count, "freezePanes.freezeColumns");
  }
  freezeAt(range: RangeProxy | string): void {
    requireApi(this.context, "1.7", "freezePanes");
    this.q("freezePanes.freezeAt", typeof range === "string" ? range : null, () => {
      const rect = typeof range === "string" ? parseAddress(range) : range.resolved().rect;
      this.sheet.model().freeze = { rows: rect.r1 + 1, columns: rect.c1 + 1 };
    });
  }
  unfreeze(): void {
    this.set(0, 0, "freezePanes.unfreeze");
  }
}

export class TableProxy extends ClientObject {
  constructor(
    ctx: RequestContext,
    private ref: { sheet?: SheetModel; table?: TableModel },
  ) {
    super(ctx);
  }
  bind(sheet: SheetModel, table: TableModel): void {
    this.ref.sheet = sheet;
    this.ref.table = table;
  }
  private model(): { sheet: SheetModel; table: TableModel } {
    const { sheet, table } = this.ref;
    if (!sheet || !table || !sheet.tables.includes(table) || !this.context.fake.sheets.includes(sheet))
      throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist (table).");
    return { sheet, table };
  }
  protected defaultLoad(): string[] {
    return ["name", "id"];
  }
  protected snapshot(p: string): unknown {
    const { table } = this.model();
    if (p === "name") return table.name;
    if (p === "id") return table.id;
    if (p === "style") return table.style ?? "TableStyleMedium2";
    return super.snapshot(p);
  }
  get name(): string {
    return this.get_("name") as string;
  }
  set name(v: string) {
    this.loaded.name = v;
    this.q("table.name", v, () => {
      const { table } = this.model();
      if (!validTableName(v)) throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: table name ${v}`);
      const clash = this.context.fake.allTables().find((x) => x.table !== table && x.table.name.toLowerCase() === v.toLowerCase());
      if (clash) throw new FakeOfficeError("InvalidArgument", `A table named ${v} already exists.`);
      table.name = v;
    });
  }
  set style(v: string) {
    this.q("table.style", v, () => {
      this.model().table.style = v;
    });
  }
  set showBandedRows(_v: boolean) {
    this.q("table.showBandedRows", _v, () => undefined);
  }
  getRange(): RangeProxy {
    return this.part("table.getRange", (t) => t.rect);
  }
  getHeaderRowRange(): RangeProxy {
    return this.part("table.getHeaderRowRange", (t) => ({ ...t.rect, r1: t.rect.r0 }));
  }
  getDataBodyRange(): RangeProxy {
    return this.part("table.getDataBodyRange", (t) => ({ ...t.rect, r0: t.rect.r0 + 1 }));
  }
  private part(desc: string, f: (t: TableModel) => Rect): RangeProxy {
    const w = new WorksheetProxy(this.context);
    const r = new RangeProxy(this.context, w);
    this.q(desc, null, () => {
      const { sheet, table } = this.model();
      w.bind(sheet.id);
      r.bindRect(f(table));
    });
    return r;
  }
  delete(): void {
    this.q("table.delete", null, () => {
      const { sheet, table } = this.model();
      sheet.tables.splice(sheet.tables.indexOf(table), 1);
    });
  }
}

/** A table proxy bound to a table of a sheet (what the table collections' loads make). */
const tableProxy =
  (ctx: RequestContext) =>
  ({ sheet, table }: { sheet: SheetModel; table: TableModel }): TableProxy => {
    const p = new TableProxy(ctx, {});
    p.bind(sheet, table);
    return p;
  };

class TableCollectionProxy extends CollectionProxy<TableProxy> {
  constructor(
    ctx: RequestContext,
    private sheet: WorksheetProxy | undefined,
  ) {
    super(ctx);
  }
  load(props?: string | string[] | { select?: string | string[] }): this {
    const found = () => (this.sheet ? this.sheet.model().tables.map((t) => ({ sheet: this.sheet!.model(), table: t })) : this.context.fake.allTables());
    return this.loadItems("tables.load", props, found, tableProxy(this.context), ["name", "id"]);
  }
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    const t = new TableProxy(this.context, {});
    const fake = this.context.fake;
    this.q("tables.add", [typeof address === "string" ? address : null, hasHeaders], () => {
      let sheet: SheetModel;
      let rect: Rect;
      if (typeof address === "string") {
        const a = parseAddress(address);
        const s = a.sheet !== undefined ? fake.findSheet(a.sheet) : this.sheet?.model();
        if (!s) throw new FakeOfficeError("InvalidArgument", `no sheet for table address ${address}`);
        sheet = s;
        rect = a;
      } else ({ sheet, rect } = address.resolved());
      if (this.sheet && this.sheet.model() !== sheet) throw new FakeOfficeError("InvalidArgument", "the table range is on another sheet");
      if (sheet.tables.some((x) => rectsOverlap(x.rect, rect))) throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
      if (hasHeaders && rect.r1 === rect.r0) rect = { ...rect, r1: rect.r1 + 1 }; // a header-only range gets one empty data row
      if (hasHeaders) {
        // Excel makes headers unique, non-empty text
        const seen = new Set<string>();
        for (let c = rect.c0; c <= rect.c1; c++) {
          const cell = fake.cellAt(sheet, rect.r0, c);
          let h = cell.value === undefined ? `Column${c - rect.c0 + 1}` : String(cell.value);
          const base = h;
          for (let k = 2; seen.has(h.toLowerCase()); k++) h = `${base}${k}`;
          seen.add(h.toLowerCase());
          cell.value = h;
        }
      }
      let n = 1;
      while (fake.allTables().some((x) => x.table.name.toLowerCase() === `table${n}`)) n++;
      const model: TableModel = { id: String(fake.newId("table")), name: `Table${n}`, rect, hasHeaders };
      sheet.tables.push(model);
      t.bind(sheet, model);
    });
    return t;
  }
  getItem(name: string): TableProxy {
    const t = new TableProxy(this.context, {});
    this.q("tables.getItem", name, () => {
      const hit = this.context.fake.allTables().find((x) => x.table.name.toLowerCase() === name.toLowerCase());
      if (!hit) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: table ${name}`);
      t.bind(hit.sheet, hit.table);
    });
    return t;
  }
}

class TableScopedCollectionProxy extends CollectionProxy<TableProxy> {
  found: Array<{ sheet: SheetModel; table: TableModel }> | undefined;
  load(props?: string | string[] | { select?: string | string[] }): this {
    return this.loadItems("tables.load", props, () => this.found ?? [], tableProxy(this.context), ["name", "id"]);
  }
  getFirst(): TableProxy {
    const t = new TableProxy(this.context, {});
    this.q("tables.getFirst", null, () => {
      const f = this.found?.[0];
      if (!f) throw new FakeOfficeError("ItemNotFound", "There is no table.");
      t.bind(f.sheet, f.table);
    });
    return t;
  }
}

class ChartCollectionProxy extends CollectionProxy<ChartProxy> {
  constructor(
    ctx: RequestContext,
    private sheet: WorksheetProxy,
  ) {
    super(ctx);
  }
  load(props?: string | string[] | { select?: string | string[] }): this {
    const make = (c: ChartModel) => {
      const p = new ChartProxy(this.context);
      p.model = c;
      return p;
    };
    return this.loadItems("charts.load", props, () => this.sheet.model().charts, make, ["name"]);
  }
  add(type: string, source: RangeProxy, seriesBy?: string): ChartProxy {
    const ch = new ChartProxy(this.context);
    const fake = this.context.fake;
    this.q("charts.add", [type, seriesBy ?? "Auto"], () => {
      const host = this.sheet.model();
      const { sheet, rect } = source.resolved();
      if (!Object.values(ENUMS.ChartType).includes(type)) throw new FakeOfficeError("InvalidArgument", `unknown chart type ${type}`);
      // Excel's guess: a text first row gives the series names, every column is a series
      const firstRowText = fake.readValues(sheet, { ...rect, r1: rect.r0 }).every((row) => row.every((v) => typeof v === "string" && v !== ""));
      const dataR0 = firstRowText && rect.r1 > rect.r0 ? rect.r0 + 1 : rect.r0;
      const series: SeriesModel[] = [];
      for (let c = rect.c0; c <= rect.c1; c++)
        series.push({
          name: firstRowText ? String(sheet.cells.get(key(rect.r0, c))?.value) : `Series${series.length + 1}`,
          values: { sheetId: sheet.id, rect: { r0: dataR0, r1: rect.r1, c0: c, c1: c } },
        });
      const m: ChartModel = {
        id: fake.newId("chart"),
        name: `Chart ${host.charts.length + 1}`,
        type,
        seriesBy: seriesBy ?? "Auto",
        source: { sheetId: sheet.id, rect },
        series,
      };
      host.charts.push(m);
      ch.model = m;
    });
    return ch;
  }
}

class ChartAxisTitle {
  constructor(
    private chart: ChartProxy,
    private which: "categoryAxisTitle" | "valueAxisTitle" | "seriesAxisTitle",
  ) {}
  set text(v: string) {
    this.chart.enqueueOnModel(`axes.${this.which}.text`, v, (m) => {
      if (this.which === "seriesAxisTitle" && !/^Surface|^3D/.test(m.type))
        throw new FakeOfficeError("InvalidArgument", `a ${m.type} chart has no series axis`);
      m[this.which] = v;
    });
  }
}

export class ChartProxy extends ClientObject {
  model: ChartModel | undefined;
  readonly title: { text: string; visible?: boolean };
  readonly axes: {
    categoryAxis: { title: ChartAxisTitle; minimum: number; maximum: number; numberFormat: string; tickLabelSpacing: number };
    valueAxis: { title: ChartAxisTitle; minimum: number; maximum: number; numberFormat: string };
    seriesAxis: { title: ChartAxisTitle };
  };
  readonly legend: { visible: boolean; position: string };
  readonly series: ChartSeriesCollectionProxy;
  constructor(ctx: RequestContext) {
    super(ctx);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessors of the object literal below have their own `this`
    const self = this;
    this.title = {
      set text(v: string) {
        self.enqueueOnModel("chart.title.text", v, (m) => (m.title = v));
      },
    } as { text: string };
    const axis = (which: "categoryAxis" | "valueAxis", title: ChartAxisTitle) => ({
      title,
      set minimum(v: number) {
        self.enqueueOnModel(`axes.${which}.minimum`, v, (m) => (m[which] = { ...m[which], minimum: v }));
      },
      set maximum(v: number) {
        self.enqueueOnModel(`axes.${which}.maximum`, v, (m) => (m[which] = { ...m[which], maximum: v }));
      },
      set numberFormat(v: string) {
        self.enqueueOnModel(`axes.${which}.numberFormat`, v, (m) => (m[which] = { ...m[which], numberFormat: v }));
      },
      set tickLabelSpacing(v: number) {
        if (which !== "categoryAxis") throw new FakeOfficeError("InvalidArgument", "tickLabelSpacing applies to a category axis");
        self.enqueueOnModel(`axes.${which}.tickLabelSpacing`, v, (m) => (m.categoryAxis = { ...m.categoryAxis, tickLabelSpacing: v }));
      },
    });
    this.axes = {
      categoryAxis: axis("categoryAxis", new ChartAxisTitle(this, "categoryAxisTitle")) as ChartProxy["axes"]["categoryAxis"],
      valueAxis: axis("valueAxis", new ChartAxisTitle(this, "valueAxisTitle")) as ChartProxy["axes"]["valueAxis"],
      seriesAxis: { title: new ChartAxisTitle(this, "seriesAxisTitle") },
    };
    this.legend = {
      set visible(v: boolean) {
        self.enqueueOnModel("legend.visible", v, (m) => (m.legend = { ...m.legend, visible: v }));
      },
      set position(v: string) {
        self.enqueueOnModel("legend.position", v, (m) => (m.legend = { ...m.legend, position: v }));
      },
    } as { visible: boolean; position: string };
    this.series = new ChartSeriesCollectionProxy(ctx, this);
  }
  enqueueOnModel(desc: string, args: unknown, f: (m: ChartModel) => void): void {
    this.q(desc, args, () => f(this.chartModel()));
  }
  chartModel(): ChartModel {
    if (!this.model) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist (chart).");
    return this.model;
  }
  protected snapshot(p: string): unknown {
    const m = this.chartModel();
    if (p === "name") return m.name;
    if (p === "id") return m.id;
    return super.snapshot(p);
  }
  get name(): string {
    return this.get_("name") as string;
  }
  set name(v: string) {
    this.enqueueOnModel("chart.name", v, (m) => (m.name = v));
  }
  setPosition(start: RangeProxy | string, end?: RangeProxy | string): void {
    const addr = (x: RangeProxy | string) => (typeof x === "string" ? x : rectAddress(x.resolved().rect));
    this.enqueueOnModel("chart.setPosition", [typeof start === "string" ? start : null, typeof end === "string" ? end : null], (m) => {
      const s = addr(start);
      parseAddress(s);
      m.position = end === undefined ? { start: s } : { start: s, end: addr(end) };
    });
  }
  set top(_v: number) {
    this.enqueueOnModel("chart.top", _v, () => undefined);
  }
  set left(_v: number) {
    this.enqueueOnModel("chart.left", _v, () => undefined);
  }
  set width(_v: number) {
    this.enqueueOnModel("chart.width", _v, () => undefined);
  }
  set height(_v: number) {
    this.enqueueOnModel("chart.height", _v, () => undefined);
  }
  delete(): void {
    this.q("chart.delete", null, () => {
      for (const s of this.context.fake.sheets) {
        const i = s.charts.indexOf(this.chartModel());
        if (i >= 0) s.charts.splice(i, 1);
      }
    });
  }
}

class ChartSeriesCollectionProxy extends CollectionProxy<ChartSeriesProxy> {
  constructor(
    ctx: RequestContext,
    private chart: ChartProxy,
  ) {
    super(ctx);
  }
  load(props?: string | string[] | { select?: string | string[] }): this {
    const make = (m: SeriesModel) => {
      const s = new ChartSeriesProxy(this.context);
      s.model = m;
      return s;
    };
    return this.loadItems("series.load", props, () => this.chart.chartModel().series, make, ["name"]);
  }
  getItemAt(i: number): ChartSeriesProxy {
    const s = new ChartSeriesProxy(this.context);
    this.q("series.getItemAt", i, () => {
      const m = this.chart.chartModel().series[i];
      if (!m) throw new FakeOfficeError("ItemNotFound", `The chart has no series ${i}`);
      s.model = m;
    });
    return s;
  }
  add(name?: string): ChartSeriesProxy {
    requireApi(this.context, "1.7", "series.add");
    const s = new ChartSeriesProxy(this.context);
    this.q("series.add", name ?? null, () => {
      const list = this.chart.chartModel().series;
      const m: SeriesModel = { name: name ?? `Series${list.length + 1}` };
      list.push(m);
      s.model = m;
    });
    return s;
  }
}

export class ChartSeriesProxy extends ClientObject {
  model: SeriesModel | undefined;
  private m(): SeriesModel {
    if (!this.model) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist (series).");
    return this.model;
  }
  protected snapshot(p: string): unknown {
    if (p === "name") return this.m().name;
    return super.snapshot(p);
  }
  get name(): string {
    return this.get_("name") as string;
  }
  set name(v: string) {
    this.q("series.name", v, () => (this.m().name = v));
  }
  setValues(r: RangeProxy): void {
    requireApi(this.context, "1.7", "series.setValues");
    this.q("series.setValues", null, () => {
      const { sheet, rect } = r.resolved();
      this.m().values = { sheetId: sheet.id, rect: { ...rect } };
    });
  }
  setXAxisValues(r: RangeProxy): void {
    requireApi(this.context, "1.7", "series.setXAxisValues");
    this.q("series.setXAxisValues", null, () => {
      const { sheet, rect } = r.resolved();
      this.m().xValues = { sheetId: sheet.id, rect: { ...rect } };
    });
  }
  delete(): void {
    this.q("series.delete", null, () => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Install as globals

interface Installed {
  fake: FakeExcel;
  previous: Record<string, unknown>;
  had: Record<string, boolean>;
}
const INSTALLED_KEY = "__coordlabFakeOffice";

/**
 * Put `Excel`, `Office` and `OfficeExtension` of a fake on `target` (globalThis in tests, window
 * in a browser page that does not load office.js). Returns the fake for inspection.
 */
export function installFakeOffice(target: object = globalThis, fake: FakeExcel | FakeOptions = new FakeExcel()): FakeExcel {
  const f = fake instanceof FakeExcel ? fake : new FakeExcel(fake);
  const t = target as Record<string, unknown>;
  if (t[INSTALLED_KEY]) uninstallFakeOffice(target);
  const names = ["Excel", "Office", "OfficeExtension"];
  const inst: Installed = { fake: f, previous: {}, had: {} };
  for (const n of names) {
    inst.had[n] = n in t;
    inst.previous[n] = t[n];
  }
  t.Excel = f.excelGlobal();
  t.Office = f.officeGlobal();
  t.OfficeExtension = { Error: FakeOfficeError, ErrorCodes: ENUMS.ErrorCodes };
  t[INSTALLED_KEY] = inst;
  return f;
}

/** Restore what `installFakeOffice` replaced. */
export function uninstallFakeOffice(target: object = globalThis): void {
  const t = target as Record<string, unknown>;
  const inst = t[INSTALLED_KEY] as Installed | undefined;
  if (!inst) return;
  for (const n of Object.keys(inst.previous)) {
    if (inst.had[n]) t[n] = inst.previous[n];
    else delete t[n];
  }
  delete t[INSTALLED_KEY];
}
