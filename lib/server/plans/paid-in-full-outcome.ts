import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { caseOutcomes, cases } from '@/db/schema';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import type { CaseRow } from './load-plan';

/**
 * Closes a case whose plan was paid in full, with the outcome "paid in full" (settled_in_full) and the amount
 * recovered under the plan. A stand-in for the outcome service of issue 15 until it lands: the case moves to
 * `completed` through the state machine's one allowed step from plan tracking, and the outcome is recorded once.
 */
export async function closeCasePaidInFull(tx: Executor, ctx: Ctx, kase: CaseRow, recovered: number, now: Date) {
  if (kase.state !== 'plan_active') return;
  await tx.update(cases).set({ state: 'completed', closedAt: now, version: sql`${cases.version} + 1`, updatedAt: now }).where(eq(cases.id, kase.id));
  await recordAudit(tx, ctx, { action: 'case.state_changed', entityType: 'case', entityId: kase.id, data: { from: kase.state, to: 'completed' } });
  await tx.insert(caseOutcomes).values({ caseId: kase.id, outcome: 'settled_in_full', recoveredAmount: recovered, details: { via: 'plan' }, recordedAt: now }).onConflictDoNothing();
  await recordAudit(tx, ctx, { action: 'case.outcome_recorded', entityType: 'case', entityId: kase.id, data: { outcome: 'settled_in_full', recovered } });
}
