/**
 * A sheet's cells stored by column (issue 17): what the command line parses a large CSV into.
 * A geodetector-only file at Excel's sheet limit (1,048,575 data rows x 8 columns) as a
 * `Cell[][]` is a million row arrays and millions of boxed numbers, which the garbage collector
 * marks again and again (most of a 30 s run); by column it is one Float64Array per column (NaN
 * where the cell is not a number) and, only for a column holding text, an array of the texts
 * (repeated texts shared).
 *
 * `parseCsvColumns(text)` gives exactly the cells `parseCsv(text)` gives (`toRows()` equals it;
 * tests/report/columns.test.ts): papaparse splits the records (a `step` per record, so no
 * record arrays are kept), each field goes through the same rules as `parseCell`, and whatever
 * `parseCsv` would stop on (an unclosed quote, a record with more fields than the header, a
 * control character) is handed to `parseCsvDetailed` itself, which names it as before.
 *
 * Hot path (bench/NOTES.md, issue 17): plain decimal fields ("12", "-0.5", "3.25e-4") are read
 * from their character codes; with at most 15 significant digits and a power of ten up to 22
 * the value m / 10^k (or m · 10^k) is the correctly rounded double (both operands are exact, one
 * IEEE division or product), so it equals Number(text); any other field takes `parseCell`.
 */
import Papa from "papaparse";
import { Cell, CsvOptions, Decimal, decimalStyle, detectDelimiter, parseCell, parseCsvDetailed } from "./csv";

/** Cells by column; row 0 = the file's first record (spreadsheet row 1), trailing blank rows and columns removed. */
export class ColumnCells {
  private rowsCache: Cell[][] | undefined;
  constructor(
    /** Rows (header and blank rows included). */
    readonly rowCount: number,
    /** Columns. */
    readonly width: number,
    /** Per column: the number of each row, NaN where the cell is not a number. */
    private readonly num: Float64Array[],
    /** Per column: the text of each row that is text (undefined elsewhere), or undefined when the column has no text. */
    private readonly text: Array<Array<string | undefined> | undefined>,
    /** 1 for a row holding any non-empty cell. */
    private readonly filled: Uint8Array,
    /** Per column: the logical cells (TRUE/FALSE of a workbook) by row, or undefined when the column has none. */
    private readonly logical: Array<Map<number, boolean> | undefined> = [],
  ) {}

  /** The cell at row r, column j (null when empty or outside). */
  get(r: number, j: number): Cell {
    if (j >= this.width || r >= this.rowCount || j < 0 || r < 0) return null;
    const v = this.num[j][r];
    if (v === v) return v;
    const t = this.text[j]?.[r];
    if (t !== undefined) return t;
    const b = this.logical[j];
    return b === undefined ? null : (b.get(r) ?? null);
  }

  /** Column j (j < width): its numbers (NaN where not a number) and its texts (undefined when it has none); a logical cell is in neither (read it with `get`). */
  column(j: number): { num: Float64Array; text: ReadonlyArray<string | undefined> | undefined } {
    return { num: this.num[j], text: this.text[j] };
  }

  /** Whether row r holds no non-empty cell. */
  isBlank(r: number): boolean {
    return this.filled[r] !== 1;
  }

  /** Row r as an array of `width` cells. */
  row(r: number): Cell[] {
    const out: Cell[] = new Array(this.width);
    for (let j = 0; j < this.width; j++) out[j] = this.get(r, j);
    return out;
  }

  /** Index of the first non-blank row, -1 when there is none. */
  firstFilledRow(): number {
    for (let r = 0; r < this.rowCount; r++) if (this.filled[r] === 1) return r;
    return -1;
  }

  /** Non-blank rows below row `h`. */
  filledRowsAfter(h: number): number {
    let n = 0;
    for (let r = h + 1; r < this.rowCount; r++) n += this.filled[r];
    return n;
  }

  /** All cells as rows (what `parseCsv` returns), built once. */
  toRows(): Cell[][] {
    if (!this.rowsCache) {
      const rows: Cell[][] = new Array(this.rowCount);
      for (let r = 0; r < this.rowCount; r++) rows[r] = this.row(r);
      this.rowsCache = rows;
    }
    return this.rowsCache;
  }

  /** Cells by column from rows (already tidy: one width). */
  static fromRows(rows: Cell[][]): ColumnCells {
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    const b = new ColumnBuilder(rows.length);
    rows.forEach((r, i) => {
      b.prepare(i, Math.max(1, r.length));
      r.forEach((c, j) => b.set(i, j, c));
      b.endRow(i);
    });
    const out = b.finish(rows.length, width);
    out.rowsCache = rows;
    return out;
  }
}

/** Cells of a sheet: rows, or by column. */
export type SheetCells = Cell[][] | ColumnCells;

/** The rows of sheet cells (built from the columns when needed). */
export function asRows(cells: SheetCells): Cell[][] {
  return cells instanceof ColumnCells ? cells.toRows() : cells;
}

/** The first non-empty row (the header), [] when there is none. */
export function headerOf(cells: SheetCells): Cell[] {
  if (cells instanceof ColumnCells) {
    const h = cells.firstFilledRow();
    return h < 0 ? [] : cells.row(h);
  }
  return cells.find((r) => r.some((c) => c !== null && c !== "")) ?? [];
}

/** Non-empty rows below the header (0 for an empty sheet). */
export function dataRowCount(cells: SheetCells): number {
  if (cells instanceof ColumnCells) {
    const h = cells.firstFilledRow();
    return h < 0 ? 0 : cells.filledRowsAfter(h);
  }
  const filled = (r: Cell[]) => r.some((c) => c !== null && !(typeof c === "string" && c.trim() === ""));
  const h = cells.findIndex(filled);
  return h < 0 ? 0 : cells.slice(h + 1).filter(filled).length;
}

const GROW = 1024;
/** Distinct texts per column shared through a map (beyond that, texts are stored as they come). */
const MAX_SHARED = 1 << 16;

/** Cells set one at a time (row by row, or in any order) into columns; `finish` gives the ColumnCells. */
export class ColumnBuilder {
  private num: Float64Array[] = [];
  private text: Array<Array<string | undefined> | undefined> = [];
  private shared: Array<Map<string, string> | undefined> = [];
  private logical: Array<Map<number, boolean> | undefined> = [];
  private filled: Uint8Array;
  private capacity: number;
  /** Last column with a non-empty cell in the current row, -1 when none. */
  rowLast = -1;
  /** Columns up to the last non-empty cell of any row. */
  width = 0;
  /** Last non-blank row. */
  lastRow = -1;

  /** `rows`: the expected number of rows (the columns grow beyond it when needed). */
  constructor(rows = GROW) {
    this.capacity = Math.max(16, rows);
    this.filled = new Uint8Array(this.capacity);
  }

  private ensure(r: number, j: number): void {
    if (r >= this.capacity) {
      let c = this.capacity;
      while (c <= r) c *= 2;
      for (let k = 0; k < this.num.length; k++) {
        const a = new Float64Array(c).fill(NaN);
        a.set(this.num[k]);
        this.num[k] = a;
      }
      const f = new Uint8Array(c);
      f.set(this.filled);
      this.filled = f;
      this.capacity = c;
    }
    while (this.num.length <= j) {
      this.num.push(new Float64Array(this.capacity).fill(NaN));
      this.text.push(undefined);
      this.shared.push(undefined);
    }
  }

  /** Room for row r and columns 0..width-1 (before the row's cells are set). */
  prepare(r: number, width: number): void {
    this.ensure(r, width - 1);
  }

  /** A number at (r, j) (after `prepare`). */
  setNumber(r: number, j: number, v: number): void {
    this.num[j][r] = v;
    if (j > this.rowLast) this.rowLast = j;
  }

  /** A non-empty text at (r, j) (after `prepare`). */
  setText(r: number, j: number, s: string): void {
    let t = this.text[j];
    if (!t) t = this.text[j] = [];
    let m = this.shared[j];
    if (!m) m = this.shared[j] = new Map();
    const known = m.get(s);
    if (known !== undefined) s = known;
    else if (m.size < MAX_SHARED) m.set(s, s);
    // fill the holes up to r so that the array stays a plain (holey) array, not a dictionary
    while (t.length < r) t.push(undefined);
    t[r] = s;
    if (j > this.rowLast) this.rowLast = j;
  }

  /** A non-empty text at (r, j) (after `prepare`) that is already shared (a workbook's shared string): no lookup. */
  setSharedText(r: number, j: number, s: string): void {
    let t = this.text[j];
    if (!t) t = this.text[j] = [];
    while (t.length < r) t.push(undefined);
    t[r] = s;
    if (j > this.rowLast) this.rowLast = j;
  }

  /** A logical cell at (r, j) (after `prepare`). */
  setLogical(r: number, j: number, b: boolean): void {
    let m = this.logical[j];
    if (!m) m = this.logical[j] = new Map();
    m.set(r, b);
    if (j > this.rowLast) this.rowLast = j;
  }

  /** Any cell at (r, j) (after `prepare`); null sets nothing. */
  set(r: number, j: number, c: Cell): void {
    if (c === null) return;
    if (typeof c === "number") this.setNumber(r, j, c);
    else if (typeof c === "boolean") this.setLogical(r, j, c);
    else this.setText(r, j, c);
  }

  /** Closes row r: returns the filled width of the row (its last non-empty cell + 1). */
  endRow(r: number): number {
    const w = this.rowLast + 1;
    if (w > 0) {
      this.ensure(r, 0);
      this.filled[r] = 1;
      this.lastRow = r;
      if (w > this.width) this.width = w;
    }
    this.rowLast = -1;
    return w;
  }

  finish(rows = this.lastRow + 1, width = this.width): ColumnCells {
    const num: Float64Array[] = [];
    const text: Array<Array<string | undefined> | undefined> = [];
    const logical: Array<Map<number, boolean> | undefined> = [];
    for (let j = 0; j < width; j++) {
      num.push(j < this.num.length ? this.num[j].subarray(0, rows) : new Float64Array(rows).fill(NaN));
      text.push(this.text[j]);
      logical.push(this.logical[j]);
    }
    const filled = new Uint8Array(rows);
    filled.set(this.filled.subarray(0, Math.min(rows, this.capacity)));
    return new ColumnCells(rows, width, num, text, filled, logical);
  }
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * The number of a plain decimal field ("12", "-0.5", "+3", ".5", "5.", "1.5e-3": no blanks, no
 * separators; s[from, to), default all of s), exactly as `Number(s)`; undefined when the field is not plain (then `parseCell`
 * decides), or when it is a code with a leading zero ("007": text, as `parseNumber` says).
 */
export function plainNumber(s: string, decimal: Decimal, from = 0, to = s.length): number | undefined {
  const n = to;
  let i = from;
  let neg = false;
  let c = n > i ? s.charCodeAt(i) : 0;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let m = 0;
  let digits = 0; // significant digits in m
  let intDigits = 0;
  let fracDigits = 0;
  let scale = 0; // m · 10^scale
  const start = i;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (intDigits === 1 && s.charCodeAt(start) === 48) return undefined; // "007", "00": a code, text
    intDigits++;
    if (digits > 0 || c !== 48) {
      if (digits >= 15) return undefined;
      m = m * 10 + (c - 48);
      digits++;
    }
  }
  if (i < n && c === 46) {
    if (decimal !== ".") return undefined;
    for (i++; i < n; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      fracDigits++;
      if (digits > 0 || c !== 48) {
        if (digits >= 15) return undefined;
        m = m * 10 + (c - 48);
        digits++;
      }
      scale--;
    }
  }
  if (intDigits + fracDigits === 0) return undefined;
  if (i < n && (c === 101 || c === 69)) {
    i++;
    let eneg = false;
    c = i < n ? s.charCodeAt(i) : 0;
    if (c === 45 || c === 43) {
      eneg = c === 45;
      i++;
    }
    let e = 0;
    let eDigits = 0;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      if (e < 10000) e = e * 10 + (c - 48);
      eDigits++;
    }
    if (eDigits === 0) return undefined;
    scale += eneg ? -e : e;
  }
  if (i !== n) return undefined;
  let v: number;
  if (m === 0) v = 0;
  else if (scale === 0) v = m;
  else if (scale < 0 && scale >= -22) v = m / POW10[-scale];
  else if (scale > 0 && scale <= 22 && digits + scale <= 15) v = m * POW10[scale];
  else return undefined; // rare: Number() and parseCell decide
  return neg ? -v : v;
}

/** A Latin letter or a CJK ideograph: a field starting with one is text, not a number (parseNumber and cellNumber need a digit, sign or point first), and has no leading blank. */
export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x4e00 && c <= 0x9fff);
}

/** A field that is not a plain number: a word (no number starts with a letter), else what parseCell makes of it. */
function addField(b: ColumnBuilder, r: number, j: number, f: string, decimal: Decimal): void {
  if (isLetter(f.charCodeAt(0))) b.setText(r, j, f.trimEnd());
  else b.set(r, j, parseCell(f, decimal));
}

/** The line ending papaparse guesses for a text without quotes (its guessLineEndings, on the first 1 MB). */
function lineEnding(text: string): string {
  const head = text.substring(0, 1024 * 1024);
  const r = head.split("\r");
  const n = head.split("\n");
  if (r.length === 1 || (n.length > 1 && n[0].length < r[0].length)) return "\n";
  let withN = 0;
  for (const part of r) if (part[0] === "\n") withN++;
  return withN >= r.length / 2 ? "\r\n" : "\r";
}

/**
 * CSV text -> cells by column: the cells of `parseCsv(text, options)` (see the module comment).
 * Throws the errors `parseCsv` throws (EMPTY, LENGTH, NOT_NUMERIC), with the same messages.
 */
export function parseCsvColumns(text: string, options: CsvOptions = {}): ColumnCells {
  let src = String(text ?? "");
  if (src.charCodeAt(0) === 0xfeff) src = src.slice(1);
  if (src.trim() === "") return ColumnCells.fromRows(parseCsvDetailed(text, options).cells);
  const delimiter = options.delimiter ?? detectDelimiter(src);
  const inPlace = src.indexOf('"') < 0 && delimiter.length === 1;
  // the control characters parseCsv refuses (checkControlCharacters): looked for here, or while splitting in place
  // eslint-disable-next-line no-control-regex -- the characters this check looks for
  if (!inPlace && /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(src)) return ColumnCells.fromRows(parseCsvDetailed(text, options).cells);
  let decimal: Decimal = options.decimal === undefined || options.decimal === "auto" ? "." : options.decimal;
  const records = { delimiter, skipEmptyLines: false, header: false, dynamicTyping: false } as const;
  if ((options.decimal === undefined || options.decimal === "auto") && delimiter !== ",") {
    // the same decision as parseCsv: a decimal comma when fields write one and none a decimal point
    let comma = false;
    let dot = false;
    Papa.parse<string[]>(src, {
      ...records,
      step: (res, parser) => {
        for (const v of res.data) {
          const d = decimalStyle(v);
          if (d === ",") comma = true;
          else if (d === ".") dot = true;
        }
        if (dot) parser.abort(); // a decimal point anywhere: "."
      },
    });
    decimal = comma && !dot ? "," : ".";
  }
  let lines = 1;
  for (let i = src.indexOf("\n"); i >= 0; i = src.indexOf("\n", i + 1)) lines++;
  const b = new ColumnBuilder(lines);
  let r = 0;
  let headerWidth = -1;
  let bad = false;
  /** Closes a record; false when it is wider than the header (parseCsv names it). */
  const endRecord = (): boolean => {
    const w = b.endRow(r);
    r++;
    if (w === 0) return true;
    if (headerWidth < 0) headerWidth = w;
    return w <= headerWidth;
  };
  if (inPlace) {
    // no quotes: what papaparse does then (its "fast mode": the text split at the line ending it
    // guesses, each line at the delimiter), without a string per number field
    const nl = lineEnding(src);
    const d = delimiter.charCodeAt(0);
    const n = src.length;
    for (let pos = 0; ;) {
      let end = src.indexOf(nl, pos);
      if (end < 0) end = n;
      let fields = 1;
      let control = false;
      for (let k = pos; k < end; k++) {
        const c = src.charCodeAt(k);
        if (c === d) fields++;
        else if (c < 32 ? c !== 9 && c !== 10 && c !== 12 && c !== 13 : c === 127) control = true;
      }
      if (control) {
        bad = true; // parseCsv names the cell
        break;
      }
      b.prepare(r, fields);
      for (let j = 0, from = pos; from <= end; j++) {
        let to = j === fields - 1 ? end : src.indexOf(delimiter, from); // the last field ends the line (no search beyond it)
        if (to < 0 || to > end) to = end;
        if (to > from) {
          const v = plainNumber(src, decimal, from, to);
          if (v !== undefined) b.setNumber(r, j, v);
          else addField(b, r, j, src.slice(from, to), decimal);
        }
        from = to + 1;
      }
      if (!endRecord()) {
        bad = true;
        break;
      }
      if (end >= n) break;
      pos = end + nl.length;
    }
  } else
    Papa.parse<string[]>(src, {
      ...records,
      step: (res, parser) => {
        if (res.errors.some((e) => e.code === "MissingQuotes")) {
          bad = true;
          parser.abort();
          return;
        }
        const data = res.data;
        b.prepare(r, Math.max(1, data.length));
        for (let j = 0; j < data.length; j++) {
          const f = data[j];
          if (f.length === 0) continue;
          const v = plainNumber(f, decimal);
          if (v !== undefined) b.setNumber(r, j, v);
          else addField(b, r, j, f, decimal);
        }
        if (!endRecord()) {
          bad = true;
          parser.abort();
        }
      },
    });
  if (bad) return ColumnCells.fromRows(parseCsvDetailed(text, options).cells);
  return b.finish();
}
