import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { borrowers, cases, contactRecords, creditors, notifications, storedFiles } from '@/db/schema';
import { publicUrl } from '@/lib/env';
import { verifySealedPdf } from '@/lib/pdf/verify-seal';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { databaseWithDataDir } from '@/lib/testing/integration';
import type { Ctx } from '../actor';
import { decideNotice } from './decide-notice';
import { listNotices, readNoticeFile } from './list-notices';
import { prepareNotice } from './prepare-notice';

const test = databaseWithDataDir('concord-notices-');

const meta = { ip: '203.0.113.41', userAgent: 'vitest' };
const DAY = 86_400_000;
/** 11:00 in Beijing on 1 Dec 2026: inside the contact hours. */
const morning = new Date('2026-12-01T03:00:00Z');

async function openCase() {
  const creditor = await makeCreditor(test.db);
  const mediator = await makeStaff(test.db, creditor.id, 'mediator');
  const supervisor = await makeStaff(test.db, creditor.id, 'supervisor');
  const borrower = await makeBorrower(test.db, { fullName: '周通知' });
  const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id, mediator.id);
  await test.db.update(cases).set({ openedAt: new Date(morning.getTime() - 10 * DAY) }).where(eq(cases.id, kase.id));
  const staff = (who: typeof mediator): Ctx => ({ actor: { type: 'staff', id: who.id, role: who.role, creditorId: creditor.id }, meta });
  return { creditor, mediator, supervisor, borrower, kase, staff, borrowerCtx: { actor: { type: 'borrower' as const, id: borrower.id }, meta } };
}

const pdfText = test.pdfText;

describe('pre-litigation notices', () => {
  it('sends the collection letter at once: sealed, stating the enforceable amount, rights and mediator, recorded as a contact, shown to the borrower', async () => {
    const s = await openCase();
    const sent = await prepareNotice(s.staff(s.mediator), s.kase.id, { kind: 'collection_letter', channel: 'letter' }, morning);
    expect(sent.status).toBe('sent');
    const file = await readNoticeFile(s.borrowerCtx, sent.noticeId);
    expect(file.sha256).toBe(sent.sha256);
    const seal = verifySealedPdf(file.bytes);
    expect(seal.intact && seal.coversWholeFile).toBe(true);
    const { notices: mine } = await listNotices(s.borrowerCtx.actor, s.kase.id);
    expect(mine).toHaveLength(1);
    const text = pdfText(file.bytes);
    for (const needle of ['催收函', 'Collectionletter', '可依法主张的结清金额', '您的权利', s.mediator.name, s.kase.caseNo, '周通知']) expect(text, needle).toContain(needle);
    expect(text).toContain(`¥${(mine[0]!.enforceableAmount / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`);
    const [contact] = await test.db.select().from(contactRecords).where(eq(contactRecords.caseId, s.kase.id));
    expect(contact).toMatchObject({ channel: 'letter', outcome: 'attempted' });
    expect(contact!.note).toContain(sent.sha256);
    const messages = await test.db.select().from(notifications).where(and(eq(notifications.caseId, s.kase.id), eq(notifications.template, 'noticeIssued')));
    expect(messages.map((m) => m.channel)).toEqual(['in_app']);
    // A link the borrower can follow from the message: the portal's full address, not a path.
    expect(messages[0]!.body).toContain(`：${publicUrl(`/cases/${s.kase.id}`)}。`);
    expect(messages[0]!.body).toMatch(/^【协和调解】您的案件 \S+ 有一份催收函，请登录查看：https?:\/\//);
    // In English, the notice is named in lower case inside the sentence, as on the borrower's page.
    const english = await openCase();
    await test.db.update(borrowers).set({ locale: 'en' }).where(eq(borrowers.id, english.borrower.id));
    await prepareNotice(english.staff(english.mediator), english.kase.id, { kind: 'collection_letter', channel: 'in_app' }, morning);
    const [inEnglish] = await test.db.select().from(notifications).where(and(eq(notifications.caseId, english.kase.id), eq(notifications.template, 'noticeIssued')));
    expect(inEnglish!.body).toContain(`There is a collection letter on your case ${english.kase.caseNo}; read it at ${publicUrl(`/cases/${english.kase.id}`)}.`);
    const [stored] = await test.db.select().from(storedFiles).where(eq(storedFiles.id, (await test.db.select().from(storedFiles).where(and(eq(storedFiles.caseId, s.kase.id), eq(storedFiles.kind, 'notice'))))[0]!.id));
    expect(stored!.sha256).toBe(sent.sha256);
  });

  it('follows the policy: the lawyer’s letter 15 days after, with counsel, approved by a supervisor; the suit notice last', async () => {
    const s = await openCase();
    const mediator = s.staff(s.mediator);
    const supervisor = s.staff(s.supervisor);
    await expect(prepareNotice(mediator, s.kase.id, { kind: 'intended_suit', channel: 'letter' }, morning)).rejects.toMatchObject({ message: 'validation.notice.outOfOrder' });
    const letter = await prepareNotice(mediator, s.kase.id, { kind: 'collection_letter', channel: 'in_app' }, morning);
    expect(letter.status).toBe('sent');
    await expect(prepareNotice(mediator, s.kase.id, { kind: 'lawyers_letter', channel: 'letter' }, new Date(morning.getTime() + 14 * DAY))).rejects.toMatchObject({ message: 'validation.notice.tooSoon', params: { earliest: '2026-12-16 11:00' } });
    const later = new Date(morning.getTime() + 15 * DAY);
    await expect(prepareNotice(mediator, s.kase.id, { kind: 'lawyers_letter', channel: 'letter' }, later)).rejects.toMatchObject({ message: 'validation.notice.noCounsel' });
    await test.db.update(creditors).set({ litigation: { counsel: { firm: '浙江明理律师事务所', lawyer: '陈律', phone: '0571-88880000', address: '杭州市' } } }).where(eq(creditors.id, s.creditor.id));
    const waiting = await prepareNotice(mediator, s.kase.id, { kind: 'lawyers_letter', channel: 'letter' }, later);
    expect(waiting.status).toBe('pending_approval');
    // Nothing goes to the borrower, nor to the contact record, before the approval.
    expect((await listNotices(s.borrowerCtx.actor, s.kase.id)).notices).toHaveLength(1);
    expect(await test.db.select().from(contactRecords).where(and(eq(contactRecords.caseId, s.kase.id), eq(contactRecords.channel, 'letter')))).toHaveLength(0);
    await expect(decideNotice(mediator, waiting.noticeId, { decision: 'approve' }, later)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(prepareNotice(mediator, s.kase.id, { kind: 'intended_suit', channel: 'letter' }, new Date(later.getTime() + 30 * DAY))).rejects.toMatchObject({ message: 'validation.notice.awaitingApproval' });
    // Approved at 23:00 in Beijing: the letter is held back by the contact hours, and recorded as blocked.
    const night = new Date('2026-12-16T15:00:00Z');
    expect(await decideNotice(supervisor, waiting.noticeId, { decision: 'approve' }, night)).toEqual({ status: 'blocked' });
    const [blocked] = await test.db.select().from(contactRecords).where(and(eq(contactRecords.caseId, s.kase.id), eq(contactRecords.channel, 'letter')));
    expect(blocked).toMatchObject({ channel: 'letter', outcome: 'blocked', blockedRule: 'contact.hours' });
    // It may go when the contact hours open: 08:00 the next morning, Beijing (the default window).
    expect((await listNotices(s.staff(s.mediator).actor, s.kase.id)).notices.find((n) => n.id === waiting.noticeId)).toMatchObject({ status: 'blocked', nextAllowedAt: '2026-12-17T00:00:00.000Z' });
    // The next morning the mediator sends it again; it goes.
    expect(await decideNotice(mediator, waiting.noticeId, { decision: 'approve' }, new Date('2026-12-17T02:00:00Z'))).toEqual({ status: 'sent' });
    const lawyers = await readNoticeFile(s.staff(s.supervisor), waiting.noticeId);
    const text = pdfText(lawyers.bytes);
    for (const needle of ['律师函', '浙江明理律师事务所', '陈律']) expect(text).toContain(needle);
    // The suit notice, prepared by the supervisor, is approved by preparing it.
    await expect(prepareNotice(supervisor, s.kase.id, { kind: 'intended_suit', channel: 'letter' }, new Date('2026-12-31T02:00:00Z'))).rejects.toMatchObject({ message: 'validation.notice.tooSoon' });
    const suit = await prepareNotice(supervisor, s.kase.id, { kind: 'intended_suit', channel: 'letter' }, new Date('2027-01-01T02:00:00Z'));
    expect(suit.status).toBe('sent');
    expect(pdfText((await readNoticeFile(s.borrowerCtx, suit.noticeId)).bytes)).toContain('起诉通知书');
    const staffView = await listNotices(s.staff(s.mediator).actor, s.kase.id);
    expect(staffView.notices.map((n) => [n.kind, n.status])).toEqual([
      ['collection_letter', 'sent'],
      ['lawyers_letter', 'sent'],
      ['intended_suit', 'sent'],
    ]);
    expect(staffView.next).toEqual({ kind: undefined, waiting: 'sequence_complete' });
  });

  it('keeps a rejected notice from the borrower and lets it be prepared again', async () => {
    const s = await openCase();
    await test.db.update(creditors).set({ litigation: { counsel: { firm: '律所', lawyer: '王律', phone: '1', address: '' } } }).where(eq(creditors.id, s.creditor.id));
    await prepareNotice(s.staff(s.mediator), s.kase.id, { kind: 'collection_letter', channel: 'letter' }, morning);
    const later = new Date(morning.getTime() + 16 * DAY);
    const first = await prepareNotice(s.staff(s.mediator), s.kase.id, { kind: 'lawyers_letter', channel: 'letter' }, later);
    await expect(decideNotice(s.staff(s.supervisor), first.noticeId, { decision: 'reject' }, later)).rejects.toMatchObject({ code: 'VALIDATION', field: 'note' });
    expect(await decideNotice(s.staff(s.supervisor), first.noticeId, { decision: 'reject', note: '金额需复核' }, later)).toEqual({ status: 'rejected' });
    await expect(readNoticeFile(s.borrowerCtx, first.noticeId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await prepareNotice(s.staff(s.mediator), s.kase.id, { kind: 'lawyers_letter', channel: 'letter' }, later)).status).toBe('pending_approval');
  });

  it('sends no notice while an agreement is being signed or performed, nor once the case ended; after a breach they go again', async () => {
    const s = await openCase();
    await test.db.update(creditors).set({ litigation: { counsel: { firm: '律所', lawyer: '王律', phone: '1', address: '' } } }).where(eq(creditors.id, s.creditor.id));
    await prepareNotice(s.staff(s.mediator), s.kase.id, { kind: 'collection_letter', channel: 'letter' }, morning);
    const later = new Date(morning.getTime() + 16 * DAY);
    const waiting = await prepareNotice(s.staff(s.mediator), s.kase.id, { kind: 'lawyers_letter', channel: 'letter' }, later);
    expect(waiting.status).toBe('pending_approval');
    const setState = (state: (typeof cases.$inferSelect)['state']) => test.db.update(cases).set({ state }).where(eq(cases.id, s.kase.id));
    // The borrower signs a plan while the lawyer's letter waits: it may not be approved, and nothing new may be prepared.
    for (const state of ['agreed', 'signed_by_borrower', 'plan_active', 'completed', 'closed'] as const) {
      await setState(state);
      await expect(decideNotice(s.staff(s.supervisor), waiting.noticeId, { decision: 'approve' }, later), state).rejects.toMatchObject({ code: 'CONFLICT', message: 'validation.notice.caseState' });
      await expect(prepareNotice(s.staff(s.supervisor), s.kase.id, { kind: 'intended_suit', channel: 'letter' }, later), state).rejects.toMatchObject({ code: 'CONFLICT', message: 'validation.notice.caseState' });
      expect((await listNotices(s.staff(s.mediator).actor, s.kase.id)).next, state).toEqual({ waiting: 'case_state' });
    }
    expect(await test.db.select().from(contactRecords).where(and(eq(contactRecords.caseId, s.kase.id), eq(contactRecords.channel, 'letter')))).toHaveLength(1);
    // The plan is breached: the waiting letter may now be approved, and it goes.
    await setState('breached');
    expect(await decideNotice(s.staff(s.supervisor), waiting.noticeId, { decision: 'approve' }, later)).toEqual({ status: 'sent' });
    expect((await listNotices(s.staff(s.mediator).actor, s.kase.id)).next).toMatchObject({ kind: 'intended_suit' });
  });
});
