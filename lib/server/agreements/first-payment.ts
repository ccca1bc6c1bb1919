import 'server-only';
import { todayIn, type IsoDate } from '@/lib/domain/dates';
import type { AgreementSnapshot } from '@/lib/domain/agreement';
import { firstPaymentDay } from '@/lib/domain/offer-terms';
import { AppError } from '../errors';

/**
 * An agreement whose first payment (after any down payment) is due today or before is no longer signed: signed, its
 * plan would begin with an installment already due, or past its grace period (one miss from a breach). The mediator
 * corrects it (void and negotiate again) on today's figures. The day, when it has come; null while it is ahead.
 */
export function firstPaymentDue(snapshot: AgreementSnapshot, timeZone: string, now: Date): IsoDate | null {
  const first = firstPaymentDay(snapshot.priced);
  return first !== null && first <= todayIn(timeZone, now) ? first : null;
}

/** Refuses signing (and a code to sign with) once the first payment has fallen due. */
export function assertFirstPaymentAhead(snapshot: AgreementSnapshot, timeZone: string, now: Date) {
  const due = firstPaymentDue(snapshot, timeZone, now);
  if (due) throw new AppError('CONFLICT', { message: 'validation.agreementFirstPaymentDue', params: { date: due } });
}
