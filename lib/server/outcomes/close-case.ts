import 'server-only';
import { getDb } from '@/db/client';
import { closeCaseSchema, type CloseCaseInput } from '@/lib/validation/outcome';
import type { Ctx } from '../actor';
import { loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { checkOutcomeAmounts, recordOutcomeTx } from './record-outcome';

/**
 * Closes a case with its outcome: by whoever may act on the case (its
 * mediator, a supervisor). `version` is the case's version the person was
 * looking at: a case changed since is refused, never closed over.
 */
export async function closeCase(ctx: Ctx, caseId: unknown, raw: CloseCaseInput, options: { version?: number; now?: Date } = {}) {
  if (ctx.actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const input = closeCaseSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, ctx.actor, caseId, { forUpdate: true, act: true });
    if (options.version !== undefined && options.version !== kase.version) throw new AppError('CONFLICT');
    await checkOutcomeAmounts(tx, kase, input, options.now);
    return recordOutcomeTx(tx, ctx, kase, input, options.now);
  });
}
