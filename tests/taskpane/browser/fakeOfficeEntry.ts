/**
 * Test-only bundle (dist/test-fake-office.js, development builds): loaded by
 * dist/taskpane.test.html before taskpane.js instead of office.js. Installs the recording fake
 * of the Excel object model on window, and exposes it as `window.__fake` plus `__fakeDump()`
 * (plain, serialisable state) for the browser tests. `?displayLanguage=zh-CN` sets
 * Office.context.displayLanguage; `?excelApi=1.6` makes the fake an older Excel.
 */
import { FakeExcel, installFakeOffice } from "../../doubles/fakeExcel";
import { rectAddress } from "../../../src/taskpane/excel/a1";

const api = /[?&]excelApi=([\d.]+)/.exec(location.search);
const fake: FakeExcel = installFakeOffice(window, api ? { excelApi: api[1] } : {});
const lang = /[?&]displayLanguage=([^&]+)/.exec(location.search);
const office = (window as unknown as { Office: { context: Record<string, unknown> } }).Office;
office.context.displayLanguage = lang ? decodeURIComponent(lang[1]) : "en-US";

export interface SheetDump {
  name: string;
  /** Values of the used range from A1 ("" for empty cells). */
  values: Array<Array<string | number | boolean>>;
  tables: Array<{ name: string; address: string; hasHeaders: boolean }>;
  charts: Array<{ type: string; title?: string; series: Array<{ name: string; values?: string; xValues?: string }> }>;
  conditionalFormats: number;
  freeze: { rows: number; columns: number } | null;
}

function dump(): { sheets: SheetDump[]; settings: Record<string, unknown>; selection: string | null } {
  const sheets = fake.sheets.map((s): SheetDump => {
    const used = fake.usedRect(s, true);
    const values = used ? fake.readValues(s, { r0: 0, c0: 0, r1: used.r1, c1: used.c1 }) : [];
    return {
      name: s.name,
      values,
      tables: s.tables.map((t) => ({ name: t.name, address: rectAddress(t.rect), hasHeaders: t.hasHeaders })),
      charts: s.charts.map((c) => ({ type: c.type, title: c.title, series: fake.seriesAddresses(c) })),
      conditionalFormats: s.conditionalFormats.length,
      freeze: s.freeze,
    };
  });
  const sel = fake.selection;
  const selSheet = sel ? fake.sheetById(sel.sheetId) : undefined;
  return { sheets, settings: fake.savedSettings, selection: sel && selSheet ? `${selSheet.name}!${rectAddress(sel.rect)}` : null };
}

Object.assign(window, { __fake: fake, __fakeDump: dump });
