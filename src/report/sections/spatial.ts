/**
 * Section "spatial" (METHODS.md M11, M12): global Moran's I and Geary's C per period, local
 * Moran (LISA) clusters, Getis–Ord Gi* hot spots and the spatial lag, for D (default), a
 * subsystem's U or an indicator; the "Spatial autocorrelation" sheet. Runs only when spatial
 * weights are given (roles "weights", or the weights option); otherwise it is skipped, not an error.
 */
import { CoordError } from "../../engine/errors";
import { gearyC, moranI } from "../../engine/spatial/moran";
import { localMoran } from "../../engine/spatial/localMoran";
import { getisOrdGiStar } from "../../engine/spatial/getisOrd";
import { SpatialWeights, WeightsSummary, checkIsolates, subsetWeights, transformWeights, weightsSummary } from "../../engine/spatial/weights";
import type { WeightsTransform } from "../../engine/spatial/weights";
import { CategoryFill, chart, column, ReportColumn, ReportRow, ReportTable, sheet, table } from "../model";
import { parseWeightsSpec, SpatialWeightsInput } from "../spatialWeights";
import { noWeights, reportWeights, weightsSourceText } from "./spatialInput";
import { badOption, booleanOption, enumOption, numberOption, parseNumberList } from "./optionKit";
import { undefinedD } from "./panelMatrix";
import { errorMessage } from "../errorText";
import { translator, type Translate } from "../i18n";
import { sheetName } from "../sheetNames";
import { STYLE } from "../layout";
import type { OptionSpec, ReportContext, ReportOptions, ReportSection, SectionContext } from "./types";

declare module "./types" {
  interface ReportOptions {
    /** M11 weights: preset, builder (knn:6, band:500, idw:1) or a file read by the front end; "" = none */
    weights: string;
    /** coordinate columns for the builders, "lon,lat" ("" = none) */
    coords: string;
    weightsTransform: WeightsTransform;
    /** "D", a subsystem (its U) or an indicator column */
    spatialVariable: string;
    moranVariance: "randomisation" | "normality";
    permutations: number;
    seed: number;
    lisaAlpha: number;
    lisaMoments: "conditional" | "total";
    lisaScaling: "spdep" | "pysal";
    lisaPermutations: number;
    zeroPolicy: boolean;
    scatterPeriods: "first-middle-last" | "all" | "last" | number[];
  }
  interface SectionInputs {
    weights?: SpatialWeightsInput;
  }
  interface SectionResults {
    spatial?: SpatialResult;
  }
}

export interface SpatialGlobalRow {
  period: string;
  variable: string;
  n: number;
  I: number | null;
  E: number | null;
  variance: number | null;
  z: number | null;
  p: number | null;
  pTwoSided: number | null;
  pPermutation: number | null;
  permutations: number;
  seed: number;
  C: number | null;
  zC: number | null;
  pC: number | null;
  reason?: string;
}

export interface SpatialLocalRow {
  period: string;
  variable: string;
  id: string;
  Ii: number;
  E: number;
  variance: number;
  z: number | null;
  p: number | null;
  pPermutation?: number | null;
  quadrant: string;
  cluster: string;
  lag: number;
  /** Standardised value and its lag (the Moran scatter plot). */
  zValue: number;
  zLag: number;
  giStarZ: number | null;
  hotSpot: string;
}

export interface SpatialResult {
  /** The weights used (after matching to the data's units and the transform), M11. */
  weights: WeightsSummary;
  global: SpatialGlobalRow[];
  local: SpatialLocalRow[];
  /** The weights for the panel's units before the transform (spatialInput's), for the sections after it; not in the JSON. */
  resolvedWeights?: SpatialWeights;
}

/** The variable's values per panel row: D, a subsystem's U or an indicator. */
function variableValues(ctx: SectionContext): { name: string; values: (r: number) => number } {
  const v = ctx.options.spatialVariable.trim() || "D";
  const obs = ctx.results.coupling!;
  // an undefined D (all U = 0) makes the section not applicable before it runs
  if (v === "D") return { name: "D", values: (r) => obs[r].D as number };
  const sub = ctx.panel.subsystems.find((s) => s.name === v || `U:${s.name}` === v || `U ${s.name}` === v);
  if (sub) return { name: `U ${sub.name}`, values: (r) => obs[r].U[sub.name] };
  const ind = ctx.panel.indicators.find((i) => i.column === v);
  if (ind) return { name: ind.column, values: (r) => ind.values[r] };
  throw new CoordError(
    "OPTION",
    `option spatialVariable: '${v}' is not D, a subsystem (${ctx.panel.subsystems.map((s) => s.name).join(", ")}) or an indicator column`,
    { argument: "spatialVariable" },
  );
}

/** M11, M12 per period. */
export function spatialStage(ctx: SectionContext): SpatialResult {
  const o = ctx.options;
  const { panel } = ctx;
  const base = reportWeights(ctx);
  checkIsolates(base, o.zeroPolicy);
  const full = transformWeights(base, o.weightsTransform);
  const summary = weightsSummary(full);
  const variable = variableValues(ctx);
  const global: SpatialGlobalRow[] = [];
  const local: SpatialLocalRow[] = [];
  const unitPos = new Map(panel.units.map((u, i) => [u, i]));
  panel.periods.forEach((_, k) => {
    const period = panel.periodLabels[k];
    const rows = panel.ids.map((_, r) => r).filter((r) => panel.periodIndex[r] === k);
    const keep = rows.map((r) => unitPos.get(panel.ids[r])!);
    let W: SpatialWeights = full;
    if (keep.length !== panel.units.length) {
      // a period without some units: their sub-matrix, then the transform (M11)
      W = transformWeights(subsetWeights(base, keep), o.weightsTransform);
      ctx.warnings.push(translator(o.language)("spatial.partialPeriod", { period, k: keep.length, n: panel.units.length }));
    } else if (keep.some((u, i) => u !== i)) W = transformWeights(subsetWeights(base, keep), o.weightsTransform);
    const x = rows.map(variable.values);
    const g: SpatialGlobalRow = {
      period,
      variable: variable.name,
      n: x.length,
      I: null,
      E: null,
      variance: null,
      z: null,
      p: null,
      pTwoSided: null,
      pPermutation: null,
      permutations: o.permutations,
      seed: o.seed,
      C: null,
      zC: null,
      pC: null,
    };
    try {
      checkIsolates(W, o.zeroPolicy);
      const m = moranI(x, W, {
        variance: o.moranVariance,
        permutations: o.permutations,
        seed: o.seed,
        zeroPolicy: o.zeroPolicy,
        argument: `${variable.name} ${period}`,
      });
      const c = gearyC(x, W, { variance: o.moranVariance, zeroPolicy: o.zeroPolicy, argument: `${variable.name} ${period}` });
      Object.assign(g, {
        n: m.n,
        I: m.I,
        E: m.expectation,
        variance: m.variance,
        z: m.z,
        p: m.pValue,
        pTwoSided: m.pTwoSided,
        pPermutation: m.permutation?.pValue ?? null,
        C: c.C,
        zC: c.z,
        pC: c.pValue,
      });
      const l = localMoran(x, W, {
        moments: o.lisaMoments,
        scaling: o.lisaScaling,
        alpha: o.lisaAlpha,
        permutations: o.lisaPermutations,
        seed: o.seed,
        zeroPolicy: o.zeroPolicy,
        argument: `${variable.name} ${period}`,
      });
      const gi = getisOrdGiStar(x, W, { zeroPolicy: o.zeroPolicy, argument: `${variable.name} ${period}` });
      rows.forEach((r, i) => {
        const row: SpatialLocalRow = {
          period,
          variable: variable.name,
          id: panel.ids[r],
          Ii: l.Ii[i],
          E: l.expectation[i],
          variance: l.variance[i],
          z: l.z[i],
          p: l.pValue[i],
          quadrant: l.quadrant[i],
          cluster: l.cluster[i],
          lag: l.lag[i],
          zValue: l.standardized[i],
          zLag: l.standardizedLag[i],
          giStarZ: gi.z[i],
          hotSpot: gi.hotSpot[i],
        };
        if (l.permutation) row.pPermutation = l.permutation.pValue[i];
        local.push(row);
      });
    } catch (e) {
      if (!(e instanceof CoordError)) throw e;
      if (e.where.argument === "weights") throw e; // an isolate in a period's sub-matrix: as for the whole matrix
      g.reason = e.message;
      ctx.warnings.push(translator(o.language)("spatial.periodFailed", { period, message: errorMessage(e, o.language) }));
    }
    ctx.tick?.((k + 1) / panel.periods.length);
    global.push(g);
  });
  return { weights: summary, global, local, resolvedWeights: base };
}

/** The periods with a Moran scatter plot. */
function scatterPeriodsOf(result: SpatialResult, choice: ReportOptions["scatterPeriods"]): string[] {
  const periods = result.global.filter((g) => g.I !== null).map((g) => g.period);
  if (periods.length === 0) return [];
  if (choice === "all") return periods;
  if (choice === "last") return [periods[periods.length - 1]];
  if (choice === "first-middle-last") return [...new Set([periods[0], periods[Math.floor((periods.length - 1) / 2)], periods[periods.length - 1]])];
  return periods.filter((p) => choice.includes(Number(p)));
}

/** A LISA cluster's name in the report's language (HH, LL, HL, LH or not significant). */
function clusterName(c: string, t: Translate): string {
  if (c === "HH" || c === "LL" || c === "HL" || c === "LH") return t(`spatial.cluster.${c}`);
  return c === "not significant" ? t("spatial.notSignificant") : c;
}

/** A Gi* class ("hot spot 95%", "cold spot 99%", "not significant") in the report's language. */
function hotSpotName(h: string, t: Translate): string {
  const m = /^(hot|cold) spot (\d+)%$/.exec(h);
  if (m) return t(m[1] === "hot" ? "spatial.hot" : "spatial.cold", { level: m[2] });
  return h === "not significant" ? t("spatial.notSignificant") : h;
}

/** The Spatial autocorrelation sheet. */
export function spatialSheet(result: SpatialResult, ctx: ReportContext) {
  const o = ctx.options;
  const t = translator(o.language);
  const name = sheetName("spatial", o.language);
  const w = result.weights;
  const tables: ReportTable[] = [];
  const charts = [];
  const transform = (x: string) => (x === "row" || x === "binary" || x === "none" ? t(`spatial.transform.${x}`) : x);
  tables.push(
    table(
      // the value column wraps the source's description (the Moran table's n shares its width); S1, S2 and the mean to 4 decimals
      [column("item", t("spatial.weightsItem"), "text"), column("value", t("spatial.value"), "0.0###", { width: 30, wrap: true })],
      [
        { item: t("spatial.item.source"), value: weightsSourceText(w.source, t) },
        { item: t("spatial.item.transform"), value: transform(w.transform) },
        { item: t("spatial.item.n"), value: w.n },
        { item: "S0", value: w.S0 },
        { item: "S1", value: w.S1 },
        { item: "S2", value: w.S2 },
        { item: t("spatial.item.meanNeighbours"), value: w.meanNeighbours },
        { item: t("spatial.item.isolates"), value: w.isolates.length ? t.list(w.isolates) : t("spatial.none") },
        { item: t("spatial.item.asymmetric"), value: w.asymmetric ? t("spatial.yes") : t("spatial.no") },
      ],
      { title: t("spatial.weightsTitle") },
    ),
  );
  const g = result.global;
  const variable = g[0]?.variable ?? "D";
  tables.push(
    table(
      [
        column("period", t("spatial.period"), "text"),
        column("n", "n", "0"),
        column("I", "Moran's I", "0.0000"),
        column("E", "E[I]", "0.0000"),
        column("variance", "Var[I]", "0.00E+00"),
        column("z", "z", "0.0000"),
        column("p", t("spatial.pGreater"), "0.0000"),
        column("pTwoSided", t("spatial.pTwoSided"), "0.0000"),
        column("pPermutation", t("spatial.pPermutation", { R: g[0]?.permutations ?? 0, seed: g[0]?.seed ?? 1 }), "0.000"),
        column("C", "Geary's C", "0.0000"),
        column("zC", t("spatial.zC"), "0.0000"),
        column("pC", t("spatial.pC"), "0.0000"),
        column("reason", t("spatial.note"), "text"),
      ],
      g.map((r) => ({ ...r, reason: r.reason ?? null }) as unknown as ReportRow),
      { title: t("spatial.globalTitle", { variable, moments: t(`spatial.moments.${o.moranVariance}`) }) },
    ),
  );
  charts.push(chart("line", t("spatial.moranChart", { variable }), { sheet: name, table: 1 }, "period", ["I"], { x: t("spatial.period"), y: "Moran's I" }));
  for (const period of scatterPeriodsOf(result, o.scatterPeriods)) {
    const rows = result.local.filter((l) => l.period === period);
    const cols: ReportColumn[] = [column("id", t("spatial.unit"), "text"), column("zValue", t("spatial.standardised", { variable }), "0.000")];
    for (const q of ["HH", "LL", "HL", "LH"] as const) cols.push(column(`lag${q}`, t(`spatial.quadrant.${q}`), "0.000"));
    const body = rows.map((l) => {
      const r: ReportRow = { id: l.id, zValue: l.zValue };
      for (const q of ["HH", "LL", "HL", "LH"]) r[`lag${q}`] = l.quadrant === q ? l.zLag : null;
      return r;
    });
    tables.push(table(cols, body, { title: t("spatial.scatterTitle", { period, variable }) }));
    charts.push(
      chart(
        "scatter",
        t("spatial.scatterChart", { variable, period }),
        { sheet: name, table: tables.length - 1 },
        "zValue",
        ["lagHH", "lagLL", "lagHL", "lagLH"],
        { x: t("spatial.standardised", { variable }), y: t("spatial.lag") },
      ),
    );
    const moranScatter = charts[charts.length - 1];
    moranScatter.xFormat = "0.0";
    moranScatter.yFormat = "0.0";
  }
  const periods = g.map((r) => r.period);
  const units = [...new Set(result.local.map((l) => l.id))];
  // unit -> period -> row, once (a find per cell is quadratic on a county panel)
  const local = new Map<string, Map<string, SpatialLocalRow>>();
  for (const l of result.local) {
    let m = local.get(l.id);
    if (!m) local.set(l.id, (m = new Map()));
    if (!m.has(l.period)) m.set(l.period, l);
  }
  const byUnit = (pick: (l: SpatialLocalRow) => string) =>
    units.map((u) => {
      const r: ReportRow = { unit: u };
      periods.forEach((p, k) => {
        const l = local.get(u)?.get(p);
        r[`p${k}`] = l ? pick(l) : null;
      });
      return r;
    });
  const clusterFills = (["HH", "LL", "HL", "LH"] as const).map((c) => ({ text: clusterName(c, t), color: STYLE.clusterFills[c] }));
  const hotSpotFills = (["hot", "cold"] as const).flatMap((kind) =>
    [99, 95, 90].map((level, k) => ({ text: hotSpotName(`${kind} spot ${level}%`, t), color: STYLE.hotSpotFills[kind][k] })),
  );
  const periodCols = (fills: CategoryFill[]) => periods.map((p, k) => column(`p${k}`, p, "text", { fills }));
  tables.push(
    table(
      [column("unit", t("spatial.unit"), "text"), ...periodCols(clusterFills)],
      byUnit((l) => clusterName(l.cluster, t)),
      { title: t("spatial.lisaTitle", { variable, alpha: o.lisaAlpha }) },
    ),
  );
  tables.push(
    table(
      [column("unit", t("spatial.unit"), "text"), ...periodCols(hotSpotFills)],
      byUnit((l) => hotSpotName(l.hotSpot, t)),
      { title: t("spatial.giTitle", { variable }) },
    ),
  );
  const notes = [
    t("spatial.weightsNote", {
      source: weightsSourceText(w.source, t),
      transform: transform(w.transform),
      n: w.n,
      S0: w.S0.toFixed(4),
      mean: w.meanNeighbours.toFixed(2),
      isolates: w.isolates.length ? t("spatial.isolatesNote", { units: t.list(w.isolates) }) : "",
    }),
    t("spatial.lisaNote", {
      scaling: t(`spatial.scaling.${o.lisaScaling}`),
      moments: t(`spatial.lisaMoments.${o.lisaMoments}`),
      permutations: o.lisaPermutations > 0 ? t("spatial.lisaPermNote", { R: o.lisaPermutations, seed: o.seed }) : "",
    }),
  ];
  return sheet(name, tables, charts, { notes, id: "spatial" });
}

export function spatialHeadlines(result: SpatialResult, ctx: ReportContext): string[] {
  const t = translator(ctx.options.language);
  const g = result.global.filter((r) => r.I !== null);
  if (g.length === 0) return [];
  const sig = g.filter((r) => (r.p as number) < 0.05);
  const last = g[g.length - 1];
  const out = [
    t("spatial.headline", {
      variable: last.variable,
      sig: sig.length,
      n: g.length,
      period: last.period,
      I: (last.I as number).toFixed(4),
      z: (last.z as number).toFixed(2),
      p: (last.p as number).toFixed(3),
    }),
  ];
  const hh = result.local.filter((l) => l.period === last.period && l.cluster === "HH").map((l) => l.id);
  const ll = result.local.filter((l) => l.period === last.period && l.cluster === "LL").map((l) => l.id);
  // a county panel has dozens of units per cluster: the first few and the count (the table has all)
  const names = (ids: string[]) =>
    ids.length === 0
      ? t("spatial.none")
      : ids.length <= HEADLINE_UNITS
        ? t.list(ids)
        : t("spatial.unitsMore", { n: ids.length, names: t.list(ids.slice(0, HEADLINE_UNITS)) });
  if (hh.length || ll.length) out.push(t("spatial.headlineLisa", { period: last.period, hh: names(hh), ll: names(ll) }));
  return out;
}

/** Units named per cluster in the LISA headline; beyond it, the count. */
const HEADLINE_UNITS = 8;

const base = (key: string, en: string, zh: string, helpEn: string, helpZh: string) => ({ key, label: { en, zh }, help: { en: helpEn, zh: helpZh } });

const weightsOption: OptionSpec<string> = {
  ...base(
    "weights",
    "Spatial weights",
    "空间权重",
    "china-provinces, china-provinces-island, knn:K, band:D, idw:A[:D] (with --coords), a matrix/edge list/GAL/GWT file, economic:COLUMN (economic distance of the units' means) or nested:GEO,economic:COLUMN (M11)",
    "china-provinces、china-provinces-island、knn:K、band:D、idw:A[:D]（配合 --coords）、矩阵/边列表/GAL/GWT 文件、economic:COLUMN（按各单元该列均值的经济距离）或 nested:GEO,economic:COLUMN（地理与经济嵌套，M11）",
  ),
  values: "FILE|china-provinces|china-provinces-island|knn:K|band:D|idw:A|economic:COLUMN|nested:GEO,economic:COLUMN",
  suggestions: ["china-provinces", "china-provinces-island", "knn:6", "band:500", "idw:1"],
  default: "",
  blank: "none",
  parse(text) {
    const v = text.trim();
    if (v !== "") parseWeightsSpec(v);
    return v;
  },
};

const coordsOption: OptionSpec<string> = {
  ...base(
    "coords",
    "Coordinate columns",
    "坐标列",
    "two columns of the data: lon,lat (great-circle km) or x,y (Euclidean), for knn/band/idw",
    "数据中的两列：lon,lat（大圆距离，千米）或 x,y（欧氏距离），用于 knn/band/idw",
  ),
  values: "lon,lat|x,y",
  default: "",
  blank: "none",
  parse(text) {
    const v = text.trim();
    if (v !== "" && v.split(",").filter((s) => s.trim()).length !== 2) throw badOption("coords", v, "two column names separated by a comma, e.g. lon,lat");
    return v;
  },
};

const variableOption: OptionSpec<string> = {
  ...base("spatialVariable", "Variable", "分析变量", "D, a subsystem name (its U) or an indicator column", "D、子系统名称（其 U）或指标列"),
  values: "D|SUBSYSTEM|INDICATOR",
  default: "D",
  parse: (text) => text.trim() || "D",
};

const scatterOption: OptionSpec<ReportOptions["scatterPeriods"]> = {
  ...base("scatterPeriods", "Moran scatter plots", "莫兰散点图时期", "periods with a Moran scatter plot", "绘制莫兰散点图的时期"),
  values: "first-middle-last|all|last|y1,y2",
  default: "first-middle-last",
  parse(text) {
    const v = text.trim();
    return v === "first-middle-last" || v === "all" || v === "last" ? v : parseNumberList("scatterPeriods", v);
  },
};

export const spatialSection: ReportSection<SpatialResult> = {
  id: "spatial",
  title: { en: "Spatial autocorrelation", zh: "空间自相关" },
  progress: { en: "Spatial autocorrelation", zh: "空间自相关" },
  jsonKey: "spatial",
  cost: 3, // 999 permutations per period (global), conditional permutations per unit on request
  needs: ["coupling"],
  options: [
    weightsOption,
    coordsOption,
    enumOption<WeightsTransform>(
      {
        ...base("weightsTransform", "Weights transform", "权重变换", "row-standardised, binary (0/1) or as given (M11)", "行标准化、二值（0/1）或原值（M11）"),
        default: "row",
      },
      ["row", "binary", "none"],
    ),
    variableOption,
    enumOption(
      {
        ...base(
          "moranVariance",
          "Moran variance",
          "莫兰方差",
          "moments of I and C under randomisation (spdep default) or normality (M12)",
          "I 与 C 的矩：随机化（spdep 默认）或正态（M12）",
        ),
        default: "randomisation" as const,
      },
      ["randomisation", "normality"],
    ),
    numberOption(
      {
        ...base(
          "permutations",
          "Permutations",
          "置换次数",
          "random permutations of the global test, p = (M + 1)/(R + 1) (M12)",
          "全局检验的随机置换次数，p = (M + 1)/(R + 1)（M12）",
        ),
        default: 999,
      },
      { min: 0, max: 100000, integer: true },
    ),
    numberOption(
      { ...base("seed", "Seed", "随机种子", "seed of the permutations (same seed, same p)", "置换的随机种子（种子相同则 p 相同）"), default: 1 },
      { integer: true },
    ),
    numberOption(
      { ...base("lisaAlpha", "LISA α", "LISA 显著性水平", "significance level of the LISA clusters", "LISA 集聚的显著性水平"), default: 0.05 },
      { min: 0.0001, max: 0.5 },
    ),
    enumOption(
      {
        ...base(
          "lisaMoments",
          "LISA moments",
          "LISA 矩",
          "conditional (spdep 1.2) or total randomisation (Anselin 1995)",
          "条件矩（spdep 1.2）或完全随机化（Anselin 1995）",
        ),
        default: "conditional" as const,
      },
      ["conditional", "total"],
    ),
    enumOption(
      {
        ...base("lisaScaling", "LISA scaling", "LISA 尺度", "I_i as spdep or as PySAL ((n − 1)/n times)", "I_i 按 spdep 或 PySAL（乘以 (n − 1)/n）"),
        default: "spdep" as const,
      },
      ["spdep", "pysal"],
    ),
    numberOption(
      {
        ...base(
          "lisaPermutations",
          "LISA permutations",
          "LISA 置换次数",
          "conditional permutations per unit (0: analytic p); clusters then use the pseudo p",
          "每个单元的条件置换次数（0：解析 p）；此时集聚按伪 p 判断",
        ),
        default: 0,
      },
      { min: 0, max: 100000, integer: true },
    ),
    booleanOption({
      ...base(
        "zeroPolicy",
        "Zero policy",
        "允许孤立单元",
        "allow units without neighbours (lag 0, n adjusted, as spdep)",
        "允许无邻居的单元（滞后为 0，n 调整，同 spdep）",
      ),
      default: false,
    }),
    scatterOption,
  ],
  notApplicable: (ctx) => {
    const none = noWeights(ctx);
    if (none) return none;
    const v = ctx.options.spatialVariable.trim() || "D";
    return v === "D" ? undefinedD(ctx.results.coupling ?? [], "choose another --spatialVariable") : null;
  },
  run: spatialStage,
  sheets: (r, ctx) => [spatialSheet(r, ctx)],
  headlines: (r, ctx) => spatialHeadlines(r, ctx),
  seeds: (_r, { options: o }) => {
    const t = translator(o.language);
    return [
      ...(o.permutations > 0 ? [{ option: "seed", seed: o.seed, draws: o.permutations, what: t("repro.seed.moran") }] : []),
      ...(o.lisaPermutations > 0 ? [{ option: "seed", seed: o.seed, draws: o.lisaPermutations, what: t("repro.seed.lisa") }] : []),
    ];
  },
  toJson: (r) => ({
    weights: {
      source: r.weights.source,
      transform: r.weights.transform,
      n: r.weights.n,
      S0: r.weights.S0,
      meanNeighbours: r.weights.meanNeighbours,
      isolates: r.weights.isolates,
    },
    global: r.global.map(({ period, variable, I, E, variance, z, p, pTwoSided, pPermutation, permutations, seed, C, zC, pC }) => ({
      period,
      variable,
      I,
      E,
      variance,
      z,
      p,
      pTwoSided,
      pPermutation,
      permutations,
      seed,
      C,
      zC,
      pC,
    })),
    local: r.local.map(({ period, variable, id, Ii, E, variance, z, p, quadrant, cluster, lag, giStarZ, hotSpot }) => ({
      period,
      variable,
      id,
      Ii,
      E,
      variance,
      z,
      p,
      quadrant,
      cluster,
      lag,
      giStarZ,
      hotSpot,
    })),
  }),
};
