/**
 * Section "geodetector" (METHODS.md M8, M9): the four detectors on D of the chosen periods, for
 * all units and each group (the glue to the engine is in ../geoAnalysis.ts); the Geodetector
 * and Geodetector details sheets. Not applicable when the roles name no factors.
 */
import { column, ReportColumn, ReportRow, sheet, table } from "../model";
import { GeoAnalysis, geodetectorOnPanel } from "../geoAnalysis";
import { sheetName } from "../sheetNames";
import { hasKey, translator } from "../i18n";
import { methodName } from "../engineText";
import { geoPaperSheets } from "../paperGeoTables";
import { badOption, enumOption, numberOption, parseNumberList } from "./optionKit";
import type { OptionSpec, ReportSection } from "./types";
import { DISCRETIZE_METHODS, DiscretizeMethod } from "../../engine/geodetector/discretize";
import { DEFAULT_K, DEFAULT_OPTIMAL_KS } from "../../engine/geodetector/constants";

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
    /** M8 groups: strata decided on all units of the period ("national", the seed paper) or within each group */
    groupStrata: "national" | "within";
    /** M8 which p drives the significance stars and the headline: non-central (R geodetector) or central F (H0: q = 0) */
    geoTest: "noncentral" | "central";
    /** M9 methods of the optimal-discretization grid (GD's discmethod) */
    optimalMethods: DiscretizeMethod[];
    /** M9 k range of the optimal-discretization grid (GD's discitv) */
    optimalK: number[];
  }
  interface SectionResults {
    geodetector?: GeoAnalysis;
  }
}

const fmt3 = (x: number) => x.toFixed(3);

/**
 * "q = 0.454, non-central p = 0.993, not significant at 10 %" or "q = 0.454, central F p = 0.00698 ***".
 *
 * @example
 * strongestText({ q: 0.4536, p: 0.993, pCentral: 0.00698 }, "central"); // => "q = 0.454, central F p = 0.00698 ***"
 */
export function strongestText(r: { q: number | null; p: number | null; pCentral: number | null }, test: "noncentral" | "central", language?: string): string {
  const t = translator(language);
  const p = chosenP(r, test);
  const which = t(test === "central" ? "geo.pName.central" : "geo.pName.noncentral");
  if (p === null) return t("geo.qTextNoP", { q: fmt3(r.q!), test: which });
  const s = stars(p);
  const params = { q: fmt3(r.q!), test: which, p: Number(p.toPrecision(3)), stars: s };
  return s ? t("geo.qText", params) : t("geo.qTextNotSig", params);
}

/**
 * Significance stars of a p: *** below 0.01, ** below 0.05, * below 0.1, else "".
 *
 * @example
 * stars(0.03); // => "**"
 */
export function stars(p: number | null): string {
  if (p === null) return "";
  return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}

/** The p a row's stars and the headline use, by the geoTest option. */
export function chosenP(r: { p: number | null; pCentral: number | null }, test: "noncentral" | "central"): number | null {
  return test === "central" ? r.pCentral : r.p;
}

/** The one sentence on the Geodetector sheet saying what each p tests (M8). */
export function pSentence(test: "noncentral" | "central", language?: string): string {
  const t = translator(language);
  return t("geo.pSentence", { test: t(test === "central" ? "geo.test.central" : "geo.test.noncentral") });
}

/** The Geodetector sheet (Table 5 and 6 layouts, strata, the optimal grid) and the Geodetector details sheet (risk, ecological). */
export function geoSheets(geo: GeoAnalysis, panel: boolean, test: "noncentral" | "central" = "noncentral", language?: string) {
  const t = translator(language);
  const yn = (b: boolean | null) => (b === null ? "" : t(b ? "common.Y" : "common.N"));
  const P = t("common.period");
  const G = t("common.group");
  const F = t("common.factor");
  const typeName = (type: string) => {
    const key = `geo.type.${type}`;
    return hasKey(key) ? t(key) : type;
  };
  const sections = panel ? geo.periods.flatMap((p) => geo.groups.map((g) => ({ p, g }))) : geo.groups.map((g) => ({ p: null as string | null, g }));
  const factors = [...new Set(geo.factors.map((f) => f.factor))];
  // Table 5 shape: factors in rows; q and p per period and group in columns.
  const cols: ReportColumn[] = [column("factor", F, "text")];
  sections.forEach((s, i) => {
    const label = s.p === null ? s.g : t("geo.section", { group: s.g, period: s.p });
    cols.push(
      column(`q${i}`, t("geo.q", { label }), "0.000", { colorScale: true }),
      column(`s${i}`, t("geo.sig", { label }), "text"),
      column(`p${i}`, t("geo.p", { label }), "0.0000"),
      column(`c${i}`, t("geo.pCentral", { label }), "0.0000"),
    );
  });
  const rows = factors.map((f) => {
    const r: ReportRow = { factor: f };
    sections.forEach((s, i) => {
      const x = geo.factors.find((y) => y.factor === f && y.group === s.g && y.period === s.p);
      r[`q${i}`] = x?.q ?? null;
      r[`s${i}`] = x && !x.trivial ? stars(chosenP(x, test)) : "";
      r[`p${i}`] = x?.p ?? null;
      r[`c${i}`] = x?.pCentral ?? null;
    });
    return r;
  });
  const table5 = table(cols, rows, { title: t("geo.table5", { y: geo.y }) });
  const inter = table(
    [
      column("period", P, "text"),
      column("group", G, "text"),
      column("a", t("geo.factorA"), "text"),
      column("b", t("geo.factorB"), "text"),
      column("qa", "q(A)", "0.000"),
      column("qb", "q(B)", "0.000"),
      column("q", "q(A∩B)", "0.000", { colorScale: true }),
      column("sig", t("geo.sigHeader"), "text"),
      column("p", "p", "0.0000"),
      column("pCentral", t("geo.pCentralHeader"), "0.0000"),
      column("type", t("geo.interactionType"), "text"),
      column("reason", t("geo.note"), "text"),
    ],
    geo.interactions.map(
      (r) => ({ ...r, type: typeName(r.type), sig: r.trivial ? "" : stars(chosenP(r, test)), reason: r.reason ?? "" }) as unknown as ReportRow,
    ),
    { title: t("geo.table6") },
  );
  const strata = table(
    [
      column("period", P, "text"),
      column("group", G, "text"),
      column("factor", F, "text"),
      column("method", t("geo.strataFrom"), "text"),
      column("k", t("geo.classes"), "0"),
      column("n", "n", "0"),
      column("breaks", t("geo.breaks"), "text"),
      column("reason", t("geo.notComputed"), "text"),
    ],
    geo.factors.map((f) => ({
      period: f.period,
      group: f.group,
      factor: f.factor,
      method: methodName(f.method, language),
      k: f.k,
      n: f.n,
      breaks: f.breaks ? f.breaks.map((b) => String(Number(b.toPrecision(6)))).join(", ") : "",
      reason: f.reason ?? "",
    })),
    { title: t("geo.strataTitle") },
  );
  const note = table([column("note", t("geo.whatP"), "text")], [{ note: pSentence(test, language) }]);
  const main = [note, table5, inter, strata];
  if (geo.grid.length) {
    main.push(
      table(
        [
          column("period", P, "text"),
          column("group", G, "text"),
          column("factor", F, "text"),
          column("method", t("geo.method"), "text"),
          column("k", "k", "0"),
          column("q", "q", "0.000"),
          column("skipped", t("geo.skipped"), "text"),
        ],
        geo.grid.map((g) => ({ ...g, method: methodName(g.method, language) }) as unknown as ReportRow),
        { title: t("geo.gridTitle") },
      ),
    );
  }
  const risk = table(
    [
      column("period", P, "text"),
      column("group", G, "text"),
      column("factor", F, "text"),
      column("a", t("geo.stratumA"), "text"),
      column("b", t("geo.stratumB"), "text"),
      column("t", t("geo.welchT"), "0.000"),
      column("df", "df", "0.00"),
      column("p", "p", "0.0000"),
      column("significant", t("geo.significant"), "text"),
      column("reason", t("geo.noTest"), "text"),
    ],
    geo.risk.flatMap((r) =>
      r.pairs.map((pr) => ({
        period: r.period,
        group: r.group,
        factor: r.factor,
        a: pr.a,
        b: pr.b,
        t: pr.t,
        df: pr.df,
        p: pr.p,
        significant: yn(pr.significant),
        reason: pr.reason ?? "",
      })),
    ),
    { title: t("geo.riskTitle") },
  );
  const means = table(
    [
      column("period", P, "text"),
      column("group", G, "text"),
      column("factor", F, "text"),
      column("stratum", t("geo.stratum"), "text"),
      column("n", "n", "0"),
      column("mean", t("geo.meanOf", { y: geo.y }), geo.y === "D" ? "0.000" : "0.0000"), // D to 3 decimals; a user's y keeps 4
    ],
    geo.risk.flatMap((r) => r.strata.map((s) => ({ period: r.period, group: r.group, factor: r.factor, stratum: s.stratum, n: s.n, mean: s.mean }))),
    { title: t("geo.meansTitle") },
  );
  const eco = table(
    [
      column("period", P, "text"),
      column("group", G, "text"),
      column("a", t("geo.factorA"), "text"),
      column("b", t("geo.factorB"), "text"),
      column("F", "F", "0.000"),
      column("p", "p", "0.0000"),
      column("significant", t("geo.significant"), "text"),
    ],
    geo.ecological.map((r) => ({ ...r, significant: yn(r.significant) }) as unknown as ReportRow),
    { title: t("geo.ecoTitle") },
  );
  return [
    sheet(sheetName("geodetector", language), main, [], { freeze: { rows: 2, columns: 1 }, id: "geodetector" }),
    sheet(sheetName("geoDetails", language), [means, risk, eco], [], { page: { rowsPerPage: 250 }, id: "geoDetails" }),
  ];
}

const geoPeriodsOption: OptionSpec<"first-middle-last" | "all" | number[]> = {
  key: "geoPeriods",
  values: "first-middle-last|all|y1,y2",
  default: "first-middle-last",
  label: { en: "Periods", zh: "探测期" },
  help: { en: "periods on which the geodetector runs (M8)", zh: "运行地理探测器的时期（M8）" },
  parse(text) {
    const v = text.trim();
    return v === "first-middle-last" || v === "all" ? v : [...new Set(parseNumberList("geoPeriods", v))]; // 2011,2011 = 2011
  },
};

const ddofOption: OptionSpec<0 | 1> = {
  key: "ddof",
  values: "1|0",
  choices: ["1", "0"],
  default: 1,
  label: { en: "ddof of σ²", zh: "σ² 的自由度修正" },
  help: {
    en: "σ² in the geodetector's λ with ddof 1 (R geodetector) or 0 (GD, gdverse)",
    zh: "地理探测器 λ 中 σ² 的 ddof：1（R geodetector）或 0（GD、gdverse）",
  },
  parse(text) {
    const v = text.trim();
    if (v !== "0" && v !== "1") throw badOption("ddof", v, "0, 1");
    return Number(v) as 0 | 1;
  },
};

const optimalMethodsOption: OptionSpec<DiscretizeMethod[]> = {
  key: "optimalMethods",
  values: "m1,m2,...",
  default: [...DISCRETIZE_METHODS],
  label: { en: "Optimal: methods", zh: "最优离散化：方法" },
  help: {
    en: `methods of the optimal-discretization grid, from ${DISCRETIZE_METHODS.join(", ")} (M9; GD's discmethod)`,
    zh: `最优离散化比较的方法，可选 ${DISCRETIZE_METHODS.join(", ")}（M9；对应 GD 包的离散化方法参数）`,
  },
  parse(text) {
    const names = text
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x !== "");
    if (names.length === 0) throw badOption("optimalMethods", text, `one or more of ${DISCRETIZE_METHODS.join(", ")}, separated by commas`);
    const out: DiscretizeMethod[] = [];
    for (const n of names) {
      if (!(DISCRETIZE_METHODS as readonly string[]).includes(n))
        throw badOption("optimalMethods", n, `one or more of ${DISCRETIZE_METHODS.join(", ")}, separated by commas`);
      if (!out.includes(n as DiscretizeMethod)) out.push(n as DiscretizeMethod);
    }
    return out;
  },
};

const optimalKOption: OptionSpec<number[]> = {
  key: "optimalK",
  values: "a-b|k1,k2,...",
  default: [...DEFAULT_OPTIMAL_KS],
  label: { en: "Optimal: k range", zh: "最优离散化：k 范围" },
  help: { en: "k range of the optimal-discretization grid, e.g. 3-7 (M9; GD's discitv)", zh: "最优离散化的 k 范围，如 3-7（M9；对应 GD 包的分类区间参数）" },
  parse(text) {
    const v = text.trim();
    const expected = "a range such as 3-7 or whole numbers from 2 to 20 separated by commas";
    const range = /^(\d+)\s*(?:-|:|\.\.)\s*(\d+)$/.exec(v);
    let ks: number[];
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (a > b) throw badOption("optimalK", v, expected);
      ks = Array.from({ length: b - a + 1 }, (_, i) => a + i);
    } else ks = parseNumberList("optimalK", v);
    if (ks.some((k) => !Number.isInteger(k) || k < 2 || k > 20)) throw badOption("optimalK", v, expected);
    return [...new Set(ks)].sort((a, b) => a - b);
  },
  text: (ks) => (ks.length > 1 && ks.every((k, i) => i === 0 || k === ks[i - 1] + 1) ? `${ks[0]}-${ks[ks.length - 1]}` : ks.join(",")),
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
  numberOption(
    {
      key: "k",
      default: DEFAULT_K,
      label: { en: "Classes k", zh: "分类数 k" },
      help: { en: "number of classes for discretized factors (M9)", zh: "离散化因子的分类数（M9）" },
    },
    { min: 2, max: 20, integer: true },
  ),
  geoPeriodsOption,
  ddofOption,
  numberOption(
    {
      key: "geoAlpha",
      default: 0.05,
      label: { en: "Significance level", zh: "显著性水平" },
      help: { en: "significance level of the risk and ecological detectors (M8)", zh: "风险探测与生态探测的显著性水平（M8）" },
    },
    { min: 1e-6, max: 0.5 },
  ),
  enumOption(
    {
      key: "groupStrata",
      default: "national",
      label: { en: "Strata in groups", zh: "分组的分层" },
      help: {
        en: "national: discretize once on all units of the period, then q within each group on those strata (the seed paper); within: re-discretize inside each group (M8)",
        zh: "national：在该期全部单元上离散化一次，各组在同一分层上计算 q（与种子论文一致）；within：在各组内重新离散化（M8）",
      },
    },
    ["national", "within"],
  ),
  enumOption(
    {
      key: "geoTest",
      default: "noncentral",
      label: { en: "Test of q", zh: "q 的检验" },
      help: {
        en: "which p drives the significance stars (*** ** * at 0.01/0.05/0.1) and the headline: noncentral (R geodetector, GeoDetector) or central (F test of H0: q = 0) (M8)",
        zh: "显著性星号（*** ** * 对应 0.01/0.05/0.1）与结论所依据的 p：noncentral（R geodetector、GeoDetector 软件）或 central（H0: q = 0 的 F 检验）（M8）",
      },
    },
    ["noncentral", "central"],
  ),
  optimalMethodsOption,
  optimalKOption,
];

export const geodetectorSection: ReportSection<GeoAnalysis> = {
  id: "geodetector",
  title: { en: "Geodetector", zh: "地理探测器" },
  progress: { en: "Geodetector", zh: "地理探测器" },
  jsonKey: "geodetector",
  cost: 3,
  needs: ["coupling"],
  options: GEODETECTOR_OPTIONS,
  notApplicable: (ctx) => (ctx.panel.factors.length ? null : { reason: translator(ctx.options.language)("geo.noFactors"), warn: true }),
  run: (ctx) => geodetectorOnPanel(ctx.panel, ctx.results.coupling!, ctx.options, ctx.warnings),
  sheets: (geo, ctx) => [
    ...geoPaperSheets(geo, ctx.options.language, ctx.options.geoAlpha, {
      p: (r) => chosenP(r, ctx.options.geoTest),
      label:
        ctx.options.language === "zh"
          ? ctx.options.geoTest === "central"
            ? "中心 F 检验"
            : "非中心 F 检验"
          : ctx.options.geoTest === "central"
            ? "central F test"
            : "non-central F test",
    }),
    ...geoSheets(geo, true, ctx.options.geoTest, ctx.options.language),
  ],
  headlines: (geo, ctx) => {
    const lastP = geo.periods[geo.periods.length - 1];
    const rows = geo.factors.filter((f) => f.group === geo.groups[0] && f.period === lastP && f.q !== null && !f.trivial).sort((x, y) => y.q! - x.q!);
    const t = translator(ctx.options.language);
    return rows.length
      ? [t("geo.strongest", { period: lastP, factor: rows[0].factor, text: strongestText(rows[0], ctx.options.geoTest, ctx.options.language) })]
      : [];
  },
};
