import 'server-only';
import { and, eq, inArray, max, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { cases, creditors, offers } from '@/db/schema';
import { canTransition, type CaseState } from '@/lib/domain/case-state';
import { instantAtLocal } from '@/lib/domain/local-day';
import { renewedMediationDeadline } from '@/lib/domain/outcomes';
import { firstPaymentDay, type OfferTerms, type PricedOffer } from '@/lib/domain/offer-terms';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { creditorPolicy } from '../creditor-policy';

export type OfferRow = typeof offers.$inferSelect;
type CaseRow = typeof cases.$inferSelect;

export const OPEN: OfferRow['status'][] = ['proposed'];
/** Offers nobody has answered yet: those open to the other side and those waiting for a supervisor's approval. */
export const UNANSWERED: OfferRow['status'][] = ['proposed', 'pending_approval'];

/** The columns an offer keeps from its priced figures (read by the lists without the whole schedule). */
export function pricedColumns(priced: PricedOffer) {
  return { priced, regularPayment: priced.regularPayment, numberOfPayments: priced.numberOfPayments, totalPayable: priced.totalPayable, waivedAmount: priced.waived.total, endDate: priced.endDate };
}

export async function nextRound(tx: Executor, caseId: string): Promise<number> {
  const [row] = await tx.select({ value: max(offers.round) }).from(offers).where(eq(offers.caseId, caseId));
  return (row?.value ?? 0) + 1;
}

/**
 * Closes every open offer of the case (but the kept ones) with the given status, recording each; with UNANSWERED,
 * also those still waiting for approval (an agreement reached, the case ended: none of them may be answered later).
 */
export async function closeOpenOffers(tx: Executor, ctx: Ctx, caseId: string, status: 'superseded' | 'countered' | 'withdrawn', reason?: string, keep: string[] = [], statuses = OPEN) {
  const open = await tx.select({ id: offers.id }).from(offers).where(and(eq(offers.caseId, caseId), inArray(offers.status, statuses)));
  const closing = open.map((o) => o.id).filter((id) => !keep.includes(id));
  if (!closing.length) return [];
  await tx
    .update(offers)
    .set({ status, decisionReason: reason ?? null, decidedAt: new Date(), version: sql`${offers.version} + 1` })
    .where(inArray(offers.id, closing));
  for (const id of closing) await recordAudit(tx, ctx, { action: `offer.${status}`, entityType: 'offer', entityId: id, data: { caseId } });
  return closing;
}

export async function insertOffer(
  tx: Executor,
  ctx: Ctx,
  values: { caseId: string; round: number; parentOfferId?: string | null; status: 'proposed' | 'pending_approval'; terms: OfferTerms; priced: PricedOffer; expiresAt: Date; message?: string | null; approvalReason?: string | null },
): Promise<OfferRow> {
  const [row] = await tx
    .insert(offers)
    .values({
      caseId: values.caseId,
      round: values.round,
      parentOfferId: values.parentOfferId ?? null,
      authorType: ctx.actor.type === 'staff' ? 'staff' : ctx.actor.type === 'borrower' ? 'borrower' : 'system',
      authorId: ctx.actor.id ?? null,
      status: values.status,
      terms: values.terms,
      ...pricedColumns(values.priced),
      expiresAt: values.expiresAt,
      message: values.message ?? null,
      requiresApproval: values.status === 'pending_approval',
      approvalReason: values.approvalReason ?? null,
    })
    .returning();
  await recordAudit(tx, ctx, {
    action: values.status === 'pending_approval' ? 'offer.submitted_for_approval' : 'offer.proposed',
    entityType: 'offer',
    entityId: row!.id,
    data: { caseId: values.caseId, round: values.round, regularPayment: row!.regularPayment, totalPayable: row!.totalPayable, waived: row!.waivedAmount },
  });
  return row!;
}

/**
 * Moves the case along when the state machine allows it, bumping its version and recording it. A broken plan
 * renegotiated (breached → negotiating) is a new round of mediation: it runs for the policy's window from now, as a
 * reopened case does, instead of under the deadline that passed before the agreement was signed (which would put it
 * straight on the escalation review list and tell the borrower that mediation had ended).
 */
export async function moveCase(tx: Executor, ctx: Ctx, kase: CaseRow, to: CaseState) {
  if (kase.state === to || !canTransition(kase.state, to)) return;
  const now = new Date();
  let deadline: Date | null = null;
  if (kase.state === 'breached' && to === 'negotiating') {
    const [creditor] = await tx.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, kase.creditorId));
    deadline = renewedMediationDeadline(kase.mediationDeadline, now, creditorPolicy(creditor?.policy).mediationWindowDays);
  }
  await tx
    .update(cases)
    .set({ state: to, ...(deadline ? { mediationDeadline: deadline, escalationReviewSince: null } : {}), version: sql`${cases.version} + 1`, updatedAt: now })
    .where(eq(cases.id, kase.id));
  await recordAudit(tx, ctx, { action: 'case.state_changed', entityType: 'case', entityId: kase.id, data: { from: kase.state, to, ...(deadline ? { mediationDeadline: deadline.toISOString() } : {}) } });
}

/**
 * When an offer stops being open: `days` after now (the creditor's policy), and at the latest when its first payment
 * falls due (that day's start in the borrower's time zone): accepted later, its agreement would begin with an
 * installment already due, or past its grace period before the borrower had signed.
 */
export function expiryFrom(now: Date, days: number, priced: PricedOffer, timeZone: string) {
  const byPolicy = new Date(now.getTime() + days * 86_400_000);
  const first = firstPaymentDay(priced);
  if (!first) return byPolicy;
  const firstDue = instantAtLocal(`${first}T00:00`, timeZone);
  return firstDue < byPolicy ? firstDue : byPolicy;
}

