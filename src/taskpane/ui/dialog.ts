/** An in-pane confirm dialog (Office add-ins cannot use window.confirm). */
import { el } from "./dom";
import { t } from "./i18n";

/** Ask before replacing sheets; resolves true for "Replace". */
export function confirmInPane(title: string, text: string, items: string[] = [], okLabel = t("replace"), cancelLabel = t("keep")): Promise<boolean> {
  return new Promise((resolve) => {
    const ok = el("button", { className: "cl-button", text: okLabel, attrs: { type: "button", "data-action": "confirm-ok" } });
    const no = el("button", { className: "cl-button cl-secondary", text: cancelLabel, attrs: { type: "button", "data-action": "confirm-cancel" } });
    const box = el("div", { className: "cl-dialog", attrs: { role: "alertdialog", "aria-modal": "true", "aria-labelledby": "cl-dialog-title" } }, [
      el("h3", { text: title, attrs: { id: "cl-dialog-title" } }),
      el("p", { text }),
      items.length
        ? el(
            "ul",
            {},
            items.map((s) => el("li", { text: s })),
          )
        : null,
      el("div", { className: "cl-dialog-buttons" }, [ok, no]),
    ]);
    const overlay = el("div", { className: "cl-overlay", attrs: { "data-part": "confirm" } }, [box]);
    const done = (answer: boolean) => {
      overlay.remove();
      resolve(answer);
    };
    ok.addEventListener("click", () => done(true));
    no.addEventListener("click", () => done(false));
    overlay.addEventListener("keydown", (e) => {
      if ((e as KeyboardEvent).key === "Escape") done(false);
    });
    document.body.appendChild(overlay);
    ok.focus();
  });
}
