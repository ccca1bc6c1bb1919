import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, cases } from '@/db/schema';
import { addDays, todayIn } from '@/lib/domain/dates';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Ctx } from '../actor';
import { acceptOffer } from '../offers/accept-offer';
import { decideApproval } from '../offers/decide-approval';
import { proposeOffer } from '../offers/propose-offer';
import { requestSuggestions } from '../offers/suggest-offers';
import { withdrawOffer } from '../offers/withdraw-offer';
import { postCaseMessage } from './case-messages';
import { claimCase } from './claim-case';
import { getCaseOverview } from './get-case-overview';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const meta = { ip: '198.51.100.30' };
const plan = (months: number) => ({ installments: { months, method: 'equal_installment' as const, downPayment: 0, firstDueDate: addDays(todayIn('Asia/Shanghai'), 15) } });

async function team() {
  const creditor = await makeCreditor(test.db);
  const ctx = async (role: 'mediator' | 'supervisor' | 'admin'): Promise<Ctx> => ({ actor: { type: 'staff', id: (await makeStaff(test.db, creditor.id, role)).id, role, creditorId: creditor.id }, meta });
  const [owner, colleague, supervisor, admin] = [await ctx('mediator'), await ctx('mediator'), await ctx('supervisor'), await ctx('admin')];
  const borrower = await makeBorrower(test.db);
  const assigned = (await makeLoanWithCase(test.db, creditor.id, borrower.id, owner.actor.id)).case;
  const unassigned = (await makeLoanWithCase(test.db, creditor.id, borrower.id)).case;
  const borrowerCtx: Ctx = { actor: { type: 'borrower', id: borrower.id }, meta };
  return { creditor, owner, colleague, supervisor, admin, borrowerCtx, assigned, unassigned };
}

describe('who acts on a case (mediator scope)', () => {
  it('a mediator acts on their own case; another mediator of the creditor reads it but acts on nothing', async () => {
    const t = await team();
    const { offerIds } = await requestSuggestions(t.borrowerCtx, t.assigned.id);
    const counter = await proposeOffer(t.owner, { caseId: t.assigned.id, terms: plan(18) });
    await expect(postCaseMessage(t.owner, { caseId: t.assigned.id, body: '您好' })).resolves.toHaveProperty('id');

    await expect(getCaseOverview(t.colleague.actor, t.assigned.id)).resolves.toMatchObject({ id: t.assigned.id, access: 'read' });
    const notAssigned = { code: 'NOT_ASSIGNED' };
    await expect(proposeOffer(t.colleague, { caseId: t.assigned.id, terms: plan(12) })).rejects.toMatchObject(notAssigned);
    await expect(postCaseMessage(t.colleague, { caseId: t.assigned.id, body: '我来处理' })).rejects.toMatchObject(notAssigned);
    await expect(withdrawOffer(t.colleague, counter.offerId, '不是我的案件')).rejects.toMatchObject(notAssigned);
    await expect(requestSuggestions(t.colleague, t.assigned.id)).rejects.toMatchObject(notAssigned);
    await expect(claimCase(t.colleague, t.assigned.id)).rejects.toMatchObject({ code: 'CASE_TAKEN' });
    const proposal = await proposeOffer(t.borrowerCtx, { caseId: t.assigned.id, terms: plan(24) });
    await expect(acceptOffer(t.colleague, proposal.offerId)).rejects.toMatchObject(notAssigned);
    expect(offerIds.length).toBeGreaterThan(0);
  });

  it('an unassigned case is claimed first, by one mediator only, and then theirs', async () => {
    const t = await team();
    await expect(getCaseOverview(t.owner.actor, t.unassigned.id)).resolves.toMatchObject({ access: 'claim' });
    await expect(proposeOffer(t.owner, { caseId: t.unassigned.id, terms: plan(12) })).rejects.toMatchObject({ code: 'NOT_ASSIGNED' });
    // Two claim at once: one wins, the other is told.
    const results = await Promise.allSettled([claimCase(t.owner, t.unassigned.id), claimCase(t.colleague, t.unassigned.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CASE_TAKEN' } });
    const [row] = await test.db.select().from(cases).where(eq(cases.id, t.unassigned.id));
    const winner = row!.assigneeId === t.owner.actor.id ? t.owner : t.colleague;
    expect([t.owner.actor.id, t.colleague.actor.id]).toContain(row!.assigneeId);
    await expect(proposeOffer(winner, { caseId: t.unassigned.id, terms: plan(12) })).resolves.toMatchObject({ status: 'proposed' });
    await expect(getCaseOverview(winner.actor, t.unassigned.id)).resolves.toMatchObject({ access: 'act' });
    const claims = await test.db.select().from(auditEvents).where(eq(auditEvents.entityId, t.unassigned.id));
    expect(claims.filter((e) => e.action === 'case.claimed')).toHaveLength(1);
    // Claiming one's own case again changes nothing.
    const [now] = await test.db.select().from(cases).where(eq(cases.id, t.unassigned.id));
    await expect(claimCase(winner, t.unassigned.id)).resolves.toEqual({ version: now!.version });
  });

  it('a supervisor acts on every case of their creditor, and on no other creditor’s', async () => {
    const t = await team();
    await expect(proposeOffer(t.supervisor, { caseId: t.assigned.id, terms: plan(12) })).resolves.toMatchObject({ status: 'proposed' });
    await expect(postCaseMessage(t.supervisor, { caseId: t.unassigned.id, body: '主管跟进' })).resolves.toHaveProperty('id');
    const other = await team();
    await expect(proposeOffer(t.supervisor, { caseId: other.assigned.id, terms: plan(12) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an admin reads every case of their creditor and acts on none', async () => {
    const t = await team();
    await expect(getCaseOverview(t.admin.actor, t.assigned.id)).resolves.toMatchObject({ access: 'read' });
    const readOnly = { code: 'READ_ONLY' };
    await expect(postCaseMessage(t.admin, { caseId: t.assigned.id, body: '管理员' })).rejects.toMatchObject(readOnly);
    await expect(proposeOffer(t.admin, { caseId: t.assigned.id, terms: plan(12) })).rejects.toMatchObject(readOnly);
    await expect(claimCase(t.admin, t.unassigned.id)).rejects.toMatchObject(readOnly);
    const relief = { ...plan(24), relief: { penaltyWaivePct: 100, compoundWaivePct: 100, interestWaivePct: 100, principalWaive: 50_000 } };
    const pending = await proposeOffer(t.owner, { caseId: t.assigned.id, terms: relief, approvalReason: '借款人重病' });
    await expect(decideApproval(t.admin, pending.offerId, { decision: 'approve' })).rejects.toMatchObject(readOnly);
    await expect(decideApproval(t.supervisor, pending.offerId, { decision: 'approve' })).resolves.toMatchObject({ status: 'proposed' });
  });

  it('a borrower acts on their own case only', async () => {
    const t = await team();
    await expect(postCaseMessage(t.borrowerCtx, { caseId: t.unassigned.id, body: '请问进展' })).resolves.toHaveProperty('id');
    const stranger: Ctx = { actor: { type: 'borrower', id: (await makeBorrower(test.db)).id }, meta };
    await expect(postCaseMessage(stranger, { caseId: t.unassigned.id, body: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
