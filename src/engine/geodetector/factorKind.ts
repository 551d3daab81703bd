/**
 * Which factors are categorical (METHODS.md M8): the one rule GEOQ, GEODETECTOR and the report
 * use. Categorical when the user declares it so, or when the column is text; a numeric column
 * is categorical by default only when its values are whole numbers with at most 10 levels
 * **and** fewer than n/2 levels. A declared kind and an explicit discretization always win.
 *
 * "Mostly numeric" (issue 11): a column with numbers and a few text cells is a numeric column
 * with missing values, never a silent switch to categorical. A column is mostly numeric when it
 * holds at least one number and either every text cell looks like a missing-value marker (`n/a`,
 * `NA`, `-`, `.`, `缺失`, ...; see MISSING_MARKERS) or numbers are more than half of its
 * non-empty cells. The text cells of a numeric factor are returned in `textRows`: the caller
 * makes them an error naming the cells, or drops them under its missing-value option.
 */
import { CoordError, CoordErrorWhere, cellLabel } from "../errors";
import { CATEGORICAL_MAX_LEVELS } from "./constants";

/** How a factor becomes strata: each value one stratum, or numeric classes (M9). */
export type FactorKind = "numeric" | "categorical";

/** What decided the kind. */
export type FactorKindBasis = "declared" | "discretization" | "text" | "levels" | "continuous";

export interface FactorKindOptions {
  /** The user's declaration (roles `kind`, the pane, GEOQ's kind argument): always wins. */
  declared?: FactorKind | null;
  /**
   * An explicit discretization (a method other than "auto") was chosen: a mostly numeric factor
   * is numeric whatever its levels. A text column stays categorical (it cannot be discretized).
   */
  explicitDiscretization?: boolean;
  /** Name of the factor in messages (default "x"). */
  argument?: string;
}

export interface FactorKindDecision {
  kind: FactorKind;
  basis: FactorKindBasis;
  /** Why, in words, e.g. "whole numbers with 5 levels among 185 values: categorical". */
  reason: string;
  /** Non-empty cells. */
  n: number;
  /** Distinct non-empty values. */
  levels: number;
  /** Rows (0-based) of text cells in a numeric factor (missing markers or stray text): missing values. */
  textRows: number[];
}

/**
 * Cells that stand for a missing value in a numeric column (compared trimmed, case-insensitive):
 * what SPSS, Stata, R, Excel and Chinese statistical yearbooks print for "no data".
 */
export const MISSING_MARKERS: readonly string[] = [
  "na",
  "n/a",
  "n.a.",
  "#n/a",
  "nan",
  "null",
  "none",
  "missing",
  "nil",
  "-",
  "--",
  "---",
  ".",
  "..",
  "...",
  "?",
  "—",
  "——",
  "…",
  "缺失",
  "无",
  "空",
  "暂无",
  "无数据",
];

/** True for an empty cell: null, undefined, "" or blanks, NaN. */
export function isEmptyCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (typeof v === "number" && Number.isNaN(v));
}

/**
 * True for a text cell that reads as "no data".
 *
 * @example
 * isMissingMarker(" N/A "); // => true
 */
export function isMissingMarker(v: unknown): boolean {
  return typeof v === "string" && MISSING_MARKERS.includes(v.trim().toLowerCase());
}

/**
 * The kind of a factor (M8): declared kind first, then text (categorical unless mostly numeric),
 * then explicit discretization (numeric), then the levels rule: whole numbers with at most 10
 * levels and fewer than n/2 levels are categorical, anything else numeric.
 *
 * @example
 * factorKind([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).kind; // => "numeric"
 * factorKind([1, 2, 1, 2, 3, 3, 1, 2]).kind; // => "categorical"
 * factorKind([0.5, 1.5, "n/a", 2.5]).textRows; // => [2]
 * factorKind(["east", "west", "east"]).basis; // => "text"
 */
export function factorKind(x: ArrayLike<unknown>, options: FactorKindOptions = {}): FactorKindDecision {
  const argument = options.argument ?? "x";
  const declared = options.declared ?? null;
  if (declared !== null && declared !== "numeric" && declared !== "categorical")
    throw new CoordError("OPTION", `kind of ${argument} must be "numeric" or "categorical"; got '${String(declared)}'`, { argument: "kind" });
  let numbers = 0;
  let whole = true;
  let markersOnly = true;
  const textRows: number[] = [];
  const distinct = new Set<unknown>();
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (isEmptyCell(v)) continue;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new CoordError("NOT_NUMERIC", `${cellLabel(argument, i)}: ${v} is not a number`, { argument, row: i });
      numbers++;
      if (!Number.isInteger(v)) whole = false;
      distinct.add(v);
    } else {
      textRows.push(i);
      if (!isMissingMarker(v)) markersOnly = false;
      distinct.add(typeof v === "string" ? v.trim() : String(v));
    }
  }
  const n = numbers + textRows.length;
  const levels = distinct.size;
  const base = { n, levels };
  if (declared === "categorical") return { ...base, kind: "categorical", basis: "declared", reason: "declared categorical", textRows: [] };
  if (declared === "numeric") return { ...base, kind: "numeric", basis: "declared", reason: "declared numeric", textRows };
  const mostlyNumeric = numbers > 0 && (markersOnly || numbers > n / 2);
  if (textRows.length > 0 && !mostlyNumeric) return { ...base, kind: "categorical", basis: "text", reason: "text values: categorical", textRows: [] };
  const numericLevels = levels - (textRows.length > 0 ? new Set(Array.from(textRows, (i) => String(x[i]).trim())).size : 0);
  const counted = { n: numbers, levels: numericLevels };
  if (options.explicitDiscretization) return { ...counted, kind: "numeric", basis: "discretization", reason: "numeric, discretized as chosen", textRows };
  if (whole && numericLevels <= CATEGORICAL_MAX_LEVELS && numericLevels < numbers / 2)
    return {
      ...counted,
      kind: "categorical",
      basis: "levels",
      reason: `whole numbers with ${numericLevels} levels among ${numbers} values (at most ${CATEGORICAL_MAX_LEVELS} and fewer than n/2): categorical`,
      textRows,
    };
  const why = !whole
    ? "not whole numbers"
    : numericLevels > CATEGORICAL_MAX_LEVELS
      ? `${numericLevels} levels (more than ${CATEGORICAL_MAX_LEVELS})`
      : `${numericLevels} levels among ${numbers} values (not fewer than n/2)`;
  return { ...counted, kind: "numeric", basis: "continuous", reason: `numeric (${why}): discretized`, textRows };
}

/**
 * The CoordError for text cells in a numeric factor: names the first cells (up to 5) and says
 * how to proceed (declare the factor categorical, or drop the rows as missing values).
 *
 * @example
 * textInNumericFactor([1, "n/a", 3], [1], "GDP").code; // => "NOT_NUMERIC"
 */
export function textInNumericFactor(
  x: ArrayLike<unknown>,
  textRows: readonly number[],
  argument: string,
  rowLabel?: (row: number) => string,
  where?: CoordErrorWhere,
): CoordError {
  const label = rowLabel ?? ((r: number) => cellLabel(argument, r));
  const shown = textRows.slice(0, 5).map((r) => `${label(r)}: text '${String(x[r]).trim()}'`);
  const more = textRows.length > 5 ? ` (and ${textRows.length - 5} more)` : "";
  const cells = shown.join("; ") + more;
  return new CoordError(
    "NOT_NUMERIC",
    `${cells} in a numeric factor; ${textRows.length === 1 ? "it is" : "they are"} taken as ${textRows.length === 1 ? "a missing value" : "missing values"}: ` +
      `fill ${textRows.length === 1 ? "it" : "them"}, drop the row${textRows.length === 1 ? "" : "s"} (missing-value option), or declare the factor categorical`,
    where ?? { argument, row: textRows[0] },
  );
}
