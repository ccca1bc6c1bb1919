import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers } from '@/db/schema';
import { revealSchema } from '@/lib/validation/contact';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { decryptField } from '../crypto';
import { AppError } from '../errors';
import { loadVisibleCase } from './case-access';

/**
 * A staff member who may see a case reads the borrower's full phone number or resident ID, giving a reason; who, when,
 * from where and why go into the audit trail in the same transaction, before the value leaves the server.
 */
export async function revealBorrowerField(ctx: Ctx, raw: { caseId: string; field: string; reason: string }): Promise<{ value: string }> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const { field, reason } = revealSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, raw.caseId);
    const [borrower] = await tx.select({ phone: borrowers.phone, residentIdEnc: borrowers.residentIdEnc }).from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    const value = field === 'phone' ? borrower!.phone : decryptField(borrower!.residentIdEnc);
    await recordAudit(tx, ctx, { action: 'borrower.revealed', entityType: 'case', entityId: kase.id, data: { field, reason, borrowerId: kase.borrowerId } });
    return { value };
  });
}
