import 'server-only';
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { borrowers, cases, loans, staffUsers } from '@/db/schema';
import { caseStates, type CaseState } from '@/lib/domain/case-state';
import { maskPhone } from '@/lib/domain/identity';
import { confirmationMarker, type ConfirmationStatus } from '@/lib/domain/judicial-confirmation';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { creditorScope } from '../staff-scope';

export const listCasesQuery = z.object({
  state: z.enum(caseStates).optional(),
  mine: z.coerce.boolean().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export type StaffCaseRow = {
  id: string;
  caseNo: string;
  state: CaseState;
  borrowerName: string;
  borrowerPhone: string;
  contractNo: string;
  arrearsAtOpen: number;
  dpdAtOpen: number;
  mediationDeadline: string;
  assigneeName: string | null;
  /** The case waits for a mediator's review (e.g. a hardship pause was offered). */
  reviewPending: boolean;
  /** The judicial confirmation's 30-day deadline, when it needs the mediator: due soon and not filed, or passed with an application unfiled. */
  confirmation: { deadline: string; marker: 'due' | 'overdue' } | null;
};

export const PAGE_SIZE = 50;

/** The queue's rule (confirmationMarker): due in the last 7 days; overdue with an application unfiled; nothing once filed. */
function rowMarker(executedAt: string | Date | null, status: ConfirmationStatus | null, now: Date): StaffCaseRow['confirmation'] {
  if (!executedAt) return null;
  const filed = status === 'filed' || status === 'confirmed' || status === 'rejected';
  const marker = confirmationMarker(new Date(executedAt), status ? { filedAt: filed ? now : null } : null, now);
  return marker ? { deadline: marker.deadline, marker: marker.state } : null;
}

/** The staff case list: only the staff member's own creditor's cases, soonest deadline first. */
export async function listCases(actor: Actor, query: z.input<typeof listCasesQuery>): Promise<{ rows: StaffCaseRow[]; total: number; page: number }> {
  if (actor.type !== 'staff') throw new AppError('FORBIDDEN');
  const { state, mine, page } = listCasesQuery.parse(query);
  const filters: SQL[] = [creditorScope(actor, cases.creditorId)];
  if (state) filters.push(eq(cases.state, state));
  if (mine) filters.push(eq(cases.assigneeId, actor.id));
  const where = and(...filters);
  const db = getDb();
  const now = new Date();
  const [rows, [{ value: total } = { value: 0 }]] = await Promise.all([
    db
      .select({
        id: cases.id,
        caseNo: cases.caseNo,
        state: cases.state,
        borrowerName: borrowers.fullName,
        borrowerPhone: borrowers.phone,
        contractNo: loans.contractNo,
        arrearsAtOpen: cases.arrearsAtOpen,
        dpdAtOpen: cases.dpdAtOpen,
        mediationDeadline: cases.mediationDeadline,
        assigneeName: staffUsers.name,
        reviewPending: sql<boolean>`(${cases.reviewReason} is not null and ${cases.reviewedAt} is null)`,
        executedAt: sql<string | null>`(select a.executed_at from agreements a where a.case_id = ${cases.id} and a.status = 'executed' order by a.executed_at desc limit 1)`,
        confirmationStatus: sql<ConfirmationStatus | null>`(select j.status from judicial_confirmations j where j.case_id = ${cases.id} order by j.prepared_at desc limit 1)`,
      })
      .from(cases)
      .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
      .innerJoin(loans, eq(loans.id, cases.loanId))
      .leftJoin(staffUsers, eq(staffUsers.id, cases.assigneeId))
      .where(where)
      .orderBy(asc(cases.mediationDeadline), asc(cases.caseNo))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ value: count() }).from(cases).where(where),
  ]);
  return {
    rows: rows.map(({ executedAt, confirmationStatus, ...row }) => ({
      ...row,
      borrowerPhone: maskPhone(row.borrowerPhone),
      mediationDeadline: row.mediationDeadline.toISOString(),
      confirmation: rowMarker(executedAt, confirmationStatus, now),
    })),
    total,
    page,
  };
}
