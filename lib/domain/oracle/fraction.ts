/** The oracle's exact numbers: non-negative fractions of BigInts, and the two roundings the rules name. */
export type Fraction = { n: bigint; d: bigint };

export const frac = (n: bigint | number, d: bigint | number = 1n): Fraction => ({ n: BigInt(n), d: BigInt(d) });

export function plus(a: Fraction, b: Fraction): Fraction {
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function times(a: Fraction, b: Fraction): Fraction {
  return { n: a.n * b.n, d: a.d * b.d };
}

/** Half-up (half away from zero) to an integer: 2.5 → 3, −2.5 → −3. */
export function roundHalfUp(a: Fraction): number {
  const sign = a.n < 0n !== a.d < 0n ? -1n : 1n;
  const n = a.n < 0n ? -a.n : a.n;
  const d = a.d < 0n ? -a.d : a.d;
  return Number(sign * ((2n * n + d) / (2n * d)));
}

/** Up to the next integer (non-negative fractions). */
export function roundUp(a: Fraction): number {
  return Number((a.n + a.d - 1n) / a.d);
}

export function compare(a: Fraction, b: Fraction): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
