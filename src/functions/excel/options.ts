/**
 * Reading the small arguments of a custom function: indicator directions, named options,
 * numeric options and TRUE/FALSE switches. An omitted optional argument arrives as null or
 * undefined (or a blank cell); every reader then returns its default.
 */
import { CoordError, cellLabel } from "../../engine/errors";
import { describeValue } from "../../engine/validate";
import { Cell, classifyCell, describeText } from "./cells";
import { lineCells, toGrid } from "./read";

/** "+" for a benefit (larger is better) indicator, "-" for a cost indicator. */
export type Direction = "+" | "-";

const DIRECTION_WORDS = new Map<string, Direction>([
  ...["+", "＋", "benefit", "positive", "pos", "正向", "正", "效益", "效益型"].map((w) => [w, "+"] as const),
  ...["-", "−", "－", "−1", "cost", "negative", "neg", "负向", "负", "成本", "成本型"].map((w) => [w, "-"] as const),
]);

const DIRECTION_HINT = "use +, -, 1, -1, benefit, cost, 正向 or 负向";

function direction(v: unknown, label: string, argument: string, where: { row?: number; column?: number }): Direction {
  const c = classifyCell(v);
  if (c.kind === "number" && (c.value === 1 || c.value === -1)) return c.value === 1 ? "+" : "-";
  if (c.kind === "text") {
    const d = DIRECTION_WORDS.get(c.text.toLowerCase());
    if (d) return d;
  }
  const w = { argument, ...where };
  if (c.kind === "blank") throw new CoordError("MISSING", `${label} is empty`, w);
  if (c.kind === "error") throw new CoordError("OPTION", `${label} holds ${c.code}`, w);
  throw new CoordError("OPTION", `${label}: ${describeCell(c)} is not a direction (${DIRECTION_HINT})`, w);
}

/**
 * Directions of `n` indicators from a row or column of "+"/"-", 1/-1, "benefit"/"cost",
 * "正向"/"负向" (case-insensitive), or from one cell listing them ("+,+,-" or "+ + -").
 * Omitted (null, undefined, blank) means all "+". A count other than `n` is a LENGTH error.
 */
export function readDirections(value: unknown, n: number, argument = "directions"): Direction[] {
  const grid = toGrid(value);
  if (grid.length === 0) return new Array<Direction>(n).fill("+");
  const single = grid.length === 1 && grid[0].length === 1 ? grid[0][0] : undefined;
  let found: Direction[];
  if (typeof single === "string" && /[\s,;，；、]/.test(single.trim())) {
    const words = single.trim().split(/[\s,;，；、]+/);
    checkCount(words.length, n, argument);
    found = words.map((w, k) => direction(w, `${argument} entry ${k + 1}`, argument, {}));
  } else {
    const { cells, orientation } = lineCells(value, argument);
    checkCount(cells.length, n, argument);
    found = cells.map((v, k) => {
      if (cells.length === 1) return direction(v, argument, argument, {});
      return orientation === "column"
        ? direction(v, cellLabel(argument, k), argument, { row: k })
        : direction(v, cellLabel(argument, undefined, k), argument, { column: k });
    });
  }
  return found;
}

function checkCount(count: number, n: number, argument: string): void {
  if (count !== n)
    throw new CoordError("LENGTH", `${argument} has ${count} ${count === 1 ? "entry" : "entries"}; expected ${n}, one per indicator column`, { argument });
}

/** The one value of an option argument: a scalar, or the cell of a 1x1 range (blank: null). */
function scalarOf(value: unknown, argument: string): unknown {
  if (!Array.isArray(value)) return value;
  const grid = toGrid(value);
  if (grid.length === 0) return null;
  if (grid.length === 1 && grid[0].length === 1) return grid[0][0];
  throw new CoordError(
    "OPTION",
    `${argument} must be a single value; got a range of ${grid.length} ${grid.length === 1 ? "row" : "rows"} and ${grid[0].length} ${grid[0].length === 1 ? "column" : "columns"}`,
    { argument },
  );
}

function describeCell(c: Cell): string {
  switch (c.kind) {
    case "text":
      return describeText(c.text);
    case "boolean":
      return describeValue(c.value);
    case "number":
      return String(c.value);
    case "error":
      return c.code;
    case "other":
      return c.description;
    case "blank":
      return "an empty cell";
  }
}

/** The option as the user typed it, for "got '...'" in messages. */
function rawText(v: unknown, c: Cell): string {
  if (typeof v === "string") return v.trim();
  if (c.kind === "boolean") return c.value ? "TRUE" : "FALSE";
  if (c.kind === "number") return String(c.value);
  return describeCell(c);
}

/**
 * A named option, matched case-insensitively ("Standard" -> "standard"); returns the spelling
 * in `allowed`. Omitted or blank -> `fallback`. Unknown -> OPTION error listing the choices.
 */
export function readOption<T extends string>(value: unknown, allowed: readonly T[], argument: string, fallback: T): T {
  const v = scalarOf(value, argument);
  const c = classifyCell(v);
  if (c.kind === "blank") return fallback;
  if (c.kind === "error") throw new CoordError("OPTION", `${argument} holds ${c.code}`, { argument });
  const raw = rawText(v, c);
  const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (match !== undefined) return match;
  throw new CoordError("OPTION", `${argument} must be one of ${allowed.join(", ")}; got '${raw}'`, { argument });
}

export interface NumberOptionLimits {
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * A numeric option: a number or a number stored as text ("0.5", "5%"). Omitted or blank ->
 * `fallback` (returned unchecked). Violating `integer`, `min` or `max` is an OPTION error.
 */
export function readNumberOption(value: unknown, argument: string, fallback: number, limits: NumberOptionLimits = {}): number {
  const c = classifyCell(scalarOf(value, argument));
  if (c.kind === "blank") return fallback;
  if (c.kind === "error") throw new CoordError("OPTION", `${argument} holds ${c.code}`, { argument });
  if (c.kind !== "number") throw new CoordError("OPTION", `${argument}: ${describeCell(c)} is not a number`, { argument });
  const x = c.value;
  const { min, max, integer } = limits;
  if (integer && !Number.isInteger(x)) throw new CoordError("OPTION", `${argument} must be a whole number; got ${x}`, { argument });
  const below = min !== undefined && x < min;
  const above = max !== undefined && x > max;
  if (below || above) {
    const rule = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
    throw new CoordError("OPTION", `${argument} must be ${rule}; got ${x}`, { argument });
  }
  return x;
}

const TRUE_WORDS = ["true", "yes", "y", "on", "是", "真"];
const FALSE_WORDS = ["false", "no", "n", "off", "否", "假"];

/**
 * A TRUE/FALSE switch: a logical, 1 or 0, or the words true/false, yes/no, on/off, 是/否, 真/假
 * (case-insensitive). Omitted or blank -> `fallback`.
 */
export function readBoolean(value: unknown, argument: string, fallback: boolean): boolean {
  const v = scalarOf(value, argument);
  const c = classifyCell(v);
  if (c.kind === "blank") return fallback;
  if (c.kind === "boolean") return c.value;
  if (c.kind === "number" && (c.value === 1 || c.value === 0)) return c.value === 1;
  if (c.kind === "text") {
    const t = c.text.toLowerCase();
    if (TRUE_WORDS.includes(t)) return true;
    if (FALSE_WORDS.includes(t)) return false;
  }
  if (c.kind === "error") throw new CoordError("OPTION", `${argument} holds ${c.code}`, { argument });
  throw new CoordError("OPTION", `${argument} must be TRUE or FALSE; got '${rawText(v, c)}'`, { argument });
}
