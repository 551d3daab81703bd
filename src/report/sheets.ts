/**
 * From a panel run to a `Report`: the Summary, then the sheets of each section that ran (in
 * registry order), the notes and warnings — the named sheets of labelled tables and chart
 * specs that the Office.js writer (taskpane) and the xlsx writer (command line, standalone
 * page) both render. Pure. The sections' own sheets are built in sections/*.ts.
 */
import { PanelRun } from "./analysis";
import { GeoAnalysis } from "./geoAnalysis";
import { hasKey, translator, type Translate } from "./i18n";
import { column, createReport, Report, ReportRow, sheet, table } from "./model";
import { SectionRegistry } from "./sections";
import { geoSheets, strongestText } from "./sections/geodetector";
import type { ReportOptions, SkippedSection } from "./sections/types";
import { sheetName } from "./sheetNames";
import { groupWarnings } from "./warnings";

export { SHEET } from "./sheetNames";

/**
 * The warnings grouped by kind: one row per kind with its count and an example (the full list is
 * on the Notes sheet); a kind without a phrase of its own (or of kind "other") shows its text.
 */
export function warningsTable(warnings: string[], t: Translate) {
  const rows: ReportRow[] = groupWarnings(warnings).map((g) => {
    const key = `kind.${g.code}`;
    if (hasKey(key)) return { warning: t(key, { n: g.count }), count: g.count, example: g.example };
    return g.count === 1
      ? { warning: g.example, count: 1, example: "" }
      : { warning: t("summary.warningSimilar", { n: g.count }), count: g.count, example: g.example };
  });
  return table(
    [
      column("warning", t("summary.warningKind"), "text"),
      column("count", t("summary.warningCount"), "0"),
      column("example", t("summary.warningExample"), "text"),
    ],
    rows.length ? rows : [{ warning: t("summary.noWarnings"), count: 0, example: "" }],
    { title: t("summary.warningsTitle") },
  );
}

function skippedTable(skipped: SkippedSection[], registry: SectionRegistry, t: Translate) {
  return table(
    [column("section", t("summary.section"), "text"), column("id", t("summary.optionName"), "text"), column("reason", t("summary.notRunBecause"), "text")],
    skipped.map((s) => ({ section: registry.get(s.section)?.title[t.lang] ?? s.section, id: s.section, reason: s.reason })),
    { title: t("summary.skippedTitle") },
  );
}

/** Headline findings in words, from every section that ran (national mean D first -> last period, leaders and laggards, strongest factor, order parameter). */
export function headlines(run: PanelRun): string[] {
  const { context } = run;
  return run.registry.sections.flatMap((s) => (s.headlines && context.results[s.id] !== undefined ? s.headlines(context.results[s.id], context) : []));
}

function summarySheet(run: PanelRun, title: string) {
  const t = translator(run.analysis.options.language);
  const d = run.analysis.data;
  const none = t("common.none");
  const data = table(
    [column("item", t("summary.data"), "text"), column("value", t("common.value"), "text")],
    [
      { item: t("summary.units"), value: String(d.units) },
      { item: t("summary.periods"), value: t("summary.periodsValue", { n: d.periods.length, first: d.periods[0], last: d.periods[d.periods.length - 1] }) },
      { item: t("summary.observations"), value: String(d.observations) },
      { item: t("summary.groups"), value: d.groups.length ? t.list(d.groups) : none },
      ...d.subsystems.map((s) => ({ item: t("summary.subsystem", { name: s.name }), value: t("summary.indicators", { n: s.indicators.length }) })),
      { item: t("summary.factors"), value: d.factors.length ? t.list(d.factors) : none },
    ],
    { title },
  );
  const findings = table(
    [column("finding", t("summary.findings"), "text")],
    headlines(run).map((f) => ({ finding: f })),
  );
  const tables = [data, findings];
  const filled = run.context.panel.filled ?? [];
  if (filled.length)
    tables.push(
      table(
        [
          column("unit", t("common.unit"), "text"),
          column("period", t("common.period"), "text"),
          column("column", t("data.column"), "text"),
          column("value", t("data.valueUsed"), "0.0000"),
          column("how", t("data.how"), "text"),
        ],
        filled.map((f) => ({ unit: f.unit, period: f.period, column: f.column, value: f.value, how: t(f.how === "linear" ? "data.linear" : "data.nearest") })),
        { title: t("data.filledTitle") },
      ),
    );
  if (run.analysis.skipped.length) tables.push(skippedTable(run.analysis.skipped, run.registry, t));
  tables.push(warningsTable(run.analysis.warnings, t));
  // the options, the command line and the methods are on the Reproduce sheet (M16)
  return sheet(sheetName("summary", t.lang), tables, [], { freeze: false, page: { fitToHeight: 1 }, notes: [t("repro.pointer")], id: "summary" });
}

/** The full report of a panel run. */
export function buildReport(run: PanelRun, meta: { source?: string; version?: string } = {}): Report {
  const t = translator(run.analysis.options.language);
  const title = t("report.title");
  const r = createReport(title, { tool: "CoordLab", version: meta.version, created: new Date().toISOString(), source: meta.source }, t.lang);
  const { context } = run;
  r.sheets.push(summarySheet(run, title));
  for (const s of run.registry.sections) {
    const result = context.results[s.id];
    if (result === undefined) continue;
    if (s.sheets) r.sheets.push(...s.sheets(result, context));
  }
  r.warnings.push(...run.analysis.warnings);
  for (const s of run.registry.sections) {
    const result = context.results[s.id];
    if (result !== undefined && s.notes) r.notes.push(...s.notes(result, context));
  }
  return r;
}

/** The report of a geodetector-only analysis (cross-sectional data: y and factors). */
export function buildGeoReport(geo: GeoAnalysis, o: ReportOptions, warnings: string[], data: { rows: number; source?: string }): Report {
  const t = translator(o.language);
  const title = t("report.geoTitle");
  const r = createReport(title, { tool: "CoordLab", created: new Date().toISOString(), source: data.source }, t.lang);
  const summary = table(
    [column("item", t("summary.data"), "text"), column("value", t("common.value"), "text")],
    [
      { item: "y", value: geo.y },
      { item: t("summary.rows"), value: String(data.rows) },
      { item: t("summary.factors"), value: t.list([...new Set(geo.factors.map((f) => f.factor))]) },
      { item: t("summary.groups"), value: t.list(geo.groups.slice(1)) || t("common.none") }, // groups[0]: the pooled group
    ],
    { title },
  );
  const best = geo.factors.filter((f) => f.group === geo.groups[0] && f.q !== null && !f.trivial).sort((x, y) => y.q! - x.q!);
  const findings = table(
    [column("finding", t("summary.findings"), "text")],
    best.length
      ? [{ finding: t("geo.strongestOf", { y: geo.y, factor: best[0].factor, text: strongestText(best[0], o.geoTest, o.language) }) }]
      : [{ finding: t("summary.noFactorAssessed") }],
  );
  r.sheets.push(
    sheet(sheetName("summary", t.lang), [summary, findings, warningsTable(warnings, t)], [], { freeze: false, notes: [t("repro.pointer")], id: "summary" }),
    ...geoSheets(geo, false, o.geoTest, o.language),
  );
  r.warnings.push(...warnings);
  return r;
}
