import { useFormatter, useTranslations } from 'next-intl';
import type { OfferDto } from '@/lib/server/offers/list-offers';
import { formatMoney } from '@/lib/domain/money';
import { forAudience, type Audience } from '@/lib/i18n/audience';
import { instantFormat } from '@/lib/i18n/config';

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
          <p>{t('historyLine', { payment: formatMoney(o.summary.regularPayment, locale), count: o.summary.numberOfPayments, total: formatMoney(o.summary.totalPayable, locale) })}</p>
          {o.message && o.authorType !== 'system' ? <p className="mt-1 whitespace-pre-wrap text-slate-700">“{o.message}”</p> : null}
          {o.approvalReason ? <p className="mt-1 text-slate-700">{t('approvalReasonShown', { reason: o.approvalReason })}</p> : null}
          {o.decisionReason && o.status !== 'superseded' ? <p className="mt-1 text-slate-700">{t('decisionReason', { reason: o.decisionReason })}</p> : null}
        </li>
      ))}
    </ol>
  );
}
