import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { staffUsers } from '@/db/schema';
import { queueNotification, type StaffTemplate, type TemplateValue } from './notifications';

/**
 * Tells the case's mediator something by e-mail, in the caller's transaction (staff read Chinese and Beijing
 * time). Nothing when the case has no mediator, or when the mediator is the one who acted (`unless`).
 */
export async function notifyAssignee(
  tx: Executor,
  kase: { id: string; assigneeId: string | null },
  template: StaffTemplate,
  values: Record<string, TemplateValue>,
  options: { unless?: string } = {},
): Promise<void> {
  if (!kase.assigneeId || kase.assigneeId === options.unless) return;
  const [mediator] = await tx.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, kase.assigneeId));
  if (!mediator) return;
  await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: mediator.id, toAddress: mediator.email, template, locale: 'zh-CN', values, caseId: kase.id });
}
