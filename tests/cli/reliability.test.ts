/**
 * Issue 11 on the command line: outputs never overwrite inputs and appear all together or not at
 * all, output-path problems and bad inputs give one line naming the file and the cause. Most
 * cases call `main` in-process as cli.test.ts does; what is about the process itself (EPIPE on a
 * closed stdout, SIGTERM during the write, the exit code) runs the command line in a child
 * process, with a child-process timeout as the bound.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { MAX_INPUT_ROWS, MAX_PANEL_ROWS } from "../../src/cli/limits";

const ROOT = path.join(__dirname, "..", "..");
const SAMPLES = path.join(ROOT, "samples");
const SAMPLE = path.join(SAMPLES, "sample-panel.csv");
const SAMPLE_ROLES = path.join(SAMPLES, "sample-panel.roles.json");
const CLI = [require.resolve("ts-node/register/transpile-only"), path.join(ROOT, "src", "cli", "main.ts")];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-rel-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The small panel of cli.test.ts: 4 units x 3 years, two subsystems of two indicators. */
function smallPanel(edit: (rows: string[][]) => void = () => undefined, name = "panel.csv"): { csv: string; roles: string } {
  const rows = [["unit", "year", "region", "a1", "a2", "b1", "b2", "f1"]];
  ["P1", "P2", "P3", "P4"].forEach((u, i) =>
    [2018, 2019, 2020].forEach((y, t) =>
      rows.push([
        u,
        String(y),
        i < 2 ? "North" : "South",
        String(1 + i + t),
        String(10 - i + t * 2),
        String(3 + t * i),
        String(5 + ((i * 7 + t * 3) % 5)),
        i % 2 ? "x" : "y",
      ]),
    ),
  );
  edit(rows);
  const csv = path.join(dir, name);
  fs.writeFileSync(csv, rows.map((r) => r.join(",")).join("\n"));
  const roles = path.join(dir, "roles.json");
  fs.writeFileSync(
    roles,
    JSON.stringify({
      id: "unit",
      time: "year",
      group: "region",
      subsystems: {
        A: [
          { column: "a1", direction: "+" },
          { column: "a2", direction: "-" },
        ],
        B: [
          { column: "b1", direction: "+" },
          { column: "b2", direction: "+" },
        ],
      },
      factors: ["f1"],
    }),
  );
  return { csv, roles };
}

function expectOneLine(r: { code: number; err: string }, message: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^coordlab: /);
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/internal error|\n\s+at /);
}

const leftovers = () => fs.readdirSync(dir).filter((f) => /\.(tmp|bak)$/.test(f));

describe("outputs never overwrite an input", () => {
  it.each([
    ["--out naming the data file", (csv: string) => ["--out", csv]],
    ["--json naming the data file through sub/..", (csv: string) => ["--json", path.join(path.dirname(csv), "sub", "..", path.basename(csv))]],
    ["--out naming the roles file", (_csv: string, roles: string) => ["--out", roles]],
  ])("%s is refused before anything is read, the input unchanged", async (_name, flags) => {
    const { csv, roles } = smallPanel();
    fs.mkdirSync(path.join(dir, "sub"));
    const before = [fs.readFileSync(csv, "utf8"), fs.readFileSync(roles, "utf8")];
    const r = await run([csv, "--roles", roles, "--quiet", ...flags(csv, roles)]);
    expectOneLine(r, /is the same file as the (data|roles) file .*would overwrite its input/);
    expect([fs.readFileSync(csv, "utf8"), fs.readFileSync(roles, "utf8")]).toEqual(before);
  });

  it("an output that is a symbolic link to the data file is refused", async () => {
    const { csv, roles } = smallPanel();
    const link = path.join(dir, "link.xlsx");
    fs.symlinkSync(csv, link);
    const before = fs.readFileSync(csv, "utf8");
    const r = await run([csv, "--roles", roles, "--out", link, "--quiet"]);
    expectOneLine(r, /same file as the data file/);
    expect(fs.readFileSync(csv, "utf8")).toBe(before);
  });

  it("--out X --json X is refused", async () => {
    const { csv, roles } = smallPanel();
    const x = path.join(dir, "x.out");
    const r = await run([csv, "--roles", roles, "--out", x, "--json", x, "--quiet"]);
    expectOneLine(r, /--out and --json name the same file/);
    expect(fs.existsSync(x)).toBe(false);
  });
});

describe("output-path problems: one line naming the path and the cause", () => {
  it.each([
    ["a missing folder", () => ["--out", path.join(dir, "nope", "r.xlsx")], /--out .*nope.*r\.xlsx: the folder .* does not exist/],
    ["--out is a folder", () => ["--out", dir], /--out .*: it is a folder/],
    ['--out ""', () => ["--out", ""], /--out "": the output path is empty/],
  ])("%s", async (_name, flags, message) => {
    const { csv, roles } = smallPanel();
    expectOneLine(await run([csv, "--roles", roles, "--quiet", ...flags()]), message);
  });

  it("a write that fails (here: the temporary name is taken by a folder) names the file and the cause, nothing is left", async () => {
    const { csv, roles } = smallPanel();
    const out = path.join(dir, "r.xlsx");
    fs.mkdirSync(path.join(dir, `.r.xlsx.${process.pid}.tmp`));
    const r = await run([csv, "--roles", roles, "--out", out, "--quiet"]);
    expectOneLine(r, /cannot write --out .*r\.xlsx: it is a folder/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("all outputs appear together or none does", () => {
  afterEach(() => delete process.env.COORDLAB_TEST_FAIL_RENAME);

  it("when the second rename fails, the first output is removed and earlier files are restored", async () => {
    const { csv, roles } = smallPanel();
    const out = path.join(dir, "r.xlsx");
    const json = path.join(dir, "r.json");
    fs.writeFileSync(out, "old workbook");
    process.env.COORDLAB_TEST_FAIL_RENAME = "2";
    const r = await run([csv, "--roles", roles, "--out", out, "--json", json, "--quiet"]);
    expectOneLine(r, /cannot write --json .*r\.json: .*no output was written/);
    expect(fs.readFileSync(out, "utf8")).toBe("old workbook");
    expect(fs.existsSync(json)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("SIGTERM during the write removes the temporary files and writes no output (child process)", async () => {
    const { csv, roles } = smallPanel();
    const out = path.join(dir, "r.xlsx");
    const json = path.join(dir, "r.json");
    const child = spawn(process.execPath, ["-r", ...CLI, csv, "--roles", roles, "--out", out, "--json", json, "--quiet"], {
      env: { ...process.env, COORDLAB_TEST_PAUSE_WRITE_MS: "60000" },
      stdio: "ignore",
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // wait (bounded) for the first temporary file, then kill the process in the middle of the write
    for (let i = 0; i < 600 && !fs.readdirSync(dir).some((f) => f.endsWith(".tmp")); i++) await new Promise((r) => setTimeout(r, 100));
    expect(fs.readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(true);
    child.kill("SIGTERM");
    expect(await exited).toBe(143);
    expect(leftovers()).toEqual([]);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(json)).toBe(false);
  }, 90_000);
});

describe("the process", () => {
  it("a closed stdout (| head -1) ends quietly, without an EPIPE stack trace (child process)", async () => {
    const child = spawn(process.execPath, ["-r", ...CLI, "--help"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy(); // the reader goes away before anything is written
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);

  it("--print-roles with --roles prints the given roles (it crashed with a TypeError), exit 0 (child process)", () => {
    const r = spawnSync(process.execPath, ["-r", ...CLI, SAMPLE, "--roles", SAMPLE_ROLES, "--print-roles"], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).not.toMatch(/TypeError|internal error/);
    expect(r.status).toBe(0);
    const roles = JSON.parse(r.stdout);
    expect(roles).toEqual(JSON.parse(fs.readFileSync(SAMPLE_ROLES, "utf8")));
  });
});

describe("input checks name the file and the cause", () => {
  it("a CSV row with one field too many names the file, the row and both counts", async () => {
    const { csv, roles } = smallPanel((rows) => (rows[5][4] = "6,234"));
    const r = await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--quiet"]);
    expectOneLine(r, /panel\.csv: CSV row 6 has 9 fields but the header row \(row 1\) has 8/);
  });

  it("every data error names the file", async () => {
    const { csv, roles } = smallPanel((rows) => (rows[5][4] = "n/a"));
    const r = await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--quiet"]);
    expectOneLine(r, /panel\.csv: row 6, column "a2": text 'n\/a' is not a number/);
  });

  it("--sheet on a CSV is refused, not ignored", async () => {
    const { csv, roles } = smallPanel();
    expectOneLine(await run([csv, "--roles", roles, "--sheet", "Panel", "--quiet"]), /--sheet Panel: panel\.csv is a CSV file, which has no sheets/);
  });

  it("a .csv that is an XLSX workbook inside is named as such", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Data").addRow(["unit", "year"]);
    const file = path.join(dir, "data.csv");
    await wb.xlsx.writeFile(file);
    expectOneLine(await run([file, "--quiet"]), /data\.csv: the file is an Excel \.xlsx workbook \(a zip archive\), not CSV text/);
  });

  it("binary data under a .csv name is named as such", async () => {
    const file = path.join(dir, "data.csv");
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131) % 256)));
    expectOneLine(await run([file, "--quiet"]), /data\.csv: the file does not look like CSV text: it holds binary data/);
  });

  it("a CSV in UTF-16 without a byte-order mark is read", async () => {
    const { csv, roles } = smallPanel();
    const text = fs.readFileSync(csv, "utf8");
    fs.writeFileSync(csv, Buffer.from(text, "utf16le"));
    const r = await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--quiet"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });

  it("an XLSX whose first sheet is empty says so and lists the other sheets", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Cover");
    wb.addWorksheet("Panel").addRow(["unit", "year"]);
    const file = path.join(dir, "data.xlsx");
    await wb.xlsx.writeFile(file);
    expectOneLine(await run([file, "--quiet"]), /data\.xlsx: sheet "Cover" is empty; the workbook's other sheets are "Panel": choose one with --sheet NAME/);
  });

  it("a formula without a saved value is named as such (open and save in Excel)", async () => {
    const { csv, roles } = smallPanel();
    const rows = fs
      .readFileSync(csv, "utf8")
      .split("\n")
      .map((l) => l.split(","));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Panel");
    rows.forEach((r, i) => ws.addRow(i === 0 ? r : r.map((c) => (/^\d+$/.test(c) ? Number(c) : c))));
    ws.getCell("D3").value = { formula: "D2+1" } as ExcelJS.CellFormulaValue; // no result saved
    const file = path.join(dir, "data.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await run([file, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--quiet"]);
    expectOneLine(r, /data\.xlsx: row 3, column "a1": the cell holds a formula \(=D2\+1\) with no saved value.*open it in Excel and save it/);
  });

  it("a roles file in GB18030 is decoded as the data is", async () => {
    const rows = [
      ["省份", "年份", "a1", "a2", "b1", "b2"],
      ...["甲", "乙", "丙"].flatMap((u, i) => [2019, 2020].map((y, t) => [u, String(y), String(1 + i + t), String(5 - i), String(2 + t * i), String(3 + i)])),
    ];
    const csv = path.join(dir, "cn.csv");
    fs.writeFileSync(csv, rows.map((r) => r.join(",")).join("\n"));
    const rolesText = JSON.stringify({
      id: "省份",
      time: "年份",
      subsystems: {
        甲组: [
          { column: "a1", direction: "+" },
          { column: "a2", direction: "+" },
        ],
        乙组: [
          { column: "b1", direction: "+" },
          { column: "b2", direction: "+" },
        ],
      },
    });
    // GB18030 bytes of the roles file: "省份" = CA A1 B7 DD, "年份" = C4 EA B7 DD, "甲组" = BC D7 D7 E9, "乙组" = D2 D2 D7 E9
    const gb: Record<string, number[]> = { 省: [0xca, 0xa1], 份: [0xb7, 0xdd], 年: [0xc4, 0xea], 甲: [0xbc, 0xd7], 乙: [0xd2, 0xd2], 组: [0xd7, 0xe9] };
    const bytes = Buffer.from([...rolesText].flatMap((ch) => gb[ch] ?? [ch.charCodeAt(0)]));
    const roles = path.join(dir, "roles.json");
    fs.writeFileSync(roles, bytes);
    const r = await run([csv, "--roles", roles, "--print-roles", "--quiet"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).id).toBe("省份");
  });

  it(`a panel above ${MAX_PANEL_ROWS.toLocaleString("en-US")} rows is refused, naming the size and the limit (guessed or given roles)`, async () => {
    const csv = path.join(dir, "big.csv");
    const lines = ["unit,year,a1,a2,b1,b2"];
    for (let i = 0; i <= MAX_PANEL_ROWS; i++) lines.push(`U${i >> 3},${2000 + (i & 7)},1,2,3,4`);
    fs.writeFileSync(csv, lines.join("\n"));
    const message = new RegExp(
      `big\\.csv has ${(MAX_PANEL_ROWS + 1).toLocaleString("en-US")} data rows .*the panel report can be built for at most ${MAX_PANEL_ROWS.toLocaleString("en-US")} rows within 2 GB`,
    );
    expectOneLine(await run([csv, "--quiet"]), message);
    const roles = path.join(dir, "roles.json");
    fs.writeFileSync(
      roles,
      JSON.stringify({
        id: "unit",
        time: "year",
        subsystems: { A: ["a1", "a2"].map((column) => ({ column, direction: "+" })), B: ["b1", "b2"].map((column) => ({ column, direction: "+" })) },
      }),
    );
    expectOneLine(await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--quiet"]), message);
    expect(fs.existsSync(path.join(dir, "r.xlsx"))).toBe(false);
  });

  it(`a geodetector-only input above ${MAX_PANEL_ROWS.toLocaleString("en-US")} rows runs (its report is small)`, async () => {
    const csv = path.join(dir, "geo.csv");
    const n = MAX_PANEL_ROWS + 10_000;
    const lines = ["y,soil,landuse"];
    // y = 2·soil + (landuse = "forest") + a small deterministic wobble: q of soil is known to be high
    for (let i = 0; i < n; i++)
      lines.push(`${2 * (i % 5) + (i % 3 === 0 ? 1 : 0) + ((i * 7919) % 11) / 100},${(i % 5) + 1},${i % 3 === 0 ? "forest" : "crop"}`);
    fs.writeFileSync(csv, lines.join("\n"));
    const roles = path.join(dir, "geo.json");
    fs.writeFileSync(roles, JSON.stringify({ y: "y", factors: ["soil", "landuse"] }));
    const json = path.join(dir, "r.json");
    const r = await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--json", json, "--quiet"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const a = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(a.data.rows).toBe(n);
    expect([a.reproduce.input.rows, a.reproduce.input.columns]).toEqual([n, 3]);
    const soil = a.geodetector.factors.find((f: { factor: string }) => f.factor === "soil");
    expect(soil.method).toBe("categorical");
    expect(soil.n).toBe(n);
    expect(soil.q).toBeGreaterThan(0.9);
  }, 60_000);

  it(`an input above Excel's sheet limit (${MAX_INPUT_ROWS.toLocaleString("en-US")} data rows) is refused at the start, naming the size and the limit`, async () => {
    const csv = path.join(dir, "huge.csv");
    fs.writeFileSync(csv, "y,x\n" + "1,2\n".repeat(MAX_INPUT_ROWS + 1));
    const roles = path.join(dir, "geo.json");
    fs.writeFileSync(roles, JSON.stringify({ y: "y", factors: ["x"] }));
    expectOneLine(
      await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--quiet"]),
      new RegExp(
        `huge\\.csv has ${(MAX_INPUT_ROWS + 1).toLocaleString("en-US")} data lines .*at most ${MAX_INPUT_ROWS.toLocaleString("en-US")} data rows are read \\(Excel's sheet limit`,
      ),
    );
  });
});

describe("the pooled group's label", () => {
  it('a group literally named "All" works: the pooled group gives way ("All (all units)")', async () => {
    const { csv, roles } = smallPanel((rows) => rows.forEach((r, i) => i > 0 && r[2] === "North" && (r[2] = "All")));
    const json = path.join(dir, "r.json");
    const r = await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--json", json, "--quiet"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const a = JSON.parse(fs.readFileSync(json, "utf8"));
    const groups = [...new Set(a.groupMeans.map((m: { group: string }) => m.group))];
    expect(groups).toEqual(expect.arrayContaining(["All", "South", "All (all units)"]));
    expect(a.groupMeans.find((m: { group: string; period: string }) => m.group === "All" && m.period === "2018").n).toBe(2);
    expect(a.groupMeans.find((m: { group: string; period: string }) => m.group === "All (all units)" && m.period === "2018").n).toBe(4);
    expect(a.warnings.join("\n")).toMatch(/A group is named "All": the pooled group \(all units\) is labelled "All \(all units\)"/);
  });

  it("--allLabel names the pooled group; the default follows the language (全国)", async () => {
    const { csv, roles } = smallPanel();
    for (const [flags, label] of [
      [["--allLabel", "Nation"], "Nation"],
      [["--language", "zh"], "全国"],
    ] as const) {
      const json = path.join(dir, "r.json");
      const r = await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--json", json, "--quiet", ...flags]);
      expect(r.code).toBe(0);
      const a = JSON.parse(fs.readFileSync(json, "utf8"));
      expect(a.groupMeans.some((m: { group: string }) => m.group === label)).toBe(true);
      expect(a.density.some((d: { group: string }) => d.group === label)).toBe(true);
      expect(a.geodetector.groups[0]).toBe(label);
    }
  });
});

describe("option values (issue 11)", () => {
  const runWith = async (flags: string[]) => {
    const { csv, roles } = smallPanel();
    return run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--json", path.join(dir, "r.json"), "--quiet", ...flags]);
  };
  it.each([
    [["--geoPeriods", "1999"], /option geoPeriods: 1999 is not a period of the data; the periods are 2018, 2019, 2020/],
    [["--hakenPair", "1,5"], /option hakenPair: '1,5' is not valid; there are 2 subsystems: 1 = A, 2 = B/],
    [["--shift", "1"], /option shift: '1' is not valid; expected a number ≥ 0 and ≤ 0\.1/],
    [["--k", "0x6"], /option k: '0x6' is not valid/],
    [["--theta", "-5"], /option theta: '-5' is not valid; expected a number ≥ 0/],
    [["--bandwidth", "-1"], /option bandwidth: '-1' is not valid/],
  ])("%j is an option error naming the option", async (flags, message) => {
    expectOneLine(await runWith(flags), message);
  });

  it("--geoPeriods 2011,2011 runs the period once; --k 007 is the number 7", async () => {
    const r = await runWith(["--geoPeriods", "2019,2019", "--k", "007"]);
    expect(r.code).toBe(0);
    const a = JSON.parse(fs.readFileSync(path.join(dir, "r.json"), "utf8"));
    expect(a.geodetector.periods).toEqual(["2019"]);
    expect(a.options.k).toBe(7);
  });

  it('an indicator cell "007" is read as the number 7 (as documented)', async () => {
    const { csv, roles } = smallPanel((rows) => (rows[3][3] = "007"));
    const r = await run([csv, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--quiet"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });
});
