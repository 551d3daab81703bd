/**
 * Sections "dagum" and "convergence" (METHODS.md M13): the Dagum Gini decomposition of D by
 * group for every period, and σ- and β-convergence of D, overall and per group. Both write the
 * "Regional differences" sheet: the Dagum table by period (G, G_w, G_nb, G_t, shares), the
 * within-group G_jj, the between-group G_jh and D_jh, a column chart of the contributions and a
 * line chart of the within-group Gini; then the σ and β tables.
 */
import { betaConvergence, BetaConvergence, BetaFit, dagumByPeriod, DagumPeriod, sigmaConvergence, SigmaConvergence } from "../../engine/inequality";
import { chart, column, ReportColumn, ReportRow, ReportSheet, ReportTable, sheet, table } from "../model";
import { SHEET } from "../sheetNames";
import { unbalanced, unitsByPeriods } from "./panelMatrix";
import { CoordError } from "../../engine/errors";
import type { ReportSection, SectionContext } from "./types";

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
function dagumTables(d: DagumPeriod[], first: number): { tables: ReportTable[]; charts: ReturnType<typeof chart>[] } {
  const contrib = table(
    [
      column("period", "Period", "text"),
      column("G", "G (overall Gini)", "0.0000"),
      column("Gw", "G_w within", "0.0000"),
      column("Gnb", "G_nb net between", "0.0000"),
      column("Gt", "G_t transvariation", "0.0000"),
      column("shareW", "Share G_w", "0.0%"),
      column("shareNb", "Share G_nb", "0.0%"),
      column("shareT", "Share G_t", "0.0%"),
    ],
    d.map((r) => ({ period: String(r.period), G: r.G, Gw: r.Gw, Gnb: r.Gnb, Gt: r.Gt, shareW: pct(r.shareW), shareNb: pct(r.shareNb), shareT: pct(r.shareT) })),
    { title: "Dagum Gini decomposition of D by group (G = G_w + G_nb + G_t)" },
  );
  const groups = d[0].groups.map((g) => g.name);
  const within = table(
    [column("period", "Period", "text"), ...groups.map((g, j) => column(`g${j}`, `G_jj ${g}`, "0.0000"))],
    d.map((r) => {
      const row: ReportRow = { period: String(r.period) };
      r.groups.forEach((g, j) => (row[`g${j}`] = g.Gjj));
      return row;
    }),
    { title: "Within-group Gini G_jj" },
  );
  const pairs = d[0].pairs.map((p) => p.key);
  const betweenCols: ReportColumn[] = [column("period", "Period", "text")];
  pairs.forEach((k, j) =>
    betweenCols.push(column(`G${j}`, `G_jh ${k}`, "0.0000"), column(`D${j}`, `D_jh ${k}`, "0.0000"), column(`H${j}`, `higher ${k}`, "text")),
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
    { title: "Between-group Gini G_jh and relative affluence D_jh (each pair oriented by that period's means)" },
  );
  const charts = [
    chart(
      "stackedColumn",
      "Contributions to the Gini coefficient (G_w + G_nb + G_t = G)",
      { sheet: SHEET.differences, table: first },
      "period",
      ["Gw", "Gnb", "Gt"],
      {
        x: "Period",
        y: "Contribution",
      },
    ),
    chart(
      "line",
      "Within-group Gini coefficient",
      { sheet: SHEET.differences, table: first + 1 },
      "period",
      groups.map((_, j) => `g${j}`),
      { x: "Period", y: "G_jj" },
    ),
  ];
  return { tables: pairs.length ? [contrib, within, between] : [contrib, within], charts };
}

const BETA_ROWS: Array<[string, (f: BetaFit) => number | null]> = [
  ["β", (f) => f.beta],
  ["SE(β)", (f) => f.seBeta],
  ["t(β)", (f) => f.tBeta],
  ["p(β)", (f) => f.pBeta],
  ["α", (f) => f.alpha],
  ["R²", (f) => f.r2],
  ["n", (f) => f.n],
  ["speed", (f) => f.speed],
  ["half-life", (f) => f.halfLife],
];

function convergenceTables(c: ConvergenceResult): ReportTable[] {
  const groups = c.sigma.byGroup.map((g) => g.group);
  const sigmaCols: ReportColumn[] = [
    column("period", "Period", "text"),
    column("n", "n", "0"),
    column("mean", "Mean D", "0.000"),
    column("sd", `SD (ddof ${c.sigma.ddof})`, "0.0000"),
    column("cv", "CV", "0.0000"),
  ];
  groups.forEach((g, j) => sigmaCols.push(column(`cv${j}`, `CV ${g}`, "0.0000")));
  const sigma = table(
    sigmaCols,
    c.sigma.overall.map((r, t) => {
      const row: ReportRow = { period: String(r.period), n: r.n, mean: r.mean, sd: r.sd, cv: r.cv };
      c.sigma.byGroup.forEach((g, j) => (row[`cv${j}`] = g.rows[t].cv));
      return row;
    }),
    { title: `σ-convergence of D: SD (ddof ${c.sigma.ddof}) and CV = SD/mean per period` },
  );
  if (!c.beta) return [sigma];
  const fits: Array<[string, BetaFit | null]> = [
    ["All, pooled annual", c.beta.pooled],
    [`All, long difference (span ${c.beta.span})`, c.beta.longDifference],
    ...c.beta.byGroup.map((g) => [`${g.group}, pooled annual`, g.pooled] as [string, BetaFit | null]),
  ];
  const beta = table(
    [column("statistic", "Statistic", "text"), ...fits.map(([label], j) => column(`f${j}`, label, "0.0000"))],
    BETA_ROWS.map(([label, get]) => {
      const row: ReportRow = { statistic: label };
      fits.forEach(([, f], j) => (row[`f${j}`] = f ? get(f) : null));
      return row;
    }),
    { title: "Absolute β-convergence of D: ln(D_t+1 / D_t) = α + β ln D_t (pooled OLS, classical SE); speed −ln(1 + β)/T, half-life ln 2/speed" },
  );
  return [sigma, beta];
}

/** The "Regional differences" sheet from whichever of the two results exist. */
export function differencesSheet(d: DagumPeriod[] | undefined, c: ConvergenceResult | undefined): ReportSheet {
  const tables: ReportTable[] = [];
  const charts: ReturnType<typeof chart>[] = [];
  if (d && d.length) {
    const t = dagumTables(d, 0);
    tables.push(...t.tables);
    charts.push(...t.charts);
  }
  if (c) tables.push(...convergenceTables(c));
  const notes = [
    ...(c && c.betaReason ? [`β-convergence not computed: ${c.betaReason}.`] : []),
    "Dagum (1997): G_w within groups, G_nb the net gap between groups, G_t the transvariation (overlap); each pair of groups is oriented by that period's group means.",
    "β-convergence: β < 0 means units with lower D grow faster; the half-life is empty where β ≥ 0.",
  ];
  return sheet(SHEET.differences, tables, charts, { notes });
}

function dagumRun(ctx: SectionContext): DagumPeriod[] {
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
      ctx.warnings.push(`Dagum decomposition: ${period} left out: ${e.message}.`);
    }
  });
  return out;
}

function convergenceRun(ctx: SectionContext): ConvergenceResult {
  const m = unitsByPeriods(ctx.panel, ctx.results.coupling!, "Convergence");
  const opts = { periods: m.periods, groups: m.groups ?? undefined, argument: "D" };
  const sigma = sigmaConvergence(m.values, opts);
  let betaReason: string | undefined;
  m.values.forEach((row, u) =>
    row.forEach((v, t) => {
      if (!(v > 0) && betaReason === undefined) betaReason = `${m.units[u]} ${m.periods[t]} has D = ${v}, and β-convergence takes ln D`;
    }),
  );
  if (betaReason === undefined) {
    try {
      return { sigma, beta: betaConvergence(m.values, opts) };
    } catch (e) {
      if (!(e instanceof CoordError && (e.code === "SINGULAR" || e.code === "TOO_FEW"))) throw e;
      betaReason = e.message;
    }
  }
  ctx.warnings.push(`β-convergence not computed: ${betaReason}.`);
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
      : { reason: "the Dagum decomposition needs a group column with at least two groups" },
  run: dagumRun,
  sheets: (d, ctx) => [differencesSheet(d, ctx.results.convergence)],
  headlines: (d) => {
    const first = d[0];
    const last = d[d.length - 1];
    const main = (r: DagumPeriod) =>
      [
        ["within", r.shareW],
        ["net between", r.shareNb],
        ["transvariation", r.shareT],
      ].sort((a, b) => (b[1] as number) - (a[1] as number))[0];
    const [name, share] = main(last);
    return [
      `The Gini coefficient of D ${last.G < first.G ? "fell" : "rose"} from ${fmt4(first.G)} in ${first.period} to ${fmt4(last.G)} in ${last.period}; in ${last.period} the largest source is the ${name} contribution (${(((share as number) ?? 0) * 100).toFixed(1)} %).`,
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
  notApplicable: (ctx) => (ctx.panel.periods.length >= 2 ? unbalanced(ctx.panel, ctx.results.coupling) : { reason: "convergence needs at least two periods" }),
  run: convergenceRun,
  // the tables go on the dagum section's sheet; alone when that section did not run
  sheets: (c, ctx) => (ctx.results.dagum ? [] : [differencesSheet(undefined, c)]),
  headlines: (c) => {
    const s = c.sigma.overall;
    const cv = (x: number | null) => (x === null ? "—" : fmt4(x));
    const sigma = `σ-convergence: the CV of D went from ${cv(s[0].cv)} in ${s[0].period} to ${cv(s[s.length - 1].cv)} in ${s[s.length - 1].period}`;
    if (!c.beta) return [`${sigma}.`];
    const b = c.beta.pooled;
    return [
      `${sigma}; β-convergence: β = ${fmt4(b.beta)} (p = ${b.pBeta === null ? "—" : b.pBeta.toPrecision(3)})${b.halfLife !== null ? `, half-life ${b.halfLife.toFixed(1)} periods` : ", no convergence"}.`,
    ];
  },
};
