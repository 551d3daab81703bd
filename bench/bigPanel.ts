/**
 * A seeded synthetic panel CSV at Excel's sheet limit (issue 11): `units` x `years` rows (default
 * 104,857 x 10 = 1,048,570 data rows + the header = 1,048,571 sheet rows), a region column, two
 * subsystems of two indicators each and one numeric driving factor.
 *
 *   npx ts-node --transpile-only bench/bigPanel.ts OUT.csv [rows]   # writes OUT.csv and OUT.roles.json
 */
import * as fs from "fs";
import { rng } from "./data";

export const BIG_PANEL_ROLES = {
  id: "unit",
  time: "year",
  group: "region",
  subsystems: {
    A: [
      { column: "a1", direction: "+" },
      { column: "a2", direction: "-" },
    ],
    B: [
      { column: "b1", direction: "+" },
      { column: "b2", direction: "+" },
    ],
  },
  factors: ["x1"],
};

/** The CSV text of a panel of about `rows` data rows (10 years per unit), seeded. */
export function bigPanelCsv(rows: number, seed = 11): string {
  const r = rng(seed);
  const years = 10;
  const units = Math.max(2, Math.floor(rows / years));
  const regions = ["East", "Central", "West", "Northeast"];
  const parts: string[] = ["unit,year,region,a1,a2,b1,b2,x1"];
  for (let u = 0; u < units; u++) {
    const base = 1 + r() * 9;
    const region = regions[u % 4];
    for (let t = 0; t < years; t++) {
      const g = 1 + 0.05 * t;
      parts.push(
        `U${u},${2011 + t},${region},${(base * g + r()).toFixed(4)},${(10 - base + r()).toFixed(4)},${(base * 0.5 * g + r()).toFixed(4)},${(3 + r() * 2).toFixed(4)},${(base * 100 + r() * 50).toFixed(2)}`,
      );
    }
  }
  return parts.join("\n") + "\n";
}

if (require.main === module) {
  const out = process.argv[2];
  const rows = Number(process.argv[3] ?? 1_048_570);
  if (!out) {
    process.stderr.write("usage: bigPanel.ts OUT.csv [rows]\n");
    process.exit(1);
  }
  fs.writeFileSync(out, bigPanelCsv(rows));
  fs.writeFileSync(out.replace(/\.csv$/, "") + ".roles.json", JSON.stringify(BIG_PANEL_ROLES, null, 2));
  process.stderr.write(`wrote ${out}: ${rows} rows\n`);
}
