import { z } from 'zod';
import { isIanaTimeZone, isIsoDate } from '@/lib/domain/dates';
import { isValidResidentId, normalizePhone, normalizeResidentId } from '@/lib/domain/identity';
import { parseAmountToFen } from '@/lib/domain/money';
import { message } from './message';

/** Shared field schemas: what a person types (strings) in, checked values out; messages are keys under `validation`. */
export const MAX_MONTHLY_FEN = 10_000_000_00; // ¥10 million a month: anything above is a typo

/**
 * Yuan as typed (full-width digits, separators) to fen, or an issue on ctx: a sign, an unreadable amount,
 * or one above `max`. Shared by every amount field so they refuse the same input with the same words.
 */
export function typedYuanToFen(text: string, max: number, ctx: z.RefinementCtx): number | typeof z.NEVER {
  if (/^[-−－]/.test(text.normalize('NFKC'))) {
    ctx.addIssue({ code: 'custom', message: 'validation.amountNegative' });
    return z.NEVER;
  }
  const fen = parseAmountToFen(text);
  if (fen === null) {
    ctx.addIssue({ code: 'custom', message: 'validation.amount' });
    return z.NEVER;
  }
  if (fen > max) {
    ctx.addIssue({ code: 'custom', message: 'validation.amountTooLarge' });
    return z.NEVER;
  }
  return fen;
}

export const amountField = z.string().transform((raw, ctx) => {
  const text = raw.trim();
  if (text === '') return 0;
  return typedYuanToFen(text, MAX_MONTHLY_FEN, ctx);
});

/**
 * A whole number of people: digits as typed on any keyboard (full-width "１２" is 12), between min and max.
 * Every refusal names the allowed range, in the form's language.
 */
export const countField = (max: number, min = 0, belowMinMessage = 'validation.count') =>
  z.string().transform((raw, ctx) => {
    const text = raw.normalize('NFKC').trim();
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: 'validation.required' });
      return z.NEVER;
    }
    if (/^[-−－]\s*\d+$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: message(belowMinMessage, { min, max }) });
      return z.NEVER;
    }
    if (!/^\d{1,6}$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: message('validation.count', { min, max }) });
      return z.NEVER;
    }
    const value = Number(text);
    if (value > max) {
      ctx.addIssue({ code: 'custom', message: message('validation.count', { min, max }) });
      return z.NEVER;
    }
    if (value < min) {
      ctx.addIssue({ code: 'custom', message: message(belowMinMessage, { min, max }) });
      return z.NEVER;
    }
    return value;
  });

/**
 * A real calendar day written YYYY-MM-DD (not 2026-02-30), between the years 1900 and 2999: a day outside them is a
 * slip, and year 0001 (as a date input allows) becomes year 0 at midnight in UTC+8, a date PostgreSQL refuses.
 */
export const calendarDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
  .refine((value) => isIsoDate(value) && value >= '1900-01-01' && value <= '2999-12-31', 'validation.date');

/** A calendar day that is not in the future (relative to `today`, the caller's calendar day). */
export const pastDateField = (today: () => string) =>
  z
    .string()
    .trim()
    .min(1, 'validation.required')
    .pipe(calendarDay)
    .refine((value) => value <= today(), 'validation.dateFuture');

/**
 * A mainland mobile number as people type it: normalized first (+86, 0086, 86, spaces, dashes, brackets, full-width
 * digits: lib/domain/identity normalizePhone), then checked; the 11 digits come out. Every form that takes a number uses it.
 */
export const mobileField = z
  .string()
  .transform((raw) => normalizePhone(raw.trim()))
  .pipe(z.string().min(1, 'validation.required').regex(/^1[3-9]\d{9}$/, 'validation.phoneInvalid'));

/**
 * A mainland resident ID number as typed (spaces, full-width characters, a lower-case x are fine), checked: a real
 * province-level region, a birth date that exists and is not after `today` (the caller's calendar day), the check character.
 */
export const residentIdField = (today: () => string) =>
  z
    .string()
    .transform(normalizeResidentId)
    .pipe(z.string().min(1, 'validation.required').refine((id) => isValidResidentId(id, today()), 'validation.residentIdInvalid'));

/** An IANA time zone name (Asia/Shanghai), as the contact rules need for a borrower's local hours. */
export const timeZoneField = z.string().trim().refine(isIanaTimeZone, 'validation.timeZone');

/** Back from fen to what the form shows: "1234.50", or empty for nothing. */
export function fenToInput(fen: number | undefined | null): string {
  if (!fen) return '';
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/**
 * A reason a staff member gives for what they do (revealing personal data, exporting, extending a deadline, reversing a
 * payment): at least `min` characters, and a message that says so (a one-letter reason was refused as "please fill
 * this in").
 */
export const reasonField = (max: number, min = 2) => visibleText(max, min, `validation.reasonTooShort{"min":${min}}`);

/** The longest extension of a mediation window at a time: the 30 days the rules give a mediation (both sides agreeing, again if need be). */
export const MAX_EXTENSION_DAYS = 30;

/**
 * Days added to a mediation window, as typed: whole digits on any keyboard ("１０" is 10), 1 to MAX_EXTENSION_DAYS.
 * "1e1", "10.0" or " 10 days" are refused, not read as a number some other way. One field for the case file and the
 * review, so both give the same bounds.
 */
export const extensionDaysField = z
  .union([z.string(), z.number()])
  .transform((raw, ctx) => {
    const text = String(raw).normalize('NFKC').trim();
    const value = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (!(value >= 1 && value <= MAX_EXTENSION_DAYS)) {
      ctx.addIssue({ code: 'custom', message: message('validation.extendDays', { max: MAX_EXTENSION_DAYS }) });
      return z.NEVER;
    }
    return value;
  });

/**
 * Free text a person writes (a message, a note, a reason): trimmed, and with at least `min` characters one can see. A
 * text of only invisible characters (zero-width spaces, joiners, direction marks) is as empty as one of spaces.
 */
export const visibleText = (max: number, min = 1, tooShort = 'validation.required') =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .refine((value) => [...value.replace(/[\p{Cf}\p{Z}\s]/gu, '')].length >= min, tooShort);
