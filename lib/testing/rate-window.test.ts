import { afterEach, describe, expect, it, vi } from 'vitest';
import { inOneWindow } from './rate-window';

describe('inOneWindow', () => {
  afterEach(() => vi.useRealTimers());

  it('runs a passing test once', async () => {
    const run = vi.fn(async (attempt: number) => attempt);
    await expect(inOneWindow(900, run)).resolves.toBe(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('reports a failure inside one window as it is', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T10:05:00Z') });
    const run = vi.fn(async () => { throw new Error('a real defect'); });
    await expect(inOneWindow(900, run)).rejects.toThrow('a real defect');
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs again, once, a failing test whose window ended while it ran, telling it so', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T10:14:59.500Z') });
    const attempts: number[] = [];
    const result = inOneWindow(900, async (attempt) => {
      attempts.push(attempt);
      if (attempt === 1) {
        vi.setSystemTime(new Date('2026-12-01T10:15:00.500Z'));
        throw new Error('count started again');
      }
      return 'passed';
    });
    await expect(result).resolves.toBe('passed');
    expect(attempts).toEqual([1, 2]);
  });

  it('does not run a third time', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T10:14:59Z') });
    let runs = 0;
    const run = async () => {
      runs += 1;
      vi.setSystemTime(new Date(Date.now() + 900_000));
      throw new Error(`failed ${runs}`);
    };
    await expect(inOneWindow(900, run)).rejects.toThrow('failed 2');
    expect(runs).toBe(2);
  });
});
