/**
 * The seed paper's published D (tests/fixtures/seed-table3-ccd.csv, a copy of
 * ../shared/data/seed-table3-ccd.csv) as a report panel: "Dpub" an indicator of subsystem A and a
 * second subsystem B ("Other", falling as Dpub rises, so that no province is lowest in both and
 * every D is defined). Shared by the spatial and spatialMarkov section tests.
 */
import * as fs from "fs";
import * as path from "path";
import type { Cell } from "../../../src/report/csv";
import type { RolesFile } from "../../../src/report/roles";

export const SEED_FIXTURE = path.join(__dirname, "..", "..", "fixtures", "seed-table3-ccd.csv");

/** The rows (province, region, year, D) of the seed paper's D. */
export function seedRows(file = SEED_FIXTURE): string[][] {
  return fs
    .readFileSync(file, "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(","));
}

/** The seed paper's D as a panel (units renamed or left out by the arguments; from `file`, default the fixture). */
export function seedPanelCells(rename: (p: string) => string = (p) => p, keep: (p: string) => boolean = () => true, file = SEED_FIXTURE): Cell[][] {
  const rows: Cell[][] = [["Province", "Region", "Year", "Dpub", "Other"]];
  for (const [p, region, year, d] of seedRows(file))
    if (keep(p)) rows.push([rename(p), region, Number(year), Number(d), 1 - Number(d) * 0.5 + (Number(year) % 3) * 0.01 + p.length * 0.001]);
  return rows;
}

export const SEED_ROLES = {
  id: "Province",
  time: "Year",
  group: "Region",
  subsystems: { A: [{ column: "Dpub", direction: "+" as const }], B: [{ column: "Other", direction: "+" as const }] },
} satisfies RolesFile;
