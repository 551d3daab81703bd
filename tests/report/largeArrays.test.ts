/**
 * Report helpers over every observation of a large panel must not spread the values into
 * Math.min/max (500,000 arguments overflow the call stack; in a browser's Web Worker far fewer
 * do: the standalone page failed on the 90,000-row county panel). ESLint now forbids the pattern
 * in src/; these pin the helpers that met it.
 */
import { extent } from "../../src/engine/stats/extent";
import { describe as describeValues } from "../../src/report/paperTables";
import { densityXRange } from "../../src/report/sections/density";

const N = 500_000;
const values = Array.from({ length: N }, (_, i) => 0.2 + (0.5 * ((i * 7919) % N)) / N);

test("extent over 500,000 values, skipping NaN and text", () => {
  expect(extent([...values, NaN, Infinity])).toEqual({ min: 0.2, max: 0.2 + (0.5 * (N - 1)) / N });
  expect(extent(["a", null, NaN])).toEqual({ min: null, max: null });
});

test("the descriptive statistics of 500,000 values", () => {
  const d = describeValues(values);
  expect(d.n).toBe(N);
  expect(d.min).toBe(0.2);
  expect(d.max).toBe(0.2 + (0.5 * (N - 1)) / N);
});

test("the density chart's x range over 500,000 values", () => {
  // [0.2, 0.7) widened by 3 x 0.01, on the 0.05 grid
  expect(densityXRange(values, 0.01)).toEqual({ min: 0.15, max: 0.75 });
});
