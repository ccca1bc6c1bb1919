/**
 * Money is an integer number of fen (minor units). JavaScript numbers are exact
 * for integers up to 2^53 (≈ 90 trillion yuan), far beyond any loan, so fen are
 * plain safe integers; every operation checks that and rounds explicitly.
 */
export type Fen = number;

export function assertFen(value: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number of fen, got ${value}`);
  return value;
}

export function addFen(...values: Fen[]): Fen {
  return assertFen(values.reduce((sum, v) => sum + assertFen(v), 0), 'sum');
}

/**
 * Integer division of a non-negative or negative numerator by a positive
 * denominator, rounded half-up (half away from zero) to the fen, computed in
 * BigInt so no intermediate value is ever a float.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): Fen {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  if ((n % denominator) * 2n >= denominator) q += 1n;
  return assertFen(Number(negative ? -q : q));
}

/**
 * divideHalfUp for a numerator and denominator that are safe integers (|n| < 2^53, d > 0): the same result without
 * BigInt, for the hot paths of schedules. Doubles hold such integers exactly; the quotient from a floating division
 * is corrected with the exact remainder, so nothing is ever rounded by the float.
 */
export function divideHalfUpSafe(numerator: number, denominator: number): Fen {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) throw new RangeError('divideHalfUpSafe takes safe integers only');
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const n = Math.abs(numerator);
  let q = Math.floor(n / denominator);
  let r = n - q * denominator;
  while (r < 0) {
    q -= 1;
    r += denominator;
  }
  while (r >= denominator) {
    q += 1;
    r -= denominator;
  }
  if (r * 2 >= denominator) q += 1;
  return numerator < 0 ? 0 - q : q; // (0 − 0 is +0, as divideHalfUp gives)
}

/**
 * Splits an amount into n parts that sum to it and differ by at most one fen:
 * the remainder is spread one fen each over the last parts (so the last part
 * absorbs at most a fen, however many parts).
 */
export function splitEvenly(total: Fen, parts: number): Fen[] {
  assertFen(total);
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError('parts must be a positive integer');
  if (total < 0) throw new RangeError('total must not be negative');
  const base = Math.floor(total / parts);
  const remainder = total - base * parts;
  return Array.from({ length: parts }, (_, i) => (i >= parts - remainder ? base + 1 : base));
}

/**
 * Parses a typed amount into fen: accepts "1,234.50", "1234.5", "¥1 234", and
 * full-width digits and punctuation ("１２３４．５"). Returns null for anything
 * that is not a plain non-negative amount with at most two decimals.
 *
 * A comma or a space groups thousands, and only that: "1,234.50" and "1 234" are
 * read, but "1038,50" (a decimal comma, as some spreadsheets write it) and
 * "1,2345" are refused rather than read as 103,850 or 12,345 yuan.
 */
export function parseAmountToFen(input: string): Fen | null {
  const text = input
    .normalize('NFKC')
    .replace(/[¥￥]|CNY|RMB|元/gi, '')
    .trim();
  const match = /^(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return null;
  const yuan = BigInt(match[1]!.replace(/[, ]/g, ''));
  const fen = BigInt((match[2] ?? '').padEnd(2, '0') || '0');
  const total = yuan * 100n + fen;
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(total);
}

// Building an Intl.NumberFormat costs far more than using one: keep one per locale and currency.
const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formats.set(key, format);
  }
  return format;
}

/** Fen as a plain decimal in yuan, built from integers (e.g. 123450 → "1234.50", -5 → "-0.05"): for files such as CSV. */
export function fenToDecimal(fen: Fen): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Formats fen as a currency string with Intl (e.g. "¥1,234.50"). */
export function formatMoney(fen: Fen, locale: string, currency = 'CNY'): string {
  assertFen(fen);
  const negative = fen < 0;
  // Build the decimal from integers so no float rounding can show a wrong fen.
  const text = fenToDecimal(Math.abs(fen));
  const formatted = currencyFormat(locale, currency).format(text as unknown as number);
  return negative ? `-${formatted}` : formatted;
}
