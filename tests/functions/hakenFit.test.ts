/**
 * COORD.HAKENFIT against tests/fixtures/indices/haken.json (panel b: U_NQPF, U_NTU, 31 provinces
 * x 2014–2023; pooled OLS without intercept): parameters, SE, t, p, R², the adiabatic decision,
 * stable point, both assignments side by side, evolution levels; impl and wrapper.
 */
import { hakenFitImpl } from "../../src/functions/impl/hakenFit";
import { hakenfit } from "../../src/functions/functions";
import { excelColumn, expectClose, expectErrorValue, expectExcelSafe, expectRel, expectThrows, loadFixture, numbersInColumn } from "./support";

const ref = loadFixture("haken.json");
const panel = loadFixture("inputs_panel_b.json");
const A: number[] = ref.U_NQPF;
const B: number[] = ref.U_NTU;
const ABS = 1e-9;
const REL = 1e-6;

const q1 = excelColumn(
  A.map((v, i) => (i % 6 === 0 ? String(v) : v)),
  "NQPF",
);
const q2 = excelColumn(B, "NTU");
const units = excelColumn(panel.units, "province");
const years = excelColumn(
  panel.years.map((y: number, i: number) => (i % 5 === 0 ? String(y) : y)),
  "year",
);

/** The row of a labelled table whose first cell is `label`. */
function row(table: unknown[][], label: string): unknown[] {
  const r = table.find((x) => x[0] === label);
  if (!r) throw new Error(`no row '${label}' in ${JSON.stringify(table.map((x) => x[0]))}`);
  return r;
}

const PARAMS: Array<[string, string, string]> = [
  ["γ1", "gamma1", "g1"],
  ["a", "a", "a"],
  ["γ2", "gamma2", "g2"],
  ["b", "b", "b"],
];

function checkFit(table: unknown[][], col: number, expected: any, label: string): void {
  for (const [name, key, seKey] of PARAMS) {
    const r = row(table, name);
    expectClose([r[col] as number], [expected.params[key]], ABS, `${label} ${name}`);
    expectRel(r[col + 1] as number, expected.se[seKey], REL, `${label} SE ${name}`);
    expectRel(r[col + 2] as number, expected.t_param[key], REL, `${label} t ${name}`);
    expectRel(r[col + 3] as number, expected.p_param[key], REL, `${label} p ${name}`);
  }
  expect(row(table, "adiabatic: γ2 > 0 and |γ2| > |γ1|")[col]).toBe(expected.adiabatic);
  expectRel(row(table, "|γ2| / |γ1|")[col] as number, expected.ratio_g2_g1, 1e-9, `${label} ratio`);
  expect(row(table, "pairs (t, t+1)")[col]).toBe(expected.n_pairs);
}

describe("HAKENFIT: reference values (haken.json, pooled, no intercept)", () => {
  const expected = ref.pooled_noconst;
  it("table: NQPF is the order parameter; estimates, SE, t, p, R², stable point", () => {
    const t = hakenFitImpl(q1, q2, units, years);
    expectExcelSafe(t);
    expect(t[0]).toEqual(["parameter", "estimate", "SE", "t", "p"]);
    expect(row(t, "decision")[1]).toMatch(/^NQPF is the order parameter: the adiabatic approximation/);
    expect(row(t, "q1 (order parameter candidate)")[1]).toBe("NQPF");
    checkFit(t, 1, expected.fit_NQPF_as_q1, "NQPF as q1");
    expectClose([row(t, "R² of NQPF(t+1) equation")[1] as number], [expected.fit_NQPF_as_q1.eq1.r2_reported], ABS, "R² eq1");
    expectClose([row(t, "R² of NTU(t+1) equation")[1] as number], [expected.fit_NQPF_as_q1.eq2.r2_reported], ABS, "R² eq2");
    expect(row(t, "units")[1]).toBe(31);
    const stable = ref.stable_points.points.find((p: any) => p.stable && p.q1 > 0);
    expectClose([row(t, "stable point q1*")[1] as number, row(t, "V(q1*)")[1] as number], [stable.q1, stable.V], ABS, "stable point");
    expect(row(t, "potential shape")[1]).toBe(ref.stable_points.kind);
    expect(hakenfit(q1, q2, units, years)).toEqual(t);
  });

  it("the columns swapped: the decision names NQPF and shows NQPF as q1 all the same", () => {
    const t = hakenFitImpl(q2, q1, units, years, "table");
    expect(row(t, "decision")[1]).toMatch(/^NQPF is the order parameter: .* holds with NQPF as q1, not with NTU as q1; shown: NQPF as q1$/);
    checkFit(t, 1, expected.fit_NQPF_as_q1, "swapped");
  });

  it("both: the two assignments side by side", () => {
    const t = hakenfit(q1, q2, units, years, "both") as unknown[][];
    expectExcelSafe(t);
    expect(t[0]).toEqual(["parameter", "NQPF as q1: estimate", "SE", "t", "p", "NTU as q1: estimate", "SE", "t", "p"]);
    checkFit(t, 1, expected.fit_NQPF_as_q1, "A");
    checkFit(t, 5, expected.fit_NTU_as_q1, "B");
    expectClose([row(t, "R² of q1(t+1) equation")[5] as number], [expected.fit_NTU_as_q1.eq1.r2_reported], ABS, "R² B eq1");
  });

  it("levels: the default evolution level of every row, under a label", () => {
    const l = hakenFitImpl(q1, q2, units, years, "levels");
    expect(l[0]).toEqual(["level"]);
    expectClose(numbersInColumn(l, 0, 1), ref.evolution_levels["distance_qV|1-d/dmax"], ABS, "levels");
  });

  it("rows in another order give the same fit", () => {
    const order = A.map((_, i) => i).reverse();
    const pick = (v: unknown[]) => order.map((i) => v[i]);
    const t = hakenFitImpl(
      excelColumn(pick(A), "NQPF"),
      excelColumn(pick(B), "NTU"),
      excelColumn(pick(panel.units), "unit"),
      excelColumn(pick(panel.years), "year"),
    );
    checkFit(t, 1, expected.fit_NQPF_as_q1, "reversed");
  });
});

describe("HAKENFIT: one series, missing observations", () => {
  const s1 = [0.2, 0.25, 0.31, 0.36, 0.44, 0.5, 0.57, 0.63, 0.7];
  const s2 = [0.1, 0.12, 0.16, 0.19, 0.25, 0.3, 0.36, 0.41, 0.49];
  it("units and times omitted: one series in row order", () => {
    const t = hakenFitImpl(excelColumn(s1), excelColumn(s2));
    expect(row(t, "pairs (t, t+1)")[1]).toBe(8);
    expect(row(t, "units")[1]).toBe(1);
    expect(row(t, "q1 (order parameter candidate)")[1]).toMatch(/^q[12]$/);
  });
  it("a row with both blank is no observation: it breaks the pairs and its level is blank", () => {
    const a = [...s1.slice(0, 4), null, ...s1.slice(5)];
    const b = [...s2.slice(0, 4), "", ...s2.slice(5)];
    const t = hakenFitImpl(excelColumn(a), excelColumn(b));
    expect(row(t, "pairs (t, t+1)")[1]).toBe(6);
    const l = hakenfit(excelColumn(a), excelColumn(b), null as never, null as never, "levels") as unknown[][];
    expect(l).toHaveLength(9);
    expect(l[4][0]).toBe("");
    l.forEach((r, i) => i !== 4 && expect(typeof r[0]).toBe("number"));
  });
});

describe("HAKENFIT: bad input", () => {
  it("fewer than 3 pairs", () => {
    const msg = "only 2 within-unit consecutive pairs (t, t+1); the Haken model needs at least 3";
    expectThrows(() => hakenFitImpl([[0.1], [0.2], [0.3]], [[0.3], [0.2], [0.4]]), "TOO_FEW", msg);
    expectErrorValue(hakenfit([[0.1], [0.2], [0.3]], [[0.3], [0.2], [0.4]]), "#VALUE!", msg);
  });
  it("one of q1, q2 blank in a row", () => {
    expectErrorValue(
      hakenfit(excelColumn(["A", 0.1, null, 0.3]), excelColumn(["B", 0.2, 0.3, 0.4])),
      "#VALUE!",
      "q1 row 3 is empty but q2 has a value; leave both empty for a missing observation",
    );
  });
  it("lengths that differ", () => {
    expectErrorValue(
      hakenfit(excelColumn([0.1, 0.2, 0.3, 0.4]), excelColumn([0.1, 0.2, 0.3, 0.4]), excelColumn(["a", "a", "a"])),
      "#VALUE!",
      "units has 3 values but q1 has 4; give one per row of q1",
    );
  });
  it("unknown output", () => {
    expectErrorValue(hakenfit(q1, q2, units, years, "summary"), "#VALUE!", "output must be one of table, both, levels; got 'summary'");
  });
  it("values near the floating-point limits: a clear singular-design message, never a NaN (found by fast-check)", () => {
    const a = excelColumn([0, 0, 1.5717277847026288e-162, 0, 0, 0, 4.41507752145696e-307, 0]);
    const b = excelColumn([0, 0, 1.5717277847026288e-162, 0, 0, 0, 5.595209183079153e-18, 0]);
    expectErrorValue(
      hakenfit(a, b),
      "#VALUE!",
      "eq1: the regression design is numerically singular (values too small or too large to estimate; rescale the data)",
    );
  });
  it("text in q2 names the cell", () => {
    expectErrorValue(hakenfit(excelColumn(["A", 0.1, 0.2]), excelColumn(["B", 0.2, "x"])), "#VALUE!", "q2 row 3: text 'x' is not a number");
  });
  it("a constant series (singular design)", () => {
    expectErrorValue(
      hakenfit(excelColumn([0.5, 0.5, 0.5, 0.5, 0.5]), excelColumn([0.1, 0.2, 0.3, 0.35, 0.4])),
      "#VALUE!",
      /is constant .* the Haken regression design is singular/,
    );
  });
});
