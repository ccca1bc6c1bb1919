import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { offers, staffUsers } from '@/db/schema';
import { isNegotiable } from '@/lib/domain/case-state';
import { offerMessageSchema, reasonSchema, type OfferTermsInput } from '@/lib/validation/offer';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { notifyBorrower } from '../notify-borrower';
import { loadVisibleOfferForUpdate } from './load-offer';
import { loadOfferContext } from './offer-context';
import { checkedPrice } from './offer-rules';
import { closeOpenOffers, expiryFrom, moveCase, pricedColumns } from './offer-store';

type Decision = { decision: 'approve' } | { decision: 'amend'; terms: OfferTermsInput; message?: string } | { decision: 'reject'; reason: string };

/**
 * A supervisor decides on an offer beyond a mediator's authority: approve it
 * (the borrower sees it now, and it replaces the open offer), amend it within
 * the supervisor's own authority, or reject it with a reason. Nobody approves
 * their own offer.
 */
export async function decideApproval(ctx: Ctx, offerId: unknown, input: Decision): Promise<{ status: 'proposed' | 'rejected' }> {
  const { actor } = ctx;
  // Supervisors decide; admins read the approvals queue but act on no case.
  if (actor.type !== 'staff' || actor.role !== 'supervisor') throw new AppError(actor.type === 'staff' && actor.role === 'admin' ? 'READ_ONLY' : 'NOT_FOUND');
  return getDb().transaction(async (tx) => {
    const { kase, offer } = await loadVisibleOfferForUpdate(tx, actor, offerId);
    if (offer.status !== 'pending_approval') throw new AppError('OFFER_NOT_OPEN', { params: { status: offer.status } });
    if (offer.authorId === actor.id) throw new AppError('OFFER_OWN_APPROVAL');
    const now = new Date();
    const [author] = offer.authorId ? await tx.select().from(staffUsers).where(eq(staffUsers.id, offer.authorId)) : [];
    const tellAuthor = async (decision: 'approved' | 'amended' | 'rejected', reason: string) => {
      if (author) await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: author.id, toAddress: author.email, template: 'offerApprovalDecided', locale: 'zh-CN', values: { caseNo: kase.caseNo, decision, reason }, caseId: kase.id });
    };

    if (input.decision === 'reject') {
      const reason = reasonSchema.parse(input.reason);
      await tx.update(offers).set({ status: 'rejected', decisionReason: reason, decidedAt: now, approvedBy: actor.id, version: sql`${offers.version} + 1` }).where(eq(offers.id, offer.id));
      await recordAudit(tx, ctx, { action: 'offer.approval_rejected', entityType: 'offer', entityId: offer.id, data: { caseId: kase.id, reason } });
      await tellAuthor('rejected', reason);
      return { status: 'rejected' as const };
    }

    // Approving sends the offer to the borrower: only while the case is in negotiation (not once it has an agreement,
    // or has ended: that would reopen it past its own outcome). Rejecting is always possible.
    if (!isNegotiable(kase.state)) throw new AppError('CONFLICT', { message: 'validation.caseNotNegotiating' });
    const context = await loadOfferContext(tx, kase);
    // Re-checked at approval: the arrears have moved on since it was written, and an amendment must be within the supervisor's authority.
    const { terms, priced } = checkedPrice(context, input.decision === 'amend' ? input.terms : offer.terms, 'supervisor');
    // An amendment's own message to the borrower replaces the author's (it was dropped, and the borrower read the
    // mediator's words beside the supervisor's terms); without one, the author's stays.
    const message = input.decision === 'amend' ? offerMessageSchema.parse(input.message) : undefined;
    await closeOpenOffers(tx, ctx, kase.id, 'countered', undefined, [offer.id]);
    const expiresAt = expiryFrom(now, context.policy.offerExpiryDays, priced, context.timeZone);
    await tx
      .update(offers)
      .set({
        status: 'proposed',
        terms,
        ...pricedColumns(priced),
        ...(message ? { message } : {}),
        expiresAt,
        approvedBy: actor.id,
        approvedAt: now,
        version: sql`${offers.version} + 1`,
      })
      .where(eq(offers.id, offer.id));
    await recordAudit(tx, ctx, { action: input.decision === 'amend' ? 'offer.approved_amended' : 'offer.approved', entityType: 'offer', entityId: offer.id, data: { caseId: kase.id, regularPayment: priced.regularPayment, waived: priced.waived.total } });
    await moveCase(tx, ctx, kase, 'negotiating');
    await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'offerProposed', values: { caseNo: kase.caseNo, expires: expiresAt } });
    await tellAuthor(input.decision === 'amend' ? 'amended' : 'approved', '');
    return { status: 'proposed' as const };
  });
}
