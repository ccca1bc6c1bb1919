import { describe, expect, it } from 'vitest';
import { everyWeek, weekOf } from './dashboard';

// Calendar facts checked by hand: 1 December 2026 is a Tuesday, 29 November 2026 a Sunday,
// 1 January 2027 a Friday.
describe('weekOf: the Monday of a day’s week', () => {
  it('goes back to Monday, keeps a Monday, and takes a Sunday to the Monday before it', () => {
    expect(weekOf('2026-12-01')).toBe('2026-11-30');
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
    expect(weekOf('2026-11-29')).toBe('2026-11-23');
    expect(weekOf('2027-01-01')).toBe('2026-12-28');
  });
});

describe('everyWeek: the weekly trend with its quiet weeks', () => {
  const row = (week: string, opened: number) => ({ week, opened });
  const zero = (week: string) => row(week, 0);

  it('fills the weeks between the first and the last with zeros', () => {
    const rows = [row('2026-11-02', 3), row('2026-11-23', 1)];
    expect(everyWeek(rows, zero, { today: '2026-12-01' })).toEqual([row('2026-11-02', 3), row('2026-11-09', 0), row('2026-11-16', 0), row('2026-11-23', 1)]);
  });

  it('runs from the week of the range’s first day to the week of its last, over a year’s end', () => {
    const rows = [row('2026-12-28', 2)];
    expect(everyWeek(rows, zero, { from: '2026-12-20', to: '2027-01-06', today: '2027-02-01' })).toEqual([row('2026-12-14', 0), row('2026-12-21', 0), row('2026-12-28', 2), row('2027-01-04', 0)]);
  });

  it('stops at this week when the range runs into the future', () => {
    expect(everyWeek([], zero, { from: '2026-11-24', to: '2026-12-31', today: '2026-12-01' })).toEqual([row('2026-11-23', 0), row('2026-11-30', 0)]);
  });

  it('starts at the first week with a case when the range opens more than ten years back', () => {
    const rows = [row('2026-11-23', 1)];
    expect(everyWeek(rows, zero, { from: '0001-01-01', to: '2026-12-01', today: '2026-12-01' })).toEqual([row('2026-11-23', 1), row('2026-11-30', 0)]);
    expect(everyWeek([], zero, { from: '0001-01-01', today: '2026-12-01', to: '2026-12-01' })).toEqual([row('2026-11-30', 0)]);
  });

  it('has no weeks when there is no case and no range', () => {
    expect(everyWeek([], zero, { today: '2026-12-01' })).toEqual([]);
  });
});
