import { z } from 'zod';
import { parseAmountToFen } from '@/lib/domain/money';
import { pastDateField, reasonField } from './fields';

/** Forms of plan tracking: payments recorded, reversed and refunded by staff, and the borrower's one-time delay. */

export const paymentChannels = ['bank_transfer', 'alipay', 'wechat_pay', 'unionpay', 'cash', 'other'] as const;
export type PaymentChannel = (typeof paymentChannels)[number];

/** ¥100 million: no single repayment of a consumer loan comes near it; anything above is a typo. */
export const MAX_PAYMENT_FEN = 100_000_000_00;

export const paymentAmountField = z.string().transform((raw, ctx) => {
  const fen = parseAmountToFen(raw);
  if (raw.trim() === '') ctx.addIssue({ code: 'custom', message: 'validation.required' });
  else if (fen === null) ctx.addIssue({ code: 'custom', message: 'validation.amount' });
  else if (fen === 0) ctx.addIssue({ code: 'custom', message: 'validation.amountPositive' });
  else if (fen > MAX_PAYMENT_FEN) ctx.addIssue({ code: 'custom', message: 'validation.amountTooLarge' });
  else return fen;
  return z.NEVER;
});

/** A bank's or processor's reference: letters, digits and - _ / . (it is unique across all payments). */
export const referenceField = z
  .string()
  .transform((raw) => raw.normalize('NFKC').trim())
  .pipe(z.string().min(1, 'validation.required').max(64, 'validation.tooLong').regex(/^[A-Za-z0-9][A-Za-z0-9\-_/.]*$/, 'validation.reference'));

export const recordPaymentSchema = (today: () => string) =>
  z.object({
    amount: paymentAmountField,
    receivedOn: pastDateField(today),
    channel: z.enum(paymentChannels, { message: 'validation.required' }),
    reference: referenceField,
    note: z.string().trim().max(500, 'validation.tooLong').optional().default(''),
    /** The one who records it has seen that it is more than everything still owed (a typo otherwise closes the plan). */
    confirmExcess: z.boolean().optional().default(false),
  });
export type RecordPaymentInput = z.input<ReturnType<typeof recordPaymentSchema>>;

export const reversePaymentSchema = z.object({
  paymentId: z.string().uuid('validation.invalid'),
  reason: reasonField(500, 5),
});
export type ReversePaymentInput = z.input<typeof reversePaymentSchema>;

export const recordRefundSchema = (today: () => string) =>
  z.object({
    amount: paymentAmountField,
    refundedOn: pastDateField(today),
    reference: referenceField,
    note: z.string().trim().max(500, 'validation.tooLong').optional().default(''),
  });
export type RecordRefundInput = z.input<ReturnType<typeof recordRefundSchema>>;

export const delaySchema = z.object({ days: z.coerce.number().int('validation.invalid').min(1, 'validation.invalid').max(31, 'validation.invalid') });

const accountLine = (max: number) => z.string().trim().max(max, 'validation.tooLong');

/**
 * The creditor's repayment account, shown to borrowers under "how to pay": the bank, the account's name and number
 * together, or all three left empty to remove it (then borrowers are told to call the service line). The number is
 * digits, spaced as the bank prints it.
 */
export const paymentAccountSchema = z
  .object({
    bankName: accountLine(100),
    accountName: accountLine(100),
    accountNo: accountLine(40).regex(/^(|[0-9][0-9 ]{6,38}[0-9])$/, 'validation.accountNo'),
    note: accountLine(300).optional().default(''),
    noteEn: accountLine(300).optional().default(''),
  })
  .superRefine((v, ctx) => {
    const lines = ['bankName', 'accountName', 'accountNo'] as const;
    if (lines.every((key) => v[key] === '')) return;
    for (const key of lines) if (v[key] === '') ctx.addIssue({ code: 'custom', path: [key], message: 'validation.required' });
  })
  .transform((v) => (v.accountNo === '' ? null : { bankName: v.bankName, accountName: v.accountName, accountNo: v.accountNo, ...(v.note ? { note: v.note } : {}), ...(v.noteEn ? { noteEn: v.noteEn } : {}) }));
export type PaymentAccountInput = z.input<typeof paymentAccountSchema>;
