'use client';

import { useTranslations } from 'next-intl';

/** A localized error page: the user sees what to do, never a stack trace (the server logs it with the request id). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errorPage');
  return (
    <main id="main" className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-12">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('body')}</p>
      {error.digest ? <p className="text-sm text-slate-600">{t('reference', { digest: error.digest })}</p> : null}
      <button type="button" onClick={reset} className="min-h-11 self-start rounded-lg bg-brand-600 px-4 text-white">
        {t('retry')}
      </button>
    </main>
  );
}
