/**
 * The pane's layout and flow, shared by the Excel and the standalone modes:
 * data source (mode-specific buttons) -> role editor -> options -> Run with progress and
 * Cancel -> errors (with "Select cell") -> results. The modes plug in how data is loaded, what
 * Run does after the pipeline (write sheets / offer downloads) and where settings are kept.
 */
import type { ReportOptions } from "../../report/options";
import { isCancelled } from "../../report/pipeline";
import { guessNoteText, Roles, rolesToJson } from "../../report/roles";
import { ParsedWeights } from "../../report/spatialWeights";
import { createWeightsStep, WeightsStep } from "./weightsStep";
import { append, clear, downloadBlob, el, readFileBytes } from "./dom";
import { LoadedData, runWithProgress } from "./data";
import { errorBox, locateError } from "./errors";
import { language, t } from "./i18n";
import { createOptionsForm, OptionsForm } from "./optionsForm";
import { createProgress, Progress } from "./progress";
import type { Ran } from "./reportClient";
import { createRoleEditor, RoleEditor, RoleState, stateFromParsedRoles, stateFromRoles, stateToRoles } from "./roleEditor";

export interface Mode {
  kind: "excel" | "standalone";
  /** Buttons / inputs of the data section. */
  sourceControls(app: App): HTMLElement[];
  /** After the pipeline: write the sheets (Excel: `ran.result`) or show downloads (standalone). */
  afterRun(app: App, ran: Ran, controller: AbortController): Promise<string | void>;
  /** Remember roles and options (Excel: the workbook settings). */
  save?(roles: Roles, optionsRaw: Record<string, string>): Promise<void> | void;
  /** Select a cell named by an error. */
  selectCell?(address: string): Promise<void> | void;
  /** Fraction of the bar the pipeline fills (the rest: writing sheets). */
  pipelineShare: number;
  /** Controls shown above Run (Excel: where the results go). */
  runControls?(app: App): HTMLElement | null;
  /** Buttons of the Spatial weights step that load weights (a file; in Excel also the selected range): they call `app.setSpatialFile`. */
  weightsControls?(app: App): HTMLElement[];
}

export class App {
  readonly root: HTMLElement;
  readonly status: HTMLElement;
  readonly dataInfo: HTMLElement;
  readonly rolesHolder: HTMLElement;
  readonly rolesSection: HTMLElement;
  readonly options: OptionsForm;
  readonly weightsStep: WeightsStep;
  readonly progress: Progress;
  readonly runButton: HTMLButtonElement;
  readonly errors: HTMLElement;
  readonly result: HTMLElement;
  data: LoadedData | null = null;
  editor: RoleEditor | null = null;
  lastRun: Ran | null = null;
  /** Spatial weights loaded from a file (standalone page); used instead of the weights option. */
  spatialFile: ParsedWeights | null = null;
  running = false;
  /** A data file being read (the standalone page's report worker parses it): roles loaded meanwhile wait for it. */
  private pendingData: Promise<unknown> | null = null;

  constructor(
    root: HTMLElement,
    readonly mode: Mode,
    readonly version: string,
    initialOptions: Record<string, string> = {},
  ) {
    this.root = root;
    clear(root);
    this.status = el("p", {
      className: "cl-status",
      attrs: { id: "cl-status", role: "status", "aria-live": "polite", "data-host": mode.kind === "excel" ? "excel" : "none" },
    });
    this.status.textContent = mode.kind === "excel" ? t("hostExcel") : t("hostBrowser");
    this.dataInfo = el("p", { className: "cl-data-info", attrs: { "data-part": "data-info" } });
    const dataSection = el("section", { className: "cl-panel", attrs: { "data-part": "data" } }, [
      el("h2", { text: t("dataTitle") }),
      el("p", { className: "cl-muted", text: mode.kind === "excel" ? t("useSelectionHint") : t("openFileHint") }),
      el("div", { className: "cl-actions" }, mode.sourceControls(this)),
      this.dataInfo,
    ]);

    const rolesInput = el("input", { attrs: { type: "file", accept: ".json,application/json", "data-action": "roles-file", hidden: true } });
    rolesInput.addEventListener("change", () => {
      const f = rolesInput.files?.[0];
      if (f) void this.loadRolesFile(f).finally(() => (rolesInput.value = ""));
    });
    const loadRoles = el("button", { className: "cl-button cl-secondary", text: t("loadRoles"), attrs: { type: "button", "data-action": "load-roles" } });
    loadRoles.addEventListener("click", () => rolesInput.click());
    const saveRoles = el("button", { className: "cl-button cl-secondary", text: t("saveRoles"), attrs: { type: "button", "data-action": "save-roles" } });
    saveRoles.addEventListener("click", () => this.downloadRoles());
    this.rolesHolder = el("div", { className: "cl-roles-holder" });
    this.rolesSection = el("section", { className: "cl-panel", attrs: { "data-part": "roles-section", hidden: true } }, [
      el("h2", { text: t("rolesTitle") }),
      el("p", { className: "cl-muted", text: t("rolesHint") }),
      el("div", { className: "cl-actions" }, [loadRoles, mode.kind === "standalone" ? saveRoles : null, rolesInput]),
      this.rolesHolder,
    ]);

    this.options = createOptionsForm(initialOptions);
    this.weightsStep = createWeightsStep(this.options, mode.weightsControls?.(this) ?? [], () => (this.spatialFile = null));
    this.progress = createProgress();
    this.runButton = el("button", { className: "cl-button cl-primary", text: t("run"), attrs: { type: "button", "data-action": "run", disabled: true } });
    this.runButton.addEventListener("click", () => void this.run());
    this.errors = el("div", { className: "cl-errors", attrs: { "data-part": "errors" } });
    this.result = el("section", { className: "cl-result", attrs: { "data-part": "result", hidden: true } });
    append(root, [
      this.status,
      dataSection,
      this.rolesSection,
      this.weightsStep.element,
      this.options.element,
      mode.runControls?.(this) ?? null,
      el("div", { className: "cl-run" }, [this.runButton]),
      this.progress.element,
      this.errors,
      this.result,
    ]);
  }

  /** Show new data: restored roles when they fit its header, else the guess. */
  setData(data: LoadedData, restored?: { roles?: unknown; options?: Record<string, string> }): void {
    this.data = data;
    this.clearErrors();
    this.dataInfo.textContent = t("loaded", {
      source: data.source,
      rows: data.rows,
      cols: data.headers.filter((h) => h !== "").length,
      header: data.origin.rowIndex + 1,
    });
    const g = data.guess;
    let state: RoleState = stateFromParsedRoles(data.headers, g.roles);
    const review = new Set(g.review);
    state.columns.forEach((c) => (c.review = review.has(c.column) || undefined));
    let messages = g.notes.map((n) => guessNoteText(n, language()));
    if (restored?.roles) {
      try {
        state = stateFromRoles(data.headers, restored.roles as string);
        messages = [t("rolesRestored")];
      } catch {
        /* saved roles do not fit this range: keep the guess */
      }
    }
    if (restored?.options) this.options.setRaw(restored.options);
    this.weightsStep.setHeaders(data.headers);
    this.showEditor(state, messages);
  }

  showEditor(state: RoleState, messages: string[] = []): void {
    this.editor = createRoleEditor(state, messages);
    clear(this.rolesHolder);
    this.rolesHolder.appendChild(this.editor.element);
    this.rolesSection.hidden = false;
    this.runButton.disabled = false;
  }

  /** Read data with `load` (which calls setData); Run waits and roles loaded meanwhile wait until it is done. */
  async loadingData(load: Promise<void>): Promise<void> {
    const p = load.finally(() => {
      if (this.pendingData === p) this.pendingData = null;
      this.runButton.disabled = this.running || !this.editor;
    });
    this.pendingData = p;
    this.runButton.disabled = true;
    return p;
  }

  async loadRolesFile(file: File): Promise<void> {
    this.clearErrors();
    await this.pendingData?.catch(() => undefined);
    if (!this.data) return this.showError(new Error(t("noData")));
    try {
      const bytes = await readFileBytes(file);
      const text = new TextDecoder("utf-8").decode(bytes);
      this.showEditor(stateFromRoles(this.data.headers, text), [t("rolesLoaded", { file: file.name })]);
    } catch (e) {
      this.showError(e);
    }
  }

  downloadRoles(): void {
    if (!this.editor) return;
    try {
      downloadBlob(rolesToJson(stateToRoles(this.editor.getState())), "roles.json", "application/json");
    } catch (e) {
      this.showError(e);
    }
  }

  /** Spatial weights loaded from a file or a sheet range (`source` names it), or none (null). */
  setSpatialFile(parsed: ParsedWeights | null, source = ""): void {
    this.spatialFile = parsed;
    this.weightsStep.setLoaded(parsed ? t("weightsLoaded", { source, n: parsed.weights.n, format: parsed.format }) : null);
  }

  clearErrors(): void {
    clear(this.errors);
  }

  /** Show an error; data errors name the cell and offer "Select cell" in Excel. */
  showError(e: unknown): void {
    const located = locateError(e, this.data?.origin);
    const select = this.mode.selectCell ? (a: string) => void this.mode.selectCell!(a) : undefined;
    this.errors.appendChild(errorBox(located, select));
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.clearErrors();
    if (!this.data || !this.editor) return this.showError(new Error(t("noData")));
    let roles: Roles;
    let options: ReportOptions;
    try {
      roles = stateToRoles(this.editor.getState());
      options = this.options.getOptions();
    } catch (e) {
      return this.showError(e);
    }
    try {
      await this.mode.save?.(roles, this.options.getRaw());
    } catch {
      /* settings are a convenience */
    }
    this.running = true;
    this.runButton.disabled = true;
    this.root.setAttribute("data-running", "true");
    this.root.removeAttribute("data-done");
    this.result.hidden = true; // no stale results under a new run's error
    const controller = this.progress.start();
    const started = Date.now();
    try {
      // the spatial weights of a file, or built where the data is (the report worker) from its coordinates
      const ran = await runWithProgress(
        this.data,
        roles,
        options,
        this.progress,
        controller.signal,
        this.version,
        this.mode.pipelineShare,
        { weightsLoaded: this.spatialFile !== null },
        this.spatialFile ?? undefined,
      );
      this.lastRun = ran;
      const note = await this.mode.afterRun(this, ran, controller);
      if (!controller.signal.aborted) this.root.setAttribute("data-done", String(Date.now()));
      this.setStatus(`${t("done", { seconds: ((Date.now() - started) / 1000).toFixed(1) })}${note ? ` ${note}` : ""}`);
    } catch (e) {
      if (controller.signal.aborted || isCancelled(e)) this.setStatus(t("cancelled"));
      else this.showError(e);
    } finally {
      this.progress.finish();
      this.running = false;
      this.runButton.disabled = false;
      this.root.removeAttribute("data-running");
    }
  }
}
