import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { agreements, cases } from '@/db/schema';
import type { Actor } from '../actor';
import { assertMayAct, isUuid, visibleCases, type CaseAccessOptions } from '../cases/case-access';
import { AppError } from '../errors';
import { parseSnapshot } from './snapshot';

/** An agreement on a case the actor may see (the case row locked first when updating), else NOT_FOUND; with `act`, one they may act on. */
export async function loadVisibleAgreement(db: Executor, actor: Actor, agreementId: unknown, options: CaseAccessOptions = {}) {
  const scope = visibleCases(actor);
  if (!scope || !isUuid(agreementId)) throw new AppError('NOT_FOUND');
  const [found] = await db
    .select({ caseId: agreements.caseId })
    .from(agreements)
    .innerJoin(cases, eq(cases.id, agreements.caseId))
    .where(and(eq(agreements.id, agreementId), scope));
  if (!found) throw new AppError('NOT_FOUND');
  const caseQuery = db.select().from(cases).where(eq(cases.id, found.caseId));
  const [kase] = options.forUpdate ? await caseQuery.for('update') : await caseQuery;
  if (options.act) assertMayAct(actor, kase!);
  const agreementQuery = db.select().from(agreements).where(eq(agreements.id, agreementId));
  const [agreement] = options.forUpdate ? await agreementQuery.for('update') : await agreementQuery;
  return { kase: kase!, agreement: agreement!, snapshot: parseSnapshot(agreement!.snapshot, agreement!.agreementNo) };
}
