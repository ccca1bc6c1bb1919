import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, cases, creditors, loans, payments, planInstallments, staffUsers } from '@/db/schema';
import { addDays, addMonths, todayIn, type IsoDate } from '@/lib/domain/dates';
import { fenToDecimal } from '@/lib/domain/money';
import { setLitigationSettings } from '@/lib/server/admin/litigation-settings';
import { createEvidenceBundle } from '@/lib/server/bundle/create-bundle';
import { getCaseOverview } from '@/lib/server/cases/get-case-overview';
import { saveHardshipStep } from '@/lib/server/hardship/save-hardship-step';
import { submitHardship } from '@/lib/server/hardship/submit-hardship';
import { decideNotice } from '@/lib/server/notices/decide-notice';
import { prepareNotice } from '@/lib/server/notices/prepare-notice';
import { closeCase } from '@/lib/server/outcomes/close-case';
import { dispatchOutbox } from '@/lib/server/outbox/dispatch';
import { getStaffPlan } from '@/lib/server/plans/plan-progress';
import { recordPayment } from '@/lib/server/plans/record-payment';
import { trackPlans } from '@/lib/server/plans/track-plans';
import { decideEscalationReview } from '@/lib/server/review/decide-escalation-review';
import { flagEscalationReviews } from '@/lib/server/review/flag-escalation-reviews';
import { HISTORY_STATES, type HistoryState } from './demo';
import { DEMO_CREDITOR_CODE, DEMO_SECOND_CREDITOR_CODE, demoBorrowers, demoLitigation, hardshipStatements } from './demo-data';
import { acceptFirstSuggestion, borrowerCtxOf, countersignAsMediator, signWithTextedCode, staffByEmail, staffCtxOf } from './drive';
import { shanghaiTime } from './loans';
import { Rng } from './random';
import { atMoment } from './seed-clock';

/**
 * How the demo's broken and ended cases (and the statements of hardship) got where they are, lived through the real services and jobs on the seed's
 * clock (seed-clock.ts), every step on the day it happened, all cases' steps in the order of time (a job run is a
 * job run over every case):
 *
 * - breached: a few days after the case opened the borrower accepts a suggested plan and signs with the texted
 *   code; the mediator countersigns the next day (the plan starts). The first installments are paid on time
 *   (recorded by the mediator); the last two due before today are not, and the hourly plan job, run the night
 *   after each grace period, records the misses and then the breach, and the outbox sends what they queued.
 * - plan_active: the same agreement, running: every installment due before today paid on time by the mediator's
 *   records but one, paid a few days after its grace period (the plan job recorded that miss); the plan goes on.
 * - completed: the same agreement, every installment paid on time, and on the planned closing day the borrower pays
 *   what settles the plan early: the plan is paid in full, the certificate issued, the case `completed`.
 * - escalated: the mediator sends the demand letter, then the lawyer's letter a supervisor approves; the mediation
 *   window ends with no agreement; the escalation review job puts the case on the list and
 *   a supervisor escalates it to litigation, claiming what the loan's contract makes enforceable that day, and takes
 *   the evidence bundle for counsel.
 * - closed: the mediator closes the case with its outcome: paid in full (the settlement the creditor received), the
 *   borrower unreachable (long past due), or no agreement. A case whose window ended first was on the review list.
 *
 * - hardship_submitted: the day after the invitation the borrower fills in the statement's steps and submits it (the
 *   system then suggests plans for them, as it does).
 *
 * The seed inserts these cases `negotiating` (hardship_submitted ones `engaged`) (demo.ts), with their planned closing moment in `closed_at`; each is
 * taken from there once (true when any was).
 */
export async function seedCaseHistories(): Promise<boolean> {
  const db = getDb();
  const realNow = new Date();
  const today = todayIn('Asia/Shanghai', realNow);
  const targets = demoBorrowers.flatMap((b) =>
    b.loans.flatMap((l) => (l.case && (HISTORY_STATES as readonly string[]).includes(l.case.state) ? [{ name: b.name, product: l.product, state: l.case.state as HistoryState, settled: l.case.settled === true }] : [])),
  );
  const rows = await db
    .select({ kase: cases, borrower: borrowers, loan: loans, creditorCode: creditors.code })
    .from(cases)
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .innerJoin(loans, eq(loans.id, cases.loanId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(inArray(creditors.code, [DEMO_CREDITOR_CODE, DEMO_SECOND_CREDITOR_CODE]), inArray(cases.state, ['engaged', 'negotiating']), inArray(borrowers.fullName, targets.map((t) => t.name))));

  const rng = new Rng(61_2026);
  const steps: Step[] = [];
  const at = (when: Date, what: string, run: () => Promise<void>) => steps.push({ at: when, what, run });
  const bankSupervisor = await staffByEmail('supervisor@concord.demo').catch(() => null);
  if (!bankSupervisor) return false;
  const centreSupervisor = await staffByEmail('centre.supervisor@concord.demo');

  // A year back, the centre's admin set each creditor's counsel and courts (the lawyer's letter names the counsel).
  const admin = await staffByEmail('admin@concord.demo');
  at(shanghaiTime(addDays(today, -400), 10 * 60), 'litigation settings', async () => {
    const demoCreditors = await db.select().from(creditors).where(inArray(creditors.code, [DEMO_CREDITOR_CODE, DEMO_SECOND_CREDITOR_CODE]));
    for (const creditor of demoCreditors) {
      if (!(creditor.litigation as { counsel?: unknown } | null)?.counsel) await setLitigationSettings(staffCtxOf(admin), creditor.id, demoLitigation[creditor.code as keyof typeof demoLitigation]);
    }
  });

  for (const target of targets) {
    const row = rows.find((r) => r.borrower.fullName === target.name && r.loan.product === target.product && r.kase.state === (target.state === 'hardship_submitted' ? 'engaged' : 'negotiating'));
    if (!row) continue; // already lived through, or no demo data
    const { kase, borrower } = row;
    const [mediator] = await db.select().from(staffUsers).where(eq(staffUsers.id, kase.assigneeId!));
    const mediatorCtx = staffCtxOf(mediator!);
    const borrowerCtx = borrowerCtxOf(borrower.id);
    const openedDate = todayIn('Asia/Shanghai', kase.openedAt);
    const closing = kase.closedAt;
    const minute = () => rng.int(9 * 60, 17 * 60);

    if (target.state === 'hardship_submitted') {
      // The day after the invitation the borrower fills in the statement, step by step, and submits it.
      const written = hardshipStatements[target.name];
      if (!written) throw new Error(`no hardship statement for ${target.name}`);
      at(shanghaiTime(addDays(openedDate, 1), 19 * 60 + rng.int(0, 120)), `${kase.caseNo} hardship statement`, async () => {
        const { sinceMonthsAgo, ...reason } = written.reason;
        const since = addMonths(todayIn('Asia/Shanghai', new Date()), -sinceMonthsAgo).slice(0, 8) + '01';
        let rowVersion: number | null = null;
        const steps = [['household', written.household], ['income', { income: written.income }], ['costs', written.costs], ['debts', { debts: written.debts }], ['reason', { reason: { ...reason, since } }]] as const;
        for (const [step, values] of steps) ({ rowVersion } = await saveHardshipStep(borrowerCtx, { caseId: kase.id, step, values, rowVersion }));
        await submitHardship(borrowerCtx, { caseId: kase.id, rowVersion: rowVersion! });
      });
      continue;
    }

    if (target.state === 'plan_active' || target.state === 'breached' || target.state === 'completed') {
      const acceptAt = shanghaiTime(addDays(openedDate, 3), minute());
      let agreementId = '';
      at(acceptAt, `${kase.caseNo} accepts a plan`, async () => {
        agreementId = await acceptFirstSuggestion(borrowerCtx, kase.id);
      });
      at(new Date(acceptAt.getTime() + 25 * 60_000), `${kase.caseNo} signs`, () => signWithTextedCode(borrowerCtx, agreementId, borrower));
      at(shanghaiTime(addDays(openedDate, 4), 15 * 60 + rng.int(0, 90)), `${kase.caseNo} countersigned`, async () => {
        await countersignAsMediator(mediator!, agreementId, kase.creditorId);
        // The plan is known now: what happens to each of its installments.
        const plan = await db.select().from(planInstallments).where(eq(planInstallments.agreementId, agreementId)).orderBy(asc(planInstallments.dueDate), asc(planInstallments.seq));
        const progress = (await getStaffPlan(mediatorCtx.actor, kase.id))!;
        const agreementDate = progress.agreementDate;
        const judged = (due: IsoDate) => addDays(due, progress.graceDays + 1);
        const pay = (row: (typeof plan)[number], amount: number, day: IsoDate, label: string, when = shanghaiTime(day, 16 * 60 + rng.int(0, 90))) =>
          at(when, `${kase.caseNo} pays ${label}`, async () => {
            await recordPayment(mediatorCtx, kase.id, { amount: fenToDecimal(amount), receivedOn: day, channel: rng.pick(['bank_transfer', 'alipay', 'wechat_pay', 'unionpay'] as const), reference: `${row.agreementId.slice(0, 8).toUpperCase()}-${label}` });
          });
        const payDay = (due: IsoDate) => {
          const day = addDays(due, -rng.int(0, 2));
          return day < agreementDate ? agreementDate : day;
        };
        if (target.state === 'plan_active') {
          // Kept so far: every installment due before today paid, on time but the second, paid a few days after its
          // grace period (the plan job, run the night after, records the miss and reminds the borrower); the next
          // one on time again, so one miss stands alone and the plan runs on.
          const due = plan.filter((r) => r.dueDate < today);
          if (due.filter((r) => judged(r.dueDate) < today).length < 3) throw new Error(`${kase.caseNo}: a running demo plan needs three installments judged before today`);
          const late = due[1]!;
          at(shanghaiTime(judged(late.dueDate), 5), `track plans after ${kase.caseNo} #${late.seq}`, async () => void (await trackPlans(new Date())));
          at(shanghaiTime(judged(late.dueDate), 8 * 60 + 1), 'the outbox at 08:00', async () => {});
          for (const r of due) pay(r, r.amount, r === late ? addDays(judged(r.dueDate), rng.int(1, 4)) : payDay(r.dueDate), `P${r.seq}`);
        } else if (target.state === 'breached') {
          const due = plan.filter((r) => judged(r.dueDate) < today);
          if (due.length < 2) throw new Error(`${kase.caseNo}: a breached demo case needs two installments judged before today`);
          const missed = due.slice(-2);
          for (const r of due.slice(0, -2)) pay(r, r.amount, payDay(r.dueDate), `P${r.seq}`);
          // The hourly job's runs just after each missed installment's grace period; the notices go at 08:00.
          for (const r of missed) {
            at(shanghaiTime(judged(r.dueDate), 5), `track plans after ${kase.caseNo} #${r.seq}`, async () => void (await trackPlans(new Date())));
            at(shanghaiTime(judged(r.dueDate), 8 * 60 + 1), 'the outbox at 08:00', async () => {});
          }
        } else {
          const closedDate = todayIn('Asia/Shanghai', closing!);
          for (const r of plan.filter((p) => p.dueDate < closedDate)) pay(r, r.amount, payDay(r.dueDate), `P${r.seq}`);
          at(closing!, `${kase.caseNo} settles early`, async () => {
            const left = (await getStaffPlan(mediatorCtx.actor, kase.id))!;
            if (left.status === 'completed' || left.totals.settleToday <= 0) return;
            await recordPayment(mediatorCtx, kase.id, { amount: fenToDecimal(left.totals.settleToday), receivedOn: left.today, channel: 'bank_transfer', reference: `${agreementId.slice(0, 8).toUpperCase()}-SETTLE` });
          });
        }
      });
      continue;
    }

    // Escalated and closed: the window's end puts an undecided case on the review list (the job runs every 10 minutes).
    const flagAt = new Date(kase.mediationDeadline.getTime() + 10 * 60_000);
    if (flagAt < closing!) at(flagAt, `review list (${kase.caseNo}'s window ends)`, async () => void (await flagEscalationReviews(new Date())));
    if (target.state === 'escalated') {
      const supervisor = row.creditorCode === DEMO_CREDITOR_CODE ? bankSupervisor : centreSupervisor;
      // The creditor's notices while the window runs: the demand letter by post, then the lawyer's letter a supervisor
      // approves (the sequence's days apart); the borrower still does not come to terms.
      let letter: 'sent' | 'blocked' | 'pending_approval' = 'blocked';
      at(shanghaiTime(addDays(openedDate, 10), 10 * 60 + rng.int(0, 90)), `${kase.caseNo} demand letter`, async () => {
        ({ status: letter } = await prepareNotice(mediatorCtx, kase.id, { kind: 'collection_letter', channel: 'letter' }, new Date()));
      });
      let lawyers = '';
      at(shanghaiTime(addDays(openedDate, 26), 10 * 60 + rng.int(0, 60)), `${kase.caseNo} lawyer's letter`, async () => {
        if (letter === 'sent') ({ noticeId: lawyers } = await prepareNotice(mediatorCtx, kase.id, { kind: 'lawyers_letter', channel: 'letter' }, new Date()));
      });
      at(shanghaiTime(addDays(openedDate, 26), 15 * 60 + rng.int(0, 60)), `${kase.caseNo} lawyer's letter approved`, async () => {
        if (lawyers) await decideNotice(staffCtxOf(supervisor), lawyers, { decision: 'approve', note: '借款人收到催收函后仍未联系，同意发送律师函。' }, new Date());
      });
      at(closing!, `${kase.caseNo} escalated`, async () => {
        const overview = await getCaseOverview(borrowerCtx.actor, kase.id);
        await decideEscalationReview(staffCtxOf(supervisor), kase.id, {
          decision: 'escalate',
          input: { amountClaimed: fenToDecimal(overview.arrears.totals.enforceableTotalToSettle), note: '调解期满未达成协议，借款人未提出可行的还款方案，移交诉讼。' },
        }, { now: new Date() });
        // The supervisor takes the evidence bundle for the creditor's counsel, as a supervisor escalating does: it is
        // recorded on the case file (its manifest checkable at /verify), and a newer one is a click away.
        const bundle = await createEvidenceBundle(staffCtxOf(supervisor), kase.id, { now: new Date() });
        await pipeline(bundle.stream, new Writable({ write: (_chunk, _encoding, done) => done() }));
      });
    } else {
      at(closing!, `${kase.caseNo} closed`, async () => {
        const [settlement] = await db.select({ amount: payments.amount }).from(payments).where(and(eq(payments.loanId, kase.loanId), like(payments.reference, '%-PSETTLE')));
        const input = settlement
          ? { outcome: 'paid_in_full' as const, amountRecovered: fenToDecimal(settlement.amount), note: '借款人一次性结清全部欠款，我行已确认到账。' }
          : kase.dpdAtOpen > 90
            ? { outcome: 'borrower_unreachable' as const, note: '多次电话、短信联系未果，预留地址信函退回。' }
            : { outcome: 'no_agreement' as const, note: '借款人表示将自行与我行协商处理，不再通过平台调解。' };
        await closeCase(mediatorCtx, kase.id, input, { now: new Date() });
      });
    }
  }

  if (steps.length <= 1) return false; // nothing but the settings: already lived through, or no demo data
  // Run in the order of time; a step may add later ones (the plan's installments once it starts).
  let last = 0;
  while (steps.length) {
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    const step = steps.shift()!;
    const when = new Date(Math.max(step.at.getTime(), last));
    if (when.getTime() > realNow.getTime()) throw new Error(`demo history step in the future: ${step.what}`);
    await atMoment(db, when, async () => {
      await step.run();
      // What the step queued goes out as the dispatcher would send it then (or waits for the hours).
      await dispatchOutbox(db, { now: new Date() });
    });
    last = when.getTime();
  }
  return true;
}

type Step = { at: Date; what: string; run: () => Promise<void> };
