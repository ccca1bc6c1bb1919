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

/**
 * The keys an object in JSON text repeats. JSON.parse keeps the last of two equal keys without a word: a page's
 * title ("documentTitle": "还款协议") added above an existing key of that name came out as the later one's text.
 */
function repeatedKeys(text: string): string[] {
  const repeated: string[] = [];
  const objects: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '{') objects.push(new Set());
    else if (ch === '[') objects.push(null);
    else if (ch === '}' || ch === ']') objects.pop();
    else if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const name = JSON.parse(text.slice(i, end + 1)) as string;
      const rest = text.slice(end + 1).trimStart();
      const keys = objects.at(-1);
      if (keys && rest.startsWith(':')) {
        if (keys.has(name)) repeated.push(name);
        keys.add(name);
      }
      i = end;
    }
  }
  return repeated;
}

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

  it.each(locales)('%s: no file repeats a key in one object (the later would silently win)', (locale) => {
    const dir = path.join(import.meta.dirname, '../../messages', locale);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      expect(repeatedKeys(fs.readFileSync(path.join(dir, file), 'utf8')), `${locale}/${file}`).toEqual([]);
    }
  });

  it('finds a repeated key, and only a repeated one', () => {
    expect(repeatedKeys('{ "documentTitle": "还款协议", "a": { "documentTitle": "x", "b": ["documentTitle", "q\\"x"] }, "documentTitle": "还款协议全文" }')).toEqual(['documentTitle']);
    expect(repeatedKeys('{ "a": 1, "b": { "a": 2 }, "c": [{ "a": 3 }, { "a": 4 }] }')).toEqual([]);
  });
});
