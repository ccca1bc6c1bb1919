import type { getTranslations } from '@/lib/i18n/server';
import type { InstallmentArrears } from '@/lib/domain/arrears';
import { installmentsToShowFirst, isOwed } from '@/lib/domain/arrears-view';
import { formatMoney } from '@/lib/domain/money';
import { formatDay } from '@/lib/i18n/days';
import { cn } from '@/components/ui/cn';

/**
 * The schedule as cards (a seven-column table does not fit a 360 px phone):
 * what is owed and the next installment first, the whole schedule on request.
 * `t` is the loan page's translator (namespace loanPage).
 */
export function InstallmentList({
  t,
  installments,
  schedule,
  locale,
  showAll,
  href,
}: {
  t: Awaited<ReturnType<typeof getTranslations>>;
  installments: InstallmentArrears[];
  /** The contract's schedule, by seq: each installment as agreed, interest included even before it is charged on its due date. */
  schedule: { seq: number; principalDue: number; interestDue: number; feesDue: number }[];
  locale: string;
  showAll: boolean;
  href: { all: string; owed: string };
}) {
  const money = (fen: number) => formatMoney(fen, locale);
  const contract = new Map(schedule.map((row) => [row.seq, row]));
  const parts = [
    ['principal', 'partPrincipal'],
    ['interest', 'partInterest'],
    ['penalty', 'partPenalty'],
    ['compound', 'partCompound'],
    ['fees', 'partFees'],
  ] as const;
  const owedParts = (i: InstallmentArrears) =>
    parts
      .filter(([part]) => i[part].outstanding > 0)
      .map(([part, key]) => t(key, { amount: money(i[part].outstanding) }))
      .join(locale === 'en' ? ', ' : '，');
  const shown = showAll ? installments : installmentsToShowFirst(installments);
  const hidden = installments.length - shown.length;
  return (
    <section aria-labelledby="schedule-heading" className="flex flex-col gap-2">
      <h2 id="schedule-heading" className="text-xl font-semibold">
        {t('scheduleTitle')}
      </h2>
      {installments.some(isOwed) ? null : <p className="text-slate-700">{t('nothingOverdue')}</p>}
      {shown.length ? (
      <ul className="flex flex-col gap-2">
        {shown.map((i) => (
          <li key={i.seq} className={cn('rounded-lg border bg-white p-3 text-sm', isOwed(i) ? 'border-red-200' : 'border-slate-200')}>
            <p className="flex justify-between gap-2">
              <span className="font-semibold">{t('installmentN', { n: i.seq, date: formatDay(i.dueDate, locale) })}</span>
              <span>{t(`status.${i.status}`)}</span>
            </p>
            <dl className="mt-1 grid grid-cols-2 gap-x-3">
              {(() => {
                // The installment as the contract has it: principal and interest (and any fee), even before the interest is charged on the due date.
                const c = contract.get(i.seq);
                const principal = c?.principalDue ?? i.principal.due;
                const interest = c?.interestDue ?? i.interest.due;
                const fees = c?.feesDue ?? i.fees.due;
                return (
                  <>
                    <dt className="text-slate-600">{fees ? t('scheduledWithFees') : t('scheduled')}</dt>
                    <dd>
                      {money(principal + interest + fees)}
                      <span className="block text-xs text-slate-600">{fees ? t('scheduledPartsWithFees', { principal: money(principal), interest: money(interest), fees: money(fees) }) : t('scheduledParts', { principal: money(principal), interest: money(interest) })}</span>
                    </dd>
                  </>
                );
              })()}
              {i.total.paid ? (
                <>
                  <dt className="text-slate-600">{t('paid')}</dt>
                  <dd>{money(i.total.paid)}</dd>
                </>
              ) : null}
              {i.total.outstanding && i.status !== 'not_due' ? (
                <>
                  <dt className="text-slate-600">{t('stillOwed')}</dt>
                  <dd className="font-semibold">
                    {money(i.total.outstanding)}
                    {/* Split the way the breakdown above splits the same amount: what is still owed of each kind. */}
                    <span className="block text-sm font-normal text-slate-700">{t('owedParts', { parts: owedParts(i) })}</span>
                  </dd>
                </>
              ) : null}
              {i.penalty.due || i.compound.due ? (
                <>
                  <dt className="text-slate-600">{t('lateCharges')}</dt>
                  <dd>{t('lateChargesValue', { penalty: money(i.penalty.due), compound: money(i.compound.due), days: Math.max(i.penaltyDays, i.compoundDays) })}</dd>
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
        ))}
      </ul>
      ) : null}
      {showAll ? (
        <a href={href.owed} className="inline-flex min-h-11 items-center self-start font-medium text-brand-700 underline">
          {t('showOwed')}
        </a>
      ) : hidden ? (
        <a href={href.all} className="inline-flex min-h-11 items-center self-start font-medium text-brand-700 underline">
          {t('showAll', { count: hidden })}
        </a>
      ) : null}
    </section>
  );
}
