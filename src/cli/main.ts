/**
 * CoordLab on the command line:
 *
 *   npm run report -- <data.csv|xlsx> [--roles roles.json] [--out report.xlsx] [--json report.json] [options]
 *
 * Reads a panel (or cross-sectional geodetector data), runs the same pipeline as the taskpane
 * and writes the report workbook (and the analysis as JSON on request). Progress goes to
 * stderr. Any error is one clear message and exit code 1; the output files are written to a
 * temporary name and renamed only when complete, so no partial report is left behind.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { parseArgs } from "util";
import { CoordError } from "../engine/errors";
import { Cell, decodeCsvBytes } from "../report/csv";
import { asRows, dataRowCount, headerOf, parseCsvColumns, SheetCells } from "../report/columns";
import { defaultOptions, parseOptions, parseSectionChoice, shownValue } from "../report/options";
import { closeMatches, guessNoteText, guessRoles, parseRoles, RolesFile, rolesToJson } from "../report/roles";
import { ParsedWeights, parseWeightsCells, parseWeightsSpec, parseWeightsText, spatialWeightsRequest } from "../report/spatialWeights";
import { SECTIONS } from "../report/sections";
import { translator } from "../report/i18n";
import { errorMessage as errorText } from "../report/errorText";
import { groupWarnings } from "../report/warnings";
import { checkOutputPaths, commitOutputs, describeFsError } from "./output";
import { checkInputSize, checkPanelSize, countInputLines, MAX_PANEL_ROWS, quietOnClosedStdout, xlsxSheetRows } from "./limits";

// The report pipeline, the xlsx writer and exceljs (reading .xlsx input) are loaded on first use,
// not at start-up, so that --help and --print-roles answer at once (loading them takes most of a
// second).
/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading, typed by the import types */
const lazy = {
  pipeline: () => require("../report/pipeline") as typeof import("../report/pipeline"),
  xlsx: () => require("../writer/xlsx") as typeof import("../writer/xlsx"),
  readXlsx: () => require("../writer/readXlsx") as typeof import("../writer/readXlsx"),
};
/* eslint-enable @typescript-eslint/no-require-imports */

// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json is read at run time, not compiled into the program
const VERSION: string = require("../../package.json").version;

export function helpText(): string {
  const lines = [
    `CoordLab ${VERSION} — coupling coordination, geodetector and Haken model report`,
    "",
    "Usage: coordlab <data.csv|data.xlsx> [flags] [options]",
    "",
    "Flags:",
    "  --roles FILE        roles JSON (id, time, group, subsystems, factors; or y + factors)",
    "                      default: guessed from the headers and printed",
    "  --print-roles       print the guessed (or given) roles as JSON and stop",
    "  --sheet NAME        sheet of an XLSX file (default: the first)",
    "  --out FILE          report workbook (default: <input name>-report.xlsx beside the input;",
    "                      an existing file is replaced, the input never)",
    "  --json FILE         also write the analysis as JSON",
    "  --drop-incomplete   drop rows with empty cells (with a warning): an alias of --missing drop",
    "  --sections a,b      run only these sections (and those they need), e.g. weights,coupling",
    "  --skip a,b          do not run these sections, e.g. haken (the Summary lists what was skipped)",
    "  --quiet             no progress on stderr",
    "",
    'Spatial weights (the spatial section runs only with them; or "weights" and "coords" in the roles):',
    "  --weights FILE      an n x n matrix with unit labels in row 1 and column A, or an edge list",
    "                      (from,to[,weight]) as CSV/XLSX; a GeoDa .gal or .gwt file",
    "  --weights china-provinces | china-provinces-island",
    "                      China's 31 provinces, queen contiguity (Natural Earth), Hainan linked to",
    "                      Guangdong or left an island; names in English or Chinese; a subset of",
    "                      provinces takes the sub-matrix",
    "  --weights knn:6 --coords lon,lat     6 nearest neighbours (great-circle; x,y: Euclidean)",
    "  --weights band:500 --coords lon,lat  neighbours within 500 km",
    "  --weights idw:1 --coords lon,lat     inverse distance 1/d (idw:2 1/d², idw:1:800 within 800 km)",
    '  --weights "economic:GDP per capita"  economic distance 1/|x̄_i − x̄_j| of the units\' means of a',
    "                      numeric column of the data (all pairs; empty cells left out of a mean)",
    '  --weights "nested:china-provinces,economic:GDP per capita"',
    "                      nested weights: geographic (a preset, knn/band/idw, a file) times economic",
    "  --help              this text",
    "",
    ...wrap(`Sections, in order: ${SECTIONS.sections.map((s) => s.id).join(", ")}`, 100, 4),
    "",
    "Options by section (formulas in docs/methods.md; default in brackets):",
  ];
  const defaults = defaultOptions() as unknown as Record<string, unknown>;
  for (const section of SECTIONS.sections) {
    if (!section.options.length) continue;
    lines.push(`  ${section.title.en} (${section.id}):`);
    for (const h of section.options) lines.push(...wrap(`  --${h.key} ${h.values}`.padEnd(44) + ` ${h.help.en} [${shownValue(h, defaults[h.key])}]`));
  }
  lines.push(
    "",
    "Examples:",
    "  npm run report -- panel.csv --roles roles.json --out report.xlsx      panel with roles",
    "  npm run report -- villages.csv --roles geo.json                        geodetector only",
    "  npm run report -- panel.csv --roles roles.json --language zh           grades in Chinese",
    "  npm run report -- panel.csv --roles roles.json --weights china-provinces   spatial weights",
    "  npx coordlab panel.xlsx --sheet Panel --print-roles > roles.json      guess, edit, reuse",
    "",
    "Roles JSON (panel; factor kind optional: numeric or categorical):",
    '  { "id": "Province", "time": "Year", "group": "Region",',
    '    "subsystems": { "Urbanization": [{ "column": "GDP per capita", "direction": "+" }],',
    '                    "Environment": [{ "column": "Waste gas emissions", "direction": "-" }] },',
    '    "factors": ["X1 GDP", { "column": "Land use", "kind": "categorical" }] }',
    'Geodetector only: { "y": "NDVI", "factors": ["soil", { "column": "landuse", "kind": "numeric" }] }',
    "Methods, formulas, defaults and references: docs/methods.md",
  );
  return lines.join("\n");
}

/** A help line cut at blanks (or after a "|" of a long list of values) into lines of at most `width` columns, continued under the help text. */
function wrap(line: string, width = 100, indent = 45): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(" ", width);
    if (cut <= indent) {
      const bar = rest.lastIndexOf("|", width - 1); // a long list of values: cut after a "|"
      cut = bar > indent ? bar + 1 : width;
    }
    out.push(rest.slice(0, cut).trimEnd());
    rest = " ".repeat(indent) + rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

/** "unknown option --weigthing; did you mean --weighting?" for a flag not in `known`, else null. */
export function unknownFlag(argv: string[], known: string[]): string | null {
  for (const a of argv) {
    if (a === "--") break;
    if (!a.startsWith("--")) continue;
    const name = a.slice(2).split("=")[0];
    if (known.includes(name)) continue;
    const close = closeMatches(name, known, 1);
    return `unknown option --${name}${close.length ? `; did you mean --${close[0]}?` : ""}`;
  }
  return null;
}

/** The report file when --out is not given: `<input name>-report.xlsx` beside the input. */
export function defaultOutFile(input: string): string {
  const dir = path.dirname(input);
  const base = path.basename(input, path.extname(input));
  return path.join(dir, `${base}-report.xlsx`);
}

/** Raw DEFLATE by Node's zlib; given the size of the result, in one output chunk (no copy to join the chunks: ~0.1–0.3 s on a 115 MB sheet). */
function inflateRawSync(data: Uint8Array, size?: number): Uint8Array {
  return size !== undefined && size < 0x7fffffff ? zlib.inflateRawSync(data, { chunkSize: Math.max(64, size + 1) }) : zlib.inflateRawSync(data);
}

/**
 * Raw DEFLATE as a stream of 1 MB pieces, inflated on zlib's thread pool up to 16 MB ahead of the
 * reader: the sheet is inflated while it is scanned and never held whole (bench/NOTES.md, issue 17).
 */
function inflateRawStream(data: Uint8Array): AsyncIterable<Uint8Array> {
  const z = zlib.createInflateRaw({ chunkSize: 1 << 20, readableHighWaterMark: 1 << 24 } as zlib.ZlibOptions);
  z.end(data);
  return z;
}

/** Read a CSV or XLSX file into cells by column (it may have a million rows). */
export async function readCells(
  file: string,
  sheet?: string,
): Promise<{ cells: SheetCells; sheetName?: string; formulasWithoutValue?: Array<{ row: number; column: number; formula: string }>; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new CoordError("IO", `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : describeFsError(e)}`, {
      argument: "data",
    });
  }
  const ext = path.extname(file).toLowerCase();
  // the file's SHA-256 for the Reproduce sheet (M16)
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  if (ext === ".xlsx" || ext === ".xlsm") {
    const inflateRaw = (d: Uint8Array, size?: number) => inflateRawSync(d, size);
    checkInputSize(file, await xlsxSheetRows(new Uint8Array(bytes), sheet, inflateRaw), "rows");
    // by column, as a CSV: no row arrays (bench/NOTES.md, issue 17)
    const r = await lazy.readXlsx().readXlsxColumns(new Uint8Array(bytes), { sheet, inflateRaw, inflateRawStream });
    if (r.cells.rowCount === 0) {
      const others = r.sheetNames.filter((n) => n !== r.sheetName);
      throw new CoordError(
        "EMPTY",
        `sheet "${r.sheetName}" is empty${others.length ? `; the workbook's other sheets are ${others.map((n) => `"${n}"`).join(", ")}: choose one with --sheet NAME` : ""}`,
        { argument: "data" },
      );
    }
    return { cells: r.cells, sheetName: r.sheetName, formulasWithoutValue: r.formulasWithoutValue, sha256 };
  }
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") {
    if (sheet !== undefined)
      throw new CoordError("OPTION", `--sheet ${sheet}: ${path.basename(file)} is a CSV file, which has no sheets; --sheet is for .xlsx workbooks`, {
        argument: "sheet",
      });
    const text = decodeCsvBytes(new Uint8Array(bytes)).text;
    checkInputSize(file, countInputLines(text), "lines");
    return { cells: parseCsvColumns(text), sha256 };
  }
  throw new CoordError("OPTION", `${file}: unsupported file type '${ext || "(none)"}'; give a .csv or .xlsx file`, { argument: "data" });
}

/**
 * The roles with their "weights" resolved for the spatial section: a file (the --weights option,
 * or the roles' "weights" relative to the roles file) read and parsed, or the coordinates of a
 * builder (knn:6 with --coords lon,lat, or the roles' "coords") taken from the data. Presets stay
 * as their name. Without weights the roles are returned as they are.
 */
export async function withSpatialWeights(
  rolesText: string,
  sheetCells: SheetCells,
  o: { weights: string; coords: string },
  rolesDir: string,
): Promise<string | RolesFile> {
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(rolesText) as Record<string, unknown>;
  } catch {
    return rolesText; // runReport names the JSON error
  }
  const fromRoles = !o.weights.trim() && typeof file.weights === "string" && file.weights.trim() !== "";
  const raw = o.weights.trim() || (fromRoles ? (file.weights as string).trim() : "");
  if (!raw) return file as unknown as RolesFile;
  const spec = parseWeightsSpec(raw);
  const fileSpec = spec.kind === "file" ? spec : spec.kind === "nested" && spec.geo.kind === "file" ? spec.geo : null;
  let parsed: ParsedWeights | undefined;
  if (fileSpec) {
    const where = fromRoles ? path.resolve(rolesDir, fileSpec.path) : fileSpec.path;
    const ext = path.extname(where).toLowerCase();
    if (ext === ".gal" || ext === ".gwt") {
      let text: string;
      try {
        text = fs.readFileSync(where, "utf8");
      } catch {
        throw new CoordError("IO", `cannot read the weights file ${where}`, { argument: "weights" });
      }
      parsed = parseWeightsText(text, { source: path.basename(where) });
    } else {
      const w = await readCells(where).catch((e) => {
        throw e instanceof CoordError && e.code === "IO" ? new CoordError("IO", `cannot read the weights file ${where}`, { argument: "weights" }) : e;
      });
      parsed = parseWeightsCells(asRows(w.cells), { source: path.basename(where) });
    }
  }
  const coords = o.coords.trim() || (Array.isArray(file.coords) ? file.coords.join(",") : typeof file.coords === "string" ? file.coords : "");
  const needsId = spec.kind !== "preset" && spec.kind !== "file";
  const cells = asRows(sheetCells);
  const header = headerOf(cells);
  const idColumn = needsId ? (parseRoles(file, header).id ?? "") : "";
  const input = spatialWeightsRequest({ weights: raw, coords, cells, idColumn, file: parsed });
  return { ...file, weights: input } as unknown as RolesFile;
}

export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + "\n"),
  err: (s: string) => void = (s) => process.stderr.write(s + "\n"),
): Promise<number> {
  const specs = SECTIONS.options();
  const optionFlags = Object.fromEntries(specs.map((h) => [h.key, { type: "string" as const }]));
  const known = ["roles", "print-roles", "sheet", "out", "json", "drop-incomplete", "sections", "skip", "quiet", "help", ...Object.keys(optionFlags)];
  const unknown = unknownFlag(argv, known);
  if (unknown) {
    err(`coordlab: ${unknown}\nRun with --help for the list of flags and options.`);
    return 1;
  }
  let parsed;
  try {
    parsed = parseArgs({
      // "--theta -5" as "--theta=-5": a negative number after an option is its value, not a flag
      args: argv
        .map((a, i) =>
          i > 0 && /^-(\d|\.\d)/.test(a) && /^--[A-Za-z]/.test(argv[i - 1]) && !argv[i - 1].includes("=")
            ? null
            : i + 1 < argv.length && /^--[A-Za-z][\w-]*$/.test(a) && /^-(\d|\.\d)/.test(argv[i + 1])
              ? `${a}=${argv[i + 1]}`
              : a,
        )
        .filter((a): a is string => a !== null),
      allowPositionals: true,
      options: {
        roles: { type: "string" },
        "print-roles": { type: "boolean" },
        sheet: { type: "string" },
        out: { type: "string" },
        json: { type: "string" },
        "drop-incomplete": { type: "boolean" },
        sections: { type: "string" },
        skip: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean" },
        ...optionFlags,
      },
    });
  } catch (e) {
    err(`coordlab: ${(e as Error).message}\nRun with --help for the list of flags and options.`);
    return 1;
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) {
    out(helpText());
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    err(`coordlab: give exactly one data file (CSV or XLSX); got ${parsed.positionals.length}.\nRun with --help for usage.`);
    return 1;
  }
  const file = parsed.positionals[0];
  const rolesFile = v.roles as string | undefined;
  const outFile = (v.out as string | undefined) ?? defaultOutFile(file);
  const jsonFile = v.json as string | undefined;
  let formulas: Array<{ row: number; column: number; formula: string }> | undefined;
  let cells: SheetCells | undefined;
  let t = translator("en");
  try {
    const optionValues: Record<string, string | undefined> = {};
    for (const h of specs) optionValues[h.key] = v[h.key] as string | undefined;
    const options = parseOptions(optionValues, defaultOptions());
    t = translator(options.language);
    const sections = parseSectionChoice({ sections: v.sections as string | undefined, skip: v.skip as string | undefined });
    // outputs are checked before anything is read: never overwrite an input, never each other
    if (!v["print-roles"]) {
      const inputs = [{ flag: "data file", file }, ...(rolesFile !== undefined ? [{ flag: "roles file", file: rolesFile }] : [])];
      checkOutputPaths(inputs, [{ flag: "--out", file: outFile }, ...(jsonFile !== undefined ? [{ flag: "--json", file: jsonFile }] : [])]);
    }
    const progress = (msg: string) => {
      if (!v.quiet) err(msg);
    };
    progress(t("cli.reading", { file }));
    const read = await readCells(file, v.sheet as string | undefined);
    cells = read.cells;
    formulas = read.formulasWithoutValue;
    const { sheetName, sha256 } = read;
    read.cells = []; // only `cells` holds them, released before the workbook is written
    const header = headerOf(cells);
    let roles: string;
    if (rolesFile !== undefined) {
      roles = readRolesFile(rolesFile);
    } else {
      // guessed roles are panel roles: a panel above the limit is refused before they are guessed
      if (!v["print-roles"]) checkPanelSize(file, dataRowCount(cells));
      const rows = asRows(cells);
      const guess = guessRoles(header, rows.slice(rows.findIndex((r) => r.some((c) => c !== null && c !== "")) + 1));
      roles = rolesToJson(guess.roles);
      if (!v["print-roles"]) {
        err(t("cli.rolesGuessed"));
        err(roles);
        for (const n of guess.notes) err(t("cli.note", { message: guessNoteText(n, t.lang) }));
        if (!guess.ready)
          throw new CoordError(
            "OPTION",
            "the guessed roles need editing before a report can run (see the notes above)",
            { argument: "roles" },
            { key: "cli.guessNotReady", params: {} },
          );
      }
    }
    if (v["print-roles"]) {
      // given roles are validated against the header row and printed in the file shape
      out(rolesFile !== undefined ? rolesToJson(parseRoles(roles, header)) : roles);
      return 0;
    }
    // the panel report has a size limit, the geodetector alone not (src/cli/limits.ts)
    if (rolesFile !== undefined && rolesKind(roles, header) === "panel") checkPanelSize(file, dataRowCount(cells));
    const rolesInput = await withSpatialWeights(
      roles,
      cells,
      options as unknown as { weights: string; coords: string },
      v.roles ? path.dirname(v.roles as string) : ".",
    );
    const { analysisToJson, runReport } = lazy.pipeline();
    const result = await runReport(
      cells,
      rolesInput,
      options,
      { onProgress: (_stage, _fraction, label) => progress(t("cli.progress", { label: label[t.lang] })) },
      {
        source: path.basename(file) + (sheetName ? ` [${sheetName}]` : ""),
        version: VERSION,
        panel: { dropIncomplete: !!v["drop-incomplete"] },
        sections,
        input: {
          origin: "cli",
          file,
          sha256,
          sheet: sheetName,
          rolesFile,
          out: v.out as string | undefined,
          json: jsonFile,
        },
      },
    );
    cells = undefined; // the parsed cells are not needed while the workbook is built
    progress(t("cli.writing", { file: outFile }));
    const replaced = fs.existsSync(outFile);
    const bytes = await lazy.xlsx().writeReportXlsx(result.report);
    const jsonText = jsonFile !== undefined ? analysisToJson(result) : undefined;
    await commitOutputs([
      { flag: "--out", file: outFile, data: bytes },
      ...(jsonFile !== undefined ? [{ flag: "--json", file: jsonFile, data: jsonText }] : []),
    ]);
    const written = t("cli.written", { file: path.resolve(outFile) });
    const withReplaced = replaced ? t("cli.replaced", { message: written }) : written;
    out(jsonFile !== undefined ? `${withReplaced}${t.lang === "zh" ? "" : " "}${t("cli.json", { file: path.resolve(jsonFile) })}` : withReplaced);
    for (const f of result.headlines) out(t("cli.headline", { text: f }));
    const warnings = result.analysis.warnings;
    if (warnings.length) out(`  ${t("cli.warnings", { n: warnings.length, kinds: groupWarnings(warnings).length })}`);
    return 0;
  } catch (e) {
    if (e instanceof CoordError) {
      err(t("cli.error", { message: errorMessage(e, errorText(e, t.lang), file, rolesFile, cells, formulas) }));
      return 1;
    }
    if (e instanceof RangeError && /Invalid string length|Array buffer allocation failed/i.test(e.message)) {
      err(
        `coordlab: the report of ${file} is too large to build in memory (${e.message}); at most ${MAX_PANEL_ROWS.toLocaleString("en-US")} data rows are supported for a panel`,
      );
      return 1;
    }
    err(`coordlab: internal error: ${(e as Error).stack ?? String(e)}`);
    return 2;
  }
}

/** "panel" or "geodetector" for roles that parse against the header; undefined otherwise (runReport names the problem). */
function rolesKind(roles: string, header: Cell[]): "panel" | "geodetector" | undefined {
  try {
    return parseRoles(roles, header).kind;
  } catch {
    return undefined;
  }
}

/** The roles file's text, its encoding detected as for data (UTF-8, UTF-16, GB18030). */
function readRolesFile(rolesFile: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(rolesFile);
  } catch (e) {
    throw new CoordError("EMPTY", `cannot read the roles file ${rolesFile}: ${describeFsError(e)}`, { argument: "roles" });
  }
  try {
    return decodeCsvBytes(new Uint8Array(bytes)).text;
  } catch (e) {
    if (e instanceof CoordError) throw new CoordError(e.code, e.message.replace("CSV text", "JSON text"), { argument: "roles" });
    throw e;
  }
}

const DATA_ARGUMENTS = new Set(["data", "csv", "workbook", "sheet"]);

/** The message of an error, naming the file it is about (and a formula without a saved value as such). */
function errorMessage(
  e: CoordError,
  text: string,
  file: string,
  rolesFile: string | undefined,
  cells: SheetCells | undefined,
  formulas: Array<{ row: number; column: number; formula: string }> | undefined,
): string {
  let msg = text;
  if (formulas && cells && e.code === "MISSING" && e.where.row !== undefined && e.where.column !== undefined) {
    const header = headerOf(cells);
    const j = typeof e.where.column === "number" ? e.where.column : header.findIndex((h) => String(h ?? "").trim() === e.where.column);
    const f = formulas.find((x) => x.row === e.where.row && x.column === j);
    if (f)
      msg = msg.replace(
        /the cell is empty.*$/,
        `the cell holds a formula (=${f.formula}) with no saved value (the file was written by a program that does not compute formulas); open it in Excel and save it, or paste the values`,
      );
  }
  const arg = e.where.argument;
  if (arg !== undefined && DATA_ARGUMENTS.has(arg) && !msg.includes(file) && !msg.includes(path.basename(file))) return `${file}: ${msg}`;
  if (arg === "roles" && rolesFile !== undefined && !msg.includes(rolesFile)) return `${rolesFile}: ${msg}`;
  return msg;
}

if (require.main === module) {
  quietOnClosedStdout();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
