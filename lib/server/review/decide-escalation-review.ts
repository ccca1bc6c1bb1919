import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { cases } from '@/db/schema';
import { reviewableStates } from '@/lib/domain/outcomes';
import { closeCaseSchema, extendWindowSchema, noteField, type CloseCaseInput, type ExtendWindowInput } from '@/lib/validation/outcome';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { checkOutcomeAmounts, recordOutcomeTx } from '../outcomes/record-outcome';

export type ReviewDecision =
  | { decision: 'extend'; input: ExtendWindowInput }
  | { decision: 'close'; input: CloseCaseInput }
  | { decision: 'escalate'; input: { amountClaimed?: string; note?: string } };

const escalateSchema = z.object({ amountClaimed: z.string().optional(), note: noteField });

/**
 * A supervisor decides a case on the escalation review list: more time (with
 * the borrower's agreement, recorded: how and when they agreed), close it with
 * an outcome, or escalate it to litigation. Supervisors only: a mediator works
 * the case, an admin reads. The case must still be on the list and unchanged
 * since the supervisor looked (`version`).
 */
export async function decideEscalationReview(ctx: Ctx, caseId: unknown, decision: ReviewDecision, options: { version?: number; now?: Date } = {}) {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  if (actor.role !== 'supervisor') throw new AppError('FORBIDDEN');
  const now = options.now ?? new Date();
  // Validated before the transaction: a wrong field is answered beside it, nothing locked.
  const parsed =
    decision.decision === 'extend'
      ? ({ decision: 'extend', input: extendWindowSchema.parse(decision.input) } as const)
      : decision.decision === 'close'
        ? ({ decision: 'close', input: closeCaseSchema.parse(decision.input) } as const)
        : ({ decision: 'escalate', input: closeCaseSchema.parse({ outcome: 'escalated_to_litigation', ...escalateSchema.parse(decision.input) }) } as const);
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, caseId, { forUpdate: true, act: true });
    if (options.version !== undefined && options.version !== kase.version) throw new AppError('CONFLICT');
    if (!kase.escalationReviewSince || !reviewableStates.includes(kase.state)) throw new AppError('CONFLICT', { params: { reason: 'not_on_review' } });
    if (parsed.decision !== 'extend') {
      await checkOutcomeAmounts(tx, kase, parsed.input, now);
      const { state } = await recordOutcomeTx(tx, ctx, kase, parsed.input, now);
      return { decision: parsed.decision, state };
    }
    const { days, agreedVia, agreedOn, note } = parsed.input;
    const from = kase.mediationDeadline > now ? kase.mediationDeadline : now;
    const deadline = new Date(from.getTime() + days * 86_400_000);
    await tx
      .update(cases)
      .set({ mediationDeadline: deadline, deadlineExtensions: sql`${cases.deadlineExtensions} + 1`, escalationReviewSince: null, version: sql`${cases.version} + 1`, updatedAt: now })
      .where(eq(cases.id, kase.id));
    await recordAudit(tx, ctx, {
      action: 'case.deadline_extended',
      entityType: 'case',
      entityId: kase.id,
      data: { from: kase.mediationDeadline.toISOString(), to: deadline.toISOString(), days, borrowerAgreement: { via: agreedVia, on: agreedOn, note }, via: 'escalation_review' },
    });
    return { decision: 'extend' as const, state: kase.state, mediationDeadline: deadline.toISOString() };
  });
}
