import { CoordError, cellLabel } from "./errors";
import { assertFinite, assertOption } from "./validate";

/**
 * Grades of the coupling coordination degree D, stages of the coupling degree C and the
 * relative development type of two subsystems (METHODS.md §6, M6).
 */

export type Language = "en" | "zh";
export type Closure = "left" | "right";
export type Wording = "default" | "synergy";

export interface GradeRow {
  gradeNo: number;
  lower: number;
  upper: number;
  en: string;
  zh: string;
  /** 1 dysfunctional decline, 2 transitional, 3 coordinated development. */
  broadClassNo: 1 | 2 | 3;
}

/** The ten D grades of METHODS.md §6 (seed paper 000, Table 1). */
export const GRADE_TABLE: readonly GradeRow[] = [
  { gradeNo: 1, lower: 0.0, upper: 0.1, en: "Extreme disorder", zh: "极度失调", broadClassNo: 1 },
  { gradeNo: 2, lower: 0.1, upper: 0.2, en: "Severe disorder", zh: "严重失调", broadClassNo: 1 },
  { gradeNo: 3, lower: 0.2, upper: 0.3, en: "Moderate disorder", zh: "中度失调", broadClassNo: 1 },
  { gradeNo: 4, lower: 0.3, upper: 0.4, en: "Mild disorder", zh: "轻度失调", broadClassNo: 1 },
  { gradeNo: 5, lower: 0.4, upper: 0.5, en: "Nearly dysfunctional", zh: "濒临失调", broadClassNo: 2 },
  { gradeNo: 6, lower: 0.5, upper: 0.6, en: "Barely coordinated", zh: "勉强协调", broadClassNo: 2 },
  { gradeNo: 7, lower: 0.6, upper: 0.7, en: "Primary coordination", zh: "初级协调", broadClassNo: 3 },
  { gradeNo: 8, lower: 0.7, upper: 0.8, en: "Intermediate coordination", zh: "中级协调", broadClassNo: 3 },
  { gradeNo: 9, lower: 0.8, upper: 0.9, en: "Good coordination", zh: "良好协调", broadClassNo: 3 },
  { gradeNo: 10, lower: 0.9, upper: 1.0, en: "Quality coordination", zh: "优质协调", broadClassNo: 3 },
];

/** "协同" (synergy) wording for co-evolution studies: the coordinated grades renamed. */
const SYNERGY_EN: Record<number, string> = {
  6: "Barely synergistic",
  7: "Primary synergy",
  8: "Intermediate synergy",
  9: "Good synergy",
  10: "Quality synergy",
};

const BROAD_CLASS: Record<Wording, Record<Language, [string, string, string]>> = {
  default: {
    en: ["Dysfunctional decline", "Transitional", "Coordinated development"],
    zh: ["失调衰退", "过渡", "协调发展"],
  },
  synergy: {
    en: ["Dysfunctional decline", "Transitional", "Synergistic development"],
    zh: ["失调衰退", "过渡", "协同发展"],
  },
};

/** Interior grade bounds 0.1 .. 0.9 as the doubles a user types (0.3 is the double nearest 0.3). */
const D_BOUNDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** A D above 1 by no more than this (last-bit rounding) is graded as 1. */
const ONE_TOL = 1e-12;

export interface GradeOptions {
  /** `left` (default): [0, 0.1) ... [0.9, 1.0]; `right`: [0, 0.1] (0 in grade 1), (0.1, 0.2] ... (0.9, 1.0]. */
  closure?: Closure;
  /** Round D half-up to this many decimals (0..15) before grading, so a printed table grades as printed. */
  decimals?: number;
  language?: Language;
  /** `synergy`: 协同 instead of 协调 (co-evolution studies), e.g. 优质协同 / Quality synergy. */
  wording?: Wording;
  /** Name of the argument in error messages (default `D`). */
  argument?: string;
}

export interface GradeResult {
  /** Grade 1 (extreme disorder) .. 10 (quality coordination). */
  gradeNo: number;
  label: string;
  /** 1 dysfunctional decline (D < 0.4), 2 transitional (0.4–0.6), 3 coordinated (≥ 0.6). */
  broadClassNo: 1 | 2 | 3;
  broadClass: string;
  /** The value graded (D after rounding, when `decimals` is set). */
  D: number;
}

/**
 * Round x half-up (away from zero) to d decimals on its shortest decimal representation, as a
 * spreadsheet's ROUND does: 0.2995 -> 0.3 at 3 decimals (x * 1000 would give 299.49999...).
 * The result is the double nearest the decimal, so it compares equal to the literal 0.3.
 */
export function roundHalfUp(x: number, d: number): number {
  const [mantissa, exponent] = x.toExponential().split("e");
  const shifted = Number(`${mantissa}e${Number(exponent) + d}`);
  const r = Math.sign(shifted) * Math.round(Math.abs(shifted));
  return Number(`${r}e-${d}`);
}

function gradeOptions(options: GradeOptions) {
  const closure = assertOption(options.closure ?? "left", ["left", "right"] as const, "closure");
  const language = assertOption(options.language ?? "en", ["en", "zh"] as const, "language");
  const wording = assertOption(options.wording ?? "default", ["default", "synergy"] as const, "wording");
  const decimals = options.decimals;
  if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 15))
    throw new CoordError("OPTION", `decimals must be a whole number from 0 to 15; got '${String(decimals)}'`, {
      argument: "decimals",
    });
  return { closure, language, wording, decimals };
}

function gradeOne(value: unknown, o: ReturnType<typeof gradeOptions>, argument: string, row: number | undefined): GradeResult {
  let D = assertFinite(value, argument, row);
  if (D < 0)
    throw new CoordError("NEGATIVE", `${cellLabel(argument, row)}: D = ${D} is negative; D must lie in [0, 1]`, {
      argument,
      row,
    });
  if (D > 1 + ONE_TOL)
    throw new CoordError("UNDEFINED", `${cellLabel(argument, row)}: D = ${D} is above 1; D must lie in [0, 1]`, {
      argument,
      row,
    });
  if (D > 1) D = 1;
  if (o.decimals !== undefined) D = roundHalfUp(D, o.decimals);
  // M6: left-closed [a, b) counts the bounds ≤ D; right-closed (a, b] counts the bounds < D
  let gradeNo = 1;
  for (const b of D_BOUNDS) if (o.closure === "left" ? b <= D : b < D) gradeNo++;
  const row10 = GRADE_TABLE[gradeNo - 1];
  let label = o.language === "en" ? row10.en : row10.zh;
  if (o.wording === "synergy") label = o.language === "en" ? (SYNERGY_EN[gradeNo] ?? label) : label.replace("协调", "协同");
  const broadClassNo = row10.broadClassNo;
  return { gradeNo, label, broadClassNo, broadClass: BROAD_CLASS[o.wording][o.language][broadClassNo - 1], D };
}

/**
 * Grade of a coupling coordination degree D in [0, 1] (METHODS.md M6): grade number 1..10, its
 * label (English or Chinese) and its broad class.
 *
 * @example
 * gradeD(0.3); // => { gradeNo: 4, label: 'Mild disorder', broadClassNo: 1, broadClass: 'Dysfunctional decline', D: 0.3 }
 * gradeD(0.3, { closure: 'right', language: 'zh' }).label; // => '中度失调'
 * gradeD(0.29951, { decimals: 3 }).gradeNo; // => 4 (graded as the printed 0.300)
 */
export function gradeD(D: unknown, options: GradeOptions = {}): GradeResult {
  return gradeOne(D, gradeOptions(options), options.argument ?? "D", undefined);
}

/**
 * Grades of a column of D values (METHODS.md M6); an error names the row.
 *
 * @example
 * gradeDColumn([0.05, 0.95]).map((g) => g.gradeNo); // => [1, 10]
 */
export function gradeDColumn(D: ArrayLike<unknown>, options: GradeOptions = {}): GradeResult[] {
  const argument = options.argument ?? "D";
  if (!D || D.length === 0) throw new CoordError("EMPTY", `${argument} is empty`, { argument });
  const o = gradeOptions(options);
  const out: GradeResult[] = new Array(D.length);
  for (let i = 0; i < D.length; i++) out[i] = gradeOne(D[i], o, argument, i);
  return out;
}

/** Labels of the four coupling stages (METHODS.md M6). */
export const COUPLING_STAGES: readonly { stage: 1 | 2 | 3 | 4; lower: number; upper: number; en: string; zh: string }[] = [
  { stage: 1, lower: 0, upper: 0.3, en: "Low-level coupling", zh: "低水平耦合" },
  { stage: 2, lower: 0.3, upper: 0.5, en: "Antagonism", zh: "拮抗" },
  { stage: 3, lower: 0.5, upper: 0.8, en: "Running-in", zh: "磨合" },
  { stage: 4, lower: 0.8, upper: 1, en: "High-level coupling", zh: "高水平耦合" },
];

export interface StageResult {
  stage: 1 | 2 | 3 | 4;
  label: string;
}

/**
 * Coupling stage of a coupling degree C in [0, 1] (METHODS.md M6), right-closed:
 * (0, 0.3] low-level (C = 0 included), (0.3, 0.5] antagonism, (0.5, 0.8] running-in,
 * (0.8, 1] high-level.
 *
 * @example
 * couplingStage(0.5); // => { stage: 2, label: 'Antagonism' }
 * couplingStage(0.95, { language: 'zh' }).label; // => '高水平耦合'
 */
export function couplingStage(C: unknown, options: { language?: Language; argument?: string } = {}): StageResult {
  const argument = options.argument ?? "C";
  const language = assertOption(options.language ?? "en", ["en", "zh"] as const, "language");
  let c = assertFinite(C, argument);
  if (c < 0) throw new CoordError("NEGATIVE", `${argument}: C = ${c} is negative; C must lie in [0, 1]`, { argument });
  if (c > 1 + ONE_TOL) throw new CoordError("UNDEFINED", `${argument}: C = ${c} is above 1; C must lie in [0, 1]`, { argument });
  if (c > 1) c = 1;
  let stage = 1;
  for (const b of [0.3, 0.5, 0.8]) if (b < c) stage++;
  const s = COUPLING_STAGES[stage - 1];
  return { stage: s.stage, label: language === "en" ? s.en : s.zh };
}

export interface RelativeTypeOptions {
  /** Threshold θ ≥ 0 (default 0.1); θ = 0 is the plain sign rule. */
  theta?: number;
  language?: Language;
  /** Names of subsystems 1 and 2 in the labels (default "Subsystem 1"/"Subsystem 2", 子系统1/子系统2). */
  names?: [string, string];
}

export interface RelativeTypeResult {
  /** 0 synchronous; 1 U1 > U2 + θ (subsystem 2 lags); -1 U2 > U1 + θ (subsystem 1 lags). */
  code: -1 | 0 | 1;
  label: string;
}

/** |U1 - U2| within θ + this is synchronous, so 0.4 - 0.3 = 0.10000000000000003 counts as 0.1. */
const THETA_TOL = 1e-12;

/**
 * Relative development type of two subsystem scores (METHODS.md M6): |U1 - U2| ≤ θ synchronous,
 * U1 > U2 + θ subsystem 2 lags, U2 > U1 + θ subsystem 1 lags.
 *
 * @example
 * relativeType(0.6, 0.45); // => { code: 1, label: 'Subsystem 2 lags' }
 * relativeType(0.2, 0.8, { names: ['Urbanization', 'Ecology'] }).label; // => 'Urbanization lags'
 * relativeType(0.5, 0.55, { language: 'zh' }).label; // => '同步'
 */
export function relativeType(U1: unknown, U2: unknown, options: RelativeTypeOptions = {}): RelativeTypeResult {
  const u1 = assertFinite(U1, "U1");
  const u2 = assertFinite(U2, "U2");
  const theta = options.theta ?? 0.1;
  if (typeof theta !== "number" || !Number.isFinite(theta) || theta < 0)
    throw new CoordError("OPTION", `theta must be a number ≥ 0; got '${String(theta)}'`, { argument: "theta" });
  const language = assertOption(options.language ?? "en", ["en", "zh"] as const, "language");
  const names = options.names ?? (language === "en" ? ["Subsystem 1", "Subsystem 2"] : ["子系统1", "子系统2"]);
  if (!Array.isArray(names) || names.length !== 2) throw new CoordError("OPTION", "names must hold the names of subsystems 1 and 2", { argument: "names" });
  const d = u1 - u2;
  const code: -1 | 0 | 1 = Math.abs(d) <= theta + THETA_TOL ? 0 : d > 0 ? 1 : -1;
  if (code === 0) return { code, label: language === "en" ? "Synchronous" : "同步" };
  const lagging = code === 1 ? names[1] : names[0];
  return { code, label: language === "en" ? `${lagging} lags` : `${lagging}滞后` };
}
