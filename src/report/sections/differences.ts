/**
 * Sections "dagum" and "convergence" (METHODS.md M13): the Dagum Gini decomposition of D by
 * group for every period, and σ- and β-convergence of D, overall and per group. Both write the
 * "Regional differences" sheet: the Dagum table by period (G, G_w, G_nb, G_t, shares), the
 * within-group G_jj, the between-group G_jh and D_jh, a column chart of the contributions and a
 * line chart of the within-group Gini; then the σ and β tables.
 */
import { betaConvergence, BetaConvergence, BetaFit, dagumByPeriod, DagumPeriod, sigmaConvergence, SigmaConvergence } from "../../engine/inequality";
import { chart, column, ReportColumn, ReportRow, ReportSheet, ReportTable, sheet, table } from "../model";
import { translator, Translate } from "../i18n";
import type { StringKey } from "../i18n";
import { warn } from "../warnings";
import { unbalanced, unitsByPeriods } from "./panelMatrix";
import { CoordError } from "../../engine/errors";
import type { ReportSection, ReportContext, SectionContext } from "./types";

declare module "./types" {
  interface SectionResults {
    dagum?: DagumPeriod[];
    convergence?: ConvergenceResult;
  }
}

export interface ConvergenceResult {
  sigma: SigmaConvergence;
  /** null when β-convergence is undefined (a D of 0 cannot be logged), with the reason. */
  beta: BetaConvergence | null;
  betaReason?: string;
}

const pct = (x: number | null) => (x === null ? null : x);

/** The three Dagum tables of the sheet and its two charts (table indices from `first`). */
function dagumTables(d: DagumPeriod[], first: number, t: Translate): { tables: ReportTable[]; charts: ReturnType<typeof chart>[] } {
  const sheetName = t("differences.sheet");
  const contrib = table(
    [
      column("period", t("common.period"), "text"),
      column("G", t("differences.G"), "0.0000"),
      column("Gw", t("differences.Gw"), "0.0000"),
      column("Gnb", t("differences.Gnb"), "0.0000"),
      column("Gt", t("differences.Gt"), "0.0000"),
      column("shareW", t("differences.share", { part: "G_w" }), "0.0%"),
      column("shareNb", t("differences.share", { part: "G_nb" }), "0.0%"),
      column("shareT", t("differences.share", { part: "G_t" }), "0.0%"),
    ],
    d.map((r) => ({ period: String(r.period), G: r.G, Gw: r.Gw, Gnb: r.Gnb, Gt: r.Gt, shareW: pct(r.shareW), shareNb: pct(r.shareNb), shareT: pct(r.shareT) })),
    { title: t("differences.dagumTitle") },
  );
  const groups = d[0].groups.map((g) => g.name);
  const within = table(
    [column("period", t("common.period"), "text"), ...groups.map((g, j) => column(`g${j}`, t("differences.Gjj", { group: g }), "0.0000"))],
    d.map((r) => {
      const row: ReportRow = { period: String(r.period) };
      r.groups.forEach((g, j) => (row[`g${j}`] = g.Gjj));
      return row;
    }),
    { title: t("differences.withinTitle") },
  );
  const pairs = d[0].pairs.map((p) => p.key);
  const betweenCols: ReportColumn[] = [column("period", t("common.period"), "text")];
  pairs.forEach((k, j) =>
    betweenCols.push(
      column(`G${j}`, t("differences.Gjh", { pair: k }), "0.0000"),
      column(`D${j}`, t("differences.Djh", { pair: k }), "0.0000"),
      column(`H${j}`, t("differences.higher", { pair: k }), "text"),
    ),
  );
  const between = table(
    betweenCols,
    d.map((r) => {
      const row: ReportRow = { period: String(r.period) };
      r.pairs.forEach((p, j) => {
        row[`G${j}`] = p.Gjh;
        row[`D${j}`] = p.Djh;
        row[`H${j}`] = p.high;
      });
      return row;
    }),
    { title: t("differences.betweenTitle") },
  );
  const charts = [
    chart("stackedColumn", t("differences.contribChart"), { sheet: sheetName, table: first }, "period", ["Gw", "Gnb", "Gt"], {
      x: t("common.period"),
      y: t("differences.contribution"),
    }),
    chart(
      "line",
      t("differences.withinChart"),
      { sheet: sheetName, table: first + 1 },
      "period",
      groups.map((_, j) => `g${j}`),
      { x: t("common.period"), y: "G_jj" },
    ),
  ];
  return { tables: pairs.length ? [contrib, within, between] : [contrib, within], charts };
}

/** Rows of the β table: a symbol kept as printed, or a catalogue key, and the value of a fit. */
const BETA_ROWS: Array<[string | { key: StringKey }, (f: BetaFit) => number | null]> = [
  ["β", (f) => f.beta],
  ["SE(β)", (f) => f.seBeta],
  ["t(β)", (f) => f.tBeta],
  ["p(β)", (f) => f.pBeta],
  ["α", (f) => f.alpha],
  ["R²", (f) => f.r2],
  ["n", (f) => f.n],
  [{ key: "differences.speed" }, (f) => f.speed],
  [{ key: "differences.halfLife" }, (f) => f.halfLife],
];

function convergenceTables(c: ConvergenceResult, t: Translate): ReportTable[] {
  const groups = c.sigma.byGroup.map((g) => g.group);
  const sigmaCols: ReportColumn[] = [
    column("period", t("common.period"), "text"),
    column("n", "n", "0"),
    column("mean", t("differences.meanD"), "0.000"),
    column("sd", t("differences.sd", { ddof: c.sigma.ddof }), "0.0000"),
    column("cv", "CV", "0.0000"),
  ];
  groups.forEach((g, j) => sigmaCols.push(column(`cv${j}`, t("differences.cvOf", { group: g }), "0.0000")));
  const sigma = table(
    sigmaCols,
    c.sigma.overall.map((r, k) => {
      const row: ReportRow = { period: String(r.period), n: r.n, mean: r.mean, sd: r.sd, cv: r.cv };
      c.sigma.byGroup.forEach((g, j) => (row[`cv${j}`] = g.rows[k].cv));
      return row;
    }),
    { title: t("differences.sigmaTitle", { ddof: c.sigma.ddof }) },
  );
  if (!c.beta) return [sigma];
  const fits: Array<[string, BetaFit | null]> = [
    [t("differences.allPooled"), c.beta.pooled],
    [t("differences.allLong", { span: c.beta.span }), c.beta.longDifference],
    ...c.beta.byGroup.map((g) => [t("differences.groupPooled", { group: g.group }), g.pooled] as [string, BetaFit | null]),
  ];
  const beta = table(
    [column("statistic", t("differences.statistic"), "text"), ...fits.map(([label], j) => column(`f${j}`, label, "0.0000"))],
    BETA_ROWS.map(([label, get]) => {
      const row: ReportRow = { statistic: typeof label === "string" ? label : t(label.key) };
      fits.forEach(([, f], j) => (row[`f${j}`] = f ? get(f) : null));
      return row;
    }),
    { title: t("differences.betaTitle") },
  );
  return [sigma, beta];
}

/** The "Regional differences" sheet from whichever of the two results exist. */
export function differencesSheet(d: DagumPeriod[] | undefined, c: ConvergenceResult | undefined, ctx?: Pick<ReportContext, "options">): ReportSheet {
  const t = translator(ctx?.options.language);
  const tables: ReportTable[] = [];
  const charts: ReturnType<typeof chart>[] = [];
  if (d && d.length) {
    const dt = dagumTables(d, 0, t);
    tables.push(...dt.tables);
    charts.push(...dt.charts);
  }
  if (c) tables.push(...convergenceTables(c, t));
  const notes = [
    ...(c && c.betaReason ? [t("differences.betaNotComputed", { reason: c.betaReason })] : []),
    t("differences.dagumNote"),
    t("differences.betaNote"),
  ];
  return sheet(t("differences.sheet"), tables, charts, { notes });
}

function dagumRun(ctx: SectionContext): DagumPeriod[] {
  const tr = translator(ctx.options.language);
  const m = unitsByPeriods(ctx.panel, ctx.results.coupling!, "Dagum decomposition");
  const out: DagumPeriod[] = [];
  m.periods.forEach((period, t) => {
    try {
      const [r] = dagumByPeriod(
        m.values.map((row) => [row[t]]),
        m.groups!,
        { periods: [period], names: { values: "D", groups: "group" } },
      );
      out.push(r);
    } catch (e) {
      // a group whose D are all 0 in a period: that period is left out, with the reason
      if (!(e instanceof CoordError && e.code === "ALL_ZERO")) throw e;
      const groups = m.groups!;
      const zero = [...new Set(groups)].find((g) => m.values.every((row, u) => groups[u] !== g || !(row[t] > 0))) ?? groups[0];
      warn(ctx.warnings, "dagum.periodLeftOut", tr("differences.periodLeftOut", { period, group: zero }));
    }
  });
  return out;
}

function convergenceRun(ctx: SectionContext): ConvergenceResult {
  const tr = translator(ctx.options.language);
  const m = unitsByPeriods(ctx.panel, ctx.results.coupling!, "Convergence");
  const opts = { periods: m.periods, groups: m.groups ?? undefined, argument: "D" };
  const sigma = sigmaConvergence(m.values, opts);
  let betaReason: string | undefined;
  m.values.forEach((row, u) =>
    row.forEach((v, t) => {
      if (!(v > 0) && betaReason === undefined) betaReason = tr("differences.betaZeroD", { unit: m.units[u], period: m.periods[t], value: v });
    }),
  );
  if (betaReason === undefined) {
    try {
      return { sigma, beta: betaConvergence(m.values, opts) };
    } catch (e) {
      if (!(e instanceof CoordError && (e.code === "SINGULAR" || e.code === "TOO_FEW"))) throw e;
      betaReason = tr("differences.betaFitFailed");
    }
  }
  warn(ctx.warnings, "convergence.betaNotComputed", tr("differences.betaNotComputed", { reason: betaReason }));
  return { sigma, beta: null, betaReason };
}

const fmt4 = (x: number) => x.toFixed(4);

export const dagumSection: ReportSection<DagumPeriod[]> = {
  id: "dagum",
  title: { en: "Regional differences (Dagum Gini decomposition)", zh: "区域差异（Dagum 基尼系数分解）" },
  progress: { en: "Dagum Gini decomposition", zh: "Dagum 基尼系数分解" },
  jsonKey: "dagum",
  cost: 0.3,
  needs: ["coupling"],
  options: [],
  notApplicable: (ctx) =>
    ctx.panel.unitGroups && new Set(ctx.panel.unitGroups).size >= 2
      ? unbalanced(ctx.panel, ctx.results.coupling)
      : { reason: translator(ctx.options.language)("differences.needsGroups") },
  run: dagumRun,
  sheets: (d, ctx) => [differencesSheet(d, ctx.results.convergence, ctx)],
  headlines: (d, ctx) => {
    const t = translator(ctx.options.language);
    const first = d[0];
    const last = d[d.length - 1];
    const sources: Array<[StringKey, number | null]> = [
      ["differences.sourceWithin", last.shareW],
      ["differences.sourceBetween", last.shareNb],
      ["differences.sourceTransvariation", last.shareT],
    ];
    const [name, share] = sources.sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0];
    return [
      t(last.G < first.G ? "differences.headlineFell" : "differences.headlineRose", {
        from: fmt4(first.G),
        first: String(first.period),
        to: fmt4(last.G),
        last: String(last.period),
        source: t(name),
        share: ((share ?? 0) * 100).toFixed(1),
      }),
    ];
  },
};

export const convergenceSection: ReportSection<ConvergenceResult> = {
  id: "convergence",
  title: { en: "Convergence (σ and β)", zh: "收敛分析（σ 与 β）" },
  progress: { en: "σ- and β-convergence", zh: "σ 收敛与 β 收敛" },
  jsonKey: "convergence",
  cost: 0.2,
  needs: ["coupling"],
  options: [],
  notApplicable: (ctx) =>
    ctx.panel.periods.length >= 2 ? unbalanced(ctx.panel, ctx.results.coupling) : { reason: translator(ctx.options.language)("differences.twoPeriods") },
  run: convergenceRun,
  // the tables go on the dagum section's sheet; alone when that section did not run
  sheets: (c, ctx) => (ctx.results.dagum ? [] : [differencesSheet(undefined, c, ctx)]),
  headlines: (c, ctx) => {
    const t = translator(ctx.options.language);
    const s = c.sigma.overall;
    const cv = (x: number | null) => (x === null ? "—" : fmt4(x));
    const sigma = { cv0: cv(s[0].cv), first: String(s[0].period), cv1: cv(s[s.length - 1].cv), last: String(s[s.length - 1].period) };
    if (!c.beta) return [t("differences.headlineSigma", sigma)];
    const b = c.beta.pooled;
    const beta = { ...sigma, beta: fmt4(b.beta), p: b.pBeta === null ? "—" : b.pBeta.toPrecision(3) };
    return [b.halfLife !== null ? t("differences.headlineBeta", { ...beta, halfLife: b.halfLife.toFixed(1) }) : t("differences.headlineNoConvergence", beta)];
  },
};
