import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { displayTimeZone, isLocale, localeCookie, negotiateLocale } from './config';
import { messagesFor } from './messages';

/** The locale is the remembered choice (cookie) or else the browser's Accept-Language. */
export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(localeCookie)?.value;
  const locale = isLocale(cookieLocale) ? cookieLocale : negotiateLocale((await headers()).get('accept-language'));
  return { locale, messages: messagesFor(locale), timeZone: displayTimeZone };
});
