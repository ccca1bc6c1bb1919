'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocaleAction } from '@/app/actions';
import { localeNames, locales } from '@/lib/i18n/config';
import { languageButtonClass } from './page-chrome';

export function LanguageSwitcher() {
  const current = useLocale();
  const t = useTranslations('common');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <nav aria-label={t('language')} className="flex items-center gap-1 text-sm">
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-current={locale === current ? 'true' : undefined}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await setLocaleAction(locale);
              router.refresh();
            })
          }
          className={languageButtonClass(locale === current)}
        >
          {localeNames[locale]}
        </button>
      ))}
    </nav>
  );
}
