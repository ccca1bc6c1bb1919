import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';
import { formatMoney } from '@/lib/domain/money';
import { forAudience, type Audience } from '@/lib/i18n/audience';
import { formatDay } from '@/lib/i18n/days';
import { cn } from '@/components/ui/cn';
import { levelPayments, offerKinds, offerReliefItems } from './offer-description';

/**
 * One offer in words and figures: what it is (展期, 分期, 减免, a pause, or a
 * combination), what is paid and when, each waiver, and the saving or extra
 * cost against what a court would enforce today — each figure under a label
 * that names exactly what it contains. Shared by the borrower's offer cards,
 * the previews and the staff pages (`audience` picks the wording about the
 * borrower's income); rendered on the server in lists, on the phone in previews.
 * With `scheduleLinks`, the schedule is sent only for the offer asked for.
 */
export function OfferFigures({
  priced,
  terms,
  audience,
  disposableIncome,
  compact = false,
  scheduleLinks,
}: {
  priced: PricedOffer;
  terms: OfferTerms;
  audience: Audience;
  /** The borrower's monthly disposable income, when known: at zero or below the offer is for a mediator's review. */
  disposableIncome: number | null;
  compact?: boolean;
  scheduleLinks?: { shown: boolean; show: string; hide: string };
}) {
  const t = useTranslations('offerTerms');
  const ta = useTranslations(forAudience(audience, { borrower: 'offers', staff: 'staffOffers' }));
  const locale = useLocale();
  const money = (fen: number) => formatMoney(fen, locale);
  const day = (iso: string) => formatDay(iso, locale);
  const kinds = offerKinds(terms, priced);
  const relief = offerReliefItems(terms, priced);
  const level = levelPayments(priced);
  const rowParts = (row: PricedOffer['schedule'][number]) =>
    [t('rowPrincipal', { amount: money(row.principal) }), row.interest ? t('rowInterest', { amount: money(row.interest) }) : null, row.charges ? t('rowCharges', { amount: money(row.charges) }) : null].filter(Boolean).join(' · ');
  // Formatted only where shown: a long schedule is most of an offer's cost to render.
  const rows = () => (
    <ol className="mt-1 flex flex-col">
      {priced.downPayment ? (
        <li className="flex justify-between gap-2 border-b border-slate-100 py-1">
          <span>
            {t('downPaymentRow')} · {day(priced.asOf)}
          </span>
          <span>{money(priced.downPayment)}</span>
        </li>
      ) : null}
      {priced.schedule.map((row) => (
        <li key={row.seq} className="flex flex-wrap justify-between gap-x-2 border-b border-slate-100 py-1">
          <span>
            {row.seq}. {day(row.dueDate)}
          </span>
          <span className="font-medium">{money(row.amount)}</span>
          <span className="w-full text-slate-600">{rowParts(row)}</span>
        </li>
      ))}
    </ol>
  );
  const pause = priced.pause;
  const kindTitle = kinds.map((k) => t(`kinds.${k}`)).join(' + ');
  return (
    <div className="flex flex-col gap-2">
      <p className="font-semibold" data-testid="offer-kind">
        {kindTitle}
      </p>
      <ul className="flex list-disc flex-col gap-0.5 pl-5 text-sm text-slate-700">
        {pause ? (
          <li>
            {pause.interest === 'frozen'
              ? t('parts.pauseFrozen', { months: pause.months, until: day(pause.until) })
              : t('parts.pauseReduced', { months: pause.months, until: day(pause.until), pct: pause.ratePct, amount: money(pause.interestCharged) })}
          </li>
        ) : null}
        {terms.extensionMonths !== undefined && priced.newMaturityDate ? <li>{t('parts.extension', { months: terms.extensionMonths, maturity: day(priced.newMaturityDate) })}</li> : null}
        {terms.installments ? <li>{t('parts.installments', { months: terms.installments.months, method: t(`methodShort.${terms.installments.method}`) })}</li> : null}
        {priced.structure === 'settlement' ? <li>{t('parts.settlement', { date: day(priced.endDate), amount: money(priced.totalPayable) })}</li> : null}
      </ul>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        {priced.structure === 'settlement' ? null : (
          <>
            <dt className="text-slate-600">{level ? t('regularPayment') : t('regularPaymentHighest')}</dt>
            <dd className="text-lg font-bold">{money(level ? level.monthly : priced.regularPayment)}</dd>
            {level?.fenApart ? <dd className="col-span-2 text-xs text-slate-600">{t('fenApart')}</dd> : null}
            {level?.first != null ? (
              <>
                {/* The first period runs from today to the first due date: its interest is for those days, not a month. */}
                <dt className="text-slate-600">{t('firstPayment')}</dt>
                <dd>{money(level.first)}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">{t('numberOfPayments')}</dt>
            <dd>{priced.numberOfPayments}</dd>
          </>
        )}
        {priced.downPayment ? (
          <>
            <dt className="text-slate-600">{t('downPaymentToday')}</dt>
            <dd>{money(priced.downPayment)}</dd>
          </>
        ) : null}
        {priced.firstDueDate && priced.structure !== 'settlement' ? (
          <>
            <dt className="text-slate-600">{t('firstDue')}</dt>
            <dd>{day(priced.firstDueDate)}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{priced.structure === 'settlement' ? t('payOn') : t('endDate')}</dt>
        {/* The last payment absorbs the rounding: its own amount, where it is not the monthly one (levelPayments). */}
        <dd>{level?.last != null ? t('lastPaymentOn', { date: day(priced.endDate), amount: money(level.last) }) : day(priced.endDate)}</dd>
        <dt className="text-slate-600">{priced.downPayment ? t('totalWithDown') : t('totalPayable')}</dt>
        <dd className="font-semibold">{money(priced.totalPayable)}</dd>
      </dl>
      {relief.waived.length || relief.rate || relief.capReduction ? (
        <div className="rounded-lg bg-slate-50 p-2 text-sm">
          <p className="font-medium">{t('reliefTitle')}</p>
          <dl className="grid grid-cols-2 gap-x-3 gap-y-0.5">
            {relief.waived.map((item) => (
              <div key={item.key} className="contents">
                <dt className="text-slate-600">{t(`reliefItems.${item.key}`)}</dt>
                <dd>{money(item.amount)}</dd>
              </div>
            ))}
            {relief.rate ? (
              <>
                <dt className="text-slate-600">{t('reliefItems.rate')}</dt>
                <dd>{t('reliefItems.rateValue', { months: relief.rate.months, pct: relief.rate.pct })}</dd>
              </>
            ) : null}
            {priced.waived.total ? (
              <>
                <dt className="font-medium">{t('reliefItems.total')}</dt>
                <dd className="font-medium">{money(priced.waived.total)}</dd>
              </>
            ) : null}
            {relief.capReduction ? (
              <>
                <dt className="text-slate-600">{t('reliefItems.capReduction')}</dt>
                <dd>{money(relief.capReduction)}</dd>
              </>
            ) : null}
          </dl>
        </div>
      ) : null}
      <div className="rounded-lg border border-slate-200 p-2 text-sm" data-testid="offer-comparison">
        <dl className="grid grid-cols-2 gap-x-3 gap-y-0.5">
          <dt className="text-slate-600">{t('comparison.statusQuo')}</dt>
          <dd>{money(priced.owedBefore)}</dd>
          <dt className="text-slate-600">{priced.downPayment ? t('totalWithDown') : t('totalPayable')}</dt>
          <dd>{money(priced.totalPayable)}</dd>
          <dt className="font-medium">{priced.saving > 0 ? ta('comparisonSaving') : priced.saving < 0 ? ta('comparisonExtra') : t('comparison.same')}</dt>
          <dd className={cn('font-semibold', priced.saving > 0 ? 'text-ok-700' : priced.saving < 0 ? 'text-warn-800' : '')}>{money(Math.abs(priced.saving))}</dd>
        </dl>
        {compact ? null : <p className="mt-1 text-slate-600">{priced.saving < 0 ? t('comparison.extraWhy') : t('comparison.statusQuoHint')}</p>}
      </div>
      {disposableIncome !== null && disposableIncome <= 0 ? (
        <p className="rounded bg-warn-50 px-2 py-1 text-sm font-medium text-warn-800">{ta('noIncome')}</p>
      ) : priced.affordable !== null ? (
        <p className={cn('rounded px-2 py-1 text-sm font-medium', priced.affordable ? 'bg-green-50 text-ok-700' : 'bg-warn-50 text-warn-800')}>{priced.affordable ? ta('affordable') : ta('notAffordable')}</p>
      ) : null}
      {compact ? null : scheduleLinks && !scheduleLinks.shown ? (
        <Link href={scheduleLinks.show} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline">
          {t('showSchedule', { count: priced.schedule.length })}
        </Link>
      ) : scheduleLinks ? (
        <div className="rounded border border-slate-200 p-2 text-sm">
          {rows()}
          <Link href={scheduleLinks.hide} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
            {t('hideSchedule')}
          </Link>
        </div>
      ) : (
        <details className="rounded border border-slate-200 p-2 text-sm">
          <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-700">{t('showSchedule', { count: priced.schedule.length })}</summary>
          {rows()}
        </details>
      )}
    </div>
  );
}
