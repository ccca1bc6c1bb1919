import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { agreements, caseOutcomes, cases, contactRecords, hardshipStatements, negotiationMessages, offers } from '@/db/schema';
import type { OutcomeKind } from '@/lib/domain/outcomes';
import type { CaseState } from '@/lib/domain/case-state';
import { makeLoanWithCase, makePayment } from './factories';

/**
 * A case with the history the dashboard counts, written row by row as the
 * services would leave it (the facts follow by the database's triggers). Only
 * the columns the figures read are meaningful: offers and agreements carry
 * empty terms, which no figure looks at.
 */
export type CaseHistory = {
  creditorId: string;
  borrowerId: string;
  assigneeId?: string;
  openedAt: Date;
  dpdAtOpen: number;
  state?: CaseState;
  engagedAt?: Date;
  hardshipAt?: Date;
  offer?: { at: Date; by: 'system' | 'staff' | 'borrower'; staffId?: string; totalPayable: number; waived: number };
  agreement?: { executedAt: Date; breachedAt?: Date; completedAt?: Date };
  outcome?: { kind: OutcomeKind; at: Date; recovered?: number; waived?: number; claimed?: number; supersededAt?: Date };
  staffCall?: { staffId: string; at: Date };
  staffMessage?: { staffId: string; at: Date };
  payments?: { on: string; amount: number }[];
};

let serial = 0;

export async function makeCaseHistory(db: Database, h: CaseHistory) {
  const { case: kase, loan } = await makeLoanWithCase(db, h.creditorId, h.borrowerId, h.assigneeId);
  const state = h.state ?? (h.outcome && !h.outcome.supersededAt ? (h.outcome.kind === 'escalated_to_litigation' ? 'escalated' : 'closed') : h.agreement ? 'plan_active' : 'invited');
  await db
    .update(cases)
    .set({ openedAt: h.openedAt, dpdAtOpen: h.dpdAtOpen, engagedAt: h.engagedAt ?? null, state, mediationDeadline: new Date(h.openedAt.getTime() + 30 * 86_400_000) })
    .where(eq(cases.id, kase.id));
  if (h.hardshipAt) {
    await db.insert(hardshipStatements).values({ caseId: kase.id, borrowerId: h.borrowerId, version: 1, status: 'submitted', step: 6, submittedAt: h.hardshipAt, disposableIncome: 100_000 });
  }
  if (h.offer) {
    const [offer] = await db
      .insert(offers)
      .values({
        caseId: kase.id,
        authorType: h.offer.by,
        authorId: h.offer.by === 'staff' ? h.offer.staffId! : h.offer.by === 'borrower' ? h.borrowerId : null,
        status: h.agreement ? 'accepted' : 'proposed',
        terms: {} as never,
        priced: {} as never,
        regularPayment: 10_000,
        numberOfPayments: 12,
        totalPayable: h.offer.totalPayable,
        waivedAmount: h.offer.waived,
        endDate: '2027-12-31',
        expiresAt: new Date(h.offer.at.getTime() + 7 * 86_400_000),
        createdAt: h.offer.at,
      })
      .returning();
    if (h.agreement) {
      const n = `${Date.now().toString(36)}${(serial++).toString(36)}${crypto.randomBytes(3).toString('hex')}`;
      await db.insert(agreements).values({
        agreementNo: `TA-${n}`,
        caseId: kase.id,
        offerId: offer!.id,
        status: 'executed',
        snapshot: {} as never,
        locale: 'zh-CN',
        verificationCode: `V${n}`.toUpperCase(),
        executedAt: h.agreement.executedAt,
        planBreachedAt: h.agreement.breachedAt ?? null,
        planCompletedAt: h.agreement.completedAt ?? null,
      });
    }
  }
  if (h.outcome) {
    await db.insert(caseOutcomes).values({
      caseId: kase.id,
      outcome: h.outcome.kind,
      amountRecovered: h.outcome.recovered ?? null,
      amountWaived: h.outcome.waived ?? null,
      amountClaimed: h.outcome.claimed ?? null,
      fromState: 'negotiating',
      toState: h.outcome.kind === 'escalated_to_litigation' ? 'escalated' : h.outcome.kind === 'agreement_signed' ? 'plan_active' : 'closed',
      recordedAt: h.outcome.at,
      supersededAt: h.outcome.supersededAt ?? null,
      supersededReason: h.outcome.supersededAt ? 'reopened: test' : null,
    });
  }
  if (h.staffCall) {
    await db.insert(contactRecords).values({ caseId: kase.id, borrowerId: h.borrowerId, staffId: h.staffCall.staffId, channel: 'phone', direction: 'outbound', outcome: 'effective', at: h.staffCall.at });
  }
  if (h.staffMessage) {
    await db.insert(negotiationMessages).values({ caseId: kase.id, authorType: 'staff', authorId: h.staffMessage.staffId, body: '您好', createdAt: h.staffMessage.at });
  }
  for (const p of h.payments ?? []) await makePayment(db, loan.id, { receivedOn: p.on, amount: p.amount });
  return { case: kase, loan };
}
