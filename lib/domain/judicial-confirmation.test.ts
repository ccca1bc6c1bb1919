import { describe, expect, it } from 'vitest';
import { checkRecordedDay, confirmationDeadline, confirmationDueExecutedBefore, confirmationMarker, confirmationMootReason, confirmationPassedExecutedBefore, deadlineInstant, deadlineState, nextConfirmationStatus, unappliedDeadlineState } from './judicial-confirmation';

describe('the judicial confirmation status machine', () => {
  it('goes prepared → signed by the borrower → signed → filed → confirmed or rejected, one step at a time', () => {
    expect(nextConfirmationStatus('prepared', 'borrower_signs')).toBe('signed_by_borrower');
    expect(nextConfirmationStatus('signed_by_borrower', 'countersign')).toBe('signed');
    expect(nextConfirmationStatus('signed', 'file')).toBe('filed');
    expect(nextConfirmationStatus('filed', 'confirm')).toBe('confirmed');
    expect(nextConfirmationStatus('filed', 'reject')).toBe('rejected');
  });

  it('refuses every step out of order, and anything after the court decided', () => {
    expect(nextConfirmationStatus('prepared', 'countersign')).toBeNull(); // the borrower signs first
    expect(nextConfirmationStatus('prepared', 'file')).toBeNull();
    expect(nextConfirmationStatus('signed_by_borrower', 'file')).toBeNull();
    expect(nextConfirmationStatus('signed', 'confirm')).toBeNull(); // not filed yet
    expect(nextConfirmationStatus('signed_by_borrower', 'borrower_signs')).toBeNull(); // twice
    for (const end of ['confirmed', 'rejected'] as const) for (const e of ['borrower_signs', 'countersign', 'file', 'confirm', 'reject'] as const) expect(nextConfirmationStatus(end, e)).toBeNull();
  });
});

describe('the 30-day deadline', () => {
  it('runs from the Beijing day the agreement took effect, that day not counted', () => {
    // Executed 2026-11-02 10:00 Beijing: the 30 days are 11-03 … 12-02.
    expect(confirmationDeadline(new Date('2026-11-02T02:00:00Z'))).toBe('2026-12-02');
    // 23:30 UTC on 11-01 is already 07:30 on 11-02 in Beijing.
    expect(confirmationDeadline(new Date('2026-11-01T23:30:00Z'))).toBe('2026-12-02');
    // Across a month of 31 days and the year's end: 12-15 + 30 = 01-14.
    expect(confirmationDeadline(new Date('2026-12-15T04:00:00Z'))).toBe('2027-01-14');
    // February 2028 has 29 days: 02-01 + 30 = 03-02.
    expect(confirmationDeadline(new Date('2028-02-01T04:00:00Z'))).toBe('2028-03-02');
  });

  it('ends at midnight after its last day, Beijing time', () => {
    expect(deadlineInstant('2026-12-02').toISOString()).toBe('2026-12-02T16:00:00.000Z');
  });

  it('is open, then due in its last 7 days (the last day included), then overdue; filed in time it is met', () => {
    expect(deadlineState('2026-12-02', '2026-11-24', null)).toEqual({ state: 'open', daysLeft: 8 });
    expect(deadlineState('2026-12-02', '2026-11-25', null)).toEqual({ state: 'due', daysLeft: 7 });
    expect(deadlineState('2026-12-02', '2026-12-02', null)).toEqual({ state: 'due', daysLeft: 0 });
    expect(deadlineState('2026-12-02', '2026-12-03', null)).toEqual({ state: 'overdue', daysLate: 1 });
    expect(deadlineState('2026-12-02', '2027-01-01', '2026-12-02')).toEqual({ state: 'met', filedOn: '2026-12-02' });
    expect(deadlineState('2026-12-02', '2027-01-01', '2026-12-05')).toEqual({ state: 'filedLate', filedOn: '2026-12-05', daysLate: 3 });
  });

  it('is not needed, rather than overdue, once the plan was paid in full or the case closed; a filing stays on record', () => {
    expect(confirmationMootReason('completed')).toBe('paidInFull');
    expect(confirmationMootReason('closed')).toBe('closed');
    // A breached or escalated agreement is when confirmation matters most; a running plan still counts down.
    for (const state of ['plan_active', 'breached', 'escalated', 'signed_by_borrower', 'negotiating'] as const) expect(confirmationMootReason(state)).toBeNull();
    expect(deadlineState('2026-12-02', '2027-01-20', null, 'paidInFull')).toEqual({ state: 'notNeeded', reason: 'paidInFull' });
    expect(deadlineState('2026-12-02', '2026-11-24', null, 'closed')).toEqual({ state: 'notNeeded', reason: 'closed' });
    expect(deadlineState('2026-12-02', '2027-01-20', '2026-12-05', 'paidInFull')).toEqual({ state: 'filedLate', filedOn: '2026-12-05', daysLate: 3 });
    expect(deadlineState('2026-12-02', '2027-01-20', '2026-12-01', 'closed')).toEqual({ state: 'met', filedOn: '2026-12-01' });
  });

  it('with no application made, lapses once the last day has passed rather than counting days overdue', () => {
    expect(unappliedDeadlineState('2026-12-02', '2026-11-24')).toEqual({ state: 'open', daysLeft: 8 });
    expect(unappliedDeadlineState('2026-12-02', '2026-12-02')).toEqual({ state: 'due', daysLeft: 0 });
    expect(unappliedDeadlineState('2026-12-02', '2026-12-03')).toEqual({ state: 'lapsed' });
    expect(unappliedDeadlineState('2026-12-02', '2027-03-10')).toEqual({ state: 'lapsed' });
  });
});

describe("the queue's marker", () => {
  // Executed 2026-11-02 10:00 Beijing: last day 2026-12-02.
  const executed = new Date('2026-11-02T02:00:00Z');
  it('is due from 7 days before the last day (Beijing calendar); overdue after it with an application unfiled; gone once filed', () => {
    const prepared = { filedAt: null };
    // 2026-11-24 23:59 Beijing: 8 days left, nothing yet.
    expect(confirmationMarker(executed, null, new Date('2026-11-24T15:59:00Z'))).toBeNull();
    // 2026-11-25 00:01 Beijing (still 11-24 in UTC): 7 days left, with or without an application.
    expect(confirmationMarker(executed, null, new Date('2026-11-24T16:01:00Z'))).toEqual({ state: 'due', daysLeft: 7, deadline: '2026-12-02' });
    expect(confirmationMarker(executed, prepared, new Date('2026-12-02T15:00:00Z'))).toEqual({ state: 'due', daysLeft: 0, deadline: '2026-12-02' });
    // 2026-12-03 00:30 Beijing: one day late — flagged while an application waits, nothing to do if none was made.
    expect(confirmationMarker(executed, prepared, new Date('2026-12-02T16:30:00Z'))).toEqual({ state: 'overdue', daysLate: 1, deadline: '2026-12-02' });
    expect(confirmationMarker(executed, null, new Date('2026-12-02T16:30:00Z'))).toBeNull();
    // Filed on the last day, or late, or even before the warning: the court has it, nothing for the queue to flag.
    expect(confirmationMarker(executed, { filedAt: new Date('2026-12-02T03:00:00Z') }, new Date('2026-12-10T03:00:00Z'))).toBeNull();
    expect(confirmationMarker(executed, { filedAt: new Date('2026-12-05T03:00:00Z') }, new Date('2026-12-10T03:00:00Z'))).toBeNull();
    expect(confirmationMarker(executed, { filedAt: new Date('2026-11-26T03:00:00Z') }, new Date('2026-11-27T03:00:00Z'))).toBeNull();
  });

  it("filters on agreements executed before the Beijing day 22 days ago (today's last day 7 days on, or passed)", () => {
    // Today is 2026-12-01 in Beijing (10:00): an agreement executed on 2026-11-08 has its last day 12-08, 7 days on.
    const now = new Date('2026-12-01T02:00:00Z');
    expect(confirmationDueExecutedBefore(now).toISOString()).toBe('2026-11-08T16:00:00.000Z');
    // Its last day has passed for an agreement executed before 2026-11-01 (last day 11-30, yesterday).
    expect(confirmationPassedExecutedBefore(now).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(confirmationMarker(new Date('2026-10-31T15:59:00Z'), { filedAt: null }, now)).toEqual({ state: 'overdue', daysLate: 1, deadline: '2026-11-30' });
    expect(confirmationMarker(new Date('2026-10-31T16:00:00Z'), null, now)).toEqual({ state: 'due', daysLeft: 0, deadline: '2026-12-01' });
    expect(confirmationMarker(new Date('2026-11-08T15:59:00Z'), null, now)).toEqual({ state: 'due', daysLeft: 7, deadline: '2026-12-08' });
    expect(confirmationMarker(new Date('2026-11-08T16:00:00Z'), null, now)).toBeNull();
  });
});

describe('a recorded filing or decision day', () => {
  it('may be today or earlier, not before the step it follows', () => {
    expect(checkRecordedDay('2026-12-01', '2026-11-20', '2026-12-01')).toBeNull();
    expect(checkRecordedDay('2026-11-20', '2026-11-20', '2026-12-01')).toBeNull();
    expect(checkRecordedDay('2026-12-02', '2026-11-20', '2026-12-01')).toBe('validation.confirmation.dateInFuture');
    expect(checkRecordedDay('2026-11-19', '2026-11-20', '2026-12-01')).toBe('validation.confirmation.dateTooEarly');
  });
});
