/**
 * The roles errors a user of the pane meets first (fewer than two subsystems, no id or time set,
 * a column in two roles) in Chinese through the catalogue, and unchanged in English.
 */
import { CoordError } from "../../src/engine/errors";
import { errorMessage } from "../../src/report/errorText";
import { guessNoteText, guessRoles, parseRoles } from "../../src/report/roles";

const headers = ["省份", "年份", "人均GDP", "森林覆盖率", "备注"];
const caught = (f: () => unknown): CoordError => {
  try {
    f();
  } catch (e) {
    return e as CoordError;
  }
  throw new Error("no error");
};

test("fewer than two subsystems, an unset id, a column used twice: zh from the catalogue, en as before", () => {
  const one = caught(() => parseRoles({ id: "省份", time: "年份", subsystems: { 经济: [{ column: "人均GDP", direction: "+" }] } }, headers));
  expect(one.message).toBe('roles: coupling needs at least two subsystems; found 1 ("经济"). Split the indicators into two or more subsystems');
  expect(errorMessage(one, "en")).toBe(one.message);
  expect(errorMessage(one, "zh")).toBe("角色设置：耦合需要至少两个子系统，目前只有 1 个（“经济”）。请把指标分到两个或更多子系统");

  const unset = caught(() =>
    parseRoles({ id: "", time: "年份", subsystems: { a: [{ column: "人均GDP", direction: "+" }], b: [{ column: "森林覆盖率", direction: "+" }] } }, headers),
  );
  expect(unset.message).toBe('roles: id must name a column; got ""');
  expect(errorMessage(unset, "zh")).toBe("角色设置：请指定单元标识列");

  const twice = caught(() =>
    parseRoles(
      {
        id: "省份",
        time: "年份",
        subsystems: { a: [{ column: "人均GDP", direction: "+" }], b: [{ column: "森林覆盖率", direction: "+" }] },
        factors: ["人均GDP"],
      },
      headers,
    ),
  );
  expect(twice.message).toBe('roles: column "人均GDP" is used twice: as an indicator of "a" and as a factor');
  expect(errorMessage(twice, "zh")).toBe("角色设置：“人均GDP”列被用了两次：作为子系统“a”的指标，又作为驱动因子");
});

test("the guess's notes in both languages; the English ones are its messages", () => {
  const g = guessRoles(["省份", "年份", "人均GDP", "工业废水排放量", "备注"], [["北京", 2011, 1, 2, "x"]]);
  expect(g.notes.map((n) => guessNoteText(n, "en"))).toEqual(g.messages);
  expect(g.notes.map((n) => guessNoteText(n, "zh"))).toEqual([
    "未使用的文本列：“备注”",
    "全部 2 个指标都放在了一个子系统中：运行前请将它们分到至少两个子系统，并核对指标方向",
    "根据名称推测为成本型（负向，方向“-”）指标，请核对：“工业废水排放量”",
  ]);
  const split = guessRoles(["city", "year", "A1 GDP", "A2 urban", "B1 forest"], [["c", 2011, 1, 2, 3]]);
  expect(guessNoteText(split.notes[0], "zh")).toBe("已按指标名称的前缀分为 2 个子系统（“A”2 个、“B”1 个）；请核对指标方向");
  expect(split.messages[0]).toBe('indicators split into 2 subsystems by their prefix ("A": 2, "B": 1); check the directions');
});
