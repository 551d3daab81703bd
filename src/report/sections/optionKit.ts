/**
 * Builders of option specs (enumerations, numbers, booleans, number lists), so that a section
 * declares an option in one line and every option reports a bad value the same way: a
 * CoordError "OPTION" naming the key, the value and what is expected.
 */
import { CoordError } from "../../engine/errors";
import type { Bilingual, OptionSpec } from "./types";

/**
 * The error of a bad option value.
 *
 * @example
 * badOption("k", "x", "an integer").message; // => "option k: 'x' is not valid; expected an integer"
 */
export function badOption(key: string, value: string, expected: string): CoordError {
  return new CoordError("OPTION", `option ${key}: '${value}' is not valid; expected ${expected}`, { argument: key });
}

/** A number written in decimal ("6", "007", "-0.5", "1e-4"); NaN for anything else ("0x6", "1_000", "Infinity"). */
export function decimalNumber(text: string): number {
  const v = text.trim();
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(v) ? Number(v) : NaN;
}

/** What every option spec needs besides its parser. */
export interface OptionBase<T> {
  key: string;
  default: T;
  label: Bilingual;
  help: Bilingual;
}

/**
 * An enumeration: one of `choices` (a select in the pane's form).
 *
 * @example
 * enumOption({ key: "scope", default: "global", label: { en: "Scope", zh: "范围" }, help: { en: "", zh: "" } }, ["global", "per-period"]).parse("per-period"); // => "per-period"
 */
export function enumOption<T extends string>(base: OptionBase<T>, choices: readonly T[], values = choices.join("|")): OptionSpec<T> {
  return {
    ...base,
    values,
    choices,
    parse(text) {
      const v = text.trim();
      if (!(choices as readonly string[]).includes(v)) throw badOption(base.key, v, choices.join(", "));
      return v as T;
    },
  };
}

/**
 * A number in [min, max] (an integer when `integer`).
 *
 * @example
 * numberOption({ key: "k", default: 6, label: { en: "k", zh: "k" }, help: { en: "", zh: "" } }, { min: 2, max: 20, integer: true }).parse(" 5 "); // => 5
 */
export function numberOption(base: OptionBase<number>, range: { min?: number; max?: number; integer?: boolean } = {}): OptionSpec<number> {
  const { min = -Infinity, max = Infinity, integer = false } = range;
  return {
    ...base,
    values: integer ? "integer" : "number",
    parse(text) {
      const v = text.trim();
      const x = decimalNumber(v);
      if (v === "" || !Number.isFinite(x) || x < min || x > max || (integer && !Number.isInteger(x)))
        throw badOption(
          base.key,
          v,
          `${integer ? "an integer" : "a number"}${Number.isFinite(min) ? ` ≥ ${min}` : ""}${Number.isFinite(max) ? ` and ≤ ${max}` : ""}`,
        );
      return x;
    },
  };
}

/**
 * true or false (also 1/0, yes/no).
 *
 * @example
 * booleanOption({ key: "hakenIntercept", default: false, label: { en: "", zh: "" }, help: { en: "", zh: "" } }).parse("yes"); // => true
 */
export function booleanOption(base: OptionBase<boolean>): OptionSpec<boolean> {
  return {
    ...base,
    values: "true|false",
    choices: ["true", "false"],
    parse(text) {
      const v = text.trim().toLowerCase();
      if (!["true", "false", "1", "0", "yes", "no"].includes(v)) throw badOption(base.key, text.trim(), "true or false");
      return ["true", "1", "yes"].includes(v);
    },
  };
}

/**
 * Numbers separated by commas.
 *
 * @example
 * parseNumberList("alpha", "0.4, 0.6"); // => [0.4, 0.6]
 */
export function parseNumberList(key: string, text: string): number[] {
  const v = text.trim();
  const parts = v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const nums = parts.map(decimalNumber);
  if (nums.length === 0 || nums.some((x) => !Number.isFinite(x))) throw badOption(key, v, "numbers separated by commas");
  return nums;
}

/**
 * The text of an option value as typed on the command line: the spec's own `text`, else
 * arrays joined by "," and null as "".
 *
 * @example
 * optionValueText({ key: "alpha", values: "a,b", default: [], label: { en: "", zh: "" }, help: { en: "", zh: "" }, parse: () => [] }, [0.4, 0.6]); // => "0.4,0.6"
 */
export function optionValueText(spec: OptionSpec, value: unknown): string {
  if (spec.text) return spec.text(value);
  if (Array.isArray(value)) return value.join(",");
  if (value === null || value === undefined) return "";
  return String(value);
}
