import { documentHtml } from '@/components/document/document';
import { documentStylesheet } from '@/components/document/stylesheet';
import { isLocale, locales } from '@/lib/i18n/config';
import { getTranslations } from '@/lib/i18n/server';
import { helpMain } from '../_components/help-main';

/**
 * Public help as a plain document (ADR 0007, 0014): built once per language at
 * build time and served as a file (no session, no database, no script); `/help`
 * is this page in the visitor's language (the proxy picks it from the
 * remembered choice or the browser's, as for every page). Its language buttons
 * go to `/help?lang=`, which the proxy remembers.
 */
export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response(null, { status: 404 });
  const [page, common, stylesheet] = await Promise.all([helpMain(locale), getTranslations({ locale, namespace: 'common' }), documentStylesheet()]);
  const html = await documentHtml({
    title: page.title,
    tagline: common('tagline'),
    skipToContent: common('skipToContent'),
    header: { home: '/login', locale, labels: { appName: common('appName'), signOut: common('signOut'), language: common('language'), account: common('account') }, signOut: null, account: null },
    language: { action: '/help', keep: [] },
    stylesheet,
    nonce: null,
    children: page.main,
  });
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
