/**
 * The pane's data errors in its language: the catalogue's text, with the sheet address in
 * front (the row of the data replaced by the cell's address) — `Data!F12（“GDP”列）：文本“n/a”不是数值`.
 */
import { buildPanel } from "../../src/report/panel";
import { parseRoles } from "../../src/report/roles";
import { locateError } from "../../src/taskpane/ui/errors";
import { setLanguage } from "../../src/taskpane/ui/i18n";

afterEach(() => setLanguage("en"));

const cells = [
  ["省份", "年份", "GDP", "绿地"],
  ["北京", 2011, 1, 2],
  ["北京", 2012, "n/a", 3],
  ["上海", 2011, 2, null],
  ["上海", 2012, 3, 4],
];
const roles = parseRoles(
  { id: "省份", time: "年份", subsystems: { 经济: [{ column: "GDP", direction: "+" }], 生态: [{ column: "绿地", direction: "+" }] } },
  cells[0] as string[],
);
const origin = { sheet: "Data", rowIndex: 4, columnIndex: 1, headers: cells[0] as string[] };

function error(): unknown {
  try {
    buildPanel(cells, roles, {});
  } catch (e) {
    return e;
  }
  throw new Error("no error");
}

test("a cell that is not a number, in zh and en, named by its sheet address", () => {
  setLanguage("zh");
  const zh = locateError(error(), origin);
  expect(zh.address).toBe("Data!D7");
  expect(zh.message).toBe("Data!D7（“GDP”列）：文本“n/a”不是数值（另有 1 个类似的单元格）");
  setLanguage("en");
  const en = locateError(error(), origin);
  expect(en).toEqual({ address: "Data!D7", message: `Data!D7: text 'n/a' is not a number (and 1 more cell like it), in column "GDP"` });
});
