import fs from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { locales } from '@/lib/i18n/config';
import { messagesFor } from '@/lib/i18n/messages';
import { parseMessage } from './message';

/**
 * Every message a schema can give is a sentence in both languages: the keys
 * written anywhere in the code exist, and every issue that the validation
 * schemas actually produce, for a wide range of bad input, translates with its
 * values (a key whose values were lost shows as the raw key: "validation.count").
 */

const root = path.resolve(import.meta.dirname, '../..');
const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [rel] : [];
  });

function translate(locale: (typeof locales)[number], key: string, params: Record<string, string | number> = {}): string {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale) as never,
    onError: (error) => {
      throw error;
    },
  });
  return (t as unknown as (k: string, v: Record<string, string | number>) => string)(key, params);
}

describe('message keys written in the code', () => {
  const files = ['app', 'components', 'lib'].flatMap(sourceFiles);
  const written = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/['"`]((?:validation|errors)\.[A-Za-z_]+)(?=['"`{])/g)) written.add(match[1]!);
  }
  const codes = [...fs.readFileSync(path.join(root, 'lib/server/errors.ts'), 'utf8').matchAll(/^ {2}([A-Z_]+): \d{3},$/gm)].map((m) => `errors.${m[1]}`);

  it('finds the keys and every error code', () => {
    expect(written.size).toBeGreaterThan(20);
    expect(codes).toContain('errors.UNAVAILABLE');
  });

  it.each(locales)('%s: each has a translation', (locale) => {
    const messages = messagesFor(locale) as unknown as Record<string, Record<string, unknown>>;
    const missing = [...written, ...codes].filter((key) => {
      const [ns, name] = key.split('.');
      return typeof messages[ns!]?.[name!] !== 'string';
    });
    expect(missing).toEqual([]);
  });
});

/** Bad (and good) values of every kind a person types or a client sends. */
const strings = ['', '  ', '-1', '－1', '−5', '１２３', '１２', '123', '1.5', 'abc', '1,234.567', '99999999999', '0', '2026-02-30', '2999-01-01', 'yesterday', 'x'.repeat(3000), '1'.repeat(12)];
const others = [undefined, null, 0, -1, 1.5, 1e12, true, false, [], {}];

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; element?: z.ZodType; options?: z.ZodType[] };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A handful of inputs for a schema: for an object, each field in turn takes each bad value while the others hold a plain one. */
function inputsFor(schema: z.ZodType, depth = 0): unknown[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return inputsFor(def.innerType!, depth);
    case 'pipe':
      return inputsFor(def.in!, depth);
    case 'object': {
      if (depth > 4) return [{}];
      const shape = def.shape!;
      const plain = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, inputsFor(field, depth + 1)[0]]));
      const out: unknown[] = [plain, {}, null];
      for (const [key, field] of Object.entries(shape)) for (const value of inputsFor(field, depth + 1)) out.push({ ...plain, [key]: value });
      return out;
    }
    case 'array': {
      const items = inputsFor(def.element!, depth + 1);
      return [[], items.slice(0, 3), Array.from({ length: 11 }, () => items[0]), 'x'];
    }
    case 'record':
      return [{}, { x: 'y' }, { wages: -1 }, 'x'];
    case 'union':
      return def.options!.flatMap((option) => inputsFor(option, depth + 1));
    case 'string':
      return strings;
    default:
      return [...strings.slice(0, 6), ...others];
  }
}

const household = { adults: 1, childrenUnder6: 0, children6to17: 0, otherDependants: 0, housing: 'rent', employment: 'unemployed' } as const;
/** The schema factories of lib/validation, with the arguments the forms call them with. */
const factories: Record<string, unknown[][]> = {
  countField: [[20], [20, 1, 'validation.adultsMin']],
  pastDateField: [[() => '2026-11-22']],
  costsStep: [[household], [undefined]],
  reasonStep: [[], ['Asia/Shanghai']],
};

async function schemasOfValidationModules(): Promise<[string, z.ZodType][]> {
  const out: [string, z.ZodType][] = [];
  for (const file of fs.readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const exports = (await import(`./${file}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (value instanceof z.ZodType) out.push([`${file}:${name}`, value]);
      else if (typeof value === 'function' && factories[name]) {
        for (const args of factories[name]!) out.push([`${file}:${name}(${args.map(String).join(', ')})`, (value as (...a: unknown[]) => z.ZodType)(...args)]);
      }
    }
  }
  const unknown = out.length ? [] : ['none'];
  expect(unknown).toEqual([]);
  return out;
}

describe('every message the validation schemas give', () => {
  it('is a key with its values, translated in both languages', async () => {
    const schemas = await schemasOfValidationModules();
    expect(schemas.length).toBeGreaterThan(15);
    const seen = new Map<string, string>();
    for (const [name, schema] of schemas) {
      for (const input of inputsFor(schema)) {
        const result = schema.safeParse(input);
        if (result.success) continue;
        for (const issue of result.error.issues) seen.set(issue.message, `${name} ← ${JSON.stringify(input)?.slice(0, 60)}`);
      }
    }
    // The messages of zod itself ("Invalid input: expected string…") come only from server-side checks of
    // values no form sends; the action maps them to validation.invalid. Everything else is ours.
    const ours = [...seen.keys()].filter((m) => parseMessage(m));
    expect(ours.length).toBeGreaterThan(15);
    for (const text of ours) {
      const { key, params } = parseMessage(text)!;
      for (const locale of locales) {
        const sentence = translate(locale, key, params);
        expect(sentence, `${text} (${seen.get(text)}) in ${locale}`).not.toMatch(/validation\.|errors\.|\{/);
      }
    }
    // Counts and amounts typed with full-width digits are read as digits, and a refusal names the range.
    expect([...seen.keys()].some((m) => m.startsWith('validation.count{'))).toBe(true);
  });

  it('a library message from a form schema would be a defect: the forms give only our keys', async () => {
    const formSchemas = (await schemasOfValidationModules()).filter(([name]) => /hardship\.ts:(householdStep|incomeStep|costsStep|debtsStep|reasonStep)|auth\.ts:(requestCode|verifyCode|staffLogin)|case\.ts|offer\.ts:offerFormSchema/.test(name));
    expect(formSchemas.length).toBeGreaterThan(6);
    const foreign: string[] = [];
    for (const [name, schema] of formSchemas) {
      for (const input of inputsFor(schema).filter((i) => i && typeof i === 'object' && !Array.isArray(i) && Object.keys(i).length)) {
        const result = schema.safeParse(input);
        for (const issue of result.error?.issues ?? []) if (!parseMessage(issue.message)) foreign.push(`${name}: ${issue.path.join('.')} ${issue.message}`);
      }
    }
    expect(foreign.filter((f) => !/expected (string|boolean|array|object), received (undefined|null|number|boolean|array|object)/.test(f))).toEqual([]);
  });
});
