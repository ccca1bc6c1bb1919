import 'server-only';
import { cookies, headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import type { ReactElement } from 'react';
import { Document } from '@/components/document/document';
import { layoutStylesheets } from '@/components/document/stylesheets';
import { NotFoundMain } from '@/components/page-chrome';
import { requireBorrower } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { isLocale } from '@/lib/i18n/config';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import type { Actor } from '@/lib/server/actor';
import { isAppError } from '@/lib/server/errors';
import { logger, scrubPersonalData } from '@/lib/server/logger';

export type DocumentPage = { title: string; main: ReactElement };

/**
 * A borrower page served as a plain document from a route handler (ADR 0007):
 * the borrower's session checked as on every page (a stranger or an idle
 * session goes to sign-in), the page built, and any failure shown as the
 * localized not-found or error page with the right status, never a stack trace.
 */
export async function borrowerDocument(request: Request, build: (actor: Extract<Actor, { type: 'borrower' }>) => Promise<DocumentPage>): Promise<Response> {
  // Next's client router asks for an RSC payload (a prefetch, or a navigation from an App
  // Router page): a document has none, and any answer that is not one makes it load the page.
  if (request.headers.get('rsc') === '1') return new Response(null, { status: 204, headers: { 'cache-control': 'no-store', vary: 'rsc' } });
  const { actor, meta } = await requireBorrower();
  let status = 200;
  let page: DocumentPage;
  try {
    page = await build(actor);
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error) && error.code === 'NOT_FOUND') {
      status = 404;
      page = await notFoundPage();
    } else {
      status = 500;
      const err = error as Error;
      logger.error({ requestId: meta.requestId, method: 'GET', path: new URL(request.url).pathname, err: { name: err?.name, message: scrubPersonalData(String(err?.message)) } }, 'request failed');
      page = await errorPage(meta.requestId, request.url);
    }
  }
  const [locale, t, headerBag, jar, stylesheets] = await Promise.all([
    getLocale(),
    getTranslations('common'),
    headers(),
    cookies(),
    // Without the stylesheet the page is plain but still readable: better than no page.
    layoutStylesheets(request.url).catch((error: Error) => {
      logger.error({ requestId: meta.requestId, err: { name: error.name, message: scrubPersonalData(error.message) } }, 'document stylesheets not found');
      return [];
    }),
  ]);
  // next-auth's CSRF cookie holds "token|hash"; the sign-out form sends the token back (document.js fetches a fresh one first).
  const csrfCookie = jar.get(getEnv().secureCookies ? '__Host-next-auth.csrf-token' : 'next-auth.csrf-token')?.value;
  const { renderToString } = await import('react-dom/server');
  const html = renderToString(
    <Document
      locale={isLocale(locale) ? locale : 'zh-CN'}
      title={page.title}
      labels={{ appName: t('appName'), tagline: t('tagline'), skipToContent: t('skipToContent'), signOut: t('signOut'), language: t('language'), account: t('account') }}
      stylesheets={stylesheets}
      nonce={headerBag.get('x-nonce')}
      csrfToken={csrfCookie?.split('|')[0] ?? null}
    >
      {page.main}
    </Document>,
  );
  return new Response(`<!DOCTYPE html>${html}`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate' },
  });
}

async function notFoundPage(): Promise<DocumentPage> {
  const t = await getTranslations('notFound');
  return { title: t('title'), main: <NotFoundMain title={t('title')} body={t('body')} home={t('home')} /> };
}

async function errorPage(reference: string | null | undefined, url: string): Promise<DocumentPage> {
  const t = await getTranslations('errorPage');
  const { pathname, search } = new URL(url);
  return {
    title: t('title'),
    main: (
      <main id="main" className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-12">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('body')}</p>
        {reference ? <p className="text-sm text-slate-600">{t('reference', { digest: reference })}</p> : null}
        <a href={pathname + search} className="inline-flex min-h-11 items-center self-start rounded-lg bg-brand-600 px-4 text-white">
          {t('retry')}
        </a>
      </main>
    ),
  };
}
