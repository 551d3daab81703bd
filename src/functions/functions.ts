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
import { giStarImpl, lisaImpl, moranImpl, spatialLagImpl } from "./impl/spatial";
import { dagumImpl } from "./impl/dagum";
import { convergenceImpl } from "./impl/convergence";
import { markovImpl, spatialMarkovImpl } from "./impl/markov";
import { obstacleImpl } from "./impl/obstacle";

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
 * @param [method] "natural" (default, Jenks), "equal", "quantile", "geometric", "sd" or "optimal" (largest q of y over the methods and k range).
 * @param [k] Number of classes, at least 2. Default 6. For "optimal": the k range, e.g. "3:7" (default 3..8).
 * @param [y] For "optimal" only: the variable the geodetector explains, one value per x.
 * @param [methods] For "optimal" only: the methods tried, e.g. "equal,natural,quantile". Default all five.
 * @returns {any[][]} The class numbers, the shape of x.
 */
export function discretize(x: any[][], method?: any, k?: any, y?: any[][], methods?: any): any[][] {
  return excelCall(() => discretizeImpl(x, method, k, y, methods)) as any[][];
}

/**
 * Break points (M9) of a numeric factor: b0 = min, b1, ..., bk = max, as a column.
 * @customfunction BREAKS
 * @helpurl https://localhost:3000/assets/help/breaks.html
 * @param x The continuous factor: one column (or row) of numbers.
 * @param [method] "natural" (default, Jenks), "equal", "quantile", "geometric", "sd" or "optimal" (needs y).
 * @param [k] Number of classes, at least 2. Default 6. For "optimal": the k range, e.g. "3:7" (default 3..8).
 * @param [y] For "optimal" only: the variable the geodetector explains, one value per x.
 * @param [methods] For "optimal" only: the methods tried, e.g. "equal,natural,quantile". Default all five.
 * @returns {any[][]} The k + 1 breaks as a column.
 */
export function breaks(x: any[][], method?: any, k?: any, y?: any[][], methods?: any): any[][] {
  return excelCall(() => breaksImpl(x, method, k, y, methods)) as any[][];
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
 * @param [output] "table" (default): estimates, SE, t, p, each condition and the decision; "both": both assignments side by side; "levels": the evolution level of each row.
 * @param [order] "auto" (default: the assignment that passes the adiabatic test), "A" (q1 is the order parameter) or "B" (q2 is).
 * @param [alpha] Significance level of the coefficients. Default 0.05.
 * @param [requiresignificance] TRUE: every coefficient significant at alpha is part of the adiabatic rule. Default FALSE.
 * @returns {any[][]} A labelled table, or one evolution level per row.
 */
export function hakenfit(
  q1: any[][],
  q2: any[][],
  units?: any[][],
  times?: any[][],
  output?: any,
  order?: any,
  alpha?: any,
  requiresignificance?: any,
): any[][] {
  return excelCall(() => hakenFitImpl(q1, q2, units, times, output, order, alpha, requiresignificance)) as any[][];
}

/**
 * Geodetector q (M8) of a factor x for y with its p; with x2 the interaction q12, its p and type.
 * @customfunction GEOQ
 * @helpurl https://localhost:3000/assets/help/geoq.html
 * @param y The numeric variable to explain: one column (or row).
 * @param x The factor: categories (text or numbers) or a continuous variable, one per value of y.
 * @param [x2] A second factor: returns the interaction q12 of x and x2, its p and type.
 * @param [method] Strata: "auto" (default: categories when text, or whole numbers with ≤ 10 levels and fewer than n/2; else natural breaks), "none", "equal", "quantile", "natural", "geometric", "sd" or "optimal".
 * @param [k] Number of classes for the discretizing methods. Default 6. For "optimal": the k range, e.g. "3:7" (default 3..8).
 * @param [labels] TRUE adds a header row (q, p or q12, p, type). Default FALSE.
 * @param [kind] "auto" (default), "numeric" or "categorical": declares the kind of x (a two-cell range: of x and x2).
 * @param [test] "noncentral" (default: the non-central F p of R geodetector), "central" (central F p of H0: q = 0) or "both".
 * @returns {any[][]} q and p (1 × 2), or q12, p and type (1 × 3).
 */
export function geoq(y: any[][], x: any[][], x2?: any[][], method?: any, k?: any, labels?: any, kind?: any, test?: any): any[][] {
  return excelCall(() => geoqImpl(y, x, x2, method, k, labels, kind, test)) as any[][];
}

/**
 * Geographical detector (M8) over several factors: the factor, interaction, risk or ecological detector, or the optimal discretization grid.
 * @customfunction GEODETECTOR
 * @helpurl https://localhost:3000/assets/help/geodetector.html
 * @param y The numeric variable to explain: one column.
 * @param factors One column per factor, same rows as y; a header row names them (default X1, X2, ...).
 * @param [detector] "factor" (default), "interaction", "risk", "ecological" or "optimal" (q of every method × k).
 * @param [method] Strata of each factor: "auto" (default), "none", "equal", "quantile", "natural", "geometric", "sd" or "optimal".
 * @param [k] Number of classes for the discretizing methods. Default 6. For "optimal": the k range, e.g. "3:7" (default 3..8).
 * @param [kind] "auto" (default), "numeric" or "categorical": one for all factors, or a row with one per factor.
 * @param [test] "noncentral" (default: the non-central F p of R geodetector), "central" (central F p of H0: q = 0) or "both".
 * @param [methods] For "optimal": the methods tried, e.g. "equal,natural,quantile". Default all five.
 * @returns {any[][]} The detector's table with a header row.
 */
export function geodetector(y: any[][], factors: any[][], detector?: any, method?: any, k?: any, kind?: any, test?: any, methods?: any): any[][] {
  return excelCall(() => geodetectorImpl(y, factors, detector, method, k, kind, test, methods)) as any[][];
}

/**
 * Global Moran's I (M12) of values over the units of a weights matrix: I, E[I], variance, z, p, two-sided p and a permutation p; Geary's C with output "geary".
 * @customfunction MORANI
 * @helpurl https://localhost:3000/assets/help/morani.html
 * @param values One value per unit (e.g. D of every province in one year), a column or a row, in the order of the weights' rows; a header cell is allowed.
 * @param weights The n x n spatial weights: 0/1 contiguity or any non-negative weights with a zero diagonal, with or without a label row and column.
 * @param [output] "moran" (default): Moran's I block; "geary": Geary's C, E[C], variance, z, p, two-sided p.
 * @param [transform] Weights transform: "row" (default, rows sum to 1), "binary" (0/1) or "none" (as given).
 * @param [permutations] Random permutations of the permutation test (default 999; 0 skips it).
 * @param [seed] Seed of the permutations (default 1): the same seed gives the same p on every recalculation.
 * @returns {any[][]} A labelled block of 7 rows (6 for Geary's C), labels in the first column.
 */
export function morani(values: any[][], weights: any[][], output?: any, transform?: any, permutations?: any, seed?: any): any[][] {
  return excelCall(() => moranImpl(values, weights, output, transform, permutations, seed)) as any[][];
}

/**
 * Local Moran's I (LISA, M12) of each unit with row-standardised weights: I_i, z, p, quadrant (HH, LL, HL, LH) and cluster at alpha.
 * @customfunction LISA
 * @helpurl https://localhost:3000/assets/help/lisa.html
 * @param values One value per unit, a column or a row, in the order of the weights' rows; a header cell is allowed.
 * @param weights The n x n spatial weights, with or without a label row and column (row-standardised here).
 * @param [output] "table" (default): I_i, z, p, quadrant and cluster with a header row; or one of "Ii", "z", "p", "quadrant", "cluster" as one value per unit.
 * @param [alpha] Significance level of the clusters (default 0.05): a unit is HH, LL, HL or LH when p < alpha, else "not significant".
 * @returns {any[][]} The table (n + 1 rows x 5), or one value per unit in the orientation of values.
 */
export function lisa(values: any[][], weights: any[][], output?: any, alpha?: any): any[][] {
  return excelCall(() => lisaImpl(values, weights, output, alpha)) as any[][];
}

/**
 * Getis-Ord Gi* (M12) of each unit as a z-score, the unit itself included: positive = hot spot, negative = cold spot (|z| > 1.645, 1.960, 2.576 at 90, 95, 99 %).
 * @customfunction GISTAR
 * @helpurl https://localhost:3000/assets/help/gistar.html
 * @param values One value per unit, a column or a row, in the order of the weights' rows; a header cell is allowed.
 * @param weights The n x n spatial weights, with or without a label row and column (z is the same for binary and row-standardised weights).
 * @returns {any[][]} One Gi* z per unit, in the orientation of values.
 */
export function gistar(values: any[][], weights: any[][]): any[][] {
  return excelCall(() => giStarImpl(values, weights)) as any[][];
}

/**
 * Spatial lag (M12) of each unit: the weighted sum of its neighbours' values with the transformed weights (with "row", their mean).
 * @customfunction SPATIALLAG
 * @helpurl https://localhost:3000/assets/help/spatiallag.html
 * @param values One value per unit, a column or a row, in the order of the weights' rows; a header cell is allowed.
 * @param weights The n x n spatial weights, with or without a label row and column.
 * @param [transform] Weights transform: "row" (default), "binary" or "none".
 * @returns {any[][]} One lag per unit, in the orientation of values.
 */
export function spatiallag(values: any[][], weights: any[][], transform?: any): any[][] {
  return excelCall(() => spatialLagImpl(values, weights, transform)) as any[][];
}

/**
 * Dagum Gini decomposition (M13) by group for each period: G, G_w, G_nb, G_t and their shares; the within- or between-group Ginis on request.
 * @customfunction DAGUM
 * @helpurl https://localhost:3000/assets/help/dagum.html
 * @param values A units x periods range (units in rows, one column per period, as Table 3); an optional label row of periods and label column of units.
 * @param groups The group (region) of each unit: a column with one cell per row of values (a header cell above is skipped).
 * @param [output] "summary" (default): G, G_w, G_nb, G_t and shares per period; "within": G_jj of each group; "between": G_jh of each pair; "D": D_jh of each pair; "high": the pair's group with the higher mean.
 * @returns {any[][]} One row per period under a header row.
 */
export function dagum(values: any[][], groups: any[][], output?: any): any[][] {
  return excelCall(() => dagumImpl(values, groups, output)) as any[][];
}

/**
 * σ-convergence (SD and CV per period) or absolute β-convergence (M13) of a units x periods panel.
 * @customfunction CONVERGENCE
 * @helpurl https://localhost:3000/assets/help/convergence.html
 * @param panel A units x periods range (Table 3 layout); optional label row (periods) and label column (units). Values > 0 for β.
 * @param [output] "sigma" (default): n, mean, SD and CV per period with ddof 0; "sigma1": the same with ddof 1; "beta": pooled ln(y(t+1)/y(t)) on ln y(t) and the long-difference regression, with speed and half-life.
 * @returns {any[][]} A table with a header row.
 */
export function convergence(panel: any[][], output?: any): any[][] {
  return excelCall(() => convergenceImpl(panel, output)) as any[][];
}

/**
 * Markov chain (M14) of the classes of a units x periods panel: transition probabilities, counts, steady state or mean first passage times.
 * @customfunction MARKOV
 * @helpurl https://localhost:3000/assets/help/markov.html
 * @param panel A units x periods range (Table 3 layout); optional label row (periods) and label column (units).
 * @param [classes] Omitted: pooled quartiles; a number k: k pooled quantiles; "quantile:k", "cutoffs:0.3,0.4,0.5,0.6" (":left" for [a, b)), "grades" (the ten D grades); or a range of cutoffs.
 * @param [output] "P" (default): row = class at t, columns = class at t+1, n per row; "counts"; "steady"; "mfpt" (∞ where not reached); "classes": the class 1..k of every cell.
 * @returns {any[][]} A labelled matrix.
 */
export function markov(panel: any[][], classes?: any, output?: any): any[][] {
  return excelCall(() => markovImpl(panel, classes, output)) as any[][];
}

/**
 * Spatial Markov chain (M14, Rey 2001): one transition matrix per class of the spatial lag at the start period, and the Q and LR homogeneity tests.
 * @customfunction SPATIALMARKOV
 * @helpurl https://localhost:3000/assets/help/spatialmarkov.html
 * @param panel A units x periods range (Table 3 layout); optional label row (periods) and label column (units).
 * @param weights An n x n spatial weights matrix of the units (e.g. 0/1 contiguity), with or without a label row and column; it is row-standardised.
 * @param [classes] Classes of the panel's values, as in MARKOV. Default: pooled quartiles.
 * @param [lagClasses] "own" (default): the lag's own pooled quantiles; "same": the classes of the values; or a class text as in classes.
 * @param [output] "P" (default): one block per lag class; "counts"; "steady"; "mfpt"; "tests": Q and LR with dof and p.
 * @returns {any[][]} Stacked labelled blocks, or the tests table.
 */
export function spatialmarkov(panel: any[][], weights: any[][], classes?: any, lagClasses?: any, output?: any): any[][] {
  return excelCall(() => spatialMarkovImpl(panel, weights, classes, lagClasses, output)) as any[][];
}

/**
 * Obstacle degree (M15) of every row of raw indicator data: the top indicators holding it back, with their obstacle degree in percent.
 * @customfunction OBSTACLE
 * @helpurl https://localhost:3000/assets/help/obstacle.html
 * @param data Raw indicator values: one row per observation (all region-years pooled), one column per indicator; a header row of names labels the obstacles.
 * @param [directions] A row of + (benefit) or - (cost), one per column (default all +); optionally a second row naming each indicator's subsystem.
 * @param [top] How many obstacles per row. Default 5.
 * @returns {any[][]} Per row: obstacle 1, O 1 (%), …, obstacle k, O k (%), under a header row.
 */
export function obstacle(data: any[][], directions?: any[][], top?: any): any[][] {
  return excelCall(() => obstacleImpl(data, directions, top)) as any[][];
}
