import 'server-only';
import { and, eq, gte } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { borrowers, contactRecords, creditors, notifications } from '@/db/schema';
import { mayContact } from '@/lib/domain/contact-rules';
import { queueNotification, renderTemplate, type BorrowerTemplate, type TemplateValue } from './notifications';
import { isLocale } from '@/lib/i18n/config';
import { creditorPolicy } from './creditor-policy';

/**
 * Tells a borrower something: always in the portal (in-app, which is not
 * contact), and by SMS only when the contact rules allow it now. Every SMS
 * attempt — sent or blocked by a rule — is written to the case's contact record.
 * Instants among the values are written in the borrower's language and time zone.
 */
export async function notifyBorrower(
  tx: Executor,
  input: { caseId: string; creditorId: string; borrowerId: string; template: BorrowerTemplate; values: Record<string, TemplateValue>; mandatory?: boolean; now?: Date },
): Promise<{ sms: 'queued' | 'blocked'; rule?: string }> {
  const now = input.now ?? new Date();
  const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, input.borrowerId));
  const [creditor] = await tx.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, input.creditorId));
  if (!borrower || !creditor) return { sms: 'blocked', rule: 'unknown_recipient' };
  const base = { recipientType: 'borrower' as const, recipientId: borrower.id, template: input.template, locale: borrower.locale, timeZone: borrower.timezone, values: input.values, caseId: input.caseId };
  await queueNotification(tx, { ...base, channel: 'in_app', toAddress: borrower.phone });

  const history = await tx
    .select({ at: contactRecords.at, channel: contactRecords.channel, outcome: contactRecords.outcome, direction: contactRecords.direction })
    .from(contactRecords)
    .where(and(eq(contactRecords.borrowerId, borrower.id), gte(contactRecords.at, new Date(now.getTime() - 8 * 86_400_000))));
  const decision = mayContact({
    channel: 'sms',
    mandatory: input.mandatory ?? false,
    now,
    timeZone: borrower.timezone,
    quietHours: borrower.contactPreferences.quietHours,
    optOut: borrower.contactPreferences.optOut,
    history,
    policy: creditorPolicy(creditor.policy),
  });
  if (decision.allowed) {
    await queueNotification(tx, { ...base, channel: 'sms', toAddress: borrower.phone });
    await tx.insert(contactRecords).values({ caseId: input.caseId, borrowerId: borrower.id, channel: 'sms', direction: 'outbound', outcome: 'attempted', note: input.template, at: now });
    return { sms: 'queued' };
  }
  const locale = isLocale(borrower.locale) ? borrower.locale : 'zh-CN';
  const { subject, body } = renderTemplate(base, locale, input.values, borrower.timezone);
  await tx.insert(notifications).values({ channel: 'sms', recipientType: 'borrower', recipientId: borrower.id, toAddress: borrower.phone, template: input.template, locale, subject, body, caseId: input.caseId, status: 'blocked', error: decision.rule });
  await tx.insert(contactRecords).values({ caseId: input.caseId, borrowerId: borrower.id, channel: 'sms', direction: 'outbound', outcome: 'blocked', blockedRule: decision.rule, note: input.template, at: now });
  return { sms: 'blocked', rule: decision.rule };
}
