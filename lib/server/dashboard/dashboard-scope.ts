import 'server-only';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { caseFacts } from '@/db/schema';
import { addDays } from '@/lib/domain/dates';
import { dpdBuckets, type ReachedKind } from '@/lib/domain/dashboard';
import type { DashboardFilter } from '@/lib/validation/dashboard';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { creditorScope } from '../staff-scope';

export type DashboardViewer = Extract<Actor, { type: 'staff' }>;

/** Supervisors and admins: the dashboard is theirs (a mediator works cases, not the figures). */
export function assertDashboardViewer(actor: Actor): asserts actor is DashboardViewer {
  if (actor.type !== 'staff' || actor.role === 'mediator') throw new AppError('FORBIDDEN');
}

/** A calendar day in China Standard Time as the instant it starts. */
export const startOfDay = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The where-clause for the case facts a filter selects, within what the viewer may see. */
export function factsWhere(actor: DashboardViewer, filter: DashboardFilter): SQL {
  const parts: (SQL | undefined)[] = [creditorScope(actor, caseFacts.creditorId)];
  if (filter.from) parts.push(gte(caseFacts.openedAt, startOfDay(filter.from)));
  if (filter.to) parts.push(lt(caseFacts.openedAt, startOfDay(addDays(filter.to, 1))));
  if (filter.mediator) parts.push(eq(caseFacts.assigneeId, filter.mediator));
  if (filter.bucket) parts.push(eq(caseFacts.bucket, dpdBuckets.indexOf(filter.bucket)));
  if (filter.creditor) parts.push(eq(caseFacts.creditorId, filter.creditor));
  return and(...parts) ?? sql`true`;
}

/**
 * What each dashboard count counts, as a condition on a case's facts: the dashboard counts with it and the queue
 * filters with it (`reached=`), so a count and the cases it opens are the same cases.
 */
export const reachedWhere: Record<ReachedKind, SQL> = {
  engaged: sql`${caseFacts.engagedAt} is not null`,
  hardship: sql`${caseFacts.hardshipAt} is not null`,
  offered: sql`${caseFacts.offeredAt} is not null`,
  signed: sql`${caseFacts.signedAt} is not null`,
  resolved: sql`${caseFacts.resolvedAt} is not null`,
  selfServed: sql`(${caseFacts.resolvedAt} is not null and not ${caseFacts.staffContact})`,
  redefaulted: sql`(${caseFacts.signedAt} is not null and ${caseFacts.breachedAt} is not null)`,
};
