/**
 * Natural logarithm for the hot loop of the entropy weights (Σ z ln z over 3·10⁶ cells for
 * 10⁵ x 30): Tang's table method, inlined by V8 where Math.log is an out-of-line call.
 * x = 2^e · m with F = 1 + k/256 the nearest of the 257 points k/256 apart to x's mantissa (the
 * top 9 bits rounded: m in [F - 2^-9, F + 2^-9), and m - F exact; a mantissa that rounds up to 2
 * becomes F = 1 of the next e, so m may be just below 1); ln x = e·ln 2 + ln F + ln(1 + u),
 * u = (m - F)/F with |u| ≤ 2^-9, ln(1 + u) by its Taylor series to u⁵ (the remainder is below
 * |u|⁶/6 < 10⁻¹⁷), evaluated in pairs of terms (Estrin's scheme). ln 2 and ln F are split in two
 * parts each so that e·ln2_hi + lnF_hi is exact and only the small parts are rounded: the result
 * is within ε·max(1, |ln x|) of Math.log's (ε = 2^-52; measured over 2·10⁶ arguments from
 * 10^-300 to 10^300 and around 1, tests/engine/stats/ln.test.ts) — an absolute error, not a
 * relative one, near x = 1, which is what a sum of z ln z terms needs. Zero, subnormal, infinite,
 * NaN and negative arguments go to Math.log.
 *
 * @example
 * ln(Math.E); // => 1.000000000000000 (Math.log: 1; the last bit may differ)
 * ln(0.001); // => -6.907755278982137
 * ln(0); // => -Infinity
 */
export function ln(x: number): number {
  return x >= MIN_NORMAL && x < Infinity ? lnNormal(x) : Math.log(x);
}

/** The smallest positive normal float64, 2^-1022: lnNormal's lower bound. */
export const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * ln(x) for a positive normal finite x (MIN_NORMAL ≤ x < ∞) only, without the checks: `ln`'s
 * value for those. For loops that know their arguments are such numbers: a call of Math.log
 * anywhere in a loop (even on a branch never taken) makes V8 keep the loop's values in memory
 * around the call, ~30 % slower for the entropy sums (bench/NOTES.md, issue 17).
 *
 * @example
 * lnNormal(0.25); // => -1.386294361119891
 */
export function lnNormal(x: number): number {
  BITS_F64[0] = x;
  const hi = BITS_U32[HI] + 0x800; // the high word with the mantissa rounded at its 9th bit
  const biased = hi >>> 20; // 1..2047 for positive normal x (2047: x near 2^1024, rounded up)
  const k = (hi >>> 12) & 255; // the top 8 bits of the rounded mantissa
  const m = x * POW2_NEG[biased]; // x / 2^e, exact: m in [F_k - 2^-9, F_k + 2^-9)
  const u = (m - F[k]) * INV_F[k]; // m - F is exact
  const e = biased - 1023;
  // the series u - u²/2 + u³/3 - u⁴/4 + u⁵/5 as pairs of terms in powers of u² (Estrin's
  // scheme): a chain of 2 multiply-adds in u² instead of Horner's 5 in u
  const u2 = u * u;
  const p = u + u2 * (-0.5 + u * (1 / 3) + u2 * (-0.25 + u * 0.2));
  return e * LN2_HI + LN_F_HI[k] + (p + (e * LN2_LO + LN_F_LO[k]));
}

/** Where the high 32 bits of a float64 are in a Uint32Array view (little- or big-endian platform). */
const BITS_F64 = new Float64Array(1);
const BITS_U32 = new Uint32Array(BITS_F64.buffer);
BITS_F64[0] = 1; // 0x3FF00000_00000000
const HI = BITS_U32[1] === 0x3ff00000 ? 1 : 0;

/** ln 2 = LN2_HI + LN2_LO, LN2_HI a multiple of 2^-32 (fdlibm's split: e·LN2_HI is exact for |e| < 2^21). */
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;

/**
 * F_k = 1 + k/256, 1/F_k and ln F_k = LN_F_HI + LN_F_LO (Math.log's value), LN_F_HI rounded to a
 * multiple of 2^-42 so that e·LN2_HI + LN_F_HI is exact (|e| ≤ 1024: a multiple of 2^-42 below 2^10).
 */
const F = new Float64Array(256);
const INV_F = new Float64Array(256);
const LN_F_HI = new Float64Array(256);
const LN_F_LO = new Float64Array(256);
for (let k = 0; k < 256; k++) {
  F[k] = 1 + k / 256;
  INV_F[k] = 1 / F[k];
  const l = Math.log(F[k]);
  LN_F_HI[k] = Math.round(l * 2 ** 42) / 2 ** 42;
  LN_F_LO[k] = l - LN_F_HI[k];
}

/** 2^-(b - 1023) for each biased exponent b of the rounded high word (1..2047; 2^-1024 is subnormal, still exact). */
const POW2_NEG = new Float64Array(2048);
for (let b = 1; b < 2048; b++) POW2_NEG[b] = 2 ** -(b - 1023);
