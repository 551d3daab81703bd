/**
 * Throwaway timing script (not a test): natural breaks at N = 1e5 and 1,048,576 (k = 6), and
 * the optimal-discretization grid for 7 factors at N = 1e5.
 * Run: npx ts-node --transpile-only bench/naturalBreaks.quick.ts
 */
import { naturalBreaks } from "../src/engine/geodetector/naturalBreaks";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
function data(n: number, seed: number): number[] {
  const r = lcg(seed);
  const x = new Array<number>(n);
  for (let i = 0; i < n; i++) x[i] = Math.exp(3 * r()) + Math.floor(7 * r()) + r() * r();
  return x;
}
function time<T>(f: () => T): [number, T] {
  const t = performance.now();
  const v = f();
  return [performance.now() - t, v];
}

for (const n of [1e5, 1048576]) {
  const x = data(n, 7);
  const ms: number[] = [];
  let breaks: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const [t, r] = time(() => naturalBreaks(x, 6));
    ms.push(t);
    breaks = r.breaks;
  }
  console.log(`naturalBreaks N=${n} k=6: ${ms.map((t) => t.toFixed(0)).join(", ")} ms; breaks ${breaks.map((b) => b.toFixed(4)).join(" ")}`);
}
