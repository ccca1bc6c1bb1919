'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { AppError } from '@/lib/server/errors';
import { confirmPaymentImport, previewPaymentImport } from '@/lib/server/plans/import-payments';
import { MAX_PAYMENT_FILE_BYTES } from '@/lib/server/plans/payment-file';
import { formData, text } from '@/lib/validation/envelope';

const input = formData({ file: z.instanceof(File), encoding: z.enum(['auto', 'utf-8', 'gbk']), sha256: text.optional() });

async function read(file: File) {
  if (file.size === 0) throw new AppError('VALIDATION', { field: 'file', message: 'validation.paymentFile.empty' });
  if (file.size > MAX_PAYMENT_FILE_BYTES) throw new AppError('VALIDATION', { field: 'file', message: 'validation.paymentFile.tooLarge', params: { max: MAX_PAYMENT_FILE_BYTES / 1024 / 1024 } });
  return { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) };
}

export const previewPaymentsAction = defineAction('staff', input, async ({ file, encoding }, ctx) => previewPaymentImport(ctx, await read(file), encoding));

export const confirmPaymentsAction = defineAction('staff', input, async ({ file, encoding, sha256 }, ctx) => confirmPaymentImport(ctx, await read(file), encoding, sha256 ?? ''));
