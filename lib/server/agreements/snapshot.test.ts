import { describe, expect, it } from 'vitest';
import { sampleSnapshot } from '@/lib/pdf/fixtures';
import { parseSnapshot } from './snapshot';

/** As PostgreSQL gives a jsonb value back: parsed JSON, no prototypes, no undefined. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('the stored agreement snapshot', () => {
  it('reads back every snapshot this release writes, field for field', () => {
    for (const options of [
      { structure: 'installments', relief: true, downPayment: true },
      { structure: 'extension' },
      { structure: 'extension_installments', months: 12 },
      { structure: 'settlement', relief: true },
      // A hardship pause, and an agreement of the first text version (made before textVersion was recorded).
      { structure: 'installments', pauseMonths: 3 },
      { structure: 'installments', textVersion: '2026-11-v1' },
    ] as const) {
      const snapshot = sampleSnapshot(options);
      expect(parseSnapshot(stored(snapshot), snapshot.agreementNo)).toEqual(stored(snapshot));
    }
  });

  it('refuses a snapshot of another shape, naming the agreement and the field', () => {
    const snapshot = stored(sampleSnapshot({ structure: 'installments' })) as ReturnType<typeof sampleSnapshot>;
    const withoutAmount = { ...snapshot, priced: { ...snapshot.priced, schedule: snapshot.priced.schedule.map(({ amount: _amount, ...row }) => row) } };
    expect(() => parseSnapshot(withoutAmount, 'HZ-7')).toThrow(/HZ-7[\s\S]*priced\.schedule\[0\]\.amount/);
    expect(() => parseSnapshot({ ...snapshot, locale: 'fr' }, 'HZ-7')).toThrow(/locale/);
    // Money is whole fen, never a float that crept in.
    expect(() => parseSnapshot({ ...snapshot, arrears: { ...snapshot.arrears, totalOverdue: 10.5 } }, 'HZ-7')).toThrow(/arrears\.totalOverdue/);
    expect(() => parseSnapshot(null)).toThrow(/\(unknown\)/);
  });
});
