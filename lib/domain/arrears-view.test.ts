import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstallmentStatus } from './arrears-model';
import { installmentsToShowFirst, isOwed } from './arrears-view';

const row = (seq: number, status: InstallmentStatus) => ({ seq, status });

describe('the schedule a borrower sees first', () => {
  it('shows what is owed and the next installment, not what is paid or further off', () => {
    const schedule = [row(1, 'paid'), row(2, 'partly_paid'), row(3, 'overdue'), row(4, 'not_due'), row(5, 'not_due')];
    expect(installmentsToShowFirst(schedule).map((i) => i.seq)).toEqual([2, 3, 4]);
  });

  it('shows only the next installment when nothing is owed', () => {
    expect(installmentsToShowFirst([row(1, 'paid'), row(2, 'not_due'), row(3, 'not_due')]).map((i) => i.seq)).toEqual([2]);
  });

  it('shows nothing of a loan that is fully paid', () => {
    expect(installmentsToShowFirst([row(1, 'paid'), row(2, 'paid')])).toEqual([]);
  });

  it('never hides an owed installment, keeps the order, and adds at most one more', () => {
    const statuses = fc.constantFrom<InstallmentStatus>('paid', 'overdue', 'partly_paid', 'not_due');
    fc.assert(
      fc.property(fc.array(statuses, { maxLength: 60 }), (list) => {
        const schedule = list.map((status, i) => row(i + 1, status));
        const shown = installmentsToShowFirst(schedule);
        const owed = schedule.filter(isOwed);
        expect(owed.every((i) => shown.includes(i))).toBe(true);
        expect(shown.length - owed.length).toBe(schedule.some((i) => i.status === 'not_due') ? 1 : 0);
        expect(shown.map((i) => i.seq)).toEqual([...shown.map((i) => i.seq)].sort((a, b) => a - b));
      }),
    );
  });
});
