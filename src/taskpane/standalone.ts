/**
 * The page without Excel: open a CSV or XLSX file (read in the page; nothing is uploaded), set
 * the roles and options, run the report in the page, see the Summary, the coordination table
 * and the density chart, and download the report workbook (exceljs, in the page) or the JSON.
 * exceljs is loaded on demand (a separate chunk from the page's own origin), so the Excel
 * pane never downloads it.
 */
import { analysisToJson, PipelineResult } from "../report/pipeline";
import { App, Mode } from "./ui/app";
import { clear, downloadBlob, el } from "./ui/dom";
import { loadData } from "./ui/data";
import { readDataFile, weightsFileControls } from "./ui/files";
import { t } from "./ui/i18n";
import { renderPreview } from "./ui/preview";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function baseName(file: string): string {
  return file.replace(/\.[^.]+$/, "") || "data";
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
      return [open, input, sheetPick];
    },
    weightsControls: weightsFileControls,
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
