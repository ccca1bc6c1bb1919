import { AppLink } from './app-link';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from './language-switcher';

export async function SiteHeader({ home, children }: { home: string; children?: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <AppLink href={home} className="text-lg font-bold text-brand-700">
          {t('appName')}
        </AppLink>
        <div className="flex flex-wrap items-center gap-1">
          {children}
          <LanguageSwitcher />
        </div>
      </div>
    </header>
  );
}
