import type { Metadata } from 'next';
import Link from 'next/link';
import { AppLink } from '@/components/app-link';
import { BackLink } from '@/components/back-link';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { BorrowerRights } from '@/components/case/borrower-rights';
import { CaseThread } from '@/components/case/case-thread';
import { Journey } from '@/components/case/journey';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card } from '@/components/ui/card';
import { requireBorrower } from '@/lib/auth/session';
import { formatMoney } from '@/lib/domain/money';
import { endedStates, isNegotiable } from '@/lib/domain/case-state';
import { nextStep } from '@/lib/domain/next-step';
import { instantFormat } from '@/lib/i18n/config';
import { formatDay } from '@/lib/i18n/days';
import { listCaseMessages, recordCaseViewed } from '@/lib/server/cases/case-messages';
import { getCaseOverview } from '@/lib/server/cases/get-case-overview';
import { getPlanProgress, planStates } from '@/lib/server/plans/plan-progress';
import { PlanView } from '@/components/plan/plan-view';
import { orNotFound } from '@/app/_lib/or-not-found';
import { postMessageAction } from './actions';
import { BorrowerConfirmation } from './_components/borrower-confirmation';
import { BorrowerNotices } from './_components/borrower-notices';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('casePage'))('title') };
}

export default async function BorrowerCasePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireBorrower();
  const { id } = await params;
  // First contact is recorded before the case is read, so the page shows the state it is now in.
  await orNotFound(recordCaseViewed(ctx, id));
  const overview = await orNotFound(getCaseOverview(ctx.actor, id));
  // The plan while the case follows it (running, broken, paid in full); a case reopened to negotiate, escalated or
  // closed shows what is owed again.
  const showPlan = (planStates as readonly string[]).includes(overview.state);
  const [plan, messages, t, tPlan, tState, tStep, format, locale] = await Promise.all([
    showPlan ? getPlanProgress(ctx.actor, overview.id) : null,
    listCaseMessages(ctx.actor, overview.id),
    getTranslations('casePage'),
    getTranslations('plan'),
    getTranslations('caseState'),
    getTranslations('nextStep'),
    getFormatter({ timeZone: overview.timeZone }),
    getLocale(),
  ]);
  const money = (fen: number) => formatMoney(fen, locale);
  const { totals } = overview.arrears;
  const hardshipLabel = overview.hardship.status === 'submitted' ? t('hardshipView') : overview.hardship.status === 'draft' ? t('hardshipContinue') : t('hardshipStart');
  // The next step from the case's real state: four offers waiting is "answer them", whatever the state is called.
  const step = nextStep({
    state: overview.state,
    hardship: overview.hardship.status,
    offersToAnswer: overview.offers.toAnswer,
    ownProposalOpen: overview.offers.ownProposalOpen,
    agreement: overview.agreementStatus,
    reviewPending: overview.review !== null && overview.review.reviewedAt === null,
    agreementLapsed: overview.lapsedAgreement !== null,
  });
  const stepHref = step.href === 'hardship' ? `/cases/${overview.id}/hardship` : step.href === 'offers' ? `/cases/${overview.id}/offers` : step.href === 'agreement' ? `/cases/${overview.id}/agreement` : step.href === 'thread' ? '#thread' : null;
  const stepValues = { count: overview.offers.toAnswer, date: overview.offers.earliestExpiry ? format.dateTime(new Date(overview.offers.earliestExpiry), instantFormat) : '' };
  return (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-5 px-4 py-6">
      <BackLink href="/">{t('backHome')}</BackLink>
      <div>
        <h1 className="text-2xl font-bold">{locale === 'en' ? overview.creditor.nameEn : overview.creditor.name}</h1>
        <p className="text-sm text-slate-700">
          {t('caseNo')} <span className="font-mono">{overview.caseNo}</span> · <span className="font-semibold">{tState(overview.state)}</span>
        </p>
      </div>
      {plan ? (
        // From the moment the plan starts it replaces the arrears it settled, and the mediation deadline.
        <PlanView plan={plan} t={tPlan} locale={locale} date={(iso) => formatDay(iso, locale, 'long')} />
      ) : (
      <Card aria-labelledby="owed-heading">
        <h2 id="owed-heading" className="text-lg font-semibold">
          {t('owedTitle', { date: formatDay(overview.arrears.asOf, locale, 'long') })}
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
          <dt className="text-slate-600">{t('overdue')}</dt>
          <dd className="text-lg font-bold">{money(totals.totalOverdue)}</dd>
          <dt className="text-slate-600">{t('settleAll')}</dt>
          <dd>{money(totals.totalToSettle)}</dd>
          <dt className="text-slate-600">{t('daysPastDue')}</dt>
          <dd>{overview.arrears.daysPastDue > 0 ? t('days', { days: overview.arrears.daysPastDue, bucket: overview.arrears.bucket }) : t('notOverdue')}</dd>
          <dt className="text-slate-600">{t('deadline')}</dt>
          <dd>{t(overview.deadlinePassed ? 'deadlinePassed' : 'deadlineOn', { date: format.dateTime(new Date(overview.mediationDeadline), { dateStyle: 'long' }) })}</dd>
        </dl>
        {overview.arrears.cap.capApplies ? <p className="mt-2 rounded bg-warn-50 p-2 text-sm text-warn-800">{t('capNotice', { amount: money(totals.enforceableTotalToSettle) })}</p> : null}
        <AppLink href={`/loans/${overview.loan.id}`} className="mt-3 inline-block text-brand-700 underline">
          {t('breakdownLink')}
        </AppLink>
      </Card>
      )}
      <Card aria-labelledby="next-heading">
        <h2 id="next-heading" className="text-lg font-semibold">
          {t('nextTitle')}
        </h2>
        {/* An agreement left unsigned until its first payment day lapsed (lapse-agreements.ts): why the plans are offered again. */}
        {overview.lapsedAgreement && isNegotiable(overview.state) ? (
          <p className="mt-1 rounded bg-warn-50 p-2 text-sm text-warn-800" data-testid="lapsed-agreement">
            {t('lapsedAgreement', { agreementNo: overview.lapsedAgreement.agreementNo, date: formatDay(overview.lapsedAgreement.firstPaymentDue, locale, 'long') })}
          </p>
        ) : null}
        <p className="mt-1" data-testid="next-step">
          {tStep(`text.${step.kind}`, stepValues)}
        </p>
        {step.href === 'offers' && 'reviewPending' in step && step.reviewPending ? <p className="mt-1 text-sm text-slate-700">{tStep('reviewPending')}</p> : null}
        {stepHref ? (
          <p className="mt-3">
            <Link href={stepHref} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-medium text-white hover:bg-brand-700" data-testid="next-step-link">
              {tStep(`action.${step.kind}`, stepValues)}
            </Link>
          </p>
        ) : null}
        {/* A case that has ended (repaid in full, handed to litigation, or closed) has no statement to write and no offer to compare. */}
        {endedStates.includes(overview.state) ? null : (
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {step.href !== 'hardship' ? (
            <li>
              <Link href={`/cases/${overview.id}/hardship`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                {hardshipLabel}
              </Link>
            </li>
          ) : null}
          {step.href !== 'offers' ? (
            <li>
              <Link href={`/cases/${overview.id}/offers`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                {t('offersLink')}
              </Link>
            </li>
          ) : null}
        </ul>
        )}
      </Card>
      <BorrowerConfirmation actor={ctx.actor} caseId={overview.id} locale={locale} />
      <BorrowerNotices actor={ctx.actor} caseId={overview.id} locale={locale} timeZone={overview.timeZone} />
      <Journey state={overview.state} openedAt={overview.openedAt} deadline={overview.mediationDeadline} deadlinePassed={overview.deadlinePassed} court={overview.creditor.court} delayMaxDays={plan ? plan.delay.maxDays : overview.delayMaxDays} delayUsed={plan?.delay.used != null} agreementExecuted={overview.agreementStatus === 'executed'} planCompleted={plan?.status === 'completed'} timeZone={overview.timeZone} />
      <BorrowerRights contactStart={overview.contactWindow.start} contactEnd={overview.contactWindow.end} servicePhone={overview.creditor.servicePhone} />
      <ClientMessages namespaces={['caseThread']} timeZone={overview.timeZone}>
        <CaseThread caseId={overview.id} messages={messages} post={postMessageAction} audience="borrower" />
      </ClientMessages>
    </main>
  );
}
