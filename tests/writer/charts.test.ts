/**
 * Native charts in written workbooks (src/writer/charts.ts through writeReportXlsx).
 *
 * XML is checked with `saxes`, which is not a direct dependency of CoordLab: it is the XML
 * parser exceljs itself depends on (exceljs 4.4 -> saxes ^5), so it is always installed with
 * exceljs. Only the test imports it.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { ChartPlacement, planCharts } from "../../src/report/chartPlan";
import { Report, chart, createReport, quoteSheetName, sheet, tableFromColumns } from "../../src/report/model";
import { addCharts, rangeFormula } from "../../src/writer/charts";
import { writeReportXlsx } from "../../src/writer/xlsx";
import { loadWorkbook, officeCommand } from "./workbooks";

// ---------------------------------------------------------------------------------------------
// A tiny DOM on saxes, and package helpers

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

/** Parse with namespace checks (unbound prefixes, bad XML throw), into a small tree. */
function parse(xml: string, part = "xml"): Node {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Node[] = [];
  let root: Node | undefined;
  parser.on("error", (e) => {
    throw new Error(`${part} is not well-formed: ${e.message}`);
  });
  parser.on("opentag", (t) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(t.attributes)) attrs[a.name] = a.value;
    const n: Node = { name: t.name, attrs, children: [], text: "" };
    if (stack.length > 0) stack[stack.length - 1].children.push(n);
    else root = n;
    stack.push(n);
  });
  parser.on("text", (s) => {
    if (stack.length > 0) stack[stack.length - 1].text += s;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error(`${part}: no root element`);
  return root;
}

function all(n: Node, name: string, out: Node[] = []): Node[] {
  if (n.name === name) out.push(n);
  for (const c of n.children) all(c, name, out);
  return out;
}

function child(n: Node, name: string): Node | undefined {
  return n.children.find((c) => c.name === name);
}

function relsPath(part: string): string {
  const k = part.lastIndexOf("/");
  return `${part.slice(0, k + 1)}_rels/${part.slice(k + 1)}.rels`;
}

function resolve(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const out = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

class Pkg {
  constructor(readonly zip: JSZip) {}
  static async open(bytes: Uint8Array): Promise<Pkg> {
    return new Pkg(await JSZip.loadAsync(bytes));
  }
  parts(): string[] {
    return Object.keys(this.zip.files).filter((f) => !this.zip.files[f].dir);
  }
  has(part: string): boolean {
    return this.zip.file(part) !== null;
  }
  async text(part: string): Promise<string> {
    const f = this.zip.file(part);
    if (!f) throw new Error(`no part ${part}`);
    return f.async("string");
  }
  async xml(part: string): Promise<Node> {
    return parse(await this.text(part), part);
  }
  async rels(part: string): Promise<Map<string, { type: string; target: string; external: boolean }>> {
    const m = new Map<string, { type: string; target: string; external: boolean }>();
    if (!this.has(relsPath(part))) return m;
    for (const r of (await this.xml(relsPath(part))).children)
      m.set(r.attrs.Id, { type: r.attrs.Type, target: resolve(part, r.attrs.Target), external: r.attrs.TargetMode === "External" });
    return m;
  }
  /** Worksheet parts in workbook order (through workbook.xml and its rels). */
  async sheets(): Promise<Array<{ name: string; part: string }>> {
    const wb = await this.xml("xl/workbook.xml");
    const rels = await this.rels("xl/workbook.xml");
    return all(wb, "sheet").map((s) => ({ name: s.attrs.name, part: rels.get(s.attrs["r:id"])!.target }));
  }
  /** Chart parts of a worksheet, in anchor order, with their anchors. */
  async chartsOf(sheetPart: string): Promise<Array<{ part: string; anchor: Node }>> {
    const ws = await this.xml(sheetPart);
    const d = child(ws, "drawing");
    if (!d) return [];
    const drawingPart = (await this.rels(sheetPart)).get(d.attrs["r:id"])!.target;
    const drawing = await this.xml(drawingPart);
    const rels = await this.rels(drawingPart);
    const out: Array<{ part: string; anchor: Node }> = [];
    for (const a of drawing.children) {
      const c = all(a, "c:chart")[0];
      if (c) out.push({ part: rels.get(c.attrs["r:id"])!.target, anchor: a });
    }
    return out;
  }
}

/** Series of a chart: name formula and cache, x/cat and y/val formulas and caches. */
function seriesOf(
  chartXml: Node,
): Array<{ name: string; nameCache: string; x: string; y: string; xCache: string[]; yCache: Array<[number, string]>; yCount: number }> {
  return all(chartXml, "c:ser").map((s) => {
    const tx = child(s, "c:tx")!;
    const xs = child(s, "c:cat") ?? child(s, "c:xVal")!;
    const ys = child(s, "c:val") ?? child(s, "c:yVal")!;
    const yCache = all(ys, "c:pt").map((p) => [Number(p.attrs.idx), child(p, "c:v")!.text] as [number, string]);
    return {
      name: all(tx, "c:f")[0].text,
      nameCache: all(tx, "c:v")[0]?.text,
      x: all(xs, "c:f")[0].text,
      y: all(ys, "c:f")[0].text,
      xCache: all(xs, "c:v").map((v) => v.text),
      yCache,
      yCount: Number(all(ys, "c:ptCount")[0]?.attrs.val ?? NaN),
    };
  });
}

function anchorCell(a: Node, which: "xdr:from" | "xdr:to"): { col: number; row: number } {
  const p = child(a, which)!;
  return { col: Number(child(p, "xdr:col")!.text), row: Number(child(p, "xdr:row")!.text) };
}

/** CT_Worksheet child order (ECMA-376 Part 1, 18.3.1.99). */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

function expectSchemaOrder(ws: Node): void {
  const idx = ws.children.map((c) => WORKSHEET_ORDER.indexOf(c.name.replace(/^\w+:/, "")));
  expect(idx.every((i) => i >= 0)).toBe(true);
  for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThanOrEqual(idx[k - 1]);
  expect(ws.children.filter((c) => c.name === "drawing")).toHaveLength(1);
}

/** Every part well-formed, every internal relationship resolving, every part with a content type. */
async function expectSoundPackage(pkg: Pkg): Promise<void> {
  const parts = pkg.parts();
  for (const p of parts) if (/\.(xml|rels|vml)$/i.test(p)) parse(await pkg.text(p), p);
  const ct = await pkg.xml("[Content_Types].xml");
  const overrides = new Set(all(ct, "Override").map((o) => o.attrs.PartName.toLowerCase()));
  const defaults = new Set(all(ct, "Default").map((o) => o.attrs.Extension.toLowerCase()));
  for (const p of parts) {
    if (p === "[Content_Types].xml") continue;
    const ext = p.slice(p.lastIndexOf(".") + 1).toLowerCase();
    expect({ p, typed: overrides.has(`/${p}`.toLowerCase()) || defaults.has(ext) }).toEqual({ p, typed: true });
  }
  for (const o of overrides) expect({ o, exists: parts.some((p) => `/${p}`.toLowerCase() === o) }).toEqual({ o, exists: true });
  for (const relsFile of parts.filter((p) => p.endsWith(".rels"))) {
    const source = relsFile.replace(/_rels\/([^/]*)\.rels$/, "$1").replace(/^\.rels$/, "");
    const ids = new Set<string>();
    for (const r of (await pkg.xml(relsFile)).children) {
      expect(ids.has(r.attrs.Id)).toBe(false);
      ids.add(r.attrs.Id);
      if (r.attrs.TargetMode === "External") continue;
      const target = resolve(source === "" ? "x" : source, r.attrs.Target);
      expect({ relsFile, target, exists: pkg.has(target) }).toEqual({ relsFile, target, exists: true });
    }
  }
  // every r:id / r:embed used in a worksheet or drawing resolves through that part's rels
  for (const p of parts.filter((x) => /^xl\/(worksheets|drawings)\/[^/]+\.xml$/.test(x))) {
    const rels = await pkg.rels(p);
    const used: string[] = [];
    const walk = (n: Node) => {
      for (const [k, v] of Object.entries(n.attrs)) if (/^r:(id|embed|link)$/.test(k)) used.push(v);
      n.children.forEach(walk);
    };
    walk(await pkg.xml(p));
    for (const id of used) {
      const rel = rels.get(id);
      expect({ p, id, resolves: rel !== undefined && (rel.external || pkg.has(rel.target)) }).toEqual({ p, id, resolves: true });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The report

const DENSITY = "Kernel's density & <D>";
const N = 40;
const xs = Array.from({ length: N }, (_, i) => i / (N - 1));
const bump = (m: number) => xs.map((x) => Math.exp(-((x - m) ** 2) / 0.02));
const east = bump(0.6);
east[5] = NaN; // written as #N/A; a gap in the cache
const central = bump(0.45);
const west = bump(0.3);
const units = ["Beijing", "Tianjin", "Hebei", "Shanxi", "Mean"];
const D = [0.61, 0.52, 0.43, 0.38, 0.485];

function chartReport(withCharts = true): Report {
  const r = createReport("Charts", { created: "2025-03-01T08:00:00Z" });
  const summary = tableFromColumns(
    [
      { key: "k", label: "Statistic", values: ["n", "bandwidth"] },
      { key: "v", label: "Value", values: [N, 0.1] },
    ],
    { title: "Summary" },
  );
  const density = tableFromColumns(
    [
      { key: "x", label: "D", format: "0.000", values: xs },
      { key: "east", label: "East", values: east },
      { key: "central", label: "Central & <North>", values: central },
      { key: "west", label: "West's", values: west },
    ],
    { title: "Density of D" },
  );
  const coupling = tableFromColumns(
    [
      { key: "unit", label: "Province", format: "text", values: units },
      { key: "d", label: "D", format: "0.000", values: D },
    ],
    { groupRows: [4] },
  );
  r.sheets.push(
    sheet(
      DENSITY,
      [summary, density],
      withCharts
        ? [
            chart("line", "Density of D by region", { sheet: DENSITY, table: 1 }, "x", ["east", "central", "west"], { x: "D", y: "Density" }),
            chart("scatter", "East: density against D", { sheet: DENSITY, table: 1 }, "x", ["east"], { x: "D", y: "Density" }),
          ]
        : [],
    ),
  );
  r.sheets.push(sheet("Coupling", [coupling]));
  r.sheets.push(sheet("Charts", [], withCharts ? [chart("column", "D by province", { sheet: "Coupling", table: 0 }, "unit", ["d"], { y: "D" })] : []));
  return r;
}

const Q = quoteSheetName(DENSITY, { always: true }); // 'Kernel''s density & <D>'

const load = loadWorkbook;

describe("native charts through writeReportXlsx", () => {
  let bytes: Uint8Array;
  let pkg: Pkg;
  let sheets: Array<{ name: string; part: string }>;
  beforeAll(async () => {
    bytes = await writeReportXlsx(chartReport());
    pkg = await Pkg.open(bytes);
    sheets = await pkg.sheets();
  });

  test("formula helpers quote sheet names", () => {
    expect(Q).toBe("'Kernel''s density & <D>'");
    expect(rangeFormula("Density", 2, 3, 514)).toBe("'Density'!$B$3:$B$514");
    expect(rangeFormula("Density", 28, 2, 2)).toBe("'Density'!$AB$2");
  });

  test("chart, drawing and rels parts exist with content types; the package is sound", async () => {
    expect(sheets.map((s) => s.name)).toEqual([DENSITY, "Coupling", "Charts", "Notes"]);
    const parts = pkg.parts();
    expect(parts.filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).sort()).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]);
    expect(parts.filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p)).sort()).toEqual(["xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"]);
    for (const p of ["xl/drawings/_rels/drawing1.xml.rels", "xl/drawings/_rels/drawing2.xml.rels"]) expect(pkg.has(p)).toBe(true);
    const ct = await pkg.xml("[Content_Types].xml");
    const type = (p: string) => all(ct, "Override").find((o) => o.attrs.PartName === p)?.attrs.ContentType;
    for (let k = 1; k <= 3; k++) expect(type(`/xl/charts/chart${k}.xml`)).toBe("application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    for (let k = 1; k <= 2; k++) expect(type(`/xl/drawings/drawing${k}.xml`)).toBe("application/vnd.openxmlformats-officedocument.drawing+xml");
    await expectSoundPackage(pkg);
  });

  test("<drawing> only on the sheets with charts, at its schema position", async () => {
    const has = await Promise.all(sheets.map(async (s) => child(await pkg.xml(s.part), "drawing") !== undefined));
    expect(has).toEqual([true, false, true, false]);
    for (const k of [0, 2]) expectSchemaOrder(await pkg.xml(sheets[k].part));
    // the sheet rels point at the drawing with the drawing relationship type
    const ws = await pkg.xml(sheets[0].part);
    const rel = (await pkg.rels(sheets[0].part)).get(child(ws, "drawing")!.attrs["r:id"])!;
    expect(rel.type).toBe("http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing");
  });

  test("line chart: 3 series, names at the header cells, ranges at the table's data rows, caches", async () => {
    const charts = await pkg.chartsOf(sheets[0].part);
    expect(charts).toHaveLength(2);
    const xml = await pkg.xml(charts[0].part);
    expect(all(xml, "c:lineChart")).toHaveLength(1);
    expect(all(xml, "c:title")[0].children.length).toBeGreaterThan(0);
    expect(all(xml, "a:t").map((t) => t.text)).toEqual(["Density of D by region", "D", "Density"]);
    expect(all(xml, "c:legend")).toHaveLength(1);
    // summary: title row 1, header 2, rows 3-4, blank 5; density: title 6, header 7, rows 8-47
    const ser = seriesOf(xml);
    expect(ser.map((s) => s.name)).toEqual([`${Q}!$B$7`, `${Q}!$C$7`, `${Q}!$D$7`]);
    expect(ser.map((s) => s.nameCache)).toEqual(["East", "Central & <North>", "West's"]);
    expect(ser.map((s) => s.y)).toEqual([`${Q}!$B$8:$B$47`, `${Q}!$C$8:$C$47`, `${Q}!$D$8:$D$47`]);
    for (const s of ser) {
      expect(s.x).toBe(`${Q}!$A$8:$A$47`);
      expect(s.xCache.map(Number)).toEqual(xs);
      expect(s.yCount).toBe(N);
    }
    // NaN -> no cached point
    expect(ser[0].yCache.map(([i]) => i)).not.toContain(5);
    expect(ser[0].yCache).toHaveLength(N - 1);
    expect(Number(ser[1].yCache[10][1])).toBe(central[10]);
    // axis ids pair up
    const ids = all(xml, "c:lineChart")[0]
      .children.filter((c) => c.name === "c:axId")
      .map((c) => c.attrs.val);
    expect(all(xml, "c:axId").filter((a) => !ids.includes(a.attrs.val))).toHaveLength(0);
    expect(new Set(ids).size).toBe(2);
  });

  test("the formulas point at cells that hold the header and the values", async () => {
    const wb = await load(bytes);
    const ws = wb.worksheets[0];
    expect(ws.getCell("B7").value).toBe("East");
    expect(ws.getCell("C7").value).toBe("Central & <North>");
    expect(ws.getCell("A8").value).toBe(0);
    expect(ws.getCell("A47").value).toBe(1);
    expect(ws.getCell("C47").value).toBe(central[N - 1]);
    expect(ws.getCell("A48").value).toBeNull();
  });

  test("scatter chart stacked under the line chart, to the right of the tables", async () => {
    const charts = await pkg.chartsOf(sheets[0].part);
    const xml = await pkg.xml(charts[1].part);
    expect(all(xml, "c:scatterChart")).toHaveLength(1);
    expect(all(xml, "c:valAx")).toHaveLength(2);
    const ser = seriesOf(xml);
    expect(ser).toHaveLength(1);
    expect(child(all(xml, "c:ser")[0], "c:xVal")).toBeDefined();
    expect(ser[0]).toMatchObject({ name: `${Q}!$B$7`, x: `${Q}!$A$8:$A$47`, y: `${Q}!$B$8:$B$47` });
    const [a0, a1] = charts.map((c) => c.anchor);
    expect(a0.name).toBe("xdr:twoCellAnchor");
    expect(anchorCell(a0, "xdr:from")).toEqual({ col: 5, row: 1 }); // 4 table columns + one blank
    expect(anchorCell(a1, "xdr:from").col).toBe(5);
    expect(anchorCell(a1, "xdr:from").row).toBeGreaterThan(anchorCell(a0, "xdr:to").row);
  });

  test("column chart on another sheet refers to the data sheet; text categories", async () => {
    const charts = await pkg.chartsOf(sheets[2].part);
    expect(charts).toHaveLength(1);
    const xml = await pkg.xml(charts[0].part);
    const bar = all(xml, "c:barChart")[0];
    expect(child(bar, "c:barDir")!.attrs.val).toBe("col");
    const ser = seriesOf(xml);
    expect(ser).toEqual([
      expect.objectContaining({ name: "'Coupling'!$B$1", nameCache: "D", x: "'Coupling'!$A$2:$A$6", y: "'Coupling'!$B$2:$B$6", xCache: units }),
    ]);
    expect(all(all(xml, "c:cat")[0], "c:strRef")).toHaveLength(1);
    expect(anchorCell(charts[0].anchor, "xdr:from")).toEqual({ col: 1, row: 1 });
  });

  test("raw XML escapes the special characters of sheet names and labels", async () => {
    const raw = await pkg.text((await pkg.chartsOf(sheets[0].part))[0].part);
    expect(raw).toContain("Kernel&apos;&apos;s density &amp; &lt;D&gt;");
    expect(raw).not.toMatch(/<D>'/);
  });

  test("exceljs re-opens the file with the same values as a chart-less write", async () => {
    const withCharts = await load(bytes);
    const without = await load(await writeReportXlsx(chartReport(false)));
    expect(withCharts.worksheets.map((w) => w.name)).toEqual(without.worksheets.map((w) => w.name));
    for (let k = 0; k < 3; k++) {
      const a: unknown[] = [];
      const b: unknown[] = [];
      withCharts.worksheets[k].eachRow({ includeEmpty: true }, (row, i) => a.push([i, row.values]));
      without.worksheets[k].eachRow({ includeEmpty: true }, (row, i) => b.push([i, row.values]));
      expect(a).toEqual(b);
    }
    expect(withCharts.worksheets[0].getCell("B13").value).toEqual({ error: "#N/A" }); // east[5]
  });

  const office = officeCommand();
  if (!office) {
    test.skip("LibreOffice round trip (skipped: neither soffice nor libreoffice is installed)", () => undefined);
  } else {
    test("LibreOffice opens the workbook and keeps the charts", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-charts-"));
      try {
        const src = path.join(dir, "in.xlsx");
        fs.writeFileSync(src, bytes);
        const out = path.join(dir, "out");
        execFileSync(office, ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "xlsx", "--outdir", out, src], {
          timeout: 120000,
          stdio: "ignore",
        });
        const back = await Pkg.open(fs.readFileSync(path.join(out, "in.xlsx")));
        expect(back.parts().filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).length).toBe(3);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe("addCharts and planCharts edge cases", () => {
  test("no charts: the input bytes come back unchanged, no chart parts", async () => {
    const bytes = await writeReportXlsx(chartReport(false));
    expect(await addCharts(bytes, [])).toBe(bytes);
    const pkg = await Pkg.open(bytes);
    expect(pkg.parts().filter((p) => /^xl\/(charts|drawings)\//.test(p))).toEqual([]);
  });

  test("a chart whose table is missing: planCharts throws naming the chart; the writer skips it", async () => {
    const r = chartReport(false);
    r.sheets[2].charts.push(chart("line", "Ghost chart", { sheet: "Coupling", table: 3 }, "unit", ["d"]));
    const layouts = r.sheets.map((s) => s.tables.map(() => ({ headerRow: 1, firstRow: 2, lastRow: 3 })));
    expect(() => planCharts(r, layouts)).toThrow(/chart "Ghost chart".*no table 4/);
    r.sheets[2].charts[0].tableRef = { sheet: "Nowhere", table: 0 };
    expect(() => planCharts(r, layouts)).toThrow(/chart "Ghost chart".*no sheet named "Nowhere"/);
    r.sheets[2].charts[0].tableRef = { sheet: "Coupling", table: 0 };
    r.sheets[2].charts[0].series = ["nope"];
    expect(() => planCharts(r, layouts)).toThrow(/chart "Ghost chart".*no column "nope"/);
    expect(planCharts(r, layouts, { onMissing: "skip" })).toEqual([]);
    const bytes = await writeReportXlsx(r);
    const pkg = await Pkg.open(bytes);
    expect(pkg.parts().filter((p) => p.startsWith("xl/charts/"))).toEqual([]);
    await expectSoundPackage(pkg);
  });

  test("worksheet XML with a comment, a processing instruction, CDATA and a declaration is read; an unterminated one is an error", async () => {
    const bytes = await writeReportXlsx(chartReport(false));
    const zip = await JSZip.loadAsync(bytes);
    const part = (await (await Pkg.open(bytes)).sheets())[0].part;
    const xml = await zip.file(part)!.async("string");
    const root = xml.indexOf("<worksheet");
    const open = xml.indexOf(">", root) + 1;
    const doctype = "<!DOCTYPE worksheet>";
    const extras = '<!-- a <comment> with "<sheetData>" --><?coordlab test="1"?><![CDATA[ <drawing r:id="rId9"/> ]]>';
    const edited = async (text: string) => {
      zip.file(part, text);
      return zip.generateAsync({ type: "uint8array" });
    };
    const range = (column: number) => ({ sheetIndex: 0, column, headerRow: 1, firstRow: 2, lastRow: 4 });
    const p: ChartPlacement = { type: "line", title: "Scanned", sheetIndex: 0, anchor: { col: 6, row: 1, cols: 8, rows: 16 }, x: range(1), series: [range(2)] };
    const out = await Pkg.open(await addCharts(await edited(xml.slice(0, root) + doctype + xml.slice(root, open) + extras + xml.slice(open)), [p]));
    expect(await out.chartsOf(part)).toHaveLength(1);
    const written = await out.text(part);
    expect([written.includes(doctype), written.includes(extras)]).toEqual([true, true]); // skipped text kept as it was
    for (const [cut, what] of [
      ["<!-- never closed", "comment"],
      ["<![CDATA[ never closed", "CDATA"],
      ["<? never closed", "processing instruction"],
      ["<!DOCTYPE never closed", "declaration"],
    ])
      await expect(addCharts(await edited(xml.slice(0, open) + cut), [p])).rejects.toThrow(new RegExp(`cannot read ${part}: unterminated ${what}`));
  });

  test("a placement on a worksheet that does not exist throws naming the chart", async () => {
    const bytes = await writeReportXlsx(chartReport(false));
    const bad: ChartPlacement = {
      type: "line",
      title: "Lost chart",
      sheetIndex: 9,
      anchor: { col: 3, row: 1, cols: 8, rows: 16 },
      x: { sheetIndex: 0, column: 1, headerRow: 7, firstRow: 8, lastRow: 47 },
      series: [{ sheetIndex: 0, column: 2, headerRow: 7, firstRow: 8, lastRow: 47 }],
    };
    await expect(addCharts(bytes, [bad])).rejects.toThrow(/chart "Lost chart".*no worksheet at index 9/);
    await expect(addCharts(bytes, [{ ...bad, sheetIndex: 0, x: { ...bad.x, sheetIndex: 4 } }])).rejects.toThrow(/chart "Lost chart"/);
  });

  test("existing package parts: renamed sheet parts, sheet rels and legacyDrawing (notes), an existing image drawing", async () => {
    // a workbook exceljs writes with a comment (vml + comments rels, <legacyDrawing>) and an image (<drawing>)
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet("Alpha");
    const b = wb.addWorksheet("Beta");
    for (const ws of [a, b]) {
      ws.addRow(["x", "y"]);
      for (let i = 1; i <= 5; i++) ws.addRow([i, i * i]);
    }
    b.getCell("D1").note = "a note";
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    a.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" }), "D2:E4");
    const orig = new Uint8Array(await wb.xlsx.writeBuffer());

    // move Alpha's part to a non-"sheetN" name, to prove the mapping goes through the workbook rels
    const zip = await JSZip.loadAsync(orig);
    const alphaOld = "xl/worksheets/sheet1.xml";
    zip.file("xl/worksheets/alpha-data.xml", await zip.file(alphaOld)!.async("string"));
    zip.file("xl/worksheets/_rels/alpha-data.xml.rels", await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string"));
    zip.remove(alphaOld);
    zip.remove("xl/worksheets/_rels/sheet1.xml.rels");
    const wbRels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file("xl/_rels/workbook.xml.rels", wbRels.replace('Target="worksheets/sheet1.xml"', 'Target="worksheets/alpha-data.xml"'));
    const ct = await zip.file("[Content_Types].xml")!.async("string");
    zip.file("[Content_Types].xml", ct.replace('PartName="/xl/worksheets/sheet1.xml"', 'PartName="/xl/worksheets/alpha-data.xml"'));
    const input = await zip.generateAsync({ type: "uint8array" });
    const before = await Pkg.open(input);
    await expectSoundPackage(before);
    const betaRelsBefore = await before.rels("xl/worksheets/sheet2.xml");
    expect(betaRelsBefore.size).toBeGreaterThan(0);

    const range = (sheetIndex: number, column: number) => ({ sheetIndex, column, headerRow: 1, firstRow: 2, lastRow: 6 });
    const placements: ChartPlacement[] = [
      { type: "line", title: "On Alpha", sheetIndex: 0, anchor: { col: 6, row: 1, cols: 8, rows: 16 }, x: range(0, 1), series: [range(0, 2)] },
      {
        type: "column",
        title: "On Beta, data from Alpha",
        sheetIndex: 1,
        anchor: { col: 6, row: 1, cols: 8, rows: 16 },
        x: range(0, 1),
        series: [range(1, 2)],
      },
    ];
    const out = await addCharts(input, placements);
    const pkg = await Pkg.open(out);
    await expectSoundPackage(pkg);
    const sheets = await pkg.sheets();
    expect(sheets.map((s) => s.part)).toEqual(["xl/worksheets/alpha-data.xml", "xl/worksheets/sheet2.xml"]);

    // Alpha: the image drawing was extended (one <drawing>, image anchor kept, chart anchor added)
    const alpha = await pkg.xml(sheets[0].part);
    expectSchemaOrder(alpha);
    const alphaCharts = await pkg.chartsOf(sheets[0].part);
    expect(alphaCharts).toHaveLength(1);
    const drawingPart = (await pkg.rels(sheets[0].part)).get(child(alpha, "drawing")!.attrs["r:id"])!.target;
    const drawing = await pkg.xml(drawingPart);
    expect(all(drawing, "xdr:pic")).toHaveLength(1);
    expect(all(drawing, "xdr:graphicFrame")).toHaveLength(1);
    const shapeIds = all(drawing, "xdr:cNvPr").map((n) => n.attrs.id);
    expect(new Set(shapeIds).size).toBe(shapeIds.length);
    expect(seriesOf(await pkg.xml(alphaCharts[0].part))[0]).toMatchObject({ name: "'Alpha'!$B$1", x: "'Alpha'!$A$2:$A$6", y: "'Alpha'!$B$2:$B$6" });
    expect(seriesOf(await pkg.xml(alphaCharts[0].part))[0].xCache).toEqual([]); // no values given: no cache

    // Beta: existing rels kept, new rId unused before, <drawing> before <legacyDrawing>
    const beta = await pkg.xml(sheets[1].part);
    expectSchemaOrder(beta);
    const names = beta.children.map((c) => c.name);
    expect(names.indexOf("drawing")).toBe(names.indexOf("legacyDrawing") - 1);
    const betaRels = await pkg.rels(sheets[1].part);
    for (const [id, rel] of betaRelsBefore) expect(betaRels.get(id)).toEqual(rel);
    const newId = child(beta, "drawing")!.attrs["r:id"];
    expect(betaRelsBefore.has(newId)).toBe(false);
    const betaCharts = await pkg.chartsOf(sheets[1].part);
    expect(seriesOf(await pkg.xml(betaCharts[0].part))[0]).toMatchObject({ name: "'Beta'!$B$1", x: "'Alpha'!$A$2:$A$6", y: "'Beta'!$B$2:$B$6" });

    // still a workbook exceljs reads, with the image and the values (exceljs itself
    // only finds worksheets named xl/worksheets/sheetN.xml, so this uses the original parts)
    const back = await load(await addCharts(orig, placements));
    expect(back.worksheets.map((w) => w.name)).toEqual(["Alpha", "Beta"]);
    expect(back.worksheets[0].getCell("B6").value).toBe(25);
    // (exceljs does not read notes back, even from its own files: check the comment parts instead)
    const types = [...betaRels.values()].map((r) => r.type.replace(/.*\//, "")).sort();
    expect(types).toEqual(["comments", "drawing", "vmlDrawing"]);
    expect(await pkg.text([...betaRels.values()].find((r) => r.type.endsWith("/comments"))!.target)).toContain("a note");
    expect(back.worksheets[0].getImages()).toHaveLength(1);
  });
});

describe("horizontal bar and 3-D surface charts", () => {
  /** The children of an element by name, in order (schema order checks). */
  const names = (n: Node) => n.children.map((c) => c.name);
  const grades = ["Extreme disorder", "Barely coordinated", "Quality coordination"];
  function barSurfaceReport(): Report {
    const r = createReport("Bars and surfaces");
    const grid = tableFromColumns([
      { key: "x", label: "D", format: "0.000", values: xs },
      { key: "f0", label: "2011", format: "0.0000", values: west },
      { key: "f1", label: "2015", format: "0.0000", values: central },
      { key: "f2", label: "2020", format: "0.0000", values: east },
    ]);
    const counts = tableFromColumns([
      { key: "grade", label: "Grade", format: "text", values: grades },
      { key: "p0", label: "2011", format: "0", values: [3, 20, 0] },
      { key: "p1", label: "2020", format: "0", values: [0, 9, 1] },
    ]);
    const surface = chart("surface", "Density in 3-D", { sheet: "Density", table: 0 }, "x", ["f0", "f1", "f2"], { x: "D", y: "Density" });
    surface.seriesAxisTitle = "Period";
    surface.smooth = true;
    surface.rows = { first: 8, last: 31 };
    surface.xFormat = "0.00";
    const bars = chart("bar", "Units per grade", { sheet: "Grades", table: 0 }, "grade", ["p0", "p1"], { x: "Grade", y: "Units" });
    bars.yAxis = { min: 0 };
    r.sheets.push(sheet("Density", [grid], [surface]), sheet("Grades", [counts], [bars]));
    return r;
  }
  let pkg: Pkg;
  let sheets: Array<{ name: string; part: string }>;
  beforeAll(async () => {
    pkg = await Pkg.open(await writeReportXlsx(barSurfaceReport()));
    sheets = await pkg.sheets();
  });

  test("surface: c:view3D before the plot area, c:surface3DChart with three axes, the series axis titled", async () => {
    const [c] = await pkg.chartsOf(sheets[0].part);
    const xml = await pkg.xml(c.part);
    const ch = all(xml, "c:chart")[0];
    expect(names(ch)).toEqual(["c:title", "c:autoTitleDeleted", "c:view3D", "c:plotArea", "c:legend", "c:plotVisOnly", "c:dispBlanksAs"]);
    const plot = child(ch, "c:plotArea")!;
    expect(names(plot)).toEqual(["c:layout", "c:surface3DChart", "c:catAx", "c:valAx", "c:serAx"]);
    const s = child(plot, "c:surface3DChart")!;
    expect(names(s)).toEqual(["c:wireframe", "c:ser", "c:ser", "c:ser", "c:axId", "c:axId", "c:axId"]);
    // CT_SurfaceSer: idx, order, tx, cat, val (no spPr/marker/smooth of the line series)
    for (const ser of all(s, "c:ser")) expect(names(ser)).toEqual(["c:idx", "c:order", "c:tx", "c:cat", "c:val"]);
    const ids = all(s, "c:axId").map((a) => a.attrs.val);
    const axis = (tag: string) => child(plot, tag)!;
    expect([axis("c:catAx"), axis("c:valAx"), axis("c:serAx")].map((a) => child(a, "c:axId")!.attrs.val)).toEqual(ids);
    expect(child(axis("c:serAx"), "c:crossAx")!.attrs.val).toBe(ids[1]);
    expect(all(axis("c:serAx"), "a:t").map((t) => t.text)).toEqual(["Period"]);
    // category labels: about ten of the 24 rows, at 2 decimals; the density labels in General
    const cat = axis("c:catAx");
    expect(child(cat, "c:tickLblSkip")!.attrs.val).toBe("3");
    expect(names(cat).indexOf("c:tickLblSkip")).toBeLessThan(names(cat).indexOf("c:noMultiLvlLbl"));
    expect(child(cat, "c:numFmt")!.attrs).toEqual({ formatCode: "0.00", sourceLinked: "0" });
    expect(child(axis("c:valAx"), "c:numFmt")!.attrs).toEqual({ formatCode: "General", sourceLinked: "0" });
    // the rows asked for: 8..31 of the table (rows 10..33 of the sheet, the header in row 1)
    expect(seriesOf(xml).map((x) => [x.name, x.x, x.y])).toEqual([
      ["'Density'!$B$1", "'Density'!$A$10:$A$33", "'Density'!$B$10:$B$33"],
      ["'Density'!$C$1", "'Density'!$A$10:$A$33", "'Density'!$C$10:$C$33"],
      ["'Density'!$D$1", "'Density'!$A$10:$A$33", "'Density'!$D$10:$D$33"],
    ]);
    expect(seriesOf(xml)[2].yCache[0]).toEqual([0, String(east[8])]);
    expect(seriesOf(xml)[0].yCount).toBe(24);
  });

  test("bar: barDir bar, the grade names down the left, the counts along the bottom from 0", async () => {
    const [c] = await pkg.chartsOf(sheets[1].part);
    const xml = await pkg.xml(c.part);
    const bar = all(xml, "c:barChart")[0];
    expect(child(bar, "c:barDir")!.attrs.val).toBe("bar");
    expect(child(bar, "c:grouping")!.attrs.val).toBe("clustered");
    const plot = all(xml, "c:plotArea")[0];
    expect(child(child(plot, "c:catAx")!, "c:axPos")!.attrs.val).toBe("l");
    const val = child(plot, "c:valAx")!;
    expect(child(val, "c:axPos")!.attrs.val).toBe("b");
    expect(child(child(val, "c:scaling")!, "c:min")!.attrs.val).toBe("0");
    expect(seriesOf(xml).map((s) => s.xCache)).toEqual([grades, grades]);
  });

  test("planCharts: rows beyond the table are clipped to it", () => {
    const r = barSurfaceReport();
    r.sheets[0].charts[0].rows = { first: 30, last: 500 };
    const [p] = planCharts(r, [[{ headerRow: 1, firstRow: 2, lastRow: 41 }], [{ headerRow: 1, firstRow: 2, lastRow: 4 }]]);
    expect([p.x.firstRow, p.x.lastRow, p.x.values!.length]).toEqual([32, 41, 10]);
  });
});
