/**
 * The worksheet read from its XML (src/writer/sheetXml.ts, issue 17): the values read back are
 * the values written (exceljs writes the workbooks; a few parts are written by hand for what
 * exceljs does not write: inline strings, a formula's string result, the 1904 date system), and
 * they equal what the exceljs reader gives; anything unusual is left to exceljs.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { tidy } from "../../src/report/csv";
import { readXlsxCells } from "../../src/writer/readXlsx";
import { isDateFormat, readSheetXml } from "../../src/writer/sheetXml";

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Both readers on the bytes: the XML reader must take the workbook, and agree with exceljs. */
async function bothReaders(bytes: Uint8Array, sheet?: string) {
  const xml = await readSheetXml(bytes, sheet);
  expect(xml).toBeDefined();
  const fast = await readXlsxCells(bytes, { sheet });
  const slow = await readXlsxCells(bytes, { sheet, reader: "exceljs" });
  expect(tidy(xml!.rows)).toEqual(fast.cells);
  expect(fast).toEqual(slow);
  return fast;
}

/** A workbook with sheet1.xml (and, optionally, workbook.xml) replaced by `edit`. */
async function edited(wb: ExcelJS.Workbook, edit: (sheet: string) => string, editWorkbook: (xml: string) => string = (x) => x): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await bytesOf(wb));
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  zip.file("xl/worksheets/sheet1.xml", edit(sheet));
  const book = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", editWorkbook(book));
  return new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
}

describe("readSheetXml: the values written are the values read", () => {
  test("numbers, shared strings (entities, blanks, Chinese, repeated), booleans, errors, blanks", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    const rows = [
      ["id", "value", "note", "flag"],
      ["A & B <x>", 1.5, "  padded  ", true],
      ["quote \" and ' apostrophe", -2.25e-7, "北京市", false],
      ["A & B <x>", 123456789012, "", null],
      [null, 0, "   ", { error: "#DIV/0!" }],
      ["last", 1e300, "x", { error: "#N/A" }],
    ];
    rows.forEach((r) => ws.addRow(r));
    const r = await bothReaders(await bytesOf(wb));
    expect(r.cells).toEqual([
      ["id", "value", "note", "flag"],
      ["A & B <x>", 1.5, "padded", true],
      ["quote \" and ' apostrophe", -2.25e-7, "北京市", false],
      ["A & B <x>", 123456789012, null, null],
      [null, 0, null, "#DIV/0!"],
      ["last", 1e300, "x", "#N/A"],
    ]);
  });

  test("dates by built-in and custom number formats, times, a number in a non-date format", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("D");
    ws.addRow(["date", "custom", "time", "percent", "quoted"]);
    const row = ws.addRow([new Date(Date.UTC(2015, 2, 1)), 42000, new Date(Date.UTC(2020, 0, 2, 6, 30, 15)), 0.25, 5]);
    row.getCell(2).numFmt = "dd/mm/yyyy";
    row.getCell(4).numFmt = "0.00%";
    row.getCell(5).numFmt = '"days" 0'; // date letters inside quotes: not a date
    const r = await bothReaders(await bytesOf(wb));
    expect(r.cells[1]).toEqual(["2015-03-01", "2014-12-27", "2020-01-02 06:30:15", 0.25, 5]);
    expect([isDateFormat("yyyy-mm-dd"), isDateFormat("[Red]0.00"), isDateFormat('"d" 0'), isDateFormat("h:mm")]).toEqual([true, false, false, true]);
  });

  test("formulas with cached values (number, shared, string, boolean, error), without one (listed), merged cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("F");
    ws.addRow(["a", "b", "c"]);
    ws.getCell("A2").value = { formula: "1+1", result: 2 };
    ws.getCell("B2").value = { formula: "A2*2", result: 4, shareType: "shared", ref: "B2:B3" } as ExcelJS.CellValue;
    ws.getCell("B3").value = { sharedFormula: "B2", result: 6 };
    ws.getCell("C2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("A3").value = { formula: "TODAY()" };
    ws.getCell("C3").value = { formula: "A2>1", result: true };
    ws.getCell("A4").value = "merged";
    ws.mergeCells("A4:C5");
    ws.getCell("A6").value = { formula: "B9+1" }; // no value, below a merge
    const r = await bothReaders(await bytesOf(wb));
    expect(r.cells).toEqual([
      ["a", "b", "c"],
      [2, 4, "#DIV/0!"],
      [null, 6, true],
      ["merged", null, null],
    ]); // trailing empty rows (the merge's second row, A6 without a value) are removed
    expect(r.formulasWithoutValue).toEqual([
      { row: 2, column: 0, formula: "TODAY()" },
      { row: 5, column: 0, formula: "B9+1" },
    ]);
  });

  test("inline strings (plain and rich), a formula's string result, rich shared text, escapes (written by hand)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("I");
    ws.addRow(["h1", "h2", "h3"]);
    ws.getCell("A3").value = { richText: [{ text: "Rich ", font: { bold: true } }, { text: "text" }] };
    ws.getCell("B3").value = "tab_x0009_here";
    ws.getCell("A2").value = 1;
    const bytes = await edited(wb, (xml) =>
      xml.replace(
        /<c r="A2"[^>]*>.*?<\/c>/,
        '<c r="A2" t="inlineStr"><is><t> inline &amp; plain </t></is></c><c r="B2" t="inlineStr"><is><r><t>in</t></r><r><rPr><b/></rPr><t>line</t></r></is></c>' +
          '<c r="C2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
      ),
    );
    const r = await bothReaders(bytes);
    expect(r.cells).toEqual([
      ["h1", "h2", "h3"],
      ["inline & plain", "inline", "ab"],
      ["Rich text", "tab\there", null],
    ]);
  });

  test("the 1904 date system", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("D");
    ws.addRow(["d"]);
    ws.addRow([0]).getCell(1).numFmt = "yyyy-mm-dd";
    const bytes = await edited(
      wb,
      (x) => x,
      (book) =>
        book.includes("<workbookPr")
          ? book.replace("<workbookPr", '<workbookPr date1904="1"')
          : book.replace("<bookViews", '<workbookPr date1904="1"/><bookViews'),
    );
    const r = await bothReaders(bytes);
    expect(r.cells).toEqual([["d"], ["1904-01-01"]]);
  });

  test("a named sheet; sheet names with entities", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A & B").addRow(["first"]);
    wb.addWorksheet("Second").addRow(["x", 2]);
    const bytes = await bytesOf(wb);
    expect((await bothReaders(bytes)).sheetNames).toEqual(["A & B", "Second"]);
    expect((await bothReaders(bytes, "second")).cells).toEqual([["x", 2]]);
    expect(await readSheetXml(bytes, "Nope")).toBeUndefined(); // exceljs names the problem
  });

  test("unusual parts are left to exceljs: an ISO-date cell, a cell without an address", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("U");
    ws.addRow(["a", "b"]);
    ws.addRow([1, 2]);
    for (const edit of [
      (x: string) => x.replace(/<c r="B2"[^>]*>.*?<\/c>/, '<c r="B2" t="d"><v>2015-03-01</v></c>'),
      (x: string) => x.replace('<c r="B2"', "<c"),
    ]) {
      const bytes = await edited(wb, edit);
      expect(await readSheetXml(bytes)).toBeUndefined();
      const r = await readXlsxCells(bytes);
      expect(r.cells[0]).toEqual(["a", "b"]);
    }
  });
});
