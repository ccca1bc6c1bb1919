import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, borrowers, cases } from '@/db/schema';
import { systemCtx } from '../actor';
import { recordAudit } from '../audit';
import { notifyBorrower } from '../notify-borrower';
import { moveCase } from '../offers/offer-store';
import { firstPaymentDue } from './first-payment';
import { parseSnapshot } from './snapshot';

/**
 * An agreement awaiting the borrower's signature lapses when its first payment day comes, in the borrower's time zone:
 * signed then, its plan would begin with a payment already due (first-payment.ts). It is set aside (status "void",
 * with the moment it lapsed), the case goes back to negotiation, where the borrower chooses a plan again on today's
 * figures, and the borrower is told. Nobody has to notice it first: the scheduled job lapses them every minute, and
 * the borrower's agreement page lapses its own at once. An agreement the borrower signed is never touched here.
 *
 * Each agreement in its own transaction, under the case lock (the job skips a case another worker holds); true when
 * it lapsed now.
 */
async function lapseOne(agreementId: string, now: Date, skipLocked: boolean): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [found] = await tx.select({ caseId: agreements.caseId }).from(agreements).where(eq(agreements.id, agreementId));
    if (!found) return false;
    const [kase] = await tx.select().from(cases).where(eq(cases.id, found.caseId)).for('update', skipLocked ? { skipLocked: true } : {});
    if (!kase) return false;
    const [agreement] = await tx.select().from(agreements).where(eq(agreements.id, agreementId)).for('update');
    if (!agreement || agreement.status !== 'awaiting_borrower') return false;
    const [borrower] = await tx.select({ timeZone: borrowers.timezone }).from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    const due = firstPaymentDue(parseSnapshot(agreement.snapshot, agreement.agreementNo), borrower!.timeZone, now);
    if (!due) return false;
    await tx.update(agreements).set({ status: 'void', lapsedAt: now, version: sql`${agreements.version} + 1` }).where(eq(agreements.id, agreement.id));
    await recordAudit(tx, systemCtx, { action: 'agreement.lapsed', entityType: 'agreement', entityId: agreement.id, data: { caseId: kase.id, firstPaymentDue: due } });
    await moveCase(tx, systemCtx, kase, 'negotiating');
    await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'agreementLapsed', values: { agreementNo: agreement.agreementNo, date: { day: due } }, now });
    return true;
  });
}

/** The scheduled job: every agreement awaiting the borrower whose first payment day has come where the borrower lives. */
export async function lapseUnsignedAgreements(now = new Date(), limit = 200): Promise<number> {
  // The first payment day is the schedule's first row (firstPaymentDay); the day in each borrower's own zone.
  const due = await getDb()
    .select({ id: agreements.id })
    .from(agreements)
    .innerJoin(cases, eq(cases.id, agreements.caseId))
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .where(and(eq(agreements.status, 'awaiting_borrower'), sql`(${agreements.snapshot} #>> '{priced,schedule,0,dueDate}')::date <= (${now}::timestamptz at time zone ${borrowers.timezone})::date`))
    .limit(limit);
  let lapsed = 0;
  for (const { id } of due) if (await lapseOne(id, now, true)) lapsed++;
  return lapsed;
}

/** The borrower's agreement page: their agreement lapses the moment they look at it on or after its first payment day. */
export async function lapseIfFirstPaymentDue(agreementId: string, now: Date = new Date()): Promise<boolean> {
  return lapseOne(agreementId, now, false);
}
