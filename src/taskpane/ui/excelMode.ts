/**
 * The pane inside Excel: "Use selection" reads the selected range (or the current region /
 * table around a single cell) through excelWriter's readSelection(); Run writes the report
 * sheets through writeReportToExcel(), asking in the pane before replacing earlier CoordLab
 * sheets; data errors offer "Select cell" (selectCell). Roles and options are kept in the
 * workbook (Office.context.document.settings "coordlab.roles" / "coordlab.options").
 */
import type { Cell } from "../../report/csv";
import { Roles, rolesToFile } from "../../report/roles";
import { parseWeightsCells } from "../../report/spatialWeights";
import { besidePlan } from "../besideData";
import * as writer from "../excelWriter";
import type { App, Mode } from "./app";
import { loadData } from "./data";
import { weightsFileControls } from "./files";
import { confirmInPane } from "./dialog";
import { el, yieldToUi } from "./dom";
import { CellError } from "./errors";
import { t } from "./i18n";
import { renderPreview } from "./preview";
import type { Ran } from "./reportClient";

export const ROLES_KEY = "coordlab.roles";
export const OPTIONS_KEY = "coordlab.options";
export const OUTPUT_KEY = "coordlab.output";

/** Where the results go: new sheets only (default), or also C, T, D and the grade beside the data. */
export type OutputChoice = "sheets" | "beside";

/** The workbook's settings, or null outside Office. */
function settings(): Office.Settings | null {
  try {
    return typeof Office !== "undefined" && Office.context && Office.context.document ? Office.context.document.settings : null;
  } catch {
    return null;
  }
}

/** Roles and options saved in the workbook (undefined when none). */
export function loadSettings(): { roles?: unknown; options?: Record<string, string>; output?: OutputChoice } {
  const s = settings();
  if (!s) return {};
  const get = (k: string) => {
    try {
      return s.get(k) as unknown;
    } catch {
      return undefined;
    }
  };
  let roles = get(ROLES_KEY);
  let options = get(OPTIONS_KEY);
  if (typeof options === "string") {
    try {
      options = JSON.parse(options);
    } catch {
      options = undefined;
    }
  }
  if (roles === null) roles = undefined;
  const opts =
    options && typeof options === "object" ? Object.fromEntries(Object.entries(options as Record<string, unknown>).map(([k, v]) => [k, String(v)])) : undefined;
  const output = get(OUTPUT_KEY) === "beside" ? ("beside" as const) : undefined;
  return { roles, options: opts, output };
}

/** Remember the output choice in the workbook (a convenience: failures are ignored). */
function saveOutput(choice: OutputChoice): void {
  const s = settings();
  if (!s) return;
  try {
    s.set(OUTPUT_KEY, choice);
    s.saveAsync(() => undefined);
  } catch {
    /* settings are a convenience */
  }
}

/** The output choice: two radio buttons above Run. */
function outputControls(initial: OutputChoice, onChange: (c: OutputChoice) => void): HTMLElement {
  const radio = (value: OutputChoice, label: string) => {
    const input = el("input", { attrs: { type: "radio", name: "cl-output", value, "data-output": value, checked: value === initial } });
    input.addEventListener("change", () => input.checked && onChange(value));
    return el("label", { className: "cl-output-choice" }, [input, " ", label]);
  };
  return el("fieldset", { className: "cl-panel cl-output", attrs: { "data-part": "output" } }, [
    el("legend", { text: t("outputTitle") }),
    radio("sheets", t("outputSheets")),
    radio("beside", t("outputBeside")),
  ]);
}

function saveSettings(roles: Roles, raw: Record<string, string>): Promise<void> {
  const s = settings();
  if (!s) return Promise.resolve();
  s.set(ROLES_KEY, rolesToFile(roles));
  s.set(OPTIONS_KEY, raw);
  return new Promise((resolve) => {
    try {
      s.saveAsync(() => resolve());
    } catch {
      resolve();
    }
  });
}

/** One value of Range.values as a pipeline cell: "" -> null, text trimmed, numbers and booleans kept. */
export function excelCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  const s = String(v).trim();
  return s === "" ? null : s;
}

/** Cells and their sheet position from readSelection's answer. */
export function selectionCells(sel: writer.SelectionData): { cells: Cell[][]; sheet: string; address: string; rowIndex: number; columnIndex: number } {
  return {
    cells: sel.values.map((r) => r.map(excelCell)),
    sheet: sel.sheetName,
    address: sel.address,
    rowIndex: sel.rowOffset ?? sel.rowIndex,
    columnIndex: sel.columnOffset ?? sel.columnIndex,
  };
}

/**
 * Requirement sets checked at start (ExcelApi 1.9 for everything used): a notice naming what this
 * Excel cannot do; the report is then written without those parts.
 */
export function capabilityNotice(): HTMLElement[] {
  const c = writer.capabilities();
  const missing: string[] = [];
  if (!c.charts) missing.push(t("cap_charts"));
  if (!c.conditionalFormats) missing.push(t("cap_colorScales"));
  if (!c.freezePanes) missing.push(t("cap_freeze"));
  if (!c.suspendCalculation) missing.push(t("cap_suspend"));
  if (!c.surroundingRegion) missing.push(t("cap_region"));
  if (!c.settings) missing.push(t("cap_settings"));
  if (!missing.length) return [];
  return [el("p", { className: "cl-notice", text: t("capabilityNotice", { list: missing.join("; ") }), attrs: { "data-role": "capability-notice" } })];
}

export function excelMode(): Mode {
  let output: OutputChoice = loadSettings().output ?? "sheets";
  const mode: Mode = {
    kind: "excel",
    pipelineShare: 0.6,
    runControls: () =>
      outputControls(output, (c) => {
        output = c;
        saveOutput(c);
      }),
    sourceControls(app: App) {
      const use = el("button", { className: "cl-button cl-primary", text: t("useSelection"), attrs: { type: "button", "data-action": "use-selection" } });
      use.addEventListener("click", async () => {
        app.clearErrors();
        use.disabled = true;
        try {
          const sel = selectionCells(await writer.readSelection());
          const data = loadData(sel.cells, sel.address, { sheet: sel.sheet, rowIndex: sel.rowIndex, columnIndex: sel.columnIndex });
          app.setData(data, loadSettings());
        } catch (e) {
          app.showError(e);
        } finally {
          use.disabled = false;
        }
      });
      return [use, ...capabilityNotice()];
    },
    weightsControls(app: App) {
      // Spatial weights from a sheet range: an n x n matrix with labels in its first row and
      // column, or an edge list (from, to, weight); used instead of the Spatial weights option
      const useWeights = el("button", {
        className: "cl-button cl-secondary",
        text: t("useWeightsSelection"),
        attrs: { type: "button", "data-action": "use-weights-selection", title: t("weightsHint") },
      });
      useWeights.addEventListener("click", async () => {
        app.clearErrors();
        useWeights.disabled = true;
        try {
          const sel = selectionCells(await writer.readSelection());
          const source = `${sel.sheet}!${sel.address.replace(/^.*!/, "")}`;
          app.setSpatialFile(parseWeightsCells(sel.cells, { source }), source);
        } catch (e) {
          app.setSpatialFile(null);
          app.showError(e);
        } finally {
          useWeights.disabled = false;
        }
      });
      return [useWeights, ...weightsFileControls(app)];
    },
    save: saveSettings,
    selectCell: async (address: string) => {
      await writer.selectCell(address);
    },
    async afterRun(app: App, ran: Ran, controller: AbortController) {
      const share = mode.pipelineShare;
      const result = ran.result;
      if (!result) throw new Error("the report worker sent no report");
      app.progress.update("writing", share);
      await yieldToUi();
      // beside the data: checked before anything is written, so that a refusal leaves the workbook as it was
      const data = app.data;
      const plan =
        output === "beside" && data
          ? besidePlan(
              {
                sheet: data.origin.sheet,
                rowIndex: data.origin.rowIndex,
                columnIndex: data.origin.columnIndex,
                rows: data.cells?.length ?? 0,
                columns: (data.cells ?? []).reduce((w, r) => Math.max(w, r.length), 0),
              },
              result,
            )
          : null;
      if (plan) await besideOrRefuse(() => writer.checkBeside(plan));
      const written = await writer.writeReportToExcel(result.report, {
        signal: controller.signal,
        onProgress: async (fraction: number) => {
          app.progress.update("writing", share + (1 - share) * fraction);
          await yieldToUi(0);
        },
        confirmReplace: (names: string[]) => confirmInPane(t("replaceTitle"), t("replaceText"), names),
      });
      let beside = output === "beside" && !plan ? ` ${t("besideGeo")}` : "";
      if (plan) beside = ` ${t("besideWritten", { range: await besideOrRefuse(() => writer.writeBeside(plan)) })}`;
      renderPreview(app.result, ran.preview);
      const warnings = written.warnings.length ? ` ${written.warnings.join(" ")}` : "";
      return `${t("doneExcel", { sheets: written.sheets.join(", ") })}${beside}${warnings}`;
    },
  };
  return mode;
}

/** Run a check or write of the columns beside the data; a blocked target becomes the pane's message naming the cell. */
async function besideOrRefuse<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof writer.BesideBlocked) {
      if (e.address === undefined) throw new Error(t("besideNoRoom", { range: e.range }));
      throw new CellError(t("besideBlocked", { range: e.range, cell: e.address, value: e.value }), e.address);
    }
    throw e;
  }
}
