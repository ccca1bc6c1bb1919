import type { Metadata, Viewport } from 'next';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/i18n/client-messages';
import { SkipLink } from '@/components/page-chrome';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: t('appName'), template: `%s · ${t('appName')}` }, description: t('tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        <SkipLink>{t('skipToContent')}</SkipLink>
        <ClientMessages>{children}</ClientMessages>
      </body>
    </html>
  );
}
