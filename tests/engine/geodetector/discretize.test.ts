import * as fs from "fs";
import * as path from "path";
import { qFromCodes } from "../../../src/engine/geodetector/q";
import { autoStrata, classify, discretize, DiscretizeMethod } from "../../../src/engine/geodetector/discretize";
import { errorText as codeOf, sharedPath } from "../../helpers";

// Reference data live beside the repo (../shared), never copied into it.
const REF = sharedPath("reference", "geodetector");
const CSV = path.join(REF, "data", "ndvi_40.csv");
const JSON_FILE = path.join(REF, "expected", "ndvi_40.json");
const present = fs.existsSync(CSV) && fs.existsSync(JSON_FILE);
if (!present) console.warn(`discretize.test: GD reference tests skipped: ${CSV} or ${JSON_FILE} not found (../shared is not beside the repo)`);
const describeRef = present ? describe : describe.skip;

interface GdDisc {
  variable: string;
  method: DiscretizeMethod;
  k: number;
  breaks: number[];
  n_breaks_unique: number;
  counts: number[];
  n_unassigned: number;
  q: number | null;
  valid_in_optidisc: boolean;
}

function readCsv(file: string): Record<string, Array<string | number>> {
  const lines = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const unq = (s: string) => s.replace(/^"|"$/g, "");
  const head = lines[0].split(",").map(unq);
  const cols: Record<string, Array<string | number>> = {};
  head.forEach((h) => (cols[h] = []));
  for (const line of lines.slice(1)) {
    line.split(",").forEach((cell, j) => cols[head[j]].push(cell.startsWith('"') ? unq(cell) : Number(cell)));
  }
  return cols;
}

/**
 * GD 10.8's q of a cut (gd() FunQ), with its quirks: the rows of 1-observation strata are
 * dropped, and the remaining strata are then picked by position among the non-empty levels
 * (levels(factor(x))[-which(count.x == 1)], count.x counting empty levels too). Without
 * singletons an empty class makes q NA (null). The q itself is then computed with qFromCodes.
 */
function gdQ(y: number[], codes: Int32Array, counts: number[]): number | null {
  const L = counts.length;
  const all = counts.map((_, h) => h);
  const single = all.filter((h) => counts[h] === 1);
  let levels: number[];
  if (single.length === 0) {
    if (counts.some((c) => c === 0)) return null; // tapply gives NA for an empty level
    levels = all;
  } else {
    const used = all.filter((h) => counts[h] > 0);
    levels = used.filter((_, pos) => !single.includes(pos)); // R drops by position; out-of-range ignored
  }
  const remap = new Int32Array(L).fill(-1);
  levels.forEach((h, j) => (remap[h] = j));
  const yy: number[] = [];
  const cc: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (counts[codes[i]] === 1) continue; // dropped rows
    if (remap[codes[i]] < 0) throw new Error("rows with an NA stratum: not needed for the ndvi_40 reference");
    yy.push(y[i]);
    cc.push(remap[codes[i]]);
  }
  const n = new Array(levels.length).fill(0);
  cc.forEach((c) => n[c]++);
  if (n.some((c) => c === 0)) return null; // a kept level with no rows: NA
  return qFromCodes(yy, Int32Array.from(cc), levels.length);
}

function expectClose(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300));
}

function expectBreaks(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((b, i) => expectClose(b, expected[i]));
}

describeRef("discretize vs GD 10.8 disc() on ndvi_40 (M9)", () => {
  const data = present ? readCsv(CSV) : {};
  const ref = present ? JSON.parse(fs.readFileSync(JSON_FILE, "utf8")) : { discretized: { GD_disc: [] } };
  const entries: GdDisc[] = ref.discretized.GD_disc;
  const y = (data.NDVIchange ?? []) as number[];

  it("has the 100 GD entries (4 variables x 5 methods x k = 3..7)", () => {
    expect(entries).toHaveLength(100);
  });

  const comparable = entries.filter((e) => e.method !== "geometric");
  it.each(comparable.map((e) => [`${e.variable} ${e.method} k=${e.k}`, e] as const))("%s: breaks, counts and q equal GD's", (_, e) => {
    const x = data[e.variable] as number[];
    const d = discretize(x, { method: e.method, k: e.k, argument: e.variable });
    expectBreaks(d.breaks, e.breaks);
    expect(d.k).toBe(e.breaks.length - 1);
    expect(d.counts).toEqual(e.counts);
    expect(e.n_unassigned).toBe(0);
    const q = gdQ(y, d.codes, d.counts);
    if (e.q === null) expect(q).toBeNull();
    else expectClose(q as number, e.q);
  });

  // GD's geometric method is not the M9 one (see discretize.ts); its breaks still check classify.
  const geometric = entries.filter((e) => e.method === "geometric");
  it.each(geometric.map((e) => [`${e.variable} geometric k=${e.k}`, e] as const))("%s: classify() on GD's own breaks gives GD's counts and q", (_, e) => {
    const x = data[e.variable] as number[];
    if (e.n_unassigned > 0) {
      // R's cut() gives NA for a value beyond the last break; classify refuses to guess.
      expect(codeOf(() => classify(x, e.breaks))).toMatch(/^UNDEFINED: x row \d+: .* is outside the breaks/);
      return;
    }
    const c = classify(x, e.breaks);
    expect(c.counts).toEqual(e.counts);
    const q = gdQ(y, c.codes, c.counts);
    if (e.q === null) expect(q).toBeNull();
    else expectClose(q as number, e.q);
  });

  it("geometric (M9: min·r^i, x > 0) on Precipitation; NEGATIVE for factors with zeros or negatives", () => {
    const x = data.Precipitation as number[];
    const d = discretize(x, { method: "geometric", k: 4 });
    // min 42.51, max 672.45 (from the CSV): 42.51·(672.45/42.51)^(i/4)
    expect(d.breaks[0]).toBe(42.51);
    expect(d.breaks[4]).toBe(672.45);
    for (let i = 1; i < 4; i++) expectClose(d.breaks[i], 42.51 * Math.pow(672.45 / 42.51, i / 4), 1e-14);
    expect(d.counts.reduce((a, b) => a + b, 0)).toBe(713);
    for (const v of ["Tempchange", "GDP", "Popdensity"])
      expect(codeOf(() => discretize(data[v], { method: "geometric", k: 5, argument: v }))).toMatch(
        new RegExp(`^NEGATIVE: ${v} row \\d+: -?[0-9.]+ is not positive; geometric intervals need every value > 0`),
      );
  });

  it("quantile with repeated breaks uses GD's finer grid and says so (GDP, k = 5)", () => {
    const d = discretize(data.GDP, { method: "quantile", k: 5, argument: "GDP" });
    expect(d.breaks).toHaveLength(6);
    expect(d.warnings.join(" ")).toMatch(/quantiles at 0, 1\/5, \.\.\., 1 repeat .* steps of 1\/6 instead \(GD's rule\)/);
  });

  it("sd gives more classes than asked where GD's rule does, and says so (Precipitation, k = 6 -> 7)", () => {
    const d = discretize(data.Precipitation, { method: "sd", k: 6 });
    expect(d.kRequested).toBe(6);
    expect(d.k).toBe(7);
    expect(d.warnings.join(" ")).toMatch(/gives 7 classes/);
  });

  it("autoStrata: categorical Climatezone; natural k = 6 on Tempchange equals GD's natural breaks", () => {
    const cz = autoStrata(data.Climatezone, { argument: "Climatezone" });
    expect(cz.kind).toBe("categorical");
    expect(cz.L).toBe(5);
    const t = autoStrata(data.Tempchange);
    expect(t.kind).toBe("natural");
    const e = entries.find((r) => r.variable === "Tempchange" && r.method === "natural" && r.k === 6) as GdDisc;
    expect(t.breaks).toEqual(e.breaks);
    expect(t.L).toBe(6);
    const counts = new Array(6).fill(0);
    t.codes.forEach((c) => counts[c]++);
    expect(counts).toEqual(e.counts);
  });
});

describe("discretize by hand (M9)", () => {
  it("equal: R's seq(min, max, length.out = k + 1); right-closed classes, lowest value included", () => {
    const d = discretize([1, 2, 3, 4, 5, 6, 7, 8, 9], { method: "equal", k: 2 });
    expect(d.breaks).toEqual([1, 5, 9]);
    expect(Array.from(d.codes)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]); // 5 is in (1, 5]: right-closed
    expect(d.counts).toEqual([5, 4]);
  });
  it("equal reports empty classes", () => {
    const d = discretize([0, 1, 2, 10], { method: "equal", k: 4 });
    expect(d.breaks).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(d.counts).toEqual([3, 0, 0, 1]);
    expect(d.warnings).toEqual(["equal, k = 4: class 2 ((2.5, 5]) is empty", "equal, k = 4: class 3 ((5, 7.5]) is empty"]);
  });
  it("quantile: type 7 (1, 2, ..., 10; k = 4 -> 3.25, 5.5, 7.75)", () => {
    const d = discretize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], { method: "quantile", k: 4 });
    expect(d.breaks).toEqual([1, 3.25, 5.5, 7.75, 10]);
    expect(d.counts).toEqual([3, 2, 2, 3]);
  });
  it("sd: mean ± sd/2 for k = 3 (x = 0, 1, ..., 10: mean 5, sd √11)", () => {
    const x = Array.from({ length: 11 }, (_, i) => i);
    const d = discretize(x, { method: "sd", k: 3 });
    expect(d.breaks[0]).toBe(0);
    expectClose(d.breaks[1], 5 - Math.sqrt(11) / 2);
    expectClose(d.breaks[2], 5 + Math.sqrt(11) / 2);
    expect(d.breaks[3]).toBe(10);
  });
  it("natural: the exact Jenks partition", () => {
    const d = discretize([1, 2, 3, 10, 11, 12, 30], { method: "natural", k: 3 });
    expect(d.breaks).toEqual([1, 3, 12, 30]);
    expect(Array.from(d.codes)).toEqual([0, 0, 0, 1, 1, 1, 2]);
  });
  it("classify: value on a break goes to the lower class; the minimum to class 0", () => {
    expect(Array.from(classify([0, 1, 1.5, 2, 3], [0, 1, 2, 3]).codes)).toEqual([0, 0, 1, 1, 2]);
    expect(codeOf(() => classify([1, 2], [0, 2, 2]))).toMatch(/^OPTION: breaks must be strictly increasing/);
    // b1 = b0: class 0 is the minimum alone (natural breaks whose first class is one value)
    expect(Array.from(classify([0, 0, 0.5, 1], [0, 0, 1]).codes)).toEqual([0, 0, 1, 1]);
    expect(codeOf(() => classify([1, 5], [0, 2, 4]))).toBe("UNDEFINED: x row 2: 5 is outside the breaks [0, 4]; it has no class");
  });
});

describe("discretize: bad input", () => {
  const x = [3, 1, 4, 1, 5, 9, 2, 6];
  it("k < 2 or not an integer", () => {
    expect(codeOf(() => discretize(x, { method: "equal", k: 1 }))).toBe("OPTION: k must be an integer of at least 2; got 1");
    expect(codeOf(() => discretize(x, { method: "equal", k: 2.5 }))).toBe("OPTION: k must be an integer of at least 2; got 2.5");
  });
  it("k above the number of distinct values", () => {
    expect(codeOf(() => discretize([1, 2, 2, 3, 3], { method: "quantile", k: 4 }))).toBe("TOO_FEW: k = 4 but x has only 3 distinct values");
  });
  it("NaN or text in x names the row", () => {
    expect(codeOf(() => discretize([1, 2, NaN, 4], { method: "equal", k: 2 }))).toBe("NOT_NUMERIC: x row 3: NaN is not a number");
    expect(codeOf(() => discretize([1, "n/a", 3], { method: "equal", k: 2, argument: "GDP" }))).toBe("NOT_NUMERIC: GDP row 2: text 'n/a' is not a number");
    expect(codeOf(() => discretize([1, null, 3], { method: "equal", k: 2 }))).toBe("MISSING: x row 2: an empty cell is not a number");
  });
  it("empty x", () => {
    expect(codeOf(() => discretize([], { method: "equal", k: 2 }))).toBe("EMPTY: x is empty");
  });
  it("geometric with a non-positive value says why", () => {
    const msg = codeOf(() => discretize([2, 4, 0, 8], { method: "geometric", k: 2 }));
    expect(msg).toMatch(/^NEGATIVE: x row 3: 0 is not positive; geometric intervals need every value > 0 \(the breaks are min·r\^i/);
  });
  it("constant x", () => {
    expect(codeOf(() => discretize([2, 2, 2], { method: "natural", k: 2 }))).toBe(
      "CONSTANT: x is constant (every value is 2); it cannot be divided into classes",
    );
  });
  it("unknown method", () => {
    expect(codeOf(() => discretize(x, { method: "jenks" as DiscretizeMethod, k: 2 }))).toMatch(/^OPTION: method must be one of/);
  });
});

describe("autoStrata", () => {
  it("text -> categorical (numbers and text as levels)", () => {
    const s = autoStrata(["b", 1, "a", "b"]);
    expect(s.kind).toBe("categorical");
    expect(s.levels).toEqual([1, "a", "b"]);
    expect(Array.from(s.codes)).toEqual([2, 0, 1, 2]);
  });
  it("at most 10 distinct numbers -> categorical; 11 -> natural", () => {
    const ten = Array.from({ length: 40 }, (_, i) => i % 10);
    expect(autoStrata(ten).kind).toBe("categorical");
    expect(autoStrata(ten).L).toBe(10);
    const eleven = Array.from({ length: 44 }, (_, i) => (i % 11) * (i % 11));
    const s = autoStrata(eleven, { k: 3 });
    expect(s.kind).toBe("natural");
    expect(s.L).toBe(3);
    expect(s.breaks).toHaveLength(4);
  });
  it("lowers k to the number of distinct values, with a warning", () => {
    const x = Array.from({ length: 24 }, (_, i) => i % 12);
    const s = autoStrata(x, { k: 15 });
    expect(s.L).toBe(12);
    expect(s.breaks).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(s.warnings).toEqual(["k = 15 lowered to 12: x has only 12 distinct values"]);
  });
  it("a missing value names the row", () => {
    const x: unknown[] = Array.from({ length: 20 }, (_, i) => i);
    x[6] = NaN;
    expect(codeOf(() => autoStrata(x))).toBe("NOT_NUMERIC: x row 7: NaN is not a number");
    expect(codeOf(() => autoStrata(["a", null, "b"]))).toBe("MISSING: x row 2: the value is missing");
  });
});
