import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditors } from '@/db/schema';
import { defaultPolicy } from '@/lib/domain/policy';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { listMyCasesAndLoans } from './borrowers/list-my-cases';
import { listCases } from './cases/list-cases';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('what each user may see', () => {
  it("never returns another borrower's cases or loans", async () => {
    const creditor = await makeCreditor(test.db);
    const alice = await makeBorrower(test.db, { fullName: '王芳' });
    const bob = await makeBorrower(test.db, { fullName: '刘强' });
    const a1 = await makeLoanWithCase(test.db, creditor.id, alice.id);
    const a2 = await makeLoanWithCase(test.db, creditor.id, alice.id);
    const b1 = await makeLoanWithCase(test.db, creditor.id, bob.id);
    const mine = await listMyCasesAndLoans({ type: 'borrower', id: alice.id });
    expect(mine.cases.map((c) => c.id).sort()).toEqual([a1.case.id, a2.case.id].sort());
    expect(mine.loans.map((l) => l.id).sort()).toEqual([a1.loan.id, a2.loan.id].sort());
    expect(JSON.stringify(mine)).not.toContain(b1.case.id);
    expect(JSON.stringify(mine)).not.toContain(b1.loan.contractNo);
  });

  it("prices each of a borrower's loans under its own creditor's policy", async () => {
    const { getLoanDetail } = await import('./loans/get-loan-detail');
    const strict = await makeCreditor(test.db);
    const lenient = await makeCreditor(test.db);
    await test.db.update(creditors).set({ policy: { ...defaultPolicy, penaltyMarkupPct: 30 } }).where(eq(creditors.id, lenient.id));
    const borrower = { type: 'borrower' as const, id: (await makeBorrower(test.db)).id };
    const fromStrict = await makeLoanWithCase(test.db, strict.id, borrower.id);
    const fromLenient = await makeLoanWithCase(test.db, lenient.id, borrower.id);
    const { loans: home } = await listMyCasesAndLoans(borrower);
    const overdueOn = (id: string) => home.find((l) => l.id === id)!.totalOverdue;
    // The same schedule, so only the penalty markup (50% against 30%) sets them apart.
    expect(overdueOn(fromLenient.loan.id)).toBeLessThan(overdueOn(fromStrict.loan.id));
    for (const { loan } of [fromStrict, fromLenient]) {
      expect(overdueOn(loan.id)).toBe((await getLoanDetail(borrower, loan.id)).arrears.totals.totalOverdue);
    }
  });

  it('refuses the borrower service to anyone but a borrower', async () => {
    await expect(listMyCasesAndLoans({ type: 'anonymous' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("shows staff only their own creditor's cases, with masked phone numbers", async () => {
    const ours = await makeCreditor(test.db);
    const theirs = await makeCreditor(test.db);
    const mediator = await makeStaff(test.db, ours.id);
    const borrower = await makeBorrower(test.db);
    const own = await makeLoanWithCase(test.db, ours.id, borrower.id, mediator.id);
    const foreign = await makeLoanWithCase(test.db, theirs.id, borrower.id);
    const actor = { type: 'staff' as const, id: mediator.id, role: 'mediator' as const, creditorId: ours.id };
    const { rows, total } = await listCases(actor, {});
    expect(rows.map((r) => r.id)).toContain(own.case.id);
    expect(rows.map((r) => r.id)).not.toContain(foreign.case.id);
    expect(total).toBe(rows.length);
    expect(rows.find((r) => r.id === own.case.id)!.borrowerPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const mineOnly = await listCases(actor, { mine: true });
    expect(mineOnly.rows.map((r) => r.id)).toEqual([own.case.id]);
  });

  it('refuses the staff list to a borrower', async () => {
    await expect(listCases({ type: 'borrower', id: crypto.randomUUID() }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('case, loan and thread services refuse strangers with "not found"', () => {
  it('for every id a stranger might pass', async () => {
    const { getCaseOverview } = await import('./cases/get-case-overview');
    const { getLoanDetail } = await import('./loans/get-loan-detail');
    const { listCaseMessages, postCaseMessage, recordCaseViewed } = await import('./cases/case-messages');
    const creditor = await makeCreditor(test.db);
    const owner = await makeBorrower(test.db);
    const { case: kase, loan } = await makeLoanWithCase(test.db, creditor.id, owner.id);
    const stranger = { type: 'borrower' as const, id: (await makeBorrower(test.db)).id };
    const otherCreditor = await makeCreditor(test.db);
    const foreignStaff = { type: 'staff' as const, id: (await makeStaff(test.db, otherCreditor.id)).id, role: 'mediator' as const, creditorId: otherCreditor.id };
    const notFound = { code: 'NOT_FOUND' };
    for (const actor of [stranger, foreignStaff, { type: 'anonymous' as const }]) {
      await expect(getCaseOverview(actor, kase.id)).rejects.toMatchObject(notFound);
      await expect(getLoanDetail(actor, loan.id)).rejects.toMatchObject(notFound);
      await expect(listCaseMessages(actor, kase.id)).rejects.toMatchObject(notFound);
      await expect(postCaseMessage({ actor, meta: {} }, { caseId: kase.id, body: 'hello' })).rejects.toMatchObject(notFound);
    }
    await expect(recordCaseViewed({ actor: stranger, meta: {} }, kase.id)).rejects.toMatchObject(notFound);
    await expect(getCaseOverview(stranger, "1' or '1'='1")).rejects.toMatchObject(notFound);
    // The owner and the creditor's own staff do see it.
    const ownStaff = { type: 'staff' as const, id: (await makeStaff(test.db, creditor.id)).id, role: 'mediator' as const, creditorId: creditor.id };
    await expect(getCaseOverview({ type: 'borrower', id: owner.id }, kase.id)).resolves.toMatchObject({ id: kase.id });
    await expect(getLoanDetail(ownStaff, loan.id)).resolves.toMatchObject({ id: loan.id });
  });

  it('moves a case from invited to engaged the first time its borrower opens it, once', async () => {
    const { recordCaseViewed } = await import('./cases/case-messages');
    const { getCaseOverview } = await import('./cases/get-case-overview');
    const creditor = await makeCreditor(test.db);
    const owner = await makeBorrower(test.db);
    const { case: kase } = await makeLoanWithCase(test.db, creditor.id, owner.id);
    const ctx = { actor: { type: 'borrower' as const, id: owner.id }, meta: {} };
    await Promise.all([recordCaseViewed(ctx, kase.id), recordCaseViewed(ctx, kase.id)]);
    const overview = await getCaseOverview(ctx.actor, kase.id);
    expect(overview).toMatchObject({ state: 'engaged', version: 2 });
  });
});
