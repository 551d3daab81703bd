/**
 * The central F test of H0: q = 0 (METHODS.md M8: F is the one-way ANOVA statistic, ~ central
 * F(L - 1, N - L) under H0), reported beside the non-central p as `pCentral`, for factors and
 * interactions. Expected values: scipy.stats.f_oneway (F, an implementation independent of ours)
 * and scipy.stats.f.sf(F, L - 1, N - L), made by tests/fixtures/central-f/make_central_f.py
 * (see tests/fixtures/README.md): on R geodetector's CollectData (read from ../shared at run time,
 * skipped where absent) and on the sample panel (D of 2011 and the report's natural breaks of
 * the seven factors, stored in the fixture with the scipy numbers).
 */
import * as fs from "fs";
import * as path from "path";
import { factorDetector } from "../../../src/engine/geodetector/factorDetector";
import { interactionDetector } from "../../../src/engine/geodetector/interactionDetector";
import { classify } from "../../../src/engine/geodetector/discretize";
const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "fixtures", "central-f", "central-f.json"), "utf8"));
const CSV = path.resolve(__dirname, "..", "..", "..", "..", "shared", "reference", "geodetector", "data", "CollectData.csv");
const present = fs.existsSync(CSV);
if (!present) console.warn(`centralF.test: CollectData part skipped: ${CSV} not found (../shared is not beside the repo)`);

interface Scipy {
  F: number;
  df1: number;
  df2: number;
  p: number;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function expectTest(r: { F: number | null; pCentral: number | null; N: number }, L: number, e: Scipy, label: string): void {
  expect({ label, df1: L - 1, df2: r.N - L }).toEqual({ label, df1: e.df1, df2: e.df2 });
  expect({ label, F: rel(r.F!, e.F) < 1e-12 }).toEqual({ label, F: true });
  expect({ label, p: rel(r.pCentral!, e.p) < 1e-12, got: r.pCentral }).toEqual({ label, p: true, got: r.pCentral });
}

describe("factorDetector pCentral by hand", () => {
  it("y = 1,2,3 | 10,11,12: F = 121.5, pCentral = scipy f.sf(121.5, 1, 4) = 0.000385...", () => {
    const r = factorDetector([1, 2, 3, 10, 11, 12], ["a", "a", "a", "b", "b", "b"]);
    expect(rel(r.pCentral!, 0.00038506771136654104)).toBeLessThan(1e-12);
    expect(r.pValue!).toBeGreaterThan(r.pCentral!); // the non-central p tests another hypothesis
  });
});

(present ? describe : describe.skip)("pCentral = scipy f.sf on CollectData (R geodetector's example)", () => {
  const lines = present ? fs.readFileSync(CSV, "utf8").trim().split(/\r?\n/) : [""];
  const head = lines[0].split(",").map((h) => h.replace(/"/g, ""));
  const rows = lines.slice(1).map((l) => l.split(",").map(Number));
  const y = rows.map((r) => r[0]);
  const col = (name: string) => rows.map((r) => r[head.indexOf(name)]);
  const names = ["watershed", "soiltype", "elevation"];

  it.each(names)("factor %s", (name) => {
    const r = factorDetector(y, col(name), { xName: name });
    expectTest(r, r.L, fixture.CollectData.factors[name], name);
  });

  it("every interaction (overlay strata)", () => {
    const pairs = interactionDetector(
      y,
      names.map((name) => ({ name, values: col(name) })),
    ).pairs;
    expect(pairs).toHaveLength(3);
    for (const p of pairs) expectTest(p, p.L12, fixture.CollectData.interactions[`${p.a} x ${p.b}`], `${p.a} x ${p.b}`);
  });
});

describe("pCentral = scipy f.sf on the sample panel (D 2011, 31 provinces, natural breaks k = 6)", () => {
  const s = fixture.sample2011;
  const names = Object.keys(s.factors);
  const codes = (name: string) => classify(s.factors[name].x, s.factors[name].breaks, { argument: name }).codes;

  it.each(names)("factor %s", (name) => {
    const r = factorDetector(s.y, codes(name), { xName: name });
    expectTest(r, r.L, s.factors[name], name);
  });

  it("X1 in 2011: q 0.4536 has non-central p 0.993 but central p 0.00698 (issue 12)", () => {
    const r = factorDetector(s.y, codes(names[0]));
    expect(r.q).toBeCloseTo(0.4536, 4);
    expect(r.pValue).toBeCloseTo(0.993, 3);
    expect(r.pCentral!).toBeLessThan(0.01);
  });

  it("every interaction (21 pairs)", () => {
    const pairs = interactionDetector(
      s.y,
      names.map((name) => ({ name, codes: codes(name) })),
    ).pairs;
    expect(pairs).toHaveLength(21);
    for (const p of pairs) expectTest(p, p.L12, s.interactions[`${p.a} x ${p.b}`], `${p.a} x ${p.b}`);
  });
});
