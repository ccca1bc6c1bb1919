import { describe, expect, it } from 'vitest';
import { scheduleColumns, scheduleOf } from './stored-schedule';

describe('a loan schedule stored as four arrays', () => {
  it('reads element n as installment n, with its due date, principal, interest and fees', () => {
    const loan = { scheduleDueDates: ['2026-01-15', '2026-02-15'], schedulePrincipal: [49_000, 51_000], scheduleInterest: [600, 300], scheduleFees: [0, 1_500] };
    expect(scheduleOf(loan)).toEqual([
      { seq: 1, dueDate: '2026-01-15', principalDue: 49_000, interestDue: 600, feesDue: 0 },
      { seq: 2, dueDate: '2026-02-15', principalDue: 51_000, interestDue: 300, feesDue: 1_500 },
    ]);
    expect(scheduleOf({ scheduleDueDates: [], schedulePrincipal: [], scheduleInterest: [], scheduleFees: [] })).toEqual([]);
  });

  it('writes rows in the order of seq, without fees unless given, and refuses a gap in the numbering', () => {
    expect(
      scheduleColumns([
        { seq: 2, dueDate: '2026-02-15', principal: 51_000, interest: 300 },
        { seq: 1, dueDate: '2026-01-15', principal: 49_000, interest: 600, fees: 200 },
      ]),
    ).toEqual({ scheduleDueDates: ['2026-01-15', '2026-02-15'], schedulePrincipal: [49_000, 51_000], scheduleInterest: [600, 300], scheduleFees: [200, 0] });
    expect(() => scheduleColumns([{ seq: 2, dueDate: '2026-02-15', principal: 1, interest: 0 }])).toThrow(/installment 1 is numbered 2/);
  });
});
