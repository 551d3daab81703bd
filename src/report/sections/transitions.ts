/**
 * Sections "markov" and "spatialMarkov" (METHODS.md M14): the Markov chain of D's classes
 * (pooled quartiles by default, cutoffs or the ten grades) and the "Transitions" sheet as papers
 * print it: row = class at t, columns = class at t+1, n per row, P to 3 decimals; the steady
 * state and the mean first passage times (∞ as text).
 *
 * The spatial Markov chain (Rey 2001) runs when the report has spatial weights (the same
 * --weights / roles "weights" as the spatial section, spatialInput.ts): the lag of D with the
 * row-standardised weights per period, one transition matrix per lag class at the start period,
 * and the Q and LR homogeneity tests, on the same sheet. Without weights it is skipped, not an
 * error. COORD.SPATIALMARKOV computes it in a worksheet from an n x n weights range.
 */
import {
  classLabels,
  formatMarkovClassSpec,
  HomogeneityTests,
  markovChain,
  MarkovChainResult,
  MarkovClassSpec,
  parseMarkovClassSpec,
  spatialMarkov,
  SteadyState,
  TransitionTable,
} from "../../engine/inequality";
import { spatialLag } from "../../engine/spatial/lag";
import { checkIsolates, transformWeights } from "../../engine/spatial/weights";
import { column, ReportColumn, ReportRow, ReportTable, sheet, table, tableFromMatrix } from "../model";
import { translator, Translate } from "../i18n";
import { warn } from "../warnings";
import { badOption, enumOption } from "./optionKit";
import { unbalanced, unitsByPeriods } from "./panelMatrix";
import { noWeights, reportWeights, weightsSourceText } from "./spatialInput";
import type { OptionSpec, ReportContext, ReportSection, SectionContext } from "./types";
import { CoordError } from "../../engine/errors";
import { extent } from "../../engine/stats/extent";

declare module "./types" {
  interface ReportOptions {
    /** M14 states, as text: quantile:k, cutoffs:a,b,… (optionally :left) or grades */
    markovClasses: string;
    /** M14 classes of the spatial lag: its own quantiles or D's cutoffs */
    markovLagClasses: "own" | "same";
  }
  interface SectionResults {
    markov?: MarkovReport;
    spatialMarkov?: SpatialMarkovReport;
  }
}

/** The Markov chain with the class labels and the panel's units and periods (the JSON `markov`). */
export interface MarkovReport extends Omit<MarkovChainResult, "classes" | "infinite"> {
  /** The classes option as text, e.g. "quantile:4". */
  spec: string;
  cutoffs: number[];
  closed: "right" | "left";
  labels: string[];
  /** Observations per class over all units and periods. */
  classCounts: number[];
  units: string[];
  periods: string[];
  /** Class id (0-based) of every unit (rows) and period (columns). */
  classIds: number[][];
}

const classesOption: OptionSpec<string> = {
  key: "markovClasses",
  values: "quantile:k|cutoffs:a,b,…[:left]|grades",
  suggestions: ["quantile:4", "cutoffs:0.3,0.4,0.5,0.6", "cutoffs:0.3,0.4,0.5,0.6:left", "grades"],
  default: "quantile:4",
  label: { en: "Markov classes", zh: "马尔可夫状态划分" },
  help: {
    en: "states of D (M14): pooled quantiles (right-closed, as PySAL giddy), user cutoffs (right-closed; add :left for [a, b)) or the ten D grades (left-closed)",
    zh: "D 的状态（M14）：混合分位数（右闭，同 PySAL giddy）、自定义断点（右闭；加 :left 为左闭 [a, b)）或十个协调等级（左闭）",
  },
  parse(text) {
    try {
      return formatMarkovClassSpec(parseMarkovClassSpec(text, "markovClasses"));
    } catch (e) {
      if (e instanceof CoordError) throw badOption("markovClasses", text.trim(), "quantile:k, cutoffs:a,b,… (optionally :left or :right) or grades");
      throw e;
    }
  },
};

export function markovStage(values: number[][], units: string[], periods: string[], spec: MarkovClassSpec): MarkovReport {
  const m = markovChain(values, spec, "D");
  const { classes, ...chain } = m;
  const rest: Omit<MarkovChainResult, "classes" | "infinite"> & { infinite?: boolean[][] } = { ...chain };
  delete rest.infinite; // ∞ is null in mfpt (the JSON writes non-finite numbers as null anyway)
  return {
    ...rest,
    spec: formatMarkovClassSpec(spec),
    cutoffs: classes.cutoffs,
    closed: classes.closed,
    labels: classLabels(classes.cutoffs, classes.closed),
    classCounts: classes.counts,
    units,
    periods,
    classIds: classes.ids,
  };
}

/** One conditional chain of the spatial Markov chain: the transitions of units whose lag was in this class at the start period. */
export interface SpatialMarkovBlock extends TransitionTable {
  /** Lag class (0-based). */
  lagClass: number;
  label: string;
  irreducible: boolean;
  steadyStates: SteadyState[];
  /** Mean first passage times (null = ∞). */
  mfpt: Array<Array<number | null>>;
}

/** The spatial Markov chain with its labels and inputs (the JSON `spatialMarkov`, README "JSON"). */
export interface SpatialMarkovReport {
  /** D's classes as text, e.g. "quantile:4" (the markovClasses option). */
  spec: string;
  /** The markovLagClasses option: "own" (the lag's own pooled quantiles) or "same" (D's cutoffs). */
  lagSpec: "own" | "same";
  k: number;
  m: number;
  cutoffs: number[];
  closed: "right" | "left";
  labels: string[];
  lagCutoffs: number[];
  lagClosed: "right" | "left";
  lagLabels: string[];
  /** Observations per lag class over all units and periods. */
  lagClassCounts: number[];
  /** The weights used: always row-standardised (M14), whatever weightsTransform says. */
  weights: { source: string; transform: "row"; n: number; isolates: string[] };
  units: string[];
  periods: string[];
  /** The spatial lag of D, units x periods. */
  lag: number[][];
  /** Lag class id (0-based) of every unit and period. */
  lagClassIds: number[][];
  /** All transitions whatever the lag (the Markov section's counts). */
  pooled: TransitionTable;
  /** One chain per lag class 0..m−1. */
  byLag: SpatialMarkovBlock[];
  /** Q and LR (Bickenbach & Bode 2003) with the zero-cell-corrected dof and upper-tail p. */
  homogeneity: HomogeneityTests;
}

/** M14: the spatial lag of D per period with the row-standardised weights, then the conditional chains and the tests. */
export function spatialMarkovStage(ctx: SectionContext): SpatialMarkovReport {
  const o = ctx.options;
  const t = translator(o.language);
  const p = unitsByPeriods(ctx.panel, ctx.results.coupling!, "Spatial Markov chain");
  const base = ctx.results.spatial?.resolvedWeights ?? reportWeights(ctx);
  checkIsolates(base, o.zeroPolicy);
  const W = transformWeights(base, "row"); // M14: the lag is the neighbours' mean, whatever --weightsTransform
  const lag = p.units.map(() => new Array<number>(p.periods.length));
  p.periods.forEach((period, k) => {
    const x = spatialLag(
      p.values.map((row) => row[k]),
      W,
      { zeroPolicy: o.zeroPolicy, argument: `D ${period}` },
    );
    x.forEach((v, u) => (lag[u][k] = v));
  });
  const spec = parseMarkovClassSpec(o.markovClasses, "markovClasses");
  const r = spatialMarkov(p.values, lag, { classes: spec, lagClasses: o.markovLagClasses, names: { y: "D", lag: "spatial lag of D" } });
  const asked = spec.kind === "quantile" ? (spec.k ?? 4) : 4;
  if (o.markovLagClasses === "own" && r.m < asked) warn(ctx.warnings, "spatialMarkov.fewLagClasses", t("spatialMarkov.fewLagClasses", { m: r.m, asked }));
  const isolates = W.labels.filter((_, i) => W.offsets[i + 1] === W.offsets[i]);
  if (isolates.length) warn(ctx.warnings, "spatialMarkov.isolates", t("spatialMarkov.isolates", { units: t.list(isolates) }));
  const labels = classLabels(r.classes.cutoffs, r.classes.closed);
  const lagLabels = classLabels(r.lagClasses.cutoffs, r.lagClasses.closed);
  return {
    spec: formatMarkovClassSpec(spec),
    lagSpec: o.markovLagClasses,
    k: r.k,
    m: r.m,
    cutoffs: r.classes.cutoffs,
    closed: r.classes.closed,
    labels,
    lagCutoffs: r.lagClasses.cutoffs,
    lagClosed: r.lagClasses.closed,
    lagLabels,
    lagClassCounts: r.lagClasses.counts,
    weights: { source: base.source, transform: "row", n: W.n, isolates },
    units: p.units,
    periods: p.periods,
    lag,
    lagClassIds: r.lagClasses.ids,
    pooled: r.pooled,
    byLag: r.byLag.map((c) => ({
      lagClass: c.lagClass,
      label: lagLabels[c.lagClass],
      counts: c.counts,
      rowTotals: c.rowTotals,
      P: c.P,
      emptyRows: c.emptyRows,
      irreducible: c.irreducible,
      steadyStates: c.steadyStates,
      mfpt: c.mfpt,
    })),
    homogeneity: r.homogeneity,
  };
}

/** Class labels for the sheet ("all values" when there is one class). */
function shownLabels(labels: string[], t: Translate): string[] {
  return labels.length === 1 ? [t("transitions.allValues")] : labels;
}

/** The P table as papers print it: row = class at t, n per row, P to 3 decimals (rows of unobserved classes empty). */
function probabilityTable(
  tab: TransitionTable,
  labels: string[],
  t: Translate,
  title: string,
  lead?: { key: string; label: string; values: Array<string | null> },
): ReportTable {
  const cols: ReportColumn[] = [];
  if (lead) cols.push(column(lead.key, lead.label, "text"));
  cols.push(column("from", t("transitions.fromTo"), "text"), column("n", "n", "0"));
  labels.forEach((l, j) => cols.push(column(`c${j}`, l, "0.000")));
  const rows = tab.P.map((row, i) => {
    const r: ReportRow = {};
    if (lead) r[lead.key] = lead.values[i] ?? null;
    r.from = labels[i];
    r.n = tab.rowTotals[i];
    row.forEach((v, j) => (r[`c${j}`] = tab.emptyRows.includes(i) ? null : v));
    return r;
  });
  return table(cols, rows, { title });
}

/** The spatial Markov tables: the conditional matrices (one block of k rows per lag class) and the homogeneity tests. */
export function spatialMarkovTables(s: SpatialMarkovReport, t: Translate): ReportTable[] {
  const labels = shownLabels(s.labels, t);
  const lagLabels = shownLabels(s.lagLabels, t);
  const blocks = s.byLag.map((b) =>
    probabilityTable(b, labels, t, "", {
      key: "lag",
      label: t("spatialMarkov.lagClass"),
      values: labels.map((_, i) => (i === 0 ? lagLabels[b.lagClass] : null)),
    }),
  );
  const lagText = s.lagSpec === "own" ? t("spatialMarkov.lagOwn", { m: s.m }) : t("spatialMarkov.lagSame");
  const P: ReportTable = {
    ...blocks[0],
    title: t("spatialMarkov.pTitle", { spec: s.spec, lagClasses: lagText }),
    rows: blocks.flatMap((b) => b.rows),
  };
  const h = s.homogeneity;
  const tests = table(
    [
      column("test", t("spatialMarkov.test"), "text"),
      column("statistic", t("spatialMarkov.statistic"), "0.0000"),
      column("dof", t("spatialMarkov.dof"), "0"),
      column("p", "p", "0.0000"),
    ],
    [
      { test: t("spatialMarkov.Q"), statistic: h.Q, dof: h.dof, p: h.pQ },
      { test: t("spatialMarkov.LR"), statistic: h.LR, dof: h.dof, p: h.pLR },
    ],
    { title: t("spatialMarkov.testTitle") },
  );
  return [P, tests];
}

/** The Transitions sheet: the matrix as papers print it, the steady state, the first passage times; then the spatial Markov chain when it ran. */
export function transitionsSheet(m: MarkovReport, ctx?: Pick<ReportContext, "options" | "results" | "skipped">) {
  const t = translator(ctx?.options.language);
  const labels = shownLabels(m.labels, t);
  const P = probabilityTable(m, labels, t, t("transitions.pTitle", { spec: m.spec, transitions: m.transitions }));
  const counts = tableFromMatrix(labels, labels, m.counts, { corner: t("transitions.fromTo"), format: "0", title: t("transitions.countsTitle") });
  const steady = tableFromMatrix(
    m.steadyStates.map((s) =>
      m.steadyStates.length === 1 ? t("transitions.steady") : t("transitions.steadyOf", { states: t.list(s.states.map((i) => labels[i])) }),
    ),
    labels,
    m.steadyStates.map((s) => s.pi),
    {
      corner: t("transitions.distribution"),
      format: "0.000",
      title: m.irreducible ? t("transitions.steadyTitle") : t("transitions.steadyTitleReducible"),
    },
  );
  const mfpt = tableFromMatrix(
    labels,
    labels,
    m.mfpt.map((row) => row.map((v) => (v === null ? "∞" : v))),
    { corner: t("transitions.fromToShort"), format: "0.00", title: t("transitions.mfptTitle") },
  );
  const tables: ReportTable[] = [P, counts, steady, mfpt];
  const notes: string[] = [];
  if (m.emptyRows.length) notes.push(t("transitions.emptyRows", { classes: t.list(m.emptyRows.map((i) => labels[i])) }));
  const s = ctx?.results.spatialMarkov;
  if (s) {
    tables.push(...spatialMarkovTables(s, t));
    notes.push(
      t("spatialMarkov.lagNote", {
        source: weightsSourceText(s.weights.source, t),
        cutoffs: t.list(s.lagCutoffs.map((c) => String(Number(c.toFixed(4))))),
      }),
    );
    if (s.homogeneity.dof === 0) notes.push(t("spatialMarkov.dofZero"));
  } else {
    const why = ctx?.skipped.find((x) => x.section === "spatialMarkov");
    if (why) notes.push(t("spatialMarkov.notRun", { reason: why.reason }));
  }
  return sheet(t("transitions.sheet"), tables, [], { notes });
}

export const markovSection: ReportSection<MarkovReport> = {
  id: "markov",
  title: { en: "Transitions (Markov chain)", zh: "状态转移（马尔可夫链）" },
  progress: { en: "Markov chain", zh: "马尔可夫链" },
  jsonKey: "markov",
  cost: 0.2,
  needs: ["coupling"],
  options: [classesOption],
  notApplicable: (ctx) =>
    ctx.panel.periods.length >= 2 ? unbalanced(ctx.panel, ctx.results.coupling) : { reason: translator(ctx.options.language)("transitions.twoPeriods") },
  run: (ctx) => {
    const p = unitsByPeriods(ctx.panel, ctx.results.coupling!, "Markov chain");
    return markovStage(p.values, p.units, p.periods, parseMarkovClassSpec(ctx.options.markovClasses, "markovClasses"));
  },
  sheets: (m, ctx) => [transitionsSheet(m, ctx)],
  headlines: (m, ctx) => {
    const t = translator(ctx.options.language);
    const stay = m.P.map((r, i) => r[i]).filter((_, i) => !m.emptyRows.includes(i));
    const top = m.k - 1;
    const range = extent(stay);
    const params = { spec: m.spec, min: (range.min ?? NaN).toFixed(3), max: (range.max ?? NaN).toFixed(3) };
    return [
      m.steadyState
        ? t("transitions.headline", { ...params, share: (m.steadyState[top] * 100).toFixed(1), top: shownLabels(m.labels, t)[top] })
        : t("transitions.headlineReducible", params),
    ];
  },
};

/** p as a headline shows it: 3 significant digits, "< 0.001" below. */
const pText = (p: number | null) => (p === null ? "—" : p < 0.001 ? "< 0.001" : p.toFixed(3));

export const spatialMarkovSection: ReportSection<SpatialMarkovReport> = {
  id: "spatialMarkov",
  title: { en: "Spatial Markov chain", zh: "空间马尔可夫链" },
  progress: { en: "Spatial Markov chain", zh: "空间马尔可夫链" },
  jsonKey: "spatialMarkov",
  cost: 0.2,
  needs: ["coupling", "markov"],
  options: [
    enumOption(
      {
        key: "markovLagClasses",
        default: "own",
        label: { en: "Spatial lag classes", zh: "空间滞后分类" },
        help: {
          en: "classes of the spatial lag (M14): its own pooled quantiles or D's cutoffs",
          zh: "空间滞后的分类（M14）：其自身的混合分位数或与 D 相同的断点",
        },
      },
      ["own", "same"],
    ),
  ],
  notApplicable: noWeights,
  run: spatialMarkovStage,
  // the tables go on the markov section's Transitions sheet (markov always runs before: needs)
  headlines: (s, ctx) => {
    const t = translator(ctx.options.language);
    const h = s.homogeneity;
    if (h.pQ === null) return [t("spatialMarkov.headlineUndefined")];
    const params = { Q: h.Q.toFixed(2), LR: h.LR.toFixed(2), dof: h.dof, pQ: pText(h.pQ), pLR: pText(h.pLR) };
    return [t(h.pQ < 0.05 ? "spatialMarkov.headlineDepends" : "spatialMarkov.headlineHomogeneous", params)];
  },
};
