/**
 * Benchmark harness: each case runs in its own child process (so the peak resident memory
 * reported is that case's alone), after a warm-up, and reports the median of several runs.
 */
export interface BenchCase {
  /** e.g. "3 factor q+p" */
  group: string;
  /** e.g. "N = 1,048,576" */
  label: string;
  /** the size parameter, for the growth column */
  n: number;
  /** builds the inputs (not timed) */
  setup: () => unknown;
  /** the timed work */
  run: (input: unknown) => unknown;
  /** timed runs after the warm-up (default 7; `--runs N` overrides) */
  runs?: number;
  /** target: median time at most this many ms */
  limitMs?: number;
  /** target: peak resident memory at most this many MB */
  limitMB?: number;
  /**
   * A case that times itself (e.g. a numpy reference timed inside its own Python process):
   * returns the milliseconds of timed run `i`; no warm-up call is made here.
   */
  timed?: (input: unknown, i: number) => number | Promise<number>;
  /** Peak RSS measured by the case itself (whole-process cases: the largest child process), MB. */
  peakRssMB?: () => number;
  /** Releases what the runs opened (a browser, a server), after the last run. */
  teardown?: (input: unknown) => unknown;
}

export interface BenchResult {
  group: string;
  label: string;
  n: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  /** Peak resident set size of the case's process (setup, warm-up and runs included), MB. */
  peakRssMB: number;
  /** Resident set size once the modules were loaded, before the case's setup, MB. */
  baseRssMB: number;
  limitMs?: number;
  limitMB?: number;
  /** With --passes: the median of each pass. */
  passMediansMs?: number[];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Time one case in this process: one warm-up, then `runs` timed calls. */
export async function timeCase(c: BenchCase, runsOverride?: number): Promise<BenchResult> {
  const baseRssMB = process.memoryUsage().rss / 1048576;
  const input = await c.setup();
  const runs = runsOverride ?? c.runs ?? 7;
  const times: number[] = [];
  if (c.timed) for (let i = 0; i < runs; i++) times.push(await c.timed(input, i));
  else {
    await c.run(input); // warm-up
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      await c.run(input);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  await c.teardown?.(input);
  return {
    group: c.group,
    label: c.label,
    n: c.n,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    runs,
    peakRssMB: c.peakRssMB ? c.peakRssMB() : process.resourceUsage().maxRSS / 1024,
    baseRssMB,
    limitMs: c.limitMs,
    limitMB: c.limitMB,
  };
}
