/**
 * Section "coupling" (METHODS.md M5, M6): C, T, D per observation with grades, coupling
 * stages and relative development types; the Scores sheet.
 */
import { CoordError } from "../../engine/errors";
import { coupling } from "../../engine/coupling";
import { gradeD, relativeType, couplingStage } from "../../engine/grade";
import { column, ColumnWithValues, sheet, tableFromColumns } from "../model";
import { Panel } from "../panel";
import { gradeStandardSheet } from "../paperTables";
import { sheetName } from "../sheetNames";
import { translator } from "../i18n";
import { warn } from "../warnings";
import { badOption, enumOption, numberOption, parseNumberList } from "./optionKit";
import type { OptionSpec, ReportContext, ReportOptions, ReportSection } from "./types";

declare module "./types" {
  interface ReportOptions {
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
  }
  interface SectionResults {
    coupling?: Observation[];
  }
}

export interface Observation {
  id: string;
  time: number;
  /** the period as shown (e.g. "2015") */
  period: string;
  group: string | null;
  U: Record<string, number>;
  /** null (with `reason`) where C and D are undefined: all U of the observation are 0 */
  C: number | null;
  T: number;
  D: number | null;
  /** null where D is null */
  grade: string | null;
  gradeNo: number | null;
  broadClass: string | null;
  /** coupling stage of C (M6); null where C is null */
  stage: string | null;
  /** why C and D are null (absent otherwise) */
  reason?: string;
  /** relative development type (two subsystems only; null otherwise) */
  relativeType: string | null;
}

/** M5, M6: C, T, D per observation with grades, stages and relative types. */
export function coordinationStage(panel: Panel, U: number[][], o: ReportOptions): Observation[] {
  const names = panel.subsystems.map((s) => s.name);
  const rows = panel.times.map((_, r) => U.map((u) => u[r]));
  const alpha = o.alpha.length ? o.alpha : undefined;
  if (alpha && alpha.length !== names.length)
    throw new CoordError("OPTION", `option alpha has ${alpha.length} weights but there are ${names.length} subsystems`, { argument: "alpha" });
  let ccd;
  try {
    // an observation whose C and D are undefined (all U = 0) keeps them empty with the reason; the
    // rest go on. Scores of shifted z lie in [δ, 1 + δ] (M1).
    ccd = coupling(rows, { form: o.coupling, alpha, systemNames: names, onUndefined: "null", upper: 1 + Math.max(0, o.shift) });
  } catch (e) {
    // Name the observation rather than the internal row number.
    if (e instanceof CoordError && e.where.row !== undefined) {
      const r = e.where.row;
      throw new CoordError(e.code, `${panel.ids[r]} ${panel.periodLabels[panel.periodIndex[r]]} (sheet row ${panel.rowIndex[r]}): ${e.message}`, e.where);
    }
    throw e;
  }
  const gradeOpts = { closure: o.closure, language: o.language, decimals: o.gradeDecimals ?? undefined };
  const say = translator(o.language);
  // M6 relative type as a whole phrase with the lagging subsystem's name as a parameter
  const phrases = new Map<number, string>(); // by the type's code: the same few phrases for every observation
  const relative = (u1: number, u2: number) => {
    const r = relativeType(u1, u2, { theta: o.theta, language: "en", names: [names[0], names[1]] });
    let phrase = phrases.get(r.code);
    if (phrase === undefined) {
      phrase = r.code === 0 ? say("relType.synchronous") : say("relType.lags", { name: r.code === 1 ? names[1] : names[0] });
      phrases.set(r.code, phrase);
    }
    return phrase;
  };
  return panel.times.map((t, r) => {
    const D = ccd.D[r];
    const C = ccd.C[r];
    const g = D === null ? null : gradeD(D, gradeOpts);
    const Ur: Record<string, number> = {};
    names.forEach((n, s) => (Ur[n] = U[s][r]));
    const obs: Observation = {
      id: panel.ids[r],
      time: t,
      period: panel.periodLabels[panel.periodIndex[r]],
      group: panel.groups ? panel.groups[r] : null,
      U: Ur,
      C,
      T: ccd.T[r],
      D,
      grade: g ? g.label : null,
      gradeNo: g ? g.gradeNo : null,
      broadClass: g ? g.broadClass : null,
      stage: C === null ? null : couplingStage(Math.min(1, Math.max(0, C)), { language: o.language }).label,
      relativeType: names.length === 2 ? relative(U[0][r], U[1][r]) : null,
    };
    if (D === null)
      obs.reason = names.every((_, s) => U[s][r] === 0) ? say("coupling.allZero") : say("coupling.undefinedForm", { form: say(`coupling.form.${o.coupling}`) });
    return obs;
  });
}

/** Warnings for the observations whose C and D are undefined (listed in the Summary). */
export function undefinedObservationWarnings(panel: Panel, obs: Observation[], language?: string): string[] {
  const t = translator(language);
  const rows = obs.map((x, r) => (x.D === null ? r : -1)).filter((r) => r >= 0);
  if (rows.length === 0) return [];
  const shown = rows.slice(0, 8).map((r) => t("coupling.obs", { unit: obs[r].id, period: obs[r].period, row: panel.rowIndex[r] }));
  const list = t.list(shown) + (rows.length > 8 ? (t.lang === "zh" ? "……" : ", ...") : "");
  const reason = obs[rows[0]].reason ?? "";
  return [rows.length === 1 ? t("coupling.undefinedOne", { list, reason }) : t("coupling.undefinedMany", { n: rows.length, list, reason })];
}

/** The Scores sheet: one row per observation (U, C, T, D, grade, stage, type, Haken level h). */
export function scoresSheet(obs: Observation[], ctx: ReportContext) {
  const t = translator(ctx.options.language);
  const names = ctx.data.subsystems.map((s) => s.name);
  const cols: ColumnWithValues[] = [
    { ...column("id", t("common.unit"), "text"), values: obs.map((x) => x.id) },
    { ...column("period", t("common.period"), "text"), values: obs.map((x) => x.period) },
  ];
  if (ctx.data.groups.length) cols.push({ ...column("group", t("common.group"), "text"), values: obs.map((x) => x.group) });
  names.forEach((n, i) => cols.push({ ...column(`U${i + 1}`, t("scores.U", { name: n }), "0.000"), values: obs.map((x) => x.U[n]) }));
  cols.push(
    { ...column("C", "C", "0.000"), values: obs.map((x) => x.C) },
    { ...column("T", "T", "0.000"), values: obs.map((x) => x.T) },
    { ...column("D", "D", "0.000", { colorScale: true }), values: obs.map((x) => x.D) },
    { ...column("grade", t("scores.grade"), "text"), values: obs.map((x) => x.grade) },
    { ...column("gradeNo", t("scores.gradeNo"), "0"), values: obs.map((x) => x.gradeNo) },
    { ...column("stage", t("scores.stage"), "text"), values: obs.map((x) => x.stage) },
  );
  if (names.length === 2) cols.push({ ...column("relativeType", t("scores.relativeType"), "text"), values: obs.map((x) => x.relativeType) });
  const haken = ctx.results.haken;
  if (haken && haken.model.evolution) cols.push({ ...column("h", t("scores.h"), "0.0000"), values: haken.levels });
  return sheet(sheetName("scores", ctx.options.language), [tableFromColumns(cols)], [], {
    freeze: { rows: 1, columns: 2 },
    page: { rowsPerPage: 110 },
    id: "scores",
  });
}

const alphaOption: OptionSpec<number[]> = {
  key: "alpha",
  values: "a,b[,c]",
  default: [],
  blank: "equal",
  label: { en: "Subsystem weights α", zh: "子系统权重 α" },
  help: { en: "weights of the subsystems in T, summing to 1; default equal (M5)", zh: "综合评价指数 T 中各子系统的权重，和为 1；默认相等（M5）" },
  parse(text) {
    const v = text.trim();
    const a = parseNumberList("alpha", v);
    const sum = a.reduce((s, x) => s + x, 0);
    if (a.some((x) => x < 0) || Math.abs(sum - 1) > 1e-9) throw badOption("alpha", v, "non-negative weights summing to 1");
    return a;
  },
};

const decimals = numberOption({ key: "gradeDecimals", default: 0, label: { en: "", zh: "" }, help: { en: "", zh: "" } }, { min: 0, max: 10, integer: true });

const gradeDecimalsOption: OptionSpec<number | null> = {
  key: "gradeDecimals",
  values: "integer",
  default: null,
  blank: "none",
  label: { en: "Round D before grading", zh: "分级前 D 的小数位" },
  help: { en: "round D to this many decimals before grading (M6); default none", zh: "分级前将 D 四舍五入到的小数位数（M6）；默认不舍入" },
  parse(text) {
    const v = text.trim();
    return v === "" || v === "none" ? null : decimals.parse(v);
  },
};

export const couplingSection: ReportSection<Observation[]> = {
  id: "coupling",
  title: { en: "Coupling coordination and grades", zh: "耦合协调度与等级" },
  progress: { en: "Coupling coordination", zh: "耦合协调度" },
  jsonKey: "observations",
  empty: [],
  needs: ["weights"],
  options: [
    enumOption(
      {
        key: "coupling",
        default: "standard",
        label: { en: "Coupling degree C", zh: "耦合度 C" },
        help: { en: "form of the coupling degree C (M5)", zh: "耦合度 C 的形式（M5）" },
      },
      ["standard", "modified", "fan"],
    ),
    alphaOption,
    enumOption(
      {
        key: "closure",
        default: "left",
        label: { en: "Grade intervals", zh: "等级区间" },
        help: { en: "grade intervals [0,0.1) ... or (0,0.1] ... (M6)", zh: "等级区间 [0,0.1) … 或 (0,0.1] …（M6）" },
      },
      ["left", "right"],
    ),
    enumOption(
      {
        key: "language",
        default: "en",
        label: { en: "Report language", zh: "报告语言" },
        help: {
          en: "language of the whole report: sheet names, tables, notes, grade names, coupling stages and relative types (M6)",
          zh: "整份报告的语言：工作表名、表格、说明、等级名称、耦合阶段与相对发展类型（M6）",
        },
      },
      ["en", "zh"],
    ),
    gradeDecimalsOption,
    numberOption(
      {
        key: "theta",
        default: 0.1,
        label: { en: "θ of relative types", zh: "相对发展类型阈值 θ" },
        help: { en: "threshold θ of the relative development type (M6)", zh: "相对发展类型的阈值 θ（M6）" },
      },
      { min: 0, max: 1 },
    ),
  ],
  run: (ctx) => {
    const obs = coordinationStage(ctx.panel, ctx.results.weights!.U, ctx.options);
    for (const w of undefinedObservationWarnings(ctx.panel, obs, ctx.options.language)) warn(ctx.warnings, "coupling.undefined", w);
    return obs;
  },
  sheets: (obs, ctx) => [gradeStandardSheet(ctx.options.language, ctx.options.closure), scoresSheet(obs, ctx)],
};
