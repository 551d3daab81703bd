/**
 * The `@example` blocks of the JSDoc in src/ are run, so that a documented result cannot drift.
 *
 * Convention (CONTRIBUTING.md):
 *   expression; // => expected
 * `expected` is a JS/JSON literal (numbers, strings, true/false/null/undefined, NaN, Infinity,
 * arrays, objects with bare or quoted keys). It may go on over the following `//` lines. A number
 * matches within half a unit of its last decimal shown (`0.3811` matches 0.38109...; `1.5e-4`
 * within 0.05e-4); a number without a decimal point or exponent must match exactly (counts,
 * codes). Typed arrays match array literals, or `Int32Array [0, 1]` to check the type too. An
 * object literal lists every own key of the value (keys whose value is undefined aside), unless
 * its last member is `...`. A parenthesised remark may follow the literal: `// => 0.8 (= q*²)`.
 * The example runs in the module's own scope (its exports and its private helpers are there);
 * `import` lines in the block are resolved relative to the module. Every block checks at least
 * one value; each block is one test, named by file and declaration.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
const SRC = path.join(ROOT, "src");

interface Example {
  file: string; // relative to the repo
  name: string;
  code: string;
  line: number; // of the @example tag in the file
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path.join(dir, e.name)] : [],
    );
}

function declarationName(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (ts.isVariableStatement(node)) {
    const d = node.declarationList.declarations[0];
    if (d && ts.isIdentifier(d.name)) return d.name.text;
  }
  return "(anonymous)";
}

/** The @example blocks of one file: the text from the tag to the next tag or the comment's end. */
export function examplesOf(file: string, text: string): Example[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
  const out: Example[] = [];
  const seen = new Set<number>();
  const visit = (node: ts.Node) => {
    const docs = (node as ts.Node & { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
    for (const doc of docs) {
      if (seen.has(doc.pos)) continue;
      seen.add(doc.pos);
      const raw = text.slice(doc.pos, doc.end);
      const lines = raw
        .replace(/^\/\*\*/, "")
        .replace(/\*\/$/, "")
        .split("\n")
        .map((l) => l.replace(/^\s*\* ?/, ""));
      const firstLine = sf.getLineAndCharacterOfPosition(doc.pos).line + 1;
      for (let i = 0; i < lines.length; i++) {
        const m = /^\s*@example\b\s?(.*)$/.exec(lines[i]);
        if (!m) continue;
        const body: string[] = m[1].trim() ? [m[1]] : [];
        let j = i + 1;
        for (; j < lines.length && !/^\s*@\w/.test(lines[j]); j++) body.push(lines[j]);
        out.push({ file: path.relative(ROOT, file), name: declarationName(node), code: body.join("\n").trimEnd(), line: firstLine + i });
        i = j - 1;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

// ---- expected literals --------------------------------------------------------------------

type Expected =
  | { kind: "number"; value: number; tol: number; text: string }
  | { kind: "value"; value: unknown }
  | { kind: "array"; items: Expected[]; typed?: string }
  | { kind: "object"; entries: Array<[string, Expected]>; open: boolean };

class Incomplete extends Error {}

/** Parse a literal; returns the value and the rest of the text. Throws Incomplete at the end of input. */
export function parseExpected(src: string): { value: Expected; rest: string } {
  let i = 0;
  const ws = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const fail = (what: string): never => {
    if (i >= src.length) throw new Incomplete(what);
    throw new Error(`expected ${what} at '${src.slice(i, i + 20)}'`);
  };
  const value = (): Expected => {
    ws();
    const c = src[i];
    if (c === undefined) return fail("a value");
    if (c === "[") return array();
    if (c === "{") return object();
    if (c === '"' || c === "'") return { kind: "value", value: str() };
    const num = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      return numberOf(num[0]);
    }
    const word = /^(-?Infinity|NaN|true|false|null|undefined|[A-Z]\w*Array)\b/.exec(src.slice(i));
    if (word) {
      i += word[0].length;
      const w = word[1];
      if (w.endsWith("Array")) {
        ws();
        if (src[i] !== "[") fail("[ after " + w);
        const a = array();
        return { ...a, typed: w } as Expected;
      }
      const v = { Infinity, "-Infinity": -Infinity, NaN, true: true, false: false, null: null, undefined }[w];
      return w === "NaN" ? { kind: "number", value: NaN, tol: 0, text: "NaN" } : { kind: "value", value: v };
    }
    return fail("a literal");
  };
  const str = (): string => {
    const q = src[i++];
    let s = "";
    while (i < src.length && src[i] !== q) {
      if (src[i] === "\\") {
        const e = src[++i];
        s += e === "n" ? "\n" : e === "t" ? "\t" : e;
        i++;
      } else s += src[i++];
    }
    if (i >= src.length) fail("the closing quote");
    i++;
    return s;
  };
  const array = (): Expected & { kind: "array" } => {
    i++;
    const items: Expected[] = [];
    for (;;) {
      ws();
      if (src[i] === "]") {
        i++;
        return { kind: "array", items };
      }
      items.push(value());
      ws();
      if (src[i] === ",") i++;
      else if (src[i] !== "]") fail(", or ]");
    }
  };
  const object = (): Expected => {
    i++;
    const entries: Array<[string, Expected]> = [];
    let open = false;
    for (;;) {
      ws();
      if (src[i] === "}") {
        i++;
        return { kind: "object", entries, open };
      }
      if (src.startsWith("...", i)) {
        i += 3;
        open = true;
        ws();
        if (src[i] !== "}") fail("} after ...");
        continue;
      }
      let key: string;
      if (src[i] === '"' || src[i] === "'") key = str();
      else {
        const k = /^[A-Za-z_$][\w$]*/.exec(src.slice(i)) ?? fail("a key");
        key = k[0];
        i += key.length;
      }
      ws();
      if (src[i] !== ":") fail(":");
      i++;
      entries.push([key, value()]);
      ws();
      if (src[i] === ",") i++;
      else if (src[i] !== "}") fail(", or }");
    }
  };
  const v = value();
  return { value: v, rest: src.slice(i).trim() };
}

function numberOf(text: string): Expected {
  const value = Number(text);
  const m = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text)!;
  const decimals = m[2]?.length ?? 0;
  const exp = m[3] ? Number(m[3]) : 0;
  const tol = m[2] === undefined && !m[3] ? 0 : 0.5 * Math.pow(10, exp - decimals);
  return { kind: "number", value, tol, text };
}

function show(v: unknown): string {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} [${Array.from(v as unknown as ArrayLike<number>).join(", ")}]`;
  try {
    return JSON.stringify(v, (_k, x) =>
      typeof x === "number" && !Number.isFinite(x) ? String(x) : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x,
    );
  } catch {
    return String(v);
  }
}

/** Differences between a value and an expected literal, one line each. */
export function mismatches(actual: unknown, exp: Expected, at = ""): string[] {
  const where = at || "value";
  switch (exp.kind) {
    case "number": {
      if (typeof actual !== "number") return [`${where}: expected ${exp.text}, got ${show(actual)}`];
      if (Number.isNaN(exp.value)) return Number.isNaN(actual) ? [] : [`${where}: expected NaN, got ${actual}`];
      const ok =
        exp.tol === 0
          ? actual === exp.value || Math.abs(actual - exp.value) <= 1e-12 * Math.abs(exp.value)
          : Math.abs(actual - exp.value) <= exp.tol * (1 + 1e-9);
      return ok ? [] : [`${where}: expected ${exp.text} (±${exp.tol}), got ${actual}`];
    }
    case "value":
      return Object.is(actual, exp.value) || actual === exp.value ? [] : [`${where}: expected ${show(exp.value)}, got ${show(actual)}`];
    case "array": {
      const isTyped = ArrayBuffer.isView(actual);
      if (!Array.isArray(actual) && !isTyped) return [`${where}: expected an array, got ${show(actual)}`];
      const out: string[] = [];
      if (exp.typed && (actual as object).constructor.name !== exp.typed)
        out.push(`${where}: expected a ${exp.typed}, got a ${(actual as object).constructor.name}`);
      const arr = Array.from(actual as ArrayLike<unknown>);
      if (arr.length !== exp.items.length) return [...out, `${where}: expected ${exp.items.length} items, got ${arr.length}: ${show(actual)}`];
      exp.items.forEach((e, k) => out.push(...mismatches(arr[k], e, `${at}[${k}]`)));
      return out;
    }
    case "object": {
      if (actual === null || typeof actual !== "object") return [`${where}: expected an object, got ${show(actual)}`];
      const rec = actual as Record<string, unknown>;
      const out: string[] = [];
      for (const [k, e] of exp.entries) out.push(...mismatches(rec[k], e, at ? `${at}.${k}` : k));
      if (!exp.open) {
        const listed = new Set(exp.entries.map(([k]) => k));
        const extra = Object.keys(rec).filter((k) => rec[k] !== undefined && !listed.has(k));
        if (extra.length) out.push(`${where}: keys not in the example: ${extra.join(", ")} (list them, or end the literal with ...)`);
      }
      return out;
    }
  }
}

// ---- running a block ----------------------------------------------------------------------

interface Check {
  expected: Expected;
  source: string;
  line: number;
}

/** The block as a function body: each `expr; // => literal` becomes a call of __check. */
export function instrument(code: string): { imports: string; body: string; checks: Check[] } {
  const lines = code.split("\n");
  const importLines = lines.map((l) => (/^\s*import\s/.test(l) ? l : ""));
  const rest = lines.map((l, k) => (importLines[k] ? "" : l)).join("\n");
  const sf = ts.createSourceFile("example.ts", rest, ts.ScriptTarget.ES2020, true);
  const checks: Check[] = [];
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const used = new Set<number>(); // lines holding a consumed // =>
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  for (const st of sf.statements) {
    const comments = ts.getTrailingCommentRanges(rest, st.end) ?? [];
    const c = comments[0];
    const ctext = c ? rest.slice(c.pos, c.end) : "";
    const arrow = /^\/\/\s*=>\s?(.*)$/.exec(ctext);
    if (!arrow) {
      if (ts.isExpressionStatement(st) && /^\/\/\s*\S/.test(ctext)) {
        // a trailing comment that is a whole literal but lacks => is a check someone forgot
        try {
          const p = parseExpected(ctext.replace(/^\/\/\s*/, ""));
          if (p.rest === "") throw new Error(`line ${lineOf(st.getStart()) + 1}: "${ctext}" reads as an expected value: write // => to check it`);
        } catch (e) {
          if (!(e instanceof Incomplete) && /reads as an expected value/.test((e as Error).message)) throw e;
        }
      }
      continue;
    }
    const line = lineOf(c.pos);
    if (!ts.isExpressionStatement(st)) throw new Error(`line ${line + 1}: // => follows a statement that is not an expression`);
    let text = arrow[1];
    let next = line + 1;
    let parsed: { value: Expected; rest: string } | undefined;
    const restLines = rest.split("\n");
    for (;;) {
      try {
        parsed = parseExpected(text);
        break;
      } catch (e) {
        if (!(e instanceof Incomplete)) throw new Error(`line ${line + 1}: ${(e as Error).message}`);
        const more = /^\s*\/\/(.*)$/.exec(restLines[next] ?? "");
        if (!more) throw new Error(`line ${line + 1}: the expected value is not complete: ${text}`);
        text += "\n" + more[1];
        next++;
      }
    }
    if (parsed.rest && !parsed.rest.startsWith("("))
      throw new Error(`line ${line + 1}: unexpected text after the expected value: '${parsed.rest}' (a remark goes in parentheses)`);
    used.add(line);
    const expr = st.expression.getText(sf);
    checks.push({ expected: parsed.value, source: expr, line: line + 1 });
    edits.push({ start: st.getStart(sf), end: st.end, text: `await __check(${checks.length - 1}, (${expr}));` });
  }
  rest.split("\n").forEach((l, k) => {
    if (/\/\/\s*=>/.test(l) && !used.has(k)) throw new Error(`line ${k + 1}: a // => that does not follow an expression statement: ${l.trim()}`);
  });
  let body = rest;
  for (const e of edits.sort((a, b) => b.start - a.start)) body = body.slice(0, e.start) + e.text + body.slice(e.end);
  return { imports: importLines.filter(Boolean).join("\n"), body, checks };
}

async function runExample(ex: Example): Promise<string[]> {
  const file = path.join(ROOT, ex.file);
  const dir = path.dirname(file);
  const { imports, body, checks } = instrument(ex.code);
  if (checks.length === 0) throw new Error("the example checks no value: write at least one `expression; // => expected`");
  const moduleSource = fs.readFileSync(file, "utf8");
  const source = `${moduleSource}\n${imports}\nexports.__example__ = async (__check) => {\n${body}\n};\n`;
  const js = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  }).outputText;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the example's imports, resolved from its module at run time
  const localRequire = (spec: string) => require(spec.startsWith(".") ? path.resolve(dir, spec) : spec);
  const mod = { exports: {} as Record<string, unknown> };
  // test-only: the module's source plus the block, compiled and run in this realm (typed arrays
  // and classes are the ones the modules it imports see)
  new Function("exports", "require", "module", "__filename", "__dirname", js)(mod.exports, localRequire, mod, file, dir);
  const problems: string[] = [];
  const check = async (k: number, value: unknown) => {
    const c = checks[k];
    const v = value instanceof Promise ? await value : value;
    for (const m of mismatches(v, c.expected)) problems.push(`example line ${c.line}: ${c.source}\n    ${m}`);
  };
  await (mod.exports.__example__ as (c: typeof check) => Promise<void>)(check);
  return problems;
}

const examples = sourceFiles(SRC).flatMap((f) => examplesOf(f, fs.readFileSync(f, "utf8")));
const names = new Map<string, number>();

describe("@example blocks in src/", () => {
  test("there are examples to run", () => {
    expect(examples.length).toBeGreaterThan(20);
  });
  for (const ex of examples) {
    const base = `${ex.file} ${ex.name}`;
    const n = (names.get(base) ?? 0) + 1;
    names.set(base, n);
    test(n === 1 ? base : `${base} #${n}`, async () => {
      const problems = await runExample(ex);
      if (problems.length) throw new Error(`${ex.file}:${ex.line} @example of ${ex.name}:\n  ${problems.join("\n  ")}`);
    });
  }
});

describe("the example checker", () => {
  const check = (actual: unknown, literal: string) => mismatches(actual, parseExpected(literal).value);
  test("numbers: half a unit of the last decimal shown; integers exactly", () => {
    expect(check(0.38109, "0.3811")).toEqual([]);
    expect(check(0.38116, "0.3811")).toHaveLength(1);
    expect(check(1.16990439154174e-4, "1.1699e-4")).toEqual([]);
    expect(check(8.4, "8")).toHaveLength(1);
    expect(check(NaN, "NaN")).toEqual([]);
  });
  test("arrays, typed arrays, objects, open objects", () => {
    expect(check(Int32Array.from([0, 1]), "Int32Array [0, 1]")).toEqual([]);
    expect(check(Float64Array.from([0, 1]), "Int32Array [0, 1]")).toHaveLength(1);
    expect(check({ a: 1, b: "x", c: undefined }, "{ a: 1, b: 'x' }")).toEqual([]);
    expect(check({ a: 1, b: "x" }, "{ a: 1 }")).toHaveLength(1);
    expect(check({ a: 1, b: "x" }, "{ a: 1, ... }")).toEqual([]);
  });
  test("instrument: checks, continued literals, remarks, forgotten arrows", () => {
    const r = instrument("const x = 1;\nx + 1; // => [2,\n// 3] (a remark)");
    expect(r.checks).toHaveLength(1);
    expect(r.body).toContain("await __check(0, (x + 1));");
    expect(() => instrument("f(1); // 0.5")).toThrow(/write \/\/ =>/);
    expect(() => instrument("const y = 2; // => 2")).toThrow(/not an expression/);
  });
});
