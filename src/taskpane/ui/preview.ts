/**
 * The results in the pane: the Summary (data, headline findings, warnings), the coordination
 * degree by group (the seed paper's Table 3 layout and the group means) and the kernel
 * densities of D as an inline SVG chart. Built with createElement / textContent only, from
 * what the report worker sends of a run (`RunPreview`, protocol.ts): a table shows its first
 * PREVIEW_ROWS rows (a county panel has 3,000 units), saying how many the workbook has.
 *
 * Numeric cells carry their full-precision value in `data-value` (String(number), which
 * round-trips), rows a `data-label` (their text cells joined by " / "), cells a `data-col`
 * (the column label): tests and scripts can read exact numbers from the page.
 */
import type { DensityCurve } from "../../report/analysis";
import type { ColumnFormat, ReportTable, ReportValue } from "../../report/model";
import { findSheet, SHEET } from "../../report/sheetNames";
import { tr } from "../../report/i18n";
import type { PreviewTable, RunPreview } from "../worker/protocol";
import { clear, el, svg } from "./dom";
import { t } from "./i18n";

/** A value as the column's number format shows it. */
export function formatValue(v: ReportValue, format?: ColumnFormat): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return "#N/A";
  switch (format) {
    case "0":
      return v.toFixed(0);
    case "0.00":
      return v.toFixed(2);
    case "0.000":
      return v.toFixed(3);
    case "0.0000":
      return v.toFixed(4);
    case "0.0%":
      return `${(v * 100).toFixed(1)}%`;
    case "0.00E+00":
      return v.toExponential(2);
    default:
      return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  }
}

/** A report table as an HTML table (a preview table: its rows shown, and a line saying how many the workbook has). */
export function reportTableElement(tbl: ReportTable | PreviewTable, sheetName: string, index: number): HTMLElement {
  const total = "totalRows" in tbl ? tbl.totalRows : tbl.rows.length;
  const group = new Set(tbl.groupRows ?? []);
  const head = el("thead", {}, [
    el(
      "tr",
      {},
      tbl.columns.map((c) => el("th", { text: c.label })),
    ),
  ]);
  const body = el(
    "tbody",
    {},
    tbl.rows.map((r, i) => {
      const label = tbl.columns
        .map((c) => r[c.key])
        .filter((v): v is string => typeof v === "string")
        .join(" / ");
      return el(
        "tr",
        { className: group.has(i) ? "cl-group-row" : undefined, attrs: { "data-label": label } },
        tbl.columns.map((c) => {
          const v = r[c.key] ?? null;
          const num = typeof v === "number";
          return el("td", {
            className: num ? "cl-num" : undefined,
            text: formatValue(v, c.format),
            attrs: { "data-col": c.label, "data-value": num ? String(v) : undefined },
          });
        }),
      );
    }),
  );
  const table = el("table", { className: "cl-data-table", attrs: { "data-sheet": sheetName, "data-table": index } }, [head, body]);
  return el("div", { className: "cl-table-block" }, [
    tbl.title ? el("h4", { text: tbl.title }) : null,
    el("div", { className: "cl-table-wrap cl-scroll" }, [table]),
    total > tbl.rows.length
      ? el("p", {
          className: "cl-muted",
          attrs: { "data-part": "rows-shown" },
          text: t("rowsShown", { shown: tbl.rows.length.toLocaleString("en-US"), rows: total.toLocaleString("en-US") }),
        })
      : null,
  ]);
}

function summarySection(result: RunPreview): HTMLElement {
  const summary = findSheet(result, "summary");
  const section = el("section", { className: "cl-section", attrs: { "data-part": "summary" } }, [el("h3", { text: t("summary") })]);
  if (summary && summary.tables[0]) {
    const facts = summary.tables[0];
    const [k, v] = facts.columns;
    section.appendChild(
      el("table", { className: "cl-facts" }, [
        el(
          "tbody",
          {},
          facts.rows.map((r) => el("tr", {}, [el("th", { text: formatValue(r[k.key] ?? null) }), el("td", { text: formatValue(r[v.key] ?? null) })])),
        ),
      ]),
    );
  }
  const findings = summary?.tables.find((tb) => tb.columns.length === 1 && tb.columns[0].key === "finding");
  if (findings && findings.rows.length) {
    section.appendChild(el("h4", { text: t("findings") }));
    section.appendChild(
      el(
        "ul",
        { className: "cl-findings" },
        findings.rows.map((r) => el("li", { text: String(r.finding ?? "") })),
      ),
    );
  }
  const warnings = result.warnings;
  section.appendChild(el("h4", { text: t("warnings") }));
  section.appendChild(
    warnings.length
      ? el(
          "ul",
          { className: "cl-warnings" },
          warnings.map((w) => el("li", { text: w })),
        )
      : el("p", { className: "cl-muted", text: t("noWarnings") }),
  );
  return section;
}

function byGroupSection(result: RunPreview): HTMLElement | null {
  const s = result.sheets.find((x) => x.name === SHEET.byGroup || x.name === tr("zh", "byGroup.sheet")); // the zh report names it in Chinese
  if (!s) return null;
  return el("section", { className: "cl-section", attrs: { "data-part": "by-group" } }, [
    el("h3", { text: t("byGroup") }),
    ...s.tables.map((tb, i) => reportTableElement(tb, s.name, i)),
  ]);
}

/** Colour of curve k of n: from light to dark blue (earlier periods lighter). */
function curveColor(k: number, n: number): string {
  const a = n <= 1 ? 1 : k / (n - 1);
  const mix = (x: number, y: number) => Math.round(x + (y - x) * a);
  return `rgb(${mix(158, 8)}, ${mix(202, 48)}, ${mix(225, 107)})`;
}

function niceTicks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** The kernel density curves of one group as an SVG line chart, one line per period. */
export function densityChart(curves: DensityCurve[], title: string): SVGSVGElement {
  const W = 360;
  const H = 230;
  const m = { l: 40, r: 10, t: 22, b: 32 };
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", class: "cl-chart", "data-curves": curves.length });
  root.appendChild(svg("title", {}, title));
  root.appendChild(svg("text", { x: W / 2, y: 14, "text-anchor": "middle", class: "cl-chart-title" }, title));
  if (curves.length === 0) return root;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y1 = 0;
  for (const c of curves) {
    for (const x of c.x) {
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
    }
    for (const f of c.f) if (Number.isFinite(f)) y1 = Math.max(y1, f);
  }
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > 0)) y1 = 1;
  const px = (x: number) => m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r);
  const py = (y: number) => H - m.b - (y / y1) * (H - m.t - m.b);
  const axes = svg("g", { class: "cl-axes" });
  axes.appendChild(svg("line", { x1: m.l, y1: H - m.b, x2: W - m.r, y2: H - m.b }));
  axes.appendChild(svg("line", { x1: m.l, y1: m.t, x2: m.l, y2: H - m.b }));
  for (const v of niceTicks(x0, x1, 5)) {
    axes.appendChild(svg("line", { x1: px(v), y1: H - m.b, x2: px(v), y2: H - m.b + 4 }));
    axes.appendChild(svg("text", { x: px(v), y: H - m.b + 15, "text-anchor": "middle" }, String(Number(v.toFixed(3)))));
  }
  for (const v of niceTicks(0, y1, 4)) {
    axes.appendChild(svg("line", { x1: m.l - 4, y1: py(v), x2: m.l, y2: py(v) }));
    axes.appendChild(svg("text", { x: m.l - 6, y: py(v) + 4, "text-anchor": "end" }, String(Number(v.toFixed(2)))));
  }
  axes.appendChild(svg("text", { x: (W + m.l) / 2, y: H - 3, "text-anchor": "middle" }, "D"));
  root.appendChild(axes);
  curves.forEach((c, k) => {
    const pts = c.x.map((x, i) => `${px(x).toFixed(1)},${py(Number.isFinite(c.f[i]) ? c.f[i] : 0).toFixed(1)}`).join(" ");
    const line = svg("polyline", { points: pts, fill: "none", stroke: curveColor(k, curves.length), "stroke-width": 1.6, "data-period": c.period });
    line.appendChild(svg("title", {}, `${c.group} ${c.period} (h = ${c.bandwidth.toPrecision(3)})`));
    root.appendChild(line);
  });
  return root;
}

function densitySection(a: RunPreview): HTMLElement | null {
  if (!a.density || a.density.length === 0) return null;
  const groups = [...new Set(a.density.map((d) => d.group))];
  const holder = el("div", { className: "cl-chart-holder" });
  const legend = el("div", { className: "cl-legend" });
  const draw = (g: string) => {
    const curves = a.density.filter((d) => d.group === g);
    clear(holder);
    holder.appendChild(densityChart(curves, `${t("density")} — ${g}`));
    clear(legend);
    curves.forEach((c, k) => {
      const swatch = el("span", { className: "cl-swatch" });
      swatch.style.background = curveColor(k, curves.length);
      legend.appendChild(el("span", { className: "cl-legend-item" }, [swatch, c.period]));
    });
  };
  const select = el(
    "select",
    { attrs: { "data-action": "density-group", "aria-label": t("densityGroup") } },
    groups.map((g) => el("option", { text: g, attrs: { value: g } })),
  );
  select.addEventListener("change", () => draw(select.value));
  draw(groups[0]);
  return el("section", { className: "cl-section", attrs: { "data-part": "density" } }, [
    el("h3", { text: t("density") }),
    groups.length > 1 ? el("label", { className: "cl-inline" }, [`${t("densityGroup")}: `, select]) : null,
    holder,
    legend,
  ]);
}

/** Fill `container` with the results of a run (extra elements, e.g. download buttons, first). */
export function renderPreview(container: HTMLElement, result: RunPreview, extra: HTMLElement[] = []): void {
  clear(container);
  container.appendChild(el("h2", { text: t("resultTitle") }));
  if (extra.length) container.appendChild(el("div", { className: "cl-actions" }, extra));
  container.appendChild(summarySection(result));
  if (result.kind === "panel") {
    const g = byGroupSection(result);
    if (g) container.appendChild(g);
    const d = densitySection(result);
    if (d) container.appendChild(d);
  } else {
    // geodetector only: the first table of the geodetector sheet
    const s = findSheet(result, "geodetector");
    if (s && s.tables[0])
      container.appendChild(el("section", { className: "cl-section" }, [el("h3", { text: s.name }), reportTableElement(s.tables[0], s.name, 0)]));
  }
  container.hidden = false;
}
