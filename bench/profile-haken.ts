/**
 * COORD.HAKENFIT on bench group 8's 100,000 units x 10 periods, called repeatedly in one process,
 * for profiling (issue 17): wall and CPU time of each call, the median at the end.
 *
 *   npx ts-node --transpile-only bench/profile-haken.ts [units] [runs]
 *   node --cpu-prof -r ts-node/register/transpile-only bench/profile-haken.ts   (a .cpuprofile)
 *   node --trace-gc -r ts-node/register/transpile-only bench/profile-haken.ts   (the collections per call)
 */
import { hakenColumns } from "./cases";
import { hakenFitImpl } from "../src/functions/impl/hakenFit";

const units = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 8);
const { q1, q2, u, t } = hakenColumns(units, 10, 8);
const times: number[] = [];
for (let i = 0; i <= runs; i++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  hakenFitImpl(q1, q2, u, t);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  if (i > 0) times.push(ms); // call 0 warms up
  console.error(`call ${i}: ${ms.toFixed(1)} ms, CPU ${((c.user + c.system) / 1e3).toFixed(1)} ms`);
}
times.sort((a, b) => a - b);
console.error(`median of ${runs}: ${times[times.length >> 1].toFixed(1)} ms`);
