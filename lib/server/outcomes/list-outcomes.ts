import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { caseOutcomes, staffUsers } from '@/db/schema';
import type { CaseState } from '@/lib/domain/case-state';
import type { OutcomeKind } from '@/lib/domain/outcomes';
import type { Actor } from '../actor';
import { loadVisibleCase } from '../cases/case-access';

export type OutcomeDto = {
  id: string;
  outcome: OutcomeKind;
  amountRecovered: number | null;
  amountWaived: number | null;
  amountClaimed: number | null;
  amountRestructured: number | null;
  fromState: CaseState;
  toState: CaseState;
  recordedAt: string;
  recordedBy: string | null;
  note: string | null;
  current: boolean;
  supersededAt: string | null;
  supersededBy: string | null;
  supersededReason: string | null;
};

/** A case's outcomes, newest first: the current one and every earlier one kept on record. */
export async function listCaseOutcomes(actor: Actor, caseId: unknown): Promise<OutcomeDto[]> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const recorder = alias(staffUsers, 'recorder');
  const superseder = alias(staffUsers, 'superseder');
  const rows = await db
    .select({ o: caseOutcomes, recordedBy: recorder.name, supersededBy: superseder.name })
    .from(caseOutcomes)
    .leftJoin(recorder, eq(recorder.id, caseOutcomes.recordedBy))
    .leftJoin(superseder, eq(superseder.id, caseOutcomes.supersededBy))
    .where(eq(caseOutcomes.caseId, kase.id))
    .orderBy(desc(caseOutcomes.recordedAt));
  return rows.map(({ o, recordedBy, supersededBy }) => ({
    id: o.id,
    outcome: o.outcome,
    amountRecovered: o.amountRecovered,
    amountWaived: o.amountWaived,
    amountClaimed: o.amountClaimed,
    amountRestructured: o.amountRestructured,
    fromState: o.fromState,
    toState: o.toState,
    recordedAt: o.recordedAt.toISOString(),
    recordedBy,
    note: o.note,
    current: o.supersededAt === null,
    supersededAt: o.supersededAt?.toISOString() ?? null,
    supersededBy,
    supersededReason: o.supersededReason,
  }));
}
