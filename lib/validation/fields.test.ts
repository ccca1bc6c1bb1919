import { describe, expect, it } from 'vitest';
import { amountField, countField, fenToInput, pastDateField } from './fields';

describe('typed amounts', () => {
  it.each([
    ['1,234.50', 123_450],
    ['1234.5', 123_450],
    ['１２３４．５', 123_450],
    ['', 0],
    ['  ', 0],
  ])('accepts %j', (input, fen) => expect(amountField.parse(input)).toBe(fen));

  it.each([
    ['-5', 'validation.amountNegative'],
    ['－5', 'validation.amountNegative'],
    ['abc', 'validation.amount'],
    ['1.234', 'validation.amount'],
    ['99999999999', 'validation.amountTooLarge'],
  ])('refuses %j with %s', (input, message) => {
    const result = amountField.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it('round-trips through what the form shows', () => {
    for (const fen of [0, 1, 99, 100, 123_450, 100_000_000]) expect(amountField.parse(fenToInput(fen))).toBe(fen);
  });
});

describe('counts and dates', () => {
  it('counts whole people within bounds', () => {
    expect(countField(20).parse('３')).toBe(3);
    expect(countField(20).safeParse('21').success).toBe(false);
    expect(countField(20).safeParse('1.5').success).toBe(false);
    expect(countField(20, 1, 'validation.adultsMin').safeParse('0').error?.issues[0]?.message).toBe('validation.adultsMin{"min":1,"max":20}');
  });

  it('reads full-width digits as digits, and every refusal carries the range its sentence names', () => {
    expect(countField(20).parse('１２')).toBe(12);
    expect(countField(200).parse('１２３')).toBe(123);
    expect(countField(20).safeParse('１２３').error?.issues[0]?.message).toBe('validation.count{"min":0,"max":20}');
    expect(countField(20).safeParse('-1').error?.issues[0]?.message).toBe('validation.count{"min":0,"max":20}');
    expect(countField(20).safeParse('－1').error?.issues[0]?.message).toBe('validation.count{"min":0,"max":20}');
    expect(countField(20).safeParse('').error?.issues[0]?.message).toBe('validation.required');
  });

  it('refuses a date in the future or one that does not exist', () => {
    const field = pastDateField(() => '2026-11-22');
    expect(field.parse('2026-11-22')).toBe('2026-11-22');
    expect(field.safeParse('2026-11-23').error?.issues[0]?.message).toBe('validation.dateFuture');
    expect(field.safeParse('2026-02-30').error?.issues[0]?.message).toBe('validation.date');
    expect(field.safeParse('yesterday').error?.issues[0]?.message).toBe('validation.date');
  });
});
