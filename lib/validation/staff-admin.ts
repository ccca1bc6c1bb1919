import { z } from 'zod';

/** Messages are keys under `validation`; the admin forms and the set-password page share them with sign-in. */
const email = z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong').email('validation.emailInvalid').transform((v) => v.toLowerCase());
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.choose');
export const staffRoles = ['mediator', 'supervisor', 'admin'] as const;

/** "" in the creditor field is the mediation centre (serves every creditor). */
const creditorField = z.union([z.literal('').transform(() => null), uuid]);

export const inviteStaffSchema = z.object({
  email,
  name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
  role: z.enum(staffRoles, 'validation.choose'),
  creditorId: creditorField,
});
export type InviteStaffInput = z.input<typeof inviteStaffSchema>;

export const changeStaffRoleSchema = z.object({ role: z.enum(staffRoles, 'validation.choose'), creditorId: creditorField });
export type ChangeStaffRoleInput = z.input<typeof changeStaffRoleSchema>;

/** The same rules as changing one's own password (lib/validation/auth.ts): 12 to 200 characters, typed twice. */
export const setPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    next: z.string().min(12, 'validation.passwordShort').max(200, 'validation.tooLong'),
    confirm: z.string().min(1, 'validation.required'),
  })
  .refine((v) => v.next === v.confirm, { path: ['confirm'], message: 'validation.passwordMismatch' });
export type SetPasswordInput = z.input<typeof setPasswordSchema>;

/**
 * A customer service number borrowers are told to call: digits, with the spaces, hyphens, brackets and + people write,
 * and an extension (转 8001, ext. 8001); full-width digits are read as digits. Letters ("call us") are refused: it is
 * printed in texts and agreements as the number to dial.
 */
const phone = z
  .string()
  .transform((value) => value.normalize('NFKC').trim())
  .pipe(
    z
      .string()
      .min(1, 'validation.required')
      .max(40, 'validation.tooLong')
      .regex(/^\+?[\d\s()-]*\d[\d\s()-]*(\s*(转|ext\.?|x)\s*\d{1,6})?$/i, 'validation.servicePhone')
      .refine((value) => (value.match(/\d/g) ?? []).length >= 3, 'validation.servicePhone'),
  );
export const creditorDetailsSchema = z.object({
  code: z.string().trim().min(2, 'validation.required').max(20, 'validation.tooLong').regex(/^[A-Z0-9-]+$/, 'validation.creditorCode'),
  name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
  nameEn: z.string().trim().min(1, 'validation.required').max(150, 'validation.tooLong'),
  // 统一社会信用代码: 18 characters of digits and capital letters (GB 32100-2015).
  creditCode: z.string().trim().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'validation.creditCode'),
  registeredAddress: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  servicePhone: phone,
  court: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
});
export type CreditorDetailsInput = z.input<typeof creditorDetailsSchema>;
