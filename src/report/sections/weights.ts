/**
 * Section "weights" (METHODS.md M1–M4): indicator weights per subsystem (entropy or CRITIC)
 * and the composite index U of each subsystem; the Weights sheet.
 */
import { criticWeights } from "../../engine/weights";
import { entropyWeightsWithRanges } from "../../engine/weights/entropy";
import type { CriticOptions, EntropyOptions } from "../../engine/weights";
import { compositeIndex, compositeOfRows } from "../../engine/composite";
import { column, ReportColumn, ReportRow, ReportTable, sheet, table } from "../model";
import { Panel } from "../panel";
import { descriptiveSheet, indicatorSystemSheet } from "../paperTables";
import type { IndicatorWeight } from "../paperTables";
import { sheetName } from "../sheetNames";
import { translator } from "../i18n";
import { enumOption, numberOption } from "./optionKit";
import type { ReportOptions, ReportSection } from "./types";

declare module "./types" {
  interface ReportOptions {
    /** M2 / M3 */
    weighting: "entropy" | "critic";
    /** M1 scope of min-max */
    scope: "global" | "per-period";
    /** M1 shift δ added to z */
    shift: number;
  }
  interface SectionResults {
    weights?: WeightsSectionResult;
  }
}

/** One indicator's weight with the method's intermediate quantities (the row of the indicator system). */
export type WeightRow = IndicatorWeight;

/** The weights of every indicator and U per subsystem (U[s][row]). */
export interface WeightsSectionResult {
  rows: WeightRow[];
  U: number[][];
}

/**
 * The weights of one subsystem by the chosen method, each indicator's intermediates (global scope
 * only) and the composite index U (M4, each pool scored with its own weights on the shifted z).
 * Entropy: the weights without z (entropyWeightsOnly, with the column ranges it found) and U
 * with z computed on the fly (compositeOfRows): no 10⁵ row arrays of z, which no later section
 * reads (coupling reads U, obstacles standardizes on its own).
 */
export function methodWeights(
  matrix: number[][],
  common: CriticOptions & EntropyOptions & { shift: number },
  method: ReportOptions["weighting"],
): { weights: number[]; intermediates: (j: number) => Partial<WeightRow>; U: number[] } {
  if (method === "entropy") {
    const { result: r, ranges } = entropyWeightsWithRanges(matrix, common);
    const U = compositeOfRows(matrix, r.directions, r.pools, common.shift, ranges ?? undefined);
    return { weights: r.weights, intermediates: (j) => (r.scope === "global" ? { e: r.e[j], d: r.d[j] } : {}), U };
  }
  const r = criticWeights(matrix, common);
  return {
    weights: r.weights,
    intermediates: (j) => (r.scope === "global" ? { sigma: r.contrast[j], conflict: r.conflict[j], information: r.information[j] } : {}),
    U: compositeIndex(r).U,
  };
}

/** M1–M4: weights per subsystem and the composite index U of each subsystem. */
export function weightsStage(panel: Panel, o: ReportOptions): WeightsSectionResult {
  const U: number[][] = [];
  const weights: WeightRow[] = [];
  const periodLabels = panel.periodIndex.map((k) => panel.periodLabels[k]);
  for (const s of panel.subsystems) {
    const inds = s.indicators.map((i) => panel.indicators[i]);
    const matrix = panel.times.map((_, r) => inds.map((ind) => ind.values[r]));
    const common = {
      directions: inds.map((ind) => ind.direction),
      columnNames: inds.map((ind) => ind.column),
      scope: o.scope,
      periods: o.scope === "per-period" ? periodLabels : undefined,
      shift: o.shift,
    };
    const result = methodWeights(matrix, common, o.weighting);
    inds.forEach((ind, j) =>
      weights.push({ subsystem: s.name, indicator: ind.column, direction: ind.direction, weight: result.weights[j], ...result.intermediates(j) }),
    );
    U.push(result.U);
  }
  return { rows: weights, U };
}

/** The Weights sheet: per subsystem, indicator, direction, weight and the method's intermediates. */
export function weightsSheet(rowsOf: WeightRow[], subsystems: Array<{ name: string }>, o: ReportOptions) {
  const t = translator(o.language);
  const tables: ReportTable[] = [];
  for (const s of subsystems) {
    const rows = rowsOf.filter((w) => w.subsystem === s.name);
    const cols: ReportColumn[] = [
      column("indicator", t("weights.indicator"), "text"),
      column("direction", t("weights.direction"), "text"),
      column("weight", t("weights.weight"), "0.0000"),
    ];
    if (rows.some((r) => r.e !== undefined)) cols.push(column("e", t("weights.e"), "0.0000"), column("d", t("weights.d"), "0.0000"));
    if (rows.some((r) => r.sigma !== undefined))
      cols.push(
        column("sigma", t("weights.sigma"), "0.0000"),
        column("conflict", t("weights.conflict"), "0.0000"),
        column("information", t("weights.information"), "0.0000"),
      );
    tables.push(
      table(
        cols,
        rows.map((r) => ({ ...r }) as unknown as ReportRow),
        { title: t("weights.title", { subsystem: s.name, method: t(`weights.method.${o.weighting}`), scope: t(`weights.scope.${o.scope}`) }) },
      ),
    );
  }
  const notes = o.scope === "per-period" ? [t("weights.perPeriodNote")] : [];
  return sheet(sheetName("weights", o.language), tables, [], { notes, id: "weights", page: { rowsPerPage: 60 } }); // the sample's 28 indicators on one page, a long list on several
}

/** The report-wide note on the weighting and coupling choices. */
export function methodNote(o: ReportOptions): string {
  const t = translator(o.language);
  const params = {
    method: t(`weights.method.${o.weighting}`),
    scope: t(`weights.scope.${o.scope}`),
    shift: o.shift,
    coupling: t(`coupling.form.${o.coupling}`),
    alpha: o.alpha.length ? t("weights.alphaGiven", { alpha: o.alpha.join("/") }) : t("weights.alphaEqual"),
  };
  return t(o.shift ? "weights.noteShift" : "weights.note", params);
}

export const weightsSection: ReportSection<WeightsSectionResult> = {
  id: "weights",
  title: { en: "Weights and composite indices", zh: "权重与综合指数" },
  progress: { en: "Weights and composite indices", zh: "权重与综合指数" },
  jsonKey: "weights",
  empty: [],
  cost: 2,
  // the panel as read under the missing-value option (section "data")
  needs: ["data"],
  options: [
    enumOption(
      {
        key: "weighting",
        default: "entropy",
        label: { en: "Weighting", zh: "赋权方法" },
        help: { en: "indicator weights (M2 entropy, M3 CRITIC)", zh: "指标权重（M2 熵值法，M3 CRITIC）" },
      },
      ["entropy", "critic"],
    ),
    enumOption(
      {
        key: "scope",
        default: "global",
        label: { en: "Standardization scope", zh: "标准化范围" },
        help: { en: "min-max over all rows (keeps the trend) or within each period (M1)", zh: "在全部行上（保留趋势）或在每期内做极差标准化（M1）" },
      },
      ["global", "per-period"],
    ),
    numberOption(
      {
        key: "shift",
        default: 0,
        label: { en: "Shift δ", zh: "平移量 δ" },
        help: { en: "shift δ added to standardized values, e.g. 0.0001, at most 0.1 (M1)", zh: "标准化值加上的平移量 δ，如 0.0001，至多 0.1（M1）" },
      },
      { min: 0, max: 0.1 }, // U lies in [δ, 1 + δ]: a large δ would push D above 1
    ),
  ],
  run: (ctx) => weightsStage(ctx.panel, ctx.options),
  toJson: (r) => r.rows,
  sheets: (r, ctx) => [
    indicatorSystemSheet(
      r.rows,
      ctx.data.subsystems.map((s) => s.name),
      ctx.options.language,
      ctx.options.weighting,
    ),
    descriptiveSheet(ctx.panel, ctx.options.language),
    weightsSheet(r.rows, ctx.data.subsystems, ctx.options),
  ],
  notes: (_r, { options: o }) => [methodNote(o)],
};
