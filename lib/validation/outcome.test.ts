import { describe, expect, it } from 'vitest';
import { closeCaseSchema } from './outcome';

const messagesOf = (input: Parameters<typeof closeCaseSchema.safeParse>[0]) => {
  const result = closeCaseSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`);
};

describe('closing a case: the amounts as typed', () => {
  it('reads yuan as typed into fen, and drops amounts the outcome does not carry', () => {
    expect(closeCaseSchema.parse({ outcome: 'partial_settlement', amountRecovered: '1,234.5', amountWaived: '２００', amountClaimed: '9' })).toEqual({
      outcome: 'partial_settlement',
      amountRecovered: 123_450,
      amountWaived: 20_000,
      amountClaimed: undefined,
      note: undefined,
    });
  });

  it('refuses a sign, an unreadable amount and one above ¥100 million, each by its own message', () => {
    expect(messagesOf({ outcome: 'paid_in_full', amountRecovered: '-5' })).toEqual(['amountRecovered:validation.amountNegative']);
    expect(messagesOf({ outcome: 'paid_in_full', amountRecovered: '－5' })).toEqual(['amountRecovered:validation.amountNegative']);
    expect(messagesOf({ outcome: 'paid_in_full', amountRecovered: '12abc' })).toEqual(['amountRecovered:validation.amount']);
    expect(messagesOf({ outcome: 'escalated_to_litigation', amountClaimed: '100000000.01' })).toEqual(['amountClaimed:validation.amountTooLarge']);
    expect(closeCaseSchema.parse({ outcome: 'escalated_to_litigation', amountClaimed: '100000000' }).amountClaimed).toBe(100_000_000_00);
  });

  it('asks for an amount the outcome needs, and refuses zero there', () => {
    expect(messagesOf({ outcome: 'paid_in_full', amountRecovered: '  ' })).toEqual(['amountRecovered:validation.required']);
    expect(messagesOf({ outcome: 'paid_in_full', amountRecovered: '0' })).toEqual(['amountRecovered:validation.amountPositive']);
  });
});
