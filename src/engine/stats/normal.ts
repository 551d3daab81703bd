/**
 * Upper tail of the standard normal distribution, P(Z > z), to full double precision in both
 * tails (never 1 - cdf): the p-values of Moran's I, Geary's C, local Moran and Gi* (M12).
 *
 * erfc(x) for x ≥ 0: below 2 from the positive-term series
 * erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (no cancellation), from 2 on by the
 * continued fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (Lentz).
 *
 * @example
 * normalUpperP(1.959963984540054); // => 0.025
 * normalUpperP(-1); // => 0.841344746068543
 * normalUpperP(10); // => 7.61985302416058e-24 (R: 7.61985302416053e-24)
 */
export function normalUpperP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const x = Math.abs(z) / Math.SQRT2;
  const tail = 0.5 * erfcNonNegative(x); // P(Z > |z|)
  return z >= 0 ? tail : 1 - tail;
}

/**
 * Two-sided p-value 2·P(Z > |z|).
 *
 * @example
 * normalTwoSidedP(-1.959963984540054); // => 0.05
 */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 2 * normalUpperP(Math.abs(z));
}

const SQRT_PI = Math.sqrt(Math.PI);

function erfcNonNegative(x: number): number {
  if (x < 2) {
    // erf by the series of positive terms, then erfc = 1 - erf (erfc(2) ≈ 4.7e-3: ≤ 1e-13 relative)
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x2) * sum;
  }
  // modified Lentz for the continued fraction 1/(x + a1/(x + a2/(x + ...))), a_k = k/2
  const tiny = 1e-300;
  let f = x;
  let C = x;
  let D = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    D = x + a * D;
    D = D === 0 ? tiny : D;
    C = x + a / C;
    C = C === 0 ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}
