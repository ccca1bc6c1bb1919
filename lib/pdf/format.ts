import type { IsoDate } from '@/lib/domain/dates';
import { formatMoney, type Fen } from '@/lib/domain/money';

/**
 * Display formatting for the agreement, by hand rather than through Intl date
 * formats so the same snapshot gives the same text on every runtime. Money goes
 * through formatMoney, the app's one exact formatter.
 */
export type DocLocale = 'zh-CN' | 'en';

export const otherLocale = (locale: DocLocale): DocLocale => (locale === 'zh-CN' ? 'en' : 'zh-CN');

export const money = (fen: Fen, locale: DocLocale) => formatMoney(fen, locale);

const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: IsoDate): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** 2026年12月5日 / 5 Dec 2026. */
export function formatDate(date: IsoDate, locale: DocLocale): string {
  const [y, m, d] = parts(date);
  return locale === 'zh-CN' ? `${y}年${m}月${d}日` : `${d} ${monthsEn[m - 1]} ${y}`;
}

/** An instant (ISO 8601 with a zone) as Beijing time (UTC+8, no daylight saving): 2026年11月20日 14:42 / 20 Nov 2026, 14:42. */
export function formatBeijingTime(instant: string, locale: DocLocale): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const local = new Date(ms + 8 * 3_600_000).toISOString();
  const time = local.slice(11, 16);
  return locale === 'zh-CN' ? `${formatDate(local, locale)} ${time}（北京时间）` : `${formatDate(local, locale)}, ${time} (Beijing time)`;
}

/** An annual rate in parts per million as a percentage: 120000 → 12%, 43500 → 4.35%. */
export function formatRatePpm(ppm: number): string {
  const whole = Math.trunc(ppm / 10_000);
  const frac = String(ppm % 10_000).padStart(4, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** A percentage with at most two decimals: 30 → 30%, 12.5 → 12.5%. */
export function formatPct(pct: number): string {
  return `${Number(pct.toFixed(2))}%`;
}
