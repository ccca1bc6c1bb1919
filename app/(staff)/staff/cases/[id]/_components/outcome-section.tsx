import { Card, Notice } from '@/components/ui/card';
import type { CaseState } from '@/lib/domain/case-state';
import { canTransition } from '@/lib/domain/case-state';
import { formatMoney } from '@/lib/domain/money';
import { endStateFor, reopenableStates } from '@/lib/domain/outcomes';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import type { Actor } from '@/lib/server/actor';
import { listCaseOutcomes } from '@/lib/server/outcomes/list-outcomes';
import { closeCaseAction, reopenCaseAction } from '../outcome-actions';
import { CloseCaseForm, ReopenCaseForm } from './outcome-forms';

/**
 * The case's outcome: what is on record (current and earlier), and for whoever
 * may act on the case, closing it with an outcome or reopening it. Its own
 * section until the case file's action bar takes the buttons.
 */
export async function OutcomeSection({ actor, kase, canAct }: { actor: Actor; kase: { id: string; state: CaseState; version: number }; canAct: boolean }) {
  const [outcomes, t, format, locale] = await Promise.all([listCaseOutcomes(actor, kase.id), getTranslations('outcomes'), getFormatter(), getLocale()]);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const money = (fen: number) => formatMoney(fen, locale);
  // Closable when some closing outcome may end it from here; reopenable when it has ended.
  const closable = canTransition(kase.state, endStateFor('no_agreement', kase.state)) && kase.state !== 'closed';
  const reopenable = reopenableStates.includes(kase.state);
  return (
    <section aria-labelledby="outcome-heading" className="flex flex-col gap-3" id="outcome">
      <h2 id="outcome-heading" className="text-xl font-semibold">
        {t('title')}
      </h2>
      {outcomes.length === 0 ? <p className="text-sm text-slate-700">{t('none')}</p> : null}
      {outcomes.length > 0 ? (
        <ol className="flex flex-col gap-2" aria-label={t('history')}>
          {outcomes.map((o) => (
            <li key={o.id} className={o.current ? 'rounded-lg border border-brand-100 bg-brand-50 p-3' : 'rounded-lg border border-slate-200 bg-white p-3 text-slate-700'} data-outcome={o.outcome} data-current={o.current}>
              <p className="font-semibold">
                {o.current ? `${t('current')}: ` : null}
                {t(`kind.${o.outcome}`)}
              </p>
              <p className="text-sm">
                {[
                  o.amountRecovered !== null ? t('amountRecoveredShown', { amount: money(o.amountRecovered) }) : null,
                  o.amountWaived !== null ? t('amountWaivedShown', { amount: money(o.amountWaived) }) : null,
                  o.amountClaimed !== null ? t('amountClaimedShown', { amount: money(o.amountClaimed) }) : null,
                  o.amountRestructured !== null ? t('amountRestructuredShown', { amount: money(o.amountRestructured) }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <p className="text-sm">{o.recordedBy ? t('recordedBy', { date: when(o.recordedAt), name: o.recordedBy }) : t('recordedBySystem', { date: when(o.recordedAt) })}</p>
              {o.note ? <p className="text-sm">{o.note}</p> : null}
              {o.supersededAt ? (
                <p className="text-sm">
                  {t('superseded', {
                    date: when(o.supersededAt),
                    reason: o.supersededReason?.startsWith('reopened: ') ? t('reopenedReason', { reason: o.supersededReason.slice('reopened: '.length) }) : t('replaced'),
                  })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {canAct && closable ? (
        <Card>
          <h3 className="mb-2 text-lg font-semibold">{t('close')}</h3>
          <CloseCaseForm caseId={kase.id} version={kase.version} close={closeCaseAction as never} />
        </Card>
      ) : null}
      {canAct && reopenable ? (
        <Card>
          <h3 className="mb-2 text-lg font-semibold">{t('reopen')}</h3>
          <ReopenCaseForm caseId={kase.id} version={kase.version} reopen={reopenCaseAction} />
        </Card>
      ) : null}
      {!canAct && (closable || reopenable) ? <Notice className="sr-only">{t('cannotClose')}</Notice> : null}
    </section>
  );
}
