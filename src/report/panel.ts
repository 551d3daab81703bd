/**
 * Cells (a sheet or a CSV as a 2-D array) + roles -> a validated `Panel` (units x periods) or,
 * for the geodetector-only roles, `GeoData`.
 *
 * Row numbers in messages are the spreadsheet's: cells[0] is row 1 (the header row, unless
 * `headerRow` says otherwise), cells[13] is row 14. Errors are CoordError with
 * `where.row` = the 0-based index into `cells` and `where.column` = the header name.
 *
 * Numbers: a cell that is a finite number, or text that is a whole number ("1,234.5",
 * "007", see csv.ts `parseNumber`), is a number. Anything else in an indicator is an error:
 * text -> NOT_NUMERIC (`row 14, column "GDP per capita": text 'n/a' is not a number`),
 * empty -> MISSING unless `dropIncomplete`.
 */
import { CoordError } from "../engine/errors";
import { describeValue } from "../engine/validate";
import { factorKind, textInNumericFactor } from "../engine/geodetector/factorKind";
import { interpolateWithinUnits } from "../engine/interpolate";
import { Cell, parseNumber } from "./csv";
import { ColumnCells, isLetter, SheetCells } from "./columns";
import { columnLetter } from "./model";
import { Direction, FactorKind, GeoRoles, PanelRoles, Roles, RolesFile, parseRoles } from "./roles";

/** What to do with an empty indicator or factor cell (the report's --missing). */
export type MissingMode = "error" | "drop" | "interpolate";
export const MISSING_MODES: readonly MissingMode[] = ["error", "drop", "interpolate"];

export interface PanelOptions {
  /**
   * Empty cells: "error" (default, naming the cell), "drop" the row (with a warning), or
   * "interpolate": an empty indicator or numeric factor cell is filled within its unit's series,
   * linearly in time between the nearest observed periods, with the nearest value at the ends
   * (each filled cell listed in `filled`). An empty id or time cell is an error in every mode but drop.
   */
  missing?: MissingMode;
  /** Alias of missing: "drop" (the command line's --drop-incomplete). */
  dropIncomplete?: boolean;
  /** 1-based sheet row of the column names; default the first non-empty row. */
  headerRow?: number;
}

/** One cell filled by missing "interpolate". */
export interface FilledPanelCell {
  unit: string;
  period: string;
  column: string;
  value: number;
  how: "linear" | "nearest";
  /** 1-based sheet row. */
  row: number;
}

/** The missing mode of the options (dropIncomplete is an alias of "drop"). */
export function missingMode(options: PanelOptions): MissingMode {
  const m = options.missing ?? (options.dropIncomplete ? "drop" : "error");
  if (!MISSING_MODES.includes(m))
    throw new CoordError("OPTION", `missing must be one of ${MISSING_MODES.join(", ")}; got '${String(m)}'`, { argument: "missing" });
  return m;
}

export interface PanelIndicator {
  column: string;
  direction: Direction;
  subsystem: string;
  /** One value per panel row (observation). */
  values: Float64Array;
}

export interface PanelFactor {
  column: string;
  /**
   * How the values are stored: "numeric" when the column is mostly numeric by the engine's rule
   * (factorKind, M8: numbers with at most missing markers such as 'n/a', or more than half
   * numbers) or declared numeric, else "categorical" (text). Whether a numeric factor is then
   * treated as categorical (few whole-number levels) is decided per period by the geodetector.
   */
  kind: FactorKind;
  /** The kind the roles declare (`{ "column": ..., "kind": ... }`): always wins. */
  declared?: FactorKind;
  /** One value per panel row: a number (numeric), a string (categorical), null when empty. */
  values: Array<number | string | null>;
  /** Number of empty cells. */
  missing: number;
}

/** A (unit, period) with no row: Haken pairs across it are skipped. */
export interface PanelGap {
  unit: string;
  period: number;
  /** The period as shown (e.g. "2015"). */
  label: string;
}

/**
 * A panel: one entry per observation (unit x period) in every per-row array, sorted by unit
 * (in order of first appearance in the sheet) then by period.
 */
export interface Panel {
  /** Unit id per row. */
  ids: string[];
  /**
   * Period per row: the time value when the time column is numeric (e.g. 2015), else the
   * position of the row's label in `periodLabels` (0, 1, ...).
   */
  times: number[];
  /** Group per row ("" when the cell is empty), when the roles name a group column. */
  groups?: string[];
  /** Index into `units` per row. */
  unitIndex: number[];
  /** Index into `periods` per row. */
  periodIndex: number[];
  indicators: PanelIndicator[];
  /** Subsystems in roles order, each with the indices of its indicators in `indicators`. */
  subsystems: Array<{ name: string; indicators: number[] }>;
  factors: PanelFactor[];
  /** 1-based spreadsheet row of each panel row, for messages. */
  rowIndex: number[];
  /** Distinct units in order of first appearance. */
  units: string[];
  /** Group of each unit (its first non-empty group cell), when a group column is given. */
  unitGroups?: string[];
  /** Distinct periods, ascending (numbers, or 0..P-1 for text periods). */
  periods: number[];
  /** How each period is shown: String(year) for numeric periods, the label for text ones. */
  periodLabels: string[];
  timeKind: "numeric" | "text";
  /** Missing (unit, period) combinations; not an error. */
  gaps: PanelGap[];
  /** Rows dropped by `dropIncomplete`: 1-based sheet row and why. */
  dropped: Array<{ row: number; reason: string }>;
  /** Cells filled by missing "interpolate": unit, period label, column, value used, and how. */
  filled: FilledPanelCell[];
  /** For the report's Summary: gaps, dropped rows, empty factor cells, units in two groups... */
  warnings: string[];
  /** Column names of the header row. */
  headers: string[];
  roles: PanelRoles;
}

/** Geodetector-only data: y and the factors over the rows. */
export interface GeoData {
  /** y per row; NaN where the y cell is empty (only when `dropIncomplete` is false it is an error). */
  y: Float64Array;
  yColumn: string;
  factors: PanelFactor[];
  ids?: string[];
  groups?: string[];
  rowIndex: number[];
  dropped: Array<{ row: number; reason: string }>;
  warnings: string[];
  headers: string[];
  roles: GeoRoles;
}

const isEmpty = (c: Cell | undefined): boolean => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/** A number from a cell (number, or text holding a whole number), else null. */
export function cellNumber(c: Cell | undefined): number | null {
  if (typeof c === "number") return Number.isFinite(c) ? c : null;
  if (typeof c === "string") {
    const v = parseNumber(c);
    if (v !== null) return v;
    // "007", "0123.5": codes in the CSV, but numbers where a number is needed (as documented)
    const t = c.trim();
    return /^[+-]?0\d+(?:\.\d*)?$/.test(t) ? Number(t) : null;
  }
  return null;
}

function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return "";
  if (typeof c === "boolean") return c ? "TRUE" : "FALSE";
  return String(c).trim();
}

/** `row 14, column "GDP per capita"` */
function at(sheetRow: number, column: string): string {
  return `row ${sheetRow}, column "${column}"`;
}

function badCell(r: number, column: string, c: Cell | undefined, dropHint: boolean): CoordError {
  if (isEmpty(c))
    return new CoordError(
      "MISSING",
      `${at(r + 1, column)}: the cell is empty${dropHint ? "; fill it, drop incomplete rows (--drop-incomplete) or fill gaps over time (--missing interpolate)" : ""}`,
      { argument: "data", row: r, column },
      { key: dropHint ? "error.missingCellDrop" : "error.missingCell", params: { row: r + 1, column } },
    );
  const value =
    typeof c === "string"
      ? { kind: "text", text: c }
      : typeof c === "boolean"
        ? { kind: "logical", text: c ? "TRUE" : "FALSE" }
        : { kind: "other", text: describeValue(c) };
  return new CoordError(
    "NOT_NUMERIC",
    `${at(r + 1, column)}: ${describeValue(c)} is not a number`,
    { argument: "data", row: r, column },
    { key: "error.notNumeric", params: { row: r + 1, column, valueKind: value.kind, valueText: value.text } },
  );
}

interface Sheet {
  headers: string[];
  /** index of the header row in cells */
  h: number;
  col: (name: string) => number;
  warnings: string[];
}

/** Reading a sheet's cells, rows or columns, one cell at a time. */
interface Grid {
  rows: number;
  get: (r: number, j: number) => Cell | undefined;
  blank: (r: number) => boolean;
  row: (r: number) => Cell[];
  /** The cells by column, when the sheet is stored so. */
  columns?: ColumnCells;
}

function grid(cells: SheetCells): Grid {
  if (cells instanceof ColumnCells)
    return { rows: cells.rowCount, get: (r, j) => cells.get(r, j), blank: (r) => cells.isBlank(r), row: (r) => cells.row(r), columns: cells };
  return { rows: cells ? cells.length : 0, get: (r, j) => cells[r][j], blank: (r) => !cells[r] || cells[r].every(isEmpty), row: (r) => cells[r] ?? [] };
}

function readHeader(cells: Grid, headerRow?: number): Sheet {
  let first = -1;
  for (let r = 0; r < cells.rows && first < 0; r++) if (!cells.blank(r)) first = r;
  if (first < 0) throw new CoordError("EMPTY", "the sheet is empty: no header row and no data", { argument: "data" });
  let h: number;
  if (headerRow !== undefined) {
    if (!Number.isInteger(headerRow) || headerRow < 1 || headerRow > cells.rows)
      throw new CoordError("OPTION", `headerRow must be a row of the sheet (1 to ${cells.rows}); got ${headerRow}`, { argument: "headerRow" });
    h = headerRow - 1;
    if (cells.blank(h)) throw new CoordError("MISSING", `row ${headerRow} should hold the column names but is empty`, { argument: "data", row: h });
  } else h = first;
  const row = cells.row(h);
  // a row of mostly numbers is data, not column names (a header without its data rows' text)
  const filled = row.filter((c) => !isEmpty(c));
  const numbers = filled.filter((c) => cellNumber(c) !== null);
  if (filled.length > 1 && numbers.length * 2 > filled.length)
    throw new CoordError(
      "MISSING",
      `row ${h + 1} should hold the column names but holds numbers (${numbers.slice(0, 3).map(String).join(", ")}${numbers.length > 3 ? ", ..." : ""}); add a header row`,
      { argument: "data", row: h },
    );
  const headers = row.map(cellText);
  const warnings: string[] = [];
  const positions = new Map<string, number[]>();
  headers.forEach((name, j) => {
    if (name === "") return;
    const list = positions.get(name) ?? [];
    list.push(j);
    positions.set(name, list);
  });
  for (const [name, js] of positions)
    if (js.length > 1) warnings.push(`columns ${js.map((j) => columnLetter(j + 1)).join(" and ")} are both named "${name}"; they are not used`);
  return {
    headers,
    h,
    warnings,
    col: (name) => {
      const js = positions.get(name) ?? [];
      if (js.length !== 1)
        throw new CoordError(
          "OPTION",
          js.length === 0
            ? `column "${name}" is not in the header row (row ${h + 1})`
            : `columns ${js.map((j) => columnLetter(j + 1)).join(" and ")} are both named "${name}"; rename one of them`,
          { argument: "data", column: name },
        );
      return js[0];
    },
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function listRows(rows: number[], max = 8): string {
  const shown = rows.slice(0, max).join(", ");
  return rows.length > max ? `${shown}, ... (${rows.length} in all)` : shown;
}

/**
 * The kind the engine's rule (factorKind, M8) gives a factor's `values` as built here: with the
 * auto discretization, or with any when the kind does not depend on it (declared, text).
 */
const KNOWN_KINDS = new WeakMap<object, { kind: FactorKind; anyDiscretization: boolean }>();

/** The engine's kind of a factor's values built by buildPanel/buildGeoData, when known without a pass over them. */
export function knownFactorKind(values: object, explicitDiscretization: boolean): FactorKind | undefined {
  const k = KNOWN_KINDS.get(values);
  return k && (!explicitDiscretization || k.anyDiscretization) ? k.kind : undefined;
}

/** Build the factor columns over the kept rows; warnings for empty cells. */
function buildFactors(
  cells: Grid,
  kept: number[],
  factors: Array<{ column: string; kind?: FactorKind }>,
  col: (name: string) => number,
  warnings: string[],
  drop = false,
): PanelFactor[] {
  return factors.map((f) => {
    const j = col(f.column);
    // one pass: the cells, and what the engine's rule reads (M8, issue 11: text cells in a mostly
    // numeric column are missing values)
    const raw: Array<Cell | null> = new Array(kept.length);
    const parsed: Array<number | string | null> = new Array(kept.length);
    const byColumn = cells.columns && j < cells.columns.width ? cells.columns.column(j) : undefined;
    for (let i = 0; i < kept.length; i++) {
      if (byColumn) {
        // a column of numbers read straight from its Float64Array (a million rows)
        const x = byColumn.num[kept[i]];
        if (x === x) {
          raw[i] = parsed[i] = x;
          continue;
        }
        // a word (trimmed by the parser): no number, no leading-zero code, its own text
        const t = byColumn.text?.[kept[i]];
        if (t !== undefined && isLetter(t.charCodeAt(0))) {
          raw[i] = parsed[i] = t;
          continue;
        }
      }
      const c = cells.get(kept[i], j) ?? null;
      raw[i] = c;
      parsed[i] = typeof c === "number" && Number.isFinite(c) ? c : isEmpty(c) ? null : (cellNumber(c) ?? cellText(c));
    }
    const decision = factorKind(parsed, { declared: f.kind ?? null, argument: f.column });
    const kind: FactorKind = f.kind ?? (decision.basis === "text" || parsed.every((v) => v === null) ? "categorical" : "numeric");
    const textRows = kind === "numeric" ? decision.textRows : [];
    if (textRows.length > 0 && !drop)
      throw textInNumericFactor(parsed, textRows, f.column, (i) => at(kept[i] + 1, f.column), { argument: "data", row: kept[textRows[0]], column: f.column });
    const textSet = new Set(textRows);
    const missingRows: number[] = [];
    if (textRows.length === 0) {
      for (let i = 0; i < kept.length; i++) if (parsed[i] === null) missingRows.push(kept[i] + 1);
    } else for (let i = 0; i < kept.length; i++) if (parsed[i] === null || textSet.has(i)) missingRows.push(kept[i] + 1);
    // a numeric factor: the parsed cells are its values (text rows, missing values, set to null); no second copy.
    // (Every other parsed cell of a numeric factor is a number or null: the engine's rule lists every text cell in textRows.)
    const values =
      kind === "numeric"
        ? textRows.length > 0
          ? parsed.map((v, i) => (textSet.has(i) ? null : v))
          : parsed
        : raw.map((c, i): number | string | null => {
            if (isEmpty(c) || textSet.has(i)) return null;
            if (kind === "categorical") return typeof c === "number" ? String(c) : cellText(c);
            const v = cellNumber(c);
            if (v === null)
              throw new CoordError("NOT_NUMERIC", `${at(kept[i] + 1, f.column)}: ${describeValue(c)} is not a number (the roles make this factor numeric)`, {
                argument: "data",
                row: kept[i],
                column: f.column,
              });
            return v;
          });
    if (textRows.length > 0)
      warnings.push(
        `factor "${f.column}": ${plural(textRows.length, "text cell")} in a numeric column taken as missing (${textRows
          .slice(0, 8)
          .map((i) => `row ${kept[i] + 1} '${cellText(raw[i])}'`)
          .join(", ")}${textRows.length > 8 ? ", ..." : ""})`,
      );
    const empty = missingRows.length - textRows.length;
    if (empty > 0)
      warnings.push(
        `factor "${f.column}": ${plural(empty, "empty cell")} (row ${listRows(kept.filter((_, i) => isEmpty(raw[i])).map((r) => r + 1))}); those rows are left out of this factor's detectors`,
      );
    // the engine's decision on these very values, kept for the geodetector (factorKind over a million rows is not free)
    if (values === parsed) KNOWN_KINDS.set(values, { kind: decision.kind, anyDiscretization: decision.basis === "declared" });
    else if (kind === "categorical" && (decision.basis === "declared" || decision.basis === "text"))
      KNOWN_KINDS.set(values, { kind: "categorical", anyDiscretization: true });
    return { column: f.column, kind, ...(f.kind ? { declared: f.kind } : {}), values, missing: missingRows.length };
  });
}

/** An indicator's numbers in `order` (NaN where not a number): from the column's Float64Array when the cells are by column, no boxed number per cell. */
function indicatorValues(cells: Grid, order: number[], j: number): Float64Array {
  const out = new Float64Array(order.length);
  const num = cells.columns && j < cells.columns.width ? cells.columns.column(j).num : undefined;
  for (let i = 0; i < order.length; i++) {
    const x = num ? num[order[i]] : NaN;
    out[i] = x === x ? x : (cellNumber(cells.get(order[i], j)) ?? NaN);
  }
  return out;
}

/** Natural order for text periods: "2011Q2" < "2011Q10", numbers inside compared as numbers. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
}

/**
 * Build a validated panel from a sheet's cells and panel roles (a roles file, its JSON text, or
 * validated `Roles`; they are checked against the header row).
 *
 * Errors (CoordError): EMPTY (no header / no data rows), MISSING (header row of numbers; an
 * empty id, time or indicator cell unless dropIncomplete), NOT_NUMERIC (text in an indicator
 * or a numeric time column), OPTION (roles problems, see `parseRoles`; geodetector roles),
 * UNDEFINED (two rows for one unit and period: both rows named), TOO_FEW (fewer than 2 units).
 * A unit missing a period is not an error: see `gaps` and `warnings`.
 */
export function buildPanel(input: SheetCells, rolesInput: string | RolesFile | Roles, options: PanelOptions = {}): Panel {
  // rows or columns (the command line's CSV and XLSX: no row arrays built)
  const cells = grid(input);
  const at = cells.get;
  const sheet = readHeader(cells, options.headerRow);
  const roles = parseRoles(rolesInput, sheet.headers);
  if (roles.kind !== "panel")
    throw new CoordError("OPTION", `roles: these are geodetector roles (with "y"); a panel needs "id", "time" and "subsystems" — use buildGeoData`, {
      argument: "roles",
    });
  const warnings = [...sheet.warnings];
  const mode = missingMode(options);
  const drop = mode === "drop";
  const interpolate = mode === "interpolate";
  const { col } = sheet;
  const jId = col(roles.id);
  const jTime = col(roles.time);
  const jGroup = roles.group !== undefined ? col(roles.group) : -1;
  const indicatorDefs = roles.subsystems.flatMap((s) => s.indicators.map((i) => ({ ...i, subsystem: s.name, j: col(i.column) })));

  // 1. time kind: numeric when every non-empty time cell is a number
  const dataRows: number[] = [];
  for (let r = sheet.h + 1; r < cells.rows; r++) if (!cells.blank(r)) dataRows.push(r);
  if (dataRows.length === 0) throw new CoordError("EMPTY", `there are no data rows below the header row (row ${sheet.h + 1})`, { argument: "data" });
  const timeCells = dataRows.map((r) => at(r, jTime));
  const numericTime = timeCells.every((c) => isEmpty(c) || cellNumber(c) !== null);
  if (!numericTime) {
    // a numeric-looking majority with a stray text cell is an error, not a switch to labels
    const nums = timeCells.filter((c) => !isEmpty(c) && cellNumber(c) !== null).length;
    const texts = timeCells.filter((c) => !isEmpty(c) && cellNumber(c) === null).length;
    if (nums > texts) {
      const i = timeCells.findIndex((c) => !isEmpty(c) && cellNumber(c) === null);
      throw badCell(dataRows[i], roles.time, timeCells[i], false);
    }
  }

  // 2. rows: check id, time and indicators
  const kept: number[] = [];
  const dropped: Array<{ row: number; reason: string }> = [];
  const problems: CoordError[] = [];
  for (const r of dataRows) {
    const empties: string[] = [];
    const rowProblems: CoordError[] = [];
    if (isEmpty(at(r, jId))) empties.push(roles.id);
    if (isEmpty(at(r, jTime))) empties.push(roles.time);
    // an empty group cell is a missing value too: named (sheet row, column), or dropped with dropIncomplete
    if (jGroup >= 0 && isEmpty(at(r, jGroup))) empties.push(roles.group!);
    for (const d of indicatorDefs) {
      const c = at(r, d.j);
      if (isEmpty(c)) {
        if (!interpolate) empties.push(d.column);
      } else if (cellNumber(c) === null) rowProblems.push(badCell(r, d.column, c, false));
    }
    problems.push(...rowProblems);
    if (empties.length > 0) {
      if (drop) {
        dropped.push({ row: r + 1, reason: `empty ${empties.map((e) => `"${e}"`).join(", ")}` });
        continue;
      }
      const first = empties[0];
      const j = first === roles.id ? jId : first === roles.time ? jTime : first === roles.group ? jGroup : indicatorDefs.find((d) => d.column === first)!.j;
      problems.push(badCell(r, first, at(r, j), true));
    }
    if (rowProblems.length === 0) kept.push(r);
  }
  if (problems.length > 0) {
    const first = problems[0];
    if (problems.length === 1) throw first;
    throw new CoordError(
      first.code,
      `${first.message} (and ${plural(problems.length - 1, "more cell")} like it)`,
      first.where,
      first.detail ? { key: first.detail.key, params: { ...first.detail.params, more: problems.length - 1 } } : undefined,
    );
  }
  if (dropped.length > 0)
    warnings.push(
      `dropped ${plural(dropped.length, "incomplete row")}: ${dropped
        .slice(0, 8)
        .map((d) => `row ${d.row} (${d.reason})`)
        .join("; ")}${dropped.length > 8 ? "; ..." : ""}`,
    );

  // 3. units, periods, duplicates
  const unitOf = new Map<string, number>();
  const units: string[] = [];
  const labelOf = (r: number) => cellText(at(r, jTime));
  let periods: number[];
  let periodLabels: string[];
  const timeOf = new Map<number, number>(); // sheet row -> period value
  if (numericTime) {
    for (const r of kept) timeOf.set(r, cellNumber(at(r, jTime))!);
    periods = [...new Set(timeOf.values())].sort((a, b) => a - b);
    periodLabels = periods.map(String);
  } else {
    periodLabels = [...new Set(kept.map(labelOf))].sort(naturalCompare);
    const pos = new Map(periodLabels.map((l, i) => [l, i]));
    for (const r of kept) timeOf.set(r, pos.get(labelOf(r))!);
    periods = periodLabels.map((_, i) => i);
  }
  const periodPos = new Map(periods.map((p, i) => [p, i]));
  for (const r of kept) {
    const id = cellText(at(r, jId));
    if (!unitOf.has(id)) {
      unitOf.set(id, units.length);
      units.push(id);
    }
  }
  const seen = new Map<string, number>();
  for (const r of kept) {
    const id = cellText(at(r, jId));
    const key = `${unitOf.get(id)}\u0000${timeOf.get(r)}`;
    const before = seen.get(key);
    if (before !== undefined)
      throw new CoordError(
        "UNDEFINED",
        `rows ${before + 1} and ${r + 1} are both unit "${id}" in period ${periodLabels[periodPos.get(timeOf.get(r)!)!]}; keep one of them`,
        { argument: "data", row: r, column: roles.id },
        { key: "error.duplicateRow", params: { first: before + 1, second: r + 1, unit: id, period: periodLabels[periodPos.get(timeOf.get(r)!)!] } },
      );
    seen.set(key, r);
  }
  if (units.length < 2)
    throw new CoordError(
      "TOO_FEW",
      `the panel has ${plural(units.length, "unit")}${units.length === 1 ? ` ("${units[0]}")` : ""} in column "${roles.id}"; at least 2 are needed`,
      { argument: "data", column: roles.id },
    );

  // 4. sort rows by unit then period
  const order = [...kept].sort((a, b) => {
    const ua = unitOf.get(cellText(at(a, jId)))!;
    const ub = unitOf.get(cellText(at(b, jId)))!;
    return ua !== ub ? ua - ub : timeOf.get(a)! - timeOf.get(b)!;
  });
  const ids = order.map((r) => cellText(at(r, jId)));
  const times = order.map((r) => timeOf.get(r)!);
  const unitIndex = ids.map((id) => unitOf.get(id)!);
  const periodIndex = times.map((t) => periodPos.get(t)!);
  const indicators: PanelIndicator[] = indicatorDefs.map((d) => ({
    column: d.column,
    direction: d.direction,
    subsystem: d.subsystem,
    values: indicatorValues(cells, order, d.j),
  }));
  const filled: FilledPanelCell[] = [];
  const fill = (column: string, values: ArrayLike<number | null>): Float64Array | null => {
    let any = false;
    for (let i = 0; i < values.length && !any; i++) if (values[i] === null || Number.isNaN(values[i] as number)) any = true;
    if (!any) return null;
    const r = interpolateWithinUnits(values, unitIndex, times, { column });
    for (const f of r.filled)
      filled.push({ unit: ids[f.row], period: periodLabels[periodIndex[f.row]], column, value: f.value, how: f.how, row: order[f.row] + 1 });
    return r.values;
  };
  if (interpolate) for (const ind of indicators) ind.values = fill(ind.column, ind.values) ?? ind.values;
  let k = 0;
  const subsystems = roles.subsystems.map((s) => ({ name: s.name, indicators: s.indicators.map(() => k++) }));

  // 5. gaps
  const has = new Set(order.map((_, i) => unitIndex[i] * periods.length + periodIndex[i]));
  const gaps: PanelGap[] = [];
  units.forEach((unit, u) => {
    const missing: number[] = [];
    periods.forEach((p, t) => {
      if (!has.has(u * periods.length + t)) {
        gaps.push({ unit, period: p, label: periodLabels[t] });
        missing.push(t);
      }
    });
    if (missing.length > 0)
      warnings.push(
        `unit "${unit}" has no row for ${missing.length === 1 ? "period" : "periods"} ${missing.map((t) => periodLabels[t]).join(", ")}; Haken pairs across the gap are skipped`,
      );
  });

  // 6. groups and factors
  let groups: string[] | undefined;
  let unitGroups: string[] | undefined;
  if (jGroup >= 0) {
    groups = order.map((r) => cellText(at(r, jGroup)));
    unitGroups = units.map(() => "");
    const multi = new Set<string>();
    groups.forEach((g, i) => {
      const u = unitIndex[i];
      if (g === "") return;
      if (unitGroups![u] === "") unitGroups![u] = g;
      else if (unitGroups![u] !== g) multi.add(units[u]);
    });
    const emptyRows = order.filter((_, i) => groups![i] === "").map((r) => r + 1);
    if (emptyRows.length > 0) warnings.push(`group column "${roles.group}": ${plural(emptyRows.length, "empty cell")} (row ${listRows(emptyRows)})`);
    if (multi.size > 0)
      warnings.push(
        `group column "${roles.group}": ${[...multi].map((u) => `"${u}"`).join(", ")} ${multi.size === 1 ? "is" : "are"} in more than one group; the first one is used for regional means`,
      );
  }
  const factors = buildFactors(cells, order, roles.factors, col, warnings, drop || interpolate);
  if (interpolate)
    for (const f of factors) {
      if (f.kind !== "numeric" || f.missing === 0) continue;
      const v = fill(f.column, f.values as Array<number | null>);
      if (v) {
        f.values = Array.from(v);
        f.missing = 0;
      }
    }
  filled.sort((a, b) => a.row - b.row); // sheet order (stable: indicators before factors within a row)
  if (filled.length > 0)
    warnings.push(
      `filled ${plural(filled.length, "empty cell")} by interpolation within each unit (linear in time, nearest value at the ends): ` +
        filled
          .slice(0, 8)
          .map((f) => `${f.unit} ${f.period} "${f.column}" = ${Number(f.value.toPrecision(6))}`)
          .join("; ") +
        (filled.length > 8 ? "; ... (all in the Summary)" : ""),
    );

  const panel: Panel = {
    ids,
    times,
    unitIndex,
    periodIndex,
    indicators,
    subsystems,
    factors,
    rowIndex: order.map((r) => r + 1),
    units,
    periods,
    periodLabels,
    timeKind: numericTime ? "numeric" : "text",
    gaps,
    dropped,
    filled,
    warnings,
    headers: sheet.headers,
    roles,
  };
  if (groups) {
    panel.groups = groups;
    panel.unitGroups = unitGroups;
  }
  return panel;
}

/**
 * Geodetector-only data from cells and `{ y, factors }` roles. y must be numeric: text is an
 * error, an empty y is MISSING unless `dropIncomplete` (then the row is dropped). Factor
 * cells may be text or numbers; empty factor cells give per-factor warnings.
 */
export function buildGeoData(input: SheetCells, rolesInput: string | RolesFile | Roles, options: PanelOptions = {}): GeoData {
  const cells = grid(input);
  const sheet = readHeader(cells, options.headerRow);
  const roles = parseRoles(rolesInput, sheet.headers);
  if (roles.kind !== "geodetector")
    throw new CoordError("OPTION", `roles: these are panel roles; the geodetector-only data needs { "y": ..., "factors": [...] } — use buildPanel`, {
      argument: "roles",
    });
  const warnings = [...sheet.warnings];
  const mode = missingMode(options);
  if (mode === "interpolate")
    throw new CoordError(
      "OPTION",
      `missing "interpolate" fills gaps in a unit's series over time; these data have no id and time (cross-sectional): use error or drop`,
      {
        argument: "missing",
      },
    );
  const jy = sheet.col(roles.y);
  const kept: number[] = [];
  const dropped: Array<{ row: number; reason: string }> = [];
  const y: number[] = [];
  for (let r = sheet.h + 1; r < cells.rows; r++) {
    if (cells.blank(r)) continue;
    const c = cells.get(r, jy);
    if (isEmpty(c)) {
      if (mode === "drop") {
        dropped.push({ row: r + 1, reason: `empty "${roles.y}"` });
        continue;
      }
      throw badCell(r, roles.y, c, true);
    }
    const v = cellNumber(c);
    if (v === null) throw badCell(r, roles.y, c, false);
    kept.push(r);
    y.push(v);
  }
  if (kept.length === 0) throw new CoordError("EMPTY", `there are no data rows below the header row (row ${sheet.h + 1})`, { argument: "data" });
  if (dropped.length > 0) warnings.push(`dropped ${plural(dropped.length, "row")} with an empty "${roles.y}": row ${listRows(dropped.map((d) => d.row))}`);
  const out: GeoData = {
    y: Float64Array.from(y),
    yColumn: roles.y,
    factors: buildFactors(cells, kept, roles.factors, sheet.col, warnings, mode === "drop"),
    rowIndex: kept.map((r) => r + 1),
    dropped,
    warnings,
    headers: sheet.headers,
    roles,
  };
  if (roles.id !== undefined) {
    const j = sheet.col(roles.id);
    out.ids = kept.map((r) => cellText(cells.get(r, j)));
  }
  if (roles.group !== undefined) {
    const j = sheet.col(roles.group);
    out.groups = kept.map((r) => cellText(cells.get(r, j)));
  }
  return out;
}
