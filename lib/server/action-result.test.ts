import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actionError } from './action-result';
import { AppError } from './errors';

describe('what a failed action tells the form', () => {
  it('puts schema errors beside their fields, by message key', () => {
    const result = z.object({ phone: z.string().min(11, 'validation.phoneInvalid') }).safeParse({ phone: '1' });
    expect(actionError(result.error)).toEqual({ ok: false, fieldErrors: { phone: { key: 'validation.phoneInvalid' } } });
  });

  it('places a typed error beside its field, or on the form, with its values', () => {
    expect(actionError(new AppError('CODE_WRONG', { field: 'code', params: { remaining: 3 } }))).toEqual({ ok: false, fieldErrors: { code: { key: 'errors.CODE_WRONG', params: { remaining: 3 } } } });
    expect(actionError(new AppError('VALIDATION', { field: 'typedName', message: 'validation.nameMismatch' })).fieldErrors.typedName?.key).toBe('validation.nameMismatch');
  });

  it('passes the rules a refused offer breaks, with their values', () => {
    const violations = [{ rule: 'borrower.maxMonths', params: { max: 36 } }];
    const result = actionError(new AppError('OFFER_POLICY', { params: { rules: 'borrower.maxMonths' }, details: violations }));
    expect(result.formError).toEqual({ key: 'errors.OFFER_POLICY', params: { rules: 'borrower.maxMonths' }, violations });
  });

  it('never shows a database error to the user', () => {
    expect(actionError(new Error('relation "cases" does not exist'))).toEqual({ ok: false, fieldErrors: {}, formError: { key: 'errors.UNAVAILABLE' } });
  });
});
