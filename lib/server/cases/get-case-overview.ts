import 'server-only';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, hardshipStatements, offers, staffUsers } from '@/db/schema';
import type { ArrearsTotals, CostCap } from '@/lib/domain/arrears';
import type { CaseState } from '@/lib/domain/case-state';
import { todayIn, type DpdBucket } from '@/lib/domain/dates';
import { staffCaseAccess, type StaffCaseAccess } from '@/lib/domain/case-access';
import { maskPhone } from '@/lib/domain/identity';
import { deadlineHasPassed } from '@/lib/domain/outcomes';
import type { Actor } from '../actor';
import { arrearsOf, loanPartiesWithHistory } from '../loans/loan-history';
import { loadVisibleCase } from './case-access';
import { creditorPolicy } from '../creditor-policy';
import { jsonList, jsonRow } from '../json-select';

export type CaseOverviewDto = {
  id: string;
  caseNo: string;
  state: CaseState;
  version: number;
  openedAt: string;
  mediationDeadline: string;
  /** The mediation deadline has gone by (the pages say so instead of giving a past day as still to come). */
  deadlinePassed: boolean;
  creditor: { id: string; name: string; nameEn: string; servicePhone: string; court: string };
  /** The creditor's one-time delay on a plan signed now, in days (0: none offered). */
  delayMaxDays: number;
  contactWindow: { start: string; end: string };
  borrower: { name: string; phoneMasked: string; residentIdMasked: string };
  assignee: string | null;
  /** What the viewing staff member may do here (lib/domain/case-access); a borrower always acts on their own case. */
  access: StaffCaseAccess;
  loan: { id: string; contractNo: string; product: string; principal: number; annualRatePpm: number; termMonths: number; repaymentMethod: string };
  arrears: { asOf: string; totals: ArrearsTotals; daysPastDue: number; bucket: DpdBucket; cap: CostCap; penaltyRatePpm: number };
  hardship: { status: 'none' | 'draft' | 'submitted'; version: number | null; disposableIncome: number | null };
  /** A mediator's review the case waits for, or had (lib/server/cases/case-review.ts). */
  review: { reason: string; requestedAt: string; reviewedAt: string | null } | null;
  /** The borrower's time zone: instants a borrower reads are written in it. */
  timeZone: string;
  /** Open offers the borrower may answer, and whether their own proposal is open. */
  offers: { toAnswer: number; ownProposalOpen: boolean; earliestExpiry: string | null };
  /** The current agreement's status (not superseded), if any. */
  agreementStatus: 'awaiting_borrower' | 'signed_by_borrower' | 'executed' | null;
  /** The current agreement (the newest neither superseded nor void), with the copies that exist beside the one for review. */
  agreement: { id: string; agreementNo: string; status: NonNullable<CaseOverviewDto['agreementStatus']>; signedFileId: string | null; executedFileId: string | null } | null;
  /** The case's newest agreement when it lapsed unsigned on its first payment day (lib/server/agreements/lapse-agreements.ts). */
  lapsedAgreement: { agreementNo: string; firstPaymentDue: string } | null;
};

type Latest = { status: string; version: number; disposableIncome: number | null };
type Current = { id: string; agreementNo: string; status: string; signedFileId: string | null; executedFileId: string | null };
type Lapsed = { agreementNo: string; firstPaymentDue: string };

/** One case, as the borrower who owes it or the creditor's staff may see it. */
export async function getCaseOverview(actor: Actor, caseId: unknown): Promise<CaseOverviewDto> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  // What the case stands at (its latest statement, assignee, open offers, current agreement) in one statement.
  const [history, facts] = await Promise.all([
    loanPartiesWithHistory(db, kase.loanId),
    db.execute<{ latest: Latest | null; assignee: string | null; open: { authorType: string; expiresAt: string }[]; current: Current | null; lapsed: Lapsed | null }>(sql`select
      ${jsonRow(sql`select ${hardshipStatements.status} as status, ${hardshipStatements.version} as version, ${hardshipStatements.disposableIncome} as "disposableIncome"
        from ${hardshipStatements} where ${hardshipStatements.caseId} = ${kase.id} order by ${hardshipStatements.version} desc limit 1`)} as latest,
      (select ${staffUsers.name} from ${staffUsers} where ${staffUsers.id} = ${kase.assigneeId}) as assignee,
      ${jsonList(sql`select ${offers.authorType} as "authorType", ${offers.expiresAt} as "expiresAt" from ${offers} where ${and(eq(offers.caseId, kase.id), eq(offers.status, 'proposed'))}`)} as open,
      ${jsonRow(sql`select ${agreements.id} as id, ${agreements.agreementNo} as "agreementNo", ${agreements.status} as status, ${agreements.borrowerSignedFileId} as "signedFileId", ${agreements.executedFileId} as "executedFileId"
        from ${agreements} where ${and(eq(agreements.caseId, kase.id), notInArray(agreements.status, ['superseded', 'void']))} order by ${agreements.createdAt} desc limit 1`)} as current,
      ${jsonRow(sql`select newest.agreement_no as "agreementNo", newest.first as "firstPaymentDue" from (select ${agreements.agreementNo} as agreement_no, ${agreements.status} as status, ${agreements.lapsedAt} as lapsed_at,
        ${agreements.snapshot} #>> '{priced,schedule,0,dueDate}' as first from ${agreements} where ${eq(agreements.caseId, kase.id)} order by ${agreements.createdAt} desc limit 1) newest
        where newest.status = 'void' and newest.lapsed_at is not null and newest.first is not null`)} as lapsed`),
  ]);
  const { latest, assignee: assigneeName, open: openRows, current: currentRow, lapsed } = facts.rows[0]!;
  const open = openRows.map((o) => ({ authorType: o.authorType, expiresAt: new Date(o.expiresAt) }));
  const current = currentRow ? [currentRow] : [];
  const assignee = assigneeName === null ? undefined : { name: assigneeName };
  const toAnswer = open.filter((o) => o.authorType !== 'borrower');
  const { loan, creditor, borrower } = history;
  const policy = creditorPolicy(creditor.policy);
  const asOf = todayIn(borrower.timezone);
  const arrears = arrearsOf(history, asOf, policy);
  return {
    id: kase.id,
    caseNo: kase.caseNo,
    state: kase.state,
    version: kase.version,
    openedAt: kase.openedAt.toISOString(),
    mediationDeadline: kase.mediationDeadline.toISOString(),
    deadlinePassed: deadlineHasPassed(kase.mediationDeadline, new Date()),
    creditor: { id: creditor.id, name: creditor.name, nameEn: creditor.nameEn, servicePhone: creditor.servicePhone, court: creditor.court },
    delayMaxDays: policy.selfServiceDelayMaxDays,
    contactWindow: { start: policy.contact.windowStart, end: policy.contact.windowEnd },
    borrower: { name: borrower.fullName, phoneMasked: maskPhone(borrower.phone), residentIdMasked: borrower.residentIdMasked },
    assignee: assignee?.name ?? null,
    access: actor.type === 'staff' ? staffCaseAccess(actor, kase.assigneeId) : 'act',
    loan: { id: loan.id, contractNo: loan.contractNo, product: loan.product, principal: loan.principal, annualRatePpm: loan.annualRatePpm, termMonths: loan.termMonths, repaymentMethod: loan.repaymentMethod },
    arrears: { asOf, totals: arrears.totals, daysPastDue: arrears.daysPastDue, bucket: arrears.bucket, cap: arrears.cap, penaltyRatePpm: arrears.penaltyRatePpm },
    hardship: {
      status: !latest ? 'none' : latest.status === 'draft' ? 'draft' : 'submitted',
      version: latest?.version ?? null,
      disposableIncome: latest?.disposableIncome ?? null,
    },
    review: kase.reviewReason && kase.reviewRequestedAt ? { reason: kase.reviewReason, requestedAt: kase.reviewRequestedAt.toISOString(), reviewedAt: kase.reviewedAt?.toISOString() ?? null } : null,
    timeZone: borrower.timezone,
    offers: {
      toAnswer: toAnswer.length,
      ownProposalOpen: open.some((o) => o.authorType === 'borrower'),
      earliestExpiry: toAnswer.length ? new Date(Math.min(...toAnswer.map((o) => o.expiresAt.getTime()))).toISOString() : null,
    },
    agreementStatus: (current[0]?.status as CaseOverviewDto['agreementStatus']) ?? null,
    agreement: current[0] ? { ...current[0], status: current[0].status as NonNullable<CaseOverviewDto['agreementStatus']> } : null,
    lapsedAgreement: lapsed,
  };
}
