import 'server-only';
import { and, eq, gte } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { cases} from '@/db/schema';
import { borrowers, contactRecords, creditors } from '@/db/schema';
import type { ContactHistoryEntry, ContactRequest } from '@/lib/domain/contact-rules';
import { creditorPolicy } from '../creditor-policy';

/** What the contact rules need about a case's borrower at `now`: their clock, wishes, recent contact and the creditor's policy. */
export async function contactContext(db: Executor, kase: typeof cases.$inferSelect, now: Date) {
  // One after another: `db` may be a transaction's single connection.
  const [borrower] = await db.select().from(borrowers).where(eq(borrowers.id, kase.borrowerId));
  const [creditor] = await db.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, kase.creditorId));
  const history = await borrowerContactHistory(db, kase.borrowerId, now);
  return contactContextOf(borrower!, creditor!.policy, history, now);
}

/** The same, from a borrower and a creditor's stored policy already read (the case file reads them with the loan). */
export function contactContextOf(borrower: typeof borrowers.$inferSelect, storedPolicy: unknown, history: ContactHistoryEntry[], now: Date) {
  const policy = creditorPolicy(storedPolicy);
  const request: Omit<ContactRequest, 'channel' | 'mandatory'> = {
    now,
    timeZone: borrower.timezone,
    quietHours: borrower.contactPreferences.quietHours,
    optOut: borrower.contactPreferences.optOut,
    history,
    policy,
  };
  return { borrower, policy, request };
}

/** Every contact with a borrower (all their cases, every channel) in the eight days the rules look back over. */
export async function borrowerContactHistory(db: Executor, borrowerId: string, now: Date): Promise<ContactHistoryEntry[]> {
  const rows = await db
    .select({ at: contactRecords.at, channel: contactRecords.channel, outcome: contactRecords.outcome, direction: contactRecords.direction })
    .from(contactRecords)
    .where(and(eq(contactRecords.borrowerId, borrowerId), gte(contactRecords.at, new Date(now.getTime() - 8 * 86_400_000))));
  return rows;
}
