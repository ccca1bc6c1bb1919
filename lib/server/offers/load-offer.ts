import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { cases, offers } from '@/db/schema';
import type { Actor } from '../actor';
import { assertMayAct, isUuid, visibleCases } from '../cases/case-access';
import { AppError } from '../errors';

/**
 * An offer on a case the actor may see, with both rows locked (case first, always, so two callers
 * never deadlock). Every caller changes the offer, so staff must also be allowed to act on the case.
 */
export async function loadVisibleOfferForUpdate(tx: Executor, actor: Actor, offerId: unknown) {
  const scope = visibleCases(actor);
  if (!scope || !isUuid(offerId)) throw new AppError('NOT_FOUND');
  const [found] = await tx.select({ caseId: offers.caseId }).from(offers).where(eq(offers.id, offerId));
  if (!found) throw new AppError('NOT_FOUND');
  const [kase] = await tx.select().from(cases).where(and(eq(cases.id, found.caseId), scope)).for('update');
  if (!kase) throw new AppError('NOT_FOUND');
  assertMayAct(actor, kase);
  const [offer] = await tx.select().from(offers).where(eq(offers.id, offerId)).for('update');
  // A borrower never sees an offer still waiting for a supervisor.
  if (!offer || (actor.type === 'borrower' && offer.status === 'pending_approval')) throw new AppError('NOT_FOUND');
  return { kase, offer };
}
