import { eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, caseFacts, caseOutcomes, cases } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { todayIn } from '@/lib/domain/dates';
import { makeBorrower, makeCreditor, makeLoanWithCase, makePayment, makeStaff } from '@/lib/testing/factories';
import type { CaseState } from '@/lib/domain/case-state';
import type { Ctx } from '../actor';
import { closeCase } from './close-case';
import { listCaseOutcomes } from './list-outcomes';
import { reopenCase } from './reopen-case';
import { flagEscalationReviews } from '../review/flag-escalation-reviews';
import { listEscalationReview } from '../review/list-escalation-review';
import { decideEscalationReview } from '../review/decide-escalation-review';

let test: TestDatabase;
let creditorId: string;
let mediator: Ctx;
let otherMediator: Ctx;
let supervisor: Ctx;
let admin: Ctx;
let otherCreditorSupervisor: Ctx;
const ctxOf = (s: { id: string; role: 'mediator' | 'supervisor' | 'admin'; creditorId: string | null }): Ctx => ({ actor: { type: 'staff', id: s.id, role: s.role, creditorId: s.creditorId }, meta: {} });

beforeAll(async () => {
  test = await createTestDatabase();
  const creditor = await makeCreditor(test.db);
  creditorId = creditor.id;
  mediator = ctxOf(await makeStaff(test.db, creditorId, 'mediator'));
  otherMediator = ctxOf(await makeStaff(test.db, creditorId, 'mediator'));
  supervisor = ctxOf(await makeStaff(test.db, creditorId, 'supervisor'));
  admin = ctxOf(await makeStaff(test.db, null, 'admin'));
  const other = await makeCreditor(test.db);
  otherCreditorSupervisor = ctxOf(await makeStaff(test.db, other.id, 'supervisor'));
});
afterAll(() => test.drop());

async function caseIn(state: CaseState, assignee = mediator.actor.id!) {
  const borrower = await makeBorrower(test.db);
  const { case: kase } = await makeLoanWithCase(test.db, creditorId, borrower.id, assignee);
  await test.db.update(cases).set({ state }).where(eq(cases.id, kase.id));
  return kase.id;
}
const stateOf = async (id: string) => (await test.db.select().from(cases).where(eq(cases.id, id)))[0]!;

describe('outcomes through the case state machine', () => {
  it.each([
    ['no_agreement', 'negotiating', 'closed'],
    ['borrower_unreachable', 'invited', 'closed'],
    ['dispute', 'engaged', 'closed'],
    ['withdrawn_by_creditor', 'hardship_submitted', 'closed'],
    ['withdrawn_by_creditor', 'plan_active', 'closed'],
    ['paid_in_full', 'negotiating', 'closed'],
    ['paid_in_full', 'plan_active', 'completed'],
    ['partial_settlement', 'breached', 'closed'],
    ['escalated_to_litigation', 'negotiating', 'escalated'],
  ] as const)('%s from %s ends the case as %s, audited, with its amounts', async (outcome, from, to) => {
    const id = await caseIn(from);
    const amounts = { amountRecovered: '1234.50', amountWaived: '200', amountClaimed: '59999.99' };
    const result = await closeCase(supervisor, id, { outcome, ...amounts, note: '结案说明' });
    expect(result.state).toBe(to);
    const kase = await stateOf(id);
    expect(kase.state).toBe(to);
    expect(kase.closedAt).not.toBeNull();
    const [row] = await test.db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, id));
    // Only the amounts the outcome carries are kept.
    expect({ r: row!.amountRecovered, w: row!.amountWaived, c: row!.amountClaimed }).toEqual({
      r: outcome === 'paid_in_full' || outcome === 'partial_settlement' ? 123_450 : null,
      w: outcome === 'partial_settlement' ? 20_000 : null,
      c: outcome === 'escalated_to_litigation' ? 5_999_999 : null,
    });
    expect(row).toMatchObject({ outcome, fromState: from, toState: to, recordedBy: supervisor.actor.id, note: '结案说明', supersededAt: null });
    const audit = await test.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['case.outcome_recorded', 'case.state_changed']));
    expect((await test.db.select().from(caseFacts).where(eq(caseFacts.caseId, id)))[0]!.outcome).toBe(outcome);
  });

  it('refuses what the state machine does not allow, and a stale version', async () => {
    const completed = await caseIn('completed');
    await expect(closeCase(supervisor, completed, { outcome: 'no_agreement' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const open = await caseIn('negotiating');
    const { version } = await stateOf(open);
    await expect(closeCase(supervisor, open, { outcome: 'dispute' }, { version: version - 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await stateOf(open)).state).toBe('negotiating');
  });

  it('asks for the amounts an outcome carries, beside their fields', async () => {
    const id = await caseIn('negotiating');
    const error = await closeCase(supervisor, id, { outcome: 'partial_settlement', amountRecovered: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['amountRecovered', 'validation.required'],
      ['amountWaived', 'validation.required'],
    ]);
    await expect(closeCase(supervisor, id, { outcome: 'paid_in_full', amountRecovered: '-5' })).rejects.toBeInstanceOf(ZodError);
    await expect(closeCase(supervisor, id, { outcome: 'agreement_signed' as never })).rejects.toBeInstanceOf(ZodError);
  });

  it('refuses amounts beyond the debt beside their fields: a claim above what is enforceable, more received and waived than was owed', async () => {
    // The factory's loan: ¥60,000 at 7.2% over twelve months from 15 Jan 2026, nothing paid. Whatever has run on it,
    // the legal cap (24% a year) keeps what settles it under ¥60,000 × (1 + 24% × 2) = ¥88,800.
    const id = await caseIn('negotiating');
    const claimed = (await closeCase(supervisor, id, { outcome: 'escalated_to_litigation', amountClaimed: '9999999' }).catch((e: unknown) => e)) as { field: string; message: string; params: { max: number } };
    expect(claimed).toMatchObject({ field: 'amountClaimed', message: 'validation.claimAboveEnforceable' });
    expect(claimed.params.max).toBeGreaterThan(60_000);
    expect(claimed.params.max).toBeLessThan(88_800);
    await expect(closeCase(supervisor, id, { outcome: 'escalated_to_litigation', amountClaimed: (claimed.params.max + 0.01).toFixed(2) })).rejects.toMatchObject({ field: 'amountClaimed' });
    const settled = (await closeCase(supervisor, id, { outcome: 'partial_settlement', amountRecovered: '999999', amountWaived: '217.61' }).catch((e: unknown) => e)) as { field: string; message: string; params: { max: number } };
    expect(settled).toMatchObject({ field: 'amountRecovered', message: 'validation.outcomeAboveOwed' });
    // Received since the case opened counts: ¥2,000 paid leaves ¥2,000 less to settle and the same most in all.
    const kase = await stateOf(id);
    await makePayment(test.db, kase.loanId, { receivedOn: todayIn('Asia/Shanghai'), amount: 200_000 });
    const after = (await closeCase(supervisor, id, { outcome: 'partial_settlement', amountRecovered: '999999', amountWaived: '0.01' }).catch((e: unknown) => e)) as { params: { max: number } };
    expect(Math.abs(after.params.max - settled.params.max)).toBeLessThan(1);
    expect((await stateOf(id)).state).toBe('negotiating');
    // Within them, it closes.
    await expect(closeCase(supervisor, id, { outcome: 'escalated_to_litigation', amountClaimed: '50000' })).resolves.toMatchObject({ state: 'escalated' });
  });

  it('lets the case mediator and supervisors close; not another mediator, an admin, or another creditor', async () => {
    const id = await caseIn('negotiating');
    await expect(closeCase(otherMediator, id, { outcome: 'dispute' })).rejects.toMatchObject({ code: 'NOT_ASSIGNED' });
    await expect(closeCase(admin, id, { outcome: 'dispute' })).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(closeCase(otherCreditorSupervisor, id, { outcome: 'dispute' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(closeCase(mediator, id, { outcome: 'dispute' })).resolves.toMatchObject({ state: 'closed' });
  });

  it('reopens a closed case with a fresh window, the earlier outcome kept on record', async () => {
    const id = await caseIn('negotiating');
    await closeCase(mediator, id, { outcome: 'no_agreement' });
    const now = new Date('2030-01-01T00:00:00Z');
    await expect(reopenCase(mediator, id, { reason: '' })).rejects.toBeInstanceOf(ZodError);
    const reopened = await reopenCase(mediator, id, { reason: '借款人要求重新协商' }, { now });
    expect(reopened.state).toBe('negotiating');
    const kase = await stateOf(id);
    expect(kase).toMatchObject({ state: 'negotiating', closedAt: null });
    expect(kase.mediationDeadline.toISOString()).toBe('2030-01-31T00:00:00.000Z');
    const history = await listCaseOutcomes(supervisor.actor, id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ outcome: 'no_agreement', current: false, supersededReason: 'reopened: 借款人要求重新协商' });
    expect((await test.db.select().from(caseFacts).where(eq(caseFacts.caseId, id)))[0]).toMatchObject({ outcome: null, concludedAt: null });
    // Closed again: both outcomes on record, one current.
    await closeCase(mediator, id, { outcome: 'paid_in_full', amountRecovered: '100' });
    const again = await listCaseOutcomes(mediator.actor, id);
    expect(again.map((o) => [o.outcome, o.current])).toEqual([['paid_in_full', true], ['no_agreement', false]]);
    // An open case is not reopened.
    const open = await caseIn('engaged');
    await expect(reopenCase(mediator, open, { reason: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps a reopened case closed when a newer case on the loan is open', async () => {
    const borrower = await makeBorrower(test.db);
    const { case: first, loan } = await makeLoanWithCase(test.db, creditorId, borrower.id, mediator.actor.id);
    await closeCase(mediator, first.id, { outcome: 'no_agreement' });
    await test.db.insert(cases).values({ caseNo: `NEWER-${first.caseNo}`, creditorId, borrowerId: borrower.id, loanId: loan.id, dpdAtOpen: 60, arrearsAtOpen: 1, mediationDeadline: new Date(Date.now() + 86_400_000) });
    await expect(reopenCase(mediator, first.id, { reason: '再协商' })).rejects.toMatchObject({ code: 'CONFLICT', params: { reason: 'newer_case_open' } });
    expect((await stateOf(first.id)).state).toBe('closed');
  });
});

describe('the escalation review list', () => {
  it('takes in cases whose window ended with no agreement, once, and lets a supervisor extend, close or escalate', async () => {
    const expired = await caseIn('negotiating');
    const agreed = await caseIn('agreed');
    const future = await caseIn('engaged');
    const past = new Date(Date.now() - 86_400_000);
    await test.db.update(cases).set({ mediationDeadline: past }).where(eq(cases.id, expired));
    await test.db.update(cases).set({ mediationDeadline: past }).where(eq(cases.id, agreed));
    const now = new Date();
    expect(await flagEscalationReviews(now)).toBeGreaterThanOrEqual(1);
    expect(await flagEscalationReviews(now)).toBe(0); // idempotent
    const list = await listEscalationReview(supervisor.actor);
    const ids = list.map((r) => r.id);
    expect(ids).toContain(expired);
    expect(ids).not.toContain(agreed); // an agreement is being signed
    expect(ids).not.toContain(future);
    expect(await listEscalationReview(otherCreditorSupervisor.actor)).toEqual([]);
    await expect(listEscalationReview(mediator.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Extend: with the borrower's agreement, recorded.
    const extend = { days: '14', agreedVia: 'phone', agreedOn: '2026-11-20', borrowerConfirmed: true, note: '借款人电话同意延期两周' } as const;
    await expect(decideEscalationReview(mediator, expired, { decision: 'extend', input: extend })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decideEscalationReview(admin, expired, { decision: 'extend', input: extend })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decideEscalationReview(supervisor, expired, { decision: 'extend', input: { ...extend, borrowerConfirmed: false as never } })).rejects.toBeInstanceOf(ZodError);
    const result = await decideEscalationReview(supervisor, expired, { decision: 'extend', input: extend }, { now });
    expect(result).toMatchObject({ decision: 'extend', mediationDeadline: new Date(now.getTime() + 14 * 86_400_000).toISOString() });
    const kase = await stateOf(expired);
    expect(kase).toMatchObject({ escalationReviewSince: null, deadlineExtensions: 1, state: 'negotiating' });
    const [audit] = await test.db.select().from(auditEvents).where(eq(auditEvents.action, 'case.deadline_extended'));
    expect(audit!.data).toMatchObject({ days: 14, borrowerAgreement: { via: 'phone', on: '2026-11-20', note: '借款人电话同意延期两周' } });
    // Deciding again is refused: it is no longer on the list.
    await expect(decideEscalationReview(supervisor, expired, { decision: 'extend', input: extend })).rejects.toMatchObject({ code: 'CONFLICT' });
    // When the new deadline passes it comes back.
    expect(await flagEscalationReviews(new Date(now.getTime() + 15 * 86_400_000))).toBeGreaterThanOrEqual(1);
    // Escalate: to litigation, with the amount claimed.
    const escalated = await decideEscalationReview(supervisor, expired, { decision: 'escalate', input: { amountClaimed: '8000', note: '移交诉讼' } });
    expect(escalated.state).toBe('escalated');
    expect((await listCaseOutcomes(supervisor.actor, expired))[0]).toMatchObject({ outcome: 'escalated_to_litigation', amountClaimed: 800_000 });
  });

  it('closes a case on the list with an outcome', async () => {
    const id = await caseIn('invited');
    await test.db.update(cases).set({ mediationDeadline: new Date(Date.now() - 1000) }).where(eq(cases.id, id));
    await flagEscalationReviews();
    const result = await decideEscalationReview(supervisor, id, { decision: 'close', input: { outcome: 'borrower_unreachable', note: '多次联系未果' } });
    expect(result.state).toBe('closed');
    expect((await listEscalationReview(supervisor.actor)).map((r) => r.id)).not.toContain(id);
  });
});
