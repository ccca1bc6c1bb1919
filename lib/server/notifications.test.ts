import { describe, expect, it } from 'vitest';
import { renderTemplate } from './notifications';

describe('messages as their readers get them', () => {
  it("tells the mediator the supervisor's decision in their language, all of it", () => {
    const staff = { recipientType: 'staff' as const, template: 'offerApprovalDecided' as const };
    expect(renderTemplate(staff, 'zh-CN', { caseNo: 'C-1', decision: 'approved', reason: '' }).body).toBe('您为案件 C-1 提交的方案已获批准。');
    expect(renderTemplate(staff, 'zh-CN', { caseNo: 'C-1', decision: 'amended', reason: '' }).body).toBe('您为案件 C-1 提交的方案经主管修改后已获批准。');
    expect(renderTemplate(staff, 'zh-CN', { caseNo: 'C-1', decision: 'rejected', reason: '减免过多' }).body).toBe('您为案件 C-1 提交的方案被驳回。减免过多');
    expect(renderTemplate(staff, 'en', { caseNo: 'C-1', decision: 'approved', reason: '' }).body).toBe('Your offer on case C-1 was approved. ');
  });

  it('writes an instant in the reader’s time zone and a day as the pages write it', () => {
    const borrower = { recipientType: 'borrower' as const, template: 'offerProposed' as const };
    // 2026-12-07 20:30 UTC is already the 8th in Beijing: the message must not say the 7th.
    const expires = new Date('2026-12-07T20:30:00Z');
    expect(renderTemplate(borrower, 'zh-CN', { caseNo: 'C-1', expires }, 'Asia/Shanghai').body).toContain('2026年12月8日 04:30');
    expect(renderTemplate(borrower, 'en', { caseNo: 'C-1', expires }, 'America/New_York').body).toContain('Dec 7, 2026, 3:30');
    const executed = { recipientType: 'borrower' as const, template: 'agreementExecuted' as const };
    expect(renderTemplate(executed, 'zh-CN', { agreementNo: 'A-1', firstDue: { day: '2026-12-15' } }).body).toContain('首期还款日：2026年12月15日');
  });
});
