import { useFormatter, useTranslations } from 'next-intl';
import type { OfferDto } from '@/lib/server/offers/list-offers';
import { formatMoney } from '@/lib/domain/money';
import { forAudience, type Audience } from '@/lib/i18n/audience';
import { instantFormat } from '@/lib/i18n/config';
import { historyFigures } from './offer-description';

/** Every offer and counter-offer on the case, in order: who, when, what, and how it ended. */
export function OfferHistory({ offers, locale, audience, timeZone }: { offers: OfferDto[]; locale: string; audience: Audience; timeZone?: string }) {
  const t = useTranslations('offerTerms');
  const ta = useTranslations(forAudience(audience, { borrower: 'offers', staff: 'staffOffers' }));
  const format = useFormatter();
  if (!offers.length) return <p className="text-sm text-slate-700">{t('noHistory')}</p>;
  return (
    <ol className="flex flex-col gap-2" aria-label={t('historyTitle')}>
      {offers.map((o) => (
        <li key={o.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <p className="flex flex-wrap justify-between gap-2">
            <span className="font-semibold">
              {ta(`author.${o.authorType === 'anonymous' ? 'system' : o.authorType}`)} · {t(`status.${o.status as 'proposed'}`)}
            </span>
            <time dateTime={o.createdAt}>{format.dateTime(new Date(o.createdAt), { ...instantFormat, ...(timeZone ? { timeZone } : {}) })}</time>
          </p>
          <HistoryLine summary={o.summary} locale={locale} />
          {o.message && o.authorType !== 'system' ? <p className="mt-1 whitespace-pre-wrap text-slate-700">“{o.message}”</p> : null}
          {o.approvalReason ? <p className="mt-1 text-slate-700">{t('approvalReasonShown', { reason: o.approvalReason })}</p> : null}
          {o.decisionReason && o.status !== 'superseded' ? <p className="mt-1 text-slate-700">{t('decisionReason', { reason: o.decisionReason })}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function HistoryLine({ summary, locale }: { summary: OfferDto['summary']; locale: string }) {
  const t = useTranslations('offerTerms');
  const money = (fen: number) => formatMoney(fen, locale);
  const f = historyFigures(summary);
  if (f.kind === 'level') return <p>{t('historyLine', { payment: money(f.payment), count: f.count, total: money(f.total) })}</p>;
  if (f.count === 0) return <p>{t('historyOnce', { total: money(f.total) })}</p>;
  const payments = f.lowest === f.highest ? t('historyPayments', { count: f.count, payment: money(f.lowest) }) : t('historyRange', { count: f.count, lowest: money(f.lowest), highest: money(f.highest) });
  return <p>{t('historyWithDown', { down: f.down > 0 ? money(f.down) : 'none', payments, total: money(f.total) })}</p>;
}
