import 'server-only';
import { getDb, type Executor } from '@/db/client';
import type { cases } from '@/db/schema';
import { needsMediatorReview } from '@/lib/domain/hardship-pause';
import { suggestOffers } from '@/lib/domain/offer-suggestions';
import { isNegotiable } from '@/lib/domain/case-state';
import type { Ctx } from '../actor';
import { loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { notifyBorrower } from '../notify-borrower';
import { closeOpenOffers, expiryFrom, insertOffer, nextRound, type OfferRow } from './offer-store';
import { loadOfferContext } from './offer-context';
import { requestReviewTx } from '../cases/case-review';

type CaseRow = typeof cases.$inferSelect;

/**
 * Proposes the system's two to four tailored offers for a case, as one round
 * that replaces any open offers. Runs inside the caller's transaction (the
 * hardship submission, or a request), with the case row locked.
 */
export async function proposeSuggestionsTx(tx: Executor, ctx: Ctx, kase: CaseRow): Promise<OfferRow[]> {
  const context = await loadOfferContext(tx, kase);
  const suggestions = suggestOffers(context);
  if (!suggestions.length) return [];
  await closeOpenOffers(tx, ctx, kase.id, 'superseded', 'new suggestions');
  const round = await nextRound(tx, kase.id);
  const now = new Date();
  const system: Ctx = { actor: { type: 'system' }, meta: ctx.meta };
  const rows: OfferRow[] = [];
  for (const suggestion of suggestions) {
    const expiresAt = expiryFrom(now, context.policy.offerExpiryDays, suggestion.priced, context.timeZone);
    rows.push(await insertOffer(tx, system, { caseId: kase.id, round, status: 'proposed', terms: suggestion.terms, priced: suggestion.priced, expiresAt, message: suggestion.kind }));
  }
  // Suggestions leave the case's state alone: it moves when a person makes or answers an offer. The text gives the
  // first of their expiries.
  const expiresAt = new Date(Math.min(...rows.map((row) => row.expiresAt.getTime())));
  await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'offerProposed', values: { caseNo: kase.caseNo, expires: expiresAt } });
  // A hardship pause is for a borrower with nothing left over: the mediator reviews the case before it is final.
  if (suggestions.some((s) => needsMediatorReview(s.terms))) await requestReviewTx(tx, ctx, kase, 'hardship_pause', context.disposableIncome ?? 0);
  return rows;
}

/** "Show me what I could do": the borrower (or the case's staff) asks for fresh suggestions. */
export async function requestSuggestions(ctx: Ctx, caseId: unknown): Promise<{ offerIds: string[] }> {
  if (ctx.actor.type !== 'borrower' && ctx.actor.type !== 'staff') throw new AppError('NOT_FOUND');
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, ctx.actor, caseId, { forUpdate: true, act: true });
    if (!isNegotiable(kase.state)) throw new AppError('CONFLICT');
    const rows = await proposeSuggestionsTx(tx, ctx, kase);
    return { offerIds: rows.map((r) => r.id) };
  });
}
