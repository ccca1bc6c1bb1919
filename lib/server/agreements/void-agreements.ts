import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { agreements } from '@/db/schema';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';

/**
 * Voids the case's agreements not yet in force (awaiting the borrower's signature, or the creditor's), each recorded
 * with why: none can be signed or countersigned afterwards. An agreement in force (executed) is never touched.
 */
export async function voidOpenAgreements(tx: Executor, ctx: Ctx, caseId: string, data: { reason: string; outcome?: string }) {
  const voided = await tx
    .update(agreements)
    .set({ status: 'void', version: sql`${agreements.version} + 1` })
    .where(and(eq(agreements.caseId, caseId), inArray(agreements.status, ['awaiting_borrower', 'signed_by_borrower'])))
    .returning({ id: agreements.id });
  for (const a of voided) await recordAudit(tx, ctx, { action: 'agreement.voided', entityType: 'agreement', entityId: a.id, data: { caseId, ...data } });
  return voided.map((a) => a.id);
}
