/**
 * A calendar day (a due date, YYYY-MM-DD) in words. A day is not an instant: it
 * is written as it is, never moved by a time zone (noon in Beijing is the
 * previous evening in New York).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function formatDay(iso: string, locale: string, style: 'medium' | 'long' = 'medium'): string {
  const key = `${locale}|${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}
