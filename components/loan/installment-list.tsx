import { getTranslations } from 'next-intl/server';
import type { InstallmentArrears } from '@/lib/domain/arrears';
import { formatMoney } from '@/lib/domain/money';
import { cn } from '@/components/ui/cn';

/**
 * The schedule as cards (a seven-column table does not fit a 360 px phone):
 * overdue installments open, the rest folded away.
 */
export async function InstallmentList({ installments, locale }: { installments: InstallmentArrears[]; locale: string }) {
  const t = await getTranslations('loanPage');
  const money = (fen: number) => formatMoney(fen, locale);
  const card = (i: InstallmentArrears) => (
    <li key={i.seq} className={cn('rounded-lg border bg-white p-3 text-sm', i.status === 'overdue' || i.status === 'partly_paid' ? 'border-red-200' : 'border-slate-200')}>
      <p className="flex justify-between gap-2">
        <span className="font-semibold">{t('installmentN', { n: i.seq, date: i.dueDate })}</span>
        <span>{t(`status.${i.status}`)}</span>
      </p>
      <dl className="mt-1 grid grid-cols-2 gap-x-3">
        <dt className="text-slate-600">{t('scheduled')}</dt>
        <dd>{money(i.principal.due + i.interest.due)}</dd>
        <dt className="text-slate-600">{t('paid')}</dt>
        <dd>{money(i.total.paid)}</dd>
        {i.total.outstanding ? (
          <>
            <dt className="text-slate-600">{t('stillOwed')}</dt>
            <dd className="font-semibold">{money(i.total.outstanding)}</dd>
          </>
        ) : null}
        {i.penalty.due || i.compound.due ? (
          <>
            <dt className="text-slate-600">{t('lateCharges')}</dt>
            <dd>{t('lateChargesValue', { penalty: money(i.penalty.due), compound: money(i.compound.due), days: i.penaltyDays })}</dd>
          </>
        ) : null}
        {i.daysPastDue ? (
          <>
            <dt className="text-slate-600">{t('daysLate')}</dt>
            <dd>{i.daysPastDue}</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
  const open = installments.filter((i) => i.status === 'overdue' || i.status === 'partly_paid');
  const rest = installments.filter((i) => !open.includes(i));
  return (
    <section aria-labelledby="schedule-heading" className="flex flex-col gap-2">
      <h2 id="schedule-heading" className="text-xl font-semibold">
        {t('scheduleTitle')}
      </h2>
      {open.length ? <ul className="flex flex-col gap-2">{open.map(card)}</ul> : <p className="text-slate-700">{t('nothingOverdue')}</p>}
      {rest.length ? (
        <details className="rounded-lg border border-slate-200 bg-white p-3">
          <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-700">{t('showAll', { count: rest.length })}</summary>
          <ul className="mt-2 flex flex-col gap-2">{rest.map(card)}</ul>
        </details>
      ) : null}
    </section>
  );
}
