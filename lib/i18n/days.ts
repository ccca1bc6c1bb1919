/**
 * A calendar day (a due date, YYYY-MM-DD) in words. A day is not an instant: it
 * is written as it is, never moved by a time zone (noon in Beijing is the
 * previous evening in New York).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

const styles = {
  medium: { dateStyle: 'medium' },
  long: { dateStyle: 'long' },
  /** Month, day and weekday, no year ("Fri, Dec 18", "12月18日周五"): a day within the coming weeks, where space is short. */
  shortWeekday: { month: 'short', day: 'numeric', weekday: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export function formatDay(iso: string, locale: string, style: keyof typeof styles = 'medium'): string {
  const key = `${locale}|${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...styles[style], timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}
