import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addFen, divideHalfUp, divideHalfUpSafe, fenToDecimal, formatMoney, parseAmountToFen, splitEvenly } from './money';

describe('divideHalfUp', () => {
  it('rounds half away from zero, at the fen', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3); // 2.5 → 3
    expect(divideHalfUp(7n, 3n)).toBe(2); // 2.33 → 2
    expect(divideHalfUp(8n, 3n)).toBe(3); // 2.67 → 3
    expect(divideHalfUp(-5n, 2n)).toBe(-3);
    expect(divideHalfUp(0n, 7n)).toBe(0);
  });

  it('is within half a fen of the exact quotient', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (n, d) => {
        const q = BigInt(divideHalfUp(n, d));
        const error = q * d - n; // scaled error
        expect(2n * (error < 0n ? -error : error) <= d).toBe(true);
      }),
    );
  });
});

describe('divideHalfUpSafe', () => {
  it('is divideHalfUp for safe integers, and refuses anything else', () => {
    expect(divideHalfUpSafe(5, 2)).toBe(3);
    expect(divideHalfUpSafe(-5, 2)).toBe(-3);
    expect(divideHalfUpSafe(7, 3)).toBe(2);
    expect(divideHalfUpSafe(0, 7)).toBe(0);
    expect(divideHalfUpSafe(Number.MAX_SAFE_INTEGER, 2)).toBe(4_503_599_627_370_496);
    expect(() => divideHalfUpSafe(2 ** 53, 3)).toThrow(RangeError);
    expect(() => divideHalfUpSafe(1.5, 3)).toThrow(RangeError);
    expect(() => divideHalfUpSafe(5, 0)).toThrow(RangeError);
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 53n - 1n), max: 2n ** 53n - 1n }), fc.bigInt({ min: 1n, max: 2n ** 40n }), (n, d) => {
        expect(divideHalfUpSafe(Number(n), Number(d))).toBe(divideHalfUp(n, d));
      }),
    );
  });
});

describe('splitEvenly', () => {
  it('spreads the fen left over one each over the last parts', () => {
    expect(splitEvenly(100, 3)).toEqual([33, 33, 34]);
    // 359.09 over 12: 29.92 × 12 = 359.04; the 5 fen over go to the last five.
    expect(splitEvenly(35_909, 12)).toEqual([2_992, 2_992, 2_992, 2_992, 2_992, 2_992, 2_992, 2_993, 2_993, 2_993, 2_993, 2_993]);
    expect(splitEvenly(0, 4)).toEqual([0, 0, 0, 0]);
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
    expect(() => splitEvenly(-1, 2)).toThrow(RangeError);
  });

  it('always adds up to the total, parts one fen apart at most, never smaller later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_00 }), fc.integer({ min: 1, max: 600 }), (total, parts) => {
        const split = splitEvenly(total, parts);
        expect(split).toHaveLength(parts);
        expect(addFen(...split)).toBe(total);
        // Against the quotient worked out independently: floor(total / parts), the remainder's worth of parts one more.
        const q = Math.floor(total / parts);
        expect(split.filter((p) => p === q + 1)).toHaveLength(total - q * parts);
        expect(split.every((p) => p === q || p === q + 1)).toBe(true);
        for (let i = 1; i < parts; i++) expect(split[i]!).toBeGreaterThanOrEqual(split[i - 1]!);
      }),
    );
  });
});

describe('parseAmountToFen', () => {
  it.each([
    ['1,234.50', 123450],
    ['1234.5', 123450],
    ['1234', 123400],
    ['０.０５', 5],
    ['１２３４．５', 123450],
    ['¥ 1 000', 100000],
    ['12，345.67元', 1234567],
    ['1,234,567.8', 123456780],
    ['CNY 12 345 678', 1234567800],
    ['0', 0],
  ])('reads %s as %i fen', (input, fen) => {
    expect(parseAmountToFen(input)).toBe(fen);
  });

  it.each(['', 'abc', '-5', '1.234', '1e5', '12.3.4', '99999999999999999999'])('refuses %s', (input) => {
    expect(parseAmountToFen(input)).toBeNull();
  });

  // A comma or space that does not group thousands is a decimal comma or a slip: read, "1038,50" would be
  // ¥103,850.00 and "1,2345" ¥12,345.00.
  it.each(['1038,50', '12,00', '1,2345', '12,34,567', ',123', '123,', '1 2', '1234 567', '1,234 567', '1,,234', '1,234,5678.00'])('refuses %s: not thousands', (input) => {
    expect(parseAmountToFen(input)).toBeNull();
  });

  it('round-trips any amount formatted with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const text = `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
        expect(parseAmountToFen(text)).toBe(fen);
      }),
    );
  });
});

describe('formatMoney', () => {
  it('formats CNY for both languages, to the fen, with no float error', () => {
    expect(formatMoney(123450, 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(123450, 'en')).toBe('CN¥1,234.50');
    expect(formatMoney(1, 'zh-CN')).toBe('¥0.01');
    expect(formatMoney(-2550, 'zh-CN')).toBe('-¥25.50');
    // 2^53 − 1 fen: a float division by 100 would print the wrong last digit.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'zh-CN')).toBe('¥90,071,992,547,409.91');
  });

  it('refuses a fractional fen', () => {
    expect(() => formatMoney(1.5, 'zh-CN')).toThrow(RangeError);
  });
});

describe('fenToDecimal', () => {
  it('writes fen as yuan with two decimals, from integers (hand-worked)', () => {
    expect(fenToDecimal(123_450)).toBe('1234.50');
    expect(fenToDecimal(5)).toBe('0.05');
    expect(fenToDecimal(-5)).toBe('-0.05');
    expect(fenToDecimal(0)).toBe('0.00');
    // 2^53 − 1 fen: a float division would print …740991.00 after rounding; integers keep the last fen.
    expect(fenToDecimal(9_007_199_254_740_991)).toBe('90071992547409.91');
  });
});

describe('money at its edges, worked by hand', () => {
  it('rounds a negative half away from zero, gives 0 (not −0) for zero, and refuses a zero or negative denominator', () => {
    expect(divideHalfUp(-5n, 10n)).toBe(-1);
    expect(Object.is(divideHalfUp(-4n, 10n), 0)).toBe(true);
    expect(Object.is(divideHalfUpSafe(-4, 10), 0)).toBe(true);
    expect(divideHalfUp(0n, 7n)).toBe(0);
    expect(Object.is(divideHalfUpSafe(0, 7), 0)).toBe(true);
    expect(divideHalfUpSafe(-5, 10)).toBe(-1);
    expect(divideHalfUpSafe(-15, 10)).toBe(-2);
    expect(divideHalfUpSafe(-14, 10)).toBe(-1);
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divideHalfUp(1n, -1n)).toThrow(RangeError);
    expect(() => divideHalfUpSafe(1, 0)).toThrow(RangeError);
    expect(() => divideHalfUpSafe(1, -3)).toThrow(RangeError);
    expect(() => divideHalfUpSafe(0.5, 3)).toThrow(RangeError);
    expect(() => divideHalfUpSafe(3, 1.5)).toThrow(RangeError);
  });

  it('divides safe integers up to 2^53 exactly, as integer arithmetic in BigInt gives it (the floating quotient corrected)', () => {
    // The oracle: half-up in BigInt from the definition, q = floor((2|n| + d) / 2d), signed.
    const oracle = (n: bigint, d: bigint) => {
      const q = (2n * (n < 0n ? -n : n) + d) / (2n * d);
      return Number(n < 0n ? -q : q);
    };
    const big = fc.bigInt({ min: -BigInt(Number.MAX_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) });
    const divisor = fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) }));
    fc.assert(fc.property(big, divisor, (n, d) => divideHalfUpSafe(Number(n), Number(d)) === oracle(n, d) + 0 && divideHalfUp(n, d) === oracle(n, d) + 0), { numRuns: 2000 });
    // Quotients a double cannot hold: 2^53 − 1 over 3, 7 and 2^52 + 1.
    expect(divideHalfUpSafe(Number.MAX_SAFE_INTEGER, 3)).toBe(3002399751580330);
    expect(divideHalfUpSafe(Number.MAX_SAFE_INTEGER, 7)).toBe(1286742750677284);
    expect(divideHalfUpSafe(Number.MAX_SAFE_INTEGER, 2 ** 52 + 1)).toBe(2);
  });

  it('reads the largest amount a fen count can hold, and not one fen more', () => {
    expect(parseAmountToFen('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseAmountToFen('90071992547409.92')).toBeNull();
  });

  it('writes a debt below zero with its sign and zero without one', () => {
    expect(formatMoney(-5, 'en')).toBe('-CN¥0.05');
    expect(formatMoney(0, 'en')).toBe('CN¥0.00');
    expect(formatMoney(0, 'zh-CN')).toBe('¥0.00');
    expect(formatMoney(100, 'zh-CN', 'USD')).toBe('US$1.00');
  });
});
