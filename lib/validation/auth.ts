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

export type RequestCodeInput = z.input<typeof requestCodeSchema>;
export type VerifyCodeInput = z.input<typeof verifyCodeSchema>;
export type StaffLoginInput = z.input<typeof staffLoginSchema>;
