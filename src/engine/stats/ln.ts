/**
 * Natural logarithm for the hot loop of the entropy weights (Σ z ln z over 3·10⁶ cells for
 * 10⁵ x 30): Tang's table method, inlined by V8 where Math.log is an out-of-line call.
 * x = 2^e · m with m in [1, 2); F = 1 + k/128 from the top 7 bits of m (so f = m - F is exact);
 * ln x = e·ln 2 + ln F + ln(1 + u), u = f/F in [0, 2^-7), ln(1 + u) by its Taylor series to u⁷
 * (the remainder is below u⁸/8 < 2·10⁻¹⁸), evaluated in pairs of terms (Estrin's scheme). ln 2 is split in two parts, ln F and 1/F are rounded
 * once each: the result is within ε·max(1, |ln x|) of Math.log's (ε = 2^-52; measured over 2·10⁶
 * arguments from 10^-300 to 10^300 and around 1, tests/engine/stats/ln.test.ts) — an absolute
 * error, not a relative one, near x = 1, which is what a sum of z ln z terms needs. Zero,
 * subnormal, infinite, NaN and negative arguments go to Math.log.
 *
 * @example
 * ln(Math.E); // => 1.000000000000000 (Math.log: 1; the last bit may differ)
 * ln(0.001); // => -6.907755278982137
 * ln(0); // => -Infinity
 */
export function ln(x: number): number {
  BITS_F64[0] = x;
  const hi = BITS_U32[HI];
  const biased = hi >>> 20; // sign bit and exponent: 1..2046 for positive normal x
  if (biased === 0 || biased >= 2047) return Math.log(x);
  const k = (hi >>> 13) & 127; // the top 7 bits of the mantissa
  const m = x * POW2_NEG[biased]; // x / 2^e, exact: m in [1, 2)
  const u = (m - F[k]) * INV_F[k]; // m - F is exact (F is m cut to 7 bits)
  const e = biased - 1023;
  // the series u - u²/2 + ... + u⁷/7 as pairs of terms in powers of u² (Estrin's scheme): a chain
  // of 3 multiply-adds in u² instead of Horner's 7 in u, which the hot loop would wait on
  const u2 = u * u;
  const p = u + u2 * (-0.5 + u * (1 / 3) + u2 * (-0.25 + u * 0.2 + u2 * (-1 / 6 + u * (1 / 7))));
  return e * LN2_HI + LN_F[k] + (p + e * LN2_LO);
}

/** Where the high 32 bits of a float64 are in a Uint32Array view (little- or big-endian platform). */
const BITS_F64 = new Float64Array(1);
const BITS_U32 = new Uint32Array(BITS_F64.buffer);
BITS_F64[0] = 1; // 0x3FF00000_00000000
const HI = BITS_U32[1] === 0x3ff00000 ? 1 : 0;

/** ln 2 = LN2_HI + LN2_LO, LN2_HI with 11 trailing zero bits (so e·LN2_HI is exact for |e| < 2^11). */
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;

/** F_k = 1 + k/128, 1/F_k and ln F_k. */
const F = new Float64Array(128);
const INV_F = new Float64Array(128);
const LN_F = new Float64Array(128);
for (let k = 0; k < 128; k++) {
  F[k] = 1 + k / 128;
  INV_F[k] = 1 / F[k];
  LN_F[k] = Math.log(F[k]);
}

/** 2^-(b - 1023) for each biased exponent b of a normal float64 (1..2046). */
const POW2_NEG = new Float64Array(2048);
for (let b = 1; b < 2047; b++) POW2_NEG[b] = 2 ** -(b - 1023);
