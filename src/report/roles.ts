/**
 * Roles: which column of the data plays which part.
 *
 * The roles file (`RolesFile`, e.g. samples/sample-panel.roles.json) comes in two shapes:
 *
 * - panel (coupling coordination, kernel density, Haken, and optionally geodetector on D):
 *   ```json
 *   { "id": "Province", "time": "Year", "group": "Region",
 *     "subsystems": { "New-type urbanization": [ { "column": "GDP per capita", "direction": "+" } ],
 *                     "Ecological environment": [ ... ] },
 *     "factors": [ "X1 GDP per capita", { "column": "Land use", "kind": "categorical" } ] }
 *   ```
 *   `subsystems` is an object (subsystem name -> indicators, in file order) as in the sample;
 *   an array `[{ "name"?: ..., "indicators": [...] }]` is accepted too (names default to
 *   "Subsystem 1", "Subsystem 2", ...). At least two subsystems, each with at least one
 *   indicator; direction "+" (benefit) or "-" (cost). `group` and `factors` are optional.
 *
 * - geodetector only: `{ "y": "NDVI", "factors": [ ... ], "id"?: ..., "group"?: ... }` — a numeric
 *   y and at least one factor; no subsystems, no time.
 *
 * A factor is a column name, or `{ "column", "kind" }` to force "categorical" (numeric codes that
 * are classes, e.g. land-use types) or "numeric" (to be discretized); by default the kind is
 * read from the data (all numbers -> numeric).
 *
 * `parseRoles` validates a roles file against the header row and returns the normalized
 * `Roles` (subsystems as an ordered array, factors as objects, column names spelled as in the
 * header). `rolesToJson` writes `Roles` back in the file shape. `guessRoles` proposes roles
 * from a sheet's headers and values.
 */
import { CoordError, type CoordErrorDetail } from "../engine/errors";
import type { Cell } from "./csv";
import { parseNumber } from "./csv";
import { translator, type Lang } from "./i18n";
import { columnLetter } from "./model";

export type Direction = "+" | "-";
export type FactorKind = "numeric" | "categorical";

/** One indicator as written in a roles file. */
export interface IndicatorRole {
  column: string;
  direction: Direction;
}

/** A factor as written in a roles file: a column name, or a column with a forced kind. */
export type FactorRoleFile = string | { column: string; kind?: FactorKind };

/** The panel roles file, exactly the shape of samples/sample-panel.roles.json. */
export interface PanelRolesFile {
  id: string;
  time: string;
  group?: string;
  subsystems: Record<string, IndicatorRole[]> | Array<{ name?: string; indicators: IndicatorRole[] }>;
  factors?: FactorRoleFile[];
}

/** The geodetector-only roles file. */
export interface GeoRolesFile {
  y: string;
  factors: FactorRoleFile[];
  id?: string;
  group?: string;
}

export type RolesFile = PanelRolesFile | GeoRolesFile;

/** A validated subsystem. */
export interface SubsystemRole {
  name: string;
  indicators: IndicatorRole[];
}

/** A validated factor; `kind` undefined = read from the data. */
export interface FactorRole {
  column: string;
  kind?: FactorKind;
}

/** Validated panel roles. */
export interface PanelRoles {
  kind: "panel";
  id: string;
  time: string;
  group?: string;
  subsystems: SubsystemRole[];
  factors: FactorRole[];
  /**
   * Keys of the roles file beyond the columns (e.g. "weights": spatial weights), kept as they
   * are for the report sections that use them (see sections/types.ts SectionInputs).
   */
  inputs?: Record<string, unknown>;
}

/** Keys of a panel roles file that name columns; any other key is an extra input. */
const PANEL_KEYS = new Set(["kind", "id", "time", "group", "subsystems", "factors", "inputs"]);

/** Validated geodetector-only roles. */
export interface GeoRoles {
  kind: "geodetector";
  y: string;
  factors: FactorRole[];
  id?: string;
  group?: string;
}

/** Validated roles (from `parseRoles`). */
export type Roles = PanelRoles | GeoRoles;

function fail(message: string, code: "OPTION" | "EMPTY" | "TOO_FEW" | "MISSING" = "OPTION", column?: string, detail?: CoordErrorDetail): never {
  throw new CoordError(code, message, { argument: "roles", column }, detail);
}

/** Lowercase, NFKC, collapsed blanks: the key for a lenient column-name match. */
export function normalizeName(s: string): string {
  return String(s).normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Longest names compared by the full edit distance; longer ones by their common prefix and suffix. */
const MAX_EDIT_LENGTH = 200;

/**
 * The edit distance of a and b, bounded in time: when the lengths differ by more than a third
 * (the match limit) it is not computed, and names longer than MAX_EDIT_LENGTH are compared by
 * what their common prefix and suffix leave (an upper bound that is exact for one typo), so a
 * 100,000-character header costs O(n), not O(n²).
 */
function boundedDistance(a: string, b: string): number {
  const diff = Math.abs(a.length - b.length);
  if (diff > Math.max(2, Math.ceil(Math.max(a.length, b.length) / 3))) return diff;
  if (Math.max(a.length, b.length) <= MAX_EDIT_LENGTH) return levenshtein(a, b);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  return Math.max(a.length - p - q, b.length - p - q);
}

/** A name for a message: at most 80 characters, longer ones cut with their length said. */
export function shownName(s: string, max = 80): string {
  const t = String(s);
  return t.length <= max ? t : `${t.slice(0, max - 20)}…${t.slice(-10)} (${t.length.toLocaleString("en-US")} characters)`;
}

/**
 * Up to `max` headers close to `name`: containing it or contained in it, or within an edit
 * distance of about a third of its length; closest first.
 */
export function closeMatches(name: string, headers: string[], max = 3): string[] {
  const n = normalizeName(name);
  if (n === "") return [];
  const scored: Array<{ h: string; d: number }> = [];
  for (const h of headers) {
    if (!h) continue;
    const k = normalizeName(h);
    let d = boundedDistance(n, k);
    if (k.includes(n) || n.includes(k)) d = Math.min(d, Math.abs(k.length - n.length) * 0.1);
    const limit = Math.max(2, Math.ceil(Math.max(n.length, k.length) / 3));
    if (d <= limit) scored.push({ h, d });
  }
  scored.sort((a, b) => a.d - b.d);
  return scored.slice(0, max).map((s) => s.h);
}

/** Resolve a column name against the headers (exact, else unique lenient match); throws naming close matches. */
function resolveColumn(name: unknown, role: string, headers: string[]): string {
  if (typeof name !== "string" || name.trim() === "")
    fail(`roles: ${role} must name a column; got ${JSON.stringify(name ?? null)}`, "OPTION", undefined, { key: "error.roleUnset", params: { role } });
  const exact = headers.map((h, j) => (h === name ? j : -1)).filter((j) => j >= 0);
  let hits = exact;
  if (hits.length === 0) {
    const k = normalizeName(name);
    hits = headers.map((h, j) => (h !== null && h !== undefined && normalizeName(h) === k ? j : -1)).filter((j) => j >= 0);
  }
  if (hits.length === 1) return headers[hits[0]];
  if (hits.length > 1)
    fail(
      `roles: "${name}" (${role}) is ambiguous: columns ${hits.map((j) => columnLetter(j + 1)).join(" and ")} are both named "${headers[hits[0]]}"; rename one of them`,
      "OPTION",
      name,
    );
  const close = closeMatches(name, headers);
  const hint = close.length > 0 ? `; did you mean ${close.map((c) => `"${shownName(c)}"`).join(", ")}?` : "; no column has a similar name";
  return fail(`roles: "${shownName(name)}" (${role}) is not a column of the data${hint}`, "OPTION", name, {
    key: "error.unknownColumn",
    params: { column: shownName(name), role, close: close.map((c) => shownName(c)).join("\u0000") },
  });
}

/** "+" or "-" (blanks, the Unicode minus and full-width signs tolerated), else an OPTION error. */
function parseDirection(d: unknown, role: string): Direction {
  const s = typeof d === "string" ? d.normalize("NFKC").trim().replace("\u2212", "-") : d;
  if (s === "+" || s === "-") return s;
  return fail(`roles: ${role} has direction ${JSON.stringify(d ?? null)}; it must be "+" (benefit) or "-" (cost)`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * An unknown key in a roles object is an error naming it (with the closest known key), never
 * silently ignored: `"factor"` -> did you mean "factors"? Keys starting with "_", "$" or "//"
 * (comments, a schema) are allowed. With `typosOnly` (the top level of a panel roles file, whose
 * other keys are inputs for the report sections, e.g. "weights") only a key close to a known one
 * is an error.
 */
function checkKeys(obj: Record<string, unknown>, known: string[], where: string, typosOnly = false): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key) || /^(_|\$|\/\/)/.test(key)) continue;
    const near = closeMatches(key, known, 1);
    if (typosOnly && near.length === 0) continue;
    fail(
      `roles: unknown key "${shownName(key)}" in ${where}${near.length ? `; did you mean "${near[0]}"?` : ""} (known keys: ${known.map((k) => `"${k}"`).join(", ")})`,
    );
  }
}

function parseFactors(raw: unknown, headers: string[]): FactorRole[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) fail(`roles: "factors" must be a list of column names`);
  return raw.map((f, i) => {
    const role = `factor ${i + 1}`;
    if (typeof f === "string") return { column: resolveColumn(f, role, headers) };
    if (isObject(f)) {
      checkKeys(f, ["column", "kind"], role);
      const column = resolveColumn(f.column, role, headers);
      if (f.kind === undefined || f.kind === null) return { column };
      if (f.kind !== "numeric" && f.kind !== "categorical")
        fail(`roles: factor "${column}" has kind ${JSON.stringify(f.kind)}; it must be "numeric" or "categorical"`);
      return { column, kind: f.kind };
    }
    return fail(`roles: ${role} must be a column name or { "column": ..., "kind": ... }`);
  });
}

/** Throw when a column plays two roles; `uses` lists [column, role description]. */
function assertDistinct(uses: Array<[string, string]>): void {
  const seen = new Map<string, string>();
  for (const [col, role] of uses) {
    const before = seen.get(col);
    if (before !== undefined)
      fail(`roles: column "${col}" is used twice: as ${before} and as ${role}`, "OPTION", col, {
        key: "error.usedTwice",
        params: { column: col, role: before, role2: role },
      });
    seen.set(col, role);
  }
}

/**
 * Validate roles against a header row. `json` is the roles file text, the parsed object, or
 * already validated `Roles` (validated again, e.g. against another sheet). Column names are
 * matched exactly, else ignoring case and blanks; the result spells them as in `headers`.
 *
 * Errors (CoordError): OPTION for an unknown column (with close matches), a bad direction or
 * factor kind, a column in two roles, a missing id/time/y, a malformed file; EMPTY for a
 * subsystem without indicators; TOO_FEW for fewer than two subsystems or no factor in the
 * geodetector shape.
 */
export function parseRoles(json: string | RolesFile | Roles | unknown, headers: ArrayLike<Cell | undefined>): Roles {
  let obj: unknown = json;
  if (typeof json === "string") {
    try {
      obj = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
    } catch (e) {
      fail(`roles: the roles file is not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(obj)) fail(`roles: the roles file must be a JSON object such as { "id": ..., "time": ..., "subsystems": { ... } }`);
  const hdr = Array.from(headers, (h) => (h === null || h === undefined ? "" : String(h).trim()));

  const isGeo = obj.kind === "geodetector" || (obj.kind === undefined && obj.y !== undefined && obj.subsystems === undefined);
  if (isGeo) {
    checkKeys(obj, ["kind", "y", "factors", "id", "group", "time", "subsystems"], "the roles file");
    for (const k of ["time", "subsystems"]) if (obj[k] !== undefined) fail(`roles: a geodetector roles file (with "y") has no "${k}"; remove it or remove "y"`);
    const y = resolveColumn(obj.y, "y", hdr);
    const factors = parseFactors(obj.factors, hdr);
    if (factors.length === 0) fail(`roles: the geodetector needs at least one factor in "factors"`, "TOO_FEW");
    const id = obj.id === undefined || obj.id === null ? undefined : resolveColumn(obj.id, "id", hdr);
    const group = obj.group === undefined || obj.group === null ? undefined : resolveColumn(obj.group, "group", hdr);
    const uses: Array<[string, string]> = [[y, "y"]];
    if (id !== undefined) uses.push([id, "id"]);
    if (group !== undefined) uses.push([group, "group"]);
    // the group column may also be a factor: q of the region itself (spatial stratified heterogeneity)
    for (const f of factors) if (f.column !== group) uses.push([f.column, "a factor"]);
    assertDistinct(uses);
    const out: GeoRoles = { kind: "geodetector", y, factors };
    if (id !== undefined) out.id = id;
    if (group !== undefined) out.group = group;
    return out;
  }

  checkKeys(obj, ["kind", "id", "time", "group", "subsystems", "factors", "inputs"], "the roles file", true);
  if (obj.id === undefined || obj.id === null) fail(`roles: "id" (the column naming each unit, e.g. the province) is missing`);
  if (obj.time === undefined || obj.time === null) fail(`roles: "time" (the column of years or periods) is missing`);
  const id = resolveColumn(obj.id, "id", hdr);
  const time = resolveColumn(obj.time, "time", hdr);
  const group = obj.group === undefined || obj.group === null ? undefined : resolveColumn(obj.group, "group", hdr);

  const rawSubs = obj.subsystems;
  let entries: Array<[string, unknown]>;
  if (Array.isArray(rawSubs))
    entries = rawSubs.map((s, i) => {
      if (!isObject(s)) fail(`roles: subsystem ${i + 1} must be { "name": ..., "indicators": [...] }`);
      checkKeys(s, ["name", "indicators"], `subsystem ${i + 1}`);
      const name = s.name === undefined || s.name === null || String(s.name).trim() === "" ? `Subsystem ${i + 1}` : String(s.name).trim();
      return [name, s.indicators];
    });
  else if (isObject(rawSubs)) entries = Object.entries(rawSubs);
  else return fail(`roles: "subsystems" is missing; it maps each subsystem's name to its indicators`, "TOO_FEW");

  const subsystems: SubsystemRole[] = entries.map(([name, list]) => {
    if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) fail(`roles: subsystem "${name}" has no indicators`, "EMPTY");
    if (!Array.isArray(list)) fail(`roles: subsystem "${name}" must list its indicators as [{ "column": ..., "direction": "+" }]`);
    const indicators = list.map((ind, k) => {
      const role = `indicator ${k + 1} of subsystem "${name}"`;
      if (typeof ind === "string") fail(`roles: ${role} ("${ind}") needs a direction: { "column": "${ind}", "direction": "+" }`);
      if (!isObject(ind)) fail(`roles: ${role} must be { "column": ..., "direction": "+" or "-" }`);
      checkKeys(ind, ["column", "direction"], role);
      const column = resolveColumn(ind.column, role, hdr);
      return { column, direction: parseDirection(ind.direction, `indicator "${column}" of subsystem "${name}"`) };
    });
    return { name, indicators };
  });
  if (subsystems.length < 2)
    fail(
      `roles: coupling needs at least two subsystems; found ${subsystems.length}${subsystems.length === 1 ? ` ("${subsystems[0].name}")` : ""}. Split the indicators into two or more subsystems`,
      "TOO_FEW",
      undefined,
      subsystems.length === 1
        ? { key: "error.twoSubsystemsOne", params: { name: subsystems[0].name } }
        : { key: "error.twoSubsystemsNone", params: { n: subsystems.length } },
    );
  const names = new Set<string>();
  for (const s of subsystems) {
    if (names.has(s.name)) fail(`roles: two subsystems are named "${s.name}"`);
    names.add(s.name);
  }
  const factors = parseFactors(obj.factors, hdr);

  const uses: Array<[string, string]> = [
    [id, "id"],
    [time, "time"],
  ];
  if (group !== undefined) uses.push([group, "group"]);
  for (const s of subsystems) for (const ind of s.indicators) uses.push([ind.column, `an indicator of "${s.name}"`]);
  // the group column may also be a factor: q of the region itself (spatial stratified heterogeneity)
  for (const f of factors) if (f.column !== group) uses.push([f.column, "a factor"]);
  assertDistinct(uses);

  const out: PanelRoles = { kind: "panel", id, time, subsystems, factors };
  if (group !== undefined) out.group = group;
  const inputs: Record<string, unknown> = isObject(obj.inputs) ? { ...obj.inputs } : {};
  for (const [k, v] of Object.entries(obj)) if (!PANEL_KEYS.has(k)) inputs[k] = v;
  if (Object.keys(inputs).length > 0) out.inputs = inputs;
  return out;
}

/** The roles in the file shape (subsystems as an object, as in the sample), pretty-printed. */
export function rolesToFile(roles: Roles): RolesFile {
  const factors = roles.factors.map((f): FactorRoleFile => (f.kind ? { column: f.column, kind: f.kind } : f.column));
  if (roles.kind === "geodetector") {
    const g: GeoRolesFile = { y: roles.y, factors };
    if (roles.id !== undefined) g.id = roles.id;
    if (roles.group !== undefined) g.group = roles.group;
    return g;
  }
  const subsystems: Record<string, IndicatorRole[]> = {};
  for (const s of roles.subsystems) subsystems[s.name] = s.indicators.map((i) => ({ column: i.column, direction: i.direction }));
  // key order as in the sample file: id, time, group, subsystems, factors
  const file: PanelRolesFile = { id: roles.id, time: roles.time, ...(roles.group !== undefined ? { group: roles.group } : {}), subsystems };
  if (factors.length > 0) file.factors = factors;
  return roles.inputs ? { ...file, ...roles.inputs } : file;
}

/** `rolesToFile` as JSON text (2-space indent, trailing newline): what the user saves and edits. */
export function rolesToJson(roles: Roles): string {
  return JSON.stringify(rolesToFile(roles), null, 2) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Guessing

/** What `guessRoles` proposes. */
export interface RolesGuess {
  /** The proposed roles (possibly incomplete: see `ready`). */
  roles: PanelRoles;
  /** True when `parseRoles(roles, headers)` would accept the guess as is. */
  ready: boolean;
  /** What the user should check or edit, e.g. a single subsystem to split (in English; `guessNoteText` for another language). */
  messages: string[];
  /** The same notes as catalogue keys and their data, for `guessNoteText`. */
  notes: GuessNote[];
  /** Indicator columns guessed to be cost indicators (direction "-") from their names: to be reviewed. */
  review: string[];
}

/** A note of the roles guess: a catalogue key, its numbers, the columns it names, the subsystem counts of a split. */
export interface GuessNote {
  key:
    | "guess.noTime"
    | "guess.noId"
    | "guess.textUnused"
    | "guess.coordinates"
    | "guess.splitByPrefix"
    | "guess.noIndicators"
    | "guess.oneSubsystem"
    | "guess.costs"
    | "guess.factors";
  n?: number;
  names?: string[];
  parts?: Array<{ name: string; n: number }>;
}

/**
 * The text of a guess note in a language.
 * @example
 * guessNoteText({ key: "guess.textUnused", names: ["备注", "来源"] }, "zh"); // => "未使用的文本列：“备注”、“来源”"
 * guessNoteText({ key: "guess.textUnused", names: ["备注", "来源"] }, "en"); // => 'text columns not used: "备注", "来源"'
 */
export function guessNoteText(note: GuessNote, lang: Lang): string {
  const t = translator(lang);
  const quote = (h: string) => (t.lang === "zh" ? `“${h}”` : `"${h}"`);
  return t(note.key, {
    n: note.n ?? 0,
    names: t.list((note.names ?? []).map(quote)),
    parts: t.list((note.parts ?? []).map((p) => t("guess.prefixPart", { name: p.name, n: p.n }))),
    timeNames: "year / time / period / 年份",
  });
}

/**
 * Words that mark a cost (negative) indicator: more is worse. Matched in the NFKC-lowercased
 * header; a guess only, so every match is listed for review.
 */
const COST_WORDS = [
  "排放",
  "失业",
  "能耗",
  "污染",
  "事故",
  "废水",
  "废气",
  "废物",
  "固废",
  "烟尘",
  "粉尘",
  "二氧化硫",
  "so2",
  "co2",
  "碳排",
  "死亡率",
  "犯罪",
  "贫困",
  "赤字",
  "负债",
  "拥堵",
  "噪声",
  "耗水",
  "单位gdp能",
  "万元gdp能",
  "emission",
  "unemploy",
  "pollut",
  "waste",
  "accident",
  "energy per",
  "energy consumption per",
  "per unit of gdp",
  "mortality",
  "crime",
  "poverty",
  "deficit",
  "congestion",
  "noise",
  "sulfur",
  "sulphur",
  "城乡收入比",
  "收入差距",
  "income gap",
];
/** Words that make a cost word a benefit: treating, using or cutting the bad thing. */
const BENEFIT_WORDS = [
  "治理",
  "处理",
  "利用",
  "无害化",
  "减排",
  "去除",
  "达标",
  "treatment",
  "treated",
  "utiliz",
  "utilis",
  "reduction",
  "recycl",
  "abatement",
];

/**
 * True when a header reads like a cost indicator (emissions, unemployment, energy per GDP,
 * pollution, accidents ...).
 * @example
 * looksLikeCost("工业废水排放量（万吨）"); // => true
 * looksLikeCost("Energy consumption per unit of GDP"); // => true
 * looksLikeCost("人均GDP"); // => false
 * looksLikeCost("工业固体废物综合利用率"); // => false (using waste is a benefit)
 */
export function looksLikeCost(header: string): boolean {
  const h = normalizeName(header).replace(/_/g, " ");
  return COST_WORDS.some((w) => h.includes(w)) && !BENEFIT_WORDS.some((w) => h.includes(w));
}

const TIME_NAMES = ["year", "years", "time", "period", "年份", "年", "年度", "时间"];
const GROUP_NAMES = [
  "region",
  "regions",
  "区域",
  "地区",
  "group",
  "zone",
  "area",
  "片区",
  "地带",
  "分区",
  "所属区域",
  "所属地区",
  "区域划分",
  "经济区",
  "所在区域",
];
/** A group column by its name: the names above, or 所属…区域 / …区域划分 / "... region" variants. */
function isGroupName(n: string): boolean {
  return GROUP_NAMES.includes(n) || /^(所属|所在).{0,4}(区域|地区|地带|板块)$|^(区域|地区)(划分|类型|分组)$|^(economic |geographic )?(region|zone)s?$/.test(n);
}
const ID_NAMES = ["id", "province", "city", "county", "country", "unit", "name", "code", "省份", "省", "城市", "地级市", "县", "国家"];
/** A factor column: "X1 ...", "X2_...", "x3: ...". */
const FACTOR_HEADER = /^[xX]\d+(?:\b|[_:：\s])/;
/** Coordinate columns (for spatial weights, M11), never indicators: lon/lat, x/y, 经度/纬度. */
const COORDINATE_HEADER = /^(lon|lng|long|longitude|lat|latitude|x|y|经度|纬度|东经|北纬)$/i;
/** A subsystem prefix: "U1_GDP", "A: GDP", "NQPF_patents", "城镇化_人口". Separators _ : ： |. */
const PREFIX = /^([A-Za-z\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff]{0,19})\s*[_:：|]\s*(\S.*)$/;
/** A letter-number code before the name: "A1 GDP", "B12人口", "A1.GDP", "A1_GDP", "A1、GDP". */
const CODE_PREFIX = /^([A-Za-z]\d{1,3})(?:[.-]\d{1,2})?(?![\d%]|\.\d)\s*[_:：|.、)）-]?\s*(\S.*)$/;
/** A level marker before the name: "一级指标_", "二级:", "一级 ". */
const LEVEL_MARK = /^[一二三]级(?:指标)?\s*[_:：|-]?\s*/;

/**
 * The subsystem prefix of an indicator header, or null: "U1_GDP" -> "U1", "A: GDP" -> "A",
 * "A1 GDP" -> "A1" (a code; `guessRoles` groups unique codes A1, A2, B1 by their letter),
 * "一级指标_经济_人均GDP" -> "经济" (level markers are skipped).
 * @example
 * subsystemPrefix("B3 人均GDP"); // => "B3"
 * subsystemPrefix("一级:经济|人均GDP"); // => "经济"
 * subsystemPrefix("GDP per capita"); // => null
 */
export function subsystemPrefix(header: string): string | null {
  const h = header.normalize("NFKC").trim().replace(LEVEL_MARK, "");
  const code = CODE_PREFIX.exec(h);
  if (code) return code[1].toUpperCase();
  return PREFIX.exec(h)?.[1] ?? null;
}

function cellIsNumber(c: Cell): boolean {
  return typeof c === "number" || (typeof c === "string" && parseNumber(c) !== null);
}

/**
 * Propose roles from the header row and the data rows below it (`rows` excludes the header;
 * a first row equal to `headers` is skipped, so the whole sheet may be passed too).
 *
 * - time: a column named year / time / period / 年份 / 年 / 年度 / 时间 (any case), else the
 *   first column whose name contains "year" or "年";
 * - id: the first text column not named like a group (else a column named province / id /
 *   省份 ..., else the first column);
 * - group: a text column named region / 区域 / 地区 / group / zone / area;
 * - factors: numeric columns named "X1 ...", "X2_..." (driving factors, as in the sample);
 * - indicators: every other numeric column, direction "+".
 *
 * Subsystems: when every indicator's header carries a prefix ("U1_", "A:", "NQPF_", with
 * "_", ":" or "|" after it) and there are at least two prefixes, the indicators are split by
 * prefix, named by it. Otherwise they all go to ONE subsystem ("Subsystem 1"): such a guess is
 * NOT ready — the pipeline needs at least two subsystems — and the user must split it (and
 * set the "-" directions) before running; `messages` says so. Other text columns are ignored
 * and listed in `messages`.
 */
export function guessRoles(headers: ArrayLike<Cell | undefined>, rows: Cell[][]): RolesGuess {
  const hdr = Array.from(headers, (h) => (h === null || h === undefined ? "" : String(h).trim()));
  // tolerate being handed the whole sheet: skip a first row that is the header row itself
  if (
    rows.length > 0 &&
    hdr.some((h) => h !== "") &&
    hdr.every((h, j) => h === (rows[0][j] === null || rows[0][j] === undefined ? "" : String(rows[0][j]).trim()))
  )
    rows = rows.slice(1);
  const notes: GuessNote[] = [];
  const numeric: boolean[] = hdr.map((_, j) => {
    let any = false;
    for (const r of rows) {
      const c = r[j] ?? null;
      if (c === null) continue;
      if (!cellIsNumber(c)) return false;
      any = true;
    }
    return any;
  });
  const used = new Set<number>();
  const norm = hdr.map(normalizeName);
  const named = (list: string[]) => norm.findIndex((h, j) => h !== "" && !used.has(j) && list.includes(h));

  let time = named(TIME_NAMES);
  if (time < 0) time = norm.findIndex((h) => /year|年/.test(h));
  if (time >= 0) used.add(time);
  else notes.push({ key: "guess.noTime" });

  const isText = (j: number) => hdr[j] !== "" && !numeric[j] && rows.some((r) => (r[j] ?? null) !== null);
  let id = hdr.findIndex((_, j) => !used.has(j) && isText(j) && !isGroupName(norm[j]));
  if (id < 0) id = hdr.findIndex((_, j) => !used.has(j) && isText(j));
  if (id < 0) id = named(ID_NAMES);
  if (id < 0) id = hdr.findIndex((h, j) => h !== "" && !used.has(j));
  if (id >= 0) used.add(id);
  if (id < 0) notes.push({ key: "guess.noId" });

  let group = norm.findIndex((h, j) => !used.has(j) && isGroupName(h) && isText(j));
  if (group >= 0) used.add(group);
  else group = -1;

  const factors: FactorRole[] = [];
  const indicatorCols: number[] = [];
  const ignored: string[] = [];
  const coordinates: string[] = [];
  hdr.forEach((h, j) => {
    if (used.has(j) || h === "") return;
    if (!numeric[j]) {
      if (rows.some((r) => (r[j] ?? null) !== null)) ignored.push(h);
      return;
    }
    if (FACTOR_HEADER.test(h)) factors.push({ column: h });
    else if (COORDINATE_HEADER.test(h.trim())) coordinates.push(h);
    else indicatorCols.push(j);
  });
  if (ignored.length > 0) notes.push({ key: "guess.textUnused", names: ignored });
  if (coordinates.length > 0) notes.push({ key: "guess.coordinates", names: coordinates });

  const review: string[] = [];
  const dirOf = (h: string): Direction => {
    if (!looksLikeCost(h)) return "+";
    review.push(h);
    return "-";
  };
  let prefixes = indicatorCols.map((j) => subsystemPrefix(hdr[j]));
  // A1, A2, B1, B2 ... each on one column: indicator codes, the letter is the subsystem
  if (prefixes.every((p) => p !== null && /^[A-Z]\d+$/.test(p)) && new Set(prefixes).size === prefixes.length) prefixes = prefixes.map((p) => p!.charAt(0));
  const distinct = [...new Set(prefixes)];
  let subsystems: SubsystemRole[];
  if (indicatorCols.length > 0 && prefixes.every((p) => p !== null) && distinct.length >= 2) {
    subsystems = (distinct as string[]).map((p) => ({
      name: p,
      indicators: indicatorCols.filter((_, k) => prefixes[k] === p).map((j) => ({ column: hdr[j], direction: dirOf(hdr[j]) })),
    }));
    notes.push({ key: "guess.splitByPrefix", n: subsystems.length, parts: subsystems.map((s) => ({ name: s.name, n: s.indicators.length })) });
  } else {
    subsystems = [{ name: "Subsystem 1", indicators: indicatorCols.map((j) => ({ column: hdr[j], direction: dirOf(hdr[j]) })) }];
    if (indicatorCols.length === 0) notes.push({ key: "guess.noIndicators" });
    else notes.push({ key: "guess.oneSubsystem", n: indicatorCols.length });
  }
  if (review.length > 0) notes.push({ key: "guess.costs", names: review });
  if (factors.length > 0) notes.push({ key: "guess.factors", names: factors.map((f) => f.column) });

  const roles: PanelRoles = {
    kind: "panel",
    id: id >= 0 ? hdr[id] : "",
    time: time >= 0 ? hdr[time] : "",
    subsystems,
    factors,
  };
  if (group >= 0) roles.group = hdr[group];
  const ready = id >= 0 && time >= 0 && subsystems.length >= 2 && subsystems.every((s) => s.indicators.length > 0);
  return { roles, ready, messages: notes.map((n) => guessNoteText(n, "en")), notes, review };
}
