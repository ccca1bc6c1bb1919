import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, hardshipStatements } from '@/db/schema';
import { computeAffordability, type Affordability, type HardshipNumbers } from '@/lib/domain/hardship';
import type { HardshipDraftData } from '@/lib/validation/hardship';
import type { Actor } from '../actor';
import { loadVisibleCase } from '../cases/case-access';
import { listEvidence, type EvidenceDto } from './evidence';

export type StatementDto = {
  id: string;
  version: number;
  status: 'draft' | 'submitted' | 'superseded';
  step: number;
  rowVersion: number;
  data: HardshipDraftData;
  affordability: Affordability | null;
  submittedAt: string | null;
  evidence: EvidenceDto[];
  /** What the borrower was typing on a step not saved yet (drafts only), to refill the form. */
  typing: { step: string; values: Record<string, unknown>; savedAt: string } | null;
};

/** Affordability once enough is filled in to compute it (household, income, costs). */
export function affordabilityOf(data: HardshipDraftData): Affordability | null {
  if (!data.household || !data.income || !data.costs) return null;
  return computeAffordability({
    household: data.household,
    income: data.income,
    fixedCosts: data.costs.fixedCosts,
    flexibleCosts: data.costs.flexibleCosts,
    debts: data.debts ?? [],
  } as HardshipNumbers);
}

/**
 * A case's hardship statements, newest first. The borrower also gets their
 * open draft; staff see only what was submitted.
 */
export async function getHardshipStatements(actor: Actor, caseId: unknown): Promise<{ caseId: string; caseNo: string; caseState: string; timeZone: string; statements: StatementDto[] }> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const [rows, [borrower]] = await Promise.all([
    db.select().from(hardshipStatements).where(eq(hardshipStatements.caseId, kase.id)).orderBy(desc(hardshipStatements.version)),
    db.select({ timezone: borrowers.timezone }).from(borrowers).where(eq(borrowers.id, kase.borrowerId)),
  ]);
  const visible = actor.type === 'borrower' ? rows : rows.filter((r) => r.status !== 'draft');
  const evidence = await listEvidence(db, visible.map((row) => row.id));
  const statements = visible.map((row) => ({
      id: row.id,
      version: row.version,
      status: row.status,
      step: row.step,
      rowVersion: row.rowVersion,
      data: row.data,
      affordability: affordabilityOf(row.data),
      submittedAt: row.submittedAt?.toISOString() ?? null,
      evidence: evidence.get(row.id) ?? [],
      typing: row.status === 'draft' ? (row.typing ?? null) : null,
  }));
  return { caseId: kase.id, caseNo: kase.caseNo, caseState: kase.state, timeZone: borrower?.timezone ?? 'Asia/Shanghai', statements };
}
