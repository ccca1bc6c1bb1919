import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import type { PricedOffer } from '@/lib/domain/offer-terms';
import { formatMoney } from '@/lib/domain/money';
import { cn } from '@/components/ui/cn';

/**
 * The figures that decide between offers — payment, count, end date, total,
 * waived, saving, affordability — and the whole schedule folded below.
 * Shared: rendered on the server in lists and on the phone in the live preview.
 * With `scheduleLinks`, a list of offers on a phone sends the schedule only of
 * the offer asked for (a link away), not every offer's, folded, every time.
 */
export function OfferFigures({ priced, compact = false, scheduleLinks }: { priced: PricedOffer; compact?: boolean; scheduleLinks?: { shown: boolean; show: string; hide: string } }) {
  const t = useTranslations('offers');
  const locale = useLocale();
  const format = useFormatter();
  const money = (fen: number) => formatMoney(fen, locale);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00+08:00`), { dateStyle: 'medium' });
  // Formatted only where shown: a long schedule is most of an offer's cost to render.
  const rows = () => (
    <ol className="mt-1 flex flex-col">
      {priced.schedule.map((row) => (
        <li key={row.seq} className="flex justify-between gap-2 border-b border-slate-100 py-1">
          <span>
            {row.seq}. {day(row.dueDate)}
          </span>
          <span>
            {money(row.amount)} <span className="text-slate-600">({t('principalInterest', { principal: money(row.principal), interest: money(row.interest + row.charges) })})</span>
          </span>
        </li>
      ))}
    </ol>
  );
  return (
    <div className="flex flex-col gap-2">
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{t('regularPayment')}</dt>
        <dd className="text-lg font-bold">{money(priced.regularPayment)}</dd>
        <dt className="text-slate-600">{t('numberOfPayments')}</dt>
        <dd>{priced.numberOfPayments}</dd>
        {priced.downPayment ? (
          <>
            <dt className="text-slate-600">{t('downPayment')}</dt>
            <dd>{money(priced.downPayment)}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t('endDate')}</dt>
        <dd>{day(priced.endDate)}</dd>
        <dt className="text-slate-600">{t('totalPayable')}</dt>
        <dd>{money(priced.totalPayable)}</dd>
        {priced.waived.total ? (
          <>
            <dt className="text-slate-600">{t('waived')}</dt>
            <dd>{money(priced.waived.total)}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t('saving')}</dt>
        <dd>{priced.saving >= 0 ? money(priced.saving) : t('costsMore', { amount: money(-priced.saving) })}</dd>
      </dl>
      {priced.affordable !== null ? (
        <p className={cn('rounded px-2 py-1 text-sm font-medium', priced.affordable ? 'bg-green-50 text-ok-700' : 'bg-warn-50 text-warn-800')}>
          {priced.affordable ? t('affordable') : t('notAffordable')}
        </p>
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
