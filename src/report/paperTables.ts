/**
 * The tables in the layouts the papers print (issue 16), each on its own sheet so that each
 * has its own column widths and page setup: the grade standard (the seed paper's Table 1),
 * the indicator system (Table 2), descriptive statistics of the raw indicators and factors,
 * the factor detector (Table 5: rows group x period, columns factors, q with stars), the
 * interaction detector (Table 6: a lower-triangular q12 matrix per group and period with a
 * matrix of type letters), and the risk and ecological detectors as the GeoDetector software
 * prints them (Y/N matrices). Pure builders of ReportSheets; the strings are in
 * paperStrings.ts.
 */
import { GRADE_TABLE, gradeD } from "../engine/grade";
import { ALL_GROUP } from "./groups";
import { column, ReportColumn, ReportRow, ReportSheet, sheet, table } from "./model";
import type { Panel } from "./panel";
import { PaperLang, tp } from "./paperStrings";

// ---------------------------------------------------------------------------------------------
// Small rules

/**
 * Significance stars of a p value: "***" below 0.01, "**" below 0.05, "*" below 0.1, else "".
 * The caller passes the p of the chosen test.
 *
 * @example
 * significanceStars(0.004); // => "***"
 */
export function significanceStars(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "";
  return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}

/**
 * The unit a header carries at its end in brackets, e.g. "(%)", "(万元)", "（人/km²）"; "" when none.
 *
 * @example
 * unitOf("Urbanization rate (%)"); // => "%"
 */
export function unitOf(header: string): string {
  const m = /[(（]([^()（）]+)[)）]\s*$/.exec(header);
  return m ? m[1].trim() : "";
}

/**
 * A short label of a factor for matrix headers: its leading code ("X1 GDP per capita" -> "X1"),
 * else the whole name.
 */
export function factorCode(name: string): string {
  const m = /^([A-Za-z]{1,3}\d{1,3})(?:[\s_:.-]|$)/.exec(name.trim());
  return m ? m[1] : name;
}

/** Letters of the interaction types (the note of Table 6 lists them). */
export const INTERACTION_LETTER: Record<string, string> = {
  "Enhance, bi-variable": "a",
  "Enhance, nonlinear": "b",
  Independent: "c",
  "Weaken, uni-variable": "d",
  "Weaken, nonlinear": "e",
};

export const groupLabel = (g: string, lang: PaperLang) => (g === ALL_GROUP ? tp(lang, "papers.all") : g);

/** Sample statistics of a list (NaN and null left out): N, mean, SD (n − 1), min, max. */
export function describe(values: ArrayLike<number | string | null>): {
  n: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
} {
  // two passes over the finite numbers (no copy): n, Σx, min, max; then Σ(x − mean)², in order
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return { n, mean: null, sd: null, min: null, max: null };
  const mean = sum / n;
  let ss = 0;
  if (n > 1)
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === "number" && Number.isFinite(v)) ss += (v - mean) ** 2;
    }
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : null;
  return { n, mean, sd, min, max };
}

// ---------------------------------------------------------------------------------------------
// Table 1, Table 2, descriptive statistics

/** The grade standard (seed paper Table 1): interval, grade names (en, zh), number, broad class. */
export function gradeStandardSheet(lang: PaperLang, closure: "left" | "right"): ReportSheet {
  const f1 = (x: number) => x.toFixed(1);
  const rows: ReportRow[] = GRADE_TABLE.map((g, i) => {
    const last = i === GRADE_TABLE.length - 1;
    const interval = closure === "left" ? `[${f1(g.lower)}, ${f1(g.upper)}${last ? "]" : ")"}` : `${i === 0 ? "[" : "("}${f1(g.lower)}, ${f1(g.upper)}]`;
    const mid = (g.lower + g.upper) / 2;
    return { interval, zh: g.zh, en: g.en, gradeNo: g.gradeNo, broad: gradeD(mid, { language: lang }).broadClass };
  });
  const cols = [
    column("interval", tp(lang, "papers.t1.interval"), "text"),
    column(lang === "zh" ? "zh" : "en", tp(lang, lang === "zh" ? "papers.t1.gradeZh" : "papers.t1.gradeEn"), "text"),
    column(lang === "zh" ? "en" : "zh", tp(lang, lang === "zh" ? "papers.t1.gradeEn" : "papers.t1.gradeZh"), "text"),
    column("gradeNo", tp(lang, "papers.t1.gradeNo"), "0"),
    column("broad", tp(lang, "papers.t1.broad"), "text"),
  ];
  const note = tp(lang, "papers.t1.note", { closure: tp(lang, closure === "left" ? "papers.t1.left" : "papers.t1.right") });
  return sheet(tp(lang, "papers.t1.sheet"), [table(cols, rows, { title: tp(lang, "papers.t1.title") })], [], { notes: [note], freeze: false });
}

/** One indicator's weight as the indicator system shows it (the weights section's WeightRow). */
export interface IndicatorWeight {
  subsystem: string;
  indicator: string;
  direction: "+" | "-";
  weight: number;
  /** entropy: e and d; CRITIC: sigma (contrast), conflict, information. Per-period scope: absent. */
  e?: number;
  d?: number;
  sigma?: number;
  conflict?: number;
  information?: number;
}

/** The indicator system (seed paper Table 2): target layer, subsystem, indicator, unit, direction, weight, the method's intermediates. */
export function indicatorSystemSheet(rows: IndicatorWeight[], subsystems: string[], lang: PaperLang, method: "entropy" | "critic"): ReportSheet {
  const joiner = lang === "zh" ? "与" : " and ";
  const target = tp(lang, "papers.t2.targetValue", { names: subsystems.join(joiner) });
  const cols: ReportColumn[] = [
    column("target", tp(lang, "papers.t2.target"), "text"),
    column("subsystem", tp(lang, "papers.t2.subsystem"), "text"),
    column("indicator", tp(lang, "papers.t2.indicator"), "text"),
    column("unit", tp(lang, "papers.t2.unit"), "text"),
    column("direction", tp(lang, "papers.t2.direction"), "text"),
    column("weight", tp(lang, "papers.t2.weight"), "0.0000"),
  ];
  if (rows.some((r) => r.e !== undefined)) cols.push(column("e", tp(lang, "papers.t2.e"), "0.0000"), column("d", tp(lang, "papers.t2.d"), "0.0000"));
  if (rows.some((r) => r.sigma !== undefined))
    cols.push(
      column("sigma", tp(lang, "papers.t2.sigma"), "0.0000"),
      column("conflict", tp(lang, "papers.t2.conflict"), "0.0000"),
      column("information", tp(lang, "papers.t2.information"), "0.0000"),
    );
  let prevSub = "";
  const out: ReportRow[] = rows.map((r, i) => {
    const row: ReportRow = {
      target: i === 0 ? target : "",
      subsystem: r.subsystem !== prevSub ? r.subsystem : "",
      indicator: r.indicator,
      unit: unitOf(r.indicator),
      direction: r.direction === "+" ? "+" : "−",
      weight: r.weight,
    };
    prevSub = r.subsystem;
    for (const k of ["e", "d", "sigma", "conflict", "information"] as const) if (r[k] !== undefined) row[k] = r[k]!;
    return row;
  });
  const note = tp(lang, "papers.t2.note", { method: tp(lang, method === "entropy" ? "papers.t2.entropy" : "papers.t2.critic") });
  return sheet(tp(lang, "papers.t2.sheet"), [table(cols, out, { title: tp(lang, "papers.t2.title") })], [], { notes: [note], freeze: { rows: 2, columns: 0 } });
}

/** Descriptive statistics (N, mean, SD, min, max) of every raw indicator and numeric factor. */
export function descriptiveSheet(panel: Panel, lang: PaperLang): ReportSheet {
  const rows: ReportRow[] = [];
  for (const s of panel.subsystems)
    for (const i of s.indicators) {
      const ind = panel.indicators[i];
      rows.push({ variable: ind.column, role: s.name, ...describe(ind.values) });
    }
  for (const f of panel.factors) if (f.kind === "numeric") rows.push({ variable: f.column, role: tp(lang, "papers.desc.factor"), ...describe(f.values) });
  const cols = [
    column("variable", tp(lang, "papers.desc.variable"), "text"),
    column("role", tp(lang, "papers.desc.role"), "text"),
    column("n", tp(lang, "papers.desc.n"), "0"),
    column("mean", tp(lang, "papers.desc.mean"), "0.000"),
    column("sd", tp(lang, "papers.desc.sd"), "0.000"),
    column("min", tp(lang, "papers.desc.min"), "0.000"),
    column("max", tp(lang, "papers.desc.max"), "0.000"),
  ];
  return sheet(tp(lang, "papers.desc.sheet"), [table(cols, rows, { title: tp(lang, "papers.desc.title") })], [], {
    notes: [tp(lang, "papers.desc.note")],
    freeze: { rows: 2, columns: 1 },
  });
}
