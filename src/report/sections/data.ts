/**
 * Section "data": how empty cells are handled when the panel is read (the option `missing`:
 * error, drop or interpolate; the command line's --drop-incomplete is an alias of drop), and
 * its result, the cells filled by interpolation (unit, period, column, value), which the
 * Summary lists and the JSON keeps under `filled`. The option is read by the pipeline before
 * the panel is built; the section itself only reports what was done.
 */
import { CoordError } from "../../engine/errors";
import { FilledPanelCell, MISSING_MODES, MissingMode, PanelOptions } from "../panel";
import { translator } from "../i18n";
import { enumOption } from "./optionKit";
import type { ReportOptions, ReportSection } from "./types";

declare module "./types" {
  interface ReportOptions {
    /** Empty indicator or factor cells: error (naming the cell), drop the row, or interpolate within the unit's series */
    missing: MissingMode;
  }
  interface SectionResults {
    data?: FilledPanelCell[];
  }
}

/**
 * The panel options of a run: the `missing` option, with --drop-incomplete (dropIncomplete) as
 * an alias of "drop"; the two contradicting is an error naming both.
 *
 * @example
 * panelOptionsFor({ missing: "error" } as ReportOptions, { dropIncomplete: true }).missing; // => "drop"
 */
export function panelOptionsFor(o: ReportOptions, panel: PanelOptions = {}): PanelOptions {
  let missing: MissingMode = panel.missing ?? o.missing ?? "error";
  if (panel.dropIncomplete) {
    if (missing === "interpolate")
      throw new CoordError("OPTION", "--drop-incomplete (missing drop) contradicts --missing interpolate; give one of them", { argument: "missing" });
    missing = "drop";
  }
  return { ...panel, missing, dropIncomplete: missing === "drop" };
}

export const dataSection: ReportSection<FilledPanelCell[]> = {
  id: "data",
  title: { en: "Data", zh: "数据" },
  progress: { en: "Missing values", zh: "缺失值" },
  jsonKey: "filled",
  empty: [],
  cost: 0.1,
  options: [
    enumOption(
      {
        key: "missing",
        default: "error",
        label: { en: "Missing values", zh: "缺失值" },
        help: {
          en: "empty indicator or factor cells: error (naming the cell), drop the row, or interpolate within each unit's series (linear in time, nearest value at the ends; every filled cell listed in the Summary)",
          zh: "指标或因子的空单元格：error（报错并指出单元格）、drop（删除该行）或 interpolate（在各单元的时间序列内线性插值，两端取最近值；所有填补的单元格列于摘要）",
        },
      },
      MISSING_MODES,
    ),
  ],
  run: (ctx) => ctx.panel.filled,
  headlines: (filled, ctx) => {
    const t = translator(ctx.options.language);
    return filled.length ? [filled.length === 1 ? t("data.filledOne") : t("data.filledMany", { n: filled.length })] : [];
  },
};
