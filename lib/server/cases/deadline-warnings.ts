import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { jobMarks, staffUsers } from '@/db/schema';
import { openMediationStates } from '@/lib/domain/case-state';
import { queueNotification } from '../notifications';
import { staffServing } from '../staff-scope';

/**
 * Mediation-window warnings (job `mediation-deadline-warnings`, every 15 minutes): the case's mediator is told
 * 5 days and again 1 day before the mediation deadline while the case is still in mediation (an unassigned case's
 * supervisors are told instead). Marked done per case, warning and deadline in the same transaction: sent once
 * however often or wherever the job runs, and again after an extension moves the deadline. What happens at the
 * deadline itself (the escalation review list) is issue 15's job.
 */
export type WarningReport = { fiveDays: number; oneDay: number };

const warnings = [
  { job: 'deadline-warning-5d', within: 5 },
  { job: 'deadline-warning-1d', within: 1 },
] as const;

export async function warnMediationDeadlines(now: Date = new Date()): Promise<WarningReport> {
  const db = getDb();
  const report: WarningReport = { fiveDays: 0, oneDay: 0 };
  for (const { job, within } of warnings) {
    const { rows } = await db.execute<{ id: string; case_no: string; creditor_id: string; assignee_id: string | null; deadline: Date }>(sql`
      select k.id, k.case_no, k.creditor_id, k.assignee_id, k.mediation_deadline as deadline from cases k
       where k.state in (${sql.join(openMediationStates.map((s) => sql`${s}`), sql`, `)})
         and k.mediation_deadline > ${now} and k.mediation_deadline <= ${new Date(now.getTime() + within * 86_400_000)}
         ${within === 5 ? sql`and k.mediation_deadline > ${new Date(now.getTime() + 86_400_000)}` : sql``}
         and not exists (select 1 from job_marks m where m.job = ${job} and m.subject = k.id || ':' || to_char(k.mediation_deadline at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'))
       order by k.mediation_deadline limit 2000`);
    for (const kase of rows) {
      await db.transaction(async (tx) => {
        const subject = `${kase.id}:${new Date(kase.deadline).toISOString().slice(0, 19)}`;
        const [mark] = await tx.insert(jobMarks).values({ job, subject, at: now }).onConflictDoNothing().returning({ job: jobMarks.job });
        if (!mark) return;
        const recipients = kase.assignee_id
          ? await tx.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers).where(and(eq(staffUsers.id, kase.assignee_id), eq(staffUsers.active, true)))
          : await tx
              .select({ id: staffUsers.id, email: staffUsers.email })
              .from(staffUsers)
              .where(and(staffServing(kase.creditor_id, staffUsers.creditorId), inArray(staffUsers.role, ['supervisor']), eq(staffUsers.active, true)));
        const days = Math.max(1, Math.ceil((new Date(kase.deadline).getTime() - now.getTime()) / 86_400_000));
        for (const to of recipients) {
          await queueNotification(tx, {
            channel: 'email',
            recipientType: 'staff',
            recipientId: to.id,
            toAddress: to.email,
            template: 'mediationDeadlineWarning',
            locale: 'zh-CN',
            values: { caseNo: kase.case_no, days, deadline: new Date(kase.deadline) },
            caseId: kase.id,
          });
        }
        if (within === 5) report.fiveDays++;
        else report.oneDay++;
      });
    }
  }
  return report;
}
