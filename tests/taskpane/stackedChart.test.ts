/**
 * The "stackedColumn" chart type (the Dagum contributions of the Regional differences sheet) in
 * the Office.js writer: drawn as Excel's ColumnStacked, beside its table, one series per column,
 * through the recording fake of the Excel object model.
 */
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));
import { chart, createReport, sheet, tableFromColumns } from "../../src/report/model";
import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "../doubles/fakeExcel";
import { writeReportToExcel } from "../../src/taskpane/excelWriter";

let fake: FakeExcel;
beforeEach(() => {
  fake = installFakeOffice(globalThis, new FakeExcel({ sheets: ["Data"] }));
});
afterEach(() => uninstallFakeOffice(globalThis));

test("a stackedColumn chart is a ColumnStacked chart with one series per contribution", async () => {
  const r = createReport("Gini contributions");
  const t = tableFromColumns([
    { key: "period", label: "Period", format: "text", values: ["2011", "2012"] },
    { key: "Gw", label: "G_w", values: [0.038, 0.034] },
    { key: "Gnb", label: "G_nb", values: [0.071, 0.063] },
    { key: "Gt", label: "G_t", values: [0.031, 0.029] },
  ]);
  r.sheets.push(
    sheet(
      "Regional differences",
      [t],
      [chart("stackedColumn", "Contributions", { sheet: "Regional differences", table: 0 }, "period", ["Gw", "Gnb", "Gt"], { y: "Contribution" })],
    ),
  );
  await writeReportToExcel(r, { confirmReplace: async () => true });
  const s = fake.sheet("CL Regional differences");
  expect(s.charts).toHaveLength(1);
  expect(s.charts[0]).toMatchObject({ type: "ColumnStacked", title: "Contributions", valueAxisTitle: "Contribution" });
  expect(fake.seriesAddresses(s.charts[0]).map((x) => x.name)).toEqual(["G_w", "G_nb", "G_t"]);
});
