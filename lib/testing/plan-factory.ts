import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { agreements, cases, offers, planInstallments } from '@/db/schema';
import { makeLoanWithCase } from './factories';

/**
 * A case whose repayment plan is in force (an executed agreement with its installments), written directly: for
 * jobs that read plans (reminders, the simulated month), not for the agreement's own flow, whose tests sign
 * through the services. Terms and snapshot are left empty; the installments are what the jobs read.
 */
export async function makeActivePlan(db: Database, creditorId: string, borrowerId: string, installments: { dueDate: string; amount: number; status?: 'scheduled' | 'paid' }[]) {
  const { loan, case: kase } = await makeLoanWithCase(db, creditorId, borrowerId);
  await db.update(cases).set({ state: 'plan_active' }).where(eq(cases.id, kase.id));
  const total = installments.reduce((s, i) => s + i.amount, 0);
  const [offer] = await db
    .insert(offers)
    .values({
      caseId: kase.id,
      authorType: 'system',
      status: 'accepted',
      terms: {} as never,
      priced: {} as never,
      regularPayment: installments[0]?.amount ?? 0,
      numberOfPayments: installments.length,
      totalPayable: total,
      endDate: installments.at(-1)!.dueDate,
      expiresAt: new Date(),
    })
    .returning();
  const tag = crypto.randomBytes(6).toString('hex');
  const [agreement] = await db
    .insert(agreements)
    .values({ agreementNo: `TA-${tag}`, caseId: kase.id, offerId: offer!.id, status: 'executed', snapshot: {} as never, locale: 'zh-CN', verificationCode: `TV-${tag}` })
    .returning();
  const rows = await db
    .insert(planInstallments)
    .values(installments.map((i, k) => ({ agreementId: agreement!.id, seq: k + 1, dueDate: i.dueDate, originalDueDate: i.dueDate, principal: i.amount, interest: 0, amount: i.amount, status: i.status ?? 'scheduled', paidAmount: i.status === 'paid' ? i.amount : 0 })))
    .returning();
  return { loan, case: { ...kase, state: 'plan_active' as const }, agreement: agreement!, installments: rows };
}
