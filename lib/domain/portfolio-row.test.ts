import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortfolioColumn } from './portfolio-columns';
import { checkPortfolioRow, overdueOn, parseAnnualRate, parseImportDate } from './portfolio-row';

// Every expected figure below is worked by hand (or by the stated rule written again here), not with the module's helpers.

/** GB 11643's check character, written again from the standard (ISO 7064 MOD 11-2): the oracle for valid IDs. */
function checkChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}
const idOf = (first17: string) => first17 + checkChar(first17);

const TODAY = '2026-03-20';
// A loan of ¥3,000.00 over three months, its schedule given: 1,050.00, 1,040.00 and 1,030.00.
const base: Record<PortfolioColumn, string> = {
  name: '张三',
  residentId: idOf('11010119900307123'),
  mobile: '13800138001',
  address: '北京市东城区东四北大街1号',
  contractNo: 'HT-001',
  product: '消费贷',
  principal: '3,000.00',
  annualRate: '7.2%',
  repaymentMethod: '等额本金',
  startDate: '2025-12-15',
  termMonths: '3',
  firstDueDate: '2026-01-15',
  schedule: '2026-01-15 1000 50; 2026-02-15 1000 40; 2026-03-15 1000 30',
  payments: '2026-01-15 1050; 2026-02-20 500',
  language: '',
  inviteBy: '',
};
const check = (changes: Partial<Record<PortfolioColumn, string>> = {}, today = TODAY) => checkPortfolioRow((column) => ({ ...base, ...changes })[column], today);
const problemsOf = (changes: Partial<Record<PortfolioColumn, string>>, today = TODAY) => {
  const result = check(changes, today);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

describe('a portfolio row (hand-worked)', () => {
  it('a valid row: the borrower, the loan with its given schedule, the payments, and how far behind it is', () => {
    const result = check();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Paid 1,050.00 + 500.00: no. 1 in full, 500.00 of no. 2's 1,040.00. On 03-20 no. 2 (due 02-15) is 33 days
    // behind (13 days of February, 20 of March); 540.00 of it and all of no. 3 (1,030.00, due 03-15) are unpaid.
    expect(result.row).toMatchObject({
      name: '张三',
      // The first four and the last four characters shown, the ten between (birth date and sequence) hidden.
      residentIdMasked: `1101${'*'.repeat(10)}${base.residentId.slice(14)}`,
      mobile: '13800138001',
      principal: 300_000,
      annualRatePpm: 72_000,
      repaymentMethod: 'equal_principal',
      startDate: '2025-12-15',
      termMonths: 3,
      firstDueDate: '2026-01-15',
      maturityDate: '2026-03-15',
      payments: [
        { date: '2026-01-15', amount: 105_000 },
        { date: '2026-02-20', amount: 50_000 },
      ],
      locale: 'zh-CN',
      inviteBy: 'sms',
      dpd: 33,
      arrears: 54_000 + 103_000,
    });
    expect(result.row.schedule).toEqual([
      { dueDate: '2026-01-15', principal: 100_000, interest: 5_000 },
      { dueDate: '2026-02-15', principal: 100_000, interest: 4_000 },
      { dueDate: '2026-03-15', principal: 100_000, interest: 3_000 },
    ]);
  });

  it('without a schedule, rebuilds one from the terms: one installment a month from the first due date, the principal in full', () => {
    const result = check({ schedule: '', payments: '', firstDueDate: '', repaymentMethod: 'equal_installment', principal: '12000', termMonths: '12', startDate: '2025-01-31' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { schedule } = result.row;
    expect(schedule).toHaveLength(12);
    // A month after 01-31 is the end of February; then the 31st, or each month's last day.
    expect(schedule.map((s) => s.dueDate)).toEqual(['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31', '2026-01-31']);
    expect(schedule.reduce((s, i) => s + i.principal, 0)).toBe(1_200_000);
    expect(result.row).toMatchObject({ firstDueDate: '2025-02-28', maturityDate: '2026-01-31', repaymentMethod: 'equal_installment' });
    // Nothing paid: behind since 2025-02-28, 385 days before 2026-03-20 (2025-02-28 → 2026-02-28 is 365, then 20).
    expect(result.row.dpd).toBe(385);
    expect(result.row.arrears).toBe(schedule.reduce((s, i) => s + i.principal + i.interest, 0));
  });

  it('a loan started on a day some months lack keeps that day: the 31st, or the month’s last day', () => {
    const rebuilt = (startDate: string, firstDueDate = '') => {
      const result = check({ schedule: '', payments: '', firstDueDate, repaymentMethod: 'equal_principal', principal: '400', termMonths: '4', startDate });
      return result.ok ? result.row.schedule.map((s) => s.dueDate) : result.problems;
    };
    expect(rebuilt('2025-01-30')).toEqual(['2025-02-28', '2025-03-30', '2025-04-30', '2025-05-30']);
    // Given as the last day of February, the first due date stands for the 31st.
    expect(rebuilt('2025-01-31', '2025-02-28')).toEqual(['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
    // Given as the 28th of a 31-day month, or on the 28th of February for a loan started on the 15th, it is the 28th.
    expect(rebuilt('2025-01-31', '2025-03-28')).toEqual(['2025-03-28', '2025-04-28', '2025-05-28', '2025-06-28']);
    expect(rebuilt('2025-01-15', '2025-02-28')).toEqual(['2025-02-28', '2025-03-28', '2025-04-28', '2025-05-28']);
    // 2024 is a leap year: the 29th of February is its last day.
    expect(rebuilt('2024-01-31')).toEqual(['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']);
  });

  it('an installment due today is not yet behind; a loan with nothing behind is not imported', () => {
    expect(problemsOf({ payments: '2026-01-15 1050; 2026-02-15 1040' }, '2026-03-15')).toEqual([{ column: 'row', key: 'notInArrears' }]);
    expect(check({ payments: '2026-01-15 1050; 2026-02-15 1040' }, '2026-03-16')).toMatchObject({ ok: true, row: { dpd: 1, arrears: 103_000 } });
  });

  it('names each column it refuses, all of them at once', () => {
    const problems = problemsOf({ name: '', mobile: '1380013800', contractNo: 'x'.repeat(65), product: '贷\u0007', principal: 'abc', annualRate: '36.0001%' });
    expect(problems).toEqual([
      { column: 'name', key: 'required' },
      { column: 'mobile', key: 'mobile' },
      { column: 'contractNo', key: 'tooLong', params: { max: 64 } },
      { column: 'product', key: 'control' },
      { column: 'principal', key: 'amount' },
      { column: 'annualRate', key: 'rateTooHigh', params: { max: 36 } },
    ]);
  });

  it('a bare rate under 1 is a fraction written for a percent: refused, with both readings named', () => {
    // 0.072 as a fraction is 7.2 %; read as percent it would be 0.072 % a year.
    expect(problemsOf({ annualRate: '0.072' })).toEqual([{ column: 'annualRate', key: 'rateFraction', params: { value: '0.072', percent: '7.2' } }]);
    expect(problemsOf({ annualRate: '０.２４' })).toEqual([{ column: 'annualRate', key: 'rateFraction', params: { value: '0.24', percent: '24' } }]);
    expect(problemsOf({ annualRate: '0.9999' })).toEqual([{ column: 'annualRate', key: 'rateFraction', params: { value: '0.9999', percent: '99.99' } }]);
    // Written with its "%", a rate that low is meant; zero is an interest-free loan; 1 is 1 %.
    expect(check({ annualRate: '0.072%' })).toMatchObject({ ok: true, row: { annualRatePpm: 720 } });
    expect(check({ annualRate: '0.5 ％' })).toMatchObject({ ok: true, row: { annualRatePpm: 5_000 } });
    expect(check({ annualRate: '0' })).toMatchObject({ ok: true, row: { annualRatePpm: 0 } });
    expect(check({ annualRate: '0.0000' })).toMatchObject({ ok: true, row: { annualRatePpm: 0 } });
    expect(check({ annualRate: '1' })).toMatchObject({ ok: true, row: { annualRatePpm: 10_000 } });
  });

  it('the resident ID: its shape, its check character, its birth date', () => {
    expect(problemsOf({ residentId: '' })).toEqual([{ column: 'residentId', key: 'required' }]);
    expect(problemsOf({ residentId: '11010119900307123' })).toEqual([{ column: 'residentId', key: 'residentIdFormat' }]);
    const good = idOf('11010119900307123');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(problemsOf({ residentId: wrong })).toEqual([{ column: 'residentId', key: 'residentIdCheckDigit' }]);
    // 30 February, with its check character right: the birth date is what is wrong.
    expect(problemsOf({ residentId: idOf('11010119900230123') })).toEqual([{ column: 'residentId', key: 'residentIdBirthDate' }]);
    // A lower-case x and spaces are the same ID.
    const withX = idOf('11010119900307104');
    expect(withX.endsWith('X') || withX.endsWith('x') || /\d$/.test(withX)).toBe(true);
    expect(check({ residentId: ` ${withX.toLowerCase()} ` })).toMatchObject({ ok: true, row: { residentId: withX } });
  });

  it('amounts, rates, terms and dates out of range', () => {
    expect(problemsOf({ principal: '' })).toContainEqual({ column: 'principal', key: 'required' });
    expect(problemsOf({ principal: '0' })).toContainEqual({ column: 'principal', key: 'amountZero' });
    expect(problemsOf({ principal: '100000000.01' })).toContainEqual({ column: 'principal', key: 'amountTooLarge' });
    expect(problemsOf({ annualRate: 'seven' })).toContainEqual({ column: 'annualRate', key: 'rate' });
    expect(check({ annualRate: '36%' }).ok).toBe(true);
    // A term in the column's own unit is read: 3期, 3个月, 3月. Years never are: 1年 is not 12 months.
    for (const termMonths of ['3期', '3 个月', '３月']) expect(check({ termMonths })).toMatchObject({ ok: true, row: { termMonths: 3 } });
    for (const termMonths of ['0', '361', '1.5', 'abc', '1年', '3年', '3期期', '期']) expect(problemsOf({ termMonths, schedule: '' })).toContainEqual({ column: 'termMonths', key: 'term', params: { max: 360 } });
    expect(problemsOf({ termMonths: '' })).toContainEqual({ column: 'termMonths', key: 'required' });
    expect(problemsOf({ repaymentMethod: '气球贷' })).toContainEqual({ column: 'repaymentMethod', key: 'method', params: { value: '气球贷' } });
    expect(problemsOf({ startDate: '2026-03-21' })).toContainEqual({ column: 'startDate', key: 'dateFuture' });
    expect(problemsOf({ startDate: '2025-02-29' })).toContainEqual({ column: 'startDate', key: 'date' });
    expect(problemsOf({ firstDueDate: '2025-12-15' })).toContainEqual({ column: 'firstDueDate', key: 'firstDueBeforeStart' });
  });

  it('a given schedule must match the terms: its count, its first date, its order, its principal', () => {
    expect(problemsOf({ schedule: '2026-01-15 1000 50; 2026-02-15 2000 40' })).toEqual([{ column: 'schedule', key: 'scheduleCount', params: { count: 2, term: 3 } }]);
    expect(problemsOf({ schedule: '2026-01-16 1000 50; 2026-02-15 1000 40; 2026-03-15 1000 30' })).toEqual([{ column: 'schedule', key: 'scheduleFirstDue', params: { date: '2026-01-15' } }]);
    expect(problemsOf({ schedule: '2026-01-15 1000 50; 2026-03-15 1000 40; 2026-03-15 1000 30' })).toEqual([{ column: 'schedule', key: 'scheduleOrder' }]);
    expect(problemsOf({ schedule: '2026-01-15 1000 50; 2026-02-15 1000 40; 2026-03-15 999.99 30' })).toEqual([{ column: 'schedule', key: 'schedulePrincipal', params: { principal: 300_000 } }]);
    expect(problemsOf({ schedule: '2026-01-15 1000 50; 2026-02-15 1000' })).toEqual([{ column: 'schedule', key: 'scheduleEntry', params: { entry: 2 } }]);
    // Colons, full-width semicolons and line breaks separate as well.
    expect(check({ schedule: '2026-01-15:1000:50；2026-02-15 1000 40\n2026-03-15|1000|30' }).ok).toBe(true);
  });

  it('payments: each a day and an amount, none before the loan or after today, together no more than the schedule', () => {
    expect(problemsOf({ payments: '2026-01-15 1050; 2026-02-20' })).toEqual([{ column: 'payments', key: 'paymentEntry', params: { entry: 2 } }]);
    expect(problemsOf({ payments: '2026-01-15 0' })).toEqual([{ column: 'payments', key: 'paymentZero', params: { entry: 1 } }]);
    expect(problemsOf({ payments: '2026-01-15 1050; 2026-03-21 10' })).toEqual([{ column: 'payments', key: 'paymentFuture', params: { entry: 2 } }]);
    expect(problemsOf({ payments: '2025-12-14 10' })).toEqual([{ column: 'payments', key: 'paymentBeforeStart', params: { entry: 1 } }]);
    // 1,050 + 1,040 + 1,030 = 3,120.00 scheduled: one fen more is refused.
    expect(problemsOf({ payments: '2026-01-15 3120.01' })).toEqual([{ column: 'payments', key: 'paymentsExceed' }]);
    expect(problemsOf({ payments: Array.from({ length: 401 }, () => '2026-01-15 1').join(';') })).toEqual([{ column: 'payments', key: 'tooManyPayments', params: { max: 400 } }]);
    // Given in any order, kept oldest first.
    const result = check({ payments: '2026-02-20 500; 2026-01-15 1050' });
    expect(result.ok && result.row.payments.map((p) => p.date)).toEqual(['2026-01-15', '2026-02-20']);
  });

  it('language and invitation: named in either language; a letter needs an address', () => {
    expect(check({ language: 'English', inviteBy: '信函' })).toMatchObject({ ok: true, row: { locale: 'en', inviteBy: 'letter' } });
    expect(problemsOf({ language: 'français' })).toEqual([{ column: 'language', key: 'language', params: { value: 'français' } }]);
    expect(problemsOf({ inviteBy: 'pigeon' })).toEqual([{ column: 'inviteBy', key: 'inviteBy', params: { value: 'pigeon' } }]);
    expect(problemsOf({ inviteBy: 'letter', address: '' })).toEqual([{ column: 'address', key: 'addressForLetter' }]);
    // An address over several lines is one line; it may hold what a name may not.
    expect(check({ address: '北京市\r\n  东城区 ' })).toMatchObject({ ok: true, row: { address: '北京市 东城区' } });
  });
});

describe('a portfolio row at its edges', () => {
  it('every required cell, empty or only spaces, is named as missing', () => {
    for (const column of ['name', 'residentId', 'mobile', 'contractNo', 'product', 'principal', 'annualRate', 'repaymentMethod', 'startDate', 'termMonths'] as const) {
      for (const blank of ['', '  \t ']) expect(problemsOf({ [column]: blank }), `${column} "${blank}"`).toContainEqual({ column, key: 'required' });
    }
    // Optional cells left blank take their defaults.
    expect(check({ address: '', firstDueDate: ' ', language: ' ', inviteBy: ' ' })).toMatchObject({ ok: true, row: { address: null, firstDueDate: '2026-01-15', locale: 'zh-CN', inviteBy: 'sms' } });
  });

  it('limits are inclusive: the longest name, the largest principal, the longest term, the most payments, today', () => {
    expect(check({ name: '张'.repeat(50) }).ok).toBe(true);
    expect(problemsOf({ name: '张'.repeat(51) })).toEqual([{ column: 'name', key: 'tooLong', params: { max: 50 } }]);
    expect(check({ principal: '100000000.00', schedule: '', payments: '' })).toMatchObject({ ok: true, row: { principal: 10_000_000_000 } });
    expect(check({ termMonths: '360', schedule: '', payments: '' })).toMatchObject({ ok: true, row: { termMonths: 360, maturityDate: '2055-12-15' } });
    expect(check({ termMonths: '1', schedule: '2026-01-15 3000 50', payments: '' })).toMatchObject({ ok: true, row: { termMonths: 1, dpd: 64 } });
    // Started today (nothing due yet: not in arrears, but the start date itself is fine).
    expect(problemsOf({ startDate: TODAY, schedule: '', firstDueDate: '', payments: '' })).toEqual([{ column: 'row', key: 'notInArrears' }]);
    // Paid today and on the day the loan began.
    expect(check({ payments: '2025-12-15 10; 2026-03-20 10' }).ok).toBe(true);
    expect(check({ payments: Array.from({ length: 400 }, () => '2026-01-15 1').join(';') }).ok).toBe(true);
    // Paid exactly what the schedule asks: nothing left behind, so nothing to mediate (not "more than the schedule").
    expect(problemsOf({ payments: '2026-01-15 3120.00' })).toEqual([{ column: 'row', key: 'notInArrears' }]);
  });

  it('the ID number is eighteen characters, no more, no fewer, whatever surrounds them', () => {
    const good = base.residentId;
    for (const id of [`1${good}`, `${good}1`, `A${good.slice(1)}`, good.slice(0, 17) + 'Y']) expect(problemsOf({ residentId: id }), id).toEqual([{ column: 'residentId', key: 'residentIdFormat' }]);
  });

  it('cells are read without their surrounding spaces', () => {
    const spaced = check({ mobile: ' 13800138001 ', principal: ' 3000 ', annualRate: ' 7.2 ', repaymentMethod: ' 等额本金 ', startDate: ' 2025-12-15 ', termMonths: ' 3 ', firstDueDate: ' 2026-01-15 ', schedule: ' 2026-01-15 1000 50 ;  2026-02-15 1000 40;2026-03-15 1000 30 ;; ', payments: ' 2026-01-15  1050 ; ', language: ' EN ', inviteBy: ' Letter ' });
    expect(spaced).toMatchObject({ ok: true, row: { mobile: '13800138001', principal: 300_000, annualRatePpm: 72_000, startDate: '2025-12-15', termMonths: 3, firstDueDate: '2026-01-15', locale: 'en', inviteBy: 'letter' } });
    expect(spaced.ok && spaced.row.schedule).toHaveLength(3);
    expect(spaced.ok && spaced.row.payments).toEqual([{ date: '2026-01-15', amount: 105_000 }]);
    expect(problemsOf({ language: ' xx ' })).toEqual([{ column: 'language', key: 'language', params: { value: 'xx' } }]);
    expect(problemsOf({ inviteBy: ' fax ' })).toEqual([{ column: 'inviteBy', key: 'inviteBy', params: { value: 'fax' } }]);
    expect(problemsOf({ repaymentMethod: ' 气球贷 ' })).toEqual([{ column: 'repaymentMethod', key: 'method', params: { value: '气球贷' } }]);
    // A line break inside an address, with or without spaces around it, is one space; two breaks too.
    expect(check({ address: '北京市\n\n东城区' })).toMatchObject({ ok: true, row: { address: '北京市 东城区' } });
  });

  it('every name of a repayment method, language and way to invite, in either language and any case', () => {
    const method = (name: string) => check({ repaymentMethod: name, schedule: '', payments: '' });
    for (const name of ['等额本息', '等额本息还款', 'equal_installment', 'EQUAL_INSTALLMENT']) expect(method(name)).toMatchObject({ ok: true, row: { repaymentMethod: 'equal_installment' } });
    for (const name of ['等额本金', '等额本金还款', 'equal_principal']) expect(method(name)).toMatchObject({ ok: true, row: { repaymentMethod: 'equal_principal' } });
    for (const name of ['先息后本', '按月付息到期还本', 'interest_only_bullet']) expect(method(name)).toMatchObject({ ok: true, row: { repaymentMethod: 'interest_only_bullet' } });
    for (const name of ['zh-CN', 'zh_CN', 'zh', 'Chinese', '中文', '简体中文', '汉语']) expect(check({ language: name })).toMatchObject({ ok: true, row: { locale: 'zh-CN' } });
    for (const name of ['en', 'English', '英文', '英语']) expect(check({ language: name })).toMatchObject({ ok: true, row: { locale: 'en' } });
    for (const name of ['sms', 'SMS', '短信']) expect(check({ inviteBy: name })).toMatchObject({ ok: true, row: { inviteBy: 'sms' } });
    for (const name of ['letter', '信函', '信件', '邮寄']) expect(check({ inviteBy: name })).toMatchObject({ ok: true, row: { inviteBy: 'letter' } });
  });

  it('an entry of a schedule or of the payments is refused whichever of its parts is wrong, and the first wrong one is named', () => {
    for (const entry of ['2026-02-30 1000 40', '2026-02-15 abc 40', '2026-02-15 1000 abc', '2026-02-15 1000 40 1']) {
      expect(problemsOf({ schedule: `2026-01-15 1000 50; ${entry}; 2026-03-15 1000 30; bad` }), entry).toEqual([{ column: 'schedule', key: 'scheduleEntry', params: { entry: 2 } }]);
    }
    for (const entry of ['2026-02-30 500', '2026-02-20 abc', '2026-02-20 500 1', '2026-02-20']) {
      expect(problemsOf({ payments: `2026-01-15 1050; ${entry}; nonsense` }), entry).toEqual([{ column: 'payments', key: 'paymentEntry', params: { entry: 2 } }]);
    }
  });

  it('checks a schedule or the payments against the terms only when the terms themselves are right', () => {
    // A schedule of two entries for a term of three is not reported while the principal, the rate, the term, the
    // first due date or the start cannot be read: the admin fixes those first.
    for (const changes of [{ principal: 'abc' }, { principal: '0' }, { annualRate: 'x' }, { termMonths: '0' }, { firstDueDate: '2026-02-30' }, { startDate: '2026-13-01' }, { repaymentMethod: 'x' }]) {
      const problems = problemsOf({ ...changes, schedule: '2026-01-15 1000 50; 2026-02-15 2000 40' });
      expect(problems.map((p) => p.column), JSON.stringify(changes)).not.toContain('schedule');
      expect(problems.length).toBeGreaterThan(0);
    }
    expect(problemsOf({ firstDueDate: '2026-02-30' })).toContainEqual({ column: 'firstDueDate', key: 'date' });
    // Payments that cannot be read are not also "more than the schedule" or "nothing in arrears".
    expect(problemsOf({ payments: '2026-01-15 9999999; 2026-01-16' })).toEqual([{ column: 'payments', key: 'paymentEntry', params: { entry: 2 } }]);
    expect(problemsOf({ payments: '2026-01-15 3120; 2026-01-16 0' })).toEqual([{ column: 'payments', key: 'paymentZero', params: { entry: 2 } }]);
    // A letter to a borrower whose address is refused names the address once.
    expect(problemsOf({ inviteBy: 'letter', address: '长'.repeat(201) })).toEqual([{ column: 'address', key: 'tooLong', params: { max: 200 } }]);
  });

  it('payments given in any order are kept oldest first, and pay the schedule oldest first', () => {
    const result = check({ payments: '2026-03-01 100; 2026-01-15 1050; 2026-02-20 500; 2026-01-15 20' });
    expect(result.ok && result.row.payments).toEqual([
      { date: '2026-01-15', amount: 105_000 },
      { date: '2026-01-15', amount: 2_000 },
      { date: '2026-02-20', amount: 50_000 },
      { date: '2026-03-01', amount: 10_000 },
    ]);
    // 1,050 + 20 + 500 + 100 = 1,670.00: no. 1 in full, 620.00 of no. 2: 420.00 and no. 3's 1,030.00 behind.
    expect(result).toMatchObject({ ok: true, row: { dpd: 33, arrears: 42_000 + 103_000 } });
  });
});

describe('days past due and arrears (hand-worked)', () => {
  const schedule = [
    { dueDate: '2026-01-15', principal: 100_000, interest: 5_000 },
    { dueDate: '2026-02-15', principal: 100_000, interest: 4_000 },
  ];
  it('payments pay the installments oldest first; the first not covered is how far behind the loan is', () => {
    expect(overdueOn(schedule, [], '2026-01-15')).toEqual({ dpd: 0, arrears: 0 });
    expect(overdueOn(schedule, [], '2026-01-16')).toEqual({ dpd: 1, arrears: 105_000 });
    expect(overdueOn(schedule, [{ date: '2026-01-20', amount: 105_000 }], '2026-03-01')).toEqual({ dpd: 14, arrears: 104_000 });
    expect(overdueOn(schedule, [{ date: '2026-01-20', amount: 100_000 }], '2026-03-01')).toEqual({ dpd: 45, arrears: 5_000 + 104_000 });
    expect(overdueOn(schedule, [{ date: '2026-01-20', amount: 209_000 }], '2026-03-01')).toEqual({ dpd: 0, arrears: 0 });
  });
});

describe('dates and rates as files write them', () => {
  it('a day in four spellings, full-width digits included; no day that is not in the calendar', () => {
    for (const raw of ['2026-01-05', '2026/1/5', '2026.01.5', '2026年1月5日', '２０２６－０１－０５'.replace(/－/g, '-'), ' 2026-1-05 ']) expect(parseImportDate(raw)).toBe('2026-01-05');
    for (const raw of ['2026-02-29', '2026-13-01', '2026-00-10', '26-01-05', '2026-01-05T00:00', 'x2026-01-05', '12026-01-05', '']) expect(parseImportDate(raw)).toBeNull();
    expect(parseImportDate('2024-02-29')).toBe('2024-02-29');
  });

  it('a day as core banking writes it (20260105), and a date cell with its midnight (2026/1/5 0:00); no other time', () => {
    for (const raw of ['20260105', '２０２６０１０５', '2026/1/5 0:00', '2026-01-05 00:00', '2026-01-05 00:00:00', '2026年1月5日 0:00']) expect(parseImportDate(raw)).toBe('2026-01-05');
    // Seven or nine digits, a day not in the calendar, a time other than midnight (another zone's midnight is a
    // day off), an ISO timestamp, and a midnight with nothing before it.
    for (const raw of ['2026015', '202601051', '20260230', '20261301', '2026-01-05 08:00', '2026-01-04 16:00:00', '2026-01-05 0:00:01', '2026-01-05T00:00', '0:00', '20260105 0:30'])
      expect(parseImportDate(raw)).toBeNull();
  });

  it('any valid day written any of the ways reads as that day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), fc.constantFrom('-', '/', '.', '年', ''), (d, sep) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const pad = (n: number) => String(n).padStart(2, '0');
        const written = sep === '年' ? `${y}年${m}月${day}日` : sep === '' ? `${y}${pad(m)}${pad(day)}` : `${y}${sep}${m}${sep}${day}`;
        expect(parseImportDate(written)).toBe(`${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      }),
      { numRuns: 300 },
    );
  });

  it('a rate in percent a year, to four decimals, as parts per million', () => {
    expect(parseAnnualRate('7.2')).toBe(72_000);
    expect(parseAnnualRate('7.20 %')).toBe(72_000);
    expect(parseAnnualRate('０.０００１％')).toBe(1);
    expect(parseAnnualRate('24')).toBe(240_000);
    expect(parseAnnualRate('  7.2 % ')).toBe(72_000);
    for (const raw of ['7.23456', '-1', '1,5', '%', '', '1000']) expect(parseAnnualRate(raw)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9999 }), (whole, tenThousandths) => {
        // whole.dddd percent = whole × 10,000 + dddd ppm; written with its trailing zeros dropped.
        const decimals = String(tenThousandths).padStart(4, '0').replace(/0+$/, '');
        expect(parseAnnualRate(decimals ? `${whole}.${decimals}%` : `${whole}`)).toBe(whole * 10_000 + tenThousandths);
      }),
      { numRuns: 300 },
    );
  });
});
