import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
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

/**
 * ISO 7064 MOD 11-2 from its definition, not from the code's tables: the weight of position i (1-based, of 17) is
 * 2^(18−i) mod 11, and the check value is (12 − Σ mod 11) mod 11, written X for 10.
 */
function isoCheck(first17: string): string {
  let sum = 0;
  for (let i = 1; i <= 17; i++) sum += Number(first17[i - 1]) * (2 ** (18 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}
const idBornOn = (yyyymmdd: string) => `330102${yyyymmdd}123` + isoCheck(`330102${yyyymmdd}123`);

describe('resident ID birth dates, each with its right check character', () => {
  it('accepts a leap day and the first day of 1900; refuses a day that does not exist or falls before 1900', () => {
    const today = '2026-12-04';
    expect(isValidResidentId(idBornOn('20000229'), today)).toBe(true);
    expect(isValidResidentId(idBornOn('19000101'), today)).toBe(true);
    expect(isValidResidentId(idBornOn('19000229'), today)).toBe(false); // 1900 is not a leap year
    expect(isValidResidentId(idBornOn('18991231'), today)).toBe(false);
    expect(isValidResidentId(idBornOn('19901301'), today)).toBe(false);
    expect(isValidResidentId(idBornOn('19900001'), today)).toBe(false);
    expect(isValidResidentId(idBornOn('19900431'), today)).toBe(false);
    expect(isValidResidentId(idBornOn('19900400'), today)).toBe(false);
    expect(isValidResidentId(idBornOn('19900430'), today)).toBe(true);
    // Born today is valid; tomorrow is not.
    expect(isValidResidentId(idBornOn('20261204'), today)).toBe(true);
    expect(isValidResidentId(idBornOn('20261205'), today)).toBe(false);
  });

  it('takes today in UTC+8 by default: at 20:00 UTC on 3 December it is already the 4th in China', () => {
    const clock = vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-03T20:00:00Z'));
    try {
      expect(isValidResidentId(idBornOn('20261204'))).toBe(true);
      expect(isValidResidentId(idBornOn('20261205'))).toBe(false);
    } finally {
      clock.mockRestore();
    }
  });

  it('refuses anything before or after the 18 characters, and keeps the check character whole', () => {
    const id = idBornOn('19850615');
    expect(isValidResidentId(id, '2026-12-04')).toBe(true);
    expect(isValidResidentId(`1${id}`, '2026-12-04')).toBe(false);
    expect(isValidResidentId(`${id}1`, '2026-12-04')).toBe(false);
    expect(isValidResidentId(`A${id.slice(1)}`, '2026-12-04')).toBe(false);
    expect(() => residentIdCheckChar(`${id.slice(0, 17)}1`)).toThrow(RangeError);
    expect(() => residentIdCheckChar(`x${id.slice(1, 17)}`)).toThrow(RangeError);
    expect(residentIdCheckChar(id.slice(0, 17))).toBe(isoCheck(id.slice(0, 17)));
  });

  it('knows every province-level region and no other', () => {
    const regions = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'];
    for (let code = 0; code < 100; code++) {
      const region = String(code).padStart(2, '0');
      const first17 = `${region}0102198506151230`.slice(0, 17);
      expect(isValidResidentId(first17 + isoCheck(first17), '2026-12-04'), region).toBe(regions.includes(region));
    }
  });
});

describe('mobile numbers, at their edges', () => {
  it('drops a country code only in front of exactly 11 digits starting with 1', () => {
    expect(normalizePhone('+8613800138000')).toBe('13800138000');
    expect(normalizePhone('x8613800138000')).toBe('x8613800138000');
    expect(normalizePhone('86138001380001')).toBe('86138001380001');
    expect(normalizePhone('8623800138000')).toBe('8623800138000');
    expect(isValidMobile('138001380001')).toBe(false);
    expect(isValidMobile('x13800138000')).toBe(false);
    expect(isValidMobile('12800138000')).toBe(false);
  });

  it('masks what is not a mobile number whole', () => {
    expect(maskPhone('12345')).toBe('***');
  });
});
