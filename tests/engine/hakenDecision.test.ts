/**
 * An honest Haken decision (METHODS.md M10, issue 12): every condition with its value and p;
 * "holds in sign and size, not significant at 5 %" when the coefficients are not significant;
 * requireSignificant makes significance part of the rule; order auto|A|B forces the assignment;
 * the messages suggest only options that exist. On a 10 x 5 panel where nothing is significant
 * (simulated with a seeded generator: a random walk for A, B pulled towards A²).
 */
import { hakenModel } from "../../src/engine/haken/model";
import { hakenFitImpl } from "../../src/functions/impl/hakenFit";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** 10 units x 2016..2020. */
function smallPanel(): { A: number[]; B: number[]; units: number[]; years: number[] } {
  const r = lcg(563);
  const A: number[] = [];
  const B: number[] = [];
  const units: number[] = [];
  const years: number[] = [];
  for (let i = 0; i < 10; i++) {
    let a = 0.3 + 0.4 * r();
    let b = 0.3 + 0.4 * r();
    for (let y = 0; y < 5; y++) {
      A.push(Number(a.toFixed(4)));
      B.push(Number(b.toFixed(4)));
      units.push(i + 1);
      years.push(2016 + y);
      a = a + 0.05 * (r() - 0.5);
      b = 0.9 * b + 0.1 * a * a + 0.05 * (r() - 0.5);
    }
  }
  return { A, B, units, years };
}

describe("Haken decision on a 10 x 5 panel where no coefficient is significant", () => {
  const { A, B, units, years } = smallPanel();
  const m = hakenModel(A, B, units, years, { names: ["NQPF", "NTU"] });

  it("each condition with its value and p; nothing significant at 5 %", () => {
    const f = m.fitA;
    expect(f.nPairs).toBe(40);
    const byKey = Object.fromEntries(f.conditions.map((c) => [c.key, c]));
    expect(byKey.gamma2Positive).toMatchObject({ label: "γ2 > 0", value: f.params.gamma2.estimate, p: f.params.gamma2.p, holds: true, required: true });
    expect(byKey.size).toMatchObject({ label: "|γ2| > |γ1|", value: f.ratioG2G1, p: null, holds: true, required: true });
    for (const k of ["gamma1", "a", "gamma2", "b"] as const) {
      const c = byKey[`${k}Significant`];
      expect(c.p).toBe(f.params[k].p);
      expect(c.p!).toBeGreaterThan(0.05);
      expect(c).toMatchObject({ holds: false, required: false });
    }
    expect(f.signAndSize).toBe(true);
    expect(f.adiabatic).toBe(true);
    expect(f.verdict).toBe("holds in sign and size, not significant");
  });

  it("the decision says so, and names the p-values", () => {
    expect(m.decision).toBe("A");
    expect(m.notSignificant).toBe(true);
    expect(m.note).toMatch(
      /^The adiabatic approximation holds in sign and size with NQPF as q1, not significant at 5 % \(γ1 p = 0\.\d+, a p = 0\.\d+, γ2 p = 0\.\d+, b p = 0\.\d+\): NQPF is the order parameter in sign and size only\./,
    );
  });

  it("requireSignificant: significance is part of the rule, so no order parameter; the advice names the order option", () => {
    const s = hakenModel(A, B, units, years, { names: ["NQPF", "NTU"], requireSignificant: true });
    expect(s.fitA.adiabatic).toBe(false);
    expect(s.fitA.verdict).toBe("fails");
    expect(s.fitA.conditions.every((c) => c.required)).toBe(true);
    expect(s.decision).toBe("neither");
    expect(s.used).toBeNull();
    expect(s.note).toMatch(/set order to A or B to force an assignment/);
    expect(s.note).not.toMatch(/assignment "A"/);
  });

  it("order B forces the assignment for the potential and the levels", () => {
    const b = hakenModel(A, B, units, years, { names: ["NQPF", "NTU"], order: "B" });
    expect(b.decision).toBe("A");
    expect(b.used).toBe("B");
    expect(b.note).toMatch(/Potential and evolution use NTU as q1, as requested \(order B\)/);
  });

  it("alpha 0.5: a coefficient now significant changes the p list", () => {
    const loose = hakenModel(A, B, units, years, { names: ["NQPF", "NTU"], alpha: 0.5 });
    const sig = loose.fitA.conditions.filter((c) => c.key.endsWith("Significant") && c.holds).length;
    expect(sig).toBeGreaterThan(0);
    expect(loose.note).toMatch(/not significant at 50 %/);
  });

  it("HAKENFIT: conditions in the table, the caveat in the decision, order and requiresignificance arguments", () => {
    const col = (v: unknown[], label: string) => [[label], ...v.map((x) => [x])];
    const t = hakenFitImpl(col(A, "NQPF"), col(B, "NTU"), col(units, "unit"), col(years, "year"));
    const row = (label: string) => t.find((r) => r[0] === label)!;
    expect(row("decision")[1]).toMatch(/^NQPF is the order parameter, in sign and size only: not significant at 5 %/);
    expect(row("condition: γ2 > 0")[1]).toBe(true);
    expect(row("condition: γ1 significant at 5 % (not required)")[1]).toBe(false);
    expect(row("condition: γ1 significant at 5 % (not required)")[4]).toBe(m.fitA.params.gamma1.p);
    expect(row("adiabatic approximation")[1]).toBe("holds in sign and size, not significant");
    expect(row("pairs (t, t+1)")[1]).toBe(40);
    const forced = hakenFitImpl(col(A, "NQPF"), col(B, "NTU"), col(units, "unit"), col(years, "year"), "table", "B");
    expect(forced.find((r) => r[0] === "q1 (order parameter candidate)")![1]).toBe("NTU");
    expect(forced.find((r) => r[0] === "decision")![1]).toMatch(/shown: NTU as q1, as requested \(order B\)$/);
    const strict = hakenFitImpl(col(A, "NQPF"), col(B, "NTU"), col(units, "unit"), col(years, "year"), "table", "auto", 0.05, true);
    expect(strict.find((r) => r[0] === "decision")![1]).toMatch(
      /holds for neither assignment: there is no order parameter; shown: NQPF as q1, as given \(order A or B chooses\)$/,
    );
    expect(() => hakenFitImpl(col(A, "NQPF"), col(B, "NTU"), col(units, "unit"), col(years, "year"), "table", "C")).toThrow(
      /order must be one of auto, A, B; got 'C'/,
    );
  });
});
