import type { CaseState } from './case-state';
import { addDays, daysBetween, todayIn, type IsoDate } from './dates';

/**
 * Judicial confirmation (司法确认) of a mediation agreement: the parties apply jointly to the competent court within
 * 30 days of the agreement taking effect (Civil Procedure Law art. 205; the day it takes effect does not count, so
 * the last day is that day plus 30). The application goes through its steps in one order only:
 * prepared → signed by the borrower → signed for both sides → filed → confirmed or rejected.
 */
export const CONFIRMATION_DEADLINE_DAYS = 30;
/** How many days before the deadline the mediator is warned (the application is "due"). */
export const CONFIRMATION_DUE_WARNING_DAYS = 7;
/** Courts in the mainland keep Beijing time: the deadline is a Beijing calendar day. */
export const COURT_TIME_ZONE = 'Asia/Shanghai';

export const confirmationStatuses = ['prepared', 'signed_by_borrower', 'signed', 'filed', 'confirmed', 'rejected'] as const;
export type ConfirmationStatus = (typeof confirmationStatuses)[number];
export type ConfirmationEvent = 'borrower_signs' | 'countersign' | 'file' | 'confirm' | 'reject';

const transitions: Record<ConfirmationEvent, { from: ConfirmationStatus; to: ConfirmationStatus }> = {
  borrower_signs: { from: 'prepared', to: 'signed_by_borrower' },
  countersign: { from: 'signed_by_borrower', to: 'signed' },
  file: { from: 'signed', to: 'filed' },
  confirm: { from: 'filed', to: 'confirmed' },
  reject: { from: 'filed', to: 'rejected' },
};

/** The status an event leads to from the current one, or null when the event is not allowed now. */
export function nextConfirmationStatus(current: ConfirmationStatus, event: ConfirmationEvent): ConfirmationStatus | null {
  const step = transitions[event];
  return step.from === current ? step.to : null;
}

/** The last day to apply: the Beijing day the agreement took effect, plus 30 days. */
export function confirmationDeadline(effectiveAt: Date): IsoDate {
  return addDays(todayIn(COURT_TIME_ZONE, effectiveAt), CONFIRMATION_DEADLINE_DAYS);
}

/** The deadline as an instant: the end of its Beijing day (UTC+8, no daylight saving). */
export function deadlineInstant(deadline: IsoDate): Date {
  return new Date(`${addDays(deadline, 1)}T00:00:00+08:00`);
}

export type DeadlineState =
  /** Nothing to do yet: more than the warning period left. */
  | { state: 'open'; daysLeft: number }
  /** Within the warning period (the last day included). */
  | { state: 'due'; daysLeft: number }
  /** Not filed, and the last day has passed. */
  | { state: 'overdue'; daysLate: number }
  /** Filed on or before the last day. */
  | { state: 'met'; filedOn: IsoDate }
  /** Filed after the last day (the court may refuse it). */
  | { state: 'filedLate'; filedOn: IsoDate; daysLate: number }
  /** Never applied for, and the last day has passed: nothing is left to do (the court would not take it). */
  | { state: 'lapsed' }
  /** Not filed, and no longer needed: the plan was paid in full, or the case was closed (no deadline to count). */
  | { state: 'notNeeded'; reason: ConfirmationMootReason };

/** Why an agreement no longer needs the court's confirmation. */
export type ConfirmationMootReason = 'paidInFull' | 'closed';

/**
 * Confirmation makes an agreement enforceable if the borrower does not pay. Once the plan is paid in full (the case
 * completed) or the case is closed, nothing is left to enforce: the deadline no longer counts, and no application is
 * prepared. Every other state keeps it (a breached or escalated agreement is exactly when it matters).
 */
export function confirmationMootReason(caseState: CaseState): ConfirmationMootReason | null {
  return caseState === 'completed' ? 'paidInFull' : caseState === 'closed' ? 'closed' : null;
}

/**
 * Where the 30-day deadline stands today (a Beijing day), for the mediator's case file and queue markers. A filing
 * stays on record as met or late whatever happened since; an unfiled application on a case that no longer needs
 * one (confirmationMootReason) is not counted down.
 */
export function deadlineState(deadline: IsoDate, today: IsoDate, filedOn: IsoDate | null, moot: ConfirmationMootReason | null = null): DeadlineState {
  if (filedOn) {
    const late = daysBetween(deadline, filedOn);
    return late > 0 ? { state: 'filedLate', filedOn, daysLate: late } : { state: 'met', filedOn };
  }
  if (moot) return { state: 'notNeeded', reason: moot };
  const left = daysBetween(today, deadline);
  if (left < 0) return { state: 'overdue', daysLate: -left };
  return left <= CONFIRMATION_DUE_WARNING_DAYS ? { state: 'due', daysLeft: left } : { state: 'open', daysLeft: left };
}

/**
 * The deadline of an agreement no application was made for: counted down while it runs, as deadlineState; once its
 * last day has passed, lapsed rather than overdue (as the queue's marker, confirmationMarker, shows nothing).
 */
export function unappliedDeadlineState(deadline: IsoDate, today: IsoDate): DeadlineState {
  const state = deadlineState(deadline, today, null);
  return state.state === 'overdue' ? { state: 'lapsed' } : state;
}

/**
 * A filing or decision date a mediator records: a real day, not in the future, not before the step it follows.
 * Returns the refusal's message key, or null when the date may be recorded.
 */
export function checkRecordedDay(day: IsoDate, notBefore: IsoDate, today: IsoDate): 'validation.confirmation.dateInFuture' | 'validation.confirmation.dateTooEarly' | null {
  if (daysBetween(today, day) > 0) return 'validation.confirmation.dateInFuture';
  if (daysBetween(notBefore, day) < 0) return 'validation.confirmation.dateTooEarly';
  return null;
}

/** What the queue marks on a case's row: the application is due (the last 7 days) or overdue, and its last day. */
export type ConfirmationMarker = { state: 'due'; daysLeft: number; deadline: IsoDate } | { state: 'overdue'; daysLate: number; deadline: IsoDate };

/**
 * The queue's judicial-confirmation marker, the case file's deadline state (deadlineState) reduced to what asks for
 * action: due in the warning period; overdue once the last day has passed only while an application was prepared and
 * not filed (never prepared, there is nothing left to do: the court would not take it); nothing once filed.
 */
export function confirmationMarker(effectiveAt: Date, application: { filedAt: Date | null } | null, now: Date): ConfirmationMarker | null {
  if (application?.filedAt) return null;
  const deadline = confirmationDeadline(effectiveAt);
  const state = deadlineState(deadline, todayIn(COURT_TIME_ZONE, now), null);
  if (state.state === 'due') return { state: 'due', daysLeft: state.daysLeft, deadline };
  if (state.state === 'overdue' && application) return { state: 'overdue', daysLate: state.daysLate, deadline };
  return null;
}

/**
 * The first instant of the Beijing day from which an agreement executed before it has its application due today or
 * overdue (its last day at most CONFIRMATION_DUE_WARNING_DAYS away): the queue's "judicial confirmation due" filter.
 */
export function confirmationDueExecutedBefore(now: Date): Date {
  const today = todayIn(COURT_TIME_ZONE, now);
  return new Date(`${addDays(today, CONFIRMATION_DUE_WARNING_DAYS - CONFIRMATION_DEADLINE_DAYS + 1)}T00:00:00+08:00`);
}

/** The first instant of the Beijing day from which an agreement executed before it has its last day passed. */
export function confirmationPassedExecutedBefore(now: Date): Date {
  const today = todayIn(COURT_TIME_ZONE, now);
  return new Date(`${addDays(today, -CONFIRMATION_DEADLINE_DAYS)}T00:00:00+08:00`);
}
