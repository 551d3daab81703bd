/**
 * Section "geodetector" (METHODS.md M8, M9): the four detectors on D of the chosen periods, for
 * all units and each group (the glue to the engine is in ../geoAnalysis.ts); the Geodetector
 * and Geodetector details sheets. Not applicable when the roles name no factors.
 */
import { column, ReportColumn, ReportRow, sheet, table } from "../model";
import { GeoAnalysis, geodetectorOnPanel } from "../geoAnalysis";
import { ALL_GROUP } from "../groups";
import { SHEET } from "../sheetNames";
import { geoPaperSheets } from "../paperGeoTables";
import { badOption, enumOption, numberOption, parseNumberList } from "./optionKit";
import type { OptionSpec, ReportSection } from "./types";

declare module "./types" {
  interface ReportOptions {
    /** M9 discretization of numeric factors: auto = categorical when text or ≤ 10 distinct, else natural k */
    discretization: "auto" | "equal" | "quantile" | "natural" | "geometric" | "sd" | "optimal";
    k: number;
    /** periods for the geodetector: "first-middle-last", "all" or explicit labels */
    geoPeriods: "first-middle-last" | "all" | number[];
    /** M8 σ² ddof in λ */
    ddof: 0 | 1;
    /** M8 significance level for risk / ecological detectors */
    geoAlpha: number;
  }
  interface SectionResults {
    geodetector?: GeoAnalysis;
  }
}

const fmt3 = (x: number) => x.toFixed(3);

/** The Geodetector sheet (Table 5 and 6 layouts, strata, the optimal grid) and the Geodetector details sheet (risk, ecological). */
export function geoSheets(geo: GeoAnalysis, panel: boolean) {
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
  return [sheet(SHEET.geodetector, main, [], { freeze: { rows: 2, columns: 1 } }), sheet(SHEET.geoDetails, [means, risk, eco], [], { page: { rowsPerPage: 250 } })];
}

const geoPeriodsOption: OptionSpec<"first-middle-last" | "all" | number[]> = {
  key: "geoPeriods",
  values: "first-middle-last|all|y1,y2",
  default: "first-middle-last",
  label: { en: "Periods", zh: "探测期" },
  help: { en: "periods on which the geodetector runs (M8)", zh: "运行地理探测器的时期（M8）" },
  parse(text) {
    const v = text.trim();
    return v === "first-middle-last" || v === "all" ? v : parseNumberList("geoPeriods", v);
  },
};

const ddofOption: OptionSpec<0 | 1> = {
  key: "ddof",
  values: "1|0",
  choices: ["1", "0"],
  default: 1,
  label: { en: "ddof of σ²", zh: "σ² 的自由度修正" },
  help: { en: "σ² in the geodetector's λ with ddof 1 (R geodetector) or 0 (GD, gdverse)", zh: "地理探测器 λ 中 σ² 的 ddof：1（R geodetector）或 0（GD、gdverse）" },
  parse(text) {
    const v = text.trim();
    if (v !== "0" && v !== "1") throw badOption("ddof", v, "0, 1");
    return Number(v) as 0 | 1;
  },
};

/** The options of the geodetector section (also the Summary of a geodetector-only run). */
export const GEODETECTOR_OPTIONS: OptionSpec[] = [
  enumOption(
    {
      key: "discretization",
      default: "auto",
      label: { en: "Discretization", zh: "离散化方法" },
      help: { en: "how numeric geodetector factors become strata (M9)", zh: "数值型探测因子的分层方法（M9）" },
    },
    ["auto", "equal", "quantile", "natural", "geometric", "sd", "optimal"],
  ),
  numberOption({ key: "k", default: 6, label: { en: "Classes k", zh: "分类数 k" }, help: { en: "number of classes for discretized factors (M9)", zh: "离散化因子的分类数（M9）" } }, { min: 2, max: 20, integer: true }),
  geoPeriodsOption,
  ddofOption,
  numberOption(
    { key: "geoAlpha", default: 0.05, label: { en: "Significance level", zh: "显著性水平" }, help: { en: "significance level of the risk and ecological detectors (M8)", zh: "风险探测与生态探测的显著性水平（M8）" } },
    { min: 1e-6, max: 0.5 },
  ),
];

export const geodetectorSection: ReportSection<GeoAnalysis> = {
  id: "geodetector",
  title: { en: "Geodetector", zh: "地理探测器" },
  progress: { en: "Geodetector", zh: "地理探测器" },
  jsonKey: "geodetector",
  cost: 3,
  needs: ["coupling"],
  options: GEODETECTOR_OPTIONS,
  notApplicable: (ctx) => (ctx.panel.factors.length ? null : { reason: "the roles name no factors; no geodetector tables.", warn: true }),
  run: (ctx) => geodetectorOnPanel(ctx.panel, ctx.results.coupling!, ctx.options, ctx.warnings),
  sheets: (geo, ctx) => [...geoPaperSheets(geo, ctx.options.language, ctx.options.geoAlpha), ...geoSheets(geo, true)],
  headlines: (geo) => {
    const lastP = geo.periods[geo.periods.length - 1];
    const rows = geo.factors.filter((f) => f.group === ALL_GROUP && f.period === lastP && f.q !== null).sort((x, y) => y.q! - x.q!);
    return rows.length ? [`Strongest driving factor of D in ${lastP}: ${rows[0].factor} (q = ${fmt3(rows[0].q!)}).`] : [];
  },
};
