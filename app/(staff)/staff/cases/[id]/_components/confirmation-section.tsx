import { Card } from '@/components/ui/card';
import type { DeadlineState } from '@/lib/domain/judicial-confirmation';
import { formatDay } from '@/lib/i18n/days';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import type { Ctx } from '@/lib/server/actor';
import { confirmationOf } from '@/lib/server/confirmations/confirmation-view';
import { courtToday } from '@/lib/server/confirmations/confirmation-store';
import { CountersignConfirmationForm, CourtStepForm, PrepareConfirmationForm } from './confirmation-forms';

const tone: Record<DeadlineState['state'], string> = {
  open: 'bg-slate-100 text-slate-800',
  due: 'bg-warn-100 text-warn-900',
  overdue: 'bg-danger-100 text-danger-800',
  met: 'bg-ok-100 text-ok-800',
  filedLate: 'bg-warn-100 text-warn-900',
  lapsed: 'bg-slate-100 text-slate-800',
  notNeeded: 'bg-slate-100 text-slate-800',
};

/** The 30-day deadline where it stands: days left, due (last 7 days), overdue, filed (in time or late), lapsed unapplied, or not needed. */
export async function DeadlineMarker({ state, locale }: { state: DeadlineState; locale: string }) {
  const t = await getTranslations('staffLitigation');
  const text =
    state.state === 'open' || state.state === 'due'
      ? t(`confirmation.marker.${state.state}`, { days: state.daysLeft })
      : state.state === 'overdue'
        ? t('confirmation.marker.overdue', { days: state.daysLate })
        : state.state === 'met'
          ? t('confirmation.marker.met', { date: formatDay(state.filedOn, locale) })
          : state.state === 'filedLate'
            ? t('confirmation.marker.filedLate', { days: state.daysLate, date: formatDay(state.filedOn, locale) })
            : state.state === 'lapsed'
              ? t('confirmation.marker.lapsed')
              : t(`confirmation.marker.notNeeded.${state.reason}`);
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-sm font-semibold ${tone[state.state]}`} data-testid="confirmation-deadline" data-state={state.state}>
      {text}
    </span>
  );
}

/**
 * The case file's judicial confirmation: once the agreement is in force, the 30-day deadline with its marker and
 * the application to prepare; then its steps with their dates and documents, and the next step's form for whoever
 * works the case (the mediator's signature, the filing, the court's decision).
 */
export async function ConfirmationSection({ ctx, caseId, canAct, locale }: { ctx: Ctx; caseId: string; canAct: boolean; locale: string }) {
  const [{ confirmation: c, prepare }, t, format] = await Promise.all([confirmationOf(ctx.actor, caseId), getTranslations('staffLitigation'), getFormatter()]);
  if (!c && !prepare) return null;
  const day = (iso: string) => formatDay(iso, locale);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  const mayWork = canAct && (ctx.actor.type === 'staff' && (ctx.actor.role === 'mediator' || ctx.actor.role === 'supervisor'));
  const deadline = c ? { date: c.deadline, state: c.deadlineState } : { date: prepare!.deadline, state: prepare!.deadlineState };
  return (
    <Card aria-labelledby="confirmation-heading" className="flex flex-col gap-3" data-testid="confirmation-section">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="confirmation-heading" className="text-lg font-semibold">
          {t('confirmation.title')}
        </h3>
        <DeadlineMarker state={deadline.state} locale={locale} />
      </div>
      <p className="text-sm text-slate-700">{t('confirmation.intro')}</p>
      {deadline.state.state === 'notNeeded' ? (
        <p className="text-sm font-medium">{t('confirmation.notNeeded')}</p>
      ) : deadline.state.state === 'lapsed' ? (
        <p className="text-sm font-medium">{t('confirmation.lapsed', { date: day(deadline.date) })}</p>
      ) : (
        <p className="text-sm font-medium">{t('confirmation.deadline', { date: day(deadline.date) })}</p>
      )}
      {!c ? (
        mayWork && deadline.state.state !== 'lapsed' ? <PrepareConfirmationForm caseId={caseId} /> : null
      ) : (
        <>
          <p className="font-semibold" data-testid="staff-confirmation-status">
            {t(`confirmation.status.${c.status}`)}
          </p>
          <p className="text-sm">
            {t('confirmation.court', { court: c.court })} · {t('confirmation.agreement', { no: c.agreementNo, date: when(c.effectiveAt) })}
          </p>
          <ul className="flex flex-col gap-1 text-sm">
            <li>{t('confirmation.steps.prepared', { date: when(c.preparedAt) })}</li>
            {c.borrowerSignedAt ? <li>{t('confirmation.steps.borrowerSigned', { date: when(c.borrowerSignedAt) })}</li> : null}
            {c.signedAt ? <li>{t('confirmation.steps.signed', { name: c.signedBy ?? '', date: when(c.signedAt) })}</li> : null}
            {c.filedOn ? (
              <li>
                {t('confirmation.steps.filed', { date: day(c.filedOn) })}
                {c.courtCaseNo ? ` · ${t('confirmation.steps.caseNo', { no: c.courtCaseNo })}` : ''}
              </li>
            ) : null}
            {c.decidedOn ? (
              <li>
                {t('confirmation.steps.decided', { date: day(c.decidedOn) })} · {t(`confirmation.status.${c.status}`)}
                {c.decisionNote ? ` · ${c.decisionNote}` : ''}
              </li>
            ) : null}
          </ul>
          <p className="flex flex-wrap gap-x-4 text-sm">
            {(['application', 'filing', 'decision'] as const)
              .filter((d) => c.documents[d])
              .map((d) => (
                <a key={d} href={`/api/confirmations/${c.id}/${d}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                  {t(`confirmation.download.${d}`)}
                </a>
              ))}
            <span className="self-center font-mono text-xs text-slate-600">SHA-256 {c.applicationSha256.slice(0, 16)}…</span>
          </p>
          {mayWork && c.status === 'signed_by_borrower' && deadline.state.state !== 'notNeeded' ? <CountersignConfirmationForm caseId={caseId} confirmationId={c.id} /> : null}
          {mayWork && c.status === 'signed' ? <CourtStepForm caseId={caseId} confirmationId={c.id} step="filing" today={courtToday(new Date())} /> : null}
          {mayWork && c.status === 'filed' ? <CourtStepForm caseId={caseId} confirmationId={c.id} step="decision" today={courtToday(new Date())} /> : null}
        </>
      )}
    </Card>
  );
}
