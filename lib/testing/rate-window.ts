import { windowStart } from '@/lib/domain/rate-limit';

/**
 * Runs a test that uses up a fixed-window rate limit. The limits count per
 * window of the clock (lib/domain/rate-limit.ts), so a run that happens to
 * cross a window's end sees its count start again and would fail for a reason
 * that is not a defect. If, and only if, the window changed while `run` was
 * failing, it runs once more, told it is the second try so that it uses keys
 * (addresses) it has not counted against before. A failure inside one window
 * is reported as it is.
 */
export async function inOneWindow<T>(windowSeconds: number, run: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const began = windowStart(new Date(), windowSeconds).getTime();
    try {
      return await run(attempt);
    } catch (error) {
      const crossed = windowStart(new Date(), windowSeconds).getTime() !== began;
      if (attempt === 1 && crossed) continue;
      throw error;
    }
  }
}
