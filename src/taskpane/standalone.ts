/**
 * The page without Excel: open a CSV or XLSX file (read in the page; nothing is uploaded), set
 * the roles and options, run the report in the page, see the Summary, the coordination table
 * and the density chart, and download the report workbook or the JSON. The file is parsed, the
 * report run and the workbook made in the report worker (src/taskpane/ui/reportClient.ts),
 * which keeps the file and the last report: the page holds only what it shows. The xlsx reader
 * and writer (exceljs, JSZip) are loaded on demand (a separate chunk from the page's own
 * origin), so the Excel pane never downloads them.
 */
import { App, Mode } from "./ui/app";
import { clear, downloadBlob, el } from "./ui/dom";
import { heldData } from "./ui/data";
import { weightsFileControls } from "./ui/files";
import { t } from "./ui/i18n";
import { renderPreview } from "./ui/preview";
import { ReportClient } from "./ui/reportClient";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function baseName(file: string): string {
  return file.replace(/\.[^.]+$/, "") || "data";
}

/** A download button: `make` gives the file's contents (from the report worker). */
function downloadButton(
  app: App,
  text: string,
  action: string,
  className: string,
  make: () => Promise<{ data: BlobPart; name: string; type: string }>,
): HTMLButtonElement {
  const button = el("button", { className: `cl-button ${className}`, text, attrs: { type: "button", "data-action": action } });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const f = await make();
      downloadBlob(f.data, f.name, f.type);
    } catch (e) {
      app.showError(e);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

export function standaloneMode(): Mode {
  let fileName = "data";
  const client = new ReportClient();
  client.warm();
  const mode: Mode = {
    kind: "standalone",
    pipelineShare: 1,
    sourceControls(app: App) {
      const input = el("input", { attrs: { type: "file", accept: ".csv,.tsv,.txt,.xlsx,text/csv", id: "cl-file", "data-action": "data-file", hidden: true } });
      const open = el("button", { className: "cl-button cl-primary", text: t("openFile"), attrs: { type: "button", "data-action": "open-file" } });
      const sheetPick = el("span", { className: "cl-sheet-pick" });
      open.addEventListener("click", () => input.click());
      const load = (file: File, sheet?: string) => app.loadingData(read(file, sheet));
      const read = async (file: File, sheet?: string) => {
        app.clearErrors();
        try {
          const r = await client.load(file, file.name, sheet);
          fileName = baseName(file.name);
          const isCsv = r.sheetNames.length === 0;
          const source = isCsv ? file.name : `${file.name} [${r.sheetName}]`;
          const data = heldData(client, r, source, { sheet: isCsv ? file.name : r.sheetName, rowIndex: 0, columnIndex: 0 });
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
    async afterRun(app: App, ran) {
      app.progress.update("report", 1);
      // the workbook and the JSON are made in the report worker, from the report it keeps
      const xlsx = downloadButton(app, t("download"), "download-xlsx", "cl-primary", async () => ({
        data: await client.xlsx(),
        name: `${fileName}-coordlab.xlsx`,
        type: XLSX_TYPE,
      }));
      const json = downloadButton(app, t("downloadJson"), "download-json", "cl-secondary", async () => ({
        data: await client.json(),
        name: `${fileName}-coordlab.json`,
        type: "application/json",
      }));
      renderPreview(app.result, ran.preview, [xlsx, json]);
    },
  };
  return mode;
}

/** Mount the standalone page into `root`. */
export function startStandalone(root: HTMLElement, version: string): App {
  return new App(root, standaloneMode(), version);
}
