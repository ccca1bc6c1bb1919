import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, cases, hardshipStatements, notifications, offers, storedFiles } from '@/db/schema';
import { evidenceLimits } from '@/lib/domain/file-type';
import { rateLimits } from '@/lib/domain/rate-limit';
import { encodePng } from '@/lib/pdf/png';
import { pdfOfSize } from '@/lib/testing/evidence-factory';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { makeExecutedPlan } from '@/lib/testing/plans';
import { inOneWindow } from '@/lib/testing/rate-window';
import type { Ctx } from '../actor';
import { readStoredFile } from '../files/read-file';
import { listEvidence, removeEvidence, uploadEvidence } from './evidence';
import { getHardshipStatements } from './get-hardship';
import { saveHardshipStep } from './save-hardship-step';
import { submitHardship } from './submit-hardship';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const meta = { ip: '127.0.0.1', userAgent: 'vitest' };
const asBorrower = (id: string): Ctx => ({ actor: { type: 'borrower', id }, meta });

const household = { adults: '2', childrenUnder6: '1', children6to17: '0', otherDependants: '0', housing: 'rent', employment: 'unemployed' };
const income = { income: { wages: '', business: '', pension: '', benefits: '1,200.50', familySupport: '８００', otherIncome: '' } };
const costs = {
  fixedCosts: { housing: '1500', utilities: '300', transport: '200', education: '', medical: '400', insurance: '', otherFixed: '' },
  flexibleCosts: { food: '2000', communications: '100', personal: '200', otherFlexible: '' },
  explanations: {},
};
const debts = { debts: [{ lender: '某信用卡', monthlyPayment: '300', priority: false }, { lender: '房租欠款', monthlyPayment: '100', priority: true }] };
const reason = { reason: { category: 'job_loss', since: '2026-05-01', duration: 'temporary', details: '工厂裁员，正在找工作。' } };

const pdf = pdfOfSize(121);
const png = encodePng(4, 4, 3, new Uint8Array(4 * 4 * 3).fill(200));

async function setup() {
  const creditor = await makeCreditor(test.db);
  const mediator = await makeStaff(test.db, creditor.id);
  const borrower = await makeBorrower(test.db);
  const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id, mediator.id);
  return { creditor, mediator, borrower, kase, ctx: asBorrower(borrower.id) };
}

async function fillAll(ctx: Ctx, caseId: string) {
  let rowVersion: number | null = null;
  for (const [step, values] of [['household', household], ['income', income], ['costs', costs], ['debts', debts], ['reason', reason]] as const) {
    ({ rowVersion } = await saveHardshipStep(ctx, { caseId, step, values, rowVersion }));
  }
  return rowVersion!;
}

describe('the hardship statement', () => {
  it('written while a plan runs, reaches the mediator without offers the borrower could not take', async () => {
    const plan = await makeExecutedPlan(test.db, { fullName: '计划中困难' });
    const ctx = asBorrower(plan.borrower.id);
    const before = await test.db.select({ id: offers.id }).from(offers).where(eq(offers.caseId, plan.kase.id));
    const proposed = async () => (await test.db.select({ template: notifications.template }).from(notifications).where(eq(notifications.caseId, plan.kase.id))).filter((n) => n.template === 'offerProposed').length;
    const proposedBefore = await proposed();
    const rowVersion = await fillAll(ctx, plan.kase.id);
    await submitHardship(ctx, { caseId: plan.kase.id, rowVersion });
    const [kase] = await test.db.select({ state: cases.state }).from(cases).where(eq(cases.id, plan.kase.id));
    expect(kase!.state).toBe('plan_active');
    expect(await test.db.select({ id: offers.id }).from(offers).where(eq(offers.caseId, plan.kase.id))).toHaveLength(before.length);
    expect((await getHardshipStatements(ctx.actor, plan.kase.id)).statements.map((st) => st.status)).toContain('submitted');
    const told = await test.db.select({ template: notifications.template }).from(notifications).where(eq(notifications.caseId, plan.kase.id));
    expect(told.map((n) => n.template)).toContain('hardshipSubmitted');
    expect(await proposed()).toBe(proposedBefore);
  });

  it('saves each step on the server, parsing amounts typed in any common way, and resumes', async () => {
    const { kase, ctx } = await setup();
    const first = await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    await saveHardshipStep(ctx, { caseId: kase.id, step: 'income', values: income, rowVersion: first.rowVersion });
    const { statements } = await getHardshipStatements(ctx.actor, kase.id);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ status: 'draft', step: 2, data: { household: { adults: 2, childrenUnder6: 1, housing: 'rent' }, income: { benefits: 120_050, familySupport: 80_000, wages: 0 } } });
  });

  it('refuses a stale save instead of overwriting what another device saved', async () => {
    const { kase, ctx } = await setup();
    const first = await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    await saveHardshipStep(ctx, { caseId: kase.id, step: 'income', values: income, rowVersion: first.rowVersion });
    await expect(saveHardshipStep(ctx, { caseId: kase.id, step: 'income', values: income, rowVersion: first.rowVersion })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses impossible values with a reason per field', async () => {
    const { kase, ctx } = await setup();
    const bad = saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: { ...household, adults: '0', housing: 'castle' }, rowVersion: null });
    await expect(bad).rejects.toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ path: ['adults'], message: 'validation.adultsMin{"min":1,"max":20}' }), expect.objectContaining({ path: ['housing'], message: 'validation.choose' })]) });
    const { rowVersion } = await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    await expect(saveHardshipStep(ctx, { caseId: kase.id, step: 'income', values: { income: { ...income.income, wages: '-500' } }, rowVersion })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['income', 'wages'], message: 'validation.amountNegative' })],
    });
    const future = { reason: { ...reason.reason, since: '2999-01-01' } };
    await expect(saveHardshipStep(ctx, { caseId: kase.id, step: 'reason', values: future, rowVersion })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['reason', 'since'], message: 'validation.dateFuture' })],
    });
  });

  it('keeps what is being typed on a step, without touching the draft’s version, until the step is saved', async () => {
    const { saveHardshipTyping } = await import('./save-hardship-typing');
    const { getHardshipStatements } = await import('./get-hardship');
    const { kase, ctx } = await setup();
    // The first keystrokes open the draft; the step's save then finds the same version it knows.
    const typed = await saveHardshipTyping(ctx, { caseId: kase.id, step: 'household', values: { ...household, adults: '2' } });
    expect(typed.rowVersion).toBe(1);
    expect((await getHardshipStatements(ctx.actor, kase.id)).statements[0]!.typing).toMatchObject({ step: 'household', values: { adults: '2' } });
    await saveHardshipTyping(ctx, { caseId: kase.id, step: 'household', values: { ...household, adults: '3' } });
    const { rowVersion } = await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: { ...household, adults: '3' }, rowVersion: typed.rowVersion });
    expect(rowVersion).toBe(2);
    const [draft] = (await getHardshipStatements(ctx.actor, kase.id)).statements;
    expect(draft!.typing).toBeNull();
    expect(draft!.data.household?.adults).toBe(3);
    // Typing is text as typed, small: anything else is refused.
    await expect(saveHardshipTyping(ctx, { caseId: kase.id, step: 'income', values: { income: { wages: 'x'.repeat(3000) } } })).rejects.toHaveProperty('issues');
    const stranger = { ...ctx, actor: { type: 'borrower' as const, id: crypto.randomUUID() } };
    await expect(saveHardshipTyping(stranger, { caseId: kase.id, step: 'income', values: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('asks for an explanation of spending far above the benchmark instead of refusing it', async () => {
    const { kase, ctx } = await setup();
    const { rowVersion } = await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    const lavish = { ...costs, flexibleCosts: { ...costs.flexibleCosts, food: '20000' } };
    await expect(saveHardshipStep(ctx, { caseId: kase.id, step: 'costs', values: lavish, rowVersion })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['explanations', 'food'], message: 'validation.explainSpending' })],
    });
    const saved = await saveHardshipStep(ctx, { caseId: kase.id, step: 'costs', values: { ...lavish, explanations: { food: '孩子需要特殊饮食' } }, rowVersion });
    // Saved as the third step reached, over the version the form held; the amount and its explanation kept.
    expect(saved).toEqual({ rowVersion: rowVersion + 1, step: 3 });
    const { statements } = await getHardshipStatements(ctx.actor, kase.id);
    expect(statements[0]).toMatchObject({ status: 'draft', step: 3, data: { costs: { flexibleCosts: { food: 2_000_000 }, explanations: { food: '孩子需要特殊饮食' } } } });
  });

  it('submits: read-only, disposable income computed (negative is fine), case moved, mediator notified, audited', async () => {
    const { kase, ctx, mediator } = await setup();
    const rowVersion = await fillAll(ctx, kase.id);
    const result = await submitHardship(ctx, { caseId: kase.id, rowVersion });
    // income 1200.50 + 800 = 2000.50; fixed 2400; flexible 2300; priority debt 100 → 2000.50 − 4800 = −2799.50
    expect(result.disposableIncome).toBe(-279_950);
    const [caseRow] = await test.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(caseRow!.state).toBe('hardship_submitted');
    const [mail] = await test.db.select().from(notifications).where(eq(notifications.toAddress, mediator.email));
    expect(mail!.body).toContain(kase.caseNo);
    const actions = (await test.db.select().from(auditEvents).where(eq(auditEvents.entityId, result.statementId))).map((a) => a.action);
    expect(actions).toContain('hardship.submitted');
    await expect(submitHardship(ctx, { caseId: kase.id, rowVersion })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to submit an incomplete statement', async () => {
    const { kase, ctx } = await setup();
    const { rowVersion } = await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    await expect(submitHardship(ctx, { caseId: kase.id, rowVersion })).rejects.toMatchObject({ code: 'STATEMENT_INCOMPLETE' });
  });

  it('an update keeps the earlier version and starts from its answers', async () => {
    const { kase, ctx, mediator, creditor } = await setup();
    await submitHardship(ctx, { caseId: kase.id, rowVersion: await fillAll(ctx, kase.id) });
    const update = await saveHardshipStep(ctx, { caseId: kase.id, step: 'income', values: { income: { ...income.income, wages: '3000' } }, rowVersion: null });
    await submitHardship(ctx, { caseId: kase.id, rowVersion: update.rowVersion });
    const staff = { type: 'staff' as const, id: mediator.id, role: 'mediator' as const, creditorId: creditor.id };
    const { statements } = await getHardshipStatements(staff, kase.id);
    expect(statements.map((s) => [s.version, s.status])).toEqual([[2, 'submitted'], [1, 'superseded']]);
    expect(statements[0]!.data.reason).toEqual(statements[1]!.data.reason);
    expect(statements[0]!.affordability!.totalIncome - statements[1]!.affordability!.totalIncome).toBe(300_000);
  });
});

describe('evidence uploads', () => {
  it('stores PDF, JPEG or PNG with its SHA-256, lets the borrower remove it before submitting, and staff open it', async () => {
    const { kase, ctx, mediator, creditor } = await setup();
    await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    const uploaded = await uploadEvidence(ctx, { caseId: kase.id, filename: '诊断证明.pdf', bytes: pdf });
    expect(uploaded).toMatchObject({ contentType: 'application/pdf', size: pdf.length });
    expect(uploaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    const second = await uploadEvidence(ctx, { caseId: kase.id, filename: 'letter.png', bytes: png });
    await removeEvidence(ctx, { caseId: kase.id, fileId: second.id });
    const [draft] = await test.db.select().from(hardshipStatements).where(eq(hardshipStatements.caseId, kase.id));
    expect((await listEvidence(test.db, [draft!.id])).get(draft!.id)!.map((e) => e.id)).toEqual([uploaded.id]);
    const staffCtx: Ctx = { actor: { type: 'staff', id: mediator.id, role: 'mediator', creditorId: creditor.id }, meta };
    const file = await readStoredFile(staffCtx, uploaded.id);
    expect(Buffer.compare(file.bytes, pdf)).toBe(0);
  });

  it('refuses a file that is too large, of another type, or renamed — and leaves nothing behind', async () => {
    const { kase, ctx } = await setup();
    await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    await expect(uploadEvidence(ctx, { caseId: kase.id, filename: 'big.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]) })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    await expect(uploadEvidence(ctx, { caseId: kase.id, filename: 'notes.pdf', bytes: Buffer.from('just text') })).rejects.toMatchObject({ code: 'FILE_TYPE' });
    await expect(uploadEvidence(ctx, { caseId: kase.id, filename: 'photo.jpg', bytes: pdf })).rejects.toMatchObject({ code: 'FILE_RENAMED' });
    // Cut short: a PDF whose download stopped, a PNG of its header alone or missing its end.
    await expect(uploadEvidence(ctx, { caseId: kase.id, filename: 'half.pdf', bytes: pdf.subarray(0, 60) })).rejects.toMatchObject({ code: 'FILE_INCOMPLETE', field: 'file' });
    await expect(uploadEvidence(ctx, { caseId: kase.id, filename: 'header.png', bytes: png.subarray(0, 8) })).rejects.toMatchObject({ code: 'FILE_INCOMPLETE' });
    await expect(uploadEvidence(ctx, { caseId: kase.id, filename: 'cut.png', bytes: png.subarray(0, png.length - 12) })).rejects.toMatchObject({ code: 'FILE_INCOMPLETE' });
    expect(await test.db.select().from(storedFiles).where(eq(storedFiles.caseId, kase.id))).toHaveLength(0);
  });

  it('accepts exactly the stated limit (10 MB) and refuses one byte more', async () => {
    const { kase, ctx } = await setup();
    await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    const atLimit = pdfOfSize(evidenceLimits.maxBytes);
    expect(atLimit.length).toBe(10_485_760);
    await expect(uploadEvidence(ctx, { caseId: kase.id, filename: 'scan.pdf', bytes: atLimit })).resolves.toMatchObject({ size: 10_485_760 });
    await expect(uploadEvidence(ctx, { caseId: kase.id, filename: 'scan.pdf', bytes: Buffer.concat([atLimit, Buffer.from(' ')]) })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', params: { max: 10 } });
  });

  it('keeps and serves a file under a safe name ending in its real type, as an attachment', async () => {
    const { kase, ctx } = await setup();
    await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    const names: [string, string][] = [
      ['statement.hta', 'statement.pdf'],
      ['page.html', 'page.pdf'],
      ['invoice\u202Efdp.exe', 'invoicefdp.pdf'],
      ['bank\u0007 letter.pdf', 'bank letter.pdf'],
    ];
    for (const [given, kept] of names) {
      const uploaded = await uploadEvidence(ctx, { caseId: kase.id, filename: given, bytes: pdf });
      expect(uploaded.filename).toBe(kept);
      expect((await readStoredFile(ctx, uploaded.id)).filename).toBe(kept);
    }
    // A row stored before this rule is served under the rule all the same.
    const [old] = await test.db.insert(storedFiles).values({ kind: 'evidence', borrowerId: ctx.actor.id!, caseId: kase.id, filename: 'old\u202Etxt.exe', contentType: 'application/pdf', size: pdf.length, sha256: 'x', bytes: pdf, uploadedByType: 'borrower' }).returning();
    expect((await readStoredFile(ctx, old!.id)).filename).toBe('oldtxt.pdf');
  });

  it('counts downloads against the address they come from', async () => {
    const { kase, ctx } = await setup();
    await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    const uploaded = await uploadEvidence(ctx, { caseId: kase.id, filename: 'a.pdf', bytes: pdf });
    const from = (ip: string): Ctx => ({ ...ctx, meta: { ip } });
    await inOneWindow(rateLimits.downloadPerIp.windowSeconds, async (attempt) => {
      const [one, another] = attempt === 1 ? ['192.0.2.200', '192.0.2.201'] : ['192.0.2.202', '192.0.2.203'];
      for (let i = 0; i < rateLimits.downloadPerIp.limit; i++) await readStoredFile(from(one), uploaded.id);
      await expect(readStoredFile(from(one), uploaded.id)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      await expect(readStoredFile(from(another), uploaded.id)).resolves.toHaveProperty('bytes');
    });
  });

  it('accepts at most ten files', async () => {
    const { kase, ctx } = await setup();
    await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: household, rowVersion: null });
    for (let i = 0; i < 10; i++) await uploadEvidence(ctx, { caseId: kase.id, filename: `f${i}.png`, bytes: png });
    await expect(uploadEvidence(ctx, { caseId: kase.id, filename: 'f11.png', bytes: png })).rejects.toMatchObject({ code: 'TOO_MANY_FILES' });
  });
});

describe("another borrower's case, statement or files", () => {
  it('are "not found" through every service, whatever id is passed', async () => {
    const owner = await setup();
    await saveHardshipStep(owner.ctx, { caseId: owner.kase.id, step: 'household', values: household, rowVersion: null });
    const file = await uploadEvidence(owner.ctx, { caseId: owner.kase.id, filename: 'a.pdf', bytes: pdf });
    const intruder = asBorrower((await makeBorrower(test.db)).id);
    const notFound = { code: 'NOT_FOUND' };
    await expect(getHardshipStatements(intruder.actor, owner.kase.id)).rejects.toMatchObject(notFound);
    await expect(saveHardshipStep(intruder, { caseId: owner.kase.id, step: 'household', values: household, rowVersion: null })).rejects.toMatchObject(notFound);
    await expect(submitHardship(intruder, { caseId: owner.kase.id, rowVersion: 1 })).rejects.toMatchObject(notFound);
    await expect(uploadEvidence(intruder, { caseId: owner.kase.id, filename: 'x.pdf', bytes: pdf })).rejects.toMatchObject(notFound);
    await expect(removeEvidence(intruder, { caseId: owner.kase.id, fileId: file.id })).rejects.toMatchObject(notFound);
    await expect(readStoredFile(intruder, file.id)).rejects.toMatchObject(notFound);
    await expect(getHardshipStatements(intruder.actor, 'not-a-uuid')).rejects.toMatchObject(notFound);
    // Staff of another creditor are strangers too.
    const otherCreditor = await makeCreditor(test.db);
    const stranger = await makeStaff(test.db, otherCreditor.id);
    const strangerCtx: Ctx = { actor: { type: 'staff', id: stranger.id, role: 'mediator', creditorId: otherCreditor.id }, meta };
    await expect(getHardshipStatements(strangerCtx.actor, owner.kase.id)).rejects.toMatchObject(notFound);
    await expect(readStoredFile(strangerCtx, file.id)).rejects.toMatchObject(notFound);
  });
});
