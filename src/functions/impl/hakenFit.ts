/**
 * COORD.HAKENFIT(q1, q2, [units], [times], [output], [order], [alpha], [requiresignificance]): the
 * Haken model (METHODS.md M10), pooled OLS without intercept over the within-unit pairs (t, t+1),
 * both assignments fitted.
 *
 * - q1, q2: the two series, one value per row (a header cell names them; default "q1", "q2").
 *   A row where both are blank is no observation (it breaks the pairs, its level is blank); one
 *   of the two blank is an error naming the cell.
 * - units: the unit (region) of each row; omitted: one series.
 * - times: the period of each row; omitted: 1..n (rows in order).
 * - output: "table" (default) — a labelled table (parameter; estimate, SE, t, p) for the
 *   assignment that passes the adiabatic test (q1 as given when neither or both pass, with a row
 *   stating the decision), R² of both equations, the test, the order parameter, the potential
 *   coefficients and the stable point; "both" — both assignments side by side; "levels" — the
 *   evolution (synergy) level of each input row ("" for rows without one), in q1's orientation.
 * - order: "auto" (default: the assignment for which the adiabatic approximation holds), "A"
 *   (q1 as given is the order parameter) or "B" (q2 is): forces the assignment shown and used
 *   for the potential and the levels.
 * - alpha: significance level of the coefficients (default 0.05); requiresignificance TRUE makes
 *   "every coefficient significant at alpha" part of the adiabatic rule (default FALSE: the
 *   decision then says "holds in sign and size, not significant at 5 %" when that is the case).
 * The table lists each condition (γ2 > 0, |γ2| > |γ1|, each coefficient significant) with its
 * value, p and whether it holds.
 */
import { CoordError } from "../../engine/errors";
import { HakenFit, HakenModelResult, HakenPotential, UnitIds, hakenModel, hakenParams, hakenPotential } from "../../engine/haken";
import { labelledTable, readBoolean, readColumnsAtOnce, readFloatVector, readNumberOption, readOption, readUnitIds, readVector } from "../excel";
import type { ExcelCell, HeaderMode } from "../excel";
import { Scratch } from "../excel/scratch";
import { Spill, dataRowLabel, isOmitted, lengthMismatch, spillLike } from "./common";

export const HAKEN_OUTPUTS = ["table", "both", "levels"] as const;
export const HAKEN_ORDERS = ["auto", "A", "B"] as const;

interface Panel {
  A: Float64Array;
  B: Float64Array;
  units: UnitIds;
  times: Float64Array;
  /** Input row (0-based, header excluded) of each observation kept; null: every row, in order. */
  rows: Int32Array | null;
  n: number;
  names: [string, string];
  orientation: "row" | "column";
  header: boolean;
}

/**
 * The columns' typed arrays, reused by the next call (see Scratch): nothing the call returns reads
 * them (the model and its lazy residuals are dropped once the table is built).
 */
const SCRATCH = new Scratch();

/**
 * The four arguments read column by column into typed arrays (the cells Excel passes are read
 * once, in place: no per-cell intermediate arrays for 10⁶ rows); rows where both series are
 * blank dropped.
 */
function readPanel(q1: unknown, q2: unknown, units: unknown, times: unknown): Panel {
  const fast = isOmitted(units) || isOmitted(times) ? null : readPanelAtOnce(q1, q2, units, times);
  if (fast !== null) return fast;
  const a = readFloatVector(q1, "q1", { into: (n) => SCRATCH.float64("q1", n) });
  const header: HeaderMode = a.offset ? "yes" : "no";
  const b = readFloatVector(q2, "q2", { header, into: (n) => SCRATCH.float64("q2", n) });
  const n = a.values.length;
  if (b.values.length !== n) throw lengthMismatch("q1", n, "q2", b.values.length);
  let u: UnitIds;
  if (isOmitted(units)) {
    u = new UnitIds(n, SCRATCH.int32("units", n));
    for (let i = 0; i < n; i++) u.set(i, 1);
  } else {
    u = readUnitIds(units, "units", { header, into: (m) => SCRATCH.int32("units", m) }).ids;
    if (u.length !== n) throw lengthMismatch("q1", n, "units", u.length);
  }
  let t: Float64Array;
  if (isOmitted(times)) {
    t = SCRATCH.float64("times", n);
    for (let i = 0; i < n; i++) t[i] = i + 1;
  } else {
    const r = readFloatVector(times, "times", { header, into: (m) => SCRATCH.float64("times", m) });
    // a blank period is an error naming the cell: readVector's message
    t = r.blanks > 0 ? Float64Array.from(readVector(times, "times", { header }).values) : r.values;
    if (t.length !== n) throw lengthMismatch("q1", n, "times", t.length);
  }
  const p: Panel = {
    A: a.values,
    B: b.values,
    units: u,
    times: t,
    rows: null,
    n,
    names: [a.label ?? "q1", b.label ?? "q2"],
    orientation: a.orientation,
    header: a.offset === 1,
  };
  if (a.blanks === 0 && b.blanks === 0) return p;
  // blanks (NaN): a row with both blank is no observation; one of the two blank is an error
  const keep = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const xBlank = Number.isNaN(a.values[i]);
    const yBlank = Number.isNaN(b.values[i]);
    if (xBlank && yBlank) continue;
    if (xBlank || yBlank) {
      const [arg, other] = xBlank ? ["q1", "q2"] : ["q2", "q1"];
      throw new CoordError("MISSING", `${dataRowLabel(arg, i, a.offset)} is empty but ${other} has a value; leave both empty for a missing observation`, {
        argument: arg,
        row: i + a.offset,
      });
    }
    keep[m++] = i;
  }
  if (m === 0) throw new CoordError("EMPTY", "q1 and q2 are empty", { argument: "q1" });
  const rows = keep.slice(0, m);
  p.A = new Float64Array(m);
  p.B = new Float64Array(m);
  p.units = new UnitIds(m);
  p.times = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = rows[k];
    p.A[k] = a.values[i];
    p.B[k] = b.values[i];
    p.units.set(k, u.keys[u.id[i]]);
    p.times[k] = t[i];
  }
  p.rows = rows;
  return p;
}

/**
 * readPanel's common case in one pass over the four columns (readColumnsAtOnce: finite numbers,
 * units taken as they are, no blanks), or null: then readPanel reads them one by one.
 */
function readPanelAtOnce(q1: unknown, q2: unknown, units: unknown, times: unknown): Panel | null {
  const float = (name: string) => (n: number) => SCRATCH.float64(name, n);
  const r = readColumnsAtOnce(
    [
      { value: q1, argument: "q1", into: float("q1") },
      { value: q2, argument: "q2", into: float("q2") },
      { value: times, argument: "times", into: float("times") },
    ],
    { value: units, argument: "units", into: (n) => SCRATCH.int32("units", n) },
    "auto",
  );
  if (r === null) return null;
  const [A, B, t] = r.values;
  const [la, lb] = r.labels;
  return { A, B, units: r.ids!, times: t, rows: null, n: A.length, names: [la ?? "q1", lb ?? "q2"], orientation: "column", header: r.offset === 1 };
}

function decisionText(m: HakenModelResult, names: [string, string], order: "auto" | "A" | "B"): string {
  const [nA, nB] = names;
  const fitA = m.fitA;
  const rule = `γ2 > 0 and ${fitA.options.ratio === 1 ? "|γ2| > |γ1|" : `|γ2| > ${fitA.options.ratio}·|γ1|`}${fitA.options.requireSignificant ? ", every coefficient significant" : ""}`;
  const level = `${Number((fitA.options.alpha * 100).toPrecision(6))} %`;
  const caveat = m.notSignificant ? `, in sign and size only: not significant at ${level}` : "";
  const forced = order === "auto" ? "" : `; shown: ${order === "A" ? nA : nB} as q1, as requested (order ${order})`;
  switch (m.decision) {
    case "A":
      return `${nA} is the order parameter${caveat}: the adiabatic approximation (${rule}) holds with ${nA} as q1, not with ${nB} as q1${forced}`;
    case "B":
      return `${nB} is the order parameter${caveat}: the adiabatic approximation (${rule}) holds with ${nB} as q1, not with ${nA} as q1${forced || `; shown: ${nB} as q1`}`;
    case "both":
      return `the adiabatic approximation (${rule}) holds for both assignments: the order parameter is not identified${forced || `; shown: ${nA} as q1, as given (order A or B chooses)`}`;
    default:
      return `the adiabatic approximation (${rule}) holds for neither assignment: there is no order parameter${forced || `; shown: ${nA} as q1, as given (order A or B chooses)`}`;
  }
}

function potentialOf(fit: HakenFit): HakenPotential | null {
  try {
    return hakenPotential(hakenParams(fit));
  } catch (e) {
    if (e instanceof CoordError && e.code === "UNDEFINED") return null;
    throw e;
  }
}

const PARAMS: Array<[keyof HakenFit["params"], string]> = [
  ["gamma1", "γ1"],
  ["a", "a"],
  ["gamma2", "γ2"],
  ["b", "b"],
];

/** The rows describing one fit: 4 value columns (estimate, SE, t, p or one value and blanks). */
function fitRows(fit: HakenFit): Array<[string, ExcelCell, ExcelCell, ExcelCell, ExcelCell]> {
  const rows: Array<[string, ExcelCell, ExcelCell, ExcelCell, ExcelCell]> = [];
  const blank = (label: string, v: ExcelCell): [string, ExcelCell, ExcelCell, ExcelCell, ExcelCell] => [label, v, "", "", ""];
  rows.push(blank("q1 (order parameter candidate)", fit.q1Name));
  rows.push(blank("q2", fit.q2Name));
  for (const [key, label] of PARAMS) {
    const p = fit.params[key];
    rows.push([label, p.estimate, p.se, p.t ?? "", p.p ?? ""]);
  }
  rows.push(blank(`R² of ${fit.q1Name}(t+1) equation`, fit.eq1.r2 ?? ""));
  rows.push(blank(`R² of ${fit.q2Name}(t+1) equation`, fit.eq2.r2 ?? ""));
  rows.push(blank("pairs (t, t+1)", fit.nPairs));
  rows.push(blank("units", fit.nUnits));
  rows.push(blank("adiabatic: γ2 > 0 and |γ2| > |γ1|", fit.adiabatic));
  rows.push(blank("|γ2| / |γ1|", fit.ratioG2G1 ?? ""));
  // M10: each condition, whether it holds (the estimate column) and its p (the p column)
  for (const c of fit.conditions) rows.push([`condition: ${c.label}${c.required ? "" : " (not required)"}`, c.holds, "", "", c.p ?? ""]);
  rows.push(blank("adiabatic approximation", fit.verdict));
  const pot = potentialOf(fit);
  if (pot === null) {
    rows.push(blank("potential", "undefined (γ2 = 0)"));
    return rows;
  }
  rows.push(blank("potential V(q1) = c2·q1² + c4·q1⁴: c2 = γ1/2", pot.c2));
  rows.push(blank("potential: c4 = ab/(4γ2)", pot.c4));
  rows.push(blank("potential shape", pot.description));
  const ref = pot.points.find((p) => p.stable && p.q1 > 0) ?? pot.points.find((p) => p.stable);
  rows.push(blank("stable point q1*", ref ? ref.q1 : "none"));
  rows.push(blank("V(q1*)", ref ? ref.V : ""));
  return rows;
}

export function hakenFitImpl(
  q1: unknown,
  q2: unknown,
  units?: unknown,
  times?: unknown,
  output?: unknown,
  order?: unknown,
  alpha?: unknown,
  requireSignificance?: unknown,
): Spill {
  const out = readOption(output, HAKEN_OUTPUTS, "output", "table");
  const ord = readOption(order, HAKEN_ORDERS, "order", "auto");
  const level = readNumberOption(alpha, "alpha", 0.05, { min: 1e-6, max: 0.5 });
  const requireSignificant = readBoolean(requireSignificance, "requiresignificance", false);
  const p = readPanel(q1, q2, units, times);
  const [nA, nB] = p.names;
  if (nA === nB) throw new CoordError("OPTION", `q1 and q2 have the same name '${nA}'; give the two series different header labels`, { argument: "q2" });
  // the table and "both" show the fits (their potentials come from the parameters): no per-row work
  const pairsBuffer = (size: number) => SCRATCH.int32("pairs", size);
  const settings = { names: p.names, order: ord, alpha: level, requireSignificant, perRow: out === "levels", pairsBuffer };
  const model = hakenModel(p.A, p.B, p.units, p.times, settings);
  const decision = decisionText(model, p.names, ord);

  if (out === "both") {
    const rowsA = fitRows(model.fitA);
    const rowsB = fitRows(model.fitB);
    const labels = new Map<string, ExcelCell[]>();
    const body: ExcelCell[][] = [["decision", decision]];
    const key = (label: string, fit: HakenFit) => label.replace(`${fit.q1Name}(t+1)`, "q1(t+1)").replace(`${fit.q2Name}(t+1)`, "q2(t+1)");
    rowsA.forEach((r) => labels.set(key(r[0], model.fitA), [key(r[0], model.fitA), r[1], r[2], r[3], r[4], "", "", "", ""]));
    rowsB.forEach((r) => {
      const k = key(r[0], model.fitB);
      const row = labels.get(k) ?? [k, "", "", "", "", "", "", "", ""];
      row[5] = r[1];
      row[6] = r[2];
      row[7] = r[3];
      row[8] = r[4];
      labels.set(k, row);
    });
    body.push(...labels.values());
    return labelledTable(["parameter", `${nA} as q1: estimate`, "SE", "t", "p", `${nB} as q1: estimate`, "SE", "t", "p"], body);
  }

  const used = ord !== "auto" ? ord : model.decision === "B" ? "B" : "A";
  if (out === "levels") {
    const m = model.used === used ? model : hakenModel(p.A, p.B, p.units, p.times, { ...settings, order: used });
    if (!m.evolution) throw new CoordError("UNDEFINED", `no evolution level: ${m.note}`, { argument: "q1" });
    const levels: ExcelCell[] = new Array(p.n).fill("");
    const level = m.evolution.level;
    for (let k = 0; k < level.length; k++) levels[p.rows === null ? k : p.rows[k]] = level[k];
    return spillLike(levels, p.orientation, p.header ? "level" : undefined);
  }
  const fit = used === "A" ? model.fitA : model.fitB;
  return labelledTable(["parameter", "estimate", "SE", "t", "p"], [["decision", decision], ...fitRows(fit)]);
}
