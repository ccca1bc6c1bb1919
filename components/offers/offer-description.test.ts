import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PricedOffer } from '@/lib/domain/offer-terms';
import { createTranslator } from 'use-intl/core';
import { messagesFor } from '@/lib/i18n/messages';
import { historyFigures, levelPayments } from './offer-description';

const offer = (amounts: number[]) => ({ regularPayment: Math.max(...amounts.slice(0, -1)), schedule: amounts.map((amount) => ({ amount })) }) as unknown as PricedOffer;

describe('levelPayments: what an offer card calls the monthly payment', () => {
  it('a level plan whose first period is not a month: the level amount, and the first payment beside it', () => {
    expect(levelPayments(offer([1_700_00, 1_844_49, 1_844_48, 1_844_49, 1_844_51]))).toEqual({ monthly: 1_844_49, first: 1_700_00, last: 1_844_51, fenApart: true });
  });
  it('all the same but the last, which absorbs the rounding: the amount, and the last payment beside it (500.00 × 3 + 500.07)', () => {
    expect(levelPayments(offer([50_000, 50_000, 50_000, 50_007]))).toEqual({ monthly: 50_000, first: null, last: 50_007, fenApart: false });
  });
  it('a demo offer (12 payments from ¥13,672.57 to ¥13,672.58, the last ¥13,672.63): not "a fen or two less" alone, the last is named', () => {
    const amounts = [...Array(3).fill(13_672_57), ...Array(8).fill(13_672_58), 13_672_63];
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(164_070_98);
    expect(levelPayments(offer(amounts))).toEqual({ monthly: 13_672_58, first: null, last: 13_672_63, fenApart: true });
  });
  it('a first payment two fen above the highest and one two fen below it are not "a fen or two" apart: the first is named (found by the property below)', () => {
    expect(levelPayments(offer([1_001, 1_000, 998, 1_000]))).toEqual({ monthly: 1_000, first: 1_001, last: null, fenApart: true });
  });
  it('a last payment a fen less is within "a fen or two less"', () => {
    expect(levelPayments(offer([50_000, 50_000, 50_000, 49_999]))).toEqual({ monthly: 50_000, first: null, last: null, fenApart: true });
  });
  it('whatever the payments, each is the amount the card gives for it or a fen or two less, never more; "a fen or two less" is said exactly when one is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -5_000, max: 5_000 }),
        fc.integer({ min: -20, max: 20 }),
        (base, middleLess, firstDelta, lastDelta) => {
          const amounts = [base + firstDelta, ...middleLess.map((less) => base - less), base + lastDelta];
          const level = levelPayments(offer(amounts));
          expect(level).not.toBeNull();
          const stated = amounts.map((_, i) => (i === 0 && level!.first !== null ? level!.first : i === amounts.length - 1 && level!.last !== null ? level!.last : level!.monthly));
          amounts.forEach((amount, i) => {
            expect(amount).toBeLessThanOrEqual(stated[i]!);
            expect(stated[i]! - amount).toBeLessThanOrEqual(2);
          });
          expect(level!.fenApart).toBe(amounts.some((amount, i) => amount < stated[i]!));
        },
      ),
      { numRuns: 2_000 },
    );
  });
  it('a plan whose payments fall (equal principal) is not level', () => {
    expect(levelPayments(offer([60_000, 59_000, 58_000, 57_000]))).toBeNull();
  });
});

describe('historyFigures: the negotiation history never says "X a month × N" where that does not make the total', () => {
  const summary = (amounts: number[], down = 0) => ({
    regularPayment: Math.max(...amounts),
    numberOfPayments: amounts.length,
    totalPayable: down + amounts.reduce((a, b) => a + b, 0),
    waived: 0,
    downPayment: down,
    lowestPayment: Math.min(...amounts),
    highestPayment: Math.max(...amounts),
  });
  it('a demo plan of 36 payments a fen or two apart (1,044.68 twice, 1,044.69 sixteen times, 1,044.70 eighteen times: 37,609.00): the range, not 1,044.70 × 36 = 37,609.20', () => {
    const amounts = [...Array(2).fill(1_044_68), ...Array(15).fill(1_044_69), ...Array(18).fill(1_044_70), 1_044_69];
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(37_609_00);
    expect(historyFigures(summary(amounts))).toEqual({ kind: 'range', down: 0, lowest: 1_044_68, highest: 1_044_70, count: 36, total: 37_609_00 });
  });
  it('every payment the same and nothing down: the amount a month', () => {
    expect(historyFigures(summary([500_00, 500_00, 500_00]))).toEqual({ kind: 'level', payment: 500_00, count: 3, total: 1_500_00 });
  });
  it('the same payments after a down payment: the down payment is named, not folded into the total unexplained', () => {
    expect(historyFigures(summary([500_00, 500_00], 100_00))).toEqual({ kind: 'range', down: 100_00, lowest: 500_00, highest: 500_00, count: 2, total: 1_100_00 });
  });
});

describe('the history line in words, both languages', () => {
  const t = (locale: 'en' | 'zh-CN') => createTranslator({ locale, messages: messagesFor(locale) as never, namespace: 'offerTerms' as never }) as unknown as (key: string, values: object) => string;
  it('with and without a down payment', () => {
    expect(t('en')('historyWithDown', { down: 'none', payments: t('en')('historyRange', { count: 36, lowest: '¥1,044.68', highest: '¥1,044.70' }), total: '¥37,609.00' })).toBe('36 payments of ¥1,044.68 to ¥1,044.70, ¥37,609.00 in all');
    expect(t('en')('historyWithDown', { down: '¥100.00', payments: t('en')('historyPayments', { count: 2, payment: '¥500.00' }), total: '¥1,100.00' })).toBe('¥100.00 down, then 2 payments of ¥500.00, ¥1,100.00 in all');
    expect(t('zh-CN')('historyWithDown', { down: 'none', payments: t('zh-CN')('historyRange', { count: 36, lowest: '¥1,044.68', highest: '¥1,044.70' }), total: '¥37,609.00' })).toBe('36 期，每期 ¥1,044.68 至 ¥1,044.70，共 ¥37,609.00');
    expect(t('zh-CN')('historyWithDown', { down: '¥100.00', payments: t('zh-CN')('historyPayments', { count: 2, payment: '¥500.00' }), total: '¥1,100.00' })).toBe('首付 ¥100.00，之后 2 期，每期 ¥500.00，共 ¥1,100.00');
  });
});
