import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from './config';
import { messagesFor } from './messages';

/**
 * Every message a page asks for by a fixed key exists in both languages: a
 * missing one shows its raw key on the page ("offers.historyTitle"). The
 * translators are found where they are made — `const t = useTranslations('ns')`,
 * `getTranslations('ns')` (also inside `Promise.all([...])`), or
 * `forAudience(audience, { borrower, staff })` (the key must be in both) — and
 * each literal key passed to them is looked up; a key built with `${…}` must at
 * least name an existing group.
 */
const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/** The top-level elements of a bracketed list. */
function splitTopLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function namespaceOf(expression: string): string[] | null {
  const direct = /^(?:await\s+)?(?:useTranslations|getTranslations)\(\s*'([\w.]+)'\s*\)$/.exec(expression);
  if (direct) return [direct[1]!];
  const byAudience = /^(?:await\s+)?(?:useTranslations|getTranslations)\(\s*forAudience\([^,]+,\s*\{\s*borrower:\s*'([\w.]+)',\s*staff:\s*'([\w.]+)'\s*\}\)\s*\)$/.exec(expression);
  if (byAudience) return [byAudience[1]!, byAudience[2]!];
  return null;
}

type Binding = { name: string; at: number; namespaces: string[] };

/** Every translator made in a file, where it is made (a call uses the nearest one made before it: functions in turn). */
function translators(text: string): Binding[] {
  const found: Binding[] = [];
  for (const m of text.matchAll(/(?:const|let)\s+(\w+)\s*=\s*((?:await\s+)?(?:useTranslations|getTranslations)\((?:[^()]|\([^()]*\))*\))/g)) {
    const ns = namespaceOf(m[2]!);
    if (ns) found.push({ name: m[1]!, at: m.index!, namespaces: ns });
  }
  for (const m of text.matchAll(/const\s+\[([^\]]+)\]\s*=\s*await\s+Promise\.all\(\[([\s\S]*?)\]\);/g)) {
    const names = splitTopLevel(m[1]!).map((n) => n.replace(/\{[^}]*\}/, '').trim());
    splitTopLevel(m[2]!).forEach((expression, i) => {
      const ns = namespaceOf(expression);
      if (ns && /^\w+$/.test(names[i] ?? '')) found.push({ name: names[i]!, at: m.index!, namespaces: ns });
    });
  }
  return found.sort((a, b) => a.at - b.at);
}

function lookup(messages: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), messages);
}

/** The text of a call's arguments, from just after its opening parenthesis to the one that closes it. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return '';
}

type TranslatorCall = { file: string; name: string; key: string; namespaces: string[]; args: string };

/** Every call of a translator with a literal key (or one built with `${…}`) in the pages and components, with its arguments. */
function* translatorCalls(): Generator<TranslatorCall> {
  for (const file of ['app', 'components'].flatMap(sourceFiles)) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const bindings = translators(text);
    for (const name of new Set(bindings.map((b) => b.name))) {
      for (const call of text.matchAll(new RegExp(`(?<![\\w.])${name}(?:\\.rich|\\.markup)?\\(\\s*(['\`])([^'\`]*?)\\1`, 'g'))) {
        const binding = bindings.filter((b) => b.name === name && b.at < call.index!).at(-1);
        if (binding) yield { file, name, key: call[2]!, namespaces: binding.namespaces, args: argumentsAt(text, call.index! + call[0].indexOf('(')) };
      }
    }
  }
}

describe('message keys asked for by the pages', () => {
  it('exist in both languages', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const { file, name, key, namespaces } of translatorCalls()) {
      const built = key.includes('${');
      const fixed = built ? key.slice(0, key.indexOf('${')).replace(/\.$/, '') : key;
      for (const ns of namespaces) {
        for (const locale of locales) {
          const value = lookup(messagesFor(locale), fixed ? `${ns}.${fixed}` : ns);
          checked++;
          if (built ? !value || typeof value !== 'object' : typeof value !== 'string') missing.push(`${file}: ${name}('${key}') → ${ns}.${fixed} (${locale})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(missing).toEqual([]);
  });
});

describe('numbers given to the messages', () => {
  // A count formatted before it is given ("100,000") is a string: a message that counts with it
  // ({rows, plural, …}) reads it as no number and says "NaN rows" (the import's preview did, from 1,000 rows on).
  it('a message that counts a value is given the number, not its formatted text', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { file, name, key, namespaces, args } of translatorCalls()) {
      for (const param of args.matchAll(/(\w+)\s*:\s*(?:n|format\.number|[\w.]+\.toLocaleString)\(/g)) {
        for (const ns of namespaces) {
          for (const locale of locales) {
            const message = lookup(messagesFor(locale), `${ns}.${key}`);
            checked++;
            if (typeof message === 'string' && new RegExp(`\\{\\s*${param[1]}\\s*,\\s*(?:plural|selectordinal)`).test(message)) wrong.push(`${file}: ${name}('${key}') gives ${param[1]} as text (${locale})`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });
});
