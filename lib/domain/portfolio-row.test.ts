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
    for (const termMonths of ['0', '361', '1.5', 'abc']) expect(problemsOf({ termMonths, schedule: '' })).toContainEqual({ column: 'termMonths', key: 'term', params: { max: 360 } });
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
    for (const raw of ['2026-02-29', '2026-13-01', '2026-00-10', '26-01-05', '2026-01-05T00:00', '']) expect(parseImportDate(raw)).toBeNull();
    expect(parseImportDate('2024-02-29')).toBe('2024-02-29');
  });

  it('any valid day written any of the ways reads as that day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), fc.constantFrom('-', '/', '.', '年'), (d, sep) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const written = sep === '年' ? `${y}年${m}月${day}日` : `${y}${sep}${m}${sep}${day}`;
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
