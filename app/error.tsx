'use client';

import format, { type CompiledMessage } from 'icu-minify/format';
import en from '@/messages/en/errorPage.json';
import zh from '@/messages/zh-CN/errorPage.json';
import { ErrorMain } from '@/components/page-status';

const texts = { en, 'zh-CN': zh };
const formatters = { getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args), getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args), getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args) };

/**
 * A localized error page, the same as the plain documents' (ADR 0007); the server logs the error under
 * error.digest. It carries its own two short texts (compiled at build time, like every message) and reads
 * the language from the page, so that no page needs a translation provider for the sake of its error
 * boundary: /help, built at build time, ships no client code of Concord's beyond this (issue #13).
 */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  const lang = typeof document === 'undefined' ? 'zh-CN' : document.documentElement.lang;
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  const t = texts[locale];
  const reference = error.digest ? String(format(t.reference as CompiledMessage, locale, { digest: error.digest }, { formatters })) : null;
  return <ErrorMain title={t.title} body={t.body} reference={reference} retry={t.retry} />;
}
