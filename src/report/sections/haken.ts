/**
 * Section "haken" (METHODS.md M10): the Haken model on the chosen pair of subsystems' U, with
 * the potential and the evolution level of every observation; the Haken sheet (and the
 * evolution level column of the Scores sheet).
 */
import { CoordError } from "../../engine/errors";
import { hakenModel, HakenModelResult } from "../../engine/haken";
import { EVOLUTION_METHODS, EvolutionMethod } from "../../engine/haken/evolution";
import { column, ReportColumn, ReportRow, ReportTable, sheet, table } from "../model";
import { Panel } from "../panel";
import { sheetName } from "../sheetNames";
import { translator, type Translate } from "../i18n";
import { warn } from "../warnings";
import { formatAlpha } from "../../engine/haken/fit";
import type { HakenEvolution } from "../../engine/haken/evolution";
import { badOption, booleanOption, enumOption, numberOption, parseNumberList } from "./optionKit";
import type { Observation } from "./coupling";
import type { OptionSpec, ReportOptions, ReportSection } from "./types";

declare module "./types" {
  interface ReportOptions {
    /** M10 which two subsystems (indices) form the Haken pair */
    hakenPair: [number, number];
    hakenIntercept: boolean;
    hakenClusterSE: boolean;
    /** M10 Haken adiabatic condition |γ2| > ratio·|γ1| */
    hakenRatio: number;
    /** M10 evolution level: measure|transform (default distance in the (q1, V) plane, 1 - d/max d) */
    evolution: EvolutionMethod;
    /** M10 significance level of the coefficients */
    hakenAlpha: number;
    /** M10 every coefficient significant at hakenAlpha as part of the adiabatic rule */
    hakenRequireSignificance: boolean;
    /** M10 which assignment names the order parameter: auto (the one that passes), A or B (forced) */
    hakenOrder: "auto" | "A" | "B";
  }
  interface SectionResults {
    haken?: HakenSummary | null;
  }
}

export interface HakenSummary {
  /** names of the two series, A then B */
  pair: [string, string];
  model: HakenModelResult;
  /** evolution level per observation (null where none) in observation order */
  levels: Array<number | null>;
  skippedGaps: number;
}

/** M10: Haken model on the chosen pair of subsystems' U. */
export function hakenStage(panel: Panel, obs: Observation[], o: ReportOptions, warnings: string[]): HakenSummary | null {
  const names = panel.subsystems.map((s) => s.name);
  const [i, j] = o.hakenPair;
  if (i >= names.length || j >= names.length)
    throw new CoordError(
      "OPTION",
      `option hakenPair: '${i + 1},${j + 1}' is not valid; there are ${names.length} subsystems: ${names.map((n, k) => `${k + 1} = ${n}`).join(", ")} (give two of 1 to ${names.length}, e.g. 1,2)`,
      { argument: "hakenPair" },
    );
  const A = obs.map((x) => x.U[names[i]]);
  const B = obs.map((x) => x.U[names[j]]);
  try {
    const model = hakenModel(A, B, panel.ids, panel.times, {
      names: [names[i], names[j]],
      intercept: o.hakenIntercept,
      cluster: o.hakenClusterSE,
      ratio: o.hakenRatio,
      evolution: o.evolution,
      alpha: o.hakenAlpha,
      requireSignificant: o.hakenRequireSignificance,
      order: o.hakenOrder,
      orderOptionName: "hakenOrder",
    });
    const t = translator(o.language);
    if (model.fitA.skippedGaps > 0) warn(warnings, "haken.gaps", t("haken.gaps", { n: model.fitA.skippedGaps }));
    const levels = model.evolution ? model.evolution.level.map((v) => (Number.isFinite(v) ? v : null)) : obs.map(() => null);
    return { pair: [names[i], names[j]], model, levels, skippedGaps: model.fitA.skippedGaps };
  } catch (e) {
    if (!(e instanceof CoordError)) throw e;
    warn(warnings, "haken.notEstimated", translator(o.language)("haken.notEstimated", { text: e.message }));
    return null;
  }
}

/** What the evolution level is, in the report's language (the engine's sentence in English). */
function evolutionText(t: Translate, ev: HakenEvolution): string {
  if (t.lang === "en") return ev.description;
  const [measure, transform] = ev.method.split("|");
  if (measure === "potential") return transform === "raw" ? t("haken.ev.potRaw") : t("haken.ev.potMinmax");
  const how =
    transform === "raw" ? "d" : transform === "1/(1+d)" ? "h = 1/(1 + d)" : transform === "1-d/dmax" ? "h = 1 - d/max d" : "h = (dmax - d)/(dmax - dmin)";
  const fmt = (v: number | undefined) => String(Number((v ?? NaN).toPrecision(6)));
  const ref = ev.reference;
  return measure === "distance_qV" ? t("haken.ev.qV", { how, a: fmt(ref?.q1), b: fmt(ref?.V) }) : t("haken.ev.q1q2", { how, a: fmt(ref?.q1), b: fmt(ref?.q2) });
}

/**
 * The decision of the Haken model in the report's language: the engine's note in English, the
 * same sentences from the catalogue in Chinese (M10).
 */
export function hakenDecision(m: HakenModelResult, o: ReportOptions): string {
  const t = translator(o.language);
  if (t.lang === "en") return m.note;
  const decided = m.decision === "A" ? m.fitA : m.decision === "B" ? m.fitB : null;
  const level = formatAlpha(o.hakenAlpha).replace(" %", "%");
  const parts: string[] = [];
  if (m.orderParameter && m.notSignificant && decided) {
    const list = decided.conditions
      .filter((c) => c.key.endsWith("Significant") && !c.holds)
      .map((c) => `${c.label.split(" ")[0]} p = ${c.p === null ? "—" : c.p.toPrecision(2)}`);
    parts.push(t("haken.decision.notSignificant", { name: m.orderParameter, level, list: t.list(list) }));
  } else if (m.orderParameter) parts.push(t("haken.decision.one", { name: m.orderParameter }));
  else parts.push(t(m.decision === "both" ? "haken.decision.both" : "haken.decision.neither"));
  if (m.used) {
    const fit = m.used === "A" ? m.fitA : m.fitB;
    if (o.hakenOrder !== "auto") parts.push(t("haken.forced", { name: fit.q1Name, order: o.hakenOrder }));
    if (m.evolution) parts.push(t("haken.evolutionNote", { description: evolutionText(t, m.evolution) }));
    else parts.push(t(m.potential ? "haken.noEvolution" : "haken.noPotentialFit"));
  } else parts.push(t("haken.noPotential"));
  return parts.join(t.lang === "zh" ? "" : " ");
}

/** The headline of the Haken model: its decision's first sentence. */
export function hakenHeadline(m: HakenModelResult, o: ReportOptions): string {
  const t = translator(o.language);
  const first = t.lang === "zh" ? hakenDecision(m, o).split("。")[0] : m.note.split(". ")[0].replace(/\.$/, "");
  return t("haken.headline", { text: first });
}

/** The Haken sheet: both assignments, the decision, the potential and the evolution level per unit and period. */
export function hakenSheet(h: HakenSummary, observations: Observation[], periods: string[], o: ReportOptions) {
  const t = translator(o.language);
  const clusterSE = o.hakenClusterSE;
  const m = h.model;
  const yesNo = (b: boolean) => t(b ? "common.yes" : "common.no");
  const level = formatAlpha(o.hakenAlpha);
  const conditionLabel = (c: (typeof m.fitA.conditions)[number]) =>
    t.lang === "en" || !c.key.endsWith("Significant") ? c.label : t("haken.significantAt", { param: c.label.split(" ")[0], level: level.replace(" %", "%") });
  const verdict = (v: string) => (v === "holds" ? t("haken.verdict.holds") : v === "fails" ? t("haken.verdict.fails") : t("haken.verdict.notSignificant"));
  const tables: ReportTable[] = [];
  for (const fit of [m.fitA, m.fitB]) {
    const rows: ReportRow[] = (["gamma1", "a", "gamma2", "b"] as const).map((k) => {
      const p = fit.params[k];
      return {
        param: k === "gamma1" ? "γ1" : k === "gamma2" ? "γ2" : k,
        estimate: p.estimate,
        se: clusterSE ? (p.seCluster ?? p.se) : p.se,
        t: clusterSE ? (p.tCluster ?? p.t) : p.t,
        p: clusterSE ? (p.pCluster ?? p.p) : p.p,
      };
    });
    rows.push({ param: t("haken.r2eq1"), estimate: fit.eq1.r2 }, { param: t("haken.r2eq2"), estimate: fit.eq2.r2 });
    tables.push(
      table(
        [
          column("param", t("haken.param"), "text"),
          column("estimate", t("haken.estimate"), "0.0000"),
          column("se", clusterSE ? t("haken.clusterSE") : t("haken.se"), "0.0000"),
          column("t", "t", "0.000"),
          column("p", "p", "0.0000"),
        ],
        rows,
        { title: t("haken.fitTitle", { q1: fit.q1Name, q2: fit.q2Name }) },
      ),
    );
    // counts as integers (issue 12)
    tables.push(
      table(
        [column("item", t("haken.sample"), "text"), column("n", "n", "0")],
        [
          { item: t("haken.pairs"), n: fit.nPairs },
          { item: t("haken.units"), n: fit.nUnits },
        ],
      ),
    );
    // M10: each condition with its value and p
    tables.push(
      table(
        [
          column("condition", t("haken.condition"), "text"),
          column("value", t("common.value"), "0.0000"),
          column("p", "p", "0.0000"),
          column("holds", t("haken.holdsHeader"), "text"),
          column("required", t("haken.required"), "text"),
        ],
        [
          ...fit.conditions.map((c) => ({ condition: conditionLabel(c), value: c.value, p: c.p, holds: yesNo(c.holds), required: yesNo(c.required) })),
          { condition: t("haken.adiabatic"), value: null, p: null, holds: verdict(fit.verdict), required: "" },
        ],
        { title: t("haken.conditionsTitle", { q1: fit.q1Name }) },
      ),
    );
  }
  tables.push(table([column("note", t("haken.decision"), "text")], [{ note: hakenDecision(m, o) }]));
  if (m.potential) {
    tables.push(
      table(
        [column("q1", "q1", "0.0000"), column("V", "V(q1)", "0.0000"), column("V2", "V''", "0.0000"), column("stable", t("haken.stable"), "text")],
        m.potential.points.map((p) => ({ q1: p.q1, V: p.V, V2: p.V2, stable: yesNo(p.stable) })),
        { title: t("haken.potentialTitle", { description: t(`haken.pot.${m.potential.kind}`) }) },
      ),
    );
  }
  if (m.evolution) {
    const units = [...new Set(observations.map((x) => x.id))];
    const cols: ReportColumn[] = [column("unit", t("common.unit"), "text")];
    periods.forEach((p, k) => cols.push(column(`p${k}`, p, "0.000", { colorScale: true })));
    // one pass over the observations (a findIndex per cell was quadratic: 40 s at 100,000 rows)
    const at = new Map<string, number>();
    observations.forEach((x, i) => {
      const key = `${x.id}\u0000${x.period}`;
      if (!at.has(key)) at.set(key, i);
    });
    const rows = units.map((u) => {
      const r: ReportRow = { unit: u };
      periods.forEach((p, k) => {
        const i = at.get(`${u}\u0000${p}`);
        r[`p${k}`] = i !== undefined ? h.levels[i] : null;
      });
      return r;
    });
    tables.push(table(cols, rows, { title: t("haken.evolutionTitle", { description: evolutionText(t, m.evolution) }) }));
  }
  return sheet(sheetName("haken", o.language), tables, [], { id: "haken", page: { rowsPerPage: 60 } }); // its 45 rows on one page, the decision with its tables
}

const hakenPairOption: OptionSpec<[number, number]> = {
  key: "hakenPair",
  values: "i,j",
  default: [0, 1],
  label: { en: "Subsystem pair", zh: "子系统对" },
  help: { en: "the two subsystems (1-based) of the Haken model (M10)", zh: "哈肯模型的两个子系统（从 1 起编号）（M10）" },
  parse(text) {
    const v = text.trim();
    const p = parseNumberList("hakenPair", v);
    if (p.length !== 2 || p.some((x) => !Number.isInteger(x) || x < 1) || p[0] === p[1])
      throw badOption("hakenPair", v, "two different subsystem numbers, e.g. 1,2");
    return [p[0] - 1, p[1] - 1];
  },
  text: (v) => v.map((i) => i + 1).join(","),
};

export const hakenSection: ReportSection<HakenSummary | null> = {
  id: "haken",
  title: { en: "Haken model", zh: "哈肯模型" },
  progress: { en: "Haken model", zh: "哈肯模型" },
  jsonKey: "haken",
  needs: ["coupling"],
  options: [
    hakenPairOption,
    booleanOption({
      key: "hakenIntercept",
      default: false,
      label: { en: "Intercept", zh: "截距项" },
      help: { en: "add an intercept to the Haken regressions (M10)", zh: "哈肯模型回归中加入截距项（M10）" },
    }),
    booleanOption({
      key: "hakenClusterSE",
      default: false,
      label: { en: "Cluster-robust SE", zh: "聚类稳健标准误" },
      help: { en: "cluster-robust standard errors by unit (M10)", zh: "按单元聚类的稳健标准误（M10）" },
    }),
    numberOption(
      {
        key: "hakenRatio",
        default: 1,
        label: { en: "Adiabatic ratio", zh: "绝热条件倍数" },
        help: { en: "adiabatic condition |γ2| > ratio·|γ1|; e.g. 2 for 'much greater' (M10)", zh: "绝热近似条件 |γ2| > 倍数·|γ1|；如 2 表示“远大于”（M10）" },
      },
      { min: 1, max: 1000 },
    ),
    enumOption(
      {
        key: "evolution",
        default: "distance_qV|1-d/dmax",
        label: { en: "Evolution level", zh: "演化水平" },
        help: { en: `evolution level (M10), one of ${EVOLUTION_METHODS.join(", ")}`, zh: `演化水平（M10），可选 ${EVOLUTION_METHODS.join(", ")}` },
      },
      EVOLUTION_METHODS,
      "measure|transform",
    ),
    numberOption(
      {
        key: "hakenAlpha",
        default: 0.05,
        label: { en: "Significance level", zh: "显著性水平" },
        help: { en: "significance level of the Haken coefficients γ1, a, γ2, b (M10)", zh: "哈肯模型系数 γ1、a、γ2、b 的显著性水平（M10）" },
      },
      { min: 1e-6, max: 0.5 },
    ),
    booleanOption({
      key: "hakenRequireSignificance",
      default: false,
      label: { en: "Require significance", zh: "要求显著" },
      help: {
        en: "every coefficient significant at hakenAlpha is part of the adiabatic rule; otherwise the decision says 'holds in sign and size, not significant' (M10)",
        zh: "绝热近似的判定要求全部系数在 hakenAlpha 下显著；否则结论注明“符号与大小成立，但不显著”（M10）",
      },
    }),
    enumOption(
      {
        key: "hakenOrder",
        default: "auto",
        label: { en: "Order parameter", zh: "序参量" },
        help: {
          en: "auto: the assignment that passes the adiabatic test; A or B: force the first or second subsystem of hakenPair as q1 (M10)",
          zh: "auto：满足绝热近似的组合；A 或 B：强制以 hakenPair 的第一或第二个子系统为 q1（M10）",
        },
      },
      ["auto", "A", "B"],
    ),
  ],
  notApplicable: (ctx) => (ctx.panel.subsystems.length >= 2 ? null : { reason: translator(ctx.options.language)("haken.needsTwo") }),
  run: (ctx) => hakenStage(ctx.panel, ctx.results.coupling!, ctx.options, ctx.warnings),
  sheets: (h, ctx) => (h ? [hakenSheet(h, ctx.results.coupling!, ctx.data.periods, ctx.options)] : []),
  headlines: (h, ctx) => (h ? [hakenHeadline(h.model, ctx.options)] : []),
};
