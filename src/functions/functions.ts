/**
 * CoordLab custom functions (namespace COORD, declared in manifest.xml).
 *
 * Every exported function with a `@customfunction` JSDoc tag becomes a worksheet function:
 * custom-functions-metadata-plugin (webpack.config.js) reads this file, writes functions.json
 * and appends the `CustomFunctions.associate(id, fn)` calls to the bundle. Each function needs
 * a description, `@param` descriptions, `@helpurl` (https://localhost:3000/assets/help/<name>.html,
 * rewritten to the production URL at build) and an entry with the same id and parameters in
 * functions.zh-CN.json; tests/build/functionsMetadata.test.ts checks all of that.
 *
 * Shared runtime: this bundle runs in the taskpane page (taskpane.html), next to taskpane.js.
 */
import pkg from "../../package.json";
import { excelCall } from "./excel";
import { ccdImpl } from "./impl/ccd";
import { ccdGradeImpl } from "./impl/ccdGrade";
import { compositeImpl } from "./impl/composite";
import { criticWeightImpl } from "./impl/criticWeight";
import { breaksImpl, discretizeImpl } from "./impl/discretize";
import { entropyWeightImpl } from "./impl/entropyWeight";
import { geodetectorImpl, geoqImpl } from "./impl/geodetector";
import { hakenFitImpl } from "./impl/hakenFit";
import { kdensityImpl } from "./impl/kdensity";
import { standardizeImpl } from "./impl/standardize";

// In Excel, office.js defines `CustomFunctions` before this bundle runs. In a plain browser
// (the page opened outside Office, or office.js blocked / offline) it is missing, and the
// appended `CustomFunctions.associate(...)` calls would throw: give them a no-op instead.
{
  const g = globalThis as { CustomFunctions?: unknown };
  if (typeof g.CustomFunctions === "undefined") {
    g.CustomFunctions = { associate: (): void => undefined };
  }
}

/**
 * The version of the CoordLab add-in, e.g. "0.1.0": cite it with the results.
 * @customfunction VERSION
 * @helpurl https://localhost:3000/assets/help/index.html#version
 * @returns The CoordLab version.
 */
export function version(): string {
  return pkg.version;
}

// ---------------------------------------------------------------------------------------------
// The analysis functions. Each wrapper only converts errors: the logic, argument reading and
// output shaping live in src/functions/impl/*.ts (tested directly and through these wrappers).
// Range arguments are declared any[][] so that blank cells arrive as null/"" (number[][] would
// turn them into 0); option arguments are `any` so that text numbers and blanks are read by the
// adapter (src/functions/excel.ts) rather than rejected by Excel.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Entropy weights (M2) of the indicator columns of data: a row of weights summing to 1.
 * @customfunction ENTROPYWEIGHT
 * @helpurl https://localhost:3000/assets/help/entropyweight.html
 * @param data Raw indicator values: one row per observation (all region-years pooled), one column per indicator. A header row of names labels the result.
 * @param [directions] A row of + (benefit) or - (cost), or 1/-1, one per column. Default: all +.
 * @param [shift] Shift δ added to the standardized values before the entropy (0.0001, 0.001, 0.01 are common). Default 0.
 * @param [output] "weights" (default): the weight row; "table" (or TRUE): rows e, d and w.
 * @returns {any[][]} The weights (with the column names above them when data has a header row).
 */
export function entropyweight(data: any[][], directions?: any[][], shift?: any, output?: any): any[][] {
  return excelCall(() => entropyWeightImpl(data, directions, shift, output)) as any[][];
}

/**
 * CRITIC weights (M3) of the indicator columns of data: a row of weights summing to 1.
 * @customfunction CRITICWEIGHT
 * @helpurl https://localhost:3000/assets/help/criticweight.html
 * @param data Raw indicator values: one row per observation, one column per indicator (min-max standardized with the directions first). A header row of names labels the result.
 * @param [directions] A row of + (benefit) or - (cost), or 1/-1, one per column. Default: all +.
 * @param [conflict] "r" (default): conflict R = Σ(1 - r); "abs": Σ(1 - |r|).
 * @param [output] "weights" (default): the weight row; "table" (or TRUE): rows sigma, R, C and w.
 * @returns {any[][]} The weights (with the column names above them when data has a header row).
 */
export function criticweight(data: any[][], directions?: any[][], conflict?: any, output?: any): any[][] {
  return excelCall(() => criticWeightImpl(data, directions, conflict, output)) as any[][];
}

/**
 * Min-max standardization (M1) of every column over all rows: benefit (x - min)/(max - min), cost (max - x)/(max - min).
 * @customfunction STANDARDIZE
 * @helpurl https://localhost:3000/assets/help/standardize.html
 * @param data Indicator values: one row per observation, one column per indicator. A header row is repeated above the result.
 * @param [directions] A row of + (benefit) or - (cost), or 1/-1, one per column. Default: all +.
 * @param [shift] Shift δ added to every standardized value. Default 0.
 * @param [lower] Rescale to lower + (upper - lower)·z (SPSSAU: 0.01). Default 0.
 * @param [upper] Upper end of the rescaled range (SPSSAU: 0.99). Default 1.
 * @returns {any[][]} The standardized values z, the shape of data.
 */
export function standardize(data: any[][], directions?: any[][], shift?: any, lower?: any, upper?: any): any[][] {
  return excelCall(() => standardizeImpl(data, directions, shift, lower, upper)) as any[][];
}

/**
 * Composite index U = Σ w·z (M4) of one subsystem, one value per row of data.
 * @customfunction COMPOSITE
 * @helpurl https://localhost:3000/assets/help/composite.html
 * @param data Raw indicator values of one subsystem: one row per observation, one column per indicator (standardized first, as STANDARDIZE does).
 * @param [directions] A row of + (benefit) or - (cost), or 1/-1, one per column. Default: all +.
 * @param [weights_or_method] "entropy" (default), "critic", or a row of one weight per column, ≥ 0 and summing to 1 (e.g. from ENTROPYWEIGHT).
 * @param [shift] Shift δ added to the standardized values (entropy is computed and U scored on the shifted values). Default 0.
 * @returns {any[][]} A column of U, one per row of data.
 */
export function composite(data: any[][], directions?: any[][], weights_or_method?: any[][], shift?: any): any[][] {
  return excelCall(() => compositeImpl(data, directions, weights_or_method, shift)) as any[][];
}

/**
 * Coupling coordination degree D (M5) of each row of subsystem scores; C and T on request.
 * @customfunction CCD
 * @helpurl https://localhost:3000/assets/help/ccd.html
 * @param systems Subsystem scores U in [0, 1]: one column per subsystem (two or more), one row per observation.
 * @param [output] "D" (default): a column of D; "all": columns C, T, D with a header row; "C" or "T": that column.
 * @param [form] Coupling degree C: "standard" (default), "modified" (Wang Shujia et al. 2021) or "fan".
 * @param [alpha] Weights α of T = Σ α·U, one per subsystem, summing to 1. Default: equal weights.
 * @returns {any[][]} D per row (#N/A in a row whose scores are all 0).
 */
export function ccd(systems: any[][], output?: any, form?: any, alpha?: any[][]): any[][] {
  return excelCall(() => ccdImpl(systems, output, form, alpha)) as any[][];
}

/**
 * Grade (M6) of each coupling coordination degree D: the name, number 1-10 or broad class.
 * @customfunction CCDGRADE
 * @helpurl https://localhost:3000/assets/help/ccdgrade.html
 * @param D Coupling coordination degrees in [0, 1]: a cell or a range (blank cells stay blank).
 * @param [language] "en" or "zh". Default: the language of Office.
 * @param [output] "name" (default): the grade's name; "number": 1 to 10; "class": dysfunctional decline, transitional or coordinated development.
 * @param [closure] "left" (default): [0.1, 0.2) ... with 1.0 in the top grade; "right": (0.1, 0.2] ...
 * @param [decimals] Round D to this many decimals before grading (so a printed table grades as printed). Default: no rounding.
 * @returns {any[][]} The grades, the shape of D.
 */
export function ccdgrade(D: any[][], language?: any, output?: any, closure?: any, decimals?: any): any[][] {
  return excelCall(() => ccdGradeImpl(D, language, output, closure, decimals)) as any[][];
}

/**
 * Class of each value of a numeric factor (M9), 1 to k, for GEOQ and GEODETECTOR.
 * @customfunction DISCRETIZE
 * @helpurl https://localhost:3000/assets/help/discretize.html
 * @param x The continuous factor: one column (or row) of numbers.
 * @param [method] "natural" (default, Jenks), "equal", "quantile", "geometric", "sd" or "optimal" (largest q of y over the methods and k = 3..8).
 * @param [k] Number of classes, at least 2. Default 6.
 * @param [y] For "optimal" only: the variable the geodetector explains, one value per x.
 * @returns {any[][]} The class numbers, the shape of x.
 */
export function discretize(x: any[][], method?: any, k?: any, y?: any[][]): any[][] {
  return excelCall(() => discretizeImpl(x, method, k, y)) as any[][];
}

/**
 * Break points (M9) of a numeric factor: b0 = min, b1, ..., bk = max, as a column.
 * @customfunction BREAKS
 * @helpurl https://localhost:3000/assets/help/breaks.html
 * @param x The continuous factor: one column (or row) of numbers.
 * @param [method] "natural" (default, Jenks), "equal", "quantile", "geometric", "sd" or "optimal" (needs y).
 * @param [k] Number of classes, at least 2. Default 6.
 * @param [y] For "optimal" only: the variable the geodetector explains, one value per x.
 * @returns {any[][]} The k + 1 breaks as a column.
 */
export function breaks(x: any[][], method?: any, k?: any, y?: any[][]): any[][] {
  return excelCall(() => breaksImpl(x, method, k, y)) as any[][];
}

/**
 * Gaussian kernel density (M7) at given points, or on R's 512-point grid.
 * @customfunction KDENSITY
 * @helpurl https://localhost:3000/assets/help/kdensity.html
 * @param values The sample: one column (or row) of numbers, e.g. D of all regions in one year.
 * @param [points] Where to evaluate the density. Default: 512 points on [min - 3h, max + 3h], returned as a table x, f.
 * @param [bandwidth] A positive number h, or "silverman" (default), "scott", "nrd0", "nrd", "scipy" (scipy's Scott) or "scipy_silverman".
 * @returns {any[][]} The densities at the points, or the columns x and f with a header row.
 */
export function kdensity(values: any[][], points?: any[][], bandwidth?: any): any[][] {
  return excelCall(() => kdensityImpl(values, points, bandwidth)) as any[][];
}

/**
 * Haken model (M10): both assignments fitted by pooled OLS over within-unit pairs (t, t+1); the order parameter, potential and stable point.
 * @customfunction HAKENFIT
 * @helpurl https://localhost:3000/assets/help/hakenfit.html
 * @param q1 The first series (candidate order parameter), one value per row; a header cell names it.
 * @param q2 The second series, one value per row.
 * @param [units] The unit (region) of each row; pairs are formed within units. Default: one series.
 * @param [times] The period (year) of each row. Default: 1, 2, ..., n (rows in order).
 * @param [output] "table" (default): estimates, SE, t, p and the decision; "both": both assignments side by side; "levels": the evolution level of each row.
 * @returns {any[][]} A labelled table, or one evolution level per row.
 */
export function hakenfit(q1: any[][], q2: any[][], units?: any[][], times?: any[][], output?: any): any[][] {
  return excelCall(() => hakenFitImpl(q1, q2, units, times, output)) as any[][];
}

/**
 * Geodetector q (M8) of a factor x for y with its p; with x2 the interaction q12, its p and type.
 * @customfunction GEOQ
 * @helpurl https://localhost:3000/assets/help/geoq.html
 * @param y The numeric variable to explain: one column (or row).
 * @param x The factor: categories (text or numbers) or a continuous variable, one per value of y.
 * @param [x2] A second factor: returns the interaction q12 of x and x2, its p and type.
 * @param [method] Strata: "auto" (default: categories when text or ≤ 10 distinct values, else natural breaks), "none", "equal", "quantile", "natural", "geometric", "sd" or "optimal".
 * @param [k] Number of classes for the discretizing methods. Default 6.
 * @param [labels] TRUE adds a header row (q, p or q12, p, type). Default FALSE.
 * @returns {any[][]} q and p (1 × 2), or q12, p and type (1 × 3).
 */
export function geoq(y: any[][], x: any[][], x2?: any[][], method?: any, k?: any, labels?: any): any[][] {
  return excelCall(() => geoqImpl(y, x, x2, method, k, labels)) as any[][];
}

/**
 * Geographical detector (M8) over several factors: the factor, interaction, risk or ecological detector, or the optimal discretization grid.
 * @customfunction GEODETECTOR
 * @helpurl https://localhost:3000/assets/help/geodetector.html
 * @param y The numeric variable to explain: one column.
 * @param factors One column per factor, same rows as y; a header row names them (default X1, X2, ...).
 * @param [detector] "factor" (default), "interaction", "risk", "ecological" or "optimal" (q of every method × k).
 * @param [method] Strata of each factor: "auto" (default), "none", "equal", "quantile", "natural", "geometric", "sd" or "optimal".
 * @param [k] Number of classes for the discretizing methods. Default 6.
 * @returns {any[][]} The detector's table with a header row.
 */
export function geodetector(y: any[][], factors: any[][], detector?: any, method?: any, k?: any): any[][] {
  return excelCall(() => geodetectorImpl(y, factors, detector, method, k)) as any[][];
}
