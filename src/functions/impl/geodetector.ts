/**
 * COORD.GEOQ(y, x, [x2], [method], [k], [labels]) and COORD.GEODETECTOR(y, factors, [detector],
 * [method], [k]): the geographical detector (METHODS.md M8) with the discretization of M9.
 *
 * Strata of a factor by `method`:
 * - "auto" (default): categorical when the factor holds text or at most 10 distinct values,
 *   otherwise natural breaks into k classes (k default 6);
 * - "none": every distinct value is a stratum;
 * - "equal", "quantile", "natural", "geometric", "sd": k classes of a numeric factor;
 * - "optimal": the grid winner (largest q of y over the five methods × k = 3..8).
 *
 * GEOQ returns q and p of x (1 × 2), or with x2 the interaction q12, its p and type (1 × 3);
 * labels TRUE adds a header row. GEODETECTOR takes several factor columns (a header row names
 * them; default X1, X2, ...) and returns the table of one detector: "factor" (factor, q, p),
 * "interaction" (every pair: q1, q2, q12, p, type), "risk" (every pair of strata of every factor:
 * means, Welch t, df, p, significant), "ecological" (every ordered pair: F, p, Y/N) or "optimal"
 * (the q of every method × k, one block of rows per factor).
 */
import { CoordError } from "../../engine/errors";
import { DISCRETIZE_METHODS, DiscretizeMethod, autoStrata, discretize } from "../../engine/geodetector/discretize";
import { optimalDiscretization } from "../../engine/geodetector/optimal";
import { ecologicalDetector, factorDetector, interactionDetector, riskDetector } from "../../engine/geodetector";
import { encodeStrata } from "../../engine/geodetector/strata";
import { labelledTable, readBoolean, readMatrix, readNumberOption, readOption, readTextVector, readVector, toExcelMatrix } from "../excel";
import type { ExcelCell, HeaderMode } from "../excel";
import { Spill, dataRowLabel, isOmitted, lengthMismatch } from "./common";

export const STRATA_METHODS = ["auto", "none", ...DISCRETIZE_METHODS, "optimal"] as const;
export type StrataMethod = (typeof STRATA_METHODS)[number];
export const DETECTORS = ["factor", "interaction", "risk", "ecological", "optimal"] as const;

/** The strata of one factor as values the detectors encode: categories as given, or class numbers 1..k. */
function strataValues(
  y: number[],
  x: Array<number | string>,
  method: StrataMethod,
  k: number,
  name: string,
  rowOffset: number,
): Array<number | string> {
  if (method === "none") {
    encodeStrata(x, name); // validates
    return x;
  }
  if (method === "auto") {
    const s = autoStrata(x, { k, argument: name });
    return s.kind === "categorical" ? x : Array.from(s.codes, (c) => c + 1);
  }
  const v = numericFactor(x, method, name, rowOffset);
  if (method === "optimal") return Array.from(optimalDiscretization(y, v, { argument: name }).best.codes, (c) => c + 1);
  return Array.from(discretize(v, { method: method as DiscretizeMethod, k, argument: name }).codes, (c) => c + 1);
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

function readStrataOptions(method: unknown, k: unknown): { m: StrataMethod; kk: number } {
  const m = readOption(method, STRATA_METHODS, "method", "auto");
  const kk = readNumberOption(k, "k", 6, { integer: true, min: 2 });
  return { m, kk };
}

function pCell(p: number | null): ExcelCell {
  return p === null ? "" : p;
}

export function geoqImpl(y: unknown, x: unknown, x2?: unknown, method?: unknown, k?: unknown, labels?: unknown): Spill {
  const yv = readVector(y, "y");
  const header: HeaderMode = yv.offset ? "yes" : "no";
  const { m, kk } = readStrataOptions(method, k);
  const withLabels = readBoolean(labels, "labels", false);
  const n = yv.values.length;
  const xv = readTextVector(x, "x", { header });
  if (xv.values.length !== n) throw lengthMismatch("y", n, "x", xv.values.length);
  const s1 = strataValues(yv.values, xv.values, m, kk, "x", yv.offset);
  if (isOmitted(x2)) {
    const r = factorDetector(yv.values, s1, { xName: "x" });
    return toExcelMatrix(withLabels ? [["q", "p"], [r.q, pCell(r.pValue)]] : [[r.q, pCell(r.pValue)]]);
  }
  const x2v = readTextVector(x2, "x2", { header });
  if (x2v.values.length !== n) throw lengthMismatch("y", n, "x2", x2v.values.length);
  const s2 = strataValues(yv.values, x2v.values, m, kk, "x2", yv.offset);
  const pair = interactionDetector(yv.values, [
    { name: "x", values: s1 },
    { name: "x2", values: s2 },
  ]).pairs[0];
  const row = [pair.q12, pCell(pair.pValue), pair.type];
  return toExcelMatrix(withLabels ? [["q12", "p", "type"], row] : [row]);
}

export function geodetectorImpl(y: unknown, factors: unknown, detector?: unknown, method?: unknown, k?: unknown): Spill {
  const yv = readVector(y, "y");
  const det = readOption(detector, DETECTORS, "detector", "factor");
  const { m, kk } = readStrataOptions(method, k);
  const f = readMatrix(factors, "factors", { allowText: true, header: yv.offset ? "yes" : "no" });
  const n = yv.values.length;
  if (f.values.length !== n)
    throw new CoordError("LENGTH", `factors has ${f.values.length} rows but y has ${n}; give one row per value of y`, { argument: "factors" });
  const names = f.labels ?? f.values[0].map((_, j) => `X${j + 1}`);
  const columns = names.map((_, j) => f.values.map((r) => r[j]));

  if (det === "optimal") {
    const ks = [3, 4, 5, 6, 7, 8];
    const rows: ExcelCell[][] = [];
    names.forEach((name, j) => {
      const v = numericFactor(columns[j], "optimal", name, f.rowOffset);
      const o = optimalDiscretization(yv.values, v, { argument: name, ks });
      for (const method of o.methods) {
        const cells = ks.map((kx) => o.grid.find((c) => c.method === method && c.k === kx)?.q ?? "");
        rows.push([name, method, ...cells]);
      }
      rows.push([name, `best: ${o.best.method}, k = ${o.best.k}`, ...ks.map((kx) => (kx === o.best.k ? o.best.q : ""))]);
    });
    return labelledTable(["factor", "method", ...ks.map((kx) => `k = ${kx}`)], rows);
  }

  const strata = names.map((name, j) => strataValues(yv.values, columns[j], m, kk, name, f.rowOffset));
  const named = names.map((name, j) => ({ name, values: strata[j] }));
  switch (det) {
    case "factor":
      return labelledTable(
        ["factor", "q", "p"],
        names.map((name, j) => {
          const r = factorDetector(yv.values, strata[j], { xName: name });
          return [name, r.q, pCell(r.pValue)];
        }),
      );
    case "interaction": {
      if (names.length < 2) throw new CoordError("TOO_FEW", "the interaction detector needs at least 2 factor columns", { argument: "factors" });
      const r = interactionDetector(yv.values, named);
      return labelledTable(
        ["factor 1", "factor 2", "q1", "q2", "q12", "p", "type"],
        r.pairs.map((p) => [p.a, p.b, p.q1, p.q2, p.q12, pCell(p.pValue), p.type]),
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
        r.pairs.map((p) => [
          p.a,
          p.b,
          p.F === null || !Number.isFinite(p.F) ? "" : p.F,
          pCell(p.pValue),
          p.significant === null ? `no test: ${p.reason ?? "undefined"}` : p.significant ? "Y" : "N",
        ]),
      );
    }
  }
}
