'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useActionSubmit } from '@/components/forms/use-action-submit';
import { approvalRequired, NOTICE_DAYS_MAX, type NoticeKind } from '@/lib/domain/notice-sequence';
import type { NoticeSequenceForm as Values } from '@/lib/validation/notice-sequence';
import { setNoticeSequenceAction } from '../actions';

type Row = Values['rows'][number];

/**
 * The notice sequence: each notice in its escalation order, sent or left out, the days it waits after the one before,
 * and who approves it. What is typed stays when a notice is left out or a save is refused; the line under the rows
 * says the sequence in words as it will run.
 */
export function NoticeSequenceForm({ creditorId, version: initialVersion, initial }: { creditorId: string; version: string; initial: Row[] }) {
  const t = useTranslations('admin');
  const [rows, setRows] = useState<Row[]>(initial);
  const [version, setVersion] = useState(initialVersion);
  const f = useActionSubmit();
  const base = useId();
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const kindName = (kind: NoticeKind) => t(`noticeSequence.kinds.${kind}`);
  const included = rows.filter((row) => row.included);
  const previousOf = (i: number) => rows.slice(0, i).filter((row) => row.included).at(-1);
  const rowsError = f.errors.rows;
  return (
    <form
      className="flex flex-col gap-4"
      aria-labelledby="notice-sequence-heading"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        await f.submit(
          () => setNoticeSequenceAction({ creditorId, version, rows }),
          (saved) => setVersion(saved.version),
        );
      }}
    >
      <FormError message={f.formError} />
      {f.done ? <Notice role="status">{t('noticeSequence.saved')}</Notice> : null}
      <fieldset className="flex flex-col gap-3" aria-describedby={rowsError ? `${base}-rows-error` : undefined}>
        <legend className="mb-1 font-semibold">{t('noticeSequence.steps')}</legend>
        <p className="text-sm text-slate-700">{t('noticeSequence.orderHint')}</p>
        {rowsError ? (
          <p id={`${base}-rows-error`} className="text-sm font-medium text-red-700">
            {rowsError}
          </p>
        ) : null}
        <ol className="flex flex-col gap-3">
          {rows.map((row, i) => {
            const previous = previousOf(i);
            const approvalId = `${base}-approval-${i}`;
            const approvalError = f.errors[`rows.${i}.approval`];
            const kindError = f.errors[`rows.${i}.kind`];
            return (
              <li key={row.kind} className="grid gap-3 rounded border border-slate-200 p-3 md:grid-cols-[2fr_1fr_2fr] md:items-start" data-testid="notice-step">
                <div className="flex flex-col gap-1">
                  <label className="flex min-h-11 items-center gap-2 font-medium">
                    <input type="checkbox" className="size-5" checked={row.included} aria-describedby={kindError ? `${base}-kind-${i}` : undefined} onChange={(e) => set(i, { included: e.target.checked })} />
                    {t('noticeSequence.send', { n: i + 1, kind: kindName(row.kind) })}
                  </label>
                  {kindError ? (
                    <p id={`${base}-kind-${i}`} className="text-sm font-medium text-red-700">
                      {kindError}
                    </p>
                  ) : null}
                </div>
                <Field
                  label={previous ? t('noticeSequence.daysAfter', { kind: kindName(previous.kind) }) : t('noticeSequence.daysAfterOpening')}
                  hint={t('noticeSequence.daysHint', { max: NOTICE_DAYS_MAX })}
                  value={row.days}
                  error={row.included ? f.errors[`rows.${i}.days`] : undefined}
                  inputMode="numeric"
                  autoComplete="off"
                  disabled={!row.included}
                  className="disabled:bg-slate-100 disabled:text-slate-600"
                  onChange={(e) => set(i, { days: e.target.value })}
                />
                <div className="flex flex-col gap-1">
                  <label htmlFor={approvalId} className="flex min-h-11 items-center gap-2 font-medium">
                    <input
                      id={approvalId}
                      type="checkbox"
                      className="size-5"
                      checked={row.approval || approvalRequired(row.kind)}
                      disabled={!row.included || approvalRequired(row.kind)}
                      aria-describedby={`${approvalId}-hint`}
                      onChange={(e) => set(i, { approval: e.target.checked })}
                    />
                    {t('noticeSequence.approval')}
                  </label>
                  <p id={`${approvalId}-hint`} className="text-sm text-slate-600">
                    {approvalRequired(row.kind) ? t('noticeSequence.approvalAlways') : t('noticeSequence.approvalOptional')}
                  </p>
                  {approvalError ? <p className="text-sm font-medium text-red-700">{approvalError}</p> : null}
                </div>
              </li>
            );
          })}
        </ol>
      </fieldset>
      <p className="text-sm text-slate-800" data-testid="notice-sequence-summary">
        {included.length
          ? t('noticeSequence.summary') +
            included
              .map((row, n) => {
                const days = row.days.normalize('NFKC').trim();
                return n === 0 ? t('noticeSequence.summaryFirst', { kind: kindName(row.kind), days }) : t('noticeSequence.summaryNext', { kind: kindName(row.kind), days, previous: kindName(included[n - 1]!.kind) });
              })
              .join(t('noticeSequence.summaryJoin')) +
            t('noticeSequence.summaryEnd')
          : t('noticeSequence.summaryNone')}
      </p>
      <Button type="submit" className="self-start" disabled={f.busy}>
        {t('noticeSequence.save')}
      </Button>
    </form>
  );
}
