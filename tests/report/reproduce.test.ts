/**
 * The Reproduce record (METHODS.md M16) built by the pipeline: the methods and the paragraph
 * mention only the sections that ran; the page's and the pane's input (the name to save, the
 * hash of the values as CSV text) give the equivalent command; a geodetector-only run has its
 * own paragraph; the sheet is in the report (both writers render it: tests/writer/bothWriters).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../../src/report/csv";
import { parseOptions } from "../../src/report/options";
import { runReport } from "../../src/report/pipeline";
import { cellsToCsv, commandArgs, optionRecords, Reproduce, shellQuote } from "../../src/report/reproduce";
import { SECTIONS } from "../../src/report/sections";
import { sha256Hex } from "../../src/report/sha256";
import { hasChinese } from "../languageCheck";

const ROOT = path.join(__dirname, "..", "..");
const cells = parseCsv(fs.readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8"));
const roles = fs.readFileSync(path.join(ROOT, "samples", "sample-panel.roles.json"), "utf8");

jest.setTimeout(120000);

describe("the methods and the paragraph of a run", () => {
  let r: Reproduce;
  beforeAll(async () => {
    const out = await runReport(cells, roles, parseOptions({ bandwidth: "scott" }), {}, { sections: { only: ["density", "obstacles"] }, version: "9.9.9" });
    r = out.analysis.reproduce as Reproduce;
  });

  it("list only the sections that ran (and those they need)", () => {
    expect(r.methods.map((m) => m.id)).toEqual(["standardize", "entropy", "ccd", "grades", "kde", "obstacles"]);
    expect(r.methods.find((m) => m.id === "obstacles")!.references).toEqual([expect.stringContaining("docs/methods.md M15")]);
    expect(r.seeds).toEqual([]);
    for (const word of ["geodetector", "Haken", "Moran", "Dagum", "convergence", "Markov"]) expect(r.text.en).not.toContain(word);
    for (const word of ["地理探测器", "哈肯", "Moran", "Dagum", "收敛", "马尔可夫"]) expect(r.text.zh).not.toContain(word);
    expect(r.text.en).toContain("weighted by the entropy method");
    expect(r.text.en).toContain("Gaussian kernel density estimation with Scott's rule, nationally and for each group");
    expect(r.text.en).toContain("D = √(C·T) were computed for 31 units over 10 periods (2011–2020)");
    expect(r.text.en).toContain("top 5 indicators per unit and period");
    expect(r.text.en.endsWith("All computations were made with CoordLab 9.9.9.")).toBe(true);
    expect(r.text.zh).toContain("Scott 法则");
    expect(hasChinese(r.text.en)).toBe(false);
  });

  it("give the command with --sections and the changed option, without --roles when none was given", () => {
    expect(r.args).toEqual(["data.csv", "--sections", "density,obstacles", "--bandwidth", "scott"]);
    expect(r.command).toBe("npx coordlab data.csv --sections density,obstacles --bandwidth scott");
    expect(r.rolesSource).toBe("guessed");
    expect(r.input).toEqual({ file: null, sha256: null, hashOf: "file", sheet: null, range: null, rows: 310, columns: 38 });
  });
});

describe("the equivalent command of the page and the pane", () => {
  const options = optionRecords(SECTIONS, parseOptions({ weighting: "critic", allLabel: "It's all" }));

  it("names the file and the roles the user saves, quoted for a shell", () => {
    expect(commandArgs({ origin: "page", file: "Panel 2024.xlsx", sheet: "Data" }, options)).toEqual([
      "Panel 2024.xlsx",
      "--sheet",
      "Data",
      "--roles",
      "Panel 2024.roles.json",
      "--weighting",
      "critic",
      "--allLabel",
      "It's all",
    ]);
    expect(shellQuote("Panel 2024.roles.json")).toBe("'Panel 2024.roles.json'");
    expect(shellQuote("It's all")).toBe("'It'\\''s all'");
    expect(commandArgs({ origin: "pane", file: "Data.csv", sheet: "Data", range: "Data!A1:AL311" }, options).slice(0, 3)).toEqual([
      "Data.csv",
      "--roles",
      "Data.roles.json",
    ]);
  });

  it("hashes the pane's values as CSV text: the digest of the sample's own CSV text when the cells are the same", () => {
    const text = fs
      .readFileSync(path.join(ROOT, "samples", "sample-panel.csv"), "utf8")
      .replace(/\r\n/g, "\n")
      .replace(/\n$/, "");
    const reparsed = parseCsv(text);
    expect(cellsToCsv(reparsed)).toBe(text);
    expect(sha256Hex(cellsToCsv(reparsed))).toBe(crypto.createHash("sha256").update(text, "utf8").digest("hex"));
  });

  it("is recorded with what was hashed, the range and the pane's note", async () => {
    const out = await runReport(
      cells,
      roles,
      parseOptions({ language: "zh" }),
      {},
      {
        sections: { only: ["coupling"] },
        input: { origin: "pane", file: "Data.csv", sha256: "ab", hashOf: "values", sheet: "Data", range: "Data!A1:AL311", weightsLoaded: true },
      },
    );
    const r = out.analysis.reproduce as Reproduce;
    expect(r.origin).toBe("pane");
    expect(r.rolesSource).toBe("editor");
    expect(r.command).toBe("npx coordlab Data.csv --roles Data.roles.json --sections coupling --language zh");
    expect(r.notes).toEqual(["空间权重读自任务窗格中的选区或文件：请另存为 CSV 矩阵，并用 --weights 指定"]);
    const sheet = out.report.sheets[out.report.sheets.length - 1];
    expect(sheet.name).toBe("复现");
    const facts = sheet.tables[0].rows.map((x) => `${x.item}: ${x.value}`);
    expect(facts).toContain("所选数值按 CSV 文本（UTF-8、逗号分隔、LF 换行）计算的 SHA-256: ab");
    expect(facts).toContain("单元格区域: Data!A1:AL311");
    expect(facts).toContain("角色来源: 在任务窗格中设置：请将上面的角色设置保存为 Data.roles.json");
    expect(sheet.notes).toEqual(r.notes);
  });
});

describe("a geodetector-only run", () => {
  it("has the Reproduce sheet and its own paragraph", async () => {
    const geo = [["y", "x1", "x2"], ...Array.from({ length: 40 }, (_, i) => [Math.sin(i) + i / 10, i % 4, (i * 7) % 5])];
    const out = await runReport(
      geo,
      { y: "y", factors: [{ column: "x1", kind: "categorical" }, "x2"] },
      parseOptions({ discretization: "optimal" }),
      {},
      { version: "1.0.0" },
    );
    expect(out.kind).toBe("geodetector");
    const r = (out.analysis as { reproduce: Reproduce }).reproduce;
    expect(r.methods.map((m) => m.id)).toEqual(["geodetector", "opgd"]);
    expect(r.methods[1].references[0]).toMatch(/^Song, Y\., Wang, J\., Ge, Y\., & Xu, C\. \(2020\)/);
    expect(r.text.en).toBe(
      "The factors of y were analysed with the optimal parameters-based geodetector on 40 rows: each numeric factor was discretized by the method and number of classes (k = 3–8) that give the largest q, and q was tested by the non-central F test. All computations were made with CoordLab 1.0.0.",
    );
    expect(r.input.rows).toBe(40);
    expect(out.report.sheets.map((s) => s.name)).toContain("Reproduce");
  });
});
