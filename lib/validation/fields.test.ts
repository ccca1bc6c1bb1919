import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { residentIdCheckChar } from '@/lib/domain/identity';
import { amountField, calendarDay, countField, extensionDaysField, fenToInput, mobileField, pastDateField, reasonField, residentIdField, timeZoneField, visibleText } from './fields';
import { caseMessageSchema } from './case';
import { extendWindowSchema } from './outcome';
import { callbackSchema, extendDeadlineSchema, promiseFormSchema, revealSchema } from './contact';
import { reversePaymentSchema } from './plan';
import { readDashboardFilter } from './dashboard';
import { exportReasonSchema, parseQueueParams } from './queue';

describe('typed amounts', () => {
  it.each([
    ['1,234.50', 123_450],
    ['1234.5', 123_450],
    ['１２３４．５', 123_450],
    ['', 0],
    ['  ', 0],
  ])('accepts %j', (input, fen) => expect(amountField.parse(input)).toBe(fen));

  it.each([
    ['-5', 'validation.amountNegative'],
    ['－5', 'validation.amountNegative'],
    ['abc', 'validation.amount'],
    ['1.234', 'validation.amount'],
    ['99999999999', 'validation.amountTooLarge'],
  ])('refuses %j with %s', (input, message) => {
    const result = amountField.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it('round-trips through what the form shows', () => {
    for (const fen of [0, 1, 99, 100, 123_450, 100_000_000]) expect(amountField.parse(fenToInput(fen))).toBe(fen);
  });
});

describe('counts and dates', () => {
  it('counts whole people within bounds', () => {
    expect(countField(20).parse('３')).toBe(3);
    expect(countField(20).safeParse('21').success).toBe(false);
    expect(countField(20).safeParse('1.5').success).toBe(false);
    expect(countField(20, 1, 'validation.adultsMin').safeParse('0').error?.issues[0]?.message).toBe('validation.adultsMin{"min":1,"max":20}');
  });

  it('reads full-width digits as digits, and every refusal carries the range its sentence names', () => {
    expect(countField(20).parse('１２')).toBe(12);
    expect(countField(200).parse('１２３')).toBe(123);
    expect(countField(20).safeParse('１２３').error?.issues[0]?.message).toBe('validation.count{"min":0,"max":20}');
    expect(countField(20).safeParse('-1').error?.issues[0]?.message).toBe('validation.count{"min":0,"max":20}');
    expect(countField(20).safeParse('－1').error?.issues[0]?.message).toBe('validation.count{"min":0,"max":20}');
    expect(countField(20).safeParse('').error?.issues[0]?.message).toBe('validation.required');
  });

  it('refuses a date in the future or one that does not exist', () => {
    const field = pastDateField(() => '2026-11-22');
    expect(field.parse('2026-11-22')).toBe('2026-11-22');
    expect(field.safeParse('2026-11-23').error?.issues[0]?.message).toBe('validation.dateFuture');
    expect(field.safeParse('2026-02-30').error?.issues[0]?.message).toBe('validation.date');
    expect(field.safeParse('yesterday').error?.issues[0]?.message).toBe('validation.date');
  });
});

describe('mobile numbers and time zones', () => {
  it('defect 9: normalizes a number written +86, 0086, with spaces, dashes or brackets before checking it', () => {
    for (const written of ['13800138000', ' 138 0013 8000 ', '+86 138-0013-8000', '0086 13800138000', '(+86) 138 0013 8000', '138–0013–8000']) {
      expect(mobileField.parse(written)).toBe('13800138000');
    }
    expect(mobileField.safeParse('').error?.issues[0]?.message).toBe('validation.required');
    expect(mobileField.safeParse('   ').error?.issues[0]?.message).toBe('validation.required');
    expect(mobileField.safeParse('1380013800').error?.issues[0]?.message).toBe('validation.phoneInvalid');
    expect(mobileField.safeParse('0086 0571 8888 8888').error?.issues[0]?.message).toBe('validation.phoneInvalid');
  });

  it('takes IANA time zones only', () => {
    expect(timeZoneField.parse(' Asia/Shanghai ')).toBe('Asia/Shanghai');
    expect(timeZoneField.safeParse('UTC+8').error?.issues[0]?.message).toBe('validation.timeZone');
  });
});

describe('resident ID numbers', () => {
  const field = residentIdField(() => '2026-11-23');
  const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
  it('defect 9: refuses a future birth date and an impossible region, accepts a well-formed number as typed', () => {
    expect(field.parse(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(field.safeParse(withCheck('33010220300101001')).error?.issues[0]?.message).toBe('validation.residentIdInvalid');
    expect(field.safeParse(withCheck('99010219900101001')).error?.issues[0]?.message).toBe('validation.residentIdInvalid');
    expect(field.safeParse('').error?.issues[0]?.message).toBe('validation.required');
  });
});

describe('calendarDay', () => {
  it('takes a real day from 1900 to 2999, as typed with spaces around it', () => {
    for (const day of ['1900-01-01', '2024-02-29', '2026-12-02', '2999-12-31']) expect(calendarDay.parse(day)).toBe(day);
    expect(calendarDay.parse(' 2026-12-02 ')).toBe('2026-12-02');
  });

  it('refuses a day that does not exist, and years a date input allows but no case has (year 1 became year 0 in UTC, which PostgreSQL refuses)', () => {
    for (const day of ['0001-01-01', '1899-12-31', '3000-01-01', '9999-12-31', '2026-02-30', '2025-02-29', '2026-12-32', '2026-13-01', '2026-1-5', '20261202', '']) {
      const result = calendarDay.safeParse(day);
      expect(result.success, day).toBe(false);
      expect(result.error?.issues[0]?.message, day).toBe('validation.date');
    }
  });

  it('is the day of every form and link that takes one: a promise, a filter, a plan’s first payment, an extension agreed', () => {
    expect(promiseFormSchema.safeParse({ promiseDate: '2026-12-32', promiseAmount: '100' }).error?.issues[0]).toMatchObject({ path: ['promiseDate'], message: 'validation.date' });
    expect(parseQueueParams({ openedFrom: '0001-01-01', openedTo: '2026-12-02' })).toMatchObject({ openedFrom: undefined, openedTo: '2026-12-02' });
    expect(readDashboardFilter({ from: '0001-01-01', to: '2026-02-30' })).toMatchObject({ from: undefined, to: undefined });
  });
});

describe('a reason staff give', () => {
  it('too short says how long it must be, not "please fill this in"; the schemas that take one share the rule', () => {
    const issue = (schema: z.ZodType, value: unknown) => (schema.safeParse(value).error?.issues[0]?.message ?? null);
    expect(issue(reasonField(500), 'x')).toBe('validation.reasonTooShort{"min":2}');
    expect(issue(reasonField(500), '  ')).toBe('validation.reasonTooShort{"min":2}');
    expect(issue(reasonField(500), 'ok')).toBeNull();
    expect(issue(reasonField(10), 'x'.repeat(11))).toBe('validation.tooLong');
    expect(issue(revealSchema, { field: 'phone', reason: 'x' })).toBe('validation.reasonTooShort{"min":2}');
    expect(issue(exportReasonSchema, '查')).toBe('validation.reasonTooShort{"min":2}');
    expect(issue(extendDeadlineSchema, { days: 7, reason: 'x', borrowerAgreed: true })).toBe('validation.reasonTooShort{"min":2}');
    expect(issue(reversePaymentSchema, { paymentId: '00000000-0000-4000-8000-000000000000', reason: 'typo' })).toBe('validation.reasonTooShort{"min":5}');
  });
});

describe('text one can see', () => {
  it('a message, note or reason of only invisible characters is empty; one with an emoji joined by ZWJ is not', () => {
    const issue = (schema: z.ZodType, value: unknown) => (schema.safeParse(value).error?.issues[0]?.message ?? null);
    for (const blank of ['\u200b', '\u200b\u200c\u200d', '\u2060\ufeff', '\u200e\u200f', '\u3000\u00a0', ' \u200b ']) {
      expect(issue(visibleText(100), blank), JSON.stringify(blank)).toBe('validation.required');
      expect(issue(caseMessageSchema, { body: blank }), JSON.stringify(blank)).toBe('validation.required');
      expect(issue(reasonField(100), `x${blank}`), JSON.stringify(blank)).toBe('validation.reasonTooShort{"min":2}');
    }
    expect(issue(visibleText(100), '👨\u200d👩\u200d👧')).toBeNull();
    expect(issue(visibleText(100), '好')).toBeNull();
    expect(visibleText(100).parse('  您好  ')).toBe('您好');
  });
});

describe('days added to a mediation window', () => {
  it('whole digits from 1 to 30, on any keyboard; no other way of writing a number', () => {
    const issue = (value: unknown) => (extensionDaysField.safeParse(value).error?.issues[0]?.message ?? null);
    expect(extensionDaysField.parse('7')).toBe(7);
    expect(extensionDaysField.parse(' 30 ')).toBe(30);
    expect(extensionDaysField.parse('１０')).toBe(10);
    expect(extensionDaysField.parse(14)).toBe(14);
    for (const bad of ['1e1', '10.0', '0x10', '0', '31', '90', '-5', '', '10 days', 1.5, 0, 31]) expect(issue(bad), String(bad)).toBe('validation.extendDays{"max":30}');
    // The case file's extension and the review's share the bound (they said 1–30 and 1–90).
    expect(issue(31)).toBe(issue('31'));
    expect(extendDeadlineSchema.safeParse({ days: '31', reason: '双方同意', borrowerAgreed: true }).success).toBe(false);
    expect(extendWindowSchema.safeParse({ days: '31', agreedVia: 'phone', agreedOn: '2026-11-20', borrowerConfirmed: true, note: '同意' }).success).toBe(false);
    expect(extendWindowSchema.safeParse({ days: '30', agreedVia: 'phone', agreedOn: '2026-11-20', borrowerConfirmed: true, note: '同意' }).success).toBe(true);
  });
});

describe('a callback’s day and time', () => {
  it('a real day and time of day; one that does not exist is refused, not rolled over into another', () => {
    expect(callbackSchema.parse({ dueAt: '2026-12-10T15:30' }).dueAt).toBe('2026-12-10T15:30');
    expect(callbackSchema.parse({ dueAt: '2028-02-29T00:00' }).dueAt).toBe('2028-02-29T00:00');
    for (const dueAt of ['2026-11-35T10:00', '2026-02-29T10:00', '2026-13-01T10:00', '2026-12-10T24:00', '2026-12-10T25:00', '2026-12-10T10:60', '0001-01-01T10:00', '2026-12-10 10:00']) {
      expect(callbackSchema.safeParse({ dueAt }).error?.issues[0]?.message, dueAt).toBe('validation.dateTime');
    }
  });
});

describe('a creditor’s customer service number', () => {
  it('is a number one can dial, written as people write it; words are refused', async () => {
    const { creditorDetailsSchema } = await import('./staff-admin');
    const details = { code: 'QX-CF', name: '青溪', nameEn: 'Qingxi', creditCode: '913301005291340849', registeredAddress: '杭州', court: '上城区人民法院' };
    const phoneOf = (servicePhone: string) => creditorDetailsSchema.safeParse({ ...details, servicePhone });
    for (const ok of ['95500', '400-820-8820', '+86 21 1234 5678', '(021) 1234-5678 转 8001', '021-12345678 ext. 12', '９５５００']) expect(phoneOf(ok).success, ok).toBe(true);
    expect(phoneOf('９５５００').data?.servicePhone).toBe('95500');
    for (const bad of ['call us', '95500 or 95501', 'abc123', '12', '--', '9550O']) expect(phoneOf(bad).error?.issues[0]?.message, bad).toBe('validation.servicePhone');
  });
});
