import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, notifications, staffUsers } from '@/db/schema';
import type { Ctx } from '@/lib/server/actor';
import { countersign } from '@/lib/server/agreements/countersign';
import { ensureUnsignedDocument } from '@/lib/server/agreements/prepare-document';
import { requestSigningCode } from '@/lib/server/agreements/request-signing-code';
import { grantSealAuthorisation, sealAuthorisationInForce } from '@/lib/server/agreements/seal-authorisation';
import { signAsBorrower } from '@/lib/server/agreements/sign-as-borrower';
import { acceptOffer } from '@/lib/server/offers/accept-offer';
import { requestSuggestions } from '@/lib/server/offers/suggest-offers';
import { DEMO_PASSWORD } from './demo-data';

/** Who authorises the demo creditor's seal. */
export const DEMO_SEAL_SIGNATORY = '法定代表人 陈立新';

export const seedMeta = { ip: '127.0.0.1', userAgent: 'Concord demo seed' };

type StaffRow = typeof staffUsers.$inferSelect;
export const staffCtxOf = (staff: StaffRow): Ctx => ({ actor: { type: 'staff', id: staff.id, role: staff.role, creditorId: staff.creditorId }, meta: seedMeta });
export const borrowerCtxOf = (borrowerId: string): Ctx => ({ actor: { type: 'borrower', id: borrowerId }, meta: seedMeta });

export async function staffByEmail(email: string): Promise<StaffRow> {
  const [staff] = await getDb().select().from(staffUsers).where(eq(staffUsers.email, email));
  if (!staff) throw new Error(`demo staff ${email} missing`);
  return staff;
}

/** The borrower asks for suggestions and accepts the first: the case is `agreed`, its agreement awaits their signature. */
export async function acceptFirstSuggestion(borrowerCtx: Ctx, caseId: string): Promise<string> {
  const { offerIds } = await requestSuggestions(borrowerCtx, caseId);
  await acceptOffer(borrowerCtx, offerIds[0]);
  const [agreement] = await getDb().select({ id: agreements.id }).from(agreements).where(eq(agreements.caseId, caseId)).orderBy(desc(agreements.createdAt)).limit(1);
  return agreement!.id;
}

/** The borrower reads the agreement, asks for the code, and signs with the one texted to their phone. */
export async function signWithTextedCode(borrowerCtx: Ctx, agreementId: string, borrower: { phone: string; fullName: string }) {
  await ensureUnsignedDocument(borrowerCtx, agreementId);
  await requestSigningCode(borrowerCtx, agreementId);
  const [sms] = await getDb()
    .select({ body: notifications.body })
    .from(notifications)
    .where(and(eq(notifications.toAddress, borrower.phone), eq(notifications.template, 'signCode')))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  const code = /\d{6}/.exec(sms!.body)![0];
  await signAsBorrower(borrowerCtx, agreementId, { consent: true, code, typedName: borrower.fullName });
}

/** The case's mediator countersigns; the creditor's seal is applied under the standing authorisation its admin grants first. */
export async function countersignAsMediator(mediator: StaffRow, agreementId: string, creditorId: string) {
  if (!(await sealAuthorisationInForce(getDb(), creditorId))) {
    const admin = await staffByEmail('admin@concord.demo');
    await grantSealAuthorisation(staffCtxOf(admin), { creditorId, signatory: DEMO_SEAL_SIGNATORY });
  }
  await countersign(staffCtxOf(mediator), agreementId, { password: DEMO_PASSWORD });
}
