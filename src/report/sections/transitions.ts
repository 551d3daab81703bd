/**
 * Sections "markov" and "spatialMarkov" (METHODS.md M14): the Markov chain of D's classes
 * (pooled quartiles by default, cutoffs or the ten grades) and the "Transitions" sheet as papers
 * print it: row = class at t, columns = class at t+1, n per row, P to 3 decimals; the steady
 * state and the mean first passage times (∞ as text).
 *
 * The spatial Markov chain needs spatial weights, which the report does not take yet (the
 * spatial-analysis issue adds them): its section is declared (its option appears in --help,
 * the pane's form and the JSON options) but not applicable, with that reason in the Summary.
 * COORD.SPATIALMARKOV computes it in a worksheet from an n x n weights range.
 */
import { classLabels, formatMarkovClassSpec, markovChain, MarkovChainResult, MarkovClassSpec, parseMarkovClassSpec } from "../../engine/inequality";
import { column, ReportColumn, ReportRow, ReportTable, sheet, table, tableFromMatrix } from "../model";
import { SHEET } from "../sheetNames";
import { badOption, enumOption } from "./optionKit";
import { unbalanced, unitsByPeriods } from "./panelMatrix";
import type { OptionSpec, ReportSection } from "./types";
import { CoordError } from "../../engine/errors";

declare module "./types" {
  interface ReportOptions {
    /** M14 states, as text: quantile:k, cutoffs:a,b,… (optionally :left) or grades */
    markovClasses: string;
    /** M14 classes of the spatial lag: its own quantiles or D's cutoffs */
    markovLagClasses: "own" | "same";
  }
  interface SectionResults {
    markov?: MarkovReport;
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

/** The Transitions sheet: the matrix as papers print it, the steady state, the first passage times. */
export function transitionsSheet(m: MarkovReport) {
  const cols: ReportColumn[] = [column("from", "Class at t \\ t+1", "text"), column("n", "n", "0")];
  m.labels.forEach((l, j) => cols.push(column(`c${j}`, l, "0.000")));
  const P = table(
    cols,
    m.P.map((row, i) => {
      const r: ReportRow = { from: m.labels[i], n: m.rowTotals[i] };
      row.forEach((v, j) => (r[`c${j}`] = m.emptyRows.includes(i) ? null : v));
      return r;
    }),
    { title: `Markov transition probability matrix of D (${m.spec}; ${m.transitions} transitions)` },
  );
  const counts = tableFromMatrix(m.labels, m.labels, m.counts, { corner: "Class at t \\ t+1", format: "0", title: "Transition counts" });
  const steady = tableFromMatrix(
    m.steadyStates.map((s) =>
      m.steadyStates.length === 1 ? "Steady state" : `Steady state of recurrent class ${s.states.map((i) => m.labels[i]).join(", ")}`,
    ),
    m.labels,
    m.steadyStates.map((s) => s.pi),
    {
      corner: "Distribution",
      format: "0.000",
      title: m.irreducible ? "Steady-state distribution" : "Steady-state distributions (the chain is reducible: one per recurrent class)",
    },
  );
  const mfpt = tableFromMatrix(
    m.labels,
    m.labels,
    m.mfpt.map((row) => row.map((v) => (v === null ? "∞" : v))),
    {
      corner: "From \\ to",
      format: "0.00",
      title: "Mean first passage times (periods; diagonal: recurrence time 1/π; ∞: not reached with probability 1)",
    },
  );
  const notes: string[] = [];
  if (m.emptyRows.length)
    notes.push(
      `Classes never observed at a start period (empty rows, made absorbing for the steady state): ${m.emptyRows.map((i) => m.labels[i]).join(", ")}.`,
    );
  notes.push("Spatial Markov chains need spatial weights, which the report does not take yet: use COORD.SPATIALMARKOV with an n x n weights range.");
  return sheet(SHEET.transitions, [P, counts, steady, mfpt] as ReportTable[], [], { notes });
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
    ctx.panel.periods.length >= 2 ? unbalanced(ctx.panel, ctx.results.coupling) : { reason: "a Markov chain needs at least two periods" },
  run: (ctx) => {
    const p = unitsByPeriods(ctx.panel, ctx.results.coupling!, "Markov chain");
    return markovStage(p.values, p.units, p.periods, parseMarkovClassSpec(ctx.options.markovClasses, "markovClasses"));
  },
  sheets: (m) => [transitionsSheet(m)],
  headlines: (m) => {
    const stay = m.P.map((r, i) => r[i]);
    const top = m.k - 1;
    return [
      `Markov chain (${m.spec}): the probability of staying in the same class from one period to the next is ${Math.min(...stay.filter((_, i) => !m.emptyRows.includes(i))).toFixed(3)}–${Math.max(...stay.filter((_, i) => !m.emptyRows.includes(i))).toFixed(3)}; ${m.steadyState ? `in the long run ${(m.steadyState[top] * 100).toFixed(1)} % of units are in the top class (${m.labels[top]})` : "the chain is reducible (one steady state per recurrent class)"}.`,
    ];
  },
};

export const spatialMarkovSection: ReportSection<null> = {
  id: "spatialMarkov",
  title: { en: "Spatial Markov chain", zh: "空间马尔可夫链" },
  progress: { en: "Spatial Markov chain", zh: "空间马尔可夫链" },
  jsonKey: "spatialMarkov",
  needs: ["markov"],
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
  notApplicable: () => ({ reason: "spatial weights are not an input of the report yet (use COORD.SPATIALMARKOV with a weights range)" }),
  run: () => null,
};
