import 'server-only';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { caseFacts, cases, creditors, staffUsers } from '@/db/schema';
import type { CaseState } from '@/lib/domain/case-state';
import { dpdBuckets, type DashboardBucket } from '@/lib/domain/dashboard';
import type { OutcomeKind } from '@/lib/domain/outcomes';
import type { DashboardFilter } from '@/lib/validation/dashboard';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { getDashboard, type DashboardData } from './get-dashboard';
import { assertDashboardViewer, factsWhere } from './dashboard-scope';

export type ExportedCase = {
  caseNo: string;
  creditorCode: string;
  state: CaseState;
  bucket: DashboardBucket;
  assignee: string | null;
  openedAt: Date;
  engagedAt: Date | null;
  hardshipAt: Date | null;
  offeredAt: Date | null;
  signedAt: Date | null;
  breachedAt: Date | null;
  completedAt: Date | null;
  outcome: OutcomeKind | null;
  outcomeAt: Date | null;
  resolved: boolean;
  staffContact: boolean;
  restructured: number;
  waived: number;
  recovered: number;
};

const BATCH = 5000;

/**
 * The figures of one filter, for a CSV download: the same numbers as the page,
 * and the download recorded in the audit trail (who, which filter).
 */
export async function exportDashboardFigures(ctx: Ctx, filter: DashboardFilter, now = new Date()): Promise<DashboardData> {
  assertDashboardViewer(ctx.actor);
  const data = await getDashboard(ctx.actor, filter, now);
  await getDb().transaction((tx) => recordAudit(tx, ctx, { action: 'dashboard.exported', data: { kind: 'figures', filter, opened: data.counts.opened } }));
  return data;
}

/**
 * The cases behind the figures, for a CSV download, read in batches (a filter
 * may select 100,000 cases) in case-number order. The download is audited
 * before the first row leaves, with how many rows it holds.
 */
export async function exportDashboardCases(ctx: Ctx, filter: DashboardFilter): Promise<{ total: number; rows: AsyncGenerator<ExportedCase[]> }> {
  const { actor } = ctx;
  assertDashboardViewer(actor);
  const db = getDb();
  const where = factsWhere(actor, filter);
  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(caseFacts).where(where);
  await db.transaction((tx) => recordAudit(tx, ctx, { action: 'dashboard.exported', data: { kind: 'cases', filter, rows: total } }));
  async function* batches(): AsyncGenerator<ExportedCase[]> {
    let after = '';
    for (;;) {
      const rows = await db
        .select({
          caseNo: cases.caseNo,
          creditorCode: creditors.code,
          state: cases.state,
          bucket: caseFacts.bucket,
          assignee: staffUsers.name,
          openedAt: caseFacts.openedAt,
          engagedAt: caseFacts.engagedAt,
          hardshipAt: caseFacts.hardshipAt,
          offeredAt: caseFacts.offeredAt,
          signedAt: caseFacts.signedAt,
          breachedAt: caseFacts.breachedAt,
          completedAt: caseFacts.completedAt,
          outcome: caseFacts.outcome,
          outcomeAt: caseFacts.outcomeAt,
          resolvedAt: caseFacts.resolvedAt,
          staffContact: caseFacts.staffContact,
          restructured: caseFacts.restructured,
          waived: caseFacts.waived,
          recovered: caseFacts.recovered,
        })
        .from(caseFacts)
        .innerJoin(cases, eq(cases.id, caseFacts.caseId))
        .innerJoin(creditors, eq(creditors.id, caseFacts.creditorId))
        .leftJoin(staffUsers, eq(staffUsers.id, caseFacts.assigneeId))
        .where(and(where, after ? gt(cases.caseNo, after) : undefined))
        .orderBy(asc(cases.caseNo))
        .limit(BATCH);
      if (rows.length === 0) return;
      yield rows.map(({ resolvedAt, bucket, ...r }) => ({ ...r, bucket: dpdBuckets[bucket] ?? 'M4+', resolved: resolvedAt !== null }));
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1]!.caseNo;
    }
  }
  return { total, rows: batches() };
}
