import { describe, expect, it } from 'vitest';
import { blankOfferForm, offerFormSchema, offerFormSchemaFor } from './offer';
import { parseMessage } from './message';

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

describe('the offer form: how many months', () => {
  const plan = blankOfferForm({ structure: 'installments', months: '12', firstDueDate: '2026-12-20' });
  const monthsIssue = (schema: ReturnType<typeof offerFormSchemaFor>, months: string) => schema.safeParse({ ...plan, months }).error?.issues.find((i) => i.path[0] === 'months')?.message;

  it('gives the limit of the person typing, as the hint does (the field said "1 to 60" under a hint of "1 to 36")', () => {
    const borrower = offerFormSchemaFor(36);
    for (const typed of ['0', '1.5', '37', '48', 'abc']) expect(parseMessage(monthsIssue(borrower, typed)!), typed).toEqual({ key: 'validation.between', params: { min: 1, max: 36 } });
    expect(monthsIssue(borrower, '36')).toBeUndefined();
    expect(monthsIssue(borrower, '１２')).toBeUndefined();
  });

  it('asks for a number when the field is empty, rather than for one in a range', () => {
    expect(monthsIssue(offerFormSchemaFor(36), '')).toBe('validation.required');
    expect(monthsIssue(offerFormSchemaFor(36), '  ')).toBe('validation.required');
  });
});
