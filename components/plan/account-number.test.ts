import { describe, expect, it } from 'vitest';
import { accountNumberGroups } from './account-number';

describe('an account number on the phone', () => {
  it('keeps the groups it was given', () => {
    expect(accountNumberGroups('2011 0000 3388 0101 6')).toEqual(['2011', '0000', '3388', '0101', '6']);
    expect(accountNumberGroups('  6222  0000 1234 5678 ')).toEqual(['6222', '0000', '1234', '5678']);
  });
  it('shows a run of more than eight digits in fours, and a short one as it is', () => {
    expect(accountNumberGroups('6222020200112233445')).toEqual(['6222', '0202', '0011', '2233', '445']);
    expect(accountNumberGroups('12345678')).toEqual(['12345678']);
    // A long group inside a spaced number too.
    expect(accountNumberGroups('6222 020200112233445')).toEqual(['6222', '0202', '0011', '2233', '445']);
  });
});
