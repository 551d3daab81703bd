/**
 * Files the pane reads in the page (nothing is uploaded): a data file (CSV or XLSX, exceljs loaded
 * on demand from the page's own origin) and spatial weights (a matrix or edge list as CSV/XLSX,
 * or a GeoDa GAL/GWT file) for the Spatial weights step, in the standalone page and in Excel.
 */
import type { Cell } from "../../report/csv";
import { decodeCsvBytes, parseCsv } from "../../report/csv";
import { sha256Hex } from "../../report/sha256";
import { parseWeightsCells, parseWeightsText } from "../../report/spatialWeights";
import type { App } from "./app";
import { el, readFileBytes } from "./dom";
import { t } from "./i18n";

/** Cells of a CSV or XLSX file (the sheet `sheet`, else the first) and the sheet names. */
export async function readDataFile(file: File, sheet?: string): Promise<{ cells: Cell[][]; sheetName: string; sheetNames: string[]; sha256: string }> {
  const bytes = await readFileBytes(file);
  const sha256 = sha256Hex(bytes); // for the Reproduce sheet (M16)
  const isZip = bytes.length > 1 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(file.name)) {
    const { readXlsxCells } = await import(/* webpackChunkName: "xlsx" */ "../../writer/readXlsx");
    const r = await readXlsxCells(bytes, sheet ? { sheet } : {});
    return { cells: r.cells, sheetName: r.sheetName, sheetNames: r.sheetNames, sha256 };
  }
  const { text } = decodeCsvBytes(bytes);
  return { cells: parseCsv(text), sheetName: file.name, sheetNames: [], sha256 };
}

/** The Spatial weights step's "Load spatial weights" button (and its hidden file input). */
export function weightsFileControls(app: App): HTMLElement[] {
  // Spatial weights from a file: a matrix or edge list (CSV/XLSX) or a GeoDa GAL/GWT file
  const weightsInput = el("input", { attrs: { type: "file", accept: ".csv,.tsv,.txt,.xlsx,.gal,.gwt", "data-action": "weights-file", hidden: true } });
  const weightsButton = el("button", {
    className: "cl-button cl-secondary",
    text: t("loadWeights"),
    attrs: { type: "button", "data-action": "load-weights", title: t("weightsHint") },
  });
  weightsButton.addEventListener("click", () => weightsInput.click());
  weightsInput.addEventListener("change", async () => {
    const f = weightsInput.files?.[0];
    if (!f) return;
    app.clearErrors();
    try {
      const parsed = /\.(gal|gwt)$/i.test(f.name)
        ? parseWeightsText(new TextDecoder("utf-8").decode(await readFileBytes(f)), { source: f.name })
        : parseWeightsCells((await readDataFile(f)).cells, { source: f.name });
      app.setSpatialFile(parsed, f.name);
    } catch (e) {
      app.setSpatialFile(null);
      app.showError(e);
    } finally {
      weightsInput.value = "";
    }
  });
  return [weightsButton, weightsInput];
}
