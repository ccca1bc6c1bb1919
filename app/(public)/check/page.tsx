// i18n-audience: borrower
import type { Metadata } from 'next';
import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';
import { Card, Notice } from '@/components/ui/card';
import { currentRequestMeta } from '@/lib/auth/request-meta';
import { formatInviteCode, normalizeInviteCode } from '@/lib/domain/invite-code';
import { isLocale } from '@/lib/i18n/config';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { isAppError } from '@/lib/server/errors';
import { checkInviteCode, type InviteCheck } from '@/lib/server/invitations/check-invite-code';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('check'))('title') };
}

/**
 * Public: "is this message genuine?". The invitation's code, typed here or carried by the letter's QR code
 * (/check?code=…), is checked on the server: genuine, the page names the creditor and its official number (never
 * the debt) and offers the usual sign-in; unknown, it says so and how to reach the lender through its official
 * channels. A plain GET form: it works without JavaScript, on any phone. Rate-limited per address.
 */
export default async function CheckPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const [t, tErrors, format, chosen] = await Promise.all([getTranslations('check'), getTranslations('errors'), getFormatter(), getLocale()]);
  const locale = isLocale(chosen) ? chosen : 'zh-CN';
  const raw = (await searchParams).code;
  const code = typeof raw === 'string' ? raw.slice(0, 64) : '';
  let result: InviteCheck | null = null;
  let limited: string | null = null;
  if (code.trim()) {
    try {
      result = await checkInviteCode(await currentRequestMeta(), code);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'RATE_LIMITED') throw error;
      limited = tErrors('RATE_LIMITED', { retryAt: format.dateTime(new Date(String(error.params.retryAt)), { hour: '2-digit', minute: '2-digit' }) });
    }
  }
  const fieldError = limited ?? (result?.verdict === 'malformed' ? t('malformed') : null);
  const shown = result?.verdict === 'genuine' ? formatInviteCode(normalizeInviteCode(code)) : code;
  return (
    <>
      <SiteHeader home="/check" />
      <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-6">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
        <Card>
          <form method="get" action="/check" className="flex flex-col gap-3">
            <div className="flex flex-col gap-1">
              <label htmlFor="check-code" className="text-sm font-medium text-slate-800">
                {t('codeLabel')}
              </label>
              <input
                id="check-code"
                name="code"
                defaultValue={shown}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={`check-code-hint${fieldError ? ' check-code-error' : ''}`}
                className={`min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-lg tracking-wider ${fieldError ? 'border-danger-700' : 'border-slate-400'}`}
              />
              <p id="check-code-hint" className="text-sm text-slate-600">
                {t('codeHint')}
              </p>
              {fieldError ? (
                <p id="check-code-error" role="alert" className="text-sm font-medium text-danger-700">
                  {fieldError}
                </p>
              ) : null}
            </div>
            <button type="submit" className="inline-flex min-h-11 items-center justify-center self-start rounded-lg bg-brand-600 px-4 py-2 text-base font-medium text-white hover:bg-brand-700">
              {t('check')}
            </button>
          </form>
        </Card>
        <div role="status">
          {result?.verdict === 'genuine' ? (
            <Notice className="flex flex-col gap-2 text-base">
              <p className="text-lg font-bold text-ok-700">✓ {t('genuineTitle')}</p>
              <p>{t('genuineBody', { creditor: result.creditor[locale] })}</p>
              <p>{t('genuineOfficial', { creditor: result.creditor[locale], phone: result.servicePhone })}</p>
              <Link href="/login" className="inline-flex min-h-11 items-center justify-center self-start rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                {t('signIn')}
              </Link>
            </Notice>
          ) : null}
          {result?.verdict === 'unknown' ? (
            <Notice tone="warn" className="flex flex-col gap-2 text-base">
              <p className="text-lg font-bold">✗ {t('unknownTitle')}</p>
              <p>{t('unknownBody')}</p>
              <p>{t('unknownOfficial')}</p>
            </Notice>
          ) : null}
        </div>
        <p className="text-sm text-slate-700">{t('neverAsk')}</p>
      </main>
    </>
  );
}
