import { describe, expect, it } from 'vitest';
import { endOfLocalDay, instantAtLocal } from './local-day';

describe('local days and times', () => {
  it('finds the instant of a wall-clock time in a zone', () => {
    expect(instantAtLocal('2026-03-10T15:30', 'Asia/Shanghai').toISOString()).toBe('2026-03-10T07:30:00.000Z');
    // New York on the day clocks go forward (8 March 2026): 12:00 is EDT, UTC−4.
    expect(instantAtLocal('2026-03-08T12:00', 'America/New_York').toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });
  it('ends a promise day plus its grace at the following local midnight', () => {
    // Promised for 10 March with 3 grace days: checked from 14 March 00:00 in Beijing = 13 March 16:00Z.
    expect(endOfLocalDay('2026-03-10', 'Asia/Shanghai', 3).toISOString()).toBe('2026-03-13T16:00:00.000Z');
  });
});
