import type { AgreementSnapshot } from '@/lib/domain/agreement';
import { firstAgreementTextVersion } from './agreement-text';
import type { AgreementFacts } from './text/types';
import { formatDate, formatPct, formatRatePpm, money, type DocLocale } from './format';

/** The agreement's facts from its snapshot, formatted for one language. */
export function agreementFacts(s: AgreementSnapshot, locale: DocLocale): AgreementFacts {
  const p = s.priced;
  const date = (d: string) => formatDate(d, locale);
  const fen = (v: number) => money(v, locale);
  const notEnforceable = s.arrears.totalToSettle - s.arrears.enforceableTotalToSettle;
  const reduction = s.terms.relief?.rateReduction;
  const first = p.schedule[0];
  return {
    agreementNo: s.agreementNo,
    caseNo: s.caseNo,
    date: date(s.date),
    creditorName: locale === 'zh-CN' ? s.creditor.name : s.creditor.nameEn,
    servicePhone: s.creditor.servicePhone,
    court: s.creditor.court,
    borrowerName: s.borrower.name,
    contractNo: s.loan.contractNo,
    loanStart: date(s.loan.startDate),
    loanMaturity: date(s.loan.maturityDate),
    loanRate: formatRatePpm(s.loan.annualRatePpm),
    termMonths: s.loan.termMonths,
    arrears: {
      asOf: date(s.arrears.asOf),
      daysPastDue: s.arrears.daysPastDue,
      totalOverdue: fen(s.arrears.totalOverdue),
      totalToSettle: fen(s.arrears.totalToSettle),
      notEnforceable: notEnforceable > 0 ? fen(notEnforceable) : null,
    },
    structure: p.structure,
    method: s.terms.installments?.method ?? null,
    installmentMonths: s.terms.installments?.months ?? null,
    extensionMonths: s.terms.extensionMonths ?? null,
    downPayment: p.downPayment > 0 ? fen(p.downPayment) : null,
    numberOfPayments: p.numberOfPayments,
    regularPayment: fen(p.regularPayment),
    firstDueDate: p.firstDueDate ? date(p.firstDueDate) : first ? date(first.dueDate) : null,
    endDate: date(p.endDate),
    newMaturity: p.newMaturityDate ? date(p.newMaturityDate) : null,
    continuingContractRows: p.schedule.some((row) => row.source === 'contract'),
    totalPayable: fen(p.totalPayable),
    newInterest: fen(p.newInterest),
    pause: p.pause ? { months: p.pause.months, until: date(p.pause.until), frozen: p.pause.interest === 'frozen', pct: formatPct(p.pause.ratePct), charged: fen(p.pause.interestCharged) } : null,
    settlement: p.structure === 'settlement' ? { amount: fen(p.totalPayable), date: date(first?.dueDate ?? p.asOf) } : null,
    waivedTotal: p.waived.total > 0 ? fen(p.waived.total) : null,
    rateReduction: reduction && reduction.pct > 0 ? { pct: formatPct(reduction.pct), months: reduction.months } : null,
    capReduction: p.capReduction.total > 0 ? fen(p.capReduction.total) : null,
    saving: p.saving !== 0 ? { amount: fen(Math.abs(p.saving)), positive: p.saving > 0 } : null,
    graceDays: s.policy.graceDays,
    breachMisses: s.policy.breachConsecutiveMisses,
    waiverFallsAway: s.policy.waiverFallsAwayOnBreach,
    selfServiceDelayMaxDays: s.policy.selfServiceDelayMaxDays,
    consentVersion: s.consentVersion,
    // The version it was made in: an agreement made before textVersion was recorded is the first one.
    textVersion: s.textVersion ?? firstAgreementTextVersion,
  };
}
