import 'server-only';
import { todayIn } from '@/lib/domain/dates';
import type { AgreementSnapshot } from '@/lib/domain/agreement';
import { AppError } from '../errors';

/**
 * An agreement whose first payment (after any down payment) is due today or before is no longer signed: signed, its
 * plan would begin with an installment already due, or past its grace period (one miss from a breach). The mediator
 * corrects it (void and negotiate again) on today's figures.
 */
export function assertFirstPaymentAhead(snapshot: AgreementSnapshot, timeZone: string, now: Date) {
  const first = snapshot.priced.schedule[0]?.dueDate;
  if (first && first <= todayIn(timeZone, now)) throw new AppError('CONFLICT', { message: 'validation.agreementFirstPaymentDue', params: { date: first } });
}
