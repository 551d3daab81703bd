/**
 * The .xlsx package as the writer builds it (src/writer/xlsx.ts over src/writer/zip.ts):
 * read back with exceljs (values, texts that need escaping or cutting, error cells, formats,
 * fonts, fills, borders, alignment and row heights, conditional formats, frozen panes,
 * autofilter, column widths, page setup and print titles, the notes sheet, chart parts), a
 * sheet long enough to be rendered and deflated in several pieces, the zip writer itself
 * (node's zlib against JSZip, CRC-32), and LibreOffice opening the sample report (a PDF with
 * pages; skipped where soffice is not installed).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseCsv } from "../../src/report/csv";
import { MAX_CELL_TEXT, fittedColumnWidths, layoutSheet, wrappedLines } from "../../src/report/layout";
import { Report, chart, createReport, sheet, tableFromColumns } from "../../src/report/model";
import { runReport } from "../../src/report/pipeline";
import { writeReportXlsx } from "../../src/writer/xlsx";
import { ZipPart, crc32, hasDeflateRawStream, nodeZlib, zipWithJSZip, zipWithStreams, zipWithZlib } from "../../src/writer/zip";
import { loadWorkbook, officeCommand } from "./workbooks";

const ROOT = path.resolve(__dirname, "..", "..");
const LONG = "long text ".repeat(4000); // 40,000 characters: cut at MAX_CELL_TEXT
const NOTE = "A wrapped note: " + "words in a sentence ".repeat(8);
const WRAPPED = "a wrapped comment that needs three or four lines in its column ".repeat(2);
const BIG_ROWS = 12000; // about 2.6 million characters of sheet XML: more than one piece (2,000 rows) and one deflate block (2^20 characters)

function featureReport(): Report {
  const r = createReport("Features & <escapes>", { tool: "CoordLab", created: "2025-03-01T08:00:00Z" });
  const fills = [
    { text: "HH", color: "F07A6E" },
    { text: 'L"L', color: "7FA6E0" },
  ];
  const t = tableFromColumns(
    [
      { key: "unit", label: "Unit <&>", format: "text", values: ["  leading space", "ctrl\u0001char\ttab", `quote "q" & 'a' <b>`, LONG, "Mean", "北京市"] },
      { key: "v", label: "Value", format: "0.000", colorScale: true, values: [1.5, -Infinity, Infinity, NaN, 0.25, 1e-12] },
      { key: "share", label: "Share", format: "0.0%", values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] },
      { key: "ok", label: "OK", values: [true, false, null, true, null, false] },
      { key: "c1", label: "2011", format: "text", fills, values: ["HH", 'L"L', "ns", "HH", null, "HH"] },
      { key: "c2", label: "2012", format: "text", fills, values: ["ns", "HH", 'L"L', "HH", "HH", "ns"] },
      { key: "why", label: "Comment", format: "text", wrap: true, values: ["short", WRAPPED, "", "x", "y", "z"] },
    ],
    { title: "Table 1. Features", groupRows: [4] },
  );
  const big = tableFromColumns([
    { key: "i", label: "i", format: "0", values: Array.from({ length: BIG_ROWS }, (_, i) => i + 1) },
    { key: "name", label: "Name", format: "text", values: Array.from({ length: BIG_ROWS }, (_, i) => `unit ${i % 700}`) },
    { key: "x", label: "x", format: "0.0000", values: Array.from({ length: BIG_ROWS }, (_, i) => Math.sin(i) * 1000) },
    { key: "y", label: "y", values: Array.from({ length: BIG_ROWS }, (_, i) => (i % 97 === 0 ? NaN : i / 7)) },
  ]);
  r.sheets.push(
    sheet("Features", [t], [chart("column", "Values by unit", { sheet: "Features", table: 0 }, "unit", ["v", "share"])], {
      notes: [NOTE],
      freeze: { rows: 2, columns: 1 },
    }),
    sheet("O'Brien panel", [big], [chart("scatter", "x against i", { sheet: "O'Brien panel", table: 0 }, "i", ["x"])], {
      page: { orientation: "landscape", fitToHeight: 3 },
    }),
  );
  r.notes.push("Report note");
  r.warnings.push("a warning");
  return r;
}

type Cfs = { conditionalFormattings: Array<{ ref: string; rules: Array<Record<string, unknown>> }> };

describe("the written package read back with exceljs", () => {
  let bytes: Uint8Array;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    bytes = await writeReportXlsx(featureReport());
    wb = await loadWorkbook(bytes);
  });

  test("sheets in order, then Notes; workbook properties", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Features", "O'Brien panel", "Notes"]);
    expect(wb.creator).toBe("CoordLab");
    expect(wb.title).toBe("Features & <escapes>");
    expect(wb.created.toISOString()).toBe("2025-03-01T08:00:00.000Z");
  });

  test("values: texts escaped (control characters dropped), cut at MAX_CELL_TEXT; non-finite numbers as #N/A; booleans; empty cells", () => {
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("Table 1. Features");
    expect(ws.getCell("A2").value).toBe("Unit <&>");
    expect(ws.getCell("A3").value).toBe("  leading space");
    expect(ws.getCell("A4").value).toBe("ctrlchar\ttab");
    expect(ws.getCell("A5").value).toBe(`quote "q" & 'a' <b>`);
    expect(ws.getCell("A6").value).toBe(LONG.slice(0, MAX_CELL_TEXT));
    expect(ws.getCell("A8").value).toBe("北京市");
    expect([3, 4, 5, 6, 7, 8].map((r) => ws.getCell(r, 2).value)).toEqual([1.5, { error: "#N/A" }, { error: "#N/A" }, { error: "#N/A" }, 0.25, 1e-12]);
    expect([3, 4, 5, 6, 7, 8].map((r) => ws.getCell(r, 4).value)).toEqual([true, false, null, true, null, false]);
    expect(ws.getCell("G5").value).toBe(""); // an empty text stays a text cell
  });

  test("number formats, header and group-row fonts, fills and border, the title's size", () => {
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 12 });
    for (let c = 1; c <= 7; c++) {
      const h = ws.getCell(2, c);
      expect(h.font?.bold).toBe(true);
      expect(h.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } });
      expect(h.border?.bottom?.style).toBe("thin");
      expect(h.alignment?.vertical).toBe("middle");
    }
    expect(["A3", "B3", "C3", "D3"].map((a) => ws.getCell(a).numFmt || "General")).toEqual(["@", "0.000", "0.0%", "General"]);
    // row 7: the group row (Mean), bold on a light fill, its formats kept
    for (let c = 1; c <= 7; c++) {
      expect(ws.getCell(7, c).font?.bold).toBe(true);
      expect(ws.getCell(7, c).fill).toMatchObject({ fgColor: { argb: "FFEAF1FB" } });
    }
    expect(ws.getCell("B7").numFmt).toBe("0.000");
    expect(ws.getCell("B3").font?.bold ?? false).toBe(false);
  });

  test("wrapped column: wrap alignment and row heights from wrappedLines; the note wrapped in italic lines under the table", () => {
    const ws = wb.worksheets[0];
    const r = featureReport();
    const t = r.sheets[0].tables[0];
    const widths = fittedColumnWidths(r.sheets[0]);
    expect(ws.getCell("G4").alignment?.wrapText).toBe(true);
    for (let i = 0; i < t.rows.length; i++) expect(ws.getRow(3 + i).height).toBe(15 * wrappedLines(t, t.rows[i], widths));
    expect(ws.getRow(4).height).toBeGreaterThan(15);
    const lines = layoutSheet(r.sheets[0]).noteLines;
    expect(lines.length).toBeGreaterThan(1);
    lines.forEach((line, k) => {
      expect(ws.getCell(10 + k, 1).value).toBe(line);
      expect(ws.getCell(10 + k, 1).font?.italic).toBe(true);
    });
  });

  test("conditional formats: the colour scale without the group row; one 'equals text' fill per category over both period columns", () => {
    const cfs = (wb.worksheets[0] as unknown as Cfs).conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toEqual(["B3:B6 B8", "E3:F6 E8:F8", "E3:F6 E8:F8"]);
    expect(cfs[0].rules[0]).toMatchObject({ type: "colorScale", cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }] });
    expect(cfs[1].rules[0]).toMatchObject({ type: "cellIs", operator: "equal", formulae: ['"HH"'], style: { fill: { bgColor: { argb: "FFF07A6E" } } } });
    expect(cfs[2].rules[0]).toMatchObject({ type: "cellIs", formulae: ['"L""L"'], style: { fill: { bgColor: { argb: "FF7FA6E0" } } } });
    expect(cfs.map((c) => c.rules[0].priority)).toEqual([1, 2, 3]);
  });

  test("frozen panes, autofilter, column widths as fitted (9, the default, left unset)", () => {
    const ws = wb.worksheets[0];
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 2, topLeftCell: "B3" });
    expect(ws.autoFilter).toBe("A2:G8");
    const widths = fittedColumnWidths(featureReport().sheets[0]);
    widths.forEach((w, j) => expect(ws.getColumn(j + 1).width ?? 9).toBe(w));
    const big = wb.worksheets[1];
    expect(big.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(big.autoFilter).toBe(`A1:D${BIG_ROWS + 1}`);
  });

  test("page setup: A4, one page wide, orientation, pages tall, print titles, header and footer", () => {
    const [f, big, notes] = wb.worksheets;
    expect(f.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:2" });
    expect(f.pageSetup.margins).toEqual({ left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 });
    expect(f.headerFooter).toMatchObject({ oddHeader: "&C&BTable 1. Features", oddFooter: "&C&P / &N" });
    expect(big.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, fitToHeight: 3, printTitlesRow: "1:1" });
    expect(big.headerFooter.oddHeader).toBe("&C&BO'Brien panel");
    expect(notes.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1 });
    expect(notes.headerFooter.oddHeader).toBe("&C&BFeatures && <escapes>");
  });

  test("the long sheet (rendered and deflated in pieces) reads back cell for cell", () => {
    const ws = wb.worksheets[1];
    const t = featureReport().sheets[1].tables[0];
    expect(ws.rowCount).toBe(BIG_ROWS + 1);
    for (const i of [0, 1998, 1999, 2000, 5998, 5999, 6000, 8000, BIG_ROWS - 1]) {
      const row = t.rows[i];
      const y = row.y as number;
      expect([1, 2, 3, 4].map((c) => ws.getCell(i + 2, c).value)).toEqual([row.i, row.name, row.x, Number.isFinite(y) ? y : { error: "#N/A" }]);
    }
    let errors = 0;
    ws.eachRow((row, r) => {
      if (r > 1 && typeof row.getCell(4).value === "object") errors++;
    });
    expect(errors).toBe(Math.ceil(BIG_ROWS / 97));
  });

  test("notes sheet and chart parts: a drawing on each sheet with a chart, the chart types", async () => {
    const texts: string[] = [];
    wb.getWorksheet("Notes")!.eachRow((row) => texts.push(String(row.getCell(1).value)));
    expect(texts[0]).toBe("Features & <escapes>");
    expect(texts).toEqual(expect.arrayContaining(["Report note", "a warning", "Features", "O'Brien panel"]));
    expect(wb.getWorksheet("Notes")!.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files).sort();
    expect(names.filter((n) => /^xl\/(charts|drawings)\/[^/]+$/.test(n))).toEqual([
      "xl/charts/chart1.xml",
      "xl/charts/chart2.xml",
      "xl/drawings/drawing1.xml",
      "xl/drawings/drawing2.xml",
    ]);
    expect(await zip.file("xl/charts/chart1.xml")!.async("string")).toContain("<c:barChart>");
    expect(await zip.file("xl/charts/chart2.xml")!.async("string")).toContain("<c:scatterChart>");
    const scatter = await zip.file("xl/charts/chart2.xml")!.async("string");
    expect(scatter.includes(`<c:f>&apos;O&apos;&apos;Brien panel&apos;!$C$2:$C$${BIG_ROWS + 1}</c:f>`)).toBe(true);
    for (const k of [1, 2]) expect(await zip.file(`xl/worksheets/sheet${k}.xml`)!.async("string")).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
    expect(await zip.file("xl/worksheets/sheet3.xml")!.async("string")).not.toContain("<drawing");
  });

  test("the browser's packers (the deflate-raw stream, else JSZip) give the same parts as node's zlib", async () => {
    const proc = process as unknown as { getBuiltinModule?: unknown };
    const global = globalThis as { CompressionStream?: unknown };
    const saved = { getBuiltinModule: proc.getBuiltinModule, CompressionStream: global.CompressionStream };
    expect(nodeZlib()).toBeDefined();
    expect(hasDeflateRawStream()).toBe(true);
    let viaStreams: Uint8Array;
    let viaJSZip: Uint8Array;
    try {
      proc.getBuiltinModule = undefined;
      expect(nodeZlib()).toBeUndefined();
      viaStreams = await writeReportXlsx(featureReport());
      global.CompressionStream = undefined;
      expect(hasDeflateRawStream()).toBe(false);
      viaJSZip = await writeReportXlsx(featureReport());
    } finally {
      proc.getBuiltinModule = saved.getBuiltinModule;
      global.CompressionStream = saved.CompressionStream;
    }
    const [a, ...others] = await Promise.all([bytes, viaStreams, viaJSZip].map((x) => JSZip.loadAsync(x, { checkCRC32: true })));
    const names = Object.keys(a.files).sort();
    for (const b of others) {
      expect(Object.keys(b.files).sort()).toEqual(names);
      for (const n of names) expect({ n, text: await b.file(n)!.async("string") }).toEqual({ n, text: await a.file(n)!.async("string") });
    }
  });
});

describe("the zip writer", () => {
  const parts = (): ZipPart[] => [
    { name: "[Content_Types].xml", text: () => ["<Types/>"] },
    { name: "empty.xml", text: () => [] },
    { name: "xl/big.xml", text: () => Array.from({ length: 3000 }, (_, i) => `<r i="${i}">${"é北".repeat(i % 1000)}</r>`) },
  ];

  test("CRC-32: the table fallback equals zlib's, also continued over pieces", () => {
    const bytes = Buffer.from(Array.from({ length: 10000 }, (_, i) => (i * 7919) % 256));
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(bytes)).toBe(zlib.crc32(bytes));
    expect(crc32(bytes.subarray(5000), crc32(bytes.subarray(0, 5000)))).toBe(zlib.crc32(bytes));
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  test("zipWithZlib, zipWithStreams and zipWithJSZip: the same entries, texts and dates; JSZip checks the CRCs", async () => {
    const date = new Date(Date.UTC(2025, 2, 1, 8, 30, 14));
    for (const bytes of [await zipWithZlib(parts(), date, zlib), await zipWithStreams(parts(), date), await zipWithJSZip(parts(), date)]) {
      const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
      expect(Object.keys(zip.files)).toEqual(["[Content_Types].xml", "empty.xml", "xl/big.xml"]);
      for (const p of parts()) expect(await zip.file(p.name)!.async("string")).toBe([...p.text()].join(""));
      expect(zip.files["xl/big.xml"].date.toISOString()).toBe("2025-03-01T08:30:14.000Z");
    }
  });

  test("more parts than a zip without zip64 holds: refused, saying so", async () => {
    const many: ZipPart[] = new Array(65536).fill({ name: "x.xml", text: () => [] });
    await expect(zipWithZlib(many, new Date(), zlib)).rejects.toThrow(/65536 parts; a zip without zip64 holds at most 65535/);
  });
});

const office = officeCommand();

describe("LibreOffice", () => {
  if (!office) {
    test.skip("opens the sample report (skipped: neither soffice nor libreoffice is installed)", () => undefined);
    return;
  }
  test("converts the sample report to a PDF with pages", async () => {
    const cells = parseCsv(fs.readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8"));
    const { report } = await runReport(cells, fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-pdf-"));
    try {
      const src = path.join(dir, "report.xlsx");
      fs.writeFileSync(src, await writeReportXlsx(report));
      execFileSync(office, [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, src], {
        timeout: 240000,
        stdio: "ignore",
      });
      const pdf = fs.readFileSync(path.join(dir, "report.pdf")).toString("latin1");
      const pages = (pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
      // 21 sheets, each at least a page
      expect(pages).toBeGreaterThanOrEqual(report.sheets.length + 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300000);
});
