/**
 * From an `Analysis` to a `Report`: the named sheets of labelled tables and chart specs that
 * the Office.js writer (taskpane) and the exceljs writer (command line, standalone page) both
 * render. Pure.
 */
import { GRADE_TABLE } from "../engine/grade";
import { Analysis, ALL_GROUP, Observation } from "./analysis";
import { GeoAnalysis } from "./geoAnalysis";
import { column, ColumnWithValues, createReport, chart, Report, ReportColumn, ReportRow, ReportTable, sheet, table, tableFromColumns } from "./model";
import { OPTION_HELP, ReportOptions } from "./options";

export const SHEET = {
  summary: "Summary",
  weights: "Weights",
  scores: "Scores",
  byGroup: "Coordination by group",
  grades: "Grades",
  density: "Density",
  geodetector: "Geodetector",
  geoDetails: "Geodetector details",
  haken: "Haken",
} as const;

const fmt3 = (x: number) => x.toFixed(3);

function optionRows(o: ReportOptions): ReportRow[] {
  return OPTION_HELP.map((h) => {
    const v = o[h.key];
    const shown = Array.isArray(v) ? (v.length ? v.join(", ") : "equal") : v === null ? "none" : String(v);
    return { option: h.key, value: h.key === "hakenPair" ? (v as number[]).map((i) => i + 1).join(", ") : shown, meaning: h.help };
  });
}

/** Headline findings in words (national mean D first -> last period, leaders and laggards, order parameter). */
export function headlines(a: Analysis): string[] {
  const out: string[] = [];
  const all = a.groupMeans.filter((m) => m.group === ALL_GROUP);
  const overall = all.length ? all : a.groupMeans;
  if (overall.length) {
    const first = overall[0];
    const last = overall[overall.length - 1];
    const verb = last.D > first.D ? "rose" : last.D < first.D ? "fell" : "stayed";
    out.push(`Mean coupling coordination degree D ${verb} from ${fmt3(first.D)} in ${first.period} to ${fmt3(last.D)} in ${last.period}.`);
    const lastObs = a.observations.filter((x) => x.period === last.period && x.D !== null);
    const coordinated = lastObs.filter((x) => x.D! >= 0.5).length;
    out.push(`In ${last.period}, ${coordinated} of ${lastObs.length} units reach D ≥ 0.5 (coordinated).`);
  }
  const groups = a.data.groups;
  if (groups.length > 1) {
    const lastPeriod = a.data.periods[a.data.periods.length - 1];
    const lastMeans = a.groupMeans.filter((m) => m.period === lastPeriod && m.group !== ALL_GROUP).sort((x, y) => y.D - x.D);
    if (lastMeans.length > 1)
      out.push(
        `In ${lastPeriod} the leading group is ${lastMeans[0].group} (mean D ${fmt3(lastMeans[0].D)}) and the lagging group is ${lastMeans[lastMeans.length - 1].group} (${fmt3(lastMeans[lastMeans.length - 1].D)}).`,
      );
  }
  if (a.geodetector) {
    const lastP = a.geodetector.periods[a.geodetector.periods.length - 1];
    const rows = a.geodetector.factors.filter((f) => f.group === ALL_GROUP && f.period === lastP && f.q !== null).sort((x, y) => y.q! - x.q!);
    if (rows.length) out.push(`Strongest driving factor of D in ${lastP}: ${rows[0].factor} (q = ${fmt3(rows[0].q!)}).`);
  }
  if (a.haken) out.push(`Haken model: ${a.haken.model.note.split(". ")[0].replace(/\.$/, "")}.`);
  return out;
}

function summarySheet(a: Analysis, title: string) {
  const d = a.data;
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
  const findings = table([column("finding", "Headline findings", "text")], headlines(a).map((f) => ({ finding: f })));
  const options = table([column("option", "Option", "text"), column("value", "Value", "text"), column("meaning", "Meaning", "text")], optionRows(a.options), {
    title: "Options used",
  });
  const warnings = table(
    [column("warning", "Warnings", "text")],
    a.warnings.length ? a.warnings.map((w) => ({ warning: w })) : [{ warning: "none" }],
  );
  return sheet(SHEET.summary, [data, findings, options, warnings], [], { freeze: false });
}

function weightsSheet(a: Analysis) {
  const tables: ReportTable[] = [];
  for (const s of a.data.subsystems) {
    const rows = a.weights.filter((w) => w.subsystem === s.name);
    const cols: ReportColumn[] = [column("indicator", "Indicator", "text"), column("direction", "Direction", "text"), column("weight", "Weight", "0.0000")];
    if (rows.some((r) => r.e !== undefined)) cols.push(column("e", "Entropy e", "0.0000"), column("d", "Redundancy d = 1 - e", "0.0000"));
    if (rows.some((r) => r.sigma !== undefined))
      cols.push(column("sigma", "Contrast σ", "0.0000"), column("conflict", "Conflict R", "0.0000"), column("information", "Information C", "0.0000"));
    tables.push(table(cols, rows.map((r) => ({ ...r }) as unknown as ReportRow), { title: `${s.name} (${a.options.weighting}, ${a.options.scope} scope)` }));
  }
  const notes = a.options.scope === "per-period" ? ["Per-period scope: the weight shown is the mean of the periods' weights; each period was scored with its own."] : [];
  return sheet(SHEET.weights, tables, [], { notes });
}

function scoresSheet(a: Analysis) {
  const names = a.data.subsystems.map((s) => s.name);
  const obs = a.observations;
  const cols: ColumnWithValues[] = [
    { ...column("id", "Unit", "text"), values: obs.map((x) => x.id) },
    { ...column("period", "Period", "text"), values: obs.map((x) => x.period) },
  ];
  if (a.data.groups.length) cols.push({ ...column("group", "Group", "text"), values: obs.map((x) => x.group) });
  names.forEach((n, i) => cols.push({ ...column(`U${i + 1}`, `U ${n}`, "0.0000"), values: obs.map((x) => x.U[n]) }));
  cols.push(
    { ...column("C", "C", "0.0000"), values: obs.map((x) => x.C) },
    { ...column("T", "T", "0.0000"), values: obs.map((x) => x.T) },
    { ...column("D", "D", "0.0000", { colorScale: true }), values: obs.map((x) => x.D) },
    { ...column("grade", "Grade", "text"), values: obs.map((x) => x.grade) },
    { ...column("gradeNo", "Grade no.", "0"), values: obs.map((x) => x.gradeNo) },
    { ...column("stage", "Coupling stage", "text"), values: obs.map((x) => x.stage) },
  );
  if (names.length === 2) cols.push({ ...column("relativeType", "Relative type", "text"), values: obs.map((x) => x.relativeType) });
  if (a.haken && a.haken.model.evolution) cols.push({ ...column("h", "Evolution level h", "0.0000"), values: a.haken.levels });
  return sheet(SHEET.scores, [tableFromColumns(cols)], [], { freeze: { rows: 1, columns: 2 } });
}

/** The seed paper's Table 3: units by group, periods in columns, a mean row per group and overall. */
export function coordinationByGroupSheet(a: Pick<Analysis, "data" | "observations" | "groupMeans">) {
  const periods = a.data.periods;
  const cols: ReportColumn[] = [column("group", "Group", "text"), column("unit", "Unit", "text")];
  periods.forEach((p, k) => cols.push(column(`p${k}`, p, "0.000", { colorScale: true })));
  const byUnit = new Map<string, Observation[]>();
  for (const x of a.observations) {
    if (!byUnit.has(x.id)) byUnit.set(x.id, []);
    byUnit.get(x.id)!.push(x);
  }
  const rows: ReportRow[] = [];
  const groupRows: number[] = [];
  const groups = a.data.groups.length ? a.data.groups : [ALL_GROUP];
  const mean = (g: string, p: string) => a.groupMeans.find((m) => m.group === g && m.period === p)?.D ?? null;
  for (const g of groups) {
    for (const [id, xs] of byUnit) {
      if (a.data.groups.length && xs[0].group !== g) continue;
      const r: ReportRow = { group: g, unit: id };
      periods.forEach((p, k) => (r[`p${k}`] = xs.find((x) => x.period === p)?.D ?? null));
      rows.push(r);
    }
    const m: ReportRow = { group: g, unit: "Mean value" };
    periods.forEach((p, k) => (m[`p${k}`] = mean(g, p)));
    groupRows.push(rows.length);
    rows.push(m);
  }
  if (a.data.groups.length) {
    const m: ReportRow = { group: ALL_GROUP, unit: "Mean value" };
    periods.forEach((p, k) => (m[`p${k}`] = mean(ALL_GROUP, p)));
    groupRows.push(rows.length);
    rows.push(m);
  }
  const table3 = table(cols, rows, { title: "Coupling coordination degree D by group (seed paper Table 3 layout)", groupRows });
  // Group means over time, for the chart.
  const meanCols: ReportColumn[] = [column("period", "Period", "text")];
  const allGroups = a.data.groups.length ? [...a.data.groups, ALL_GROUP] : [ALL_GROUP];
  allGroups.forEach((g, i) => meanCols.push(column(`g${i}`, g, "0.000")));
  const meanRows = periods.map((p) => {
    const r: ReportRow = { period: p };
    allGroups.forEach((g, i) => (r[`g${i}`] = mean(g, p)));
    return r;
  });
  const means = table(meanCols, meanRows, { title: "Mean D by group and period" });
  const c = chart("line", "Mean coupling coordination degree by group", { sheet: SHEET.byGroup, table: 1 }, "period", allGroups.map((_, i) => `g${i}`), {
    x: "Period",
    y: "Mean D",
  });
  return sheet(SHEET.byGroup, [table3, means], [c], { freeze: { rows: 2, columns: 2 } });
}

function gradesSheet(a: Analysis) {
  const periods = a.data.periods;
  const language = a.options.language;
  const groups = a.data.groups.length ? [ALL_GROUP, ...a.data.groups] : [ALL_GROUP];
  const tables: ReportTable[] = [];
  for (const g of groups) {
    const cols: ReportColumn[] = [column("gradeNo", "No.", "0"), column("grade", "Grade", "text")];
    periods.forEach((p, k) => cols.push(column(`p${k}`, p, "0")));
    const count = new Map<string, number>(); // "period\u0000gradeNo" -> units, one pass
    for (const x of a.observations)
      if (g === ALL_GROUP || x.group === g) count.set(`${x.period}\u0000${x.gradeNo}`, (count.get(`${x.period}\u0000${x.gradeNo}`) ?? 0) + 1);
    const rows = GRADE_TABLE.map((gr) => {
      const r: ReportRow = { gradeNo: gr.gradeNo, grade: language === "zh" ? gr.zh : gr.en };
      periods.forEach((p, k) => {
        r[`p${k}`] = count.get(`${p}\u0000${gr.gradeNo}`) ?? 0;
      });
      return r;
    });
    tables.push(table(cols, rows, { title: `Units per grade — ${g}` }));
  }
  const first = 0;
  const last = periods.length - 1;
  const mid = Math.floor(last / 2);
  const shown = [...new Set([first, mid, last])].map((k) => `p${k}`);
  const c = chart("column", "Units per grade (all units)", { sheet: SHEET.grades, table: 0 }, "grade", shown, { x: "Grade", y: "Units" });
  return sheet(SHEET.grades, tables, [c]);
}

function densitySheet(a: Analysis) {
  const tables: ReportTable[] = [];
  const charts = [];
  const groups = [...new Set(a.density.map((d) => d.group))];
  const bw = table(
    [column("group", "Group", "text"), column("period", "Period", "text"), column("n", "n", "0"), column("bandwidth", "Bandwidth h", "0.0000"), column("rule", "Rule", "text")],
    a.density.map((d) => ({ group: d.group, period: d.period, n: d.n, bandwidth: d.bandwidth, rule: d.rule })),
    { title: "Bandwidths (Gaussian kernel)" },
  );
  tables.push(bw);
  for (const g of groups) {
    const curves = a.density.filter((d) => d.group === g);
    const cols: ColumnWithValues[] = [{ ...column("x", "D", "0.000"), values: curves[0].x }];
    curves.forEach((c, i) => cols.push({ ...column(`f${i}`, c.period, "0.0000"), values: c.f }));
    tables.push(tableFromColumns(cols, { title: `Kernel density of D — ${g}` }));
    charts.push(chart("line", `Kernel density of D — ${g}`, { sheet: SHEET.density, table: tables.length - 1 }, "x", curves.map((_, i) => `f${i}`), { x: "D", y: "Density" }));
  }
  return sheet(SHEET.density, tables, charts);
}

function geoSheets(geo: GeoAnalysis, panel: boolean) {
  const sections = panel ? geo.periods.flatMap((p) => geo.groups.map((g) => ({ p, g }))) : geo.groups.map((g) => ({ p: null as string | null, g }));
  const factors = [...new Set(geo.factors.map((f) => f.factor))];
  // Table 5 shape: factors in rows; q and p per period and group in columns.
  const cols: ReportColumn[] = [column("factor", "Factor", "text")];
  sections.forEach((s, i) => {
    const label = s.p === null ? s.g : `${s.g} ${s.p}`;
    cols.push(column(`q${i}`, `q ${label}`, "0.0000", { colorScale: true }), column(`p${i}`, `p ${label}`, "0.0000"));
  });
  const rows = factors.map((f) => {
    const r: ReportRow = { factor: f };
    sections.forEach((s, i) => {
      const x = geo.factors.find((y) => y.factor === f && y.group === s.g && y.period === s.p);
      r[`q${i}`] = x?.q ?? null;
      r[`p${i}`] = x?.p ?? null;
    });
    return r;
  });
  const table5 = table(cols, rows, { title: `Factor detector: q and p of each factor for ${geo.y} (seed paper Table 5 layout)` });
  const inter = table(
    [
      column("period", "Period", "text"),
      column("group", "Group", "text"),
      column("a", "Factor A", "text"),
      column("b", "Factor B", "text"),
      column("qa", "q(A)", "0.0000"),
      column("qb", "q(B)", "0.0000"),
      column("q", "q(A∩B)", "0.0000", { colorScale: true }),
      column("p", "p", "0.0000"),
      column("type", "Interaction type", "text"),
    ],
    geo.interactions.map((r) => ({ ...r }) as unknown as ReportRow),
    { title: "Interaction detector (seed paper Table 6 layout)" },
  );
  const strata = table(
    [
      column("period", "Period", "text"),
      column("group", "Group", "text"),
      column("factor", "Factor", "text"),
      column("method", "Strata from", "text"),
      column("k", "Classes", "0"),
      column("n", "n", "0"),
      column("breaks", "Breaks", "text"),
      column("reason", "Not computed because", "text"),
    ],
    geo.factors.map((f) => ({
      period: f.period,
      group: f.group,
      factor: f.factor,
      method: f.method,
      k: f.k,
      n: f.n,
      breaks: f.breaks ? f.breaks.map((b) => String(Number(b.toPrecision(6)))).join(", ") : "",
      reason: f.reason ?? "",
    })),
    { title: "Strata and breaks used" },
  );
  const main = [table5, inter, strata];
  if (geo.grid.length) {
    main.push(
      table(
        [column("period", "Period", "text"), column("group", "Group", "text"), column("factor", "Factor", "text"), column("method", "Method", "text"), column("k", "k", "0"), column("q", "q", "0.0000"), column("skipped", "Skipped", "text")],
        geo.grid.map((g) => ({ ...g }) as unknown as ReportRow),
        { title: "Optimal discretization grid (method x k)" },
      ),
    );
  }
  const risk = table(
    [column("period", "Period", "text"), column("group", "Group", "text"), column("factor", "Factor", "text"), column("a", "Stratum A", "text"), column("b", "Stratum B", "text"), column("t", "Welch t", "0.000"), column("df", "df", "0.00"), column("p", "p", "0.0000"), column("significant", "Significant", "text"), column("reason", "No test because", "text")],
    geo.risk.flatMap((r) =>
      r.pairs.map((pr) => ({ period: r.period, group: r.group, factor: r.factor, a: pr.a, b: pr.b, t: pr.t, df: pr.df, p: pr.p, significant: pr.significant === null ? "" : pr.significant ? "Y" : "N", reason: pr.reason ?? "" })),
    ),
    { title: `Risk detector: Welch t-tests between strata (α = ${""})`.replace(" (α = )", "") },
  );
  const means = table(
    [column("period", "Period", "text"), column("group", "Group", "text"), column("factor", "Factor", "text"), column("stratum", "Stratum", "text"), column("n", "n", "0"), column("mean", `Mean ${geo.y}`, "0.0000")],
    geo.risk.flatMap((r) => r.strata.map((s) => ({ period: r.period, group: r.group, factor: r.factor, stratum: s.stratum, n: s.n, mean: s.mean }))),
    { title: "Risk detector: stratum means" },
  );
  const eco = table(
    [column("period", "Period", "text"), column("group", "Group", "text"), column("a", "Factor A", "text"), column("b", "Factor B", "text"), column("F", "F", "0.000"), column("p", "p", "0.0000"), column("significant", "Significant", "text")],
    geo.ecological.map((r) => ({ ...r, significant: r.significant === null ? "" : r.significant ? "Y" : "N" }) as unknown as ReportRow),
    { title: "Ecological detector" },
  );
  return [sheet(SHEET.geodetector, main, [], { freeze: { rows: 2, columns: 1 } }), sheet(SHEET.geoDetails, [means, risk, eco])];
}

function hakenSheet(a: Analysis) {
  const h = a.haken!;
  const m = h.model;
  const tables: ReportTable[] = [];
  for (const fit of [m.fitA, m.fitB]) {
    const rows: ReportRow[] = (["gamma1", "a", "gamma2", "b"] as const).map((k) => {
      const p = fit.params[k];
      return { param: k === "gamma1" ? "γ1" : k === "gamma2" ? "γ2" : k, estimate: p.estimate, se: a.options.hakenClusterSE ? p.seCluster ?? p.se : p.se, t: a.options.hakenClusterSE ? p.tCluster ?? p.t : p.t, p: a.options.hakenClusterSE ? p.pCluster ?? p.p : p.p };
    });
    rows.push({ param: "R² (equation 1)", estimate: fit.eq1.r2 }, { param: "R² (equation 2)", estimate: fit.eq2.r2 }, { param: "pairs n", estimate: fit.nPairs });
    rows.push({ param: "adiabatic approximation", estimate: fit.adiabatic ? "holds" : "fails" });
    tables.push(
      table([column("param", "Parameter", "text"), column("estimate", "Estimate", "0.0000"), column("se", a.options.hakenClusterSE ? "Cluster SE" : "SE", "0.0000"), column("t", "t", "0.000"), column("p", "p", "0.0000")], rows, {
        title: `${fit.q1Name} as q1 (order parameter candidate), ${fit.q2Name} as q2`,
      }),
    );
  }
  tables.push(table([column("note", "Decision", "text")], [{ note: m.note }]));
  if (m.potential) {
    tables.push(
      table(
        [column("q1", "q1", "0.0000"), column("V", "V(q1)", "0.0000"), column("V2", "V''", "0.0000"), column("stable", "Stable", "text")],
        m.potential.points.map((p) => ({ q1: p.q1, V: p.V, V2: p.V2, stable: p.stable ? "yes" : "no" })),
        { title: `Potential V(q1) = ½γ1q1² + (ab/(4γ2))q1⁴: ${m.potential.description}` },
      ),
    );
  }
  if (m.evolution) {
    const periods = a.data.periods;
    const units = [...new Set(a.observations.map((x) => x.id))];
    const cols: ReportColumn[] = [column("unit", "Unit", "text")];
    periods.forEach((p, k) => cols.push(column(`p${k}`, p, "0.000", { colorScale: true })));
    // one pass over the observations (a findIndex per cell was quadratic: 40 s at 100,000 rows)
    const at = new Map<string, number>();
    a.observations.forEach((x, i) => {
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
    tables.push(table(cols, rows, { title: `Evolution level per unit and period (${m.evolution.description})` }));
  }
  return sheet(SHEET.haken, tables);
}

/** The full report of a panel analysis. */
export function buildReport(a: Analysis, meta: { source?: string; version?: string } = {}): Report {
  const r = createReport("CoordLab report", { tool: "CoordLab", version: meta.version, created: new Date().toISOString(), source: meta.source });
  r.sheets.push(summarySheet(a, "CoordLab report"), weightsSheet(a), scoresSheet(a), coordinationByGroupSheet(a), gradesSheet(a));
  if (a.density.length) r.sheets.push(densitySheet(a));
  if (a.geodetector) r.sheets.push(...geoSheets(a.geodetector, true));
  if (a.haken) r.sheets.push(hakenSheet(a));
  r.warnings.push(...a.warnings);
  r.notes.push(
    `Weights: ${a.options.weighting}, ${a.options.scope} scope${a.options.shift ? `, shift ${a.options.shift}` : ""}. Coupling: ${a.options.coupling} C, T with ${a.options.alpha.length ? a.options.alpha.join("/") : "equal"} weights, D = √(C·T).`,
  );
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
      { item: "Groups", value: geo.groups.filter((g) => g !== ALL_GROUP).join(", ") || "none" },
    ],
    { title: "CoordLab geodetector report" },
  );
  const best = geo.factors.filter((f) => f.group === ALL_GROUP && f.q !== null).sort((x, y) => y.q! - x.q!);
  const findings = table(
    [column("finding", "Headline findings", "text")],
    best.length ? [{ finding: `Strongest factor of ${geo.y}: ${best[0].factor} (q = ${fmt3(best[0].q!)}, p = ${best[0].p === null ? "n/a" : best[0].p.toPrecision(3)}).` }] : [{ finding: "No factor could be assessed." }],
  );
  const options = table([column("option", "Option", "text"), column("value", "Value", "text"), column("meaning", "Meaning", "text")], optionRows(o).filter((x) => ["discretization", "k", "ddof", "geoAlpha"].includes(String(x.option))), { title: "Options used" });
  const warn = table([column("warning", "Warnings", "text")], warnings.length ? warnings.map((w) => ({ warning: w })) : [{ warning: "none" }]);
  r.sheets.push(sheet(SHEET.summary, [summary, findings, options, warn], [], { freeze: false }), ...geoSheets(geo, false));
  r.warnings.push(...warnings);
  return r;
}
