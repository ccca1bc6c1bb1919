import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from '@/lib/i18n/server';
import { SkipLink } from '@/components/page-chrome';
import { Card, Notice } from '@/components/ui/card';
import { isLocale, localeNames, locales, type Locale } from '@/lib/i18n/config';

/**
 * Public help: what Concord is, how mediation works, the borrower's rights and
 * how to tell it is not a scam — for someone who got an SMS and has not signed
 * in. Built once per language at build time and served as a file (no session,
 * no database); `/help` is this page in the visitor's language (the proxy picks
 * it from the remembered choice or the browser's, as for every page).
 * No request reaches a page built at build time, so the root layout cannot know
 * its language: the page carries its own skip link, and its content its `lang`.
 */
export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const [t, common] = await Promise.all([getTranslations({ locale, namespace: 'help' }), getTranslations({ locale, namespace: 'common' })]);
  return { title: `${t('metaTitle')} · ${common('appName')}`, description: common('tagline') };
}

export default async function HelpPage({ params }: Props) {
  const { locale: raw } = await params;
  if (!isLocale(raw)) notFound();
  const locale: Locale = raw;
  const [t, common] = await Promise.all([getTranslations({ locale, namespace: 'help' }), getTranslations({ locale, namespace: 'common' })]);
  return (
    <div lang={locale}>
      <SkipLink>{common('skipToContent')}</SkipLink>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2">
          <a href="/login" className="text-lg font-bold text-brand-700">
            {common('appName')}
          </a>
          <nav aria-label={common('language')} className="flex gap-3 text-sm">
            {locales.map((other) => (
              // A plain link: the proxy remembers the choice and serves /help in it.
              <a key={other} href={`/help?lang=${other}`} lang={other} aria-current={other === locale ? 'true' : undefined} className="inline-flex min-h-11 items-center text-brand-700 underline">
                {localeNames[other]}
              </a>
            ))}
          </nav>
        </div>
      </header>
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
            {/* Full loads: the pages it leads to are rendered per request, with the layout's own skip link and language. */}
            <a href="/verify" className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t('verifyLink')}
            </a>
            <a href="/login" className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t('signInLink')}
            </a>
          </p>
        </Card>
      </main>
    </div>
  );
}
