import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { CoordError } from "../../src/engine/errors";
import { parseCsv } from "../../src/report/csv";
import { buildPanel } from "../../src/report/panel";
import { plainValue, readXlsxCells } from "../../src/writer/readXlsx";

const SAMPLES = path.join(__dirname, "../../samples");
const csvCells = parseCsv(fs.readFileSync(path.join(SAMPLES, "sample-panel.csv"), "utf8"));
const rolesText = fs.readFileSync(path.join(SAMPLES, "sample-panel.roles.json"), "utf8");

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const b = await wb.xlsx.writeBuffer();
  return new Uint8Array(b as ArrayBuffer);
}

async function rejection(p: Promise<unknown>): Promise<CoordError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CoordError);
    return e as CoordError;
  }
  throw new Error("expected a CoordError");
}

describe("readXlsxCells", () => {
  let panelBytes: Uint8Array;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Panel");
    for (const row of csvCells) ws.addRow(row);
    wb.addWorksheet("Other").addRow(["x"]);
    panelBytes = await bytesOf(wb);
  });

  test("an XLSX panel reads back equal to the CSV parse (first sheet by default)", async () => {
    const r = await readXlsxCells(panelBytes);
    expect(r.sheetName).toBe("Panel");
    expect(r.sheetNames).toEqual(["Panel", "Other"]);
    expect(r.cells).toEqual(csvCells);
  });

  test("the panel built from the XLSX equals the one built from the CSV", async () => {
    const { cells } = await readXlsxCells(panelBytes.buffer.slice(panelBytes.byteOffset, panelBytes.byteOffset + panelBytes.byteLength) as ArrayBuffer);
    const a = buildPanel(csvCells, rolesText);
    const b = buildPanel(cells, rolesText);
    expect(b.ids).toEqual(a.ids);
    expect(b.times).toEqual(a.times);
    expect(b.rowIndex).toEqual(a.rowIndex);
    expect(b.indicators.map((i) => Array.from(i.values))).toEqual(a.indicators.map((i) => Array.from(i.values)));
  });

  test("a named sheet, matched exactly or ignoring case", async () => {
    expect((await readXlsxCells(panelBytes, { sheet: "Other" })).cells).toEqual([["x"]]);
    expect((await readXlsxCells(panelBytes, { sheet: "other" })).sheetName).toBe("Other");
  });

  test("an unknown sheet: the message lists the sheets", async () => {
    const e = await rejection(readXlsxCells(panelBytes, { sheet: "Data" }));
    expect(e.code).toBe("OPTION");
    expect(e.message).toBe('no sheet named "Data" in the workbook; its sheets are "Panel", "Other"');
  });

  test("formulas, shared formulas, rich text, hyperlinks, dates, errors, merges, blanks -> plain values", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A2").value = "Header";
    ws.getCell("B2").value = { richText: [{ text: "Rich ", font: { bold: true } }, { text: "text" }] };
    ws.getCell("C2").value = { text: "link", hyperlink: "https://example.org" };
    ws.getCell("D2").value = "  padded  ";
    ws.getCell("A3").value = { formula: "1+1", result: 2 };
    ws.getCell("B3").value = { formula: "A3*2", result: 4, shareType: "shared", ref: "B3:B4" } as ExcelJS.CellValue;
    ws.getCell("B4").value = { sharedFormula: "B3", result: 6 };
    ws.getCell("C3").value = { formula: "NA()", result: { error: "#N/A" } };
    ws.getCell("D3").value = new Date(Date.UTC(2015, 2, 1));
    ws.getCell("E3").value = new Date(Date.UTC(2015, 2, 1, 12, 30, 0));
    ws.getCell("A4").value = { formula: "TODAY()" }; // no cached result
    ws.getCell("C4").value = true;
    ws.getCell("D4").value = { error: "#DIV/0!" };
    ws.getCell("E4").value = "   ";
    ws.getCell("A5").value = "merged";
    ws.mergeCells("A5:C5");
    ws.getCell("D6").value = null;
    const r = await readXlsxCells(await bytesOf(wb));
    expect(r.cells).toEqual([
      [null, null, null, null, null],
      ["Header", "Rich text", "link", "padded", null],
      [2, 4, "#N/A", "2015-03-01", "2015-03-01 12:30:00"],
      [null, 6, true, "#DIV/0!", null],
      ["merged", null, null, null, null],
    ]);
  });

  test("plainValue on odd values", () => {
    expect(plainValue(undefined)).toBeNull();
    expect(plainValue(NaN)).toBeNull();
    expect(plainValue({ text: { richText: [{ text: "a" }, { text: "b" }] }, hyperlink: "x" } as unknown as ExcelJS.CellValue)).toBe("ab");
  });

  test("not an xlsx file, an old xls file, no bytes", async () => {
    const csv = new TextEncoder().encode("a,b\n1,2\n");
    const e1 = await rejection(readXlsxCells(csv));
    expect(e1.code).toBe("OPTION");
    expect(e1.message).toBe("the file is not an .xlsx workbook (it is not a zip archive); for CSV text use the CSV reader");
    const e2 = await rejection(readXlsxCells(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])));
    expect(e2.message).toBe("this is an old .xls workbook; save it as .xlsx (or CSV) and try again");
    expect((await rejection(readXlsxCells(new Uint8Array(0)))).code).toBe("EMPTY");
    const e4 = await rejection(readXlsxCells(Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3])));
    expect(e4.message).toMatch(/^the file could not be read as an \.xlsx workbook: /);
  });

  test("a workbook written by writeReportXlsx reads back (cells of a report sheet)", async () => {
    const { writeReportXlsx } = await import("../../src/writer/xlsx");
    const { createReport, sheet, table, column } = await import("../../src/report/model");
    const rep = createReport("t");
    rep.sheets.push(
      sheet("Data", [
        table(
          [column("a", "A", "text"), column("b", "B", "0.000")],
          [
            { a: "x", b: 0.123456 },
            { a: "y", b: NaN },
          ],
        ),
      ]),
    );
    const r = await readXlsxCells(await writeReportXlsx(rep));
    expect(r.sheetNames).toEqual(["Data", "Notes"]);
    expect(r.cells).toEqual([
      ["A", "B"],
      ["x", 0.123456],
      ["y", "#N/A"],
    ]);
  });
});
