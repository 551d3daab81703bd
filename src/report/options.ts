import { CoordError } from "../engine/errors";
import { EVOLUTION_METHODS, EvolutionMethod } from "../engine/haken/evolution";
import { DEFAULT_K } from "../engine/geodetector/constants";

/**
 * The options of a report: one per METHODS.md option that the report uses. The same names are
 * used by the command line (`--weighting critic`), the taskpane form and the JSON output.
 * Defaults reproduce the seed paper: entropy, global scope, standard C with α = 0.5,
 * 10 left-closed grades, Silverman density per period and group, geodetector on the first,
 * middle and last period, factors by GEOQ's "auto" rule (natural breaks, k = 6).
 */
export interface ReportOptions {
  /** M2 / M3 */
  weighting: "entropy" | "critic";
  /** M1 scope of min-max */
  scope: "global" | "per-period";
  /** M1 shift δ added to z */
  shift: number;
  /** M5 form of C */
  coupling: "standard" | "modified" | "fan";
  /** M5 weights α of T, one per subsystem; empty = 1/n each */
  alpha: number[];
  /** M6 */
  closure: "left" | "right";
  language: "en" | "zh";
  /** round D before grading (null = no rounding) */
  gradeDecimals: number | null;
  /** M6 relative development type θ */
  theta: number;
  /** M7 bandwidth rule or a fixed h */
  bandwidth: "silverman" | "scott" | "scipy_scott" | "scipy_silverman" | "nrd0" | "nrd" | number;
  /** M9 discretization of numeric factors: auto = categorical when text or ≤ 10 distinct, else natural k */
  discretization: "auto" | "equal" | "quantile" | "natural" | "geometric" | "sd" | "optimal";
  k: number;
  /** periods for the geodetector: "first-middle-last", "all" or explicit labels */
  geoPeriods: "first-middle-last" | "all" | number[];
  /** M8 σ² ddof in λ */
  ddof: 0 | 1;
  /** M8 significance level for risk / ecological detectors */
  geoAlpha: number;
  /** M10 which two subsystems (indices) form the Haken pair */
  hakenPair: [number, number];
  hakenIntercept: boolean;
  hakenClusterSE: boolean;
  /** M10 Haken adiabatic condition |γ2| > ratio·|γ1| */
  hakenRatio: number;
  /** M10 evolution level: measure|transform (default distance in the (q1, V) plane, 1 - d/max d) */
  evolution: EvolutionMethod;
}

export const DEFAULT_OPTIONS: ReportOptions = {
  weighting: "entropy",
  scope: "global",
  shift: 0,
  coupling: "standard",
  alpha: [],
  closure: "left",
  language: "en",
  gradeDecimals: null,
  theta: 0.1,
  bandwidth: "silverman",
  discretization: "auto",
  k: DEFAULT_K,
  geoPeriods: "first-middle-last",
  ddof: 1,
  geoAlpha: 0.05,
  hakenPair: [0, 1],
  hakenIntercept: false,
  hakenClusterSE: false,
  hakenRatio: 1,
  evolution: "distance_qV|1-d/dmax",
};

/** One line of help per option: flag, allowed values, default, meaning (for --help and the pane). */
export const OPTION_HELP: Array<{ key: keyof ReportOptions; values: string; help: string }> = [
  { key: "weighting", values: "entropy|critic", help: "indicator weights (M2 entropy, M3 CRITIC)" },
  { key: "scope", values: "global|per-period", help: "min-max over all rows (keeps the trend) or within each period (M1)" },
  { key: "shift", values: "number", help: "shift δ added to standardized values, e.g. 0.0001 (M1)" },
  { key: "coupling", values: "standard|modified|fan", help: "form of the coupling degree C (M5)" },
  { key: "alpha", values: "a,b[,c]", help: "weights of the subsystems in T, summing to 1; default equal (M5)" },
  { key: "closure", values: "left|right", help: "grade intervals [0,0.1) ... or (0,0.1] ... (M6)" },
  { key: "language", values: "en|zh", help: "language of grade names, coupling stages and relative types (M6)" },
  { key: "gradeDecimals", values: "integer", help: "round D to this many decimals before grading (M6); default none" },
  { key: "theta", values: "number", help: "threshold θ of the relative development type (M6)" },
  { key: "bandwidth", values: "silverman|scott|scipy_scott|scipy_silverman|nrd0|nrd|number", help: "kernel density bandwidth rule or fixed h (M7)" },
  { key: "discretization", values: "auto|equal|quantile|natural|geometric|sd|optimal", help: "how numeric geodetector factors become strata (M9)" },
  { key: "k", values: "integer", help: "number of classes for discretized factors (M9)" },
  { key: "geoPeriods", values: "first-middle-last|all|y1,y2", help: "periods on which the geodetector runs (M8)" },
  { key: "ddof", values: "1|0", help: "σ² in the geodetector's λ with ddof 1 (R geodetector) or 0 (GD, gdverse)" },
  { key: "geoAlpha", values: "number", help: "significance level of the risk and ecological detectors (M8)" },
  { key: "hakenPair", values: "i,j", help: "the two subsystems (1-based) of the Haken model (M10)" },
  { key: "hakenIntercept", values: "true|false", help: "add an intercept to the Haken regressions (M10)" },
  { key: "hakenClusterSE", values: "true|false", help: "cluster-robust standard errors by unit (M10)" },
  { key: "hakenRatio", values: "number", help: "adiabatic condition |γ2| > ratio·|γ1|; e.g. 2 for 'much greater' (M10)" },
  { key: "evolution", values: "measure|transform", help: `evolution level (M10), one of ${EVOLUTION_METHODS.join(", ")}` },
];

function bad(key: string, value: string, expected: string): CoordError {
  return new CoordError("OPTION", `option ${key}: '${value}' is not valid; expected ${expected}`, { argument: key });
}

function parseNumberList(key: string, v: string): number[] {
  const parts = v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const nums = parts.map(Number);
  if (nums.length === 0 || nums.some((x) => !Number.isFinite(x))) throw bad(key, v, "numbers separated by commas");
  return nums;
}

/**
 * Merge option values given as text (command-line flags, form fields) into the defaults,
 * validating each; unknown keys are an error naming the key.
 */
export function parseOptions(raw: Record<string, string | undefined>, base: ReportOptions = DEFAULT_OPTIONS): ReportOptions {
  const o: ReportOptions = { ...base, alpha: [...base.alpha], hakenPair: [...base.hakenPair] as [number, number] };
  const known = new Set(OPTION_HELP.map((h) => h.key as string));
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!known.has(key)) throw new CoordError("OPTION", `unknown option '${key}'`, { argument: key });
    const v = value.trim();
    const oneOf = (allowed: string[]) => {
      if (!allowed.includes(v)) throw bad(key, v, allowed.join(", "));
      return v;
    };
    const num = (min = -Infinity, max = Infinity, integer = false) => {
      const x = Number(v);
      if (v === "" || !Number.isFinite(x) || x < min || x > max || (integer && !Number.isInteger(x)))
        throw bad(key, v, `${integer ? "an integer" : "a number"}${Number.isFinite(min) ? ` ≥ ${min}` : ""}${Number.isFinite(max) ? ` and ≤ ${max}` : ""}`);
      return x;
    };
    const bool = () => {
      if (!["true", "false", "1", "0", "yes", "no"].includes(v.toLowerCase())) throw bad(key, v, "true or false");
      return ["true", "1", "yes"].includes(v.toLowerCase());
    };
    switch (key as keyof ReportOptions) {
      case "weighting": o.weighting = oneOf(["entropy", "critic"]) as ReportOptions["weighting"]; break;
      case "scope": o.scope = oneOf(["global", "per-period"]) as ReportOptions["scope"]; break;
      case "shift": o.shift = num(0, 1); break;
      case "coupling": o.coupling = oneOf(["standard", "modified", "fan"]) as ReportOptions["coupling"]; break;
      case "alpha": {
        const a = parseNumberList(key, v);
        const sum = a.reduce((s, x) => s + x, 0);
        if (a.some((x) => x < 0) || Math.abs(sum - 1) > 1e-9) throw bad(key, v, "non-negative weights summing to 1");
        o.alpha = a;
        break;
      }
      case "closure": o.closure = oneOf(["left", "right"]) as ReportOptions["closure"]; break;
      case "language": o.language = oneOf(["en", "zh"]) as ReportOptions["language"]; break;
      case "gradeDecimals": o.gradeDecimals = v === "" || v === "none" ? null : num(0, 10, true); break;
      case "theta": o.theta = num(0, 1); break;
      case "bandwidth": {
        const rules = ["silverman", "scott", "scipy_scott", "scipy_silverman", "nrd0", "nrd"];
        if (rules.includes(v)) o.bandwidth = v as ReportOptions["bandwidth"];
        else {
          const h = Number(v);
          if (!(h > 0) || !Number.isFinite(h)) throw bad(key, v, `${rules.join(", ")} or a positive number`);
          o.bandwidth = h;
        }
        break;
      }
      case "discretization":
        o.discretization = oneOf(["auto", "equal", "quantile", "natural", "geometric", "sd", "optimal"]) as ReportOptions["discretization"];
        break;
      case "k": o.k = num(2, 20, true); break;
      case "geoPeriods":
        if (v === "first-middle-last" || v === "all") o.geoPeriods = v;
        else o.geoPeriods = parseNumberList(key, v);
        break;
      case "ddof": o.ddof = Number(oneOf(["0", "1"])) as 0 | 1; break;
      case "geoAlpha": o.geoAlpha = num(1e-6, 0.5); break;
      case "hakenPair": {
        const p = parseNumberList(key, v);
        if (p.length !== 2 || p.some((x) => !Number.isInteger(x) || x < 1) || p[0] === p[1]) throw bad(key, v, "two different subsystem numbers, e.g. 1,2");
        o.hakenPair = [p[0] - 1, p[1] - 1];
        break;
      }
      case "hakenIntercept": o.hakenIntercept = bool(); break;
      case "hakenClusterSE": o.hakenClusterSE = bool(); break;
      case "hakenRatio": o.hakenRatio = num(1, 1000); break;
      case "evolution": o.evolution = oneOf([...EVOLUTION_METHODS]) as EvolutionMethod; break;
    }
  }
  return o;
}
