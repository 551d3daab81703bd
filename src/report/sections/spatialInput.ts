/**
 * The report's spatial weights (METHODS.md M11), shared by the sections that need them
 * ("spatial" and "spatialMarkov"): what the user gave (the roles' "weights" key, else the
 * weights option), the one reason text when nothing was given, and the weights resolved for the
 * panel's units (in the panel's unit order, not transformed yet).
 */
import type { SpatialWeights } from "../../engine/spatial/weights";
import { translator, type StringKey, type Translate } from "../i18n";
import { resolveSpatialWeights, SpatialWeightsInput } from "../spatialWeights";
import type { NotApplicable, SectionContext } from "./types";

/** The weights input: the roles' "weights" key, else the weights option (and coords) of the options; null when none is given. */
export function weightsInput(ctx: SectionContext): SpatialWeightsInput | null {
  if (ctx.inputs.weights !== undefined && ctx.inputs.weights !== null && ctx.inputs.weights !== "") return ctx.inputs.weights;
  return ctx.options.weights.trim() ? ctx.options.weights.trim() : null;
}

/** Why a section needing spatial weights does not run (none given), or null when weights are given. */
export function noWeights(ctx: SectionContext): NotApplicable | null {
  return weightsInput(ctx) === null ? { reason: translator(ctx.options.language)("spatialInput.noWeights") } : null;
}

/**
 * The report's weights for the panel's units (panel order, as given: no transform, no isolate
 * check). Call only when `noWeights(ctx)` is null.
 */
export function reportWeights(ctx: SectionContext): SpatialWeights {
  const input = weightsInput(ctx);
  if (input === null) throw new Error("reportWeights: no spatial weights were given (check noWeights first)");
  return resolveSpatialWeights(input, ctx.panel.units);
}

/**
 * The description of the weights used (`SpatialWeights.source`, as the engine and the resolver
 * write it) in the report's language: the presets, the coordinate builders with their metric, the
 * economic and nested weights and the column names they were built from; a file's name stays as
 * it is. The nested forms come first: their geographic part may carry its own ", from columns …".
 *
 * @example
 * weightsSourceText("knn:6 (great-circle km), from columns lon, lat", translator("zh")); // => "knn:6（k 近邻，大圆距离，千米），由 lon、lat 列计算"
 */
export function weightsSourceText(source: string, t: Translate): string {
  if (t.lang === "en") return source;
  const metric = (m: string) => (m === "great-circle km" ? t("spatial.src.greatCircle") : m === "Euclidean" ? t("spatial.src.euclidean") : m);
  let m: RegExpExecArray | null;
  if ((m = /^nested \(([\d.]+)·(.*) \+ ([\d.]+)·(.*)\)$/.exec(source)))
    return t("spatial.src.nestedMix", { phi: m[1], geo: weightsSourceText(m[2], t), psi: m[3], economic: weightsSourceText(m[4], t) });
  if ((m = /^nested \((.*?) x (.*)\)$/.exec(source))) return t("spatial.src.nested", { geo: weightsSourceText(m[1], t), economic: weightsSourceText(m[2], t) });
  if ((m = /^(.*), from columns (.+)$/.exec(source)))
    return t("spatial.src.fromColumns", { source: weightsSourceText(m[1], t), columns: t.list(m[2].split(", ")) });
  if ((m = /^economic distance 1\/\|difference of the means of (.*)\|$/.exec(source))) return t("spatial.src.economicOf", { column: m[1] });
  if ((m = /^knn:(\d+) \((.*)\)$/.exec(source))) return t("spatial.src.knn", { k: m[1], metric: metric(m[2]) });
  if ((m = /^band:(\S+) \((.*)\)$/.exec(source))) return t("spatial.src.band", { d: m[1], metric: metric(m[2]) });
  if ((m = /^idw:(\S+) \((.*?), (.*)\)$/.exec(source))) {
    const how = m[3];
    const within = /^within (.*)$/.exec(how);
    const k = /^k = (\d+)$/.exec(how);
    const howText = within
      ? t("spatial.src.within", { d: within[1] })
      : k
        ? t("spatial.src.k", { k: k[1] })
        : how === "all pairs"
          ? t("spatial.src.allPairs")
          : how;
    return t("spatial.src.idw", { a: m[1], metric: metric(m[2]), how: howText });
  }
  const whole: Record<string, StringKey> = {
    [translator("en")("spatial.src.china")]: "spatial.src.china",
    [translator("en")("spatial.src.chinaIsland")]: "spatial.src.chinaIsland",
    "economic distance": "spatial.src.economic",
    links: "spatial.src.links",
    matrix: "spatial.src.matrix",
    "edge list": "spatial.src.edges",
  };
  return whole[source] ? t(whole[source]) : source;
}
