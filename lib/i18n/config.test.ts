import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { negotiateLocale } from './config';

describe('locale negotiation', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5, zh;q=0.4', 'en'],
    ['zh-TW', 'zh-CN'],
    ['de', 'zh-CN'],
    ['', 'zh-CN'],
    ['en;q=0.2, zh;q=0.8', 'zh-CN'],
  ])('%s → %s', (header, locale) => expect(negotiateLocale(header)).toBe(locale));
});

function keys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

describe('message files', () => {
  it('have exactly the same keys in both languages', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });
});
