/**
 * One layout, two writers: the same report written by the exceljs writer (read back with
 * exceljs) and by the Office.js writer (into the recording fake Excel) has every value, font,
 * fill and number format in the same cell, the same colour-scale ranges, the same frozen panes
 * and its charts at the same place over the same cells.
 *
 * Differences that are by design and left out: header borders and column widths (exceljs
 * fits them from the values; Excel autofits), the autofilter (exceljs) versus Excel tables
 * (Office.js; Excel names an empty header "Column1"), and the notes sheet's lists.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseCsv } from "../../src/report/csv";
import { Report, chart, column, createReport, sheet, table, tableFromColumns } from "../../src/report/model";
import { runReport } from "../../src/report/pipeline";
import { cellAddress, parseAddress, rectAddress } from "../../src/taskpane/excel/a1";
import { writeReportToExcel } from "../../src/taskpane/excelWriter";
import { writeReportXlsx } from "../../src/writer/xlsx";
import { FakeExcel, SheetModel, installFakeOffice, uninstallFakeOffice } from "../doubles/fakeExcel";

const ROOT = path.resolve(__dirname, "..", "..");
/** Excel's default font size: exceljs reads it back on every styled cell. */
const DEFAULT_SIZE = 11;

/** What a cell shows and how: the parts both writers set. */
interface Look {
  value: string | number | boolean;
  bold: boolean;
  italic: boolean;
  size?: number;
  fill?: string;
  format: string;
}

function handReport(): Report {
  const r = createReport("Both writers", { tool: "CoordLab", created: "2024-05-06T07:08:09.000Z" });
  const scores = tableFromColumns(
    [
      { key: "unit", label: "Province", format: "text", values: ["Beijing", "Tianjin", "East mean", "Hebei", "=1+2", "Shanxi", "All"] },
      { key: "year", label: "Year", format: "0", values: [2011, 2011, 2011, 2012, 2012, 2012, 2012] },
      { key: "d", label: "D", format: "0.000", colorScale: true, values: [0.512345678901234, 0.47, 0.49, NaN, 0.33, 0.61, 0.48] },
      { key: "p", label: "p", format: "0.00E+00", colorScale: true, width: 14, values: [1.5e-9, 0.02, null, 1, 0.3, 0.2, 0.1] },
      { key: "share", label: "Share", format: "0.0%", values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7] },
    ],
    { title: "Table 1. Coupling coordination degree", groupRows: [2, 6] },
  );
  const weights = table(
    [column("ind", "Indicator", "text"), column("w", "Entropy weight", "0.0000")],
    [
      { ind: "Urbanization rate (%)", w: 0.0612345 },
      { ind: "GDP per capita", w: 0.0934 },
    ],
  );
  const empty = table([column("a", "A"), column("b", "B", "0.00", { colorScale: true })], [], { title: "No rows" });
  r.sheets.push(
    sheet("Summary", [scores, weights, empty], [chart("column", "D by province", { sheet: "Summary", table: 0 }, "unit", ["d", "share"], { y: "D" })], {
      notes: ["Grades after Liao (1999).", "Second note"],
    }),
  );
  const dens = tableFromColumns([
    { key: "x", label: "x", values: [0, 0.25, 0.5, 0.75, 1] },
    { key: "east", label: "East", values: [0.1, 0.9, 1.5, 0.8, 0.1] },
    { key: "west", label: "West", values: [0.3, 1.1, 1.2, 0.5, 0.2] },
  ]);
  r.sheets.push(
    sheet(
      "Density",
      [dens],
      [
        { ...chart("scatter", "Kernel density", { sheet: "Density", table: 0 }, "x", ["east", "west"]), smooth: true },
        chart("scatter", "Moran scatter", { sheet: "Density", table: 0 }, "x", ["west"]),
        chart("line", "East only", { sheet: "Density", table: 0 }, "x", ["east"]),
        {
          ...chart("surface", "Density in 3-D", { sheet: "Density", table: 0 }, "x", ["east", "west"], { x: "D", y: "Density" }),
          seriesAxisTitle: "Period",
          rows: { first: 1, last: 3 },
        },
      ],
      {
        freeze: { rows: 1, columns: 1 },
      },
    ),
  );
  const fills = [
    { text: "HH", color: "F07A6E" },
    { text: 'say "LL"', color: "7FA6E0" },
  ];
  const clusters = table(
    [
      column("unit", "Unit", "text"),
      column("p1", "2011", "text", { fills }),
      column("p2", "2012", "text", { fills }),
      column("n", "n", "0"),
      column("p3", "2013", "text", { fills }),
    ],
    [
      { unit: "A", p1: "HH", p2: 'say "LL"', n: 1, p3: "HH" },
      { unit: "mean", p1: "HH", p2: "", n: 2, p3: "" },
      { unit: "B", p1: "not significant", p2: "HH", n: 3, p3: 'say "LL"' },
    ],
    { title: "Clusters", groupRows: [1] },
  );
  r.sheets.push(
    sheet(
      "Cross",
      [weights, clusters],
      [
        chart("line", "From Density", { sheet: "Density", table: 0 }, "x", ["west"]),
        chart("bar", "Weights as bars", { sheet: "Cross", table: 0 }, "ind", ["w"], { x: "Indicator" }),
      ],
      { freeze: false },
    ),
  );
  return r;
}

function exceljsLooks(ws: ExcelJS.Worksheet): Map<string, Look> {
  const out = new Map<string, Look>();
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (c, col) => {
      const v = c.value as ExcelJS.CellValue;
      const value = v === null || v === undefined ? "" : typeof v === "object" && "error" in v ? String(v.error) : (v as string | number | boolean);
      const fill = c.fill && c.fill.type === "pattern" ? c.fill.fgColor?.argb : undefined;
      const look: Look = { value, bold: c.font?.bold === true, italic: c.font?.italic === true, format: c.numFmt || "General" };
      if (c.font?.size !== undefined && c.font.size !== DEFAULT_SIZE) look.size = c.font.size;
      if (fill) look.fill = `#${fill.slice(2)}`;
      if (value !== "" || look.bold || look.italic || look.fill) out.set(cellAddress(r - 1, col - 1), look);
    }),
  );
  return out;
}

function fakeLooks(s: SheetModel): Map<string, Look> {
  const out = new Map<string, Look>();
  for (const [k, c] of s.cells) {
    const [r, col] = k.split(",").map(Number);
    const look: Look = { value: c.value ?? "", bold: c.bold === true, italic: c.italic === true, format: c.numberFormat ?? "General" };
    if (c.fontSize !== undefined) look.size = c.fontSize;
    if (c.fill !== undefined) look.fill = c.fill.toUpperCase();
    if (look.value !== "" || look.bold || look.italic || look.fill) out.set(cellAddress(r, col), look);
  }
  return out;
}

/** Chart title -> anchor (top-left cell, bottom-right cell) and its series ranges, from the package. */
/** The Office.js chart type of a chart part: its plot element (and bar direction, grouping). */
function officeType(chartXml: string): string {
  if (chartXml.includes("<c:surface3DChart>")) return "Surface";
  if (chartXml.includes("<c:scatterChart>")) return chartXml.includes('<c:scatterStyle val="smoothMarker"/>') ? "XYScatterSmoothNoMarkers" : "XYScatter";
  if (chartXml.includes("<c:lineChart>")) return "Line";
  if (chartXml.includes('<c:barDir val="bar"/>')) return "BarClustered";
  return chartXml.includes('<c:grouping val="stacked"/>') ? "ColumnStacked" : "ColumnClustered";
}

interface PackageChart {
  from: string;
  to: string;
  ranges: string[];
  type: string;
  /** The title of the series (depth) axis, when the chart has one. */
  seriesAxisTitle?: string;
  /** Category labels shown every n-th (surface charts). */
  tickLabelSpacing?: number;
  /** Number formats of the value axis's and the x axis's labels when not linked to the cells. */
  valueFormat?: string;
  xFormat?: string;
}

async function packageCharts(bytes: Uint8Array): Promise<Map<string, PackageChart>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, PackageChart>();
  const drawings = Object.keys(zip.files).filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
  for (const d of drawings) {
    const xml = await zip.file(d)!.async("string");
    const rels = await zip.file(d.replace("drawings/", "drawings/_rels/") + ".rels")!.async("string");
    for (const a of xml.match(/<xdr:twoCellAnchor[\s\S]*?<\/xdr:twoCellAnchor>/g) ?? []) {
      const pt = (tag: string) => {
        const m = new RegExp(`<xdr:${tag}><xdr:col>(\\d+)</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>(\\d+)</xdr:row>`).exec(a)!;
        return { col: Number(m[1]), row: Number(m[2]) };
      };
      const title = /descr="([^"]*)"/.exec(a)![1];
      const rid = /r:id="([^"]+)"/.exec(a)![1];
      const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1];
      const chartXml = await zip.file(path.posix.join("xl/drawings", target))!.async("string");
      const ranges = [...chartXml.matchAll(/<c:f>[^<]*!([^<]+)<\/c:f>/g)].map((m) => m[1].replace(/\$/g, "")).filter((f) => f.includes(":"));
      const from = pt("from");
      const to = pt("to"); // the cell the anchor ends at (offset 0): one past the last cell covered
      const c: PackageChart = { from: cellAddress(from.row, from.col), to: cellAddress(to.row - 1, to.col - 1), ranges, type: officeType(chartXml) };
      const serAx = /<c:serAx>.*?<a:t>([^<]*)<\/a:t>.*?<\/c:serAx>/.exec(chartXml);
      if (serAx) c.seriesAxisTitle = serAx[1];
      const skip = /<c:tickLblSkip val="(\d+)"\/>/.exec(chartXml);
      if (skip) c.tickLabelSpacing = Number(skip[1]);
      const valueId = [...chartXml.matchAll(/<c:axId val="(\d+)"\/>/g)][1][1]; // the plot's second axis: the values'
      const valueAxis = [...chartXml.matchAll(/<c:(?:valAx)>(.*?)<\/c:valAx>/g)].find((m) => m[1].startsWith(`<c:axId val="${valueId}"/>`))![1];
      const fmt = /<c:numFmt formatCode="([^"]*)" sourceLinked="0"\/>/.exec(valueAxis);
      if (fmt) c.valueFormat = fmt[1];
      const xId = [...chartXml.matchAll(/<c:axId val="(\d+)"\/>/g)][0][1];
      const xAxis = [...chartXml.matchAll(/<c:(valAx|catAx)>(.*?)<\/c:\1>/g)].find((m) => m[2].startsWith(`<c:axId val="${xId}"/>`))![2];
      const xf = /<c:numFmt formatCode="([^"]*)" sourceLinked="0"\/>/.exec(xAxis);
      if (xf) c.xFormat = xf[1];
      out.set(title, c);
    }
  }
  return out;
}

async function compare(report: Report): Promise<number> {
  const bytes = await writeReportXlsx(report);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const fromPackage = await packageCharts(bytes);

  const fake = installFakeOffice(globalThis, new FakeExcel());
  let compared = 0;
  try {
    const res = await writeReportToExcel(report, { confirmReplace: async () => false });
    for (let i = 0; i < report.sheets.length; i++) {
      const ws = wb.worksheets[i];
      const fs_ = fake.sheet(res.sheets[i]);
      // cells
      const a = exceljsLooks(ws);
      const b = fakeLooks(fs_);
      for (const [addr, look] of b) if (look.value !== "" && /^Column\d+$/.test(String(look.value)) && !a.has(addr)) b.delete(addr); // Excel's names of empty headers
      const sorted = (m: Map<string, Look>) =>
        [...m].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([addr, look]) => ({ sheet: ws.name, addr, ...look }));
      expect(sorted(b)).toEqual(sorted(a));
      compared += a.size;
      // colour scales
      type Rule = { type: string; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } };
      const cfs = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Rule[] }> }).conditionalFormattings.map((cf) => ({
        ref: cf.ref.split(" ").sort().join(" "),
        rule: cf.rules[0].type === "cellIs" ? `= ${cf.rules[0].formulae![0]} fill #${cf.rules[0].style!.fill!.bgColor!.argb!.slice(2)}` : cf.rules[0].type,
      }));
      const fakeCfs = fs_.conditionalFormats.map((cf) => ({
        ref: cf.rects.map(rectAddress).sort().join(" "),
        rule:
          cf.type === "CellValue" ? `${cf.rule!.operator === "EqualTo" ? "=" : cf.rule!.operator} ${cf.rule!.formula1.slice(1)} fill ${cf.fill}` : "colorScale",
      }));
      expect(fakeCfs).toEqual(cfs);
      compared += cfs.length;
      // frozen panes
      const view = (ws.views ?? [])[0] as ExcelJS.WorksheetViewFrozen | undefined;
      const frozen = view && view.state === "frozen" ? { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 } : null;
      expect(fs_.freeze).toEqual(frozen);
      // page setup: the same orientation, fit, print titles and header
      const ps = ws.pageSetup;
      const hf = ws.headerFooter;
      const tallExcel = fs_.page.zoom?.verticalFitToPages ?? -1;
      expect({
        paper: fs_.page.paperSize,
        orientation: fs_.page.orientation?.toLowerCase(),
        wide: fs_.page.zoom?.horizontalFitToPages,
        tall: tallExcel,
        titles: fs_.page.printTitleRows?.replace(/\$/g, "") ?? null,
        header: fs_.page.centerHeader,
      }).toEqual({
        paper: "A4",
        orientation: ps.orientation,
        wide: ps.fitToWidth,
        tall: ps.fitToHeight,
        titles: ps.printTitlesRow ?? null,
        header: hf.oddHeader?.replace(/^&C/, ""),
      });
      expect(ps.fitToPage).toBe(true);
      // charts: same place, same cells
      for (const c of fs_.charts) {
        const p = fromPackage.get(c.title!);
        expect(p).toBeDefined();
        expect({
          title: c.title,
          from: p!.from,
          to: p!.to,
          type: p!.type,
          depth: p!.seriesAxisTitle,
          labelsEvery: p!.tickLabelSpacing,
          yLabels: p!.valueFormat,
          xLabels: p!.xFormat,
        }).toEqual({
          title: c.title,
          from: c.position!.start,
          to: c.position!.end,
          type: c.type,
          depth: c.seriesAxisTitle,
          labelsEvery: c.categoryAxis?.tickLabelSpacing,
          yLabels: c.valueAxis?.numberFormat,
          xLabels: c.categoryAxis?.numberFormat,
        });
        const officeRanges = fake
          .seriesAddresses(c)
          .flatMap((s) => [s.xValues, s.values])
          .map((x) => rectAddress(parseAddress(x!)));
        expect(new Set(officeRanges)).toEqual(new Set(p!.ranges));
      }
      expect(fs_.charts.length).toBe(report.sheets[i].charts.length);
    }
  } finally {
    uninstallFakeOffice(globalThis);
  }
  return compared;
}

describe("both writers render the same layout", () => {
  test("a hand-made report: titles, group rows, colour-scale runs, notes, freeze, charts across sheets", async () => {
    expect(await compare(handReport())).toBeGreaterThan(60);
  });

  test("the pipeline's report on the sample panel", async () => {
    const cells = parseCsv(fs.readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8"));
    const roles = fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8");
    const { report } = await runReport(cells, roles);
    expect(await compare(report)).toBeGreaterThan(1000);
  }, 120000);
});
