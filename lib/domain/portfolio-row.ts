import { addDays, addMonths, dayOfMonth, daysBetween, fromUtcMs, toUtcMs, type IsoDate } from './dates';
import { isValidMobile, isValidResidentId, maskResidentId, normalizePhone, normalizeResidentId, residentIdCheckChar } from './identity';
import { parseAmountToFen, type Fen } from './money';
import type { PortfolioColumn } from './portfolio-columns';
import { buildSchedule, type RepaymentMethod } from './schedule';

/**
 * One row of a portfolio file, checked with the domain's own rules (identity,
 * money, dates, schedules) and turned into what the importer writes: the
 * borrower, the loan with its schedule (given, or rebuilt from the terms), the
 * payments so far, and how far behind the loan is today. Every problem is
 * reported with its column, so the preview and the error report can say which
 * cell to fix. Pure: the caller passes today's date.
 */
export type RowProblem = { column: PortfolioColumn | 'row'; key: string; params?: Record<string, string | number> };

export type ImportedPayment = { date: IsoDate; amount: Fen };

export type PortfolioRow = {
  name: string;
  residentId: string;
  residentIdMasked: string;
  mobile: string;
  address: string | null;
  contractNo: string;
  product: string;
  principal: Fen;
  annualRatePpm: number;
  repaymentMethod: RepaymentMethod;
  startDate: IsoDate;
  termMonths: number;
  firstDueDate: IsoDate;
  maturityDate: IsoDate;
  schedule: { dueDate: IsoDate; principal: Fen; interest: Fen }[];
  /** Oldest first. */
  payments: ImportedPayment[];
  locale: 'zh-CN' | 'en';
  inviteBy: 'sms' | 'letter';
  /** Days since the oldest installment not paid in full fell due, and what is due and unpaid, as of today. */
  dpd: number;
  arrears: Fen;
};

export const importLimits = {
  maxNameLength: 50,
  maxAddressLength: 200,
  maxContractLength: 64,
  maxProductLength: 50,
  /** 100 million yuan: no consumer or small-business loan in a portfolio comes near it. */
  maxPrincipalFen: 10_000_000_000,
  /** Contract rates above 36 % a year are void in Chinese courts: such a row is a typing error. */
  maxAnnualRatePct: 36,
  maxTermMonths: 360,
  maxPayments: 400,
} as const;

const methodNames: Record<string, RepaymentMethod> = {
  equal_installment: 'equal_installment',
  等额本息: 'equal_installment',
  等额本息还款: 'equal_installment',
  equal_principal: 'equal_principal',
  等额本金: 'equal_principal',
  等额本金还款: 'equal_principal',
  interest_only_bullet: 'interest_only_bullet',
  先息后本: 'interest_only_bullet',
  按月付息到期还本: 'interest_only_bullet',
};

const languageNames: Record<string, 'zh-CN' | 'en'> = {
  'zh-cn': 'zh-CN',
  zh_cn: 'zh-CN',
  zh: 'zh-CN',
  chinese: 'zh-CN',
  中文: 'zh-CN',
  简体中文: 'zh-CN',
  汉语: 'zh-CN',
  en: 'en',
  english: 'en',
  英文: 'en',
  英语: 'en',
};
const inviteNames: Record<string, 'sms' | 'letter'> = { sms: 'sms', 短信: 'sms', letter: 'letter', 信函: 'letter', 信件: 'letter', 邮寄: 'letter' };

/**
 * 2026-01-15, 2026/1/15, 2026.1.15, 2026年1月15日 or 20260115 (as core-banking exports write it), as a calendar
 * day; null when it is none. A time of midnight after the day ("2026/1/15 0:00", as Excel writes a date cell
 * formatted with its time) is the same day. Any other time is refused: a timestamp in a day's column may be
 * another zone's midnight, a day off.
 */
export function parseImportDate(raw: string): IsoDate | null {
  const text = raw.normalize('NFKC').trim().replace(/\s+0{1,2}:00(?::00)?$/, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return fromUtcMs(toUtcMs(date)) === date ? date : null;
}

/** "7.2", "7.2%" or "7.20 %" (percent a year, up to four decimals) as parts per million; null when it is none. */
export function parseAnnualRate(raw: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?\s*%?$/.exec(raw.normalize('NFKC').trim());
  if (!m) return null;
  return Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
}

/**
 * A bare rate under 1 % ("0.072") is how a spreadsheet writes 7.2 % as a fraction. Read as percent it would be
 * 0.072 % a year, and the borrower's arrears a hundredth of what the contract says, so the row is refused with
 * both readings named. Zero (an interest-free loan) is taken, and so is a rate under 1 % written with its "%".
 */
function looksLikeFraction(raw: string, ratePpm: number): boolean {
  return ratePpm > 0 && ratePpm < 10_000 && !/[%％]/.test(raw);
}

/** Entries separated by ";" (or "；" or a line break), each of space- or colon-separated parts. */
function entries(raw: string): string[][] {
  return raw
    .normalize('NFKC')
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => e.split(/[\s:|]+/).filter(Boolean));
}

/**
 * The day of the month a rebuilt schedule falls due: the first due date's, unless that date is the last day of a
 * month shorter than the loan's start day, which stands for it — a loan started on January 31 is due on the last
 * day of February, then on March 31, April 30, …, not on the 28th of every month.
 */
export function repaymentDay(startDate: IsoDate, firstDueDate: IsoDate): number {
  const due = dayOfMonth(firstDueDate);
  const start = dayOfMonth(startDate);
  return start > due && addDays(firstDueDate, 1).endsWith('-01') ? start : due;
}

/** Why an ID number is refused, by the domain's own checks: its shape, its check character, or its birth date. */
function residentIdProblem(raw: string): string | null {
  const id = normalizeResidentId(raw);
  if (isValidResidentId(id)) return null;
  if (!/^\d{17}[\dX]$/.test(id)) return 'residentIdFormat';
  return residentIdCheckChar(id.slice(0, 17)) === id[17] ? 'residentIdBirthDate' : 'residentIdCheckDigit';
}

/**
 * Days past due and the amount due and unpaid on `today`: the payments so far, taken together, pay the
 * installments in order of due date; the first one they do not cover in full is the one the loan is behind on.
 */
export function overdueOn(schedule: readonly { dueDate: IsoDate; principal: Fen; interest: Fen }[], payments: readonly ImportedPayment[], today: IsoDate): { dpd: number; arrears: Fen } {
  let paid = payments.reduce((sum, p) => sum + p.amount, 0);
  let dpd = 0;
  let arrears = 0;
  for (const installment of schedule) {
    const amount = installment.principal + installment.interest;
    const covered = Math.min(paid, amount);
    paid -= covered;
    if (installment.dueDate >= today) break;
    if (covered < amount) {
      if (arrears === 0) dpd = daysBetween(installment.dueDate, today);
      arrears += amount - covered;
    }
  }
  return { dpd, arrears };
}

export function checkPortfolioRow(cell: (column: PortfolioColumn) => string, today: IsoDate): { ok: true; row: PortfolioRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (column: RowProblem['column'], key: string, params?: RowProblem['params']) => problems.push({ column, key, ...(params ? { params } : {}) });
  const text = (column: PortfolioColumn, max: number, required: boolean) => {
    const value = cell(column).normalize('NFC').trim();
    if (!value && required) problem(column, 'required');
    else if (value.length > max) problem(column, 'tooLong', { max });
    else if (/[\u0000-\u001f\u007f]/.test(value) && column !== 'address') problem(column, 'control');
    return value;
  };

  const name = text('name', importLimits.maxNameLength, true);
  const rawId = cell('residentId');
  const residentId = normalizeResidentId(rawId);
  if (!rawId.trim()) problem('residentId', 'required');
  else {
    const why = residentIdProblem(residentId);
    if (why) problem('residentId', why);
  }
  const rawMobile = cell('mobile');
  const mobile = normalizePhone(rawMobile);
  if (!rawMobile.trim()) problem('mobile', 'required');
  else if (!isValidMobile(mobile)) problem('mobile', 'mobile');
  const address = text('address', importLimits.maxAddressLength, false).replace(/\s*[\r\n]+\s*/g, ' ');
  const contractNo = text('contractNo', importLimits.maxContractLength, true);
  const product = text('product', importLimits.maxProductLength, true);

  const rawPrincipal = cell('principal').trim();
  const principal = parseAmountToFen(rawPrincipal);
  if (!rawPrincipal) problem('principal', 'required');
  else if (principal === null) problem('principal', 'amount');
  else if (principal === 0) problem('principal', 'amountZero');
  else if (principal > importLimits.maxPrincipalFen) problem('principal', 'amountTooLarge');

  const rawRate = cell('annualRate').trim();
  const annualRatePpm = parseAnnualRate(rawRate);
  if (!rawRate) problem('annualRate', 'required');
  else if (annualRatePpm === null) problem('annualRate', 'rate');
  else if (annualRatePpm > importLimits.maxAnnualRatePct * 10_000) problem('annualRate', 'rateTooHigh', { max: importLimits.maxAnnualRatePct });
  else if (looksLikeFraction(rawRate, annualRatePpm)) problem('annualRate', 'rateFraction', { value: rawRate.normalize('NFKC'), percent: (annualRatePpm / 100).toString() });

  const rawMethod = cell('repaymentMethod').normalize('NFKC').trim();
  const repaymentMethod = methodNames[rawMethod.toLowerCase()];
  if (!rawMethod) problem('repaymentMethod', 'required');
  else if (!repaymentMethod) problem('repaymentMethod', 'method', { value: rawMethod });

  const rawStart = cell('startDate').trim();
  const startDate = parseImportDate(rawStart);
  if (!rawStart) problem('startDate', 'required');
  else if (!startDate) problem('startDate', 'date');
  else if (startDate > today) problem('startDate', 'dateFuture');

  const rawTerm = cell('termMonths').normalize('NFKC').trim();
  // "12", or as the column's own unit is written in Chinese: "12期", "12个月", "12月". Never years.
  const termMatch = /^(\d{1,3})\s*(?:期|个月|月)?$/.exec(rawTerm);
  const termMonths = termMatch ? Number(termMatch[1]) : null;
  if (!rawTerm) problem('termMonths', 'required');
  else if (termMonths === null || termMonths < 1 || termMonths > importLimits.maxTermMonths) problem('termMonths', 'term', { max: importLimits.maxTermMonths });

  const rawFirstDue = cell('firstDueDate').trim();
  let firstDueDate = startDate ? addMonths(startDate, 1) : null;
  if (rawFirstDue) {
    firstDueDate = parseImportDate(rawFirstDue);
    if (!firstDueDate) problem('firstDueDate', 'date');
    else if (startDate && firstDueDate <= startDate) problem('firstDueDate', 'firstDueBeforeStart');
  }

  const rawLanguage = cell('language').normalize('NFKC').trim().toLowerCase();
  const locale = rawLanguage ? languageNames[rawLanguage] : 'zh-CN';
  if (!locale) problem('language', 'language', { value: cell('language').trim() });
  const rawInvite = cell('inviteBy').normalize('NFKC').trim().toLowerCase();
  const inviteBy = rawInvite ? inviteNames[rawInvite] : 'sms';
  if (!inviteBy) problem('inviteBy', 'inviteBy', { value: cell('inviteBy').trim() });
  else if (inviteBy === 'letter' && !address && !problems.some((p) => p.column === 'address')) problem('address', 'addressForLetter');

  // The schedule: as given (checked against the terms), or rebuilt from them with the domain's schedule.
  let schedule: PortfolioRow['schedule'] | null = null;
  const termsOk = principal !== null && principal > 0 && annualRatePpm !== null && repaymentMethod && termMonths !== null && firstDueDate && !problems.some((p) => ['principal', 'annualRate', 'termMonths', 'firstDueDate', 'startDate'].includes(p.column));
  const rawSchedule = cell('schedule').trim();
  if (rawSchedule) {
    const given: PortfolioRow['schedule'] = [];
    for (const parts of entries(rawSchedule)) {
      const [d, p, i] = parts;
      const dueDate = d ? parseImportDate(d) : null;
      const principalPart = p !== undefined ? parseAmountToFen(p) : null;
      const interest = i !== undefined ? parseAmountToFen(i) : null;
      if (parts.length !== 3 || !dueDate || principalPart === null || interest === null) {
        problem('schedule', 'scheduleEntry', { entry: given.length + 1 });
        break;
      }
      given.push({ dueDate, principal: principalPart, interest });
    }
    if (!problems.some((p) => p.column === 'schedule') && termsOk) {
      if (given.length !== termMonths) problem('schedule', 'scheduleCount', { count: given.length, term: termMonths! });
      else if (given[0]!.dueDate !== firstDueDate) problem('schedule', 'scheduleFirstDue', { date: firstDueDate! });
      else if (given.some((g, k) => k > 0 && g.dueDate <= given[k - 1]!.dueDate)) problem('schedule', 'scheduleOrder');
      else if (given.reduce((s, g) => s + g.principal, 0) !== principal) problem('schedule', 'schedulePrincipal', { principal: principal! });
      else schedule = given;
    }
  } else if (termsOk) {
    const anchorDay = repaymentDay(startDate!, firstDueDate!);
    schedule = buildSchedule({ principal: principal!, annualRatePpm: annualRatePpm!, months: termMonths!, method: repaymentMethod!, firstDueDate: firstDueDate!, anchorDay }).map((s) => ({ dueDate: s.dueDate, principal: s.principal, interest: s.interest }));
  }

  // Payments so far: each a date and an amount, none before the loan began or after today, together no more than the schedule.
  const payments: ImportedPayment[] = [];
  const rawPayments = cell('payments').trim();
  if (rawPayments) {
    const list = entries(rawPayments);
    if (list.length > importLimits.maxPayments) problem('payments', 'tooManyPayments', { max: importLimits.maxPayments });
    else
      for (const [k, parts] of list.entries()) {
        const [d, a] = parts;
        const date = d ? parseImportDate(d) : null;
        const amount = a !== undefined ? parseAmountToFen(a) : null;
        if (parts.length !== 2 || !date || amount === null) {
          problem('payments', 'paymentEntry', { entry: k + 1 });
          break;
        }
        if (amount === 0) {
          problem('payments', 'paymentZero', { entry: k + 1 });
          break;
        }
        if (date > today) {
          problem('payments', 'paymentFuture', { entry: k + 1 });
          break;
        }
        if (startDate && date < startDate) {
          problem('payments', 'paymentBeforeStart', { entry: k + 1 });
          break;
        }
        payments.push({ date, amount });
      }
    payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  let dpd = 0;
  let arrears = 0;
  if (schedule && !problems.some((p) => p.column === 'payments')) {
    const total = schedule.reduce((s, i) => s + i.principal + i.interest, 0);
    const paid = payments.reduce((s, p) => s + p.amount, 0);
    if (paid > total) problem('payments', 'paymentsExceed');
    else {
      ({ dpd, arrears } = overdueOn(schedule, payments, today));
      // A portfolio import opens a mediation case: a loan with nothing overdue has nothing to mediate.
      if (arrears === 0) problem('row', 'notInArrears');
    }
  }

  if (problems.length || !schedule) return { ok: false, problems: problems.length ? problems : [{ column: 'row', key: 'invalid' }] };
  return {
    ok: true,
    row: {
      name,
      residentId,
      residentIdMasked: maskResidentId(residentId),
      mobile,
      address: address || null,
      contractNo,
      product,
      principal: principal!,
      annualRatePpm: annualRatePpm!,
      repaymentMethod: repaymentMethod!,
      startDate: startDate!,
      termMonths: termMonths!,
      firstDueDate: firstDueDate!,
      maturityDate: schedule[schedule.length - 1]!.dueDate,
      schedule,
      payments,
      locale: locale!,
      inviteBy: inviteBy!,
      dpd,
      arrears,
    },
  };
}
