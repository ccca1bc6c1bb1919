'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocaleAction } from '@/app/actions';
import { localeNames, locales } from '@/lib/i18n/config';
import { cn } from './ui/cn';

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
          className={cn(
            'min-h-11 rounded-md px-3 py-1',
            locale === current ? 'bg-brand-600 font-semibold text-white' : 'text-brand-700 underline-offset-2 hover:underline',
          )}
        >
          {localeNames[locale]}
        </button>
      ))}
    </nav>
  );
}
