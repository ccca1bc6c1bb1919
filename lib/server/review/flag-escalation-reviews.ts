import 'server-only';
import { and, inArray, isNull, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases } from '@/db/schema';
import { reviewableStates } from '@/lib/domain/outcomes';
import { systemCtx } from '../actor';
import { recordAudit } from '../audit';

/**
 * The job behind the escalation review list: every case whose mediation window
 * has ended (deadline at or before `now`) with no agreement joins the list,
 * once, audited. Idempotent: a case already on the list, or decided, is left
 * alone until its next deadline passes. Takes `now`, so tests drive the clock.
 */
export async function flagEscalationReviews(now = new Date()): Promise<number> {
  return getDb().transaction(async (tx) => {
    const flagged = await tx
      .update(cases)
      .set({ escalationReviewSince: now, version: sql`${cases.version} + 1`, updatedAt: now })
      .where(and(isNull(cases.escalationReviewSince), inArray(cases.state, [...reviewableStates]), lte(cases.mediationDeadline, now)))
      .returning({ id: cases.id, deadline: cases.mediationDeadline, state: cases.state });
    for (const kase of flagged) {
      await recordAudit(tx, systemCtx, { action: 'case.escalation_review', entityType: 'case', entityId: kase.id, data: { deadline: kase.deadline.toISOString(), state: kase.state, at: now.toISOString() } });
    }
    return flagged.length;
  });
}
