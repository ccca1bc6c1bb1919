import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { jobMarks } from '@/db/schema';
import { publicUrl } from '@/lib/env';
import { logger } from '../logger';
import { notifyBorrower } from '../notify-borrower';

/**
 * Installment reminders (job `installment-reminders`, hourly): for every installment of a plan in force that is
 * not paid, a reminder when it is three days or less away ("due on …"), and another on its due day, each by the
 * borrower's own calendar (their time zone). Each reminder is marked done (job_marks) in the transaction that
 * queues it, keyed by the installment and its due date: a job run twice, on two workers, or again after a worker
 * died queues it once, and an installment moved by the one-time delay is reminded of its new date. The message
 * goes out through the contact rules (deferred, never dropped, when they block it).
 */
export type ReminderReport = { before: number; dueToday: number };

type Candidate = { installment_id: string; seq: number; due_date: string; case_id: string; creditor_id: string; borrower_id: string; kind: 'before' | 'due' };

export async function sendInstallmentReminders(now: Date = new Date(), options: { limit?: number } = {}): Promise<ReminderReport> {
  const db = getDb();
  const report: ReminderReport = { before: 0, dueToday: 0 };
  // Installments due near today in UTC first (every time zone's today is within a day of it; an index serves
  // it), then exactly, by each borrower's own calendar.
  const { rows } = await db.execute<Candidate>(sql`
    with near as (
      select p.id, p.seq, p.due_date, p.agreement_id from plan_installments p
       where p.status in ('scheduled', 'partially_paid')
         and p.due_date between (${now}::timestamptz at time zone 'UTC')::date - 1 and (${now}::timestamptz at time zone 'UTC')::date + 4)
    select p.id as installment_id, p.seq, p.due_date::text as due_date, k.id as case_id, k.creditor_id, k.borrower_id,
           case when p.due_date = d.today then 'due' else 'before' end as kind
      from near p
      join agreements a on a.id = p.agreement_id and a.status = 'executed' and a.plan_breached_at is null and a.plan_completed_at is null
      join cases k on k.id = a.case_id and k.state = 'plan_active'
      join borrowers b on b.id = k.borrower_id
      cross join lateral (select (${now}::timestamptz at time zone b.timezone)::date as today) d
     where p.due_date between d.today and d.today + 3
       and not exists (select 1 from job_marks m where m.job = 'installment-reminder-' || (case when p.due_date = d.today then 'due' else 'before' end)
                         and m.subject = p.id || ':' || p.due_date)
     order by p.due_date, p.id
     limit ${options.limit ?? 5000}`);
  for (const c of rows) {
    try {
      await db.transaction(async (tx) => {
        const [mark] = await tx
          .insert(jobMarks)
          .values({ job: `installment-reminder-${c.kind}`, subject: `${c.installment_id}:${c.due_date}`, at: now })
          .onConflictDoNothing()
          .returning({ job: jobMarks.job });
        if (!mark) return; // another worker queued it
        await notifyBorrower(tx, {
          caseId: c.case_id,
          creditorId: c.creditor_id,
          borrowerId: c.borrower_id,
          template: c.kind === 'due' ? 'installmentDue' : 'installmentReminder',
          values: { seq: c.seq, dueDate: { day: c.due_date }, link: publicUrl(`/cases/${c.case_id}`) },
          now,
        });
        if (c.kind === 'due') report.dueToday++;
        else report.before++;
      });
    } catch (error) {
      logger.error({ installmentId: c.installment_id, err: { name: (error as Error).name, message: (error as Error).message } }, 'installment reminder failed');
    }
  }
  return report;
}
