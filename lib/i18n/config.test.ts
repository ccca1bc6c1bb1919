import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { locales, negotiateLocale } from './config';
import { messagesFor } from './messages';

const en = messagesFor('en');
const zh = messagesFor('zh-CN');

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

  it.each(locales)('%s: every file under messages/ is a namespace in lib/i18n/messages.ts, with the same content', (locale) => {
    const dir = path.join(import.meta.dirname, '../../messages', locale);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    const loaded = messagesFor(locale) as Record<string, unknown>;
    expect(Object.keys(loaded).sort()).toEqual(files.map((f) => f.slice(0, -'.json'.length)).sort());
    for (const file of files) expect(loaded[file.slice(0, -'.json'.length)]).toEqual(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  });
});
