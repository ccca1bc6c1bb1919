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

  it('defect 9: refuses a birth date in the future and a region that is not a province', () => {
    // Both with a correct check character, so only the new rules refuse them.
    const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
    expect(isValidResidentId(withCheck('33010220300101001'), '2026-11-23')).toBe(false); // born 2030-01-01
    expect(isValidResidentId(withCheck('33010220261124001'), '2026-11-23')).toBe(false); // born tomorrow
    expect(isValidResidentId(withCheck('33010220261123001'), '2026-11-23')).toBe(true); // born today
    for (const region of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '55', '60', '66', '70', '72', '80', '84', '99']) {
      expect(isValidResidentId(withCheck(`${region}010219900101001`), '2026-11-23')).toBe(false);
    }
    for (const region of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82', '83']) {
      expect(isValidResidentId(withCheck(`${region}010219900101001`), '2026-11-23')).toBe(true);
    }
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

  it('defect 9: normalizes 0086, 86, brackets and any dash before checking', () => {
    for (const written of ['0086 138 0013 8000', '0086-13800138000', '8613800138000', '(+86) 138 0013 8000', '（+86）13800138000', '138–0013–8000', '138—0013—8000', '138.0013.8000', '+86\u00a0138\u00a00013\u00a08000']) {
      expect(normalizePhone(written)).toBe('13800138000');
      expect(isValidMobile(written)).toBe(true);
    }
    // A country code is dropped only in front of a whole mobile number.
    expect(normalizePhone('86123')).toBe('86123');
    expect(isValidMobile('0086 2800138000')).toBe(false);
  });

  it('refuses other shapes', () => {
    for (const bad of ['', '1380013800', '138001380001', '23800138000', '12800138000', 'abcdefghijk']) expect(isValidMobile(bad)).toBe(false);
  });

  it('masks the middle four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});
