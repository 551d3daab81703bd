/** The progress bar: stage name, a bar, and a Cancel button that aborts the run's signal. */
import { el } from "./dom";
import { stageLabel, t } from "./i18n";

export interface Progress {
  element: HTMLElement;
  /** Start a run: shows the bar and returns the controller whose signal the run checks. */
  start(): AbortController;
  /** Show a stage: its `label` (e.g. a report section's progress label), else the pane's own label of `stage`. */
  update(stage: string, fraction: number, label?: string): void;
  finish(): void;
}

export function createProgress(): Progress {
  const label = el("div", { className: "cl-progress-label", attrs: { "data-stage": "" } });
  const fill = el("div", { className: "cl-progress-fill" });
  const bar = el("div", { className: "cl-progress-bar", attrs: { role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": 0 } }, [fill]);
  const cancel = el("button", { className: "cl-button cl-secondary", text: t("cancel"), attrs: { type: "button", "data-action": "cancel" } });
  const element = el("div", { className: "cl-progress", attrs: { "data-part": "progress", hidden: true } }, [
    label,
    el("div", { className: "cl-progress-row" }, [bar, cancel]),
  ]);
  let controller: AbortController | null = null;
  cancel.addEventListener("click", () => {
    controller?.abort();
    cancel.disabled = true;
    label.textContent = `${label.textContent} — ${t("cancelled")}`;
  });
  return {
    element,
    start() {
      controller = new AbortController();
      element.hidden = false;
      cancel.disabled = false;
      this.update("reading", 0);
      return controller;
    },
    update(stage, fraction, text) {
      const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
      label.textContent = `${text ?? stageLabel(stage)} (${pct}%)`;
      label.setAttribute("data-stage", stage);
      fill.style.width = `${pct}%`;
      bar.setAttribute("aria-valuenow", String(pct));
    },
    finish() {
      element.hidden = true;
      controller = null;
    },
  };
}
