'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { localeCookie, locales } from '@/lib/i18n/config';
import { signOutEverywhere } from '@/lib/server/auth/sessions';

/** Remembers the chosen language for a year. */
export const setLocaleAction = defineAction('anyone', z.enum(locales), async (locale) => {
  (await cookies()).set(localeCookie, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: false });
});

/** Ends every session of the signed-in borrower or staff member, this one too (the page then signs out). */
export const signOutEverywhereAction = defineAction('signedIn', z.null(), (_input, ctx) => signOutEverywhere(ctx));
