import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import { cases } from '@/db/schema';
import type { Executor } from '@/db/client';
import { staffCaseAccess } from '@/lib/domain/case-access';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { perRender } from '../per-render';
import { creditorScope } from '../staff-scope';

/**
 * The where-clause for the cases an actor may see: a borrower their own, staff
 * the creditors they serve (staff-scope.ts). Anyone else sees nothing.
 */
export function visibleCases(actor: Actor): SQL | undefined {
  if (actor.type === 'borrower') return eq(cases.borrowerId, actor.id);
  if (actor.type === 'staff') return creditorScope(actor, cases.creditorId);
  return undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

/**
 * Refuses a staff member who may read a case but not act on it (lib/domain/case-access):
 * an admin, or a mediator on a case that is not theirs (unassigned ones are claimed first).
 */
export function assertMayAct(actor: Actor, kase: { assigneeId: string | null }): void {
  if (actor.type !== 'staff') return;
  const access = staffCaseAccess(actor, kase.assigneeId);
  if (access === 'act') return;
  throw new AppError(actor.role === 'admin' ? 'READ_ONLY' : 'NOT_ASSIGNED');
}

export type CaseAccessOptions = { forUpdate?: boolean; act?: boolean };

/**
 * Loads a case the actor may see, optionally locking it; otherwise NOT_FOUND (never "forbidden",
 * which would confirm it exists). With `act`, also one the actor may act on (assertMayAct).
 */
export async function loadVisibleCase(db: Executor, actor: Actor, caseId: unknown, options: CaseAccessOptions = {}) {
  const row = options.forUpdate ? await readVisibleCase(db, actor, caseId, true) : await readVisibleCaseOnce(db, actor, caseId);
  if (options.act) assertMayAct(actor, row);
  return row;
}

async function readVisibleCase(db: Executor, actor: Actor, caseId: unknown, forUpdate = false) {
  const scope = visibleCases(actor);
  if (!scope || !isUuid(caseId)) throw new AppError('NOT_FOUND');
  const query = db.select().from(cases).where(and(eq(cases.id, caseId), scope)).limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A page's sections each load the case they show: once per render (per-render.ts), the same row for all of them. */
const readVisibleCaseOnce = perRender((db: Executor, actor: Actor, caseId: unknown) => readVisibleCase(db, actor, caseId));
