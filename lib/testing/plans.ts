import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { agreements, cases, creditors, offers, planInstallments, type PaymentAccount } from '@/db/schema';
import { systemCtx, type Ctx } from '@/lib/server/actor';
import { parseSnapshot } from '@/lib/server/agreements/snapshot';
import { acceptOffer } from '@/lib/server/offers/accept-offer';
import { requestSuggestions } from '@/lib/server/offers/suggest-offers';
import { loadPlanOfCase } from '@/lib/server/plans/load-plan';
import { putLoanUnderAgreement, startPlan } from '@/lib/server/plans/start-plan';
import { syncPlan } from '@/lib/server/plans/sync-plan';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from './factories';

export const testPaymentAccount: PaymentAccount = { bankName: '测试银行杭州分行', accountName: '测试银行还款专户', accountNo: '6222 0000 1234 5678', note: '转账时请备注合同号', noteEn: 'Quote your contract number with the transfer' };

/**
 * A case whose agreement is in force and whose plan has started, built fast for tests: the borrower accepts the
 * first suggested offer through the real services (so the snapshot and schedule are the real ones), then the
 * agreement is marked executed and its plan started as countersigning does (startPlan), without rendering and
 * sealing the three PDFs. The signing path itself is covered by agreements.int.test.ts and borrower-signing.spec.ts.
 */
export async function makeExecutedPlan(
  db: Database,
  options: {
    fullName?: string;
    creditorId?: string;
    mediatorId?: string;
    beforeOffers?: (kase: { id: string }, borrowerCtx: Ctx) => Promise<void>;
    /** Accept the first suggested offer that extends the loan's maturity, not the first of all. */
    extension?: boolean;
  } = {},
) {
  const creditor = options.creditorId ? (await db.select().from(creditors).where(eq(creditors.id, options.creditorId)))[0]! : await makeCreditor(db);
  if (!creditor.paymentAccount) await db.update(creditors).set({ paymentAccount: testPaymentAccount }).where(eq(creditors.id, creditor.id));
  const mediator = options.mediatorId ? { id: options.mediatorId } : await makeStaff(db, creditor.id, 'mediator');
  const borrower = await makeBorrower(db, { fullName: options.fullName ?? '测试借款人' });
  const { case: kase, loan } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
  const borrowerCtx: Ctx = { actor: { type: 'borrower', id: borrower.id }, meta: { ip: '127.0.0.1', userAgent: 'test factory' } };
  // What the case went through before the offers (a hardship statement, questions on the thread…), through the services.
  await options.beforeOffers?.(kase, borrowerCtx);
  const { offerIds } = await requestSuggestions(borrowerCtx, kase.id);
  let accept = offerIds[0];
  if (options.extension) {
    const [extending] = await db.select({ id: offers.id }).from(offers).where(and(inArray(offers.id, offerIds), isNotNull(sql`${offers.terms} -> 'extensionMonths'`))).limit(1);
    if (!extending) throw new Error('no suggested offer extends this loan');
    accept = extending.id;
  }
  await acceptOffer(borrowerCtx, accept);
  const [agreement] = await db.select().from(agreements).where(eq(agreements.caseId, kase.id));
  const snapshot = parseSnapshot(agreement!.snapshot, agreement!.agreementNo);
  await db.transaction(async (tx) => {
    await tx.update(agreements).set({ status: 'executed', executedAt: new Date() }).where(eq(agreements.id, agreement!.id));
    await startPlan(tx, agreement!.id, snapshot);
    await putLoanUnderAgreement(tx, loan.id, snapshot);
    await tx.update(cases).set({ state: 'plan_active', version: sql`${cases.version} + 1` }).where(eq(cases.id, kase.id));
  });
  return { creditor, mediator, borrower, loan, kase, agreementId: agreement!.id, snapshot, borrowerCtx };
}

/**
 * Moves a plan's due dates `days` back, as if it had been signed that much earlier, and brings that one plan up to
 * date on `now` as the daily job does (the job itself would also judge every other test's plans in a shared
 * database): for browser tests, whose pages read the real clock.
 */
export async function backdatePlan(db: Database, plan: { kase: { id: string }; agreementId: string }, days: number, now: Date = new Date()) {
  await db
    .update(planInstallments)
    .set({ dueDate: sql`${planInstallments.dueDate} - ${days}::int`, originalDueDate: sql`${planInstallments.originalDueDate} - ${days}::int` })
    .where(eq(planInstallments.agreementId, plan.agreementId));
  // Countersigned as long ago: an installment due before the agreement was in force has its grace from that day.
  await db.update(agreements).set({ executedAt: sql`${agreements.executedAt} - make_interval(days => ${days}::int)` }).where(eq(agreements.id, plan.agreementId));
  return db.transaction(async (tx) => {
    const [kase] = await tx.select().from(cases).where(eq(cases.id, plan.kase.id)).for('update');
    const loaded = await loadPlanOfCase(tx, kase!, { forUpdate: true });
    return syncPlan(tx, systemCtx, loaded!, now);
  });
}
