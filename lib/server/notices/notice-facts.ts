import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { staffUsers, type cases } from '@/db/schema';
import { addDays, todayIn } from '@/lib/domain/dates';
import { parseLitigationSettings } from '@/lib/domain/litigation-settings';
import type { NoticeKind } from '@/lib/domain/notice-sequence';
import { publicUrl } from '@/lib/env';
import type { NoticeFacts } from '@/lib/pdf/notice-document';
import { arrearsOf, loanPartiesWithHistory } from '../loans/loan-history';

/** Days the borrower is given to answer a letter, and between the notice of suit and the suit. */
export const NOTICE_RESPONSE_DAYS = 15;

/**
 * What a notice states, read now: the arrears and the enforceable amount as of today in the borrower's time zone,
 * the creditor and its counsel, the court, and the mediator to call (the case's, else the one preparing it).
 */
export async function noticeFacts(tx: Executor, kase: typeof cases.$inferSelect, kind: NoticeKind, noticeNo: string, preparedBy: string, now: Date): Promise<NoticeFacts> {
  const history = await loanPartiesWithHistory(tx, kase.loanId);
  const asOf = todayIn(history.borrower.timezone, now);
  const arrears = arrearsOf(history, asOf);
  const settings = parseLitigationSettings(history.creditor.litigation);
  const [mediator] = await tx.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, kase.assigneeId ?? preparedBy));
  const t = arrears.totals;
  return {
    kind,
    noticeNo,
    date: asOf,
    creditor: { name: history.creditor.name, nameEn: history.creditor.nameEn, address: history.creditor.registeredAddress, servicePhone: history.creditor.servicePhone },
    counsel: settings.counsel,
    court: history.creditor.court,
    borrower: { name: history.borrower.fullName, residentIdMasked: history.borrower.residentIdMasked, address: history.borrower.address },
    contractNo: history.loan.contractNo,
    caseNo: kase.caseNo,
    amounts: { asOf, daysPastDue: arrears.daysPastDue, totalOverdue: t.totalOverdue, totalToSettle: t.totalToSettle, enforceableTotalOverdue: t.enforceableTotalOverdue, enforceableTotalToSettle: t.enforceableTotalToSettle, notEnforceable: arrears.cap.notEnforceable },
    mediator: { name: mediator?.name ?? '', phone: history.creditor.servicePhone },
    caseUrl: publicUrl(`/cases/${kase.id}`),
    respondBy: addDays(asOf, NOTICE_RESPONSE_DAYS),
  };
}
