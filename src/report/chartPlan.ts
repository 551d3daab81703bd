/**
 * Chart plans: where each `ChartSpec` of a report is drawn and which cells it reads, from the
 * rows where the sheet layout (layout.ts) puts each table. Both writers draw these plans: the
 * xlsx writer as DrawingML parts (src/writer/charts.ts, `chartParts`), the Office.js writer
 * through the chart API (src/taskpane/excel/charts.ts).
 *
 * A chart is drawn on the sheet holding its spec, to the right of that sheet's tables (one
 * blank column between), several charts of a sheet stacked vertically (one blank row between).
 * Plain data: no exceljs, no Office.js, no JSZip.
 */
import { AxisBounds, ChartSpec, Report, ReportValue } from "./model";
import { numberFormat } from "./layout";

// ---------------------------------------------------------------------------------------------
// Public types

/** Cells of one report column in the written workbook. Rows and columns are 1-based. */
export interface ColumnRange {
  /** 0-based index (workbook order) of the worksheet holding the cells. */
  sheetIndex: number;
  /** 1-based column number (1 = A). */
  column: number;
  /** 1-based row of the header cell (the series name). */
  headerRow: number;
  /** 1-based first data row. */
  firstRow: number;
  /** 1-based last data row (inclusive); `lastRow < firstRow` means no data rows. */
  lastRow: number;
  /** Header text, cached in the chart (optional). */
  header?: string;
  /** Values of the data rows, cached in the chart (optional; non-finite numbers are gaps). */
  values?: ReportValue[];
  /** Excel number format of the values (cache format code); "@" marks a text column. */
  numFmt?: string;
}

/** Where a chart is drawn: 0-based top-left cell and size in cells (twoCellAnchor). */
export interface ChartAnchor {
  col: number;
  row: number;
  cols: number;
  rows: number;
}

/** One chart to add: what `writeReportXlsx` records for each ChartSpec. */
export interface ChartPlacement {
  type: ChartSpec["type"];
  title: string;
  xAxisTitle?: string;
  yAxisTitle?: string;
  /** Smooth lines without markers (scatter). */
  smooth?: boolean;
  xAxis?: AxisBounds;
  yAxis?: AxisBounds;
  /** Surface charts: title of the depth (series) axis. */
  seriesAxisTitle?: string;
  /** Number formats of the x and value axes' labels, when not the cells'. */
  xFormat?: string;
  yFormat?: string;
  /** 0-based index (workbook order) of the worksheet the chart is drawn on. */
  sheetIndex: number;
  anchor: ChartAnchor;
  /** Categories (line, column) or x values (scatter). */
  x: ColumnRange;
  /** One per series; the series name is the header cell. */
  series: ColumnRange[];
}

/** Where the writer put one table of a sheet (1-based rows); `writeSheet`'s result fits. */
export interface TableLayout {
  headerRow: number;
  firstRow: number;
  lastRow: number;
}

export interface PlanOptions {
  /**
   * What to do with a chart whose sheet, table or column does not exist: "throw" (default) an
   * Error naming the chart title, or "skip" the chart (the writer does this: `reportProblems`
   * already lists such charts as warnings in the notes sheet).
   */
  onMissing?: "throw" | "skip";
  /** Chart size in cells; default 8 columns x 16 rows (about 512 x 320 px). */
  size?: { cols: number; rows: number };
}

/** Default chart size in cells. */
export const CHART_COLS = 8;
export const CHART_ROWS = 16;

// ---------------------------------------------------------------------------------------------
// Planning: ChartSpec + table layout -> ChartPlacement

/**
 * Placements of all charts of a report. `layouts[i][t]` is where table `t` of report sheet `i`
 * went; worksheet `i` of the workbook is report sheet `i` (the writer adds them in order).
 * A chart's data sheet is the first report sheet with the `tableRef.sheet` name.
 */
export function planCharts(report: Report, layouts: ReadonlyArray<ReadonlyArray<TableLayout>>, options: PlanOptions = {}): ChartPlacement[] {
  const onMissing = options.onMissing ?? "throw";
  const size = options.size ?? { cols: CHART_COLS, rows: CHART_ROWS };
  const indexByName = new Map<string, number>();
  report.sheets.forEach((s, i) => {
    if (!indexByName.has(s.name)) indexByName.set(s.name, i);
  });
  const out: ChartPlacement[] = [];
  report.sheets.forEach((host, hostIndex) => {
    const width = host.tables.reduce((m, t) => Math.max(m, t.columns.length), 0);
    let stacked = 0;
    for (const spec of host.charts) {
      const fail = (why: string): void => {
        if (onMissing === "throw") throw new Error(`chart "${spec.title}" on sheet "${host.name}": ${why}`);
      };
      const dataIndex = indexByName.get(spec.tableRef.sheet);
      if (dataIndex === undefined) {
        fail(`no sheet named "${spec.tableRef.sheet}"`);
        continue;
      }
      const table = report.sheets[dataIndex].tables[spec.tableRef.table];
      const layout = layouts[dataIndex]?.[spec.tableRef.table];
      if (!table) {
        fail(`sheet "${spec.tableRef.sheet}" has no table ${spec.tableRef.table + 1} (the table is missing)`);
        continue;
      }
      if (!layout) {
        fail(`no layout was recorded for table ${spec.tableRef.table + 1} of sheet "${spec.tableRef.sheet}"`);
        continue;
      }
      const rows = chartRows(spec, table.rows.length);
      const range = (key: string): ColumnRange | undefined => {
        const j = table.columns.findIndex((c) => c.key === key);
        if (j < 0) return undefined;
        const col = table.columns[j];
        return {
          sheetIndex: dataIndex,
          column: j + 1,
          headerRow: layout.headerRow,
          firstRow: layout.firstRow + rows.first,
          lastRow: Math.min(layout.lastRow, layout.firstRow + rows.last),
          header: col.label,
          values: table.rows.slice(rows.first, rows.last + 1).map((r) => (r[key] === undefined ? null : r[key])),
          numFmt: numberFormat(col.format),
        };
      };
      const x = range(spec.x);
      const missing = [spec.x, ...spec.series].filter((k) => !table.columns.some((c) => c.key === k));
      if (!x || missing.length > 0) {
        fail(`the table has no column ${missing.map((k) => `"${k}"`).join(", ")}`);
        continue;
      }
      if (spec.series.length === 0) {
        fail("no series columns");
        continue;
      }
      const p: ChartPlacement = {
        type: spec.type,
        title: spec.title,
        sheetIndex: hostIndex,
        anchor: { col: width + 1, row: 1 + stacked * (size.rows + 1), cols: size.cols, rows: size.rows },
        x,
        series: spec.series.map((k) => range(k)!),
      };
      if (spec.xAxisTitle !== undefined) p.xAxisTitle = spec.xAxisTitle;
      if (spec.yAxisTitle !== undefined) p.yAxisTitle = spec.yAxisTitle;
      if (spec.smooth) p.smooth = true;
      if (spec.xAxis) p.xAxis = { ...spec.xAxis };
      if (spec.yAxis) p.yAxis = { ...spec.yAxis };
      if (spec.seriesAxisTitle !== undefined) p.seriesAxisTitle = spec.seriesAxisTitle;
      if (spec.yFormat !== undefined) p.yFormat = spec.yFormat;
      if (spec.xFormat !== undefined) p.xFormat = spec.xFormat;
      out.push(p);
      stacked++;
    }
  });
  return out;
}

/** The data rows (0-based, inclusive) a chart reads: its `rows` within the table, else all. */
function chartRows(spec: ChartSpec, n: number): { first: number; last: number } {
  if (!spec.rows) return { first: 0, last: n - 1 };
  const first = Math.max(0, Math.min(n, Math.floor(spec.rows.first)));
  return { first, last: Math.max(first - 1, Math.min(n - 1, Math.floor(spec.rows.last))) };
}

/** Series colours in order (Office's default palette, then darker and lighter variants), RRGGBB. */
export const SERIES_COLOURS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300", "255E91", "43682B"];
