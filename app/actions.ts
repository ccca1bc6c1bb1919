'use server';

import { cookies } from 'next/headers';
import { isLocale, localeCookie } from '@/lib/i18n/config';

/** Remembers the chosen language for a year. */
export async function setLocaleAction(locale: string): Promise<{ ok: boolean }> {
  if (!isLocale(locale)) return { ok: false };
  (await cookies()).set(localeCookie, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: false });
  return { ok: true };
}
