import { NextResponse, type NextRequest } from 'next/server';
import { requestBodyLimitBytes } from '@/lib/domain/file-type';
import { checkActionPost } from '@/lib/http/action-body';
import { fromSameOrigin } from '@/lib/http/origin';
import { isLocale, localeCookie, negotiateLocale } from '@/lib/i18n/config';
import { logger } from '@/lib/server/logger';

/**
 * Only redirects on the presence of the session cookie, sets per-request
 * headers (request id, CSP nonce), and turns away request bodies the framework
 * would fail on (ADR 0010). Roles and ownership are checked by every page and
 * service, never here.
 */
const sessionCookies = ['next-auth.session-token', '__Secure-next-auth.session-token'];

function hasSessionCookie(request: NextRequest) {
  return request.cookies.getAll().some((c) => sessionCookies.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

/**
 * Pages built once at build time (`force-static`): the help document, which
 * has no script at all, so its policy allows none but the site's own files
 * (a per-request nonce could not reach HTML built at build time anyway).
 */
const staticPages = new Set(['/help/zh-CN', '/help/en']);

function contentSecurityPolicy(nonce: string | null) {
  const dev = process.env.NODE_ENV !== 'production';
  const scripts = nonce ? ` 'nonce-${nonce}' 'strict-dynamic'` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${scripts}${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The language buttons of pages served as plain documents (ADR 0007) reload
 * the page with `?lang=`: the choice is remembered as the language switch's
 * server action remembers it, and the page is asked for again without it.
 */
function rememberLanguage(request: NextRequest) {
  const lang = request.nextUrl.searchParams.get('lang');
  if (request.method !== 'GET' || lang === null) return null;
  const target = request.nextUrl.clone();
  target.searchParams.delete('lang');
  const response = NextResponse.redirect(target, 303);
  if (isLocale(lang)) response.cookies.set(localeCookie, lang, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: false });
  return response;
}

/** The words of a refusal, in the visitor's language (remembered choice, else the browser's): a person may see them. */
const refusals: Record<400 | 403 | 405 | 413, Record<'zh-CN' | 'en', string>> = {
  400: { 'zh-CN': '请求无效：地址或提交的内容无法读取。请返回上一页重试。', en: 'Bad request: the address or what was sent could not be read. Please go back and try again.' },
  403: { 'zh-CN': '已拒绝：请求并非来自本站页面。请在本站页面上重新操作。', en: 'Refused: the request did not come from this site’s pages. Please do it again from the site.' },
  405: { 'zh-CN': '此页面不接受这种请求。', en: 'This page does not accept that kind of request.' },
  413: { 'zh-CN': '提交的内容太大（文件上限 10 MB）。', en: 'What was sent is too large (files up to 10 MB).' },
};

function refusal(request: NextRequest, status: 400 | 403 | 405 | 413, requestId: string, headers: Record<string, string> = {}) {
  const remembered = request.cookies.get(localeCookie)?.value;
  const locale = isLocale(remembered) ? remembered : negotiateLocale(request.headers.get('accept-language'));
  return new NextResponse(refusals[status][locale === 'en' ? 'en' : 'zh-CN'], {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-language': locale, 'x-request-id': requestId, ...headers },
  });
}

/**
 * A POST to a page is a server action call (React's reply format, with the
 * Next-Action header); anything else posted to a page is refused (405).
 * Next answers an action body it cannot decode, or one over its size limit,
 * with HTTP 500 and an error in the logs: such bodies are refused here
 * instead, 413 or 400, and logged at warn. Route handlers (/api) read their
 * own bodies.
 */
async function checkPost(request: NextRequest, requestId: string): Promise<NextResponse | null> {
  if (request.method !== 'POST' || request.nextUrl.pathname.startsWith('/api/')) return null;
  // Next refuses an action posted from another origin with HTTP 500 (an error in the logs); it is refused here, 403.
  if (!fromSameOrigin(request.headers)) {
    logger.warn({ requestId, path: request.nextUrl.pathname, status: 403, reason: 'cross-origin post' }, 'request body refused');
    return refusal(request, 403, requestId);
  }
  const declared = request.headers.get('content-length');
  const verdict = await checkActionPost(
    { actionId: request.headers.get('next-action'), contentType: request.headers.get('content-type') ?? '', length: declared === null ? null : Number(declared), bytes: async () => new Uint8Array(await request.arrayBuffer()) },
    requestBodyLimitBytes,
  );
  if (verdict.ok) return null;
  logger.warn({ requestId, path: request.nextUrl.pathname, status: verdict.status, reason: verdict.reason }, 'request body refused');
  return refusal(request, verdict.status, requestId, verdict.status === 405 ? { allow: 'GET, HEAD' } : {});
}

/** A path with a broken percent-escape (`/cases/%ff`): Next fails on it decoding the page's parameters, with HTTP 500. */
function hasUndecodablePath(pathname: string) {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  const requestId = request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
  if (hasUndecodablePath(request.nextUrl.pathname)) {
    logger.warn({ requestId, path: request.nextUrl.pathname, status: 400, reason: 'undecodable path' }, 'request refused');
    return refusal(request, 400, requestId);
  }
  const refused = await checkPost(request, requestId);
  if (refused) return refused;
  const language = rememberLanguage(request);
  if (language) return language;
  const { pathname, search } = request.nextUrl;
  const signedIn = hasSessionCookie(request);
  if (!signedIn && pathname === '/') {
    return NextResponse.redirect(new URL('/login', request.url));
  }
  // Sign-in and the one-time link to set a password (invitation, reset) are the staff pages open to all.
  if (!signedIn && pathname.startsWith('/staff') && pathname !== '/staff/login' && pathname !== '/staff/set-password') {
    const target = new URL('/staff/login', request.url);
    target.searchParams.set('next', pathname + search);
    return NextResponse.redirect(target);
  }

  // /help is the help page built for the visitor's language (remembered choice, else the browser's).
  if (pathname === '/help') {
    const remembered = request.cookies.get(localeCookie)?.value;
    const locale = isLocale(remembered) ? remembered : negotiateLocale(request.headers.get('accept-language'));
    const response = NextResponse.rewrite(new URL(`/help/${locale}${search}`, request.url));
    response.headers.set('content-security-policy', contentSecurityPolicy(null));
    response.headers.set('vary', 'cookie, accept-language');
    return response;
  }
  if (staticPages.has(pathname)) {
    const response = NextResponse.next();
    response.headers.set('content-security-policy', contentSecurityPolicy(null));
    return response;
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set('x-request-id', requestId);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  // The page asked for, so a page that finds the session gone can send the borrower back here after signing in.
  headers.set('x-return-path', pathname + search);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  response.headers.set('x-request-id', requestId);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|page-chrome.js|styles/|api/import-upload).*)'],
};
