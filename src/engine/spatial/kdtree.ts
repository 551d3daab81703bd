/**
 * A static k-d tree over points in 2 or 3 dimensions: k nearest neighbours and fixed-radius
 * search in O(log n) per query on spread-out data, so that weights from thousands of
 * coordinates never compare all pairs. Ties are broken by the lower index (deterministic).
 */

export class KdTree {
  readonly n: number;
  readonly dims: number;
  private readonly coords: Float64Array;
  /** Point indices in tree order; node = a range [lo, hi) with its median at mid. */
  private readonly order: Int32Array;
  private readonly axis: Int8Array;

  /** `coords` holds n points of `dims` values each (point i at i·dims). */
  constructor(coords: Float64Array, dims: number) {
    this.coords = coords;
    this.dims = dims;
    this.n = coords.length / dims;
    this.order = Int32Array.from({ length: this.n }, (_, i) => i);
    this.axis = new Int8Array(this.n);
    this.build(0, this.n);
  }

  private build(lo: number, hi: number): void {
    if (hi - lo <= 1) return;
    const { coords, dims, order } = this;
    // split on the axis of largest spread
    let best = 0;
    let spread = -1;
    for (let a = 0; a < dims; a++) {
      let min = Infinity;
      let max = -Infinity;
      for (let k = lo; k < hi; k++) {
        const v = coords[order[k] * dims + a];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > spread) {
        spread = max - min;
        best = a;
      }
    }
    const part = Array.from(order.subarray(lo, hi)).sort((p, q) => coords[p * dims + best] - coords[q * dims + best] || p - q);
    order.set(part, lo);
    const mid = (lo + hi) >> 1;
    this.axis[mid] = best;
    this.build(lo, mid);
    this.build(mid + 1, hi);
  }

  private dist2(i: number, q: ArrayLike<number>): number {
    let s = 0;
    const base = i * this.dims;
    for (let a = 0; a < this.dims; a++) {
      const d = this.coords[base + a] - q[a];
      s += d * d;
    }
    return s;
  }

  private point(i: number): Float64Array {
    return this.coords.subarray(i * this.dims, (i + 1) * this.dims);
  }

  /** The k nearest points to point i (itself excluded), nearest first, with squared distances. */
  nearest(i: number, k: number): { index: Int32Array; dist2: Float64Array } {
    const q = this.point(i);
    const bestI = new Int32Array(k).fill(-1);
    const bestD = new Float64Array(k).fill(Infinity);
    const consider = (j: number) => {
      if (j === i) return;
      const d = this.dist2(j, q);
      const last = k - 1;
      if (d > bestD[last] || (d === bestD[last] && bestI[last] >= 0 && j > bestI[last])) return;
      let p = last;
      while (p > 0 && (bestD[p - 1] > d || (bestD[p - 1] === d && bestI[p - 1] > j))) {
        bestD[p] = bestD[p - 1];
        bestI[p] = bestI[p - 1];
        p--;
      }
      bestD[p] = d;
      bestI[p] = j;
    };
    const visit = (lo: number, hi: number) => {
      if (hi <= lo) return;
      const mid = (lo + hi) >> 1;
      const j = this.order[mid];
      consider(j);
      if (hi - lo === 1) return;
      const a = this.axis[mid];
      const diff = q[a] - this.coords[j * this.dims + a];
      const [first, second] =
        diff < 0
          ? [
              [lo, mid],
              [mid + 1, hi],
            ]
          : [
              [mid + 1, hi],
              [lo, mid],
            ];
      visit(first[0], first[1]);
      if (diff * diff <= bestD[k - 1]) visit(second[0], second[1]);
    };
    visit(0, this.n);
    return { index: bestI, dist2: bestD };
  }

  /** Every point within squared distance r2 of point i (itself excluded), in index order. */
  within(i: number, r2: number): number[] {
    const q = this.point(i);
    const out: number[] = [];
    const visit = (lo: number, hi: number) => {
      if (hi <= lo) return;
      const mid = (lo + hi) >> 1;
      const j = this.order[mid];
      if (j !== i && this.dist2(j, q) <= r2) out.push(j);
      if (hi - lo === 1) return;
      const a = this.axis[mid];
      const diff = q[a] - this.coords[j * this.dims + a];
      if (diff <= 0 || diff * diff <= r2) visit(lo, mid);
      if (diff >= 0 || diff * diff <= r2) visit(mid + 1, hi);
    };
    visit(0, this.n);
    return out.sort((p, q2) => p - q2);
  }
}
