import type { CaseState } from '@/lib/domain/case-state';
import { canTransition } from '@/lib/domain/case-state';
import { formatMoney } from '@/lib/domain/money';
import { endStateFor, reopenableStates } from '@/lib/domain/outcomes';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import type { Actor } from '@/lib/server/actor';
import { listCaseOutcomes } from '@/lib/server/outcomes/list-outcomes';
import type { OutcomeMoves } from './action-bar';

/** What the case's state allows: closing with an outcome, escalating to litigation, reopening once it has ended. */
export function outcomeMoves(kase: { state: CaseState; version: number }): OutcomeMoves {
  // Closable when some closing outcome may end it from here; reopenable when it has ended.
  const closable = canTransition(kase.state, endStateFor('no_agreement', kase.state)) && kase.state !== 'closed';
  return {
    version: kase.version,
    closable,
    escalatable: closable && canTransition(kase.state, endStateFor('escalated_to_litigation', kase.state)),
    reopenable: reopenableStates.includes(kase.state),
  };
}

/**
 * The case's outcome: what is on record, current and earlier. Closing, escalating and reopening are in the case
 * file's action bar (outcomeMoves says which apply).
 */
export async function OutcomeSection({ actor, kase }: { actor: Actor; kase: { id: string } }) {
  const [outcomes, t, format, locale] = await Promise.all([listCaseOutcomes(actor, kase.id), getTranslations('outcomes'), getFormatter(), getLocale()]);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const money = (fen: number) => formatMoney(fen, locale);
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
    </section>
  );
}
