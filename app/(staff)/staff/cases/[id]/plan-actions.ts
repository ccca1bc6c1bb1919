'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { recordPayment } from '@/lib/server/plans/record-payment';
import { recordRefund } from '@/lib/server/plans/record-refund';
import { reversePayment } from '@/lib/server/plans/reverse-payment';
import { anObject, id } from '@/lib/validation/envelope';

/** Plan tracking on the case file: payments recorded, reversed and refunded (the services check role, case and content). */
const envelope = z.object({ caseId: id, input: anObject });

const refresh = (caseId: string) => {
  revalidatePath(`/staff/cases/${caseId}`);
  revalidatePath(`/cases/${caseId}`);
};

export const recordPaymentAction = defineAction('staff', envelope, async ({ caseId, input }, ctx) => {
  const result = await recordPayment(ctx, caseId, input);
  refresh(caseId);
  return { excess: result.excess, completed: result.completed };
});

export const reversePaymentAction = defineAction('staff', envelope, async ({ caseId, input }, ctx) => {
  await reversePayment(ctx, caseId, input);
  refresh(caseId);
});

export const recordRefundAction = defineAction('staff', envelope, async ({ caseId, input }, ctx) => {
  await recordRefund(ctx, caseId, input);
  refresh(caseId);
});
