import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@/db/client';
import { auditEvents, borrowers, cases, creditors, loans, payments, staffUsers } from '@/db/schema';
import { caseStates, openMediationStates } from '@/lib/domain/case-state';
import { daysBetween, dpdBucket, todayIn } from '@/lib/domain/dates';
import { isValidResidentId, maskResidentId } from '@/lib/domain/identity';
import { defaultPolicy } from '@/lib/domain/policy';
import { scheduleOf } from '@/lib/domain/stored-schedule';
import { verifyAuditChain } from '@/lib/server/audit';
import { decryptField, lookupHash } from '@/lib/server/crypto';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { DEMO_CREDITOR_CODE, seedDemo } from './demo';
import { seedExecutedAgreement } from './executed-agreement';
import { generateCases } from './generate';

const tables = ['creditors', 'staff_users', 'borrowers', 'loans', 'payments', 'cases', 'contact_records', 'negotiation_messages', 'audit_events'];

async function rowCounts(db: Database) {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

/** Walks a loan's schedule against the payments received before `date`: the first unpaid due date and what is overdue then. */
function arrearsOn(date: string, schedule: { dueDate: string; principalDue: number; interestDue: number }[], paid: number) {
  let left = paid;
  let firstUnpaid: string | undefined;
  let overdue = 0;
  for (const inst of schedule) {
    const amount = inst.principalDue + inst.interestDue;
    if (firstUnpaid === undefined && left >= amount) {
      left -= amount;
      continue;
    }
    firstUnpaid ??= inst.dueDate;
    if (inst.dueDate < date) overdue += amount;
  }
  return { dpd: firstUnpaid ? Math.max(0, daysBetween(firstUnpaid, date)) : 0, overdue };
}

describe('demo seed', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('seeds exactly once, even when two seeds race, and re-running changes nothing', async () => {
    const other = createDatabase(t.url, 2);
    try {
      const results = await Promise.all([seedDemo(t.db), seedDemo(other.db)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    } finally {
      await other.pool.end();
    }
    const before = await rowCounts(t.db);
    expect(before.creditors).toBe(2); // the bank and the consumer-finance company the centre also serves
    expect(await seedDemo(t.db)).toEqual({ created: false });
    expect(await rowCounts(t.db)).toEqual(before);
    // The cases whose state stands for an agreement get there through the services (offers, agreement, signatures, plan).
    expect(await seedExecutedAgreement()).toBe(true);
    expect(await seedExecutedAgreement()).toBe(false);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'seed.demo'));
    expect(events).toHaveLength(1);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  }, 120_000); // the demo's histories are lived through the services: a dozen agreements signed, sealed and paid

  it('has the staff accounts, with the default policy', async () => {
    const [creditor] = await t.db.select().from(creditors).where(eq(creditors.code, DEMO_CREDITOR_CODE));
    expect(creditor?.policy).toEqual(defaultPolicy);
    expect(creditor?.creditCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
    const staff = await t.db.select().from(staffUsers);
    const [second] = await t.db.select().from(creditors).where(eq(creditors.code, 'DEMO-CF'));
    const employer = (id: string | null) => (id === null ? 'centre' : id === creditor!.id ? 'bank' : id === second!.id ? 'cf' : id);
    expect(staff.map((s) => [s.email, s.role, employer(s.creditorId)]).sort()).toEqual([
      ['admin@concord.demo', 'admin', 'centre'],
      ['centre.supervisor@concord.demo', 'supervisor', 'centre'],
      ['cf.mediator@concord.demo', 'mediator', 'cf'],
      ['mediator1@concord.demo', 'mediator', 'bank'],
      ['mediator2@concord.demo', 'mediator', 'bank'],
      ['mediator3@concord.demo', 'mediator', 'bank'],
      ['supervisor@concord.demo', 'supervisor', 'bank'],
    ]);
    expect(staff.every((s) => s.passwordHash.startsWith('$argon2id$'))).toBe(true);
  });

  it('stores valid resident IDs encrypted, hashed and masked, and valid unique phones', async () => {
    const rows = await t.db.select().from(borrowers);
    expect(rows.length).toBeGreaterThanOrEqual(25);
    for (const b of rows) {
      const id = decryptField(b.residentIdEnc);
      expect(isValidResidentId(id), id).toBe(true);
      expect(b.residentIdHash).toBe(lookupHash(id));
      expect(b.residentIdMasked).toBe(maskResidentId(id));
      expect(b.residentIdMasked).toMatch(/^[0-9]{4}\*{10}[0-9]{3}[0-9X]$/);
      expect(b.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    expect(new Set(rows.map((b) => b.phone)).size).toBe(rows.length);
    expect(rows.find((b) => b.phone === '13800138000')?.fullName).toBe('张伟');
    expect(rows.find((b) => b.phone === '13900139000')?.fullName).toBe('李娜');
    expect(rows.some((b) => /[龑昇]/.test(b.fullName))).toBe(true);
    expect(rows.some((b) => b.locale === 'en')).toBe(true);
  });

  it('covers every case state and every DPD bucket, with figures that follow from the loans', async () => {
    const caseRows = await t.db.select().from(cases);
    const loanRows = await t.db.select().from(loans);
    const paymentRows = await t.db.select().from(payments);
    const mediatorIds = new Set((await t.db.select().from(staffUsers).where(eq(staffUsers.role, 'mediator'))).map((s) => s.id));

    expect(new Set(caseRows.map((c) => c.state))).toEqual(new Set(caseStates));
    expect(new Set(loanRows.map((l) => l.repaymentMethod))).toEqual(new Set(['equal_installment', 'equal_principal', 'interest_only_bullet']));
    expect(caseRows.some((c) => c.assigneeId === null)).toBe(true);
    for (const loan of loanRows) {
      expect(loan.principal).toBeGreaterThanOrEqual(500_000);
      expect(loan.principal).toBeLessThanOrEqual(50_000_000);
      expect(loan.annualRatePpm).toBeGreaterThanOrEqual(40_000);
      expect(loan.annualRatePpm).toBeLessThanOrEqual(180_000);
      expect(loan.termMonths).toBeGreaterThanOrEqual(6);
      expect(loan.termMonths).toBeLessThanOrEqual(60);
    }

    const today = todayIn('Asia/Shanghai');
    const bucketsToday = new Set<string>();
    for (const c of caseRows) {
      const loan = loanRows.find((l) => l.id === c.loanId)!;
      const schedule = scheduleOf(loan);
      const loanPayments = paymentRows.filter((p) => p.loanId === loan.id);
      expect(schedule.reduce((sum, i) => sum + i.principalDue, 0)).toBe(loan.principal);

      const openedOn = todayIn('Asia/Shanghai', c.openedAt);
      const paidBefore = loanPayments.filter((p) => p.receivedOn < openedOn).reduce((sum, p) => sum + p.amount, 0);
      const atOpen = arrearsOn(openedOn, schedule, paidBefore);
      expect(c.dpdAtOpen, c.caseNo).toBe(atOpen.dpd);
      expect(c.arrearsAtOpen, c.caseNo).toBe(atOpen.overdue);
      expect(c.dpdAtOpen).toBeGreaterThan(0);
      expect(Number.isSafeInteger(c.arrearsAtOpen)).toBe(true);
      expect(c.mediationDeadline.getTime() - c.openedAt.getTime()).toBe(defaultPolicy.mediationWindowDays * 86_400_000);
      expect(c.closedAt !== null).toBe(['completed', 'escalated', 'closed'].includes(c.state));
      if (c.assigneeId) expect(mediatorIds.has(c.assigneeId)).toBe(true);

      if (loan.status === 'delinquent' || loan.status === 'restructured') {
        const paid = loanPayments.reduce((sum, p) => sum + p.amount, 0);
        bucketsToday.add(dpdBucket(arrearsOn(today, schedule, paid).dpd));
      }
    }
    expect(bucketsToday).toEqual(new Set(['M1', 'M2', 'M3', 'M4+']));
  });

  it('gives the two e2e borrowers the cases the tests expect', async () => {
    const casesOf = async (phone: string) =>
      t.db
        .select({ state: cases.state })
        .from(cases)
        .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
        .where(eq(borrowers.phone, phone));
    const zhang = await casesOf('13800138000');
    expect(zhang.length).toBeGreaterThanOrEqual(2);
    expect(zhang.some((c) => c.state === 'invited' || c.state === 'engaged')).toBe(true);
    expect(zhang.some((c) => c.state !== 'invited' && c.state !== 'engaged')).toBe(true);
    const li = await casesOf('13900139000');
    expect(li.some((c) => openMediationStates.includes(c.state))).toBe(true);
  });
});

describe('benchmark generator', () => {
  const options = { cases: 500, seed: 7, today: '2026-03-15' };

  async function generatedSnapshot(withDemo: boolean) {
    const t = await createTestDatabase();
    try {
      if (withDemo) await seedDemo(t.db);
      await generateCases(t.db, options);
      // A second run with the same seed notices the first and adds nothing.
      const before = await rowCounts(t.db);
      await generateCases(t.db, options);
      expect(await rowCounts(t.db)).toEqual(before);
      const { rows } = await t.db.execute(sql`
        select c.case_no, c.state, c.dpd_at_open, c.arrears_at_open, c.opened_at, c.closed_at, b.full_name, b.phone, b.resident_id_masked,
               l.contract_no, l.principal, l.annual_rate_ppm, l.term_months, l.repayment_method, l.status,
               cardinality(l.schedule_due_dates) as installments, l.schedule_due_dates, l.schedule_principal, l.schedule_interest,
               (select coalesce(sum(p.amount), 0)::bigint from payments p where p.loan_id = l.id) as paid
        from cases c join loans l on l.id = c.loan_id join borrowers b on b.id = c.borrower_id
        where c.case_no like 'CASE-GEN-%' order by c.case_no`);
      return rows;
    } finally {
      await t.drop();
    }
  }

  it('generates identical cases from the same seed, with or without the demo data', async () => {
    const first = await generatedSnapshot(true);
    const second = await generatedSnapshot(false);
    expect(first).toHaveLength(500);
    expect(first[0]).toMatchObject({ case_no: 'CASE-GEN-0000001' });
    expect(second).toEqual(first);
    expect(new Set(first.map((r) => r.state)).size).toBe(caseStates.length);
  });
});

describe('generated outcomes for the dashboard', () => {
  it('gives every generated case its facts, two creditors, and a realistic spread of outcomes', async () => {
    const t = await createTestDatabase();
    try {
      await seedDemo(t.db);
      await generateCases(t.db, { cases: 2000, seed: 11, today: '2026-06-30' });
      type Counts = Record<'cases' | 'facts' | 'creditors' | 'engaged' | 'signed' | 'concluded' | 'resolved' | 'self_served' | 'breached' | 'year_old' | 'out_of_order' | 'ended_without_outcome', number>;
      const { rows } = await t.db.execute<Counts>(sql`
        select count(*)::int as cases,
               count(f.case_id)::int as facts,
               count(distinct c.creditor_id)::int as creditors,
               count(f.engaged_at)::int as engaged, count(f.signed_at)::int as signed, count(f.concluded_at)::int as concluded,
               count(f.resolved_at)::int as resolved, count(*) filter (where f.resolved_at is not null and not f.staff_contact)::int as self_served,
               count(f.breached_at)::int as breached,
               count(*) filter (where f.signed_at + interval '12 months' <= timestamptz '2026-06-30 12:00+08')::int as year_old,
               count(*) filter (where f.signed_at < f.opened_at or f.breached_at < f.signed_at or f.engaged_at < f.opened_at)::int as out_of_order,
               count(*) filter (where c.state in ('completed', 'escalated', 'closed') and f.outcome is null)::int as ended_without_outcome
        from cases c left join case_facts f on f.case_id = c.id where c.case_no like 'CASE-GEN-%'`);
      const r = rows[0]!;
      expect(r.facts).toBe(r.cases);
      expect(r.creditors).toBe(2);
      expect(r.out_of_order).toBe(0);
      expect(r.ended_without_outcome).toBe(0);
      // Shares in the neighbourhood of what the generator aims at.
      expect(r.engaged / r.cases).toBeGreaterThan(0.5);
      expect(r.signed / r.cases).toBeGreaterThan(0.15);
      expect(r.resolved / r.concluded).toBeGreaterThan(0.4);
      expect(r.resolved / r.concluded).toBeLessThan(0.9);
      expect(r.self_served / r.resolved).toBeGreaterThan(0.2);
      expect(r.self_served / r.resolved).toBeLessThan(0.5);
      expect(r.breached).toBeGreaterThan(0);
      expect(r.year_old).toBeGreaterThan(0);
      const outcomes = await t.db.execute<{ outcome: string }>(sql`select distinct outcome::text from case_outcomes`);
      expect(outcomes.rows.map((o) => o.outcome).sort()).toEqual(['agreement_signed', 'borrower_unreachable', 'dispute', 'escalated_to_litigation', 'no_agreement', 'paid_in_full', 'partial_settlement', 'withdrawn_by_creditor']);
    } finally {
      await t.drop();
    }
  });
});
