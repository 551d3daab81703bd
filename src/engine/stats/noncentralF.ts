import { betainc } from "./special";
import { gammaln } from "./special";
import { fUpperP } from "./fDistribution";

/** Relative truncation target of the Poisson series (METHODS.md M8: p computed directly). */
const REL_TOL = 1e-16;
/** Results below this are reported as they come (possibly 0): double precision ends here. */
const ABS_FLOOR = 1e-300;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Upper tail of the non-central F distribution, P(F'(d1, d2; λ) > f), computed directly as a
 * Poisson mixture of regularized incomplete beta upper tails (METHODS.md M8):
 *
 *   P = Σ_j e^{-λ/2} (λ/2)^j / j! · P(Beta(d1/2 + j, d2/2) > x),  x = d1 f / (d1 f + d2).
 *
 * Never 1 - cdf, so p keeps its digits far below 1e-8 (down to ~1e-300). The sum starts at the
 * Poisson mode and walks outward with recurrences (one incomplete beta at the start, then O(1)
 * per term; backward steps, which subtract, are re-anchored by a direct evaluation whenever
 * their rounding-error bound passes 1e-14). Truncation:
 * forward, the rest is bounded by the Poisson upper tail (each beta tail ≤ 1); backward, by
 * term · ρ/(1 - ρ) with ρ = j/μ (both factors decrease). Each side stops when its bound is below
 * 1e-16 × the sum (or below 1e-300 absolute), so the stated truncation error is ≤ 2e-16 relative.
 * Terms are carried with a common scale factor so that no term underflows on the way.
 *
 * @example
 * ncfUpperP(38.735507560362024, 8, 176, 152.04007465989056); // => 1.169904391542e-4
 */
export function ncfUpperP(f: number, d1: number, d2: number, lambda: number): number {
  if (!(d1 > 0) || !(d2 > 0) || !(lambda >= 0) || Number.isNaN(f) || !Number.isFinite(lambda)) return NaN;
  if (f <= 0) return 1;
  if (!Number.isFinite(f)) return 0;
  if (lambda === 0) return fUpperP(f, d1, d2);

  const a = d1 / 2;
  const b = d2 / 2;
  const mu = lambda / 2;
  // x and 1 - x without cancellation
  const x = (d1 * f) / (d1 * f + d2);
  const y = d2 / (d1 * f + d2);

  const k = Math.floor(mu);
  // log Poisson weight at the mode, by Loader's saddle point (accurate for large μ)
  const lnW0 = logPoissonAtMode(k, mu);
  // U_k = P(Beta(a+k, b) > x) and g_k = U_{k+1} - U_k = x^{a+k} y^b / ((a+k) B(a+k, b))
  const U0 = betainc(x, a + k, b, true, true);
  const lnG0 = logBetaIncrement(a + k, b, x, y);
  const lnA0 = U0 > 0 ? lnW0 + Math.log(U0) : -Infinity;
  // common scale: every carried quantity is (true value) / exp(scale)
  let scale = Math.max(lnA0, lnW0 + lnG0, lnW0);
  const A0 = Math.exp(lnA0 - scale);

  // forward j = k, k+1, ...: A_j = w_j U_j, G_j = w_j g_j, W_j = w_j (all scaled); U_{j+1} = U_j + g_j
  let sum = A0;
  let A = A0;
  let G = Math.exp(lnW0 + lnG0 - scale);
  let W = Math.exp(lnW0 - scale);
  for (let j = k; ; j++) {
    const r = mu / (j + 1);
    A = r * (A + G);
    G = (r * G * x * (a + b + j)) / (a + j + 1);
    W = r * W;
    sum += A;
    // rest = Σ_{i ≥ j+2} w_i U_i ≤ W_{j+1} ρ/(1-ρ), ρ = μ/(j+2), since U ≤ 1 and w decays
    const rho = mu / (j + 2);
    if (rho < 1) {
      const rest = (W * rho) / (1 - rho);
      if (rest <= REL_TOL * sum || rest * Math.exp(scale) < ABS_FLOOR) break;
    }
    const m = Math.max(sum, G, W);
    if (m > 1e280 || m < 1e-280) {
      if (m === 0) break;
      // rescale so that nothing overflows or underflows on the way
      const e = 1 / m;
      sum *= e;
      A *= e;
      G *= e;
      W *= e;
      scale += Math.log(m);
    }
  }

  // backward j = k-1, ..., 0: U_j = U_{j+1} - g_j, g_j = g_{j+1} (a+j+1) / (x (a+b+j)),
  // w_j = w_{j+1} (j+1)/μ. The subtraction loses digits when U falls: track its error bound and
  // re-anchor U with a direct evaluation when it exceeds 1e-14 relative.
  let U = U0;
  let err = 0;
  let lnW = lnW0;
  let lnG = lnG0;
  for (let j = k - 1; j >= 0; j--) {
    lnW += Math.log((j + 1) / mu);
    lnG += Math.log((a + j + 1) / (x * (a + b + j)));
    err += Number.EPSILON * U;
    U -= Math.exp(lnG);
    if (!(U > 0) || err > 1e-14 * U) {
      U = betainc(x, a + j, b, true, true);
      err = 0;
    }
    if (!(U > 0)) break;
    const term = Math.exp(lnW + Math.log(U) - scale);
    sum += term;
    // rest = Σ_{i<j} w_i U_i ≤ term ρ/(1-ρ), ρ = j/μ (w and U both fall as j falls)
    const rho = j / mu;
    if ((term * rho) / (1 - rho) <= REL_TOL * sum || term * Math.exp(scale) < ABS_FLOOR) break;
  }
  const p = sum * Math.exp(scale);
  return p > 1 ? 1 : p;
}

/**
 * ln g with g = I_x(α, β) - I_x(α + 1, β) = x^α y^β / (α B(α, β)), y = 1 - x. Written as a
 * binomial density times β/n (n = α + β) and evaluated by Loader's saddle point, so that no
 * large log-gammas cancel (plain lgamma differences lose ~1e-11 when β ~ 1e5).
 */
function logBetaIncrement(alpha: number, beta: number, x: number, y: number): number {
  const n = alpha + beta;
  const lnDensity = stirlerr(n) - stirlerr(alpha) - stirlerr(beta) - bd0(alpha, n * x) - bd0(beta, n * y) + 0.5 * Math.log(n / (2 * Math.PI * alpha * beta));
  return lnDensity + Math.log(beta / n);
}

/** ln of the Poisson probability e^{-μ} μ^k / k! at k = floor(μ), without cancellation. */
function logPoissonAtMode(k: number, mu: number): number {
  if (k === 0) return -mu;
  // Loader (2000): ln p = -stirlerr(k) - bd0(k, μ) - ln √(2π k)
  return -stirlerr(k) - bd0(k, mu) - LN_SQRT_2PI - 0.5 * Math.log(k);
}

/** stirlerr(n) = ln n! - [(n + 1/2) ln n - n + ln √(2π)] (Loader's series for n > 15). */
function stirlerr(n: number): number {
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (n <= 15) return gammaln(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI; // also for non-integer n
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** bd0(x, m) = x ln(x/m) + m - x, by a series when x ≈ m (Loader). */
function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}
