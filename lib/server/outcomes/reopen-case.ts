import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { caseOutcomes, cases, creditors } from '@/db/schema';
import { canTransition } from '@/lib/domain/case-state';
import { renewedMediationDeadline, reopenableStates, reopenState } from '@/lib/domain/outcomes';
import { reopenCaseSchema, type ReopenCaseInput } from '@/lib/validation/outcome';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadVisibleCase } from '../cases/case-access';
import { creditorPolicy } from '../creditor-policy';
import { AppError } from '../errors';

/**
 * Reopens an ended case (a breach, a new offer): back to negotiation with a
 * fresh mediation window, the outcome it had kept on record (marked reopened,
 * with who and why). A loan has one open case at a time: if a newer case on
 * the same loan is open, this one stays closed.
 */
export async function reopenCase(ctx: Ctx, caseId: unknown, raw: ReopenCaseInput, options: { version?: number; now?: Date } = {}) {
  if (ctx.actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const { reason } = reopenCaseSchema.parse(raw);
  const now = options.now ?? new Date();
  const staffId = ctx.actor.id;
  try {
    return await getDb().transaction(async (tx) => {
      const kase = await loadVisibleCase(tx, ctx.actor, caseId, { forUpdate: true, act: true });
      if (options.version !== undefined && options.version !== kase.version) throw new AppError('CONFLICT');
      if (!reopenableStates.includes(kase.state) || !canTransition(kase.state, reopenState)) throw new AppError('CONFLICT', { params: { state: kase.state } });
      const [creditor] = await tx.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, kase.creditorId));
      const deadline = renewedMediationDeadline(kase.mediationDeadline, now, creditorPolicy(creditor?.policy).mediationWindowDays);
      const reopened = await tx
        .update(caseOutcomes)
        .set({ supersededAt: now, supersededBy: staffId, supersededReason: `reopened: ${reason}` })
        .where(and(eq(caseOutcomes.caseId, kase.id), isNull(caseOutcomes.supersededAt)))
        .returning({ id: caseOutcomes.id, outcome: caseOutcomes.outcome });
      await tx
        .update(cases)
        .set({ state: reopenState, closedAt: null, escalationReviewSince: null, mediationDeadline: deadline, version: sql`${cases.version} + 1`, updatedAt: now })
        .where(eq(cases.id, kase.id));
      await recordAudit(tx, ctx, {
        action: 'case.reopened',
        entityType: 'case',
        entityId: kase.id,
        data: { from: kase.state, to: reopenState, reason, earlierOutcome: reopened[0]?.outcome ?? null, outcomeId: reopened[0]?.id ?? null, mediationDeadline: deadline.toISOString() },
      });
      await recordAudit(tx, ctx, { action: 'case.state_changed', entityType: 'case', entityId: kase.id, data: { from: kase.state, to: reopenState } });
      return { state: reopenState, mediationDeadline: deadline.toISOString() };
    });
  } catch (error) {
    // The one-open-case-per-loan index: a newer case on this loan is open.
    const pgCode = (error as { code?: string; cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
    if (pgCode === '23505') throw new AppError('CONFLICT', { params: { reason: 'newer_case_open' } });
    throw error;
  }
}
