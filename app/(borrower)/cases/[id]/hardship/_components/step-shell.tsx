'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, type FormEventHandler, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import type { AutosaveState } from './use-step-form';

/** The frame of one step: heading (focused on arrival, for screen readers), progress, fields, back/next. */
export function StepShell({
  id,
  saved,
  index,
  total,
  title,
  intro,
  onSubmit,
  onBack,
  busy,
  formError,
  nextLabel,
  children,
}: {
  /** The form's id: what was typed before the page finished loading is read from it (use-step-form.ts). */
  id: string;
  /** Where the save-as-you-type stands, said plainly. */
  saved?: AutosaveState;
  index: number;
  total: number;
  title: string;
  intro?: ReactNode;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onBack?: () => void;
  busy?: boolean;
  formError?: string;
  nextLabel?: string;
  children: ReactNode;
}) {
  const t = useTranslations('hardship');
  const format = useFormatter();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [index]);
  return (
    <form id={id} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <p className="text-sm text-slate-600">{t('progress', { step: index + 1, total })}</p>
      <div className="h-2 w-full rounded bg-slate-200" aria-hidden="true">
        <div className="h-2 rounded bg-brand-600" style={{ width: `${((index + 1) / total) * 100}%` }} />
      </div>
      <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold outline-none">
        {title}
      </h2>
      {intro ? <div className="text-slate-700">{intro}</div> : null}
      {children}
      <FormError message={formError} />
      <p role="status" className="min-h-5 text-sm text-slate-600" data-testid="autosave-status">
        {saved?.state === 'saving' ? t('autosaving') : saved?.state === 'saved' ? t('autosaved', { time: format.dateTime(new Date(saved.at), { hour: '2-digit', minute: '2-digit', second: '2-digit' }) }) : saved?.state === 'failed' ? t('autosaveFailed') : ''}
      </p>
      <div className="flex flex-wrap gap-3">
        {onBack ? (
          <Button type="button" variant="secondary" onClick={onBack} disabled={busy}>
            {t('back')}
          </Button>
        ) : null}
        <Button type="submit" disabled={busy} className="flex-1">
          {busy ? t('saving') : (nextLabel ?? t('saveAndContinue'))}
        </Button>
      </div>
    </form>
  );
}
