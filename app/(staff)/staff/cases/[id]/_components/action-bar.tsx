'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { AssignForm } from './assign-form';
import { CallbackForm } from './callback-form';
import { ContactForm } from './contact-form';
import { ExtendDeadlineForm } from './extend-deadline-form';
import { NoteForm } from './note-form';
import { CloseCaseForm, ReopenCaseForm } from './outcome-forms';
import { RecordPaymentForm } from './plan-forms';
import { PromiseForm } from './promise-form';
import { closeCaseAction, reopenCaseAction } from '../outcome-actions';

type Panel = 'contact' | 'note' | 'promise' | 'callback' | 'payment' | 'assign' | 'extend' | 'close' | 'escalate' | 'reopen';

/** Which ending actions the case's state allows now (outcome-section.tsx works them out). */
export type OutcomeMoves = { version: number; closable: boolean; escalatable: boolean; reopenable: boolean };

/**
 * Every action on the case one click away, above the case file: one form open at a time, below the bar, so the
 * case stays in view. Which actions show follows what the staff member may do (the services check it again).
 */
export function ActionBar(props: {
  caseId: string;
  canAct: boolean;
  supervisor: boolean;
  graceDays: number;
  timeZone: string;
  assigneeId: string | null;
  workNextHref: string;
  open: boolean;
  /** The repayment plan, once the agreement is executed: payments are recorded from here. */
  plan: { today: string } | null;
  outcome: OutcomeMoves;
}) {
  const t = useTranslations('staffCaseFile');
  const [chosen, setPanel] = useState<Panel | null>(null);
  const close = () => setPanel(null);
  const { outcome } = props;
  const panels: Panel[] = [
    ...(props.canAct ? (['contact', 'note', 'promise', 'callback'] as const) : []),
    ...(props.canAct && props.plan ? (['payment'] as const) : []),
    ...(props.supervisor ? (['assign'] as const) : []),
    ...(props.supervisor && props.open ? (['extend'] as const) : []),
    ...(props.canAct && outcome.closable ? (['close'] as const) : []),
    ...(props.canAct && outcome.escalatable ? (['escalate'] as const) : []),
    ...(props.canAct && outcome.reopenable ? (['reopen'] as const) : []),
  ];
  // An action the case no longer allows (it was just closed, or reopened) folds away: the page shows what it did.
  const panel = chosen && panels.includes(chosen) ? chosen : null;
  return (
    <section aria-label={t('actions')} className="sticky top-0 z-10 -mx-4 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur">
      <div className="flex flex-wrap items-center gap-2">
        {panels.map((p) => (
          <Button
            key={p}
            type="button"
            variant={panel === p ? 'primary' : 'secondary'}
            aria-expanded={panel === p}
            aria-controls="case-action-panel"
            onClick={() => setPanel(panel === p ? null : p)}
            className="min-h-10 py-1.5"
          >
            {t(`action.${p}`)}
          </Button>
        ))}
        <Link href={props.workNextHref} className="ml-auto inline-flex min-h-10 items-center rounded-lg px-4 py-1.5 font-medium text-brand-700 hover:bg-brand-50">
          {t('workNext')} →
        </Link>
      </div>
      <div id="case-action-panel" className={cn(panel ? 'mt-3 max-h-[70vh] overflow-y-auto rounded-xl border border-slate-200 bg-white p-4' : 'hidden')}>
        {panel ? <h2 className="mb-2 text-lg font-semibold">{t(`action.${panel}`)}</h2> : null}
        {panel === 'contact' ? <ContactForm caseId={props.caseId} graceDays={props.graceDays} timeZone={props.timeZone} /> : null}
        {panel === 'note' ? <NoteForm caseId={props.caseId} onDone={close} /> : null}
        {panel === 'promise' ? <PromiseForm caseId={props.caseId} graceDays={props.graceDays} onDone={close} /> : null}
        {panel === 'callback' ? <CallbackForm caseId={props.caseId} timeZone={props.timeZone} onDone={close} /> : null}
        {panel === 'assign' ? <AssignForm caseId={props.caseId} current={props.assigneeId} onDone={close} /> : null}
        {panel === 'extend' ? <ExtendDeadlineForm caseId={props.caseId} onDone={close} /> : null}
        {/* Recording payments one after another keeps the panel open; the plan section below shows where each went. */}
        {panel === 'payment' && props.plan ? <RecordPaymentForm caseId={props.caseId} today={props.plan.today} titleHidden /> : null}
        {panel === 'close' ? <CloseCaseForm caseId={props.caseId} version={outcome.version} close={closeCaseAction as never} /> : null}
        {panel === 'escalate' ? <CloseCaseForm caseId={props.caseId} version={outcome.version} close={closeCaseAction as never} only="escalated_to_litigation" label={t('action.escalate')} /> : null}
        {panel === 'reopen' ? <ReopenCaseForm caseId={props.caseId} version={outcome.version} reopen={reopenCaseAction} /> : null}
      </div>
    </section>
  );
}
