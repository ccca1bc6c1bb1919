import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, creditors, offers, payments } from '@/db/schema';
import { computeArrears } from '@/lib/domain/arrears';
import { defaultPolicy } from '@/lib/domain/policy';
import { makeBorrower, makeCreditor, makeLoanWithCase, makePayment } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { arrearsOf, borrowerLoansWithHistory, loanPartiesWithHistory, loanWithHistory } from './loan-history';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('a loan read in one round trip', () => {
  it('agrees with the separate reads: schedule, payments in order, arrears, and cases newest first', async () => {
    const strict = await makeCreditor(test.db);
    const lenient = await makeCreditor(test.db);
    await test.db.update(creditors).set({ policy: { ...defaultPolicy, penaltyMarkupPct: 30 } }).where(eq(creditors.id, lenient.id));
    const borrower = await makeBorrower(test.db);
    const first = await makeLoanWithCase(test.db, strict.id, borrower.id);
    const second = await makeLoanWithCase(test.db, lenient.id, borrower.id);
    // Recorded out of order, and two on one day: read back by day, then by when they were recorded.
    await makePayment(test.db, first.loan.id, { receivedOn: '2026-03-20', amount: 120_000, channel: 'alipay' });
    await makePayment(test.db, first.loan.id, { receivedOn: '2026-02-01', amount: 80_000 });
    await makePayment(test.db, first.loan.id, { receivedOn: '2026-03-20', amount: 1_001 });
    // An earlier case on the second loan, closed, then the open one: newest first.
    await test.db.update(cases).set({ state: 'closed', openedAt: new Date('2026-01-02T03:04:05.678Z'), closedAt: new Date() }).where(eq(cases.id, second.case.id));
    const [reopened] = await test.db
      .insert(cases)
      .values({ caseNo: `TCASE-${crypto.randomUUID()}`, creditorId: lenient.id, borrowerId: borrower.id, loanId: second.loan.id, dpdAtOpen: 60, arrearsAtOpen: 2_000_000, mediationDeadline: new Date('2026-12-31T15:59:59.999Z') })
      .returning();

    // A case on this borrower's loan recorded for someone else (a data error) is not theirs to see.
    const someoneElse = await makeBorrower(test.db);
    await test.db.insert(cases).values({ caseNo: `TCASE-${crypto.randomUUID()}`, creditorId: strict.id, borrowerId: someoneElse.id, loanId: first.loan.id, state: 'closed', dpdAtOpen: 1, arrearsAtOpen: 1, mediationDeadline: new Date() });

    const { loans, cases: caseRows } = await borrowerLoansWithHistory(test.db, borrower.id);
    expect(loans.map((l) => l.loan.id)).toEqual([first.loan, second.loan].sort((a, b) => a.contractNo.localeCompare(b.contractNo)).map((l) => l.id));

    const all = await test.db.select().from(cases).where(and(inArray(cases.loanId, [first.loan.id, second.loan.id]), eq(cases.borrowerId, borrower.id)));
    expect(caseRows.map((c) => c.id)).toEqual(all.sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime()).map((c) => c.id));
    expect(caseRows[0]!.id).toBe(reopened!.id);
    for (const row of caseRows) {
      const stored = all.find((c) => c.id === row.id)!;
      expect(row).toEqual({
        id: stored.id,
        caseNo: stored.caseNo,
        state: stored.state,
        loanId: stored.loanId,
        openedAt: stored.openedAt,
        mediationDeadline: stored.mediationDeadline,
        next: { hardship: 'none', offersToAnswer: 0, ownProposalOpen: false, agreement: null, reviewPending: false, agreementLapsed: false },
        firstOfferEnds: null,
      });
    }

    const asOf = '2026-06-30';
    for (const history of loans) {
      const policy = history.creditor.id === lenient.id ? { ...defaultPolicy, penaltyMarkupPct: 30 } : defaultPolicy;
      // The separate reads, as plain drizzle queries.
      const { rows: schedule } = await test.db.execute<{ seq: number; dueDate: string; principalDue: number; interestDue: number; feesDue: number }>(
        sql`select s.seq::int as "seq", s.due::text as "dueDate", s.principal::float8 as "principalDue", s.interest::float8 as "interestDue", s.fees::float8 as "feesDue"
            from loans l cross join lateral unnest(l.schedule_due_dates, l.schedule_principal, l.schedule_interest, l.schedule_fees) with ordinality as s(due, principal, interest, fees, seq)
            where l.id = ${history.loan.id} order by s.seq`,
      );
      const paid = (await test.db.select().from(payments).where(eq(payments.loanId, history.loan.id)).orderBy(asc(payments.receivedOn), asc(payments.createdAt))).map((p) => ({ receivedOn: p.receivedOn, amount: p.amount, channel: p.channel }));
      expect(history.schedule).toEqual(schedule);
      expect(history.payments).toEqual(paid);
      const { principal, annualRatePpm, startDate } = history.loan;
      expect(arrearsOf(history, asOf, policy)).toEqual(computeArrears({ loan: { principal, annualRatePpm, startDate }, installments: schedule, payments: paid, asOf, policy }));
    }
    expect(loans.find((l) => l.loan.id === first.loan.id)!.payments.map((p) => p.amount)).toEqual([80_000, 120_000, 1_001]);
  });

  it("reads with each case what its next step depends on: offers to answer, the borrower's own proposal, the statement, the agreement, a review", async () => {
    const { requestSuggestions } = await import('../offers/suggest-offers');
    const { proposeOffer } = await import('../offers/propose-offer');
    const { hardshipStatements } = await import('@/db/schema');
    const creditor = await makeCreditor(test.db);
    const borrower = await makeBorrower(test.db);
    const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id);
    const ctx = { actor: { type: 'borrower' as const, id: borrower.id }, meta: {} };
    const next = async () => (await borrowerLoansWithHistory(test.db, borrower.id)).cases[0]!.next;
    expect(await next()).toEqual({ hardship: 'none', offersToAnswer: 0, ownProposalOpen: false, agreement: null, reviewPending: false, agreementLapsed: false });
    await test.db.insert(hardshipStatements).values({ caseId: kase.id, borrowerId: borrower.id, version: 1, status: 'submitted', step: 7, data: {}, disposableIncome: -1, submittedAt: new Date() });
    const { offerIds } = await requestSuggestions(ctx, kase.id);
    const firstDueDate = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
    await proposeOffer(ctx, { caseId: kase.id, terms: { installments: { months: 24, method: 'equal_installment', downPayment: 0, firstDueDate } } });
    expect(await next()).toEqual({ hardship: 'submitted', offersToAnswer: offerIds.length, ownProposalOpen: true, agreement: null, reviewPending: true, agreementLapsed: false });
    // When the first offer to answer ends: the earliest of the suggestions' expiries (the borrower's own proposal is not one to answer).
    const toAnswer = await test.db.select({ expiresAt: offers.expiresAt }).from(offers).where(inArray(offers.id, offerIds));
    const firstEnds = (await borrowerLoansWithHistory(test.db, borrower.id)).cases[0]!.firstOfferEnds;
    expect(firstEnds?.getTime()).toBe(Math.min(...toAnswer.map((o) => o.expiresAt.getTime())));
    // One of them ending sooner (to the millisecond) is the first.
    const sooner = new Date(Math.min(...toAnswer.map((o) => o.expiresAt.getTime())) - 3_600_123);
    await test.db.update(offers).set({ expiresAt: sooner }).where(eq(offers.id, offerIds.at(-1)!));
    expect((await borrowerLoansWithHistory(test.db, borrower.id)).cases[0]!.firstOfferEnds).toEqual(sooner);
    // The borrower's own proposal, ending sooner still, is not one to answer.
    await test.db.update(offers).set({ expiresAt: new Date(sooner.getTime() - 60_000) }).where(and(eq(offers.caseId, kase.id), eq(offers.authorType, 'borrower')));
    expect((await borrowerLoansWithHistory(test.db, borrower.id)).cases[0]!.firstOfferEnds).toEqual(sooner);
    // Accepted, its agreement awaits the signature; lapsed unsigned (agreements/lapse-agreements.ts), it is the step's fact.
    const { acceptOffer } = await import('../offers/accept-offer');
    const { agreements } = await import('@/db/schema');
    await acceptOffer(ctx, offerIds[0]);
    expect(await next()).toMatchObject({ agreement: 'awaiting_borrower', agreementLapsed: false });
    await test.db.update(agreements).set({ status: 'void', lapsedAt: new Date() }).where(eq(agreements.caseId, kase.id));
    expect(await next()).toMatchObject({ agreement: null, agreementLapsed: true });
  });

  it("finds one loan only for its borrower or its creditor's staff", async () => {
    const creditor = await makeCreditor(test.db);
    const other = await makeCreditor(test.db);
    const borrower = await makeBorrower(test.db);
    const stranger = await makeBorrower(test.db);
    const { loan } = await makeLoanWithCase(test.db, creditor.id, borrower.id);
    expect((await loanWithHistory(test.db, { borrowerId: borrower.id }, loan.id))?.loan.id).toBe(loan.id);
    expect((await loanWithHistory(test.db, { creditorId: creditor.id }, loan.id))?.loan.id).toBe(loan.id);
    expect(await loanWithHistory(test.db, { borrowerId: stranger.id }, loan.id)).toBeUndefined();
    expect(await loanWithHistory(test.db, { creditorId: other.id }, loan.id)).toBeUndefined();
    // Unscoped, for services that have already checked the case: the same loan with its borrower, or an error.
    const { borrower: party, ...history } = await loanPartiesWithHistory(test.db, loan.id);
    expect(history).toEqual(await loanWithHistory(test.db, { borrowerId: borrower.id }, loan.id));
    expect(party).toMatchObject({ id: borrower.id, phone: borrower.phone });
    await expect(loanPartiesWithHistory(test.db, crypto.randomUUID())).rejects.toThrow();
  });
});
