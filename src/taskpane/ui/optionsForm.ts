/**
 * The report options as a collapsible form: one field per OPTION_HELP entry (the command
 * line's names, values and defaults). Enumerations are selects, the rest text fields
 * (bandwidth: a rule or a number). `getRaw()` returns only the fields that differ from the
 * defaults, as text — what parseOptions takes and what the workbook settings keep.
 */
import { CoordError } from "../../engine/errors";
import { EVOLUTION_METHODS } from "../../engine/haken/evolution";
import { DEFAULT_OPTIONS, OPTION_HELP, parseOptions, ReportOptions } from "../../report/options";
import { el } from "./dom";
import { t } from "./i18n";

/** The text of an option value as typed on the command line. */
export function optionText(key: keyof ReportOptions, v: unknown): string {
  if (key === "hakenPair" && Array.isArray(v)) return v.map((i: number) => i + 1).join(",");
  if (Array.isArray(v)) return v.join(",");
  if (v === null || v === undefined) return "";
  return String(v);
}

/** The allowed values when the option is an enumeration, else null. */
function choices(key: keyof ReportOptions, values: string): string[] | null {
  if (key === "evolution") return [...EVOLUTION_METHODS]; // its values contain "|" themselves
  const parts = values.split("|");
  if (parts.length < 2 || parts.some((p) => p === "number" || p === "integer" || p.includes(","))) return null;
  return parts;
}

export interface OptionsForm {
  element: HTMLDetailsElement;
  /** Fields that differ from the defaults, as text. */
  getRaw(): Record<string, string>;
  /** Set fields from text (unknown keys ignored); the others back to their defaults. */
  setRaw(raw: Record<string, string>): void;
  /** parseOptions of the fields; marks the field of an invalid option and throws its CoordError. */
  getOptions(): ReportOptions;
  onChange?: () => void;
}

export function createOptionsForm(initial: Record<string, string> = {}): OptionsForm {
  const fields = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const rows = OPTION_HELP.map((h) => {
    const def = optionText(h.key, DEFAULT_OPTIONS[h.key]);
    const list = choices(h.key, h.values);
    let field: HTMLInputElement | HTMLSelectElement;
    let datalist: HTMLDataListElement | null = null;
    const id = `cl-opt-${h.key}`;
    if (list) {
      field = el("select", { attrs: { id, name: h.key } }, list.map((v) => el("option", { text: v, attrs: { value: v } })));
    } else {
      field = el("input", { attrs: { id, name: h.key, type: "text", placeholder: h.values, spellcheck: "false", autocomplete: "off" } });
      if (h.key === "bandwidth") {
        datalist = el("datalist", { attrs: { id: `${id}-list` } }, h.values.split("|").filter((v) => v !== "number").map((v) => el("option", { attrs: { value: v } })));
        field.setAttribute("list", `${id}-list`);
      }
    }
    field.value = def;
    field.setAttribute("data-default", def);
    field.addEventListener("change", () => {
      field.classList.remove("cl-invalid");
      form.onChange?.();
    });
    fields.set(h.key, field);
    return el("div", { className: "cl-option", attrs: { "data-option": h.key } }, [
      el("label", { text: h.key, attrs: { for: id } }),
      field,
      datalist,
      el("div", { className: "cl-help", text: `${h.help} (${t("default")}: ${def === "" ? "—" : def})` }),
    ]);
  });
  const reset = el("button", { className: "cl-button cl-secondary", text: t("optionsReset"), attrs: { type: "button" } });
  const element = el("details", { className: "cl-options", attrs: { "data-part": "options" } }, [
    el("summary", { text: t("optionsTitle") }),
    el("div", { className: "cl-option-grid" }, rows),
    reset,
  ]) as HTMLDetailsElement;

  const form: OptionsForm = {
    element,
    getRaw() {
      const raw: Record<string, string> = {};
      for (const h of OPTION_HELP) {
        const f = fields.get(h.key)!;
        const v = f.value.trim();
        if (v !== f.getAttribute("data-default")) raw[h.key] = v;
      }
      return raw;
    },
    setRaw(raw) {
      for (const h of OPTION_HELP) {
        const f = fields.get(h.key)!;
        const v = raw[h.key];
        f.value = typeof v === "string" ? v : f.getAttribute("data-default")!;
        f.classList.remove("cl-invalid");
      }
    },
    getOptions() {
      for (const f of fields.values()) f.classList.remove("cl-invalid");
      try {
        return parseOptions(form.getRaw());
      } catch (e) {
        if (e instanceof CoordError && typeof e.where.argument === "string") {
          const f = fields.get(e.where.argument);
          if (f) {
            f.classList.add("cl-invalid");
            element.open = true;
          }
        }
        throw e;
      }
    },
  };
  reset.addEventListener("click", () => {
    form.setRaw({});
    form.onChange?.();
  });
  form.setRaw(initial);
  return form;
}
