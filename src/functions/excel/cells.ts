/**
 * What one cell value from Excel is: blank, a number, text, a logical, an Excel error, or
 * something else. Every reader in this folder goes through `classifyCell`, so all of them treat
 * blanks, numbers stored as text and error values the same way.
 */
import { describeValue } from "../../engine/validate";

export type Cell =
  | { kind: "blank" }
  | { kind: "number"; value: number }
  | { kind: "text"; text: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; code: string }
  | { kind: "other"; description: string };

/** The error values Excel can show in a cell. */
export const EXCEL_ERROR_CODES: readonly string[] = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
  "#TIMEOUT!",
];

/** Names used for error codes by CustomFunctions.ErrorCode and by Excel JS `errorType`. */
const ERROR_NAMES: Record<string, string> = {
  invalidvalue: "#VALUE!",
  value: "#VALUE!",
  notavailable: "#N/A",
  divisionbyzero: "#DIV/0!",
  div0: "#DIV/0!",
  invalidnumber: "#NUM!",
  num: "#NUM!",
  nullreference: "#NULL!",
  null: "#NULL!",
  invalidname: "#NAME?",
  name: "#NAME?",
  invalidreference: "#REF!",
  ref: "#REF!",
  spill: "#SPILL!",
  calc: "#CALC!",
  field: "#FIELD!",
  blocked: "#BLOCKED!",
  connect: "#CONNECT!",
  busy: "#BUSY!",
  gettingdata: "#GETTING_DATA",
  unknown: "#UNKNOWN!",
  python: "#PYTHON!",
};

/** "#N/A" for "#n/a", "notAvailable", "NotAvailable"; null when `s` names no Excel error. */
export function excelErrorCode(s: string): string | null {
  const t = s.trim().toUpperCase();
  if (EXCEL_ERROR_CODES.includes(t)) return t;
  return ERROR_NAMES[s.trim().toLowerCase()] ?? null;
}

// Optional sign, digits (optionally grouped by commas in threes) with an optional fraction, or a
// bare fraction (".5"), an optional exponent, and an optional percent sign.
const NUMBER_TEXT = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?(\s*%)?$/;

/**
 * The number a text stands for, as Excel's VALUE() reads it in an English locale, or null.
 * Accepts surrounding spaces, a leading + or -, thousands separators in groups of three
 * ("1,234,567.5"), exponents ("1.5E-3") and a trailing percent sign ("12%" -> 0.12).
 * Rejects a decimal comma ("1,5"), currency signs, "NaN", "Infinity" and anything overflowing.
 */
export function parseNumberText(s: string): number | null {
  const m = NUMBER_TEXT.exec(s.trim());
  if (!m) return null;
  const [, sign, body, exponent = "", percent] = m;
  let value = Number(sign + body.replace(/,/g, "") + exponent);
  if (percent) value /= 100;
  return Number.isFinite(value) ? value : null;
}

/** Classify one value as Excel passes it to a custom function. */
export function classifyCell(v: unknown): Cell {
  if (v === null || v === undefined) return { kind: "blank" };
  if (typeof v === "number") {
    return Number.isFinite(v) ? { kind: "number", value: v } : { kind: "other", description: describeValue(v) };
  }
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return { kind: "blank" };
    const code = t.startsWith("#") ? excelErrorCode(t) : null;
    if (code) return { kind: "error", code };
    const n = parseNumberText(t);
    return n === null ? { kind: "text", text: t } : { kind: "number", value: n };
  }
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  if (typeof v === "object") return classifyObject(v as Record<string, unknown>);
  return { kind: "other", description: `a value of type ${typeof v}` };
}

/**
 * Objects: CustomFunctions.Error ({code, message}), `{ type: '#N/A' }`, Excel JS rich values
 * (`{ type: 'Error', errorType: 'NotAvailable', basicValue: '#N/A' }`, `{ type: 'Double',
 * basicValue: 5 }`), plain Error instances. Anything else is reported as "an object".
 */
function classifyObject(o: Record<string, unknown>): Cell {
  if (Array.isArray(o)) return { kind: "other", description: "a nested array" };
  const type = typeof o.type === "string" ? o.type : "";
  if (["double", "string", "boolean", "formattednumber"].includes(type.toLowerCase()) && "basicValue" in o) {
    return classifyCell(o.basicValue);
  }
  if (type.toLowerCase() === "empty") return { kind: "blank" };
  for (const key of ["code", "type", "errorType", "basicValue", "message"]) {
    const field = o[key];
    if (typeof field !== "string") continue;
    // Error names ("notAvailable") only count in the fields meant for them; elsewhere "#N/A".
    const named = key === "code" || key === "errorType";
    const code = named || field.trim().startsWith("#") ? excelErrorCode(field) : null;
    if (code) return { kind: "error", code };
  }
  if (o instanceof Error || type.toLowerCase() === "error") return { kind: "error", code: "an error value" };
  return { kind: "other", description: "an object" };
}

/** `text 'n/a'`, shortened to 40 characters so a pasted paragraph does not flood the message. */
export function describeText(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  return `text '${short}'`;
}

/** True for an Excel error object (CustomFunctions.Error or its stand-in): a `code` like "#N/A". */
export function isExcelErrorObject(v: unknown): v is { code: string; message?: string } {
  if (typeof v !== "object" || v === null) return false;
  const code = (v as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("#") && excelErrorCode(code) !== null;
}
