'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { formatDay } from './days';
import { parseMessage } from '@/lib/validation/message';

type Message = { key: string; params?: Record<string, string | number> } | string | undefined;

/**
 * Translates an error given as a message key (from a zod schema, with its values
 * encoded as lib/validation/message.ts does, or from a server action) with its values.
 * Anything that is not a known key is never shown raw: the form says so in its language.
 */
export function useErrorText() {
  const t = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  return (message: Message): string | undefined => {
    if (!message) return undefined;
    const parsed = typeof message === 'string' ? parseMessage(message) : message;
    // Every message is a key: a library's own English text never reaches the page.
    if (!parsed) return t('validation.invalid');
    const { key, params = {} } = parsed;
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(params)) {
      // An instant as a time; a calendar day in words (it read 2026-12-05).
      values[name] =
        typeof value !== 'string'
          ? value
          : /^\d{4}-\d{2}-\d{2}T/.test(value)
            ? format.dateTime(new Date(value), { hour: '2-digit', minute: '2-digit' })
            : /^\d{4}-\d{2}-\d{2}$/.test(value)
              ? formatDay(value, locale, 'long')
              : value;
    }
    return t.has(key) ? t(key, values) : t('errors.UNAVAILABLE');
  };
}

/** Parses the JSON error that sign-in passes back through next-auth. */
export function parseAuthError(raw: string | null | undefined): { key: string; params?: Record<string, string | number>; field?: string } {
  try {
    const parsed = JSON.parse(raw ?? '') as { code?: string; params?: Record<string, string | number>; field?: string };
    if (parsed.code) return { key: `errors.${parsed.code}`, params: parsed.params, field: parsed.field };
  } catch {
    // not ours: fall through
  }
  return { key: 'errors.UNAVAILABLE' };
}
