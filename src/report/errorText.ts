/**
 * The text of an error in the report's language. A CoordError that carries a message key
 * (`detail`: the data errors of buildPanel — an empty cell, text in a numeric column, a duplicate
 * row —, a constant column, a column of the roles not in the data) is rendered from the
 * catalogue; in English, and for any other error, the message stays as it is, in Chinese behind a
 * Chinese prefix naming its kind ("数据错误：", "选项错误：", ...).
 */
import { CoordError } from "../engine/errors";
import { hasKey, translator, type Params, type Translate } from "./i18n";

/** "text '2,1'" / "文本“2,1”", "the logical TRUE" / "逻辑值 TRUE", or the value as shown. */
function valueText(t: Translate, p: Params): string {
  const text = String(p.valueText ?? "");
  if (p.valueKind === "text") return t("error.valueText", { text });
  if (p.valueKind === "logical") return t("error.valueLogical", { text });
  return t("error.valueOther", { text });
}

/** The role of a column in a roles error ("id", "factor 2", 'indicator 3 of subsystem "Economy"') in a language. */
function roleText(t: Translate, role: string): string {
  if (role === "id" || role === "time" || role === "group" || role === "y") return t(`role.${role}`);
  const factor = /^factor (\d+)$/.exec(role);
  if (factor) return t("role.factor", { i: factor[1] });
  const indicator = /^indicator (\d+) of subsystem "(.*)"$/.exec(role);
  if (indicator) return t("role.indicator", { i: indicator[1], name: indicator[2] });
  if (role === "a factor") return t("role.aFactor");
  const anIndicator = /^an indicator of "(.*)"$/.exec(role);
  if (anIndicator) return t("role.anIndicator", { name: anIndicator[1] });
  return role;
}

/**
 * The message of an error in a language.
 *
 * @example
 * const e = new CoordError("MISSING", 'row 3, column "GDP": the cell is empty', {}, { key: "error.missingCell", params: { row: 3, column: "GDP" } });
 * errorMessage(e, "zh"); // => "第 3 行“GDP”列：单元格为空"
 */
export function errorMessage(e: unknown, language: string | undefined): string {
  const t = translator(language);
  const message = e instanceof Error ? e.message : String(e);
  if (t.lang === "en" || !(e instanceof CoordError)) return message;
  const d = e.detail;
  if (d && hasKey(d.key)) {
    const params: Params = { ...d.params };
    if (d.key === "error.notNumeric") params.value = valueText(t, d.params);
    for (const k of ["role", "role2"]) if (typeof d.params[k] === "string" && d.key !== "error.unknownColumn") params[k] = roleText(t, String(d.params[k]));
    if (d.key === "error.unknownColumn") {
      const close = String(d.params.close ?? "")
        .split("\u0000")
        .filter((c) => c !== "");
      params.role = roleText(t, String(d.params.role ?? ""));
      params.hint = close.length ? t("error.didYouMean", { names: t.list(close.map((c) => `“${c}”`)) }) : t("error.noSimilar");
    }
    const text = t(d.key, params);
    return typeof d.params.more === "number" ? t("error.more", { message: text, n: d.params.more }) : text;
  }
  if (e.code === "CANCELLED") return message;
  const arg = e.where.argument;
  const kind =
    arg === "roles" ? "error.prefix.roles" : e.code === "OPTION" ? "error.prefix.option" : arg === "data" ? "error.prefix.data" : "error.prefix.other";
  return t(kind, { message });
}
