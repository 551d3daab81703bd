/**
 * The command line's spatial weights: --weights china-provinces / china-provinces-island, a
 * matrix CSV, a GeoDa GAL file, the roles file's "weights" (relative to the roles file),
 * knn:K / band:D with --coords lon,lat taken from the data; the JSON's spatial key and the
 * workbook's sheet; the messages (a missing file, no coordinates, an unknown unit, an isolate)
 * with exit code 1 and no report left behind — in-process, and once through a child process.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { CHINA_PROVINCES } from "../../src/engine/spatial/presets/chinaProvincesData";
import { chinaProvincesWeights } from "../../src/engine/spatial/presets/chinaProvinces";
import { knnWeights } from "../../src/engine/spatial/distance";
import { moranI } from "../../src/engine/spatial/moran";
import { transformWeights } from "../../src/engine/spatial/weights";
import { runCli } from "../helpers";

const ROOT = path.join(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "samples", "sample-panel.csv");
const ROLES = path.join(ROOT, "samples", "sample-panel.roles.json");
const PRESET_CSV = path.join(ROOT, "assets", "presets", "china-provinces", "china-provinces-W-queen-hainan-guangdong.csv");

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-spatial-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

type Json = any;
const run = (args: string[]) => runCli(main, args);
async function report(extra: string[], roles = ROLES, data = SAMPLE): Promise<{ code: number; out: string; err: string; json: Json }> {
  const json = path.join(dir, "r.json");
  const r = await run([data, "--roles", roles, "--out", path.join(dir, "r.xlsx"), "--json", json, "--quiet", "--permutations", "99", ...extra]);
  return { ...r, json: r.code === 0 ? JSON.parse(fs.readFileSync(json, "utf8")) : null };
}
const moranByPeriod = (j: Json) => j.spatial.global.map((g: Json) => g.I);

describe("--weights", () => {
  test("--help documents the weights flag, the presets and the builders", async () => {
    const r = await run(["--help"]);
    for (const t of [
      "--weights FILE",
      "china-provinces-island",
      "knn:6 --coords lon,lat",
      "band:500",
      "idw:1",
      "--weightsTransform row|binary|none",
      "--permutations",
      "--seed",
    ])
      expect(r.out).toContain(t);
  });

  test("china-provinces: the spatial key in the JSON and the sheet in the workbook", async () => {
    const r = await report(["--weights", "china-provinces"]);
    expect(r.code).toBe(0);
    expect(r.json.spatial.weights.n).toBe(31);
    expect(r.json.spatial.global).toHaveLength(10);
    expect(r.json.spatial.local).toHaveLength(310);
    // the report's I is the engine's on the report's own D
    const D2011 = r.json.observations.filter((o: Json) => o.period === "2011").map((o: Json) => o.D);
    const W = transformWeights(chinaProvincesWeights(), "row");
    expect(r.json.spatial.global[0].I).toBeCloseTo(moranI(D2011, W, { permutations: 0 }).I, 12);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "r.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toContain("Spatial autocorrelation");
    expect(r.out).toMatch(/Global Moran's I of D is significant/);
  });

  test("a matrix CSV file and a GAL file give the preset's numbers; --weightsTransform binary changes them", async () => {
    const preset = moranByPeriod((await report(["--weights", "china-provinces"])).json);
    const csv = path.join(dir, "W.csv");
    fs.copyFileSync(PRESET_CSV, csv);
    const fromCsv = await report(["--weights", csv]);
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.json.spatial.weights.source).toBe("W.csv");
    expect(moranByPeriod(fromCsv.json)).toEqual(preset);
    const W = chinaProvincesWeights();
    const gal = ["0 31 china NAME"];
    W.labels.forEach((l, i) => {
      const nb = Array.from(W.neighbours.subarray(W.offsets[i], W.offsets[i + 1])).map((j) => W.labels[j].replace(" ", "_"));
      gal.push(`${l.replace(" ", "_")} ${nb.length}`, nb.join(" "));
    });
    // GAL ids have no spaces: the data's "Nei Mongolia" is written Nei_Mongolia here, so rename it in a copy of the data
    fs.writeFileSync(path.join(dir, "china.gal"), gal.join("\n"));
    const data = path.join(dir, "panel.csv");
    fs.writeFileSync(data, fs.readFileSync(SAMPLE, "utf8").replace(/^Nei Mongolia,/gm, "Nei_Mongolia,"));
    const fromGal = await report(["--weights", path.join(dir, "china.gal")], ROLES, data);
    expect(fromGal.code).toBe(0);
    expect(moranByPeriod(fromGal.json)).toEqual(preset);
    const binary = await report(["--weights", "china-provinces", "--weightsTransform", "binary"]);
    expect(binary.json.spatial.weights.transform).toBe("binary");
    expect(moranByPeriod(binary.json)[0]).not.toBeCloseTo(preset[0], 6);
  });

  test('the roles file\'s "weights", relative to the roles file', async () => {
    fs.copyFileSync(PRESET_CSV, path.join(dir, "W.csv"));
    const roles = path.join(dir, "roles.json");
    fs.writeFileSync(roles, JSON.stringify({ ...JSON.parse(fs.readFileSync(ROLES, "utf8")), weights: "W.csv" }));
    const r = await report([], roles);
    expect(r.code).toBe(0);
    expect(r.json.spatial.weights.source).toBe("W.csv");
  });

  test("knn:4 and band:600 from lon/lat columns of the data (--coords lon,lat)", async () => {
    const lines = fs.readFileSync(SAMPLE, "utf8").trim().split(/\r?\n/);
    const at = new Map(CHINA_PROVINCES.map((p) => [p.name, p]));
    const data = path.join(dir, "panel-lonlat.csv");
    fs.writeFileSync(
      data,
      [
        lines[0] + ",lon,lat",
        ...lines.slice(1).map((l) => {
          const p = at.get(l.split(",")[0])!;
          return `${l},${p.lon},${p.lat}`;
        }),
      ].join("\n"),
    );
    const r = await report(["--weights", "knn:4", "--coords", "lon,lat"], ROLES, data);
    expect(r.code).toBe(0);
    expect(r.json.spatial.weights.source).toBe("knn:4 (great-circle km), from columns lon, lat");
    expect(r.json.spatial.weights.meanNeighbours).toBe(4);
    const W = transformWeights(
      knnWeights(
        CHINA_PROVINCES.map((p) => p.name),
        { x: CHINA_PROVINCES.map((p) => p.lon), y: CHINA_PROVINCES.map((p) => p.lat) },
        { k: 4 },
      ),
      "row",
    );
    const D2020 = r.json.observations.filter((o: Json) => o.period === "2020").map((o: Json) => o.D);
    expect(r.json.spatial.global[9].I).toBeCloseTo(moranI(D2020, W, { permutations: 0 }).I, 12);
    const band = await report(["--weights", "band:600", "--coords", "lon,lat", "--zeroPolicy", "true"], ROLES, data);
    expect(band.code).toBe(0);
    expect(band.json.spatial.weights.isolates).toContain("Xinjiang");
    const noCoords = await report(["--weights", "knn:4"], ROLES, data);
    expect(noCoords.code).toBe(1);
    expect(noCoords.err).toContain("--weights knn:4 builds the weights from coordinates: give their two columns, e.g. --coords lon,lat");
  });

  test("bad weights: one message, exit 1, no report file", async () => {
    const missing = await report(["--weights", path.join(dir, "nope.csv")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("cannot read the weights file");
    const edges = path.join(dir, "edges.csv");
    fs.writeFileSync(edges, "from,to\nBeijing,Tianjin\nBeijing,Atlantis\n");
    const unknown = await report(["--weights", edges]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("the weights' unit 'Atlantis' is not in the data");
    const bad = await report(["--weights", "knn:zero"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("weights 'knn:zero': k must be a whole number ≥ 1, e.g. knn:6");
    expect(fs.existsSync(path.join(dir, "r.xlsx"))).toBe(false);
  });
});

describe("through a child process", () => {
  test("china-provinces-island without the zero policy: exit 1 naming Hainan", async () => {
    const tsNode = require.resolve("ts-node/dist/bin.js");
    const out = path.join(dir, "r.xlsx");
    const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          tsNode,
          "--transpile-only",
          path.join(ROOT, "src", "cli", "main.ts"),
          SAMPLE,
          "--roles",
          ROLES,
          "--out",
          out,
          "--weights",
          "china-provinces-island",
          "--quiet",
        ],
        { cwd: ROOT },
        (err, _stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("coordlab: weights: unit 'Hainan' has no neighbours (an isolate)");
    expect(fs.existsSync(out)).toBe(false);
  });
});
