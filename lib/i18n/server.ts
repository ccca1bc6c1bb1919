import 'server-only';
import type { ReactNode } from 'react';
import { getLocale } from 'next-intl/server';
import { _createCache, _createIntlFormatters, createFormatter, createTranslator } from 'use-intl/core';
import { displayTimeZone as timeZone, isLocale, type Locale } from './config';
import { messagesFor } from './messages';

/**
 * Server components' translations and formats, like next-intl's, but with the
 * parsed messages and Intl formatters kept for the life of the process instead
 * of one request: next-intl builds them afresh per request, which re-parses
 * every ICU message a page uses, every time. Both are pure functions of the
 * locale and a finite set of messages and options, so sharing them is safe
 * and their size is bounded.
 */
const shared = new Map<Locale, { cache: ReturnType<typeof _createCache>; formatters: ReturnType<typeof _createIntlFormatters> }>();

function sharedFor(locale: Locale) {
  let entry = shared.get(locale);
  if (!entry) {
    const cache = _createCache();
    entry = { cache, formatters: _createIntlFormatters(cache) };
    shared.set(locale, entry);
  }
  return entry;
}

/** A locale's process-wide cache, as the translators share it (the unit test checks that a message is parsed once). */
export function sharedCacheOf(locale: Locale) {
  return sharedFor(locale).cache;
}

async function resolveLocale(explicit?: string): Promise<Locale> {
  const locale = explicit ?? (await getLocale());
  if (!isLocale(locale)) throw new Error(`Unsupported locale: ${locale}`);
  return locale;
}

/** `getTranslations('ns')` or `getTranslations({ locale, namespace })`, as in next-intl. */
export async function getTranslations(arg?: string | { locale?: string; namespace?: string }) {
  const { locale: explicit, namespace } = typeof arg === 'string' || arg === undefined ? { locale: undefined, namespace: arg } : arg;
  const locale = await resolveLocale(explicit);
  const { cache, formatters } = sharedFor(locale);
  // Typed loosely on purpose: keys are checked by the messages parity test, not by the compiler.
  return createTranslator({ locale, messages: messagesFor(locale) as never, namespace: namespace as never, timeZone, _cache: cache, _formatters: formatters }) as unknown as Translator;
}

type Translator = {
  (key: string, values?: Record<string, string | number | Date>): string;
  rich: (key: string, values?: Record<string, unknown>) => ReactNode;
  markup: (key: string, values?: Record<string, unknown>) => string;
  raw: (key: string) => unknown;
  has: (key: string) => boolean;
};

/** `getFormatter()` as in next-intl; `timeZone` writes instants in the reader's own zone (a borrower's), else Beijing time. */
export async function getFormatter(arg?: { locale?: string; timeZone?: string }) {
  const locale = await resolveLocale(arg?.locale);
  return createFormatter({ locale, timeZone: arg?.timeZone ?? timeZone, _formatters: sharedFor(locale).formatters });
}

export { getLocale };
