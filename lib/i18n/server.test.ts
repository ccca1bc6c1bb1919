import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { displayTimeZone } from './config';
import { messagesFor } from './messages';
import { getFormatter, getTranslations, sharedCacheOf } from './server';

describe('server translations with process-wide caches', () => {
  it('translates with values in each locale, as next-intl does', async () => {
    const zh = await getTranslations({ locale: 'zh-CN', namespace: 'loanPage' });
    const en = await getTranslations({ locale: 'en', namespace: 'loanPage' });
    expect(zh('showAll', { count: 3 })).toBe('显示其余 3 期');
    expect(en('showAll', { count: 3 })).toBe('Show the other 3 installments');
  });

  it('counts rows, loans and cases in English in the singular and the plural (the import once said "1 rows have problems")', async () => {
    const en = await getTranslations({ locale: 'en', namespace: 'staffImport' });
    expect(en('confirm', { count: 1 })).toBe('Import 1 row');
    expect(en('confirm', { count: 2 })).toBe('Import 2 rows');
    expect(en('previewIntro', { valid: 1, new: 1, updated: 0, unchanged: 0, invalid: 1 })).toBe('1 row has no problems: 1 new loan and 0 loans that change to import, 0 loans unchanged (skipped). 1 row has problems and will not be imported.');
    expect(en('previewIntro', { valid: 2, new: 1, updated: 1, unchanged: 0, invalid: 0 })).toBe('2 rows have no problems: 1 new loan and 1 loan that changes to import, 0 loans unchanged (skipped).');
    expect(en('confirmHint', { invalid: 0 })).toBe('The import is all or nothing: every row of it is written, or none.');
    expect(en('confirmHint', { invalid: 1 })).toBe('The row with problems is left out. The import is all or nothing: every row of it is written, or none.');
    expect(en('confirmHint', { invalid: 3 })).toBe('The 3 rows with problems are left out. The import is all or nothing: every row of it is written, or none.');
    expect(en('done', { imported: 1, cases: 1, borrowers: 0, invitations: 2 })).toBe('Imported 1 row: 1 case opened, 0 borrower accounts created, 2 invitations queued.');
  });

  it('counts of a large import with their thousands grouped, in both languages', async () => {
    const en = await getTranslations({ locale: 'en', namespace: 'staffImport' });
    const zh = await getTranslations({ locale: 'zh-CN', namespace: 'staffImport' });
    const counts = { valid: 99_000, new: 98_500, updated: 400, unchanged: 100, invalid: 1_000 };
    expect(en('previewIntro', counts)).toBe('99,000 rows have no problems: 98,500 new loans and 400 loans that change to import, 100 loans unchanged (skipped). 1,000 rows have problems and will not be imported.');
    expect(zh('previewIntro', counts)).toBe('99,000 行没有问题：将导入新贷款 98,500 笔、变更的贷款 400 笔；无变化 100 笔（跳过）。1,000 行有问题，不会导入。');
    expect(zh('previewIntro', { ...counts, invalid: 0 })).toBe('99,000 行没有问题：将导入新贷款 98,500 笔、变更的贷款 400 笔；无变化 100 笔（跳过）。');
    expect(zh('confirm', { count: 99_000 })).toBe('导入 99,000 行');
    expect(zh('done', { imported: 99_000, cases: 98_500, borrowers: 98_000, invitations: 98_500 })).toBe('已导入 99,000 行：开立案件 98,500 件，新建借款人账户 98,000 个，排队邀请 98,500 条。');
    expect(en('paymentsAdded', { list: '2025-07-10 ¥1,038.50', more: 0 })).toBe('new: 2025-07-10 ¥1,038.50');
    expect(zh('paymentsAdded', { list: '2025-07-10 ¥1,038.50', more: 2 })).toBe('新增：2025-07-10 ¥1,038.50，另有 2 笔');
    expect(zh('installmentsDiffer', { count: 12 })).toBe('12 期，日期或金额有变');
    expect(en('paymentCount', { count: 0 })).toBe('no payments');
    expect(en('paymentCount', { count: 1 })).toBe('1 payment');
  });

  it('an offer open for seven more days, one more day, or ending today (it read "6 days left" when made, and "1 days left")', async () => {
    const en = await getTranslations({ locale: 'en', namespace: 'offers' });
    const zh = await getTranslations({ locale: 'zh-CN', namespace: 'offers' });
    expect(en('expires', { date: 'Dec 9, 2:35 PM', days: 7 })).toBe('Open until Dec 9, 2:35 PM (7 more days)');
    expect(en('expires', { date: 'Dec 9, 2:35 PM', days: 1 })).toBe('Open until Dec 9, 2:35 PM (one more day)');
    expect(en('expires', { date: 'Dec 9, 2:35 PM', days: 0 })).toBe('Open until Dec 9, 2:35 PM (ends today)');
    expect(zh('expires', { date: '12月9日 14:35', days: 7 })).toBe('有效期至 12月9日 14:35（还有 7 天）');
    expect(zh('expires', { date: '12月9日 14:35', days: 0 })).toBe('有效期至 12月9日 14:35（今天到期）');
  });

  it('one day: a delay of one day, one day late, a grace period of one day (English said "1 days")', async () => {
    const plan = await getTranslations({ locale: 'en', namespace: 'plan' });
    const staffPlan = await getTranslations({ locale: 'en', namespace: 'staffPlan' });
    expect(plan('delayUsed', { from: 'December 5, 2026', to: 'December 6, 2026', days: 1 })).toBe('You moved a payment from December 5, 2026 to December 6, 2026 (1 day). The delay can be used once per plan.');
    expect(plan('delayUsed', { from: 'December 5, 2026', to: 'December 19, 2026', days: 14 })).toContain('(14 days)');
    expect(staffPlan('rules', { grace: 1, misses: 2 })).toBe('Grace period 1 day; 2 missed in a row is a breach.');
  });

  it('one month, one payment, one installment, one case: in the singular, not "1 months"', async () => {
    const terms = await getTranslations({ locale: 'en', namespace: 'offerTerms' });
    expect(terms('parts.extension', { months: 1, maturity: 'Jan 1, 2028' })).toBe('The maturity moves 1 month later, to Jan 1, 2028');
    expect(terms('parts.extension', { months: 6, maturity: 'Jan 1, 2028' })).toBe('The maturity moves 6 months later, to Jan 1, 2028');
    expect(terms('reliefItems.rateValue', { months: 1, pct: 2 })).toBe('2% for the first payment');
    expect(terms('reliefItems.rateValue', { months: 3, pct: 2 })).toBe('2% for the first 3 payments');
    expect(terms('showSchedule', { count: 1 })).toBe('See all 1 payment');
    const home = await getTranslations({ locale: 'en', namespace: 'home' });
    expect(home('months', { months: 1 })).toBe('1 month');
    const plan = await getTranslations({ locale: 'en', namespace: 'plan' });
    expect(plan('allInstallments', { count: 1 })).toBe('The installment');
    expect(plan('allInstallments', { count: 12 })).toBe('All 12 installments');
    const signing = await getTranslations({ locale: 'en', namespace: 'signing' });
    expect(signing('documentPages', { pages: 1 })).toBe('The agreement has 1 page; scroll to read it.');
    const dashboard = await getTranslations({ locale: 'en', namespace: 'dashboard' });
    expect(dashboard('openInQueue', { count: 1 })).toBe('1 case in the queue');
  });

  it('the queue’s counts of a large portfolio with their thousands grouped', async () => {
    const en = await getTranslations({ locale: 'en', namespace: 'staffQueue' });
    const zh = await getTranslations({ locale: 'zh-CN', namespace: 'staffQueue' });
    expect(en('selectAllMatching', { count: 56_587 })).toBe('Select all 56,587 matching cases');
    expect(zh('selectAllMatching', { count: 56_587 })).toBe('选择全部 56,587 件符合条件的案件');
    expect(en('allMatchingSelected', { count: 56_587 })).toBe('All 56,587 matching cases are selected.');
    expect(zh('allMatchingSelected', { count: 56_587 })).toBe('已选择全部 56,587 件符合条件的案件。');
    expect(zh('selected', { count: 1_200 })).toBe('已选择 1,200 件案件');
    expect(zh('total', { total: 56_587 })).toBe('共 56,587 个案件');
  });

  it('the payment import counts in the singular and the plural, thousands grouped', async () => {
    const en = await getTranslations({ locale: 'en', namespace: 'paymentImport' });
    const zh = await getTranslations({ locale: 'zh-CN', namespace: 'paymentImport' });
    expect(en('confirm', { count: 1, amount: 'CN¥1,000.00' })).toBe('Record 1 payment (CN¥1,000.00)');
    expect(en('confirm', { count: 12_000, amount: 'CN¥1.00' })).toBe('Record 12,000 payments (CN¥1.00)');
    expect(zh('confirm', { count: 12_000, amount: '¥1.00' })).toBe('登记 12,000 笔还款（¥1.00）');
    expect(en('counts', { rows: 1, encoding: 'GBK', ready: 1, amount: 'CN¥5.00', already: 0, errors: 0 })).toBe('1 row (GBK): 1 to record (CN¥5.00), 0 already recorded, 0 with problems (left out).');
    expect(zh('counts', { rows: 12_000, encoding: 'GBK', ready: 11_000, amount: '¥5.00', already: 0, errors: 1_000 })).toBe('共12,000行（GBK）：11,000行待登记（¥5.00），0行已登记，1,000行有问题（不登记）。');
    expect(en('done', { recorded: 1, already: 0, rejected: 1, completed: 0 })).toBe('Recorded 1 payment; 0 already recorded; 1 row with problems left out. ');
  });

  it('parses a message once for the life of the process, not once per request, and each locale apart', async () => {
    const parsed = () => Object.values(sharedCacheOf('en').message);
    const before = parsed();
    const firstRequest = await getTranslations({ locale: 'en', namespace: 'home' });
    expect(firstRequest('days', { days: 40, bucket: 'M2' })).toContain('40');
    const afterFirst = parsed();
    expect(afterFirst).toHaveLength(before.length + 1);
    // The next request's translator finds the same parsed message: nothing new is parsed.
    const nextRequest = await getTranslations({ locale: 'en', namespace: 'home' });
    expect(nextRequest('days', { days: 3, bucket: 'M1' })).toContain('3');
    expect(parsed()).toHaveLength(afterFirst.length);
    expect(parsed().every((format, i) => format === afterFirst[i])).toBe(true);
    expect(sharedCacheOf('zh-CN')).not.toBe(sharedCacheOf('en'));
  });

  it('answers as a translator without the shared cache does, whatever the order of locales and values', async () => {
    const uncached = (locale: 'en' | 'zh-CN') => createTranslator({ locale, messages: messagesFor(locale) as never, namespace: 'home' as never, timeZone: displayTimeZone }) as unknown as (key: string, values: object) => string;
    const asked = [['en', 40, 'M2'], ['zh-CN', 40, 'M2'], ['en', 1, 'M1'], ['zh-CN', 95, 'M4+'], ['en', 95, 'M4+'], ['zh-CN', 1, 'M1']] as const;
    const answers = [];
    for (const [locale, days, bucket] of asked) {
      const t = await getTranslations({ locale, namespace: 'home' });
      const answer = t('days', { days, bucket });
      expect(answer).toBe(uncached(locale)('days', { days, bucket }));
      answers.push(answer);
    }
    // Six different questions, six different answers: nothing stale came back from the cache.
    expect(new Set(answers).size).toBe(asked.length);
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
