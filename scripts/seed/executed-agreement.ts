import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, cases, creditors, staffUsers } from '@/db/schema';
import { seedCaseHistories } from './case-histories';
import { DRIVEN_STATES } from './demo';
import { DEMO_CREDITOR_CODE, DEMO_SECOND_CREDITOR_CODE, demoBorrowers } from './demo-data';
import { acceptFirstSuggestion, borrowerCtxOf, countersignAsMediator, signWithTextedCode } from './drive';

/**
 * The demo's agreements, made by the real code path, so that a case in a state that stands for an agreement has one
 * (a borrower of an 'agreed' case taps "review and sign" and finds the agreement, not a missing page): each borrower
 * below accepts a suggested offer; to 'signed_by_borrower' and on, signs with the SMS code from the outbox; to
 * 'plan_active' (赵强's, whose plan starts today), the case's mediator signs as mediator, the creditor's seal applied
 * under the standing authorisation the creditor's admin grants first. 赵强's case is the fully executed agreement the
 * README and the tests use; the plans under way for weeks live their history (case-histories.ts).
 * The seed leaves these cases 'engaged' (demo.ts, DRIVEN_STATES). Runs on the app's database handle (connectDb
 * first); true when it drove any case (false once done, or with no demo data).
 */
export async function seedExecutedAgreement(): Promise<boolean> {
  const targets = [
    { name: '赵强', state: 'plan_active' as const },
    ...demoBorrowers.flatMap((b) => b.loans.flatMap((l) => (l.case && (DRIVEN_STATES as readonly string[]).includes(l.case.state) ? [{ name: b.name, state: l.case.state as DrivenState }] : []))),
  ];
  // The ended and broken cases first, in the order things happened to them, on the seed's clock (case-histories.ts);
  // then these, today.
  let drove = await seedCaseHistories();
  for (const target of targets) drove = (await driveDemoCase(target.name, target.state)) || drove;
  return drove;
}

type DrivenState = (typeof DRIVEN_STATES)[number] | 'plan_active';

async function driveDemoCase(borrowerName: string, to: DrivenState): Promise<boolean> {
  const db = getDb();
  const [row] = await db
    .select({ kase: cases, borrower: borrowers, creditor: creditors })
    .from(cases)
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(eq(borrowers.fullName, borrowerName), inArray(creditors.code, [DEMO_CREDITOR_CODE, DEMO_SECOND_CREDITOR_CODE]), eq(cases.state, 'engaged')))
    .limit(1);
  if (!row) return false; // already done, or no demo data
  const borrowerCtx = borrowerCtxOf(row.borrower.id);
  const agreementId = await acceptFirstSuggestion(borrowerCtx, row.kase.id);
  if (to === 'agreed') return true;
  await signWithTextedCode(borrowerCtx, agreementId, row.borrower);
  if (to === 'signed_by_borrower') return true;
  // The case's own mediator signs (赵强's is mediator1).
  const [mediator] = await db.select().from(staffUsers).where(row.kase.assigneeId ? eq(staffUsers.id, row.kase.assigneeId) : eq(staffUsers.email, 'mediator1@concord.demo'));
  if (!mediator) return false;
  await countersignAsMediator(mediator, agreementId, row.kase.creditorId);
  return true;
}
