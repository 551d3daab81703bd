/**
 * Obstacle degree (M15) of the sample panel against the reference (z and the entropy weights
 * from our own engine, as its README describes): O of every province-year with the global and
 * the within-subsystem weighting, the top 5 with names, the subsystem obstacles and M15's
 * identity, the mean O by year; properties (rows sum to 100, invariance to the row order).
 */
import fc from "fast-check";
import { obstacleDegree, obstacleRow, ObstacleResult } from "../../../src/engine/inequality";

/** O as rows (null for a row without obstacle). */
const rowsOf = (r: ObstacleResult) => Array.from({ length: r.rows }, (_, i) => obstacleRow(r, i));
import { expectCoordError } from "../../helpers";
import { describeRef, expectMatrixClose, expectVectorClose, sampleRef } from "./reference";
import { samplePanelIndices } from "./samplePanel";

const TOL = 1e-12; // percent points

describeRef("obstacle.test")("Obstacle degree: sample panel reference", () => {
  const run = (weighting: "global" | "within") => {
    const p = samplePanelIndices();
    return obstacleDegree(p.z, { weights: p.weights, subsystems: p.subsystems, names: p.indicators, weighting, periods: p.years });
  };
  it("indicators, subsystems, weights and F = α_s w_j", () => {
    const e = sampleRef().sample_panel.obstacle;
    const r = run("global");
    expect(r.names).toEqual(e.indicators);
    expect(r.subsystemOf.map((s) => r.subsystemNames[s])).toEqual(e.subsystem_of_indicator);
    expectVectorClose(samplePanelIndices().weights, e.w_within_subsystem, 1e-12, "w");
    expectVectorClose(r.F, e["F_global_alpha0.5"], 1e-12, "F");
  });
  it("global: O of every row, the top 5, the subsystem obstacles, the means by year", () => {
    const e = sampleRef().sample_panel.obstacle;
    const r = run("global");
    const p = samplePanelIndices();
    expect(r.undefinedRows).toEqual([]);
    const rows = rowsOf(r);
    expectMatrixClose(
      rows.map((x) => x!.O),
      e.O_global_percent_rows_in_file_order,
      TOL,
      "O global",
    );
    expect(r.check).toBeLessThan(1e-12);
    e.per_row.forEach((row: any, i: number) => {
      expect([p.ids[i], p.years[i]]).toEqual([row.id, row.time]);
      expect(rows[i]!.top.map((t) => t.name)).toEqual(row.top5_global.map((t: [string, number]) => t[0]));
      expectVectorClose(
        rows[i]!.top.map((t) => t.O),
        row.top5_global.map((t: [string, number]) => t[1]),
        TOL,
        `top ${i}`,
      );
      expectVectorClose(
        rows[i]!.subsystemObstacle,
        r.subsystemNames.map((s) => row.subsystem_obstacle_global[s]),
        TOL,
        `subsystems ${i}`,
      );
    });
    expect(r.byPeriod.map((b) => String(b.period))).toEqual(Object.keys(e.O_global_mean_over_units_by_year));
    for (const b of r.byPeriod) {
      expect(b.n).toBe(31);
      expectVectorClose(b.meanO, e.O_global_mean_over_units_by_year[String(b.period)], TOL, `mean O ${b.period}`);
      const sub = e.subsystem_obstacle_global_mean_over_units_by_year[String(b.period)];
      expectVectorClose(
        b.meanSubsystem,
        r.subsystemNames.map((s) => sub[s]),
        TOL,
        `mean subsystem ${b.period}`,
      );
    }
  });
  it("within each subsystem: O (each subsystem sums to 100) and the top 5 of each subsystem", () => {
    const e = sampleRef().sample_panel.obstacle;
    const r = run("within");
    const rows = rowsOf(r);
    expectMatrixClose(
      rows.map((x) => x!.O),
      e.O_per_subsystem_percent_rows_in_file_order,
      TOL,
      "O within",
    );
    e.per_row.forEach((row: any, i: number) => {
      const expected = r.subsystemNames.flatMap((s) => row.top5_within_subsystem[s] as Array<[string, number]>);
      expect(rows[i]!.top.map((t) => t.name)).toEqual(expected.map((t) => t[0]));
      expectVectorClose(
        rows[i]!.top.map((t) => t.O),
        expected.map((t) => t[1]),
        TOL,
        `top within ${i}`,
      );
      for (let s = 0; s < r.subsystemNames.length; s++) {
        const sum = rows[i]!.O.reduce((a, v, j) => a + (r.subsystemOf[j] === s ? v : 0), 0);
        expect(Math.abs(sum - 100)).toBeLessThanOrEqual(1e-12);
      }
    });
  });
});

describe("Obstacle degree: properties and bad input", () => {
  const rows = fc.array(fc.array(fc.double({ min: 0, max: 0.99, noNaN: true }), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 30 });
  const opts = { weights: [0.2, 0.3, 0.5, 0.6, 0.4], subsystems: ["A", "A", "A", "B", "B"] };
  it("every row sums to 100; the subsystem obstacles equal M15's identity; top k is sorted", () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 5 }), (z, k) => {
        const r = obstacleDegree(z, { ...opts, top: k, alpha: [0.3, 0.7] });
        for (let i = 0; i < z.length; i++) {
          const row = obstacleRow(r, i)!;
          expect(Math.abs(row.O.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(1e-11);
          const t = row.top;
          expect(t).toHaveLength(k);
          for (let m = 1; m < t.length; m++) expect(t[m - 1].O).toBeGreaterThanOrEqual(t[m].O);
          expect(t[0].O).toBe(Math.max(...row.O));
          // the top k are the k largest: nothing left out is larger than the last one kept
          row.O.forEach((v, j) => t.some((x) => x.indicator === j) || expect(v).toBeLessThanOrEqual(t[k - 1].O));
        }
        expect(r.check).toBeLessThanOrEqual(1e-11);
      }),
      { numRuns: 200 },
    );
  });
  it("invariant to the order of rows", () => {
    fc.assert(
      fc.property(rows, fc.func(fc.integer()), (z, key) => {
        const order = z.map((_, i) => i).sort((i, j) => key(i) - key(j) || i - j);
        const a = obstacleDegree(z, opts);
        const b = obstacleDegree(
          order.map((i) => z[i]),
          opts,
        );
        order.forEach((i, m) => expect(obstacleRow(b, m)).toEqual(obstacleRow(a, i)));
      }),
      { numRuns: 50 },
    );
  });
  it("a row with every z = 1 has no obstacle: null with the row listed, never NaN", () => {
    const r = obstacleDegree(
      [
        [1, 1],
        [0.5, 0],
      ],
      { weights: [0.5, 0.5] },
    );
    expect(obstacleRow(r, 0)).toBeNull();
    expect(r.undefinedRows).toEqual([0]);
    expectVectorClose(obstacleRow(r, 1)!.O, [100 / 3, 200 / 3], 1e-13, "O");
    expect(Array.from(r.topIndicator.subarray(0, 2))).toEqual([-1, -1]);
  });
  it("bad input names the cell, the argument and the subsystem", () => {
    expectCoordError(
      () => obstacleDegree([[0.5, 1.2]], { weights: [0.5, 0.5], names: ["GDP", "Pop"] }),
      "NOT_NUMERIC",
      'z row 1, column "Pop": 1.2 is not a standardized value in [0, 1]',
    );
    expectCoordError(() => obstacleDegree([[0.5, 0.2]], { weights: [0.5] }), "LENGTH", "weights has 1 values but z has 2 indicators");
    expectCoordError(
      () => obstacleDegree([[0.5, 0.2]], { weights: [0.5, 0.5], subsystems: ["A", "B"], alpha: [1] }),
      "LENGTH",
      "alpha has 1 values but there are 2 subsystems (A, B)",
    );
    expectCoordError(() => obstacleDegree([[0.5, 0.2]], { weights: [0.5, 0.5], top: 0 }), "OPTION", "top must be a positive integer; got 0");
  });
});
