import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { borrowers } from '@/db/schema';
import { queueNotification, type BorrowerTemplate, type TemplateValue } from './notifications';

/**
 * Tells a borrower something: in the portal (in-app, which is not contact) and by SMS, in the borrower's
 * language and time zone and in the creditor's own wording when it has one. The SMS is governed by the contact
 * rules when it is sent (lib/server/outbox/dispatch.ts): at an allowed moment, or deferred to the next one —
 * never dropped, never early — and every attempt, sent or blocked, is written to the case's contact record then.
 * A mandatory message (one the law or the agreement requires) ignores opt-outs and counts, never the hours.
 */
export async function notifyBorrower(
  tx: Executor,
  input: { caseId: string; creditorId: string; borrowerId: string; template: BorrowerTemplate; values: Record<string, TemplateValue>; mandatory?: boolean; now?: Date },
): Promise<{ sms: 'queued' | 'unknown_recipient'; notificationId?: string }> {
  const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, input.borrowerId));
  if (!borrower) return { sms: 'unknown_recipient' };
  const base = {
    recipientType: 'borrower' as const,
    recipientId: borrower.id,
    template: input.template,
    locale: borrower.locale,
    timeZone: borrower.timezone,
    values: input.values,
    caseId: input.caseId,
    creditorId: input.creditorId,
    toAddress: borrower.phone,
    ...(input.now ? { scheduledAt: input.now } : {}),
  };
  await queueNotification(tx, { ...base, channel: 'in_app' });
  const notificationId = await queueNotification(tx, { ...base, channel: 'sms', governed: true, mandatory: input.mandatory ?? false });
  return { sms: 'queued', notificationId };
}
