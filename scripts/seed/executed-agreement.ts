import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, borrowers, cases, creditors, notifications, staffUsers } from '@/db/schema';
import type { Ctx } from '@/lib/server/actor';
import { countersign } from '@/lib/server/agreements/countersign';
import { grantSealAuthorisation, sealAuthorisationInForce } from '@/lib/server/agreements/seal-authorisation';
import { ensureUnsignedDocument } from '@/lib/server/agreements/prepare-document';
import { requestSigningCode } from '@/lib/server/agreements/request-signing-code';
import { signAsBorrower } from '@/lib/server/agreements/sign-as-borrower';
import { acceptOffer } from '@/lib/server/offers/accept-offer';
import { requestSuggestions } from '@/lib/server/offers/suggest-offers';
import { DEMO_CREDITOR_CODE, DEMO_PASSWORD } from './demo-data';

/** Who authorises the demo creditor's seal. */
export const DEMO_SEAL_SIGNATORY = '法定代表人 陈立新';

const BORROWER = '赵强';
const meta = { ip: '127.0.0.1', userAgent: 'Concord demo seed' };

/**
 * One fully executed agreement in the demo, made by the real code path: the
 * borrower accepts a suggested offer, signs with the SMS code from the outbox,
 * and mediator1 signs as mediator, the creditor's seal applied under the
 * standing authorisation the demo admin grants first. Runs on the app's database handle (connectDb first).
 */
export async function seedExecutedAgreement(): Promise<boolean> {
  const db = getDb();
  const [row] = await db
    .select({ kase: cases, borrower: borrowers })
    .from(cases)
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(eq(borrowers.fullName, BORROWER), eq(creditors.code, DEMO_CREDITOR_CODE)))
    .limit(1);
  if (!row || row.kase.state !== 'engaged') return false; // already done, or no demo data
  const [mediator] = await db.select().from(staffUsers).where(eq(staffUsers.email, 'mediator1@concord.demo'));
  const [admin] = await db.select().from(staffUsers).where(eq(staffUsers.email, 'admin@concord.demo'));
  if (!mediator || !admin) return false;
  // The demo creditor's admin has authorised Concord to apply its seal (the admin page shows it and can revoke it).
  if (!(await sealAuthorisationInForce(db, row.kase.creditorId))) {
    await grantSealAuthorisation({ actor: { type: 'staff', id: admin.id, role: 'admin', creditorId: admin.creditorId }, meta }, { creditorId: row.kase.creditorId, signatory: DEMO_SEAL_SIGNATORY });
  }
  const borrowerCtx: Ctx = { actor: { type: 'borrower', id: row.borrower.id }, meta };
  const mediatorCtx: Ctx = { actor: { type: 'staff', id: mediator.id, role: 'mediator', creditorId: mediator.creditorId }, meta };

  const { offerIds } = await requestSuggestions(borrowerCtx, row.kase.id);
  await acceptOffer(borrowerCtx, offerIds[0]);
  const [agreement] = await db.select().from(agreements).where(eq(agreements.caseId, row.kase.id)).orderBy(desc(agreements.createdAt)).limit(1);
  await ensureUnsignedDocument(borrowerCtx, agreement!.id);
  await requestSigningCode(borrowerCtx, agreement!.id);
  const [sms] = await db
    .select({ body: notifications.body })
    .from(notifications)
    .where(and(eq(notifications.toAddress, row.borrower.phone), eq(notifications.template, 'signCode')))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  const code = /\d{6}/.exec(sms!.body)![0];
  await signAsBorrower(borrowerCtx, agreement!.id, { consent: true, code, typedName: row.borrower.fullName });
  await countersign(mediatorCtx, agreement!.id, { password: DEMO_PASSWORD });
  return true;
}
