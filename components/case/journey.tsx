// i18n-audience: borrower
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { CaseState } from '@/lib/domain/case-state';
import { cn } from '@/components/ui/cn';

type StageStatus = 'done' | 'current' | 'upcoming' | 'skipped' | 'broken';

const stageOf: Record<CaseState, number> = {
  invited: 1,
  engaged: 1,
  hardship_submitted: 1,
  negotiating: 1,
  agreed: 2,
  signed_by_borrower: 2,
  plan_active: 3,
  breached: 3,
  completed: 4,
  escalated: -1,
  closed: -2,
};

/** "What happens next": the stages of pre-litigation mediation and where this case stands, with its dates. */
export async function Journey({
  state,
  openedAt,
  deadline,
  deadlinePassed,
  court,
  delayMaxDays,
  delayUsed = false,
  agreementExecuted = false,
  planCompleted = false,
  timeZone,
}: {
  state: CaseState;
  openedAt: string;
  deadline: string;
  deadlinePassed: boolean;
  court: string;
  delayMaxDays: number;
  delayUsed?: boolean;
  /** An agreement came into force on the case (its plan began). */
  agreementExecuted?: boolean;
  /** Its plan was paid in full. */
  planCompleted?: boolean;
  /** The borrower's time zone: the dates are the ones the rest of the case page gives (the deadline is an instant). */
  timeZone: string;
}) {
  const t = await getTranslations('journey');
  const format = await getFormatter({ timeZone });
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'long' });
  const current = stageOf[state];
  // An open mediation whose deadline has gone by (awaiting the lender's decision, or extended later): said in the past,
  // not "runs until" and "if there is still no agreement by" a day that is over.
  const passed = current === 1 && deadlinePassed;
  const stages = ['reminder', 'mediation', 'agreement', 'plan'] as const;
  const ended = current < 0 || current === 4;
  const status = (i: number): StageStatus => {
    if (current === 4) return 'done';
    // Ended otherwise (closed, or gone to litigation): the stages it went through, and no more. A closed case with no
    // agreement read "signed (done)" and "repaid (done)".
    if (current < 0) {
      if (i <= 1) return 'done';
      if (!agreementExecuted) return 'skipped';
      if (i === 2) return 'done';
      return planCompleted ? 'done' : current === -1 ? 'broken' : 'skipped';
    }
    if (state === 'breached' && i === current) return 'broken';
    return i < current ? 'done' : i === current ? 'current' : 'upcoming';
  };
  const details: Record<(typeof stages)[number], string> = {
    reminder: t('reminderDetail', { date: date(openedAt) }),
    mediation: ended ? t('mediationDetailEnded') : t(passed ? 'mediationDetailPassed' : 'mediationDetail', { date: date(deadline) }),
    agreement: t('agreementDetail'),
    // The plan's own delay once signed (the creditor's policy before): a creditor that offers none is not promised one,
    // nor is a borrower who has used it.
    plan: state === 'breached' || status(3) === 'broken' ? t('planBrokenDetail', { court }) : delayUsed ? t('planDetailDelayUsed') : delayMaxDays > 0 ? t('planDetail', { days: delayMaxDays }) : t('planDetailNoDelay'),
  };
  return (
    <section aria-labelledby="journey-heading" className="flex flex-col gap-3">
      <h2 id="journey-heading" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <ol className="flex flex-col gap-0">
        {stages.map((stage, i) => {
          const s = status(i);
          return (
            <li key={stage} className="flex gap-3" aria-current={s === 'current' || s === 'broken' ? 'step' : undefined}>
              <div className="flex flex-col items-center">
                <span
                  className={cn(
                    'flex size-7 shrink-0 items-center justify-center rounded-full text-sm font-bold',
                    s === 'done' && 'bg-ok-700 text-white',
                    s === 'current' && 'bg-brand-600 text-white',
                    s === 'broken' && 'bg-danger-700 text-white',
                    (s === 'upcoming' || s === 'skipped') && 'border-2 border-slate-400 bg-white text-slate-700',
                  )}
                  aria-hidden="true"
                >
                  {s === 'done' ? '✓' : s === 'broken' ? '!' : i + 1}
                </span>
                {i < stages.length - 1 ? <span className="w-0.5 flex-1 bg-slate-300" aria-hidden="true" /> : null}
              </div>
              <div className="pb-4">
                <p className={cn('font-semibold', s === 'skipped' && 'text-slate-600')}>
                  {t(`stages.${stage}`)} <span className="sr-only">({t(`status.${s}`)})</span>
                  {s === 'current' ? <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-800">{t('youAreHere')}</span> : null}
                  {s === 'broken' ? <span className="ml-2 rounded bg-danger-50 px-2 py-0.5 text-xs text-danger-700">{t('broken')}</span> : null}
                  {/* A stage the ended case never reached says so, and not what it would have held (it read as still to come). */}
                  {s === 'skipped' ? (
                    <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-normal text-slate-700" aria-hidden="true">
                      {t('status.skipped')}
                    </span>
                  ) : null}
                </p>
                {s === 'skipped' ? null : <p className={cn('text-sm', s === 'broken' ? 'text-danger-700' : 'text-slate-700')}>{details[stage]}</p>}
              </div>
            </li>
          );
        })}
      </ol>
      {/* Once an agreement is in force (or the case has ended: repaid in full, or closed), the mediation deadline and the
          warning of a lawsuit for want of an agreement no longer apply. */}
      {state === 'plan_active' || state === 'breached' || state === 'completed' || state === 'closed' ? null : (
        <div className={cn('rounded-lg border p-3 text-sm', current === -1 ? 'border-red-200 bg-danger-50 text-danger-700' : 'border-amber-200 bg-warn-50 text-warn-800')}>
          <p className="font-semibold">{current === -1 ? t('escalatedTitle') : passed ? t('deadlinePassedTitle') : t('ifNoAgreementTitle')}</p>
          {/* Escalated: what has happened, not the warning of what might (it said "if there is still no agreement by" a past date). */}
          <p>{t(current === -1 ? 'escalatedDetail' : passed ? 'deadlinePassedDetail' : 'ifNoAgreement', { date: date(deadline), court })}</p>
        </div>
      )}
    </section>
  );
}
