import { describe, expect, it } from 'vitest';
import { checkTemplateText, fillPlaceholders } from './message-templates';

describe('a creditor’s wording of a message', () => {
  it('is filled placeholder by placeholder; one without a value stays as written', () => {
    expect(fillPlaceholders('案件 {caseNo} 第 { seq } 期，{unknown}', { caseNo: 'C-1', seq: 3 })).toBe('案件 C-1 第 3 期，{unknown}');
  });
  it('may use plain placeholders only, in every template, and an invitation must carry the code and the address', () => {
    expect(checkTemplateText('offerExpired', { subject: 'x', body: '{caseNo, select, other {y}}' }, ['caseNo'])).toEqual([{ field: 'body', key: 'plainOnly' }]);
    expect(checkTemplateText('invitationSms', { subject: 'x', body: 'Go to {url}' }, ['creditor', 'code', 'url'])).toEqual([{ field: 'body', key: 'missingPlaceholder', params: { names: '{code}' } }]);
    expect(checkTemplateText('invitationSms', { subject: 'x', body: '{code} {url} {arrears}' }, ['creditor', 'code', 'url'])[0]).toMatchObject({ key: 'unknownPlaceholder' });
  });
});
