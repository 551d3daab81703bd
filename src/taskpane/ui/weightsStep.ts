/**
 * Step 3 of the pane, "Spatial weights": where the weights of the spatial autocorrelation section
 * come from — none (the section is left out), the China provinces preset (Hainan linked to
 * Guangdong, or an island), k nearest neighbours / a distance band / inverse distance built from
 * two coordinate columns of the data, or a matrix / edge list / GAL / GWT file (and, in Excel, a
 * sheet range) loaded by the mode's controls. The step writes its choice into the `weights` and
 * `coords` options (one source of truth: the Reproduce record and the saved settings read those)
 * and reads them back when they are restored or typed by hand. METHODS.md M11.
 */
import { parseWeightsSpec } from "../../report/spatialWeights";
import { el } from "./dom";
import { t } from "./i18n";
import type { OptionsForm } from "./optionsForm";

/** The kinds of the step's source menu. */
export type WeightsKind = "none" | "china-provinces" | "china-provinces-island" | "knn" | "band" | "idw" | "file";

/** What the step shows, as plain data (the form is drawn from it, and tests read it). */
export interface WeightsChoice {
  kind: WeightsKind;
  x: string;
  y: string;
  /** knn: k; band: the distance; idw: the power. */
  parameter: string;
  /** idw: the cut-off distance ("" for none). */
  cutoff: string;
}

const DEFAULT_PARAMETER: Record<"knn" | "band" | "idw", string> = { knn: "6", band: "", idw: "1" };

/**
 * The coordinate columns a user most likely means: lon/lat (English or Chinese names), else x/y.
 *
 * @example
 * guessCoordinates(["省份", "年份", "经度", "纬度", "GDP"]); // => ["经度", "纬度"]
 * guessCoordinates(["id", "X", "Y"]); // => ["X", "Y"]
 * guessCoordinates(["id", "gdp"]); // => ["", ""]
 */
export function guessCoordinates(headers: string[]): [string, string] {
  const find = (re: RegExp) => headers.find((h) => re.test(h.trim())) ?? "";
  const lon = find(/^(lon|lng|long|longitude|经度|东经)$/i);
  const lat = find(/^(lat|latitude|纬度|北纬)$/i);
  if (lon && lat) return [lon, lat];
  const x = find(/^x$/i);
  const y = find(/^y$/i);
  return x && y ? [x, y] : ["", ""];
}

/**
 * The step's choice from the options' text (`weights`, `coords`) and whether a file is loaded.
 *
 * @example
 * choiceFromOptions("knn:4", "经度,纬度", false); // => { kind: "knn", x: "经度", y: "纬度", parameter: "4", cutoff: "" }
 * choiceFromOptions("", "", true).kind; // => "file"
 */
export function choiceFromOptions(weights: string, coords: string, fileLoaded: boolean): WeightsChoice {
  const [x = "", y = ""] = coords.split(",").map((c) => c.trim());
  const base = { x, y, parameter: "", cutoff: "" };
  const w = weights.trim();
  if (fileLoaded) return { ...base, kind: "file" };
  if (w === "") return { ...base, kind: "none" };
  if (w === "china-provinces" || w === "china-provinces-island") return { ...base, kind: w };
  const m = w.match(/^(knn|band|idw):([^:]*)(?::(.*))?$/i);
  if (m) return { ...base, kind: m[1].toLowerCase() as "knn" | "band" | "idw", parameter: m[2].trim(), cutoff: (m[3] ?? "").trim() };
  return { ...base, kind: "file" }; // a file name, economic: or nested: typed in the options
}

/**
 * The options' text for a choice (`weights` null: leave the typed text as it is).
 *
 * @example
 * optionsFromChoice({ kind: "idw", x: "lon", y: "lat", parameter: "2", cutoff: "500" }); // => { weights: "idw:2:500", coords: "lon,lat" }
 * optionsFromChoice({ kind: "china-provinces", x: "", y: "", parameter: "", cutoff: "" }); // => { weights: "china-provinces", coords: "" }
 */
export function optionsFromChoice(c: WeightsChoice): { weights: string | null; coords: string } {
  if (c.kind === "none") return { weights: "", coords: "" };
  if (c.kind === "file") return { weights: null, coords: "" };
  if (c.kind === "china-provinces" || c.kind === "china-provinces-island") return { weights: c.kind, coords: "" };
  const p = c.parameter.trim() || DEFAULT_PARAMETER[c.kind];
  const weights = c.kind === "idw" && c.cutoff.trim() ? `idw:${p}:${c.cutoff.trim()}` : `${c.kind}:${p}`;
  return { weights, coords: c.x && c.y ? `${c.x},${c.y}` : "" };
}

/** The metric the engine uses for two coordinate columns (M11): x, y Euclidean, else great-circle. */
function metricOf(x: string, y: string): "euclidean" | "greatCircle" {
  return /^x$/i.test(x) && /^y$/i.test(y) ? "euclidean" : "greatCircle";
}

/** One line saying what the run will use, in the pane's language. */
export function choiceSummary(c: WeightsChoice, loaded: string | null): string {
  if (c.kind === "none") return t("wsNone");
  if (c.kind === "china-provinces") return t("wsChina");
  if (c.kind === "china-provinces-island") return t("wsChinaIsland");
  if (c.kind === "file") return loaded ?? t("wsFileWanted");
  if (!c.x || !c.y) return t("wsPickColumns");
  const metric = metricOf(c.x, c.y) === "euclidean" ? t("wsEuclidean") : t("wsGreatCircle");
  const p = c.parameter.trim() || DEFAULT_PARAMETER[c.kind];
  if (c.kind === "knn") return t("wsKnn", { k: p, x: c.x, y: c.y, metric });
  if (c.kind === "band") return p ? t("wsBand", { d: p, x: c.x, y: c.y, metric }) : t("wsBandWanted");
  return t(c.cutoff.trim() ? "wsIdwCut" : "wsIdw", { a: p, d: c.cutoff.trim(), x: c.x, y: c.y, metric });
}

export interface WeightsStep {
  element: HTMLElement;
  /** New data: the column menus from its header row (a guess of the coordinate columns when none is set). */
  setHeaders(headers: string[]): void;
  /** Read the options again (restored settings, a hand edit) and redraw. */
  refresh(): void;
  /** A file or range was loaded (its description) or dropped (null). */
  setLoaded(text: string | null): void;
  choice(): WeightsChoice;
}

/**
 * The step. `fileControls` are the mode's buttons to load weights (a file; in Excel also the
 * selected range), shown for the "file or range" source; `dropFile` forgets a loaded one when
 * another source is chosen.
 */
export function createWeightsStep(options: OptionsForm, fileControls: HTMLElement[], dropFile: () => void): WeightsStep {
  let headers: string[] = [];
  let loaded: string | null = null;
  const kinds: WeightsKind[] = ["none", "china-provinces", "china-provinces-island", "knn", "band", "idw", "file"];
  const kindLabel: Record<WeightsKind, string> = {
    none: t("wsKindNone"),
    "china-provinces": t("wsKindChina"),
    "china-provinces-island": t("wsKindChinaIsland"),
    knn: t("wsKindKnn"),
    band: t("wsKindBand"),
    idw: t("wsKindIdw"),
    file: t("wsKindFile"),
  };
  const kind = el(
    "select",
    { attrs: { id: "cl-ws-kind", "data-action": "weights-kind" } },
    kinds.map((k) => el("option", { text: kindLabel[k], attrs: { value: k } })),
  );
  const columnSelect = (id: string) => el("select", { attrs: { id, "data-action": id.replace(/^cl-/, "") } });
  const xSel = columnSelect("cl-ws-x");
  const ySel = columnSelect("cl-ws-y");
  const param = el("input", {
    attrs: { id: "cl-ws-param", type: "text", inputmode: "decimal", "data-action": "ws-param", autocomplete: "off", spellcheck: "false" },
  });
  const cutoff = el("input", {
    attrs: { id: "cl-ws-cutoff", type: "text", inputmode: "decimal", "data-action": "ws-cutoff", autocomplete: "off", spellcheck: "false" },
  });
  const paramLabel = el("label", { attrs: { for: "cl-ws-param" } });
  const field = (label: HTMLElement | string, control: HTMLElement, id: string) =>
    el("div", { className: "cl-ws-field" }, [typeof label === "string" ? el("label", { text: label, attrs: { for: id } }) : label, control]);
  const cutoffField = field(t("wsCutoff"), cutoff, "cl-ws-cutoff");
  const coordsPart = el("div", { className: "cl-ws-coords", attrs: { "data-part": "ws-coords" } }, [
    field(t("wsX"), xSel, "cl-ws-x"),
    field(t("wsY"), ySel, "cl-ws-y"),
    field(paramLabel, param, "cl-ws-param"),
    cutoffField,
  ]);
  const filePart = el("div", { className: "cl-actions", attrs: { "data-part": "ws-file" } }, fileControls);
  const summary = el("p", { className: "cl-ws-summary", attrs: { "data-part": "weights-summary", "aria-live": "polite" } });
  const element = el("section", { className: "cl-panel", attrs: { "data-part": "weights-section", hidden: true } }, [
    el("h2", { text: t("wsTitle") }),
    el("p", { className: "cl-muted", text: t("wsHint") }),
    field(t("wsSource"), kind, "cl-ws-kind"),
    coordsPart,
    filePart,
    summary,
  ]);

  const fillColumns = (sel: HTMLSelectElement, value: string) => {
    sel.replaceChildren(
      el("option", { text: "—", attrs: { value: "" } }),
      ...headers.filter((h) => h !== "").map((h) => el("option", { text: h, attrs: { value: h } })),
    );
    sel.value = headers.includes(value) ? value : "";
  };
  let shownKind: WeightsKind = "none";
  const current = (): WeightsChoice => ({ kind: kind.value as WeightsKind, x: xSel.value, y: ySel.value, parameter: param.value, cutoff: cutoff.value });
  const draw = (c: WeightsChoice) => {
    kind.value = c.kind;
    shownKind = c.kind;
    fillColumns(xSel, c.x);
    fillColumns(ySel, c.y);
    const coordinates = c.kind === "knn" || c.kind === "band" || c.kind === "idw";
    coordsPart.hidden = !coordinates;
    filePart.hidden = c.kind !== "file";
    cutoffField.hidden = c.kind !== "idw";
    if (coordinates) {
      paramLabel.textContent = t(c.kind === "knn" ? "wsK" : c.kind === "band" ? "wsDistance" : "wsPower");
      param.value = c.parameter || DEFAULT_PARAMETER[c.kind as "knn" | "band" | "idw"];
      cutoff.value = c.cutoff;
    }
    summary.textContent = choiceSummary(current(), loaded);
  };
  const fromOptions = (): WeightsChoice => {
    const raw = options.getRaw();
    const c = choiceFromOptions(raw.weights ?? "", raw.coords ?? "", loaded !== null);
    if (!c.x && !c.y && (c.kind === "knn" || c.kind === "band" || c.kind === "idw")) [c.x, c.y] = guessCoordinates(headers);
    return c;
  };
  const changed = () => {
    let c = current();
    if (c.kind !== shownKind) c = { ...c, parameter: "", cutoff: "" }; // another builder: its own default
    if (c.kind !== "file" && loaded !== null) {
      loaded = null;
      dropFile();
    }
    if ((c.kind === "knn" || c.kind === "band" || c.kind === "idw") && !c.x && !c.y) {
      const [x, y] = guessCoordinates(headers);
      c = { ...c, x, y };
    }
    const o = optionsFromChoice(c);
    const raw = options.getRaw();
    if (o.weights !== null) raw.weights = o.weights;
    else if (raw.weights !== undefined && parseSafe(raw.weights)) delete raw.weights; // a loaded file replaces a preset or builder
    raw.coords = o.coords;
    options.setRaw(raw);
    draw(c);
  };
  for (const control of [kind, xSel, ySel, param, cutoff]) control.addEventListener("change", changed);
  const previous = options.onChange;
  options.onChange = () => {
    previous?.();
    draw(fromOptions());
  };
  return {
    element,
    setHeaders(h) {
      headers = h;
      element.hidden = false;
      draw(fromOptions());
    },
    refresh() {
      draw(fromOptions());
    },
    setLoaded(text) {
      loaded = text;
      draw(text !== null ? { ...current(), kind: "file" } : fromOptions());
    },
    choice: current,
  };
}

/** Whether the weights text is a preset or a coordinate builder (what a loaded file replaces). */
function parseSafe(text: string): boolean {
  try {
    const s = parseWeightsSpec(text);
    return s.kind === "preset" || s.kind === "knn" || s.kind === "band" || s.kind === "idw";
  } catch {
    return false;
  }
}
