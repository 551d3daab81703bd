/** Spatial weights (M11) and spatial autocorrelation (M12): the public surface of the module. */
export * from "./weights";
export * from "./distance";
export { moranI, gearyC, MOMENT_RULES } from "./moran";
export type { MomentRule, GlobalOptions, GlobalTest, MoranOptions, MoranResult, GearyResult, PermutationTest } from "./moran";
export * from "./localMoran";
export * from "./getisOrd";
export { spatialLag } from "./lag";
export { DEFAULT_SEED } from "./random";
export * from "./presets/chinaProvinces";
export { CHINA_PROVINCES } from "./presets/chinaProvincesData";
export type { ChinaProvince } from "./presets/chinaProvincesData";
