import { z } from 'zod';
import { isWellFormedCode, normalizeCode } from '@/lib/domain/one-time-code';
import { mobileField } from './fields';

/** Messages are keys under `validation` in messages/<locale>/validation.json; forms translate them. */
export const phoneField = mobileField;

export const codeField = z.string().trim().min(1, 'validation.required').refine(isWellFormedCode, 'validation.codeFormat').transform(normalizeCode);

export const requestCodeSchema = z.object({ phone: phoneField });
export const verifyCodeSchema = z.object({ phone: phoneField, code: codeField });

export const staffLoginSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').email('validation.emailInvalid').transform((v) => v.toLowerCase()),
  password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
});

/** A new staff password: long enough to resist guessing (NIST SP 800-63B asks for 8; staff sign agreements). */
export const changePasswordSchema = z
  .object({
    current: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
    next: z.string().min(12, 'validation.passwordShort').max(200, 'validation.tooLong'),
    confirm: z.string().min(1, 'validation.required'),
  })
  .refine((v) => v.next === v.confirm, { path: ['confirm'], message: 'validation.passwordMismatch' })
  .refine((v) => v.next !== v.current, { path: ['next'], message: 'validation.passwordUnchanged' });

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
export type RequestCodeInput = z.input<typeof requestCodeSchema>;
export type VerifyCodeInput = z.input<typeof verifyCodeSchema>;
export type StaffLoginInput = z.input<typeof staffLoginSchema>;
