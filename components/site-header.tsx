import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from './language-switcher';
import { HeaderBar } from './page-chrome';

export async function SiteHeader({ home, children }: { home: string; children?: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <HeaderBar home={home} appName={t('appName')}>
      {children}
      <LanguageSwitcher />
    </HeaderBar>
  );
}
