import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { namespaceAudience, type NamespaceAudience } from './audience';
import { messagesFor } from './messages';

/**
 * Borrower and staff wording cannot mix: a staff page never shows "您已签署" or
 * "Your household" about the borrower, a borrower page never speaks of "the
 * borrower". Every source file's audience comes from where it lives (or a
 * `// i18n-audience:` line for a component used on one side only); a file may
 * use its own audience's namespaces and the neutral ones, and reach the other
 * side's only through forAudience(audience, { borrower, staff }); it may not
 * import a file of the other side.
 */
const root = path.resolve(import.meta.dirname, '../..');
type Audience = 'borrower' | 'staff' | 'any';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

function audienceOf(file: string, text: string): Audience {
  const marked = /^\/\/ i18n-audience: (borrower|staff)$/m.exec(text);
  if (marked) return marked[1] as Audience;
  if (file.startsWith('app/(staff)/') || file.startsWith('app/(public)/staff/')) return 'staff';
  if (file.startsWith('app/(borrower)/') || file.startsWith('app/(public)/login/')) return 'borrower';
  return 'any';
}

const files = ['app', 'components', 'lib'].flatMap(sourceFiles).map((file) => {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return { file, text, audience: audienceOf(file, text) };
});
const byFile = new Map(files.map((f) => [f.file, f]));

/** Namespaces a file names directly (the first segment of a translator's namespace). */
function namespacesUsed(text: string): string[] {
  const found: string[] = [];
  const patterns = [/(?:useTranslations|getTranslations)\(\s*'([A-Za-z]+)[.']/g, /namespace:\s*'([A-Za-z]+)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]!);
  for (const m of text.matchAll(/namespaces=\{\[([^\]]*)\]\}/g)) for (const ns of m[1]!.matchAll(/'([A-Za-z]+)'/g)) found.push(ns[1]!);
  return found;
}

/** The pairs given to forAudience. */
function audiencePairs(text: string): { borrower: string; staff: string }[] {
  return [...text.matchAll(/forAudience\([^,]+,\s*\{\s*borrower:\s*'([A-Za-z]+)',\s*staff:\s*'([A-Za-z]+)'\s*\}\)/g)].map((m) => ({ borrower: m[1]!, staff: m[2]! }));
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? path.posix.join(path.posix.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (byFile.has(candidate)) return candidate;
  return null;
}

const allowed = (file: Audience, ns: NamespaceAudience) => ns === 'any' || ns === file;

describe('borrower and staff wording are kept apart', () => {
  it('every namespace has an audience', () => {
    expect(Object.keys(namespaceAudience).sort()).toEqual(Object.keys(messagesFor('zh-CN')).sort());
  });

  it('finds the staff and borrower files and their namespaces', () => {
    expect(files.filter((f) => f.audience === 'staff').length).toBeGreaterThan(8);
    expect(files.filter((f) => f.audience === 'borrower').length).toBeGreaterThan(15);
    expect(files.flatMap((f) => audiencePairs(f.text)).length).toBeGreaterThan(4);
  });

  it('a file uses only its own audience’s namespaces and the neutral ones', () => {
    const wrong: string[] = [];
    for (const { file, text, audience } of files) {
      // The translators' own implementation names no namespace of its own.
      if (file === 'lib/i18n/server.ts') continue;
      for (const ns of namespacesUsed(text)) {
        const nsAudience = namespaceAudience[ns as keyof typeof namespaceAudience];
        if (!nsAudience) wrong.push(`${file}: unknown namespace ${ns}`);
        else if (!allowed(audience, nsAudience)) wrong.push(`${file} (${audience}) uses ${ns} (${nsAudience})`);
      }
      for (const pair of audiencePairs(text)) {
        if (!allowed('borrower', namespaceAudience[pair.borrower as keyof typeof namespaceAudience])) wrong.push(`${file}: ${pair.borrower} is not for borrowers`);
        if (!allowed('staff', namespaceAudience[pair.staff as keyof typeof namespaceAudience])) wrong.push(`${file}: ${pair.staff} is not for staff`);
      }
      // A translator over all namespaces only where errors are translated (errors.* and validation.*, both neutral).
      if (/useTranslations\(\)|getTranslations\(\)/.test(text) && file !== 'lib/i18n/use-error-text.ts') wrong.push(`${file}: a translator over every namespace`);
    }
    expect(wrong).toEqual([]);
  });

  it('a file never imports one written for the other side', () => {
    const wrong: string[] = [];
    for (const { file, text, audience } of files) {
      if (audience === 'any') {
        // A neutral file may not pull in either side's: it would be drawn on both.
        for (const m of text.matchAll(/from '([^']+)'/g)) {
          const target = resolveImport(file, m[1]!);
          if (target && byFile.get(target)!.audience !== 'any' && !target.startsWith('app/')) wrong.push(`${file} imports ${target} (${byFile.get(target)!.audience})`);
        }
        continue;
      }
      for (const m of text.matchAll(/from '([^']+)'/g)) {
        const target = resolveImport(file, m[1]!);
        const other = target ? byFile.get(target)!.audience : 'any';
        if (other !== 'any' && other !== audience) wrong.push(`${file} (${audience}) imports ${target} (${other})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('staff messages speak of the borrower in the third person', () => {
    const secondPerson = /您已签署|您填写|您的家庭|您的收入|你的|\byour (household|income|case|debt)\b|\byou entered\b|signed by you/i;
    const wrong: string[] = [];
    for (const locale of ['zh-CN', 'en'] as const) {
      const messages = messagesFor(locale) as unknown as Record<string, unknown>;
      for (const [ns, audience] of Object.entries(namespaceAudience)) {
        if (audience !== 'staff') continue;
        const walk = (value: unknown, key: string) => {
          if (typeof value === 'string') {
            if (secondPerson.test(value)) wrong.push(`${locale} ${key}: ${value}`);
          } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${key}.${k}`);
        };
        walk(messages[ns], ns);
      }
    }
    expect(wrong).toEqual([]);
  });
});
