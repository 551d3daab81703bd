import { CoordError, cellLabel } from "../errors";
import { assertFinite, describeValue } from "../validate";

/** One group of a Dagum decomposition (M13). */
export interface DagumGroup {
  name: string;
  n: number;
  mean: number;
  /** p_j = n_j / n. */
  p: number;
  /** s_j = n_j Ȳ_j / (n μ). */
  s: number;
  /** Within-group Gini G_jj = ΣΣ|y_ji − y_jr| / (2 n_j² Ȳ_j). */
  Gjj: number;
}

/** One pair of groups "A|B" (A < B in code-unit order), oriented by the period's group means. */
export interface DagumPair {
  key: string;
  a: string;
  b: string;
  /** The group with the higher mean in this period (j of d_jh); `a` on a tie. */
  high: string;
  low: string;
  /** Between-group Gini G_jh = ΣΣ|y_ji − y_hr| / (n_j n_h (Ȳ_j + Ȳ_h)). */
  Gjh: number;
  /** d_jh: mean of max(y_ji − y_hr, 0), j = high. */
  djh: number;
  /** p_jh: mean of max(y_hr − y_ji, 0). */
  pjh: number;
  /** D_jh = (d_jh − p_jh)/(d_jh + p_jh) ∈ [0, 1]; null when every value of both groups is the same (d = p = 0). */
  Djh: number | null;
  /** p_j s_h + p_h s_j. */
  weight: number;
  /** G_jh (p_j s_h + p_h s_j) D_jh: this pair's part of G_nb. */
  Gnb: number;
  /** G_jh (p_j s_h + p_h s_j)(1 − D_jh): this pair's part of G_t. */
  Gt: number;
}

export interface DagumResult {
  n: number;
  mu: number;
  /** Overall Gini G = ΣΣ|y_i − y_r| / (2 n² μ). */
  G: number;
  /** Within-group contribution G_w = Σ_j G_jj p_j s_j. */
  Gw: number;
  /** Net between-group contribution G_nb = Σ_pairs G_jh (p_j s_h + p_h s_j) D_jh. */
  Gnb: number;
  /** Transvariation (overlap) contribution G_t = Σ_pairs G_jh (p_j s_h + p_h s_j)(1 − D_jh). */
  Gt: number;
  /** G_w / G, G_nb / G, G_t / G; null when G = 0 (all values equal), see `note`. */
  shareW: number | null;
  shareNb: number | null;
  shareT: number | null;
  /** Groups in code-unit order of their names. */
  groups: DagumGroup[];
  /** Pairs in order of their keys. */
  pairs: DagumPair[];
  /** Group names by mean, highest first (ties by name). */
  orderByMean: string[];
  /** Why a share or a D_jh is null, when one is. */
  note?: string;
}

export interface DagumOptions {
  /** Label of the period in error messages (e.g. 2013). */
  period?: string | number;
  /** Argument names in messages (defaults "values", "groups"). */
  names?: { values?: string; groups?: string };
}

/** Σ_{i<r} (y_r − y_i) over ascending `y`: Σ_r ((r − 1) y_r − S_{r−1}), every term ≥ 0. */
function sumPairDiffs(y: Float64Array): number {
  let prefix = 0;
  let total = 0;
  for (let r = 0; r < y.length; r++) {
    total += r * y[r] - prefix;
    prefix += y[r];
  }
  return total;
}

/** Σ_i Σ_r max(x_i − y_r, 0) over ascending x and y (two pointers, O(n_x + n_y)). */
function sumPositiveGaps(x: Float64Array, y: Float64Array): number {
  let k = 0;
  let below = 0; // Σ of the y_r < x_i seen so far
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    while (k < y.length && y[k] < x[i]) below += y[k++];
    total += k * x[i] - below;
  }
  return total;
}

const inPeriod = (period: string | number | undefined) => (period === undefined ? "" : ` in period ${period}`);

/**
 * Dagum (1997) Gini decomposition (M13) of one cross-section by group: G, the within-group
 * Ginis G_jj, the between-group G_jh with the relative affluence D_jh of each pair (oriented by
 * this cross-section's group means), and the contributions G_w + G_nb + G_t = G with their
 * shares. O(n log n): sorted values and cumulative sums, no double loop.
 *
 * @example
 * const r = dagumGini([1, 2, 3, 4, 6, 10, 2, 5], ["A", "A", "A", "B", "B", "C", "C", "C"]);
 * r.G; // => 0.3522727272727273
 * r.Gw; // => 0.08333333333333333
 * r.pairs.map((p) => [p.key, p.high]); // => [["A|B", "B"], ["A|C", "C"], ["B|C", "C"]]
 */
export function dagumGini(values: ArrayLike<unknown>, groups: ArrayLike<unknown>, options: DagumOptions = {}): DagumResult {
  const vName = options.names?.values ?? "values";
  const gName = options.names?.groups ?? "groups";
  const where = inPeriod(options.period);
  const n = values.length;
  if (n === 0) throw new CoordError("EMPTY", `${vName} is empty${where}`, { argument: vName });
  if (groups.length !== n) throw new CoordError("LENGTH", `${gName} has ${groups.length} values but ${vName} has ${n}${where}`, { argument: gName });
  const index = groupIndex(groups, gName);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = checkValue(values[i], vName, i, undefined, where);
  return decompose(index, y, where, vName);
}

/** Group names (code-unit order) and the group of each row; a missing name is an error naming the row. */
function groupIndex(groups: ArrayLike<unknown>, gName: string): { names: string[]; of: Int32Array; sizes: number[] } {
  const keys = new Array<string>(groups.length);
  const seen = new Set<string>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (!((typeof g === "string" && g.trim() !== "") || (typeof g === "number" && Number.isFinite(g))))
      throw new CoordError("MISSING", `${cellLabel(gName, i)}: ${describeValue(g)} is not a group name`, { argument: gName, row: i });
    keys[i] = String(g);
    seen.add(keys[i]);
  }
  const names = [...seen].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const pos = new Map(names.map((name, j) => [name, j]));
  const of = new Int32Array(groups.length);
  const sizes = new Array<number>(names.length).fill(0);
  for (let i = 0; i < keys.length; i++) sizes[(of[i] = pos.get(keys[i])!)]++;
  return { names, of, sizes };
}

function checkValue(v: unknown, vName: string, row: number, column: number | undefined, where: string): number {
  const y = assertFinite(v, vName, row, column);
  if (y < 0)
    throw new CoordError("NEGATIVE", `${cellLabel(vName, row, column)}${where}: ${y} is negative; the Gini decomposition needs values ≥ 0`, {
      argument: vName,
      row,
      column,
    });
  return y;
}

/** Ascending merge of ascending arrays (k-way; the overall order for G without a second sort). */
function mergeSorted(parts: Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n);
  const head = new Array<number>(parts.length).fill(0);
  for (let i = 0; i < n; i++) {
    let best = -1;
    for (let j = 0; j < parts.length; j++) if (head[j] < parts[j].length && (best < 0 || parts[j][head[j]] < parts[best][head[best]])) best = j;
    out[i] = parts[best][head[best]++];
  }
  return out;
}

/** The decomposition of one cross-section y (validated) with its group index. */
function decompose(index: { names: string[]; of: Int32Array; sizes: number[] }, y: Float64Array, where: string, vName: string): DagumResult {
  const { names, of, sizes } = index;
  const n = y.length;
  const sorted = sizes.map((size) => new Float64Array(size));
  const fill = new Array<number>(names.length).fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sorted[of[i]][fill[of[i]]++] = y[i];
    total += y[i];
  }
  for (const part of sorted) part.sort();
  const mu = total / n;
  if (!(mu > 0)) throw new CoordError("ALL_ZERO", `${vName}${where}: all values are 0; the Gini coefficient needs a positive mean`, { argument: vName });
  const all = names.length <= 16 ? mergeSorted(sorted, n) : Float64Array.from(y).sort();
  const G = sumPairDiffs(all) / (n * n * mu); // M13: ΣΣ over ordered pairs = 2 Σ_{i<r}

  const groupsOut: DagumGroup[] = names.map((name, j) => {
    const y = sorted[j];
    const nj = y.length;
    let s = 0;
    for (let i = 0; i < nj; i++) s += y[i];
    const mean = s / nj;
    if (!(mean > 0))
      throw new CoordError("ALL_ZERO", `group '${name}'${where}: all ${nj} values are 0; its Gini coefficient G_jj needs a positive mean`, {
        argument: vName,
      });
    return { name, n: nj, mean, p: nj / n, s: s / total, Gjj: sumPairDiffs(y) / (nj * nj * mean) };
  });
  let Gw = 0;
  for (const g of groupsOut) Gw += g.Gjj * g.p * g.s; // M13: G_w = Σ G_jj p_j s_j

  const pairs: DagumPair[] = [];
  let Gnb = 0;
  let Gt = 0;
  let undefinedD = false;
  for (let j = 0; j < names.length; j++) {
    for (let h = j + 1; h < names.length; h++) {
      const A = groupsOut[j];
      const B = groupsOut[h];
      const aHigh = A.mean >= B.mean; // M13: orient by this period's means, Ȳ_j ≥ Ȳ_h
      const [hi, lo] = aHigh ? [j, h] : [h, j];
      const nn = A.n * B.n;
      const djh = sumPositiveGaps(sorted[hi], sorted[lo]) / nn;
      const pjh = sumPositiveGaps(sorted[lo], sorted[hi]) / nn;
      const Gjh = (djh + pjh) / (A.mean + B.mean);
      const weight = A.p * B.s + B.p * A.s;
      let Djh: number | null = null;
      let nb = 0;
      let t = 0;
      if (djh + pjh > 0) {
        Djh = (djh - pjh) / (djh + pjh);
        nb = Gjh * weight * Djh;
        t = Gjh * weight * (1 - Djh);
      } else undefinedD = true;
      Gnb += nb;
      Gt += t;
      pairs.push({
        key: `${A.name}|${B.name}`,
        a: A.name,
        b: B.name,
        high: names[hi],
        low: names[lo],
        Gjh,
        djh,
        pjh,
        Djh,
        weight,
        Gnb: nb,
        Gt: t,
      });
    }
  }
  const orderByMean = groupsOut
    .slice()
    .sort((x, y) => y.mean - x.mean || (x.name < y.name ? -1 : 1))
    .map((g) => g.name);
  const result: DagumResult = {
    n,
    mu,
    G,
    Gw,
    Gnb,
    Gt,
    shareW: G > 0 ? Gw / G : null,
    shareNb: G > 0 ? Gnb / G : null,
    shareT: G > 0 ? Gt / G : null,
    groups: groupsOut,
    pairs,
    orderByMean,
  };
  const notes: string[] = [];
  if (!(G > 0)) notes.push("all values are equal: G = 0 and the shares are undefined");
  if (undefinedD) notes.push("a pair of groups whose values are all equal has d_jh = p_jh = 0: D_jh is undefined and G_jh = 0");
  if (notes.length) result.note = notes.join("; ");
  return result;
}

export interface DagumPeriod extends DagumResult {
  period: string | number;
}

/**
 * The Dagum decomposition (M13) of every period of a panel (units x periods, the Table 3 layout)
 * with one group per unit; each period's pairs are oriented by that period's means.
 *
 * @example
 * const r = dagumByPeriod([[1, 2], [3, 1], [5, 4]], ["A", "A", "B"], { periods: [2011, 2012] });
 * r.map((p) => p.pairs[0].high); // => ["B", "B"]
 * r[1].G; // => 0.2857142857142857
 */
export function dagumByPeriod(
  panel: ArrayLike<ArrayLike<unknown>>,
  groups: ArrayLike<unknown>,
  options: { periods?: ReadonlyArray<string | number>; names?: { values?: string; groups?: string } } = {},
): DagumPeriod[] {
  const vName = options.names?.values ?? "panel";
  const gName = options.names?.groups ?? "groups";
  const n = panel.length;
  if (n === 0) throw new CoordError("EMPTY", `${vName} is empty`, { argument: vName });
  if (groups.length !== n) throw new CoordError("LENGTH", `${gName} has ${groups.length} values but ${vName} has ${n} rows`, { argument: gName });
  const T = panel[0].length;
  const periods = options.periods ?? Array.from({ length: T }, (_, t) => t + 1);
  if (periods.length !== T) throw new CoordError("LENGTH", `periods has ${periods.length} labels but ${vName} has ${T} columns`, { argument: "periods" });
  for (let i = 0; i < n; i++)
    if (panel[i].length !== T)
      throw new CoordError("LENGTH", `${vName} row ${i + 1} has ${panel[i].length} values; row 1 has ${T}`, { argument: vName, row: i });
  const index = groupIndex(groups, gName);
  const y = new Float64Array(n);
  const out: DagumPeriod[] = [];
  for (let t = 0; t < T; t++) {
    const where = inPeriod(periods[t]);
    for (let i = 0; i < n; i++) y[i] = checkValue(panel[i][t], vName, i, undefined, where);
    out.push({ period: periods[t], ...decompose(index, y, where, vName) });
  }
  return out;
}
