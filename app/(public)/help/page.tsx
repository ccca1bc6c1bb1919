import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import { Card, Notice } from '@/components/ui/card';
import { locales, type Locale } from '@/lib/i18n/config';

/**
 * Public help: what Concord is, how mediation works, the borrower's rights and
 * how to tell it is not a scam — for someone who got an SMS and has not signed
 * in. Built once at build time and served as a file (no session, no database),
 * in both languages on one page, since no per-visitor choice can reach it.
 */
export const dynamic = 'force-static';

export async function generateMetadata(): Promise<Metadata> {
  const [zh, en] = await Promise.all(locales.map((locale) => getTranslations({ locale, namespace: 'help' })));
  return { title: `${zh!('metaTitle')} · ${en!('metaTitle')}` };
}

const languageNames: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

async function HelpSection({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'help' });
  const id = (part: string) => `${part}-${locale}`;
  return (
    <article lang={locale} aria-labelledby={id('help')} className="flex flex-col gap-4">
      <h2 id={id('help')} className="text-2xl font-bold">
        {t('title')}
      </h2>
      <p className="text-slate-700">{t('intro')}</p>
      <Card aria-labelledby={id('steps')}>
        <h3 id={id('steps')} className="text-lg font-semibold">
          {t('stepsTitle')}
        </h3>
        <ol className="mt-2 flex list-decimal flex-col gap-2 pl-5 text-sm">
          {(['step1', 'step2', 'step3', 'step4', 'step5'] as const).map((step) => (
            <li key={step}>{t(step)}</li>
          ))}
        </ol>
      </Card>
      <Card aria-labelledby={id('rights')}>
        <h3 id={id('rights')} className="text-lg font-semibold">
          {t('rightsTitle')}
        </h3>
        <ul className="mt-2 flex list-disc flex-col gap-2 pl-5 text-sm">
          {(['rightDispute', 'rightHours', 'rightRespect', 'rightCap'] as const).map((right) => (
            <li key={right}>{t(right)}</li>
          ))}
        </ul>
      </Card>
      <Notice tone="warn">
        <h3 id={id('scam')} className="font-semibold">
          {t('scamTitle')}
        </h3>
        <p className="mt-1">{t('scam')}</p>
      </Notice>
      <Card aria-labelledby={id('verify')}>
        <h3 id={id('verify')} className="text-lg font-semibold">
          {t('verifyTitle')}
        </h3>
        <p className="mt-1 text-sm">{t('verify')}</p>
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          <Link href="/verify" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t('verifyLink')}
          </Link>
          <Link href="/login" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t('signInLink')}
          </Link>
        </p>
      </Card>
    </article>
  );
}

export default function HelpPage() {
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2">
          <Link href="/login" className="text-lg font-bold text-brand-700">
            Concord
          </Link>
          <nav aria-label="语言 · Language" className="flex gap-3 text-sm">
            {locales.map((locale) => (
              <a key={locale} href={`#help-${locale}`} lang={locale} className="inline-flex min-h-11 items-center text-brand-700 underline">
                {languageNames[locale]}
              </a>
            ))}
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto flex max-w-2xl flex-col gap-10 px-4 py-6">
        <h1 className="sr-only">帮助 · Help</h1>
        {locales.map((locale) => (
          <HelpSection key={locale} locale={locale} />
        ))}
      </main>
    </>
  );
}
