/**
 * The custom functions metadata, generated from the JSDoc of src/functions/functions.ts with the
 * same generator custom-functions-metadata-plugin uses in the webpack build (but without
 * webpack, so it is fast), and its zh-CN translation. The checks loop over all functions, so
 * they keep holding as functions are added: every function documented (description, helpUrl,
 * parameter descriptions), ids unique, a help page behind every helpUrl, and the zh-CN file
 * declaring exactly the same functions with the same parameters.
 */
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { validateFunctionsMetadata, type FunctionsMetadata } from "../../scripts/validate-manifest";

const ROOT = path.resolve(__dirname, "..", "..");
const SOURCE = path.join(ROOT, "src", "functions", "functions.ts");
const ZH_PATH = path.join(ROOT, "src", "functions", "functions.zh-CN.json");
const HELP_DIR = path.join(ROOT, "assets", "help");
const HELP_BASE = "https://localhost:3000/assets/help/";

/** The functions the help pages document ahead of their implementation. */
const PLANNED = [
  "ENTROPYWEIGHT",
  "CRITICWEIGHT",
  "STANDARDIZE",
  "COMPOSITE",
  "CCD",
  "CCDGRADE",
  "GEOQ",
  "GEODETECTOR",
  "DISCRETIZE",
  "BREAKS",
  "KDENSITY",
  "HAKENFIT",
  "MORANI",
  "LISA",
  "GISTAR",
  "SPATIALLAG",
];

let metadataJson = "";
let errors: string[] = [];
let en: FunctionsMetadata = { functions: [] };
const zh = JSON.parse(fs.readFileSync(ZH_PATH, "utf8")) as FunctionsMetadata;

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE, false);
  errors = result.errors;
  metadataJson = result.metadataJson;
  if (metadataJson) en = JSON.parse(metadataJson) as FunctionsMetadata;
});

describe("functions.json generated from src/functions/functions.ts", () => {
  test("generates without errors and declares at least one function", () => {
    expect(errors).toEqual([]);
    expect(en.functions.length).toBeGreaterThan(0);
    expect(en.functions.map((f) => f.id)).toContain("VERSION");
  });

  test("every function has an id, a name, a description and a helpUrl", () => {
    for (const f of en.functions) {
      const where = `function ${f.id ?? "(no id)"}`;
      expect({ where, id: typeof f.id === "string" && /^[A-Z0-9._]+$/.test(f.id) }).toEqual({ where, id: true });
      expect({ where, name: typeof f.name === "string" && f.name.length > 0 }).toEqual({ where, name: true });
      expect({ where, description: (f.description ?? "").trim().length > 0 }).toEqual({ where, description: true });
      expect({ where, helpUrl: f.helpUrl }).toEqual({ where, helpUrl: expect.stringMatching(/^https:\/\/localhost:3000\/assets\/help\/[a-z0-9-]+\.html(#[\w-]+)?$/) });
    }
  });

  test("every parameter has a description", () => {
    for (const f of en.functions) {
      for (const p of f.parameters ?? []) {
        const where = `${f.id}(${p.name})`;
        expect({ where, description: (p.description ?? "").trim().length > 0 }).toEqual({ where, description: true });
      }
    }
  });

  test("ids and names are unique", () => {
    const ids = en.functions.map((f) => f.id.toUpperCase());
    const names = en.functions.map((f) => f.name.toUpperCase());
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test("every helpUrl has its page in assets/help", () => {
    for (const f of en.functions) {
      const rel = (f.helpUrl ?? "").slice(HELP_BASE.length).replace(/#.*$/, "");
      const where = `${f.id} -> assets/help/${rel}`;
      expect({ where, exists: fs.existsSync(path.join(HELP_DIR, rel)) }).toEqual({ where, exists: true });
    }
  });
});

describe("functions.zh-CN.json", () => {
  test("declares exactly the English ids", () => {
    const enIds = en.functions.map((f) => f.id).sort();
    const zhIds = zh.functions.map((f) => f.id).sort();
    expect(zhIds).toEqual(enIds);
  });

  test("has the same parameter count as the English metadata, function by function", () => {
    const counts = (m: FunctionsMetadata) => Object.fromEntries(m.functions.map((f) => [f.id, (f.parameters ?? []).length]));
    expect(counts(zh)).toEqual(counts(en));
  });

  test("matches parameter and result types, options and helpUrl (the offline validator agrees)", () => {
    expect(validateFunctionsMetadata(metadataJson, { "zh-CN": zh }).errors).toEqual([]);
    const helpEn = Object.fromEntries(en.functions.map((f) => [f.id, f.helpUrl]));
    const helpZh = Object.fromEntries(zh.functions.map((f) => [f.id, f.helpUrl]));
    expect(helpZh).toEqual(helpEn);
  });

  test("is translated: every description contains Chinese text, every parameter has a description", () => {
    const cjk = /[\u4e00-\u9fff]/;
    for (const f of zh.functions) {
      expect({ id: f.id, chinese: cjk.test(f.description ?? "") }).toEqual({ id: f.id, chinese: true });
      for (const p of f.parameters ?? []) {
        const where = `${f.id}(${p.name})`;
        expect({ where, description: (p.description ?? "").trim().length > 0 }).toEqual({ where, description: true });
      }
    }
  });
});

describe("help pages (assets/help)", () => {
  const pages = fs.readdirSync(HELP_DIR).filter((f) => f.endsWith(".html"));

  test("there is an index and a page per planned function", () => {
    expect(pages).toContain("index.html");
    for (const name of PLANNED) expect(pages).toContain(`${name.toLowerCase()}.html`);
    const index = fs.readFileSync(path.join(HELP_DIR, "index.html"), "utf8");
    for (const name of PLANNED) expect(index).toContain(`href="${name.toLowerCase()}.html"`);
  });

  test.each(fs.readdirSync(HELP_DIR).filter((f) => f.endsWith(".html")))("%s is static and self-contained", (page) => {
    const html = fs.readFileSync(path.join(HELP_DIR, page), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta charset="UTF-8" />');
    expect(html).toContain('<link rel="stylesheet" href="help.css" />');
    expect(html).not.toMatch(/<script|<iframe|<img|@import|url\(/i);
    // No request leaves the page: every src/href is relative (links to pages here).
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    for (const ref of refs) {
      expect({ page, ref, relative: !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(ref) }).toEqual({ page, ref, relative: true });
      const target = ref.replace(/#.*$/, "");
      if (target) expect({ page, ref, exists: fs.existsSync(path.join(HELP_DIR, target)) }).toEqual({ page, ref, exists: true });
    }
  });

  test("each function page has syntax, arguments, method and a worked example", () => {
    for (const name of PLANNED) {
      const html = fs.readFileSync(path.join(HELP_DIR, `${name.toLowerCase()}.html`), "utf8");
      expect(html).toContain(`=COORD.${name}(`);
      for (const section of ["Syntax", "Arguments", "Method", "Worked example"]) expect({ name, section, ok: html.includes(`<h2>${section}</h2>`) }).toEqual({ name, section, ok: true });
    }
  });
});
