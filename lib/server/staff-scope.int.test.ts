import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Actor } from './actor';
import { claimCase } from './cases/claim-case';
import { getCaseOverview } from './cases/get-case-overview';
import { listCases } from './cases/list-cases';
import { getLoanDetail } from './loans/get-loan-detail';
import { deactivateStaff } from './staff/deactivate-staff';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const staffActor = (row: { id: string; role: 'mediator' | 'supervisor' | 'admin'; creditorId: string | null }): Extract<Actor, { type: 'staff' }> => ({
  type: 'staff',
  id: row.id,
  role: row.role,
  creditorId: row.creditorId,
});

describe("the mediation centre's staff serve every creditor; a creditor's staff only their own", () => {
  it('lists, opens and claims cases across creditors for the centre, and only its own for a creditor', async () => {
    const bankA = await makeCreditor(test.db);
    const bankB = await makeCreditor(test.db);
    const borrower = await makeBorrower(test.db);
    const ofA = await makeLoanWithCase(test.db, bankA.id, borrower.id);
    const ofB = await makeLoanWithCase(test.db, bankB.id, borrower.id);
    const centreMediator = staffActor(await makeStaff(test.db, null, 'mediator'));
    const mediatorOfA = staffActor(await makeStaff(test.db, bankA.id, 'mediator'));

    const centreIds = (await listCases(centreMediator, {})).rows.map((r) => r.id);
    expect(centreIds).toEqual(expect.arrayContaining([ofA.case.id, ofB.case.id]));
    const ownIds = (await listCases(mediatorOfA, {})).rows.map((r) => r.id);
    expect(ownIds).toContain(ofA.case.id);
    expect(ownIds).not.toContain(ofB.case.id);

    expect((await getCaseOverview(centreMediator, ofB.case.id)).id).toBe(ofB.case.id);
    await expect(getCaseOverview(mediatorOfA, ofB.case.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getLoanDetail(centreMediator, ofB.loan.id)).contractNo).toBe(ofB.loan.contractNo);
    await expect(getLoanDetail(mediatorOfA, ofB.loan.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await expect(claimCase({ actor: mediatorOfA, meta: {} }, ofB.case.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getCaseOverview(centreMediator, ofB.case.id)).access).toBe('claim');
    await claimCase({ actor: centreMediator, meta: {} }, ofB.case.id);
    expect((await getCaseOverview(centreMediator, ofB.case.id)).access).toBe('act');
  });

  it("lets a creditor's admin deactivate only that creditor's staff, and the centre's admin anyone", async () => {
    const bankA = await makeCreditor(test.db);
    const bankB = await makeCreditor(test.db);
    const adminOfA = staffActor(await makeStaff(test.db, bankA.id, 'admin'));
    const centreAdmin = staffActor(await makeStaff(test.db, null, 'admin'));
    const mediatorOfB = await makeStaff(test.db, bankB.id, 'mediator');
    const centreMediator = await makeStaff(test.db, null, 'mediator');
    await expect(deactivateStaff({ actor: adminOfA, meta: {} }, mediatorOfB.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deactivateStaff({ actor: adminOfA, meta: {} }, centreMediator.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deactivateStaff({ actor: centreAdmin, meta: {} }, mediatorOfB.id)).resolves.toEqual({ endedSessions: 0 });
  });
});
