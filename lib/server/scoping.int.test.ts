import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
