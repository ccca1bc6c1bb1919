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

  it('an invitation never states an amount, however it is written; other templates may', () => {
    const allowed = ['creditor', 'code', 'url'];
    const body = (text: string) => `${text} 案件码 {code}，请打开 {url}`;
    for (const amount of ['¥5,000.00', '￥5000', '5000 元', '5,000.00元', '3万元', '５０００元', 'RMB 5000', '5000 CNY', 'owe 5000 yuan', '$50']) {
      expect(checkTemplateText('invitationSms', { subject: 'x', body: body(`您尚欠 ${amount}`) }, allowed), amount).toContainEqual({ field: 'body', key: 'amountWritten' });
      expect(checkTemplateText('invitationLetter', { subject: `欠款 ${amount}`, body: body('') }, allowed), amount).toContainEqual({ field: 'subject', key: 'amountWritten' });
    }
    // Numbers that are not money: a year, a phone number, a code.
    expect(checkTemplateText('invitationSms', { subject: '2026年调解邀请', body: body('客服 95500，工作日 9 点至 17 点') }, allowed)).toEqual([]);
    expect(checkTemplateText('caseMessage', { subject: 'x', body: '¥5,000.00' }, [])).toEqual([]);
  });
});
