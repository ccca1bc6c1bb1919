import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { loans, planInstallments } from '@/db/schema';
import type { AgreementSnapshot } from '@/lib/domain/agreement';

/**
 * The installments to track, written when the agreement is executed: the down payment (due on the agreement date)
 * and every row of the accepted schedule, with the carried charges kept apart from the plan's own interest.
 */
export async function startPlan(tx: Executor, agreementId: string, snapshot: AgreementSnapshot) {
  const priced = snapshot.priced;
  // The down payment pays the carried charges first (costs and interest before principal), as it did when priced.
  const downCharges = Math.min(priced.downPayment, priced.carried.total - priced.carried.principal);
  const rows = [
    ...(priced.downPayment ? [{ seq: 0, dueDate: priced.asOf, principal: priced.downPayment - downCharges, interest: 0, charges: downCharges, amount: priced.downPayment }] : []),
    ...priced.schedule.map((r) => ({ seq: r.seq, dueDate: r.dueDate, principal: r.principal, interest: r.interest, charges: r.charges, amount: r.amount })),
  ];
  const values = rows.map((r) => ({ agreementId, ...r, originalDueDate: r.dueDate }));
  if (values.length) await tx.insert(planInstallments).values(values);
}

/**
 * The loan under the agreement in force (countersigned, or a breach withdrawn): restructured, its maturity moved by an
 * extension to the date the agreement states, and the months counted, as later extensions are measured from it
 * (General Rules on Loans art. 12).
 */
export async function putLoanUnderAgreement(tx: Executor, loanId: string, snapshot: AgreementSnapshot) {
  await tx
    .update(loans)
    .set({
      status: 'restructured',
      extendedMonths: sql`${loans.extendedMonths} + ${snapshot.terms.extensionMonths ?? 0}`,
      ...(snapshot.priced.newMaturityDate ? { maturityDate: snapshot.priced.newMaturityDate } : {}),
    })
    .where(eq(loans.id, loanId));
}

/**
 * The loan under its contract again, when a breach has ended the agreement: the extension ended with it, as the
 * arrears are then counted on the contract's own schedule. The maturity is again the one the agreement found, and the
 * months it extended no longer count, so a new agreement measures an extension from the contract's maturity, within
 * the same cumulative limit, and states that maturity as the original one.
 */
export async function putLoanUnderContract(tx: Executor, loanId: string, snapshot: AgreementSnapshot) {
  await tx
    .update(loans)
    .set({
      status: 'delinquent',
      extendedMonths: sql`greatest(${loans.extendedMonths} - ${snapshot.terms.extensionMonths ?? 0}, 0)`,
      maturityDate: snapshot.loan.maturityDate,
    })
    .where(eq(loans.id, loanId));
}
