import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, auditEvents, borrowers, caseFacts, caseOutcomes, cases, creditors, contactRecords, loans, notifications, payments, planDelays, planDocumentWithdrawals, planDocuments, planInstallments } from '@/db/schema';
import { addDays, todayIn } from '@/lib/domain/dates';
import { parsePolicy } from '@/lib/domain/policy';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { makeExecutedPlan } from '@/lib/testing/plans';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Ctx } from '../actor';
import { countersign } from '../agreements/countersign';
import { grantSealAuthorisation } from '../agreements/seal-authorisation';
import { ensureUnsignedDocument } from '../agreements/prepare-document';
import { requestSigningCode } from '../agreements/request-signing-code';
import { signAsBorrower } from '../agreements/sign-as-borrower';
import { verifyAgreementCode, verifyAgreementFile } from '../agreements/verify-agreement';
import { getLoanDetail } from '../loans/get-loan-detail';
import { acceptOffer } from '../offers/accept-offer';
import { loadOfferContext } from '../offers/offer-context';
import { proposeOffer } from '../offers/propose-offer';
import { flagEscalationReviews } from '../review/flag-escalation-reviews';
import { recordContact } from '../contacts/record-contact';
import { listQueue } from '../queue/list-queue';
import { parseQueueParams } from '@/lib/validation/queue';
import { requestSuggestions } from '../offers/suggest-offers';
import { dispatchOutbox } from '../outbox/dispatch';
import { confirmPaymentImport, previewPaymentImport } from './import-payments';
import { loadPlanOfCase, planState } from './load-plan';
import { getPlanProgress, getStaffPlan } from './plan-progress';
import { readPlanDocument } from './read-plan-document';
import { recordPayment } from './record-payment';
import { recordRefund } from './record-refund';
import { confirmDelay, getDelayOptions } from './request-delay';
import { reversePayment } from './reverse-payment';
import { getPaymentAccount, setPaymentAccount } from './set-payment-account';
import { trackPlans } from './track-plans';

let test: TestDatabase;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-plan-'));
beforeAll(async () => {
  process.env.DATA_DIR = dataDir; // the demo signing identity is generated here
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const meta = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (Linux; Android 13) Mobile' };
/** The controllable clock: a moment of a day in Beijing. */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
const staffCtx = (s: { id: string; role: 'mediator' | 'supervisor' | 'admin'; creditorId: string | null }): Ctx => ({ actor: { type: 'staff', id: s.id, role: s.role, creditorId: s.creditorId }, meta });
const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

async function rows(agreementId: string) {
  return test.db.select().from(planInstallments).where(eq(planInstallments.agreementId, agreementId)).orderBy(asc(planInstallments.dueDate), asc(planInstallments.seq));
}
async function auditActions(agreementId: string) {
  return (await test.db.select({ action: auditEvents.action, data: auditEvents.data }).from(auditEvents).where(and(eq(auditEvents.entityType, 'agreement'), eq(auditEvents.entityId, agreementId))).orderBy(asc(auditEvents.seq))).map((e) => e.action);
}
async function messagesTo(borrowerId: string, template: string) {
  return test.db.select().from(notifications).where(and(eq(notifications.recipientId, borrowerId), eq(notifications.template, template)));
}

describe('the plan lifecycle, on a controllable clock', () => {
  it('signed and countersigned; a miss found and withdrawn by a back-dated payment; the one-time delay; paid to the end; the certificate verifies', async () => {
    const creditor = await makeCreditor(test.db);
    const mediator = await makeStaff(test.db, creditor.id, 'mediator', 'mediator password');
    const borrower = await makeBorrower(test.db, { fullName: '周立' });
    const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id, mediator.id);
    const borrowerCtx: Ctx = { actor: { type: 'borrower', id: borrower.id }, meta };
    const mediatorCtx = staffCtx(mediator);
    // The creditor's seal is applied at countersigning under the authorisation its admin granted.
    const admin = await makeStaff(test.db, creditor.id, 'admin');
    await grantSealAuthorisation(staffCtx({ ...admin, role: 'admin' }), { creditorId: creditor.id, signatory: '法定代表人 陈立新' });
    const { offerIds } = await requestSuggestions(borrowerCtx, kase.id);
    await acceptOffer(borrowerCtx, offerIds[0]);
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.caseId, kase.id));
    await ensureUnsignedDocument(borrowerCtx, agreement!.id);
    await requestSigningCode(borrowerCtx, agreement!.id);
    const [code] = await test.db.select().from(notifications).where(and(eq(notifications.toAddress, borrower.phone), eq(notifications.template, 'signCode'))).orderBy(desc(notifications.createdAt)).limit(1);
    await signAsBorrower(borrowerCtx, agreement!.id, { consent: true, code: /\d{6}/.exec(code!.body)![0], typedName: '周立' });
    await countersign(mediatorCtx, agreement!.id, { password: 'mediator password' });

    // The plan started at countersigning: the schedule's rows, carried charges apart from the plan's interest.
    const plan = await rows(agreement!.id);
    expect(plan.length).toBeGreaterThanOrEqual(2);
    expect(plan.every((r) => r.amount === r.principal + r.interest + r.charges && r.status === 'scheduled')).toBe(true);
    const [first, second] = plan as [(typeof plan)[0], (typeof plan)[0]];
    expect((await test.db.select().from(cases).where(eq(cases.id, kase.id)))[0]!.state).toBe('plan_active');

    // Past the first installment's grace period with nothing paid: the job records the miss once and reminds the borrower.
    const graceDays = 3;
    const afterGrace = at(addDays(first.dueDate, graceDays + 1));
    expect(await trackPlans(afterGrace)).toMatchObject({ missed: 1, breached: 0 });
    expect(await trackPlans(afterGrace)).toMatchObject({ missed: 0 });
    expect((await rows(agreement!.id))[0]).toMatchObject({ status: 'missed' });
    expect(await messagesTo(borrower.id, 'planInstallmentMissed')).toHaveLength(2); // in-app and SMS (10:00, allowed)
    const progress = (await getPlanProgress(borrowerCtx.actor, kase.id, afterGrace))!;
    expect(progress.installments[0]).toMatchObject({ state: 'missed', outstanding: first.amount });
    expect(progress.totals.overdue).toBe(first.amount);

    // The payment was made on the due date but recorded late: the miss is withdrawn, and audited.
    await recordPayment(mediatorCtx, kase.id, { amount: yuan(first.amount), receivedOn: first.dueDate, channel: 'bank_transfer', reference: `BANK-${kase.caseNo}-1` }, afterGrace);
    expect((await rows(agreement!.id))[0]).toMatchObject({ status: 'paid', paidAmount: first.amount, paidOn: first.dueDate, missedAt: null });
    expect(await auditActions(agreement!.id)).toEqual(expect.arrayContaining(['plan.installment_missed', 'plan.payment_recorded', 'plan.miss_withdrawn']));

    // The one-time delay: its effect shown first, then taken; the schedule, a sealed addendum and the audit log reflect it.
    const beforeSecond = at(addDays(second.dueDate, -2));
    const options = await getDelayOptions(borrowerCtx.actor, kase.id, 14, beforeSecond);
    expect(options).toMatchObject({ available: true, window: { seq: second.seq, from: second.dueDate, maxDays: 14 }, effect: { to: addDays(second.dueDate, 14), outstanding: second.amount } });
    const { addendumId } = await confirmDelay(borrowerCtx, kase.id, { days: 14 }, beforeSecond);
    const moved = (await rows(agreement!.id)).find((r) => r.seq === second.seq)!;
    expect(moved).toMatchObject({ dueDate: addDays(second.dueDate, 14), originalDueDate: second.dueDate });
    expect(await auditActions(agreement!.id)).toContain('plan.delayed');
    const addendum = await readPlanDocument(borrowerCtx, addendumId);
    expect(await verifyAgreementFile(meta, addendum.bytes)).toMatchObject({ verdict: 'authentic', document: { kind: 'delay_addendum' } });
    // A second request is refused with the reason, and the database holds one delay.
    await expect(confirmDelay(borrowerCtx, kase.id, { days: 3 }, beforeSecond)).rejects.toMatchObject({ code: 'CONFLICT', message: 'validation.delay.used' });
    expect(await getDelayOptions(borrowerCtx.actor, kase.id, undefined, beforeSecond)).toMatchObject({ available: false, reason: 'delay.used', used: { days: 14 } });
    expect(await test.db.select().from(planDelays).where(eq(planDelays.agreementId, agreement!.id))).toHaveLength(1);

    // Paid on the new date (after the original one plus its grace): not missed.
    await recordPayment(mediatorCtx, kase.id, { amount: yuan(second.amount), receivedOn: moved.dueDate, channel: 'alipay', reference: `ALI-${kase.caseNo}-2` }, at(moved.dueDate));
    expect(await trackPlans(at(addDays(moved.dueDate, 5)))).toMatchObject({ missed: 0, breached: 0 });

    // The rest, each on its due date; the last payment closes the plan and the case, "paid in full", with the certificate.
    const rest = (await rows(agreement!.id)).filter((r) => r.status !== 'paid');
    for (const [i, row] of rest.entries()) {
      await recordPayment(mediatorCtx, kase.id, { amount: yuan(row.amount), receivedOn: row.dueDate, channel: 'bank_transfer', reference: `BANK-${kase.caseNo}-R${i}` }, at(row.dueDate, '16:00'));
    }
    const [done] = await test.db.select().from(agreements).where(eq(agreements.id, agreement!.id));
    expect(done!.planCompletedAt).not.toBeNull();
    expect(done!.planBreachedAt).toBeNull();
    const [closed] = await test.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(closed).toMatchObject({ state: 'completed' });
    expect(closed!.closedAt).not.toBeNull();
    const total = plan.reduce((s, r) => s + r.amount, 0);
    // Recorded through the outcome service: "paid in full" replaces "agreement signed" (kept on record as superseded).
    const outcomes = await test.db.select({ outcome: caseOutcomes.outcome, recovered: caseOutcomes.amountRecovered, superseded: caseOutcomes.supersededAt, to: caseOutcomes.toState }).from(caseOutcomes).where(eq(caseOutcomes.caseId, kase.id));
    expect(outcomes.filter((o) => o.superseded === null)).toEqual([{ outcome: 'paid_in_full', recovered: total, superseded: null, to: 'completed' }]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['agreement_signed', 'paid_in_full']);
    const finalProgress = (await getPlanProgress(borrowerCtx.actor, kase.id, at(rest.at(-1)!.dueDate, '17:00')))!;
    expect(finalProgress).toMatchObject({ status: 'completed', totals: { paid: total, remaining: 0, excess: 0 } });
    const certificate = finalProgress.documents.find((d) => d.kind === 'settlement_certificate')!;
    const file = await readPlanDocument(borrowerCtx, certificate.id);
    expect(await verifyAgreementFile(meta, file.bytes)).toMatchObject({ verdict: 'authentic', document: { kind: 'settlement_certificate', documentNo: certificate.documentNo } });
    expect(await verifyAgreementCode(meta, certificate.verificationCode)).toMatchObject({ verdict: 'code_found', document: { kind: 'settlement_certificate' } });
    const altered = Buffer.from(file.bytes);
    altered[Math.floor(altered.length / 2)]! ^= 1;
    expect(await verifyAgreementFile(meta, altered)).toMatchObject({ verdict: 'altered' });
    expect(await messagesTo(borrower.id, 'planCompleted')).not.toHaveLength(0);
    // The job leaves a finished plan alone.
    expect(await trackPlans(at(addDays(rest.at(-1)!.dueDate, 60)))).toMatchObject({ missed: 0, breached: 0 });
  }, 120_000); // it renders and seals four PDFs (the agreement three times, the addendum, the certificate)

  it('two missed installments in a row are a breach: marked once, the case reopened, both sides told by a mandatory notice that obeys the hours; a back-dated payment withdraws it', async () => {
    const s = await makeExecutedPlan(test.db, { fullName: '吴敏' });
    // The borrower opted out of texts: a mandatory notice still goes, but never at night.
    await test.db.update(borrowers).set({ contactPreferences: { optOut: { sms: true } } }).where(eq(borrowers.id, s.borrower.id));
    const [first, second] = (await rows(s.agreementId)) as [(typeof planInstallments.$inferSelect), (typeof planInstallments.$inferSelect)];
    const breachDay = addDays(second.dueDate, 4);

    expect(await trackPlans(at(addDays(first.dueDate, 4)))).toMatchObject({ missed: 1, breached: 0 });
    // The night after the second grace period: the breach is found, the text held back by the hours.
    expect(await trackPlans(at(breachDay, '03:00'))).toMatchObject({ missed: 1, breached: 1 });
    expect(await trackPlans(at(breachDay, '10:00'))).toMatchObject({ breached: 0 });
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId));
    expect(agreement!.planBreachedAt).not.toBeNull();
    expect((await test.db.select().from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('breached');
    // The dispatcher decides the text when it would send it (ADR 0015): at 03:00 the hours hold it until the window opens.
    await dispatchOutbox(test.db, { now: at(breachDay, '03:00') });
    const notices = await messagesTo(s.borrower.id, 'planBreached');
    expect(notices.map((n) => `${n.channel}:${n.status}`).sort()).toEqual(['in_app:sent', 'sms:pending']);
    const text = notices.find((n) => n.channel === 'sms')!;
    expect(text).toMatchObject({ deferredBy: 'contact.hours', deferrals: 1 });
    expect(text.scheduledAt.getTime()).toBe(at(breachDay, '08:00').getTime());
    const [blocked] = await test.db.select().from(contactRecords).where(and(eq(contactRecords.caseId, s.kase.id), eq(contactRecords.note, 'planBreached')));
    expect(blocked).toMatchObject({ outcome: 'blocked', blockedRule: 'contact.hours' });
    expect(notices.find((n) => n.channel === 'in_app')!.body).toMatch(/已终止/);
    const staffNotice = await test.db.select().from(notifications).where(and(eq(notifications.recipientId, s.mediator.id), eq(notifications.template, 'planBreached')));
    expect(staffNotice).toHaveLength(1);
    expect(await auditActions(s.agreementId)).toEqual(expect.arrayContaining(['plan.installment_missed', 'plan.breached']));
    const staffView = (await getStaffPlan(staffCtx({ ...s.mediator, role: 'mediator', creditorId: s.creditor.id }).actor, s.kase.id, at(breachDay)))!;
    expect(staffView.status).toBe('breached');
    expect(staffView.breach).toMatchObject({ waiver: expect.stringMatching(/lost|kept|none/) });
    if (staffView.breach!.waiver === 'lost') expect(staffView.breach!.owedUnderContract).toBeGreaterThan(0);
    expect(staffView.activity.some((a) => a.what === 'planBreached' && a.channel === 'sms' && a.status === 'deferred' && a.blockedRule === 'contact.hours')).toBe(true);
    // Sent when the hours open, it is listed at 08:00, when it went: not at 03:00, when it was written (it read as a
    // text sent in the night).
    await dispatchOutbox(test.db, { now: at(breachDay, '08:00') });
    const morning = (await getStaffPlan(staffCtx({ ...s.mediator, role: 'mediator', creditorId: s.creditor.id }).actor, s.kase.id, at(breachDay, '09:00')))!;
    expect(morning.activity.find((a) => a.what === 'planBreached' && a.channel === 'sms')).toMatchObject({ status: 'sent', at: at(breachDay, '08:00').toISOString() });

    // The mediator's queue: the broken plan is the case's next action, pending since it broke, at the top (priority 0);
    // the mediation deadline, long passed with the agreement signed, is neither the next action nor flagged as passed.
    const mediatorActor = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id }).actor;
    const queueRow = async (query: string, when: Date) => (await listQueue(mediatorActor, parseQueueParams(new URLSearchParams(query)), when)).rows.find((r) => r.id === s.kase.id);
    const [broken] = await test.db.select().from(cases).where(eq(cases.id, s.kase.id));
    expect(broken).toMatchObject({ nextAction: 'plan_breached', nextActionAt: agreement!.planBreachedAt, priority: 0 });
    expect(broken!.mediationDeadline.getTime()).toBeLessThan(at(breachDay).getTime());
    expect(await queueRow('', at(breachDay, '10:30'))).toMatchObject({ nextAction: 'plan_breached', nextActionSince: true, nextActionAt: agreement!.planBreachedAt!.toISOString(), nextActionDue: false, deadlineStatus: null });
    expect(await queueRow('deadline=passed', at(breachDay, '10:30'))).toBeUndefined();
    // Once the mediator has reached the borrower, the case is followed up a week later, unless something is due sooner.
    await recordContact(staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id }), { caseId: s.kase.id, channel: 'phone', direction: 'outbound', party: 'borrower', result: 'reached', note: '谈违约后的安排' }, at(breachDay, '10:30'));
    expect(await queueRow('', at(breachDay, '10:31'))).toMatchObject({ nextAction: 'follow_up', nextActionAt: at(addDays(breachDay, 7), '10:30').toISOString(), nextActionSince: false, nextActionDue: false });
    expect((await test.db.select({ priority: cases.priority }).from(cases).where(eq(cases.id, s.kase.id)))[0]!.priority).toBe(1);

    // The first installment had in fact been paid on its due date: recorded late, the breach is withdrawn.
    const mediatorCtx = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id });
    await recordPayment(mediatorCtx, s.kase.id, { amount: yuan(first.amount), receivedOn: first.dueDate, channel: 'wechat_pay', reference: `WX-${s.kase.caseNo}` }, at(breachDay, '11:00'));
    expect((await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId)))[0]!.planBreachedAt).toBeNull();
    expect((await test.db.select().from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('plan_active');
    expect(await auditActions(s.agreementId)).toEqual(expect.arrayContaining(['plan.miss_withdrawn', 'plan.breach_withdrawn']));
    expect(await messagesTo(s.borrower.id, 'planBreachWithdrawn')).not.toHaveLength(0);
  });

  it('a broken plan renegotiated is a new round of mediation: the policy window from now, not the deadline that passed before the signing', async () => {
    const s = await makeExecutedPlan(test.db, { fullName: '郑伟东' });
    // This lender mediates for 20 days.
    await test.db.update(creditors).set({ policy: { ...parsePolicy(s.creditor.policy), mediationWindowDays: 20 } }).where(eq(creditors.id, s.creditor.id));
    // The mediation had ended, with the agreement, long before the plan broke.
    const passed = new Date(Date.now() - 120 * 86_400_000);
    await test.db.update(cases).set({ mediationDeadline: passed }).where(eq(cases.id, s.kase.id));
    const [first, second] = (await rows(s.agreementId)) as [(typeof planInstallments.$inferSelect), (typeof planInstallments.$inferSelect)];
    expect(await trackPlans(at(addDays(first.dueDate, 4)))).toMatchObject({ missed: 1 });
    expect(await trackPlans(at(addDays(second.dueDate, 4)))).toMatchObject({ breached: 1 });
    const [breached] = await test.db.select().from(cases).where(eq(cases.id, s.kase.id));
    expect(breached!.state).toBe('breached');

    // The borrower proposes a new plan.
    const before = Date.now();
    await proposeOffer(s.borrowerCtx, { caseId: s.kase.id, terms: { installments: { months: 24, method: 'equal_installment', downPayment: 0, firstDueDate: addDays(todayIn('Asia/Shanghai'), 15) } } });
    const after = Date.now();
    const [renegotiating] = await test.db.select().from(cases).where(eq(cases.id, s.kase.id));
    expect(renegotiating!.state).toBe('negotiating');
    const windowMs = 20 * 86_400_000;
    expect(renegotiating!.mediationDeadline.getTime()).toBeGreaterThanOrEqual(before + windowMs);
    expect(renegotiating!.mediationDeadline.getTime()).toBeLessThanOrEqual(after + windowMs);
    expect(renegotiating!.escalationReviewSince).toBeNull();
    const [moved] = await test.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'case'), eq(auditEvents.entityId, s.kase.id), eq(auditEvents.action, 'case.state_changed')))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(moved!.data).toEqual({ from: 'breached', to: 'negotiating', mediationDeadline: renegotiating!.mediationDeadline.toISOString() });

    // Not on the escalation review list now; it joins it when the new window ends without an agreement.
    await flagEscalationReviews(new Date(after + 1000));
    expect((await test.db.select({ since: cases.escalationReviewSince }).from(cases).where(eq(cases.id, s.kase.id)))[0]!.since).toBeNull();
    await flagEscalationReviews(new Date(renegotiating!.mediationDeadline.getTime() + 1000));
    expect((await test.db.select({ since: cases.escalationReviewSince }).from(cases).where(eq(cases.id, s.kase.id)))[0]!.since).not.toBeNull();
  });

  it('a broken plan ends its extension: the loan is under its contract again (its maturity, no months extended), a new offer is measured from it, and a withdrawn breach puts the agreement’s back', async () => {
    const s = await makeExecutedPlan(test.db, { fullName: '钱展期', extension: true });
    const months = s.snapshot.terms.extensionMonths!;
    const contractMaturity = s.snapshot.loan.maturityDate;
    const extendedMaturity = s.snapshot.priced.newMaturityDate!;
    expect(months).toBeGreaterThan(0);
    expect(extendedMaturity > contractMaturity).toBe(true);
    const loanRow = async () => (await test.db.select({ status: loans.status, maturityDate: loans.maturityDate, extendedMonths: loans.extendedMonths }).from(loans).where(eq(loans.id, s.loan.id)))[0];
    expect(await loanRow()).toEqual({ status: 'restructured', maturityDate: extendedMaturity, extendedMonths: months });

    const [first, second] = (await rows(s.agreementId)) as [(typeof planInstallments.$inferSelect), (typeof planInstallments.$inferSelect)];
    await trackPlans(at(addDays(first.dueDate, 4)));
    const breachDay = addDays(second.dueDate, 4);
    expect(await trackPlans(at(breachDay))).toMatchObject({ breached: 1 });
    // The arrears are the contract's again, and so is the maturity the borrower reads beside them: the last due date of
    // the contract's schedule (it read the agreement's, years after that schedule ends).
    expect(await loanRow()).toEqual({ status: 'delinquent', maturityDate: contractMaturity, extendedMonths: 0 });
    const detail = await getLoanDetail(s.borrowerCtx.actor, s.loan.id);
    expect(detail.maturityDate).toBe(contractMaturity);
    expect(detail.schedule.at(-1)!.dueDate).toBe(contractMaturity);
    const [kase] = await test.db.select().from(cases).where(eq(cases.id, s.kase.id));
    const context = await loadOfferContext(test.db, kase!);
    expect(context.loan).toMatchObject({ maturityDate: contractMaturity, extendedMonths: 0 });
    expect(await auditActions(s.agreementId)).toContain('plan.breached');

    // The first installment had been paid on its due date after all: the agreement is in force again, and so is its extension.
    const mediatorCtx = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id });
    await recordPayment(mediatorCtx, s.kase.id, { amount: yuan(first.amount), receivedOn: first.dueDate, channel: 'bank_transfer', reference: `BT-${s.kase.caseNo}` }, at(breachDay, '11:00'));
    expect((await test.db.select({ state: cases.state }).from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('plan_active');
    expect(await loanRow()).toEqual({ status: 'restructured', maturityDate: extendedMaturity, extendedMonths: months });
  });

  it('a broken plan renegotiated to a new agreement: signed and countersigned, the new plan is the one tracked, and the broken one stays on record, ended', async () => {
    const creditor = await makeCreditor(test.db);
    const admin = await makeStaff(test.db, creditor.id, 'admin');
    await grantSealAuthorisation(staffCtx({ ...admin, role: 'admin' }), { creditorId: creditor.id, signatory: '法定代表人 陈立新' });
    const s = await makeExecutedPlan(test.db, { fullName: '谢晓红', creditorId: creditor.id });
    const mediatorCtx = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: creditor.id });
    const [first, second] = (await rows(s.agreementId)) as [(typeof planInstallments.$inferSelect), (typeof planInstallments.$inferSelect)];
    await trackPlans(at(addDays(first.dueDate, 4)));
    expect(await trackPlans(at(addDays(second.dueDate, 4)))).toMatchObject({ breached: 1 });

    // The borrower proposes a new plan; the mediator accepts it; she signs, he countersigns.
    const { offerId } = await proposeOffer(s.borrowerCtx, { caseId: s.kase.id, terms: { installments: { months: 24, method: 'equal_installment', downPayment: 0, firstDueDate: addDays(todayIn('Asia/Shanghai'), 15) } } });
    await acceptOffer(mediatorCtx, offerId);
    const [renewed] = await test.db.select().from(agreements).where(and(eq(agreements.caseId, s.kase.id), eq(agreements.status, 'awaiting_borrower')));
    expect(renewed!.agreementNo).toBe(`${s.kase.caseNo}-A2`);
    await ensureUnsignedDocument(s.borrowerCtx, renewed!.id);
    await requestSigningCode(s.borrowerCtx, renewed!.id);
    const [code] = await test.db.select().from(notifications).where(and(eq(notifications.toAddress, s.borrower.phone), eq(notifications.template, 'signCode'))).orderBy(desc(notifications.createdAt)).limit(1);
    await signAsBorrower(s.borrowerCtx, renewed!.id, { consent: true, code: /\d{6}/.exec(code!.body)![0], typedName: '谢晓红' });
    await countersign(mediatorCtx, renewed!.id, { password: 'correct horse battery' });

    // The case runs the new plan: both sides see it, and the queue no longer asks to contact her about the broken one.
    const [kase] = await test.db.select().from(cases).where(eq(cases.id, s.kase.id));
    expect(kase!.state).toBe('plan_active');
    expect(kase!.nextAction).not.toBe('plan_breached');
    const progress = (await getPlanProgress(s.borrowerCtx.actor, s.kase.id))!;
    expect(progress).toMatchObject({ agreementId: renewed!.id, agreementNo: `${s.kase.caseNo}-A2`, status: 'active', breach: null, consecutiveMisses: 0 });
    expect(progress.installments).toHaveLength(24);
    expect(progress.installments.every((i) => i.paid === 0)).toBe(true);
    expect((await getStaffPlan(mediatorCtx.actor, s.kase.id))!.agreementId).toBe(renewed!.id);
    // The broken agreement stays on record as it ended: executed, broken, its installments as they were.
    const [old] = await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId));
    expect(old).toMatchObject({ status: 'executed' });
    expect(old!.planBreachedAt).not.toBeNull();
    const oldRows = await rows(s.agreementId);
    // The daily job judges the new plan, not the old one again.
    expect(await trackPlans(new Date())).toMatchObject({ breached: 0 });
    expect(await rows(s.agreementId)).toEqual(oldRows);
    expect((await test.db.select({ state: cases.state }).from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('plan_active');
  });

  it('payments: a duplicate reference is refused, an overpayment kept as excess for a refund, a correction reverses with a reason and never edits', async () => {
    const s = await makeExecutedPlan(test.db);
    const mediatorCtx = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id });
    const plan = await rows(s.agreementId);
    const total = plan.reduce((sum, r) => sum + r.amount, 0);
    const first = plan[0]!;
    const on = at(first.dueDate);
    const { paymentId } = await recordPayment(mediatorCtx, s.kase.id, { amount: yuan(first.amount), receivedOn: first.dueDate, channel: 'bank_transfer', reference: `DUP-${s.kase.caseNo}` }, on);
    await expect(recordPayment(mediatorCtx, s.kase.id, { amount: '1.00', receivedOn: first.dueDate, channel: 'bank_transfer', reference: `DUP-${s.kase.caseNo}` }, on)).rejects.toMatchObject({ code: 'REFERENCE_USED', field: 'reference' });
    await expect(recordPayment(mediatorCtx, s.kase.id, { amount: '1.00', receivedOn: addDays(first.dueDate, 1), channel: 'cash', reference: 'FUTURE-1' }, on)).rejects.toMatchObject({ name: 'ZodError' });

    // Everything at once, and 100.00 more: the plan is paid (early settlement cancels future interest) and the rest is excess.
    const staffBefore = (await getStaffPlan(mediatorCtx.actor, s.kase.id, on))!;
    const settle = staffBefore.totals.settleToday;
    const over = { amount: yuan(settle + 10_000), receivedOn: first.dueDate, channel: 'bank_transfer', reference: `OVER-${s.kase.caseNo}` };
    // Above everything owed, it is recorded only when confirmed (a typo would settle the plan and close the case): refused
    // first, and nothing of it stays, not the payment, the certificate, the case's end or a message.
    const paymentsBefore = (await test.db.select().from(payments).where(eq(payments.loanId, s.loan.id))).length;
    const messagesBefore = (await test.db.select().from(notifications).where(eq(notifications.caseId, s.kase.id))).length;
    await expect(recordPayment(mediatorCtx, s.kase.id, over, on)).rejects.toMatchObject({ code: 'VALIDATION', field: 'amount', message: 'validation.paymentAboveBalance' });
    expect(await test.db.select().from(payments).where(eq(payments.loanId, s.loan.id))).toHaveLength(paymentsBefore);
    expect(await test.db.select().from(notifications).where(eq(notifications.caseId, s.kase.id))).toHaveLength(messagesBefore);
    expect((await test.db.select({ state: cases.state }).from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('plan_active');
    const result = await recordPayment(mediatorCtx, s.kase.id, { ...over, confirmExcess: true }, on);
    expect(result).toMatchObject({ excess: 10_000, completed: true });
    const after = (await getStaffPlan(mediatorCtx.actor, s.kase.id, on))!;
    expect(after.totals).toMatchObject({ remaining: 0, excess: 10_000, excessLeft: 10_000 });
    expect(after.totals.paid + after.totals.interestCancelled).toBe(total);
    const overPayment = after.payments.find((p) => p.reference === `OVER-${s.kase.caseNo}`)!;
    expect(overPayment.allocations.reduce((sum, a) => sum + a.total, 0) + overPayment.excess).toBe(settle + 10_000);

    // The refund decision: at most the excess.
    await expect(recordRefund(mediatorCtx, s.kase.id, { amount: '100.01', refundedOn: first.dueDate, reference: `RF-${s.kase.caseNo}` }, on)).rejects.toMatchObject({ code: 'REFUND_TOO_LARGE' });
    const recovered = async () => (await test.db.select({ recovered: caseFacts.recovered }).from(caseFacts).where(eq(caseFacts.caseId, s.kase.id)))[0]!.recovered;
    expect(await recovered()).toBe(first.amount + settle + 10_000);
    expect(await recordRefund(mediatorCtx, s.kase.id, { amount: '60.00', refundedOn: first.dueDate, reference: `RF-${s.kase.caseNo}` }, on)).toEqual({ excessLeft: 4_000 });
    // What was refunded is not recovered (the dashboard's case_facts).
    expect(await recovered()).toBe(first.amount + settle + 4_000);

    // Reversing the first payment would leave part of the refund no excess at all: refused. Direct edits are refused by the database.
    await expect(reversePayment(mediatorCtx, s.kase.id, { paymentId, reason: 'bounced transfer' }, on)).rejects.toMatchObject({ code: 'PLAN_CLOSED', params: { reason: 'refunded' } });
    await expect(test.db.update(payments).set({ amount: 1 }).where(eq(payments.id, paymentId))).rejects.toThrow();
    await expect(test.db.delete(payments).where(eq(payments.id, paymentId))).rejects.toThrow();
    await expect(reversePayment(mediatorCtx, s.kase.id, { paymentId, reason: 'no' }, on)).rejects.toMatchObject({ name: 'ZodError' });
  });

  it('a reversal with a reason: the plan is tracked again without the payment, and a second reversal is refused', async () => {
    const s = await makeExecutedPlan(test.db);
    const mediatorCtx = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id });
    const [first] = await rows(s.agreementId);
    const { paymentId } = await recordPayment(mediatorCtx, s.kase.id, { amount: yuan(first!.amount), receivedOn: first!.dueDate, channel: 'bank_transfer', reference: `BNC-${s.kase.caseNo}` }, at(first!.dueDate));
    const recovered = async () => (await test.db.select({ recovered: caseFacts.recovered }).from(caseFacts).where(eq(caseFacts.caseId, s.kase.id)))[0]!.recovered;
    expect(await recovered()).toBe(first!.amount);
    await reversePayment(mediatorCtx, s.kase.id, { paymentId, reason: 'The transfer bounced (退票)' }, at(addDays(first!.dueDate, 5)));
    // The dashboard's figures (case_facts) no longer count it as recovered.
    expect(await recovered()).toBe(0);
    expect((await rows(s.agreementId))[0]).toMatchObject({ status: 'missed', paidAmount: 0 });
    await expect(reversePayment(mediatorCtx, s.kase.id, { paymentId, reason: 'again, by mistake' }, at(addDays(first!.dueDate, 5)))).rejects.toMatchObject({ code: 'ALREADY_REVERSED' });
    const view = (await getStaffPlan(mediatorCtx.actor, s.kase.id, at(addDays(first!.dueDate, 5))))!;
    expect(view.payments[0]).toMatchObject({ reversal: { reason: 'The transfer bounced (退票)' }, allocations: [] });
    expect(view.totals.paid).toBe(0);
    expect(view.payments[0]!.undoesCompletion).toBe(false);
    expect(await auditActions(s.agreementId)).toEqual(expect.arrayContaining(['plan.payment_reversed', 'plan.installment_missed']));
  });

  it('the payment that paid the plan off bounces: reversed, the certificate is withdrawn, the case tracks the plan again, and paid once more it gets a new certificate', async () => {
    const s = await makeExecutedPlan(test.db);
    const mediatorCtx = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id });
    const [first] = await rows(s.agreementId);
    const on = at(first!.dueDate);
    const settle = (await getStaffPlan(mediatorCtx.actor, s.kase.id, on))!.totals.settleToday;
    const { paymentId } = await recordPayment(mediatorCtx, s.kase.id, { amount: yuan(settle), receivedOn: first!.dueDate, channel: 'bank_transfer', reference: `ALL-${s.kase.caseNo}` }, on);
    const paidOff = (await getPlanProgress(s.borrowerCtx.actor, s.kase.id, on))!;
    expect(paidOff.status).toBe('completed');
    const certificate = paidOff.documents.find((d) => d.kind === 'settlement_certificate')!;
    expect(certificate).toMatchObject({ documentNo: `${s.snapshot.agreementNo}-S`, withdrawn: null });

    // The case file warns before it is reversed; a payment of a plan still open does not.
    expect((await getStaffPlan(mediatorCtx.actor, s.kase.id, on))!.payments.find((p) => p.id === paymentId)).toMatchObject({ undoesCompletion: true });
    // Three days later the bank returns it: reversed with the reason, in one step (it was refused: 'reopen the case first', which did not help).
    const later = at(addDays(first!.dueDate, 3), '11:00');
    await reversePayment(mediatorCtx, s.kase.id, { paymentId, reason: 'The transfer bounced (退票)' }, later);
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId));
    expect(agreement!.planCompletedAt).toBeNull();
    const [kase] = await test.db.select().from(cases).where(eq(cases.id, s.kase.id));
    expect(kase).toMatchObject({ state: 'plan_active', closedAt: null });
    // "Paid in full" is kept on record, superseded; no outcome stands for a case in progress.
    const outcomes = await test.db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, s.kase.id));
    expect(outcomes.find((o) => o.outcome === 'paid_in_full')).toMatchObject({ supersededReason: 'payment reversed: The transfer bounced (退票)' });
    expect(outcomes.filter((o) => o.supersededAt === null)).toEqual([]);
    const recovered = (await test.db.select({ recovered: caseFacts.recovered }).from(caseFacts).where(eq(caseFacts.caseId, s.kase.id)))[0]!.recovered;
    expect(recovered).toBe(0);
    // The certificate stays on record, withdrawn; /verify says so, without the reason.
    const [stored] = await test.db.select().from(planDocumentWithdrawals).where(eq(planDocumentWithdrawals.documentId, certificate.id));
    expect(stored).toMatchObject({ withdrawnAt: later, reason: 'The transfer bounced (退票)', withdrawnById: s.mediator.id });
    await expect(test.db.delete(planDocumentWithdrawals).where(eq(planDocumentWithdrawals.id, stored!.id))).rejects.toThrow();
    expect(await verifyAgreementCode(meta, certificate.verificationCode)).toMatchObject({ verdict: 'code_found', document: { kind: 'settlement_certificate', withdrawnAt: later.toISOString() } });
    // The borrower sees the plan going on, with the withdrawal, and is told by a mandatory notice.
    const progress = (await getPlanProgress(s.borrowerCtx.actor, s.kase.id, later))!;
    expect(progress).toMatchObject({ status: 'active', completedAt: null, totals: { paid: 0 } });
    expect(progress.documents.find((d) => d.id === certificate.id)!.withdrawn).toEqual({ at: later.toISOString(), on: addDays(first!.dueDate, 3), reason: 'The transfer bounced (退票)' });
    const told = (await messagesTo(s.borrower.id, 'planCompletionWithdrawn')).find((m) => m.channel === 'sms');
    expect(told).toMatchObject({ mandatory: true });
    expect(told!.body).toContain(s.snapshot.agreementNo);
    expect(told!.body).toContain('The transfer bounced (退票)');
    expect(told!.body).not.toMatch(/[{}]/);
    expect(await auditActions(s.agreementId)).toEqual(expect.arrayContaining(['plan.payment_reversed', 'plan.completion_withdrawn']));
    // The first installment, due three days ago, is unpaid again (within its grace days).
    expect((await rows(s.agreementId))[0]).toMatchObject({ status: 'scheduled', paidAmount: 0 });

    // Paid off again: a certificate of its own number; the withdrawn one stays withdrawn.
    const again = (await getStaffPlan(mediatorCtx.actor, s.kase.id, later))!.totals.settleToday;
    await recordPayment(mediatorCtx, s.kase.id, { amount: yuan(again), receivedOn: addDays(first!.dueDate, 3), channel: 'bank_transfer', reference: `ALL2-${s.kase.caseNo}` }, later);
    const documents = (await getPlanProgress(s.borrowerCtx.actor, s.kase.id, later))!.documents.filter((d) => d.kind === 'settlement_certificate');
    expect(documents.map((d) => [d.documentNo, d.withdrawn === null])).toEqual([
      [`${s.snapshot.agreementNo}-S`, false],
      [`${s.snapshot.agreementNo}-S2`, true],
    ]);
    expect((await test.db.select({ state: cases.state }).from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('completed');
  }, 60_000);

  it('a payment that paid off a case reopened since is not reversed: the case has moved on', async () => {
    const s = await makeExecutedPlan(test.db);
    const mediatorCtx = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id });
    const [first] = await rows(s.agreementId);
    const on = at(first!.dueDate);
    const settle = (await getStaffPlan(mediatorCtx.actor, s.kase.id, on))!.totals.settleToday;
    const { paymentId } = await recordPayment(mediatorCtx, s.kase.id, { amount: yuan(settle), receivedOn: first!.dueDate, channel: 'bank_transfer', reference: `RO-${s.kase.caseNo}` }, on);
    await test.db.update(cases).set({ state: 'negotiating' }).where(eq(cases.id, s.kase.id));
    await expect(reversePayment(mediatorCtx, s.kase.id, { paymentId, reason: 'The transfer bounced' }, on)).rejects.toMatchObject({ code: 'PLAN_CLOSED', params: { reason: 'caseMoved' } });
    expect(await test.db.select().from(planDocumentWithdrawals)).not.toContainEqual(expect.objectContaining({ reason: 'The transfer bounced' }));
  });

  it('countersigned after the first due date: the borrower is not in arrears on an agreement not yet binding; the grace days run from the day it came into force', async () => {
    const s = await makeExecutedPlan(test.db);
    const [first] = await rows(s.agreementId);
    // The creditor's side signed five days after the first due date (in Beijing, where the borrower lives).
    const inForce = addDays(first!.dueDate, 5);
    await test.db.update(agreements).set({ executedAt: at(inForce, '18:00') }).where(eq(agreements.id, s.agreementId));
    const seven = (await getPlanProgress(s.borrowerCtx.actor, s.kase.id, at(addDays(first!.dueDate, 7))))!;
    expect(seven.installments[0]).toMatchObject({ state: 'due', graceEnds: addDays(inForce, 3) });
    expect(seven.next).toMatchObject({ seq: first!.seq, graceEnds: addDays(inForce, 3) });
    // The daily job (over every plan of the test database) leaves it alone.
    await trackPlans(at(addDays(first!.dueDate, 8)));
    expect((await rows(s.agreementId))[0]!.missedAt).toBeNull();
    // The day after the grace days counted from then, it is missed.
    await trackPlans(at(addDays(inForce, 4)));
    expect((await rows(s.agreementId))[0]!.missedAt).not.toBeNull();
  });

  it('only those who may act on the case record payments; admins import files of their creditors only', async () => {
    const s = await makeExecutedPlan(test.db);
    const other = await makeStaff(test.db, s.creditor.id, 'mediator');
    const stranger = await makeStaff(test.db, (await makeCreditor(test.db)).id, 'supervisor');
    const admin = await makeStaff(test.db, s.creditor.id, 'admin');
    const input = { amount: '10.00', receivedOn: s.snapshot.date, channel: 'cash', reference: `ACL-${s.kase.caseNo}` };
    await expect(recordPayment(staffCtx({ ...other, role: 'mediator', creditorId: s.creditor.id }), s.kase.id, input)).rejects.toMatchObject({ code: 'NOT_ASSIGNED' });
    await expect(recordPayment(staffCtx({ ...stranger, role: 'supervisor', creditorId: stranger.creditorId }), s.kase.id, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordPayment(staffCtx({ ...admin, role: 'admin', creditorId: s.creditor.id }), s.kase.id, input)).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(recordPayment(s.borrowerCtx, s.kase.id, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const csv = Buffer.from(`contract_no,amount,received_on,channel,reference\n${s.loan.contractNo},10.00,${s.snapshot.date},cash,IMP-ACL-${s.kase.caseNo}\n`);
    await expect(previewPaymentImport(mediatorOf(s), { name: 'p.csv', bytes: csv }, 'auto')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const foreignAdmin = await makeStaff(test.db, stranger.creditorId, 'admin');
    const preview = await previewPaymentImport(staffCtx({ ...foreignAdmin, role: 'admin', creditorId: stranger.creditorId }), { name: 'p.csv', bytes: csv }, 'auto');
    expect(preview.rows[0]).toMatchObject({ status: 'error', problems: [{ column: 'contractNo', key: 'unknownContract' }] });
  });

  it('imports a GBK payment file: a preview with each row’s problems and nothing written, then the valid rows once, however often it is confirmed', async () => {
    const a = await makeExecutedPlan(test.db);
    const b = await makeExecutedPlan(test.db, { creditorId: a.creditor.id });
    const admin = await makeStaff(test.db, a.creditor.id, 'admin');
    const adminCtx = staffCtx({ ...admin, role: 'admin', creditorId: a.creditor.id });
    const [a1] = await rows(a.agreementId);
    const [b1] = await rows(b.agreementId);
    const unplanned = await makeLoanWithCase(test.db, a.creditor.id, (await makeBorrower(test.db)).id);
    const today = a1!.dueDate;
    const lines = [
      '合同号,金额,到账日期,渠道,流水号,备注',
      `${a.loan.contractNo},${yuan(a1!.amount)},${a1!.dueDate},银行转账,GBK-${a.kase.caseNo}-1,"第一期, 按时"`,
      `${b.loan.contractNo},${yuan(b1!.amount)},${b1!.dueDate},支付宝,GBK-${b.kase.caseNo}-1,`,
      `${b.loan.contractNo},abc,${b1!.dueDate},支付宝,GBK-${b.kase.caseNo}-2,`,
      `NO-SUCH-CONTRACT,10.00,${today},现金,GBK-X-1,`,
      `${unplanned.loan.contractNo},10.00,${today},现金,GBK-X-2,`,
      `${a.loan.contractNo},5.00,${addDays(today, 1)},现金,GBK-${a.kase.caseNo}-1,`,
    ];
    const bytes = iconv.encode(lines.join('\r\n'), 'gbk');
    const file = { name: '还款流水.csv', bytes };
    const now = at(today, '18:00');
    const before = (await test.db.select({ n: sql<number>`count(*)::int` }).from(payments))[0]!.n;
    const preview = await previewPaymentImport(adminCtx, file, 'auto', now);
    expect(preview.encoding).toBe('gbk');
    expect(preview.rows.map((r) => [r.line, r.status, r.problems.map((p) => `${p.column}:${p.key}`).join(' ')])).toEqual([
      [2, 'ready', ''],
      [3, 'ready', ''],
      [4, 'error', 'amount:amount'],
      [5, 'error', 'contractNo:unknownContract'],
      [6, 'error', 'contractNo:noPlan'],
      [7, 'error', 'receivedOn:dateFuture reference:duplicateInFile'],
    ]);
    expect(preview.counts).toMatchObject({ rows: 6, ready: 2, errors: 4, amount: a1!.amount + b1!.amount });
    expect((await test.db.select({ n: sql<number>`count(*)::int` }).from(payments))[0]!.n).toBe(before);

    await expect(confirmPaymentImport(adminCtx, { ...file, bytes: Buffer.concat([bytes, Buffer.from('\r\n')]) }, 'auto', preview.sha256, now)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await confirmPaymentImport(adminCtx, file, 'auto', preview.sha256, now)).toMatchObject({ recorded: 2, already: 0, rejected: 4 });
    expect((await rows(a.agreementId))[0]).toMatchObject({ status: 'paid' });
    const imported = await test.db.select().from(payments).where(eq(payments.reference, `GBK-${a.kase.caseNo}-1`));
    expect(imported[0]).toMatchObject({ source: 'import', note: '第一期, 按时', channel: 'bank_transfer', recordedById: admin.id });
    // Again: nothing new.
    const again = await previewPaymentImport(adminCtx, file, 'auto', now);
    expect(again.rows.slice(0, 2).map((r) => r.status)).toEqual(['already', 'already']);
    expect(await confirmPaymentImport(adminCtx, file, 'auto', again.sha256, now)).toMatchObject({ recorded: 0, already: 2, importId: null });
    expect((await test.db.select({ n: sql<number>`count(*)::int` }).from(payments))[0]!.n).toBe(before + 2);
    // A UTF-8 file with a BOM and English headers reads the same.
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`contract_no,amount,received_on,channel,reference\r\n${a.loan.contractNo},1.00,${today},cash,U8-${a.kase.caseNo}\r\n`)]);
    expect((await previewPaymentImport(adminCtx, { name: 'u.csv', bytes: utf8 }, 'auto', now)).rows[0]).toMatchObject({ status: 'ready', amount: 100 });
    // Files that are not payment files are refused as a whole, with the reason.
    await expect(previewPaymentImport(adminCtx, { name: 'x.csv', bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]) }, 'auto', now)).rejects.toMatchObject({ message: 'validation.paymentFile.binary' });
    await expect(previewPaymentImport(adminCtx, { name: 'x.csv', bytes: Buffer.from('name,phone\n张三,138\n') }, 'auto', now)).rejects.toMatchObject({ message: 'validation.paymentFile.header' });
    await expect(previewPaymentImport(adminCtx, { name: 'x.csv', bytes: Buffer.alloc(0) }, 'auto', now)).rejects.toMatchObject({ message: 'validation.paymentFile.empty' });
    const events = await test.db.select().from(auditEvents).where(eq(auditEvents.action, 'plan.payments_imported'));
    expect(events.at(-1)!.data).toMatchObject({ sha256: preview.sha256, recorded: 2, rejected: 4 });
    void planDocuments;
  });
});

describe('paying ahead: interest only for the time borrowed (Civil Code art. 677; the agreement, art. 6.2)', () => {
  it('a partial prepayment cuts the interest of the installments it reaches, shown to both sides and kept on the plan rows', async () => {
    const s = await makeExecutedPlan(test.db, { fullName: '钱多多' });
    const mediatorCtx = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id });
    const scheduled = (await rows(s.agreementId)).filter((r) => r.seq > 0);
    const [first, second] = scheduled as [(typeof scheduled)[number], (typeof scheduled)[number]];
    expect(second.interest).toBeGreaterThan(0);
    // On the first due date: the first installment, the second, and about half of the third's principal ahead.
    const ahead = second.amount + Math.floor(scheduled[2]!.principal / 2);
    const paidOn = first.dueDate;
    await recordPayment(mediatorCtx, s.kase.id, { amount: yuan(first.amount + ahead), receivedOn: paidOn, channel: 'bank_transfer', reference: `BANK-${s.kase.caseNo}-AHEAD` }, at(paidOn));

    const [kase] = await test.db.select().from(cases).where(eq(cases.id, s.kase.id));
    const loaded = (await loadPlanOfCase(test.db, kase!))!;
    const state = planState(loaded, paidOn);
    // The rule, worked here from the plan rows: from the payment day (the start of the second installment's period),
    // the principal of installments 2, 3, … it repaid bears no interest; each installment whose period begins on or after
    // it is charged interest × (its principal scheduled − that principal) ÷ its principal scheduled, the cut rounded up.
    const laterPrincipal = (from: number) => scheduled.slice(from).reduce((sum, r) => sum + r.principal, 0);
    const repaid = (from: number) => state.installments.filter((r) => r.seq >= scheduled[from]!.seq).reduce((sum, r) => sum + r.paid.principal, 0);
    // (2: in full; 3: in part, its interest paid ahead; 4: nothing paid, no cut.)
    for (const i of [1, 2, 3]) {
      const row = scheduled[i]!;
      const cut = Math.min(row.interest, Math.floor((row.interest * repaid(i) + laterPrincipal(i) - 1) / laterPrincipal(i)));
      expect(state.installments.find((r) => r.seq === row.seq)!.interestCancelled).toBe(cut);
    }
    expect(state.installments.find((r) => r.seq === second.seq)).toMatchObject({ state: 'paid', outstanding: 0 });
    expect(state.installments.find((r) => r.seq === second.seq)!.interestCancelled).toBeGreaterThan(0);

    // The borrower's page shows each installment at what it now costs, and the plan rows keep what was paid.
    const progress = (await getPlanProgress({ type: 'borrower', id: s.borrower.id }, s.kase.id, at(paidOn)))!;
    const third = progress.installments.find((r) => r.seq === scheduled[2]!.seq)!;
    expect(third.interestCancelled).toBeGreaterThan(0);
    expect(third.amount - third.interestCancelled - third.paid).toBe(third.outstanding);
    expect(progress.totals.paid + progress.totals.remaining + progress.totals.interestCancelled).toBe(progress.totals.scheduled);
    expect(progress.received[0]!.installments).toEqual([first.seq, second.seq, scheduled[2]!.seq]);
    const stored = await rows(s.agreementId);
    expect(stored.find((r) => r.seq === second.seq)).toMatchObject({ status: 'paid', paidAmount: second.amount - state.installments.find((r) => r.seq === second.seq)!.interestCancelled });
  });
});

describe('the payment receipt', () => {
  it('with two installments due, names their total, not the first one alone (which would go to the interest of both first)', async () => {
    const s = await makeExecutedPlan(test.db, { fullName: '钱回执' });
    const mediatorCtx = staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id });
    const [first, second] = (await rows(s.agreementId)).filter((r) => r.seq > 0) as [(typeof planInstallments.$inferSelect), (typeof planInstallments.$inferSelect)];
    // The day after the second due date: the first missed, the second in its grace period; ¥100 comes in.
    const day = addDays(second.dueDate, 1);
    await recordPayment(mediatorCtx, s.kase.id, { amount: '100.00', receivedOn: day, channel: 'bank_transfer', reference: `BANK-${s.kase.caseNo}-R` }, at(day));
    const [receipt] = await messagesTo(s.borrower.id, 'planPaymentReceived');
    const owed = first.amount + second.amount - 10_000;
    expect(receipt!.body).toContain(`已到期的各期合计还需¥${Math.trunc(owed / 100).toLocaleString('en-US')}.${String(owed % 100).padStart(2, '0')}，请尽快一并还清。`);
    expect(receipt!.body).not.toContain('下一期');
  });
});

describe('allocation as the contract says', () => {
  it('a creditor whose contracts allocate per installment: the agreement carries it, and a payment clears the oldest installment before the next one’s interest', async () => {
    const creditor = await makeCreditor(test.db);
    await test.db.update(creditors).set({ policy: { ...creditor.policy, allocationScope: 'per_installment' } }).where(eq(creditors.id, creditor.id));
    const s = await makeExecutedPlan(test.db, { creditorId: creditor.id });
    expect(s.snapshot.policy.allocationScope).toBe('per_installment');
    const [first, second] = (await rows(s.agreementId)) as [(typeof planInstallments.$inferSelect), (typeof planInstallments.$inferSelect)];
    // Both due and unpaid; exactly the first installment's amount arrives: per installment it clears the first one
    // (across the whole debt it would have paid both installments' charges and interest first, and cleared neither).
    const on = addDays(second.dueDate, 1);
    await recordPayment(mediatorOf(s), s.kase.id, { amount: yuan(first.amount), receivedOn: on, channel: 'bank_transfer', reference: `PI-${s.kase.caseNo}` }, at(on));
    const [r1, r2] = await rows(s.agreementId);
    expect(r1).toMatchObject({ status: 'paid', paidAmount: first.amount });
    expect(r2).toMatchObject({ status: 'scheduled', paidAmount: 0 });
  });
});

describe('the creditor’s repayment account', () => {
  it('is set by the admins of the creditors they serve, checked whole, audited, and shown on the borrower’s plan at once', async () => {
    const s = await makeExecutedPlan(test.db);
    const admin = staffCtx({ ...(await makeStaff(test.db, s.creditor.id, 'admin')), role: 'admin', creditorId: s.creditor.id });
    const other = await makeCreditor(test.db);
    const foreignAdmin = staffCtx({ ...(await makeStaff(test.db, other.id, 'admin')), role: 'admin', creditorId: other.id });
    const account = { bankName: '杭州银行 西湖支行', accountName: '测试还款专户', accountNo: '3301 0400 0012 3456 789', note: '请备注合同号', noteEn: '' };
    await expect(setPaymentAccount(mediatorOf(s), s.creditor.id, account)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setPaymentAccount(foreignAdmin, s.creditor.id, account)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getPaymentAccount(foreignAdmin.actor, s.creditor.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A bank without a number, or a number with letters, is refused beside the field.
    await expect(setPaymentAccount(admin, s.creditor.id, { ...account, accountNo: '' })).rejects.toMatchObject({ name: 'ZodError', issues: [{ path: ['accountNo'], message: 'validation.required' }] });
    await expect(setPaymentAccount(admin, s.creditor.id, { ...account, accountNo: '3301-ABC' })).rejects.toMatchObject({ issues: [{ path: ['accountNo'], message: 'validation.accountNo' }] });

    expect(await setPaymentAccount(admin, s.creditor.id, account)).toEqual({ account: { bankName: '杭州银行 西湖支行', accountName: '测试还款专户', accountNo: '3301 0400 0012 3456 789', note: '请备注合同号' } });
    expect((await getPlanProgress(s.borrowerCtx.actor, s.kase.id))!.howToPay.account).toMatchObject({ accountNo: '3301 0400 0012 3456 789' });
    const [event] = await test.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'creditor.payment_account_changed'), eq(auditEvents.entityId, s.creditor.id)));
    expect(event!.data).toMatchObject({ before: { accountNo: '6222 0000 1234 5678' }, after: { accountNo: '3301 0400 0012 3456 789' } });
    // All three lines empty: removed, and the borrower is told to call instead.
    expect(await setPaymentAccount(admin, s.creditor.id, { bankName: ' ', accountName: '', accountNo: '', note: 'x', noteEn: '' })).toEqual({ account: null });
    expect((await getPlanProgress(s.borrowerCtx.actor, s.kase.id))!.howToPay.account).toBeNull();
  });
});

function mediatorOf(s: Awaited<ReturnType<typeof makeExecutedPlan>>): Ctx {
  return staffCtx({ id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id });
}
