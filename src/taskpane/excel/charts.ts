/** The chart plans (src/report/chartPlan.ts) as native charts through the Excel chart API (ExcelApi 1.7). */
import { ChartPlacement, ColumnRange } from "../../report/chartPlan";
import { cellAddress, rectAddress } from "./a1";
import { Batcher } from "./batcher";

const CHART_TYPE: Record<ChartPlacement["type"], string> = {
  line: "Line",
  column: "ColumnClustered",
  stackedColumn: "ColumnStacked",
  bar: "BarClustered",
  scatter: "XYScatter",
  surface: "Surface",
};

/**
 * Queue the charts; `sheets[i]` is the worksheet of report sheet `i`. A chart whose table has
 * no rows is not drawn (a warning says so).
 */
export async function drawCharts(plans: ChartPlacement[], sheets: Excel.Worksheet[], b: Batcher, warnings: string[]): Promise<void> {
  const cells = (c: ColumnRange) => sheets[c.sheetIndex].getRange(rectAddress({ r0: c.firstRow - 1, r1: c.lastRow - 1, c0: c.column - 1, c1: c.column - 1 }));
  for (const p of plans) {
    if (p.x.lastRow < p.x.firstRow) {
      warnings.push(`Chart "${p.title}" was not drawn: its table has no rows.`);
      continue;
    }
    await b.reserve(p.series.length * 4, 400 + p.series.length * 200);
    // a kernel density is a smooth curve; a Moran scatter plot is markers only
    const type = p.type === "scatter" && p.smooth ? "XYScatterSmoothNoMarkers" : CHART_TYPE[p.type];
    const chart = sheets[p.sheetIndex].charts.add(type as Excel.ChartType, cells(p.series[0]), "Columns" as Excel.ChartSeriesBy);
    chart.title.text = p.title;
    const first = chart.series.getItemAt(0);
    first.name = p.series[0].header ?? "";
    first.setValues(cells(p.series[0]));
    first.setXAxisValues(cells(p.x));
    for (const s of p.series.slice(1)) {
      const ser = chart.series.add(s.header ?? "");
      ser.setValues(cells(s));
      ser.setXAxisValues(cells(p.x));
    }
    if (p.xAxisTitle !== undefined) chart.axes.categoryAxis.title.text = p.xAxisTitle;
    if (p.yAxisTitle !== undefined) chart.axes.valueAxis.title.text = p.yAxisTitle;
    if (p.xAxis?.min !== undefined) chart.axes.categoryAxis.minimum = p.xAxis.min;
    if (p.xAxis?.max !== undefined) chart.axes.categoryAxis.maximum = p.xAxis.max;
    if (p.yAxis?.min !== undefined) chart.axes.valueAxis.minimum = p.yAxis.min;
    if (p.yAxis?.max !== undefined) chart.axes.valueAxis.maximum = p.yAxis.max;
    if (p.smooth) chart.axes.valueAxis.numberFormat = "General";
    if (p.yFormat !== undefined) chart.axes.valueAxis.numberFormat = p.yFormat;
    if (p.xFormat !== undefined) chart.axes.categoryAxis.numberFormat = p.xFormat; // the x value axis of a scatter chart
    if (p.type === "surface") surfaceAxes(chart, p);
    if (p.type === "scatter") {
      // labels at the bottom and the left even where the axes cross inside the plot (a Moran scatter plot's 0, 0)
      chart.axes.categoryAxis.tickLabelPosition = "Low" as Excel.ChartAxisTickLabelPosition;
      chart.axes.valueAxis.tickLabelPosition = "Low" as Excel.ChartAxisTickLabelPosition;
    }
    chart.legend.visible = p.series.length > 1;
    if (p.series.length > 1) chart.legend.position = "Bottom" as Excel.ChartLegendPosition;
    const a = p.anchor;
    chart.setPosition(cellAddress(a.row, a.col), cellAddress(a.row + a.rows - 1, a.col + a.cols - 1));
  }
}

/** A surface chart's depth axis (the series, e.g. periods) and about ten category labels, as the xlsx writer draws them. */
function surfaceAxes(chart: Excel.Chart, p: ChartPlacement): void {
  if (p.seriesAxisTitle !== undefined) chart.axes.seriesAxis.title.text = p.seriesAxisTitle;
  const n = Math.max(0, p.x.lastRow - p.x.firstRow + 1);
  if (n > 10) chart.axes.categoryAxis.tickLabelSpacing = Math.ceil(n / 10);
}
