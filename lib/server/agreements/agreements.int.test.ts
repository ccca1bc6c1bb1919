import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, auditEvents, borrowers, cases, hardshipStatements, loans, notifications, offers, planInstallments, signatures, staffUsers, storedFiles } from '@/db/schema';
import type { AgreementSnapshot } from '@/lib/domain/agreement';
import { addDays, addMonths, todayIn } from '@/lib/domain/dates';
import { checkOffer } from '@/lib/domain/offer-checks';
import { priceOffer } from '@/lib/domain/offer-pricing';
import { buildSchedule } from '@/lib/domain/schedule';
import { samplePng } from '@/lib/pdf/fixtures';
import { encodePng, inkOf } from '@/lib/pdf/png';
import { scheduleColumns } from '@/lib/domain/stored-schedule';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeSealAuthorisation, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Ctx } from '../actor';
import { authenticateStaff } from '../auth/authenticate-staff';
import { sessionIsLive } from '../auth/sessions';
import { acceptOffer } from '../offers/accept-offer';
import { loadOfferContext } from '../offers/offer-context';
import { proposeOffer } from '../offers/propose-offer';
import { requestSuggestions } from '../offers/suggest-offers';
import { countersign } from './countersign';
import { grantSealAuthorisation, listSealAuthorisations, revokeSealAuthorisation, sealAuthorisationInForce } from './seal-authorisation';
import { getCaseOverview } from '../cases/get-case-overview';
import { lapseIfFirstPaymentDue, lapseUnsignedAgreements } from './lapse-agreements';
import { ensureUnsignedDocument, getSigningView } from './prepare-document';
import { readAgreementFile } from './read-agreement-file';
import { requestSigningCode } from './request-signing-code';
import { signAsBorrower } from './sign-as-borrower';
import { verifyAgreementCode, verifyAgreementFile } from './verify-agreement';

let test: TestDatabase;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-sign-'));
beforeAll(async () => {
  process.env.DATA_DIR = dataDir; // the demo signing identity is generated here, not in the repository
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const meta = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (Linux; Android 13; Redmi 12C) Mobile' };
const hasPoppler = fs.existsSync('/usr/bin/pdfsig');

async function agreedCase(name = '赵龑') {
  const creditor = await makeCreditor(test.db);
  const mediator = await makeStaff(test.db, creditor.id, 'mediator', 'mediator password');
  const borrower = await makeBorrower(test.db, { fullName: name });
  const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id, mediator.id);
  const borrowerCtx: Ctx = { actor: { type: 'borrower', id: borrower.id }, meta };
  const { offerIds } = await requestSuggestions(borrowerCtx, kase.id);
  await acceptOffer(borrowerCtx, offerIds[0]);
  const [agreement] = await test.db.select().from(agreements).where(eq(agreements.caseId, kase.id));
  const mediatorCtx: Ctx = { actor: { type: 'staff', id: mediator.id, role: 'mediator', creditorId: creditor.id }, meta };
  return { kase, borrower, borrowerCtx, mediatorCtx, agreementId: agreement!.id };
}

async function codeFor(phone: string) {
  const [message] = await test.db.select().from(notifications).where(and(eq(notifications.toAddress, phone), eq(notifications.template, 'signCode'))).orderBy(desc(notifications.createdAt)).limit(1);
  return /\d{6}/.exec(message!.body)![0];
}

async function signed(s: Pick<Awaited<ReturnType<typeof agreedCase>>, 'borrowerCtx' | 'agreementId' | 'borrower'>) {
  await ensureUnsignedDocument(s.borrowerCtx, s.agreementId);
  await requestSigningCode(s.borrowerCtx, s.agreementId);
  return signAsBorrower(s.borrowerCtx, s.agreementId, { consent: true, code: await codeFor(s.borrower.phone), typedName: s.borrower.fullName });
}

const tmpPdf = (bytes: Buffer) => {
  const file = path.join(dataDir, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
};


/** A case agreed again on a mediator's counter whose first payment is tomorrow in Beijing (its first agreement voided). */
async function agreedFirstPaymentTomorrow(name: string) {
  const s = await agreedCase(name);
  await test.db.update(agreements).set({ status: 'void' }).where(eq(agreements.id, s.agreementId));
  await test.db.update(cases).set({ state: 'negotiating' }).where(eq(cases.id, s.kase.id));
  const tomorrow = addDays(todayIn('Asia/Shanghai'), 1);
  const { offerId } = await proposeOffer(s.mediatorCtx, { caseId: s.kase.id, terms: { installments: { months: 12, method: 'equal_installment', downPayment: 0, firstDueDate: tomorrow } } });
  await acceptOffer(s.borrowerCtx, offerId);
  const [agreement] = await test.db.select().from(agreements).where(and(eq(agreements.caseId, s.kase.id), eq(agreements.status, 'awaiting_borrower')));
  return { s, tomorrow, agreement };
}

describe('the repayment agreement', () => {
  it('is frozen at acceptance and its review copy is stored with its SHA-256 before anyone sees it', async () => {
    const s = await agreedCase();
    const view = await getSigningView(s.borrowerCtx, s.agreementId);
    expect(view.status).toBe('awaiting_borrower');
    const file = await readAgreementFile(s.borrowerCtx, s.agreementId, 'unsigned');
    expect(file.sha256).toBe(view.unsigned.sha256);
    expect(file.filename).toContain(s.kase.caseNo);
    // Asking again gives the same stored bytes, not a new rendering.
    expect((await ensureUnsignedDocument(s.borrowerCtx, s.agreementId)).sha256).toBe(view.unsigned.sha256);
  });

  it('is not signed once its first payment is due: no code is sent, and a code sent before signs nothing', async () => {
    const { s, tomorrow, agreement } = await agreedFirstPaymentTomorrow('钱迟签');
    await ensureUnsignedDocument(s.borrowerCtx, agreement!.id);
    await requestSigningCode(s.borrowerCtx, agreement!.id);
    const code = await codeFor(s.borrower.phone);
    // Tomorrow morning, the first payment is due: the code sent today signs nothing, and no new one is sent.
    const due = new Date(`${tomorrow}T09:00:00+08:00`);
    const refusal = { code: 'CONFLICT', message: 'validation.agreementFirstPaymentDue', params: { date: tomorrow } };
    await expect(signAsBorrower(s.borrowerCtx, agreement!.id, { consent: true, code, typedName: s.borrower.fullName }, undefined, due)).rejects.toMatchObject(refusal);
    await expect(requestSigningCode(s.borrowerCtx, agreement!.id, due)).rejects.toMatchObject(refusal);
    expect(await test.db.select().from(signatures).where(eq(signatures.agreementId, agreement!.id))).toEqual([]);
    // The day before, it does not lapse, and it signs.
    expect(await lapseIfFirstPaymentDue(agreement!.id)).toBe(false);
    await expect(signAsBorrower(s.borrowerCtx, agreement!.id, { consent: true, code, typedName: s.borrower.fullName })).resolves.toMatchObject({ alreadySigned: false });
  });

  it('lapses unsigned on its first payment day where the borrower lives: void, the case negotiates again, the borrower is told and chooses again', async () => {
    const { s, tomorrow, agreement } = await agreedFirstPaymentTomorrow('孙过期');
    const statusOf = async () => (await test.db.select({ status: agreements.status, lapsedAt: agreements.lapsedAt }).from(agreements).where(eq(agreements.id, agreement!.id)))[0]!;

    // Late in the evening before, in Beijing: nothing lapses.
    await lapseUnsignedAgreements(new Date(new Date(`${tomorrow}T00:00:00+08:00`).getTime() - 60_000));
    expect(await statusOf()).toMatchObject({ status: 'awaiting_borrower', lapsedAt: null });
    // A borrower who lives in Los Angeles is still on the day before at 09:00 in Beijing; in Beijing the day has come.
    const morning = new Date(`${tomorrow}T09:00:00+08:00`);
    await test.db.update(borrowers).set({ timezone: 'America/Los_Angeles' }).where(eq(borrowers.id, s.borrower.id));
    await lapseUnsignedAgreements(morning);
    expect(await statusOf()).toMatchObject({ status: 'awaiting_borrower', lapsedAt: null });
    await test.db.update(borrowers).set({ timezone: 'Asia/Shanghai' }).where(eq(borrowers.id, s.borrower.id));
    expect(await lapseUnsignedAgreements(morning)).toBeGreaterThanOrEqual(1);

    expect(await statusOf()).toEqual({ status: 'void', lapsedAt: morning });
    expect((await test.db.select({ state: cases.state }).from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('negotiating');
    const told = await test.db.select().from(notifications).where(and(eq(notifications.caseId, s.kase.id), eq(notifications.template, 'agreementLapsed')));
    expect(told.map((n) => n.channel).sort()).toEqual(['in_app', 'sms']);
    const [dayInWords] = told.map((n) => n.body);
    expect(dayInWords).toContain(agreement!.agreementNo);
    expect(dayInWords).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    const [audit] = await test.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, agreement!.id), eq(auditEvents.action, 'agreement.lapsed')));
    expect(audit!.data).toMatchObject({ caseId: s.kase.id, firstPaymentDue: tomorrow });
    // Once only: a second run and the page find nothing to lapse.
    await lapseUnsignedAgreements(morning);
    expect(await lapseIfFirstPaymentDue(agreement!.id, morning)).toBe(false);
    expect(await test.db.select().from(notifications).where(and(eq(notifications.caseId, s.kase.id), eq(notifications.template, 'agreementLapsed')))).toHaveLength(2);

    // The case page explains it; the borrower asks for plans again and accepts one, and the explanation goes.
    expect((await getCaseOverview(s.borrowerCtx.actor, s.kase.id)).lapsedAgreement).toEqual({ agreementNo: agreement!.agreementNo, firstPaymentDue: tomorrow });
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    await acceptOffer(s.borrowerCtx, offerIds[0]);
    const overview = await getCaseOverview(s.borrowerCtx.actor, s.kase.id);
    expect(overview).toMatchObject({ state: 'agreed', agreementStatus: 'awaiting_borrower', lapsedAgreement: null });
  });

  it('never lapses an agreement the borrower has signed', async () => {
    const s = await agreedCase('周已签');
    await signed(s);
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId));
    const first = (agreement!.snapshot as AgreementSnapshot).priced.schedule[0]!.dueDate;
    const afterFirst = new Date(`${addDays(first, 1)}T09:00:00+08:00`);
    await lapseUnsignedAgreements(afterFirst);
    expect(await lapseIfFirstPaymentDue(s.agreementId, afterFirst)).toBe(false);
    expect((await test.db.select({ status: agreements.status }).from(agreements).where(eq(agreements.id, s.agreementId)))[0]!.status).toBe('signed_by_borrower');
  });

  it('signs with consent, code and name: sealed, hashed, recorded, and pdfsig finds it valid', async () => {
    const s = await agreedCase();
    const result = await signed(s);
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId));
    expect(agreement).toMatchObject({ status: 'signed_by_borrower', borrowerSignedSha256: result.sha256 });
    const [signature] = await test.db.select().from(signatures).where(eq(signatures.agreementId, s.agreementId));
    expect(signature).toMatchObject({ signerType: 'borrower', ip: meta.ip, documentSha256Before: agreement!.unsignedSha256, documentSha256After: result.sha256 });
    expect(signature!.consentTextSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await test.db.select().from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('signed_by_borrower');
    const file = await readAgreementFile(s.borrowerCtx, s.agreementId, 'signed');
    expect(await verifyAgreementFile(meta, file.bytes)).toMatchObject({ verdict: 'authentic', agreementNo: agreement!.agreementNo, borrower: '赵*' });
    if (hasPoppler) {
      const output = spawnSync('/usr/bin/pdfsig', [tmpPdf(file.bytes)], { encoding: 'utf8' }).stdout;
      expect(output).toContain('Signature is Valid');
      expect(output).toContain('Total document signed');
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', tmpPdf(file.bytes), '-'], { encoding: 'utf8' });
      expect(text).toContain('赵龑');
      expect(text).toContain(agreement!.unsignedSha256!);
      expect(text).toContain(agreement!.verificationCode);
    }
  });

  it('a single flipped byte anywhere makes the copy "altered" for the page, the command and pdfsig', async () => {
    const s = await agreedCase();
    await signed(s);
    const { bytes } = await readAgreementFile(s.borrowerCtx, s.agreementId, 'signed');
    for (const position of [10, Math.floor(bytes.length / 2), bytes.length - 2]) {
      const altered = Buffer.from(bytes);
      altered[position] = altered[position]! ^ 0x01;
      expect(await verifyAgreementFile(meta, altered)).toMatchObject({ verdict: 'altered' });
      const file = tmpPdf(altered);
      const cli = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--import', './scripts/lib/server-only-shim.mjs', 'scripts/verify-agreement.ts', file], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: test.url } });
      expect(cli.status).not.toBe(0);
      if (hasPoppler) {
        const out = spawnSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' }).stdout;
        expect(out.includes('Total document signed') && out.includes('Signature is Valid')).toBe(false);
      }
    }
    const good = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--import', './scripts/lib/server-only-shim.mjs', 'scripts/verify-agreement.ts', tmpPdf(bytes)], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: test.url } });
    expect(good.status).toBe(0);
  });

  it('signing twice in parallel yields one signature', async () => {
    const s = await agreedCase();
    await ensureUnsignedDocument(s.borrowerCtx, s.agreementId);
    await requestSigningCode(s.borrowerCtx, s.agreementId);
    const code = await codeFor(s.borrower.phone);
    const input = { consent: true as const, code, typedName: s.borrower.fullName };
    const results = await Promise.all([signAsBorrower(s.borrowerCtx, s.agreementId, input), signAsBorrower(s.borrowerCtx, s.agreementId, input)]);
    expect(results.map((r) => r.alreadySigned).sort()).toEqual([false, true]);
    expect(results[0]!.sha256).toBe(results[1]!.sha256);
    expect(await test.db.select().from(signatures).where(eq(signatures.agreementId, s.agreementId))).toHaveLength(1);
    expect(await test.db.select().from(storedFiles).where(and(eq(storedFiles.ownerId, s.agreementId), eq(storedFiles.kind, 'agreement_signed')))).toHaveLength(1);
  });

  it('a failure after the PDF is built and before commit leaves no partial state', async () => {
    const s = await agreedCase();
    await ensureUnsignedDocument(s.borrowerCtx, s.agreementId);
    await requestSigningCode(s.borrowerCtx, s.agreementId);
    const code = await codeFor(s.borrower.phone);
    const crash = async () => {
      throw new Error('power cut while sealing');
    };
    await expect(signAsBorrower(s.borrowerCtx, s.agreementId, { consent: true, code, typedName: s.borrower.fullName }, { seal: crash })).rejects.toThrow('power cut');
    expect(await test.db.select().from(signatures).where(eq(signatures.agreementId, s.agreementId))).toHaveLength(0);
    expect(await test.db.select().from(storedFiles).where(and(eq(storedFiles.ownerId, s.agreementId), eq(storedFiles.kind, 'agreement_signed')))).toHaveLength(0);
    expect((await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId)))[0]!.status).toBe('awaiting_borrower');
    // The code was not used up by the failed attempt: signing works right after.
    await expect(signAsBorrower(s.borrowerCtx, s.agreementId, { consent: true, code, typedName: s.borrower.fullName })).resolves.toMatchObject({ alreadySigned: false });
  });

  it('refuses a wrong code, a name that does not match, missing consent, and a near-empty drawing', async () => {
    const s = await agreedCase('欧阳秀梅');
    await ensureUnsignedDocument(s.borrowerCtx, s.agreementId);
    await requestSigningCode(s.borrowerCtx, s.agreementId);
    const code = await codeFor(s.borrower.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(signAsBorrower(s.borrowerCtx, s.agreementId, { consent: true, code: wrong, typedName: '欧阳秀梅' })).rejects.toMatchObject({ code: 'CODE_WRONG', field: 'code' });
    await expect(signAsBorrower(s.borrowerCtx, s.agreementId, { consent: true, code, typedName: '欧阳秀' })).rejects.toMatchObject({ field: 'typedName' });
    await expect(signAsBorrower(s.borrowerCtx, s.agreementId, { consent: false as never, code, typedName: '欧阳秀梅' })).rejects.toHaveProperty('issues');
    const dot = { png: 'data:image/png;base64,iVBORw0KGgo=', points: 3, width: 4, height: 2 };
    await expect(signAsBorrower(s.borrowerCtx, s.agreementId, { consent: true, code, typedName: '欧阳秀梅', drawn: dot })).rejects.toMatchObject({ field: 'drawn' });
    // The page's counts are its own word: an image with no ink, or none at all, is refused whatever they claim.
    const claims = { points: 80, width: 200, height: 60 };
    const blank = `data:image/png;base64,${encodePng(240, 80, 4, new Uint8Array(240 * 80 * 4)).toString('base64')}`;
    await expect(signAsBorrower(s.borrowerCtx, s.agreementId, { consent: true, code, typedName: '欧阳秀梅', drawn: { png: blank, ...claims } })).rejects.toMatchObject({ field: 'drawn', message: 'validation.signatureEmpty' });
    for (const png of ['data:image/png;base64,', 'data:image/png;base64,aGVsbG8gdGhlcmU=', `data:image/png;base64,${Buffer.from(samplePng()).subarray(0, 60).toString('base64')}`]) {
      await expect(signAsBorrower(s.borrowerCtx, s.agreementId, { consent: true, code, typedName: '欧阳秀梅', drawn: { png, ...claims } }), png.slice(0, 40)).rejects.toMatchObject({ field: 'drawn', message: 'validation.signatureUnreadable' });
    }
    expect(await test.db.select().from(storedFiles).where(and(eq(storedFiles.ownerId, s.agreementId), eq(storedFiles.kind, 'signature_image')))).toHaveLength(0);
    // "欧阳 秀梅" with a space is the same name; the drawing kept is an image that reads.
    const drawn = { png: `data:image/png;base64,${Buffer.from(samplePng()).toString('base64')}`, ...claims };
    await expect(signAsBorrower(s.borrowerCtx, s.agreementId, { consent: true, code, typedName: '欧阳 秀梅', drawn })).resolves.toMatchObject({ alreadySigned: false });
    const [image] = await test.db.select().from(storedFiles).where(and(eq(storedFiles.ownerId, s.agreementId), eq(storedFiles.kind, 'signature_image')));
    expect(inkOf(image!.bytes)).toMatchObject(inkOf(samplePng())!);
  });

  it('the mediator signs as mediator and the creditor’s seal is applied under its standing authorisation: executed, sealed, the plan starts, every event in words on the certificate', async () => {
    const s = await agreedCase();
    await signed(s);
    // Without a standing authorisation nothing is signed: refused, saying why.
    await expect(countersign(s.mediatorCtx, s.agreementId, { password: 'mediator password' })).rejects.toMatchObject({ code: 'SEAL_NOT_AUTHORISED' });
    const authorisation = await makeSealAuthorisation(test.db, s.kase.creditorId, '法定代表人 陈立新');
    await expect(countersign(s.mediatorCtx, s.agreementId, { password: 'wrong' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    const result = await countersign(s.mediatorCtx, s.agreementId, { password: 'mediator password' });
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId));
    expect(agreement).toMatchObject({ status: 'executed', executedSha256: result.sha256 });
    expect((await test.db.select().from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('plan_active');
    expect((await test.db.select().from(planInstallments).where(eq(planInstallments.agreementId, s.agreementId))).length).toBeGreaterThan(1);
    // Three capacities on record: the borrower, the mediator (the staff member), the creditor (under the authorisation).
    const rows = await test.db.select().from(signatures).where(eq(signatures.agreementId, s.agreementId));
    expect(Object.fromEntries(rows.map((r) => [r.signerType, r.signerId]))).toEqual({ borrower: s.borrower.id, mediator: s.mediatorCtx.actor.id, creditor: authorisation.id });
    const audit = await test.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'agreement'), eq(auditEvents.entityId, s.agreementId)));
    expect(audit.find((e) => e.action === 'agreement.sealed_for_creditor')).toMatchObject({ actorType: 'system', data: expect.objectContaining({ authorisationId: authorisation.id }) });
    expect(audit.find((e) => e.action === 'agreement.signed_by_mediator')).toMatchObject({ actorType: 'staff', actorId: s.mediatorCtx.actor.id });
    const file = await readAgreementFile(s.mediatorCtx, s.agreementId, 'executed');
    expect(await verifyAgreementFile(meta, file.bytes)).toMatchObject({ verdict: 'authentic', version: 'executed' });
    expect(await verifyAgreementCode(meta, agreement!.verificationCode.toLowerCase().replace(/-/g, ' '))).toMatchObject({ verdict: 'code_found', status: 'executed' });
    if (hasPoppler) {
      expect(spawnSync('/usr/bin/pdfsig', [tmpPdf(file.bytes)], { encoding: 'utf8' }).stdout).toContain('Signature is Valid');
      const text = execFileSync('/usr/bin/pdftotext', [tmpPdf(file.bytes), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      // Each event in both languages (the columns of the certificate's table interleave in the extracted text).
      for (const event of ['方案被接受，协议生成', '待签署文件生成', '签署验证码已发送', '同意以电子方式签署', '验证码核验通过', '借款人签署/', '调解员签署/', '依授权加盖贷款机构电子签', 'Offeraccepted', 'Signingcodesent', "Creditor'ssealapplied"]) expect(text).toContain(event);
      expect(text).not.toMatch(/agreement\.[a-z_]+/);
      expect(text).toContain('中立调解员，不代表任何一方');
      expect(text).toContain('法定代表人陈立新');
      expect(text).toContain(meta.ip);
    }
    await expect(countersign(s.mediatorCtx, s.agreementId, { password: 'mediator password' })).resolves.toMatchObject({ alreadyExecuted: true });
  });

  it('nothing left over: a hardship pause is offered, flagged for review, and its agreement is countersigned only once the mediator has reviewed', async () => {
    const { recordReview } = await import('../cases/case-review');
    const creditor = await makeCreditor(test.db);
    const mediator = await makeStaff(test.db, creditor.id, 'mediator', 'mediator password');
    await makeSealAuthorisation(test.db, creditor.id);
    const borrower = await makeBorrower(test.db, { fullName: '韩梅' });
    const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id, mediator.id);
    await test.db.insert(hardshipStatements).values({ caseId: kase.id, borrowerId: borrower.id, version: 1, status: 'submitted', step: 7, data: {}, disposableIncome: -50_000, submittedAt: new Date() });
    const borrowerCtx: Ctx = { actor: { type: 'borrower', id: borrower.id }, meta };
    const mediatorCtx: Ctx = { actor: { type: 'staff', id: mediator.id, role: 'mediator', creditorId: creditor.id }, meta };
    const { offerIds } = await requestSuggestions(borrowerCtx, kase.id);
    const [pauseOffer] = await test.db.select().from(offers).where(eq(offers.id, offerIds[0]!));
    expect(pauseOffer!.terms).toMatchObject({ pause: { months: 3, interest: 'frozen' } });
    expect((await test.db.select().from(cases).where(eq(cases.id, kase.id)))[0]).toMatchObject({ reviewReason: 'hardship_pause', reviewedAt: null });
    expect(await test.db.select().from(notifications).where(and(eq(notifications.toAddress, mediator.email), eq(notifications.template, 'hardshipReview')))).toHaveLength(1);

    await acceptOffer(borrowerCtx, pauseOffer!.id);
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.caseId, kase.id));
    const s = { kase, borrower, borrowerCtx, mediatorCtx, agreementId: agreement!.id };
    await signed(s);
    await expect(countersign(mediatorCtx, agreement!.id, { password: 'mediator password' })).rejects.toMatchObject({ code: 'REVIEW_PENDING' });
    // Only the case's own mediator (or a supervisor) records the review; an admin reads.
    const colleague = await makeStaff(test.db, creditor.id, 'mediator');
    await expect(recordReview({ actor: { type: 'staff', id: colleague.id, role: 'mediator', creditorId: creditor.id }, meta }, kase.id, 'x')).rejects.toMatchObject({ code: 'NOT_ASSIGNED' });
    const admin = await makeStaff(test.db, creditor.id, 'admin');
    await expect(recordReview({ actor: { type: 'staff', id: admin.id, role: 'admin', creditorId: creditor.id }, meta }, kase.id, 'x')).rejects.toMatchObject({ code: 'READ_ONLY' });
    await recordReview(mediatorCtx, kase.id, '已核实失业证明，同意暂停');
    await expect(recordReview(mediatorCtx, kase.id, 'again')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(countersign(mediatorCtx, agreement!.id, { password: 'mediator password' })).resolves.toMatchObject({ alreadyExecuted: false });
    const plan = await test.db.select().from(planInstallments).where(eq(planInstallments.agreementId, agreement!.id));
    // Nothing falls due during the three months of the pause.
    expect(plan.every((row) => row.dueDate > (pauseOffer!.priced as { pause: { until: string } }).pause.until)).toBe(true);
  });

  it('counts wrong countersigning passwords with the sign-in lockout: the fifth locks the account and ends its sessions', async () => {
    const s = await agreedCase();
    await signed(s);
    const mediator = await authenticateStaff(meta, { email: (await test.db.select().from(staffUsers).where(eq(staffUsers.id, s.mediatorCtx.actor.id!)))[0]!.email, password: 'mediator password' });
    const ctx: Ctx = { actor: { ...(s.mediatorCtx.actor as Extract<Ctx['actor'], { type: 'staff' }>), sessionId: mediator.sessionId }, meta };
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) answers.push(await countersign(ctx, s.agreementId, { password: `guess ${i}` }).then(() => 'ok', (e: { code: string }) => e.code));
    expect(answers).toEqual(['CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'LOCKED', 'LOCKED', 'LOCKED', 'LOCKED']);
    // The session the guesses came through has ended; even the right password waits out the lock, at the form too.
    expect(await sessionIsLive(mediator.sessionId, mediator.id)).toBe(false);
    await expect(countersign(ctx, s.agreementId, { password: 'mediator password' })).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(authenticateStaff(meta, { email: mediator.email, password: 'mediator password' })).rejects.toMatchObject({ code: 'LOCKED' });
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId));
    expect(agreement!.status).toBe('signed_by_borrower');
  });

  it('the seal authorisation: granted and revoked by an admin who serves the creditor (its own, or the centre’s), audited, one in force at a time', async () => {
    const creditor = await makeCreditor(test.db);
    const other = await makeCreditor(test.db);
    const ownAdmin = await makeStaff(test.db, creditor.id, 'admin');
    const centreAdmin = await makeStaff(test.db, null, 'admin');
    const otherAdmin = await makeStaff(test.db, other.id, 'admin');
    const mediator = await makeStaff(test.db, creditor.id, 'mediator');
    const as = (staff: typeof ownAdmin): Ctx => ({ actor: { type: 'staff', id: staff.id, role: staff.role, creditorId: staff.creditorId }, meta });

    // Another creditor's admin, or a mediator, cannot touch it (not found: it says nothing of the creditor).
    await expect(grantSealAuthorisation(as(otherAdmin), { creditorId: creditor.id, signatory: '法定代表人 王五' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(grantSealAuthorisation(as(mediator), { creditorId: creditor.id, signatory: '法定代表人 王五' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(grantSealAuthorisation(as(ownAdmin), { creditorId: creditor.id, signatory: '  ' })).rejects.toMatchObject({ name: 'ZodError' });
    // One letter, or one and invisible characters, names no one.
    for (const signatory of ['X', '陈', '陈\u200b']) {
      await expect(grantSealAuthorisation(as(ownAdmin), { creditorId: creditor.id, signatory })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'validation.signatory' })] });
    }

    // The centre's admin (no creditor of their own) grants it for the creditor; its own admin sees it and revokes it.
    const { id } = await grantSealAuthorisation(as(centreAdmin), { creditorId: creditor.id, signatory: '法定代表人 陈立新' });
    await expect(grantSealAuthorisation(as(ownAdmin), { creditorId: creditor.id, signatory: '另一位' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await sealAuthorisationInForce(test.db, creditor.id))!.id).toBe(id);
    const [mine] = await listSealAuthorisations(as(ownAdmin).actor).then((list) => list.filter((c) => c.creditorId === creditor.id));
    expect(mine).toMatchObject({ creditorName: creditor.name, inForce: { id, signatory: '法定代表人 陈立新', grantedBy: centreAdmin.name } });
    expect((await listSealAuthorisations(as(ownAdmin).actor)).map((c) => c.creditorId)).toEqual([creditor.id]);
    expect((await listSealAuthorisations(as(centreAdmin).actor)).map((c) => c.creditorId)).toEqual(expect.arrayContaining([creditor.id, other.id]));
    await expect(revokeSealAuthorisation(as(otherAdmin), { creditorId: creditor.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await revokeSealAuthorisation(as(ownAdmin), { creditorId: creditor.id });
    await expect(revokeSealAuthorisation(as(ownAdmin), { creditorId: creditor.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await sealAuthorisationInForce(test.db, creditor.id)).toBeNull();
    const [after] = await listSealAuthorisations(as(ownAdmin).actor);
    expect(after).toMatchObject({ inForce: null, history: [{ id, revokedBy: ownAdmin.name }] });
    const audit = await test.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'creditor'), eq(auditEvents.entityId, creditor.id)));
    expect(audit.map((e) => [e.action, e.actorId])).toEqual(
      expect.arrayContaining([
        ['creditor.seal_authorised', centreAdmin.id],
        ['creditor.seal_revoked', ownAdmin.id],
      ]),
    );
  });

  it('is not found for anyone else', async () => {
    const s = await agreedCase();
    const stranger: Ctx = { actor: { type: 'borrower', id: (await makeBorrower(test.db)).id }, meta };
    const notFound = { code: 'NOT_FOUND' };
    await expect(getSigningView(stranger, s.agreementId)).rejects.toMatchObject(notFound);
    await expect(readAgreementFile(stranger, s.agreementId, 'unsigned')).rejects.toMatchObject(notFound);
    await expect(requestSigningCode(stranger, s.agreementId)).rejects.toMatchObject(notFound);
    await expect(signAsBorrower(stranger, s.agreementId, { consent: true, code: '123456', typedName: 'x' })).rejects.toMatchObject(notFound);
    const otherCreditor = await makeCreditor(test.db);
    const foreign: Ctx = { actor: { type: 'staff', id: (await makeStaff(test.db, otherCreditor.id)).id, role: 'mediator', creditorId: otherCreditor.id }, meta };
    await expect(countersign(foreign, s.agreementId, { password: 'x' })).rejects.toMatchObject(notFound);
    await expect(readAgreementFile(foreign, s.agreementId, 'unsigned')).rejects.toMatchObject(notFound);
    expect(await verifyAgreementCode(meta, 'AAAA-BBBB-CC')).toEqual({ verdict: 'not_found' });
  });
});

describe('corrections', () => {
  it('leave signed documents untouched: a correction supersedes the agreement and the next one names it', async () => {
    const { sql } = await import('drizzle-orm');
    const { supersedeAgreement } = await import('./supersede-agreement');
    const s = await agreedCase();
    await signed(s);
    const [first] = await test.db.select().from(agreements).where(eq(agreements.id, s.agreementId));
    const refusal = { cause: { message: expect.stringMatching(/immutable/) } };
    await expect(test.db.execute(sql`update stored_files set bytes = 'x' where id = ${first!.borrowerSignedFileId}`)).rejects.toMatchObject(refusal);
    await expect(test.db.execute(sql`update agreements set borrower_signed_sha256 = 'forged' where id = ${first!.id}`)).rejects.toMatchObject(refusal);
    await expect(test.db.execute(sql`update agreements set snapshot = '{}'::jsonb where id = ${first!.id}`)).rejects.toMatchObject(refusal);

    await supersedeAgreement(s.mediatorCtx, s.agreementId, '首期还款日需要更正');
    expect((await test.db.select().from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('negotiating');
    const { offerIds } = await requestSuggestions(s.borrowerCtx, s.kase.id);
    await acceptOffer(s.borrowerCtx, offerIds[0]);
    const all = await test.db.select().from(agreements).where(eq(agreements.caseId, s.kase.id));
    expect(all).toHaveLength(2);
    const second = all.find((a) => a.id !== first!.id)!;
    expect(second).toMatchObject({ supersedesId: first!.id, status: 'awaiting_borrower' });
    expect(all.find((a) => a.id === first!.id)).toMatchObject({ status: 'superseded', borrowerSignedSha256: first!.borrowerSignedSha256 });
    // The public verification of the first one says it was replaced, and by which.
    const replaced = { agreementNo: second.agreementNo, status: 'awaiting_borrower', verificationCode: second.verificationCode };
    expect(await verifyAgreementCode(meta, first!.verificationCode)).toMatchObject({ verdict: 'code_found', status: 'superseded', supersededBy: replaced });
    const { bytes } = await readAgreementFile(s.borrowerCtx, first!.id, 'signed');
    expect(await verifyAgreementFile(meta, bytes)).toMatchObject({ verdict: 'authentic', status: 'superseded', supersededBy: replaced });
    expect(await verifyAgreementCode(meta, second.verificationCode)).toMatchObject({ supersededBy: null });
  });
});

describe('an extension', () => {
  it('defect 7: countersigning moves the loan’s maturity, and the next extension is measured from it', async () => {
    // A 12-month loan that started five months ago, the fifth installment missed: 7 months to run, 12 of extension allowed.
    const creditor = await makeCreditor(test.db);
    const mediator = await makeStaff(test.db, creditor.id, 'mediator', 'mediator password');
    const borrower = await makeBorrower(test.db, { fullName: '钱展期' });
    const { case: template } = await makeLoanWithCase(test.db, creditor.id, borrower.id, mediator.id);
    const today = todayIn('Asia/Shanghai');
    const startDate = addMonths(today, -5, 10);
    const firstDueDate = addMonths(startDate, 1);
    const schedule = buildSchedule({ principal: 6_000_000, annualRatePpm: 72_000, months: 12, method: 'equal_installment', firstDueDate });
    await test.db.update(loans).set({ startDate, firstDueDate, maturityDate: schedule.at(-1)!.dueDate, extendedMonths: 0, ...scheduleColumns(schedule) }).where(eq(loans.id, template.loanId));
    const borrowerCtx: Ctx = { actor: { type: 'borrower', id: borrower.id }, meta };
    const mediatorCtx: Ctx = { actor: { type: 'staff', id: mediator.id, role: 'mediator', creditorId: creditor.id }, meta };

    const { offerId } = await proposeOffer(mediatorCtx, { caseId: template.id, terms: { extensionMonths: 3 } });
    await acceptOffer(borrowerCtx, offerId);
    const [agreement] = await test.db.select().from(agreements).where(eq(agreements.caseId, template.id));
    const s = { kase: template, borrower, borrowerCtx, mediatorCtx, agreementId: agreement!.id };
    await signed(s);
    await makeSealAuthorisation(test.db, creditor.id);
    await countersign(mediatorCtx, s.agreementId, { password: 'mediator password' });

    const snapshot = agreement!.snapshot as unknown as AgreementSnapshot;
    const newMaturity = addMonths(schedule.at(-1)!.dueDate, 3);
    expect(snapshot.priced.newMaturityDate).toBe(newMaturity);
    const [loan] = await test.db.select().from(loans).where(eq(loans.id, template.loanId));
    expect(loan).toMatchObject({ maturityDate: newMaturity, extendedMonths: 3, status: 'restructured' });
    // The next extension starts from the moved maturity, and art. 12 counts the 3 months already granted.
    const [kase] = await test.db.select().from(cases).where(eq(cases.id, template.id));
    const context = await loadOfferContext(test.db, kase!);
    expect(context.loan).toMatchObject({ maturityDate: newMaturity, extendedMonths: 3 });
    expect(priceOffer(context, { extensionMonths: 9 }).newMaturityDate).toBe(addMonths(newMaturity, 9));
    expect(checkOffer(context, { extensionMonths: 9 }, 'supervisor')).toEqual({ ok: true });
    expect(checkOffer(context, { extensionMonths: 10 }, 'supervisor')).toMatchObject({ ok: false, violations: [{ rule: 'extension.limit' }] });
  });
});
