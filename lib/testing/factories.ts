import crypto from 'node:crypto';
import type { Database } from '@/db/client';
import { borrowers, cases, creditors, loans, payments, sealAuthorisations, staffUsers } from '@/db/schema';
import { addMonths } from '@/lib/domain/dates';
import { maskResidentId, residentIdCheckChar } from '@/lib/domain/identity';
import { defaultPolicy } from '@/lib/domain/policy';
import { buildSchedule } from '@/lib/domain/schedule';
import { scheduleColumns } from '@/lib/domain/stored-schedule';
import { hashPassword } from '@/lib/server/auth/passwords';
import { encryptField, lookupHash } from '@/lib/server/crypto';

/** Test data built from scratch, unique per call, so tests never depend on each other's rows. */
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;

export function randomPhone() {
  return `13${String(crypto.randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

export function randomResidentId() {
  const first17 = `330102${1970 + crypto.randomInt(0, 30)}0${crypto.randomInt(1, 10)}1${crypto.randomInt(0, 10)}${String(crypto.randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export async function makeCreditor(db: Database) {
  const code = `T-${unique()}`;
  const [row] = await db
    .insert(creditors)
    .values({ code, name: `测试银行${code}`, nameEn: `Test Bank ${code}`, creditCode: '91330000MA0000000X', registeredAddress: '测试地址', servicePhone: '95500', court: '测试法院', policy: defaultPolicy })
    .returning();
  return row!;
}

export async function makeStaff(db: Database, creditorId: string | null, role: 'mediator' | 'supervisor' | 'admin' = 'mediator', password = 'correct horse battery') {
  const [row] = await db
    .insert(staffUsers)
    .values({ creditorId, email: `${role}-${unique()}@test.example`, name: `员工${unique()}`, role, passwordHash: await hashPassword(password) })
    .returning();
  return row!;
}

/** The creditor's standing authorisation to apply its seal, granted by a new admin of it (countersigning needs one in force). */
export async function makeSealAuthorisation(db: Database, creditorId: string, signatory = '法定代表人 测试') {
  const admin = await makeStaff(db, creditorId, 'admin');
  const [row] = await db.insert(sealAuthorisations).values({ creditorId, signatory, grantedBy: admin.id }).returning();
  return row!;
}

export async function makeBorrower(db: Database, overrides: { phone?: string; fullName?: string; timezone?: string; locale?: string } = {}) {
  const id = randomResidentId();
  const [row] = await db
    .insert(borrowers)
    .values({
      fullName: overrides.fullName ?? '测试借款人',
      residentIdEnc: encryptField(id),
      residentIdHash: lookupHash(id),
      residentIdMasked: maskResidentId(id),
      phone: overrides.phone ?? randomPhone(),
      ...(overrides.timezone ? { timezone: overrides.timezone } : {}),
      ...(overrides.locale ? { locale: overrides.locale } : {}),
    })
    .returning();
  return row!;
}

/** A 12-month loan with its schedule, and a case opened on it (`caseValues` override the case's columns). */
export async function makeLoanWithCase(db: Database, creditorId: string, borrowerId: string, assigneeId?: string, caseValues: Partial<typeof cases.$inferInsert> = {}) {
  const firstDueDate = '2026-01-15';
  const schedule = buildSchedule({ principal: 6_000_000, annualRatePpm: 72_000, months: 12, method: 'equal_installment', firstDueDate });
  const [loan] = await db
    .insert(loans)
    .values({
      creditorId,
      borrowerId,
      contractNo: `TC-${unique()}`,
      product: '个人消费贷',
      principal: 6_000_000,
      annualRatePpm: 72_000,
      termMonths: 12,
      repaymentMethod: 'equal_installment',
      startDate: '2025-12-15',
      firstDueDate,
      maturityDate: addMonths(firstDueDate, 11),
      status: 'delinquent',
      ...scheduleColumns(schedule),
    })
    .returning();
  const [kase] = await db
    .insert(cases)
    .values({
      caseNo: `TCASE-${unique()}`,
      creditorId,
      borrowerId,
      loanId: loan!.id,
      assigneeId,
      dpdAtOpen: 45,
      arrearsAtOpen: 1_000_000,
      mediationDeadline: new Date(Date.now() + 30 * 86_400_000),
      ...caseValues,
    })
    .returning();
  return { loan: loan!, case: kase! };
}

/** A payment received on a loan (as the creditor's payment import records it). */
export async function makePayment(db: Database, loanId: string, payment: { receivedOn: string; amount: number; channel?: string }) {
  const [row] = await db
    .insert(payments)
    .values({ loanId, receivedOn: payment.receivedOn, amount: payment.amount, channel: payment.channel ?? 'bank_transfer', reference: `PAY-${unique()}` })
    .returning();
  return row!;
}
