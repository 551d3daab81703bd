/**
 * The smallest and largest of the finite numbers of `xs` (NaN, ±Infinity and non-numbers skipped),
 * by a loop: `Math.min(...xs)` passes every value as an argument and overflows the call stack on
 * a county panel (90,000 values) in a browser or a Web Worker. Both null when there is none.
 *
 * @example
 * extent([0.42, NaN, 0.17, 0.9]); // => { min: 0.17, max: 0.9 }
 * extent([]); // => { min: null, max: null }
 */
export function extent(xs: ArrayLike<unknown>): { min: number | null; max: number | null } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: null, max: null };
}
