import { FakeExcel, installFakeOffice, uninstallFakeOffice } from "./fakeExcel";

describe("fake Excel", () => {
  let fake: FakeExcel;
  beforeEach(() => {
    fake = installFakeOffice(globalThis, { sheets: ["Sheet1"] });
  });
  afterEach(() => uninstallFakeOffice(globalThis));

  test("values are queued until sync and can only be read after load + sync", async () => {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Sheet1");
      const r = ws.getRange("B2:C3");
      r.values = [
        [1, "a"],
        ["2011", "'0012"],
      ];
      expect(fake.values("Sheet1", "B2")).toEqual([[""]]); // not yet applied
      r.load("values,address");
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- reading before the sync is what this test checks
      expect(() => r.values).toThrow(/not available/);
      await context.sync();
      expect(r.values).toEqual([
        [1, "a"],
        [2011, "0012"],
      ]);
      expect(r.address).toBe("Sheet1!B2:C3");
    });
    expect(fake.syncCount).toBe(1); // Excel.run's final sync had nothing to send
  });

  test("collections need load for items; errors surface at sync", async () => {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets;
      expect(() => ws.items).toThrow(/not available/);
      ws.load("items/name");
      await context.sync();
      expect(ws.items.map((w) => w.name)).toEqual(["Sheet1"]);
      context.workbook.worksheets.getItem("Nope");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      context.workbook.worksheets.add("sheet1");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
      context.workbook.getSelectedRange().values = [[1, 2]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  test("tables, charts, colour scales, frozen panes and payload recording", async () => {
    fake.addSheet("Data", [
      ["x", "y"],
      [1, 2],
      [2, 4],
      [3, 9],
    ]);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Data");
      context.application.suspendApiCalculationUntilNextSync();
      const t = ws.tables.add(ws.getRange("A1:B4"), true);
      t.name = "T_1";
      const c = ws.charts.add(Excel.ChartType.xyscatterSmoothNoMarkers, ws.getRange("B2:B4"), Excel.ChartSeriesBy.columns);
      c.series.getItemAt(0).setXAxisValues(ws.getRange("A2:A4"));
      c.title.text = "y by x";
      const cf = ws.getRange("B2:B4").conditionalFormats.add(Excel.ConditionalFormatType.colorScale);
      cf.colorScale.criteria = {
        minimum: { type: "LowestValue", color: "#F8696B" },
        maximum: { type: "HighestValue", color: "#63BE7B" },
      } as Excel.ConditionalColorScaleCriteria;
      ws.freezePanes.freezeRows(1);
      await context.sync();
    });
    const s = fake.sheet("Data");
    expect(s.tables[0]).toMatchObject({ name: "T_1", rect: { r0: 0, r1: 3, c0: 0, c1: 1 } });
    expect(fake.seriesAddresses(s.charts[0])).toEqual([{ name: "Series1", values: "Data!B2:B4", xValues: "Data!A2:A4" }]);
    expect(s.charts[0]).toMatchObject({ type: "XYScatterSmoothNoMarkers", title: "y by x" });
    expect(s.conditionalFormats[0].type).toBe("ColorScale");
    expect(s.freeze).toEqual({ rows: 1, columns: 0 });
    expect(fake.syncs[0].calculationSuspended).toBe(true);
    expect(fake.syncs[0].bytes).toBeGreaterThan(0);
  });

  test("surrounding region, tables of a cell, selection", async () => {
    fake.addSheet("Data", [
      ["a", "b"],
      [1, 2],
      [3, 4],
    ]);
    fake.select("Data", "B2");
    await Excel.run(async (context) => {
      const sel = context.workbook.getSelectedRange();
      const reg = sel.getSurroundingRegion();
      reg.load("address");
      const tables = sel.getTables(false);
      // eslint-disable-next-line office-addins/no-navigational-load -- the fake must accept a load of the collection's items as a whole
      tables.load("items");
      await context.sync();
      expect(reg.address).toBe("Data!A1:B3");
      expect(tables.items).toHaveLength(0);
      context.workbook.worksheets.getItem("Sheet1").getRange("C5").select();
    });
    expect(fake.selection).toMatchObject({ rect: { r0: 4, c0: 2 } });
  });

  test("injected failure applies part of the batch and throws; payload limit is enforced", async () => {
    fake.failAtSync(1, { applied: 1 });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add("A");
        context.workbook.worksheets.add("B");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "GeneralException" });
    expect(fake.sheetNames()).toEqual(["Sheet1", "A"]);
    fake.payloadLimit = 1000;
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("A").getRange("A1:A100").values = Array.from({ length: 100 }, () => ["some text to fill up"]);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });

  test("settings, requirement sets, deleting the last visible sheet", async () => {
    Office.context.document.settings.set("k", { a: 1 });
    await new Promise((r) => Office.context.document.settings.saveAsync(r));
    expect(fake.savedSettings).toEqual({ k: { a: 1 } });
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
    await expect(Excel.run(async (context) => context.workbook.worksheets.getItem("Sheet1").delete())).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});
