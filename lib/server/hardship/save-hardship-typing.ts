import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { hardshipStatements } from '@/db/schema';
import { hardshipSteps } from '@/lib/validation/hardship';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { currentDraft, latestStatement } from './load-draft';

/** What a step's fields hold as typed: strings and ticks, possibly nested (the debts), and small. */
type Typed = string | boolean | Typed[] | { [key: string]: Typed };
const typed: z.ZodType<Typed> = z.lazy(() => z.union([z.string().max(2000), z.boolean(), z.array(typed).max(20), z.record(z.string().max(40), typed)]));

const input = z.object({
  caseId: z.string(),
  step: z.enum(['household', 'income', 'costs', 'debts', 'reason']),
  values: z.record(z.string().max(40), typed).refine((v) => JSON.stringify(v).length <= 20_000),
});

/**
 * Keeps what the borrower is typing on a step, as they type (the page saves it a
 * moment after they stop), so a reload or another device finds it. It is not the
 * statement: nothing is checked or counted from it, the step's own save replaces
 * it, and it is cleared then. It does not change the draft's version, so it
 * never makes a step's save look stale. The first one opens the draft (recorded);
 * the typing itself is not an audited act, as no decision rests on it.
 */
export async function saveHardshipTyping(ctx: Ctx, raw: z.input<typeof input>): Promise<{ rowVersion: number; savedAt: string }> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const { caseId, step, values } = input.parse(raw);
  const savedAt = new Date();
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, ctx.actor, caseId, { forUpdate: true });
    let draft = await currentDraft(tx, kase.id, { forUpdate: true });
    if (!draft) {
      const latest = await latestStatement(tx, kase.id);
      [draft] = await tx
        .insert(hardshipStatements)
        .values({ caseId: kase.id, borrowerId: kase.borrowerId, version: (latest?.version ?? 0) + 1, status: 'draft', data: latest?.data ?? {}, step: latest ? hardshipSteps.length - 1 : 0 })
        .returning();
      await recordAudit(tx, ctx, { action: 'hardship.draft_started', entityType: 'hardship_statement', entityId: draft!.id, data: { caseId: kase.id, version: draft!.version } });
    }
    await tx.update(hardshipStatements).set({ typing: { step, values, savedAt: savedAt.toISOString() }, updatedAt: savedAt }).where(eq(hardshipStatements.id, draft!.id));
    return { rowVersion: draft!.rowVersion, savedAt: savedAt.toISOString() };
  });
}
