// The words beside waiting offers follow how many there are: one offer is not "the first", and there is nothing to compare it with.
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { messagesFor } from './messages';

const nextStep = (locale: 'zh-CN' | 'en') => createTranslator({ locale, messages: messagesFor(locale), namespace: 'nextStep' });
const date = '2026年12月9日 18:22';

describe('the next step, with offers waiting', () => {
  it('one offer: when it ends, and to accept it or propose one’s own; nothing about "the first" or comparing', () => {
    expect(nextStep('zh-CN')('text.answerOffers', { count: 1, date })).toBe('有 1 个还款方案等您答复（2026年12月9日 18:22 到期）。您可以接受它，或提出您自己的方案。');
    expect(nextStep('zh-CN')('action.answerOffers', { count: 1 })).toBe('查看方案');
    expect(nextStep('en')('text.answerOffers', { count: 1, date: 'Dec 9, 2026, 6:22 PM' })).toBe('One repayment offer is waiting for your answer (it ends Dec 9, 2026, 6:22 PM). Accept it, or propose your own.');
    expect(nextStep('en')('action.answerOffers', { count: 1 })).toBe('See the offer');
  });

  it('several: how many, when the first ends, and to compare them', () => {
    expect(nextStep('zh-CN')('text.answerOffers', { count: 3, date })).toBe('有 3 个还款方案等您答复（最早的在 2026年12月9日 18:22 到期）。请比较后接受其中一个，或提出您自己的方案。');
    expect(nextStep('zh-CN')('action.answerOffers', { count: 3 })).toBe('查看并比较方案');
    expect(nextStep('en')('text.answerOffers', { count: 2, date: 'Dec 9, 2026, 6:22 PM' })).toBe('2 repayment offers are waiting for your answer (the first ends Dec 9, 2026, 6:22 PM). Compare them and accept one, or propose your own.');
    expect(nextStep('en')('action.answerOffers', { count: 2 })).toBe('See and compare the offers');
  });
});

describe('the offers page, inviting a proposal of one’s own', () => {
  const offers = (locale: 'zh-CN' | 'en') => createTranslator({ locale, messages: messagesFor(locale), namespace: 'offers' });
  it('beside one offer speaks of that one; beside several, of "none of these"', () => {
    expect(offers('zh-CN')('proposeIntro', { count: 1 })).toMatch(/^如果这个方案不合适，/);
    expect(offers('zh-CN')('proposeIntro', { count: 2 })).toMatch(/^如果以上方案都不合适，/);
    expect(offers('en')('proposeIntro', { count: 1 })).toMatch(/^If this offer does not suit you, /);
    expect(offers('en')('proposeIntro', { count: 2 })).toMatch(/^If none of these suits you, /);
  });
  it('a proposal replacing one offer says "this offer" / "它"; several, "these offers" / "它们"', () => {
    expect(offers('zh-CN')('replaces', { count: 1 })).toBe('您的方案发送后，会替代以下方案（它将不再有效）：');
    expect(offers('zh-CN')('replaces', { count: 2 })).toBe('您的方案发送后，会替代以下方案（它们将不再有效）：');
    expect(offers('en')('replaces', { count: 1 })).toBe('Once sent, your proposal replaces this offer (it will no longer be open):');
    expect(offers('en')('replaces', { count: 3 })).toBe('Once sent, your proposal replaces these offers (they will no longer be open):');
  });
  it('asks to compare only where there is more than one', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(offers(locale)('compareIntro', { count: 1 })).not.toMatch(/比较|[Cc]ompare/);
      expect(offers(locale)('compareIntro', { count: 2 })).toMatch(/比较|[Cc]ompare/);
    }
  });
});
