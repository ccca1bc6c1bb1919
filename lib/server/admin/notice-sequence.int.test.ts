import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, cases, creditors } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { makeSentNotice } from '@/lib/testing/evidence-factory';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Ctx } from '../actor';
import { listNotices } from '../notices/list-notices';
import { getNoticeSequence, setNoticeSequence } from './notice-sequence';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

const meta = { ip: '203.0.113.6', userAgent: 'vitest' };
const as = (who: { id: string; role: 'admin' | 'mediator' | 'supervisor' }, creditorId: string | null): Ctx => ({ actor: { type: 'staff', id: who.id, role: who.role, creditorId }, meta });
type Row = { kind: string; included: boolean; days: string; approval: boolean };
const row = (kind: string, included: boolean, days: string, approval = kind !== 'collection_letter'): Row => ({ kind, included, days, approval });
/** Collection letter on opening day, no lawyer's letter, notice of suit 20 days after the letter. */
const letterThenSuit = [row('collection_letter', true, '0'), row('lawyers_letter', false, ''), row('intended_suit', true, '２０')];
const DAY = 86_400_000;

async function refusal(call: Promise<unknown>) {
  try {
    await call;
    return null;
  } catch (error) {
    const issues = (error as { issues?: { path: (string | number)[]; message: string }[] }).issues;
    if (!issues) return (error as { code: string }).code;
    // As the action reports them: the first refusal of each field.
    const fields: Record<string, string> = {};
    for (const i of issues) fields[i.path.join('.')] ??= i.message;
    return fields;
  }
}

describe("a creditor's notice sequence", () => {
  it('is set by its admin, the next notice of its cases follows it, and the change is audited before and after', async () => {
    const creditor = await makeCreditor(test.db);
    const admin = as(await makeStaff(test.db, creditor.id, 'admin'), creditor.id);
    const mediator = await makeStaff(test.db, creditor.id, 'mediator');
    const borrower = await makeBorrower(test.db);
    const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id, mediator.id);
    const opened = new Date(Date.now() - 40 * DAY);
    await test.db.update(cases).set({ openedAt: opened }).where(eq(cases.id, kase.id));
    const letterSent = new Date(Date.now() - 30 * DAY);
    await makeSentNotice(test.db, kase, mediator.id, 'collection_letter', letterSent);
    const staffView = () => listNotices({ type: 'staff', id: mediator.id, role: 'mediator', creditorId: creditor.id }, kase.id);

    // The default: the lawyer's letter 15 days after the collection letter.
    const { sequence: before, version } = await getNoticeSequence(admin.actor, creditor.id);
    expect(before.steps.map((s) => s.kind)).toEqual(['collection_letter', 'lawyers_letter', 'intended_suit']);
    expect((await staffView()).next).toMatchObject({ kind: 'lawyers_letter', earliest: new Date(letterSent.getTime() + 15 * DAY).toISOString() });

    const saved = await setNoticeSequence(admin, creditor.id, { rows: letterThenSuit }, version);
    // Full-width digits are read as digits; the collection letter's approval stays as ticked (not needed).
    expect(saved.sequence).toEqual({ steps: [{ kind: 'collection_letter', daysAfterPrevious: 0, approval: false }, { kind: 'intended_suit', daysAfterPrevious: 20, approval: true }] });
    expect(saved.version).not.toBe(version);
    expect((await staffView()).next).toMatchObject({ kind: 'intended_suit', approval: true, earliest: new Date(letterSent.getTime() + 20 * DAY).toISOString() });

    // The rest of the policy is untouched.
    const [stored] = await test.db.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, creditor.id));
    expect((stored!.policy as { noticeSequence: unknown }).noticeSequence).toEqual(saved.sequence);
    const trail = await test.db.select({ action: auditEvents.action, actorId: auditEvents.actorId, data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.entityId, creditor.id)).orderBy(asc(auditEvents.seq));
    const changes = trail.filter((e) => e.action === 'creditor.notice_sequence_changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ actorId: admin.actor.id, data: { before, after: saved.sequence } });

    // A form opened before that save is refused, not applied over it; saving the same again changes nothing.
    expect(await refusal(setNoticeSequence(admin, creditor.id, { rows: [row('collection_letter', true, '3')] }, version))).toBe('CONFLICT');
    await setNoticeSequence(admin, creditor.id, { rows: letterThenSuit }, saved.version);
    expect((await test.db.select().from(auditEvents).where(eq(auditEvents.action, 'creditor.notice_sequence_changed'))).filter((e) => e.entityId === creditor.id)).toHaveLength(1);
  });

  it('refuses what makes no legal sense, each refusal beside its field, and keeps the sequence it had', async () => {
    const creditor = await makeCreditor(test.db);
    const admin = as(await makeStaff(test.db, creditor.id, 'admin'), creditor.id);
    const { sequence, version } = await getNoticeSequence(admin.actor, creditor.id);
    const attempt = (rows: Row[]) => refusal(setNoticeSequence(admin, creditor.id, { rows }, version));
    // The notice of suit before the collection letter; counsel's letter before the collection letter.
    expect(await attempt([row('intended_suit', true, '0'), row('collection_letter', true, '5')])).toEqual({ 'rows.1.kind': 'validation.noticeSequence.order' });
    expect(await attempt([row('lawyers_letter', true, '0'), row('collection_letter', true, '5')])).toEqual({ 'rows.1.kind': 'validation.noticeSequence.order' });
    expect(await attempt([row('collection_letter', true, '0'), row('collection_letter', true, '5')])).toMatchObject({ 'rows.1.kind': 'validation.noticeSequence.twice' });
    // A lawyer's letter or a notice of suit without a supervisor.
    expect(await attempt([row('collection_letter', true, '0'), row('intended_suit', true, '5', false)])).toEqual({ 'rows.1.approval': 'validation.noticeSequence.approvalRequired' });
    // Days: negative, beyond half a year, not a number, missing — for a notice that is sent; a left-out one is not read.
    expect(await attempt([row('collection_letter', true, '-1'), row('lawyers_letter', true, '181'), row('intended_suit', true, 'soon')])).toEqual({
      'rows.0.days': 'validation.count{"min":0,"max":180}',
      'rows.1.days': 'validation.count{"min":0,"max":180}',
      'rows.2.days': 'validation.count{"min":0,"max":180}',
    });
    expect(await attempt([row('collection_letter', true, ''), row('lawyers_letter', false, 'x')])).toEqual({ 'rows.0.days': 'validation.required' });
    expect(await attempt([row('collection_letter', false, '0'), row('lawyers_letter', false, '0'), row('intended_suit', false, '0')])).toEqual({ rows: 'validation.noticeSequence.none' });
    // Not even the shape.
    expect(await attempt([{ kind: 'summons', included: true, days: '0', approval: true }])).toMatchObject({ 'rows.0.kind': expect.any(String) });
    expect((await getNoticeSequence(admin.actor, creditor.id)).sequence).toEqual(sequence);
  });

  it("is for admins, and only of that creditor's (or the centre's): supervisors approve notices, they do not set the rules", async () => {
    const creditor = await makeCreditor(test.db);
    const other = await makeCreditor(test.db);
    const { version } = await getNoticeSequence(as(await makeStaff(test.db, creditor.id, 'admin'), creditor.id).actor, creditor.id);
    const otherAdmin = as(await makeStaff(test.db, other.id, 'admin'), other.id);
    const supervisor = as(await makeStaff(test.db, creditor.id, 'supervisor'), creditor.id);
    const mediator = as(await makeStaff(test.db, creditor.id, 'mediator'), creditor.id);
    const centre = as(await makeStaff(test.db, null, 'admin'), null);
    expect(await refusal(setNoticeSequence(otherAdmin, creditor.id, { rows: letterThenSuit }, version))).toBe('NOT_FOUND');
    expect(await refusal(getNoticeSequence(otherAdmin.actor, creditor.id))).toBe('NOT_FOUND');
    expect(await refusal(setNoticeSequence(supervisor, creditor.id, { rows: letterThenSuit }, version))).toBe('FORBIDDEN');
    expect(await refusal(setNoticeSequence(mediator, creditor.id, { rows: letterThenSuit }, version))).toBe('FORBIDDEN');
    expect(await refusal(setNoticeSequence({ actor: { type: 'borrower', id: creditor.id }, meta }, creditor.id, { rows: letterThenSuit }, version))).toBe('FORBIDDEN');
    expect(await refusal(setNoticeSequence(otherAdmin, 'not-a-uuid', { rows: letterThenSuit }, version))).toBe('NOT_FOUND');
    // The centre's admin serves every creditor.
    expect((await setNoticeSequence(centre, creditor.id, { rows: letterThenSuit }, version)).sequence.steps).toHaveLength(2);
  });
});
