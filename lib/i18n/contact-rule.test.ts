import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import type { RecordingRule } from '@/lib/domain/contact-record';
import type { ContactRule } from '@/lib/domain/contact-rules';
import { locales } from './config';
import { contactRuleName, type RuleTranslator } from './contact-rule';
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
