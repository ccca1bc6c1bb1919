export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';
/** Each language in its own words, for the language switch. */
export const localeNames: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
export const localeCookie = 'NEXT_LOCALE';
/** Dates and times are shown in Beijing time, whatever the server's own zone, unless the reader's own zone is known (a borrower's). */
export const displayTimeZone = 'Asia/Shanghai';

/** How an instant a person must act by (an offer's expiry) is written everywhere: the page, the SMS, the e-mail. */
export const instantFormat = { dateStyle: 'medium', timeStyle: 'short' } as const;

/** How the staff's CSV files (the queue's and the dashboard's) write an instant: short, so a spreadsheet reads it as one. */
export const csvInstantFormat = { dateStyle: 'short', timeStyle: 'short' } as const;

/** A DPD bucket in words: 'current' is said in the reader's language (staffQueue.bucket.current), M1…M4+ as they are. */
export const bucketWords = (bucket: string, current: string) => (bucket === 'current' ? current : bucket);

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat kept for the life of the process (or the tab), by language, zone and options: building one
 * costs far more than using it, and a table writes a date or two on every row. Its output is the pages' formatter's
 * (use-intl's dateTime with the same options and zone).
 */
export function dateTimeFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** An instant in a language and time zone, exactly as the pages' formatter writes it with instantFormat. */
export function formatInstant(instant: Date, locale: Locale, timeZone: string): string {
  return dateTimeFormat(locale, timeZone, instantFormat).format(instant);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Picks zh-CN or en from an Accept-Language header, honouring q-values. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return defaultLocale;
}
