import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { offers, staffUsers } from '@/db/schema';
import { isNegotiable } from '@/lib/domain/case-state';
import { authorityNeeded } from '@/lib/domain/offer-checks';
import { priceTerms } from '@/lib/domain/hardship-pause';
import { firstPaymentDay } from '@/lib/domain/offer-terms';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { notifyBorrower } from '../notify-borrower';
import { createAgreementTx } from '../agreements/create-agreement';
import { loadOfferContext } from './offer-context';
import { paymentsKey } from './payments-key';
import { loadVisibleOfferForUpdate } from './load-offer';
import { closeOpenOffers, moveCase, pricedColumns, UNANSWERED } from './offer-store';

/**
 * Accepts an open offer: the borrower accepts the creditor's (or the system's),
 * staff accept a borrower's proposal within their authority. Checked under the
 * case and offer locks at the moment of acceptance: an offer superseded,
 * withdrawn or expired a moment earlier is refused with the current offer named;
 * a repeated accept of the same offer returns the same acceptance. Only a case still in negotiation takes one.
 */
/** `shown`: the payments key of the figures the borrower was shown (`paymentsKey`), when the page priced the offer on today's arrears. */
export async function acceptOffer(ctx: Ctx, offerId: unknown, shown?: string): Promise<{ offerId: string; alreadyAccepted: boolean }> {
  const { actor } = ctx;
  if (actor.type !== 'borrower' && actor.type !== 'staff') throw new AppError('NOT_FOUND');
  return getDb().transaction(async (tx) => {
    const { kase, offer } = await loadVisibleOfferForUpdate(tx, actor, offerId);
    if (offer.status === 'accepted') return { offerId: offer.id, alreadyAccepted: true };
    const current = async () => (await tx.select({ id: offers.id }).from(offers).where(and(eq(offers.caseId, kase.id), eq(offers.status, 'proposed'))).limit(1))[0]?.id ?? '';
    if (offer.status !== 'proposed') throw new AppError('OFFER_NOT_OPEN', { params: { status: offer.status, currentOfferId: await current() } });
    const expire = async (data: Record<string, unknown> = {}) => {
      await tx.update(offers).set({ status: 'expired', decidedAt: new Date(), version: sql`${offers.version} + 1` }).where(eq(offers.id, offer.id));
      await recordAudit(tx, ctx, { action: 'offer.expired', entityType: 'offer', entityId: offer.id, data: { caseId: kase.id, atAcceptance: true, ...data } });
      return { expired: true as const };
    };
    if (offer.expiresAt <= new Date()) return expire();
    // An offer left open on a case that has since ended, or reached an agreement, is not an offer any more.
    if (!isNegotiable(kase.state)) throw new AppError('CONFLICT', { message: 'validation.caseNotNegotiating' });
    const byBorrower = offer.authorType === 'borrower';
    if (actor.type === 'borrower' && byBorrower) throw new AppError('FORBIDDEN'); // one does not accept one's own proposal
    const context = await loadOfferContext(tx, kase);
    // Its first payment due today or before (an offer made before offers expired by then): its agreement would begin
    // with an installment already due. It has expired.
    const first = firstPaymentDay(offer.priced);
    if (first !== null && first <= context.asOf) return expire({ firstPaymentDue: first });
    if (actor.type === 'staff') {
      if (!byBorrower) throw new AppError('FORBIDDEN');
      const needs = authorityNeeded(context, offer.terms);
      if (needs === 'supervisor' && actor.role === 'mediator') throw new AppError('OFFER_POLICY', { params: { rules: 'authority' } });
    }
    const now = new Date();
    // An offer priced on an earlier day is priced again on today's arrears, so that the agreement's debt, waivers and
    // schedule are one day's figures (its debt was today's, its waivers and schedule the offer's day's, and they did
    // not add up). The same payments, or the ones the borrower was shown (the offers page prices them on today's
    // arrears): accepted as priced today. Other payments (charges carried have run on, or a payment came in since the
    // page was shown): the offer keeps today's figures and the borrower is asked to look at them before accepting.
    let accepted = offer;
    if (offer.priced.asOf !== context.asOf) {
      const priced = priceTerms(context, offer.terms);
      const key = paymentsKey(priced);
      const same = key === paymentsKey(offer.priced) || key === shown;
      const figures = pricedColumns(priced);
      await tx.update(offers).set({ ...figures, version: sql`${offers.version} + 1` }).where(eq(offers.id, offer.id));
      await recordAudit(tx, ctx, { action: 'offer.repriced', entityType: 'offer', entityId: offer.id, data: { caseId: kase.id, from: offer.priced.asOf, to: priced.asOf, totalPayable: [offer.totalPayable, priced.totalPayable], samePayments: same } });
      if (!same) return { repriced: true as const };
      accepted = { ...offer, ...figures };
    }
    await tx.update(offers).set({ status: 'accepted', decidedAt: now, version: sql`${offers.version} + 1` }).where(eq(offers.id, offer.id));
    await recordAudit(tx, ctx, { action: 'offer.accepted', entityType: 'offer', entityId: offer.id, data: { caseId: kase.id, regularPayment: accepted.regularPayment, totalPayable: accepted.totalPayable, numberOfPayments: accepted.numberOfPayments } });
    // Every other offer closes, including one waiting for a supervisor: approved later, it would reopen the case.
    await closeOpenOffers(tx, ctx, kase.id, 'superseded', 'another offer was accepted', [offer.id], UNANSWERED);
    await moveCase(tx, ctx, kase, 'agreed');
    // The accepted terms become the agreement's immutable snapshot in the same transaction.
    await createAgreementTx(tx, ctx, kase, { ...accepted, status: 'accepted' }, context);
    await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'offerAccepted', values: { caseNo: kase.caseNo } });
    if (kase.assigneeId) {
      const [mediator] = await tx.select().from(staffUsers).where(eq(staffUsers.id, kase.assigneeId));
      if (mediator) await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: mediator.id, toAddress: mediator.email, template: 'offerAccepted', locale: 'zh-CN', values: { caseNo: kase.caseNo }, caseId: kase.id });
    }
    return { offerId: offer.id, alreadyAccepted: false };
  }).then(async (result) => {
    // An offer found expired is recorded as such (committed) and then refused; one priced again, likewise.
    if ('expired' in result) throw new AppError('OFFER_EXPIRED');
    if ('repriced' in result) throw new AppError('OFFER_REPRICED');
    return result;
  });
}
