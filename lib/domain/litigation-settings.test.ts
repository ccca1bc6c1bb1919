import { describe, expect, it } from 'vitest';
import { competentCourt, parseLitigationSettings } from './litigation-settings';

describe('litigation settings', () => {
  const settings = parseLitigationSettings({ confirmationCourts: [{ region: '西湖区', court: '杭州市西湖区人民法院' }, { region: '杭州', court: '杭州互联网法院' }] });

  it('takes the first court whose region the borrower’s address names, else the agreed court', () => {
    expect(competentCourt(settings, '青溪县人民法院', '浙江省杭州市西湖区文三路 1 号')).toBe('杭州市西湖区人民法院');
    expect(competentCourt(settings, '青溪县人民法院', '浙江省杭州市上城区')).toBe('杭州互联网法院');
    expect(competentCourt(settings, '青溪县人民法院', '上海市')).toBe('青溪县人民法院');
    expect(competentCourt(settings, '青溪县人民法院', null)).toBe('青溪县人民法院');
  });

  it('has no counsel and no courts by default, and refuses a counsel without a lawyer', () => {
    expect(parseLitigationSettings(undefined)).toEqual({ counsel: null, confirmationCourts: [] });
    expect(() => parseLitigationSettings({ counsel: { firm: '某律师事务所', lawyer: '', phone: '0571' } })).toThrow();
  });
});
