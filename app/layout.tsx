import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { appIcon, SkipLink } from '@/components/page-chrome';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  // The icon is named, so a browser does not ask for /favicon.ico (a 404 in the console, and a best-practices finding).
  return { title: { default: t('appName'), template: `%s · ${t('appName')}` }, description: t('tagline'), icons: { icon: appIcon } };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t, requestHeaders] = await Promise.all([getLocale(), getTranslations('common'), headers()]);
  // A page built at build time (/help) reaches no request and so no language: it carries its own skip link in its
  // own language. Every page served per request has the proxy's nonce.
  const perRequest = requestHeaders.has('x-nonce');
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        {perRequest ? <SkipLink>{t('skipToContent')}</SkipLink> : null}
        {children}
      </body>
    </html>
  );
}
