import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { ReactElement } from 'react';
import { documentHtml } from '@/components/document/document';
import { documentStylesheet } from '@/components/document/stylesheet';
import { ErrorMain, NotFoundMain } from '@/components/page-status';
import { headerData } from '@/components/site-header';
import { requireBorrower } from '@/lib/auth/session';
import { getTranslations } from '@/lib/i18n/server';
import type { Actor } from '@/lib/server/actor';
import { isAppError } from '@/lib/server/errors';
import { logger, scrubPersonalData } from '@/lib/server/logger';

export type DocumentPage = { title: string; main: ReactElement };

/**
 * Whether the browser asks for the page to show it, by its Fetch Metadata (a
 * web standard every current browser sends): a navigation or a frame says
 * `Sec-Fetch-Dest: document`, while a script's fetch, such as Next's client
 * router asking for an RSC payload or prefetching, says `empty`. A document
 * has no payload to give, and any answer that is not one makes the router
 * load the page instead: an empty 204 costs no database work. A client
 * without the header (an older browser, curl, the bench) gets the page. Next's
 * own `rsc` request header is internal: its docs say so, and its proxy hides it.
 */
export function wantsDocument(request: Request): boolean {
  const destination = request.headers.get('sec-fetch-dest');
  return destination === null || destination === 'document';
}

/**
 * A borrower page served as a plain document from a route handler (ADR 0007):
 * the borrower's session checked as on every page (a stranger or an idle
 * session goes to sign-in), the page built, and any failure shown as the
 * localized not-found or error page with the right status, never a stack trace.
 */
export async function borrowerDocument(request: Request, build: (actor: Extract<Actor, { type: 'borrower' }>) => Promise<DocumentPage>): Promise<Response> {
  if (!wantsDocument(request)) return new Response(null, { status: 204, headers: { 'cache-control': 'no-store', vary: 'sec-fetch-dest' } });
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
      page = await errorPage(meta.requestId);
    }
  }
  const [t, header, stylesheet] = await Promise.all([
    getTranslations('common'),
    headerData({ home: '/', signOutTo: '/login', account: '/account', renewSession: true }),
    // Without the stylesheet the page is plain but still readable: better than no page.
    documentStylesheet().catch((error: Error) => {
      logger.error({ requestId: meta.requestId, err: { name: error.name, message: scrubPersonalData(error.message) } }, 'document stylesheet not found');
      return null;
    }),
  ]);
  const url = new URL(request.url);
  const html = await documentHtml({
    title: page.title,
    tagline: t('tagline'),
    skipToContent: t('skipToContent'),
    header,
    language: { action: url.pathname, keep: [...url.searchParams].filter(([name]) => name !== 'lang') },
    stylesheet,
    nonce: header.signOut?.nonce ?? null,
    children: page.main,
  });
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate' },
  });
}

async function notFoundPage(): Promise<DocumentPage> {
  const t = await getTranslations('notFound');
  return { title: t('title'), main: <NotFoundMain title={t('title')} body={t('body')} home={t('home')} /> };
}

async function errorPage(reference: string | null | undefined): Promise<DocumentPage> {
  const t = await getTranslations('errorPage');
  return { title: t('title'), main: <ErrorMain title={t('title')} body={t('body')} reference={reference ? t('reference', { digest: reference }) : null} retry={t('retry')} /> };
}
