/**
 * The built-in weights (M11): China's 31 provinces, queen contiguity, Hainan linked to
 * Guangdong (default) or an island; units matched by name in English or Chinese.
 */
import { CoordError } from "../../errors";
import { SpatialWeights, alignWeights, weightsFromLinks } from "../weights";
import { CHINA_HAINAN_LINK, CHINA_PROVINCES, CHINA_QUEEN_PAIRS } from "./chinaProvincesData";

export type HainanRule = "guangdong" | "island";

/** The preset names as the command line and roles JSON give them. */
export const CHINA_PRESETS = { "china-provinces": "guangdong", "china-provinces-island": "island" } as const;
export type ChinaPresetName = keyof typeof CHINA_PRESETS;

/**
 * The 31 x 31 binary queen contiguity weights (not transformed), labels = the seed paper's names
 * in its row order.
 *
 * @example
 * const W = chinaProvincesWeights();
 * [W.n, W.neighbours.length]; // => [31, 138]
 * chinaProvincesWeights({ hainan: "island" }).neighbours.length; // => 136
 */
export function chinaProvincesWeights(options: { hainan?: HainanRule } = {}): SpatialWeights {
  const hainan = options.hainan ?? "guangdong";
  if (hainan !== "guangdong" && hainan !== "island")
    throw new CoordError("OPTION", `hainan must be 'guangdong' or 'island'; got '${String(hainan)}'`, { argument: "hainan" });
  const pairs = hainan === "guangdong" ? [...CHINA_QUEEN_PAIRS, ...CHINA_HAINAN_LINK] : CHINA_QUEEN_PAIRS;
  const from: number[] = [];
  const to: number[] = [];
  for (const [i, j] of pairs) {
    from.push(i, j);
    to.push(j, i);
  }
  const source =
    hainan === "guangdong"
      ? "china-provinces (queen contiguity, Natural Earth; Hainan linked to Guangdong)"
      : "china-provinces-island (queen contiguity, Natural Earth; Hainan an island)";
  return weightsFromLinks(
    CHINA_PROVINCES.map((p) => p.name),
    from,
    to,
    from.map(() => 1),
    { source },
  );
}

/** Lower case, without spaces, hyphens, apostrophes and dots. */
function fold(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-'’.·_]/g, "");
}

let lookup: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (lookup) return lookup;
  lookup = new Map();
  const add = (key: string, name: string) => {
    const k = fold(key);
    if (k) lookup!.set(k, name);
  };
  for (const p of CHINA_PROVINCES) {
    for (const a of [p.name, p.zh, p.zhShort, ...p.aliases]) add(a, p.name);
    // "Hebei Province", "Hebei Sheng", "Beijing Shi", "Beijing City", "Xinjiang Uygur Autonomous Region"
    for (const suffix of ["province", "sheng", "shi", "city", "municipality", "autonomousregion", "zizhiqu"]) add(p.name + suffix, p.name);
  }
  return lookup;
}

/**
 * The preset's name of a province written in English or Chinese, full or short, with common
 * variants (北京 / 北京市, Inner Mongolia / 内蒙古自治区 / Nei Mongol, Tibet / Xizang); undefined
 * when it is not one of the 31.
 *
 * @example
 * resolveChinaProvince("内蒙古自治区"); // => "Nei Mongolia"
 * resolveChinaProvince(" inner mongolia "); // => "Nei Mongolia"
 * resolveChinaProvince("北京"); // => "Beijing"
 * resolveChinaProvince("Shaanxi Province"); // => "Shaanxi"
 */
export function resolveChinaProvince(name: string): string | undefined {
  const k = fold(String(name));
  const t = table();
  const hit = t.get(k);
  if (hit) return hit;
  // Chinese with or without the administrative suffix: 河北省 / 河北, 广西壮族自治区 / 广西
  const stripped = k.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, "");
  return stripped !== k ? t.get(stripped) : undefined;
}

/**
 * The preset weights for the data's units (any order, any subset: a panel without Tibet takes
 * the 30 x 30 sub-matrix), matched by name in English or Chinese; not transformed.
 *
 * @example
 * const W = chinaProvincesWeightsFor(["北京", "天津", "河北"]);
 * W.labels; // => ["北京", "天津", "河北"]
 * Array.from(W.neighbours); // => [1, 2, 0, 2, 0, 1]
 */
export function chinaProvincesWeightsFor(units: readonly string[], options: { hainan?: HainanRule } = {}): SpatialWeights {
  const W = alignWeights(chinaProvincesWeights(options), units, {
    allowExtra: true,
    resolve: resolveChinaProvince,
    what: "China's 31 provinces (the china-provinces weights)",
  });
  return { ...W, labels: units.map(String) };
}
