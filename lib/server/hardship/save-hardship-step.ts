import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { hardshipStatements } from '@/db/schema';
import { costsStep, debtsStep, hardshipSteps, householdStep, incomeStep, reasonStep, type HardshipDraftData } from '@/lib/validation/hardship';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { currentDraft, latestStatement } from './load-draft';

const input = z.object({
  caseId: z.string(),
  step: z.enum(['household', 'income', 'costs', 'debts', 'reason']),
  values: z.unknown(),
  /** The draft's row version the form was loaded with; null when no draft existed yet. */
  rowVersion: z.number().int().nullable(),
});

/**
 * Saves one step of the borrower's hardship statement on the server, so a
 * closed browser or another device resumes where it stopped. The first save
 * opens a draft (an update starts from the last submitted version). A save
 * from a stale copy of the draft is refused rather than silently overwriting.
 */
export async function saveHardshipStep(ctx: Ctx, raw: z.input<typeof input>): Promise<{ rowVersion: number; step: number }> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const { caseId, step, values, rowVersion } = input.parse(raw);

  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, ctx.actor, caseId, { forUpdate: true });
    let draft = await currentDraft(tx, kase.id, { forUpdate: true });
    if (draft && draft.rowVersion !== rowVersion) throw new AppError('CONFLICT');
    if (!draft && rowVersion !== null) throw new AppError('CONFLICT');

    const data: HardshipDraftData = { ...draft?.data };
    if (!draft) {
      const latest = await latestStatement(tx, kase.id);
      Object.assign(data, latest?.data);
      [draft] = await tx
        .insert(hardshipStatements)
        .values({ caseId: kase.id, borrowerId: kase.borrowerId, version: (latest?.version ?? 0) + 1, status: 'draft', data: {}, step: latest ? hardshipSteps.length - 1 : 0 })
        .returning();
    }

    // Throws a ZodError with the field paths; the action maps it back beside each field.
    switch (step) {
      case 'household':
        data.household = householdStep.parse(values);
        break;
      case 'income':
        data.income = incomeStep.parse(values).income;
        break;
      case 'costs':
        data.costs = costsStep(data.household).parse(values);
        break;
      case 'debts':
        data.debts = debtsStep.parse(values).debts;
        break;
      case 'reason':
        data.reason = reasonStep().parse(values).reason;
        break;
    }
    const reached = Math.max(draft!.step, hardshipSteps.indexOf(step) + 1);
    const [saved] = await tx
      .update(hardshipStatements)
      // The step is saved: what was being typed on it is now the statement's.
      .set({ data, step: reached, typing: null, rowVersion: sql`${hardshipStatements.rowVersion} + 1`, updatedAt: new Date() })
      .where(eq(hardshipStatements.id, draft!.id))
      .returning({ rowVersion: hardshipStatements.rowVersion, step: hardshipStatements.step });
    await recordAudit(tx, ctx, { action: 'hardship.step_saved', entityType: 'hardship_statement', entityId: draft!.id, data: { caseId: kase.id, step, version: draft!.version } });
    return saved!;
  });
}
