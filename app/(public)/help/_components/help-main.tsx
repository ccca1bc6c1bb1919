import 'server-only';
import { Card, Notice } from '@/components/ui/card';
import type { Locale } from '@/lib/i18n/config';
import { getTranslations } from '@/lib/i18n/server';

/**
 * What Concord is, how mediation works, the borrower's rights and how to tell
 * it is not a scam, for someone who got an SMS and has not signed in. Plain
 * markup, no client code: it is rendered into a document (ADR 0007, 0014).
 */
export async function helpMain(locale: Locale) {
  const t = await getTranslations({ locale, namespace: 'help' });
  return {
    title: t('metaTitle'),
    main: (
      <main id="main" className="mx-auto flex max-w-2xl flex-col gap-4 px-4 py-6">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
        <Card aria-labelledby="help-steps">
          <h2 id="help-steps" className="text-lg font-semibold">
            {t('stepsTitle')}
          </h2>
          <ol className="mt-2 flex list-decimal flex-col gap-2 pl-5 text-sm">
            {(['step1', 'step2', 'step3', 'step4', 'step5'] as const).map((step) => (
              <li key={step}>{t(step)}</li>
            ))}
          </ol>
        </Card>
        <Card aria-labelledby="help-rights">
          <h2 id="help-rights" className="text-lg font-semibold">
            {t('rightsTitle')}
          </h2>
          <ul className="mt-2 flex list-disc flex-col gap-2 pl-5 text-sm">
            {(['rightDispute', 'rightHours', 'rightRespect', 'rightCap'] as const).map((right) => (
              <li key={right}>{t(right)}</li>
            ))}
          </ul>
        </Card>
        <Notice tone="warn">
          <h2 className="font-semibold">{t('scamTitle')}</h2>
          <p className="mt-1">{t('scam')}</p>
        </Notice>
        <Card aria-labelledby="help-verify">
          <h2 id="help-verify" className="text-lg font-semibold">
            {t('verifyTitle')}
          </h2>
          <p className="mt-1 text-sm">{t('verify')}</p>
          <p className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            <a href="/verify" className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t('verifyLink')}
            </a>
            <a href="/login" className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t('signInLink')}
            </a>
          </p>
        </Card>
      </main>
    ),
  };
}
