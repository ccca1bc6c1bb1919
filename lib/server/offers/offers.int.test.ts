import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, auditEvents, cases, contactRecords, hardshipStatements, notifications, offers } from '@/db/schema';
import { addDays, todayIn } from '@/lib/domain/dates';
import { makeBorrower, makeCreditor, makeLoanWithCase, makePayment, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Ctx } from '../actor';
import { notifyBorrower } from '../notify-borrower';
import { closeCase } from '../outcomes/close-case';
import { dispatchOutbox } from '../outbox/dispatch';
import { acceptOffer } from './accept-offer';
import { declineOffer } from './decline-offer';
import { decideApproval } from './decide-approval';
import { expireOffers } from './expire-offers';
import { getOfferWorkspace } from './get-offer-workspace';
import { listOffers } from './list-offers';
import { proposeOffer } from './propose-offer';
import { requestSuggestions } from './suggest-offers';
import { withdrawOffer } from './withdraw-offer';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const meta = { ip: '127.0.0.1' };
const today = () => todayIn('Asia/Shanghai');
const plan = (months: number) => ({ installments: { months, method: 'equal_installment' as const, downPayment: 0, firstDueDate: addDays(today(), 15) } });

async function setup() {
  const creditor = await makeCreditor(test.db);
  const mediator = await makeStaff(test.db, creditor.id, 'mediator');
  const mediator2 = await makeStaff(test.db, creditor.id, 'mediator');
  const supervisor = await makeStaff(test.db, creditor.id, 'supervisor');
  const borrower = await makeBorrower(test.db);
  const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id, mediator.id);
  const staff = (s: { id: string; role: 'mediator' | 'supervisor' | 'admin' }): Ctx => ({ actor: { type: 'staff', id: s.id, role: s.role, creditorId: creditor.id }, meta });
  return { kase, borrowerCtx: { actor: { type: 'borrower', id: borrower.id }, meta } as Ctx, mediatorCtx: staff(mediator), mediator2Ctx: staff(mediator2), supervisorCtx: staff(supervisor) };
}

const statusOf = async (id: string) => (await test.db.select({ s: offers.status }).from(offers).where(eq(offers.id, id)))[0]!.s;
const openHumanOffers = async (caseId: string) =>
  (await test.db.select().from(offers).where(and(eq(offers.caseId, caseId), eq(offers.status, 'proposed')))).filter((o) => o.authorType !== 'system');

describe('offers and the negotiation', () => {
  it('suggests two to four offers within policy, and the borrower accepts one: the case is agreed and the terms frozen', async () => {
    const s = await setup();
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    expect(offerIds.length).toBeGreaterThanOrEqual(2);
    expect(offerIds.length).toBeLessThanOrEqual(4);
    const listed = await listOffers(s.borrowerCtx.actor, s.kase.id);
    expect(listed.filter((o) => o.status === 'proposed')).toHaveLength(offerIds.length);
    const chosen = offerIds[0]!;
    await expect(acceptOffer(s.borrowerCtx, chosen)).resolves.toEqual({ offerId: chosen, alreadyAccepted: false });
    expect(await statusOf(chosen)).toBe('accepted');
    for (const other of offerIds.slice(1)) expect(await statusOf(other)).toBe('superseded');
    expect((await test.db.select().from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('agreed');
    await expect(test.db.execute(sql`update offers set total_payable = 1 where id = ${chosen}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/immutable/) } });
    // The history's figures, read from each stored schedule — closed offers too, whose schedule is not sent: the
    // payments' range and the down payment add up with the count to the total.
    const after = await listOffers(s.borrowerCtx.actor, s.kase.id);
    expect(after.some((o) => o.status === 'superseded' && o.priced === null)).toBe(true);
    for (const o of after) {
      const [stored] = await test.db.select({ priced: offers.priced }).from(offers).where(eq(offers.id, o.id));
      const amounts = stored!.priced.schedule.map((row) => row.amount);
      expect(o.summary).toMatchObject({ downPayment: stored!.priced.downPayment, lowestPayment: Math.min(...amounts), highestPayment: Math.max(...amounts), numberOfPayments: amounts.length });
      expect(o.summary.downPayment + amounts.reduce((a, b) => a + b, 0)).toBe(o.summary.totalPayable);
    }
  });

  it('lists offers proposed together in the order they were proposed, however the table happens to hold them', async () => {
    const s = await setup();
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    // One transaction wrote them, so they share its created_at. Moving the first one's row to the end of the table
    // (a new expiry is a new index entry, not an update in place) must not move it in the list.
    await test.db.execute(sql`update offers set expires_at = expires_at + interval '1 second' where id = ${offerIds[0]!}`);
    for (const actor of [s.borrowerCtx.actor, s.mediatorCtx.actor]) {
      expect((await listOffers(actor, s.kase.id)).map((o) => o.id)).toEqual(offerIds);
    }
  });

  it("a borrower's own proposal keeps the system's offers open and replaces only their earlier one, as confirmed; a stale confirmation is refused; the policy may close the suggestions too", async () => {
    const s = await setup();
    const { offerIds: suggested } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    const { offerId: first } = await proposeOffer(s.borrowerCtx, { caseId: s.kase.id, terms: plan(20), replaces: [] });
    for (const id of suggested) expect(await statusOf(id)).toBe('proposed');
    // The page showed nothing to replace, but the borrower's own proposal is open now: the offers changed.
    await expect(proposeOffer(s.borrowerCtx, { caseId: s.kase.id, terms: plan(22), replaces: [] })).rejects.toMatchObject({ code: 'OFFERS_CHANGED' });
    const { offerId: second } = await proposeOffer(s.borrowerCtx, { caseId: s.kase.id, terms: plan(22), replaces: [first] });
    expect(await statusOf(first)).toBe('countered');
    for (const id of suggested) expect(await statusOf(id)).toBe('proposed');
    // The borrower may still accept a suggestion while their own proposal waits.
    await expect(acceptOffer(s.borrowerCtx, suggested[0]!)).resolves.toMatchObject({ alreadyAccepted: false });
    expect(await statusOf(second)).toBe('superseded');

    const t = await setup();
    const [kase] = await test.db.select().from(cases).where(eq(cases.id, t.kase.id));
    await test.db.execute(sql`update creditors set policy = jsonb_set(policy, '{borrowerProposalClosesSuggestions}', 'true') where id = ${kase!.creditorId}`);
    const { offerIds: closing } = await requestSuggestions(t.borrowerCtx, t.kase.id);
    await proposeOffer(t.borrowerCtx, { caseId: t.kase.id, terms: plan(20), replaces: closing });
    for (const id of closing) expect(await statusOf(id)).toBe('countered');
  });

  it('the SMS of a new offer gives the answer-by time exactly as the page does, in the borrower’s language and time zone', async () => {
    const { formatInstant } = await import('@/lib/i18n/config');
    for (const [timezone, locale] of [['Asia/Shanghai', 'zh-CN'], ['America/New_York', 'en']] as const) {
      const creditor = await makeCreditor(test.db);
      const borrower = await makeBorrower(test.db, { timezone, locale });
      const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id);
      await requestSuggestions({ actor: { type: 'borrower', id: borrower.id }, meta }, kase.id);
      const [offer] = await test.db.select().from(offers).where(eq(offers.caseId, kase.id)).limit(1);
      const messages = await test.db.select().from(notifications).where(and(eq(notifications.caseId, kase.id), eq(notifications.template, 'offerProposed')));
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message.body).toContain(formatInstant(offer!.expiresAt, locale, timezone));
    }
  });

  it("a mediator's reply reaches the borrower in the portal, and by SMS with a link to the case when the contact rules allow it", async () => {
    const { postCaseMessage } = await import('../cases/case-messages');
    const s = await setup();
    const at = new Date();
    await postCaseMessage(s.mediatorCtx, { caseId: s.kase.id, body: '罚息按逾期本金计算，详见欠款明细。' });
    // The SMS is decided when the dispatcher would send it (ADR 0015): sent, or deferred with the blocked attempt recorded.
    await dispatchOutbox(test.db, { now: new Date() });
    const sent = await test.db.select().from(notifications).where(and(eq(notifications.caseId, s.kase.id), eq(notifications.template, 'caseMessage')));
    expect(sent.map((m) => m.channel).sort()).toEqual(['in_app', 'sms']);
    const sms = sent.find((m) => m.channel === 'sms')!;
    expect(sms.body).toContain(`/cases/${s.kase.id}`);
    expect(sms.body).toContain('罚息按逾期本金计算');
    const [record] = await test.db.select().from(contactRecords).where(and(eq(contactRecords.caseId, s.kase.id), eq(contactRecords.note, 'caseMessage')));
    expect([record!.outcome, sms.status]).toEqual(record!.outcome === 'attempted' ? ['attempted', 'sent'] : ['blocked', 'pending']);
    expect(record!.at.getTime()).toBeGreaterThanOrEqual(at.getTime() - 1000);
  });

  it('a double-clicked accept creates one acceptance', async () => {
    const s = await setup();
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    const results = await Promise.all([acceptOffer(s.borrowerCtx, offerIds[0]), acceptOffer(s.borrowerCtx, offerIds[0])]);
    expect(results.map((r) => r.alreadyAccepted).sort()).toEqual([false, true]);
    const accepted = await test.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'offer.accepted'), eq(auditEvents.entityId, offerIds[0]!)));
    expect(accepted).toHaveLength(1);
  });

  it('accepting an offer superseded a moment earlier is refused with the current offer named', async () => {
    const s = await setup();
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    const counter = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(18), message: '按您的收入调整为 18 期' });
    await expect(acceptOffer(s.borrowerCtx, offerIds[0])).rejects.toMatchObject({ code: 'OFFER_NOT_OPEN', params: { status: 'countered', currentOfferId: counter.offerId } });
  });

  it('two counter-offers racing on one case leave exactly one open offer', async () => {
    const s = await setup();
    await requestSuggestions(s.borrowerCtx, s.kase.id);
    const results = await Promise.allSettled([
      proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12) }),
      proposeOffer(s.supervisorCtx, { caseId: s.kase.id, terms: plan(24) }),
      proposeOffer(s.borrowerCtx, { caseId: s.kase.id, terms: plan(30) }),
    ]);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await openHumanOffers(s.kase.id)).toHaveLength(1);
    expect((await test.db.select().from(offers).where(and(eq(offers.caseId, s.kase.id), eq(offers.status, 'proposed'))))).toHaveLength(1);
  });

  it('the same counter-offer sent eight times at once is one offer, one round and one message to the borrower; a different one is a new round', async () => {
    const s = await setup();
    await requestSuggestions(s.borrowerCtx, s.kase.id);
    const toldOf = () => test.db.select().from(notifications).where(and(eq(notifications.caseId, s.kase.id), eq(notifications.template, 'offerProposed'), eq(notifications.channel, 'sms')));
    const before = (await toldOf()).length;
    const sent = await Promise.all(Array.from({ length: 8 }, () => proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12), message: '按月还款' })));
    expect(new Set(sent.map((r) => r.offerId)).size).toBe(1);
    const mine = await test.db.select().from(offers).where(and(eq(offers.caseId, s.kase.id), eq(offers.authorType, 'staff')));
    expect(mine).toHaveLength(1);
    expect(await toldOf()).toHaveLength(before + 1);
    // Another message, or other terms, is a new offer.
    const other = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12), message: '可以再商量' });
    expect(other.offerId).not.toBe(sent[0]!.offerId);
    expect((await test.db.select().from(offers).where(and(eq(offers.caseId, s.kase.id), eq(offers.authorType, 'staff')))).map((o) => o.status).sort()).toEqual(['countered', 'proposed']);
  });

  it('refuses an offer that breaks a rule, naming the rule', async () => {
    const s = await setup();
    await expect(proposeOffer(s.borrowerCtx, { caseId: s.kase.id, terms: plan(48) })).rejects.toMatchObject({ code: 'OFFER_POLICY', params: { rules: expect.stringContaining('borrower.maxMonths') } });
    const lateStart = { installments: { ...plan(12).installments, firstDueDate: addDays(today(), 90) } };
    await expect(proposeOffer(s.borrowerCtx, { caseId: s.kase.id, terms: lateStart })).rejects.toMatchObject({ code: 'OFFER_POLICY', params: { rules: expect.stringContaining('installments.firstDueWindow') } });
    await expect(proposeOffer(s.borrowerCtx, { caseId: s.kase.id, terms: { installments: { ...plan(12).installments, months: -3 } } })).rejects.toHaveProperty('issues');
  });

  it('a counter beyond the mediator’s authority waits for a supervisor, unseen by the borrower, and cannot be approved by its author', async () => {
    const s = await setup();
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    const relief = { ...plan(24), relief: { penaltyWaivePct: 100, compoundWaivePct: 100, interestWaivePct: 100, principalWaive: 100_000 } };
    await expect(proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: relief })).rejects.toHaveProperty('issues'); // a reason is required
    const pending = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: relief, approvalReason: '借款人重病，无力偿还全部本金' });
    expect(pending.status).toBe('pending_approval');
    expect((await listOffers(s.borrowerCtx.actor, s.kase.id)).map((o) => o.id)).not.toContain(pending.offerId);
    expect(await statusOf(offerIds[0]!)).toBe('proposed'); // the borrower's current options stay open meanwhile
    await expect(decideApproval(s.mediatorCtx, pending.offerId, { decision: 'approve' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(acceptOffer(s.borrowerCtx, pending.offerId)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await expect(decideApproval(s.supervisorCtx, pending.offerId, { decision: 'approve' })).resolves.toEqual({ status: 'proposed' });
    expect(await statusOf(offerIds[0]!)).toBe('countered');
    expect((await listOffers(s.borrowerCtx.actor, s.kase.id)).find((o) => o.id === pending.offerId)?.status).toBe('proposed');
    await expect(acceptOffer(s.borrowerCtx, pending.offerId)).resolves.toMatchObject({ alreadyAccepted: false });
  });

  it('an amended offer carries the supervisor’s message to the borrower, when there is one (it kept the mediator’s)', async () => {
    const s = await setup();
    const relief = { ...plan(24), relief: { penaltyWaivePct: 100, compoundWaivePct: 100, interestWaivePct: 100, principalWaive: 100_000 } };
    const pending = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: relief, message: '调解员的说明', approvalReason: '借款人重病' });
    await decideApproval(s.supervisorCtx, pending.offerId, { decision: 'amend', terms: { ...plan(36), relief: { penaltyWaivePct: 100, compoundWaivePct: 100, interestWaivePct: 40, principalWaive: 0 } }, message: '已按 36 期批准' });
    const [amended] = await test.db.select().from(offers).where(eq(offers.id, pending.offerId));
    expect(amended).toMatchObject({ status: 'proposed', message: '已按 36 期批准', numberOfPayments: 36 });
    const listed = (await listOffers(s.borrowerCtx.actor, s.kase.id)).find((o) => o.id === pending.offerId);
    expect(listed?.message).toBe('已按 36 期批准');

    const t = await setup();
    const kept = await proposeOffer(t.mediatorCtx, { caseId: t.kase.id, terms: relief, message: '调解员的说明', approvalReason: '借款人重病' });
    await decideApproval(t.supervisorCtx, kept.offerId, { decision: 'amend', terms: plan(36) });
    expect((await test.db.select().from(offers).where(eq(offers.id, kept.offerId)))[0]!.message).toBe('调解员的说明');
  });

  it('a supervisor cannot approve an offer of their own, and can reject one with a reason', async () => {
    const s = await setup();
    const relief = { ...plan(24), relief: { penaltyWaivePct: 100, compoundWaivePct: 100, interestWaivePct: 100, principalWaive: 50_000 } };
    const pending = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: relief, approvalReason: '理由' });
    await expect(decideApproval(s.supervisorCtx, pending.offerId, { decision: 'reject', reason: '' })).rejects.toHaveProperty('issues');
    await decideApproval(s.supervisorCtx, pending.offerId, { decision: 'reject', reason: '本金减免需提供医疗证明' });
    expect(await statusOf(pending.offerId)).toBe('rejected');
    const own = await proposeOffer(s.supervisorCtx, { caseId: s.kase.id, terms: plan(12) });
    expect(own.status).toBe('proposed'); // within the supervisor's own authority: sent at once
  });

  it('an offer waiting for approval closes when another offer is accepted: approved later, it would have reopened the agreed case beside its agreement', async () => {
    const s = await setup();
    const relief = { ...plan(24), relief: { penaltyWaivePct: 100, compoundWaivePct: 100, interestWaivePct: 100, principalWaive: 100_000 } };
    const pending = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: relief, approvalReason: '借款人重病' });
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    await acceptOffer(s.borrowerCtx, offerIds[0]);
    expect(await statusOf(pending.offerId)).toBe('superseded');
    await expect(decideApproval(s.supervisorCtx, pending.offerId, { decision: 'approve' })).rejects.toMatchObject({ code: 'OFFER_NOT_OPEN' });
    const [kase] = await test.db.select().from(cases).where(eq(cases.id, s.kase.id));
    expect(kase!.state).toBe('agreed');
    expect(await test.db.select({ status: agreements.status }).from(agreements).where(eq(agreements.caseId, s.kase.id))).toEqual([{ status: 'awaiting_borrower' }]);
  });

  it('an offer left open on a case that has ended is neither accepted nor approved; ending the case closes it and voids the agreement not yet signed', async () => {
    // Offers written before endings closed them (as the data may hold): the services refuse them by the case's state.
    const s = await setup();
    const relief = { ...plan(24), relief: { penaltyWaivePct: 100, compoundWaivePct: 100, interestWaivePct: 100, principalWaive: 100_000 } };
    const pending = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: relief, approvalReason: '借款人重病' });
    const sent = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12) });
    const [escalated] = await test.db.update(cases).set({ state: 'escalated' }).where(eq(cases.id, s.kase.id)).returning({ version: cases.version });
    await expect(acceptOffer(s.borrowerCtx, sent.offerId)).rejects.toMatchObject({ code: 'CONFLICT', message: 'validation.caseNotNegotiating' });
    await expect(decideApproval(s.supervisorCtx, pending.offerId, { decision: 'approve' })).rejects.toMatchObject({ code: 'CONFLICT', message: 'validation.caseNotNegotiating' });
    const [after] = await test.db.select().from(cases).where(eq(cases.id, s.kase.id));
    expect(after).toMatchObject({ state: 'escalated', version: escalated!.version });
    expect(await test.db.select().from(agreements).where(eq(agreements.caseId, s.kase.id))).toEqual([]);
    // Rejecting it is still possible, and clears the supervisor's queue.
    await expect(decideApproval(s.supervisorCtx, pending.offerId, { decision: 'reject', reason: '案件已移交诉讼' })).resolves.toEqual({ status: 'rejected' });

    // Through the service: a case closed with an offer open to the borrower, one waiting for approval, and an
    // agreement awaiting the borrower's signature.
    const t = await setup();
    const { offerIds } = await requestSuggestions(t.borrowerCtx, t.kase.id);
    await acceptOffer(t.borrowerCtx, offerIds[0]);
    const [agreed] = await test.db.select().from(cases).where(eq(cases.id, t.kase.id));
    await closeCase(t.mediatorCtx, t.kase.id, { outcome: 'borrower_unreachable' }, { version: agreed!.version });
    expect(await test.db.select({ status: agreements.status }).from(agreements).where(eq(agreements.caseId, t.kase.id))).toEqual([{ status: 'void' }]);
    const voided = await test.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'agreement.voided'), sql`${auditEvents.data}->>'caseId' = ${t.kase.id}`));
    expect(voided).toHaveLength(1);

    const u = await setup();
    const waiting = await proposeOffer(u.mediatorCtx, { caseId: u.kase.id, terms: relief, approvalReason: '借款人重病' });
    const open = await proposeOffer(u.mediatorCtx, { caseId: u.kase.id, terms: plan(12) });
    await closeCase(u.mediatorCtx, u.kase.id, { outcome: 'escalated_to_litigation', amountClaimed: '50000' });
    expect(await statusOf(waiting.offerId)).toBe('superseded');
    expect(await statusOf(open.offerId)).toBe('superseded');
    await expect(acceptOffer(u.borrowerCtx, open.offerId)).rejects.toMatchObject({ code: 'OFFER_NOT_OPEN' });
    await expect(decideApproval(u.supervisorCtx, waiting.offerId, { decision: 'approve' })).rejects.toMatchObject({ code: 'OFFER_NOT_OPEN' });
    expect((await test.db.select().from(cases).where(eq(cases.id, u.kase.id)))[0]!.state).toBe('escalated');
  });

  it('a new agreement voids one left open for signature on the case (written before endings voided them): only the newest can be signed', async () => {
    const s = await setup();
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    await acceptOffer(s.borrowerCtx, offerIds[0]);
    const [first] = await test.db.select().from(agreements).where(eq(agreements.caseId, s.kase.id));
    await test.db.update(cases).set({ state: 'negotiating' }).where(eq(cases.id, s.kase.id));
    const again = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12) });
    await acceptOffer(s.borrowerCtx, again.offerId);
    const rows = await test.db.select({ id: agreements.id, status: agreements.status }).from(agreements).where(eq(agreements.caseId, s.kase.id));
    expect(rows.find((r) => r.id === first!.id)?.status).toBe('void');
    expect(rows.filter((r) => r.status === 'awaiting_borrower')).toHaveLength(1);
  });

  it('an offer priced on an earlier day is priced again at acceptance: the agreement’s debt, waivers and schedule are one day’s, and changed payments are shown before they are accepted', async () => {
    const s = await setup();
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    const id = offerIds[0]!;
    const [made] = await test.db.select().from(offers).where(eq(offers.id, id));
    // As if made four days ago (its figures then are not recomputed here: the acceptance must not trust them), and
    // ¥20,000 has arrived since: more than the penalty and compound interest the offer waives, which a payment pays first.
    const earlier = addDays(today(), -4);
    await test.db.execute(sql`update offers set priced = jsonb_set(priced, '{asOf}', to_jsonb(${earlier}::text)) where id = ${id}`);
    await makePayment(test.db, s.kase.loanId, { receivedOn: today(), amount: 2_000_000 });
    await expect(acceptOffer(s.borrowerCtx, id)).rejects.toMatchObject({ code: 'OFFER_REPRICED' });
    const [repriced] = await test.db.select().from(offers).where(eq(offers.id, id));
    expect(repriced).toMatchObject({ status: 'proposed' });
    expect(repriced!.priced.asOf).toBe(today());
    // Less to pay, by what the payment took off the debt the plan carries: what the borrower now sees.
    expect(made!.priced.owedToday.total - repriced!.priced.owedToday.total).toBe(2_000_000);
    expect(repriced!.totalPayable).toBeLessThan(made!.totalPayable - 1_000_000);
    expect(await test.db.select().from(agreements).where(eq(agreements.caseId, s.kase.id))).toEqual([]);
    // Accepted again as shown: the agreement states the debt of the day its figures were priced on, and they add up.
    await acceptOffer(s.borrowerCtx, id);
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.caseId, s.kase.id));
    const { arrears, priced } = agreement!.snapshot;
    expect(arrears.asOf).toBe(priced.asOf);
    expect(priced.owedToday.total).toBe(arrears.totalToSettle);
    expect(priced.totalPayable).toBe(repriced!.totalPayable);

    // Only the day differs (the same payments priced again): accepted at once, with the day's figures.
    const t = await setup();
    const next = (await requestSuggestions(t.borrowerCtx, t.kase.id)).offerIds[0]!;
    await test.db.execute(sql`update offers set priced = jsonb_set(priced, '{asOf}', to_jsonb(${earlier}::text)) where id = ${next}`);
    await expect(acceptOffer(t.borrowerCtx, next)).resolves.toMatchObject({ alreadyAccepted: false });
    const [second] = await test.db.select().from(agreements).where(eq(agreements.caseId, t.kase.id));
    expect(second!.snapshot.priced.asOf).toBe(today());
    expect(second!.snapshot.arrears.asOf).toBe(today());
  });

  it('the offers page shows an offer made on an earlier day priced on today’s arrears, and accepting what it showed signs those figures (it asked the borrower to look again)', async () => {
    const s = await setup();
    const id = (await requestSuggestions(s.borrowerCtx, s.kase.id)).offerIds[0]!;
    const earlier = addDays(today(), -4);
    await test.db.execute(sql`update offers set priced = jsonb_set(priced, '{asOf}', to_jsonb(${earlier}::text)) where id = ${id}`);
    await makePayment(test.db, s.kase.loanId, { receivedOn: today(), amount: 2_000_000 });
    const [made] = await test.db.select().from(offers).where(eq(offers.id, id));
    // The page: the offer with today's figures, the day it was made, and the key of what it shows.
    const workspace = await getOfferWorkspace(s.borrowerCtx.actor, s.kase.id);
    const shown = workspace.open.find((o) => o.id === id)!;
    expect(shown).toMatchObject({ pricedOn: earlier, priced: { asOf: today() } });
    // The negotiation's history lists it with the card's figures (it gave the old ones beside the new).
    expect(workspace.offers.find((o) => o.id === id)!.summary).toMatchObject({ totalPayable: shown.priced.totalPayable, regularPayment: shown.priced.regularPayment });
    expect(shown.priced.owedToday.total).toBe(made!.priced.owedToday.total - 2_000_000);
    expect(shown.priced.totalPayable).toBeLessThan(made!.totalPayable);
    // Another payment after the page was shown: what it showed is not what accepting gives, so the borrower looks again.
    await makePayment(test.db, s.kase.loanId, { receivedOn: today(), amount: 100_000 });
    await expect(acceptOffer(s.borrowerCtx, id, shown.paymentsKey)).rejects.toMatchObject({ code: 'OFFER_REPRICED' });
    // Shown again (the offer now carries today's figures, and the page shows them as they are) and accepted as shown.
    const again = (await getOfferWorkspace(s.borrowerCtx.actor, s.kase.id)).open.find((o) => o.id === id)!;
    expect(again.pricedOn).toBeNull();
    await acceptOffer(s.borrowerCtx, id, again.paymentsKey);
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.caseId, s.kase.id));
    expect(agreement!.snapshot.priced.totalPayable).toBe(again.priced.totalPayable);
    expect(agreement!.snapshot.priced.schedule.map((row) => [row.dueDate, row.amount])).toEqual(again.priced.schedule.map((row) => [row.dueDate, row.amount]));

    // Shown priced today and accepted at once: no second look.
    const t = await setup();
    const next = (await requestSuggestions(t.borrowerCtx, t.kase.id)).offerIds[0]!;
    await test.db.execute(sql`update offers set priced = jsonb_set(priced, '{asOf}', to_jsonb(${earlier}::text)) where id = ${next}`);
    await makePayment(test.db, t.kase.loanId, { receivedOn: today(), amount: 2_000_000 });
    const page = (await getOfferWorkspace(t.borrowerCtx.actor, t.kase.id)).open.find((o) => o.id === next)!;
    await expect(acceptOffer(t.borrowerCtx, next, page.paymentsKey)).resolves.toMatchObject({ alreadyAccepted: false });
    const [signed] = await test.db.select().from(agreements).where(eq(agreements.caseId, t.kase.id));
    expect(signed!.snapshot.priced.totalPayable).toBe(page.priced.totalPayable);
    // A key that is not one changes nothing: the payments differ from the offer's, so it is priced again and shown.
    const u = await setup();
    const third = (await requestSuggestions(u.borrowerCtx, u.kase.id)).offerIds[0]!;
    await test.db.execute(sql`update offers set priced = jsonb_set(priced, '{asOf}', to_jsonb(${earlier}::text)) where id = ${third}`);
    await makePayment(test.db, u.kase.loanId, { receivedOn: today(), amount: 2_000_000 });
    await expect(acceptOffer(u.borrowerCtx, third, 'not-a-key')).rejects.toMatchObject({ code: 'OFFER_REPRICED' });
  });

  it('an offer expires when its first payment falls due, if that is sooner than the policy’s days: accepted later, its agreement would begin with an installment already due', async () => {
    const s = await setup();
    // First payment in two days: open until the start of that day in the borrower's time zone, not for 7 days.
    const soon = { installments: { months: 12, method: 'equal_installment' as const, downPayment: 0, firstDueDate: addDays(today(), 2) } };
    const { offerId } = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: soon });
    const [made] = await test.db.select().from(offers).where(eq(offers.id, offerId));
    expect(made!.expiresAt.toISOString()).toBe(new Date(`${addDays(today(), 2)}T00:00:00+08:00`).toISOString());
    // One made before offers expired so (its first payment due yesterday, open for days more): refused as expired.
    const { offerId: old } = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12) });
    await test.db.execute(sql`update offers set terms = jsonb_set(terms, '{installments,firstDueDate}', to_jsonb(${addDays(today(), -1)}::text)), priced = jsonb_set(priced, '{schedule,0,dueDate}', to_jsonb(${addDays(today(), -1)}::text)) where id = ${old}`);
    await expect(acceptOffer(s.borrowerCtx, old)).rejects.toMatchObject({ code: 'OFFER_EXPIRED' });
    expect(await statusOf(old)).toBe('expired');
    expect(await test.db.select().from(agreements).where(eq(agreements.caseId, s.kase.id))).toEqual([]);
  });

  it('a hardship pause priced on an earlier day keeps its pause when priced again at acceptance (it lost it: three more months of interest, ¥818 on the demo’s 吴敏)', async () => {
    const s = await setup();
    const borrowerId = (s.borrowerCtx.actor as { id: string }).id;
    await test.db.insert(hardshipStatements).values({ caseId: s.kase.id, borrowerId, version: 1, status: 'submitted', step: 7, data: {}, disposableIncome: -50_000, submittedAt: new Date() });
    const id = (await requestSuggestions(s.borrowerCtx, s.kase.id)).offerIds[0]!;
    const [made] = await test.db.select().from(offers).where(eq(offers.id, id));
    expect(made!.terms).toMatchObject({ pause: { months: 3, interest: 'frozen' } });
    await test.db.execute(sql`update offers set priced = jsonb_set(priced, '{asOf}', to_jsonb(${addDays(today(), -4)}::text)) where id = ${id}`);
    // The same debt today: the same payments, so accepted at once, with the pause as offered.
    await expect(acceptOffer(s.borrowerCtx, id)).resolves.toMatchObject({ alreadyAccepted: false });
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.caseId, s.kase.id));
    const { priced } = agreement!.snapshot;
    expect(priced.pause).toMatchObject({ months: 3, interest: 'frozen', from: today(), interestCharged: 0 });
    expect(priced.totalPayable).toBe(made!.totalPayable);
    expect(priced.schedule.map((row) => [row.dueDate, row.amount])).toEqual(made!.priced.schedule.map((row) => [row.dueDate, row.amount]));
  });

  it('withdraws with a reason the borrower is told; declines and expiry close offers too', async () => {
    const s = await setup();
    const offer = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12) });
    await withdrawOffer(s.mediatorCtx, offer.offerId, '金额有误，将重新出具方案');
    expect(await statusOf(offer.offerId)).toBe('withdrawn');
    const told = await test.db.select().from(notifications).where(and(eq(notifications.caseId, s.kase.id), eq(notifications.template, 'offerWithdrawn'), eq(notifications.channel, 'in_app')));
    expect(told[0]!.body).toContain('金额有误');

    const second = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12) });
    await declineOffer(s.borrowerCtx, second.offerId, '每月还款太高');
    expect(await statusOf(second.offerId)).toBe('rejected');

    const third = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12) });
    await test.db.execute(sql`update offers set expires_at = now() - interval '1 minute' where id = ${third.offerId}`);
    await expect(acceptOffer(s.borrowerCtx, third.offerId)).rejects.toMatchObject({ code: 'OFFER_EXPIRED' });
    expect(await statusOf(third.offerId)).toBe('expired');

    const fourth = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: plan(12) });
    await test.db.execute(sql`update offers set expires_at = now() - interval '1 minute' where id = ${fourth.offerId}`);
    expect(await expireOffers()).toBeGreaterThanOrEqual(1);
    expect(await statusOf(fourth.offerId)).toBe('expired');
  });

  it("a borrower cannot see, accept or decline another borrower's offer", async () => {
    const s = await setup();
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    const stranger: Ctx = { actor: { type: 'borrower', id: (await makeBorrower(test.db)).id }, meta };
    await expect(listOffers(stranger.actor, s.kase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(acceptOffer(stranger, offerIds[0])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(declineOffer(stranger, offerIds[0])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(proposeOffer(stranger, { caseId: s.kase.id, terms: plan(12) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(acceptOffer(s.borrowerCtx, 'not-an-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('messages to the borrower obey the contact rules', () => {
  it('sends no SMS at night: the attempt is recorded as blocked, the SMS waits for the morning, and the in-app message still arrives', async () => {
    const s = await setup();
    const night = new Date(`${today()}T23:30:00+08:00`);
    const result = await notifyBorrower(test.db, { caseId: s.kase.id, creditorId: s.kase.creditorId, borrowerId: s.kase.borrowerId, template: 'offerExpired', values: { caseNo: s.kase.caseNo }, now: night });
    expect(result.sms).toBe('queued');
    await dispatchOutbox(test.db, { now: night });
    const [record] = await test.db.select().from(contactRecords).where(eq(contactRecords.caseId, s.kase.id));
    expect(record).toMatchObject({ outcome: 'blocked', blockedRule: 'contact.hours', channel: 'sms' });
    const sent = await test.db.select().from(notifications).where(eq(notifications.caseId, s.kase.id));
    expect(sent.map((n) => [n.channel, n.status, n.deferredBy]).sort()).toEqual([
      ['in_app', 'sent', null],
      ['sms', 'pending', 'contact.hours'],
    ]);
    expect(sent.find((n) => n.channel === 'sms')!.scheduledAt.toISOString()).toBe(new Date(new Date(`${today()}T08:00:00+08:00`).getTime() + 86_400_000).toISOString()); // 08:00 the next morning
  });
});
