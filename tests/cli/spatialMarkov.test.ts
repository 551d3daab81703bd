/**
 * The spatial Markov chain from the command line (in-process): `--weights china-provinces` on the
 * sample panel; the JSON's spatialMarkov against the engine run on an independent D (the sample
 * panel's indices recomputed in tests/engine/inequality/samplePanel.ts) and an independent lag
 * (the dense 0/1 queen matrix of ../shared/data, row-standardised): lag 1e-12, class ids and
 * conditional counts exact, Q and LR 1e-12; the workbook's Transitions sheet and the headline.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { denseSpatialLag, spatialMarkov } from "../../src/engine/inequality";
import { runCli } from "../helpers";
import { chinaW, describeRef, expectMatrixClose } from "../engine/inequality/reference";
import { samplePanelIndices } from "../engine/inequality/samplePanel";

const ROOT = path.join(__dirname, "..", "..");
type Json = any;

describeRef("cli/spatialMarkov.test")("--weights china-provinces: the spatial Markov chain in the JSON and the workbook", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "coordlab-smarkov-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the JSON equals the engine on an independent D and lag; the sheet and the headline", async () => {
    const json = path.join(dir, "r.json");
    const out = path.join(dir, "r.xlsx");
    const args = [path.join(ROOT, "samples", "sample-panel.csv"), "--roles", path.join(ROOT, "samples", "sample-panel.roles.json")];
    const r = await runCli(main, [
      ...args,
      "--out",
      out,
      "--json",
      json,
      "--quiet",
      "--weights",
      "china-provinces",
      "--permutations",
      "0",
      "--markovLagClasses",
      "same",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const s = (JSON.parse(fs.readFileSync(json, "utf8")) as Json).spatialMarkov;
    const ind = samplePanelIndices();
    const { names, W } = chinaW();
    const order = ind.units.map((u) => names.indexOf(u));
    expect(order.every((i) => i >= 0)).toBe(true);
    const Wp = order.map((i) => order.map((j) => W[i][j]));
    const lag = denseSpatialLag(Wp, ind.D, { names: ind.units });
    const e = spatialMarkov(ind.D, lag, { classes: { kind: "quantile", k: 4 }, lagClasses: "same" });
    expect(s.units).toEqual(ind.units);
    expectMatrixClose(s.lag, lag, 1e-12, "lag");
    expect(s.lagClassIds).toEqual(e.lagClasses.ids);
    expect(s.byLag.map((b: Json) => b.counts)).toEqual(e.byLag.map((b) => b.counts));
    expect(Math.abs(s.homogeneity.Q - e.homogeneity.Q)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(s.homogeneity.LR - e.homogeneity.LR)).toBeLessThanOrEqual(1e-12);
    expect(s.homogeneity.dof).toBe(e.homogeneity.dof);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cells: string[] = [];
    wb.getWorksheet("Transitions")!.eachRow((row) => cells.push((row.values as unknown[]).slice(1).map(String).join(" | ")));
    expect(cells.some((c) => c.startsWith("Spatial Markov transition probability matrices of D"))).toBe(true);
    expect(cells.some((c) => c.startsWith("Homogeneity tests of the spatial Markov chain"))).toBe(true);
    expect(r.out).toMatch(/Spatial Markov chain: .*Q = \d+\.\d\d, dof \d+/);
  });
});
