'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { localeCookie, locales } from '@/lib/i18n/config';
import { signOutEverywhere } from '@/lib/server/auth/sessions';
import { formData } from '@/lib/validation/envelope';

const rememberLocale = defineAction('anyone', formData({ lang: z.enum(locales) }), async ({ lang }) => {
  (await cookies()).set(localeCookie, lang, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: false });
});

/**
 * The header's language buttons (components/page-chrome.tsx): remembers the chosen language for a year; the page is then
 * rendered in it. A form's action (it works without JavaScript too), so it answers nothing; its argument is checked all the same.
 */
export async function setLocaleAction(...args: [FormData]): Promise<void> {
  await rememberLocale(...(args as [FormData]));
}

/** Ends every session of the signed-in borrower or staff member, this one too (the page then signs out). */
export const signOutEverywhereAction = defineAction('signedIn', z.null(), (_input, ctx) => signOutEverywhere(ctx));
