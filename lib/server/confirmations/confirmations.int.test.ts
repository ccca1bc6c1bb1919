import { and, asc, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { agreements, auditEvents, borrowers, cases, creditors, judicialConfirmations, notifications } from '@/db/schema';
import { verifySealedPdf } from '@/lib/pdf/verify-seal';
import { makeBorrower, makeSealAuthorisation, makeStaff } from '@/lib/testing/factories';
import { databaseWithDataDir } from '@/lib/testing/integration';
import { makeExecutedPlan } from '@/lib/testing/plans';
import type { Ctx } from '../actor';
import { listCases } from '../cases/list-cases';
import { confirmationOf, readConfirmationFile } from './confirmation-view';
import { recordConfirmationDecision, recordConfirmationFiling } from './court-steps';
import { countersignConfirmation, prepareConfirmation, requestConfirmationCode, signConfirmationAsBorrower } from './sign-confirmation';

const test = databaseWithDataDir('concord-confirm-');

const meta = { ip: '203.0.113.77', userAgent: 'vitest' };
/** The agreement took effect at 10:00 Beijing on 2 Nov 2026: the last day to apply is 2 Dec 2026. */
const effective = new Date('2026-11-02T02:00:00Z');
const at = (iso: string) => new Date(iso);

async function executedCase(address = '浙江省杭州市西湖区文三路 1 号') {
  const plan = await makeExecutedPlan(test.db, { fullName: '司马确认' });
  await test.db.update(agreements).set({ executedAt: effective, executedSha256: 'ab'.repeat(32) }).where(eq(agreements.id, plan.agreementId));
  await test.db.update(borrowers).set({ address }).where(eq(borrowers.id, plan.borrower.id));
  await test.db
    .update(creditors)
    .set({ litigation: { counsel: null, confirmationCourts: [{ region: '杭州市', court: '杭州市西湖区人民法院' }] } })
    .where(eq(creditors.id, plan.creditor.id));
  const mediator = await makeStaff(test.db, plan.creditor.id, 'mediator', 'mediator password');
  await test.db.update(cases).set({ assigneeId: mediator.id }).where(eq(cases.id, plan.kase.id));
  const staff = (who: { id: string; role: 'mediator' | 'supervisor' | 'admin' }, creditorId = plan.creditor.id): Ctx => ({ actor: { type: 'staff', id: who.id, role: who.role, creditorId }, meta });
  return { ...plan, mediator, mediatorCtx: staff(mediator), staff };
}

async function codeFor(phone: string) {
  const [message] = await test.db.select().from(notifications).where(and(eq(notifications.toAddress, phone), eq(notifications.template, 'signCode'))).orderBy(desc(notifications.createdAt)).limit(1);
  return /\d{6}/.exec(message!.body)![0];
}

const pdfText = test.pdfText;
const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('judicial confirmation', () => {
  it('is prepared from the executed agreement, signed by the borrower (consent, code, name) then the mediator and the seal, filed and confirmed, each step audited', async () => {
    const s = await executedCase();
    await makeSealAuthorisation(test.db, s.creditor.id, '法定代表人 王确认');
    const prepared = await prepareConfirmation(s.mediatorCtx, s.kase.id, at('2026-11-10T03:00:00Z'));
    expect(prepared.alreadyPrepared).toBe(false);
    // Preparing again gives the same application.
    expect(await prepareConfirmation(s.mediatorCtx, s.kase.id, at('2026-11-10T04:00:00Z'))).toEqual({ confirmationId: prepared.confirmationId, alreadyPrepared: true });

    const [row] = await test.db.select().from(judicialConfirmations).where(eq(judicialConfirmations.id, prepared.confirmationId));
    expect(row!.status).toBe('prepared');
    // The court for an address in Hangzhou, from the creditor's settings; the deadline is the end of 2 Dec, Beijing.
    expect(row!.court).toBe('杭州市西湖区人民法院');
    expect(row!.deadline.toISOString()).toBe('2026-12-02T16:00:00.000Z');

    // The borrower sees it with the deadline; the mediator sees it due (within 7 days of the deadline on 25 Nov).
    const mine = await confirmationOf(s.borrowerCtx.actor, s.kase.id, at('2026-11-25T03:00:00Z'));
    expect(mine.confirmation).toMatchObject({ status: 'prepared', court: '杭州市西湖区人民法院', deadline: '2026-12-02', deadlineState: { state: 'due', daysLeft: 7 } });

    // Countersigning before the borrower is refused.
    await expect(countersignConfirmation(s.mediatorCtx, prepared.confirmationId, { password: 'mediator password' })).rejects.toMatchObject({ code: 'CONFLICT' });

    // A wrong code is counted and audited; a name that is not theirs is refused.
    await requestConfirmationCode(s.borrowerCtx, prepared.confirmationId);
    const code = await codeFor(s.borrower.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(signConfirmationAsBorrower(s.borrowerCtx, prepared.confirmationId, { consent: true, code: wrong, typedName: '司马确认' })).rejects.toMatchObject({ code: 'CODE_WRONG', field: 'code' });
    await expect(signConfirmationAsBorrower(s.borrowerCtx, prepared.confirmationId, { consent: true, code, typedName: '别人' })).rejects.toMatchObject({ field: 'typedName' });
    await expect(signConfirmationAsBorrower(s.borrowerCtx, prepared.confirmationId, { consent: false, code, typedName: '司马确认' })).rejects.toMatchObject({ name: 'ZodError' });
    const borrowerSigned = await signConfirmationAsBorrower(s.borrowerCtx, prepared.confirmationId, { consent: true, code, typedName: '司马 确认' }, at('2026-11-11T03:00:00Z'));
    expect(borrowerSigned.alreadySigned).toBe(false);
    // The code is used up: signing again returns the first signature.
    expect((await signConfirmationAsBorrower(s.borrowerCtx, prepared.confirmationId, { consent: true, code, typedName: '司马确认' })).sha256).toBe(borrowerSigned.sha256);

    await expect(countersignConfirmation(s.mediatorCtx, prepared.confirmationId, { password: 'wrong' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    const signed = await countersignConfirmation(s.mediatorCtx, prepared.confirmationId, { password: 'mediator password' }, at('2026-11-12T03:00:00Z'));

    // The application: sealed, Chinese text extractable, both sides' signatures, the court and the request.
    const file = await readConfirmationFile(s.mediatorCtx, prepared.confirmationId, 'application');
    expect(file.sha256).toBe(signed.sha256);
    const seal = verifySealedPdf(file.bytes);
    expect(seal.intact && seal.coversWholeFile).toBe(true);
    const text = pdfText(file.bytes);
    for (const expected of ['司法确认申请书', '申请人一（债权人）', s.creditor.name, '申请人二（债务人）', '司马确认', '杭州市西湖区人民法院', '请求', s.snapshot.agreementNo, '2026年12月2日', '法定代表人王确认', '短信验证码', '强制执行', '提出异议']) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }

    // Filing: not in the future, not before the signature; then the ruling, which needs its document.
    await expect(recordConfirmationFiling(s.mediatorCtx, prepared.confirmationId, { filedOn: '2026-11-14' }, null, at('2026-11-13T03:00:00Z'))).rejects.toMatchObject({ field: 'filedOn', message: 'validation.confirmation.dateInFuture' });
    await expect(recordConfirmationFiling(s.mediatorCtx, prepared.confirmationId, { filedOn: '2026-11-11' }, null, at('2026-11-13T03:00:00Z'))).rejects.toMatchObject({ field: 'filedOn', message: 'validation.confirmation.dateTooEarly' });
    await expect(recordConfirmationDecision(s.mediatorCtx, prepared.confirmationId, { decision: 'confirmed', decidedOn: '2026-11-13' }, { name: 'ruling.pdf', bytes: pdfBytes }, at('2026-11-13T03:00:00Z'))).rejects.toMatchObject({ message: 'validation.confirmation.notFiled' });
    await recordConfirmationFiling(s.mediatorCtx, prepared.confirmationId, { filedOn: '2026-11-13', courtCaseNo: '（2026）浙0106民特123号' }, { name: 'receipt.pdf', bytes: pdfBytes }, at('2026-11-13T03:00:00Z'));
    await expect(recordConfirmationDecision(s.mediatorCtx, prepared.confirmationId, { decision: 'confirmed', decidedOn: '2026-11-20' }, null, at('2026-11-20T03:00:00Z'))).rejects.toMatchObject({ field: 'document' });
    await expect(recordConfirmationDecision(s.mediatorCtx, prepared.confirmationId, { decision: 'confirmed', decidedOn: '2026-11-20' }, { name: 'ruling.exe', bytes: Buffer.from('MZ not a pdf') }, at('2026-11-20T03:00:00Z'))).rejects.toMatchObject({ field: 'document' });
    // A ruling whose scan or download stopped halfway is not kept as the court's word.
    await expect(recordConfirmationDecision(s.mediatorCtx, prepared.confirmationId, { decision: 'confirmed', decidedOn: '2026-11-20' }, { name: 'ruling.pdf', bytes: pdfBytes.subarray(0, 30) }, at('2026-11-20T03:00:00Z'))).rejects.toMatchObject({ field: 'document', message: 'validation.confirmation.documentIncomplete' });
    await recordConfirmationDecision(s.mediatorCtx, prepared.confirmationId, { decision: 'confirmed', decidedOn: '2026-11-20', note: '裁定确认有效' }, { name: 'ruling.pdf', bytes: pdfBytes }, at('2026-11-20T03:00:00Z'));
    // Nothing after the court decided.
    await expect(recordConfirmationDecision(s.mediatorCtx, prepared.confirmationId, { decision: 'rejected', decidedOn: '2026-11-20' }, { name: 'ruling.pdf', bytes: pdfBytes }, at('2026-11-20T03:00:00Z'))).rejects.toMatchObject({ code: 'CONFLICT' });

    const view = await confirmationOf(s.borrowerCtx.actor, s.kase.id, at('2026-12-10T03:00:00Z'));
    expect(view.confirmation).toMatchObject({ status: 'confirmed', filedOn: '2026-11-13', decidedOn: '2026-11-20', courtCaseNo: '（2026）浙0106民特123号', deadlineState: { state: 'met', filedOn: '2026-11-13' }, documents: { application: true, filing: true, decision: true } });
    expect((await readConfirmationFile(s.borrowerCtx, prepared.confirmationId, 'decision')).contentType).toBe('application/pdf');

    const trail = await test.db.select({ action: auditEvents.action, data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.entityId, prepared.confirmationId)).orderBy(asc(auditEvents.seq));
    const actions = trail.map((e) => e.action);
    for (const a of ['confirmation.prepared', 'confirmation.signing_code_sent', 'confirmation.code_failed', 'confirmation.consent_given', 'confirmation.code_verified', 'confirmation.signed_by_borrower', 'confirmation.signed_by_mediator', 'confirmation.sealed_for_creditor', 'confirmation.filed', 'confirmation.confirmed', 'confirmation.downloaded']) {
      expect(actions).toContain(a);
    }
    expect(trail.find((e) => e.action === 'confirmation.filed')!.data).toMatchObject({ from: 'signed', to: 'filed', on: '2026-11-13' });
  });

  it('tracks the 30-day deadline: open, due, then lapsed unapplied (overdue only with an application); no application once it has passed', async () => {
    const s = await executedCase();
    expect((await confirmationOf(s.mediatorCtx.actor, s.kase.id, at('2026-11-20T03:00:00Z'))).prepare).toEqual({ deadline: '2026-12-02', deadlineState: { state: 'open', daysLeft: 12 } });
    expect((await confirmationOf(s.mediatorCtx.actor, s.kase.id, at('2026-12-02T15:59:00Z'))).prepare?.deadlineState).toEqual({ state: 'due', daysLeft: 0 });
    // 00:00 on 3 Dec in Beijing: too late.
    expect((await confirmationOf(s.mediatorCtx.actor, s.kase.id, at('2026-12-02T16:00:00Z'))).prepare?.deadlineState).toEqual({ state: 'lapsed' });
    await expect(prepareConfirmation(s.mediatorCtx, s.kase.id, at('2026-12-02T16:00:00Z'))).rejects.toMatchObject({ code: 'CONFLICT', message: 'validation.confirmation.deadlinePassed' });
    // Prepared in time but not filed: overdue on the case file the day after.
    const { confirmationId } = await prepareConfirmation(s.mediatorCtx, s.kase.id, at('2026-12-01T03:00:00Z'));
    expect((await confirmationOf(s.mediatorCtx.actor, s.kase.id, at('2026-12-05T03:00:00Z'))).confirmation).toMatchObject({ id: confirmationId, deadlineState: { state: 'overdue', daysLate: 3 } });
    // Borrowers are not told about a case with no application; the agreement's court serves an address no region matches.
    const shanghai = await executedCase('上海市');
    expect(await confirmationOf(shanghai.borrowerCtx.actor, shanghai.kase.id)).toEqual({ confirmation: null, prepare: null });
  });

  it('is not needed once the plan is paid in full or the case closed: none offered or prepared, one already made stays on record with nothing left to sign', async () => {
    const s = await executedCase();
    await makeSealAuthorisation(test.db, s.creditor.id, '法定代表人 王确认');
    await test.db.update(cases).set({ state: 'completed' }).where(eq(cases.id, s.kase.id));
    // Paid in full before anything was prepared, past the deadline: no card (not "overdue"), and none can be prepared.
    expect(await confirmationOf(s.mediatorCtx.actor, s.kase.id, at('2026-12-20T03:00:00Z'))).toEqual({ confirmation: null, prepare: null });
    await expect(prepareConfirmation(s.mediatorCtx, s.kase.id, at('2026-11-20T03:00:00Z'))).rejects.toMatchObject({ code: 'CONFLICT', message: 'validation.confirmation.notNeeded' });
    // Prepared while the plan ran, then closed: the application stays, its deadline not counted, and nobody signs it.
    await test.db.update(cases).set({ state: 'plan_active' }).where(eq(cases.id, s.kase.id));
    const { confirmationId } = await prepareConfirmation(s.mediatorCtx, s.kase.id, at('2026-11-20T03:00:00Z'));
    await test.db.update(cases).set({ state: 'closed' }).where(eq(cases.id, s.kase.id));
    for (const actor of [s.mediatorCtx.actor, s.borrowerCtx.actor]) {
      expect((await confirmationOf(actor, s.kase.id, at('2026-12-20T03:00:00Z'))).confirmation).toMatchObject({ id: confirmationId, status: 'prepared', deadlineState: { state: 'notNeeded', reason: 'closed' } });
    }
    await expect(requestConfirmationCode(s.borrowerCtx, confirmationId)).rejects.toMatchObject({ code: 'CONFLICT', message: 'validation.confirmation.notNeeded' });
    await expect(signConfirmationAsBorrower(s.borrowerCtx, confirmationId, { consent: true, code: '123456', typedName: '司马确认' })).rejects.toMatchObject({ code: 'CONFLICT', message: 'validation.confirmation.notNeeded' });
  });

  it('is for the case’s own parties: another creditor’s mediator, another borrower, and an admin (read-only) cannot act', async () => {
    const s = await executedCase('广州市');
    const { confirmationId } = await prepareConfirmation(s.mediatorCtx, s.kase.id, at('2026-11-10T03:00:00Z'));
    const [row] = await test.db.select({ court: judicialConfirmations.court }).from(judicialConfirmations).where(eq(judicialConfirmations.id, confirmationId));
    expect(row!.court).toBe('测试法院'); // no region matched: the court agreed in the contract

    const other = await makeExecutedPlan(test.db, { fullName: '别家借款人' });
    const otherMediator = await makeStaff(test.db, other.creditor.id, 'mediator', 'mediator password');
    const otherCtx: Ctx = { actor: { type: 'staff', id: otherMediator.id, role: 'mediator', creditorId: other.creditor.id }, meta };
    await expect(prepareConfirmation(otherCtx, s.kase.id, at('2026-11-10T03:00:00Z'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(countersignConfirmation(otherCtx, confirmationId, { password: 'mediator password' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordConfirmationFiling(otherCtx, confirmationId, { filedOn: '2026-11-10' }, null, at('2026-11-10T03:00:00Z'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readConfirmationFile(otherCtx, confirmationId, 'application')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(confirmationOf(otherCtx.actor, s.kase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const stranger = await makeBorrower(test.db, { fullName: '路人甲' });
    const strangerCtx: Ctx = { actor: { type: 'borrower', id: stranger.id }, meta };
    await expect(requestConfirmationCode(strangerCtx, confirmationId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(signConfirmationAsBorrower(strangerCtx, confirmationId, { consent: true, code: '123456', typedName: '路人甲' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readConfirmationFile(strangerCtx, confirmationId, 'application')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The borrower cannot sign for the mediator, nor the mediator for the borrower.
    await expect(countersignConfirmation(s.borrowerCtx, confirmationId, { password: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(signConfirmationAsBorrower(s.mediatorCtx, confirmationId, { consent: true, code: '123456', typedName: '司马确认' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const admin = await makeStaff(test.db, s.creditor.id, 'admin');
    await expect(prepareConfirmation(s.staff(admin), s.kase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A colleague of the same creditor who is not assigned reads it but cannot act.
    const colleague = await makeStaff(test.db, s.creditor.id, 'mediator', 'mediator password');
    expect((await confirmationOf(s.staff(colleague).actor, s.kase.id)).confirmation?.id).toBe(confirmationId);
    await expect(recordConfirmationFiling(s.staff(colleague), confirmationId, { filedOn: '2026-11-10' }, null, at('2026-11-10T03:00:00Z'))).rejects.toMatchObject({ code: 'NOT_ASSIGNED' });
  });

  it('marks the mediator’s queue: due in the last 7 days, overdue once passed with an application unfiled, nothing once filed', async () => {
    const DAY = 86_400_000;
    const s = await executedCase();
    const queueRow = async () => (await listCases(s.mediatorCtx.actor, { mine: true })).rows.find((r) => r.id === s.kase.id)!;
    const effectiveAgo = async (days: number) => test.db.update(agreements).set({ executedAt: new Date(Date.now() - days * DAY) }).where(eq(agreements.id, s.agreementId));
    await effectiveAgo(10);
    expect((await queueRow()).confirmation).toBeNull(); // 20 days left
    await effectiveAgo(25);
    expect((await queueRow()).confirmation?.marker).toBe('due');
    await effectiveAgo(45);
    expect((await queueRow()).confirmation).toBeNull(); // passed, never prepared: nothing to do
    await effectiveAgo(25);
    await prepareConfirmation(s.mediatorCtx, s.kase.id);
    await effectiveAgo(45);
    await test.db.update(judicialConfirmations).set({ effectiveAt: new Date(Date.now() - 45 * DAY) }).where(eq(judicialConfirmations.caseId, s.kase.id));
    expect((await queueRow()).confirmation?.marker).toBe('overdue');
    await test.db.update(judicialConfirmations).set({ status: 'filed', filedAt: new Date() }).where(eq(judicialConfirmations.caseId, s.kase.id));
    expect((await queueRow()).confirmation).toBeNull();
  });
});
