/**
 * Loading the index reference values (tests/fixtures/indices, computed by an independent
 * numpy/scipy implementation of METHODS.md) and comparing numbers at a stated tolerance.
 */
export { loadFixture, maxAbsDiff, expectAllClose, expectCoordError } from "../../helpers";

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

