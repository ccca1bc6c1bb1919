import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, cases } from '@/db/schema';
import { systemCtx } from '../actor';
import { logger } from '../logger';
import { loadPlanOfCase } from './load-plan';
import { syncPlan } from './sync-plan';

export type TrackPlansReport = { plans: number; missed: number; breached: number; completed: number };

/**
 * The daily job of plan tracking (registered in lib/server/jobs.ts): every plan still running is brought up to date
 * on the day of `now` (missed installments recorded and the borrower reminded, breaches declared). Each plan in its
 * own transaction, its case row locked (FOR UPDATE SKIP LOCKED: a plan another worker or a payment is changing now
 * is left to them), and every change recorded once, so running it again, or on two workers, does nothing more.
 */
export async function trackPlans(now: Date = new Date(), options: { batch?: number } = {}): Promise<TrackPlansReport> {
  const db = getDb();
  const report: TrackPlansReport = { plans: 0, missed: 0, breached: 0, completed: 0 };
  const running = await db
    .select({ caseId: cases.id })
    .from(agreements)
    .innerJoin(cases, eq(cases.id, agreements.caseId))
    .where(and(eq(agreements.status, 'executed'), isNull(agreements.planBreachedAt), isNull(agreements.planCompletedAt), eq(cases.state, 'plan_active')))
    .limit(options.batch ?? 10_000);
  for (const { caseId } of running) {
    try {
      await db.transaction(async (tx) => {
        const [kase] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update', { skipLocked: true });
        if (!kase || kase.state !== 'plan_active') return;
        const plan = await loadPlanOfCase(tx, kase, { forUpdate: true });
        if (!plan) return;
        const outcome = await syncPlan(tx, systemCtx, plan, now);
        report.plans++;
        report.missed += outcome.missed.length;
        report.breached += outcome.breached ? 1 : 0;
        report.completed += outcome.completed ? 1 : 0;
      });
    } catch (error) {
      // One plan's failure never stops the others; the next run tries it again.
      logger.error({ caseId, err: { name: (error as Error).name, message: (error as Error).message } }, 'plan tracking failed');
    }
  }
  return report;
}
