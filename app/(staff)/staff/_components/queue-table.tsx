'use client';

import { createColumnHelper, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useTimeZone, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TableView } from '@/components/ui/data-table';
import { FormError, Notice } from '@/components/ui/card';
import { formatMoney } from '@/lib/domain/money';
import { bucketWords, dateTimeFormat, displayTimeZone } from '@/lib/i18n/config';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { QueueRow } from '@/lib/server/queue/list-queue';
import type { QueueSort } from '@/lib/validation/queue';
import { assignCasesAction } from '../actions';

/** What a row of the table shows (the page leaves out what it does not, so that it is not sent twice). */
export type QueueTableRow = Omit<QueueRow, 'assigneeId' | 'promiseBroken'>;

type Props = {
  rows: QueueTableRow[];
  locale: string;
  /** The view's query string without the page, which case links carry for "work next". */
  view: string;
  /** Links that sort by a column (the page builds them from the view). */
  sortLinks: Partial<Record<QueueSort, { href: string; active: 'asc' | 'desc' | null }>>;
  total: number;
  /** Supervisors select and assign; the people they may assign to. */
  assignees: { id: string; name: string }[] | null;
  /** The search was too short to look at phone, case and contract numbers (it found names only). */
  shortSearch?: boolean;
};

const helper = createColumnHelper<QueueTableRow>();
const storageKey = (view: string) => `concord.queue.selection:${view}`;

/**
 * The queue's table (TanStack Table for the column model; paging and sorting happen on the server, in the URL).
 * Keyboard: ↑/↓ move between rows, Enter opens the case, / jumps to the search. A supervisor's selection is kept
 * per view in the session, so it survives paging; "select all N matching" selects the whole view.
 */
export function QueueTable({ rows, locale, view, sortLinks, total, assignees, shortSearch = false }: Props) {
  const t = useTranslations('staffQueue');
  const tState = useTranslations('staffCaseState');
  const timeZone = useTimeZone() ?? displayTimeZone;
  const router = useRouter();
  const errorText = useErrorText();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const selecting = assignees !== null;

  useEffect(() => {
    if (!selecting) return;
    const saved = sessionStorage.getItem(storageKey(view));
    setSelected(new Set(saved ? (JSON.parse(saved) as string[]) : []));
    setAllMatching(false);
  }, [view, selecting]);
  const remember = (next: Set<string>) => {
    setSelected(next);
    sessionStorage.setItem(storageKey(view), JSON.stringify([...next]));
  };

  // "/" focuses the search, unless one is typing somewhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      document.getElementById('queue-search')?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const caseHref = (id: string) => `/staff/cases/${id}${view ? `?view=${encodeURIComponent(view)}` : ''}`;
  // The formatters are built once per language and zone, not per row (use-intl's would be built again on every request).
  const timeFormat = dateTimeFormat(locale, timeZone, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const dayFormat = dateTimeFormat(locale, timeZone, { dateStyle: 'medium' });
  const time = (iso: string) => timeFormat.format(new Date(iso));

  const columns = useMemo(() => {
    const sortable = (key: QueueSort, label: string) => {
      const link = sortLinks[key];
      if (!link) return label;
      return (
        <Link href={link.href} className="text-brand-700 underline" aria-label={t('sortByColumn', { column: label })}>
          {label}
          {link.active ? <span className="sr-only"> ({link.active === 'asc' ? t('sortedAsc') : t('sortedDesc')})</span> : null}
          {link.active === 'asc' ? ' ▲' : link.active === 'desc' ? ' ▼' : ''}
        </Link>
      );
    };
    const list: ColumnDef<QueueTableRow, unknown>[] = [
      helper.display({
        id: 'caseNo',
        header: () => sortable('caseNo', t('col.caseNo')),
        cell: ({ row }) => (
          <Link href={caseHref(row.original.id)} className="whitespace-nowrap font-mono text-brand-700 underline" tabIndex={-1}>
            {row.original.caseNo}
          </Link>
        ),
      }),
      helper.display({
        id: 'borrower',
        header: () => t('col.borrower'),
        cell: ({ row }) => (
          <>
            {row.original.borrowerName} <span className="font-mono text-slate-600">{row.original.phoneMasked}</span>
            <span className="block font-mono text-xs text-slate-600">{row.original.contractNo}</span>
          </>
        ),
      }),
      helper.display({ id: 'state', header: () => t('col.state'), cell: ({ row }) => tState(row.original.state) }),
      helper.display({
        id: 'dpd',
        header: () => sortable('dpd', t('col.dpd')),
        cell: ({ row }) => (
          <span className="whitespace-nowrap">
            {row.original.daysPastDue} <span className="text-slate-600">{bucketWords(row.original.bucket, t('bucket.current'))}</span>
          </span>
        ),
      }),
      helper.display({ id: 'arrears', header: () => sortable('amount', t('col.arrears')), cell: ({ row }) => <span className="whitespace-nowrap">{formatMoney(row.original.arrearsAtOpen, locale)}</span> }),
      helper.display({
        id: 'deadline',
        header: () => sortable('deadline', t('col.deadline')),
        cell: ({ row }) => {
          const status = row.original.deadlineStatus;
          const confirmation = row.original.confirmation;
          return (
            <span className={status === 'passed' ? 'font-semibold text-danger-700' : status === 'near' ? 'font-semibold text-warn-800' : ''}>
              {dayFormat.format(new Date(row.original.mediationDeadline))}
              {status ? <span className={`ml-1 rounded px-1.5 py-0.5 text-xs ${status === 'passed' ? 'bg-danger-50' : 'bg-warn-50'}`}>{status === 'passed' ? t('deadlinePassedTag') : t('deadlineNearTag')}</span> : null}
              {confirmation ? (
                // The judicial confirmation's own last day (30 days after the agreement took effect), when it asks for action.
                <span data-testid="confirmation-marker" data-state={confirmation.state} className={`mt-1 block w-fit rounded px-1.5 py-0.5 text-xs font-semibold ${confirmation.state === 'overdue' ? 'bg-danger-50 text-danger-700' : 'bg-warn-50 text-warn-800'}`}>
                  {confirmation.state === 'overdue' ? t('confirmationOverdue', { days: confirmation.daysLate }) : t('confirmationDue', { days: confirmation.daysLeft })}
                </span>
              ) : null}
            </span>
          );
        },
      }),
      helper.display({
        id: 'next',
        header: () => sortable('priority', t('col.next')),
        cell: ({ row }) => {
          const r = row.original;
          if (!r.nextAction) return <span className="text-slate-600">—</span>;
          return (
            <span className={r.nextAction === 'broken_promise' || r.nextAction === 'plan_breached' ? 'font-semibold text-danger-700' : r.nextActionDue ? 'font-semibold text-warn-800' : ''}>
              {t(`nextAction.${r.nextAction}`)}
              {r.nextActionAt ? (
                <span className="block text-xs">
                  {r.nextActionSince ? t('pendingSince', { time: time(r.nextActionAt) }) : time(r.nextActionAt)}
                  {r.nextActionDue ? ` · ${t('overdue')}` : ''}
                </span>
              ) : null}
            </span>
          );
        },
      }),
      helper.display({ id: 'assignee', header: () => t('col.assignee'), cell: ({ row }) => row.original.assigneeName ?? <span className="text-slate-600">{t('unassigned')}</span> }),
      helper.display({
        id: 'lastContact',
        header: () => sortable('lastContact', t('col.lastContact')),
        cell: ({ row }) => (row.original.lastContactAt ? time(row.original.lastContactAt) : <span className="text-slate-600">{t('never')}</span>),
      }),
    ];
    if (selecting) {
      list.unshift(
        helper.display({
          id: 'select',
          header: () => (
            <input
              type="checkbox"
              className="size-5"
              aria-label={t('selectPage')}
              checked={rows.length > 0 && rows.every((r) => selected.has(r.id))}
              onChange={(event) => {
                const next = new Set(selected);
                for (const r of rows) {
                  if (event.target.checked) next.add(r.id);
                  else next.delete(r.id);
                }
                setAllMatching(false);
                remember(next);
              }}
            />
          ),
          cell: ({ row }) => (
            <input
              type="checkbox"
              className="size-5"
              aria-label={t('selectRow', { caseNo: row.original.caseNo })}
              checked={allMatching || selected.has(row.original.id)}
              onChange={(event) => {
                const next = new Set(selected);
                if (event.target.checked) next.add(row.original.id);
                else next.delete(row.original.id);
                setAllMatching(false);
                remember(next);
              }}
            />
          ),
        }),
      );
    }
    return list;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, selected, allMatching, selecting, sortLinks, locale, view]);

  // The table is rebuilt from the server's rows on every render; nothing of it is memoized by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id, manualPagination: true, manualSorting: true });

  const moveFocus = (from: HTMLElement, step: number) => {
    const all = [...(bodyRef.current?.querySelectorAll<HTMLTableRowElement>('tr[data-case]') ?? [])];
    const index = all.indexOf(from as HTMLTableRowElement);
    all[Math.min(all.length - 1, Math.max(0, index + step))]?.focus();
  };

  const count = allMatching ? total : selected.size;
  async function assign() {
    if (!assignee) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const input = allMatching ? { view, expectedCount: total, assigneeId: assignee } : { caseIds: [...selected], assigneeId: assignee };
    const result = await assignCasesAction(input).catch(() => null);
    setBusy(false);
    if (!result?.ok) return setError(errorText(result && !result.ok ? (result.formError ?? Object.values(result.fieldErrors)[0] ?? 'errors.UNAVAILABLE') : 'errors.UNAVAILABLE'));
    setDone(t('assigned', { count: result.data.assigned }));
    setAllMatching(false);
    remember(new Set());
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      {selecting && (count > 0 || done) ? (
        <section aria-label={t('assignTo')} className="flex flex-wrap items-end gap-3 rounded-xl border border-brand-100 bg-brand-50 p-3">
          {count > 0 ? (
            <p className="min-h-11 py-2 font-medium" role="status">
              {allMatching ? t('allMatchingSelected', { count: total }) : t('selected', { count: selected.size })}
            </p>
          ) : null}
          {!allMatching && total > selected.size && rows.every((r) => selected.has(r.id)) ? (
            <Button type="button" variant="secondary" onClick={() => setAllMatching(true)}>
              {t('selectAllMatching', { count: total })}
            </Button>
          ) : null}
          {count > 0 ? (
            <>
              <div className="flex flex-col gap-1">
                <label htmlFor="bulk-assignee" className="text-sm font-medium">
                  {t('assignTo')}
                </label>
                <select id="bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} className="min-h-11 rounded-lg border border-slate-400 bg-white px-3">
                  <option value="">{t('choose')}</option>
                  {assignees!.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </div>
              <Button type="button" onClick={assign} disabled={busy || !assignee}>
                {t('assign')}
              </Button>
              <Button
                type="button"
                variant="ghost"
                onClick={() => {
                  setAllMatching(false);
                  remember(new Set());
                }}
              >
                {t('clearSelection')}
              </Button>
            </>
          ) : null}
          {done ? <p role="status" className="basis-full text-sm font-medium text-brand-800">{done}</p> : null}
          <div className="basis-full">
            <FormError message={error} />
          </div>
        </section>
      ) : null}
      <p className="text-sm text-slate-700">{t('keyboardHint')}</p>
      <TableView
        table={table}
        caption={t('table')}
        framed
        bodyRef={bodyRef}
        rowProps={(row) => ({
          'data-case': row.original.caseNo,
          tabIndex: 0,
          'aria-label': `${row.original.caseNo} ${row.original.borrowerName}`,
          className: 'outline-none focus:bg-brand-50 focus:ring-2 focus:ring-inset focus:ring-brand-600',
          onKeyDown: (event) => {
            if (event.target !== event.currentTarget) return;
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              moveFocus(event.currentTarget, 1);
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              moveFocus(event.currentTarget, -1);
            } else if (event.key === 'Enter') {
              event.preventDefault();
              router.push(caseHref(row.original.id));
            }
          },
        })}
      />
      {rows.length === 0 ? <Notice>{shortSearch ? t('emptyShortSearch') : t('empty')}</Notice> : null}
    </div>
  );
}
