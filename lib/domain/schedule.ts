import { addMonths, type IsoDate } from './dates';
import { assertFen, divideHalfUp, splitEvenly, type Fen } from './money';

export type RepaymentMethod = 'equal_installment' | 'equal_principal' | 'interest_only_bullet';

export type ScheduleInput = {
  principal: Fen;
  /** Annual rate in parts per million (7.2% = 72000). */
  annualRatePpm: number;
  months: number;
  method: RepaymentMethod;
  firstDueDate: IsoDate;
};

export type ScheduledInstallment = { seq: number; dueDate: IsoDate; principal: Fen; interest: Fen; amount: Fen; balanceAfter: Fen };

const PPM_MONTHS = 12_000_000n; // 12 months × 10^6

/** Interest for one month on a balance at an annual rate: balance × rate / 12, half-up to the fen. */
export function monthlyInterest(balance: Fen, annualRatePpm: number): Fen {
  return divideHalfUp(BigInt(balance) * BigInt(annualRatePpm), PPM_MONTHS);
}

/**
 * 等额本息: A = P·r·(1+r)^n / ((1+r)^n − 1) with r = rate/12, evaluated as an
 * exact fraction in BigInt and rounded half-up once.
 */
export function equalInstallmentPayment(principal: Fen, annualRatePpm: number, months: number): Fen {
  if (annualRatePpm === 0) return divideHalfUp(BigInt(principal), BigInt(months));
  const rate = BigInt(annualRatePpm);
  const growth = (PPM_MONTHS + rate) ** BigInt(months);
  const base = PPM_MONTHS ** BigInt(months);
  return divideHalfUp(BigInt(principal) * rate * growth, PPM_MONTHS * (growth - base));
}

/**
 * A monthly schedule that always repays exactly the principal: each period's
 * interest is charged on the running balance, and the last installment takes
 * whatever principal remains (absorbing every rounding remainder).
 */
export function buildSchedule(input: ScheduleInput): ScheduledInstallment[] {
  const { principal, annualRatePpm, months, method, firstDueDate } = input;
  assertFen(principal, 'principal');
  if (principal < 0) throw new RangeError('principal must not be negative');
  if (!Number.isInteger(months) || months < 1 || months > 600) throw new RangeError('months must be 1–600');
  if (!Number.isInteger(annualRatePpm) || annualRatePpm < 0) throw new RangeError('rate must be a non-negative integer ppm');

  const payment = method === 'equal_installment' ? equalInstallmentPayment(principal, annualRatePpm, months) : 0;
  const principalParts = method === 'equal_principal' ? splitEvenly(principal, months) : [];
  const result: ScheduledInstallment[] = [];
  let balance = principal;
  for (let i = 0; i < months; i++) {
    const last = i === months - 1;
    const interest = monthlyInterest(balance, annualRatePpm);
    let principalPart: Fen;
    if (last) principalPart = balance;
    else if (method === 'equal_installment') principalPart = Math.min(balance, Math.max(0, payment - interest));
    else if (method === 'equal_principal') principalPart = Math.min(balance, principalParts[i]!);
    else principalPart = 0;
    balance -= principalPart;
    result.push({ seq: i + 1, dueDate: addMonths(firstDueDate, i), principal: principalPart, interest, amount: principalPart + interest, balanceAfter: balance });
  }
  return result;
}
