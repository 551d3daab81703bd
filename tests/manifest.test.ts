/**
 * manifest.xml: the offline structural checker (scripts/validate-manifest.ts) accepts the real
 * manifest and rejects broken ones with specific messages; the manifest declares what the
 * add-in needs (shared runtime, COORD functions, Home tab button, icons, zh-CN metadata).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { parseXml, pngSize, validateFunctionsMetadata, validateManifest, XmlElement, XmlSyntaxError, ValidateOptions } from "../scripts/validate-manifest";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
const MANIFEST = fs.readFileSync(MANIFEST_PATH, "utf8");
const ZH_PATH = path.join(ROOT, "src", "functions", "functions.zh-CN.json");
const ZH = fs.readFileSync(ZH_PATH, "utf8");

/** Files behind https://localhost:3000/...: assets/ from the tree, built files assumed present. */
const sourceFiles: ValidateOptions["files"] = {
  exists: (rel) => (rel.startsWith("assets/") ? fs.existsSync(path.join(ROOT, rel)) : undefined),
  readFile: (rel) => (rel.startsWith("assets/") && fs.existsSync(path.join(ROOT, rel)) ? fs.readFileSync(path.join(ROOT, rel)) : undefined),
};

let english = "";
beforeAll(async () => {
  const gen = await generateCustomFunctionsMetadata(path.join(ROOT, "src", "functions", "functions.ts"));
  expect(gen.errors).toEqual([]);
  english = gen.metadataJson;
});

/** Replace exactly one occurrence (fails loudly when the fixture text has drifted). */
function mutate(xml: string, from: string | RegExp, to: string): string {
  const count = typeof from === "string" ? xml.split(from).length - 1 : (xml.match(new RegExp(from.source, "g")) ?? []).length;
  if (count !== 1) throw new Error(`expected one occurrence of ${String(from)}, found ${count}`);
  return xml.replace(from, to);
}

const errorsOf = (xml: string, options: ValidateOptions = {}) => validateManifest(xml, options).errors;

function find(el: XmlElement, pred: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    if (pred(e)) out.push(e);
    e.children.forEach(visit);
  };
  visit(el);
  return out;
}

describe("the real manifest", () => {
  test("passes the offline check with the generated metadata, zh-CN metadata and the asset files", () => {
    const result = validateManifest(MANIFEST, { functions: english, localizedFunctions: { "zh-CN": ZH }, files: sourceFiles });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  test("is read by office-addin-manifest's own (offline) parser", () => {
    // In a child process: office-addin-manifest pulls in an ES module that Jest cannot require.
    const script =
      'require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1])' +
      ".then((m) => process.stdout.write(JSON.stringify(m)), (e) => { console.error(e.message); process.exit(1); });";
    const info = JSON.parse(execFileSync(process.execPath, ["-e", script, MANIFEST_PATH], { cwd: ROOT, encoding: "utf8" })) as {
      officeAppType?: string;
      hosts?: string[];
      permissions?: string;
      id?: string;
      defaultSettings?: { sourceLocation?: string };
      supportUrl?: string;
    };
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(info.defaultSettings?.sourceLocation).toBe("https://localhost:3000/taskpane.html");
    expect(info.supportUrl).toMatch(/^https:\/\//);
  });

  test("declares a long-lived shared runtime used by the functions page and the taskpane", () => {
    const root = parseXml(MANIFEST);
    const runtime = find(root, (e) => e.local === "Runtime");
    expect(runtime).toHaveLength(1);
    expect(runtime[0].attrs).toMatchObject({ resid: "Taskpane.Url", lifetime: "long" });
    const sets = find(root, (e) => e.local === "Set").map((s) => `${s.attrs.Name} ${s.attrs.MinVersion}`);
    expect(sets).toEqual(expect.arrayContaining(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.1"]));
    const cf = find(root, (e) => e.local === "ExtensionPoint" && e.attrs["xsi:type"] === "CustomFunctions")[0];
    const sourceOf = (part: string) => cf.children.find((c) => c.local === part)!.children[0].attrs.resid;
    expect(sourceOf("Page")).toBe("Taskpane.Url");
    expect(sourceOf("Script")).toBe("Functions.Script.Url");
    expect(sourceOf("Metadata")).toBe("Functions.Metadata.Url");
  });

  test("has a CoordLab button on the Home tab that opens the taskpane", () => {
    const root = parseXml(MANIFEST);
    const tab = find(root, (e) => e.local === "OfficeTab")[0];
    expect(tab.attrs.id).toBe("TabHome");
    const button = find(tab, (e) => e.local === "Control" && e.attrs["xsi:type"] === "Button")[0];
    const action = find(button, (e) => e.local === "Action")[0];
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(MANIFEST).toMatch(/<bt:String id="TaskpaneButton.Label" DefaultValue="CoordLab"/);
    expect(MANIFEST).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="COORD"\/>/);
  });

  test("points the zh-CN locale at functions.zh-CN.json", () => {
    expect(MANIFEST).toContain('<bt:Override Locale="zh-CN" Value="https://localhost:3000/functions.zh-CN.json"/>');
  });

  test("icons are real PNGs of 16, 32, 64 and 80 px", () => {
    for (const size of [16, 32, 64, 80]) {
      const buf = fs.readFileSync(path.join(ROOT, "assets", `icon-${size}.png`));
      expect(pngSize(buf)).toEqual({ width: size, height: size });
    }
  });
});

describe("broken manifests are rejected with specific messages", () => {
  test("a missing resource: unresolved resid", () => {
    const xml = mutate(MANIFEST, /\s*<bt:Image id="Icon.80x80"[^>]*\/>/, "");
    const errors = errorsOf(xml);
    expect(errors).toContainEqual(expect.stringMatching(/^Unresolved resid "Icon.80x80" on <bt:Image> \(line \d+\): no bt:Images resource with that id$/));
    expect(errors.filter((e) => e.startsWith('Unresolved resid "Icon.80x80"'))).toHaveLength(2); // group icon and button icon
  });

  test("a resid of the wrong kind", () => {
    const xml = mutate(MANIFEST, '<Label resid="CommandsGroup.Label"/>', '<Label resid="Taskpane.Url"/>');
    expect(errorsOf(xml)).toContainEqual(
      expect.stringMatching(/^resid "Taskpane.Url" on <Label> \(line \d+\) refers to a bt:Urls resource; expected bt:ShortStrings$/),
    );
  });

  test("an http URL", () => {
    const xml = mutate(
      MANIFEST,
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
      '<bt:Url id="Taskpane.Url" DefaultValue="http://localhost:3000/taskpane.html"/>',
    );
    expect(errorsOf(xml)).toContainEqual(
      expect.stringMatching(/^URL is not https: "http:\/\/localhost:3000\/taskpane.html" \(DefaultValue of <bt:Url id="Taskpane.Url"> \(line \d+\)\)$/),
    );
  });

  test("a relative URL where an absolute https URL is needed", () => {
    const xml = mutate(
      MANIFEST,
      '<SupportUrl DefaultValue="https://localhost:3000/assets/help/index.html"/>',
      '<SupportUrl DefaultValue="assets/help/index.html"/>',
    );
    expect(errorsOf(xml)).toContainEqual(expect.stringMatching(/^URL is not https: "assets\/help\/index.html" \(DefaultValue of <SupportUrl>/));
  });

  test("an http URL in element text", () => {
    const xml = mutate(
      MANIFEST,
      '<Hosts>\n    <Host Name="Workbook"/>',
      '<AppDomains><AppDomain>http://example.com</AppDomain></AppDomains>\n  <Hosts>\n    <Host Name="Workbook"/>',
    );
    expect(errorsOf(xml)).toContainEqual(expect.stringMatching(/^URL is not https: "http:\/\/example.com" \(text of <AppDomain>/));
  });

  test("a bad GUID", () => {
    const xml = mutate(MANIFEST, /<Id>[^<]*<\/Id>/, "<Id>not-a-guid</Id>");
    expect(errorsOf(xml)).toContain('<Id> is not a GUID: "not-a-guid"');
  });

  test("not well-formed XML, with line and column", () => {
    const xml = mutate(MANIFEST, "</Permissions>", "</Permission>");
    const errors = errorsOf(xml);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^XML is not well-formed: <\/Permission> does not match <Permissions> opened at line \d+ at line \d+, column \d+$/);
    const line = MANIFEST.split("\n").findIndex((l) => l.includes("</Permissions>")) + 1;
    expect(errors[0]).toContain(`at line ${line}, column`);
  });

  test("a wrong custom functions namespace", () => {
    const xml = mutate(MANIFEST, 'DefaultValue="COORD"', 'DefaultValue="CONTOSO"');
    expect(errorsOf(xml)).toContain('CustomFunctions namespace is "CONTOSO"; expected "COORD"');
  });

  test("a runtime that is not long-lived, and a functions page outside the shared runtime", () => {
    let xml = mutate(MANIFEST, 'lifetime="long"', 'lifetime="short"');
    xml = mutate(xml, '<Page>\n              <SourceLocation resid="Taskpane.Url"/>', '<Page>\n              <SourceLocation resid="Functions.Page.Url"/>');
    xml = mutate(xml, "<bt:Urls>", '<bt:Urls>\n        <bt:Url id="Functions.Page.Url" DefaultValue="https://localhost:3000/functions.html"/>');
    const errors = errorsOf(xml);
    expect(errors).toContainEqual(expect.stringMatching(/^Shared runtime: <Runtime> \(line \d+\) must have lifetime="long"$/));
    expect(errors).toContain(
      'Shared runtime: the CustomFunctions <Page> uses resid "Functions.Page.Url" but the <Runtime> uses "Taskpane.Url"; they must be the same',
    );
  });

  test("a missing requirement set", () => {
    const xml = mutate(MANIFEST, /\s*<Set Name="SharedRuntime" MinVersion="1.1"\/>/, "");
    expect(errorsOf(xml)).toContain("Requirement set SharedRuntime 1.1 is missing from <Requirements><Sets>");
  });

  test("top-level elements out of schema order", () => {
    const permissions = "\n  <Permissions>ReadWriteDocument</Permissions>";
    let xml = mutate(MANIFEST, permissions, "");
    xml = mutate(xml, "\n  <Hosts>\n    <Host Name", `${permissions}\n  <Hosts>\n    <Host Name`);
    expect(errorsOf(xml)).toContainEqual(expect.stringMatching(/^<Hosts> \(line \d+\) must come before <Permissions>/));
  });

  test("an invalid Permissions value and a duplicate resource id", () => {
    let xml = mutate(MANIFEST, "<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>");
    xml = mutate(xml, '<bt:String id="CommandsGroup.Label"', '<bt:String id="GetStarted.Title"');
    const errors = errorsOf(xml);
    expect(errors).toContain('<Permissions> must be one of Restricted, ReadDocument, ReadAllDocument, WriteDocument, ReadWriteDocument: "Everything"');
    expect(errors).toContainEqual(expect.stringMatching(/^Duplicate resource id "GetStarted.Title"/));
  });

  test("an icon file that is missing, or of the wrong size", () => {
    const missing = errorsOf(MANIFEST, { files: { exists: (rel) => rel !== "assets/icon-80.png" } });
    expect(missing).toContain("File not found for https://localhost:3000/assets/icon-80.png: assets/icon-80.png");
    const xml = mutate(
      MANIFEST,
      '<bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"/>',
      '<bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
    );
    expect(errorsOf(xml, { files: sourceFiles })).toContainEqual(
      expect.stringMatching(/^assets\/icon-32.png is 32x32 px; <bt:Image size="16"> \(line \d+\) needs 16x16$/),
    );
  });
});

describe("custom functions metadata checks", () => {
  const meta = (fns: Array<{ id: string; name?: string; parameters?: unknown[] }>) =>
    JSON.stringify({ functions: fns.map((f) => ({ name: f.id, parameters: [], result: { type: "number" }, ...f })) });

  test("duplicate ids are reported", () => {
    const errors = errorsOf(MANIFEST, { functions: meta([{ id: "CCD" }, { id: "CCD", name: "CCD2" }]) });
    expect(errors).toContain('Duplicate function id in functions.json: "CCD"');
  });

  test("zh-CN ids must equal the English ids", () => {
    const en = meta([{ id: "CCD" }, { id: "GEOQ" }]);
    const zh = meta([{ id: "CCD" }, { id: "GEODETECTOR" }]);
    expect(errorsOf(MANIFEST, { functions: en, localizedFunctions: { "zh-CN": zh } })).toContain(
      "functions.zh-CN.json ids differ from functions.json: missing [GEOQ], extra [GEODETECTOR]",
    );
  });

  test("zh-CN parameters must match in number and type", () => {
    const p = (type: string) => ({ name: "x", description: "x", type, dimensionality: "matrix" });
    const en = meta([{ id: "CCD", parameters: [p("number"), p("string")] }]);
    const fewer = meta([{ id: "CCD", parameters: [p("number")] }]);
    const retyped = meta([{ id: "CCD", parameters: [p("number"), p("number")] }]);
    expect(validateFunctionsMetadata(en, { "zh-CN": fewer }).errors).toContain("functions.zh-CN.json: CCD has 1 parameters; functions.json has 2");
    expect(validateFunctionsMetadata(en, { "zh-CN": retyped }).errors).toContain(
      'functions.zh-CN.json: CCD parameter 2 has type "number"; functions.json has "string"',
    );
  });

  test("a helpUrl must be https and its page must exist", () => {
    const en = JSON.stringify({ functions: [{ id: "CCD", name: "CCD", helpUrl: "http://localhost:3000/assets/help/ccd.html" }] });
    expect(errorsOf(MANIFEST, { functions: en })).toContain(
      'URL is not https: "http://localhost:3000/assets/help/ccd.html" (helpUrl of CCD in functions.json)',
    );
    const missing = JSON.stringify({ functions: [{ id: "NOPE", name: "NOPE", helpUrl: "https://localhost:3000/assets/help/nope.html" }] });
    expect(errorsOf(MANIFEST, { functions: missing, files: sourceFiles })).toContain("File not found for the helpUrl of NOPE: assets/help/nope.html");
  });

  test("invalid JSON is reported, not thrown", () => {
    expect(errorsOf(MANIFEST, { functions: "{ nope" })[0]).toMatch(/^functions.json is not valid JSON: /);
  });

  test("a manifest locale without metadata to check is a warning", () => {
    const result = validateManifest(MANIFEST, { functions: english });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toContain("The manifest has zh-CN custom functions metadata, but none was given to check");
  });
});

describe("the XML parser", () => {
  test("decodes entities, keeps namespaces and positions", () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!-- c -->\n<a xmlns="urn:a" xmlns:b="urn:b" b:x="1 &amp; 2">\n  <b:c>&lt;&#65;&#x42;&gt;<![CDATA[<raw>]]></b:c>\n</a>\n',
    );
    expect(root).toMatchObject({ local: "a", ns: "urn:a", line: 3, column: 1 });
    expect(root.attrs["b:x"]).toBe("1 & 2");
    expect(root.children[0]).toMatchObject({ name: "b:c", local: "c", ns: "urn:b", text: "<AB><raw>", line: 4, column: 3 });
  });

  test.each([
    ["<a><b></a>", /^<\/a> does not match <b> opened at line 1/],
    ["<a x='1' x='2'/>", /^duplicate attribute x/],
    ["<a>&nbsp;</a>", /^undefined entity &nbsp;/],
    ["<a>AT&T</a>", /^'&' must start an entity reference/],
    ["<p:a/>", /^namespace prefix "p" is not declared/],
    ["<a/><b/>", /^more than one root element/],
    ["<a x=1/>", /^the value of attribute x must be quoted/],
    ["<a><!-- x -- y --></a>", /^'--' is not allowed inside a comment/],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a/>', /^a DOCTYPE is not allowed/],
    ["<a>", /^<a> \(line 1\) is not closed/],
    ["", /^no root element/],
    ["<a>\u0001</a>", /^illegal character U\+0001/],
  ])("rejects %j", (xml, message) => {
    let error: unknown;
    try {
      parseXml(xml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlSyntaxError);
    expect((error as XmlSyntaxError).reason).toMatch(message);
  });

  test("reports the line and column of the error", () => {
    try {
      parseXml("<a>\n  <b>\n  </c>\n</a>");
      throw new Error("should not parse");
    } catch (e) {
      expect(e).toBeInstanceOf(XmlSyntaxError);
      expect((e as XmlSyntaxError).line).toBe(3);
      expect((e as XmlSyntaxError).column).toBe(3);
    }
  });
});
