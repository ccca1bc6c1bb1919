import { describe, expect, it } from 'vitest';
import { getFormatter, getTranslations } from './server';

describe('server translations with process-wide caches', () => {
  it('translates with values in each locale, as next-intl does', async () => {
    const zh = await getTranslations({ locale: 'zh-CN', namespace: 'loanPage' });
    const en = await getTranslations({ locale: 'en', namespace: 'loanPage' });
    expect(zh('showAll', { count: 3 })).toBe('显示其余 3 期');
    expect(en('showAll', { count: 3 })).toBe('Show the other 3 installments');
  });

  it('gives the same answer on every call (the shared cache changes nothing but speed)', async () => {
    const answers = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const t = await getTranslations({ locale: 'en', namespace: 'home' });
      answers.add(t('days', { days: 40, bucket: 'M2' }));
    }
    expect(answers.size).toBe(1);
    expect([...answers][0]).toContain('40');
  });

  it('formats dates in Beijing time whatever the server zone', async () => {
    const format = await getFormatter({ locale: 'en' });
    // 2026-03-01 18:30 UTC is already 2 March in Beijing.
    expect(format.dateTime(new Date('2026-03-01T18:30:00Z'), { dateStyle: 'long' })).toBe('March 2, 2026');
  });

  it('refuses a locale the portal does not have', async () => {
    await expect(getTranslations({ locale: 'fr', namespace: 'home' })).rejects.toThrow(/Unsupported locale/);
  });
});
