import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { naturalBreaks } from "../../../src/engine/geodetector/naturalBreaks";
import { classify } from "../../../src/engine/geodetector/discretize";
import { errorText as codeOf, sharedPath } from "../../helpers";

/**
 * Plain O(k·N²) Fisher/Jenks DP over the raw sorted values (ties not collapsed, any split
 * allowed), written independently of the module: returns the least within-class SS and the
 * breaks (min, class upper values, max) of the leftmost optimum.
 */
function referenceJenks(x: number[], k: number): { cost: number; breaks: number[] } {
  const v = x.slice().sort((a, b) => a - b);
  const n = v.length;
  const ssd = (a: number, b: number): number => {
    // two-pass SS of v[a..b]
    let m = 0;
    for (let i = a; i <= b; i++) m += v[i];
    m /= b - a + 1;
    let s = 0;
    for (let i = a; i <= b; i++) s += (v[i] - m) * (v[i] - m);
    return s;
  };
  const cost: number[][] = [];
  for (let a = 0; a < n; a++) {
    cost.push([]);
    for (let b = a; b < n; b++) cost[a][b] = ssd(a, b);
  }
  // D[c][j]: best SS of v[0..j] in c classes; S[c][j]: first index of the last class.
  const D: number[][] = [Array.from({ length: n }, (_, j) => cost[0][j])];
  const S: number[][] = [new Array(n).fill(0)];
  for (let c = 2; c <= k; c++) {
    const d = new Array(n).fill(Infinity);
    const s = new Array(n).fill(-1);
    for (let j = c - 1; j < n; j++)
      for (let i = c - 1; i <= j; i++) {
        const val = D[c - 2][i - 1] + cost[i][j];
        if (val < d[j]) {
          d[j] = val;
          s[j] = i;
        }
      }
    D.push(d);
    S.push(s);
  }
  const breaks = [v[n - 1]];
  let j = n - 1;
  for (let c = k; c >= 2; c--) {
    const i = S[c - 1][j];
    breaks.unshift(v[i - 1]);
    j = i - 1;
  }
  breaks.unshift(v[0]);
  return { cost: D[k - 1][n - 1], breaks };
}

function withinSS(x: number[], breaks: number[]): number {
  const { codes, k } = classify(x, breaks);
  let total = 0;
  for (let h = 0; h < k; h++) {
    const g = x.filter((_, i) => codes[i] === h);
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    total += g.reduce((a, b) => a + (b - m) * (b - m), 0);
  }
  return total;
}

describe("naturalBreaks (M9): exact Jenks = optimal 1-D k-means", () => {
  it("by hand: 1, 2, 3 | 10, 11, 12 | 30 (within SS 2 + 2 + 0 = 4)", () => {
    const r = naturalBreaks([30, 1, 12, 2, 11, 3, 10], 3);
    expect(r.breaks).toEqual([1, 3, 12, 30]);
    expect(r.counts).toEqual([3, 3, 1]);
    expect(r.withinSS).toBeCloseTo(4, 12);
  });

  it("equals the O(k·N²) DP on distinct random values (breaks identical)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 40 }), fc.integer({ min: 2, max: 7 }), (ints, kk) => {
        // irrational offsets keep distinct partitions from tying exactly in cost
        const x = ints.map((i) => i + Math.sqrt(i) / 100);
        const k = Math.min(kk, x.length);
        const ref = referenceJenks(x, k);
        const r = naturalBreaks(x, k);
        expect(r.breaks).toEqual(ref.breaks);
        expect(Math.abs(r.withinSS - ref.cost)).toBeLessThanOrEqual(1e-9 * (1 + ref.cost));
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });

  it("reaches the DP optimum with ties, and never splits equal values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 40 }), fc.integer({ min: 2, max: 6 }), (x, kk) => {
        const distinct = new Set(x).size;
        if (distinct < 2) return;
        const k = Math.min(kk, distinct);
        const ref = referenceJenks(x, k); // may split ties; its optimum is never lower than ours
        const r = naturalBreaks(x, k);
        expect(Math.abs(r.withinSS - ref.cost)).toBeLessThanOrEqual(1e-9 * (1 + ref.cost));
        // the breaks' classes (right-closed) realise that SS, each class non-empty, counts as reported
        expect(Math.abs(withinSS(x, r.breaks) - ref.cost)).toBeLessThanOrEqual(1e-9 * (1 + ref.cost));
        const { counts } = classify(x, r.breaks);
        expect(counts).toEqual(r.counts);
        expect(counts.every((c) => c > 0)).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("no sampling: exact at N = 2000 with many ties against the O(k·N²) DP", () => {
    let s = 12345;
    const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
    const x = Array.from({ length: 2000 }, () => Math.round(Math.exp(4 * rnd()) * 10) / 10);
    const ref = referenceJenks(x, 5);
    const r = naturalBreaks(x, 5);
    expect(Math.abs(r.withinSS - ref.cost)).toBeLessThanOrEqual(1e-9 * ref.cost);
  });

  it("k = number of distinct values: every value its own class", () => {
    const r = naturalBreaks([5, 1, 3, 3, 1], 3);
    expect(r.breaks).toEqual([1, 1, 3, 5]); // BAMMtools convention: class upper values
    expect(r.counts).toEqual([2, 2, 1]);
    expect(r.withinSS).toBe(0);
  });

  describe("bad input", () => {
    it("k < 2", () => {
      expect(codeOf(() => naturalBreaks([1, 2, 3], 1))).toBe("OPTION: k must be an integer of at least 2; got 1");
    });
    it("k above the number of distinct values names the argument", () => {
      expect(codeOf(() => naturalBreaks([1, 2, 3, 4, 5, 5, 4], 7))).toBe("TOO_FEW: k = 7 but x has only 5 distinct values");
      expect(codeOf(() => naturalBreaks([1, 2, 3, 4, 5], 6, { argument: "GDP" }))).toBe("TOO_FEW: k = 6 but GDP has only 5 distinct values");
    });
    it("NaN or text names the row; empty; constant", () => {
      expect(codeOf(() => naturalBreaks([1, 2, NaN], 2))).toBe("NOT_NUMERIC: x row 3: NaN is not a number");
      expect(codeOf(() => naturalBreaks([1, "a", 3], 2))).toBe("NOT_NUMERIC: x row 2: text 'a' is not a number");
      expect(codeOf(() => naturalBreaks([], 2))).toBe("EMPTY: x is empty");
      expect(codeOf(() => naturalBreaks([4, 4, 4], 2))).toBe("CONSTANT: x is constant (every value is 4); it cannot be divided into classes");
    });
  });
});

// GD's natural breaks (BAMMtools getJenksBreaks) on ndvi_40, read from ../shared at run time.
const REF = sharedPath("reference", "geodetector");
const CSV = path.join(REF, "data", "ndvi_40.csv");
const JSON_FILE = path.join(REF, "expected", "ndvi_40.json");
const present = fs.existsSync(CSV) && fs.existsSync(JSON_FILE);
if (!present) console.warn(`naturalBreaks.test: GD reference test skipped: ${CSV} or ${JSON_FILE} not found (../shared is not beside the repo)`);

(present ? describe : describe.skip)("naturalBreaks vs GD 10.8 / BAMMtools on ndvi_40", () => {
  const lines = present ? fs.readFileSync(CSV, "utf8").trim().split(/\r?\n/) : [""];
  const head = lines[0].split(",").map((h) => h.replace(/"/g, ""));
  const column = (name: string) => lines.slice(1).map((l) => Number(l.split(",")[head.indexOf(name)]));
  const entries: Array<{ variable: string; method: string; k: number; breaks: number[]; counts: number[] }> = present
    ? JSON.parse(fs.readFileSync(JSON_FILE, "utf8")).discretized.GD_disc.filter((e: { method: string }) => e.method === "natural")
    : [];
  it("has 20 natural entries", () => expect(entries).toHaveLength(20));
  it.each(entries.map((e) => [`${e.variable} k=${e.k}`, e] as const))("%s: breaks and counts identical", (_, e) => {
    const r = naturalBreaks(column(e.variable), e.k);
    expect(r.breaks).toEqual(e.breaks);
    expect(r.counts).toEqual(e.counts);
  });
});
