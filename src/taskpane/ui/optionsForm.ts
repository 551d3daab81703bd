/**
 * The report options as a collapsible form, one group per report section (its title in the
 * pane's language) with one field per option of that section (the command line's names,
 * values and defaults; the key as a small hint). Enumerations are selects, the rest text
 * fields (bandwidth: a rule or a number). `getRaw()` returns only the fields that differ from
 * the defaults, as text — what parseOptions takes and what the workbook settings keep.
 * The groups and fields come from the section registry (`optionFormModel`).
 */
import { CoordError } from "../../engine/errors";
import { defaultOptions, parseOptions, ReportOptions } from "../../report/options";
import { SectionRegistry, SECTIONS } from "../../report/sections";
import { optionValueText } from "../../report/sections/optionKit";
import { el } from "./dom";
import { language, t } from "./i18n";

/** One field of the form. */
export interface OptionField {
  key: string;
  label: string;
  help: string;
  /** Default as text ("" for none). */
  default: string;
  /** The values of a select, or null for a text field. */
  choices: string[] | null;
  /** Suggestions of a text field (a datalist). */
  suggestions: string[];
  /** Placeholder of a text field: the allowed values as in --help. */
  placeholder: string;
}

/** One group of fields: a section with options. */
export interface OptionGroup {
  section: string;
  title: string;
  fields: OptionField[];
}

/**
 * The defaults of the pane: the registry's, except that the report is written in the pane's
 * language (a Chinese Excel gets a Chinese report unless the Language option says otherwise).
 */
export function paneDefaults(registry: SectionRegistry = SECTIONS, lang: "en" | "zh" = language()): ReportOptions {
  const d = defaultOptions(registry);
  return "language" in d ? { ...d, language: lang } : d;
}

/** The groups and fields of the form for the sections of `registry`, in the pane's language. */
export function optionFormModel(registry: SectionRegistry = SECTIONS, lang: "en" | "zh" = language()): OptionGroup[] {
  const defaults = paneDefaults(registry, lang) as unknown as Record<string, unknown>;
  return registry.sections
    .filter((s) => s.options.length > 0)
    .map((s) => ({
      section: s.id,
      title: s.title[lang],
      fields: s.options.map((o) => ({
        key: o.key,
        label: o.label[lang],
        help: o.help[lang],
        default: optionValueText(o, defaults[o.key]),
        choices: o.choices ? [...o.choices] : null,
        suggestions: o.suggestions ? [...o.suggestions] : [],
        placeholder: o.values,
      })),
    }));
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

export function createOptionsForm(initial: Record<string, string> = {}, registry: SectionRegistry = SECTIONS): OptionsForm {
  const fields = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const groups = optionFormModel(registry);
  const fieldRow = (h: OptionField) => {
    const def = h.default;
    let field: HTMLInputElement | HTMLSelectElement;
    let datalist: HTMLDataListElement | null = null;
    const id = `cl-opt-${h.key}`;
    if (h.choices) {
      field = el(
        "select",
        { attrs: { id, name: h.key } },
        h.choices.map((v) => el("option", { text: v, attrs: { value: v } })),
      );
    } else {
      field = el("input", { attrs: { id, name: h.key, type: "text", placeholder: h.placeholder, spellcheck: "false", autocomplete: "off" } });
      if (h.suggestions.length) {
        datalist = el(
          "datalist",
          { attrs: { id: `${id}-list` } },
          h.suggestions.map((v) => el("option", { attrs: { value: v } })),
        );
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
      el("label", { attrs: { for: id } }, [h.label, " ", el("code", { className: "cl-option-key", text: h.key })]),
      field,
      datalist,
      el("div", { className: "cl-help", text: `${h.help}${t("defaultHint", { value: def === "" ? "—" : def })}` }),
    ]);
  };
  const rows = groups.map((g) =>
    el("fieldset", { className: "cl-option-group", attrs: { "data-section": g.section } }, [
      el("legend", { text: g.title }),
      el("div", { className: "cl-option-grid" }, g.fields.map(fieldRow)),
    ]),
  );
  const reset = el("button", { className: "cl-button cl-secondary", text: t("optionsReset"), attrs: { type: "button" } });
  const element = el("details", { className: "cl-options", attrs: { "data-part": "options" } }, [
    el("summary", { text: t("optionsTitle") }),
    ...rows,
    reset,
  ]) as HTMLDetailsElement;

  const form: OptionsForm = {
    element,
    getRaw() {
      const raw: Record<string, string> = {};
      for (const [key, f] of fields) {
        const v = f.value.trim();
        if (v !== f.getAttribute("data-default")) raw[key] = v;
      }
      return raw;
    },
    setRaw(raw) {
      for (const [key, f] of fields) {
        const v = raw[key];
        f.value = typeof v === "string" ? v : f.getAttribute("data-default")!;
        f.classList.remove("cl-invalid");
      }
    },
    getOptions() {
      for (const f of fields.values()) f.classList.remove("cl-invalid");
      try {
        return parseOptions(form.getRaw(), paneDefaults(registry), registry);
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
