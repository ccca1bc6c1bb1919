import type { Metadata } from 'next';
import { BackLink } from '@/components/back-link';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { bucketParam } from '@/lib/validation/queue';
import { CaseThread } from '@/components/case/case-thread';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { isNegotiable, openMediationStates } from '@/lib/domain/case-state';
import { formatMoney } from '@/lib/domain/money';
import { formatDay } from '@/lib/i18n/days';
import { listCaseMessages } from '@/lib/server/cases/case-messages';
import { getCaseOverview } from '@/lib/server/cases/get-case-overview';
import { orNotFound } from '@/app/_lib/or-not-found';
import { getHardshipStatements } from '@/lib/server/hardship/get-hardship';
import { getOfferWorkspace } from '@/lib/server/offers/get-offer-workspace';
import { OfferHistory } from '@/components/offers/offer-history';
import { StatementSummary } from '@/components/hardship/statement-summary';
import { StaffNegotiation } from './_components/staff-negotiation';
import { ClaimCase } from './_components/claim-case';
import { CountersignForm } from './_components/countersign-form';
import { SupersedeForm } from './_components/supersede-form';
import { PlanSection } from './_components/plan-section';
import { replyAction } from './actions';
import { ReviewForm } from './_components/review-form';
import { LitigationSection } from './_components/litigation-section';
import { displayTimeZone, instantFormat } from '@/lib/i18n/config';
import { daysBetween, todayIn } from '@/lib/domain/dates';
import { sealAuthorisedFor } from '@/lib/server/agreements/seal-authorisation';
import { getCaseFile } from '@/lib/server/cases/case-file';
import { ActionBar } from './_components/action-bar';
import { ContactStatusCard, NotesCard, PromisesCard, Timeline } from './_components/case-file-panels';
import { RevealField } from './_components/reveal-field';
import { OutcomeSection, outcomeMoves } from './_components/outcome-section';
import { getStaffPlan } from '@/lib/server/plans/plan-progress';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('staffCase'))('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StaffCasePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const ctx = await requireStaff();
  const { actor } = ctx;
  const { id } = await params;
  const raw = await searchParams;
  // The queue view the case was opened from (its query string): "work next" continues in it.
  const view = typeof raw.view === 'string' ? raw.view.slice(0, 2000) : '';
  // The timeline shows the newest entries unless the whole of it is asked for.
  const wholeTimeline = raw.timeline === 'all';
  const overview = await orNotFound(getCaseOverview(actor, id));
  const now = new Date();
  const [{ statements }, workspace, messages, file, plan, t, tf, tState, format, locale] = await Promise.all([
    getHardshipStatements(actor, overview.id),
    getOfferWorkspace(actor, overview.id),
    listCaseMessages(actor, overview.id),
    getCaseFile(actor, overview.id, now, { wholeTimeline }),
    getStaffPlan(actor, overview.id, now),
    getTranslations('staffCase'),
    getTranslations('staffCaseFile'),
    getTranslations('staffCaseState'),
    getFormatter(),
    getLocale(),
  ]);
  const deadline = new Date(overview.mediationDeadline);
  // Calendar days on the portfolio's clock (Beijing), as the queue counts them: a deadline tomorrow is "1 day left" at any hour today.
  const daysLeft = daysBetween(todayIn(displayTimeZone, now), todayIn(displayTimeZone, deadline));
  const inMediation = openMediationStates.includes(overview.state);
  const money = (fen: number) => formatMoney(fen, locale);
  const [tc, tQueue] = await Promise.all([getTranslations('countersign'), getTranslations('staffQueue')]);
  // The current agreement as the overview read it: the copy for review is prepared when it is first downloaded.
  const agreement = overview.agreement ? { ...overview.agreement, agreementId: overview.agreement.id } : null;
  const sealInForce = agreement?.status === 'signed_by_borrower' ? await sealAuthorisedFor(overview.creditor.id) : true;
  const reviewPending = overview.review !== null && overview.review.reviewedAt === null;
  const { totals } = overview.arrears;
  // Everyone of the creditor's staff reads the case; who acts on it: lib/domain/case-access.
  const canAct = overview.access === 'act';
  return (
    // One provider for the page's interactive parts: countersigning, negotiation, the thread.
    <ClientMessages namespaces={['countersign', 'offerTerms', 'staffOffers', 'staffCaseThread', 'staffCase', 'staffCaseFile', 'staffLitigation', 'outcomes', 'staffPlan']}>
      <main id="main" className="mx-auto flex max-w-7xl flex-col gap-5 px-4 py-6">
        <BackLink href={view ? `/staff?${view}` : '/staff'}>{t('backToList')}</BackLink>
        <div>
          <h1 className="text-2xl font-bold">
            {t('heading', { caseNo: overview.caseNo, name: overview.borrower.name })}
          </h1>
          <p className="text-sm text-slate-700">
            {tState(overview.state)} · {t('assignee')}: {overview.assignee ?? t('unassigned')} · {t('deadline')}:{' '}
            <span data-testid="deadline" className={inMediation && daysLeft <= 3 ? 'font-semibold text-danger-700' : undefined}>
              {format.dateTime(deadline, { dateStyle: 'medium' })}
              {` (${inMediation ? (daysLeft < 0 ? tf('deadlinePassed', { days: -daysLeft }) : tf('deadlineIn', { days: daysLeft })) : tf('deadlineEnded')})`}
            </span>
          </p>
        </div>
        <ActionBar
          caseId={overview.id}
          canAct={canAct}
          supervisor={actor.role === 'supervisor'}
          graceDays={file.graceDays}
          timeZone={file.timeZone}
          assigneeId={file.assigneeId}
          workNextHref={`/staff/next?${new URLSearchParams({ view, after: overview.id }).toString()}`}
          open={inMediation}
          plan={plan ? { today: plan.today } : null}
          outcome={outcomeMoves(overview)}
        />
        {overview.access === 'claim' ? (
          <Notice className="flex flex-col gap-2">
            <p>{t('unassignedNotice')}</p>
            <ClaimCase caseId={overview.id} />
          </Notice>
        ) : overview.access === 'read' ? (
          <Notice>{actor.role === 'admin' ? t('readOnlyNotice') : t('notYoursNotice', { name: overview.assignee ?? '' })}</Notice>
        ) : null}
        {overview.review ? (
          <Notice tone={reviewPending ? 'warn' : 'info'} aria-labelledby="review-heading">
            <h2 id="review-heading" className="text-lg font-semibold">
              {reviewPending ? t('reviewPendingTitle') : t('reviewedTitle')}
            </h2>
            <p className="mt-1">
              {t(`reviewReasons.${overview.review.reason as 'hardship_pause'}`, { income: money(overview.hardship.disposableIncome ?? 0) })}
            </p>
            {reviewPending && canAct ? (
              <ReviewForm caseId={overview.id} />
            ) : reviewPending ? null : (
              <p className="mt-1 text-sm">{t('reviewedOn', { date: format.dateTime(new Date(overview.review.reviewedAt!), instantFormat) })}</p>
            )}
          </Notice>
        ) : null}
        <div className="grid gap-5 lg:grid-cols-3">
          <div className="flex min-w-0 flex-col gap-5 lg:col-span-2">
        <div className="grid gap-5 lg:grid-cols-2">
          <Card aria-labelledby="borrower-heading">
            <h2 id="borrower-heading" className="text-lg font-semibold">
              {t('borrower')}
            </h2>
            <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
              <dt className="text-slate-600">{t('name')}</dt>
              <dd>{overview.borrower.name}</dd>
              <dt className="text-slate-600">{t('phone')}</dt>
              <dd>
                <RevealField caseId={overview.id} field="phone" masked={overview.borrower.phoneMasked} />
              </dd>
              <dt className="text-slate-600">{t('residentId')}</dt>
              <dd>
                <RevealField caseId={overview.id} field="residentId" masked={overview.borrower.residentIdMasked} />
              </dd>
              <dt className="text-slate-600">{t('contract')}</dt>
              <dd className="font-mono">{overview.loan.contractNo}</dd>
            </dl>
          </Card>
          <Card aria-labelledby="arrears-heading">
            <h2 id="arrears-heading" className="text-lg font-semibold">
              {t(plan?.status === 'active' ? 'arrearsUnderContract' : 'arrears', { date: formatDay(overview.arrears.asOf, locale) })}
            </h2>
            {/* A running plan replaced these figures: said beside them, or a kept plan reads as months past due. */}
            {plan?.status === 'active' ? (
              <p className="mt-1 text-sm text-slate-700" data-testid="arrears-superseded">
                {t('arrearsSuperseded', { no: plan.agreementNo, date: formatDay(plan.agreementDate, locale) })}
              </p>
            ) : null}
            <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
              <dt className="text-slate-600">{t('overduePrincipal')}</dt>
              <dd>{money(totals.overduePrincipal)}</dd>
              <dt className="text-slate-600">{t('overdueInterest')}</dt>
              <dd>{money(totals.overdueInterest)}</dd>
              <dt className="text-slate-600">{t('penaltyCompound')}</dt>
              <dd>
                {money(totals.penalty)} / {money(totals.compound)}
              </dd>
              <dt className="font-semibold">{t('totalOverdue')}</dt>
              <dd className="font-semibold">{money(totals.totalOverdue)}</dd>
              <dt className="text-slate-600">{t('totalToSettle')}</dt>
              <dd>
                {money(totals.totalToSettle)}
                {overview.arrears.cap.capApplies ? <span className="block text-xs text-warn-800">{t('enforceable', { amount: money(totals.enforceableTotalToSettle) })}</span> : null}
              </dd>
              <dt className="text-slate-600">{t('dpd')}</dt>
              <dd>
                {/* The bucket's label has its own brackets: "41 · M2（31–60天）", not "41 (M2（31–60天）)". */}
                {overview.arrears.daysPastDue} · {tQueue(`bucket.${bucketParam(overview.arrears.bucket)}`)}
              </dd>
            </dl>
          </Card>
        </div>
        <PlanSection plan={plan} canAct={canAct} caseState={overview.state} />
        <section aria-labelledby="hardship-heading" className="flex flex-col gap-3">
          <h2 id="hardship-heading" className="text-xl font-semibold">
            {t('hardshipTitle')}
          </h2>
          {statements.length === 0 ? <Notice>{t('noStatement')}</Notice> : null}
          {statements.map((s) => (
            <details key={s.id} open={s.status === 'submitted'} className="rounded-xl border border-slate-200 bg-white p-4">
              <summary className="min-h-11 cursor-pointer py-2 font-semibold">
                {t('statementVersion', { version: s.version, status: t(`statementStatus.${s.status}`), date: s.submittedAt ? format.dateTime(new Date(s.submittedAt), { dateStyle: 'medium', timeStyle: 'short' }) : '' })}
              </summary>
              <StatementSummary data={s.data} affordability={s.affordability} audience="staff" />
              <h3 className="mt-3 font-semibold">{t('evidence')}</h3>
              {s.evidence.length === 0 ? (
                <p className="text-sm text-slate-700">{t('noEvidence')}</p>
              ) : (
                <ul className="text-sm">
                  {s.evidence.map((file) => (
                    <li key={file.id}>
                      <a href={`/api/files/${file.id}`} className="text-brand-700 underline">
                        {file.filename}
                      </a>{' '}
                      <span className="text-slate-600">
                        ({Math.ceil(file.size / 1024)} KB · SHA-256 {file.sha256.slice(0, 12)}…)
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </details>
          ))}
        </section>
        <section aria-labelledby="agreement-heading" className="flex flex-col gap-2">
          <h2 id="agreement-heading" className="text-xl font-semibold">
            {tc('title')}
          </h2>
          {agreement ? (
            <Card className="flex flex-col gap-3">
              <p>
                <span className="font-mono">{agreement.agreementNo}</span> · {tc(`status.${agreement.status as 'executed'}`)}
                {/* Signed and in force, yet its plan broken: said here too, or "in force" reads as all being well. */}
                {agreement.status === 'executed' && plan?.status === 'breached' && plan.agreementNo === agreement.agreementNo ? ` · ${tc('planBroken')}` : null}
              </p>
              <ul className="flex flex-wrap gap-3 text-sm">
                {(['unsigned', 'signed', 'executed'] as const)
                  .filter((kind) => kind === 'unsigned' || (kind === 'signed' ? agreement.signedFileId : agreement.executedFileId))
                  .map((kind) => (
                    <li key={kind}>
                      <a href={`/api/agreements/${agreement.agreementId}/${kind}`} className="text-brand-700 underline">
                        {tc(`download.${kind}`)}
                      </a>
                    </li>
                  ))}
              </ul>
              {agreement.status === 'signed_by_borrower' && canAct ? (
                <>
                  <p className="text-sm text-slate-700">{tc('capacities')}</p>
                  {reviewPending ? <Notice tone="warn">{tc('reviewFirst')}</Notice> : null}
                  {sealInForce ? null : <Notice tone="warn">{tc('noSealAuthorisation')}</Notice>}
                  <CountersignForm caseId={overview.id} agreementId={agreement.agreementId} />
                </>
              ) : null}
              {agreement.status !== 'executed' && canAct ? (
                <SupersedeForm caseId={overview.id} agreementId={agreement.agreementId} />
              ) : null}
            </Card>
          ) : (
            <p className="text-sm text-slate-700">{tc('none')}</p>
          )}
        </section>
        <section aria-labelledby="negotiation-heading" className="flex flex-col gap-3">
          <h2 id="negotiation-heading" className="text-xl font-semibold">
            {t('negotiationTitle')}
          </h2>
          <StaffNegotiation
            caseId={overview.id}
            context={isNegotiable(overview.state) && canAct ? workspace.context : null}
            disposableIncome={workspace.context.disposableIncome}
            open={workspace.open}
            role={actor.role === 'mediator' ? 'mediator' : 'supervisor'}
            canAct={canAct}
          />
          <h3 className="text-lg font-semibold">{t('historyTitle')}</h3>
          <OfferHistory offers={workspace.offers} locale={locale} audience="staff" />
        </section>
        <CaseThread caseId={overview.id} messages={messages} post={canAct ? replyAction : null} audience="staff" />
            <OutcomeSection actor={actor} kase={overview} />
          </div>
          <div className="flex min-w-0 flex-col gap-5">
            <ContactStatusCard status={file.status} timeZone={file.timeZone} />
            <PromisesCard file={file} timeZone={file.timeZone} caseId={overview.id} canAct={canAct} />
            <NotesCard file={file} />
          </div>
        </div>
        <LitigationSection ctx={ctx} caseId={overview.id} canAct={canAct} locale={locale} />
        <Timeline
          entries={file.timeline}
          more={file.timelineMore}
          whole={wholeTimeline}
          wholeHref={`/staff/cases/${overview.id}?${new URLSearchParams({ ...(view ? { view } : {}), timeline: 'all' }).toString()}#timeline-heading`}
        />
      </main>
    </ClientMessages>
  );
}
