import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import type { RecordingRule } from '@/lib/domain/contact-record';
import type { ContactRule } from '@/lib/domain/contact-rules';
import { locales } from './config';
import { channelNowText, contactRuleName, type RuleTranslator } from './contact-rule';
import { messagesFor } from './messages';

/** Every code a contact, a message or a notice can be held back by (the compiler holds the list to the rules' types). */
const codes: Record<ContactRule | RecordingRule | 'contact.noAddress', true> = {
  'contact.timeZone': true,
  'contact.hours': true,
  'contact.quietHours': true,
  'contact.optOut': true,
  'contact.dailyEffective': true,
  'contact.dailyUnanswered': true,
  'contact.weeklyAttempts': true,
  'contact.dailyMessages': true,
  'contact.weeklyMessages': true,
  'contact.thirdPartyChannel': true,
  'contact.thirdPartyDisclosure': true,
  'contact.thirdPartyResult': true,
  'contact.noAddress': true,
};

const translator = (locale: (typeof locales)[number]) =>
  createTranslator({ locale, messages: messagesFor(locale) as never, namespace: 'staffCaseFile' as never }) as unknown as RuleTranslator;

describe('a contact rule, as staff read it', () => {
  it('has a name in both languages for every code the rules give, never the code itself', () => {
    for (const locale of locales) {
      const t = translator(locale);
      for (const code of Object.keys(codes)) {
        const name = contactRuleName(t, code);
        expect(name, `${code} (${locale})`).not.toContain('contact.');
        expect(name.length, `${code} (${locale})`).toBeGreaterThan(3);
      }
    }
    expect(contactRuleName(translator('zh-CN'), 'contact.hours')).toBe('不在允许联系的时段');
    expect(contactRuleName(translator('en'), 'contact.noAddress')).toBe('the borrower has no address for this channel');
  });

  it('shows a code it has no name for as it is, rather than losing it', () => {
    expect(contactRuleName(translator('en'), 'contact.somethingNew')).toBe('contact.somethingNew');
  });
});

describe('whether a channel may be used now, in the words of its use', () => {
  const words = (locale: (typeof locales)[number]) => translator(locale) as Parameters<typeof channelNowText>[0];
  it('a call, a visit and a message each say what is allowed, never "a call" beside a visit', () => {
    expect(channelNowText(words('en'), { allowed: true }, 'call')).toBe('a call is allowed now');
    expect(channelNowText(words('en'), { allowed: true }, 'visit')).toBe('a visit is allowed now');
    expect(channelNowText(words('en'), { allowed: true }, 'message')).toBe('allowed now');
    expect(channelNowText(words('zh-CN'), { allowed: true }, 'call')).toBe('现在可以拨打');
    expect(channelNowText(words('zh-CN'), { allowed: true }, 'visit')).toBe('现在可以上门');
    expect(channelNowText(words('zh-CN'), { allowed: true }, 'message')).toBe('现在可以联系');
  });
  it('held back with no moment in sight: the rule, in the words of the use', () => {
    const held = { allowed: false as const, rule: 'contact.optOut', next: null };
    expect(channelNowText(words('en'), held, 'call')).toMatch(/^no call allowed in the coming days \(.+\)$/);
    expect(channelNowText(words('en'), held, 'visit')).toMatch(/^no visit allowed in the coming days \(.+\)$/);
    expect(channelNowText(words('en'), held, 'message')).toMatch(/^not allowed in the coming days \(.+\)$/);
    expect(channelNowText(words('zh-CN'), held, 'message')).toMatch(/^今后几天内不允许联系（.+）$/);
    expect(channelNowText(words('zh-CN'), held, 'visit')).toMatch(/^今后几天内不允许上门（.+）$/);
  });
  it('held back until a moment: when, on the borrower’s clock, and why', () => {
    const hours = { allowed: false as const, rule: 'contact.hours', next: { day: 'tomorrow', time: '08:00' } };
    expect(channelNowText(words('zh-CN'), hours, 'visit')).toBe('下次允许：明天 08:00（不在允许联系的时段）');
    expect(channelNowText(words('en'), { ...hours, next: { day: 'Fri, Dec 4', time: '08:00' } }, 'message')).toMatch(/^next allowed at 08:00 Fri, Dec 4 \(.+\)$/);
  });
});
