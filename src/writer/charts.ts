/**
 * Native Excel charts in a written workbook.
 *
 * The standalone writer (`writeReportXlsx`, xlsx.ts) writes the chart parts into the package
 * as it builds it (`chartParts`: the same parts, names and ids, without reading a package);
 * `addCharts` adds them to an existing package's bytes (e.g. one exceljs wrote): for each
 * `ChartPlacement` it adds, with jszip,
 *
 *   - `xl/charts/chartN.xml`: a DrawingML `c:chartSpace` with a `c:lineChart`, a
 *     `c:barChart` (barDir col, or bar for horizontal bars), a `c:scatterChart` or a
 *     `c:surface3DChart` (with a `c:view3D` and a series axis); one `c:ser` per series, its name a
 *     `c:strRef` to the header cell, its data `c:cat`/`c:val` (or `c:xVal`/`c:yVal`) formula
 *     references such as `'Density'!$B$3:$B$514`, with caches of the values so that viewers
 *     that do not recalculate still draw the chart;
 *   - `xl/drawings/drawingN.xml` (one per worksheet; an existing drawing of the sheet, e.g.
 *     from images, is extended instead) with one `xdr:twoCellAnchor` + `xdr:graphicFrame` per
 *     chart, and its rels `xl/drawings/_rels/drawingN.xml.rels`;
 *   - the sheet's rels (created, or appended to with an unused rId) and a `<drawing r:id/>`
 *     element in the worksheet XML at its schema position (CT_Worksheet order: after
 *     conditionalFormatting, dataValidations, hyperlinks, page setup, ...; before
 *     legacyDrawing, tableParts, extLst);
 *   - the content-type Overrides of the new parts in `[Content_Types].xml`.
 *
 * Worksheets are addressed by their 0-based index in workbook order, mapped to the sheet part
 * through `xl/workbook.xml` and its rels (part names are never guessed). Sheet names in
 * formulas are read from `xl/workbook.xml`, quoted ('...', apostrophes doubled) and
 * XML-escaped.
 *
 * The placements come from `planCharts` (src/report/chartPlan.ts), which the Office.js writer
 * uses as well; this module and the standalone writer are the only ones that need JSZip, so
 * it stays out of the Office.js bundle.
 *
 * Plain string building and a minimal XML scanner (elements, attributes; enough for the
 * package parts exceljs writes) - no DOM, so this runs in Node and in the browser.
 */
import JSZip from "jszip";
import { ChartPlacement, ColumnRange, SERIES_COLOURS } from "../report/chartPlan";
import type { AxisBounds } from "../report/model";
import { ReportValue, columnLetter, quoteSheetName } from "../report/model";

// ---------------------------------------------------------------------------------------------
// XML helpers

const NS = {
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
};
const REL_DRAWING = `${NS.r}/drawing`;
const REL_CHART = `${NS.r}/chart`;
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text safe for XML content and attribute values (characters XML 1.0 forbids are dropped). */
export function escapeXml(s: string): string {
  return (
    String(s)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, (m) => (m.length === 2 ? m : "")) // lone surrogates
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

/** An absolute reference `'Sheet'!$B$3:$B$514` (a single cell when the rows are equal). */
export function rangeFormula(sheetName: string, column: number, firstRow: number, lastRow: number): string {
  const L = columnLetter(column);
  const a = `$${L}$${firstRow}`;
  return `${quoteSheetName(sheetName, { always: true })}!${a}${lastRow !== firstRow ? `:$${L}$${lastRow}` : ""}`;
}

/** An element found by the scanner: positions in the source text. */
interface XmlElem {
  name: string;
  /** Local name (without prefix). */
  local: string;
  prefix: string;
  attrs: Record<string, string>;
  /** Index of "<" of the start tag. */
  start: number;
  /** Index just after the start tag's ">". */
  openEnd: number;
  /** Index of "<" of the end tag (= openEnd for an empty element written `<x/>`). */
  closeStart: number;
  /** Index just after the element. */
  end: number;
  selfClosing: boolean;
  children: XmlElem[];
}

const TAG = /<(\/?)([A-Za-z_][\w.\-:]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/y;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** What the scanner skips: opening, closing text, name (in this order: "<!" last). */
const SKIPPED: ReadonlyArray<[string, string, string]> = [
  ["<?", "?>", "processing instruction"],
  ["<!--", "-->", "comment"],
  ["<![CDATA[", "]]>", "CDATA"],
  ["<!", ">", "declaration"],
];

/** The root element of an XML document (a light tree of elements; text is not kept). */
function parseXml(xml: string, part: string): XmlElem {
  const stack: XmlElem[] = [];
  let root: XmlElem | undefined;
  let i = 0;
  const bad = (why: string): never => {
    throw new Error(`addCharts: cannot read ${part}: ${why}`);
  };
  while (true) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) break;
    const skipped = SKIPPED.find(([open]) => xml.startsWith(open, lt));
    if (skipped) {
      const [, close, what] = skipped;
      const e = xml.indexOf(close, lt);
      if (e < 0) bad(`unterminated ${what}`);
      i = e + close.length;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(xml);
    if (!m) return bad(`malformed tag at offset ${lt}`);
    const [whole, closing, name, attrText, selfClose] = m;
    const end = lt + whole.length;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) bad(`unexpected </${name}> at offset ${lt}`);
      open!.closeStart = lt;
      open!.end = end;
    } else {
      const attrs: Record<string, string> = {};
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(attrText); a; a = ATTR.exec(attrText)) attrs[a[1]] = decodeXml(a[2] ?? a[3] ?? "");
      const colon = name.indexOf(":");
      const el: XmlElem = {
        name,
        local: colon < 0 ? name : name.slice(colon + 1),
        prefix: colon < 0 ? "" : name.slice(0, colon),
        attrs,
        start: lt,
        openEnd: end,
        closeStart: end,
        end,
        selfClosing: selfClose === "/",
        children: [],
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) bad("more than one root element");
      else root = el;
      if (!el.selfClosing) stack.push(el);
    }
    i = end;
  }
  if (stack.length > 0) bad(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) return bad("no root element");
  return root;
}

/** Value of an attribute given by local name, whatever its prefix (e.g. `r:id`). */
function attrLocal(el: XmlElem, local: string): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) if (k === local || k.endsWith(`:${local}`)) return v;
  return undefined;
}

/** The prefix bound to a namespace on an element ("" for the default namespace), if any. */
function prefixFor(el: XmlElem, ns: string): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) {
    if (v !== ns) continue;
    if (k === "xmlns") return "";
    if (k.startsWith("xmlns:")) return k.slice(6);
  }
  return undefined;
}

/** Insert a fragment as the last child of the root element (also when the root is `<x/>`). */
function appendToRoot(xml: string, root: XmlElem, fragment: string): string {
  if (!root.selfClosing) return xml.slice(0, root.closeStart) + fragment + xml.slice(root.closeStart);
  const open = xml.slice(root.start, root.openEnd).replace(/\s*\/>$/, ">");
  return xml.slice(0, root.start) + open + fragment + `</${root.name}>` + xml.slice(root.end);
}

// ---------------------------------------------------------------------------------------------
// Package paths and relationships

function dirOf(part: string): string {
  const k = part.lastIndexOf("/");
  return k < 0 ? "" : part.slice(0, k + 1);
}

function relsPathOf(part: string): string {
  const k = part.lastIndexOf("/");
  return `${part.slice(0, k + 1)}_rels/${part.slice(k + 1)}.rels`;
}

/** Resolve a relationship target against the source part (zip path, no leading "/"). */
function resolveTarget(sourcePart: string, target: string): string {
  let raw = target.startsWith("/") ? target.slice(1) : dirOf(sourcePart) + target;
  try {
    raw = decodeURI(raw);
  } catch {
    // not percent-encoded: use as it is
  }
  const out: string[] = [];
  for (const seg of raw.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

/** Relative target from one part to another (both zip paths). */
function relativeTarget(fromPart: string, toPart: string): string {
  const from = dirOf(fromPart).split("/").filter(Boolean);
  const to = toPart.split("/");
  let k = 0;
  while (k < from.length && k < to.length - 1 && from[k] === to[k]) k++;
  return [...from.slice(k).map(() => ".."), ...to.slice(k)].join("/");
}

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

class Package {
  private readonly lower = new Map<string, string>();
  private readonly texts = new Map<string, string>();

  constructor(readonly zip: JSZip) {
    zip.forEach((path, f) => {
      if (!f.dir) this.lower.set(path.toLowerCase(), path);
    });
  }

  /** The zip entry name of a part (part names are case-insensitive), if present. */
  find(part: string): string | undefined {
    return this.lower.get(part.toLowerCase());
  }

  has(part: string): boolean {
    return this.find(part) !== undefined;
  }

  async read(part: string): Promise<string | undefined> {
    const name = this.find(part);
    if (name === undefined) return undefined;
    const cached = this.texts.get(name);
    if (cached !== undefined) return cached;
    const text = await this.zip.file(name)!.async("string");
    this.texts.set(name, text);
    return text;
  }

  write(part: string, text: string): void {
    const name = this.find(part) ?? part;
    this.lower.set(name.toLowerCase(), name);
    this.texts.set(name, text);
    this.zip.file(name, text);
  }

  /** First unused `${prefix}N${suffix}` (N = 1, 2, ...). */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) {
      const p = `${prefix}${n}${suffix}`;
      if (!this.has(p)) return p;
    }
  }

  async rels(part: string): Promise<Rel[]> {
    const xml = await this.read(relsPathOf(part));
    if (xml === undefined) return [];
    const root = parseXml(xml, relsPathOf(part));
    return root.children
      .filter((c) => c.local === "Relationship")
      .map((c) => ({ id: c.attrs.Id ?? "", type: c.attrs.Type ?? "", target: c.attrs.Target ?? "", external: c.attrs.TargetMode === "External" }));
  }

  /** Add a relationship from `part` to `targetPart`; returns its new, unused Id. */
  async addRel(part: string, type: string, targetPart: string): Promise<string> {
    const path = relsPathOf(part);
    const xml = (await this.read(path)) ?? `${XML_DECL}<Relationships xmlns="${NS.rels}"></Relationships>`;
    const root = parseXml(xml, path);
    const ids = new Set(root.children.map((c) => c.attrs.Id));
    let n = 1;
    for (const id of ids) {
      const m = /^rId(\d+)$/.exec(id ?? "");
      if (m) n = Math.max(n, Number(m[1]) + 1);
    }
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const p = root.prefix ? `${root.prefix}:` : "";
    const rel = `<${p}Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(relativeTarget(part, targetPart))}"/>`;
    this.write(path, appendToRoot(xml, root, rel));
    return id;
  }
}

interface SheetInfo {
  name: string;
  part: string;
}

/** Worksheets in workbook order: name and part, through the package and workbook rels. */
async function worksheets(pkg: Package): Promise<{ workbookPart: string; sheets: SheetInfo[] }> {
  const top = await pkg.rels("");
  const doc = top.find((r) => /\/officeDocument$/.test(r.type));
  const workbookPart = doc ? resolveTarget("", doc.target) : "xl/workbook.xml";
  const xml = await pkg.read(workbookPart);
  if (xml === undefined) throw new Error(`addCharts: the package has no workbook part (${workbookPart})`);
  const root = parseXml(xml, workbookPart);
  const rels = await pkg.rels(workbookPart);
  const sheetsEl = root.children.find((c) => c.local === "sheets");
  const sheets: SheetInfo[] = [];
  for (const s of sheetsEl?.children ?? []) {
    if (s.local !== "sheet") continue;
    const rid = attrLocal(s, "id");
    const rel = rels.find((r) => r.id === rid);
    if (!rel) throw new Error(`addCharts: sheet "${s.attrs.name}" has relationship "${rid}" that ${workbookPart} does not define`);
    sheets.push({ name: s.attrs.name ?? "", part: resolveTarget(workbookPart, rel.target) });
  }
  return { workbookPart, sheets };
}

// ---------------------------------------------------------------------------------------------
// Chart XML

/** Worksheet children that must come after `<drawing>` (CT_Worksheet sequence). */
const AFTER_DRAWING = new Set([
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);

function isNumber(v: ReportValue | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function numLit(v: number): string {
  return String(v);
}

function strCache(values: string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: ReportValue[], formatCode: string): string {
  let pts = "";
  values.forEach((v, i) => {
    if (isNumber(v)) pts += `<c:pt idx="${i}"><c:v>${numLit(v)}</c:v></c:pt>`;
  });
  const fc = formatCode === "@" ? "General" : formatCode;
  return `<c:numCache><c:formatCode>${escapeXml(fc)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function cellText(v: ReportValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number" && !Number.isFinite(v)) return "#N/A";
  return String(v);
}

function nRows(r: ColumnRange): number {
  return Math.max(0, r.lastRow - r.firstRow + 1);
}

function dataFormula(r: ColumnRange, sheetName: string): string {
  return escapeXml(rangeFormula(sheetName, r.column, r.firstRow, Math.max(r.firstRow, r.lastRow)));
}

/** A range's values padded/cut to its row count (cache points must match the range). */
function cached(r: ColumnRange): ReportValue[] | undefined {
  if (!r.values) return undefined;
  const n = nRows(r);
  const v = r.values.slice(0, n);
  while (v.length < n) v.push(null);
  return v;
}

/** `c:numRef` (with a number cache) or, for text data, `c:strRef` (with a string cache). */
function dataRef(r: ColumnRange, sheetName: string, wantNumbers: boolean): string {
  const f = `<c:f>${dataFormula(r, sheetName)}</c:f>`;
  const values = cached(r);
  if (wantNumbers) return `<c:numRef>${f}${values ? numCache(values, r.numFmt ?? "General") : ""}</c:numRef>`;
  return `<c:strRef>${f}${values ? strCache(values.map(cellText)) : ""}</c:strRef>`;
}

/** Whether x values are numbers (numRef) rather than text categories (strRef). */
function numericX(r: ColumnRange): boolean {
  if (r.numFmt === "@") return false;
  if (!r.values) return true;
  return r.values.every((v) => v === null || typeof v === "number");
}

function seriesName(r: ColumnRange, sheetName: string): string {
  const f = `<c:f>${escapeXml(rangeFormula(sheetName, r.column, r.headerRow, r.headerRow))}</c:f>`;
  return `<c:tx><c:strRef>${f}${r.header !== undefined ? strCache([r.header]) : ""}</c:strRef></c:tx>`;
}

function richText(text: string, opts: { bold?: boolean; size?: number; rotate?: boolean } = {}): string {
  const b = opts.bold ? ' b="1"' : ' b="0"';
  const sz = opts.size ? ` sz="${opts.size}"` : "";
  const body = opts.rotate ? '<a:bodyPr rot="-5400000" vert="horz"/>' : "<a:bodyPr/>";
  return (
    `<c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr${sz}${b}/></a:pPr>` +
    `<a:r><a:rPr lang="en-US"${sz}${b}/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function titleXml(text: string, opts: { bold?: boolean; size?: number; rotate?: boolean } = {}): string {
  return `<c:title>${richText(text, opts)}<c:overlay val="0"/></c:title>`;
}

function axisXml(
  kind: "cat" | "val",
  id: number,
  crossId: number,
  pos: "b" | "l",
  title: string | undefined,
  opts: {
    crossBetween?: "between" | "midCat";
    gridlines?: boolean;
    numFmt?: string;
    bounds?: AxisBounds;
    linked?: boolean;
    tickLblSkip?: number;
    low?: boolean;
  },
): string {
  const tag = kind === "cat" ? "c:catAx" : "c:valAx";
  const b = opts.bounds ?? {};
  const scaling = `<c:orientation val="minMax"/>${b.max !== undefined ? `<c:max val="${b.max}"/>` : ""}${b.min !== undefined ? `<c:min val="${b.min}"/>` : ""}`;
  let x = `<${tag}><c:axId val="${id}"/><c:scaling>${scaling}</c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>`;
  if (opts.gridlines) x += "<c:majorGridlines/>";
  if (title !== undefined && title !== "") x += titleXml(title, { size: 1000, bold: false, rotate: pos === "l" });
  x += `<c:numFmt formatCode="${escapeXml(opts.numFmt ?? "General")}" sourceLinked="${opts.linked === false ? 0 : 1}"/>`;
  x += `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="${pos === "b" || opts.low ? "low" : "nextTo"}"/>`;
  x += `<c:crossAx val="${crossId}"/><c:crosses val="autoZero"/>`;
  if (kind === "cat") {
    const skip = opts.tickLblSkip && opts.tickLblSkip > 1 ? `<c:tickLblSkip val="${opts.tickLblSkip}"/><c:tickMarkSkip val="${opts.tickLblSkip}"/>` : "";
    x += `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>${skip}<c:noMultiLvlLbl val="0"/>`;
  } else x += `<c:crossBetween val="${opts.crossBetween ?? "between"}"/>`;
  return x + `</${tag}>`;
}

/** Horizontal clustered bars: categories down the left (long names stay readable), values along the bottom. */
function barPlot(p: ChartPlacement, sers: string[], axX: number, axY: number, xFmt: string, yFmt: string): string {
  return (
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${sers.join("")}` +
    `<c:gapWidth val="80"/><c:axId val="${axX}"/><c:axId val="${axY}"/></c:barChart>` +
    axisXml("cat", axX, axY, "l", p.xAxisTitle, { numFmt: xFmt }) +
    axisXml("val", axY, axX, "b", p.yAxisTitle, { gridlines: true, numFmt: yFmt, bounds: p.yAxis })
  );
}

/** The 3-D view of surface charts: tilted 20°, turned 30°, with perspective. */
const SURFACE_VIEW = '<c:view3D><c:rotX val="20"/><c:rotY val="30"/><c:rAngAx val="0"/><c:perspective val="30"/></c:view3D>';

/**
 * A 3-D surface: the categories (x) along the bottom, the series (e.g. periods) in depth, the
 * values up; about ten category labels (in `xFormat`, e.g. 0.00); density labels in General (no needless decimals).
 */
function surfacePlot(p: ChartPlacement, sers: string[], axisBase: number, xFmt: string, yFmt: string): string {
  const [cat, val, ser] = [axisBase + 1, axisBase + 2, axisBase + 3];
  const n = Math.max(0, p.x.lastRow - p.x.firstRow + 1);
  let x = `<c:surface3DChart><c:wireframe val="0"/>${sers.join("")}<c:axId val="${cat}"/><c:axId val="${val}"/><c:axId val="${ser}"/></c:surface3DChart>`;
  x += axisXml("cat", cat, val, "b", p.xAxisTitle, { numFmt: p.xFormat ?? xFmt, linked: p.xFormat === undefined, tickLblSkip: Math.max(1, Math.ceil(n / 10)) });
  x += axisXml("val", val, cat, "l", p.yAxisTitle, { gridlines: true, numFmt: p.smooth ? "General" : yFmt, linked: !p.smooth, bounds: p.yAxis });
  let s = `<c:serAx><c:axId val="${ser}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>`;
  if (p.seriesAxisTitle) s += titleXml(p.seriesAxisTitle, { size: 1000, bold: false });
  s += `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${val}"/><c:crosses val="autoZero"/></c:serAx>`;
  return x + s;
}

/** The chartN.xml of one placement; `sheetNames` are the worksheet names in workbook order. */
export function chartXml(p: ChartPlacement, sheetNames: readonly string[], axisBase: number = 50000000): string {
  const name = (r: ColumnRange): string => sheetNames[r.sheetIndex];
  const axX = axisBase + 1;
  const axY = axisBase + 2;
  const xNumeric = numericX(p.x);
  const points = nRows(p.x);
  let plot = "";
  const sers = p.series.map((s, k) => {
    const head = `<c:idx val="${k}"/><c:order val="${k}"/>${seriesName(s, name(s))}`;
    // Explicit series colours: viewers differ in how (or whether) they colour series automatically.
    const fill = `<a:solidFill><a:srgbClr val="${SERIES_COLOURS[k % SERIES_COLOURS.length]}"/></a:solidFill>`;
    if (p.type === "scatter" && p.smooth) {
      return (
        `<c:ser>${head}<c:spPr><a:ln w="22225" cap="rnd">${fill}<a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>` +
        `<c:xVal>${dataRef(p.x, name(p.x), xNumeric)}</c:xVal><c:yVal>${dataRef(s, name(s), true)}</c:yVal><c:smooth val="1"/></c:ser>`
      );
    }
    if (p.type === "scatter") {
      return (
        `<c:ser>${head}<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="${points > 200 ? 3 : 5}"/><c:spPr>${fill}<a:ln>${fill}</a:ln></c:spPr></c:marker>` +
        `<c:xVal>${dataRef(p.x, name(p.x), xNumeric)}</c:xVal><c:yVal>${dataRef(s, name(s), true)}</c:yVal><c:smooth val="0"/></c:ser>`
      );
    }
    const cat = `<c:cat>${dataRef(p.x, name(p.x), xNumeric)}</c:cat><c:val>${dataRef(s, name(s), true)}</c:val>`;
    if (p.type === "line") {
      const marker =
        points > 30 ? '<c:marker><c:symbol val="none"/></c:marker>' : `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${fill}</c:spPr></c:marker>`;
      return `<c:ser>${head}<c:spPr><a:ln w="22225" cap="rnd">${fill}<a:round/></a:ln></c:spPr>${marker}${cat}<c:smooth val="0"/></c:ser>`;
    }
    if (p.type === "surface") return `<c:ser>${head}${cat}</c:ser>`;
    return `<c:ser>${head}<c:spPr>${fill}</c:spPr><c:invertIfNegative val="0"/>${cat}</c:ser>`;
  });
  const axIds = `<c:axId val="${axX}"/><c:axId val="${axY}"/>`;
  const yFmt = p.series[0]?.numFmt && p.series[0].numFmt !== "@" ? p.series[0].numFmt : "General";
  const xFmt = p.x.numFmt && p.x.numFmt !== "@" ? p.x.numFmt : "General";
  if (p.type === "line") {
    plot = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${sers.join("")}<c:marker val="1"/>${axIds}</c:lineChart>`;
    plot += axisXml("cat", axX, axY, "b", p.xAxisTitle, { numFmt: xFmt });
    plot += axisXml("val", axY, axX, "l", p.yAxisTitle, { gridlines: true, numFmt: p.yFormat ?? yFmt, linked: p.yFormat === undefined, bounds: p.yAxis });
  } else if (p.type === "column" || p.type === "stackedColumn") {
    const stacked = p.type === "stackedColumn";
    plot =
      `<c:barChart><c:barDir val="col"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>${sers.join("")}` +
      `<c:gapWidth val="150"/>${stacked ? '<c:overlap val="100"/>' : ""}${axIds}</c:barChart>`;
    plot += axisXml("cat", axX, axY, "b", p.xAxisTitle, { numFmt: xFmt });
    plot += axisXml("val", axY, axX, "l", p.yAxisTitle, { gridlines: true, numFmt: yFmt });
  } else if (p.type === "bar") {
    plot = barPlot(p, sers, axX, axY, xFmt, yFmt);
  } else if (p.type === "surface") {
    plot = surfacePlot(p, sers, axisBase, xFmt, yFmt);
  } else if (p.type === "scatter") {
    plot = `<c:scatterChart><c:scatterStyle val="${p.smooth ? "smoothMarker" : "lineMarker"}"/><c:varyColors val="0"/>${sers.join("")}${axIds}</c:scatterChart>`;
    plot += axisXml("val", axX, axY, "b", p.xAxisTitle, {
      crossBetween: "midCat",
      numFmt: p.xFormat ?? xFmt,
      linked: p.xFormat === undefined,
      bounds: p.xAxis,
    });
    // y labels in General (no needless decimals), not the cells' 4-decimal format, or in yFormat;
    // at the left edge even where the axes cross inside the plot (a Moran scatter plot's 0, 0)
    plot += axisXml("val", axY, axX, "l", p.yAxisTitle, {
      crossBetween: "midCat",
      gridlines: true,
      numFmt: p.yFormat ?? (p.smooth ? "General" : yFmt),
      linked: p.yFormat === undefined && !p.smooth,
      bounds: p.yAxis,
      low: true,
    });
  } else {
    throw new Error(`addCharts: chart "${p.title}" has unknown type "${String((p as { type: unknown }).type)}"`);
  }
  return (
    XML_DECL +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    '<c:date1904 val="0"/><c:roundedCorners val="0"/>' +
    "<c:chart>" +
    (p.title !== "" ? titleXml(p.title, { bold: true, size: 1400 }) + '<c:autoTitleDeleted val="0"/>' : '<c:autoTitleDeleted val="1"/>') +
    (p.type === "surface" ? SURFACE_VIEW : "") +
    `<c:plotArea><c:layout/>${plot}</c:plotArea>` +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    "</c:chart>" +
    "</c:chartSpace>"
  );
}

/** One `xdr:twoCellAnchor` with a graphic frame showing the chart of relationship `rid`. */
function anchorXml(p: ChartPlacement, rid: string, shapeId: number, declareNs: boolean): string {
  const a = p.anchor;
  const ns = declareNs ? ` xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"` : "";
  const pt = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor${ns} editAs="oneCell">` +
    pt("from", a.col, a.row) +
    pt("to", a.col + a.cols, a.row + a.rows) +
    '<xdr:graphicFrame macro="">' +
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="Chart ${shapeId - 1}" descr="${escapeXml(p.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${rid}"/></a:graphicData></a:graphic>` +
    "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
  );
}

// ---------------------------------------------------------------------------------------------
// addCharts

function checkPlacement(p: ChartPlacement, nSheets: number): void {
  const where = `addCharts: chart "${p.title}"`;
  const sheetOk = (k: number) => Number.isInteger(k) && k >= 0 && k < nSheets;
  if (!sheetOk(p.sheetIndex)) throw new Error(`${where}: no worksheet at index ${p.sheetIndex} (the workbook has ${nSheets})`);
  if (p.series.length === 0) throw new Error(`${where}: no series`);
  for (const r of [p.x, ...p.series]) {
    if (!sheetOk(r.sheetIndex)) throw new Error(`${where}: its data refers to worksheet index ${r.sheetIndex} (the workbook has ${nSheets})`);
    const ints = [r.column, r.headerRow, r.firstRow].every((v) => Number.isInteger(v) && v >= 1) && Number.isInteger(r.lastRow);
    if (!ints || r.column > 16384 || r.lastRow > 1048576) throw new Error(`${where}: bad cell range (column ${r.column}, rows ${r.firstRow}-${r.lastRow})`);
  }
  const a = p.anchor;
  if (![a.col, a.row, a.cols, a.rows].every((v) => Number.isInteger(v) && v >= 0) || a.cols < 1 || a.rows < 1)
    throw new Error(`${where}: bad anchor ${JSON.stringify(a)}`);
}

/** The parts that put charts into a package being written (`chartParts`). */
export interface ChartParts {
  /** New parts, zip path -> text: charts, drawings and their rels, the rels of the sheets with charts. */
  parts: Array<[string, string]>;
  /** Content-type overrides of the new parts, in the order `addCharts` adds them. */
  overrides: Array<[string, string]>;
  /** The `<drawing r:id=.../>` element of each 0-based sheet index that has charts. */
  drawingElements: Map<number, string>;
}

/**
 * The chart parts of a package that is being written and has no drawings yet (the fast writer
 * in xlsx.ts): the same parts, names, ids and relationships that `addCharts` adds to such a
 * package, without reading one. Worksheets are `xl/worksheets/sheet<index + 1>.xml` and have
 * no other relationships.
 */
export function chartParts(charts: readonly ChartPlacement[], sheetNames: readonly string[]): ChartParts {
  const out: ChartParts = { parts: [], overrides: [], drawingElements: new Map() };
  for (const p of charts) checkPlacement(p, sheetNames.length);
  const bySheet = new Map<number, ChartPlacement[]>();
  for (const p of charts) bySheet.set(p.sheetIndex, [...(bySheet.get(p.sheetIndex) ?? []), p]);
  let axisBase = 50000000;
  let drawingNo = 0;
  let chartNo = 0;
  const relsXml = (rels: string) => `${XML_DECL}<Relationships xmlns="${NS.rels}">${rels}</Relationships>`;
  for (const [sheetIndex, list] of bySheet) {
    const sheetPart = `xl/worksheets/sheet${sheetIndex + 1}.xml`;
    const drawingPart = `xl/drawings/drawing${++drawingNo}.xml`;
    out.overrides.push([drawingPart, CT_DRAWING]);
    let anchors = "";
    let rels = "";
    let shapeId = 1;
    list.forEach((p, k) => {
      const chartPart = `xl/charts/chart${++chartNo}.xml`;
      out.parts.push([chartPart, chartXml(p, sheetNames, axisBase)]);
      axisBase += 10;
      out.overrides.push([chartPart, CT_CHART]);
      const rid = `rId${k + 1}`;
      rels += `<Relationship Id="${rid}" Type="${escapeXml(REL_CHART)}" Target="${escapeXml(relativeTarget(drawingPart, chartPart))}"/>`;
      anchors += anchorXml(p, rid, ++shapeId, false);
    });
    out.parts.push([drawingPart, `${XML_DECL}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors}</xdr:wsDr>`]);
    out.parts.push([relsPathOf(drawingPart), relsXml(rels)]);
    const sheetRel = `<Relationship Id="rId1" Type="${escapeXml(REL_DRAWING)}" Target="${escapeXml(relativeTarget(sheetPart, drawingPart))}"/>`;
    out.parts.push([relsPathOf(sheetPart), relsXml(sheetRel)]);
    out.drawingElements.set(sheetIndex, '<drawing r:id="rId1"/>');
  }
  return out;
}

/**
 * Add native charts to an .xlsx package (e.g. the bytes exceljs wrote). Returns new bytes; with
 * no placements, the input bytes themselves.
 */
export async function addCharts(xlsxBytes: Uint8Array, charts: readonly ChartPlacement[]): Promise<Uint8Array> {
  if (charts.length === 0) return xlsxBytes;
  const zip = await JSZip.loadAsync(xlsxBytes);
  const pkg = new Package(zip);
  const { workbookPart, sheets } = await worksheets(pkg);
  for (const p of charts) checkPlacement(p, sheets.length);
  const names = sheets.map((s) => s.name);
  const xlDir = dirOf(workbookPart);
  const overrides: Array<[string, string]> = [];

  const bySheet = new Map<number, ChartPlacement[]>();
  for (const p of charts) bySheet.set(p.sheetIndex, [...(bySheet.get(p.sheetIndex) ?? []), p]);

  let axisBase = 50000000;
  for (const [sheetIndex, list] of bySheet) {
    const sheet = sheets[sheetIndex];
    const sheetXml = await pkg.read(sheet.part);
    if (sheetXml === undefined) throw new Error(`addCharts: worksheet "${sheet.name}" (${sheet.part}) is missing from the package`);
    const root = parseXml(sheetXml, sheet.part);
    if (root.local !== "worksheet") throw new Error(`addCharts: chart "${list[0].title}": sheet "${sheet.name}" is a ${root.local}, not a worksheet`);

    // the sheet's drawing: the existing one (images, ...) or a new part
    const existing = root.children.find((c) => c.local === "drawing");
    let drawingPart: string;
    let drawingXml: string;
    let isNew = false;
    if (existing) {
      const rid = attrLocal(existing, "id");
      const rel = (await pkg.rels(sheet.part)).find((r) => r.id === rid && !r.external);
      const found = rel ? await pkg.read(resolveTarget(sheet.part, rel.target)) : undefined;
      if (!rel || found === undefined) throw new Error(`addCharts: the drawing of sheet "${sheet.name}" (relationship ${rid}) cannot be found`);
      drawingPart = pkg.find(resolveTarget(sheet.part, rel.target))!;
      drawingXml = found;
    } else {
      drawingPart = pkg.freeName(`${xlDir}drawings/drawing`, ".xml");
      drawingXml = `${XML_DECL}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"></xdr:wsDr>`;
      isNew = true;
      // reserve the name before choosing further names
      pkg.write(drawingPart, drawingXml);
      overrides.push([drawingPart, CT_DRAWING]);
    }
    const drawingRoot = parseXml(drawingXml, drawingPart);
    const declareNs = prefixFor(drawingRoot, NS.xdr) !== "xdr" || prefixFor(drawingRoot, NS.a) !== "a";
    let shapeId = 1;
    drawingXml.replace(/<(?:\w+:)?cNvPr\b[^>]*?\bid="(\d+)"/g, (_m, id: string) => {
      shapeId = Math.max(shapeId, Number(id));
      return "";
    });

    let anchors = "";
    for (const p of list) {
      const chartPart = pkg.freeName(`${xlDir}charts/chart`, ".xml");
      pkg.write(chartPart, chartXml(p, names, axisBase));
      axisBase += 10;
      overrides.push([chartPart, CT_CHART]);
      const rid = await pkg.addRel(drawingPart, REL_CHART, chartPart);
      anchors += anchorXml(p, rid, ++shapeId, declareNs);
    }
    pkg.write(drawingPart, appendToRoot(drawingXml, drawingRoot, anchors));

    if (isNew) {
      const rid = await pkg.addRel(sheet.part, REL_DRAWING, drawingPart);
      const rp = prefixFor(root, NS.r);
      const p = root.prefix ? `${root.prefix}:` : "";
      const el = rp !== undefined && rp !== "" ? `<${p}drawing ${rp}:id="${rid}"/>` : `<${p}drawing xmlns:r="${NS.r}" r:id="${rid}"/>`;
      const after = root.children.find((c) => AFTER_DRAWING.has(c.local));
      const at = after ? after.start : root.closeStart;
      pkg.write(sheet.part, sheetXml.slice(0, at) + el + sheetXml.slice(at));
    }
  }

  // content types
  const ctPath = "[Content_Types].xml";
  const ctXml = await pkg.read(ctPath);
  if (ctXml === undefined) throw new Error("addCharts: the package has no [Content_Types].xml");
  const ctRoot = parseXml(ctXml, ctPath);
  const have = new Set(ctRoot.children.filter((c) => c.local === "Override").map((c) => (c.attrs.PartName ?? "").toLowerCase()));
  const cp = ctRoot.prefix ? `${ctRoot.prefix}:` : "";
  let add = "";
  for (const [part, type] of overrides) {
    const name = `/${part}`;
    if (have.has(name.toLowerCase())) continue;
    add += `<${cp}Override PartName="${escapeXml(name)}" ContentType="${type}"/>`;
  }
  pkg.write(ctPath, appendToRoot(ctXml, ctRoot, add));

  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
