/**
 * COORD.GEOQ and COORD.GEODETECTOR against R geodetector 1.0-5 on its CollectData example
 * (/work/shared/reference/geodetector: data/CollectData.csv, expected/CollectData.json), read at
 * run time from ../shared (never copied into the repo; skipped with a message when absent);
 * plus the help page example and bad input.
 */
import * as fs from "fs";
import * as path from "path";
import { geodetectorImpl, geoqImpl } from "../../src/functions/impl/geodetector";
import { geodetector, geoq } from "../../src/functions/functions";
import { excelColumn, expectClose, expectErrorValue, expectExcelSafe, expectRel, expectThrows } from "./support";
import { sharedPath } from "../helpers";

const REF = sharedPath("reference", "geodetector");
const CSV = path.join(REF, "data", "CollectData.csv");
const JSON_FILE = path.join(REF, "expected", "CollectData.json");
const present = fs.existsSync(CSV) && fs.existsSync(JSON_FILE);
if (!present) console.warn(`geodetector (functions) test: R geodetector reference skipped: ${CSV} not found (../shared is not beside the repo)`);

/**
 * q to 1e-9. p: R's non-central F (pnbeta) is accurate to about 1e-9 absolute, so the reference
 * README says to compare p with an absolute tolerance of 1e-8 (and only p < 1e-8 below that);
 * relative 1e-6 is asked where it is meaningful (p ≥ 1e-2).
 */
function expectP(actual: unknown, expected: number, label: string): void {
  expect(typeof actual).toBe("number");
  if (expected < 1e-8) expect(actual as number).toBeLessThan(1e-8);
  else if (expected >= 1e-2) expectRel(actual as number, expected, 1e-6, label);
  else expectClose([actual as number], [expected], 1e-8, label);
}

(present ? describe : describe.skip)("GEOQ and GEODETECTOR: R geodetector on CollectData", () => {
  const lines = present ? fs.readFileSync(CSV, "utf8").trim().split(/\r?\n/) : [];
  const grid: unknown[][] = lines.map((l) => l.split(",").map((c) => c.replace(/"/g, "")));
  // Excel-shaped: numbers as numbers (some left as text), header row of names
  const sheet = grid.map((r, i) => (i === 0 ? r : r.map((c, j) => ((i + j) % 5 === 0 ? c : Number(c)))));
  const col = (j: number) => sheet.map((r) => [r[j]]);
  const y = col(0);
  const factors = sheet.map((r) => r.slice(1));
  const peer = present ? JSON.parse(fs.readFileSync(JSON_FILE, "utf8")).peers["geodetector_R_1.0-5"] : null;

  it("GEOQ: q and p of each factor", () => {
    ["watershed", "soiltype", "elevation"].forEach((name, j) => {
      const e = peer.factor.find((f: { variable: string }) => f.variable === name);
      const r = geoqImpl(y, col(j + 1));
      expectExcelSafe(r);
      expect(r).toHaveLength(1);
      expectClose([r[0][0] as number], [e.q], 1e-9, `${name} q`);
      expectP(r[0][1], e.p, `${name} p`);
      expect(geoq(y, col(j + 1), null as never, "none", null, true)).toEqual([["q", "p"], r[0]]);
    });
  });

  it("GEOQ with x2: q12 and the type of each pair", () => {
    for (const e of peer.interaction) {
      const j1 = grid[0].indexOf(e.var1);
      const j2 = grid[0].indexOf(e.var2);
      const r = geoqImpl(y, col(j1), col(j2), null, null, "TRUE");
      expect(r[0]).toEqual(["q12", "p", "type"]);
      expectClose([r[1][0] as number], [e.q12], 1e-9, `${e.var1} x ${e.var2} q12`);
      expect(r[1][2]).toBe("Enhance, bi-variable"); // R prints "Enhance, bi-"
      expect(typeof r[1][1]).toBe("number");
    }
  });

  it("GEODETECTOR factor and interaction tables", () => {
    const t = geodetectorImpl(y, factors);
    expectExcelSafe(t);
    expect(t[0]).toEqual(["factor", "q", "p"]);
    for (const e of peer.factor) {
      const r = t.find((x) => x[0] === e.variable)!;
      expectClose([r[1] as number], [e.q], 1e-9, `${e.variable} q`);
      expectP(r[2], e.p, `${e.variable} p`);
    }
    const i = geodetector(y, factors, "interaction") as unknown[][];
    expect(i[0]).toEqual(["factor 1", "factor 2", "q1", "q2", "q12", "p", "type"]);
    expect(i).toHaveLength(1 + peer.interaction.length);
    for (const e of peer.interaction) {
      const r = i.find((x) => x[0] === e.var1 && x[1] === e.var2)!;
      expectClose([r[2] as number, r[3] as number, r[4] as number], [e.q1, e.q2, e.q12], 1e-9, `${e.var1} x ${e.var2}`);
    }
  });

  it("GEODETECTOR risk: stratum means and the significant pairs of R geodetector", () => {
    const t = geodetectorImpl(y, factors, "risk");
    expectExcelSafe(t);
    expect(t[0]).toEqual(["factor", "stratum 1", "stratum 2", "mean 1", "mean 2", "t", "df", "p", "significant"]);
    for (const e of peer.risk) {
      const rows = t.filter((r) => r[0] === e.variable);
      for (const pair of e.pairs) {
        const r = rows.find((x) => String(x[1]) === pair.s1 && String(x[2]) === pair.s2)!;
        expect(r).toBeDefined();
        expectClose([r[3] as number], [e.means[e.strata.indexOf(pair.s1)]], 1e-9, `${e.variable} mean ${pair.s1}`);
        if (typeof r[8] === "string" && r[8].startsWith("no test")) continue;
        expect({ pair: `${e.variable} ${pair.s1}-${pair.s2}`, sig: r[8] === "Y" }).toEqual({
          pair: `${e.variable} ${pair.s1}-${pair.s2}`,
          sig: pair.significant,
        });
      }
    }
  });

  it("GEODETECTOR ecological: every ordered pair with F, p and Y/N", () => {
    const t = geodetector(y, factors, "ecological") as unknown[][];
    expectExcelSafe(t);
    expect(t[0]).toEqual(["factor 1", "factor 2", "F", "p", "significant"]);
    expect(t).toHaveLength(1 + 6);
    t.slice(1).forEach((r) => expect(["Y", "N"]).toContain(r[4]));
  });

  it("GEODETECTOR optimal: the method x k grid of q, one block per factor", () => {
    const t = geodetectorImpl(
      y,
      factors.map((r) => [r[2]]),
      "optimal",
    );
    expect(t[0]).toEqual(["factor", "method", "k = 3", "k = 4", "k = 5", "k = 6", "k = 7", "k = 8"]);
    expect(t).toHaveLength(1 + 6);
    expect(t[6][1]).toMatch(/^best: \w+, k = [3-8]$/);
  });
});

describe("GEOQ: the help page example (12 observations)", () => {
  const y = [12, 14, 13, 20, 22, 21, 30, 28, 31, 15, 24, 29];
  const x1 = [1, 1, 1, 2, 2, 2, 3, 3, 3, 1, 2, 3];
  const x2 = [1, 1, 2, 1, 2, 2, 1, 2, 2, 1, 1, 2];
  it("q of each factor, and the interaction", () => {
    expectClose([geoqImpl(excelColumn(y), excelColumn(x1))[0][0] as number], [0.9647], 5e-5, "q1");
    expectClose([geoqImpl(excelColumn(y), excelColumn(x2))[0][0] as number], [0.132], 5e-5, "q2");
    const r = geoqImpl(excelColumn(y, "y"), excelColumn(x1, "x1"), excelColumn(x2, "x2"));
    expectClose([r[0][0] as number], [0.9664], 5e-5, "q12");
    expect(r[0][2]).toBe("Enhance, bi-variable");
  });
  it("text categories; a continuous factor is cut by natural breaks (auto) or as asked", () => {
    const r = geoqImpl(excelColumn(y), excelColumn(x1.map((v) => ["low", "mid", "high"][v - 1])));
    expectClose([r[0][0] as number], [geoqImpl(excelColumn(y), excelColumn(x1))[0][0] as number], 1e-12, "text = codes");
    const cont = y.map((v, i) => v * 1.5 + i * 0.01);
    expect(geoqImpl(excelColumn(y), excelColumn(cont))[0][0]).toBeGreaterThan(0.9);
    expect(geoqImpl(excelColumn(y), excelColumn(cont), null, "equal", 3)[0][0]).toBeGreaterThan(0.8);
  });
});

describe("GEOQ and GEODETECTOR: bad input", () => {
  const y = excelColumn([1, 2, 3, 4, 5, 6]);
  const x = excelColumn(["a", "a", "b", "b", "c", "c"]);
  it("x of another length", () => {
    const msg = "x has 5 values but y has 6; give one per row of y";
    expectThrows(() => geoqImpl(y, excelColumn(["a", "a", "b", "b", "c"])), "LENGTH", msg);
    expectErrorValue(geoq(y, excelColumn(["a", "a", "b", "b", "c"])), "#VALUE!", msg);
  });
  it("a blank in x names the row", () => {
    expectErrorValue(geoq(y, excelColumn(["a", "a", null, "b", "c", "c"])), "#VALUE!", "x row 3 is empty");
  });
  it("text y", () => {
    expectErrorValue(geoq(excelColumn([1, 2, "x", 4, 5, 6]), x), "#VALUE!", "y row 3: text 'x' is not a number");
  });
  it("a numeric method on a text factor", () => {
    expectErrorValue(
      geoq(y, x, null as never, "equal", 2),
      "#VALUE!",
      `x row 1: text 'a' is not a number; method "equal" needs a numeric factor (use "none" or "auto" for categories)`,
    );
  });
  it("unknown method and detector", () => {
    expectErrorValue(
      geoq(y, x, null as never, "kmeans"),
      "#VALUE!",
      "method must be one of auto, none, equal, natural, quantile, geometric, sd, optimal; got 'kmeans'",
    );
    expectErrorValue(geodetector(y, x, "risky"), "#VALUE!", "detector must be one of factor, interaction, risk, ecological, optimal; got 'risky'");
  });
  it("factors with another number of rows; interaction with one factor", () => {
    expectErrorValue(geodetector(y, excelColumn(["a", "b"])), "#VALUE!", "factors has 2 rows but y has 6; give one row per value of y");
    expectErrorValue(geodetector(y, x, "interaction"), "#VALUE!", "the interaction detector needs at least 2 factor columns");
  });
  it("a constant y", () => {
    expectErrorValue(geoq(excelColumn([2, 2, 2, 2, 2, 2]), x), "#VALUE!", /constant/);
  });
});
