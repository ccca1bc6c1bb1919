import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { borrowers, cases, hardshipStatements } from '@/db/schema';
import { canTransition, isNegotiable } from '@/lib/domain/case-state';
import { categoriesNeedingExplanation, computeAffordability, type HardshipNumbers } from '@/lib/domain/hardship';
import { completeStatement } from '@/lib/validation/hardship';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { notifyAssignee } from '../notify-assignee';
import { proposeSuggestionsTx } from '../offers/suggest-offers';
import { currentDraft } from './load-draft';

const input = z.object({ caseId: z.string(), rowVersion: z.number().int() });

/**
 * Submits the draft: it becomes read-only, the earlier submitted version is kept
 * (superseded), the case moves to "hardship submitted", and the assigned
 * mediator is notified — all in one transaction with the audit event.
 */
export async function submitHardship(ctx: Ctx, raw: z.input<typeof input>): Promise<{ statementId: string; version: number; disposableIncome: number }> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const { caseId, rowVersion } = input.parse(raw);

  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, ctx.actor, caseId, { forUpdate: true });
    const draft = await currentDraft(tx, kase.id, { forUpdate: true });
    if (!draft) throw new AppError('CONFLICT', { message: 'nothing to submit' });
    if (draft.rowVersion !== rowVersion) throw new AppError('CONFLICT');
    const parsed = completeStatement.safeParse(draft.data);
    if (!parsed.success) throw new AppError('STATEMENT_INCOMPLETE');
    const statement = parsed.data;
    const numbers: HardshipNumbers = {
      household: statement.household,
      income: statement.income as HardshipNumbers['income'],
      fixedCosts: statement.costs.fixedCosts as HardshipNumbers['fixedCosts'],
      flexibleCosts: statement.costs.flexibleCosts as HardshipNumbers['flexibleCosts'],
      debts: statement.debts,
    };
    const unexplained = categoriesNeedingExplanation(numbers).filter((key) => !statement.costs.explanations[key]);
    if (unexplained.length) throw new AppError('STATEMENT_INCOMPLETE');
    const { disposableIncome } = computeAffordability(numbers);
    const now = new Date();

    await tx
      .update(hardshipStatements)
      .set({ status: 'superseded', updatedAt: now })
      .where(and(eq(hardshipStatements.caseId, kase.id), eq(hardshipStatements.status, 'submitted'), ne(hardshipStatements.id, draft.id)));
    await tx
      .update(hardshipStatements)
      .set({ status: 'submitted', submittedAt: now, disposableIncome, rowVersion: sql`${hardshipStatements.rowVersion} + 1`, updatedAt: now })
      .where(eq(hardshipStatements.id, draft.id));
    if (kase.state !== 'hardship_submitted' && canTransition(kase.state, 'hardship_submitted')) {
      await tx
        .update(cases)
        .set({ state: 'hardship_submitted', version: sql`${cases.version} + 1`, updatedAt: now })
        .where(eq(cases.id, kase.id));
      await recordAudit(tx, ctx, { action: 'case.state_changed', entityType: 'case', entityId: kase.id, data: { from: kase.state, to: 'hardship_submitted' } });
    }
    // Offers built from the new disposable income come with the submission (DESIGN: offers from affordability), while
    // offers can be made: with an agreement being signed or its plan running, none could be taken; the statement goes
    // to the mediator (notified below), who decides whether to renegotiate.
    const [fresh] = await tx.select().from(cases).where(eq(cases.id, kase.id));
    if (isNegotiable(fresh!.state)) await proposeSuggestionsTx(tx, ctx, fresh!);
    await recordAudit(tx, ctx, { action: 'hardship.submitted', entityType: 'hardship_statement', entityId: draft.id, data: { caseId: kase.id, version: draft.version, disposableIncome } });

    const [borrower] = await tx.select({ name: borrowers.fullName }).from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    await notifyAssignee(tx, kase, 'hardshipSubmitted', { caseNo: kase.caseNo, name: borrower?.name ?? '', version: draft.version });
    return { statementId: draft.id, version: draft.version, disposableIncome };
  });
}
