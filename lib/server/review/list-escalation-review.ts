import 'server-only';
import { and, asc, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, cases, creditors, loans, staffUsers } from '@/db/schema';
import type { CaseState } from '@/lib/domain/case-state';
import { maskPhone } from '@/lib/domain/identity';
import { reviewableStates } from '@/lib/domain/outcomes';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { creditorScope } from '../staff-scope';

export type ReviewRow = {
  id: string;
  caseNo: string;
  version: number;
  state: CaseState;
  creditorName: string;
  creditorNameEn: string;
  borrowerName: string;
  borrowerPhone: string;
  contractNo: string;
  arrearsAtOpen: number;
  dpdAtOpen: number;
  openedAt: string;
  mediationDeadline: string;
  escalationReviewSince: string;
  deadlineExtensions: number;
  assigneeName: string | null;
};

/** How many cases the list shows at once: the longest waiting first. */
export const REVIEW_PAGE = 50;

/** The escalation review list: cases whose window ended with no agreement, oldest first, for supervisors (admins read it). */
export async function listEscalationReview(actor: Actor): Promise<ReviewRow[]> {
  return (await readEscalationReview(actor)).rows;
}

export async function readEscalationReview(actor: Actor): Promise<{ rows: ReviewRow[]; total: number }> {
  if (actor.type !== 'staff' || actor.role === 'mediator') throw new AppError('FORBIDDEN');
  const where = and(creditorScope(actor, cases.creditorId), isNotNull(cases.escalationReviewSince), inArray(cases.state, [...reviewableStates]));
  const [{ total } = { total: 0 }] = await getDb().select({ total: count() }).from(cases).where(where);
  const rows = await getDb()
    .select({
      id: cases.id,
      caseNo: cases.caseNo,
      version: cases.version,
      state: cases.state,
      creditorName: creditors.name,
      creditorNameEn: creditors.nameEn,
      borrowerName: borrowers.fullName,
      borrowerPhone: borrowers.phone,
      contractNo: loans.contractNo,
      arrearsAtOpen: cases.arrearsAtOpen,
      dpdAtOpen: cases.dpdAtOpen,
      openedAt: cases.openedAt,
      mediationDeadline: cases.mediationDeadline,
      escalationReviewSince: cases.escalationReviewSince,
      deadlineExtensions: cases.deadlineExtensions,
      assigneeName: staffUsers.name,
    })
    .from(cases)
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .innerJoin(loans, eq(loans.id, cases.loanId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .leftJoin(staffUsers, eq(staffUsers.id, cases.assigneeId))
    .where(where)
    .orderBy(asc(cases.escalationReviewSince), asc(cases.mediationDeadline))
    .limit(REVIEW_PAGE);
  return {
    total,
    rows: rows.map((r) => ({
    ...r,
    borrowerPhone: maskPhone(r.borrowerPhone),
    openedAt: r.openedAt.toISOString(),
    mediationDeadline: r.mediationDeadline.toISOString(),
    escalationReviewSince: r.escalationReviewSince!.toISOString(),
    })),
  };
}
