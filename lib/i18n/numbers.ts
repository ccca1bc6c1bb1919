/**
 * A count as the reader's language writes it, thousands grouped ("56,587"): one formatter per language,
 * made once (building one costs far more than using it), for pages that write counts outside a message.
 */
const formats = new Map<string, Intl.NumberFormat>();

export function formatCount(value: number, locale: string): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    formats.set(locale, format);
  }
  return format.format(value);
}
