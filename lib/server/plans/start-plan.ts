import 'server-only';
import type { Executor } from '@/db/client';
import { planInstallments } from '@/db/schema';
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
