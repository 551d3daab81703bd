/**
 * The XLSX input read by column (issue 17: `readXlsxColumns`, the command line's reader): the
 * same cells, sheet names, formulas without a value and errors as the row reader
 * (`readXlsxCells`), through JSZip and through the zip's own directory with Node's zlib; the
 * columns hold the numbers as numbers (the Float64Array the panel and the geodetector read) and
 * keep logical cells as logical; a report from the XLSX is the report from the CSV.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { CoordError } from "../../src/engine/errors";
import { ColumnCells } from "../../src/report/columns";
import { Cell, parseCsv, tidy } from "../../src/report/csv";
import { analysisToJson, runReport } from "../../src/report/pipeline";
import { buildGeoData } from "../../src/report/panel";
import { readCells } from "../../src/cli/main";
import { xlsxSheetRows } from "../../src/cli/limits";
import { readXlsxCells, readXlsxColumns } from "../../src/writer/readXlsx";
import { readSheetColumns, readSheetXml } from "../../src/writer/sheetXml";
import { entryBytes, zipEntries } from "../../src/writer/unzip";

const ROOT = path.resolve(__dirname, "../..");
/** The time of every run (the Reproduce record's date), so that two runs can be compared whole. */
const CREATED = "2026-12-04T00:00:00.000Z";
const inflateRaw = (d: Uint8Array, size?: number) => zlib.inflateRawSync(d, size !== undefined ? { chunkSize: Math.max(64, size + 1) } : {});

/** zlib's stream in small output chunks (so that a piece is made of several). */
const inflateRawStream = (d: Uint8Array) => {
  const z = zlib.createInflateRaw({ chunkSize: 64 });
  z.end(d);
  return z;
};

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A workbook with sheet1.xml replaced by `edit`. */
async function edited(wb: ExcelJS.Workbook, edit: (sheet: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await bytesOf(wb));
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  zip.file("xl/worksheets/sheet1.xml", edit(sheet));
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

/** Every cell of the columns against the rows: the same value and type, and numbers in the column's Float64Array. */
function expectSameCells(cols: ColumnCells, rows: Cell[][]): void {
  expect(cols.toRows()).toEqual(rows);
  expect(cols.rowCount).toBe(rows.length);
  expect(cols.width).toBe(rows[0]?.length ?? 0);
  for (let j = 0; j < cols.width; j++) {
    const { num } = cols.column(j);
    for (let r = 0; r < rows.length; r++) {
      const c = rows[r][j];
      if (typeof c === "number") expect(Object.is(num[r], c)).toBe(true);
      else expect(num[r]).toBeNaN();
      expect(cols.isBlank(r)).toBe(rows[r].every((x) => x === null));
    }
  }
}

/** The column reader (JSZip, and the zip's own directory with zlib) against the row reader; `fast`: the XML reader takes the workbook. */
async function sameAsRows(bytes: Uint8Array, sheet?: string, fast = true) {
  const rows = await readXlsxCells(bytes, { sheet });
  for (const options of [{ sheet }, { sheet, inflateRaw }, { sheet, inflateRaw, inflateRawStream }]) {
    const cols = await readXlsxColumns(bytes, options);
    expectSameCells(cols.cells, rows.cells);
    expect(cols.sheetName).toBe(rows.sheetName);
    expect(cols.sheetNames).toEqual(rows.sheetNames);
    expect(cols.formulasWithoutValue).toEqual(rows.formulasWithoutValue);
    expect((await readSheetColumns(bytes, sheet, options)) !== undefined).toBe(fast);
  }
  return rows;
}

describe("readXlsxColumns gives readXlsxCells' cells", () => {
  test("shared strings, blanks, text in a numeric column, logical and error cells, Chinese text, -0 and 1e300", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    [
      ["省份", "年份", "value", "flag", "note"],
      ["北京市", 2011, 1.5, true, "  padded  "],
      ["北京市", 2012, "n/a", false, ""],
      ["上海市", 2011, null, { error: "#N/A" }, "東部"],
      ["上海市", 2012, -0, { error: "#DIV/0!" }, "   "],
      ["A & B <x>", 2013, 1e300, null, "007"],
    ].forEach((r) => ws.addRow(r));
    const r = await sameAsRows(await bytesOf(wb));
    expect(r.cells).toEqual([
      ["省份", "年份", "value", "flag", "note"],
      ["北京市", 2011, 1.5, true, "padded"],
      ["北京市", 2012, "n/a", false, null],
      ["上海市", 2011, null, "#N/A", "東部"],
      ["上海市", 2012, 0, "#DIV/0!", null], // exceljs writes -0 as 0
      ["A & B <x>", 2013, 1e300, null, "007"],
    ]);
  });

  test("sparse rows: leading blank rows and columns, gaps, trailing styled cells without values, a wide last row", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("B3").value = "id";
    ws.getCell("C3").value = "x";
    ws.getCell("B5").value = "a";
    ws.getCell("D5").value = 4;
    ws.getCell("F5").numFmt = "0.00"; // a style, no value
    ws.getCell("H7").value = 8;
    ws.getCell("A9").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    const r = await sameAsRows(await bytesOf(wb));
    expect(r.cells.length).toBe(7);
    expect(r.cells[4]).toEqual([null, "a", null, 4, null, null, null, null]);
    expect(r.cells[6][7]).toBe(8);
  });

  test("inline strings, a formula's string result, cells without their s and t, formulas with and without a value, dates (written by hand)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("I");
    ws.addRow(["h1", "h2", "h3", "h4"]);
    ws.getCell("A2").value = 1;
    ws.getCell("A3").value = { formula: "A2+1", result: 2 };
    ws.getCell("B3").value = { formula: "A2*9" };
    ws.getCell("C3").value = new Date(Date.UTC(2015, 2, 1));
    ws.getCell("D3").value = { formula: "A2>0", result: true };
    const bytes = await edited(wb, (xml) =>
      xml.replace(
        /<c r="A2"[^>]*>.*?<\/c>/,
        '<c r="A2" t="inlineStr"><is><t> 江苏 &amp; 浙江 </t></is></c><c r="B2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C2"><v>2.5</v></c><c r="D2" t="n"><v>1e3</v></c>',
      ),
    );
    const r = await sameAsRows(bytes);
    expect(r.cells).toEqual([
      ["h1", "h2", "h3", "h4"],
      ["江苏 & 浙江", "ab", 2.5, 1000],
      [2, null, "2015-03-01", true],
    ]);
    expect(r.formulasWithoutValue).toEqual([{ row: 2, column: 1, formula: "A2*9" }]);
  });

  test("merged ranges and cells out of row order go through the rows; a cell without its address through exceljs", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("M");
    ws.addRow(["a", "b", "c"]);
    ws.addRow([1, 2, 3]);
    ws.addRow([4, 5, 6]);
    ws.mergeCells("A3:B3");
    await sameAsRows(await bytesOf(wb));
    const wb2 = new ExcelJS.Workbook();
    const ws2 = wb2.addWorksheet("O");
    ws2.addRow(["a", "b"]);
    ws2.addRow([1, 2]);
    ws2.addRow([3, 4]);
    // B2 written after A3, then C2 before B2 within a row
    const swapped = await edited(wb2, (xml) => {
      const b2 = /<c r="B2"[^>]*>.*?<\/c>/.exec(xml)![0];
      return xml.replace(b2, "").replace(/(<c r="A3"[^>]*>.*?<\/c>)/, `$1${b2}`);
    });
    const r = await sameAsRows(swapped);
    expect(r.cells).toEqual([
      ["a", "b"],
      [1, 2],
      [3, 4],
    ]);
    const reversed = await edited(wb2, (xml) => xml.replace(/(<c r="A2"[^>]*>.*?<\/c>)(<c r="B2"[^>]*>.*?<\/c>)/, "$2$1"));
    expect((await sameAsRows(reversed)).cells[1]).toEqual([1, 2]);
    const noAddress = await edited(wb2, (xml) => xml.replace('<c r="B2"', "<c"));
    expect((await sameAsRows(noAddress, undefined, false)).cells[0]).toEqual(["a", "b"]);
  });

  test("a named sheet, an empty sheet, and the errors of the row reader", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Empty");
    wb.addWorksheet("Panel").addRow(["x", 2]);
    const bytes = await bytesOf(wb);
    expect((await sameAsRows(bytes, "panel")).cells).toEqual([["x", 2]]);
    const empty = await readXlsxColumns(bytes, { inflateRaw });
    expect([empty.sheetName, empty.cells.rowCount, empty.cells.width]).toEqual(["Empty", 0, 0]);
    const message = async (p: Promise<unknown>) =>
      p.then(
        () => "no error",
        (e: CoordError) => `${e.code}: ${e.message}`,
      );
    for (const [input, sheet] of [
      [bytes, "Nope"],
      [new Uint8Array(0), undefined],
      [new TextEncoder().encode("a,b\n1,2"), undefined],
      [Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]), undefined],
    ] as Array<[Uint8Array, string | undefined]>) {
      const expected = await message(readXlsxCells(input, { sheet }));
      expect(expected).not.toBe("no error");
      expect(await message(readXlsxColumns(input, { sheet, inflateRaw }))).toBe(expected);
    }
  });

  test("the sheet's XML read in pieces of any size (cut inside tags, numbers, Chinese text, </sheetData> and the merged ranges) gives the same cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("P");
    ws.addRow(["地区", "x", "y"]);
    for (let i = 0; i < 40; i++) ws.addRow([i % 3 === 0 ? "华东地区" : `县${i}`, i * 1.25, { formula: `B${i + 2}*2`, result: i * 2.5 }]);
    const plain = await edited(wb, (xml) => xml.replace(/<c r="A5"[^>]*>.*?<\/c>/, '<c r="A5" t="inlineStr"><is><t>内联 文本</t></is></c>'));
    ws.mergeCells("B10:C11");
    const merged = await edited(wb, (xml) => xml.replace(/<c r="A5"[^>]*>.*?<\/c>/, '<c r="A5" t="inlineStr"><is><t>内联 文本</t></is></c>'));
    for (const bytes of [plain, merged]) {
      const whole = await readXlsxCells(bytes);
      for (const piece of [1, 7, 64, 333, 4096]) {
        const cols = await readSheetColumns(bytes, undefined, { inflateRaw, pieceBytes: piece });
        expectSameCells(cols!.cells, whole.cells);
        expect(tidy((await readSheetXml(bytes, undefined, { inflateRaw, pieceBytes: piece }))!.rows)).toEqual(whole.cells);
        const streamed = await readSheetColumns(bytes, undefined, { inflateRaw, inflateRawStream, pieceBytes: piece });
        expectSameCells(streamed!.cells, whole.cells);
      }
    }
    expect((await readXlsxCells(merged)).cells[9]).toEqual(["县8", 10, null]);
    expect((await readXlsxCells(plain)).cells[4][0]).toBe("内联 文本");
  });

  test("fromRows keeps logical cells (a TRUE is not the text TRUE)", () => {
    const cols = ColumnCells.fromRows([
      ["a", "b"],
      [true, "TRUE"],
      [false, 1],
    ]);
    expect(cols.toRows()).toEqual([
      ["a", "b"],
      [true, "TRUE"],
      [false, 1],
    ]);
    expect(cols.column(0).text).toEqual(["a"]);
  });
});

describe("the data errors are the same from the columns as from the rows", () => {
  async function panelWorkbook(edit: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("P");
    ws.addRow(["id", "year", "a1", "a2", "b1", "b2"]);
    let k = 0;
    for (const id of ["北京", "上海", "广州"])
      for (const year of [2011, 2012, 2013]) {
        k++;
        ws.addRow([id, year, 1 + k, 2 + ((k * 7) % 5), 3 + ((k * 3) % 4), 10 - k / 2]);
      }
    edit(ws);
    return bytesOf(wb);
  }
  const plus = (column: string) => ({ column, direction: "+" });
  const roles = JSON.stringify({ id: "id", time: "year", subsystems: { A: [plus("a1"), plus("a2")], B: [plus("b1"), { column: "b2", direction: "-" }] } });
  const geoRoles = JSON.stringify({ y: "a1", factors: ["id", "b1"] });

  async function both(bytes: Uint8Array, rolesText: string, panel = { dropIncomplete: false }) {
    const rows = (await readXlsxCells(bytes)).cells;
    const cols = (await readXlsxColumns(bytes, { inflateRaw })).cells;
    const outcome = (cells: Cell[][] | ColumnCells) =>
      runReport(cells, rolesText, undefined, {}, { panel, created: CREATED }).then(
        (r) => analysisToJson(r),
        (e: CoordError) => `${e.code}: ${e.message} ${JSON.stringify(e.where)}`,
      );
    const a = await outcome(rows);
    expect(await outcome(cols)).toBe(a);
    return a;
  }

  test.each([
    ["text in an indicator", (ws: ExcelJS.Worksheet) => (ws.getCell("C4").value = "n/a"), /NOT_NUMERIC: row 4, column "a1": .*n\/a/],
    ["a logical cell in an indicator", (ws: ExcelJS.Worksheet) => (ws.getCell("D5").value = true), /NOT_NUMERIC: row 5, column "a2": .*TRUE/],
    ["an error cell", (ws: ExcelJS.Worksheet) => (ws.getCell("E3").value = { error: "#N/A" }), /NOT_NUMERIC: row 3, column "b1"/],
    ["an empty cell", (ws: ExcelJS.Worksheet) => (ws.getCell("F6").value = null), /MISSING: row 6, column "b2": the cell is empty/],
    ["a text year", (ws: ExcelJS.Worksheet) => (ws.getCell("B2").value = "2011年"), /year/],
  ])("panel: %s", async (_name, edit, expected) => {
    expect(await both(await panelWorkbook(edit), roles)).toMatch(expected);
  });

  test("panel with a dropped row; the geodetector on columns (a logical y, a logical factor cell, text factor)", async () => {
    const dropped = await both(await panelWorkbook((ws) => (ws.getCell("F6").value = null)), roles, { dropIncomplete: true });
    expect(JSON.parse(dropped).warnings.join(" ")).toMatch(/row 6/);
    expect(await both(await panelWorkbook((ws) => (ws.getCell("C4").value = false)), geoRoles)).toMatch(/NOT_NUMERIC: row 4, column "a1": .*FALSE/);
    const bytes = await panelWorkbook((ws) => (ws.getCell("E7").value = true));
    expect(await both(bytes, geoRoles)).toMatch(/NOT_NUMERIC: row 7, column "b1": text 'TRUE' in a numeric factor/);
    const fromRows = buildGeoData((await readXlsxCells(bytes)).cells, geoRoles, { dropIncomplete: true });
    const fromCols = buildGeoData((await readXlsxColumns(bytes, { inflateRaw })).cells, geoRoles, { dropIncomplete: true });
    expect(fromCols.warnings.join(" ")).toMatch(/row 7 'TRUE'/);
    expect(fromCols.factors).toEqual(fromRows.factors);
    expect(fromCols.warnings).toEqual(fromRows.warnings);
    expect(Array.from(fromCols.y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe("the report from the sample as XLSX is the report from the CSV", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-xlsxcols-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("cells, analysis and sheets", async () => {
    const csvFile = path.join(ROOT, "samples", "sample-panel.csv");
    const csvText = fs.readFileSync(csvFile, "utf8");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Panel");
    // the CSV's fields: numbers as numbers (Number of the text, independently of the CSV reader), text as shared strings
    const fields = csvText
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(","));
    fields.forEach((r, i) => ws.addRow(i === 0 ? r : r.map((c) => (c !== "" && !Number.isNaN(Number(c)) ? Number(c) : c))));
    const xlsxFile = path.join(dir, "sample-panel.xlsx");
    fs.writeFileSync(xlsxFile, await bytesOf(wb));
    const fromXlsx = await readCells(xlsxFile);
    const fromCsv = await readCells(csvFile);
    expect(fromXlsx.cells).toBeInstanceOf(ColumnCells);
    const rows = (fromXlsx.cells as ColumnCells).toRows();
    expect(rows).toEqual(parseCsv(csvText));
    expect(rows.length).toBe(311); // 31 provinces x 10 years + the header
    expect(rows[1].slice(0, 4)).toEqual(fields[1].slice(0, 4).map((c) => (Number.isNaN(Number(c)) ? c : Number(c))));
    const roles = fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8");
    const a = await runReport(fromXlsx.cells, roles, undefined, {}, { created: CREATED });
    const b = await runReport(fromCsv.cells, roles, undefined, {}, { created: CREATED });
    expect(analysisToJson(a)).toBe(analysisToJson(b));
    expect(JSON.stringify(a.report.sheets)).toBe(JSON.stringify(b.report.sheets));
    const D = (a.analysis as { observations: Array<{ D: number | null }> }).observations.map((o) => o.D);
    expect(D.length).toBe(310);
    expect(D.every((d) => d !== null && d > 0 && d < 1)).toBe(true);
  });
});

describe("the zip's own directory (src/writer/unzip.ts)", () => {
  test("stored and deflated parts read as JSZip reads them; what it does not take is undefined", async () => {
    const zip = new JSZip();
    zip.file("a.txt", "stored 北京", { compression: "STORE" });
    zip.file("b.xml", "<x>".repeat(1000), { compression: "DEFLATE" });
    zip.file("empty", "");
    const bytes = new Uint8Array(await zip.generateAsync({ type: "uint8array", comment: "a comment" }));
    const entries = zipEntries(bytes)!;
    expect([...entries.keys()]).toEqual(["a.txt", "b.xml", "empty"]);
    const text = (name: string) => new TextDecoder().decode(entryBytes(bytes, entries.get(name)!, inflateRaw));
    expect([text("a.txt"), text("b.xml"), text("empty")]).toEqual(["stored 北京", "<x>".repeat(1000), ""]);
    expect(zipEntries(bytes.subarray(0, bytes.length - 30))).toBeUndefined(); // no end record
    // a size that is not the recorded one
    const e = entries.get("b.xml")!;
    expect(entryBytes(bytes, { ...e, size: e.size + 1 }, inflateRaw)).toBeUndefined();
    expect(entryBytes(bytes, { ...e, offset: e.offset + 1 }, inflateRaw)).toBeUndefined();
  });

  test("the sheet's dimension read through it is the one read through JSZip", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").addRow(["a"]);
    const ws = wb.addWorksheet("B");
    for (let i = 0; i < 500; i++) ws.addRow([i, `row ${i}`]);
    const bytes = await bytesOf(wb);
    expect(await xlsxSheetRows(bytes, "B")).toBe(500);
    expect(await xlsxSheetRows(bytes, "B", inflateRaw)).toBe(500);
    expect(await xlsxSheetRows(bytes, undefined, inflateRaw)).toBe(1);
    expect(await xlsxSheetRows(bytes, "C", inflateRaw)).toBeUndefined();
  });
});
