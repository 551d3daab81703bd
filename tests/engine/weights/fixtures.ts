/**
 * Loading the index reference values (tests/fixtures/indices, computed by an independent
 * numpy/scipy implementation of METHODS.md) and comparing numbers at a stated tolerance.
 */
import fc from "fast-check";
export { loadFixture, maxAbsDiff, expectAllClose, expectCoordError } from "../../helpers";

/** Weights are a distribution: finite, non-negative, summing to 1. */
export function expectWeightDistribution(w: number[]): void {
  expect(w.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
  expect(Math.abs(w.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
}

/** A matrix and the same rows in a random order. */
export function withShuffledRows<T>(matrices: fc.Arbitrary<T[]>): fc.Arbitrary<[T[], T[]]> {
  return matrices.chain((x) => fc.tuple(fc.constant(x), fc.shuffledSubarray(x, { minLength: x.length, maxLength: x.length })));
}

export interface Panel {
  units: string[];
  years: number[];
  indicators: string[];
  directions: ("+" | "-")[];
  subsystem: string[];
  X: number[][];
}

/** Columns `from..to-1` of a matrix. */
export function columns(X: number[][], from: number, to: number): number[][] {
  return X.map((r) => r.slice(from, to));
}

/** Indices of the columns of one subsystem. */
export function subsystemColumns(panel: Panel, name: string): [number, number] {
  const first = panel.subsystem.indexOf(name);
  const last = panel.subsystem.lastIndexOf(name);
  if (first < 0) throw new Error(`no subsystem ${name}`);
  return [first, last + 1];
}
