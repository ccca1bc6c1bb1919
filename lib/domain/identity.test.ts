import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMobile, isValidResidentId, maskPhone, maskResidentId, normalizePhone, residentIdCheckChar } from './identity';

describe('resident ID numbers (ISO 7064 MOD 11-2)', () => {
  it('accepts the standard example from GB 11643-1999', () => {
    // 11010519491231002X is the published example; its check character is X.
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
  });

  it('computes check characters worked by hand', () => {
    // Σ digit×weight = 28+36+0+15+0+20+2+9+54+0+0+9+0+5+8+8+6 = 200; 200 mod 11 = 2 → '10X98765432'[2] = 'X'
    expect(residentIdCheckChar('44030519900101123')).toBe('X');
    expect(isValidResidentId('44030519900101123X')).toBe(true);
    // 33010219900101001: Σ = 21+27+0+5+0+8+2+9+54+0+0+9+0+5+0+0+2 = 142; 142 mod 11 = 10 → '2'
    expect(residentIdCheckChar('33010219900101001')).toBe('2');
  });

  it('refuses a wrong check character, a bad date, or a wrong length', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('110105194902300025')).toBe(false); // 30 February
    expect(isValidResidentId('11010519491231002')).toBe(false);
    expect(isValidResidentId('1101051949123100XX')).toBe(false);
  });

  it('detects every single-digit change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const id = '11010519491231002X';
        const digit = (Number(id[position]) + delta) % 10;
        const changed = id.slice(0, position) + digit + id.slice(position + 1);
        expect(residentIdCheckChar(changed.slice(0, 17))).not.toBe('X');
      }),
    );
  });

  it('masks to the first four and last four characters', () => {
    expect(maskResidentId('33010219900101123X')).toBe('3301**********123X');
  });
});

describe('mobile numbers', () => {
  it('accepts 11 digits starting with 1, with or without +86, spaces or full-width digits', () => {
    expect(isValidMobile('13800138000')).toBe(true);
    expect(isValidMobile('+86 138 0013 8000')).toBe(true);
    expect(isValidMobile('１３８００１３８０００')).toBe(true);
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
  });

  it('refuses other shapes', () => {
    for (const bad of ['', '1380013800', '138001380001', '23800138000', '12800138000', 'abcdefghijk']) expect(isValidMobile(bad)).toBe(false);
  });

  it('masks the middle four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});
