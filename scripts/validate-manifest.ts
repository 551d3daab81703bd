/**
 * Offline structural check of manifest.xml (and of the custom functions metadata it points at).
 *
 * `office-addin-manifest validate` (npm run validate:online) sends the manifest to a Microsoft
 * web service; this script needs no network, so it runs in tests and CI. It checks what that
 * service would reject and what commonly breaks a shared-runtime add-in:
 *
 *  - the XML is well-formed, namespace prefixes declared (own small parser: no dependency);
 *  - <Id> is a GUID; required elements present and in schema order; valid <Permissions>;
 *  - every resid (bt:Image, bt:Url, bt:ShortString, bt:LongString) resolves to a resource of
 *    the right kind; resource ids unique and at most 32 characters; string lengths;
 *  - every URL is https;
 *  - the CustomFunctions extension point has Script, Page, Metadata and the namespace (COORD);
 *  - shared runtime: one <Runtime lifetime="long">, and the functions page, the taskpane and
 *    the FunctionFile all use its resid; requirement sets SharedRuntime and CustomFunctionsRuntime;
 *  - optionally: the files behind the URLs exist (PNG icons have the size they are used at);
 *  - optionally: functions.json ids are unique, and each localized metadata file (functions.zh-CN.json)
 *    has exactly the English ids with the same parameter count and types.
 *
 * Usage:
 *   npm run validate                                  manifest.xml; metadata generated from
 *                                                     src/functions/functions.ts (and dist/functions.json if built)
 *   npm run validate -- dist/manifest.xml --base https://coordlab.example.com/
 *   npm run validate -- manifest.xml --functions dist/functions.json --locale zh-CN=src/functions/functions.zh-CN.json
 * Exit code 1 when there are errors; warnings are printed but do not fail.
 */
import * as fs from "fs";
import * as path from "path";

// ---------------------------------------------------------------------------------------------
// A small, strict XML parser (elements, attributes, text, comments, CDATA, PIs; no DTDs).
// ---------------------------------------------------------------------------------------------

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  prefix: string;
  local: string;
  /** Resolved namespace URI ("" when none). */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside the element (entities decoded). */
  text: string;
  line: number;
  column: number;
  parent?: XmlElement;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = "XmlSyntaxError";
  }
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const NAME_START =
  "A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
const NAME_CHAR = NAME_START + "\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
const NCNAME = `[${NAME_START}][${NAME_CHAR}]*`;
// eslint-disable-next-line no-misleading-character-class -- XML 1.0 NameStartChar includes U+200C-U+200D (ZWNJ, ZWJ) as a range, on purpose
const QNAME_RE = new RegExp(`^${NCNAME}(?::${NCNAME})?`);
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Parse a whole XML document; throws XmlSyntaxError with line and column on the first error. */
export function parseXml(source: string): XmlElement {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  let pos = 0;

  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  /** 1-based line and column of an offset. */
  const where = (at: number): [number, number] => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, at - lineStarts[lo] + 1];
  };
  const fail = (reason: string, at = pos): never => {
    const [line, column] = where(at);
    throw new XmlSyntaxError(reason, line, column);
  };

  // eslint-disable-next-line no-control-regex -- finding the control characters XML 1.0 forbids is the point
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(text);
  if (bad) fail(`illegal character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`, bad.index);

  const startsWith = (s: string) => text.startsWith(s, pos);
  const skipSpace = () => {
    while (pos < text.length && /[ \t\r\n]/.test(text[pos])) pos++;
  };
  const readName = (): string => {
    const m = QNAME_RE.exec(text.slice(pos, pos + 200));
    if (!m) fail(text[pos] === undefined ? "unexpected end of document" : `expected a name, found '${text[pos]}'`);
    pos += m![0].length;
    return m![0];
  };

  /** Decode entity and character references in raw text; `at` is the offset of raw[0]. */
  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&<\s]*);?/g, (whole: string, ref: string, off: number) => {
      if (!whole.endsWith(";")) fail(`'&' must start an entity reference such as &amp;`, at + off);
      if (ref in PREDEFINED) return PREDEFINED[ref];
      const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
      if (!m) fail(`undefined entity &${ref};`, at + off);
      const cp = m![1] !== undefined ? parseInt(m![1], 16) : parseInt(m![2], 10);
      const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
      if (!ok) fail(`character reference &${ref}; is not a legal XML character`, at + off);
      return String.fromCodePoint(cp);
    });

  const skipComment = () => {
    const end = text.indexOf("-->", pos + 4);
    if (end < 0) fail("unterminated comment");
    const body = text.slice(pos + 4, end);
    if (body.includes("--") || body.endsWith("-")) fail("'--' is not allowed inside a comment");
    pos = end + 3;
  };
  const skipPI = () => {
    const start = pos;
    pos += 2;
    const target = readName();
    if (target.toLowerCase() === "xml") fail("the XML declaration is only allowed at the very start of the document", start);
    const end = text.indexOf("?>", pos);
    if (end < 0) fail("unterminated processing instruction", start);
    pos = end + 2;
  };
  /** Comments, PIs and white space between markup outside the root element. */
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (startsWith("<!--")) skipComment();
      else if (startsWith("<?")) skipPI();
      else return;
    }
  };

  if (startsWith("<?xml") && /[ \t\r\n?]/.test(text[5] ?? "")) {
    const end = text.indexOf("?>");
    if (end < 0) fail("unterminated XML declaration");
    const decl = text.slice(5, end);
    if (!/^\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(decl)) fail('the XML declaration needs version="1.x" first');
    const enc = /encoding\s*=\s*(["'])([^"']*)\1/.exec(decl);
    if (enc && !/^utf-?8$/i.test(enc[2])) fail(`encoding "${enc[2]}" is not supported (use UTF-8)`);
    pos = end + 2;
  }
  skipMisc();
  if (startsWith("<!DOCTYPE")) fail("a DOCTYPE is not allowed in a manifest");
  if (!startsWith("<")) fail(pos >= text.length ? "no root element" : "content before the root element");

  type Scope = Record<string, string>;
  const resolve = (qname: string, scope: Scope, isAttr: boolean, at: number): { prefix: string; local: string; ns: string } => {
    const i = qname.indexOf(":");
    if (i < 0) return { prefix: "", local: qname, ns: isAttr ? "" : (scope[""] ?? "") };
    const prefix = qname.slice(0, i);
    const local = qname.slice(i + 1);
    if (prefix === "xml") return { prefix, local, ns: XML_NS };
    const ns = scope[prefix];
    if (ns === undefined) fail(`namespace prefix "${prefix}" is not declared`, at);
    return { prefix, local, ns: ns! };
  };

  const parseElement = (parentScope: Scope, parent?: XmlElement): XmlElement => {
    const start = pos;
    pos++; // "<"
    const name = readName();
    const rawAttrs: Array<{ name: string; value: string; at: number }> = [];
    for (;;) {
      const before = pos;
      skipSpace();
      if (startsWith("/>") || startsWith(">")) break;
      if (pos === before) fail(`expected white space, '>' or '/>' in <${name}>`);
      const at = pos;
      const attrName = readName();
      skipSpace();
      if (text[pos] !== "=") fail(`attribute ${attrName} needs '=' and a quoted value`);
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail(`the value of attribute ${attrName} must be quoted`);
      const end = text.indexOf(quote, pos + 1);
      if (end < 0) fail(`unterminated value of attribute ${attrName}`);
      const raw = text.slice(pos + 1, end);
      const lt = raw.indexOf("<");
      if (lt >= 0) fail(`'<' is not allowed in the value of attribute ${attrName}`, pos + 1 + lt);
      if (rawAttrs.some((a) => a.name === attrName)) fail(`duplicate attribute ${attrName}`, at);
      // Attribute-value normalisation: literal white space characters become spaces.
      rawAttrs.push({ name: attrName, value: decode(raw, pos + 1).replace(/[\t\r\n]/g, " "), at });
      pos = end + 1;
    }

    const scope: Scope = { ...parentScope };
    for (const a of rawAttrs) {
      if (a.name === "xmlns") scope[""] = a.value;
      else if (a.name.startsWith("xmlns:")) {
        if (a.value === "") fail(`namespace prefix "${a.name.slice(6)}" cannot be undeclared in XML 1.0`, a.at);
        scope[a.name.slice(6)] = a.value;
      }
    }
    const attrs: Record<string, string> = {};
    const expanded = new Set<string>();
    for (const a of rawAttrs) {
      attrs[a.name] = a.value;
      if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue;
      const r = resolve(a.name, scope, true, a.at);
      const key = `{${r.ns}}${r.local}`;
      if (expanded.has(key)) fail(`duplicate attribute ${a.name} (same namespace and name)`, a.at);
      expanded.add(key);
    }
    const r = resolve(name, scope, false, start + 1);
    const [line, column] = where(start);
    const el: XmlElement = { name, prefix: r.prefix, local: r.local, ns: r.ns, attrs, children: [], text: "", line, column, parent };

    if (startsWith("/>")) {
      pos += 2;
      return el;
    }
    pos++; // ">"
    for (;;) {
      if (pos >= text.length) fail(`<${name}> (line ${line}) is not closed`);
      if (startsWith("</")) {
        const at = pos;
        pos += 2;
        const endName = readName();
        skipSpace();
        if (text[pos] !== ">") fail(`expected '>' to end </${endName}>`);
        if (endName !== name) fail(`</${endName}> does not match <${name}> opened at line ${line}`, at);
        pos++;
        return el;
      }
      if (startsWith("<!--")) skipComment();
      else if (startsWith("<![CDATA[")) {
        const end = text.indexOf("]]>", pos + 9);
        if (end < 0) fail("unterminated CDATA section");
        el.text += text.slice(pos + 9, end);
        pos = end + 3;
      } else if (startsWith("<?")) skipPI();
      else if (startsWith("<!")) fail("unexpected markup declaration inside an element");
      else if (text[pos] === "<") el.children.push(parseElement(scope, el));
      else {
        const next = text.indexOf("<", pos);
        const end = next < 0 ? text.length : next;
        const raw = text.slice(pos, end);
        const cdEnd = raw.indexOf("]]>");
        if (cdEnd >= 0) fail("']]>' is not allowed in text", pos + cdEnd);
        el.text += decode(raw, pos);
        pos = end;
      }
    }
  };

  const root = parseElement({ xml: XML_NS });
  skipMisc();
  if (pos < text.length) fail(startsWith("<") && !startsWith("<!") ? "more than one root element" : "content after the root element");
  return root;
}

// ---------------------------------------------------------------------------------------------
// Manifest and metadata checks
// ---------------------------------------------------------------------------------------------

export const NS_OFFICEAPP = "http://schemas.microsoft.com/office/appforoffice/1.1";
export const NS_BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
export const NS_OVERRIDES = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
export const NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";
export const DEV_BASE_URL = "https://localhost:3000/";

export interface FunctionParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters?: FunctionParameterMetadata[];
  result?: { type?: string; dimensionality?: string };
  options?: Record<string, unknown>;
}
export interface FunctionsMetadata {
  functions: FunctionMetadata[];
}
/** Metadata as JSON text or as the parsed object. */
export type MetadataInput = string | FunctionsMetadata;

export interface ValidateOptions {
  /** Expected custom functions namespace (default "COORD"). */
  namespace?: string;
  /** English custom functions metadata (functions.json). */
  functions?: MetadataInput;
  /** Localized metadata by locale, e.g. { "zh-CN": functions.zh-CN.json }. */
  localizedFunctions?: Record<string, MetadataInput>;
  /**
   * Check that the files behind the URLs under `baseUrl` exist: `exists` gets the path relative
   * to the base ("assets/icon-16.png"), returns true/false, or undefined for "cannot tell".
   * `readFile` (optional) gives PNG bytes so icon sizes can be checked.
   */
  files?: {
    baseUrl?: string;
    exists: (relativePath: string) => boolean | undefined;
    readFile?: (relativePath: string) => Buffer | undefined;
  };
}

export interface ValidationResult {
  errors: string[];
  warnings: string[];
}

const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];
/** Schema order of the children of <OfficeApp xsi:type="TaskPaneApp">. */
const OFFICEAPP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "AllowSnapshot",
  "Dictionary",
  "VersionOverrides",
  "ExtendedOverrides",
];
const REQUIRED_TOP = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "SupportUrl",
  "Hosts",
  "DefaultSettings",
  "Permissions",
];

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
const RESOURCE_ELEMENT: Record<ResourceKind, string> = { Images: "Image", Urls: "Url", ShortStrings: "String", LongStrings: "String" };
/** Which resource kind a resid on an element of this local name must point at. */
const RESID_KIND: Record<string, ResourceKind> = {
  Image: "Images",
  SourceLocation: "Urls",
  Runtime: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};
const MAX_LENGTH: Partial<Record<ResourceKind, number>> = { ShortStrings: 125, LongStrings: 250, Urls: 2048, Images: 2048 };

function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}
const child = (el: XmlElement | undefined, local: string) => el?.children.find((c) => c.local === local);
const childrenNamed = (el: XmlElement | undefined, local: string) => (el ? el.children.filter((c) => c.local === local) : []);
const xsiType = (el: XmlElement): string | undefined => {
  for (const [k, v] of Object.entries(el.attrs)) if (k === "xsi:type" || k.endsWith(":type")) return v;
  return undefined;
};
const describe = (el: XmlElement): string => {
  const id = el.attrs.id !== undefined ? ` id="${el.attrs.id}"` : "";
  return `<${el.name}${id}> (line ${el.line})`;
};
const isHttps = (u: string) => /^https:\/\/[^\s/?#]+/i.test(u);
const looksLikeUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s.trim());

function parseMetadata(input: MetadataInput, label: string, errors: string[]): FunctionsMetadata | undefined {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (e) {
      errors.push(`${label} is not valid JSON: ${(e as Error).message}`);
      return undefined;
    }
  }
  const fns = (value as FunctionsMetadata | null)?.functions;
  if (!Array.isArray(fns)) {
    errors.push(`${label} has no "functions" array`);
    return undefined;
  }
  return value as FunctionsMetadata;
}

/**
 * Check English metadata (ids present, well formed and unique, names unique, helpUrl https)
 * and that each localized file declares exactly the same functions with the same parameters.
 */
export function validateFunctionsMetadata(
  english: MetadataInput,
  localized: Record<string, MetadataInput> = {},
  englishLabel = "functions.json",
): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const en = parseMetadata(english, englishLabel, errors);
  if (!en) return { errors, warnings };
  if (en.functions.length === 0) errors.push(`${englishLabel} declares no functions`);

  const checkOne = (meta: FunctionsMetadata, label: string) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    meta.functions.forEach((f, i) => {
      if (!f || typeof f.id !== "string" || f.id === "") {
        errors.push(`${label}: function #${i + 1} has no id`);
        return;
      }
      if (!/^[A-Za-z0-9._]+$/.test(f.id)) errors.push(`${label}: function id "${f.id}" may only contain letters, digits, '.' and '_'`);
      const idKey = f.id.toUpperCase();
      if (ids.has(idKey)) errors.push(`Duplicate function id in ${label}: "${f.id}"`);
      ids.add(idKey);
      if (typeof f.name !== "string" || f.name === "") errors.push(`${label}: function "${f.id}" has no name`);
      else {
        const nameKey = f.name.toUpperCase();
        if (names.has(nameKey)) errors.push(`Duplicate function name in ${label}: "${f.name}"`);
        names.add(nameKey);
      }
      if (f.helpUrl !== undefined && !isHttps(f.helpUrl)) errors.push(`URL is not https: "${f.helpUrl}" (helpUrl of ${f.id} in ${label})`);
    });
  };
  checkOne(en, englishLabel);

  const byId = new Map(en.functions.filter((f) => f && f.id).map((f) => [f.id.toUpperCase(), f]));
  for (const [locale, input] of Object.entries(localized)) {
    const label = `functions.${locale}.json`;
    const loc = parseMetadata(input, label, errors);
    if (!loc) continue;
    checkOne(loc, label);
    const locIds = new Set(loc.functions.filter((f) => f && f.id).map((f) => f.id.toUpperCase()));
    const missing = [...byId.keys()].filter((id) => !locIds.has(id));
    const extra = [...locIds].filter((id) => !byId.has(id));
    if (missing.length || extra.length) {
      errors.push(`${label} ids differ from ${englishLabel}: missing [${missing.join(", ")}], extra [${extra.join(", ")}]`);
    }
    for (const lf of loc.functions) {
      const ef = lf && lf.id ? byId.get(lf.id.toUpperCase()) : undefined;
      if (!ef) continue;
      const lp = lf.parameters ?? [];
      const ep = ef.parameters ?? [];
      if (lp.length !== ep.length) {
        errors.push(`${label}: ${lf.id} has ${lp.length} parameters; ${englishLabel} has ${ep.length}`);
        continue;
      }
      ep.forEach((p, i) => {
        for (const key of ["type", "dimensionality", "optional", "repeating"] as const) {
          if ((p[key] ?? null) !== (lp[i][key] ?? null)) {
            errors.push(`${label}: ${lf.id} parameter ${i + 1} has ${key} ${JSON.stringify(lp[i][key])}; ${englishLabel} has ${JSON.stringify(p[key])}`);
          }
        }
      });
      for (const key of ["type", "dimensionality"] as const) {
        if ((ef.result?.[key] ?? null) !== (lf.result?.[key] ?? null)) {
          errors.push(`${label}: ${lf.id} result ${key} is ${JSON.stringify(lf.result?.[key])}; ${englishLabel} has ${JSON.stringify(ef.result?.[key])}`);
        }
      }
      if (JSON.stringify(ef.options ?? {}) !== JSON.stringify(lf.options ?? {})) {
        errors.push(`${label}: ${lf.id} options differ from ${englishLabel}`);
      }
    }
  }
  return { errors, warnings };
}

/** Width and height of a PNG, or undefined when the bytes are not a PNG. */
export function pngSize(buf: Buffer): { width: number; height: number } | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 24 || sig.some((b, i) => buf[i] !== b) || buf.toString("ascii", 12, 16) !== "IHDR") return undefined;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Validate manifest XML text. Never throws; every problem is a message in `errors`. */
export function validateManifest(xmlText: string, options: ValidateOptions = {}): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const expectedNamespace = options.namespace ?? "COORD";

  let root: XmlElement;
  try {
    root = parseXml(xmlText);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return { errors: [`XML is not well-formed: ${e.message}`], warnings };
    throw e;
  }

  // --- root and top-level elements ------------------------------------------------------------
  if (root.local !== "OfficeApp" || root.ns !== NS_OFFICEAPP) {
    errors.push(`The root element must be <OfficeApp xmlns="${NS_OFFICEAPP}">; found <${root.name}> in namespace "${root.ns}"`);
    return { errors, warnings };
  }
  if (xsiType(root) !== "TaskPaneApp") errors.push(`<OfficeApp> must have xsi:type="TaskPaneApp" (found ${JSON.stringify(xsiType(root) ?? null)})`);

  const top = root.children;
  for (const name of REQUIRED_TOP) if (!child(root, name)) errors.push(`Missing <${name}> in <OfficeApp>`);
  let lastIndex = -1;
  let lastName = "";
  for (const c of top) {
    const idx = OFFICEAPP_ORDER.indexOf(c.local);
    if (idx < 0) {
      errors.push(`Unknown element ${describe(c)} in <OfficeApp>`);
      continue;
    }
    if (idx < lastIndex) errors.push(`<${c.local}> (line ${c.line}) must come before <${lastName}>: <OfficeApp> children are in schema order`);
    else if (idx === lastIndex) errors.push(`<${c.local}> (line ${c.line}) appears more than once`);
    else {
      lastIndex = idx;
      lastName = c.local;
    }
  }

  const id = child(root, "Id")?.text.trim();
  if (id !== undefined && !GUID_RE.test(id)) errors.push(`<Id> is not a GUID: "${id}"`);
  else if (id !== undefined && /^[0-]+$/.test(id)) errors.push(`<Id> is the nil GUID; generate a new one`);

  const version = child(root, "Version")?.text.trim();
  if (version !== undefined && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) errors.push(`<Version> must be 1 to 4 dot-separated numbers: "${version}"`);

  for (const name of ["DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const el = child(root, name);
    if (el && !el.attrs.DefaultValue) errors.push(`<${name}> (line ${el.line}) needs a DefaultValue`);
  }
  const display = child(root, "DisplayName")?.attrs.DefaultValue;
  if (display && display.length > 125) errors.push(`<DisplayName> is longer than 125 characters`);
  const descr = child(root, "Description")?.attrs.DefaultValue;
  if (descr && descr.length > 250) errors.push(`<Description> is longer than 250 characters`);

  const permissions = child(root, "Permissions")?.text.trim();
  if (permissions !== undefined && !PERMISSIONS.includes(permissions)) errors.push(`<Permissions> must be one of ${PERMISSIONS.join(", ")}: "${permissions}"`);

  const hosts = childrenNamed(child(root, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (!hosts.includes("Workbook")) errors.push(`<Hosts> must contain <Host Name="Workbook"/> (Excel)`);

  if (!child(child(root, "DefaultSettings"), "SourceLocation")) errors.push(`<DefaultSettings> needs a <SourceLocation>`);

  // Requirement sets: a shared runtime with custom functions needs both.
  const sets = new Map<string, string>();
  const setsEl = child(child(root, "Requirements"), "Sets");
  for (const s of childrenNamed(setsEl, "Set")) sets.set(s.attrs.Name, s.attrs.MinVersion ?? setsEl?.attrs.DefaultMinVersion ?? "1.1");
  for (const name of ["SharedRuntime", "CustomFunctionsRuntime"]) {
    const v = sets.get(name);
    if (v === undefined) errors.push(`Requirement set ${name} 1.1 is missing from <Requirements><Sets>`);
    else if (!/^\d+\.\d+$/.test(v)) errors.push(`Requirement set ${name} has an invalid MinVersion "${v}"`);
  }

  // --- URLs: every URL-looking value must be https ---------------------------------------------
  for (const el of walk(root)) {
    for (const [attr, value] of Object.entries(el.attrs)) {
      if (attr === "xmlns" || attr.startsWith("xmlns:")) continue; // namespace names, not fetched
      if (looksLikeUrl(value) && !isHttps(value)) errors.push(`URL is not https: "${value}" (${attr} of ${describe(el)})`);
    }
    const t = el.text.trim();
    if (t && looksLikeUrl(t) && !isHttps(t)) errors.push(`URL is not https: "${t}" (text of ${describe(el)})`);
  }
  // Fields that must hold an absolute https URL even when they do not look like one.
  const mustBeUrl: Array<[XmlElement, string]> = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const el = child(root, name);
    if (el?.attrs.DefaultValue) mustBeUrl.push([el, "DefaultValue"]);
  }
  const defaultSource = child(child(root, "DefaultSettings"), "SourceLocation");
  if (defaultSource?.attrs.DefaultValue !== undefined) mustBeUrl.push([defaultSource, "DefaultValue"]);

  // --- VersionOverrides and resources ---------------------------------------------------------
  const vo = child(root, "VersionOverrides");
  if (!vo) {
    errors.push(`Missing <VersionOverrides>: the ribbon button, the shared runtime and the custom functions are declared there`);
    return finish();
  }
  if (vo.ns !== NS_OVERRIDES) errors.push(`<VersionOverrides> must be in namespace ${NS_OVERRIDES}`);
  if (xsiType(vo) !== "VersionOverridesV1_0") errors.push(`<VersionOverrides> must have xsi:type="VersionOverridesV1_0"`);

  const resources = new Map<ResourceKind, Map<string, XmlElement>>();
  const resourcesEl = child(vo, "Resources");
  if (!resourcesEl) errors.push(`Missing <Resources> in <VersionOverrides>`);
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"] as ResourceKind[]) {
    const map = new Map<string, XmlElement>();
    resources.set(kind, map);
    const group = child(resourcesEl, kind);
    if (group && group.ns !== NS_BT) errors.push(`<${group.name}> must be in the bt: namespace (${NS_BT})`);
    for (const r of group ? group.children : []) {
      if (r.local !== RESOURCE_ELEMENT[kind]) {
        errors.push(`Unexpected ${describe(r)} in <${group!.name}>`);
        continue;
      }
      const rid = r.attrs.id;
      if (!rid) {
        errors.push(`${describe(r)} has no id`);
        continue;
      }
      if (rid.length > 32) errors.push(`Resource id "${rid}" is longer than 32 characters`);
      for (const other of resources.values()) {
        if (other.has(rid)) errors.push(`Duplicate resource id "${rid}" (line ${r.line})`);
      }
      map.set(rid, r);
      const values: Array<[string, string]> = [];
      if (r.attrs.DefaultValue === undefined) errors.push(`${describe(r)} needs a DefaultValue`);
      else values.push(["DefaultValue", r.attrs.DefaultValue]);
      for (const o of childrenNamed(r, "Override")) {
        if (!o.attrs.Locale) errors.push(`${describe(o)} needs a Locale`);
        if (o.attrs.Value === undefined) errors.push(`${describe(o)} needs a Value`);
        else values.push([`Value (${o.attrs.Locale ?? "?"})`, o.attrs.Value]);
      }
      for (const [, v] of values) {
        const max = MAX_LENGTH[kind];
        if (max !== undefined && v.length > max) errors.push(`Resource "${rid}" is longer than ${max} characters`);
      }
      if (kind === "Urls" || kind === "Images") {
        mustBeUrl.push([r, "DefaultValue"]);
        for (const o of childrenNamed(r, "Override")) mustBeUrl.push([o, "Value"]);
      }
    }
  }
  for (const [el, attr] of mustBeUrl) {
    const v = el.attrs[attr];
    if (v !== undefined && !looksLikeUrl(v)) errors.push(`URL is not https: "${v}" (${attr} of ${describe(el)})`);
  }

  const used = new Set<string>();
  for (const el of walk(vo)) {
    const rid = el.attrs.resid;
    if (rid === undefined) continue;
    used.add(rid);
    const kind = RESID_KIND[el.local];
    const found = kind ? resources.get(kind)!.has(rid) : [...resources.values()].some((m) => m.has(rid));
    if (found) continue;
    const elsewhere = kind ? [...resources.entries()].find(([k, m]) => k !== kind && m.has(rid)) : undefined;
    if (elsewhere) errors.push(`resid "${rid}" on ${describe(el)} refers to a bt:${elsewhere[0]} resource; expected bt:${kind}`);
    else errors.push(`Unresolved resid "${rid}" on ${describe(el)}: no ${kind ? `bt:${kind} resource` : "resource"} with that id`);
  }
  for (const [kind, map] of resources) {
    for (const rid of map.keys()) if (!used.has(rid)) warnings.push(`Resource "${rid}" in bt:${kind} is never used`);
  }

  // Every <Icon> needs the three ribbon sizes.
  for (const icon of walk(vo)) {
    if (icon.local !== "Icon") continue;
    const sizes = childrenNamed(icon, "Image").map((i) => i.attrs.size);
    for (const s of ["16", "32", "80"]) {
      if (!sizes.includes(s)) errors.push(`<Icon> (line ${icon.line}) of ${icon.parent ? describe(icon.parent) : "?"} lacks a bt:Image of size ${s}`);
    }
  }

  // --- Host, shared runtime, custom functions ---------------------------------------------
  const host = childrenNamed(child(vo, "Hosts"), "Host").find((h) => xsiType(h) === "Workbook");
  if (!host) {
    errors.push(`<VersionOverrides><Hosts> needs <Host xsi:type="Workbook">`);
    return finish();
  }
  const runtimes = childrenNamed(child(host, "Runtimes"), "Runtime");
  const runtime = runtimes[0];
  if (!runtime) errors.push(`Shared runtime: <Runtimes><Runtime resid=... lifetime="long"/></Runtimes> is missing in the Workbook host`);
  else {
    if (runtimes.length > 1) errors.push(`Shared runtime: expected exactly one <Runtime>, found ${runtimes.length}`);
    if (runtime.attrs.lifetime !== "long") errors.push(`Shared runtime: <Runtime> (line ${runtime.line}) must have lifetime="long"`);
  }
  const runtimeId = runtime?.attrs.resid;

  const cf = [...walk(host)].filter((e) => e.local === "ExtensionPoint" && xsiType(e) === "CustomFunctions");
  if (cf.length === 0) errors.push(`Missing <ExtensionPoint xsi:type="CustomFunctions">`);
  for (const ep of cf) {
    if (ep.parent?.local !== "AllFormFactors") errors.push(`The CustomFunctions extension point (line ${ep.line}) must be inside <AllFormFactors>`);
    for (const part of ["Script", "Page", "Metadata"]) {
      if (!child(child(ep, part), "SourceLocation")?.attrs.resid) errors.push(`CustomFunctions <${part}> needs <SourceLocation resid="..."/>`);
    }
    const nsEl = child(ep, "Namespace");
    const nsRes = nsEl?.attrs.resid !== undefined ? resources.get("ShortStrings")!.get(nsEl.attrs.resid) : undefined;
    if (!nsEl) errors.push(`CustomFunctions <Namespace resid="..."/> is missing`);
    else if (nsRes) {
      const value = nsRes.attrs.DefaultValue ?? "";
      if (value !== expectedNamespace) errors.push(`CustomFunctions namespace is "${value}"; expected "${expectedNamespace}"`);
      if (childrenNamed(nsRes, "Override").length) errors.push(`The CustomFunctions namespace "${value}" must not be localized (remove its <bt:Override>)`);
    }
    const page = child(child(ep, "Page"), "SourceLocation")?.attrs.resid;
    if (runtimeId && page && page !== runtimeId)
      errors.push(`Shared runtime: the CustomFunctions <Page> uses resid "${page}" but the <Runtime> uses "${runtimeId}"; they must be the same`);
  }
  for (const el of walk(host)) {
    if (el.local === "Action" && xsiType(el) === "ShowTaskpane") {
      const src = child(el, "SourceLocation")?.attrs.resid;
      if (!src) errors.push(`ShowTaskpane action (line ${el.line}) needs <SourceLocation resid="..."/>`);
      else if (runtimeId && src !== runtimeId)
        errors.push(
          `Shared runtime: the ShowTaskpane action (line ${el.line}) uses resid "${src}" but the <Runtime> uses "${runtimeId}"; they must be the same`,
        );
    }
    if (el.local === "FunctionFile" && runtimeId && el.attrs.resid !== runtimeId)
      errors.push(
        `Shared runtime: <FunctionFile> (line ${el.line}) uses resid "${el.attrs.resid}" but the <Runtime> uses "${runtimeId}"; they must be the same`,
      );
  }

  // --- files behind the URLs ----------------------------------------------------------------
  if (options.files) {
    const base = options.files.baseUrl ?? DEV_BASE_URL;
    const local = (url: string): string | undefined => (url.startsWith(base) ? url.slice(base.length).replace(/[?#].*$/, "") : undefined);
    const checked = new Set<string>();
    for (const el of walk(root)) {
      for (const v of Object.values(el.attrs)) {
        const rel = local(v);
        if (rel === undefined || checked.has(rel)) continue;
        checked.add(rel);
        if (options.files.exists(rel) === false) errors.push(`File not found for ${v}: ${rel}`);
      }
    }
    if (options.files.readFile) {
      const expectSize = (url: string | undefined, size: number, where: string) => {
        const rel = url !== undefined ? local(url) : undefined;
        if (rel === undefined || !rel.toLowerCase().endsWith(".png")) return;
        const buf = options.files!.readFile!(rel);
        if (!buf) return;
        const dim = pngSize(buf);
        if (!dim) errors.push(`${rel} is not a PNG file`);
        else if (dim.width !== size || dim.height !== size) errors.push(`${rel} is ${dim.width}x${dim.height} px; ${where} needs ${size}x${size}`);
      };
      expectSize(child(root, "IconUrl")?.attrs.DefaultValue, 32, "<IconUrl>");
      expectSize(child(root, "HighResolutionIconUrl")?.attrs.DefaultValue, 64, "<HighResolutionIconUrl>");
      for (const img of walk(vo)) {
        if (img.local !== "Image" || img.attrs.resid === undefined || img.attrs.size === undefined) continue;
        const res = resources.get("Images")!.get(img.attrs.resid);
        expectSize(res?.attrs.DefaultValue, Number(img.attrs.size), `<bt:Image size="${img.attrs.size}"> (line ${img.line})`);
      }
    }
  }

  // --- custom functions metadata ------------------------------------------------------------
  const metadataResid = cf.length ? child(child(cf[0], "Metadata"), "SourceLocation")?.attrs.resid : undefined;
  const metadataUrl = metadataResid !== undefined ? resources.get("Urls")!.get(metadataResid) : undefined;
  const manifestLocales = metadataUrl ? childrenNamed(metadataUrl, "Override").map((o) => o.attrs.Locale) : [];
  if (options.functions !== undefined) {
    const localized = options.localizedFunctions ?? {};
    const r = validateFunctionsMetadata(options.functions, localized);
    errors.push(...r.errors);
    warnings.push(...r.warnings);
    for (const loc of manifestLocales) {
      if (!(loc in localized)) warnings.push(`The manifest has ${loc} custom functions metadata, but none was given to check`);
    }
    // The help pages behind the functions' helpUrl.
    if (options.files) {
      const base = options.files.baseUrl ?? DEV_BASE_URL;
      const seen = new Set<string>();
      for (const input of [options.functions, ...Object.values(localized)]) {
        const meta = parseMetadata(input, "", []);
        for (const f of meta?.functions ?? []) {
          const url = f?.helpUrl;
          if (!url || !url.startsWith(base)) continue;
          const rel = url.slice(base.length).replace(/[?#].*$/, "");
          if (seen.has(rel)) continue;
          seen.add(rel);
          if (options.files.exists(rel) === false) errors.push(`File not found for the helpUrl of ${f.id}: ${rel}`);
        }
      }
    }
    for (const loc of Object.keys(localized)) {
      if (!manifestLocales.includes(loc))
        warnings.push(`Localized metadata for ${loc} was given, but the manifest has no <bt:Override Locale="${loc}"> on the metadata URL`);
    }
  }
  return finish();

  function finish(): ValidationResult {
    return { errors: [...new Set(errors)], warnings: [...new Set(warnings)] };
  }
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

interface CliArgs {
  manifest: string;
  functions?: string;
  locales: Record<string, string>;
  base?: string;
}

function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { manifest: "manifest.xml", locales: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--functions") out.functions = next();
    else if (a === "--locale") {
      const [loc, file] = next().split("=");
      if (!loc || !file) throw new Error(`--locale takes LOCALE=FILE, e.g. zh-CN=src/functions/functions.zh-CN.json`);
      out.locales[loc] = file;
    } else if (a === "--base") out.base = next().replace(/\/?$/, "/");
    else if (a === "-h" || a === "--help") {
      console.log("usage: validate-manifest [manifest.xml] [--functions FILE] [--locale LOCALE=FILE] [--base URL]");
      process.exit(0);
    } else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
    else out.manifest = a;
  }
  return out;
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, "..");
  const args = parseArgs(process.argv.slice(2));
  const manifestPath = path.resolve(args.manifest);
  const xml = fs.readFileSync(manifestPath, "utf8");
  const dist = path.join(root, "dist");
  const inDist = path.dirname(manifestPath) === dist;
  const distBuilt = fs.existsSync(path.join(dist, "taskpane.html"));
  const notes: string[] = [];

  // Where the files behind the URLs are: dist/ for a built manifest; for the source manifest,
  // assets/ in the tree and the rest in dist/ when it has been built.
  const locate = (rel: string): string | undefined => {
    if (inDist) return path.join(dist, rel);
    if (rel.startsWith("assets/")) return path.join(root, rel);
    return distBuilt ? path.join(dist, rel) : undefined;
  };
  if (!inDist && !distBuilt) notes.push("dist/ is not built: only assets/ files were checked (run npm run build to check the rest)");

  let functions: string | undefined;
  if (args.functions) {
    functions = fs.readFileSync(args.functions, "utf8");
    notes.push(`functions metadata: ${args.functions}`);
  } else if (inDist && fs.existsSync(path.join(dist, "functions.json"))) {
    functions = fs.readFileSync(path.join(dist, "functions.json"), "utf8");
    notes.push("functions metadata: dist/functions.json");
  } else {
    // Fresh from the source: the same generator the webpack plugin uses.
    // Loaded here only: it pulls in the TypeScript compiler, which importers of the checker don't need.
    const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
    const src = path.join(root, "src", "functions", "functions.ts");
    const gen = await generateCustomFunctionsMetadata(src, false);
    if (gen.errors.length) {
      for (const e of gen.errors) console.error(`error: src/functions/functions.ts: ${e}`);
      return 1;
    }
    functions = gen.metadataJson;
    notes.push("functions metadata: generated from src/functions/functions.ts");
  }

  const localizedFunctions: Record<string, string> = {};
  const locales = { ...args.locales };
  if (Object.keys(locales).length === 0) {
    const src = path.join(root, "src", "functions");
    for (const f of fs.readdirSync(inDist ? dist : src)) {
      const m = /^functions\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.json$/.exec(f);
      if (m) locales[m[1]] = path.join(inDist ? dist : src, f);
    }
  }
  for (const [loc, file] of Object.entries(locales)) localizedFunctions[loc] = fs.readFileSync(file, "utf8");

  let baseUrl = args.base ?? DEV_BASE_URL;
  if (inDist && !args.base) {
    const m = /<SourceLocation\s+DefaultValue="(https?:\/\/[^"]*?)taskpane\.html"/.exec(xml);
    if (m) baseUrl = m[1];
  }
  const result = validateManifest(xml, {
    functions,
    localizedFunctions,
    files: {
      baseUrl,
      exists: (rel) => {
        const p = locate(rel);
        return p === undefined ? undefined : fs.existsSync(p);
      },
      readFile: (rel) => {
        const p = locate(rel);
        return p !== undefined && fs.existsSync(p) ? fs.readFileSync(p) : undefined;
      },
    },
  });

  // A built dist/functions.json must agree with the source too.
  if (!inDist && !args.functions && fs.existsSync(path.join(dist, "functions.json"))) {
    const built = validateFunctionsMetadata(fs.readFileSync(path.join(dist, "functions.json"), "utf8"), localizedFunctions, "dist/functions.json");
    result.errors.push(...built.errors);
    const fromSource = (JSON.parse(functions!) as FunctionsMetadata).functions.map((f) => f.id).sort();
    let fromDist: string[] = [];
    try {
      fromDist = (JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8")) as FunctionsMetadata).functions.map((f) => f.id).sort();
    } catch {
      /* reported above */
    }
    if (fromSource.join() !== fromDist.join()) result.warnings.push("dist/functions.json is stale (its ids differ from the source): run npm run build");
  }

  const rel = path.relative(process.cwd(), manifestPath) || manifestPath;
  for (const n of notes) console.log(`note: ${n}`);
  for (const w of result.warnings) console.log(`warning: ${w}`);
  for (const e of result.errors) console.error(`error: ${e}`);
  if (result.errors.length) {
    console.error(`${rel}: ${result.errors.length} error(s)`);
    return 1;
  }
  console.log(`${rel}: valid (offline structural check; npm run validate:online asks Microsoft's service)`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`error: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
