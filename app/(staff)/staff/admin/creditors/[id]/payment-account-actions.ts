'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { setPaymentAccount } from '@/lib/server/plans/set-payment-account';
import { id, text } from '@/lib/validation/envelope';

/** The creditor's repayment account (the service checks the admin, the creditor and the content). */
export const setPaymentAccountAction = defineAction(
  'staff',
  z.object({ creditorId: id, bankName: text, accountName: text, accountNo: text, note: text, noteEn: text }),
  async ({ creditorId, ...input }, ctx) => {
    const { account } = await setPaymentAccount(ctx, creditorId, input);
    revalidatePath(`/staff/admin/creditors/${creditorId}`);
    return { removed: account === null };
  },
);
