import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, creditors, loans } from '@/db/schema';
import { daysBetween, dpdBucket, todayIn, type DpdBucket } from '@/lib/domain/dates';
import type { CaseState } from '@/lib/domain/case-state';
import type { Actor } from '../actor';
import { AppError } from '../errors';

export type MyCaseDto = {
  id: string;
  caseNo: string;
  state: CaseState;
  creditorName: string;
  creditorNameEn: string;
  contractNo: string;
  arrearsAtOpen: number;
  daysPastDue: number;
  bucket: DpdBucket;
  mediationDeadline: string;
};

export type MyLoanDto = {
  id: string;
  contractNo: string;
  product: string;
  creditorName: string;
  creditorNameEn: string;
  principal: number;
  annualRatePpm: number;
  termMonths: number;
  repaymentMethod: string;
  maturityDate: string;
  status: string;
};

/**
 * The signed-in borrower's cases and loans. The query is scoped to the acting
 * borrower; nobody else may call it.
 */
export async function listMyCasesAndLoans(actor: Actor): Promise<{ cases: MyCaseDto[]; loans: MyLoanDto[] }> {
  if (actor.type !== 'borrower') throw new AppError('FORBIDDEN');
  const db = getDb();
  const today = todayIn('Asia/Shanghai');
  const caseRows = await db
    .select({
      id: cases.id,
      caseNo: cases.caseNo,
      state: cases.state,
      creditorName: creditors.name,
      creditorNameEn: creditors.nameEn,
      contractNo: loans.contractNo,
      arrearsAtOpen: cases.arrearsAtOpen,
      dpdAtOpen: cases.dpdAtOpen,
      openedAt: cases.openedAt,
      closedAt: cases.closedAt,
      mediationDeadline: cases.mediationDeadline,
    })
    .from(cases)
    .innerJoin(loans, eq(loans.id, cases.loanId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(eq(cases.borrowerId, actor.id))
    .orderBy(desc(cases.openedAt));
  const loanRows = await db
    .select({
      id: loans.id,
      contractNo: loans.contractNo,
      product: loans.product,
      creditorName: creditors.name,
      creditorNameEn: creditors.nameEn,
      principal: loans.principal,
      annualRatePpm: loans.annualRatePpm,
      termMonths: loans.termMonths,
      repaymentMethod: loans.repaymentMethod,
      maturityDate: loans.maturityDate,
      status: loans.status,
    })
    .from(loans)
    .innerJoin(creditors, eq(creditors.id, loans.creditorId))
    .where(eq(loans.borrowerId, actor.id))
    .orderBy(asc(loans.contractNo));
  return {
    cases: caseRows.map((row) => {
      // Until the arrears engine (next issue) computes it from payments, DPD grows from its value at opening.
      const end = row.closedAt ? todayIn('Asia/Shanghai', row.closedAt) : today;
      const daysPastDue = row.dpdAtOpen + Math.max(0, daysBetween(todayIn('Asia/Shanghai', row.openedAt), end));
      return {
        id: row.id,
        caseNo: row.caseNo,
        state: row.state,
        creditorName: row.creditorName,
        creditorNameEn: row.creditorNameEn,
        contractNo: row.contractNo,
        arrearsAtOpen: row.arrearsAtOpen,
        daysPastDue,
        bucket: dpdBucket(daysPastDue),
        mediationDeadline: row.mediationDeadline.toISOString(),
      };
    }),
    loans: loanRows,
  };
}
