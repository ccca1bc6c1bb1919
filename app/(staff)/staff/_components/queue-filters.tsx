'use client';

import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { caseStates } from '@/lib/domain/case-state';
import { bucketParam, dpdBuckets, parseQueueParams, queueSearch, queueSorts, type QueueParams } from '@/lib/validation/queue';

type Props = {
  params: QueueParams;
  /** The assignee the view shows (the role's default when the URL does not say). */
  assignee: string;
  people: { id: string; name: string }[];
  /** The name of the creditor the view is narrowed to (from the dashboard), if any. */
  creditorName?: string;
};

const dashboardKeys = ['openedFrom', 'openedTo', 'bucket', 'creditor', 'outcome', 'reached'] as const;

const selectClass = 'min-h-11 rounded-lg border border-slate-400 bg-white px-3';

/** One of the queue's filters: a labelled select of the given options. */
function SelectFilter({ id, name, label, defaultValue, children }: { id: string; name: string; label: ReactNode; defaultValue: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={selectClass}>
        {children}
      </select>
    </div>
  );
}
const inputClass = 'min-h-11 rounded-lg border border-slate-400 bg-white px-3';

/**
 * The queue's filters as a plain GET form named by the URL's own parameters (lib/validation/queue.ts), so it works
 * without JavaScript; with it, the URL is written without the empty fields. Everything is reachable by keyboard and
 * Enter applies it from any field.
 */
export function QueueFilters({ params, assignee, people, creditorName }: Props) {
  const t = useTranslations('staffQueue');
  const tOutcome = useTranslations('outcomes');
  // The dashboard's filters have no fields of their own here: they ride along (hidden) and are named above the form.
  const fromDashboard = [
    params.openedFrom || params.openedTo ? t('fromDashboard.opened', { from: params.openedFrom ?? '…', to: params.openedTo ?? '…' }) : null,
    params.bucket ? t('fromDashboard.bucket', { bucket: t(`bucket.${bucketParam(params.bucket)}`) }) : null,
    params.creditor ? t('fromDashboard.creditor', { name: creditorName ?? params.creditor.slice(0, 8) }) : null,
    params.outcome ? t('fromDashboard.outcome', { outcome: tOutcome(`kind.${params.outcome}`) }) : null,
    params.reached ? t(`fromDashboard.reached.${params.reached}`) : null,
  ].filter((chip): chip is string => chip !== null);
  const tState = useTranslations('staffCaseState');
  const router = useRouter();
  return (
    <form
      method="get"
      action="/staff"
      aria-label={t('filters')}
      className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white px-4 py-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const search = new URLSearchParams();
        for (const [key, value] of data.entries()) if (typeof value === 'string' && value !== '') search.append(key, value);
        router.push(`/staff?${queueSearch(parseQueueParams(search))}`);
      }}
    >
      {fromDashboard.length ? (
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="dashboard-filters">
          <span className="font-medium">{t('fromDashboard.title')}</span>
          {fromDashboard.map((chip) => (
            <span key={chip} className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-800">
              {chip}
            </span>
          ))}
          <Link href={`/staff?${queueSearch(params, Object.fromEntries(dashboardKeys.map((k) => [k, undefined])))}`} className="text-brand-700 underline">
            {t('fromDashboard.clear')}
          </Link>
          {dashboardKeys.map((k) => (params[k] ? <input key={k} type="hidden" name={k} value={params[k]} /> : null))}
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-96 flex-1 flex-col gap-1">
          <p className="text-sm">
            <label htmlFor="queue-search" className="font-medium">
              {t('search')}
            </label>{' '}
            <span id="queue-search-hint" className="text-slate-600">
              · {t('searchHint')}
            </span>
          </p>
          <input id="queue-search" name="q" type="search" defaultValue={params.q ?? ''} maxLength={60} aria-describedby="queue-search-hint" className={`${inputClass} w-full`} autoComplete="off" />
        </div>
        <SelectFilter id="f-state" name="state" label={t('state')} defaultValue={params.state ?? 'open'}>
          <option value="open">{t('stateOpen')}</option>
          <option value="all">{t('stateAll')}</option>
          {params.state && params.state.includes(',') ? <option value={params.state}>{params.state.split(',').map((s) => tState(s)).join(' / ')}</option> : null}
          {caseStates.map((s) => (
            <option key={s} value={s}>
              {tState(s)}
            </option>
          ))}
        </SelectFilter>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">{t('dpd')}</legend>
          <div className="flex flex-wrap gap-x-3">
            {dpdBuckets.map((b) => (
              <label key={b} className="flex min-h-11 items-center gap-1 text-sm">
                <input type="checkbox" name="dpd" value={b} defaultChecked={params.dpd?.includes(b)} className="size-5" />
                {t(`bucket.${b}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-min" className="text-sm font-medium">
            {t('amountMin')}
          </label>
          <input id="f-min" name="min" inputMode="decimal" pattern="[\d０-９,，.．\s¥￥]*" defaultValue={params.min ?? ''} className={`${inputClass} w-36`} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-max" className="text-sm font-medium">
            {t('amountMax')}
          </label>
          <input id="f-max" name="max" inputMode="decimal" pattern="[\d０-９,，.．\s¥￥]*" defaultValue={params.max ?? ''} className={`${inputClass} w-36`} />
        </div>
        <SelectFilter id="f-assignee" name="assignee" label={t('assignee')} defaultValue={assignee}>
          <option value="me">{t('assigneeMe')}</option>
          <option value="any">{t('assigneeAny')}</option>
          <option value="none">{t('assigneeNone')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectFilter>
        <SelectFilter id="f-deadline" name="deadline" label={t('deadline')} defaultValue={params.deadline ?? ''}>
          <option value="">{t('deadlineAny')}</option>
          <option value="passed">{t('deadlinePassed')}</option>
          {['3', '7', '14'].map((d) => (
            <option key={d} value={d}>
              {t('deadlineWithin', { days: d })}
            </option>
          ))}
          {params.deadline && !['passed', '3', '7', '14'].includes(params.deadline) ? <option value={params.deadline}>{t('deadlineWithin', { days: params.deadline })}</option> : null}
        </SelectFilter>
        <SelectFilter id="f-offer" name="offer" label={t('offer')} defaultValue={params.offer ?? ''}>
          <option value="">{t('offerAny')}</option>
          <option value="borrower">{t('offerBorrower')}</option>
          <option value="approval">{t('offerApproval')}</option>
          <option value="proposal">{t('offerProposal')}</option>
        </SelectFilter>
        <SelectFilter id="f-promise" name="promise" label={t('promise')} defaultValue={params.promise ?? ''}>
          <option value="">{t('promiseAny')}</option>
          <option value="open">{t('promiseOpen')}</option>
          <option value="due">{t('promiseDue')}</option>
          <option value="broken">{t('promiseBroken')}</option>
        </SelectFilter>
        <SelectFilter id="f-contact" name="noContact" label={t('noContact')} defaultValue={params.noContact ? String(params.noContact) : ''}>
          <option value="">{t('noContactAny')}</option>
          {['3', '7', '14', '30'].map((d) => (
            <option key={d} value={d}>
              {t('noContactDays', { days: d })}
            </option>
          ))}
          {params.noContact && ![3, 7, 14, 30].includes(params.noContact) ? <option value={String(params.noContact)}>{t('noContactDays', { days: params.noContact })}</option> : null}
        </SelectFilter>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="hardship" value="1" defaultChecked={Boolean(params.hardship)} className="size-5" />
          {t('hardship')}
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="neverEngaged" value="1" defaultChecked={Boolean(params.neverEngaged)} className="size-5" />
          {t('neverEngaged')}
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="confirmation" value="due" defaultChecked={params.confirmation === 'due'} className="size-5" />
          {t('confirmationFilter')}
        </label>
        <SelectFilter id="f-sort" name="sort" label={t('sort')} defaultValue={params.sort ?? 'priority'}>
          {queueSorts.map((s) => (
            <option key={s} value={s}>
              {t(`sortBy.${s}`)}
            </option>
          ))}
        </SelectFilter>
        <SelectFilter id="f-dir" name="dir" label={t('direction')} defaultValue={params.dir ?? ''}>
          <option value="">—</option>
          <option value="asc">{t('asc')}</option>
          <option value="desc">{t('desc')}</option>
        </SelectFilter>
        <Button type="submit">{t('apply')}</Button>
        <Link href="/staff" className="min-h-11 px-2 py-3 text-sm text-brand-700 underline">
          {t('reset')}
        </Link>
      </div>
    </form>
  );
}
