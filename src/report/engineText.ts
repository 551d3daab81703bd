/**
 * The engine's reasons and notes (English sentences: "stratum '5' has 1 observation; at least 2
 * are needed") in the report's language. Each known sentence is matched by its pattern and given
 * as the catalogue's phrase with the same parameters; English, and any sentence not known here,
 * stays as the engine wrote it.
 */
import { translator, type Params, type StringKey } from "./i18n";

interface EnginePattern {
  re: RegExp;
  key: StringKey;
  /** Names of the capture groups, in order. */
  params: string[];
}

const PATTERNS: EnginePattern[] = [
  { re: /^each stratum holds one unit \(N = L = (\d+)\): q = 1 trivially and the F test has no degrees of freedom$/, key: "geo.r.oneUnit", params: ["n"] },
  { re: /^q = 1: y is constant within every stratum, so F is infinite and both p-values are 0$/, key: "geo.r.qOne", params: [] },
  { re: /^stratum '(.*)' has (\d+) observations?; at least 2 are needed$/, key: "geo.r.fewObs", params: ["s", "n"] },
  { re: /^strata '(.*)' and '(.*)' both have zero variance: the standard error is 0$/, key: "geo.r.zeroVar", params: ["a", "b"] },
  { re: /^the values are too large to compute with: the variance overflows$/, key: "geo.r.overflow", params: [] },
  { re: /^the standard error is too small against the difference of the means to compute t$/, key: "geo.r.seSmall", params: [] },
  { re: /^SSW of '(.*)' is 0 \(q = 1\): F is infinite$/, key: "geo.r.sswInfinite", params: ["b"] },
  { re: /^SSW is 0 for both '(.*)' and '(.*)' \(q = 1\): F is undefined$/, key: "geo.r.sswBoth", params: ["a", "b"] },
  { re: /^natural, k = (\d+): class 1 holds only the minimum (\S+) \(the first two breaks repeat\)$/, key: "geo.r.repeatedBreak", params: ["k", "min"] },
  { re: /^(\w+), k = (\d+): class (\d+) \((.*)\) is empty$/, key: "geo.r.emptyClass", params: ["method", "k", "c", "interval"] },
  { re: /^k = (\d+) lowered to (\d+): (.*) has only \d+ distinct values$/, key: "geo.r.kLoweredDistinct", params: ["k", "m", "factor"] },
  { re: /^repeated breaks$/, key: "geo.r.repeatedBreaks", params: [] },
  { re: /^k = (\d+) but (.*) has only (\d+) distinct values$/, key: "geo.r.kTooLarge", params: ["k", "factor", "m"] },
  { re: /^class (\d+) (\S+, \S+) holds (\d+) values? \(fewer than 2\)$/, key: "geo.r.smallClass", params: ["c", "interval", "n"] },
];

/** The catalogue key of an engine sentence, or null when it is not one the catalogue knows. */
export function engineKey(text: string): StringKey | null {
  return PATTERNS.find((p) => p.re.test(text))?.key ?? null;
}

/**
 * An engine sentence in a language (unknown sentences and English unchanged).
 *
 * @example
 * engineText("stratum '5' has 1 observation; at least 2 are needed", "zh"); // => "层“5”只有 1 个观测值，至少需要 2 个"
 */
export function engineText(text: string, language: string | undefined): string {
  if (language !== "zh") return text;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const params: Params = {};
    p.params.forEach((name, i) => (params[name] = m[i + 1]));
    if (p.key === "geo.r.emptyClass" && typeof params.method === "string") params.method = methodName(params.method, language);
    return translator(language)(p.key, params);
  }
  return text;
}

/** A discretization method's name ("natural", "optimal: quantile", "categorical") in a language. */
export function methodName(method: string, language: string | undefined): string {
  const t = translator(language);
  if (t.lang === "en") return method;
  const optimal = /^optimal: (\w+)$/.exec(method);
  if (optimal) return t("geo.m.optimal", { method: methodName(optimal[1], language) });
  const key = `geo.m.${method}`;
  return key === "geo.m.categorical" ||
    key === "geo.m.natural" ||
    key === "geo.m.equal" ||
    key === "geo.m.quantile" ||
    key === "geo.m.geometric" ||
    key === "geo.m.sd"
    ? t(key)
    : method;
}
