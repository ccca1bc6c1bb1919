'use server';

import { cookies } from 'next/headers';
import { isLocale, localeCookie } from '@/lib/i18n/config';

/** The header's language buttons (components/page-chrome.tsx): remembers the chosen language for a year; the page is then rendered in it. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get('lang');
  if (typeof locale !== 'string' || !isLocale(locale)) return;
  (await cookies()).set(localeCookie, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: false });
}
