import { and, desc, eq, inArray } from 'drizzle-orm';
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
import { DRIVEN_STATES } from './demo';
import { DEMO_CREDITOR_CODE, DEMO_PASSWORD, DEMO_SECOND_CREDITOR_CODE, demoBorrowers } from './demo-data';

/** Who authorises the demo creditor's seal. */
export const DEMO_SEAL_SIGNATORY = '法定代表人 陈立新';

const meta = { ip: '127.0.0.1', userAgent: 'Concord demo seed' };

/**
 * The demo's agreements, made by the real code path, so that a case in a state that stands for an agreement has one
 * (a borrower of an 'agreed' case taps "review and sign" and finds the agreement, not a missing page): each borrower
 * below accepts a suggested offer; to 'signed_by_borrower' and on, signs with the SMS code from the outbox; to
 * 'plan_active', the case's mediator signs as mediator, the creditor's seal applied under the standing authorisation
 * the creditor's admin grants first. 赵强's case is the one fully executed agreement the README and the tests use.
 * The seed leaves these cases 'engaged' (demo.ts, DRIVEN_STATES). Runs on the app's database handle (connectDb
 * first); true when it drove any case (false once done, or with no demo data).
 */
export async function seedExecutedAgreement(): Promise<boolean> {
  const targets = [
    { name: '赵强', state: 'plan_active' as const },
    ...demoBorrowers.flatMap((b) => b.loans.flatMap((l) => (l.case && (DRIVEN_STATES as readonly string[]).includes(l.case.state) ? [{ name: b.name, state: l.case.state as (typeof DRIVEN_STATES)[number] }] : []))),
  ];
  let drove = false;
  for (const target of targets) drove = (await driveDemoCase(target.name, target.state)) || drove;
  return drove;
}

async function driveDemoCase(borrowerName: string, to: (typeof DRIVEN_STATES)[number]): Promise<boolean> {
  const db = getDb();
  const [row] = await db
    .select({ kase: cases, borrower: borrowers, creditor: creditors })
    .from(cases)
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(eq(borrowers.fullName, borrowerName), inArray(creditors.code, [DEMO_CREDITOR_CODE, DEMO_SECOND_CREDITOR_CODE]), eq(cases.state, 'engaged')))
    .limit(1);
  if (!row) return false; // already done, or no demo data
  const borrowerCtx: Ctx = { actor: { type: 'borrower', id: row.borrower.id }, meta };
  const { offerIds } = await requestSuggestions(borrowerCtx, row.kase.id);
  await acceptOffer(borrowerCtx, offerIds[0]);
  if (to === 'agreed') return true;
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
  if (to === 'signed_by_borrower') return true;
  // The case's own mediator signs (赵强's is mediator1); the creditor's admin has authorised Concord to apply its seal.
  const [mediator] = await db.select().from(staffUsers).where(row.kase.assigneeId ? eq(staffUsers.id, row.kase.assigneeId) : eq(staffUsers.email, 'mediator1@concord.demo'));
  const [admin] = await db.select().from(staffUsers).where(eq(staffUsers.email, 'admin@concord.demo'));
  if (!mediator || !admin) return false;
  if (!(await sealAuthorisationInForce(db, row.kase.creditorId))) {
    await grantSealAuthorisation({ actor: { type: 'staff', id: admin.id, role: 'admin', creditorId: admin.creditorId }, meta }, { creditorId: row.kase.creditorId, signatory: DEMO_SEAL_SIGNATORY });
  }
  const mediatorCtx: Ctx = { actor: { type: 'staff', id: mediator.id, role: 'mediator', creditorId: mediator.creditorId }, meta };
  await countersign(mediatorCtx, agreement!.id, { password: DEMO_PASSWORD });
  return true;
}
