/**
 * The report's Haken section on a 10 x 5 panel (issue 12): each condition with its value and p
 * in the Haken sheet, the caveat "holds in sign and size, not significant at 5 %" in the
 * decision and the headline, --hakenRequireSignificance, --hakenOrder, --hakenAlpha, and counts
 * (pairs, units) as integers. Expected values from the engine called directly on the same U.
 */
import { runReport } from "../../src/report/pipeline";
import { parseOptions } from "../../src/report/options";
import { hakenModel } from "../../src/engine/haken/model";
import type { Analysis } from "../../src/report/analysis";
import type { Cell } from "../../src/report/csv";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** 10 provinces x 2016..2020, one indicator per subsystem (so U is its min-max value). */
function cells(): Cell[][] {
  const r = lcg(1);
  const out: Cell[][] = [["Province", "Year", "A", "B"]];
  for (let i = 0; i < 10; i++) {
    let a = 0.3 + 0.4 * r();
    let b = 0.3 + 0.4 * r();
    for (let y = 0; y < 5; y++) {
      out.push([`P${i + 1}`, 2016 + y, Number(a.toFixed(4)), Number(b.toFixed(4))]);
      a = a + 0.05 * (r() - 0.5);
      b = 0.9 * b + 0.1 * a * a + 0.05 * (r() - 0.5);
    }
  }
  return out;
}
const roles = JSON.stringify({ id: "Province", time: "Year", subsystems: { NQPF: [{ column: "A", direction: "+" }], NTU: [{ column: "B", direction: "+" }] } });

async function run(raw: Record<string, string> = {}) {
  return runReport(cells(), roles, parseOptions(raw));
}

describe("Haken section: an honest decision on a 10 x 5 panel", () => {
  it("the decision and the headline say 'in sign and size, not significant at 5 %'; the conditions table has value and p", async () => {
    const r = await run();
    const a = r.analysis as Analysis;
    const obs = a.observations;
    const direct = hakenModel(
      obs.map((o) => o.U.NQPF),
      obs.map((o) => o.U.NTU),
      obs.map((o) => o.id),
      obs.map((o) => o.time),
      { names: ["NQPF", "NTU"], orderOptionName: "hakenOrder" },
    );
    expect(direct.notSignificant).toBe(true);
    expect(a.haken!.model.note).toBe(direct.note);
    expect(r.headlines).toContain(`Haken model: ${direct.note.split(". ")[0]}.`);
    expect(r.headlines.join(" ")).toMatch(/holds in sign and size with NQPF as q1, not significant at 5 %/);
    const sheet = r.report.sheets.find((s) => s.name === "Haken")!;
    const conditions = sheet.tables.find((t) => t.title === "Adiabatic approximation with NQPF as q1: each condition")!;
    expect(conditions.rows.map((row) => row.condition)).toEqual([
      "γ2 > 0",
      "|γ2| > |γ1|",
      "γ1 significant at 5 %",
      "a significant at 5 %",
      "γ2 significant at 5 %",
      "b significant at 5 %",
      "adiabatic approximation",
    ]);
    direct.fitA.conditions.forEach((c, i) => {
      expect(conditions.rows[i].value).toBe(c.value);
      expect(conditions.rows[i].p).toBe(c.p);
      expect(conditions.rows[i].holds).toBe(c.holds ? "yes" : "no");
    });
    expect(conditions.rows[6].holds).toBe("holds in sign and size, not significant");
    // counts as integers
    const sample = sheet.tables.find((t) => t.columns[0].label === "Sample")!;
    expect(sample.columns[1].format).toBe("0");
    expect(sample.rows).toEqual([
      { item: "pairs (t, t+1)", n: 40 },
      { item: "units", n: 10 },
    ]);
    for (const t of sheet.tables) for (const row of t.rows) expect(row.param).not.toBe("pairs n");
  });

  it("--hakenRequireSignificance: no order parameter, and the advice names --hakenOrder", async () => {
    const a = (await run({ hakenRequireSignificance: "true" })).analysis as Analysis;
    expect(a.haken!.model.decision).toBe("neither");
    expect(a.haken!.model.note).toMatch(/set hakenOrder to A or B to force an assignment/);
  });

  it("--hakenOrder B forces the assignment; --hakenAlpha changes the level", async () => {
    const b = (await run({ hakenOrder: "B" })).analysis as Analysis;
    expect(b.haken!.model.used).toBe("B");
    expect(b.haken!.model.note).toMatch(/as requested \(hakenOrder B\)/);
    const loose = (await run({ hakenAlpha: "0.5" })).analysis as Analysis;
    expect(loose.haken!.model.fitA.conditions[2].label).toBe("γ1 significant at 50 %");
    expect(() => parseOptions({ hakenOrder: "C" })).toThrow("option hakenOrder: 'C' is not valid; expected auto, A, B");
  });
});
