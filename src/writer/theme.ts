/**
 * The workbook theme (xl/theme/theme1.xml): Office's default theme, the one exceljs writes
 * (its own copy of Excel's), taken from exceljs rather than copied here. The default font of
 * the styles (Calibri, the "minor" scheme, theme colour 1) refers to it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS module of exceljs holding the XML text
export const THEME_XML: string = require("exceljs/lib/xlsx/xml/theme1.js");
