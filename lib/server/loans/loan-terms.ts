import 'server-only';
import type { creditors, loans } from '@/db/schema';

/** A loan's contract terms as shown to the borrower or staff (no internal columns). */
export type LoanTermsDto = {
  id: string;
  contractNo: string;
  product: string;
  creditorName: string;
  creditorNameEn: string;
  principal: number;
  annualRatePpm: number;
  termMonths: number;
  repaymentMethod: string;
  startDate: string;
  maturityDate: string;
  status: string;
};

export function toLoanTerms(loan: typeof loans.$inferSelect, creditor: typeof creditors.$inferSelect): LoanTermsDto {
  return {
    id: loan.id,
    contractNo: loan.contractNo,
    product: loan.product,
    creditorName: creditor.name,
    creditorNameEn: creditor.nameEn,
    principal: loan.principal,
    annualRatePpm: loan.annualRatePpm,
    termMonths: loan.termMonths,
    repaymentMethod: loan.repaymentMethod,
    startDate: loan.startDate,
    maturityDate: loan.maturityDate,
    status: loan.status,
  };
}
