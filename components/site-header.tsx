import 'server-only';
import { cookies, headers } from 'next/headers';
import type { ReactNode } from 'react';
import { setLocaleAction } from '@/app/actions';
import { getEnv } from '@/lib/env';
import { isLocale } from '@/lib/i18n/config';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { PageHeader, type HeaderData } from './page-chrome';

/**
 * What the header needs from the request: the language and its words, and for
 * a signed-in page the sign-out form's CSRF token (next-auth's cookie holds
 * "token|hash"; page-chrome.js fetches a fresh one before submitting) and the
 * CSP nonce of its script.
 */
export async function headerData({ home, signOutTo, account, renewSession = false }: { home: string; signOutTo?: string; account?: string; renewSession?: boolean }): Promise<HeaderData> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('common')]);
  let signOut: HeaderData['signOut'] = null;
  if (signOutTo) {
    const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
    const csrf = jar.get(getEnv().secureCookies ? '__Host-next-auth.csrf-token' : 'next-auth.csrf-token')?.value;
    signOut = { callbackUrl: signOutTo, csrfToken: csrf?.split('|')[0] ?? null, renewSession, nonce: requestHeaders.get('x-nonce') };
  }
  return { home, locale: isLocale(locale) ? locale : 'zh-CN', labels: { appName: t('appName'), signOut: t('signOut'), language: t('language'), account: t('account') }, signOut, account: account ?? null };
}

/** The header of App Router pages: the language is set by a server action, so the page keeps what was typed. */
export async function SiteHeader({ nav, wide, ...options }: { home: string; signOutTo?: string; account?: string; renewSession?: boolean; nav?: ReactNode; wide?: boolean }) {
  return <PageHeader data={await headerData(options)} language={{ action: setLocaleAction }} nav={nav} wide={wide} />;
}
