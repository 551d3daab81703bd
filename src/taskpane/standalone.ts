/**
 * The page without Excel: open a CSV or XLSX file (read in the page; nothing is uploaded), set
 * the roles and options, run the report in the page, see the Summary, the coordination table
 * and the density chart, and download the report workbook (exceljs, in the page) or the JSON.
 * exceljs is loaded on demand (a separate chunk from the page's own origin), so the Excel
 * pane never downloads it.
 */
import type { Cell } from "../report/csv";
import { decodeCsvBytes, parseCsv } from "../report/csv";
import { analysisToJson, PipelineResult } from "../report/pipeline";
import { sha256Hex } from "../report/sha256";
import { parseWeightsCells, parseWeightsText } from "../report/spatialWeights";
import { App, Mode } from "./ui/app";
import { clear, downloadBlob, el, readFileBytes } from "./ui/dom";
import { loadData } from "./ui/data";
import { t } from "./ui/i18n";
import { renderPreview } from "./ui/preview";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function baseName(file: string): string {
  return file.replace(/\.[^.]+$/, "") || "data";
}

/** Cells of a CSV or XLSX file (the sheet `sheet`, else the first) and the sheet names. */
export async function readDataFile(file: File, sheet?: string): Promise<{ cells: Cell[][]; sheetName: string; sheetNames: string[]; sha256: string }> {
  const bytes = await readFileBytes(file);
  const sha256 = sha256Hex(bytes); // for the Reproduce sheet (M16)
  const isZip = bytes.length > 1 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(file.name)) {
    const { readXlsxCells } = await import(/* webpackChunkName: "xlsx" */ "../writer/readXlsx");
    const r = await readXlsxCells(bytes, sheet ? { sheet } : {});
    return { cells: r.cells, sheetName: r.sheetName, sheetNames: r.sheetNames, sha256 };
  }
  const { text } = decodeCsvBytes(bytes);
  return { cells: parseCsv(text), sheetName: file.name, sheetNames: [], sha256 };
}

export function standaloneMode(): Mode {
  let fileName = "data";
  const mode: Mode = {
    kind: "standalone",
    pipelineShare: 1,
    sourceControls(app: App) {
      const input = el("input", { attrs: { type: "file", accept: ".csv,.tsv,.txt,.xlsx,text/csv", id: "cl-file", "data-action": "data-file", hidden: true } });
      const open = el("button", { className: "cl-button cl-primary", text: t("openFile"), attrs: { type: "button", "data-action": "open-file" } });
      const sheetPick = el("span", { className: "cl-sheet-pick" });
      open.addEventListener("click", () => input.click());
      const load = async (file: File, sheet?: string) => {
        app.clearErrors();
        try {
          const r = await readDataFile(file, sheet);
          fileName = baseName(file.name);
          const isCsv = r.sheetNames.length === 0;
          const source = isCsv ? file.name : `${file.name} [${r.sheetName}]`;
          const data = loadData(r.cells, source, { sheet: isCsv ? file.name : r.sheetName, rowIndex: 0, columnIndex: 0 });
          data.input = { origin: "page", file: file.name, sha256: r.sha256, sheet: isCsv ? undefined : r.sheetName, out: `${fileName}-coordlab.xlsx` };
          app.setData(data);
          clear(sheetPick);
          if (r.sheetNames.length > 1) {
            const sel = el(
              "select",
              { attrs: { "data-action": "sheet", "aria-label": t("sheet") } },
              r.sheetNames.map((n) => el("option", { text: n, attrs: { value: n } })),
            );
            sel.value = r.sheetName;
            sel.addEventListener("change", () => void load(file, sel.value));
            sheetPick.append(`${t("sheet")}: `, sel);
          }
        } catch (e) {
          app.showError(e);
        }
      };
      input.addEventListener("change", () => {
        const f = input.files?.[0];
        if (f) void load(f);
      });
      // Spatial weights from a file: a matrix or edge list (CSV/XLSX) or a GeoDa GAL/GWT file
      const weightsInput = el("input", { attrs: { type: "file", accept: ".csv,.tsv,.txt,.xlsx,.gal,.gwt", "data-action": "weights-file", hidden: true } });
      const weightsButton = el("button", {
        className: "cl-button cl-secondary",
        text: t("loadWeights"),
        attrs: { type: "button", "data-action": "load-weights", title: t("weightsHint") },
      });
      const weightsInfo = el("span", { className: "cl-muted", attrs: { "data-part": "weights-info" } });
      weightsButton.addEventListener("click", () => weightsInput.click());
      weightsInput.addEventListener("change", async () => {
        const f = weightsInput.files?.[0];
        if (!f) return;
        app.clearErrors();
        try {
          const parsed = /\.(gal|gwt)$/i.test(f.name)
            ? parseWeightsText(new TextDecoder("utf-8").decode(await readFileBytes(f)), { source: f.name })
            : parseWeightsCells((await readDataFile(f)).cells, { source: f.name });
          app.spatialFile = parsed;
          weightsInfo.textContent = t("weightsLoaded", { source: f.name, n: parsed.weights.n, format: parsed.format });
        } catch (e) {
          app.spatialFile = null;
          weightsInfo.textContent = "";
          app.showError(e);
        } finally {
          weightsInput.value = "";
        }
      });
      return [open, input, sheetPick, weightsButton, weightsInput, weightsInfo];
    },
    async afterRun(app: App, result: PipelineResult) {
      app.progress.update("report", 1);
      const xlsx = el("button", { className: "cl-button cl-primary", text: t("download"), attrs: { type: "button", "data-action": "download-xlsx" } });
      xlsx.addEventListener("click", async () => {
        xlsx.disabled = true;
        try {
          const { writeReportXlsx } = await import(/* webpackChunkName: "xlsx" */ "../writer/xlsx");
          const bytes = await writeReportXlsx(result.report);
          downloadBlob(new Uint8Array(bytes), `${fileName}-coordlab.xlsx`, XLSX_TYPE);
        } catch (e) {
          app.showError(e);
        } finally {
          xlsx.disabled = false;
        }
      });
      const json = el("button", { className: "cl-button cl-secondary", text: t("downloadJson"), attrs: { type: "button", "data-action": "download-json" } });
      json.addEventListener("click", () => downloadBlob(analysisToJson(result), `${fileName}-coordlab.json`, "application/json"));
      renderPreview(app.result, result, [xlsx, json]);
    },
  };
  return mode;
}

/** Mount the standalone page into `root`. */
export function startStandalone(root: HTMLElement, version: string): App {
  return new App(root, standaloneMode(), version);
}
