import 'server-only';
import { eq, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Actor } from './actor';

type Staff = Extract<Actor, { type: 'staff' }>;

/**
 * Which creditors' work a staff member may see: a creditor's own staff see that
 * creditor's; the mediation centre's staff (no creditor) serve every creditor.
 * Every staff query is scoped through these two, never by comparing ids by hand.
 */
export function servesCreditor(staff: Pick<Staff, 'creditorId'>, creditorId: string | null | undefined): boolean {
  if (!creditorId) return false;
  return staff.creditorId === null || staff.creditorId === creditorId;
}

/** The where-clause for rows whose creditor column the staff member serves. */
export function creditorScope(staff: Pick<Staff, 'creditorId'>, column: AnyColumn): SQL {
  return staff.creditorId === null ? sql`true` : eq(column, staff.creditorId);
}

/** The where-clause for staff rows (by their creditor column) who serve a creditor: its own staff and the centre's. */
export function staffServing(creditorId: string, column: AnyColumn): SQL {
  return or(eq(column, creditorId), isNull(column))!;
}
