/**
 * The special functions from @stdlib (regularized incomplete beta, log gamma), loaded on their
 * first call rather than when the engine is imported: their ~50 small modules take ~0.1 s to
 * load, which `coordlab --help` and other runs that compute no p-value should not pay.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, typed by the import types */
type Betainc = typeof import("@stdlib/math-base-special-betainc");
type Gammaln = typeof import("@stdlib/math-base-special-gammaln");
let betaincFn: Betainc | undefined;
let gammalnFn: Gammaln | undefined;

/**
 * @stdlib's betainc(x, a, b, regularized, upper).
 *
 * @example
 * betainc(0.5, 2, 2, true, false); // => 0.5000
 */
export function betainc(x: number, a: number, b: number, regularized?: boolean, upper?: boolean): number {
  betaincFn ??= require("@stdlib/math-base-special-betainc") as Betainc;
  return betaincFn(x, a, b, regularized, upper);
}

/**
 * @stdlib's gammaln(x) = ln |Γ(x)|.
 *
 * @example
 * gammaln(5); // => 3.17805383 (ln 24)
 */
export function gammaln(x: number): number {
  gammalnFn ??= require("@stdlib/math-base-special-gammaln") as Gammaln;
  return gammalnFn(x);
}
