import type { Metadata } from 'next';
import Link from 'next/link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { dpdBucket, todayIn } from '@/lib/domain/dates';
import { formatMoney } from '@/lib/domain/money';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { readEscalationReview } from '@/lib/server/review/list-escalation-review';
import { CloseCaseForm } from '../cases/[id]/_components/outcome-forms';
import { closeFromReviewAction } from './actions';
import { EscalateForm, ExtendForm } from './_components/review-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('review'))('title') };
}

/**
 * The escalation review list: cases whose mediation window ended with no
 * agreement. A supervisor decides each: more time (with the borrower's
 * agreement), close with an outcome, or escalate. Admins read it.
 */
export default async function EscalationReviewPage() {
  const { actor } = await requireStaff(['supervisor', 'admin']);
  const [{ rows, total }, t, tState, format, locale] = await Promise.all([readEscalationReview(actor), getTranslations('review'), getTranslations('staffCaseState'), getFormatter(), getLocale()]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });
  const decides = actor.role === 'supervisor';
  const today = todayIn('Asia/Shanghai');
  return (
    <ClientMessages namespaces={['review', 'outcomes']}>
      <main id="main" className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
        <div>
          <h1 className="text-2xl font-bold">{t('title')}</h1>
          <p className="text-slate-700">{t('intro')}</p>
        </div>
        {!decides ? <Notice>{t('readOnly')}</Notice> : null}
        <p role="status" className="text-sm text-slate-700">
          {t('count', { count: total })} {total > rows.length ? t('showing', { shown: rows.length }) : null}
        </p>
        {rows.map((row) => (
          <Card key={row.id} aria-labelledby={`review-${row.id}`} className="flex flex-col gap-3" data-review-case={row.caseNo}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`review-${row.id}`} className="text-lg font-semibold">
                <Link href={`/staff/cases/${row.id}`} className="font-mono text-brand-700 underline">
                  {row.caseNo}
                </Link>{' '}
                {row.borrowerName} <span className="text-sm font-normal text-slate-700">{row.borrowerPhone}</span>
              </h2>
              <span className="text-sm text-slate-700">{locale === 'en' ? row.creditorNameEn : row.creditorName}</span>
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm md:grid-cols-4">
              <dt className="text-slate-600">{t('state')}</dt>
              <dd>{tState(row.state)}</dd>
              <dt className="text-slate-600">{t('deadline')}</dt>
              <dd>{date(row.mediationDeadline)}</dd>
              <dt className="text-slate-600">{t('since')}</dt>
              <dd>{date(row.escalationReviewSince)}</dd>
              <dt className="text-slate-600">{t('extensions')}</dt>
              <dd>{row.deadlineExtensions}</dd>
              <dt className="text-slate-600">{t('arrears')}</dt>
              <dd>{formatMoney(row.arrearsAtOpen, locale)}</dd>
              <dt className="text-slate-600">{t('dpd')}</dt>
              <dd>
                {row.dpdAtOpen} ({dpdBucket(row.dpdAtOpen)})
              </dd>
              <dt className="text-slate-600">{t('assignee')}</dt>
              <dd>{row.assigneeName ?? t('unassigned')}</dd>
              <dt className="text-slate-600">{t('contract')}</dt>
              <dd className="font-mono">{row.contractNo}</dd>
            </dl>
            {decides ? (
              <div className="grid gap-3 lg:grid-cols-3">
                <details className="rounded-lg border border-slate-200 p-3">
                  <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-700">{t('extend')}</summary>
                  <ExtendForm caseId={row.id} version={row.version} today={today} />
                </details>
                <details className="rounded-lg border border-slate-200 p-3">
                  <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-700">{t('close')}</summary>
                  <CloseCaseForm caseId={row.id} version={row.version} close={closeFromReviewAction as never} />
                </details>
                <details className="rounded-lg border border-slate-200 p-3">
                  <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-700">{t('escalate')}</summary>
                  <EscalateForm caseId={row.id} version={row.version} />
                </details>
              </div>
            ) : null}
          </Card>
        ))}
      </main>
    </ClientMessages>
  );
}
