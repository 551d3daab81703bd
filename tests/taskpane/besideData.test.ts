/**
 * "Beside the data" (issue 13): C, T, D and the grade of each observation as four new columns to
 * the right of the data, written through the recording fake of Excel; a non-empty target cell is
 * refused by name with nothing written; nothing outside the four columns changes.
 */
import * as fs from "fs";
import * as path from "path";
import { Cell, parseCsv } from "../../src/report/csv";
import { runReport } from "../../src/report/pipeline";
import { besidePlan, DataPlace } from "../../src/taskpane/besideData";
import { BesideBlocked, checkBeside, writeBeside } from "../../src/taskpane/excelWriter";
import type { Observation } from "../../src/report/analysis";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../doubles/fakeExcel";

const ROOT = path.join(__dirname, "..", "..");
const cells: Cell[][] = parseCsv(fs.readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8"));
const roles = fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8");
const width = cells[0].length; // 38 columns: A..AL, so the new ones are AM..AP

let fake: FakeExcel;
beforeEach(() => {
  fake = installFakeOffice(globalThis, new FakeExcel({ sheets: ["Sheet1"] }));
});
afterEach(() => uninstallFakeOffice(globalThis));

/** The sample panel on "Data" from B3 (a title above it in B1), a note in Sheet1. */
function seed(): DataPlace {
  const data = fake.addSheet("Data");
  fake.storeValue(data, 0, 1, "Provincial panel");
  cells.forEach((r, i) => r.forEach((c, j) => c !== null && fake.storeValue(data, 2 + i, 1 + j, c)));
  fake.storeValue(fake.sheet("Sheet1"), 0, 0, "my notes");
  return { sheet: "Data", rowIndex: 2, columnIndex: 1, rows: cells.length, columns: width };
}
const everything = () => fake.sheets.map((s) => ({ name: s.name, values: fake.readValues(s, { r0: 0, c0: 0, r1: 320, c1: 45 }) }));

test("the plan: header in the report's language, one row per observation's row, empty for rows not in the panel", async () => {
  const shuffled = [cells[0], ...cells.slice(1).reverse()];
  shuffled.splice(
    5,
    0,
    shuffled[5].map(() => null),
  ); // a blank row inside the data
  const result = await runReport(shuffled, roles);
  const obs = (result.analysis as { observations: Observation[] }).observations;
  const plan = besidePlan({ sheet: "Data", rowIndex: 2, columnIndex: 1, rows: shuffled.length, columns: width }, result)!;
  expect(plan.rect).toEqual({ r0: 2, c0: 39, r1: 2 + shuffled.length - 1, c1: 42 });
  expect(plan.values[0]).toEqual(["Coupling degree C", "Coordination index T", "Coupling coordination degree D", "Coordination grade"]);
  expect(plan.values[5]).toEqual(["", "", "", ""]);
  // each data row gets its own observation (the panel sorts by unit and period; the sheet is reversed)
  const jId = shuffled[0].indexOf("Province");
  const jYear = shuffled[0].indexOf("Year");
  for (const r of [1, 4, 6, 200, shuffled.length - 1]) {
    const o = obs.find((x) => x.id === shuffled[r][jId] && x.period === String(shuffled[r][jYear]))!;
    expect(plan.values[r]).toEqual([o.C, o.T, o.D, o.grade]);
  }
  expect(plan.values.filter((r, i) => i > 0 && r[2] !== "").length).toBe(obs.length);

  const zh = await runReport(cells, roles, { ...result.analysis.options, language: "zh" });
  expect(besidePlan({ sheet: "Data", rowIndex: 0, columnIndex: 0, rows: cells.length, columns: width }, zh)!.values[0]).toEqual([
    "耦合度C",
    "综合协调指数T",
    "耦合协调度D",
    "协调等级",
  ]);
});

test("written to the four empty columns right of the data; nothing else changes", async () => {
  const place = seed();
  const result = await runReport(cells, roles);
  const obs = (result.analysis as { observations: Observation[] }).observations;
  const plan = besidePlan(place, result)!;
  const before = everything();
  await checkBeside(plan);
  expect(everything()).toEqual(before); // the check writes nothing
  const range = await writeBeside(plan);
  expect(range).toBe("Data!AN3:AQ313");
  expect(fake.values("Data", "AN3:AQ3")).toEqual([["Coupling degree C", "Coordination index T", "Coupling coordination degree D", "Coordination grade"]]);
  const beijing2020 = cells.findIndex((r) => r[0] === "Beijing" && String(r[2]) === "2020");
  const o = obs.find((x) => x.id === "Beijing" && x.period === "2020")!;
  expect(fake.values("Data", `AN${3 + beijing2020}:AQ${3 + beijing2020}`)).toEqual([[o.C, o.T, o.D, o.grade]]);
  expect(fake.cell("Data", `AP${3 + beijing2020}`).numberFormat).toBe("0.0000");
  // every cell outside AN3:AQ313 is as it was
  const after = everything();
  after.forEach((s, k) =>
    s.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const inside = s.name === "Data" && i >= 2 && i <= 312 && j >= 39 && j <= 42;
        if (!inside) expect([s.name, i, j, v]).toEqual([s.name, i, j, before[k].values[i][j]]);
      }),
    ),
  );
  expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Data"]);
});

test("a non-empty cell in the target is refused by its address, and nothing is written", async () => {
  const place = seed();
  fake.storeValue(fake.sheet("Data"), 100, 41, 0); // AP101 holds a 0
  const plan = besidePlan(place, await runReport(cells, roles))!;
  const before = everything();
  const syncsBefore = fake.syncs.length;
  await expect(writeBeside(plan)).rejects.toThrow(BesideBlocked);
  const e = (await checkBeside(plan).catch((x: unknown) => x)) as BesideBlocked;
  expect(e.address).toBe("Data!AP101");
  expect(e.value).toBe("0");
  expect(e.range).toBe("Data!AN3:AQ313");
  expect(everything()).toEqual(before);
  expect(fake.syncs.length).toBeGreaterThan(syncsBefore);
});

test("a geodetector-only run has no columns to write", async () => {
  const geo = await runReport(cells, { y: "X1 GDP per capita (RMB/person)", factors: ["X2 Beds in medical institutions"] });
  expect(besidePlan({ sheet: "Data", rowIndex: 0, columnIndex: 0, rows: cells.length, columns: width }, geo)).toBeNull();
});
