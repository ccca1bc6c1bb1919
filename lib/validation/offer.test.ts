import { describe, expect, it } from 'vitest';
import { blankOfferForm, offerFormSchema } from './offer';

const form = blankOfferForm({ structure: 'settlement' });

describe('the offer form: relief in percent', () => {
  it('takes a percentage with or without its sign, full-width included', () => {
    for (const [typed, pct] of [['50', 50], ['50%', 50], ['12.5 %', 12.5], ['５０％', 50], ['100%', 100]] as const) {
      const parsed = offerFormSchema.safeParse({ ...form, penaltyWaivePct: typed });
      expect(parsed.success && parsed.data.relief?.penaltyWaivePct).toBe(pct);
    }
  });

  it('refuses what is not a percentage from 0 to 100, naming the field', () => {
    for (const typed of ['101%', '50%%', '%', '-5%', '12.345', 'half']) {
      const parsed = offerFormSchema.safeParse({ ...form, penaltyWaivePct: typed });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['penaltyWaivePct', 'validation.percent']]);
    }
  });
});
