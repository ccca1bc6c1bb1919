import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { offers, staffUsers } from '@/db/schema';
import { authorityNeeded } from '@/lib/domain/offer-checks';
import { proposalImpact } from '@/lib/domain/proposal-impact';
import { offerMessageSchema, reasonSchema, type OfferTermsInput } from '@/lib/validation/offer';
import { isNegotiable } from '@/lib/domain/case-state';
import type { Ctx } from '../actor';
import { loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { staffServing } from '../staff-scope';
import { queueNotification } from '../notifications';
import { notifyBorrower } from '../notify-borrower';
import { loadOfferContext } from './offer-context';
import { checkedPrice } from './offer-rules';
import { closeOpenOffers, expiryFrom, insertOffer, moveCase, nextRound } from './offer-store';

/**
 * A new offer from a person on the case. A borrower proposes within the bounds
 * borrowers may propose; staff counter within their authority, and what goes
 * beyond a mediator's authority waits for a supervisor (the borrower sees it
 * only once approved). Either way the case row is locked, so two racing offers
 * leave exactly one open.
 */
export async function proposeOffer(
  ctx: Ctx,
  input: { caseId: string; terms: OfferTermsInput; message?: string; approvalReason?: string; /** The offers the borrower confirmed it replaces: refused if that is no longer so. */ replaces?: string[] },
): Promise<{ offerId: string; status: 'proposed' | 'pending_approval' }> {
  const { actor } = ctx;
  if (actor.type !== 'borrower' && actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const message = offerMessageSchema.parse(input.message);
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, input.caseId, { forUpdate: true, act: true });
    if (!isNegotiable(kase.state)) throw new AppError('CONFLICT');
    const context = await loadOfferContext(tx, kase);
    const role = actor.type === 'borrower' ? 'borrower' : actor.role === 'mediator' ? 'mediator' : 'supervisor';
    // A mediator's counter is checked against the supervisor's limits: beyond their own, it is routed for approval.
    const { terms, priced } = checkedPrice(context, input.terms, role === 'mediator' ? 'supervisor' : role);
    const needs = role === 'borrower' ? 'none' : authorityNeeded(context, terms);
    // The same offer sent again by the same person while it is open (a double click, a retried request) is the offer
    // already made: not a new round countering it, with its own message to the borrower.
    const [latest] = await tx
      .select({ id: offers.id, status: offers.status, terms: offers.terms, message: offers.message })
      .from(offers)
      .where(and(eq(offers.caseId, kase.id), eq(offers.authorId, actor.id), inArray(offers.status, ['proposed', 'pending_approval'])))
      .orderBy(desc(offers.createdAt))
      .limit(1);
    if (latest && (latest.message ?? '') === (message ?? '') && isDeepStrictEqual(latest.terms, JSON.parse(JSON.stringify(terms)))) {
      return { offerId: latest.id, status: latest.status as 'proposed' | 'pending_approval' };
    }
    const expiresAt = expiryFrom(new Date(), context.policy.offerExpiryDays, priced, context.timeZone);
    const [parent] = await tx.select({ id: offers.id }).from(offers).where(and(eq(offers.caseId, kase.id), eq(offers.status, 'proposed'))).limit(1);

    if (role === 'mediator' && needs === 'supervisor') {
      const reason = reasonSchema.parse(input.approvalReason ?? '');
      const [pending] = await tx.select({ id: offers.id }).from(offers).where(and(eq(offers.caseId, kase.id), eq(offers.status, 'pending_approval')));
      if (pending) throw new AppError('CONFLICT', { message: 'an offer already awaits approval' });
      const row = await insertOffer(tx, ctx, { caseId: kase.id, round: await nextRound(tx, kase.id), parentOfferId: parent?.id, status: 'pending_approval', terms, priced, expiresAt, message, approvalReason: reason });
      const supervisors = await tx.select().from(staffUsers).where(and(staffServing(kase.creditorId, staffUsers.creditorId), eq(staffUsers.role, 'supervisor'), eq(staffUsers.active, true)));
      const [author] = await tx.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, actor.id));
      for (const supervisor of supervisors) {
        await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: supervisor.id, toAddress: supervisor.email, template: 'offerNeedsApproval', locale: 'zh-CN', values: { caseNo: kase.caseNo, name: author?.name ?? '', reason }, caseId: kase.id });
      }
      return { offerId: row.id, status: 'pending_approval' as const };
    }

    // A borrower's proposal replaces a person's open offer; the system's suggestions stay open unless the policy says
    // otherwise (the same rule the page showed before sending: lib/domain/proposal-impact.ts).
    if (role === 'borrower') {
      const open = await tx.select({ id: offers.id, authorType: offers.authorType, totalPayable: offers.totalPayable, regularPayment: offers.regularPayment }).from(offers).where(and(eq(offers.caseId, kase.id), eq(offers.status, 'proposed')));
      const { kept, replaced } = proposalImpact(open, priced, context.policy.borrowerProposalClosesSuggestions);
      if (input.replaces && [...input.replaces].sort().join() !== [...replaced].sort().join()) throw new AppError('OFFERS_CHANGED');
      await closeOpenOffers(tx, ctx, kase.id, 'countered', undefined, kept);
    } else {
      await closeOpenOffers(tx, ctx, kase.id, 'countered');
    }
    const row = await insertOffer(tx, ctx, { caseId: kase.id, round: await nextRound(tx, kase.id), parentOfferId: parent?.id, status: 'proposed', terms, priced, expiresAt, message });
    await moveCase(tx, ctx, kase, 'negotiating');
    if (actor.type === 'staff') {
      await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'offerProposed', values: { caseNo: kase.caseNo, expires: expiresAt } });
    } else if (kase.assigneeId) {
      const [mediator] = await tx.select().from(staffUsers).where(eq(staffUsers.id, kase.assigneeId));
      if (mediator) await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: mediator.id, toAddress: mediator.email, template: 'offerProposed', locale: 'zh-CN', values: { caseNo: kase.caseNo, expires: expiresAt }, caseId: kase.id });
    }
    return { offerId: row.id, status: 'proposed' as const };
  });
}
