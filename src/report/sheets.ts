/**
 * From a panel run to a `Report`: the Summary, then the sheets of each section that ran (in
 * registry order), the notes and warnings — the named sheets of labelled tables and chart
 * specs that the Office.js writer (taskpane) and the exceljs writer (command line, standalone
 * page) both render. Pure. The sections' own sheets are built in sections/*.ts.
 */
import { PanelRun } from "./analysis";
import { GeoAnalysis } from "./geoAnalysis";
import { column, createReport, Report, sheet, table } from "./model";
import { SectionRegistry } from "./sections";
import { geoSheets, strongestText } from "./sections/geodetector";
import type { ReportOptions, SkippedSection } from "./sections/types";
import { tr } from "./i18n";
import { SHEET } from "./sheetNames";

export { SHEET } from "./sheetNames";

function warningsTable(warnings: string[]) {
  return table([column("warning", "Warnings", "text")], warnings.length ? warnings.map((w) => ({ warning: w })) : [{ warning: "none" }]);
}

function skippedTable(skipped: SkippedSection[], registry: SectionRegistry) {
  return table(
    [column("section", "Section", "text"), column("id", "Name", "text"), column("reason", "Not run because", "text")],
    skipped.map((s) => ({ section: registry.get(s.section)?.title.en ?? s.section, id: s.section, reason: s.reason })),
    { title: "Sections not run" },
  );
}

/** Headline findings in words, from every section that ran (national mean D first -> last period, leaders and laggards, strongest factor, order parameter). */
export function headlines(run: PanelRun): string[] {
  const { context } = run;
  return run.registry.sections.flatMap((s) => (s.headlines && context.results[s.id] !== undefined ? s.headlines(context.results[s.id], context) : []));
}

function summarySheet(run: PanelRun, title: string) {
  const d = run.analysis.data;
  const data = table(
    [column("item", "Data", "text"), column("value", "Value", "text")],
    [
      { item: "Units", value: String(d.units) },
      { item: "Periods", value: `${d.periods.length} (${d.periods[0]} – ${d.periods[d.periods.length - 1]})` },
      { item: "Observations", value: String(d.observations) },
      { item: "Groups", value: d.groups.length ? d.groups.join(", ") : "none" },
      ...d.subsystems.map((s) => ({ item: `Subsystem ${s.name}`, value: `${s.indicators.length} indicators` })),
      { item: "Factors", value: d.factors.length ? d.factors.join(", ") : "none" },
    ],
    { title },
  );
  const findings = table(
    [column("finding", "Headline findings", "text")],
    headlines(run).map((f) => ({ finding: f })),
  );
  const tables = [data, findings];
  const filled = run.context.panel.filled ?? [];
  if (filled.length)
    tables.push(
      table(
        [
          column("unit", "Unit", "text"),
          column("period", "Period", "text"),
          column("column", "Column", "text"),
          column("value", "Value used", "0.0000"),
          column("how", "How", "text"),
        ],
        filled.map((f) => ({ unit: f.unit, period: f.period, column: f.column, value: f.value, how: f.how === "linear" ? "linear in time" : "nearest value" })),
        { title: "Cells filled by interpolation (option missing)" },
      ),
    );
  if (run.analysis.skipped.length) tables.push(skippedTable(run.analysis.skipped, run.registry));
  tables.push(warningsTable(run.analysis.warnings));
  // the options, the command line and the methods are on the Reproduce sheet (M16)
  return sheet(SHEET.summary, tables, [], { freeze: false, page: { fitToHeight: 1 }, notes: [tr(run.analysis.options.language, "repro.pointer")] });
}

/** The full report of a panel run. */
export function buildReport(run: PanelRun, meta: { source?: string; version?: string } = {}): Report {
  const r = createReport("CoordLab report", { tool: "CoordLab", version: meta.version, created: new Date().toISOString(), source: meta.source });
  const { context } = run;
  r.sheets.push(summarySheet(run, "CoordLab report"));
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
  const r = createReport("CoordLab geodetector report", { tool: "CoordLab", created: new Date().toISOString(), source: data.source });
  const summary = table(
    [column("item", "Data", "text"), column("value", "Value", "text")],
    [
      { item: "y", value: geo.y },
      { item: "Rows", value: String(data.rows) },
      { item: "Factors", value: [...new Set(geo.factors.map((f) => f.factor))].join(", ") },
      { item: "Groups", value: geo.groups.slice(1).join(", ") || "none" }, // groups[0]: the pooled group
    ],
    { title: "CoordLab geodetector report" },
  );
  const best = geo.factors.filter((f) => f.group === geo.groups[0] && f.q !== null && !f.trivial).sort((x, y) => y.q! - x.q!);
  const findings = table(
    [column("finding", "Headline findings", "text")],
    best.length
      ? [{ finding: `Strongest factor of ${geo.y}: ${best[0].factor} (${strongestText(best[0], o.geoTest)}).` }]
      : [{ finding: "No factor could be assessed." }],
  );
  r.sheets.push(
    sheet(SHEET.summary, [summary, findings, warningsTable(warnings)], [], { freeze: false, notes: [tr(o.language, "repro.pointer")] }),
    ...geoSheets(geo, false, o.geoTest),
  );
  r.warnings.push(...warnings);
  return r;
}
