/**
 * COORD.GEOQ(y, x, [x2], [method], [k], [labels], [kind], [test]) and COORD.GEODETECTOR(y,
 * factors, [detector], [method], [k], [kind], [test], [methods]): the geographical detector
 * (METHODS.md M8) with the discretization of M9.
 *
 * Strata of a factor by `method`:
 * - "auto" (default): the M8 kind rule (factorKind): categorical when declared so (kind) or
 *   text; a numeric factor is categorical only when its values are whole numbers with at most
 *   10 levels and fewer than n/2 levels; otherwise natural breaks into k classes (k default 6).
 *   A few text cells in a numeric factor ('n/a') are an error naming them, never a switch of kind;
 * - "none": every distinct value is a stratum (as kind "categorical");
 * - "equal", "quantile", "natural", "geometric", "sd": k classes of a numeric factor;
 * - "optimal": the grid winner (largest q of y over the methods × k; k may be a range "3:7",
 *   GEODETECTOR's methods a list such as "equal,natural"; default all five, k = 3..8).
 * `kind` ("auto", "numeric", "categorical"; one for all factors or one per factor) declares the
 * kind and wins over the rule; it cannot contradict an explicit method.
 * `test`: "noncentral" (default: the non-central F p of R geodetector and the GeoDetector
 * software), "central" (the central F p of H0: q = 0, the one-way ANOVA test), or "both".
 *
 * GEOQ returns q and p of x (1 × 2), or with x2 the interaction q12, its p and type (1 × 3);
 * labels TRUE adds a header row. GEODETECTOR takes several factor columns (a header row names
 * them; default X1, X2, ...) and returns the table of one detector: "factor" (factor, q, p),
 * "interaction" (every pair: q1, q2, q12, p, type), "risk" (every pair of strata of every factor:
 * means, Welch t, df, p, significant), "ecological" (every ordered pair: F, p, Y/N) or "optimal"
 * (the q of every method × k, one block of rows per factor). A stratification with one unit per
 * stratum gives q = 1 with p blank: the note column (factor detector) says "each stratum holds
 * one unit".
 */
import { CoordError } from "../../engine/errors";
import { DISCRETIZE_METHODS, DiscretizeMethod, autoStrata, discretize } from "../../engine/geodetector/discretize";
import type { FactorKind } from "../../engine/geodetector/factorKind";
import { DEFAULT_K } from "../../engine/geodetector/constants";
import { optimalDiscretization } from "../../engine/geodetector/optimal";
import { ecologicalDetector, factorDetector, interactionDetector, riskDetector } from "../../engine/geodetector";
import { encodeStrata } from "../../engine/geodetector/strata";
import { labelledTable, readBoolean, readMatrix, readOption, readTextVector, readVector, toExcelMatrix } from "../excel";
import type { ExcelCell, HeaderMode } from "../excel";
import { Spill, dataRowLabel, isOmitted, lengthMismatch } from "./common";
import { TestChoice, readK, readKRange, readKinds, readMethods, readTest } from "./geoArgs";

export const STRATA_METHODS = ["auto", "none", ...DISCRETIZE_METHODS, "optimal"] as const;
export type StrataMethod = (typeof STRATA_METHODS)[number];
export const DETECTORS = ["factor", "interaction", "risk", "ecological", "optimal"] as const;

/** How each factor becomes strata: the method, the fixed k or the optimal grid, the declared kind. */
interface StrataSpec {
  method: StrataMethod;
  k: number;
  ks: number[];
  methods: DiscretizeMethod[];
}

/** The strata of one factor as values the detectors encode: categories as given, or class numbers 1..k. */
function strataValues(
  y: number[],
  x: Array<number | string>,
  spec: StrataSpec,
  kind: FactorKind | null,
  name: string,
  rowOffset: number,
): Array<number | string> {
  const { method } = spec;
  if (kind === "categorical" && method !== "auto" && method !== "none")
    throw new CoordError(
      "OPTION",
      `${name}: kind "categorical" contradicts method "${method}" (which discretizes a numeric factor); use method "auto" or "none"`,
      {
        argument: "kind",
      },
    );
  if (kind === "numeric" && method === "none")
    throw new CoordError("OPTION", `${name}: kind "numeric" contradicts method "none" (every value a stratum); use method "auto" or a discretization`, {
      argument: "kind",
    });
  if (method === "none") {
    encodeStrata(x, name); // validates
    return x;
  }
  if (method === "auto") {
    const s = autoStrata(x, { k: spec.k, argument: name, declared: kind, rowLabel: (i) => dataRowLabel(name, i, rowOffset) });
    return s.kind === "categorical" ? x : Array.from(s.codes, (c) => c + 1);
  }
  const v = numericFactor(x, method, name, rowOffset);
  if (method === "optimal") return Array.from(optimalDiscretization(y, v, { argument: name, ks: spec.ks, methods: spec.methods }).best.codes, (c) => c + 1);
  return Array.from(discretize(v, { method: method as DiscretizeMethod, k: spec.k, argument: name }).codes, (c) => c + 1);
}

function numericFactor(x: Array<number | string>, method: string, name: string, rowOffset: number): number[] {
  return x.map((v, i) => {
    if (typeof v === "number") return v;
    throw new CoordError(
      "NOT_NUMERIC",
      `${dataRowLabel(name, i, rowOffset)}: text '${v}' is not a number; method "${method}" needs a numeric factor (use "none" or "auto" for categories)`,
      { argument: name, row: i + rowOffset },
    );
  });
}

/** method, k (a k range for "optimal") and the optimal grid's methods. */
function readStrataSpec(method: unknown, k: unknown, methods?: unknown): StrataSpec {
  const m = readOption(method, STRATA_METHODS, "method", "auto");
  const optimal = m === "optimal";
  return {
    method: m,
    k: optimal ? DEFAULT_K : readK(k),
    ks: optimal ? readKRange(k) : [],
    methods: readMethods(methods),
  };
}

function pCell(p: number | null): ExcelCell {
  return p === null ? "" : p;
}

/** The p column(s) of a test result by the test argument. */
function pCells(r: { pValue: number | null; pCentral: number | null }, test: TestChoice): ExcelCell[] {
  if (test === "central") return [pCell(r.pCentral)];
  if (test === "both") return [pCell(r.pValue), pCell(r.pCentral)];
  return [pCell(r.pValue)];
}

function pHeaders(test: TestChoice, p = "p"): string[] {
  if (test === "central") return [`${p} (central F)`];
  if (test === "both") return [p, `${p} (central F)`];
  return [p];
}

export function geoqImpl(y: unknown, x: unknown, x2?: unknown, method?: unknown, k?: unknown, labels?: unknown, kind?: unknown, test?: unknown): Spill {
  const yv = readVector(y, "y");
  const header: HeaderMode = yv.offset ? "yes" : "no";
  const spec = readStrataSpec(method, k);
  const withLabels = readBoolean(labels, "labels", false);
  const t = readTest(test);
  const n = yv.values.length;
  const xv = readTextVector(x, "x", { header });
  if (xv.values.length !== n) throw lengthMismatch("y", n, "x", xv.values.length);
  const kinds = readKinds(kind, isOmitted(x2) ? 1 : 2);
  const s1 = strataValues(yv.values, xv.values, spec, kinds[0], "x", yv.offset);
  if (isOmitted(x2)) {
    const r = factorDetector(yv.values, s1, { xName: "x" });
    const row = [r.q, ...pCells(r, t)];
    return toExcelMatrix(withLabels ? [["q", ...pHeaders(t)], row] : [row]);
  }
  const x2v = readTextVector(x2, "x2", { header });
  if (x2v.values.length !== n) throw lengthMismatch("y", n, "x2", x2v.values.length);
  const s2 = strataValues(yv.values, x2v.values, spec, kinds[1], "x2", yv.offset);
  const pair = interactionDetector(yv.values, [
    { name: "x", values: s1 },
    { name: "x2", values: s2 },
  ]).pairs[0];
  const row = [pair.q12, ...pCells(pair, t), pair.type];
  return toExcelMatrix(withLabels ? [["q12", ...pHeaders(t), "type"], row] : [row]);
}

export function geodetectorImpl(
  y: unknown,
  factors: unknown,
  detector?: unknown,
  method?: unknown,
  k?: unknown,
  kind?: unknown,
  test?: unknown,
  methods?: unknown,
): Spill {
  const yv = readVector(y, "y");
  const det = readOption(detector, DETECTORS, "detector", "factor");
  // the "optimal" detector: k is the grid's k range whatever the method
  const spec = readStrataSpec(det === "optimal" ? "optimal" : method, k, methods);
  const t = readTest(test);
  const f = readMatrix(factors, "factors", { allowText: true, header: yv.offset ? "yes" : "no" });
  const n = yv.values.length;
  if (f.values.length !== n)
    throw new CoordError("LENGTH", `factors has ${f.values.length} rows but y has ${n}; give one row per value of y`, { argument: "factors" });
  const names = f.labels ?? f.values[0].map((_, j) => `X${j + 1}`);
  const columns = names.map((_, j) => f.values.map((r) => r[j]));

  const kinds = readKinds(kind, names.length);
  if (det === "optimal") {
    const ks = spec.ks;
    const rows: ExcelCell[][] = [];
    names.forEach((name, j) => {
      if (kinds[j] === "categorical")
        throw new CoordError("OPTION", `${name}: kind "categorical" contradicts detector "optimal" (which discretizes numeric factors)`, { argument: "kind" });
      const v = numericFactor(columns[j], "optimal", name, f.rowOffset);
      const o = optimalDiscretization(yv.values, v, { argument: name, ks, methods: spec.methods });
      for (const method of o.methods) {
        const cells = ks.map((kx) => o.grid.find((c) => c.method === method && c.k === kx)?.q ?? "");
        rows.push([name, method, ...cells]);
      }
      rows.push([name, `best: ${o.best.method}, k = ${o.best.k}`, ...ks.map((kx) => (kx === o.best.k ? o.best.q : ""))]);
    });
    return labelledTable(["factor", "method", ...ks.map((kx) => `k = ${kx}`)], rows);
  }

  const strata = names.map((name, j) => strataValues(yv.values, columns[j], spec, kinds[j], name, f.rowOffset));
  const named = names.map((name, j) => ({ name, values: strata[j] }));
  switch (det) {
    case "factor": {
      const results = names.map((name, j) => factorDetector(yv.values, strata[j], { xName: name }));
      // a note column only when a factor has one (one unit per stratum, q = 1)
      const noted = results.some((r) => r.reason !== undefined);
      return labelledTable(
        ["factor", "q", ...pHeaders(t), ...(noted ? ["note"] : [])],
        results.map((r, j) => [names[j], r.q, ...pCells(r, t), ...(noted ? [r.reason ?? ""] : [])]),
      );
    }
    case "interaction": {
      if (names.length < 2) throw new CoordError("TOO_FEW", "the interaction detector needs at least 2 factor columns", { argument: "factors" });
      const r = interactionDetector(yv.values, named);
      return labelledTable(
        ["factor 1", "factor 2", "q1", "q2", "q12", ...pHeaders(t), "type"],
        r.pairs.map((p) => [p.a, p.b, p.q1, p.q2, p.q12, ...pCells(p, t), p.type]),
      );
    }
    case "risk": {
      const rows: ExcelCell[][] = [];
      names.forEach((name, j) => {
        const r = riskDetector(yv.values, strata[j], { xName: name });
        const mean = new Map(r.strata.map((s) => [s.code, s.mean]));
        for (const p of r.pairs)
          rows.push([
            name,
            p.levelA,
            p.levelB,
            mean.get(p.a) ?? "",
            mean.get(p.b) ?? "",
            p.t ?? "",
            p.df ?? "",
            pCell(p.pValue),
            p.significant === null ? `no test: ${p.reason ?? "undefined"}` : p.significant ? "Y" : "N",
          ]);
      });
      return labelledTable(["factor", "stratum 1", "stratum 2", "mean 1", "mean 2", "t", "df", "p", "significant"], rows);
    }
    default: {
      if (names.length < 2) throw new CoordError("TOO_FEW", "the ecological detector needs at least 2 factor columns", { argument: "factors" });
      const r = ecologicalDetector(yv.values, named);
      return labelledTable(
        ["factor 1", "factor 2", "F", "p", "significant"],
        r.pairs.map((p) => [p.a, p.b, p.F ?? "", pCell(p.pValue), p.significant === null ? `no test: ${p.reason ?? "undefined"}` : p.significant ? "Y" : "N"]),
      );
    }
  }
}
